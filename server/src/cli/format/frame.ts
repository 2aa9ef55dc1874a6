// The text output's source frame under a finding (as ruff and rustc print them): the flagged line(s)
// with a gutter of line numbers, a caret underline, and the fix as a hint.
//
//    |
//  7 |     requests.get(u, verify=False)
//    |                     ^^^^^^^^^^^^
//    = fix available: Verify certificates (verify=True)
import type { OutFinding } from '../scan';
import { lastAtMost } from '../../engine/text';
import { clusterWidth, clusters } from './width';

export interface Paint {
  gutter(s: string): string;
  caret(s: string): string;
  hint(s: string): string;
}

export const NO_PAINT: Paint = { gutter: (s) => s, caret: (s) => s, hint: (s) => s };

/** Columns shown of a long line (minified code): a window around the finding, in UTF-16 units. */
const WINDOW = 120;
const TAB = '    ';

/** A control character other than a tab, shown as its Unicode control picture (never sent to the terminal). */
function shown(cluster: string): string {
  if (cluster === '\t') return TAB;
  // eslint-disable-next-line no-control-regex
  return cluster.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, (ch) =>
    String.fromCharCode(ch === '\u007f' ? 0x2421 : 0x2400 + ch.charCodeAt(0)),
  );
}

/**
 * One line for display: tabs expanded, control characters made visible, and a window when it is long.
 * `col` turns a UTF-16 column of the line into a terminal column of `text` (wide characters and emoji
 * take two, combining marks none); inside a grapheme cluster it rounds down, or up with `end`.
 */
function display(line: string, from: number, to: number): { text: string; col(c: number, end?: boolean): number } {
  let start = 0;
  let end = line.length;
  if (line.length > WINDOW) {
    start = Math.max(0, Math.min(from - 40, line.length - WINDOW));
    end = Math.min(line.length, start + WINDOW);
    if (to > end && from >= start) end = Math.min(line.length, Math.max(end, from + 1));
  }
  const parts = clusters(line.slice(start, end));
  // A window edge may split a cluster; the cut part is shown as it is.
  const pre = start > 0 ? '…' : '';
  const post = end < line.length ? '…' : '';
  /** Cluster starts (UTF-16, within the slice) and the terminal column before each, plus the end. */
  const offsets: number[] = [];
  const cols: number[] = [];
  let text = pre;
  let w = pre.length;
  for (const { index, segment } of parts) {
    offsets.push(index);
    cols.push(w);
    const s = shown(segment);
    text += s;
    w += segment === '\t' ? TAB.length : s === segment ? clusterWidth(segment) : s.length;
  }
  offsets.push(end - start);
  cols.push(w);
  text += post;
  return {
    text,
    col: (c, roundUp = false) => {
      const at = Math.max(0, Math.min(c - start, end - start));
      // The last cluster starting at or before `at`.
      const lo = lastAtMost(offsets, at);
      return roundUp && offsets[lo] < at ? cols[lo + 1] : cols[lo];
    },
  };
}

/** How the finding's first fix is offered, given what this run applies. */
export function fixHint(f: OutFinding, unsafeFixes: boolean): string | undefined {
  const safe = f.fixes.find((x) => x.safety === 'safe');
  if (safe) return `fix available: ${safe.title}`;
  const unsafe = f.fixes.find((x) => x.safety === 'unsafe');
  if (!unsafe) return undefined;
  return unsafeFixes
    ? `(unsafe) fix available: ${unsafe.title}`
    : `(unsafe) fix available with --unsafe-fixes: ${unsafe.title}`;
}

/** The frame's lines (without a trailing newline), or none when the source is unknown. */
export function sourceFrame(f: OutFinding, paint: Paint, opts: { unsafeFixes: boolean }): string[] {
  if (!f.source || f.source.length === 0) return [];
  const lastShown = f.line + f.source.length - 1;
  const width = String(lastShown).length;
  const pad = ' '.repeat(width);
  const out = [paint.gutter(`${pad} |`)];
  f.source.forEach((text, i) => {
    const lineNo = f.line + i;
    const from = i === 0 ? f.column - 1 : (/^\s*/.exec(text)?.[0].length ?? 0);
    const to = lineNo === f.endLine ? f.endColumn - 1 : text.length;
    const d = display(text, from, to);
    out.push(`${paint.gutter(`${String(lineNo).padStart(width)} |`)} ${d.text}`.trimEnd());
    const a = d.col(from);
    const b = Math.max(d.col(to, true), a + 1);
    out.push(`${paint.gutter(`${pad} |`)} ${' '.repeat(a)}${paint.caret('^'.repeat(b - a))}`);
  });
  if (f.endLine > lastShown) out.push(paint.gutter(`${pad} | …`));
  const hint = fixHint(f, opts.unsafeFixes);
  if (hint) out.push(`${paint.gutter(`${pad} =`)} ${paint.hint(hint)}`);
  return out;
}
