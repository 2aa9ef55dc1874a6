import type { Node } from 'web-tree-sitter';
import { callArgs, removeArgumentEdit } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import { legacyLabels } from '../../engine/protocols';
import type { Fix } from '../../engine/types';
import { calleeOfArgument, clientOrServerFixes, serverCertificateFix, sslConstantUses } from './support/ssl-constants';

const LEGACY = legacyLabels((v) => `ssl.PROTOCOL_${v.stem}`);

export const detector = defineDetector<{ node: Node }>({
  id: 'python.ssl-legacy-protocol',
  summary:
    'The ssl protocol constants that pin SSLv2, SSLv3, TLS 1.0 or TLS 1.1 (`ssl.PROTOCOL_TLSv1`...), wherever they are used as a value.',
  docs: `
    The ssl protocol constants that pin SSLv2, SSLv3, TLS 1.0 or TLS 1.1 (\`ssl.PROTOCOL_TLSv1\`...),
    wherever they are used as a value: \`SSLContext(...)\`, \`ssl_version=\`, variables.
  `,
  rule: 'legacy-protocol',
  languages: ['python'],
  apis: [
    'ssl.PROTOCOL_SSLv2',
    'ssl.PROTOCOL_SSLv3',
    'ssl.PROTOCOL_TLSv1',
    'ssl.PROTOCOL_TLSv1_1',
    'ssl.SSLContext',
    'ssl.wrap_socket',
    'ssl.get_server_certificate',
  ],
  tokens: ['PROTOCOL_SSLv', 'PROTOCOL_TLSv1'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const { node, name } of sslConstantUses(file, Object.keys(LEGACY))) {
      report({
        node,
        message: `\`${name}\` pins ${LEGACY[name]}, a legacy protocol version: use TLS 1.2 or later.`,
        state: { node },
      });
    }
  },
  fix(file, r): Fix[] {
    const node = r.state.node;
    const { arg, callee } = calleeOfArgument(file, node);
    if (callee === 'ssl.wrap_socket' && (arg?.keyword === 'ssl_version' || arg?.index === 5)) {
      if (arg.keyword && !callArgs(arg.call).hasSplat) {
        const kw = node.parent!;
        return [
          {
            title: 'Remove `ssl_version=` (negotiate the highest version both sides support)',
            safety: 'safe',
            edits: [removeArgumentEdit(file, kw)],
          },
        ];
      }
    }
    if (callee === 'ssl.get_server_certificate' && (arg?.keyword === 'ssl_version' || arg?.index === 1))
      return [serverCertificateFix(file, node, 'Use `PROTOCOL_TLS_CLIENT` (negotiates TLS 1.2 or later)')];
    return clientOrServerFixes(
      file,
      node,
      'Use `PROTOCOL_TLS_CLIENT` (negotiates TLS 1.2 or later; also turns on certificate and host name checks)',
    );
  },
  examples: {
    python: {
      bad: `
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
      `,
      good: `
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
      `,
    },
  },
});
