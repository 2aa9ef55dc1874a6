import type { Node } from 'web-tree-sitter';
import { callName, callsMatching } from '../../engine/languages/c';
import { defineDetector } from '../../engine/detector';
import { flexibleMethod, methodFix } from './method-fix';

const SSLV23 = /^SSLv23_(client_|server_)?method$/;
const PINNED = /^D?TLSv1_2_(client_|server_)?method$/;

export const detector = defineDetector<{ call: Node; alias: boolean }>({
  id: 'c.openssl-deprecated-method',
  summary: 'Deprecated OpenSSL method functions.',
  docs: `
    Deprecated OpenSSL method functions: \`SSLv23_method()\` and its client/server forms (aliases of
    \`TLS_method()\` since OpenSSL 1.1.0), and \`TLSv1_2_method()\`/\`DTLSv1_2_method()\` (deprecated in 1.1.0).
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
