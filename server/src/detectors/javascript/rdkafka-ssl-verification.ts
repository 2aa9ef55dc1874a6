import type { Node } from 'web-tree-sitter';
import { insecureBooleanMembers } from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

const OPTIONS = new Map([['enable.ssl.certificate.verification', false]]);

interface State {
  value: Node;
  literal: boolean;
}

export const detector = defineDetector<State>({
  id: 'javascript.rdkafka-ssl-verification',
  summary: "librdkafka's `enable.ssl.certificate.verification: false` (node-rdkafka, Confluent's kafka-javascript).",
  docs: `
    librdkafka's \`'enable.ssl.certificate.verification': false\` in the configuration object of node-rdkafka's
    or Confluent's kafka-javascript \`Producer\`/\`KafkaConsumer\`/\`AdminClient\`: the broker's certificate is
    not verified.
  `,
  rule: 'cert-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['node-rdkafka.Producer', 'node-rdkafka.KafkaConsumer', '@confluentinc/kafka-javascript.Kafka'],
  tokens: [...OPTIONS.keys()],
  fixAvailability: 'always',
  detect(file, report) {
    for (const hit of insecureBooleanMembers(file, OPTIONS)) {
      report({
        node: hit.member,
        message: `${hit.api ? `\`${hit.api}\` option ` : ''}\`'${hit.name}': ${hit.value.text}\`: librdkafka accepts any broker certificate.`,
        state: { value: hit.value, literal: hit.literal },
      });
    }
  },
  fix(_file, r) {
    const { value, literal } = r.state;
    return {
      title: "Verify the broker's certificate (`true`)",
      safety: literal ? 'safe' : 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'true' }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const Kafka = require('node-rdkafka');
        const producer = new Kafka.Producer({ 'metadata.broker.list': 'broker:9093', 'security.protocol': 'ssl', 'enable.ssl.certificate.verification': false });
      `,
      good: `
        const Kafka = require('node-rdkafka');
        const producer = new Kafka.Producer({ 'metadata.broker.list': 'broker:9093', 'security.protocol': 'ssl', 'ssl.ca.location': '/etc/kafka/ca.pem' });
      `,
    },
  },
});
