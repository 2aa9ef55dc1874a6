import type { Node } from 'web-tree-sitter';
import { args, callName, callsNamed } from '../../engine/languages/c';
import { defineDetector } from '../../engine/detector';
import { contextOf, insertionAfter } from './support/method-fix';
import { SSL_CTX_TRUST_CALLS } from './support/trust-store';
import type { SourceFile } from '../../engine/types';

const VERIFY_CALLS = [
  'SSL_CTX_set_verify',
  'SSL_set_verify',
  'SSL_CTX_set_cert_verify_callback',
  'wolfSSL_CTX_set_verify',
];

/** Library calls that use a context without configuring its verification elsewhere. */
const LIBRARY = /^(SSL_|SSL_CTX_|BIO_|OPENSSL_|ERR_|X509_|EVP_|printf|fprintf|free|assert)/;

/**
 * Whether the new context is handed to code outside OpenSSL (`mosquitto_void_option(m, MOSQ_OPT_SSL_CTX, ctx)`,
 * `configure_tls(ctx)`): that code may set the verification, in another file, so the default is not
 * known to be the one used.
 */
function handedOff(file: SourceFile, ctxNew: Node): boolean {
  const found = contextOf(ctxNew);
  if (!found) return false;
  return file.nodes('call_expression').some((c) => {
    const name = callName(c);
    if (!name || LIBRARY.test(name) || c.startIndex < ctxNew.endIndex) return false;
    return args(c).some((a) => a.text === found.ctx);
  });
}

export const detector = defineDetector<{ ctxNew: Node }>({
  id: 'c.openssl-default-verify',
  summary: "OpenSSL client contexts left at OpenSSL's default of `SSL_VERIFY_NONE`.",
  docs: `
    OpenSSL client contexts left at OpenSSL's default of \`SSL_VERIFY_NONE\`: \`SSL_CTX_new(TLS_client_method())\`
    in a file that never calls \`SSL_CTX_set_verify\`/\`SSL_set_verify\` accepts any server certificate.
    A context handed to code outside OpenSSL (\`configure_tls(ctx)\`, a library's option setter) is not
    reported: that code may set the verification.
  `,
  rule: 'insecure-default-context',
  languages: ['c', 'cpp'],
  apis: ['SSL_CTX_new(TLS_client_method())', 'SSL_CTX_set_verify'],
  tokens: ['client_method'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    if (callsNamed(file, VERIFY_CALLS).length > 0) return;
    for (const call of callsNamed(file, ['SSL_CTX_new'])) {
      const method = args(call)[0];
      const name = method?.type === 'call_expression' ? callName(method) : undefined;
      if (!name || !/_client_method$/.test(name) || name.startsWith('wolf') || handedOff(file, call)) continue;
      report({
        node: call.childForFieldName('function')!,
        message: `This \`${name}()\` context never calls \`SSL_CTX_set_verify\`: OpenSSL's default \`SSL_VERIFY_NONE\` accepts any server certificate.`,
        state: { ctxNew: call },
      });
    }
  },
  fix(file, r) {
    const found = contextOf(r.state.ctxNew);
    const where = found?.stmt ? insertionAfter(file, found.stmt, found.ctx) : undefined;
    if (!found || !where) return undefined;
    const lines = [`SSL_CTX_set_verify(${found.ctx}, SSL_VERIFY_PEER, NULL);`];
    // Only a store loaded into an SSL_CTX counts: one loaded into an X509_STORE the context never uses,
    // or into another library's context, leaves this context with nothing to verify against.
    if (callsNamed(file, SSL_CTX_TRUST_CALLS).length === 0)
      lines.push(`SSL_CTX_set_default_verify_paths(${found.ctx});`);
    return {
      title:
        'Verify the server (`SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL)`; also set the host name with `SSL_set1_host`)',
      safety: 'unsafe',
      edits: [
        { start: where.at, end: where.at, newText: lines.map((l) => `${where.eol}${where.indent}${l}`).join('') },
      ],
    };
  },
  examples: {
    c: {
      bad: `
        #include <openssl/ssl.h>
        SSL_CTX *f(void) {
            SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
            return ctx;
        }
      `,
      good: `
        #include <openssl/ssl.h>
        SSL_CTX *f(void) {
            SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
            SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
            return ctx;
        }
      `,
    },
  },
});
