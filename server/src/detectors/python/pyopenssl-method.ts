import { defineDetector } from '../../engine/detector';
import { legacyLabels } from '../../engine/protocols';
import { inTranslationTable, opensslConstant, swapOpensslConstant } from './support/pyopenssl';

const LEGACY = legacyLabels((v) => `${v.stem}_METHOD`);

export const detector = defineDetector({
  id: 'python.pyopenssl-method',
  summary: 'pyOpenSSL contexts pinned to a legacy protocol.',
  docs: `
    pyOpenSSL contexts pinned to a legacy protocol: \`SSL.Context(SSL.TLSv1_METHOD)\` and the SSLv2,
    SSLv3 and TLS 1.1 methods, wherever the constant is used (arguments, defaults, assignments).
  `,
  rule: 'legacy-protocol',
  languages: ['python'],
  apis: [
    'OpenSSL.SSL.Context',
    'OpenSSL.SSL.SSLv2_METHOD',
    'OpenSSL.SSL.SSLv3_METHOD',
    'OpenSSL.SSL.TLSv1_METHOD',
    'OpenSSL.SSL.TLSv1_1_METHOD',
  ],
  tokens: ['SSLv2_METHOD', 'SSLv3_METHOD', 'TLSv1_METHOD', 'TLSv1_1_METHOD'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const node of file.nodes('attribute', 'identifier')) {
      const member = opensslConstant(file, node);
      if (!member || !LEGACY[member] || inTranslationTable(node)) continue;
      report({
        node,
        message: `\`OpenSSL.SSL.${member}\` pins the connection to ${LEGACY[member]}, a broken protocol version.`,
      });
    }
  },
  fix(file, r) {
    const edit = swapOpensslConstant(file, r.node!, 'TLS_METHOD');
    // Negotiating lets TLS 1.2 and 1.3 in, but the floor is then OpenSSL's configured default: review it
    // (and add `ctx.set_min_proto_version(SSL.TLS1_2_VERSION)`).
    return edit
      ? { title: 'Negotiate the version (`TLS_METHOD`) and set a TLS 1.2 floor', safety: 'unsafe', edits: [edit] }
      : undefined;
  },
  examples: {
    python: {
      bad: `
        from OpenSSL import SSL
        ctx = SSL.Context(SSL.TLSv1_METHOD)
      `,
      good: `
        from OpenSSL import SSL
        ctx = SSL.Context(SSL.TLS_METHOD)
        ctx.set_min_proto_version(SSL.TLS1_2_VERSION)
      `,
    },
  },
});
