// Engine tests for the Python third-party library detectors (requests, httpx, aiohttp, urllib3, pyOpenSSL,
// pycurl, environment toggles): which detector owns a shared construct, fixes applied together, and the
// library facts the fixes rely on.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../../server/src/engine/fix';
import type { Finding } from '../../server/src/engine/types';
import { check, getGrammars, lineOf } from '../helpers';

function summary(text: string, findings: Finding[]): string[] {
  return findings.map((f) => `${lineOf(text, f.start)} ${f.rule} ${f.detector}`);
}

async function fixed(text: string, unsafe = false): Promise<string> {
  return fixAll({ text, path: 'example.py' }, await getGrammars(), { unsafe }).text;
}

describe('python library detectors', () => {
  it('report urllib3 cert_reqs=ssl.CERT_NONE once, with the urllib3 detector and its safe fix', async () => {
    const text = 'import ssl\nimport urllib3\nhttp = urllib3.PoolManager(cert_reqs=ssl.CERT_NONE)\n';
    const result = await check(text, 'example.py');
    assert.deepEqual(summary(text, result.findings), ['3 cert-verification-disabled python.urllib3-cert-reqs']);
    assert.equal(result.findings[0].fixes[0].safety, 'safe');
    assert.equal(
      await fixed(text),
      'import ssl\nimport urllib3\nhttp = urllib3.PoolManager(cert_reqs=ssl.CERT_REQUIRED)\n',
    );
  });

  it('fix aiohttp by removing ssl=False, never by ssl=True (older 3.x skipped verification for True)', async () => {
    const text = 'import aiohttp\nconn = aiohttp.TCPConnector(limit=4, ssl=False)\n';
    assert.equal(await fixed(text), 'import aiohttp\nconn = aiohttp.TCPConnector(limit=4)\n');
  });

  it('leave a pass where removing the only statement of a block would empty it', async () => {
    const text = 'import urllib3\nif True:\n    urllib3.disable_warnings()\nprint(1)\n';
    assert.equal(await fixed(text), 'import urllib3\nif True:\n    pass\nprint(1)\n');
  });

  it('fix verify=False, the warning suppression and the env toggle of one script together', async () => {
    const text = [
      'import os',
      'import requests',
      'import urllib3',
      'urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)',
      'os.environ["PYTHONHTTPSVERIFY"] = "0"',
      'requests.get("https://example.com", verify=False)',
      '',
    ].join('\n');
    const result = await check(text, 'script.py');
    assert.deepEqual(summary(text, result.findings), [
      '4 insecure-warning-suppressed python.urllib3-disable-warnings',
      '5 cert-verification-disabled python.environ-verify-disabled',
      '6 cert-verification-disabled python.requests-verify',
    ]);
    assert.equal(
      await fixed(text),
      [
        'import os',
        'import requests',
        'import urllib3',
        'os.environ["PYTHONHTTPSVERIFY"] = "1"',
        'requests.get("https://example.com", verify=True)',
        '',
      ].join('\n'),
    );
  });

  it('treat None as the default (verified) and other false constants as disabled', async () => {
    const text =
      'import requests\nrequests.get(u, verify=None)\nrequests.get(u, verify="")\nrequests.get(u, verify=0)\n';
    const result = await check(text, 'example.py');
    assert.deepEqual(summary(text, result.findings), [
      '3 cert-verification-disabled python.requests-verify',
      '4 cert-verification-disabled python.requests-verify',
    ]);
  });

  it('flag an empty CURL_CA_BUNDLE (requests < 2.28) but not an empty REQUESTS_CA_BUNDLE', async () => {
    const text = 'import os\nos.environ["REQUESTS_CA_BUNDLE"] = ""\nos.environ["CURL_CA_BUNDLE"] = ""\n';
    const result = await check(text, 'example.py');
    assert.deepEqual(summary(text, result.findings), ['3 cert-verification-disabled python.environ-verify-disabled']);
    assert.equal(result.findings[0].fixes[0].safety, 'unsafe');
  });

  it('resolve names through aliases and reassignment in other functions', async () => {
    const text = [
      'import requests as rq',
      'from aiohttp import ClientSession as CS',
      'def a():',
      '    s = rq.Session()',
      '    s.verify = False',
      'def b():',
      '    s = CS()',
      '    return s.get("https://example.com", ssl=False)',
      '',
    ].join('\n');
    const result = await check(text, 'example.py');
    assert.deepEqual(summary(text, result.findings), [
      '5 cert-verification-disabled python.requests-verify',
      '8 cert-verification-disabled python.aiohttp-ssl',
    ]);
  });

  it('give pyOpenSSL SSLv23_METHOD the deprecated-api rule with a safe TLS_METHOD fix, and TLSv1_METHOD legacy-protocol with an unsafe one', async () => {
    const text = 'from OpenSSL import SSL\na = SSL.Context(SSL.SSLv23_METHOD)\nb = SSL.Context(SSL.TLSv1_METHOD)\n';
    const result = await check(text, 'example.py');
    assert.deepEqual(summary(text, result.findings), [
      '2 deprecated-api python.pyopenssl-sslv23-method',
      '3 legacy-protocol python.pyopenssl-method',
    ]);
    assert.equal(
      await fixed(text),
      'from OpenSSL import SSL\na = SSL.Context(SSL.TLS_METHOD)\nb = SSL.Context(SSL.TLSv1_METHOD)\n',
    );
    assert.equal(
      await fixed(text, true),
      'from OpenSSL import SSL\na = SSL.Context(SSL.TLS_METHOD)\nb = SSL.Context(SSL.TLS_METHOD)\n',
    );
  });
  it('resolve a relative import from the file path (a library calling its own API from inside)', async () => {
    // (The library's name must appear in the text for its detectors to run: here in the config folder.)
    const text = 'from ..tls import TLSConfig\n\nhome = "~/.docker"\ncfg = TLSConfig(verify=False)\n';
    const inside = await check(text, 'src/docker/utils/utils.py');
    assert.deepEqual(summary(text, inside.findings), ['4 cert-verification-disabled python.clients-verify-disabled']);
    // The same import elsewhere names another package's TLSConfig.
    assert.deepEqual((await check(text, 'src/myapp/utils/utils.py')).findings, []);
  });

  it('report a value that travels to urllib3 where it is written, with a fix that needs review', async () => {
    const text =
      'def options(verify):\n    reqs = "CERT_REQUIRED"\n    if not verify:\n        reqs = "CERT_NONE"\n' +
      '    kwargs = {}\n    kwargs["cert_reqs"] = reqs\n    return kwargs\n';
    const result = await check(text, 'example.py');
    assert.deepEqual(summary(text, result.findings), ['4 cert-verification-disabled python.urllib3-cert-reqs']);
    assert.equal(result.findings[0].fixes[0].safety, 'unsafe');
  });
});
