// Offset <-> line/column conversion. The engine works in UTF-16 offsets; the edges convert.

/** 0-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

/** The index of the last element of an ascending array that is at most `value` (0 when none is): a binary search. */
export function lastAtMost(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // Line feeds only (most texts): found by indexOf, not a character at a time (a keystroke's lint of a
      // 5,000-line file built this in 1-4 ms).
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The end of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtMost(this.starts, offset);
    return { line, character: offset - this.starts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  lineOf(offset: number): number {
    return this.positionAt(offset).line;
  }
}

/** The line break the text mostly uses, for edits that insert lines. */
export function lineBreakOf(text: string): string {
  const crlf = text.indexOf('\r\n');
  const lf = text.indexOf('\n');
  return crlf >= 0 && crlf < lf ? '\r\n' : '\n';
}

/**
 * The text of an indented template literal: drops the line break after the opening backtick and the
 * indentation before the closing one, then the indentation all non-blank lines share. Lets examples
 * and docs be written as code at the indentation of the object that holds them.
 */
export function dedent(text: string): string {
  let s = text.startsWith('\n') ? text.slice(1) : text;
  const lastBreak = s.lastIndexOf('\n');
  if (lastBreak >= 0 && /^[ \t]*$/.test(s.slice(lastBreak + 1))) s = s.slice(0, lastBreak + 1);
  const lines = s.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(common, /^ */.exec(l)?.[0].length ?? 0))).join('\n');
}

/**
 * A tag for prose written as a wrapped, indented template literal: lines join with one space and
 * blank lines keep paragraphs, so rule text reads in the source and renders as one line per paragraph.
 */
export function prose(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = dedent(strings.reduce((out, s, i) => out + String(values[i - 1]) + s));
  return text
    .trim()
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .join(' '),
    )
    .join('\n\n');
}

/** The leading blanks of the line that holds `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let end = lineStart;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(lineStart, end);
}

/** Whether a qualified name is one of `patterns` (`requests.get`, or `requests.api.*` for a module). */
export function matchesApi(name: string | undefined, patterns: readonly string[]): boolean {
  if (!name) return false;
  return patterns.some((p) => (p.endsWith('.*') ? name.startsWith(p.slice(0, -1)) : name === p));
}
