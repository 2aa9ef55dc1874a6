import { defineDetector } from '../../engine/detector';
import { inTranslationTable, opensslConstant, swapOpensslConstant } from './support/pyopenssl';

export const detector = defineDetector({
  id: 'python.pyopenssl-sslv23-method',
  summary: "pyOpenSSL's `SSLv23_METHOD`, the old name of `TLS_METHOD` (the same value), whose name suggests SSL.",
  docs: `
    pyOpenSSL's \`SSLv23_METHOD\`, the old name of \`TLS_METHOD\` (the same value), whose name suggests SSL.
  `,
  rule: 'deprecated-api',
  languages: ['python'],
  apis: ['OpenSSL.SSL.SSLv23_METHOD'],
  tokens: ['SSLv23_METHOD'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const node of file.nodes('attribute', 'identifier')) {
      if (opensslConstant(file, node) !== 'SSLv23_METHOD' || inTranslationTable(node)) continue;
      report({ node, message: '`OpenSSL.SSL.SSLv23_METHOD` is the deprecated name of `TLS_METHOD`.' });
    }
  },
  fix(file, r) {
    const node = r.node!;
    const edit = swapOpensslConstant(file, node, 'TLS_METHOD');
    if (!edit) return undefined;
    // The same constant under its current name: nothing else changes.
    return { title: 'Use `TLS_METHOD`', safety: 'safe', edits: [edit] };
  },
  examples: {
    python: {
      bad: `
        from OpenSSL import SSL
        ctx = SSL.Context(SSL.SSLv23_METHOD)
      `,
      good: `
        from OpenSSL import SSL
        ctx = SSL.Context(SSL.TLS_METHOD)
      `,
    },
  },
});
