import { yamlEnvEntries, yamlNameValueEntries, yamlPairs } from '../../engine/languages/yaml';
import { defineDetector } from '../../engine/detector';
import { ENDPOINT_IDENTIFICATION_KEY as KEY, endpointIdentificationOff } from '../../engine/kafka-settings';
import type { Range } from '../../engine/types';

/** An explicitly empty value: `""`, `''`, or blanks in quotes (the Confluent images' `" "`). */
function emptyQuoted(raw: string): boolean {
  const t = raw.trim();
  return (
    t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.at(-1) === t[0] && endpointIdentificationOff(t.slice(1, -1))
  );
}

export const detector = defineDetector<{ value: Range; quote: string }>({
  id: 'yaml.kafka-endpoint-identification',
  summary:
    "Kafka's `ssl.endpoint.identification.algorithm` set to an empty string in YAML (Spring, docker-compose, Kubernetes), which turns the broker host name check off.",
  docs: `
    Kafka clients and brokers check the peer's host name against its certificate unless
    \`ssl.endpoint.identification.algorithm\` is empty (the default is \`https\` since Kafka 2.0). In YAML it is
    set as a property (Spring's \`spring.kafka.properties.ssl.endpoint.identification.algorithm: ""\`) or as the
    environment variable Confluent's images read (\`KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: ""\`, also
    \`" "\`, and \`- KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM=\` in a list). A key with no value at all
    (\`null\`, or an environment entry that takes its value from the host) is not reported. The fix writes
    \`https\` (unsafe: a certificate that does not name the broker's host then fails the handshake).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['yaml'],
  apis: ['ssl.endpoint.identification.algorithm', 'KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM'],
  tokens: ['endpoint.identification', 'ENDPOINT_IDENTIFICATION', 'endpoint_identification'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const p of yamlPairs(file)) {
      if (!p.scalar || !KEY.test(p.key) || !emptyQuoted(p.raw)) continue;
      report({
        range: { start: p.start, end: p.end },
        message: `\`${p.key}\` is empty: Kafka does not check that the broker's certificate names its host.`,
        state: { value: { start: p.valueStart, end: p.valueEnd }, quote: /["']/.exec(p.raw)?.[0] ?? '"' },
      });
    }
    // List form: environment: [ "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM=" ]; Kubernetes' `- name:` / `value: ""`.
    for (const e of [...yamlEnvEntries(file), ...yamlNameValueEntries(file)]) {
      if (!KEY.test(e.name) || !endpointIdentificationOff(e.value)) continue;
      report({
        range: { start: e.start, end: e.end },
        message: `\`${e.name}\` is empty: Kafka does not check that the broker's certificate names its host.`,
        state: { value: { start: e.valueStart, end: e.valueEnd }, quote: '' },
      });
    }
  },
  fix(_file, r) {
    const { value, quote } = r.state;
    return {
      title: 'Check the broker host name (`https`)',
      safety: 'unsafe',
      edits: [{ start: value.start, end: value.end, newText: `${quote}https${quote}` }],
    };
  },
  examples: {
    yaml: {
      bad: `
        environment:
          KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: ""
      `,
      good: `
        environment:
          KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: https
      `,
    },
  },
});
