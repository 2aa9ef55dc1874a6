// Which of many literals occur in a text, in one pass: the pre-filter's question for every detector
// of a language at once, because most files hold none of them and one `includes` per token per
// detector would read each file some sixty times. The shortest literals (those no other literal
// contains: the atoms) are found by `AtomFinder`; only the few longer literals built on an atom that
// occurs are then checked with `includes`.

/** Atoms at most this long are found with the native `indexOf`; the others share one probing pass. */
const SHORT = 5;
/** Never step further than this (the table then holds `stride` entries per atom). */
const MAX_STRIDE = 8;

/** How common a character is in source text: lower-case letters, blanks and `_` are everywhere. */
function commonness(c: number): number {
  if ((c >= 0x61 && c <= 0x7a) || c === 0x20 || c === 0x5f || c === 0x0a) return 2;
  if (c === 0x2e || c === 0x28 || c === 0x29 || c === 0x2c || c === 0x3d || c === 0x22 || c === 0x27) return 1;
  return 0;
}

/** The table key of the three characters at `i` (their low bytes, hashed into 16 bits). */
function keyAt(text: string, i: number): number {
  return (
    Math.imul(
      (text.charCodeAt(i) & 0xff) | ((text.charCodeAt(i + 1) & 0xff) << 8) | ((text.charCodeAt(i + 2) & 0xff) << 16),
      0x9e3779b1,
    ) >>> 16
  );
}

/**
 * Every occurrence of a few hundred atoms in a text, in one pass (host/prefilter's byte test, for a
 * decoded text, finding all rather than any): short atoms with the native `indexOf`; the others by
 * probing a 64K table with the two characters (their low bytes) found every `stride` characters, where
 * `stride` = shortest long atom's length - 1, so every occurrence covers exactly one probe. An atom is
 * compared (`startsWith`) only where the probe hits one of the two-character keys of its least common
 * window. Several times faster than one regular expression of all the atoms, which V8 tries at every
 * character.
 */
class AtomFinder {
  private readonly short: string[];
  private readonly long: string[];
  private readonly stride: number;
  private readonly table = new Uint16Array(65536);
  /** Per bucket: (index in `long`, offset of the key in the atom) pairs. */
  private readonly buckets: Int32Array[] = [new Int32Array(0)];

  constructor(atoms: readonly string[]) {
    this.short = atoms.filter((a) => a.length <= SHORT);
    this.long = atoms.filter((a) => a.length > SHORT);
    const shortest = Math.min(...this.long.map((a) => a.length));
    this.stride = Math.max(1, Math.min(MAX_STRIDE, shortest - 2));
    const lists: number[][] = [[]];
    this.long.forEach((a, ai) => {
      // The window of `stride` consecutive keys with the least common characters.
      let best = 0;
      let bestScore = Infinity;
      for (let base = 0; base + this.stride + 2 <= a.length; base++) {
        let score = 0;
        for (let k = base; k < base + this.stride + 2; k++) score += commonness(a.charCodeAt(k));
        if (score < bestScore) {
          bestScore = score;
          best = base;
        }
      }
      for (let off = best; off < best + this.stride; off++) {
        const key = keyAt(a, off);
        if (this.table[key] === 0) {
          this.table[key] = lists.length;
          lists.push([]);
        }
        lists[this.table[key]].push(ai, off);
      }
    });
    for (let b = 1; b < lists.length; b++) this.buckets.push(Int32Array.from(lists[b]));
  }

  /**
   * Calls `hit` for each occurrence of an atom `wanted` accepts (every atom by default; asked again at
   * each occurrence), short atoms first, each atom's occurrences in no set order; `hit` returns true to
   * stop early.
   */
  each(text: string, hit: (atom: string, at: number) => boolean | void, wanted?: (atom: string) => boolean): void {
    for (const a of this.short)
      for (let i = text.indexOf(a); i >= 0 && (!wanted || wanted(a)); i = text.indexOf(a, i + 1)) if (hit(a, i)) return;
    if (!this.long.length) return;
    const { table, buckets, long, stride } = this;
    const n = text.length;
    for (let i = 0; i + 2 < n; i += stride) {
      const b = table[keyAt(text, i)];
      if (b === 0) continue;
      const list = buckets[b];
      for (let k = 0; k < list.length; k += 2) {
        const a = long[list[k]];
        const start = i - list[k + 1];
        if (start < 0 || start + a.length > n || (wanted && !wanted(a)) || !text.startsWith(a, start)) continue;
        if (hit(a, start)) return;
      }
    }
  }
}

/**
 * Whether the place `at` of a text lies in a line comment that starts with `marker` (`#`, `//`): after a
 * marker on its line that starts the line or follows a blank, with no quote before that marker on the line
 * (then the marker may be inside a string: the place counts as code). A place after such a marker inside a
 * string that spans lines (a docstring, a template literal) is no code either.
 */
export function inLineComment(text: string, at: number, marker: string): boolean {
  const m0 = marker.charCodeAt(0);
  for (let i = text.lastIndexOf('\n', at - 1) + 1; i < at; i++) {
    const c = text.charCodeAt(i);
    // A quote: the marker after it may be in a string.
    if (c === 34 || c === 39 || c === 96) return false;
    if (c !== m0 || !text.startsWith(marker, i)) continue;
    const before = i === 0 ? 10 : text.charCodeAt(i - 1);
    if (before === 32 || before === 9 || before === 10 || before === 13 || before === 12) return true;
    // `https://`, `${#x}`: no comment starts here; a later marker may.
  }
  return false;
}

/**
 * Whether a text holds a literal at a place outside line comments that start with `marker` (`inLineComment`),
 * and outside `[from, to)` when that is given (the lines an edit replaced).
 */
export function holdsOutsideComments(text: string, literal: string, marker: string, from = 0, to = 0): boolean {
  for (let i = text.indexOf(literal); i >= 0; i = text.indexOf(literal, i + 1))
    if ((i < from || i >= to) && !inLineComment(text, i, marker)) return true;
  return false;
}

export class LiteralSet {
  private readonly atoms: string[];
  private readonly finder: AtomFinder;
  /** For each literal, the atoms it contains (itself when it is an atom). */
  private readonly parts = new Map<string, string[]>();

  /**
   * `comment`: the language's line comment marker. A literal found only in line comments (`inLineComment`)
   * counts as absent: a detector's word in prose decides nothing, and a tree holds no node of it. Literals
   * that start with `tlslint` (suppression directives) count wherever they are.
   */
  constructor(
    literals: Iterable<string>,
    private readonly comment?: string,
  ) {
    const all = [...new Set(literals)].filter((l) => l.length > 0);
    this.multiline = all.some((l) => l.includes('\n') || l.includes('\r'));
    this.atoms = all.filter((l) => !all.some((o) => o !== l && l.includes(o)));
    for (const l of all)
      this.parts.set(
        l,
        this.atoms.filter((a) => l.includes(a)),
      );
    this.finder = new AtomFinder(this.atoms);
  }

  /**
   * The last few texts scanned whole, with their tests: the server asks before parsing a document, then
   * lint asks again, and each probe lint (engine/calls) asks about the file with a constant after it.
   */
  private recent: { text: string; test: (literal: string) => boolean }[] = [];

  /** Whether a literal holds a line break (then one may straddle the line break between two texts). */
  private readonly multiline: boolean;

  /**
   * `scan` of a text, a line break and a short tail (a path, a probe's constant), without building the
   * joined text: the text's own test (remembered) and the tail's answer it, unless a literal holds a line break.
   */
  scanWithTail(text: string, tail: string): (literal: string) => boolean {
    if (this.multiline) return this.scan(`${text}\n${tail}`);
    const before = this.scan(text);
    const after = this.compute(tail);
    return (literal) => before(literal) || after(literal);
  }

  /** A test for each literal of the set: whether the text contains it. */
  scan(text: string): (literal: string) => boolean {
    for (const r of this.recent) if (r.text === text) return r.test;
    // A recent text, a line break and more (a probe lint's file and constant): no literal spans the line
    // break, so that text's test and one of the rest answer it.
    for (const r of this.multiline ? [] : this.recent) {
      const n = r.text.length;
      if (text.length > n && text.charCodeAt(n) === 10 && text.startsWith(r.text)) {
        const before = r.test;
        const after = this.compute(text.slice(n + 1));
        return (literal) => before(literal) || after(literal);
      }
    }
    const test = this.compute(text);
    this.recent.push({ text, test });
    if (this.recent.length > 3) this.recent.shift();
    return test;
  }

  /**
   * Which of `literals` (literals of the set) each span of a text holds, as `scan` of the span's slice
   * would tell, from one pass over the whole text: every occurrence of every atom is found, and an atom is
   * in a span when one of its occurrences lies within it. A longer literal is looked up with `indexOf` in
   * the text.
   */
  spanWords(text: string, literals: readonly string[], spans: readonly { start: number; end: number }[]): string[][] {
    const out: string[][] = spans.map(() => []);
    if (!spans.length || !literals.length) return out;
    const starts = new Map<string, number[]>();
    const wanted = new Set<string>();
    for (const l of literals) for (const p of this.parts.get(l) ?? []) wanted.add(p);
    if (wanted.size) {
      this.finder.each(
        text,
        (atom, at) => {
          if (!this.live(text, atom, at)) return;
          let list = starts.get(atom);
          if (!list) starts.set(atom, (list = []));
          list.push(at);
        },
        (atom) => wanted.has(atom),
      );
      // In order, for the search below (the probing pass finds an atom's occurrences out of order).
      for (const list of starts.values()) list.sort((a, b) => a - b);
    }
    for (const l of literals) {
      const parts = this.parts.get(l);
      let at: number[] | undefined;
      if (parts && parts.length === 1 && parts[0] === l) at = starts.get(l);
      else {
        // A longer literal occurs only where its atoms all do: else its own occurrences, overlapping ones included.
        if (parts?.some((p) => !starts.has(p))) continue;
        at = [];
        for (let i = text.indexOf(l); i >= 0; i = text.indexOf(l, i + 1)) if (this.live(text, l, i)) at.push(i);
      }
      if (!at?.length) continue;
      const places = at;
      spans.forEach((s, i) => {
        // The first occurrence at or after the span's start (a later one ends later still).
        let lo = 0;
        let hi = places.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (places[mid] < s.start) lo = mid + 1;
          else hi = mid;
        }
        if (lo < places.length && places[lo] + l.length <= s.end) out[i].push(l);
      });
    }
    return out;
  }

  /** Whether an occurrence of a literal at `at` counts (`comment`). */
  private live(text: string, literal: string, at: number): boolean {
    return !this.comment || literal.startsWith('tlslint') || !inLineComment(text, at, this.comment);
  }

  /** Whether a text holds an occurrence of a literal that counts (`live`). */
  private holds(text: string, literal: string): boolean {
    return !this.comment || literal.startsWith('tlslint')
      ? text.includes(literal)
      : holdsOutsideComments(text, literal, this.comment);
  }

  private compute(text: string): (literal: string) => boolean {
    const found = new Set<string>();
    if (this.atoms.length > 0) {
      // An atom found once is not compared again.
      this.finder.each(
        text,
        (atom, at) => {
          if (!this.live(text, atom, at)) return false;
          found.add(atom);
          return found.size === this.atoms.length;
        },
        (atom) => !found.has(atom),
      );
    }
    const memo = new Map<string, boolean>();
    return (literal) => {
      let hit = memo.get(literal);
      if (hit === undefined) {
        const parts = this.parts.get(literal);
        if (!parts) hit = this.holds(text, literal);
        else if (parts.length === 1 && parts[0] === literal) hit = found.has(literal);
        else hit = parts.every((p) => found.has(p)) && this.holds(text, literal);
        memo.set(literal, hit);
      }
      return hit;
    };
  }
}
