import type { Node } from 'web-tree-sitter';
import { callName, callsMatching } from '../../engine/languages/c';
import { defineDetector } from '../../engine/detector';
import { flexibleMethod, methodFix } from './support/method-fix';

const SSLV23 = /^SSLv23_(client_|server_)?method$/;
const PINNED = /^D?TLSv1_2_(client_|server_)?method$/;
/** Version macros of OpenSSL and of the libraries that offer its API (LibreSSL, BoringSSL, wolfSSL's compat layer). */
const VERSION_CHECK =
  /\b(OPENSSL_VERSION_NUMBER|LIBRESSL_VERSION_NUMBER|OPENSSL_API_COMPAT|OPENSSL_API_LEVEL|OPENSSL_VERSION_MAJOR|LIBWOLFSSL_VERSION_HEX|WOLFSSL_VERSION_HEX|BORINGSSL_API_VERSION)\b/;

/**
 * Whether a call sits in a branch of an `#if` chain that tests the OpenSSL version
 * (`#if OPENSSL_VERSION_NUMBER < 0x10100000L ... SSLv23_client_method() ... #else TLS_client_method()`):
 * code written for the builds where these functions are the right call.
 */
function versionGuarded(call: Node): boolean {
  // `#else` sits inside the `#if`/`#elif` whose condition selects it, so the ancestors hold every condition.
  for (let p = call.parent; p; p = p.parent) {
    if (p.type !== 'preproc_if' && p.type !== 'preproc_elif') continue;
    const cond = p.childForFieldName('condition');
    if (cond && VERSION_CHECK.test(cond.text)) return true;
  }
  return false;
}

export const detector = defineDetector<{ call: Node; alias: boolean }>({
  id: 'c.openssl-deprecated-method',
  summary: 'Deprecated OpenSSL method functions.',
  docs: `
    Deprecated OpenSSL method functions: \`SSLv23_method()\` and its client/server forms (aliases of
    \`TLS_method()\` since OpenSSL 1.1.0), and \`TLSv1_2_method()\`/\`DTLSv1_2_method()\` (deprecated in 1.1.0). Not in a branch of an \`#if\` on
    \`OPENSSL_VERSION_NUMBER\` (or LibreSSL's, BoringSSL's, wolfSSL's \`LIBWOLFSSL_VERSION_HEX\`): there they are
    the right call for the older builds.
  `,
  rule: 'deprecated-api',
  languages: ['c', 'cpp'],
  apis: ['SSLv23_method', 'SSLv23_client_method', 'SSLv23_server_method', 'TLSv1_2_method', 'DTLSv1_2_method'],
  tokens: ['SSLv23_', 'TLSv1_2_'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of callsMatching(file, /_method$/)) {
      const name = callName(call);
      if (!name || call.childForFieldName('function')?.type === 'field_expression') continue;
      const fn = call.childForFieldName('function')!;
      if ((SSLV23.test(name) || PINNED.test(name)) && versionGuarded(call)) continue;
      if (SSLV23.test(name)) {
        report({
          node: fn,
          message: `\`${name}()\` is deprecated: it is an alias of \`${flexibleMethod(name)}()\` since OpenSSL 1.1.0.`,
          state: { call, alias: true },
        });
      } else if (PINNED.test(name)) {
        report({
          node: fn,
          message: `\`${name}()\` is deprecated since OpenSSL 1.1.0: use \`${flexibleMethod(name)}()\` with a minimum protocol version.`,
          state: { call, alias: false },
        });
      }
    }
  },
  fix(file, r) {
    const s = r.state;
    if (s.alias) {
      const fn = s.call.childForFieldName('function')!;
      const name = callName(s.call)!;
      return {
        title: `Use \`${flexibleMethod(name)}()\``,
        safety: 'safe',
        edits: [{ start: fn.endIndex - name.length, end: fn.endIndex, newText: flexibleMethod(name) }],
      };
    }
    return methodFix(file, s.call, 'Use ');
  },
  examples: {
    c: {
      bad: `
        #include <openssl/ssl.h>
        SSL_CTX *f(void) { return SSL_CTX_new(SSLv23_client_method()); }
      `,
      good: `
        #include <openssl/ssl.h>
        SSL_CTX *f(void) { return SSL_CTX_new(TLS_client_method()); }
      `,
    },
  },
});
