import requests


def get(url):
    return requests.get(url, verify=False)


def put(url, body):
    return requests.put(url, data=body, verify=False)
