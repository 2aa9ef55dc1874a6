import {
  unquote,
  yamlEnvEntries,
  yamlNameValueEntries,
  yamlPairs,
  yamlSequenceItems,
} from '../../engine/languages/yaml';
import { defineDetector } from '../../engine/detector';
import {
  JVM_PROTOCOL_KEY,
  evaluateProtocols as evaluate,
  isLegacyProtocolItem,
  jvmProtocolKey,
  protocolKey,
  singleProtocolKey as singleProtocol,
} from '../../engine/kafka-settings';
import type { Range } from '../../engine/types';

/** Keys whose value may be a YAML list of protocols (Spring's `enabled-protocols: [TLSv1.2, TLSv1.3]`). */
const LIST_KEYS = ['enabled-protocols', 'enabled_protocols', 'enabledProtocols', 'ssl.enabled.protocols'];

type State = Replace | { remove: Range };

interface Replace {
  value: Range;
  raw: string;
  secure: string;
  /** Inside an environment entry's string (`NAME=value`): no quotes of its own. */
  bare?: boolean;
}

export const detector = defineDetector<State | undefined>({
  id: 'yaml.ssl-protocols',
  summary:
    'Protocol lists kept in YAML (Ansible role variables, ingress-nginx ConfigMaps, Kafka and Spring Boot settings) that enable SSL or TLS below 1.2.',
  docs: `
    Web server protocol lists kept in YAML that enable SSL or TLS below 1.2: Ansible role variables
    rendered into Apache's \`SSLProtocol\` or nginx's \`ssl_protocols\` (\`apache_ssl_protocol: "All -SSLv2 -SSLv3"\`,
    \`nginx_ssl_protocols: TLSv1 TLSv1.1 TLSv1.2\`), and the ingress-nginx ConfigMap's \`ssl-protocols\`.
    Apache's form (\`all\`, \`+\`/\`-\`) is evaluated the way mod_ssl evaluates it; values that are not
    a protocol list (a Jinja expression, a flag) are left alone. The JVM's settings too: Kafka's
    \`ssl.enabled.protocols\` and \`ssl.protocol\` (also as the Confluent images' \`KAFKA_SSL_ENABLED_PROTOCOLS\`,
    in an environment map or \`NAME=value\` list), Spring Boot's \`server.ssl.enabled-protocols\` and
    \`server.ssl.protocol\` (nested under \`ssl:\`, as a comma list or a YAML list, whose legacy items are
    reported one by one).
  `,
  rule: 'legacy-protocol',
  languages: ['yaml'],
  apis: ['apache_ssl_protocol', 'nginx_ssl_protocols', 'ingress-nginx ConfigMap ssl-protocols'],
  tokens: [
    'ssl_protocol',
    'ssl-protocol',
    'sslprotocol',
    'ssl_Protocol',
    'SslProtocol',
    'SSL_PROTOCOL',
    // The JVM's keys (Kafka, Spring Boot): a legacy version in the value names them.
    'TLSv1',
    'SSLv3',
    'SSLv2',
  ],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const p of yamlPairs(file)) {
      if (!p.scalar || !protocolKey(p.key, p.path)) continue;
      const result = evaluate(unquote(p.raw), jvmProtocolKey(p.key, p.path) ? ',' : ' ');
      if (!result || result.legacy.length === 0) continue;
      report({
        range: { start: p.valueStart, end: p.valueEnd },
        message: `\`${p.key}: ${p.raw.trim()}\` enables ${result.legacy.join(', ')}: TLS 1.2 is the minimum.`,
        state: {
          value: { start: p.valueStart, end: p.valueEnd },
          raw: p.raw,
          // One protocol (the SSLContext's) takes one name.
          secure: singleProtocol(p.key, p.path) ? 'TLSv1.2' : result.secure,
        },
      });
    }
    // Spring's list form: `enabled-protocols: [TLSv1.1, TLSv1.2]` or one item a line; each legacy item.
    for (const item of yamlSequenceItems(file, LIST_KEYS)) {
      const v = unquote(item.raw);
      if (!isLegacyProtocolItem(v)) continue;
      // An item on its own line (`- TLSv1.1`) goes with its line; one in a flow list (`[TLSv1.1, ...]`) is reviewed.
      const text = file.text;
      const lineStart = text.lastIndexOf('\n', item.start - 1) + 1;
      const nl = text.indexOf('\n', item.end);
      const lineEnd = nl < 0 ? text.length : nl + 1;
      const own =
        /^[ \t]*-[ \t]*$/.test(text.slice(lineStart, item.start)) &&
        /^[ \t]*(#.*)?\r?\n?$/.test(text.slice(item.end, lineEnd));
      report({
        range: { start: item.start, end: item.end },
        message: `\`${item.key}\` lists ${v}: TLS 1.2 is the minimum.`,
        state: own ? { remove: { start: lineStart, end: lineEnd } } : undefined,
      });
    }
    // Environment lists: `- KAFKA_SSL_ENABLED_PROTOCOLS=TLSv1.2,TLSv1.1`.
    // Kubernetes' `- name: KAFKA_SSL_ENABLED_PROTOCOLS` / `value: "TLSv1.2,TLSv1.1"` too.
    for (const e of [...yamlEnvEntries(file), ...yamlNameValueEntries(file)]) {
      if (!JVM_PROTOCOL_KEY.test(e.name)) continue;
      const result = evaluate(e.value, ',');
      if (!result || result.legacy.length === 0) continue;
      report({
        range: { start: e.start, end: e.end },
        message: `\`${e.name}=${e.value}\` enables ${result.legacy.join(', ')}: TLS 1.2 is the minimum.`,
        state: {
          value: { start: e.valueStart, end: e.valueEnd },
          raw: e.value,
          secure: singleProtocol(e.name, []) ? 'TLSv1.2' : result.secure,
          bare: true,
        },
      });
    }
  },
  fix(_file, r) {
    if (!r.state) return undefined;
    if ('remove' in r.state)
      return {
        title: 'Remove the legacy protocol from the list',
        // The list may then be empty (the server's own default), or read by code out of sight.
        safety: 'unsafe',
        edits: [{ start: r.state.remove.start, end: r.state.remove.end, newText: '' }],
      };
    const { value, raw, secure, bare } = r.state;
    const q = bare ? '' : (/^\s*(["'])/.exec(raw)?.[1] ?? '"');
    return {
      title: `Allow TLS 1.2 and later (\`${secure}\`)`,
      // The variable may be read by templates out of sight: a review, not an automatic change.
      safety: 'unsafe',
      edits: [{ start: value.start, end: value.end, newText: `${q}${secure}${q}` }],
    };
  },
  examples: {
    yaml: {
      bad: `
        apache_ssl_protocol: "All -SSLv2 -SSLv3"
      `,
      good: `
        apache_ssl_protocol: "All -SSLv3 -TLSv1 -TLSv1.1"
      `,
    },
  },
});
