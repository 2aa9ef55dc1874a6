import type { Node } from 'web-tree-sitter';
import { analyzeCipherString, describeWeakness, intermediateCiphersFix } from '../../engine/ciphers';
import { literalBindings, methodCalls } from '../../engine/languages/rust';
import { defineDetector } from '../../engine/detector';

function stringOf(node: Node | undefined): string | undefined {
  if (node?.type === 'string_literal' || node?.type === 'raw_string_literal') {
    return node.namedChildren
      .filter((c) => c?.type === 'string_content')
      .map((c) => c.text)
      .join('');
  }
  return undefined;
}

export const detector = defineDetector<{ node: Node } | undefined>({
  id: 'rust.openssl-cipher-list',
  summary: 'Weak cipher strings given to the openssl crate.',
  docs: `
    Weak cipher strings given to the openssl crate: \`set_cipher_list("...")\` on an \`SslContextBuilder\`,
    \`SslConnectorBuilder\` or \`SslAcceptorBuilder\`.
  `,
  rule: 'weak-cipher',
  languages: ['rust'],
  apis: ['openssl::ssl::SslContextBuilder::set_cipher_list'],
  tokens: ['set_cipher_list', 'set_ciphersuites'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const { name, args } of methodCalls(file, ['set_cipher_list', 'set_ciphersuites'])) {
      if (args.length !== 1) continue;
      const arg = args[0];
      const v = arg.type === 'identifier' ? literalBindings(file).get(arg.text) : arg;
      const text = stringOf(v);
      if (text === undefined) continue;
      const analysis = analyzeCipherString(text);
      if (analysis.reasons.length === 0) continue;
      report({
        node: arg,
        message: `The cipher list given to \`${name}\` enables weak suites (${describeWeakness(analysis.reasons)}).`,
        state: v?.id === arg.id ? { node: arg } : undefined,
      });
    }
  },
  fix(_file, r) {
    const n = r.state?.node;
    if (!n) return undefined;
    return intermediateCiphersFix(n, '"');
  },
  examples: {
    rust: {
      bad: `
        fn f(b: &mut openssl::ssl::SslContextBuilder) {
            b.set_cipher_list("ALL").unwrap();
        }
      `,
      good: `
        fn f(b: &mut openssl::ssl::SslContextBuilder) {
            b.set_cipher_list("HIGH:!aNULL:!MD5").unwrap();
        }
      `,
    },
  },
});
