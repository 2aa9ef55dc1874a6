import { defineDetector } from '../../engine/detector';
import { ENDPOINT_IDENTIFICATION_KEY, endpointIdentificationOff } from '../../engine/kafka-settings';
import { scriptSettings, type ScriptSetting } from './support/kafka-settings';

export const detector = defineDetector<{ setting: ScriptSetting }>({
  id: 'shell.kafka-endpoint-identification',
  summary:
    "Kafka's `ssl.endpoint.identification.algorithm=` left empty in a script (`--override`, `--producer-property`, `-D`, or a `.properties` file the script writes), which turns the broker host name check off.",
  docs: `
    Kafka clients and brokers check the peer's host name against its certificate unless
    \`ssl.endpoint.identification.algorithm\` is empty. Scripts set it on the command line
    (\`kafka-server-start.sh server.properties --override ssl.endpoint.identification.algorithm=\`,
    \`kafka-console-producer.sh --producer-property ssl.endpoint.identification.algorithm=\`,
    \`-Dssl.endpoint.identification.algorithm=\`), echo it into a \`.properties\` file, or write one with a
    here-document; each is read as the \`.properties\` and YAML detectors read it. A value taken from a variable
    (\`'ssl.endpoint.identification.algorithm='$ALG\`) is the script's and is not reported. The fix writes \`https\`
    (unsafe: a certificate that does not name the broker's host then fails the handshake).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['shell', 'dockerfile', 'dotenv'],
  apis: ['kafka-server-start.sh --override', 'kafka-console-producer.sh --producer-property', 'java -D'],
  tokens: ['endpoint.identification', 'ENDPOINT_IDENTIFICATION'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const s of scriptSettings(file)) {
      if (!ENDPOINT_IDENTIFICATION_KEY.test(s.key) || !endpointIdentificationOff(s.value)) continue;
      report({
        range: { start: s.start, end: s.end },
        message: `\`${s.key}\` is empty: Kafka does not check that the broker's certificate names its host.`,
        state: { setting: s },
      });
    }
  },
  fix(_file, r) {
    const s = r.state.setting;
    if (!s.literal) return undefined;
    return {
      title: 'Check the broker host name (`https`)',
      safety: 'unsafe',
      edits: [{ start: s.valueStart, end: s.valueEnd, newText: 'https' }],
    };
  },
  examples: {
    shell: {
      bad: `
        kafka-server-start.sh config/server.properties --override ssl.endpoint.identification.algorithm=
      `,
      good: `
        kafka-server-start.sh config/server.properties --override ssl.endpoint.identification.algorithm=https
      `,
    },
  },
});
