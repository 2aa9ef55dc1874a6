// Jupyter notebooks (.ipynb), pure: the code cells of a notebook's JSON text become one Python document
// (cells in order, so an import in cell 1 resolves a call in cell 5), with a map back to cells and to
// lines of the JSON file, and fixed code goes back into the JSON text with every other byte kept.
// No I/O: the CLI reads and writes the file; the language server can reuse the same mapping.
//
// IPython syntax that is not Python is masked, line for line, so positions on other lines never move:
// line magics (`%time f()`), shell escapes (`!pip install x`, `files = !ls`), help (`obj?`) become `pass`
// plus a marker comment; a cell whose first line is a cell magic (`%%bash`, `%%writefile`) is not Python
// and is left out, except `%%time`/`%%timeit`/`%%capture`, whose body is Python.

import { lastAtMost } from './text';

/** Cell magics whose body is Python (linted); every other `%%magic` cell is skipped. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);
const MASK_MARKER = '# tlslint-ipython-line-';
const CELL_SEPARATOR = '# tlslint-notebook-cell ';

export interface NotebookCell {
  /** 1-based among code cells (as ruff numbers them). */
  number: number;
  /** Index in the notebook's `cells` array. */
  index: number;
  source: string;
  /** The `source` value's span in the JSON text ([start, end) offsets). */
  valueStart: number;
  valueEnd: number;
  /** 1-based lines of the JSON file holding each source line (for SARIF regions). */
  fileLines: number[];
  /** Skipped (a non-Python cell magic). */
  skipped: boolean;
}

export interface NotebookDocument {
  /** The code cells, as Python, one after the other with a separator comment line between them. */
  text: string;
  cells: NotebookCell[];
  /** For each line of `text` (0-based): the cell (index into `cells`) and the line in it (0-based), or -1 for separators. */
  lineMap: { cell: number; line: number }[];
  /** The masked IPython lines, by marker number, to restore after fixing. */
  masked: string[];
}

export class NotebookError extends Error {}

// ---- A small JSON reader that keeps the spans of values (only what the mapping needs) ----

interface Span {
  start: number;
  end: number;
  value: unknown;
  /** For objects: member spans; for arrays: element spans. */
  members?: Map<string, Span>;
  elements?: Span[];
}

function parseWithSpans(text: string): Span {
  let i = 0;
  const fail = (what: string): never => {
    throw new NotebookError(`not valid JSON: ${what} at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const value = (): Span => {
    ws();
    const start = i;
    const ch = text[i];
    if (ch === '{') {
      i++;
      const members = new Map<string, Span>();
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return { start, end: i, value: obj, members };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a member name');
        const key = value().value as string;
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        const v = value();
        members.set(key, v);
        obj[key] = v.value;
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { start, end: i, value: obj, members };
        }
        fail("expected ',' or '}'");
      }
    }
    if (ch === '[') {
      i++;
      const elements: Span[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { start, end: i, value: [], elements };
      }
      for (;;) {
        elements.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { start, end: i, value: elements.map((e) => e.value), elements };
        }
        fail("expected ',' or ']'");
      }
    }
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) fail('unterminated string');
      i++;
      return { start, end: i, value: JSON.parse(text.slice(start, i)) as string };
    }
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail('unexpected character');
    i += m![0].length;
    return { start, end: i, value: JSON.parse(m![0]) as unknown };
  };
  const root = value();
  ws();
  if (i !== text.length) fail('trailing characters');
  return root;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOfOffset(starts: number[], offset: number): number {
  return lastAtMost(starts, offset) + 1;
}

/** The notebook's language (from its metadata; nbformat's default is Python). */
export function notebookLanguage(nb: unknown): string {
  const meta = (nb as { metadata?: Record<string, unknown> })?.metadata ?? {};
  const info = meta.language_info as { name?: unknown } | undefined;
  const spec = meta.kernelspec as { language?: unknown } | undefined;
  const name = typeof info?.name === 'string' ? info.name : typeof spec?.language === 'string' ? spec.language : '';
  return name ? name.toLowerCase() : 'python';
}

/** An IPython-only line (masked), given the statement text without indentation. */
function isIPythonLine(code: string): boolean {
  if (/^[%!]/.test(code)) return true;
  // `files = !ls`, `x = %env HOME`
  if (/^[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*[%!]/.test(code)) return true;
  // `obj?`, `obj??`, `?obj` (help), but not a comment
  return /^\?/.test(code) || (/^[\w.]+\?\??\s*$/.test(code) && !code.startsWith('#'));
}

/**
 * Reads the code cells of a notebook's JSON text. Throws NotebookError for text that is not a notebook
 * (invalid JSON, no `cells` list); `language` says whether it is Python (other kernels are not linted).
 */
export function readNotebook(json: string): NotebookDocument & { language: string } {
  const root = parseWithSpans(json.charCodeAt(0) === 0xfeff ? ' ' + json.slice(1) : json);
  const cellsSpan = root.members?.get('cells');
  if (!cellsSpan?.elements) throw new NotebookError('not a Jupyter notebook: no "cells" list');
  const starts = lineStarts(json);
  const cells: NotebookCell[] = [];
  const lines: string[] = [];
  const lineMap: NotebookDocument['lineMap'] = [];
  const masked: string[] = [];
  let number = 0;
  cellsSpan.elements.forEach((cellSpan, index) => {
    const cell = cellSpan.value as { cell_type?: unknown; source?: unknown };
    if (cell?.cell_type !== 'code') return;
    number++;
    const src = cellSpan.members?.get('source');
    if (!src) return;
    let source: string;
    const fileLines: number[] = [];
    if (typeof src.value === 'string') {
      source = src.value;
      const n = source.split('\n').length;
      for (let k = 0; k < n; k++) fileLines.push(lineOfOffset(starts, src.start));
    } else if (Array.isArray(src.value) && src.elements && src.value.every((s) => typeof s === 'string')) {
      source = src.value.join('');
      // Each element is one line (nbformat splits after "\n"); a line holding several is rare.
      for (const el of src.elements) {
        const n = Math.max(1, (el.value as string).split('\n').length - ((el.value as string).endsWith('\n') ? 1 : 0));
        for (let k = 0; k < n; k++) fileLines.push(lineOfOffset(starts, el.start));
      }
    } else return;
    const cellLines = source.split('\n');
    const first = cellLines[0].trim();
    const magic = /^%%(\w+)/.exec(first);
    const skipped = !!magic && !PYTHON_CELL_MAGICS.has(magic[1]);
    const at = cells.length;
    cells.push({ number, index, source, valueStart: src.start, valueEnd: src.end, fileLines, skipped });
    if (skipped) return;
    if (lines.length) {
      lines.push(`${CELL_SEPARATOR}${number}`);
      lineMap.push({ cell: -1, line: -1 });
    }
    cellLines.forEach((text, line) => {
      const indent = /^[ \t]*/.exec(text)![0];
      const code = text.slice(indent.length);
      if ((line === 0 && magic) || isIPythonLine(code)) {
        lines.push(`${indent}pass  ${MASK_MARKER}${masked.length}`);
        masked.push(text);
      } else {
        lines.push(text);
      }
      lineMap.push({ cell: at, line });
    });
  });
  return {
    text: lines.join('\n'),
    cells,
    lineMap,
    masked,
    language: notebookLanguage(root.value),
  };
}

/** Where a 0-based line of the document is: the cell (1-based number), its 0-based line, the JSON file's 1-based line. */
export function locate(
  doc: NotebookDocument,
  line: number,
): { cell: number; line: number; fileLine: number } | undefined {
  const m = doc.lineMap[line];
  if (!m || m.cell < 0) return undefined;
  const cell = doc.cells[m.cell];
  return { cell: cell.number, line: m.line, fileLine: cell.fileLines[Math.min(m.line, cell.fileLines.length - 1)] };
}

/** Splits a source into nbformat's list of lines (each but the last keeps its "\n"). */
function splitSource(source: string): string[] {
  const parts = source.split(/(?<=\n)/);
  return parts.length && parts[parts.length - 1] === '' ? parts.slice(0, -1) : parts;
}

/** A cell's new `source` value, written in the style of the old one (a string, or a list one line per row). */
function renderSource(json: string, cell: NotebookCell, source: string): string {
  const old = json.slice(cell.valueStart, cell.valueEnd);
  if (old.startsWith('"')) return JSON.stringify(source);
  const items = splitSource(source).map((s) => JSON.stringify(s));
  if (items.length === 0) return '[]';
  const inner = /^\[(\s*)/.exec(old)![1];
  if (!inner.includes('\n')) return `[${items.join(', ')}]`;
  // The blanks before the closing bracket, found without a regex (an anchored \s* backtracks on long runs).
  let k = old.length - 1;
  while (k > 0 && /\s/.test(old[k - 1])) k--;
  const closing = old.slice(k, old.length - 1);
  return `[${inner}${items.join(`,${inner}`)}${closing}]`;
}

/**
 * Puts the fixed document back into the notebook's JSON text: only the `source` values of changed cells
 * are rewritten (in their old style), every other byte is kept. Throws NotebookError when the fixed
 * document no longer splits into the same cells, or the result does not parse back to the same notebook
 * with the new sources.
 */
export function applyToNotebook(json: string, doc: NotebookDocument, fixed: string): string {
  const linted = doc.cells.filter((c) => !c.skipped);
  const parts: string[][] = [[]];
  for (const line of fixed.split('\n')) {
    if (line.startsWith(CELL_SEPARATOR)) parts.push([]);
    else parts[parts.length - 1].push(line);
  }
  if (parts.length !== linted.length) throw new NotebookError('the fixed code no longer splits into the same cells');
  const sources = parts.map((cellLines) =>
    cellLines
      .map((l) => {
        const m = new RegExp(`^[ \\t]*pass  ${MASK_MARKER}(\\d+)$`).exec(l);
        return m ? doc.masked[Number(m[1])] : l;
      })
      .join('\n'),
  );
  if (sources.some((s) => s.includes(MASK_MARKER) || s.includes(CELL_SEPARATOR)))
    throw new NotebookError('a fix touched a masked IPython line');
  // From the end, so earlier offsets stay valid.
  let out = json;
  for (let k = linted.length - 1; k >= 0; k--) {
    const cell = linted[k];
    if (sources[k] === cell.source) continue;
    out = out.slice(0, cell.valueStart) + renderSource(json, cell, sources[k]) + out.slice(cell.valueEnd);
  }
  // The re-parse check: same notebook, the new sources in place, nothing else changed.
  const before = JSON.parse(json.replace(/^\uFEFF/, '')) as { cells: { source: unknown }[] };
  const after = JSON.parse(out.replace(/^\uFEFF/, '')) as { cells: { source: unknown }[] };
  const changed = new Map(linted.map((c, k) => [c.index, sources[k]]));
  if (after.cells.length !== before.cells.length) throw new NotebookError('cells lost while writing the fix');
  if (JSON.stringify({ ...after, cells: [] }) !== JSON.stringify({ ...before, cells: [] }))
    throw new NotebookError('notebook metadata did not round-trip');
  after.cells.forEach((c, index) => {
    const src = Array.isArray(c.source) ? (c.source as string[]).join('') : c.source;
    const want = changed.get(index);
    const old = before.cells[index];
    if (want !== undefined ? src !== want : JSON.stringify(c) !== JSON.stringify(old))
      throw new NotebookError(`cell ${index + 1} did not round-trip`);
  });
  return out;
}
