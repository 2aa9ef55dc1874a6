import { defineDetector } from '../../engine/detector';
import { JVM_PROTOCOL_KEY, evaluateProtocols, singleProtocolKey } from '../../engine/kafka-settings';
import { scriptSettings, type ScriptSetting } from './support/kafka-settings';

export const detector = defineDetector<{ setting: ScriptSetting; secure: string }>({
  id: 'shell.kafka-ssl-protocols',
  summary:
    "Kafka's and Spring Boot's protocol settings in a script (`--override ssl.enabled.protocols=TLSv1.2,TLSv1.1`, `--server.ssl.enabled-protocols=...`, a `.properties` file the script writes) that enable TLS below 1.2.",
  docs: `
    The JVM's protocol settings set from a script, read as the \`.properties\` and YAML detectors read them:
    Kafka's \`ssl.enabled.protocols\` and \`ssl.protocol\` on the command line (\`kafka-server-start.sh --override\`,
    \`--producer-property\`, \`-D\`), Spring Boot's \`--server.ssl.enabled-protocols=\` and \`--server.ssl.protocol=\`
    arguments, and the same keys echoed into a \`.properties\` file or written by a here-document. A value taken
    from a variable is the script's and is not reported. The fix keeps TLS 1.2 and later (unsafe: peers that only
    speak the older versions then fail the handshake).
  `,
  rule: 'legacy-protocol',
  languages: ['shell', 'dockerfile', 'dotenv'],
  apis: ['kafka-server-start.sh --override ssl.enabled.protocols', 'java -jar app.jar --server.ssl.enabled-protocols'],
  tokens: [
    'ssl.enabled.protocols',
    'ssl.protocol',
    'ssl.enabled-protocols',
    'ssl.enabledProtocols',
    'SSL_ENABLED_PROTOCOLS',
    'SSL_PROTOCOL',
  ],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const s of scriptSettings(file)) {
      if (!JVM_PROTOCOL_KEY.test(s.key)) continue;
      const result = evaluateProtocols(s.value, ',');
      if (!result || result.legacy.length === 0) continue;
      report({
        range: { start: s.valueStart, end: s.valueEnd },
        message: `\`${s.key}=${s.value}\` enables ${result.legacy.join(', ')}: TLS 1.2 is the minimum.`,
        state: { setting: s, secure: singleProtocolKey(s.key) ? 'TLSv1.2' : result.secure },
      });
    }
  },
  fix(_file, r) {
    const { setting: s, secure } = r.state;
    if (!s.literal) return undefined;
    return {
      title: `Allow TLS 1.2 and later (\`${secure}\`)`,
      safety: 'unsafe',
      edits: [{ start: s.valueStart, end: s.valueEnd, newText: secure }],
    };
  },
  examples: {
    shell: {
      bad: `
        kafka-server-start.sh config/server.properties --override ssl.enabled.protocols=TLSv1.2,TLSv1.1
      `,
      good: `
        kafka-server-start.sh config/server.properties --override ssl.enabled.protocols=TLSv1.2,TLSv1.3
      `,
    },
  },
});
