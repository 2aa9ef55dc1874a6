import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';
import { RDKAFKA_ENDPOINT_IDENTIFICATION as KEY, endpointIdentificationOff } from '../../engine/kafka-settings';
import { literalBindings, methodCalls } from '../../engine/languages/rust';

/** The content of a plain string literal (`"none"`), also through a `const`/`let` bound once to one. */
function stringOf(file: Parameters<typeof literalBindings>[0], node: Node | undefined): string | undefined {
  let n = node;
  if (n?.type === 'identifier') n = literalBindings(file).get(n.text);
  const m = n?.type === 'string_literal' ? /^"([^"\\]*)"$/.exec(n.text) : null;
  return m ? m[1] : undefined;
}

export const detector = defineDetector<{ value: Node }>({
  id: 'rust.rdkafka-endpoint-identification',
  summary:
    'rust-rdkafka\'s `ClientConfig::new().set("ssl.endpoint.identification.algorithm", "none")`, which turns librdkafka\'s broker host name check off.',
  docs: `
    librdkafka checks that the broker's certificate names its host unless
    \`ssl.endpoint.identification.algorithm\` is \`none\` (or empty). In Rust it is set on rust-rdkafka's
    \`ClientConfig\` (\`.set("ssl.endpoint.identification.algorithm", "none")\`, the value also through a \`const\`),
    as Python's, Go's, JavaScript's, PHP's and C's librdkafka clients are read. The certificate is still
    verified, but one for any host name is accepted. The fix writes \`"https"\` (unsafe: a certificate that does
    not name the broker's host then fails the handshake).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['rust'],
  apis: ['rdkafka::config::ClientConfig::set'],
  tokens: [KEY],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const { args } of methodCalls(file, ['set'])) {
      if (args.length !== 2 || stringOf(file, args[0]) !== KEY) continue;
      const s = stringOf(file, args[1]);
      if (s === undefined || !endpointIdentificationOff(s, true)) continue;
      report({
        node: args[1],
        message: `\`.set("${KEY}", ${args[1].text})\`: librdkafka does not check that the broker's certificate names its host.`,
        state: { value: args[1] },
      });
    }
  },
  fix(_file, r) {
    const v = r.state.value;
    if (v.type !== 'string_literal') return undefined;
    return {
      title: 'Check the broker host name (`"https"`)',
      safety: 'unsafe',
      edits: [{ start: v.startIndex, end: v.endIndex, newText: '"https"' }],
    };
  },
  examples: {
    rust: {
      bad: `
        use rdkafka::config::ClientConfig;
        fn config() -> ClientConfig {
            let mut c = ClientConfig::new();
            c.set("security.protocol", "ssl").set("ssl.endpoint.identification.algorithm", "none");
            c
        }
      `,
      good: `
        use rdkafka::config::ClientConfig;
        fn config() -> ClientConfig {
            let mut c = ClientConfig::new();
            c.set("security.protocol", "ssl").set("ssl.endpoint.identification.algorithm", "https");
            c
        }
      `,
    },
  },
});
