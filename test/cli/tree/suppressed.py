import requests


def fetch_internal(url):
    # tlslint-disable-next-line cert-verification-disabled -- test fixture server with a self-signed certificate
    return requests.get(url, verify=False)
