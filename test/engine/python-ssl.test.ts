// Engine tests for the Python ssl and stdlib-client detectors: name resolution, syntax errors elsewhere,
// one finding per construct and rule, and fixes applied together.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll, syntaxErrorCount } from '../../server/src/engine/fix';
import type { Finding } from '../../server/src/engine/types';
import { check, getGrammars, lineOf } from '../helpers';

function summary(text: string, findings: Finding[]): string[] {
  return findings
    .filter((f) => f.detector.startsWith('python.ssl-') || f.detector.startsWith('python.stdlib-'))
    .map((f) => `${lineOf(text, f.start)} ${f.rule} ${f.detector}`);
}

describe('python ssl detectors', () => {
  it('keep detecting in intact parts of a file with a syntax error', async () => {
    const text = [
      'import ssl',
      'def broken(:',
      '    pass',
      'ctx = ssl.create_default_context()',
      'ctx.check_hostname = False',
      'ctx.verify_mode = ssl.CERT_NONE',
      'sock = ssl.wrap_socket(raw)',
      '',
    ].join('\n');
    const result = await check(text, 'broken.py');
    assert.equal(result.syntaxErrors, true);
    assert.deepEqual(summary(text, result.findings), [
      '5 hostname-verification-disabled python.ssl-check-hostname',
      '6 cert-verification-disabled python.ssl-verify-mode',
      '7 deprecated-api python.ssl-wrap-socket',
    ]);
  });

  it('resolve names brought in by `from ssl import *`', async () => {
    const text = [
      'from ssl import *',
      'ctx = SSLContext(PROTOCOL_TLSv1)',
      'ctx.minimum_version = TLSVersion.TLSv1',
      'ctx.options &= ~OP_NO_SSLv3',
      'wrap_socket(raw)',
      '',
    ].join('\n');
    const result = await check(text, 'star.py');
    assert.deepEqual(summary(text, result.findings), [
      '2 legacy-protocol python.ssl-legacy-protocol',
      '3 legacy-protocol python.ssl-tls-version',
      '4 legacy-protocol python.ssl-options',
      '5 deprecated-api python.ssl-wrap-socket',
    ]);
  });

  it('report one construct under two rules, never one rule twice', async () => {
    const text = 'import ssl\ns = ssl.wrap_socket(raw, ssl_version=ssl.PROTOCOL_TLSv1, cert_reqs=ssl.CERT_NONE)\n';
    const result = await check(text, 'two.py');
    assert.deepEqual(
      result.findings.map((f) => `${f.rule} ${text.slice(f.start, f.end)}`),
      [
        'deprecated-api ssl.wrap_socket',
        'legacy-protocol ssl.PROTOCOL_TLSv1',
        'cert-verification-disabled cert_reqs=ssl.CERT_NONE',
      ],
    );
    const inline = 'import ssl, urllib.request\nurllib.request.urlopen(u, context=ssl._create_unverified_context())\n';
    const r2 = await check(inline, 'inline.py');
    assert.deepEqual(
      r2.findings.map((f) => `${f.detector} ${inline.slice(f.start, f.end)}`),
      ['python.stdlib-client-context context=ssl._create_unverified_context()'],
    );
  });

  it("do not confuse another object's wrap_socket, check_hostname or set_ciphers", async () => {
    const text = [
      'import ssl',
      'import requests',
      'ctx = ssl.create_default_context()',
      'tls = ctx.wrap_socket(sock, server_hostname="example.com")',
      'session = requests.Session()',
      'session.check_hostname = False',
      'cfg = {"check_hostname": False, "ciphers": "ALL"}',
      'if ctx.check_hostname == False: pass',
      '',
    ].join('\n');
    const result = await check(text, 'lookalikes.py');
    assert.deepEqual(summary(text, result.findings), []);
  });

  it('resolve a context per function when `ctx` is bound in several', async () => {
    const text = [
      'import ssl',
      'def server():',
      '    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)',
      '    ctx.verify_mode = ssl.CERT_NONE',
      '    return ctx',
      'def client():',
      '    ctx = ssl.create_default_context()',
      '    ctx.verify_mode = ssl.CERT_NONE',
      '    return ctx',
      '',
    ].join('\n');
    const result = await check(text, 'scopes.py');
    assert.deepEqual(summary(text, result.findings), ['8 cert-verification-disabled python.ssl-verify-mode']);
    assert.equal(result.findings[0].fixes[0].safety, 'safe');
  });

  it('fix check_hostname and verify_mode together, safely, into code that parses', async () => {
    const text = [
      'import ssl',
      'import urllib.request',
      'ctx = ssl.create_default_context()',
      'ctx.check_hostname = False',
      'ctx.verify_mode = ssl.CERT_NONE',
      'ctx.minimum_version = ssl.TLSVersion.TLSv1',
      'ssl._create_default_https_context = ssl._create_unverified_context',
      'urllib.request.urlopen("https://example.com", context=ctx, cadefault=True)',
      '',
    ].join('\n');
    const grammars = await getGrammars();
    const fixed = fixAll({ text, path: 'fix.py' }, grammars);
    assert.ok(fixed.converged);
    assert.equal(
      fixed.text,
      [
        'import ssl',
        'import urllib.request',
        'ctx = ssl.create_default_context()',
        'ctx.check_hostname = True',
        'ctx.verify_mode = ssl.CERT_REQUIRED',
        'ctx.minimum_version = ssl.TLSVersion.TLSv1_2',
        'ssl._create_default_https_context = ssl.create_default_context',
        'urllib.request.urlopen("https://example.com", context=ctx)',
        '',
      ].join('\n'),
    );
  });

  it('unsafe fixes of ssl.wrap_socket add the import and statements they need, and parse', async () => {
    const text = [
      'from ssl import wrap_socket',
      '',
      'def serve(client):',
      '    if client:',
      '        conn = wrap_socket(client, server_side=True, certfile="cert.pem", keyfile="key.pem", ca_certs="ca.pem", cert_reqs=2)',
      '        return conn',
      '',
    ].join('\n');
    const grammars = await getGrammars();
    const fixed = fixAll({ text, path: 'serve.py' }, grammars, { unsafe: true });
    assert.equal(syntaxErrorCount(fixed.text, 'python', grammars), 0);
    assert.equal(
      fixed.text,
      [
        'import ssl',
        'from ssl import wrap_socket',
        '',
        'def serve(client):',
        '    if client:',
        '        ssl_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)',
        '        ssl_context.load_verify_locations("ca.pem")',
        '        ssl_context.verify_mode = 2',
        '        ssl_context.load_cert_chain("cert.pem", "key.pem")',
        '        conn = ssl_context.wrap_socket(client, server_side=True)',
        '        return conn',
        '',
      ].join('\n'),
    );
  });
});
