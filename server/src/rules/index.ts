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

/** The documentation link for a rule: the CWE page, as the spec allows where no hosted docs exist. */
export function docsUrl(ruleId: string): string | undefined {
  const r = ALL_RULES.find((x) => x.id === (ruleId as RuleId));
  return r ? `https://cwe.mitre.org/data/definitions/${r.cwe}.html` : undefined;
}
