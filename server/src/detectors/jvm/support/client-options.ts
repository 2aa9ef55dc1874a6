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
  const [arg] = c.args;
  if (c.args.length !== 1 || !arg) return;
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

/** The fix of both detectors: the option back to its verifying value. */
export function optionFix(state: OptionState, title: (newText: string) => string): Fix | undefined {
  if (!state) return undefined;
  const { value, newText } = state;
  return { title: title(newText), safety: 'safe', edits: [{ start: value.startIndex, end: value.endIndex, newText }] };
}
