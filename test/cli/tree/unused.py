import requests


def fetch(url):
    # tlslint-disable-next-line cert-verification-disabled -- stale: verification is on now
    return requests.get(url, verify=True)
