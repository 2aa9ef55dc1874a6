import type { Node } from 'web-tree-sitter';
import { methodCalls, pathSegments, unwrapSome } from '../../engine/languages/rust';
import { defineDetector } from '../../engine/detector';

/** Enum -> legacy member -> label, and the member to use instead. */
const ENUMS: Record<string, { legacy: Record<string, string>; modern: string }> = {
  Version: { legacy: { TLS_1_0: 'TLS 1.0', TLS_1_1: 'TLS 1.1' }, modern: 'TLS_1_2' },
  Protocol: { legacy: { Sslv3: 'SSLv3', Tlsv10: 'TLS 1.0', Tlsv11: 'TLS 1.1' }, modern: 'Tlsv12' },
  SslVersion: { legacy: { SSL3: 'SSLv3', TLS1: 'TLS 1.0', TLS1_1: 'TLS 1.1' }, modern: 'TLS1_2' },
};
const METHODS = [
  'min_tls_version',
  'max_tls_version',
  'min_protocol_version',
  'max_protocol_version',
  'set_min_proto_version',
  'set_max_proto_version',
];

/** A legacy `Enum::Member` written as tokens of a macro's token tree. */
function tokenMember(tree: Node): { node: Node; label: string; modern: string } | undefined {
  for (const id of tree.descendantsOfType('identifier')) {
    const sep = id?.previousSibling;
    const en = sep?.previousSibling;
    if (!id || sep?.text !== '::' || en?.type !== 'identifier') continue;
    const e = ENUMS[en.text];
    const label = e?.legacy[id.text];
    if (e && label) return { node: id, label, modern: e.modern };
  }
  return undefined;
}

export const detector = defineDetector<{ node: Node; text: string }>({
  id: 'rust.legacy-tls-version',
  summary: 'Protocol floors and ceilings below TLS 1.2.',
  docs: `
    Protocol floors and ceilings below TLS 1.2: reqwest \`min_tls_version(Version::TLS_1_0)\`, native-tls
    \`min_protocol_version(Some(Protocol::Tlsv10))\`, the openssl crate's
    \`set_min_proto_version(Some(SslVersion::TLS1))\` (and \`set_min_proto_version(None)\`, no floor at all, as
    C's \`SSL_CTX_set_min_proto_version(ctx, 0)\`), and the \`max_*\` forms.
  `,
  rule: 'legacy-protocol',
  languages: ['rust'],
  apis: [
    'reqwest::ClientBuilder::min_tls_version',
    'native_tls::TlsConnectorBuilder::min_protocol_version',
    'openssl::ssl::SslContextBuilder::set_min_proto_version',
  ],
  tokens: ['_version'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const { name, args } of methodCalls(file, METHODS)) {
      const arg = args[0];
      if (args.length !== 1 || !arg) continue;
      if (arg.type === 'token_tree') {
        // Inside a macro (`p!(builder.min_protocol_version(Some(Protocol::Tlsv11)))`): the tokens `Enum :: Member`.
        const member = tokenMember(arg);
        if (member) {
          const ceiling = name.includes('max');
          report({
            node: member.node,
            message: ceiling
              ? `\`${name}\` caps the protocol at ${member.label}: TLS 1.2 is the minimum.`
              : `\`${name}\` allows ${member.label}: TLS 1.2 is the minimum.`,
            state: { node: member.node, text: member.modern },
          });
        }
        continue;
      }
      if (name === 'set_min_proto_version' && arg.type === 'identifier' && arg.text === 'None') {
        // The openssl crate, as C's `SSL_CTX_set_min_proto_version(ctx, 0)`: no floor at all.
        report({
          node: arg,
          message: `\`${name}(None)\` sets no floor: the lowest version the library supports is allowed. TLS 1.2 is the minimum.`,
          state: { node: arg, text: 'Some(SslVersion::TLS1_2)' },
        });
        continue;
      }
      const value = unwrapSome(arg);
      const seg = pathSegments(value);
      if (!seg || seg.length < 2) continue;
      const e = ENUMS[seg[seg.length - 2]];
      const label = e?.legacy[seg[seg.length - 1]];
      if (!e || !label) continue;
      const nameNode = value.childForFieldName('name')!;
      const ceiling = name.includes('max');
      report({
        node: value,
        message: ceiling
          ? `\`${name}\` caps the protocol at ${label}: TLS 1.2 is the minimum.`
          : `\`${name}\` allows ${label}: TLS 1.2 is the minimum.`,
        state: { node: nameNode, text: e.modern },
      });
    }
  },
  fix(file, r) {
    const s = r.state;
    // `Some(SslVersion::TLS1_2)` compiles only where `SslVersion` is in scope.
    const unresolved = s.text.startsWith('Some(') && !/\bSslVersion\b/.test(file.text);
    return {
      title: `Use \`${s.text}\``,
      safety: unresolved ? 'unsafe' : 'safe',
      edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: s.text }],
    };
  },
  examples: {
    rust: {
      bad: `
        use reqwest::tls::Version;
        fn main() {
            let c = reqwest::Client::builder().min_tls_version(Version::TLS_1_0).build();
        }
      `,
      good: `
        use reqwest::tls::Version;
        fn main() {
            let c = reqwest::Client::builder().min_tls_version(Version::TLS_1_2).build();
        }
      `,
    },
  },
});
