// Ignore patterns come from the workspace (.gitignore, .tlslintignore, a .tlslint.json's `ignore`, the
// editor's settings): hostile input. node-ignore turns every `**` between two segments into a
// backtracking loop over path segments, so one pattern with several (`**/a/**/a/**/b`) took minutes on
// one deep path and hung the walk. Such patterns are dropped and reported (the files they would have
// ignored are linted: the safe side for a security linter), and the walker stops at MAX_WALK_DEPTH.

/** `**` between segments a pattern may hold: one costs a loop over the path's segments, two a loop in a loop. */
export const MAX_INNER_GLOBSTARS = 1;
/** Folders deeper than this below a walk root are not entered (and are reported). */
export const MAX_WALK_DEPTH = 128;

/** The `**` of a pattern that are neither leading (`**\/x`) nor trailing (`x/**`). */
export function innerGlobstars(pattern: string): number {
  let p = pattern.trim();
  if (p.startsWith('!')) p = p.slice(1);
  p = p.replace(/^\/?(?:\*\*\/)+/, '').replace(/(?:\/\*\*)+\/?$/, '');
  return (p.match(/\*\*/g) ?? []).length;
}

/** Whether node-ignore can match the pattern in time linear-ish in the path's depth. */
export function isSafeIgnorePattern(pattern: string): boolean {
  return innerGlobstars(pattern) <= MAX_INNER_GLOBSTARS;
}

/** Splits patterns into those kept and those dropped as too costly to match. */
export function guardPatterns(patterns: readonly string[]): { kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const p of patterns) (isSafeIgnorePattern(p) ? kept : dropped).push(p);
  return { kept, dropped };
}

/** The text of an ignore file without its costly patterns (comments and blank lines are kept as they are). */
export function guardIgnoreText(text: string): { text: string; dropped: string[] } {
  const dropped: string[] = [];
  const lines = text.split(/\r?\n/).filter((line) => {
    if (line.startsWith('#') || isSafeIgnorePattern(line)) return true;
    dropped.push(line.trim());
    return false;
  });
  return { text: dropped.length ? lines.join('\n') : text, dropped };
}
