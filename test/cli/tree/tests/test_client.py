import requests


def test_fetch(url):
    assert requests.get(url, verify=False).ok
