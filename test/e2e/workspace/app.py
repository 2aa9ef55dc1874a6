"""A client that skips certificate verification: the extension must flag it."""
import requests


def fetch(url):
    return requests.get(url, verify=False)
