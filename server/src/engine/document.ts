// An open document the engine keeps in step with an editor: its text, its tree (edited with each change
// and reparsed incrementally), and its last findings, reused when a change cannot alter them or when
// the text comes back to one linted before (undo, redo, a typo deleted). The
// language server holds these and converts positions; everything tree-sitter stays in the engine.
import type { Node, Tree } from 'web-tree-sitter';
import { LANGUAGES, languageOf, type GrammarName } from './languages';
import {
  beginLint,
  copyFinding,
  detectorLiterals,
  finishLint,
  runDetectors,
  withBudget,
  type Detected,
  type File,
} from './lint';
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

/** What a lint found, for reuse while only inert changes follow it, or when its text comes back. */
interface Reusable {
  /** The text it linted (the same string object as the document's text then: no copy is made). */
  text: string;
  key: string;
  detected: Detected;
  testFile: boolean;
  hasDirectives: boolean;
  /** Per finding (suppressed ones included), the whole lines its range and fix edits span. */
  hulls: { start: number; end: number }[];
  /** Whether that lint parsed the tree (its syntax-error flag and directives came from it). */
  treeUsed: boolean;
  /** Whether a finding's message (or fix title) names a line (`(line 12)`): then no change may move lines. */
  namesLines: boolean;
  /**
   * The whole result (a copy): what a text that comes back is answered with, and what the detectors read
   * besides findings (a manifest's parse failure, the other files asked for and used).
   */
  result: LintResult;
}

/** Languages whose grammars ignore blank lines between statements (and whose detectors read no line numbers). */
const BLANK_LINES_IGNORED = new Set<LanguageId>([
  'python',
  'javascript',
  'typescript',
  'tsx',
  'go',
  'java',
  'c',
  'cpp',
  'csharp',
  'rust',
]);

/** Node types that are lists of statements (or declarations), whose children blank lines may separate. */
const STATEMENT_LISTS =
  /^(module|block|program|statement_block|class_body|source_file|statement_list|translation_unit|compound_statement|compilation_unit|declaration_list|interface_body|enum_body|constructor_body|field_declaration_list)$/;

/** A line number in a message. */
const LINE_NUMBER = /\blines? \d/;

/**
 * Python's compound statements: the smallest node around two tokens on different lines is one of these
 * only between its header and its body, between its clauses, or between a decorator and its definition
 * (a header cannot go on over a line outside brackets, and inside brackets the brackets hold both).
 */
const PYTHON_COMPOUND =
  /^(function_definition|class_definition|decorated_definition|if_statement|elif_clause|else_clause|for_statement|while_statement|try_statement|except_clause|except_group_clause|finally_clause|with_statement|match_statement|case_clause)$/;

/** How many earlier lints a document remembers for texts that come back (each holds its text and findings). */
const HISTORY = 4;

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

/** The pre-filter literals of Python's detectors (and `tlslint`), per detector list. */
const proseLiteralSets = new WeakMap<readonly Detector[], string[]>();

function proseLiterals(detectors: readonly Detector[]): string[] {
  let list = proseLiteralSets.get(detectors);
  if (!list) proseLiteralSets.set(detectors, (list = ['tlslint', ...detectorLiterals('python', detectors)]));
  return list;
}

/**
 * The regular expressions Python's model and detectors run over a whole file's text (engine/languages/python
 * model.ts `definedHere` and `starSources`, the `socket` and `verify` checks of ssl-wrap-socket and
 * requests-verify, the fresh names of their fixes, suppressions): a change inside a comment or docstring
 * is inert only if they match the same around it.
 */
const WHOLE_TEXT_SCANS = [
  /\b(?:for|as|global)\s+[\w$]+/g,
  /^[ \t]*(?:def|class|async[ \t]+def)[ \t]+[\w$]+/gm,
  /from\s+socket\s+import/g,
  /['"]verify['"]/g,
  /\bssl_context\w*/g,
  /import[\s\\]*\*/g,
  /tlslint/gi,
];

function scanned(text: string): string {
  // What they decide depends on what matches, not where: `definedHere` and the others test the whole text.
  return WHOLE_TEXT_SCANS.map((re) => [...text.matchAll(re)].map((m) => m[0]).join('\n')).join('\0');
}

/** How far a match of WHOLE_TEXT_SCANS may reach: 8 runs of blanks or non-blanks back from `at`, to a line start. */
function runsBefore(text: string, at: number): number {
  let i = at;
  for (let k = 0; k < 8 && i > 0; k++) {
    const blank = /\s/.test(text[i - 1]);
    while (i > 0 && /\s/.test(text[i - 1]) === blank) i--;
  }
  return text.lastIndexOf('\n', i - 1) + 1;
}

/** As `runsBefore`, forward from `at`, to a line end. */
function runsAfter(text: string, at: number): number {
  let i = at;
  for (let k = 0; k < 8 && i < text.length; k++) {
    const blank = /\s/.test(text[i]);
    while (i < text.length && /\s/.test(text[i]) === blank) i++;
  }
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

/** An open document. Create with `openDocument`; free with `dispose` (its tree lives in wasm memory). */
export class LintDocument {
  private current: string;
  private tree: Tree | undefined;
  private treeGrammar: GrammarName | undefined;
  /** Whether the tree was edited since it was parsed (positions are right; the text is not reparsed). */
  private treeStale = false;
  /**
   * Whether the tree's structure is that of the current text: only inert changes were applied to it since
   * it was parsed. A text answered from an earlier lint leaves it behind until the next reparse.
   */
  private treeSynced = true;
  private reusable: Reusable | undefined;
  /**
   * The last few lints, most recent last: when an edit puts back a text linted before (undo, redo, a
   * typo typed and deleted), its findings are that lint's. Findings are a function of the text, the
   * path, the settings and the index (the key), so this reuse needs no reasoning about the edit.
   */
  private history: Reusable[] = [];
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
   * edited ones only), and the lints of earlier texts; the next lint parses afresh.
   */
  releaseTree(): void {
    this.dropTree();
    // Nor does it keep earlier texts: only a lint of the text it holds now stays.
    this.history = this.history.filter((h) => h.text === this.current);
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
    const inert = this.reusable !== undefined && this.treeSynced && this.isInert(old, start, end, text);
    if (!inert) {
      this.reusable = undefined;
      this.treeSynced = false;
    }
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

  /** A remembered lint of exactly the current text under this key (undo, redo, a typo deleted). */
  private linted(key: string): Reusable | undefined {
    const text = this.current;
    for (let i = this.history.length - 1; i >= 0; i--) {
      const h = this.history[i];
      if (h.key === key && h.text.length === text.length && h.text === text) return h;
    }
    return undefined;
  }

  /**
   * Whether a change leaves every token and every finding as it was, so it needs neither a detector run
   * nor a reparse: whitespace typed or deleted at a line's end (`atLineEnd`), or blank lines added or
   * removed between statements (`blankLines`), away from the lines of any finding or fix.
   */
  private isInert(old: string, start: number, end: number, text: string): boolean {
    const removed = old.slice(start, end);
    if (removed === '' && text === '') return false;
    // Without a tree nothing tells a token from content (and the formats without a grammar, such as
    // .env values, can end in meaningful whitespace).
    const tree = this.tree;
    if (!tree || !this.reusable) return false;
    if (/^[ \t]*$/.test(removed) && /^[ \t]*$/.test(text)) {
      if (this.atLineEnd(tree, old, start, end)) return true;
    } else if (/^[ \t\r\n]*$/.test(removed) && /^[ \t\r\n]*$/.test(text)) {
      if (this.blankLines(tree, old, start, end, text)) return true;
    }
    return this.languageFor() === 'python' && this.inPythonProse(tree, old, start, end, text);
  }

  /**
   * Text typed or deleted inside a Python comment or docstring that stands between statements (a comment
   * line, a comment after a statement, a bare triple-quoted string), where no detector reads it: the
   * change leaves the token a comment (no line break) or the same string (no quote or backslash, none
   * next to it), no pre-filter literal appears in or leaves it, and no text scan a detector makes over
   * the whole file (`for NAME`, `def NAME`, `from socket import`, `'verify'`, `ssl_context`, `import *`,
   * suppressions) matches differently around it. Not on the first line (a shebang), not near the lines of
   * a finding or fix, and, for a docstring gaining or losing lines, not while a message names a line.
   */
  private inPythonProse(tree: Tree, old: string, start: number, end: number, text: string): boolean {
    const removed = old.slice(start, end);
    // Non-ASCII text switches the model's identifier patterns (engine/languages/python/model.ts).
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(removed + text)) return false;
    const firstBreak = old.indexOf('\n');
    if (firstBreak < 0 || start <= firstBreak) return false;
    const lineStart = old.lastIndexOf('\n', start - 1) + 1;
    const nl = old.indexOf('\n', end);
    const lineEnd = nl < 0 ? old.length : nl;
    if (this.touchesFinding(lineStart, lineEnd)) return false;
    const root = tree.rootNode;
    const between = (n: Node | null) => n?.parent?.type === 'block' || n?.parent?.type === 'module';
    // The comment or string the change lies in.
    let content: { start: number; end: number; docstring: boolean } | undefined;
    if (!/[\r\n]/.test(removed + text)) {
      // A comment runs from its `#` to the line's end, whatever an earlier inert change left the tree's range at.
      let q = start;
      while (q > lineStart && (old[q - 1] === ' ' || old[q - 1] === '\t')) q--;
      let n = q > lineStart ? root.descendantForIndex(q - 1, q) : null;
      if (n?.type !== 'comment') {
        const hash = old.indexOf('#', lineStart);
        n = hash >= 0 && hash < start ? root.descendantForIndex(hash, hash + 1) : null;
      }
      // Its parent a statement list, or a compound statement whose clause it starts (before the block's first
      // statement): never inside an expression, where a detector's climb from a word could reach a node.
      let holder = n?.parent;
      while (holder && PYTHON_COMPOUND.test(holder.type)) holder = holder.parent;
      const standalone = !!holder && (holder.type === 'block' || holder.type === 'module');
      if (n?.type === 'comment' && standalone && n.startIndex >= lineStart && n.startIndex < start)
        content = { start: n.startIndex, end: lineEnd, docstring: false };
    }
    if (!content) {
      let n: Node | null = root.descendantForIndex(start, Math.max(start, end));
      while (n && /^(string_start|string_content|string_end|escape_sequence)$/.test(n.type)) n = n.parent;
      if (n?.type !== 'string' || !between(n.parent) || n.parent!.namedChildCount !== 1) return false;
      const delimiter = old.slice(n.startIndex, n.startIndex + 3);
      if (delimiter !== '"""' && delimiter !== "'''") return false;
      if (start < n.startIndex + 3 || end > n.endIndex - 3) return false;
      if (/["'\\]/.test(removed + text) || /["'\\]/.test((old[start - 1] ?? '') + (old[end] ?? ''))) return false;
      if (/\n/.test(removed + text) && this.reusable!.namesLines) return false;
      if (n.namedChildren.some((c) => c?.type === 'interpolation')) return false;
      content = { start: n.startIndex, end: n.endIndex, docstring: true };
    }
    // The pre-filter literals in the comment or string: the same before and after.
    const literals = proseLiterals(this.detectors);
    const after = old.slice(content.start, start) + text + old.slice(end, content.end);
    const before = old.slice(content.start, content.end);
    const had = literals.filter((l) => before.includes(l));
    const has = literals.filter((l) => after.includes(l));
    if (had.join('\0') !== has.join('\0')) return false;
    // A docstring is a statement: one that holds a literal is left to the detectors.
    if (content.docstring && had.length > 0) return false;
    // The whole-file text scans: the same matches around the change.
    const from = runsBefore(old, start);
    const to = runsAfter(old, end);
    return scanned(old.slice(from, to)) === scanned(old.slice(from, start) + text + old.slice(end, to));
  }

  /** Whether any finding or fix of the reusable lint spans the offsets [lo, hi] of the current text. */
  private touchesFinding(lo: number, hi: number): boolean {
    // The hulls are offsets into the text of that lint: moved by the inert changes since, as its findings are.
    const shifts = this.shifts;
    const move = (o: number) => shifts.reduce(shiftOffset, o);
    return this.reusable!.hulls.some((h) => move(h.start) <= hi && lo <= move(h.end));
  }

  /**
   * Whitespace typed or deleted at a line's end (after its last token, not after a line continuation),
   * outside strings, comments and the lines of any finding or fix.
   */
  private atLineEnd(tree: Tree, old: string, start: number, end: number): boolean {
    const lineStart = old.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = old.indexOf('\n', end);
    if (lineEnd < 0) lineEnd = old.length;
    // Trailing blanks are skipped by hand: /[ \t]+$/ backtracks quadratically on a long blank run.
    let kept = start;
    while (kept > lineStart && (old[kept - 1] === ' ' || old[kept - 1] === '\t')) kept--;
    const before = old.slice(lineStart, kept);
    if (before === '' || before.endsWith('\\')) return false;
    if (!/^[ \t]*\r?$/.test(old.slice(end, lineEnd))) return false;
    if (this.touchesFinding(start, end)) return false;
    for (let n: Node | null = tree.rootNode.descendantForIndex(start, end); n; n = n.parent) {
      if (CONTENT.test(n.type) && n.startIndex < start && n.endIndex >= start) return false;
    }
    return true;
  }

  /**
   * Blank lines added or removed (Enter at a line's end, an empty line deleted): every line with a
   * token keeps its text, and the blank lines lie between two statements of one statement list, in a
   * language whose grammar ignores blank lines there. Not next to a comment (a comment describes the
   * code right below it, and a Go build constraint needs the blank line after it), not after a line
   * continuation, not near a finding's lines, and not while a finding's message names a line number
   * (every line below moves).
   */
  private blankLines(tree: Tree, old: string, start: number, end: number, text: string): boolean {
    const language = this.languageFor();
    if (!language || !BLANK_LINES_IGNORED.has(language) || this.reusable!.namesLines) return false;
    const lineStart = old.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = old.indexOf('\n', end);
    if (lineEnd < 0) lineEnd = old.length;
    const tokenLines = (s: string) => s.split('\n').filter((l) => /\S/.test(l));
    const before = tokenLines(old.slice(lineStart, lineEnd));
    const after = tokenLines(old.slice(lineStart, start) + text + old.slice(end, lineEnd));
    if (before.length !== after.length || before.some((l, i) => l !== after[i])) return false;
    // The tokens on either side: the last before the change and the first after it.
    let r = start - 1;
    while (r >= 0 && /\s/.test(old[r])) r--;
    let q = end;
    while (q < old.length && /\s/.test(old[q])) q++;
    if (r >= 0 && old[r] === '\\') return false;
    const root = tree.rootNode;
    for (const at of [r, q]) {
      if (at < 0 || at >= old.length) continue;
      for (let n: Node | null = root.descendantForIndex(at, at + 1); n; n = n.parent)
        if (/comment/.test(n.type)) return false;
    }
    const lo = r < 0 ? 0 : old.lastIndexOf('\n', r) + 1;
    const next = q >= old.length ? -1 : old.indexOf('\n', q);
    const hi = next < 0 ? old.length : next;
    if (this.touchesFinding(lo, hi)) return false;
    // The smallest node holding both tokens must be a statement list (or, in Python, a compound statement:
    // the blank lines then lie between its header, clauses and body): no simple statement or expression
    // holds them, so a detector reading the text of a call, an assignment or a name never sees them.
    const holder = r < 0 || q >= old.length ? root : root.descendantForIndex(r, q + 1);
    if (!holder) return false;
    return STATEMENT_LISTS.test(holder.type) || (language === 'python' && PYTHON_COMPOUND.test(holder.type));
  }

  /**
   * Lints the current text. Answers a text linted before from that lint (no parse); reuses the last
   * findings (shifted) when only inert changes came since; otherwise reparses incrementally and runs the
   * detectors. Never throws for bad input.
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
        const allowed = options.reuse !== false;
        const again = allowed ? this.linted(key) : undefined;
        if (again) {
          // A text linted before under the same key: that lint's result, whatever the edits between. No
          // reparse either: the tree catches up at the next lint that needs it.
          this.reusable = again;
          this.shifts = [];
          this.history.splice(this.history.indexOf(again), 1);
          this.history.push(again);
          return structuredClone(again.result);
        }
        const reuse = allowed && this.reusable?.key === key ? this.reusable : undefined;
        const begun = beginLint(input, grammars, this.detectors, deadline, this.nodeTypes, () =>
          reuse?.treeUsed && this.treeSynced ? this.tree : this.reparse(grammars, grammar, deadline),
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
        const reused = reuse && reuse.testFile === begun.testFile && reuse.hasDirectives === begun.hasDirectives;
        if (reused) {
          detected = this.shifted(reuse);
          // The tree (edited by the inert changes only) tells syntax errors as the reparsed one would.
          if (reuse.treeUsed) void begun.file.tree;
        } else {
          this.reusable = undefined;
          detected = runDetectors(begun.file, begun.active, begun.testFile);
        }
        const result = finishLint(begun.file, detected, begun.testFile, begun.hasDirectives);
        if (reused) {
          // The other files the detectors asked for and used: a whitespace change asks for nothing new.
          if (reuse.result.wanted) result.wanted = reuse.result.wanted;
          if (reuse.result.dependsOn) result.dependsOn = reuse.result.dependsOn;
        }
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
    this.treeSynced = true;
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
    const entry: Reusable = {
      text,
      key,
      detected,
      testFile: begun.testFile,
      hasDirectives: begun.hasDirectives,
      hulls,
      treeUsed: begun.file.parsedTree !== undefined,
      result: structuredClone(result),
      namesLines: detected.raw.some(
        (f) =>
          LINE_NUMBER.test(f.message) ||
          (f.related ?? []).some((r) => LINE_NUMBER.test(r.message)) ||
          f.fixes.some((x) => LINE_NUMBER.test(x.title)),
      ),
    };
    this.reusable = entry;
    this.shifts = [];
    const i = this.history.findIndex((h) => h.text === text && h.key === key);
    if (i >= 0) this.history.splice(i, 1);
    this.history.push(entry);
    if (this.history.length > HISTORY) this.history.shift();
  }

  private dropTree(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.treeGrammar = undefined;
    this.treeStale = false;
    this.treeSynced = true;
  }

  /** Frees the tree and the compiled queries. */
  dispose(): void {
    this.disposed = true;
    this.dropTree();
    if (this.ownsNodeTypes) this.nodeTypes.dispose();
    this.reusable = undefined;
    this.history = [];
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
