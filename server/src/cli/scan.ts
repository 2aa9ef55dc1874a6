// Lints one file for the CLI (main thread or worker): read, lint, optionally fix and write back, and
// convert offsets to 1-based line/column at the edge. Reports are plain data, so workers can post them.
import * as fs from 'fs';
import * as path from 'path';
import { fixAll } from '../engine/fix';
import { lint } from '../engine/lint';
import { NodeTypeMemory } from '../engine/node-index';
import type { Grammars } from '../engine/parser';
import { LineIndex } from '../engine/text';
import { CLI_BUDGET_MS, type Finding, type LanguageId, type LintSettings, type Severity } from '../engine/types';
import { writeFileAtomic } from '../host/atomic';
import { encodeSource, notWritableReason, readSourceFileSync } from '../host/files';
import { byteTestFor } from '../host/prefilter';
import { fastLanguageOf } from '../host/walk';
import { DISK, SummaryStore, dependencyFiles } from '../host/workspace-index';
import type { DependencyState, TextScreen } from '../engine/workspace';

export interface OutEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
  /** In a notebook: the code cell (1-based) the lines are in. */
  cell?: number;
}

export interface OutFix {
  title: string;
  safety: 'safe' | 'unsafe';
  edits: OutEdit[];
}

/** A finding at the edge: 1-based lines, 1-based UTF-16 columns (end exclusive). */
export interface OutFinding {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: Severity;
  message: string;
  detector: string;
  fixes: OutFix[];
  suppression?: { kind: string; justification: string };
  /** `opt-in`: on a path a caller's flag selects (rules.md §Intent). */
  kind?: 'opt-in';
  /**
   * Related locations (1-based), e.g. an opt-in path's controlling flag; `path` (relative to the scan
   * root, like the finding's) when it is in another file: an imported constant's definition.
   */
  related?: { path?: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
  /** The trimmed text of the first line, for SARIF fingerprints. */
  lineText: string;
  /** In a notebook: the code cell (1-based); `line`/`endLine` count within it. */
  cell?: number;
  /** In a notebook: the 1-based lines of the .ipynb file holding the first and last line (for SARIF). */
  fileLine?: number;
  fileEndLine?: number;
  /**
   * The flagged line with its nearest non-blank neighbours, whitespace-collapsed: what baseline and SARIF
   * fingerprints hash, so they survive lines moving.
   */
  context: string;
  /** The lines the finding spans, untrimmed (at most FRAME_LINES), for the text output's source frame. */
  source: string[];
}

/** Lines of a finding's span kept for its source frame (a longer span shows its first lines). */
export const FRAME_LINES = 6;

export interface FileReport {
  /** Absolute path (or the stdin file name). */
  abs: string;
  /** Path relative to the scan root, with forward slashes. */
  path: string;
  findings: OutFinding[];
  suppressed: OutFinding[];
  errors: string[];
  syntaxErrors: boolean;
  skipped?: { reason: string; message: string };
  /** Not decoded nor parsed: its bytes hold none of the engine's tokens (it counts as scanned, clean). */
  untouched?: boolean;
  /** Fixes applied and written (with --fix). */
  fixed?: number | undefined;
  /** The fixed text, for --fix on standard input and for --diff. */
  fixedText?: string;
  /** With --diff: the text as read, when fixing would change it. */
  originalText?: string;
  fixError?: string;
  /** What the user must see even without --verbose (a lossy decode). */
  warnings?: string[];
  /** Other files' summaries the findings rest on (engine/workspace), for the cache. */
  dependsOn?: DependencyState[];
}

export interface ScanSettings {
  settings: LintSettings;
  maxBytes: number;
  fix: boolean;
  unsafeFixes: boolean;
  /** Per-file time budget in ms (`--time-budget`; default CLI_BUDGET_MS, 0 = none). */
  budgetMs?: number | undefined;
  /** With `fix`: real paths of the roots named; a link out of them is not written through. */
  fixRoots?: string[] | undefined;
  /**
   * The path the engine sees (test-file detection, path-decided languages), relative to the project
   * folder of the file's configuration, so the result never depends on the working folder; default `rel`.
   */
  enginePath?: string | undefined;
  /** `--diff`: compute the fixes but write nothing; the report carries the text before and after. */
  diff?: boolean;
  /** Name each clean file to the pool's `onClean` (for the cache) instead of only counting them. */
  listClean?: boolean;
}

/** Where a path the engine named in another file's summary is, relative to the scan root like `rel`. */
function relatedPath(abs: string, rel: string, enginePath: string, other: string): string {
  const target = dependencyFiles(abs, enginePath, [{ path: other }])[0];
  const root = path.resolve(
    path.dirname(abs),
    ...rel
      .split('/')
      .slice(0, -1)
      .map(() => '..'),
  );
  return path.relative(root, target).split(path.sep).join('/');
}

function convert(
  f: Finding,
  rel: string,
  lines: LineIndex,
  text: string,
  elsewhere: (p: string) => string = (p) => p,
): OutFinding {
  /** 1-based line and column of both ends of an offset range. */
  const span = (start: number, end: number) => {
    const a = lines.positionAt(start);
    const b = lines.positionAt(end);
    return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
  };
  const at = span(f.start, f.end);
  return {
    path: rel,
    ...at,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    detector: f.detector,
    fixes: f.fixes.map((x) => ({
      title: x.title,
      safety: x.safety,
      edits: x.edits.map((ed) => ({ ...span(ed.start, ed.end), newText: ed.newText })),
    })),
    ...(f.suppression ? { suppression: { kind: f.suppression.kind, justification: f.suppression.justification } } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.related?.length
      ? {
          related: f.related.map((r) =>
            r.file
              ? {
                  // In another file: its place there, from its summary.
                  path: elsewhere(r.file.path),
                  line: r.file.line + 1,
                  column: r.file.character + 1,
                  endLine: r.file.endLine + 1,
                  endColumn: r.file.endCharacter + 1,
                  message: r.message,
                }
              : { ...span(r.start, r.end), message: r.message },
          ),
        }
      : {}),
    lineText: text.slice(lines.lineStart(at.line - 1), lines.lineEnd(at.line - 1)).trim(),
    source: spanLines(text, lines, at.line - 1, Math.min(at.endLine - 1, at.line - 1 + FRAME_LINES - 1)),
    context: neighbourhood(text, lines, at.line - 1),
  };
}

function withWarning(report: FileReport, warning: string | undefined): FileReport {
  if (warning) report.warnings = [...(report.warnings ?? []), warning];
  return report;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ');

/** The line, the nearest non-blank line above and below (within 5 lines), each whitespace-collapsed. */
function neighbourhood(text: string, lines: LineIndex, line: number): string {
  const at = (l: number) => norm(text.slice(lines.lineStart(l), lines.lineEnd(l)));
  const near = (step: number) => {
    for (let l = line + step, n = 0; l >= 0 && l < lines.lineCount && n < 5; l += step, n++) {
      const t = at(l);
      if (t) return t;
    }
    return '';
  };
  return [near(-1), at(line), near(1)].join('\n');
}

function spanLines(text: string, lines: LineIndex, first: number, last: number): string[] {
  const out: string[] = [];
  for (let l = first; l <= last; l++) out.push(text.slice(lines.lineStart(l), lines.lineEnd(l)).replace(/\r$/, ''));
  return out;
}

/** Whether every line break of the text is CRLF (so inserted LFs must become CRLF too). */
function allCrlf(text: string): boolean {
  return text.includes('\r\n') && !/(?<!\r)\n/.test(text);
}

/** The node types this process's lints asked for: each later file fetches them in one query (speed only). */
const nodeTypes = new NodeTypeMemory();

/** Lints already-decoded text (a file's or standard input's). */
export function lintText(
  text: string,
  abs: string,
  rel: string,
  grammars: Grammars,
  opts: ScanSettings,
  language?: LanguageId,
): FileReport {
  const enginePath = opts.enginePath ?? rel;
  const result = storeFor(grammars).lintWithIndex(abs, enginePath, (index) =>
    lint(
      {
        text,
        path: enginePath,
        settings: opts.settings,
        budgetMs: opts.budgetMs ?? CLI_BUDGET_MS,
        nodeTypes,
        index,
        ...(language ? { language } : {}),
      },
      grammars,
    ),
  );
  if (result.abandoned) {
    // Over its time budget: the file counts as skipped, with the engine's "abandoned after N ms" as the reason.
    return {
      abs,
      path: rel,
      findings: [],
      suppressed: [],
      errors: [],
      syntaxErrors: false,
      skipped: { reason: 'time-budget', message: result.errors[0]?.message ?? 'time budget exceeded' },
    };
  }
  // Most files have no finding: build the line index only when one needs positions.
  const lines =
    result.findings.length || result.suppressed.length ? new LineIndex(text) : (undefined as unknown as LineIndex);
  const elsewhere = (p: string) => relatedPath(abs, rel, enginePath, p);
  return {
    abs,
    path: rel,
    findings: result.findings.map((f) => convert(f, rel, lines, text, elsewhere)),
    suppressed: result.suppressed.map((f) => convert(f, rel, lines, text, elsewhere)),
    errors: result.errors.map((e) => e.message),
    syntaxErrors: result.syntaxErrors,
    ...(result.dependsOn?.length ? { dependsOn: result.dependsOn } : {}),
  };
}

/** Per thread and grammars, the other files' summaries (read once per run). */
const stores = new WeakMap<Grammars, SummaryStore>();
function storeFor(grammars: Grammars): SummaryStore {
  let s = stores.get(grammars);
  // One pass: nothing is re-linted when a file changes, so the store remembers no dependents.
  if (!s) stores.set(grammars, (s = new SummaryStore(grammars, DISK, false)));
  return s;
}

/** The text screens this thread's store made since the last call (LintPool shares them between threads). */
export function takeScreens(grammars: Grammars): [string, TextScreen][] {
  return storeFor(grammars).takeScreens();
}

/** Screens another thread made of the same files (`takeScreens`). */
export function addScreens(grammars: Grammars, entries: readonly [string, TextScreen][]): void {
  storeFor(grammars).addScreens(entries);
}

/** Applies fixes to text; the result keeps CRLF line breaks when the input used them throughout. */
export function fixText(
  text: string,
  rel: string,
  grammars: Grammars,
  opts: ScanSettings,
  language?: LanguageId,
): { text: string; applied: number } {
  const r = fixAll(
    {
      text,
      path: opts.enginePath ?? rel,
      settings: opts.settings,
      budgetMs: opts.budgetMs ?? CLI_BUDGET_MS,
      ...(language ? { language } : {}),
    },
    grammars,
    { unsafe: opts.unsafeFixes },
  );
  let out = r.text;
  if (out !== text && allCrlf(text)) out = out.replace(/(?<!\r)\n/g, '\r\n');
  return { text: out, applied: out === text ? 0 : r.applied };
}

export function wantsFix(report: FileReport, unsafe: boolean): boolean {
  return report.findings.some((f) => f.fixes.some((x) => x.safety === 'safe' || unsafe));
}

/** Whether a report carries nothing but "scanned, clean" (workers send only a count for those). */
export function isClean(r: FileReport): boolean {
  return (
    r.findings.length === 0 &&
    r.suppressed.length === 0 &&
    r.errors.length === 0 &&
    !r.syntaxErrors &&
    !r.skipped &&
    !r.fixed &&
    r.fixError === undefined &&
    r.fixedText === undefined &&
    r.originalText === undefined
  );
}

/** A report with no finding: the base of every skip, error and untouched file. */
export function emptyReport(abs: string, rel: string, extra: Partial<FileReport> = {}): FileReport {
  return { abs, path: rel, findings: [], suppressed: [], errors: [], syntaxErrors: false, ...extra };
}

type ReadText = Extract<ReturnType<typeof readSourceFileSync>, { text: string }>;

/**
 * Reads a file and lints its text. Never throws. `read` is set when the report is a lint of the text
 * (not a skip, an untouched file or an engine error). The raw bytes go through the engine's byte
 * pre-filter first: a file without any of its tokens is neither decoded nor parsed.
 */
function readAndLint(
  abs: string,
  rel: string,
  grammars: Grammars,
  opts: ScanSettings,
  language: LanguageId | undefined,
): { report: FileReport; read?: ReadText } {
  const read = readSourceFileSync(abs, opts.maxBytes, language ? byteTestFor(language, opts.settings) : undefined);
  if (!read.ok) return { report: emptyReport(abs, rel, { skipped: { reason: read.reason, message: read.message } }) };
  if (read.untouched) return { report: emptyReport(abs, rel, { untouched: true }) };
  try {
    return { report: withWarning(lintText(read.text, abs, rel, grammars, opts, language), read.warning), read };
  } catch (e) {
    return { report: emptyReport(abs, rel, { errors: [`lint failed: ${(e as Error).message}`] }) };
  }
}

/** Reads and lints one file, synchronously (no fixing). Never throws. */
export function lintFileSync(
  abs: string,
  rel: string,
  grammars: Grammars,
  opts: ScanSettings,
  language = fastLanguageOf(opts.enginePath ?? rel),
): FileReport {
  return readAndLint(abs, rel, grammars, opts, language).report;
}

/**
 * The last step of --fix and --diff, for a source file or a notebook: with --diff the report carries
 * the text before and after; else the fixed text is written atomically, only if the file still holds
 * what was read (same stat, same bytes), within the roots named. Returns whether it was written.
 */
export async function writeFixed(
  report: FileReport,
  abs: string,
  opts: ScanSettings,
  before: fs.Stats | undefined,
  change: { original: string; fixed: string; applied: number; encode(text: string): Buffer },
): Promise<boolean> {
  if (opts.diff) {
    report.originalText = change.original;
    report.fixedText = change.fixed;
    report.fixed = change.applied;
    return false;
  }
  await writeFileAtomic(abs, change.encode(change.fixed), {
    expectedContent: change.encode(change.original),
    ...(opts.fixRoots ? { within: opts.fixRoots } : {}),
    ...(before ? { expectedMtimeMs: before.mtimeMs, expectedSize: before.size } : {}),
  });
  return true;
}

/** Reads, lints and (with `fix`) fixes one file. Never throws. */
export async function processFile(
  abs: string,
  rel: string,
  grammars: Grammars,
  opts: ScanSettings,
): Promise<FileReport> {
  const language = fastLanguageOf(opts.enginePath ?? rel);
  if (!opts.fix && !opts.diff) return lintFileSync(abs, rel, grammars, opts, language);
  const before = await fs.promises.stat(abs).catch(() => undefined);
  // Synchronous read: see readSourceFileSync. A file without tokens has nothing to fix either.
  const { report, read } = readAndLint(abs, rel, grammars, opts, language);
  if (!read || !wantsFix(report, opts.unsafeFixes)) return report;
  // A lossily decoded file is never written back: the U+FFFD would replace the bytes it stood for.
  const unwritable = notWritableReason(read);
  if (unwritable) {
    report.fixError = unwritable;
    return report;
  }
  try {
    const fixed = fixText(read.text, rel, grammars, opts, language);
    if (fixed.applied === 0) return report;
    // Written back in the encoding it was read in.
    const encode = (text: string) => encodeSource(text, read.bom, read.encoding);
    const written = await writeFixed(report, abs, opts, before, {
      original: read.text,
      fixed: fixed.text,
      applied: fixed.applied,
      encode,
    });
    if (!written) return report;
    const after = withWarning(lintText(fixed.text, abs, rel, grammars, opts, language), read.warning);
    after.fixed = fixed.applied;
    return after;
  } catch (e) {
    report.fixError = (e as Error).message;
    return report;
  }
}
