// libcurl's TLS options, once, for every binding that sets them (C, PHP, Python's pycurl, Node's
// node-libcurl): which options turn verification off and which `CURL_SSLVERSION_*` values are legacy, and
// how a verify option turned off is reported and fixed, once for every binding's adaptor.
import type { Node } from 'web-tree-sitter';
import type { ReportOf } from './detector';
import type { Fix } from './types';

/** The options whose 0 turns peer verification off (without the `CURLOPT_` prefix). */
export const VERIFY_PEER_OPTIONS = ['SSL_VERIFYPEER', 'PROXY_SSL_VERIFYPEER', 'DOH_SSL_VERIFYPEER'];

/** The options whose 0 turns host name verification off; 1 meant "any name" before 7.28.1; 2 is secure. */
export const VERIFY_HOST_OPTIONS = ['SSL_VERIFYHOST', 'PROXY_SSL_VERIFYHOST', 'DOH_SSL_VERIFYHOST'];

/** The options that set the protocol floor (and, or-ed in, the ceiling). */
export const SSLVERSION_OPTIONS = ['SSLVERSION', 'PROXY_SSLVERSION'];

/** With the `CURLOPT_` prefix, as C and PHP spell them. */
export const curlopt = (options: readonly string[]): string[] => options.map((o) => `CURLOPT_${o}`);

export interface CurlSslVersion {
  name: string;
  /** Its number in curl.h's enum, for code that passes numbers. */
  value: number;
  label: string;
  /** What the name hides, said after the label when the name is what the code wrote. */
  note?: string;
}

/** curl.h's `CURL_SSLVERSION_*` values that set a floor below TLS 1.2. */
export const LEGACY_SSLVERSIONS: readonly CurlSslVersion[] = [
  { name: 'CURL_SSLVERSION_TLSv1', value: 1, label: 'TLS 1.0', note: '`CURL_SSLVERSION_TLSv1` means 1.0 or later' },
  { name: 'CURL_SSLVERSION_SSLv2', value: 2, label: 'SSLv2' },
  { name: 'CURL_SSLVERSION_SSLv3', value: 3, label: 'SSLv3' },
  { name: 'CURL_SSLVERSION_TLSv1_0', value: 4, label: 'TLS 1.0' },
  { name: 'CURL_SSLVERSION_TLSv1_1', value: 5, label: 'TLS 1.1' },
];

/** The ceilings below TLS 1.2. */
export const LEGACY_SSLVERSION_MAX = ['CURL_SSLVERSION_MAX_TLSv1_0', 'CURL_SSLVERSION_MAX_TLSv1_1'];

/** A legacy version's label, with its note (`TLS 1.0 (... means 1.0 or later)`). */
export const sslVersionLabel = (v: CurlSslVersion): string => (v.note ? `${v.label} (${v.note})` : v.label);

/** The check a verify option controls: the peer's certificate, or its match with the host name. */
export type CurlCheck = 'peer' | 'host';

/** The options of each check (without the `CURLOPT_` prefix). */
export const CURL_CHECK_OPTIONS: Readonly<Record<CurlCheck, readonly string[]>> = {
  peer: VERIFY_PEER_OPTIONS,
  host: VERIFY_HOST_OPTIONS,
};

/** The value that keeps each check on: 1 for the peer, 2 for the host (libcurl's default, its only checking value). */
export const CURL_CHECK_ON: Readonly<Record<CurlCheck, number>> = { peer: 1, host: 2 };

/**
 * What giving a verify option `value` turns off, as the end of a message, or undefined when the check
 * stays on: 0 for either check; for the host check also 1, which libcurl before 7.28.1 took as "the
 * certificate has a name". `option` is the name as written (a `PROXY_` one speaks of the proxy).
 */
export function curlCheckOff(check: CurlCheck, option: string, value: number | undefined): string | undefined {
  if (check === 'peer')
    return value === 0
      ? `libcurl does not verify the ${/proxy/i.test(option) ? 'proxy' : 'server'}'s certificate.`
      : undefined;
  if (value === 0) return 'libcurl does not check that the certificate matches the host name (2 is the secure value).';
  if (value === 1)
    return 'libcurl before 7.28.1 only checked that the certificate has a name, later ones reject or remap it (2 is the secure value).';
  return undefined;
}

/** One place a binding gives a verify option a value, as each language's adaptor reads it. */
export interface CurlCheckSetting {
  /** The option (or wrapper) as written: `CURLOPT_SSL_VERIFYPEER`, `SSL_VERIFYHOST`, `SslVerifyPeer`. */
  option: string;
  /** How the code gives it: `is set to`, `is given`. */
  verb: string;
  /** The value's number (false 0, true 1), or undefined when it is not a constant. */
  number: number | undefined;
  /** The value to replace. */
  value: Node;
  /** What to report. */
  at: Node;
  /** The caller's setting that chooses the value (an opt-in path), if any. */
  flag?: Node | undefined;
  /** The secure value as the language writes it there (`1L`, `True`, `2`). */
  spell: (on: number) => string;
}

/** What a curl check report carries to its fix: the value and its secure text. */
export interface CurlCheckState {
  check: CurlCheck;
  value: Node;
  text: string;
}

/** Reports each setting that turns `check` off, the same way for every binding. */
export function reportCurlCheck(
  check: CurlCheck,
  settings: Iterable<CurlCheckSetting>,
  report: (r: ReportOf<CurlCheckState>) => void,
): void {
  for (const s of settings) {
    const off = curlCheckOff(check, s.option, s.number);
    if (!off) continue;
    report({
      node: s.at,
      message: `\`${s.option}\` ${s.verb} ${s.value.text}: ${off}`,
      ...(s.flag ? { flag: s.flag } : {}),
      state: { check, value: s.value, text: s.spell(CURL_CHECK_ON[check]) },
    });
  }
}

/** The fix of a curl check report: the value back to the secure one. */
export function curlCheckFix(s: CurlCheckState): Fix {
  return {
    title:
      s.check === 'peer' ? `Verify the server's certificate (\`${s.text}\`)` : `Check the host name (\`${s.text}\`)`,
    safety: 'safe',
    edits: [{ start: s.value.startIndex, end: s.value.endIndex, newText: s.text }],
  };
}

/** One operand given to a protocol option (`CURLOPT_SSLVERSION`), as each binding's adaptor reads it. */
export interface CurlSslVersionSetting {
  /** The option as written (`CURLOPT_SSLVERSION`). */
  option: string;
  /** The operand (one of `A | B`), to report and replace. */
  value: Node;
  /** The constant it names after macros and aliases (`CURL_SSLVERSION_TLSv1`), if any. */
  name: string | undefined;
  /** Its number when the value is a plain number (not or-ed with a ceiling). */
  number: number | undefined;
  /** The caller's setting that chooses the value (an opt-in path), if any. */
  flag?: Node | undefined;
}

/** What a protocol report carries to its fix: the operand and the constant that replaces it. */
export interface CurlSslVersionState {
  node: Node;
  text: string;
}

/** Reports each operand that floors the protocol below TLS 1.2 or caps it there, the same way for every binding. */
export function reportCurlSslVersion(
  settings: Iterable<CurlSslVersionSetting>,
  report: (r: ReportOf<CurlSslVersionState>) => void,
): void {
  for (const s of settings) {
    const named = LEGACY_SSLVERSIONS.find((v) => v.name === s.name);
    const numbered = s.number === undefined ? undefined : LEGACY_SSLVERSIONS.find((v) => v.value === s.number);
    const said = named
      ? `\`${s.option}\` allows ${sslVersionLabel(named)}`
      : numbered
        ? `\`${s.option}\` is set to ${s.number} (${numbered.label})`
        : s.name && LEGACY_SSLVERSION_MAX.includes(s.name)
          ? `\`${s.option}\` caps the protocol at ${s.name.endsWith('1_0') ? 'TLS 1.0' : 'TLS 1.1'}`
          : undefined;
    if (!said) continue;
    report({
      node: s.value,
      message: `${said}: TLS 1.2 is the minimum.`,
      ...(s.flag ? { flag: s.flag } : {}),
      state: { node: s.value, text: named || numbered ? 'CURL_SSLVERSION_TLSv1_2' : 'CURL_SSLVERSION_MAX_DEFAULT' },
    });
  }
}

/** The fix of a protocol report: the constant that keeps TLS 1.2 as the floor, or the default ceiling. */
export function curlSslVersionFix(s: CurlSslVersionState): Fix {
  return {
    title: `Use \`${s.text}\``,
    safety: 'safe',
    edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: s.text }],
  };
}
