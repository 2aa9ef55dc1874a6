// The TLS settings that JVM services (Kafka clients and brokers, Spring Boot) and librdkafka read as
// `key = value` text, whichever format holds them: YAML maps, `NAME=value` environment lists, Java
// `.properties` files, code that sets them one by one. One judgement of the key and of the value, shared by
// every detector that reads them, so a setting means the same in `application.yml` and its `.properties` twin.
import { LEGACY_PROTOCOLS } from './languages/conf';
import { LEGACY_VERSIONS, apacheProtocolSet } from './protocols';

/**
 * Kafka's `ssl.endpoint.identification.algorithm`, as a client or broker property (also with a prefix that
 * passes it through as written: `spring.kafka.properties.`, `producer.`, `listener.name.x.`) or as the
 * environment variable the Confluent images map to it (`KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM`, `CONNECT_...`).
 */
export const ENDPOINT_IDENTIFICATION_KEY = /(^|[._-])ssl[._-]endpoint[._-]identification[._-]algorithm$/i;

/** librdkafka's spelling of the same key (the only one it reads). */
export const RDKAFKA_ENDPOINT_IDENTIFICATION = 'ssl.endpoint.identification.algorithm';

/**
 * Whether a value of `ssl.endpoint.identification.algorithm` turns the host name check off: empty or blank
 * for every client (Kafka's JVM client and broker since 2.0 default to `https`); `none` too for librdkafka
 * (`rdkafka: true`), whose other values are `https` and nothing else. The value is the setting's text, unquoted.
 */
export function endpointIdentificationOff(value: string, rdkafka = false): boolean {
  const v = value.trim();
  return v === '' || (rdkafka && v.toLowerCase() === 'none');
}

/**
 * Keys that hold a web server's protocol list: Ansible role variables rendered into SSLProtocol or
 * ssl_protocols (`apache_ssl_protocol`, `nginx_ssl_protocols`), and the ingress-nginx ConfigMap's
 * `ssl-protocols` (Helm `controller.config`).
 */
const SERVER_PROTOCOL_KEY = /(^|[_-])ssl[_-]?protocols?$/i;
/**
 * The JVM's: Kafka's `ssl.enabled.protocols` and `ssl.protocol` (also as the Confluent images' environment
 * variables, `KAFKA_SSL_ENABLED_PROTOCOLS`), Spring Boot's `server.ssl.enabled-protocols` and
 * `server.ssl.protocol` (`spring.kafka.ssl.protocol`, `spring.rsocket.server.ssl.enabled-protocols`, ...).
 */
export const JVM_PROTOCOL_KEY = /(^|[._-])ssl[._-](enabled[._-])?protocols?$/i;
/** The same keys as YAML nests them under `ssl:`. */
const UNDER_SSL = /^(enabled[._-]?protocols|protocol)$/i;

/**
 * Whether a key (with the keys of the maps around it, for YAML) holds a protocol list or a protocol.
 * Spring's indexed list items (`server.ssl.enabled-protocols[0]`) are the list's.
 */
export function protocolKey(key: string, path: readonly string[] = []): boolean {
  const k = key.replace(/\[\d+\]$/, '');
  return (
    SERVER_PROTOCOL_KEY.test(k) || JVM_PROTOCOL_KEY.test(k) || (UNDER_SSL.test(k) && /^ssl$/i.test(path.at(-1) ?? ''))
  );
}

/**
 * A JVM setting of one protocol, not a list (the SSLContext's): Kafka's `ssl.protocol` (`KAFKA_SSL_PROTOCOL`),
 * Spring Boot's `server.ssl.protocol`, `spring.kafka.ssl.protocol`. Ansible's `apache_ssl_protocol` is Apache's list.
 */
export function singleProtocolKey(key: string, path: readonly string[] = []): boolean {
  return (
    /(^|\.)ssl\.protocol$/i.test(key) ||
    /^(KAFKA|CONNECT|KSQL|SERVER|SPRING)_(\w+_)?SSL_PROTOCOL$/.test(key) ||
    (/^protocol$/i.test(key) && /^ssl$/i.test(path.at(-1) ?? ''))
  );
}

const LEGACY = LEGACY_VERSIONS.map((v) => v.dotted);

/**
 * The legacy versions a protocol specification enables, and its secure replacement; undefined when the
 * value is no protocol list (a template expression, a flag, `TLS`). nginx's blank-separated and the JVM's
 * comma-separated lists, and Apache's form (`All -SSLv2 -SSLv3`, `+TLSv1.2`) evaluated the way mod_ssl does.
 */
export function evaluateProtocols(
  spec: string,
  /** The separator of a replacement list when the value has none of its own: the JVM's `,`, nginx's blank. */
  listSeparator = ' ',
): { legacy: string[]; secure: string } | undefined {
  const words = spec.split(/[\s,:]+/).filter(Boolean);
  if (words.length === 0) return undefined;
  if (words.some((w) => /^[+-]/.test(w) || /^all$/i.test(w))) {
    if (!words.every((w) => /^[+-]?(all|SSLv[23]|TLSv1(\.[0-3])?)$/i.test(w))) return undefined;
    const enabled = apacheProtocolSet(words);
    const legacy = LEGACY.filter((p) => enabled.has(p));
    return { legacy, secure: 'all -SSLv3 -TLSv1 -TLSv1.1' };
  }
  if (!words.every((w) => /^(SSLv[23]|TLSv1(\.[0-3])?)$/i.test(w))) return undefined;
  const legacy = words.filter((w) => LEGACY_PROTOCOLS.test(w));
  const kept = words.filter((w) => !LEGACY_PROTOCOLS.test(w));
  // In the list's own separator: nginx's blanks, the JVM's commas.
  const sep = /,\s/.test(spec) ? ', ' : spec.includes(',') ? ',' : listSeparator;
  return { legacy, secure: (kept.length ? kept : ['TLSv1.2', 'TLSv1.3']).join(sep) };
}

/**
 * Whether a key is one of the JVM's (Kafka's dotted keys and environment variables, Spring Boot's, also nested under
 * `ssl:`), whose lists are comma-separated; ingress-nginx's `ssl-protocols` and Ansible's variables are nginx's or
 * Apache's, separated by blanks.
 */
export function jvmProtocolKey(key: string, path: readonly string[] = []): boolean {
  const k = key.replace(/\[\d+\]$/, '');
  return (
    /(^|\.)ssl\.(enabled[.-]?)?protocols?$/i.test(k) ||
    /^[A-Z0-9_]*_SSL_(ENABLED_)?PROTOCOLS?$/.test(k) ||
    (UNDER_SSL.test(k) && /^ssl$/i.test(path.at(-1) ?? ''))
  );
}

/** Whether one list item (`TLSv1.1` of a YAML list, `server.ssl.enabled-protocols[1]`) is a legacy version. */
export function isLegacyProtocolItem(item: string): boolean {
  return LEGACY_PROTOCOLS.test(item) && /^(SSLv[23]|TLSv1(\.[01])?)$/i.test(item);
}

/**
 * A value a deployment fills in: Spring's `${NAME}` / `${NAME:default}` (also `#{...}`), with its default
 * when it has one (`${KAFKA_PROTOCOLS:TLSv1.1,TLSv1.2}` → `TLSv1.1,TLSv1.2`).
 */
export function springPlaceholder(value: string): { default: string | undefined } | undefined {
  const m = /^\s*\$\{([^}:]*)(?::([^}]*))?\}\s*$/.exec(value);
  if (!m) return undefined;
  return { default: m[2] };
}
