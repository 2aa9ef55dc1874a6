import type { Node } from 'web-tree-sitter';
import {
  arrayElements,
  invocation,
  removeListElementEdits,
  simpleTypeName,
  stringValue,
} from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';
import { SINCE_SSL3 } from '../../engine/protocols';
import type { SourceFile } from '../../engine/types';
import {
  APACHE_PROTOCOL_SETTERS,
  BUILDER_PROTOCOL_SETTERS,
  PROTOCOL_LIST_CONSTRUCTORS,
  PROTOCOL_SETTERS,
  PROTOCOL_SYSTEM_PROPERTIES,
  kafkaProtocolKey,
  STORING_CALLS,
  isJsseLegacy,
  protocolConstant,
} from '../../engine/jsse';
import {
  type ProtocolState,
  protocolListFix,
  reportLegacyElements,
  reportProtocolProperty,
} from '../jvm/support/protocol-lists';

const SETTERS = [...PROTOCOL_SETTERS, ...APACHE_PROTOCOL_SETTERS, ...BUILDER_PROTOCOL_SETTERS];
const PROPERTIES = PROTOCOL_SYSTEM_PROPERTIES;
const MUST_DISABLE = SINCE_SSL3.filter((v) => v.legacy).map((v) => v.dotted);

/** A protocol name: a string (resolved in the file) or HttpCore 5's `TLS.V_1_0`. */
function protocolOf(file: SourceFile, n: Node): string | undefined {
  const constant =
    n.type === 'field_access'
      ? protocolConstant(simpleTypeName(n.childForFieldName('object')), n.childForFieldName('field')?.text ?? '')
      : undefined;
  return constant ?? stringValue(file, n);
}

/** The Kafka protocol setting a key names: a string, or an `SslConfigs` constant (also statically imported). */
function kafkaKey(file: SourceFile, key: Node): string | undefined {
  const field =
    key.type === 'field_access'
      ? key.childForFieldName('field')?.text
      : key.type === 'identifier'
        ? key.text
        : undefined;
  return kafkaProtocolKey(field, stringValue(file, key));
}

export const detector = defineDetector<ProtocolState>({
  id: 'java.tls-protocols',
  summary: 'JSSE protocol lists that enable legacy versions.',
  docs: `
    JSSE protocol lists that enable legacy versions: \`setEnabledProtocols(...)\` on SSLSocket,
    SSLServerSocket and SSLEngine, \`SSLParameters.setProtocols(...)\`, the \`https.protocols\` and
    \`jdk.tls.client.protocols\`/\`jdk.tls.server.protocols\` system properties, Apache HttpClient's
    protocol lists (\`new SSLConnectionSocketFactory(ctx, new String[] {"TLSv1"}, ...)\`,
    \`setTlsVersions(TLS.V_1_1)\`, \`TlsConfig.custom().setSupportedProtocols(...)\`), Netty's
    \`SslContextBuilder.protocols(...)\` (varargs, an array constant or a list), Kafka's
    \`ssl.enabled.protocols\` and \`ssl.protocol\` settings (\`props.put(SslConfigs.SSL_ENABLED_PROTOCOLS_CONFIG, "TLSv1.1")\`), and a
    \`jdk.tls.disabledAlgorithms\` security property that no longer disables SSLv3/TLS 1.0/TLS 1.1.
  `,
  rule: 'legacy-protocol',
  languages: ['java'],
  apis: [
    'javax.net.ssl.SSLSocket.setEnabledProtocols',
    'javax.net.ssl.SSLEngine.setEnabledProtocols',
    'javax.net.ssl.SSLParameters.setProtocols',
    'https.protocols',
    'jdk.tls.client.protocols',
    'jdk.tls.disabledAlgorithms',
    'org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder.setTlsVersions',
    'org.apache.hc.client5.http.config.TlsConfig.Builder.setSupportedProtocols',
    'org.apache.http.conn.ssl.SSLConnectionSocketFactory (protocols argument)',
    'io.netty.handler.ssl.SslContextBuilder.protocols',
  ],
  tokens: [
    'setEnabledProtocols',
    'setProtocols',
    '.protocols',
    'jdk.tls.disabledAlgorithms',
    'ssl.protocol',
    'SSL_PROTOCOL_CONFIG',
    'SSL_ENABLED_PROTOCOLS_CONFIG',
    ...APACHE_PROTOCOL_SETTERS,
    ...PROTOCOL_LIST_CONSTRUCTORS,
  ],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of file.nodes('method_invocation', 'object_creation_expression')) {
      const created = call.type === 'object_creation_expression';
      const { name, object, args } = created
        ? { ...invocation(call), name: simpleTypeName(call.childForFieldName('type')) ?? '' }
        : invocation(call);
      // `new SSLConnectionSocketFactory(sslContext, new String[] {"TLSv1"}, null, verifier)`.
      const listArg = created && PROTOCOL_LIST_CONSTRUCTORS.includes(name) && args.length >= 4 ? args[1] : undefined;
      if (created && !listArg) continue;
      if ((SETTERS.includes(name) && args.length >= 1) || listArg) {
        const elements = listArg
          ? arrayElements(file, listArg)
          : args.length === 1
            ? arrayElements(file, args[0])
            : args;
        if (!elements) continue;
        const holder = listArg ?? (args.length === 1 ? args[0] : undefined);
        if (holder?.type === 'identifier') {
          const values = elements.map((e) => protocolOf(file, e));
          // An array held in a variable: report the argument, where the legacy list reaches the API.
          const legacy = values.filter((v): v is string => v !== undefined && isJsseLegacy(v));
          if (legacy.length > 0)
            report({
              node: holder,
              message: `\`${name}\` enables ${legacy.join(', ')}, legacy protocols: TLS 1.2 is the minimum.`,
              state: { kind: 'none' },
            });
          continue;
        }
        reportLegacyElements(elements, name, (e) => protocolOf(file, e), report);
      } else if (STORING_CALLS.includes(name) && args.length === 2) {
        const owner = simpleTypeName(call.childForFieldName('object')) ?? object;
        const kafka = kafkaKey(file, args[0]);
        const key = kafka ?? stringValue(file, args[0]);
        const value = stringValue(file, args[1]);
        if (key === undefined || value === undefined) continue;
        if (kafka) {
          // Kafka's `ssl.enabled.protocols` / `ssl.protocol` in a client's or broker's configuration.
          reportProtocolProperty(kafka, value, args[1], report);
        } else if (name !== 'setProperty') {
          continue;
        } else if (owner === 'System' && PROPERTIES.includes(key)) {
          reportProtocolProperty(key, value, args[1], report);
        } else if (owner === 'Security' && key === 'jdk.tls.disabledAlgorithms') {
          const listed = value.split(',').map((p) => p.trim());
          const missing = MUST_DISABLE.filter((p) => !listed.includes(p));
          if (missing.length === 0) continue;
          report({
            node: args[1],
            message: `\`jdk.tls.disabledAlgorithms\` no longer disables ${missing.join(', ')}: legacy protocols are re-enabled.`,
            state: { kind: 'none' },
          });
        }
      }
    }
  },
  fix(file, r) {
    return protocolListFix(file, r.state, {
      removeElementEdits: removeListElementEdits,
      constantOwner: (el) => (el.type === 'field_access' ? el.childForFieldName('object') : null),
      simpleName: simpleTypeName,
    });
  },
  examples: {
    java: {
      bad: `
        import javax.net.ssl.SSLSocket;

        class C {
          void f(SSLSocket s) {
            s.setEnabledProtocols(new String[] {"TLSv1"});
          }
        }
      `,
      good: `
        import javax.net.ssl.SSLSocket;

        class C {
          void f(SSLSocket s) {
            s.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
          }
        }
      `,
    },
  },
});
