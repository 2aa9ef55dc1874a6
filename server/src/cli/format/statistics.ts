// `--statistics`: how many findings each rule and detector gave, most first (like `ruff --statistics`);
// `[*]` marks a detector whose findings a safe fix resolves, `[-]` one with only unsafe fixes.
import type { OutFinding } from '../scan';

export interface StatisticsRow {
  count: number;
  rule: string;
  detector: string;
  /** How many of them have a safe fix, and how many only an unsafe one. */
  fixable: number;
  unsafeFixable: number;
}

export function statistics(findings: OutFinding[]): StatisticsRow[] {
  const rows = new Map<string, StatisticsRow>();
  for (const f of findings) {
    const key = `${f.rule}\0${f.detector}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { count: 0, rule: f.rule, detector: f.detector, fixable: 0, unsafeFixable: 0 }));
    row.count++;
    if (f.fixes.some((x) => x.safety === 'safe')) row.fixable++;
    else if (f.fixes.some((x) => x.safety === 'unsafe')) row.unsafeFixable++;
  }
  return [...rows.values()].sort(
    (a, b) => b.count - a.count || a.rule.localeCompare(b.rule) || a.detector.localeCompare(b.detector),
  );
}

export function formatStatistics(findings: OutFinding[], json: boolean): string {
  const rows = statistics(findings);
  if (json) return JSON.stringify(rows, null, 2) + '\n';
  if (rows.length === 0) return '';
  const cw = Math.max(...rows.map((r) => String(r.count).length));
  const rw = Math.max(...rows.map((r) => r.rule.length));
  const dw = Math.max(...rows.map((r) => r.detector.length));
  return rows
    .map((r) => {
      const mark = r.fixable ? '[*]' : r.unsafeFixable ? '[-]' : '   ';
      return `${String(r.count).padStart(cw)}  ${r.rule.padEnd(rw)}  ${r.detector.padEnd(dw)}  ${mark}`.trimEnd();
    })
    .join('\n')
    .concat('\n');
}
