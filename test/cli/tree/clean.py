import ssl

import requests


def fetch(url):
    return requests.get(url, timeout=10)


CONTEXT = ssl.create_default_context()
