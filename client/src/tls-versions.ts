/**
 * @fileoverview The OpenSSL support table and the parsing of version strings for
 * "TLS Lint: Show Runtime TLS Versions". Pure: no vscode, no I/O, so it is unit-tested directly.
 */

import { TABLE, assessVersion, eolStatus, type Advisory } from '../../server/src/engine/deps/advisories';

/** One OpenSSL release series and the last day the OpenSSL project supports it. */
export interface OpenSslSeries {
  /** `major.minor` for 3.0 and later, `major.minor.patch` (without the letter) before. */
  series: string;
  /** Last supported day (ISO date, UTC); the day after is end-of-life. */
  supportedUntil: string;
  lts?: boolean;
}

/**
 * OpenSSL's own support dates, from the advisory table that outdated-tls-library uses too (built from
 * OpenSSL's release-metadata), so the command and the rule never disagree. Series older than the
 * oldest row (1.1.1 and before) are end-of-life; series newer than the newest row count as supported.
 */
export const OPENSSL_SUPPORT: readonly OpenSslSeries[] = (TABLE.eol.openssl ?? [])
  .filter((r) => typeof r.eol === 'string')
  .map((r) => ({ series: r.cycle, supportedUntil: r.eol as string, ...(r.lts ? { lts: true } : {}) }));

/** `distribution`: built and patched by an OS distribution, judged by the distribution's support, not upstream's. */
export type SupportStatus = 'supported' | 'end-of-life' | 'distribution' | 'unknown';

/** A TLS library version as reported by one runtime, classified against the table. */
export interface TlsLibraryVersion {
  /** `OpenSSL`, `LibreSSL`, `BoringSSL` or the first word of the text. */
  library: string;
  /** The version number as printed (`3.0.15`, `1.1.1w`), or undefined if none was found. */
  version: string | undefined;
  status: SupportStatus;
  /** One sentence for people: why this status. */
  detail: string;
  /** Upstream advisories in the shared table that affect this version (upstream builds only). */
  advisories?: Advisory[] | undefined;
  /** The first upstream release of the same series that fixes them all. */
  fixedInLine?: string | undefined;
}

/** The OS distribution a runtime was built by (from /etc/os-release), when its program is the distribution's. */
export interface Distribution {
  /** os-release `ID` (`debian`, `ubuntu`, `alpine`). */
  id: string;
  /** os-release `VERSION_ID` (`12`, `22.04`, `3.20.3`). */
  versionId?: string | undefined;
  /** os-release `PRETTY_NAME`. */
  name: string;
}

/** Parses /etc/os-release (KEY=value lines, values optionally quoted). */
export function parseOsRelease(text: string): Distribution | undefined {
  const kv: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m?.[1] !== undefined && m[2] !== undefined) kv[m[1]] = m[2].replace(/^(["'])(.*)\1$/, '$2');
  }
  if (!kv.ID) return undefined;
  return { id: kv.ID, versionId: kv.VERSION_ID, name: kv.PRETTY_NAME || kv.NAME || kv.ID };
}

const DISTRO_PRODUCTS: Record<string, { product: string; cycle: (v: string) => string; extended?: boolean }> = {
  debian: { product: 'debian', cycle: (v) => v.split('.')[0] ?? v, extended: true },
  ubuntu: { product: 'ubuntu', cycle: (v) => v },
  alpine: { product: 'alpine', cycle: (v) => v.split('.').slice(0, 2).join('.') },
};

/**
 * A distribution's build of OpenSSL: Debian, Ubuntu and Alpine backport fixes into the version they
 * ship, so upstream end-of-life dates and advisories say nothing about it. What can be said is
 * whether the distribution release itself still gets security support.
 */
function classifyDistribution(library: string, version: string, d: Distribution, today: Date): TlsLibraryVersion {
  const known = DISTRO_PRODUCTS[d.id];
  const status =
    known && d.versionId ? eolStatus(known.product, known.cycle(d.versionId), today, known.extended) : undefined;
  if (status?.ended) {
    return {
      library,
      version,
      status: 'end-of-life',
      detail: `Built by ${d.name}, which lost security support${status.eolDate ? ` on ${status.eolDate}` : ''}: its ${library} gets no more fixes.`,
    };
  }
  const until = status?.eolDate ? ` (security support until ${status.eolDate})` : '';
  return {
    library,
    version,
    status: 'distribution',
    detail: `Built and patched by ${d.name}${until}, which backports fixes: upstream ${library} end-of-life dates and advisories do not apply. Keep the system updated and see the distribution's security tracker.`,
  };
}

function advisoryNote(a: { advisories?: Advisory[] | undefined; fixedInLine?: string | undefined }): string {
  if (!a.advisories?.length) return '';
  const ids = a.advisories
    .slice(0, 3)
    .map((x) => x.id)
    .join(', ');
  const more = a.advisories.length > 3 ? ` and ${a.advisories.length - 3} more` : '';
  const fix = a.fixedInLine ? `; fixed in ${a.fixedInLine}` : '';
  return ` Upstream advisories for this version: ${ids}${more}${fix}.`;
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

/**
 * Classifies a runtime's version text on `today` (defaults to now). A runtime built by an OS
 * distribution (`distribution`) is judged by that distribution's support, never by upstream dates.
 */
export function classifyTlsLibrary(
  text: string,
  today: Date = new Date(),
  distribution?: Distribution,
): TlsLibraryVersion {
  const { library, version } = parseTlsLibrary(text);
  if (!version) return { library, version, status: 'unknown', detail: 'No version number found.' };
  if (distribution) return classifyDistribution(library, version, distribution, today);
  if (library !== 'OpenSSL') {
    return { library, version, status: 'unknown', detail: `${library} has its own support policy; not checked.` };
  }
  const assessed = assessVersion('OpenSSL', 'openssl', version);
  const adv = { advisories: assessed?.matches.map((m) => m.advisory), fixedInLine: assessed?.fixedInLine };
  const withAdvisories = (r: TlsLibraryVersion): TlsLibraryVersion =>
    assessed ? { ...r, ...adv, detail: r.detail + advisoryNote(adv) } : r;
  return withAdvisories(classifyUpstream(library, version, today));
}

function classifyUpstream(library: string, version: string, today: Date): TlsLibraryVersion {
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
  output?: string | undefined;
  /** The program was not found on PATH: reported, not an error. */
  missing?: boolean;
  /** The OS distribution that built the program, when it is the distribution's own. */
  distribution?: Distribution | undefined;
  error?: string;
}

/** Plain words, bold where action is needed: emoji render as boxes where no emoji font is installed. */
const STATUS_LABEL: Record<SupportStatus, string> = {
  supported: 'supported',
  'end-of-life': '**end of life**',
  distribution: 'distribution build',
  unknown: 'unknown',
};

/** A Markdown report with one table row per runtime. */
export function renderRuntimeReport(probes: readonly RuntimeProbe[], today: Date = new Date()): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  const rows = probes.map((p) => {
    if (p.missing) return `| ${p.runtime} | \`${p.command}\` | not found | n/a | The program is not on PATH. |`;
    if (p.error !== undefined || p.output === undefined)
      return `| ${p.runtime} | \`${p.command}\` | n/a | error | ${cell(p.error ?? 'no output')} |`;
    const c = classifyTlsLibrary(p.output, today, p.distribution);
    return `| ${p.runtime} | \`${p.command}\` | ${cell(p.output)} | ${STATUS_LABEL[c.status]} | ${cell(c.detail)} |`;
  });
  return [
    '# TLS Lint: runtime TLS libraries',
    '',
    `Checked ${today.toISOString().slice(0, 10)} against the OpenSSL project's support dates and the advisory table ` +
      `built ${TABLE.built} (the one outdated-tls-library uses). Distribution builds are judged by the distribution's support.`,
    '',
    '| Runtime | Command | Reports | Status | Detail |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
