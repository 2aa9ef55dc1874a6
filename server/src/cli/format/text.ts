// Text output: `path:line:col  severity  rule-id  message` per finding, with a source frame under it
// (`--format concise`: the one line only), then a summary line.
import type { Severity } from '../../engine/types';
import type { OutFinding } from '../scan';
import { sourceFrame, type Paint } from './frame';
import type { ScanSummary } from './json';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m' };
const RESET = '\x1b[0m';
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const BLUE = '\x1b[34m';
const CYAN = '\x1b[36m';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The findings, one per line (paths as given: the caller decides relative to what). */
export function formatText(
  findings: OutFinding[],
  summary: ScanSummary,
  opts: { color: boolean; quiet: boolean; fix: boolean; unsafeFixes?: boolean; concise?: boolean },
): string {
  const c = (code: string, s: string) => (opts.color ? code + s + RESET : s);
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(
      `${c(BOLD, `${f.path}:${f.cell !== undefined ? `cell ${f.cell}:` : ''}${f.line}:${f.column}`)}  ${c(COLORS[f.severity], f.severity)}  ${c(DIM, f.rule)}  ${f.message}`,
    );
    if (opts.concise) continue;
    const paint: Paint = {
      gutter: (s) => c(BLUE, s),
      caret: (s) => c(COLORS[f.severity], s),
      hint: (s) => c(CYAN, s),
    };
    lines.push(...sourceFrame(f, paint, { unsafeFixes: !!opts.unsafeFixes }), '');
  }
  if (!opts.quiet) lines.push(summaryLine(findings, summary, opts));
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Findings a safe fix would fix, and those only an unsafe fix would (ruff's "hidden fixes"). */
export function fixableCounts(findings: OutFinding[]): { safe: number; unsafeOnly: number } {
  let safe = 0;
  let unsafeOnly = 0;
  for (const f of findings) {
    if (f.fixes.some((x) => x.safety === 'safe')) safe++;
    else if (f.fixes.some((x) => x.safety === 'unsafe')) unsafeOnly++;
  }
  return { safe, unsafeOnly };
}

export function summaryLine(
  findings: OutFinding[],
  summary: ScanSummary,
  opts: { color: boolean; fix: boolean; unsafeFixes?: boolean },
): string {
  const by: Record<Severity, number> = { error: 0, warning: 0, information: 0 };
  for (const f of findings) by[f.severity]++;
  const parts: string[] = [];
  if (summary.fixed) parts.push(`fixed ${plural(summary.fixed, 'finding')}`);
  const detail = (['error', 'warning', 'information'] as const)
    .filter((s) => by[s] > 0)
    .map((s) => (s === 'information' ? `${by[s]} information` : plural(by[s], s)));
  const what = findings.length === 0 ? 'no findings' : `${plural(findings.length, 'finding')} (${detail.join(', ')})`;
  parts.push(
    `${parts.length ? what : what.charAt(0).toUpperCase() + what.slice(1)} in ${plural(summary.files, 'file')}`,
  );
  if (summary.skipped) parts.push(`${summary.skipped} skipped`);
  if (summary.baselined) parts.push(`${summary.baselined} in the baseline`);
  if (summary.suppressed && summary.suppressed > (summary.baselined ?? 0))
    parts.push(`${summary.suppressed - (summary.baselined ?? 0)} suppressed`);
  const { safe, unsafeOnly } = fixableCounts(findings);
  if (safe && !opts.fix) parts.push(`${safe} fixable with --fix`);
  if (unsafeOnly && !opts.unsafeFixes)
    parts.push(
      `${unsafeOnly} ${safe && !opts.fix ? 'more ' : ''}fixable with ${opts.fix ? '' : '--fix '}--unsafe-fixes`,
    );
  let line = parts.join(', ');
  line = line.charAt(0).toUpperCase() + line.slice(1) + '.';
  const color = by.error ? COLORS.error : by.warning ? COLORS.warning : '\x1b[32m';
  return opts.color ? color + line + RESET : line;
}
