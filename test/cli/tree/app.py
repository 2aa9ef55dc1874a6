import ssl

import requests


def fetch(url):
    return requests.get(url, verify=False)


def legacy_context():
    return ssl.SSLContext(ssl.PROTOCOL_TLSv1)


def café(url):
    # Non-ASCII text before the finding: columns count UTF-16 code units.
    session = requests.Session()
    return session.post(url, data="ünïcödé", verify=False)
