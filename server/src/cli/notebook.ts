// Jupyter notebooks in the CLI: read the .ipynb, lint its Python code cells as one document
// (engine/notebook.ts does the mapping), report findings by cell, and with --fix write the fixed cells
// back into the JSON (atomically, re-parsed, every other byte kept).
import * as fs from 'fs';
import { NotebookError, applyToNotebook, locate, readNotebook, type NotebookDocument } from '../engine/notebook';
import type { Grammars } from '../engine/parser';
import { encodeSource, readSourceFileSync } from '../host/files';
import {
  emptyReport,
  fixText,
  lintText,
  wantsFix,
  writeFixed,
  type FileReport,
  type OutFinding,
  type ScanSettings,
} from './scan';

export function isNotebookPath(p: string): boolean {
  return /\.ipynb$/i.test(p);
}

/** Notebooks carry outputs (images, tables): the size cap applies to their code, and the file may be larger. */
const NOTEBOOK_FILE_CAP = 64 * 1024 * 1024;

/** Rewrites a finding's document lines into its cell's lines. */
function remap(f: OutFinding, doc: NotebookDocument): OutFinding {
  const a = locate(doc, f.line - 1);
  const b = locate(doc, f.endLine - 1) ?? a;
  if (!a || !b) return f;
  return {
    ...f,
    cell: a.cell,
    line: a.line + 1,
    endLine: b.cell === a.cell ? b.line + 1 : a.line + 1,
    endColumn: b.cell === a.cell ? f.endColumn : f.column + 1,
    fileLine: a.fileLine,
    fileEndLine: b.fileLine,
    source: f.source.slice(0, b.cell === a.cell ? undefined : 1),
    fixes: f.fixes.map((x) => ({
      ...x,
      edits: x.edits.map((e) => {
        const s = locate(doc, e.line - 1);
        const t = locate(doc, e.endLine - 1);
        return s && t ? { ...e, line: s.line + 1, endLine: t.line + 1, cell: s.cell } : e;
      }),
    })),
  };
}

/** Lints a notebook's JSON text; `doc` is undefined when the report is a skip. */
export function lintNotebookText(
  json: string,
  abs: string,
  rel: string,
  grammars: Grammars,
  opts: ScanSettings,
): { report: FileReport; doc?: NotebookDocument } {
  let doc: ReturnType<typeof readNotebook>;
  try {
    doc = readNotebook(json);
  } catch (e) {
    if (e instanceof NotebookError || e instanceof SyntaxError)
      return { report: emptyReport(abs, rel, { skipped: { reason: 'invalid-notebook', message: e.message } }) };
    throw e;
  }
  if (doc.language !== 'python')
    return {
      report: emptyReport(abs, rel, {
        skipped: { reason: 'unsupported', message: `notebook language is ${doc.language}` },
      }),
    };
  if (doc.text.length > opts.maxBytes) {
    const message = `notebook code is ${doc.text.length} characters, over the ${opts.maxBytes}-byte cap`;
    return { report: emptyReport(abs, rel, { skipped: { reason: 'too-large', message } }) };
  }
  const r = lintText(doc.text, abs, rel, grammars, opts, 'python');
  r.findings = r.findings.map((f) => remap(f, doc));
  r.suppressed = r.suppressed.map((f) => remap(f, doc));
  return { report: r, doc };
}

/** The notebook's JSON with fixes applied, or undefined when nothing changes. Throws NotebookError. */
export function fixNotebookText(
  json: string,
  doc: NotebookDocument,
  rel: string,
  grammars: Grammars,
  opts: ScanSettings,
): { json: string; applied: number } | undefined {
  const fixed = fixText(doc.text, rel, grammars, opts, 'python');
  if (fixed.applied === 0 || fixed.text === doc.text) return undefined;
  return { json: applyToNotebook(json, doc, fixed.text), applied: fixed.applied };
}

/** Reads, lints and (with `fix`) fixes one notebook. Never throws. */
export async function processNotebook(
  abs: string,
  rel: string,
  grammars: Grammars,
  opts: ScanSettings,
): Promise<FileReport> {
  const before = opts.fix ? await fs.promises.stat(abs).catch(() => undefined) : undefined;
  const read = readSourceFileSync(abs, Math.max(opts.maxBytes, NOTEBOOK_FILE_CAP));
  if (!read.ok) return emptyReport(abs, rel, { skipped: { reason: read.reason, message: read.message } });
  let linted: ReturnType<typeof lintNotebookText>;
  try {
    linted = lintNotebookText(read.text, abs, rel, grammars, opts);
  } catch (e) {
    return emptyReport(abs, rel, { errors: [`lint failed: ${(e as Error).message}`] });
  }
  const { report, doc } = linted;
  if (!doc || !opts.fix || !wantsFix(report, opts.unsafeFixes)) return report;
  try {
    const fixed = fixNotebookText(read.text, doc, rel, grammars, opts);
    if (!fixed) return report;
    const encode = (text: string) => encodeSource(text, read.bom);
    const change = { original: read.text, fixed: fixed.json, applied: fixed.applied, encode };
    if (!(await writeFixed(report, abs, opts, before, change))) return report;
    const after = lintNotebookText(fixed.json, abs, rel, grammars, opts).report;
    after.fixed = fixed.applied;
    return after;
  } catch (e) {
    report.fixError = (e as Error).message;
    return report;
  }
}

/** A notebook on standard input: linted; with --fix the fixed JSON is `fixedText`, with --diff both texts are kept. */
export function processNotebookText(
  json: string,
  abs: string,
  rel: string,
  grammars: Grammars,
  opts: ScanSettings,
): FileReport {
  const { report, doc } = lintNotebookText(json, abs, rel, grammars, opts);
  if (!doc || !opts.fix) return report;
  let fixed: ReturnType<typeof fixNotebookText>;
  try {
    fixed = fixNotebookText(json, doc, rel, grammars, opts);
  } catch (e) {
    report.fixError = (e as Error).message;
    if (!opts.diff) report.fixedText = json;
    return report;
  }
  if (opts.diff) {
    if (fixed) Object.assign(report, { originalText: json, fixedText: fixed.json, fixed: fixed.applied });
    return report;
  }
  if (!fixed) return { ...report, fixed: 0, fixedText: json };
  const after = lintNotebookText(fixed.json, abs, rel, grammars, opts).report;
  return { ...after, fixed: fixed.applied, fixedText: fixed.json };
}
