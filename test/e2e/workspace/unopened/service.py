# Never opened by the tests: only the workspace scan can report it.
import requests

SESSION_URL = "https://internal.example"


def ping():
    return requests.head(SESSION_URL, verify=False)
