// Version ordering per ecosystem, from each ecosystem's own rules: semver for npm, Cargo and Go
// (`semver`), PEP 440 for Python (`@renovatebot/pep440`), Maven's ComparableVersion for Java, and
// OpenSSL's letter releases (1.1.1w < 1.1.1za) for OpenSSL itself. Pure: no I/O.
import * as pep440 from '@renovatebot/pep440';
import * as semver from 'semver';

export type Ecosystem = 'PyPI' | 'npm' | 'crates.io' | 'Go' | 'Maven' | 'OpenSSL';

/** Negative, zero or positive; undefined when either version cannot be read in this ecosystem. */
export function compareVersions(eco: Ecosystem, a: string, b: string): number | undefined {
  switch (eco) {
    case 'PyPI': {
      if (!pep440.valid(a) || !pep440.valid(b)) return undefined;
      return pep440.compare(a, b);
    }
    case 'npm':
    case 'crates.io':
    case 'Go': {
      const va = toSemver(eco, a);
      const vb = toSemver(eco, b);
      return va && vb ? semver.compare(va, vb) : undefined;
    }
    case 'Maven':
      return compareMaven(a, b);
    case 'OpenSSL':
      return compareOpenSsl(a, b);
  }
}

/**
 * A semver string for npm, Cargo and Go versions. Go writes `1.21` for the first release of a line,
 * `go1.21.5` in toolchain lines and `1.21rc2` for candidates; vulndb writes `1.21.0-0` for "before
 * any 1.21 pre-release".
 */
export function toSemver(eco: Ecosystem, v: string): string | undefined {
  let s = v.trim();
  if (eco === 'Go') {
    s = s.replace(/^go/, '').replace(/^v/, '');
    const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?(-.+)?$/.exec(s);
    if (!m) return semver.valid(s) ?? undefined;
    const base = `${m[1]}.${m[2]}.${m[3] ?? '0'}`;
    if (m[4]) return `${base}-${m[4]}.${m[5]}`;
    return m[6] ? base + m[6] : base;
  }
  return semver.valid(s.replace(/^v/, '')) ?? undefined;
}

// --- Maven: org.apache.maven.artifact.versioning.ComparableVersion -------------------------------

type MavenItem = { kind: 'int'; value: bigint } | { kind: 'str'; value: string } | { kind: 'list'; items: MavenItem[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };

function qualifierKey(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  // Unknown qualifiers sort after the known ones, among themselves lexically.
  return i >= 0 ? String(i) : `${QUALIFIERS.length}-${q}`;
}

function stringItem(s: string, followedByDigit: boolean): MavenItem {
  let v = s.toLowerCase();
  if (followedByDigit && v.length === 1) v = v === 'a' ? 'alpha' : v === 'b' ? 'beta' : v === 'm' ? 'milestone' : v;
  v = ALIASES[v] ?? v;
  return { kind: 'str', value: v };
}

function isNull(item: MavenItem): boolean {
  if (item.kind === 'int') return item.value === 0n;
  if (item.kind === 'str') return item.value === '';
  return item.items.length === 0;
}

function normalize(list: MavenItem[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i];
    if (isNull(last)) list.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
}

/** Parses like ComparableVersion.parseVersion: `.` separates, `-` opens a sub-list, digit/letter switches split. */
export function parseMaven(version: string): MavenItem[] {
  const root: MavenItem[] = [];
  let list = root;
  const stack: MavenItem[][] = [root];
  const v = version.toLowerCase();
  let start = 0;
  let isDigit = false;
  const push = (text: string, next: string | undefined) => {
    if (text === '') list.push({ kind: 'int', value: 0n });
    else if (isDigit) list.push({ kind: 'int', value: BigInt(text) });
    else list.push(stringItem(text, next !== undefined && /\d/.test(next)));
  };
  /** A sub-list in the current list, which then receives the items. */
  const openList = () => {
    const sub: MavenItem[] = [];
    list.push({ kind: 'list', items: sub });
    list = sub;
    stack.push(sub);
  };
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '.') {
      push(v.slice(start, i), v[i + 1]);
      start = i + 1;
    } else if (c === '-') {
      push(v.slice(start, i), v[i + 1]);
      start = i + 1;
      openList();
    } else if (/\d/.test(c)) {
      if (!isDigit && i > start) {
        list.push(stringItem(v.slice(start, i), true));
        start = i;
        openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push({ kind: 'int', value: BigInt(v.slice(start, i)) });
        start = i;
        openList();
      }
      isDigit = false;
    }
  }
  if (v.length > start) push(v.slice(start), undefined);
  for (let i = stack.length - 1; i >= 0; i--) normalize(stack[i]);
  return root;
}

function compareItem(a: MavenItem | undefined, b: MavenItem | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return -compareItem(b, undefined);
  if (b === undefined) {
    if (a.kind === 'int') return a.value === 0n ? 0 : 1;
    if (a.kind === 'str')
      return qualifierKey(a.value) < qualifierKey('') ? -1 : qualifierKey(a.value) === qualifierKey('') ? 0 : 1;
    return a.items.length === 0 ? 0 : compareItem(a.items[0], undefined);
  }
  if (a.kind === 'int') {
    if (b.kind === 'int') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return 1; // a number is newer than a qualifier or a sub-list
  }
  if (a.kind === 'str') {
    if (b.kind === 'int') return -1;
    if (b.kind === 'list') return -1;
    const ka = qualifierKey(a.value);
    const kb = qualifierKey(b.value);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }
  if (b.kind === 'int') return -1;
  if (b.kind === 'str') return 1;
  return compareLists(a.items, b.items);
}

function compareLists(a: MavenItem[], b: MavenItem[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = compareItem(a[i], b[i]);
    if (d !== 0) return d;
  }
  return 0;
}

/** Maven's ordering (`1.0-alpha1 < 1.0-rc1 < 1.0 < 1.0-sp1`, `4.1.94.Final < 4.1.100.Final`). */
export function compareMaven(a: string, b: string): number {
  return compareLists(parseMaven(a), parseMaven(b));
}

// --- OpenSSL: 1.1.1 < 1.1.1a < ... < 1.1.1z < 1.1.1za < 1.1.1zh; 3.0.13 ----------------------------

function opensslParts(v: string): { nums: number[]; letters: string } | undefined {
  const m = /^(\d+(?:\.\d+)*)([a-z]*)$/.exec(v.trim().replace(/^openssl[-_ ]?/i, ''));
  if (!m) return undefined;
  return { nums: m[1].split('.').map(Number), letters: m[2] };
}

export function compareOpenSsl(a: string, b: string): number | undefined {
  const pa = opensslParts(a);
  const pb = opensslParts(b);
  if (!pa || !pb) return undefined;
  for (let i = 0; i < Math.max(pa.nums.length, pb.nums.length); i++) {
    const d = (pa.nums[i] ?? 0) - (pb.nums[i] ?? 0);
    if (d !== 0) return d;
  }
  if (pa.letters.length !== pb.letters.length) return pa.letters.length - pb.letters.length;
  return pa.letters < pb.letters ? -1 : pa.letters > pb.letters ? 1 : 0;
}

// --- Release lines ------------------------------------------------------------------------------

/**
 * The release line a version belongs to, within which an upgrade is expected to be compatible:
 * the major (npm, PyPI, Maven), `0.minor` for 0.x crates (Cargo's caret rule), `major.minor` for
 * Go toolchains and OpenSSL 3+ (their supported branches), `major.minor.patch` for OpenSSL 1.x.
 */
export function lineOf(eco: Ecosystem, v: string): string | undefined {
  switch (eco) {
    case 'Go': {
      const s = toSemver(eco, v);
      return s ? `${semver.major(s)}.${semver.minor(s)}` : undefined;
    }
    case 'crates.io':
    case 'npm': {
      const s = toSemver(eco, v);
      if (!s) return undefined;
      const major = semver.major(s);
      return eco === 'crates.io' && major === 0 ? `0.${semver.minor(s)}` : String(major);
    }
    case 'PyPI':
      return pep440.valid(v) ? String(pep440.major(v)) : undefined;
    case 'Maven': {
      const first = parseMaven(v)[0];
      return first?.kind === 'int' ? String(first.value) : undefined;
    }
    case 'OpenSSL': {
      const p = opensslParts(v);
      if (!p) return undefined;
      return p.nums[0] >= 3 ? `${p.nums[0]}.${p.nums[1] ?? 0}` : p.nums.slice(0, 3).join('.');
    }
  }
}
