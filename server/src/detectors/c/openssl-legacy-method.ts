import type { Node } from 'web-tree-sitter';
import { callName, callsMatching, lastName } from '../../engine/languages/c';
import { defineDetector } from '../../engine/detector';
import { LEGACY_STEMS, legacyLabels } from '../../engine/protocols';
import { asioContextMethods } from './support/asio';
import { methodFix } from './support/method-fix';

const LEGACY = new RegExp(`^(${LEGACY_STEMS}|DTLSv1)_(client_|server_)?method$`);
/** wolfSSL's version-pinned methods (`wolfTLSv1_client_method`); `wolfSSLv23_*_method` negotiates. */
const WOLF = /^wolf(SSLv3|TLSv1|TLSv1_1|DTLSv1)_(client_|server_)?method$/;
const ASIO = /^(sslv2|sslv3|tlsv1|tlsv11)(_client|_server)?$/;
const LABEL: Record<string, string> = {
  ...legacyLabels((v) => v.stem, 'shortLabel'),
  DTLSv1: 'DTLS 1.0',
  sslv2: 'SSLv2',
  sslv3: 'SSLv3',
  tlsv1: 'TLS 1.0',
  tlsv11: 'TLS 1.1',
};

type State =
  | { kind: 'openssl'; call: Node }
  | { kind: 'asio'; node: Node; replacement: string }
  | { kind: 'wolf'; node: Node; replacement: string };

export const detector = defineDetector<State>({
  id: 'c.openssl-legacy-method',
  summary: 'OpenSSL contexts pinned to a legacy protocol by their method.',
  docs: `
    OpenSSL contexts pinned to a legacy protocol by their method: \`SSLv3_method()\`, \`TLSv1_client_method()\`,
    \`TLSv1_1_server_method()\`, \`DTLSv1_method()\`..., and Boost.Asio's \`ssl::context::tlsv1\` and friends.
  `,
  rule: 'legacy-protocol',
  languages: ['c', 'cpp'],
  apis: [
    'SSLv2_method',
    'SSLv3_method',
    'TLSv1_method',
    'TLSv1_1_method',
    'DTLSv1_method',
    'wolfTLSv1_client_method',
    'boost::asio::ssl::context::tlsv1',
  ],
  tokens: ['_method', 'context::'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of callsMatching(file, /_method$/)) {
      const name = callName(call);
      if (call.childForFieldName('function')?.type === 'field_expression') continue;
      const w = name ? WOLF.exec(name) : null;
      if (w) {
        const fn = call.childForFieldName('function')!;
        report({
          node: fn,
          message: `\`${name}()\` pins the connection to ${LABEL[w[1]]}: TLS 1.2 is the minimum.`,
          state: { kind: 'wolf', node: fn, replacement: `wolfSSLv23_${w[2] ?? 'client_'}method` },
        });
        continue;
      }
      const m = name ? LEGACY.exec(name) : null;
      if (!m) continue;
      report({
        node: call.childForFieldName('function')!,
        message: `\`${name}()\` pins the connection to ${LABEL[m[1]]}: TLS 1.2 is the minimum.`,
        state: { kind: 'openssl', call },
      });
    }
    if (file.language !== 'cpp') return;
    for (const { node: q, method: last } of asioContextMethods(file)) {
      const m = ASIO.exec(last);
      if (!m) continue;
      const replacement = `tlsv12${m[2] ?? ''}`;
      report({
        node: q,
        message: `\`ssl::context::${last}\` pins the connection to ${LABEL[m[1]]}: TLS 1.2 is the minimum.`,
        state: { kind: 'asio', node: q, replacement },
      });
    }
  },
  fix(file, r) {
    const s = r.state;
    if (s.kind === 'wolf') {
      return {
        title: `Use \`${s.replacement}()\` (then set a minimum version with \`wolfSSL_CTX_SetMinVersion\`)`,
        safety: 'unsafe',
        edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: s.replacement }],
      };
    }
    if (s.kind === 'asio') {
      return {
        title: `Use \`ssl::context::${s.replacement}\``,
        safety: 'safe',
        edits: [{ start: s.node.endIndex - lastName(s.node).length, end: s.node.endIndex, newText: s.replacement }],
      };
    }
    return methodFix(file, s.call, 'Use ');
  },
  examples: {
    c: {
      bad: `
        #include <openssl/ssl.h>
        SSL_CTX *f(void) { return SSL_CTX_new(TLSv1_client_method()); }
      `,
      good: `
        #include <openssl/ssl.h>
        SSL_CTX *f(void) { return SSL_CTX_new(TLS_client_method()); }
      `,
    },
  },
});
