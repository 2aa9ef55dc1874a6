// The shipped advisory table (advisories.json, built by scripts/build-advisories.mjs) and the
// questions the rule and the runtime command ask it: which advisories affect this version or
// range, what is the first fixed version in the same line, is this release past end of life,
// how old is the table. Pure: the table is bundled data, nothing is read at run time.
import * as semver from 'semver';
import TABLE_JSON from '../advisories.json';
import { compareVersions, lineOf, toSemver, type Ecosystem } from './versions';

export interface VersionRange {
  introduced?: string;
  fixed?: string;
  lastAffected?: string;
}

export interface AffectedPackage {
  ecosystem: string;
  name: string;
  /** OSV-style ranges (PyPI, Go, npm, Maven, OpenSSL). */
  ranges?: VersionRange[];
  /** RustSec's requirements: a version is affected unless it matches `patched` or `unaffected`. */
  req?: { patched: string[]; unaffected: string[] };
}

export interface Advisory {
  id: string;
  aliases: string[];
  summary: string;
  cwes: number[];
  affected: AffectedPackage[];
}

export interface EolRow {
  cycle: string;
  /** ISO date of the end of (security) support, `false` while supported, `true` when ended on an unknown day. */
  eol: string | boolean;
  codename?: string;
  /** End of extended security support (Debian LTS), where there is one. */
  eoes?: string | boolean;
  lts?: boolean;
  latest?: string;
}

export interface AdvisoryTable {
  schema: number;
  /** ISO date the table was built. */
  built: string;
  sources: { name: string; commit?: string; date?: string; files?: { id: string; path: string; commit: string }[] }[];
  advisories: Advisory[];
  eol: Record<string, EolRow[]>;
}

export const TABLE = TABLE_JSON as AdvisoryTable;

/** A table older than this many months is reported once per run (information level). */
export const STALE_AFTER_MONTHS = 6;

/** PEP 503 names: `PyOpenSSL` and `pyopenssl`, `tlslite_ng` and `tlslite-ng` are one package. */
export function normalizeName(eco: Ecosystem, name: string): string {
  if (eco === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (eco === 'Maven' || eco === 'npm') return name.trim();
  return name;
}

const INDEX = new Map<string, { advisory: Advisory; affected: AffectedPackage }[]>();
for (const advisory of TABLE.advisories) {
  for (const affected of advisory.affected) {
    const key = `${affected.ecosystem}:${normalizeName(affected.ecosystem as Ecosystem, affected.name)}`;
    let list = INDEX.get(key);
    if (!list) INDEX.set(key, (list = []));
    list.push({ advisory, affected });
  }
}

/** Every package name the table knows in an ecosystem (detectors' pre-filter tokens). */
export function packagesOf(eco: Ecosystem): string[] {
  const names = new Set<string>();
  for (const a of TABLE.advisories)
    for (const p of a.affected) if (p.ecosystem === eco) names.add(eco === 'Maven' ? p.name.split(':')[1] : p.name);
  return [...names].sort();
}

export function isTracked(eco: Ecosystem, name: string): boolean {
  return INDEX.has(`${eco}:${normalizeName(eco, name)}`);
}

function inRange(eco: Ecosystem, v: string, r: VersionRange): boolean | undefined {
  const intro = r.introduced && r.introduced !== '0' ? compareVersions(eco, v, r.introduced) : 1;
  if (intro === undefined) return undefined;
  if (intro < 0) return false;
  if (r.fixed) {
    const c = compareVersions(eco, v, r.fixed);
    return c === undefined ? undefined : c < 0;
  }
  if (r.lastAffected) {
    const c = compareVersions(eco, v, r.lastAffected);
    return c === undefined ? undefined : c <= 0;
  }
  return true;
}

/** The version a RustSec requirement (`>= 0.10.55`, `^0.9.28`) names. */
function reqVersion(req: string): string | undefined {
  const m = /^(?:>=|\^|~|=)?\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?([-+][^\s,]*)?/.exec(req.trimStart());
  return m ? `${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}${m[4] ?? ''}` : undefined;
}

/** A Cargo requirement (`>= 111.18, < 300.0`) in node-semver's syntax (comma-separated clauses are ANDed). */
function cargoRange(req: string): string {
  return req
    .split(',')
    .map((c) => c.trim().replace(/^(>=|<=|>|<|=|\^|~)\s+/, '$1'))
    .join(' ');
}

function cargoMatches(v: string, reqs: string[]): boolean {
  const s = toSemver('crates.io', v);
  if (!s) return false;
  return reqs.some((r) => {
    try {
      return semver.satisfies(s, cargoRange(r));
    } catch {
      return false;
    }
  });
}

function affects(eco: Ecosystem, v: string, p: AffectedPackage): boolean {
  if (p.req) {
    if (!toSemver('crates.io', v)) return false;
    return !cargoMatches(v, p.req.patched) && !cargoMatches(v, p.req.unaffected);
  }
  return (p.ranges ?? []).some((r) => inRange(eco, v, r) === true);
}

/** Fixed versions an affected entry names (range ends, RustSec patched bounds). */
function fixesOf(p: AffectedPackage): string[] {
  if (p.req) return p.req.patched.map(reqVersion).filter((x): x is string => !!x);
  return (p.ranges ?? []).map((r) => r.fixed).filter((x): x is string => !!x);
}

/** The smallest fixed version greater than v in v's line, for one affected entry. */
function fixInLine(eco: Ecosystem, v: string, p: AffectedPackage): string | undefined {
  const line = lineOf(eco, v);
  let best: string | undefined;
  for (const f of fixesOf(p)) {
    if (/-0$/.test(f) || lineOf(eco, f) !== line) continue;
    if ((compareVersions(eco, f, v) ?? -1) <= 0) continue;
    if (affects(eco, f, p)) continue;
    if (!best || (compareVersions(eco, f, best) ?? 1) < 0) best = f;
  }
  return best;
}

export interface AdvisoryMatch {
  advisory: Advisory;
  /** The first version of the same line this advisory is fixed in, if there is one. */
  fixed?: string;
}

export interface Assessment {
  /** The version the matches were computed for (for a range, its lowest vulnerable allowed version). */
  version: string;
  matches: AdvisoryMatch[];
  /** The first version of the same line free of every advisory in the table, if there is one. */
  fixedInLine?: string;
  line?: string;
}

/** The advisories that affect one exact version of a package, with the first fix in the same line. */
export function assessVersion(eco: Ecosystem, name: string, version: string): Assessment | undefined {
  const entries = INDEX.get(`${eco}:${normalizeName(eco, name)}`);
  if (!entries) return undefined;
  const collect = (v: string): AdvisoryMatch[] =>
    entries
      .filter((e) => affects(eco, v, e.affected))
      .map((e) => ({ advisory: e.advisory, fixed: fixInLine(eco, v, e.affected) }));
  const matches = collect(version);
  if (matches.length === 0) return undefined;
  // Climb: the fix of one advisory may still carry another introduced later in the line.
  let target: string | undefined = version;
  for (let i = 0; i < 10 && target; i++) {
    const here = collect(target);
    if (here.length === 0) break;
    let next: string | undefined;
    for (const m of here) {
      if (!m.fixed) {
        next = undefined;
        break;
      }
      if (!next || (compareVersions(eco, m.fixed, next) ?? 0) > 0) next = m.fixed;
    }
    target = next;
  }
  const fixedInLine = target && target !== version && collect(target).length === 0 ? target : undefined;
  return { version, matches, fixedInLine, line: lineOf(eco, version) };
}

/** A range clause (`>=`, `<`, `==`, `~=`, `!=`, `===`) as the manifests write them. */
export interface Clause {
  op: '>=' | '>' | '<=' | '<' | '==' | '!=' | '~=' | '===';
  version: string;
}

export function satisfiesClauses(eco: Ecosystem, v: string, clauses: Clause[]): boolean {
  for (const c of clauses) {
    if (c.version.endsWith('.*')) {
      const prefix = c.version.slice(0, -2);
      const inPrefix = v === prefix || v.startsWith(prefix + '.');
      if ((c.op === '==' && !inPrefix) || (c.op === '!=' && inPrefix)) return false;
      continue;
    }
    const d = compareVersions(eco, v, c.version);
    if (d === undefined) return false;
    switch (c.op) {
      case '>=':
        if (d < 0) return false;
        break;
      case '>':
        if (d <= 0) return false;
        break;
      case '<=':
        if (d > 0) return false;
        break;
      case '<':
        if (d >= 0) return false;
        break;
      case '==':
      case '===':
        if (d !== 0) return false;
        break;
      case '!=':
        if (d === 0) return false;
        break;
      case '~=': {
        // ~=X.Y.Z: >= X.Y.Z and == X.Y.*
        if (d < 0) return false;
        const parts = c.version.split('.');
        const prefix = parts.slice(0, Math.max(1, parts.length - 1)).join('.');
        if (!(v === prefix || v.startsWith(prefix + '.'))) return false;
        break;
      }
    }
  }
  return true;
}

/**
 * A range (a list of clauses) is reported when it allows a vulnerable version: some version inside
 * an advisory's affected range also satisfies every clause. Candidates are the range's own lower
 * bounds and the advisories' `introduced` versions, which is where such an intersection begins.
 */
export function assessRange(eco: Ecosystem, name: string, clauses: Clause[]): Assessment | undefined {
  const entries = INDEX.get(`${eco}:${normalizeName(eco, name)}`);
  if (!entries) return undefined;
  const candidates = new Set<string>();
  for (const c of clauses)
    if (['>=', '==', '~=', '==='].includes(c.op) && !c.version.endsWith('*')) candidates.add(c.version);
  for (const e of entries)
    for (const r of e.affected.ranges ?? []) if (r.introduced && r.introduced !== '0') candidates.add(r.introduced);
  const lowest = [...candidates]
    .filter((v) => satisfiesClauses(eco, v, clauses) && entries.some((e) => affects(eco, v, e.affected)))
    .sort((a, b) => compareVersions(eco, a, b) ?? 0)[0];
  return lowest ? assessVersion(eco, name, lowest) : undefined;
}

// --- End of life --------------------------------------------------------------------------------

export interface EolStatus {
  product: string;
  cycle: string;
  /** ISO date, or undefined when the table knows only that it ended. */
  eolDate?: string;
  ended: boolean;
  latest?: string;
  codename?: string;
}

/** The row of a release cycle (`3.0`, `18`, `bookworm`) of a product in the table. */
export function eolRow(product: string, cycle: string): EolRow | undefined {
  const key = cycle.toLowerCase();
  return TABLE.eol[product]?.find((r) => r.cycle === key || r.codename === key);
}

/**
 * Whether a release cycle is past its end of life on `today`. With `extended`, free extended
 * security support (Debian LTS) counts as support: a Debian image gets fixes until it ends.
 */
export function eolStatus(product: string, cycle: string, today: Date, extended = false): EolStatus | undefined {
  const row = eolRow(product, cycle);
  if (!row) return undefined;
  const day = today.toISOString().slice(0, 10);
  const end = extended && row.eoes !== undefined ? row.eoes : row.eol;
  const ended = typeof end === 'string' ? day > end : end;
  return {
    product,
    cycle: row.cycle,
    eolDate: typeof end === 'string' ? end : undefined,
    ended,
    latest: row.latest,
    codename: row.codename,
  };
}

/** Whole months between the table's build date and `today`. */
export function tableAgeMonths(today: Date, built: string = TABLE.built): number {
  const b = new Date(`${built}T00:00:00Z`);
  let months = (today.getUTCFullYear() - b.getUTCFullYear()) * 12 + (today.getUTCMonth() - b.getUTCMonth());
  if (today.getUTCDate() < b.getUTCDate()) months--;
  return months;
}

/** The one information-level notice a stale table gives, or undefined while it is fresh. */
export function staleTableNotice(today: Date, built: string = TABLE.built): string | undefined {
  const age = tableAgeMonths(today, built);
  if (age < STALE_AFTER_MONTHS) return undefined;
  return (
    `The advisory table behind outdated-tls-library was built on ${built} (${age} months ago); ` +
    `advisories published since are not known. Update tlslint, or rebuild the table (CONTRIBUTING.md).`
  );
}

/**
 * Where the stale-table notice goes in a run over several folders (workspace folders, or the projects of
 * a nested-config or multi-root run): once per folder, at the first finding (in the order given) of the
 * rule in that folder. A folder without one gets no notice; the caller says it once elsewhere if none did.
 */
export function staleNoticeAnchors<T extends { rule: string }>(
  findings: readonly T[],
  folderOf: (finding: T) => string,
): T[] {
  const seen = new Set<string>();
  const anchors: T[] = [];
  for (const f of findings) {
    if (f.rule !== 'outdated-tls-library') continue;
    const folder = folderOf(f);
    if (seen.has(folder)) continue;
    seen.add(folder);
    anchors.push(f);
  }
  return anchors;
}

// --- Messages -----------------------------------------------------------------------------------

function shortSummary(s: string): string {
  let t = s.replace(/\s+/g, ' ').trim();
  while (t.endsWith('.')) t = t.slice(0, -1);
  return t.length > 90 ? t.slice(0, 89).trimEnd() + '…' : t;
}

function label(a: Advisory): string {
  const cve = a.aliases.find((x) => x.startsWith('CVE-'));
  return cve && cve !== a.id ? `${a.id} (${cve})` : a.id;
}

/** `cryptography 41.0.1 has 2 TLS advisories: ...; first fixed in the 41 line: 41.0.6.` */
export function describe(name: string, shown: string, a: Assessment, rangeNote = ''): string {
  const n = a.matches.length;
  const listed = a.matches
    .slice(0, 3)
    .map((m) => `${label(m.advisory)}: ${shortSummary(m.advisory.summary)}`)
    .join('; ');
  const more = n > 3 ? `; and ${n - 3} more` : '';
  const fix = a.fixedInLine
    ? `First fixed in the ${a.line} line: ${a.fixedInLine}.`
    : `No release of the ${a.line} line fixes ${n === 1 ? 'it' : 'them all'}; a newer line is needed.`;
  return `\`${name}\` ${shown}${rangeNote} has ${n} TLS advisor${n === 1 ? 'y' : 'ies'}: ${listed}${more}. ${fix}`;
}
