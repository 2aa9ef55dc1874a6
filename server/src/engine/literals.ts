// Which of many literals occur in a text, in one pass: the pre-filter's question for every detector
// of a language at once, because most files hold none of them and one `includes` per token per
// detector would read each file some sixty times. One regular expression over the shortest literals
// (those no other literal contains) finds the candidates; only the few longer literals built on a
// literal that occurs are then checked with `includes`.

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class LiteralSet {
  private readonly atoms: string[];
  private readonly pattern: RegExp;
  /** For each literal, the atoms it contains (itself when it is an atom). */
  private readonly parts = new Map<string, string[]>();

  constructor(literals: Iterable<string>) {
    const all = [...new Set(literals)].filter((l) => l.length > 0);
    this.multiline = all.some((l) => l.includes('\n') || l.includes('\r'));
    this.atoms = all.filter((l) => !all.some((o) => o !== l && l.includes(o)));
    for (const l of all)
      this.parts.set(
        l,
        this.atoms.filter((a) => l.includes(a)),
      );
    // Longest first, so that where two atoms start at one place the longer one is tried first.
    const sorted = [...this.atoms].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(sorted.map(escape).join('|'), 'g');
  }

  /**
   * The last few texts scanned whole, with their tests: the server asks before parsing a document, then
   * lint asks again, and each probe lint (engine/calls) asks about the file with a constant after it.
   */
  private recent: { text: string; test: (literal: string) => boolean }[] = [];

  /** Whether a literal holds a line break (then one may straddle the line break between two texts). */
  private readonly multiline: boolean;

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
   * would tell, from one pass over the whole text: every occurrence of every atom is found (at most one
   * atom starts at a place, since no atom contains another), and an atom is in a span when one of its
   * occurrences lies within it. A longer literal is looked up with `indexOf` in the text.
   */
  spanWords(text: string, literals: readonly string[], spans: readonly { start: number; end: number }[]): string[][] {
    const out: string[][] = spans.map(() => []);
    if (!spans.length || !literals.length) return out;
    const starts = new Map<string, number[]>();
    const wanted = new Set<string>();
    for (const l of literals) for (const p of this.parts.get(l) ?? []) wanted.add(p);
    if (wanted.size) {
      const re = this.pattern;
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (wanted.has(m[0])) {
          let list = starts.get(m[0]);
          if (!list) starts.set(m[0], (list = []));
          list.push(m.index);
        }
        re.lastIndex = m.index + 1;
      }
    }
    for (const l of literals) {
      const parts = this.parts.get(l);
      let at: number[] | undefined;
      if (parts && parts.length === 1 && parts[0] === l) at = starts.get(l);
      else {
        // A longer literal occurs only where its atoms all do: else its own occurrences, overlapping ones included.
        if (parts?.some((p) => !starts.has(p))) continue;
        at = [];
        for (let i = text.indexOf(l); i >= 0; i = text.indexOf(l, i + 1)) at.push(i);
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

  private compute(text: string): (literal: string) => boolean {
    const found = new Set<string>();
    if (this.atoms.length > 0) {
      const re = this.pattern;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        found.add(m[0]);
        if (found.size === this.atoms.length) break;
        // Atoms may overlap ("ssl" inside "xssl_"): resume one character on, not after the match.
        re.lastIndex = m.index + 1;
      }
    }
    const memo = new Map<string, boolean>();
    return (literal) => {
      let hit = memo.get(literal);
      if (hit === undefined) {
        const parts = this.parts.get(literal);
        if (!parts) hit = text.includes(literal);
        else if (parts.length === 1 && parts[0] === literal) hit = found.has(literal);
        else hit = parts.every((p) => found.has(p)) && text.includes(literal);
        memo.set(literal, hit);
      }
      return hit;
    };
  }
}
