import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';
import { RDKAFKA_ENDPOINT_IDENTIFICATION as KEY, endpointIdentificationOff } from '../../engine/kafka-settings';
import {
  flowsInto,
  isOptionsParser,
  literalString,
  memberName,
  stringValue,
  unwrap,
} from '../../engine/languages/javascript';

interface State {
  value: Node;
  /** Written as a literal here (not a shared constant): the fix replaces it in place. */
  literal: boolean;
}

/** The quote a string literal is written with (`'`, `"` or a backtick). */
function quoteOf(value: Node): string {
  const q = value.text[0];
  return q === '"' || q === '`' ? q : "'";
}

export const detector = defineDetector<State>({
  id: 'javascript.rdkafka-endpoint-identification',
  summary:
    "librdkafka's `'ssl.endpoint.identification.algorithm': 'none'` (node-rdkafka, Confluent's kafka-javascript), which turns the broker host name check off.",
  docs: `
    librdkafka checks that the broker's certificate names its host unless
    \`ssl.endpoint.identification.algorithm\` is \`none\` (or empty). In JavaScript and TypeScript it is set in the
    configuration object of node-rdkafka's or Confluent's kafka-javascript \`Producer\`/\`KafkaConsumer\`/\`AdminClient\`
    (\`'ssl.endpoint.identification.algorithm': 'none'\`, also through a \`const\`) or written into one
    (\`config['ssl.endpoint.identification.algorithm'] = 'none'\`), as Python's and Go's confluent-kafka clients are
    read. The certificate is still verified, but one for any host name is accepted. The fix writes \`'https'\`
    (unsafe: a certificate that does not name the broker's host then fails the handshake).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['node-rdkafka.Producer', 'node-rdkafka.KafkaConsumer', '@confluentinc/kafka-javascript.Kafka'],
  tokens: [KEY],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const off = (v: Node | null | undefined) => {
      const s = stringValue(file, v);
      return s !== undefined && endpointIdentificationOff(s, true);
    };
    for (const member of file.nodes('pair')) {
      if (member.parent?.type !== 'object' || memberName(member) !== KEY) continue;
      const value = member.childForFieldName('value');
      if (!value || !off(value)) continue;
      // An options parser's input configures nothing by itself.
      const consumer = flowsInto(file, member.parent);
      if (consumer && isOptionsParser(consumer.name)) continue;
      report({
        node: member,
        message: `${consumer ? `\`${consumer.shown}\` option ` : ''}\`'${KEY}': ${value.text}\`: librdkafka does not check that the broker's certificate names its host.`,
        state: { value, literal: literalString(unwrap(value)) !== undefined },
      });
    }
    // `config['ssl.endpoint.identification.algorithm'] = 'none'`.
    for (const assign of file.nodes('assignment_expression')) {
      const left = assign.childForFieldName('left');
      const value = assign.childForFieldName('right');
      if (left?.type !== 'subscript_expression' || !value) continue;
      if (literalString(left.childForFieldName('index')) !== KEY || !off(value)) continue;
      report({
        node: assign,
        message: `\`${left.text} = ${value.text}\`: librdkafka does not check that the broker's certificate names its host.`,
        state: { value, literal: literalString(unwrap(value)) !== undefined },
      });
    }
  },
  fix(_file, r) {
    const { value, literal } = r.state;
    if (!literal) return undefined;
    const q = quoteOf(value);
    return {
      title: 'Check the broker host name (`https`)',
      safety: 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: `${q}https${q}` }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const Kafka = require('node-rdkafka');
        const producer = new Kafka.Producer({ 'metadata.broker.list': 'broker:9093', 'security.protocol': 'ssl', 'ssl.endpoint.identification.algorithm': 'none' });
      `,
      good: `
        const Kafka = require('node-rdkafka');
        const producer = new Kafka.Producer({ 'metadata.broker.list': 'broker:9093', 'security.protocol': 'ssl', 'ssl.endpoint.identification.algorithm': 'https' });
      `,
    },
  },
});
