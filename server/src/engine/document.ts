// An open document the engine keeps in step with an editor: its text, its tree (edited with each change
// and reparsed incrementally), and its last findings, reused when a change cannot alter them. The
// language server holds these and converts positions; everything tree-sitter stays in the engine.
import type { Node, Tree } from 'web-tree-sitter';
import { LANGUAGES, languageOf, type GrammarName } from './languages';
import { beginLint, copyFinding, finishLint, runDetectors, withBudget, type Detected, type File } from './lint';
import { NodeTypeMemory } from './node-index';
import type { WorkspaceIndex } from './workspace';
export { NodeTypeMemory };
import { BudgetExceeded, Deadline, parse, type Grammars } from './parser';
import { DETECTORS } from './registry';
import { DEFAULT_SETTINGS, type Detector, type LanguageId, type LintResult, type LintSettings } from './types';

/** One change: text[start, end) of the text before the change becomes `text` (UTF-16 offsets). */
export interface DocumentChange {
  start: number;
  end: number;
  text: string;
}

export interface DocumentLintOptions {
  /** The path the settings and test-file mode see (defaults to the path the document was opened with). */
  path?: string | undefined;
  settings?: LintSettings | undefined;
  /** The time budget of this lint in ms (parse included); none by default. */
  budgetMs?: number | undefined;
  /** False: run the detectors even when the last findings could be reused (benchmarks compare both). */
  reuse?: boolean;
  /** Other files' summaries (engine/workspace); findings are reused only under the same index object. */
  index?: WorkspaceIndex;
}

/** A number per index object, for the reuse key (an index is never changed once handed to a lint). */
const indexStamps = new WeakMap<WorkspaceIndex, number>();
let nextStamp = 1;
function stampOf(index: WorkspaceIndex | undefined): number {
  if (!index) return 0;
  let s = indexStamps.get(index);
  if (s === undefined) indexStamps.set(index, (s = nextStamp++));
  return s;
}

interface Shift {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** What the last lint found, for reuse while only inert changes follow it. */
interface Reusable {
  key: string;
  detected: Detected;
  testFile: boolean;
  hasDirectives: boolean;
  /** Per finding (suppressed ones included), the whole lines its range and fix edits span. */
  hulls: { start: number; end: number }[];
  /** Whether that lint parsed the tree (its syntax-error flag and directives came from it). */
  treeUsed: boolean;
}

/**
 * Node types whose text is content (strings, comments, heredocs, preprocessor bodies): whitespace
 * inside them is not between tokens.
 */
const CONTENT = /string|comment|heredoc|nowdoc|template|regex|preproc|raw|ERROR|MISSING|^text$|jsx_text/;

function shiftOffset(o: number, s: Shift): number {
  return o <= s.start ? o : o >= s.oldEnd ? o + (s.newEnd - s.oldEnd) : s.newEnd;
}

function pointOf(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** An open document. Create with `openDocument`; free with `dispose` (its tree lives in wasm memory). */
export class LintDocument {
  private current: string;
  private tree: Tree | undefined;
  private treeGrammar: GrammarName | undefined;
  /** Whether the tree was edited since it was parsed (positions are right; the text is not reparsed). */
  private treeStale = false;
  private reusable: Reusable | undefined;
  /** Inert changes since `reusable` was computed, in order. */
  private shifts: Shift[] = [];
  private readonly nodeTypes: NodeTypeMemory;
  private readonly ownsNodeTypes: boolean;
  private disposed = false;

  /** `nodeTypes`: a memory shared by the host's documents (speed only); by default the document's own. */
  constructor(
    text: string,
    readonly path: string,
    readonly languageId: string | undefined,
    private readonly detectors: readonly Detector[] = DETECTORS,
    nodeTypes?: NodeTypeMemory,
  ) {
    this.current = text;
    this.ownsNodeTypes = !nodeTypes;
    this.nodeTypes = nodeTypes ?? new NodeTypeMemory();
  }

  /** Whether the document holds a parse tree (wasm memory) now. */
  get holdsTree(): boolean {
    return this.tree !== undefined;
  }

  /**
   * Frees the parse tree to save memory (a host with many open documents keeps trees for the recently
   * edited ones only); the next lint parses afresh.
   */
  releaseTree(): void {
    this.dropTree();
  }

  get text(): string {
    return this.current;
  }

  /** The language the document is linted as (by its path, then the editor's language id). */
  languageFor(path = this.path): LanguageId | undefined {
    return languageOf(path, this.languageId, this.current);
  }

  /** Applies one change; offsets are into the text before it. Throws RangeError for a change outside it. */
  applyChange(change: DocumentChange): void {
    const old = this.current;
    const { start, end, text } = change;
    if (!(start >= 0 && start <= end && end <= old.length)) throw new RangeError('change outside the document');
    const inert = this.reusable !== undefined && this.isInert(old, start, end, text);
    if (!inert) this.reusable = undefined;
    const shift = { start, oldEnd: end, newEnd: start + text.length };
    if (inert) this.shifts.push(shift);
    this.current = old.slice(0, start) + text + old.slice(end);
    if (this.tree) {
      try {
        const startPosition = pointOf(old, start);
        const oldEndPosition = pointOf(old, end);
        const inserted = pointOf(text, text.length);
        const newEndPosition =
          inserted.row === 0
            ? { row: startPosition.row, column: startPosition.column + inserted.column }
            : { row: startPosition.row + inserted.row, column: inserted.column };
        this.tree.edit({
          startIndex: start,
          oldEndIndex: end,
          newEndIndex: shift.newEnd,
          startPosition,
          oldEndPosition,
          newEndPosition,
        } as Parameters<Tree['edit']>[0]);
        this.treeStale = true;
      } catch {
        this.dropTree();
      }
    }
  }

  /** Replaces the whole text (a change without a range): nothing is reused. */
  setText(text: string): void {
    this.current = text;
    this.reusable = undefined;
    this.shifts = [];
    this.dropTree();
  }

  /**
   * Whether a change leaves every token and every finding as it was: whitespace typed or deleted at a
   * line's end (after its last token, not after a line continuation), outside strings, comments and
   * the lines of any finding or fix. Such a change needs neither a detector run nor a reparse.
   */
  private isInert(old: string, start: number, end: number, text: string): boolean {
    const removed = old.slice(start, end);
    if (!/^[ \t]*$/.test(removed) || !/^[ \t]*$/.test(text) || (removed === '' && text === '')) return false;
    const lineStart = old.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = old.indexOf('\n', end);
    if (lineEnd < 0) lineEnd = old.length;
    // Trailing blanks are skipped by hand: /[ \t]+$/ backtracks quadratically on a long blank run.
    let kept = start;
    while (kept > lineStart && (old[kept - 1] === ' ' || old[kept - 1] === '\t')) kept--;
    const before = old.slice(lineStart, kept);
    if (before === '' || before.endsWith('\\')) return false;
    if (!/^[ \t]*\r?$/.test(old.slice(end, lineEnd))) return false;
    const r = this.reusable!;
    for (const h of r.hulls) if (h.start <= end && start <= h.end) return false;
    // Without a tree nothing tells a token from content (and the formats without a grammar, such as
    // .env values, can end in meaningful whitespace).
    const tree = this.tree;
    if (!tree) return false;
    for (let n: Node | null = tree.rootNode.descendantForIndex(start, end); n; n = n.parent) {
      if (CONTENT.test(n.type) && n.startIndex < start && n.endIndex >= start) return false;
    }
    return true;
  }

  /**
   * Lints the current text. Reuses the last findings (shifted) when only inert changes came since;
   * otherwise reparses incrementally and runs the detectors. Never throws for bad input.
   */
  lint(grammars: Grammars, options: DocumentLintOptions = {}): LintResult {
    if (this.disposed) throw new Error('document disposed');
    const path = options.path ?? this.path;
    const settings = options.settings ?? DEFAULT_SETTINGS;
    const input = {
      text: this.current,
      path,
      languageId: this.languageId,
      settings,
      budgetMs: options.budgetMs,
      index: options.index,
    };
    const deadline = Deadline.after(options.budgetMs);
    const key = `${path}\0${JSON.stringify(settings)}\0${stampOf(options.index)}`;
    let file: File | undefined;
    try {
      return withBudget(input, () => {
        const language = languageOf(path, this.languageId, this.current);
        const grammar = language ? LANGUAGES[language].grammar : undefined;
        if (grammar !== this.treeGrammar) this.dropTree();
        const reuse = options.reuse !== false && this.reusable?.key === key ? this.reusable : undefined;
        const begun = beginLint(input, grammars, this.detectors, deadline, this.nodeTypes, () =>
          reuse?.treeUsed ? this.tree : this.reparse(grammars, grammar, deadline),
        );
        if ('result' in begun) {
          // Nothing can be reported: the tree is not kept up to date for nothing.
          this.dropTree();
          this.reusable = undefined;
          this.shifts = [];
          return begun.result;
        }
        file = begun.file;
        let detected: Detected;
        if (reuse && reuse.testFile === begun.testFile && reuse.hasDirectives === begun.hasDirectives) {
          detected = this.shifted(reuse);
          // The tree (edited by the inert changes only) tells syntax errors as the reparsed one would.
          if (reuse.treeUsed) void begun.file.tree;
        } else {
          this.reusable = undefined;
          detected = runDetectors(begun.file, begun.active, begun.testFile);
        }
        const result = finishLint(begun.file, detected, begun.testFile, begun.hasDirectives);
        this.remember(key, detected, begun, result);
        return result;
      });
    } finally {
      file?.dispose();
    }
  }

  /** The tree of the current text: the kept tree reparsed incrementally, or a fresh parse. */
  private reparse(grammars: Grammars, grammar: GrammarName | undefined, deadline: Deadline): Tree | undefined {
    if (!grammar) return undefined;
    if (this.tree && !this.treeStale) return this.tree;
    const lang = grammars.get(grammar);
    if (!lang) return undefined;
    const tree = parse(lang, this.current, this.tree, deadline);
    // Cancelled at the deadline: the edited tree stays for the next attempt.
    if (!tree) throw new BudgetExceeded('time budget exceeded while parsing');
    this.tree?.delete();
    this.tree = tree;
    this.treeGrammar = grammar;
    this.treeStale = false;
    return tree;
  }

  /** The reused findings moved by the inert changes since they were found. */
  private shifted(r: Reusable): Detected {
    if (this.shifts.length === 0) return r.detected;
    const shifts = this.shifts;
    const move = (o: number) => shifts.reduce(shiftOffset, o);
    return { raw: r.detected.raw.map((f) => copyFinding(f, move)), errors: r.detected.errors };
  }

  private remember(
    key: string,
    detected: Detected,
    begun: { file: File; testFile: boolean; hasDirectives: boolean },
    result: LintResult,
  ): void {
    const text = this.current;
    const hulls: { start: number; end: number }[] = [];
    for (const f of [...detected.raw, ...result.findings]) {
      let lo = f.start;
      let hi = f.end;
      for (const fix of f.fixes)
        for (const e of fix.edits) {
          lo = Math.min(lo, e.start);
          hi = Math.max(hi, e.end);
        }
      const end = text.indexOf('\n', hi);
      hulls.push({ start: text.lastIndexOf('\n', lo - 1) + 1, end: end < 0 ? text.length : end });
    }
    this.reusable = {
      key,
      detected,
      testFile: begun.testFile,
      hasDirectives: begun.hasDirectives,
      hulls,
      treeUsed: begun.file.parsedTree !== undefined,
    };
    this.shifts = [];
  }

  private dropTree(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.treeGrammar = undefined;
    this.treeStale = false;
  }

  /** Frees the tree and the compiled queries. */
  dispose(): void {
    this.disposed = true;
    this.dropTree();
    if (this.ownsNodeTypes) this.nodeTypes.dispose();
    this.reusable = undefined;
  }
}

/** Opens a document at `path` (its language from the path, then the editor's language id). */
export function openDocument(
  text: string,
  path: string,
  languageId?: string,
  detectors: readonly Detector[] = DETECTORS,
  nodeTypes?: NodeTypeMemory,
): LintDocument {
  return new LintDocument(text, path, languageId, detectors, nodeTypes);
}
