// Every concept rule, in the taxonomy's order.
import type { Rule, RuleId } from '../engine/types';
import { rule as certVerificationDisabled } from './cert-verification-disabled';
import { rule as hostnameVerificationDisabled } from './hostname-verification-disabled';
import { rule as legacyProtocol } from './legacy-protocol';
import { rule as weakCipher } from './weak-cipher';
import { rule as deprecatedApi } from './deprecated-api';
import { rule as insecureDefaultContext } from './insecure-default-context';
import { rule as insecureWarningSuppressed } from './insecure-warning-suppressed';
import { rule as outdatedTlsLibrary } from './outdated-tls-library';

export const ALL_RULES: readonly Rule[] = [
  certVerificationDisabled,
  hostnameVerificationDisabled,
  legacyProtocol,
  weakCipher,
  deprecatedApi,
  insecureDefaultContext,
  insecureWarningSuppressed,
  outdatedTlsLibrary,
];

/**
 * The CWE entry of a rule, the secondary reference its page links to. The primary link of a finding is
 * the rule's own page (host/docs.ts: `ruleDocUri`), which ships with the extension and the CLI.
 */
export function cweUrl(ruleId: string): string | undefined {
  const r = ALL_RULES.find((x) => x.id === (ruleId as RuleId));
  return r ? `https://cwe.mitre.org/data/definitions/${r.cwe}.html` : undefined;
}
