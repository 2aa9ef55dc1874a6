/**
 * @fileoverview The OpenSSL support table and the parsing of version strings for
 * "TLS Lint: Show Runtime TLS Versions". Pure: no vscode, no I/O, so it is unit-tested directly.
 */

/** One OpenSSL release series and the last day the OpenSSL project supports it. */
export interface OpenSslSeries {
  /** `major.minor` for 3.0 and later, `major.minor.patch` (without the letter) before. */
  series: string;
  /** Last supported day (ISO date, UTC); the day after is end-of-life. */
  supportedUntil: string;
  lts?: boolean;
}

/**
 * From openssl-library.org's release strategy and its announcements (checked 2026-11-27):
 * non-LTS releases up to 3.4 got two years, from 3.5 on at least 13 months; LTS releases five years.
 * 4.1 (October 2026) is newer than this table: unknown series newer than the newest row count as supported.
 */
export const OPENSSL_SUPPORT: readonly OpenSslSeries[] = [
  { series: '0.9.8', supportedUntil: '2015-12-31' },
  { series: '1.0.0', supportedUntil: '2015-12-31' },
  { series: '1.0.1', supportedUntil: '2016-12-31' },
  { series: '1.0.2', supportedUntil: '2019-12-31', lts: true },
  { series: '1.1.0', supportedUntil: '2019-09-11' },
  { series: '1.1.1', supportedUntil: '2023-09-11', lts: true },
  { series: '3.0', supportedUntil: '2026-09-07', lts: true },
  { series: '3.1', supportedUntil: '2025-03-14' },
  { series: '3.2', supportedUntil: '2025-11-23' },
  { series: '3.3', supportedUntil: '2026-04-09' },
  { series: '3.4', supportedUntil: '2026-10-22' },
  { series: '3.5', supportedUntil: '2030-04-08', lts: true },
  { series: '3.6', supportedUntil: '2026-11-01' },
  { series: '4.0', supportedUntil: '2027-05-14' },
];

export type SupportStatus = 'supported' | 'end-of-life' | 'unknown';

/** A TLS library version as reported by one runtime, classified against the table. */
export interface TlsLibraryVersion {
  /** `OpenSSL`, `LibreSSL`, `BoringSSL` or the first word of the text. */
  library: string;
  /** The version number as printed (`3.0.15`, `1.1.1w`), or undefined if none was found. */
  version: string | undefined;
  status: SupportStatus;
  /** One sentence for people: why this status. */
  detail: string;
}

/** `3.0.15+quic` → `3.0.15`; `OpenSSL 1.1.1w  11 Sep 2023` → library OpenSSL, version 1.1.1w. */
export function parseTlsLibrary(text: string): { library: string; version: string | undefined } {
  const t = text.trim();
  const named = /\b(OpenSSL|LibreSSL|BoringSSL|AWS-LC)\b[\s/-]*v?(\d+\.\d+(?:\.\d+)?[a-z]?)?/i.exec(t);
  if (named?.[1]) return { library: canonicalName(named[1]), version: named[2] };
  // Node's process.versions.openssl is a bare number (`3.0.15+quic`).
  const bare = /^(\d+\.\d+\.\d+[a-z]?)/.exec(t);
  if (bare) return { library: 'OpenSSL', version: bare[1] };
  return { library: t.split(/\s+/)[0] || 'unknown', version: undefined };
}

function canonicalName(n: string): string {
  const l = n.toLowerCase();
  return l === 'openssl' ? 'OpenSSL' : l === 'libressl' ? 'LibreSSL' : l === 'boringssl' ? 'BoringSSL' : 'AWS-LC';
}

/** The table row for an OpenSSL version number, or undefined. */
export function seriesOf(version: string): OpenSslSeries | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return undefined;
  const major = Number(m[1]);
  const key = major >= 3 ? `${m[1]}.${m[2]}` : `${m[1]}.${m[2]}.${m[3] ?? '0'}`;
  return OPENSSL_SUPPORT.find((s) => s.series === key);
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Classifies a runtime's version text on `today` (defaults to now). */
export function classifyTlsLibrary(text: string, today: Date = new Date()): TlsLibraryVersion {
  const { library, version } = parseTlsLibrary(text);
  if (!version) return { library, version, status: 'unknown', detail: 'No version number found.' };
  if (library !== 'OpenSSL') {
    return { library, version, status: 'unknown', detail: `${library} has its own support policy; not checked.` };
  }
  const row = seriesOf(version);
  const day = today.toISOString().slice(0, 10);
  if (!row) {
    const newest = OPENSSL_SUPPORT.at(-1);
    const numeric = version.replace(/(?<![a-z])[a-z]+$/, '');
    if (newest && compareVersions(numeric, newest.series) > 0) {
      return {
        library,
        version,
        status: 'supported',
        detail: `Newer than OpenSSL ${newest.series}, the newest series this table knows.`,
      };
    }
    return { library, version, status: 'end-of-life', detail: 'An OpenSSL series that is no longer supported.' };
  }
  const lts = row.lts ? ' LTS' : '';
  if (day > row.supportedUntil) {
    return {
      library,
      version,
      status: 'end-of-life',
      detail: `OpenSSL ${row.series}${lts} was supported until ${row.supportedUntil} and is end-of-life now.`,
    };
  }
  return {
    library,
    version,
    status: 'supported',
    detail: `OpenSSL ${row.series}${lts} is supported until ${row.supportedUntil}.`,
  };
}

/** What one runtime probe produced: its version text, or that the program is missing, or an error. */
export interface RuntimeProbe {
  /** `openssl CLI`, `Python ssl`, `Node.js (VS Code extension host)`. */
  runtime: string;
  /** The command as shown to people (`openssl version`). */
  command: string;
  output?: string;
  /** The program was not found on PATH: reported, not an error. */
  missing?: boolean;
  error?: string;
}

const STATUS_LABEL: Record<SupportStatus, string> = {
  supported: '✅ supported',
  'end-of-life': '❌ end-of-life',
  unknown: '❔ unknown',
};

/** A Markdown report with one table row per runtime. */
export function renderRuntimeReport(probes: readonly RuntimeProbe[], today: Date = new Date()): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  const rows = probes.map((p) => {
    if (p.missing) return `| ${p.runtime} | \`${p.command}\` | not found | – | The program is not on PATH. |`;
    if (p.error !== undefined || p.output === undefined)
      return `| ${p.runtime} | \`${p.command}\` | – | – | ${cell(p.error ?? 'no output')} |`;
    const c = classifyTlsLibrary(p.output, today);
    return `| ${p.runtime} | \`${p.command}\` | ${cell(p.output)} | ${STATUS_LABEL[c.status]} | ${cell(c.detail)} |`;
  });
  return [
    '# TLS Lint: runtime TLS libraries',
    '',
    `Checked ${today.toISOString().slice(0, 10)} against the OpenSSL project's support dates.`,
    '',
    '| Runtime | Command | Reports | Status | Detail |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
