import type { Node } from 'web-tree-sitter';
import {
  args,
  callName,
  callsNamed,
  callbackBody,
  alwaysReturnsOne,
  intValue,
  orOperands,
  valueText,
  lastName,
} from '../../engine/languages/c';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

type State = { kind: 'mode'; node: Node; peer: string } | { kind: 'callback'; node: Node; nullText: string };

const SET_VERIFY = ['SSL_CTX_set_verify', 'SSL_set_verify', 'wolfSSL_CTX_set_verify', 'wolfSSL_set_verify'];
const CERT_CALLBACK = [
  'SSL_CTX_set_cert_verify_callback',
  'X509_STORE_set_verify_cb',
  'X509_STORE_CTX_set_verify_cb',
  'SSL_CTX_set_verify_callback',
];

function isVerifyNone(file: SourceFile, node: Node): boolean {
  const v = valueText(file, node);
  return v === 'SSL_VERIFY_NONE' || v === 'WOLFSSL_VERIFY_NONE' || intValue(v) === 0;
}

export const detector = defineDetector<State | undefined>({
  id: 'c.openssl-verify',
  summary: 'OpenSSL peer verification turned off.',
  docs: `
    OpenSSL peer verification turned off: \`SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, ...)\`, a verify
    callback that returns 1 whatever happened, Boost.Asio's \`set_verify_mode(ssl::verify_none)\`, and the
    same switch in the OpenSSL-like libraries: wolfSSL's \`wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_NONE, 0)\`
    and mbedTLS's \`mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_NONE)\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['c', 'cpp'],
  apis: [
    'SSL_CTX_set_verify',
    'SSL_set_verify',
    'wolfSSL_CTX_set_verify',
    'mbedtls_ssl_conf_authmode',
    'SSL_CTX_set_cert_verify_callback',
    'X509_STORE_set_verify_cb',
    'boost::asio::ssl::context::set_verify_mode',
    'boost::asio::ssl::stream::set_verify_callback',
  ],
  tokens: ['_verify', 'verify_cb', 'authmode'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const nullText = file.language === 'cpp' ? 'nullptr' : 'NULL';
    for (const call of callsNamed(file, [
      ...SET_VERIFY,
      ...CERT_CALLBACK,
      'mbedtls_ssl_conf_authmode',
      'set_verify_mode',
      'set_verify_callback',
    ])) {
      const name = callName(call);
      if (!name) continue;
      const a = args(call);
      if (SET_VERIFY.includes(name) && a.length >= 2) {
        if (isVerifyNone(file, a[1])) {
          const peer =
            name.startsWith('wolfSSL') && valueText(file, a[1]) === 'WOLFSSL_VERIFY_NONE'
              ? 'WOLFSSL_VERIFY_PEER'
              : 'SSL_VERIFY_PEER';
          report({
            node: a[1],
            message: `\`${name}\` is called with \`${peer.replace('PEER', 'NONE')}\`: the peer's certificate is not verified.`,
            state: { kind: 'mode', node: a[1], peer },
          });
          continue;
        }
        const cb = callbackBody(file, a[2]);
        if (a[2] && cb && alwaysReturnsOne(file, cb)) {
          report({
            node: a[2],
            message: `The verify callback given to \`${name}\` returns 1 for every certificate: verification errors are ignored.`,
            state: { kind: 'callback', node: a[2], nullText },
          });
        }
      } else if (name === 'mbedtls_ssl_conf_authmode' && a.length >= 2) {
        const v = valueText(file, a[1]);
        // OPTIONAL carries on after a failed verification unless the result is read back.
        const optionalUnchecked =
          v === 'MBEDTLS_SSL_VERIFY_OPTIONAL' && !file.text.includes('mbedtls_ssl_get_verify_result');
        if (v === 'MBEDTLS_SSL_VERIFY_NONE' || optionalUnchecked) {
          report({
            node: a[1],
            message: optionalUnchecked
              ? '`mbedtls_ssl_conf_authmode` is called with `MBEDTLS_SSL_VERIFY_OPTIONAL` and the verification result is never read: failed verifications are ignored.'
              : "`mbedtls_ssl_conf_authmode` is called with `MBEDTLS_SSL_VERIFY_NONE`: the peer's certificate is not verified.",
            state: { kind: 'mode', node: a[1], peer: 'MBEDTLS_SSL_VERIFY_REQUIRED' },
          });
        }
      } else if (CERT_CALLBACK.includes(name) && a.length >= 2) {
        const cb = callbackBody(file, a[1]);
        if (cb && alwaysReturnsOne(file, cb)) {
          report({
            node: a[1],
            message: `The callback given to \`${name}\` returns 1 for every certificate: the chain is accepted without verification.`,
          });
        }
      } else if (
        name === 'set_verify_mode' &&
        call.childForFieldName('function')?.type === 'field_expression' &&
        a.length >= 1
      ) {
        // Boost.Asio: ctx.set_verify_mode(boost::asio::ssl::verify_none) on a context or a stream.
        const ops = orOperands(a[0]);
        const none = ops.find(
          (o) => (o.type === 'qualified_identifier' || o.type === 'identifier') && lastName(o) === 'verify_none',
        );
        if (none) {
          const peer = none.text.replace(/verify_none$/, 'verify_peer');
          report({
            node: none,
            message: "`set_verify_mode` is called with `verify_none`: the peer's certificate is not verified.",
            state: { kind: 'mode', node: none, peer },
          });
        }
      } else if (
        name === 'set_verify_callback' &&
        call.childForFieldName('function')?.type === 'field_expression' &&
        a.length >= 1
      ) {
        const cb = callbackBody(file, a[0]);
        if (cb && alwaysReturnsOne(file, cb)) {
          report({
            node: a[0],
            message:
              'The callback given to `set_verify_callback` returns true for every certificate: verification errors are ignored.',
          });
        }
      }
    }
  },
  fix(_file, r) {
    const s = r.state;
    if (!s) return undefined;
    if (s.kind === 'mode') {
      return {
        title: `Verify the peer (\`${s.peer}\`)`,
        safety: 'safe',
        edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: s.peer }],
      };
    }
    return {
      title: `Use OpenSSL's own verification (callback \`${s.nullText}\`)`,
      safety: 'unsafe',
      edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: s.nullText }],
    };
  },
  examples: {
    c: {
      bad: `
        #include <openssl/ssl.h>
        void f(SSL_CTX *ctx) { SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL); }
      `,
      good: `
        #include <openssl/ssl.h>
        void f(SSL_CTX *ctx) { SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL); }
      `,
    },
  },
});
