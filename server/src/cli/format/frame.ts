// The text output's source frame under a finding (as ruff and rustc print them): the flagged line(s)
// with a gutter of line numbers, a caret underline, and the fix as a hint.
//
//    |
//  7 |     requests.get(u, verify=False)
//    |                     ^^^^^^^^^^^^
//    = fix available: Verify certificates (verify=True)
import type { OutFinding } from '../scan';

export interface Paint {
  gutter(s: string): string;
  caret(s: string): string;
  hint(s: string): string;
}

export const NO_PAINT: Paint = { gutter: (s) => s, caret: (s) => s, hint: (s) => s };

/** Columns shown of a long line (minified code): a window around the finding. */
const WINDOW = 120;
const TAB = '    ';

/** One line for display: tabs expanded, and a window when it is long; `map` turns a column into a display column. */
function display(line: string, from: number, to: number): { text: string; col(c: number): number } {
  let start = 0;
  let end = line.length;
  if (line.length > WINDOW) {
    start = Math.max(0, Math.min(from - 40, line.length - WINDOW));
    end = Math.min(line.length, start + WINDOW);
    if (to > end && from >= start) end = Math.min(line.length, Math.max(end, from + 1));
  }
  const pre = start > 0 ? '…' : '';
  const post = end < line.length ? '…' : '';
  const slice = line.slice(start, end);
  const widths: number[] = [0];
  let w = 0;
  for (const ch of slice) {
    w += ch === '\t' ? TAB.length : 1;
    // Surrogate pairs take two UTF-16 units and one column.
    for (let i = 0; i < ch.length; i++) widths.push(i === ch.length - 1 ? w : widths[widths.length - 1]);
  }
  return {
    text: pre + slice.replace(/\t/g, TAB) + post,
    col: (c) => pre.length + widths[Math.max(0, Math.min(c - start, slice.length))],
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
    const b = Math.max(d.col(to), a + 1);
    out.push(`${paint.gutter(`${pad} |`)} ${' '.repeat(a)}${paint.caret('^'.repeat(b - a))}`);
  });
  if (f.endLine > lastShown) out.push(paint.gutter(`${pad} | …`));
  const hint = fixHint(f, opts.unsafeFixes);
  if (hint) out.push(`${paint.gutter(`${pad} =`)} ${paint.hint(hint)}`);
  return out;
}
