"""Downloads the nightly report. A typical script written behind a corporate proxy."""
import ssl

import requests

REPORT_URL = "https://reports.example.com/nightly.csv"


def download() -> bytes:
    # The proxy's certificate was not trusted, so verification was switched off.
    response = requests.get(REPORT_URL, verify=False, timeout=30)
    response.raise_for_status()
    return response.content


def legacy_context() -> ssl.SSLContext:
    return ssl.SSLContext(ssl.PROTOCOL_TLSv1)


def secure_download() -> bytes:
    # Verification on (the default): not reported, nor is this comment's verify=False.
    return requests.get(REPORT_URL, timeout=30).content
