// The JVM's TLS vocabulary (JSSE, OkHttp), shared by the Java and Kotlin detectors: their grammars
// differ, so each has its own detector, but the names they look for are one list.
import type { Node } from 'web-tree-sitter';
import { MOZILLA_INTERMEDIATE_SUITES } from './ciphers';
import { LEGACY_DOTTED } from './protocols';
import { indentAt } from './text';
import type { Fix } from './types';

/** Protocol names JSSE accepts that enable a version below TLS 1.2 (`SSL` and `SSLv2Hello` included). */
export const JSSE_LEGACY_PROTOCOLS: readonly string[] = [...LEGACY_DOTTED, 'SSL', 'SSLv2Hello', 'DTLSv1.0'];

/** Whether a protocol name (as written in a string) enables a legacy version. */
export const isJsseLegacy = (p: string): boolean => JSSE_LEGACY_PROTOCOLS.includes(p.trim());

/** Setters that take the enabled protocol list (SSLSocket, SSLEngine, SSLParameters). */
export const PROTOCOL_SETTERS = ['setEnabledProtocols', 'setProtocols'];

/**
 * Builder methods that take the enabled protocol list: Netty's `SslContextBuilder.protocols(...)` (also
 * under Reactor Netty, gRPC, Lettuce and gateways built on Netty), as varargs, an array or a list.
 */
export const BUILDER_PROTOCOL_SETTERS = ['protocols'];

/** System properties that hold a comma-separated protocol list. */
export const PROTOCOL_SYSTEM_PROPERTIES = ['https.protocols', 'jdk.tls.client.protocols', 'jdk.tls.server.protocols'];

/**
 * Kafka's client and broker settings that hold protocols, by key and by the `SslConfigs` constant that names
 * it: `props.put(SslConfigs.SSL_ENABLED_PROTOCOLS_CONFIG, "TLSv1.1,TLSv1.2")`.
 */
export const KAFKA_PROTOCOL_KEYS: Readonly<Record<string, string>> = {
  'ssl.enabled.protocols': 'ssl.enabled.protocols',
  'ssl.protocol': 'ssl.protocol',
  SSL_ENABLED_PROTOCOLS_CONFIG: 'ssl.enabled.protocols',
  SSL_PROTOCOL_CONFIG: 'ssl.protocol',
};

/**
 * The Kafka protocol setting a key names, from the constant's simple name (`SSL_PROTOCOL_CONFIG`, qualified or
 * statically imported) or the key's string (`"ssl.enabled.protocols"`), whichever the grammar read.
 */
export function kafkaProtocolKey(constant: string | undefined, literal: string | undefined): string | undefined {
  if (constant && /_CONFIG$/.test(constant) && Object.hasOwn(KAFKA_PROTOCOL_KEYS, constant))
    return KAFKA_PROTOCOL_KEYS[constant];
  return literal !== undefined && literal.includes('.') && Object.hasOwn(KAFKA_PROTOCOL_KEYS, literal)
    ? KAFKA_PROTOCOL_KEYS[literal]
    : undefined;
}

/** Calls that store a setting in a `Properties` or `Map` (not ones that read it with a default). */
export const STORING_CALLS = ['put', 'setProperty', 'putIfAbsent'];

/**
 * A class implementing one of a list of types, as the Java and Kotlin `classesImplementing` find it
 * (named, anonymous, an `object` or an `object :` expression).
 */
export interface ImplementingClass {
  /** The declaration or expression (`class_declaration`, `object_creation_expression`, `object_literal`, ...). */
  node: Node;
  body: Node;
  /** The matched supertype's simple name. */
  supertype: string;
}

/** A Java or Kotlin file's imports (languages/java and languages/kotlin `importsOf`). */
export interface JvmImports {
  /** Simple name (or alias) → the imported qualified name (`import static a.b.C.F`: `F` → `a.b.C.F`). */
  names: Map<string, string>;
  /** Packages (or classes, `import static a.b.C.*`) imported on demand. */
  wildcards: string[];
}

/** Trust manager interfaces whose `checkServerTrusted` decides what is trusted. */
export const TRUST_MANAGERS = ['X509TrustManager', 'X509ExtendedTrustManager'];

/**
 * Setters of Apache HttpClient 5 / HttpCore 5 that take the enabled versions, as strings or as
 * `TLS.V_1_x` constants (`ClientTlsStrategyBuilder.setTlsVersions`, `TlsConfig.Builder.setSupportedProtocols`).
 */
export const APACHE_PROTOCOL_SETTERS = ['setTlsVersions', 'setSupportedProtocols'];

/**
 * Constructors whose second argument is the enabled protocol list when they take four or more:
 * `new SSLConnectionSocketFactory(sslContext, protocols, cipherSuites, hostnameVerifier)` and its
 * HttpClient 5 / async successors.
 */
export const PROTOCOL_LIST_CONSTRUCTORS = [
  'SSLConnectionSocketFactory',
  'SSLIOSessionStrategy',
  'DefaultClientTlsStrategy',
  'ConscryptClientTlsStrategy',
];

/** HttpCore 5's `TLS` enum and OkHttp's `TlsVersion` constants, by constant name. */
export const PROTOCOL_CONSTANTS: Record<string, Record<string, string>> = {
  TLS: { V_1_0: 'TLSv1', V_1_1: 'TLSv1.1', V_1_2: 'TLSv1.2', V_1_3: 'TLSv1.3' },
  TlsVersion: { TLS_1_0: 'TLSv1', TLS_1_1: 'TLSv1.1', SSL_3_0: 'SSLv3', TLS_1_2: 'TLSv1.2', TLS_1_3: 'TLSv1.3' },
};

/** The protocol an enum constant names (`TLS.V_1_0` is TLSv1), by its type's simple name and its own name. */
export function protocolConstant(owner: string | undefined, name: string | undefined): string | undefined {
  const table = PROTOCOL_CONSTANTS[owner ?? ''];
  return table && name !== undefined && name in table ? table[name] : undefined;
}

/** The TLS 1.2 constant of the enum a legacy constant comes from (`TLS.V_1_2`, `TlsVersion.TLS_1_2`). */
export function tls12ConstantOf(owner: string): string | undefined {
  if (owner === 'TLS') return 'V_1_2';
  if (owner === 'TlsVersion') return 'TLS_1_2';
  return undefined;
}

/** The fix of a comma-separated protocol property (`https.protocols`): keep the modern versions. */
export function protocolPropertyFix(literal: Node, value: string, single = false): Fix {
  const kept = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p && !isJsseLegacy(p));
  // A setting of one protocol (Kafka's `ssl.protocol`, the SSLContext's) takes one name.
  const fixed = kept.length > 0 ? kept.join(',') : single ? 'TLSv1.2' : 'TLSv1.3,TLSv1.2';
  return {
    title: `Enable only TLS 1.2 and up (\`"${fixed}"\`)`,
    safety: 'safe',
    edits: [{ start: literal.startIndex, end: literal.endIndex, newText: `"${fixed}"` }],
  };
}

/**
 * The fix of a weak cipher suite list (Java or Kotlin, as strings both accept): the whole list becomes
 * Mozilla's "intermediate" suites, one per line when the list was written over several lines. Unsafe:
 * peers that speak only the dropped suites stop connecting.
 */
export function intermediateSuitesFix(text: string, elements: readonly Node[]): Fix | undefined {
  const first = elements[0];
  const last = elements[elements.length - 1];
  if (!first || !last) return undefined;
  const multiline = text.slice(first.startIndex, last.endIndex).includes('\n');
  const separator = multiline ? `,\n${indentAt(text, first.startIndex)}` : ', ';
  return {
    title: 'Use Mozilla\'s "intermediate" cipher suites',
    safety: 'unsafe',
    edits: [
      {
        start: first.startIndex,
        end: last.endIndex,
        newText: MOZILLA_INTERMEDIATE_SUITES.map((name) => `"${name}"`).join(separator),
      },
    ],
  };
}

/** The same for a comma-separated suite property (`https.cipherSuites`). */
export function intermediateSuitesPropertyFix(literal: Node): Fix {
  return {
    title: 'Use Mozilla\'s "intermediate" cipher suites',
    safety: 'unsafe',
    edits: [
      { start: literal.startIndex, end: literal.endIndex, newText: `"${MOZILLA_INTERMEDIATE_SUITES.join(',')}"` },
    ],
  };
}

/**
 * Whether a `check*Trusted` method can be the interface's (a chain and an auth type, and a socket or engine
 * for X509ExtendedTrustManager): a one-parameter overload of the same name implements nothing.
 */
export function implementsCheck(method: Node): boolean {
  const list = method.namedChildren.find(
    (c) => c?.type === 'formal_parameters' || c?.type === 'function_value_parameters',
  );
  if (!list) return true;
  const n = list.namedChildren.filter(
    (c) => c && /^(formal_parameter|parameter|spread_parameter)$/.test(c.type),
  ).length;
  return n === 2 || n === 3;
}
