import requests


def post(url, body):
    return requests.post(url, json=body, verify=False)
