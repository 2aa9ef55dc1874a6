// Spring Boot and Spring Cloud settings (and the Keycloak adapter's) whose value turns certificate or host name
// verification off, as written in `application.properties` or `application.yml`. Spring binds keys loosely
// (`use-insecure-trust-manager`, `useInsecureTrustManager`, `use_insecure_trust_manager` are one key), so keys
// are compared with their dashes and underscores dropped and in lower case. Shared by the .properties and YAML
// detectors of each rule.
import type { RuleId } from './types';

/** One switch: the end of the dotted key, the value that turns verification off, and what it belongs to. */
interface SpringSwitch {
  /** The key's last segments, loosely written (lower case, no `-`/`_`). */
  suffix: string;
  insecure: boolean;
  rule: RuleId;
  /** Who reads it, for the message. */
  owner: string;
}

const SWITCHES: readonly SpringSwitch[] = [
  // Spring Cloud Gateway's HTTP client (`spring.cloud.gateway.httpclient.ssl.`, 4.x's `...server.webflux.httpclient.ssl.`).
  {
    suffix: 'httpclient.ssl.useinsecuretrustmanager',
    insecure: true,
    rule: 'cert-verification-disabled',
    owner: 'Spring Cloud Gateway',
  },
  // Spring Cloud Config Server's Git/Vault/CredHub backends, Spring Boot's Cloud Foundry actuator, Data Flow's shell.
  {
    suffix: 'skipsslvalidation',
    insecure: true,
    rule: 'cert-verification-disabled',
    owner: 'Spring Cloud Config or Cloud Foundry',
  },
  {
    suffix: 'rabbitmq.ssl.validateservercertificate',
    insecure: false,
    rule: 'cert-verification-disabled',
    owner: 'Spring AMQP',
  },
  {
    suffix: 'rabbitmq.ssl.verifyhostname',
    insecure: false,
    rule: 'hostname-verification-disabled',
    owner: 'Spring AMQP',
  },
  // The Keycloak Spring Boot adapter.
  {
    suffix: 'keycloak.disabletrustmanager',
    insecure: true,
    rule: 'cert-verification-disabled',
    owner: 'Keycloak adapter',
  },
  {
    suffix: 'keycloak.allowanyhostname',
    insecure: true,
    rule: 'hostname-verification-disabled',
    owner: 'Keycloak adapter',
  },
];

/** A dotted key as Spring binds it: lower case, dashes and underscores dropped, list indexes kept. */
export function looseKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/** The switch a dotted key (`spring.cloud.gateway.httpclient.ssl.use-insecure-trust-manager`) names, if any. */
export function springSwitch(key: string, rule: RuleId): SpringSwitch | undefined {
  const k = looseKey(key);
  // An environment variable Spring binds to the key (`SPRING_CLOUD_GATEWAY_HTTPCLIENT_SSL_USEINSECURETRUSTMANAGER`,
  // `KEYCLOAK_DISABLE_TRUST_MANAGER`): upper case, the dots and dashes gone.
  if (/^[A-Z][A-Z0-9_]*$/.test(key))
    return SWITCHES.find((s) => s.rule === rule && k.endsWith(s.suffix.replace(/\./g, '')));
  return SWITCHES.find((s) => s.rule === rule && (k === s.suffix || k.endsWith(`.${s.suffix}`)));
}

/** Boolean text as Spring converts it (`true`/`false`, also `on`/`off`, `yes`/`no`, `1`/`0`); undefined otherwise. */
export function springBoolean(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (/^(true|on|yes|1)$/.test(v)) return true;
  if (/^(false|off|no|0)$/.test(v)) return false;
  return undefined;
}

/** Tokens for the pre-filter: each switch's last segment in the spellings Spring accepts. */
export const SPRING_SWITCH_TOKENS = [
  'insecure-trust-manager',
  'InsecureTrustManager',
  'insecure_trust_manager',
  'INSECURETRUSTMANAGER',
  'skip-ssl-validation',
  'SkipSslValidation',
  'skipSslValidation',
  'skip_ssl_validation',
  'SKIPSSLVALIDATION',
  'validate-server-certificate',
  'validateServerCertificate',
  'validate_server_certificate',
  'verify-hostname',
  'verifyHostname',
  'verify_hostname',
  'trust-manager',
  'TrustManager',
  'TRUSTMANAGER',
  'TRUST_MANAGER',
  'any-hostname',
  'AnyHostname',
  'ANYHOSTNAME',
  'ANY_HOSTNAME',
  'VERIFYHOSTNAME',
  'VERIFY_HOSTNAME',
  'VALIDATESERVERCERTIFICATE',
  'SKIP_SSL_VALIDATION',
];

/** How a setting's value stands for a switch of `rule`: insecure as written, through a placeholder's default, or not. */
export type SwitchReading = { kind: 'insecure'; owner: string; secure: string } | { kind: 'default'; owner: string };

/**
 * Reads `key = value` against the switches of `rule`: `insecure` when the value turns verification off,
 * `default` when a Spring placeholder's default does (`${GATEWAY_INSECURE:true}`: the deployment's value, an opt-in
 * path), undefined otherwise (a secure value, a placeholder without an insecure default, another key).
 */
export function readSwitch(key: string, value: string, rule: RuleId): SwitchReading | undefined {
  const s = springSwitch(key, rule);
  if (!s) return undefined;
  const placeholder = /^\s*\$\{[^}:]*(?::([^}]*))?\}\s*$/.exec(value);
  const text = placeholder ? placeholder[1] : value;
  if (text === undefined || springBoolean(text) !== s.insecure) return undefined;
  if (placeholder) return { kind: 'default', owner: s.owner };
  return { kind: 'insecure', owner: s.owner, secure: String(!s.insecure) };
}
