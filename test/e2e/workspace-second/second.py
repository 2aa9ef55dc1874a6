# The second root of the multi-root workspace (no .tlslint.json here: defaults apply).
import requests

requests.get("https://example.org", verify=False)
