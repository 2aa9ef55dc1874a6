# Ignored through .tlslint.json's "ignore": the workspace scan must not report it.
import requests

requests.get("https://example.org", verify=False)
