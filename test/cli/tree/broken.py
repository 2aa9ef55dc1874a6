import requests


def fetch(url:
    return requests.get(url, verify=False)


def other(url):
    return requests.post(url, verify=False)
