import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';
import type { Fix } from '../../engine/types';
import { calleeOfArgument, clientOrServerFixes, serverCertificateFix, sslConstantUses } from './support/ssl-constants';

const DEPRECATED = ['ssl.PROTOCOL_SSLv23', 'ssl.PROTOCOL_TLS'];

export const detector = defineDetector<{ node: Node; safeClient: boolean }>({
  id: 'python.ssl-protocol-constant',
  summary: '`ssl.PROTOCOL_SSLv23` and `ssl.PROTOCOL_TLS` (deprecated since 3.10).',
  docs: `
    \`ssl.PROTOCOL_SSLv23\` and \`ssl.PROTOCOL_TLS\` (deprecated since 3.10): a context made with them defaults
    to CERT_NONE and no host name check; PROTOCOL_TLS_CLIENT / PROTOCOL_TLS_SERVER replace them.
  `,
  rule: 'deprecated-api',
  languages: ['python'],
  apis: ['ssl.PROTOCOL_SSLv23', 'ssl.PROTOCOL_TLS'],
  tokens: ['PROTOCOL_SSLv23', 'PROTOCOL_TLS'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const { node, name } of sslConstantUses(file, DEPRECATED)) {
      const { callee } = calleeOfArgument(file, node);
      // ssl.wrap_socket is reported whole by python.ssl-wrap-socket.
      if (callee === 'ssl.wrap_socket') continue;
      const safeClient = callee === 'ssl.get_server_certificate';
      report({
        node,
        message: `\`${name}\` is deprecated: use \`PROTOCOL_TLS_CLIENT\` or \`PROTOCOL_TLS_SERVER\`, whose defaults are safer.`,
        state: { node, safeClient },
      });
    }
  },
  fix(file, r): Fix[] {
    const { node, safeClient } = r.state;
    if (safeClient) return [serverCertificateFix(file, node, 'Use `PROTOCOL_TLS_CLIENT`')];
    return clientOrServerFixes(
      file,
      node,
      'Use `PROTOCOL_TLS_CLIENT` (also turns on certificate and host name checks)',
    );
  },
  examples: {
    python: {
      bad: `
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_SSLv23)
      `,
      good: `
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
      `,
    },
  },
});
