import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';
import { RDKAFKA_ENDPOINT_IDENTIFICATION as KEY, endpointIdentificationOff } from '../../engine/kafka-settings';
import { inComparison, literalText, pairKey, resolve } from '../../engine/languages/ruby';

/** A string literal's text, also through a constant of the file. */
function stringOf(file: Parameters<typeof resolve>[0], node: Node | null | undefined): string | undefined {
  const n = resolve(file, node);
  return n?.type === 'string' ? literalText(n) : undefined;
}

export const detector = defineDetector<{ value: Node }>({
  id: 'ruby.rdkafka-endpoint-identification',
  summary:
    "librdkafka's `'ssl.endpoint.identification.algorithm': 'none'` in a rdkafka-ruby or Karafka configuration hash, which turns the broker host name check off.",
  docs: `
    librdkafka checks that the broker's certificate names its host unless
    \`ssl.endpoint.identification.algorithm\` is \`none\` (or empty). In Ruby it is a key of the configuration hash
    given to rdkafka-ruby's \`Rdkafka::Config.new\` or Karafka's \`config.kafka = { ... }\`
    (\`'ssl.endpoint.identification.algorithm': 'none'\`, \`"ssl.endpoint.identification.algorithm" => "none"\`), or is
    written into one (\`config[:'ssl.endpoint.identification.algorithm'] = 'none'\`), as the same librdkafka setting
    is read in the other languages. The fix writes \`'https'\` (unsafe: a certificate that does not name the
    broker's host then fails the handshake).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['ruby'],
  apis: ['Rdkafka::Config.new', 'Karafka config.kafka'],
  tokens: [KEY],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const off = (v: Node | null | undefined) => {
      const s = stringOf(file, v);
      return s !== undefined && endpointIdentificationOff(s, true);
    };
    for (const pair of file.nodes('pair')) {
      const value = pair.childForFieldName('value');
      if (pairKey(pair) !== KEY || !value || !off(value)) continue;
      report({
        node: pair,
        message: `\`${pair.text}\`: librdkafka does not check that the broker's certificate names its host.`,
        state: { value },
      });
    }
    // `config[:'ssl.endpoint.identification.algorithm'] = 'none'`.
    for (const asg of file.nodes('assignment')) {
      const left = asg.childForFieldName('left');
      const value = asg.childForFieldName('right');
      if (left?.type !== 'element_reference' || !value || inComparison(asg)) continue;
      const index = left.namedChildren[1];
      const key = index && (index.type === 'string' ? literalText(index) : index.text.replace(/^:["']?|["']$/g, ''));
      if (key !== KEY || !off(value)) continue;
      report({
        node: asg,
        message: `\`${asg.text}\`: librdkafka does not check that the broker's certificate names its host.`,
        state: { value },
      });
    }
  },
  fix(_file, r) {
    const v = r.state.value;
    if (v.type !== 'string') return undefined;
    const q = v.text.startsWith('"') ? '"' : "'";
    return {
      title: 'Check the broker host name (`https`)',
      safety: 'unsafe',
      edits: [{ start: v.startIndex, end: v.endIndex, newText: `${q}https${q}` }],
    };
  },
  examples: {
    ruby: {
      bad: `
        require 'rdkafka'
        config = Rdkafka::Config.new('bootstrap.servers': 'b:9093', 'security.protocol': 'ssl', 'ssl.endpoint.identification.algorithm': 'none')
      `,
      good: `
        require 'rdkafka'
        config = Rdkafka::Config.new('bootstrap.servers': 'b:9093', 'security.protocol': 'ssl', 'ssl.endpoint.identification.algorithm': 'https')
      `,
    },
  },
});
