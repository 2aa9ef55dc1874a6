import type { Node } from 'web-tree-sitter';
import { methodCalls, pathSegments } from '../../engine/languages/rust';
import { defineDetector } from '../../engine/detector';

function noneMode(node: Node): Node | undefined {
  // openssl 0.9's constant: set_verify(SSL_VERIFY_NONE).
  if (node.type === 'identifier' && node.text === 'SSL_VERIFY_NONE') return node;
  const seg = pathSegments(node);
  if (seg && seg.length >= 2 && seg[seg.length - 2] === 'SslVerifyMode' && seg[seg.length - 1] === 'NONE') return node;
  // SslVerifyMode::empty() is NONE too.
  if (
    node.type === 'call_expression' &&
    /(^|::)SslVerifyMode::empty$/.test(node.childForFieldName('function')?.text ?? '')
  )
    return node;
  return undefined;
}

function alwaysTrue(closure: Node): boolean {
  if (closure.type !== 'closure_expression') return false;
  let body = closure.childForFieldName('body');
  if (body?.type === 'block') {
    const stmts = body.namedChildren.filter((c) => c && !c.type.endsWith('comment'));
    if (stmts.length !== 1) return false;
    body = stmts[0].type === 'expression_statement' ? stmts[0].namedChildren[0] : stmts[0];
  }
  return body?.type === 'boolean_literal' && body.text === 'true';
}

export const detector = defineDetector<{ node: Node } | undefined>({
  id: 'rust.openssl-verify-none',
  summary: 'The openssl crate with peer verification off.',
  docs: `
    The openssl crate with peer verification off: \`set_verify(SslVerifyMode::NONE)\` on an
    \`SslContextBuilder\`/\`SslConnectorBuilder\`/\`Ssl\`, and \`set_verify_callback(mode, |_, _| true)\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['rust'],
  apis: [
    'openssl::ssl::SslContextBuilder::set_verify',
    'openssl::ssl::SslVerifyMode::NONE',
    'openssl::ssl::SslContextBuilder::set_verify_callback',
  ],
  tokens: ['set_verify'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const { name, args } of methodCalls(file, ['set_verify', 'set_verify_callback'])) {
      const mode = args[0] ? noneMode(args[0]) : undefined;
      if (mode) {
        report({
          node: mode,
          message: `\`${name}(${mode.text.replace(/^.*::(?=SslVerifyMode::)/, '')})\` turns certificate verification off.`,
          state: { node: mode },
        });
      } else if (name === 'set_verify_callback' && args[1] && alwaysTrue(args[1])) {
        report({
          node: args[1],
          message:
            'The callback given to `set_verify_callback` returns true for every certificate: verification errors are ignored.',
        });
      }
    }
  },
  fix(file, r) {
    const n = r.state?.node;
    if (!n) return undefined;
    const text =
      n.type === 'call_expression'
        ? n.text.replace(/empty\s*\(\s*\)$/, 'PEER')
        : n.text === 'SSL_VERIFY_NONE'
          ? 'SSL_VERIFY_PEER'
          : n.text.replace(/NONE$/, 'PEER');
    // `SslConnector` loads the system roots and checks the host name in `connect(domain, ..)`, and an
    // `SslAcceptor` is a server; a bare `SslContextBuilder` has neither: review.
    const idiom = file
      .nodes('identifier', 'type_identifier')
      .some((x) => x.text === 'SslConnector' || x.text === 'SslAcceptor');
    return {
      title: 'Verify the peer (`SslVerifyMode::PEER`)',
      safety: idiom ? 'safe' : 'unsafe',
      edits: [{ start: n.startIndex, end: n.endIndex, newText: text }],
    };
  },
  examples: {
    rust: {
      bad: `
        use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
        fn f() {
            let mut b = SslConnector::builder(SslMethod::tls()).unwrap();
            b.set_verify(SslVerifyMode::NONE);
        }
      `,
      good: `
        use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
        fn f() {
            let mut b = SslConnector::builder(SslMethod::tls()).unwrap();
            b.set_verify(SslVerifyMode::PEER);
        }
      `,
    },
  },
});
