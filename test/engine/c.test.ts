// C/C++ specifics the fixtures cannot express: CRLF files, the fix of one construct carrying two rules,
// and the full safe-fix pass over a realistic OpenSSL + libcurl client.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../../server/src/engine/fix';
import { check, getGrammars, lineOf } from '../helpers';

const CLIENT = [
  '#include <openssl/ssl.h>',
  '#include <curl/curl.h>',
  '',
  'SSL_CTX *make(void)',
  '{',
  '    SSL_CTX *ctx = SSL_CTX_new(TLSv1_client_method());',
  '    if (!ctx)',
  '        return NULL;',
  '    SSL_CTX_set_default_verify_paths(ctx);',
  '    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);',
  '    return ctx;',
  '}',
  '',
  'SSL *open_to(SSL_CTX *ctx, const char *host)',
  '{',
  '    SSL *ssl = SSL_new(ctx);',
  '    SSL_set1_host(ssl, host);',
  '    return ssl;',
  '}',
  '',
  'void get(CURL *h)',
  '{',
  '    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);',
  '    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);',
  '    curl_easy_setopt(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1);',
  '}',
  '',
].join('\n');

describe('C detectors', () => {
  it('fix a realistic client to the idiom in one --fix run', async () => {
    const grammars = await getGrammars();
    const out = fixAll({ text: CLIENT, path: 'client.c' }, grammars);
    assert.ok(out.converged);
    assert.ok(
      out.text.includes(
        'SSL_CTX_new(TLS_client_method());\n    if (!ctx)\n        return NULL;\n    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);',
      ),
      out.text,
    );
    assert.match(out.text, /SSL_CTX_set_verify\(ctx, SSL_VERIFY_PEER, NULL\)/);
    assert.match(out.text, /CURLOPT_SSL_VERIFYPEER, 1L/);
    assert.match(out.text, /CURLOPT_SSL_VERIFYHOST, 2L/);
    // Without the trust store and the host-name check, the verify flip is not the whole idiom: no safe fix.
    const bare = fixAll(
      {
        text: CLIENT.replace('    SSL_CTX_set_default_verify_paths(ctx);\n', '').replace(
          '    SSL_set1_host(ssl, host);\n',
          '',
        ),
        path: 'client.c',
      },
      grammars,
    );
    assert.match(bare.text, /SSL_CTX_set_verify\(ctx, SSL_VERIFY_NONE, NULL\)/);
    assert.match(out.text, /CURL_SSLVERSION_TLSv1_2/);
    const again = await check(out.text, 'client.c');
    assert.deepEqual(
      again.findings.map((f) => f.rule),
      [],
    );
  });

  it('keep CRLF line endings in inserted lines', async () => {
    const grammars = await getGrammars();
    const out = fixAll({ text: CLIENT.replace(/\n/g, '\r\n'), path: 'client.c' }, grammars);
    assert.ok(out.text.includes('return NULL;\r\n    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);'));
    assert.ok(!/[^\r]\n/.test(out.text));
  });

  it('resolve object-like macros and const scalars', async () => {
    const text =
      '#define OFF 0L\nstatic const long ON = 1L;\nvoid f(CURL *h) {\n  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, OFF);\n  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, ON);\n}\n';
    const r = await check(text, 'a.c');
    assert.deepEqual(
      r.findings.map((f) => [f.rule, text.slice(f.start, f.end)]),
      [['cert-verification-disabled', 'OFF']],
    );
  });

  it('read a vendor SDK wrapper given MBEDTLS_SSL_VERIFY_NONE in a file that names no mbedTLS function', async () => {
    const text = [
      'static void *tls_init(struct net *n)',
      '{',
      '    return sdk_tls_config_new(&n->cert, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_VERIFY_NONE);',
      '}',
      'static void *tls_serve(struct net *n)',
      '{',
      '    return sdk_tls_config_new(&n->cert, MBEDTLS_SSL_IS_SERVER, MBEDTLS_SSL_VERIFY_NONE);',
      '}',
      '',
    ].join('\n');
    const r = await check(text, 'wlan.c');
    assert.deepEqual(
      r.findings.map((f) => [lineOf(text, f.start), f.rule]),
      [[3, 'cert-verification-disabled']],
    );
  });

  it('treat .h files as C and .hpp as C++', async () => {
    const text = 'static inline void f(SSL_CTX *c) { SSL_CTX_set_verify(c, SSL_VERIFY_NONE, NULL); }\n';
    assert.equal((await check(text, 'tls.h')).findings.length, 1);
    assert.equal((await check(text, 'tls.hpp')).findings.length, 1);
  });

  it('honour a suppression comment', async () => {
    const text =
      'void f(CURL *h) {\n  // tlslint-disable-next-line cert-verification-disabled -- test server\n  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);\n}\n';
    const r = await check(text, 'a.c');
    assert.equal(r.findings.length, 0);
    assert.equal(r.suppressed.length, 1);
  });
});
