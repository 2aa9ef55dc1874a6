import type { Node } from 'web-tree-sitter';
import {
  calls,
  listElements,
  named,
  removeArgumentEdits,
  simpleName,
  stringValue,
} from '../../engine/languages/kotlin';
import { defineDetector } from '../../engine/detector';
import { kotlinListSettings } from '../jvm/support/kotlin-options';
import type { SourceFile } from '../../engine/types';
import {
  APACHE_PROTOCOL_SETTERS,
  BUILDER_PROTOCOL_SETTERS,
  PROTOCOL_LIST_CONSTRUCTORS,
  PROTOCOL_SETTERS,
  PROTOCOL_SYSTEM_PROPERTIES,
  kafkaProtocolKey,
  STORING_CALLS,
  protocolConstant,
} from '../../engine/jsse';
import {
  type ProtocolState,
  protocolListFix,
  reportLegacyElements,
  reportProtocolProperty,
} from '../jvm/support/protocol-lists';

const SETTERS = [...PROTOCOL_SETTERS, ...APACHE_PROTOCOL_SETTERS, ...BUILDER_PROTOCOL_SETTERS, 'tlsVersions'];
const PROPERTIES = ['enabledProtocols', 'protocols'];
const SYSTEM_PROPERTIES = PROTOCOL_SYSTEM_PROPERTIES;

function protocolOf(file: SourceFile, n: Node): string | undefined {
  const kids = n.type === 'navigation_expression' ? named(n) : undefined;
  const constant = kids ? protocolConstant(simpleName(kids[0]), kids[1]?.text ?? '') : undefined;
  return constant ?? stringValue(file, n);
}

/** The Kafka protocol setting a key names: a string, or an `SslConfigs` constant (also statically imported). */
function kafkaKey(file: SourceFile, key: Node): string | undefined {
  const last =
    key.type === 'navigation_expression'
      ? named(key).at(-1)?.text
      : key.type === 'simple_identifier'
        ? key.text
        : undefined;
  return kafkaProtocolKey(last?.replace(/^\./, ''), stringValue(file, key));
}

export const detector = defineDetector<ProtocolState>({
  id: 'kotlin.tls-protocols',
  summary: 'JSSE protocol lists in Kotlin.',
  docs: `
    JSSE protocol lists in Kotlin: \`socket.enabledProtocols = arrayOf("TLSv1", ...)\`,
    \`setEnabledProtocols(arrayOf(...))\`, \`SSLParameters.protocols = ...\`, OkHttp
    \`tlsVersions(TlsVersion.TLS_1_0, ...)\` and \`ConnectionSpec.COMPATIBLE_TLS\`, Apache HttpClient's
    protocol lists (\`SSLConnectionSocketFactory(ctx, arrayOf("TLSv1"), ...)\`, \`setTlsVersions(TLS.V_1_1)\`), Netty's
    \`SslContextBuilder.protocols(...)\`, and the
    \`https.protocols\` / \`jdk.tls.client.protocols\` system properties.
  `,
  rule: 'legacy-protocol',
  languages: ['kotlin'],
  apis: [
    'javax.net.ssl.SSLSocket.enabledProtocols',
    'javax.net.ssl.SSLParameters.protocols',
    'okhttp3.ConnectionSpec.Builder.tlsVersions',
    'okhttp3.ConnectionSpec.COMPATIBLE_TLS',
    'https.protocols',
  ],
  tokens: [
    'rotocols',
    'tlsVersions',
    'TlsVersions',
    'COMPATIBLE_TLS',
    'ssl.protocol',
    'SSL_PROTOCOL_CONFIG',
    ...PROTOCOL_LIST_CONSTRUCTORS,
  ],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const lists = kotlinListSettings(file, SETTERS, PROPERTIES);
    for (const c of calls(file)) {
      if (SETTERS.includes(c.name) && c.args.length > 0) continue;
      if (PROTOCOL_LIST_CONSTRUCTORS.includes(c.name) && c.args.length >= 4) {
        // `SSLConnectionSocketFactory(sslContext, arrayOf("TLSv1"), null, verifier)`.
        const elements = listElements(file, c.args[1]);
        if (elements) lists.push({ elements, api: c.name });
      } else if (c.name === 'setProperty' && simpleName(c.receiver) === 'System' && c.args.length === 2) {
        const key = stringValue(file, c.args[0]);
        const value = stringValue(file, c.args[1]);
        if (!key || value === undefined || !SYSTEM_PROPERTIES.includes(key)) continue;
        reportProtocolProperty(key, value, c.args[1], report);
      } else if (STORING_CALLS.includes(c.name) && c.args.length === 2) {
        // Kafka's `ssl.enabled.protocols` / `ssl.protocol`: `props.put(SslConfigs.SSL_PROTOCOL_CONFIG, "TLSv1")`.
        const key = kafkaKey(file, c.args[0]);
        const value = stringValue(file, c.args[1]);
        if (key && value !== undefined) reportProtocolProperty(key, value, c.args[1], report);
      }
    }
    for (const { elements, api } of lists) {
      reportLegacyElements(elements, api, (e) => protocolOf(file, e), report);
    }
    for (const nav of file.nodes('navigation_expression')) {
      const kids = named(nav);
      if (kids.length !== 2 || simpleName(kids[0]) !== 'ConnectionSpec' || kids[1].text !== 'COMPATIBLE_TLS') continue;
      // `ConnectionSpec.COMPATIBLE_TLS.cipherSuites` reads the spec; it configures nothing.
      if (nav.parent?.type === 'navigation_expression' && named(nav.parent)[0]?.id === nav.id) continue;
      report({
        node: nav,
        message: '`ConnectionSpec.COMPATIBLE_TLS` allows TLS 1.0 and 1.1 with legacy cipher suites.',
        state: { kind: 'none' },
      });
    }
  },
  fix(file, r) {
    return protocolListFix(file, r.state, {
      removeElementEdits: removeArgumentEdits,
      constantOwner: (el) => (el.type === 'navigation_expression' ? named(el)[0] : undefined),
      simpleName,
    });
  },
  examples: {
    kotlin: {
      bad: `
        import javax.net.ssl.SSLSocket

        fun harden(s: SSLSocket) {
            s.enabledProtocols = arrayOf("TLSv1")
        }
      `,
      good: `
        import javax.net.ssl.SSLSocket

        fun harden(s: SSLSocket) {
            s.enabledProtocols = arrayOf("TLSv1.3", "TLSv1.2")
        }
      `,
    },
  },
});
