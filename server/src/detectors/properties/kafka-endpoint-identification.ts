import { defineDetector } from '../../engine/detector';
import { ENDPOINT_IDENTIFICATION_KEY, endpointIdentificationOff, springPlaceholder } from '../../engine/kafka-settings';
import { propertyEntries } from '../../engine/languages/properties';
import type { Range } from '../../engine/types';

export const detector = defineDetector<{ value: Range } | undefined>({
  id: 'properties.kafka-endpoint-identification',
  summary:
    "Kafka's `ssl.endpoint.identification.algorithm=` left empty in a `.properties` file (client, broker or Spring Boot settings), which turns the broker host name check off.",
  docs: `
    Kafka clients and brokers check the peer's host name against its certificate unless
    \`ssl.endpoint.identification.algorithm\` is empty (the default is \`https\` since Kafka 2.0). In a Java
    \`.properties\` file it is written \`ssl.endpoint.identification.algorithm=\` (a client's
    \`client-ssl.properties\`, a broker's \`server.properties\`, \`listener.name.<name>.\` and \`producer.\`/\`consumer.\`
    prefixes) or passed through Spring Boot (\`spring.kafka.properties.ssl.endpoint.identification.algorithm=\`),
    as the YAML detector reads it in \`application.yml\`. A Spring placeholder is the deployment's value: one whose
    default is empty (\`\${KAFKA_ENDPOINT_ALGORITHM:}\`) is reported as an opt-in path, without a fix; one without a
    default is not reported. The fix writes \`https\` (unsafe: a certificate that does not name the broker's host
    then fails the handshake).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['properties'],
  apis: ['ssl.endpoint.identification.algorithm', 'spring.kafka.properties.ssl.endpoint.identification.algorithm'],
  tokens: ['endpoint.identification'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const p of propertyEntries(file)) {
      if (!ENDPOINT_IDENTIFICATION_KEY.test(p.key)) continue;
      const value = { start: p.valueStart, end: p.valueEnd };
      const placeholder = springPlaceholder(p.value);
      if (placeholder) {
        if (placeholder.default === undefined || !endpointIdentificationOff(placeholder.default)) continue;
        report({
          range: { start: p.start, end: p.end },
          message: `\`${p.key}\` defaults to empty: unless the deployment sets it, Kafka does not check that the broker's certificate names its host.`,
          flag: value,
          state: undefined,
        });
        continue;
      }
      if (!endpointIdentificationOff(p.value)) continue;
      report({
        range: { start: p.start, end: p.end },
        message: `\`${p.key}\` is empty: Kafka does not check that the broker's certificate names its host.`,
        state: { value },
      });
    }
  },
  fix(_file, r) {
    if (!r.state) return undefined;
    return {
      title: 'Check the broker host name (`https`)',
      safety: 'unsafe',
      edits: [{ start: r.state.value.start, end: r.state.value.end, newText: 'https' }],
    };
  },
  examples: {
    properties: {
      bad: `
        security.protocol=SSL
        ssl.endpoint.identification.algorithm=
      `,
      good: `
        security.protocol=SSL
        ssl.endpoint.identification.algorithm=https
      `,
    },
  },
});
