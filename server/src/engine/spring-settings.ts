// Spring Boot and Spring Cloud settings (and the Keycloak adapter's) whose value turns certificate or host name
// verification off, as written in `application.properties` or `application.yml`. Spring binds keys loosely
// (`use-insecure-trust-manager`, `useInsecureTrustManager`, `use_insecure_trust_manager` are one key), so keys
// are compared with their dashes and underscores dropped and in lower case. Shared by the .properties and YAML
// detectors of each rule.
import { propertyEntries } from './languages/properties';
import { unquote, yamlEnvEntries, yamlNameValueEntries, yamlPairs } from './languages/yaml';
import type { Fix, Range, RuleId, SourceFile } from './types';

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

/** The rules a switch belongs to. */
type SwitchRule = 'cert-verification-disabled' | 'hostname-verification-disabled';

/** What a switch of each rule does, as its findings and fixes say it (`OWNER`: who reads it). */
const WORDING: Record<SwitchRule, { defaults: string; accepts: string; fix: string }> = {
  'cert-verification-disabled': {
    defaults:
      'defaults to accepting any certificate: unless the deployment sets it, the OWNER client does not verify the server.',
    accepts: 'the OWNER client accepts any server certificate.',
    fix: 'Verify the server certificate',
  },
  'hostname-verification-disabled': {
    defaults:
      'defaults to skipping the host name check: unless the deployment sets it, the OWNER client accepts a certificate for any host.',
    accepts: 'the OWNER client accepts a certificate issued for any host.',
    fix: 'Check the host name',
  },
};

/** A setting as a format reads it: the key Spring binds, its value, and how and where it is written. */
export interface SwitchEntry {
  /** The key to look up (a dotted path, or an environment variable's name). */
  key: string;
  /** The key as the message names it. */
  name: string;
  value: string;
  /** The setting as the message shows it (`key=value`, `key: value`). */
  shown: string;
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
  /** Only a value written insecure counts (an environment list's entry), not a placeholder's default. */
  writtenOnly?: boolean;
}

/** What a Spring switch detector keeps for its fix: the value and the secure boolean. */
export type SwitchState = { value: Range; secure: string } | undefined;

/**
 * Reports the switches of `rule` among a file's settings: an insecure value (its fix writes the secure boolean),
 * or a placeholder whose default is insecure (an opt-in path, the value its flag, no fix).
 */
export function reportSwitches(
  entries: Iterable<SwitchEntry>,
  rule: SwitchRule,
  report: (r: { range: Range; message: string; flag?: Range | undefined; state: SwitchState }) => void,
): void {
  const words = WORDING[rule];
  for (const e of entries) {
    const r = readSwitch(e.key, e.value, rule);
    if (!r || (e.writtenOnly && r.kind !== 'insecure')) continue;
    const value = { start: e.valueStart, end: e.valueEnd };
    report({
      range: { start: e.start, end: e.end },
      message:
        r.kind === 'default'
          ? `\`${e.name}\` ${words.defaults.replace('OWNER', r.owner)}`
          : `\`${e.shown}\`: ${words.accepts.replace('OWNER', r.owner)}`,
      flag: r.kind === 'default' ? value : undefined,
      state: r.kind === 'insecure' ? { value, secure: r.secure } : undefined,
    });
  }
}

/** The fix of a switch reported with a state: the secure boolean (unsafe: the server's certificate must then pass). */
export function switchFix(rule: SwitchRule, state: SwitchState): Fix | undefined {
  if (!state) return undefined;
  return {
    title: `${WORDING[rule].fix} (\`${state.secure}\`)`,
    safety: 'unsafe',
    edits: [{ start: state.value.start, end: state.value.end, newText: state.secure }],
  };
}

/** A `.properties` file's settings. */
export function propertySwitchEntries(file: SourceFile): SwitchEntry[] {
  return propertyEntries(file).map((p) => ({
    key: p.key,
    name: p.key,
    value: p.value,
    shown: `${p.key}=${p.value.trim()}`,
    start: p.start,
    end: p.end,
    valueStart: p.valueStart,
    valueEnd: p.valueEnd,
  }));
}

/** An environment variable's name as Spring maps it to a key (`SPRING_RABBITMQ_SSL_VERIFY_HOSTNAME`). */
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * A YAML file's settings: scalar pairs outside lists (an environment variable of a compose `environment:` map
 * on its own, a nested key with its path), then environment list entries (compose `- NAME=value`,
 * Kubernetes' `- name:` / `value:`), which count only when written insecure.
 */
export function yamlSwitchEntries(file: SourceFile): SwitchEntry[] {
  const out: SwitchEntry[] = [];
  for (const p of yamlPairs(file)) {
    if (!p.scalar || p.inSequence) continue;
    out.push({
      key: ENV_NAME.test(p.key) ? p.key : [...p.path, p.key].join('.'),
      name: p.key,
      value: unquote(p.raw),
      shown: `${p.key}: ${p.raw.trim()}`,
      start: p.start,
      end: p.end,
      valueStart: p.valueStart,
      valueEnd: p.valueEnd,
    });
  }
  for (const e of [...yamlEnvEntries(file), ...yamlNameValueEntries(file)]) {
    if (!ENV_NAME.test(e.name)) continue;
    out.push({
      key: e.name,
      name: e.name,
      value: e.value,
      shown: `${e.name}=${e.value}`,
      start: e.start,
      end: e.end,
      valueStart: e.valueStart,
      valueEnd: e.valueEnd,
      writtenOnly: true,
    });
  }
  return out;
}
