import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';
import { csString, lastName, setCallsOf, unwrap } from '../../engine/languages/csharp';

/** Confluent.Kafka's `ClientConfig` property over librdkafka's `enable.ssl.certificate.verification`. */
const PROPERTY = 'EnableSslCertificateVerification';
const KEY = 'enable.ssl.certificate.verification';

export const detector = defineDetector<{ value: Node; text: string }>({
  id: 'csharp.rdkafka-ssl-verification',
  summary:
    'Confluent.Kafka\'s `EnableSslCertificateVerification = false` (or `Set("enable.ssl.certificate.verification", "false")`): librdkafka accepts any broker certificate.',
  docs: `
    Confluent.Kafka (the .NET client over librdkafka) verifies the broker's certificate unless
    \`EnableSslCertificateVerification\` is \`false\` on a \`ClientConfig\` (\`ProducerConfig\`, \`ConsumerConfig\`,
    \`AdminClientConfig\`), in an object initializer or an assignment, or the key is set as a string
    (\`config.Set("enable.ssl.certificate.verification", "false")\`), as the same librdkafka switch is read in
    JavaScript, PHP, Python, Go and C. The fix writes \`true\` (unsafe: a broker whose certificate the client
    cannot verify, a self-signed one without \`SslCaLocation\`, then fails the handshake).
  `,
  rule: 'cert-verification-disabled',
  languages: ['csharp'],
  apis: ['Confluent.Kafka.ClientConfig.EnableSslCertificateVerification', 'Confluent.Kafka.Config.Set'],
  tokens: [PROPERTY, KEY],
  fixAvailability: 'always',
  detect(file, report) {
    for (const asg of file.nodes('assignment_expression')) {
      if (lastName(asg.childForFieldName('left')) !== PROPERTY) continue;
      const right = asg.childForFieldName('right');
      const value = right && unwrap(right);
      if (value?.type !== 'boolean_literal' || value.text !== 'false') continue;
      report({
        node: asg,
        message: `\`${PROPERTY} = false\`: librdkafka accepts any broker certificate.`,
        state: { value, text: 'true' },
      });
    }
    for (const { call, value } of setCallsOf(file, KEY)) {
      if (!/^(false|0)$/i.test(csString(value) ?? '')) continue;
      report({
        node: call,
        message: `\`Set("${KEY}", ${value.text})\`: librdkafka accepts any broker certificate.`,
        state: { value, text: '"true"' },
      });
    }
  },
  fix(_file, r) {
    const { value, text } = r.state;
    return {
      title: "Verify the broker's certificate (`true`)",
      safety: 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: text }],
    };
  },
  examples: {
    csharp: {
      bad: `
        using Confluent.Kafka;
        class K { ConsumerConfig C() => new ConsumerConfig { GroupId = "g", EnableSslCertificateVerification = false }; }
      `,
      good: `
        using Confluent.Kafka;
        class K { ConsumerConfig C() => new ConsumerConfig { GroupId = "g", SslCaLocation = "/etc/kafka/ca.pem" }; }
      `,
    },
  },
});
