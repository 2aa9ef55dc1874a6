import type { Node } from 'web-tree-sitter';
import { methodCalls, pathSegments } from '../../engine/languages/rust';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector({
  id: 'rust.openssl-default-context',
  summary:
    "The openssl crate's raw `SslContext::builder(...)` (unlike `SslConnector::builder`) keeps OpenSSL's `SSL_VERIFY_NONE`.",
  docs: `
    The openssl crate's raw \`SslContext::builder(...)\` (unlike \`SslConnector::builder\`) keeps OpenSSL's
    \`SSL_VERIFY_NONE\`: used for a client connection with no \`set_verify\` in the file, nothing is verified.
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
