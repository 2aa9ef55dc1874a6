// libcurl's TLS options, once, for every binding that sets them (C, PHP, Python's pycurl, Node's
// node-libcurl): which options turn verification off and which `CURL_SSLVERSION_*` values are legacy.

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
