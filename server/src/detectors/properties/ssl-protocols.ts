import { defineDetector } from '../../engine/detector';
import {
  evaluateProtocols,
  isLegacyProtocolItem,
  jvmProtocolKey,
  protocolKey,
  singleProtocolKey,
  springPlaceholder,
} from '../../engine/kafka-settings';
import { propertyEntries } from '../../engine/languages/properties';
import type { Range } from '../../engine/types';

export const detector = defineDetector<{ value: Range; secure: string } | undefined>({
  id: 'properties.ssl-protocols',
  summary:
    'Protocol settings in a `.properties` file (Kafka `ssl.enabled.protocols`/`ssl.protocol`, Spring Boot `server.ssl.enabled-protocols`/`protocol`) that enable SSL or TLS below 1.2.',
  docs: `
    The JVM's protocol settings written in a Java \`.properties\` file, read as the YAML detector reads them in
    \`application.yml\`: Kafka's \`ssl.enabled.protocols=TLSv1.2,TLSv1.1,TLSv1\` and \`ssl.protocol=TLSv1\` (also with a
    prefix: \`listener.name.ssl.\`, \`producer.\`, \`spring.kafka.properties.\`), Spring Boot's
    \`server.ssl.enabled-protocols\` (a comma list, or one item per index: \`server.ssl.enabled-protocols[0]=TLSv1.1\`)
    and \`server.ssl.protocol\`, \`spring.kafka.ssl.protocol\` and the other \`*.ssl.protocol\` settings. Values that are
    no protocol list (\`TLS\`, a placeholder without a default) are left alone; a Spring placeholder whose default
    enables a legacy version (\`\${KAFKA_PROTOCOLS:TLSv1.1,TLSv1.2}\`) is reported as an opt-in path, without a fix.
    The fix keeps TLS 1.2 and later in the list's own separator (\`TLSv1.2\` for a setting of one protocol); it is
    unsafe, as peers that only speak the older versions then fail the handshake.
  `,
  rule: 'legacy-protocol',
  languages: ['properties'],
  apis: ['ssl.enabled.protocols', 'ssl.protocol', 'server.ssl.enabled-protocols', 'server.ssl.protocol'],
  tokens: ['TLSv1', 'SSLv3', 'SSLv2', 'tlsv1', 'sslv3', 'TLSV1'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const p of propertyEntries(file)) {
      if (!protocolKey(p.key)) continue;
      const value = { start: p.valueStart, end: p.valueEnd };
      const placeholder = springPlaceholder(p.value);
      const spec = placeholder ? placeholder.default : p.value;
      if (spec === undefined) continue;
      // One item of an indexed list (`server.ssl.enabled-protocols[1]=TLSv1.1`).
      if (/\[\d+\]$/.test(p.key)) {
        if (placeholder || !isLegacyProtocolItem(spec.trim())) continue;
        report({
          range: value,
          message: `\`${p.key}=${spec.trim()}\` enables ${spec.trim()}: TLS 1.2 is the minimum.`,
          state: { value, secure: 'TLSv1.2' },
        });
        continue;
      }
      const result = evaluateProtocols(spec, jvmProtocolKey(p.key) ? ',' : ' ');
      if (!result || result.legacy.length === 0) continue;
      const shown = `\`${p.key}=${p.value.trim()}\``;
      report({
        range: value,
        message: placeholder
          ? `${shown} defaults to ${result.legacy.join(', ')}: unless the deployment sets it, TLS below 1.2 is enabled.`
          : `${shown} enables ${result.legacy.join(', ')}: TLS 1.2 is the minimum.`,
        flag: placeholder ? value : undefined,
        state: placeholder ? undefined : { value, secure: singleProtocolKey(p.key) ? 'TLSv1.2' : result.secure },
      });
    }
  },
  fix(_file, r) {
    if (!r.state) return undefined;
    return {
      title: `Allow TLS 1.2 and later (\`${r.state.secure}\`)`,
      // Peers (or a broker's other listeners) that only speak the older versions then fail: a review.
      safety: 'unsafe',
      edits: [{ start: r.state.value.start, end: r.state.value.end, newText: r.state.secure }],
    };
  },
  examples: {
    properties: {
      bad: `
        ssl.enabled.protocols=TLSv1.2,TLSv1.1,TLSv1
      `,
      good: `
        ssl.enabled.protocols=TLSv1.2,TLSv1.3
      `,
    },
  },
});
