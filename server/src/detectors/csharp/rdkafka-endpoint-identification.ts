import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';
import { RDKAFKA_ENDPOINT_IDENTIFICATION as KEY, endpointIdentificationOff } from '../../engine/kafka-settings';
import { csString, lastName, ownerName, setCallsOf, unwrap } from '../../engine/languages/csharp';

/** The property of Confluent.Kafka's `ClientConfig` (and `ProducerConfig`, `ConsumerConfig`, `AdminClientConfig`). */
const PROPERTY = 'SslEndpointIdentificationAlgorithm';

export const detector = defineDetector<{ value: Node; enumValue: boolean }>({
  id: 'csharp.rdkafka-endpoint-identification',
  summary:
    'Confluent.Kafka\'s `SslEndpointIdentificationAlgorithm = SslEndpointIdentificationAlgorithm.None` (or `Set("ssl.endpoint.identification.algorithm", "none")`), which turns librdkafka\'s broker host name check off.',
  docs: `
    Confluent.Kafka (the .NET client over librdkafka) checks that the broker's certificate names its host unless
    \`SslEndpointIdentificationAlgorithm\` is \`SslEndpointIdentificationAlgorithm.None\` on a \`ClientConfig\`
    (\`ProducerConfig\`, \`ConsumerConfig\`, \`AdminClientConfig\`), in an object initializer or an assignment, or the
    key is set as a string (\`config.Set("ssl.endpoint.identification.algorithm", "none")\`). Read as the librdkafka
    setting is read in the other languages. The fix writes \`SslEndpointIdentificationAlgorithm.Https\` (unsafe: a
    certificate that does not name the broker's host then fails the handshake).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['csharp'],
  apis: ['Confluent.Kafka.ClientConfig.SslEndpointIdentificationAlgorithm', 'Confluent.Kafka.Config.Set'],
  tokens: [PROPERTY, KEY],
  fixAvailability: 'always',
  detect(file, report) {
    for (const asg of file.nodes('assignment_expression')) {
      if (lastName(asg.childForFieldName('left')) !== PROPERTY) continue;
      const right = asg.childForFieldName('right');
      const value = right && unwrap(right);
      if (!value || lastName(value) !== 'None' || ownerName(value) !== PROPERTY) continue;
      report({
        node: asg,
        message: `\`${PROPERTY} = ${value.text}\`: librdkafka does not check that the broker's certificate names its host.`,
        state: { value, enumValue: true },
      });
    }
    // `config.Set("ssl.endpoint.identification.algorithm", "none")`.
    for (const { call, value } of setCallsOf(file, KEY)) {
      const s = csString(value);
      if (s === undefined || !endpointIdentificationOff(s, true)) continue;
      report({
        node: call,
        message: `\`Set("${KEY}", ${value.text})\`: librdkafka does not check that the broker's certificate names its host.`,
        state: { value, enumValue: false },
      });
    }
  },
  fix(_file, r) {
    const { value, enumValue } = r.state;
    const text = enumValue ? value.text.replace(/None$/, 'Https') : '"https"';
    return {
      title: 'Check the broker host name (`Https`)',
      safety: 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: text }],
    };
  },
  examples: {
    csharp: {
      bad: `
        using Confluent.Kafka;
        class K { ProducerConfig C() => new ProducerConfig { BootstrapServers = "b:9093", SslEndpointIdentificationAlgorithm = SslEndpointIdentificationAlgorithm.None }; }
      `,
      good: `
        using Confluent.Kafka;
        class K { ProducerConfig C() => new ProducerConfig { BootstrapServers = "b:9093", SslEndpointIdentificationAlgorithm = SslEndpointIdentificationAlgorithm.Https }; }
      `,
    },
  },
});
