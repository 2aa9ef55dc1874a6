// "Did you mean …?" for a mistyped flag, command or rule id: the closest known name by edit distance.

/** Levenshtein distance (insertions, deletions, substitutions; an adjacent swap counts as one). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate within a third of the word's length (at least 2 edits), or a prefix match. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dist = editDistance(w, c.toLowerCase());
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  if (best !== undefined && bestD <= Math.max(2, Math.floor(w.replace(/^-+/, '').length / 3))) return best;
  // `--unsafe` for `--unsafe-fixes`, `cert` for `cert-verification-disabled`.
  const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(w) && w.replace(/^-+/, '').length >= 3);
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `; did you mean 'x'?` or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  return c && c !== word ? `; did you mean '${c}'?` : '';
}
