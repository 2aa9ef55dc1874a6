import type { Node } from 'web-tree-sitter';
import { goString, stringKeyedElements } from '../../engine/languages/go';
import { defineDetector } from '../../engine/detector';
import { RDKAFKA_ENDPOINT_IDENTIFICATION, endpointIdentificationOff } from '../../engine/kafka-settings';

/** librdkafka's key (confluent-kafka-go `kafka.ConfigMap`): "none" turns the broker host name check off. */
const KEY = RDKAFKA_ENDPOINT_IDENTIFICATION;

/** "none", or an empty or blank string. */
function turnsOff(value: Node | undefined): boolean {
  const s = goString(value);
  return s !== undefined && endpointIdentificationOff(s, true);
}

export const detector = defineDetector<{ value: Node }>({
  id: 'go.rdkafka-endpoint-identification',
  summary:
    'librdkafka\'s `"ssl.endpoint.identification.algorithm": "none"` in a confluent-kafka-go `kafka.ConfigMap`, which turns the broker host name check off.',
  docs: `
    librdkafka checks that the broker's certificate names its host unless
    \`ssl.endpoint.identification.algorithm\` is \`none\` (or empty). In Go it is set in a \`kafka.ConfigMap\`
    literal (\`"ssl.endpoint.identification.algorithm": "none"\`) or with \`configMap.SetKey(...)\`. The certificate
    is still verified, but one for any host name is accepted. The fix writes \`"https"\` (unsafe: a certificate
    that does not name the broker's host then fails the handshake).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['go'],
  apis: ['kafka.ConfigMap', 'kafka.ConfigMap.SetKey'],
  tokens: [KEY],
  fixAvailability: 'always',
  detect(file, report) {
    for (const literal of file.nodes('composite_literal')) {
      for (const { el, key, value } of stringKeyedElements(literal)) {
        if (key === KEY && value && turnsOff(value))
          report({
            node: el,
            message: `\`"${KEY}": ${value.text}\`: librdkafka does not check that the broker's certificate names its host.`,
            state: { value },
          });
      }
    }
    for (const call of file.nodes('call_expression')) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'SetKey') continue;
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      const value = args[1] ?? undefined;
      if (args.length === 2 && goString(args[0]) === KEY && value && turnsOff(value))
        report({
          node: call,
          message: `\`SetKey("${KEY}", ${value.text})\`: librdkafka does not check that the broker's certificate names its host.`,
          state: { value },
        });
    }
  },
  fix(_file, r) {
    const v = r.state.value;
    return {
      title: 'Check the broker host name (`"https"`)',
      safety: 'unsafe',
      edits: [
        { start: v.startIndex, end: v.endIndex, newText: v.type === 'raw_string_literal' ? '`https`' : '"https"' },
      ],
    };
  },
  examples: {
    go: {
      bad: `
        package main

        import "github.com/confluentinc/confluent-kafka-go/v2/kafka"

        var conf = kafka.ConfigMap{"bootstrap.servers": "b:9093", "ssl.endpoint.identification.algorithm": "none"}
      `,
      good: `
        package main

        import "github.com/confluentinc/confluent-kafka-go/v2/kafka"

        var conf = kafka.ConfigMap{"bootstrap.servers": "b:9093", "ssl.endpoint.identification.algorithm": "https"}
      `,
    },
  },
});
