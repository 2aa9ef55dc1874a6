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

/**
 * Whether a verify callback accepts every certificate: it ends in `true`, every `return` in it returns
 * true, and it reads neither the preverify flag (its first parameter) nor the store's `error()` (a
 * callback that asserts on the error, as tests do, does check it).
 */
function alwaysTrue(closure: Node): boolean {
  if (closure.type !== 'closure_expression') return false;
  const body = closure.childForFieldName('body');
  if (!body) return false;
  if (body.type !== 'block') return body.type === 'boolean_literal' && body.text === 'true';
  const stmts = body.namedChildren.filter((c): c is Node => !!c && !c.type.endsWith('comment'));
  const tail = stmts[stmts.length - 1];
  // The tail expression (`true`, not the statement `true;`), however the grammar wraps it.
  if (tail?.text !== 'true') return false;
  const ownReturns = body.descendantsOfType('return_expression').filter((r): r is Node => {
    for (let p = r?.parent; p && p.id !== body.id; p = p.parent) if (p.type === 'closure_expression') return false;
    return !!r;
  });
  if (ownReturns.some((r) => r.namedChildren[0]?.text !== 'true')) return false;
  if (/\.error\s*\(/.test(body.text)) return false;
  // `_` is an anonymous node: the first parameter is the first child that is not punctuation.
  const preverify = closure.childForFieldName('parameters')?.children.find((c) => c && !/^[|,]$/.test(c.type));
  const name = preverify?.type === 'identifier' ? preverify.text : preverify?.childForFieldName('pattern')?.text;
  return !name || name.startsWith('_') || !body.descendantsOfType('identifier').some((id) => id?.text === name);
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
