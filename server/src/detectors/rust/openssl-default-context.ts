import type { Node } from 'web-tree-sitter';
import { methodCalls, pathSegments } from '../../engine/languages/rust';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

/** Methods that load the context's own certificate or key: what a server's context does. */
const OWN_IDENTITY = /^set_(private_key\w*|certificate\w*)$/;

/**
 * Whether the function around `call` loads a certificate or private key and makes no connection itself:
 * a server's context, which has no peer certificate to ask for by default.
 */
function servesFrom(file: SourceFile, call: Node): boolean {
  let fn: Node | null = call;
  while (fn && fn.type !== 'function_item') fn = fn.parent;
  if (!fn) return false;
  const inside = (n: Node) => n.startIndex >= fn.startIndex && n.endIndex <= fn.endIndex;
  const own = methodCalls(file, [
    'set_private_key',
    'set_private_key_file',
    'set_certificate',
    'set_certificate_file',
    'set_certificate_chain_file',
  ]).some((m) => OWN_IDENTITY.test(m.name) && inside(m.call));
  return own && !methodCalls(file, ['connect', 'setup_connect']).some((m) => inside(m.call));
}

export const detector = defineDetector({
  id: 'rust.openssl-default-context',
  summary:
    "The openssl crate's raw `SslContext::builder(...)` (unlike `SslConnector::builder`) keeps OpenSSL's `SSL_VERIFY_NONE`.",
  docs: `
    The openssl crate's raw \`SslContext::builder(...)\` (unlike \`SslConnector::builder\`) keeps OpenSSL's
    \`SSL_VERIFY_NONE\`: used for a client connection with no \`set_verify\` in the file, nothing is verified.
    A context built in a function that loads its own certificate or key and connects nowhere is a server's,
    and is not reported.
  `,
  rule: 'insecure-default-context',
  languages: ['rust'],
  apis: [
    'openssl::ssl::SslContext::builder',
    'openssl::ssl::Ssl::connect',
    'openssl::ssl::SslContextBuilder::set_verify',
  ],
  tokens: ['SslContext'],
  fixAvailability: 'none',
  detect(file, report) {
    if (methodCalls(file, ['set_verify', 'set_verify_callback']).length > 0) return;
    // Only client use: a handshake as a client is in sight.
    if (methodCalls(file, ['connect', 'setup_connect']).length === 0) return;
    for (const call of file.nodes('call_expression')) {
      const fn = call.childForFieldName('function');
      const seg = fn?.type === 'scoped_identifier' ? pathSegments(fn) : undefined;
      if (!seg || seg[seg.length - 1] !== 'builder' || seg[seg.length - 2] !== 'SslContext') continue;
      if (servesFrom(file, call)) continue;
      report({
        node: fn as Node,
        message:
          "`SslContext::builder` keeps OpenSSL's `SslVerifyMode::NONE` and nothing here calls `set_verify`: use `SslConnector::builder`, which verifies the chain and the host name.",
      });
    }
  },
  examples: {
    rust: {
      bad: `
        use openssl::ssl::{Ssl, SslContext, SslMethod};
        fn f(tcp: std::net::TcpStream) {
            let ctx = SslContext::builder(SslMethod::tls()).unwrap().build();
            let stream = Ssl::new(&ctx).unwrap().connect(tcp);
        }
      `,
      good: `
        use openssl::ssl::{SslConnector, SslMethod};
        fn f(tcp: std::net::TcpStream) {
            let connector = SslConnector::builder(SslMethod::tls()).unwrap().build();
            let stream = connector.connect("example.com", tcp);
        }
      `,
    },
  },
});
