// Shared by the Java and Kotlin trust-all-option and verify-host-option detectors: which client-option
// calls switch certificate or host name verification off, what is reported and how it is fixed. Each
// grammar reads a call into an `OptionCall` and says what true, false and "no algorithm" look like.
import type { Node } from 'web-tree-sitter';
import type { ReportOf } from '../../../engine/detector';
import type { Fix, Range } from '../../../engine/types';

/** A method call as both grammars read it. */
export interface OptionCall {
  name: string;
  args: readonly Node[];
  /** The receiver's text (`params` in `params.setEndpointIdentificationAlgorithm(null)`), if any. */
  receiver: string | undefined;
  /** From the method name to the end of the call: where a call is reported. */
  range: Range;
}

/** How a grammar writes the values the checks look for. */
export interface OptionValues {
  isBool(node: Node | undefined, value: boolean): boolean;
  /** `null` or `""`: no endpoint identification algorithm, so no host name check. */
  isNone(node: Node | undefined): boolean;
  /** The condition of a conditional whose exactly one branch is "none" (an opt-in path), else undefined. */
  noneUnder(node: Node | undefined): Node | undefined;
  /**
   * Whether the option checks also read JavaMail's and Commons Email's setters (`setTrustAllHosts`,
   * `setSSLCheckServerIdentity`): Kotlin's do; Java has JavaMail detectors of its own.
   */
  mailSetters: boolean;
}

/** The value a fix sets an option back to (`false`, `true`, `"HTTPS"`); undefined when there is none to set. */
export type OptionState = { value: Node; newText: string } | undefined;

const RELAXED_VALIDATION = ['relaxedHTTPSValidation', 'useRelaxedHTTPSValidation'];
const VERIFY_PEER_SETTERS = ['withVerifyPeer', 'setVerifyPeer', 'verifyPeer'];
const ENDPOINT_SETTERS = ['setEndpointIdentificationAlgorithm', 'endpointIdentificationAlgorithm'];
const trustAllSetters = (v: OptionValues): string[] =>
  v.mailSetters ? ['setTrustAll', 'setTrustAllHosts'] : ['setTrustAll'];
const verifyHostSetters = (v: OptionValues): string[] =>
  v.mailSetters ? ['setVerifyHost', 'setSSLCheckServerIdentity'] : ['setVerifyHost'];

/** What every host name report says after naming its setting. */
const HOST_NOT_MATCHED = 'the server certificate is not matched to the host name.';

/** Reports a call that accepts every certificate: `setTrustAll(true)`, REST Assured's relaxed validation. */
export function reportTrustAllCall(c: OptionCall, v: OptionValues, report: (r: ReportOf<OptionState>) => void): void {
  const [arg] = c.args;
  // Lettuce's `RedisURI.Builder.withVerifyPeer(false)` / `(SslVerifyMode.NONE)`: no peer verification at all.
  if (VERIFY_PEER_SETTERS.includes(c.name) && c.args.length === 1 && arg) {
    if (v.isBool(arg, false) || /(^|\.)SslVerifyMode\.NONE$/.test(arg.text))
      report({
        range: c.range,
        message: `\`${c.name}(${arg.text})\` turns peer certificate verification off.`,
        state: { value: arg, newText: v.isBool(arg, false) ? 'true' : arg.text.replace(/NONE$/, 'FULL') },
      });
    return;
  }
  // RabbitMQ's `ConnectionFactory.useSslProtocol()` / `useSslProtocol("TLSv1.2")`: documented to use a
  // TrustEverythingTrustManager (only the overloads given an SSLContext or a TrustManager verify).
  if (c.name === 'useSslProtocol' && (c.args.length === 0 || (c.args.length === 1 && /^"[^"]*"$/.test(arg.text)))) {
    report({
      range: c.range,
      message: `RabbitMQ's \`useSslProtocol(${arg?.text ?? ''})\` trusts every certificate (TrustEverythingTrustManager): the broker is not authenticated.`,
    });
    return;
  }
  if (trustAllSetters(v).includes(c.name) && c.args.length === 1 && arg && v.isBool(arg, true)) {
    report({
      range: c.range,
      message: `\`${c.name}(true)\` accepts every server certificate without verification.`,
      state: { value: arg, newText: 'false' },
    });
  } else if (RELAXED_VALIDATION.includes(c.name) && c.args.length <= 1) {
    report({ range: c.range, message: `REST Assured's \`${c.name}\` trusts every certificate and host name.` });
  }
}

/**
 * Reports a call that switches the host name check off: `setVerifyHost(false)`, an endpoint
 * identification algorithm reset to null or "" (on a factory or builder: SSLParameters start at null,
 * so resetting them is no change), or given none on one branch (reported at the condition, not fixed).
 */
export function reportVerifyHostCall(c: OptionCall, v: OptionValues, report: (r: ReportOf<OptionState>) => void): void {
  if (c.args.length === 2) reportKeyedHostOption(c, v, report);
  const [arg] = c.args;
  if (c.args.length !== 1 || !arg) return;
  // MongoDB's `SslSettings.Builder.invalidHostNameAllowed(true)`; Lettuce's `withVerifyPeer(SslVerifyMode.CA)`
  // (the chain is verified, the host name is not).
  if (c.name === 'invalidHostNameAllowed' && v.isBool(arg, true)) {
    report({
      range: c.range,
      message: `\`${c.name}(true)\`: ${HOST_NOT_MATCHED}`,
      state: { value: arg, newText: 'false' },
    });
    return;
  }
  if (VERIFY_PEER_SETTERS.includes(c.name) && /(^|\.)SslVerifyMode\.CA$/.test(arg.text)) {
    report({
      range: c.range,
      message: `\`${c.name}(${arg.text})\` verifies the chain only: ${HOST_NOT_MATCHED}`,
      state: { value: arg, newText: arg.text.replace(/CA$/, 'FULL') },
    });
    return;
  }
  if (verifyHostSetters(v).includes(c.name) && v.isBool(arg, false)) {
    report({
      range: c.range,
      message: `\`${c.name}(false)\`: ${HOST_NOT_MATCHED}`,
      state: { value: arg, newText: 'true' },
    });
  } else if (ENDPOINT_SETTERS.includes(c.name) && v.isNone(arg)) {
    // `SSLEngine.setSSLParameters` keeps the engine's algorithm when the parameters carry null, but ""
    // replaces it (Netty's client default "HTTPS" included): only the empty string turns the check off.
    if (!/param/i.test(c.receiver ?? '') || arg.text !== 'null')
      report({
        range: c.range,
        message: `\`${c.name}(${arg.text})\`: ${HOST_NOT_MATCHED}`,
        state: { value: arg, newText: '"HTTPS"' },
      });
  } else if (ENDPOINT_SETTERS.includes(c.name)) {
    const flag = v.noneUnder(arg);
    // `verifier == null ? "HTTPS" : null`: the caller's own HostnameVerifier checks the name instead.
    if (flag && !/hostname_?verifier/i.test(flag.text))
      report({
        node: arg,
        message: `\`${c.name}\` is given no algorithm on one branch: the server certificate is then not matched to the host name.`,
        flag,
      });
  }
}

/**
 * Keys of a settings map or builder whose `false` turns the host name check off: the DataStax Java driver's
 * `DefaultDriverOption.SSL_HOSTNAME_VALIDATION` / `TypedDriverOption.SSL_HOSTNAME_VALIDATION`
 * ("advanced.ssl-engine-factory.hostname-validation").
 */
const HOSTNAME_CHECK_KEY = /^(SSL_)?HOST_?NAME_(VALIDATION|VERIFICATION)$|(^|[.-])hostname-(validation|verification)$/i;
/**
 * Keys whose empty value means no endpoint identification: Kafka's `ssl.endpoint.identification.algorithm`
 * (`SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG`), where "" turns the host name check off.
 */
const ENDPOINT_KEY = /^(SSL_)?ENDPOINT_IDENTIFICATION_ALGORITHM(_CONFIG)?$|(^|\.)endpoint\.identification\.algorithm$/i;
/** Calls that store a key's value (`withBoolean`, `put`, `setProperty`, `set`), not ones that read it with a default. */
const STORING = /^(with\w*|put\w*|set\w*|option|config|property)$/;

/** The key a call's first argument names: a constant's last segment or a string's text. */
function keyName(n: Node): string {
  const t = n.text;
  if (/^"[^"]*"$/.test(t)) return t.slice(1, -1);
  return t.split('.').pop() ?? t;
}

/** `builder.withBoolean(DefaultDriverOption.SSL_HOSTNAME_VALIDATION, false)`, `props.put("ssl.endpoint.identification.algorithm", "")`. */
function reportKeyedHostOption(c: OptionCall, v: OptionValues, report: (r: ReportOf<OptionState>) => void): void {
  const [key, value] = c.args;
  if (!key || !value || !STORING.test(c.name)) return;
  const name = keyName(key);
  if (HOSTNAME_CHECK_KEY.test(name) && (v.isBool(value, false) || value.text === '"false"')) {
    report({
      range: c.range,
      message: `\`${key.text}\` set to false: ${HOST_NOT_MATCHED}`,
      state: { value, newText: value.text === '"false"' ? '"true"' : 'true' },
    });
  } else if (ENDPOINT_KEY.test(name) && value.text === '""') {
    report({
      range: c.range,
      message: `\`${key.text}\` set to "" (no endpoint identification): ${HOST_NOT_MATCHED}`,
      state: { value, newText: '"https"' },
    });
  }
}

/** The fix of both detectors: the option back to its verifying value. */
export function optionFix(state: OptionState, title: (newText: string) => string): Fix | undefined {
  if (!state) return undefined;
  const { value, newText } = state;
  return { title: title(newText), safety: 'safe', edits: [{ start: value.startIndex, end: value.endIndex, newText }] };
}
