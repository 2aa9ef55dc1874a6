import requests

requests.get("https://example.org", timeout=10)
