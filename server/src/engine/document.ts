// An open document the engine keeps in step with an editor: its text, its tree (edited with each change
// and reparsed incrementally), and its last findings, reused when a change cannot alter them or when
// the text comes back to one linted before (undo, redo, a typo deleted). The
// language server holds these and converts positions; everything tree-sitter stays in the engine.
import type { Language, Node, Tree } from 'web-tree-sitter';
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
import { holdsOutsideComments } from './literals';
import { NodeTypeMemory } from './node-index';
import type { WorkspaceIndex } from './workspace';

export { NodeTypeMemory };
import { BudgetExceeded, Deadline, ParserFailed, parse, type Grammars } from './parser';
import { DETECTORS } from './registry';
import { COMMAND_TEXT_SCANS } from './cmdline';
import { READ_CHILDREN, READ_DEEP, READ_SIBLINGS, ReadLog, recordingReads, type NodeTest, type Touched } from './reads';
import { DEFAULT_SETTINGS, type Detector, type LanguageId, type LintResult, type LintSettings } from './types';

/**
 * The most an incremental reparse (from the edited tree) may take before the document parses the text
 * afresh instead: a fresh parse of a 5,000-line file takes about 100 ms.
 */
const INCREMENTAL_PARSE_MS = 400;

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
  /** What the detectors read of the text and tree (engine/reads), in this lint's offsets; Python only. */
  reads?: Reads | undefined;
  /** The detectors that ran (the pre-filter's choice). */
  activeDetectors: readonly Detector[];
}

/** A `ReadLog`'s content, kept with a lint's findings. */
interface Reads {
  words: ReadonlySet<string>;
  literals: ReadonlySet<string>;
  bound: ReadonlySet<string>;
  types: ReadonlySet<string>;
  scans: ReadonlySet<RegExp>;
  nodeTests: readonly NodeTest[];
  /** The nodes asked about: their ranges, and what of them was read (engine/reads `READ_*`). */
  touched: { starts: Int32Array; ends: Int32Array; flags: Uint8Array };
  /** The places (start, end pairs) a descendant was asked for at (engine/reads `READ_AT`). */
  places: Int32Array;
}

/**
 * A change to one simple statement that nothing the last lint read lies in (engine/reads): its whole lines
 * [start, end) in the current text, kept up to date by later changes inside them.
 */
interface LocalChange {
  start: number;
  end: number;
  /** What the whole-text scans matched around the lines as they were linted (`scanned`). */
  window: string;
  /** Where the window starts, and how far it reaches past the lines. */
  from: number;
  after: number;
  /** Line breaks in the lines as linted. */
  lines: number;
  parentType: string;
  /** How many children the statement's parent had, and whether a lint read that list or a neighbour in it. */
  parentChildren: number;
  parentRead: boolean;
  /**
   * A deletion of the lines' statements (with their line break): how many children of the parent went, and
   * the range and type of a remaining child of the parent next to them (the one before, or else the one
   * after, then moved back by the deletion), to find the parent again in the reparsed tree.
   */
  removed?:
    { children: number; start: number; end: number; type: string; parentStart: number; parentEnd: number } | undefined;
  /**
   * A statement begun on a blank line between two children of a list (`onBlankLine`): the list's range and
   * its number of children then.
   */
  added?: { start: number; end: number; children: number } | undefined;
  /** How many shifts there were before the change (later ones map the lines' old offsets to the new text). */
  since: number;
  /** The occurrences in the lines of words and literals whose places a lint looked up (`word\0start\0end`). */
  occurrences: string[];
  /** The nodes in the lines a lint asked about, as they were (`shapeOf`): each must be asked alike after. */
  shapes: { start: number; end: number; flags: number; chain: Shape[] }[];
}

/** What a lint could read of a node by the questions it asked (`shapeOf`): names and texts, and offsets. */
interface Shape {
  tags: string;
  offsets: number[];
}

/**
 * What questions of the kinds `flags` (engine/reads `READ_*`) can learn of a node: its type, its parent, its
 * children by field; with its list of children, every child; read whole, its text and its subtree's shape;
 * with its neighbours, its parent's children. Offsets are kept apart, to compare across an edit.
 */
function shapeOf(n: Node, flags: number): Shape {
  const tags: string[] = [n.type, n.isMissing ? 'missing' : ''];
  const offsets = [n.startIndex, n.endIndex];
  const parent = n.parent;
  if (parent) {
    tags.push(parent.type);
    offsets.push(parent.startIndex, parent.endIndex);
  }
  const list = (of: Node, all: boolean) => {
    const cursor = of.walk();
    try {
      if (!cursor.gotoFirstChild()) return;
      do {
        const field = cursor.currentFieldName;
        if (!field && !all) continue;
        tags.push(`${field ?? ''}=${cursor.nodeType}`);
        offsets.push(cursor.startIndex, cursor.endIndex);
      } while (cursor.gotoNextSibling());
    } finally {
      cursor.delete();
    }
  };
  list(n, (flags & READ_CHILDREN) !== 0);
  if (flags & READ_SIBLINGS && parent) list(parent, true);
  if (flags & (READ_DEEP | READ_CHILDREN)) {
    // The text and the subtree, offsets relative to the node (the same wherever the node moved).
    tags.push(n.text);
    const cursor = n.walk();
    try {
      const base = n.startIndex;
      let depth = 0;
      walk: for (;;) {
        tags.push(
          `${depth}:${cursor.currentFieldName ?? ''}=${cursor.nodeType}@${cursor.startIndex - base}:${cursor.endIndex - base}`,
        );
        if (cursor.gotoFirstChild()) {
          depth++;
          continue;
        }
        // Up to the nearest node with a next sibling, never past the node itself.
        for (;;) {
          if (depth === 0) break walk;
          if (cursor.gotoNextSibling()) break;
          cursor.gotoParent();
          depth--;
        }
      }
    } finally {
      cursor.delete();
    }
  }
  return { tags: tags.join('\0'), offsets };
}

/** The nodes whose range is exactly [start, end), innermost first (a statement and its call share one). */
function nodesAt(root: Node, start: number, end: number): Node[] {
  let n: Node | null = root.descendantForIndex(start, Math.max(start, end - 1));
  while (n && !(n.startIndex <= start && n.endIndex >= end)) n = n.parent;
  const out: Node[] = [];
  for (; n && n.startIndex === start && n.endIndex === end; n = n.parent) out.push(n);
  return out;
}

/**
 * Statements a change may be confined to: simple statements that bind no module name by a keyword
 * (no `import`, `global`, `nonlocal`), hold no block and no statement list.
 */
const SIMPLE_STATEMENTS = new Set([
  'expression_statement',
  'return_statement',
  'pass_statement',
  'assert_statement',
  'raise_statement',
  'break_statement',
  'continue_statement',
]);

/**
 * Words a confined change may not hold: keywords of the binding and import statements the model and the
 * whole-text scans look for (`for x`, `as x`, `global x`, `def x`, `from socket import`).
 */
const BINDING_WORDS = new Set(['import', 'from', 'global', 'nonlocal', 'def', 'class', 'async', 'lambda']);

/**
 * Binding keywords a confined change may hold where they stay as they are (`for` in a comprehension, `as`
 * in prose): the model's scans (`for NAME`, `as NAME`) then match the same text, moved.
 */
const KEPT_BINDING_WORDS = new Set(['for', 'as']);

/**
 * Compound statements whose header a change may be confined to (engine/document `headerAt`), by their body's
 * field: they bind nothing by their header but with `as` (kept as it is: `KEPT_BINDING_WORDS`), and open no
 * scope. Not `for` (its target is bound by the loop), `def` and `class` (names, parameters, scopes).
 */
const HEADED = new Map([
  ['if_statement', 'consequence'],
  ['while_statement', 'body'],
  ['with_statement', 'body'],
]);

/** Python's scopes: the model's `scopeOf` tells them by position, so no change may add or remove one. */
const PYTHON_SCOPES = ['function_definition', 'class_definition', 'decorated_definition', 'lambda'];

/** Names a text binds as the model's binding sites see them (`name =`, `as name`). */
const BINDING_SITE =
  /(?<!\w)([A-Za-z_]\w*)(?!\w)(?=[ \t]*(?::[^=\r\n]{0,200})?=(?!=))|(?<!\w)as[ \t]+([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g;

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

/** The places asked at (`Reads.places`, moved by `move`) that meet [lo, hi]. */
function placesIn(places: Int32Array, lo: number, hi: number, move: (o: number) => number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < places.length; i += 2) {
    const a = move(places[i]);
    const b = move(places[i + 1]);
    if (a <= hi && b >= lo) out.push([a, b]);
  }
  return out;
}

/** Touched nodes as typed arrays (a document keeps them between lints; tens of thousands on a large file). */
function packed(list: Iterable<Touched>): Reads['touched'] {
  const all = [...list];
  const starts = new Int32Array(all.length);
  const ends = new Int32Array(all.length);
  const flags = new Uint8Array(all.length);
  all.forEach((t, i) => {
    starts[i] = t.start;
    ends[i] = t.end;
    flags[i] = t.flags;
  });
  return { starts, ends, flags };
}

function lineBreaks(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

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

/** Which of `literals` a line of Python holds outside its comment (engine/literals `inLineComment`), joined. */
function liveLiterals(line: string, literals: readonly string[]): string {
  return literals.filter((l) => holdsOutsideComments(line, l, '#')).join('\0');
}

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

/** Whether a text holds a pre-filter word of a Python detector with a text screen (`Detector.textScreen`). */
function screenedLiteral(detectors: readonly Detector[], text: string): boolean {
  return detectors.some(
    (d) => d.textScreen && d.languages.includes('python') && d.tokens.some((t) => text.includes(t)),
  );
}

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
  /** The grammar the tree was parsed with (to catch a tree up outside a lint). */
  private treeLanguage: Language | undefined;
  /** Whether the tree was edited since it was parsed (positions are right; the text is not reparsed). */
  private treeStale = false;
  /**
   * Whether the tree's structure is that of the current text: only inert changes were applied to it since
   * it was parsed. A text answered from an earlier lint leaves it behind until the next reparse.
   */
  private treeSynced = true;
  /**
   * Whether the tree was reparsed from an edited tree and holds a syntax error. tree-sitter's error recovery
   * from an edited tree can settle on another tree than a parse from scratch (the subtrees it reuses change
   * which recovery costs least): in the incremental fuzz, about one reparse in 300 with an error for C, Go,
   * Java, Kotlin, PHP and Ruby, one in 50,000 for Python, a finding gained or lost. Such a tree only judges a
   * change confined to a statement (`confinedHolds`, where the findings are the last ones); the detectors
   * never run on it: the text is parsed from scratch first (`reparse`).
   */
  private treeUnverified = false;
  /** Whether an inert change since the last lint was made while the tree had a syntax error (`inertHolds`). */
  private inertUnchecked = false;
  private reusable: Reusable | undefined;
  /**
   * The last few lints, most recent last: when an edit puts back a text linted before (undo, redo, a
   * typo typed and deleted), its findings are that lint's. Findings are a function of the text, the
   * path, the settings and the index (the key), so this reuse needs no reasoning about the edit.
   */
  private history: Reusable[] = [];
  /** Inert changes since `reusable` was computed, in order (and the changes inside `local`). */
  private shifts: Shift[] = [];
  /** The statement a code change since the last lint is confined to, while one is (`confine`). */
  private local: LocalChange | undefined;
  /** What the last reparse changed in the tree's structure (for `local`). */
  private changedRanges: { start: number; end: number }[] | undefined;
  private readonly nodeTypes: NodeTypeMemory;
  private readonly ownsNodeTypes: boolean;
  private disposed = false;
  /** Why the last change was not taken as inert or confined (diagnostics: `lastOutcome`). */
  private whyNot: string | undefined;
  private outcome = 'open';
  /** Why the first change since the last lint that could not be reused was not. */
  private missed: string | undefined;

  /**
   * How the last lint was answered (for measurements): `history`, `inert`, `confined`, or `ran: <why the
   * last change could not be reused>`.
   */
  get lastOutcome(): string {
    return this.outcome;
  }

  private no(why: string): false {
    this.whyNot = why;
    return false;
  }

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
    this.whyNot = undefined;
    const inert =
      this.reusable !== undefined &&
      this.local === undefined &&
      this.catchUp(old) &&
      this.treeSynced &&
      this.isInert(old, start, end, text);
    const shift = { start, oldEnd: end, newEnd: start + text.length };
    const local = !inert && this.confine(old, start, end, text);
    if (local) {
      this.shifts.push(shift);
      this.treeSynced = false;
    } else if (!inert) {
      this.missed ??= this.reusable ? (this.whyNot ?? 'unknown') : 'nothing to reuse';
      this.reusable = undefined;
      this.local = undefined;
      this.treeSynced = false;
    }
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
    this.local = undefined;
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
    // tree-sitter's error recovery weighs the characters and lines it skips: with a syntax error anywhere, a blank
    // line, a trailing blank or a comment's letter can change the tree a parse from scratch gives. Such a change
    // is inert only once a parse from scratch shows the same tree (`inertUnchecked`, at the next lint).
    const errors = tree.rootNode.hasError;
    if (errors && this.treeUnverified) return this.no('syntax error in a tree reparsed from an edited one');
    let inert = false;
    if (/^[ \t]*$/.test(removed) && /^[ \t]*$/.test(text)) {
      inert = this.atLineEnd(tree, old, start, end);
    } else if (/^[ \t\r\n]*$/.test(removed) && /^[ \t\r\n]*$/.test(text)) {
      inert = this.blankLines(tree, old, start, end, text);
    }
    inert ||= this.languageFor() === 'python' && this.inPythonProse(tree, old, start, end, text);
    if (inert && errors) this.inertUnchecked = true;
    return inert;
  }

  /**
   * Whether the inert changes since the last lint, made while the tree had a syntax error, left the tree a
   * parse from scratch gives as it was (no changed range against the edited tree): the tree becomes that parse.
   */
  private inertHolds(grammars: Grammars, grammar: GrammarName | undefined, deadline: Deadline): boolean {
    this.inertUnchecked = false;
    const lang = grammar ? grammars.get(grammar) : undefined;
    if (!lang || !this.tree || grammar !== this.treeGrammar) return this.no('inert with errors: no tree');
    let fresh: Tree | undefined;
    try {
      fresh = parse(lang, this.current, undefined, deadline);
    } catch (e) {
      if (!(e instanceof ParserFailed)) throw e;
    }
    if (!fresh) {
      deadline.check();
      this.dropTree();
      return this.no('inert with errors: no parse');
    }
    const changed = fresh.getChangedRanges(this.tree).length > 0;
    this.tree.delete();
    this.tree = fresh;
    this.treeStale = false;
    this.treeSynced = true;
    this.treeUnverified = false;
    return !changed || this.no('inert with errors: the tree changed');
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
    // A literal counts only outside line comments (engine/literals `inLineComment`): the same ones count on
    // the line before and after (a `#` typed in a comment can end the code part of a line that had none).
    const lineAfter = old.slice(lineStart, start) + text + old.slice(end, lineEnd);
    if (liveLiterals(old.slice(lineStart, lineEnd), had) !== liveLiterals(lineAfter, has)) return false;
    // A docstring is a statement: one that holds a literal is left to the detectors.
    if (content.docstring && had.length > 0) return false;
    // The whole-file text scans: the same matches around the change.
    const from = runsBefore(old, start);
    const to = runsAfter(old, end);
    return scanned(old.slice(from, to)) === scanned(old.slice(from, start) + text + old.slice(end, to));
  }

  /**
   * A text answered from an earlier lint (undo, redo) left the tree behind (edited, not reparsed): it catches up
   * with `old`, the text before the next change, incrementally and capped like any reparse from an edited tree
   * (`INCREMENTAL_PARSE_MS`), so that the change is judged on the tree of the text it applies to.
   */
  private catchUp(old: string): boolean {
    if (this.treeSynced || !this.tree || !this.treeLanguage) return true;
    let caught: Tree | undefined;
    try {
      caught = parse(this.treeLanguage, old, this.tree, Deadline.after(INCREMENTAL_PARSE_MS));
    } catch {
      // A parser that fails (wasm aborts on some edited trees): the next lint parses afresh.
      this.dropTree();
      return false;
    }
    if (!caught) return false;
    this.tree.delete();
    this.tree = caught;
    this.treeStale = false;
    this.treeSynced = true;
    this.treeUnverified = caught.rootNode.hasError;
    return true;
  }

  /**
   * A code change confined to the lines of one simple Python statement (an expression, a call, an
   * assignment, `return`, `assert`, `raise`) or of an `if`/`while`/`with` header (`headerAt`), where what the
   * last lint read answers alike after it (engine/reads): the words, literals, binding sites, scan matches and
   * nodes of types gone through that lie in it stay, untouched by the change (`statementClean` collects them);
   * every node in it that was asked about is recorded as it was (`shapeOf`) to be compared after the reparse;
   * a place asked at in it lies inside such a word; its ancestors were asked shallow questions only; no
   * pre-filter literal found nowhere else, no binding keyword but `for` and `as`, not next to a finding's
   * lines. Also whole statement lines deleted (nothing in them read) and a statement begun on a blank line
   * (`onBlankLine`). If the lines as they end up pass the same tests (`confinedHolds`, after the reparse), a
   * lint of the new text asks the same questions and gets the same answers: the findings are the last ones,
   * moved. Sets `local`; a later change inside the same lines extends it.
   */
  private confine(old: string, start: number, end: number, text: string): boolean {
    const reuse = this.reusable;
    const local = this.local;
    if (!reuse?.reads) return this.no('no reads');
    if (local) {
      if (start < local.start || end > local.end) return this.no('outside the changed statement');
      local.end += text.length - (end - start);
      return true;
    }
    if (this.languageFor() !== 'python') return this.no('not python');
    if (!this.catchUp(old)) return this.no('catch-up reparse');
    const tree = this.tree;
    if (!tree || !this.treeSynced) return this.no('no tree');
    const blank = this.onBlankLine(tree, old, start, end, text);
    if (blank !== undefined) return blank;
    const found = this.statementAt(tree.rootNode, old, start);
    if (!found) return this.no(this.whyNot ?? 'no statement');
    const { nodes, parent, lineStart } = found;
    let { lineEnd } = found;
    // Whole lines of statements deleted, line breaks included: the statements leave their parent's list.
    const removal = text === '' && start === lineStart && end > lineEnd;
    if (removal) {
      while (end > lineEnd + 1) {
        const next = this.statementAt(tree.rootNode, old, lineEnd + 1);
        if (!next || next.lineStart !== lineEnd + 1 || next.parent.id !== parent.id)
          return this.no(`removal: ${next ? 'not one list' : this.whyNot}`);
        nodes.push(...next.nodes);
        lineEnd = next.lineEnd;
      }
      if (end !== lineEnd + 1) return this.no('removal: not whole lines');
      if (reuse.namesLines) return this.no('removal: a message names a line');
    }
    if (start < lineStart || (end > lineEnd && !removal) || this.touchesFinding(lineStart - 1, lineEnd + 1))
      return this.no(start < lineStart || end > lineEnd ? 'beyond the statement lines' : 'next to a finding');
    // A compound statement's header (`headerAt`): never deleted as a statement; the compound itself is not one a
    // detector goes through, and what was asked of it (its fields) is the same after (`shapes`).
    const header = HEADED.has(parent.type);
    if (header && removal) return this.no('header: deleted');
    if (
      header &&
      (reuse.reads.types.has(parent.type) || reuse.reads.nodeTests.some((t) => t.types.includes(parent.type)))
    )
      return this.no('header: its compound gone through');
    const region = old.slice(lineStart, lineEnd);
    const reads = reuse.reads;
    const occurrences: string[] = [];
    if (!this.statementClean(nodes, region, reads, lineStart, old, removal ? undefined : occurrences))
      return this.no(this.whyNot!);
    // A word or literal looked up may stay, not one the change touches (typing at a word's end makes another).
    for (const o of occurrences) {
      const [what, os, oe] = o.split('\0');
      // (Nodes are compared by what was asked of them: only words and literals are their text.)
      if (!/^[#?]/.test(what) && +os <= end && start <= +oe) return this.no(`word ${what} at the change`);
    }
    // No node the lint asked about lies in the lines (its offsets moved by the inert changes since).
    const shifts = this.shifts;
    const move = (o: number) => shifts.reduce(shiftOffset, o);
    const s = nodes[0].startIndex;
    const e = nodes[nodes.length - 1].endIndex;
    const ps = parent.startIndex;
    const pe = parent.endIndex;
    let parentRead = false;
    /** The ranges of the parent's children (`start:end`), when a node in the parent was asked for its neighbours. */
    let childRanges: Set<string> | undefined;
    const { starts, ends, flags } = reads.touched;
    /** The nodes in the lines asked about (by range), with what of them was read. */
    const inside = new Map<string, number>();
    for (let i = 0; i < starts.length; i++) {
      const ts = shifts.length ? move(starts[i]) : starts[i];
      const te = shifts.length ? move(ends[i]) : ends[i];
      // The parent's list of children, or a neighbour in it (a child of the parent asked about its siblings).
      if (ts === ps && te === pe && flags[i] & READ_CHILDREN) parentRead = true;
      else if (flags[i] & READ_SIBLINGS && ts >= ps && te <= pe && !parentRead) {
        childRanges ??= new Set(parent.children.map((c) => `${c.startIndex}:${c.endIndex}`));
        if (childRanges.has(`${ts}:${te}`)) parentRead = true;
      }
      if (te <= lineStart || ts >= lineEnd) continue;
      // An ancestor not read whole: it keeps its kind, and its children (but these) their places.
      if (!(flags[i] & READ_DEEP) && ts <= s && te >= e && (ts < s || te > e)) continue;
      // A node in the lines: what the questions asked of it could learn must be the same after the change.
      if (!removal && ts >= s && te <= e) {
        inside.set(`${ts}:${te}`, (inside.get(`${ts}:${te}`) ?? 0) | flags[i]);
        continue;
      }
      return this.no(
        `read node ${flags[i] & READ_DEEP ? 'deep' : 'shallow'} ${ts <= s && te >= e ? 'around' : 'inside'}: ${tree.rootNode.descendantForIndex(ts, Math.max(ts, te - 1))?.type}`,
      );
    }
    const shapes: LocalChange['shapes'] = [];
    if (header)
      shapes.push({ start: ps, end: pe, flags: 0, chain: nodesAt(tree.rootNode, ps, pe).map((n) => shapeOf(n, 0)) });
    for (const [range, f] of inside) {
      const [ns, ne] = range.split(':').map(Number);
      const chain = nodesAt(tree.rootNode, ns, ne);
      if (chain.length === 0) return this.no('read node without a place');
      shapes.push({ start: ns, end: ne, flags: f, chain: chain.map((n) => shapeOf(n, f)) });
    }
    // Descendants asked for at places in the lines: none in deleted lines; elsewhere only inside a word or literal
    // that stays (its token answers alike).
    const kept = occurrences
      .map((o) => o.split('\0'))
      .filter(([what]) => !/^[#?]/.test(what))
      .map(([, os, oe]) => [+os, +oe]);
    for (const [a, b] of placesIn(reads.places, lineStart, removal ? lineEnd + 1 : lineEnd, move))
      if (removal || !kept.some(([os, oe]) => os <= a && b <= oe)) return this.no('a place asked in the lines');
    let removed: LocalChange['removed'];
    if (removal) {
      if (parentRead) return this.no('removal: the parent list was read');
      const children = parent.children.filter((c): c is Node => !!c);
      const first = children.findIndex((c) => c.startIndex === s);
      const last = children.findIndex((c) => c.endIndex === e);
      if (first < 0 || last < first) return this.no('removal: not children');
      // A neighbour that stays: the child before, or else the one after (moved back by the deletion).
      const near = first > 0 ? children[first - 1] : children[last + 1];
      if (!near) return this.no('removal: the only children');
      const back = first > 0 ? 0 : end - start;
      // The parent's range after: it starts at its first child, and ends at its last child.
      removed = {
        children: last - first + 1,
        start: near.startIndex - back,
        end: near.endIndex - back,
        type: near.type,
        parentStart: first > 0 ? ps : children[last + 1].startIndex - back,
        parentEnd: last < children.length - 1 ? pe - (end - start) : children[first - 1].endIndex,
      };
    }
    const from = runsBefore(old, lineStart);
    const to = runsAfter(old, lineEnd);
    this.local = {
      removed,
      since: shifts.length,
      occurrences,
      shapes,
      start: lineStart,
      end: lineEnd + text.length - (end - start),
      window: scanned(old.slice(from, to)),
      from,
      after: to - lineEnd,
      lines: lineBreaks(region),
      parentType: parent.type,
      parentChildren: parent.childCount,
      parentRead,
    };
    return true;
  }

  /**
   * Text typed on a line of blanks between two statements of one list (a statement begun): confined to that
   * line (`local.added`) if nothing a lint read lies there but ancestors asked about themselves, and that
   * list's children and their neighbours were not read. Undefined when the change is not on such a line.
   */
  private onBlankLine(tree: Tree, old: string, start: number, end: number, text: string): boolean | undefined {
    const lineStart = old.lastIndexOf('\n', start - 1) + 1;
    const nl = old.indexOf('\n', end);
    const lineEnd = nl < 0 ? old.length : nl;
    const line = old.slice(lineStart, lineEnd);
    if (!/^[ \t]*$/.test(line) || /[\r\n]/.test(text)) return undefined;
    // The tokens on either side, and the list that holds both (what blankLines asks of blank lines).
    let r = lineStart - 1;
    while (r >= 0 && /\s/.test(old[r])) r--;
    let q = lineEnd;
    while (q < old.length && /\s/.test(old[q])) q++;
    if (r < 0 || q >= old.length || old[r] === '\\') return this.no('blank line: at an end');
    const root = tree.rootNode;
    for (const at of [r, q])
      for (let n: Node | null = root.descendantForIndex(at, at + 1); n; n = n.parent)
        if (n.type === 'comment') return this.no('blank line: next to a comment');
    const holder = root.descendantForIndex(r, q + 1);
    if (!holder || (holder.type !== 'block' && holder.type !== 'module')) return this.no('blank line: not in a list');
    if (this.touchesFinding(lineStart - 1, lineEnd + 1)) return this.no('blank line: next to a finding');
    const reads = this.reusable!.reads!;
    const shifts = this.shifts;
    const move = (o: number) => shifts.reduce(shiftOffset, o);
    const hs = holder.startIndex;
    const he = holder.endIndex;
    let childRanges: Set<string> | undefined;
    const { starts, ends, flags } = reads.touched;
    for (let i = 0; i < starts.length; i++) {
      const ts = shifts.length ? move(starts[i]) : starts[i];
      const te = shifts.length ? move(ends[i]) : ends[i];
      if (ts === hs && te === he && flags[i] & READ_CHILDREN) return this.no('blank line: the list was read');
      if (flags[i] & READ_SIBLINGS && ts >= hs && te <= he) {
        childRanges ??= new Set(holder.children.map((c) => `${c.startIndex}:${c.endIndex}`));
        if (childRanges.has(`${ts}:${te}`)) return this.no('blank line: a neighbour was read');
      }
      // Around the line: an ancestor asked about itself only.
      if (te <= lineStart || ts >= lineEnd) continue;
      if (!(flags[i] & READ_DEEP) && ts < lineStart && te > lineEnd) continue;
      return this.no('blank line: read around');
    }
    // No descendant asked for on the line: a statement there would answer.
    if (placesIn(reads.places, lineStart, lineEnd, move).length > 0) return this.no('blank line: a place asked');
    const from = runsBefore(old, lineStart);
    const to = runsAfter(old, lineEnd);
    this.local = {
      added: { start: hs, end: he, children: holder.childCount },
      since: shifts.length,
      occurrences: [],
      shapes: [],
      start: lineStart,
      end: lineEnd + text.length - (end - start),
      window: scanned(old.slice(from, to)),
      from,
      after: to - lineEnd,
      lines: 0,
      parentType: holder.type,
      parentChildren: holder.childCount,
      parentRead: false,
    };
    return true;
  }

  /**
   * The simple statement whose lines hold the line of `at`, with what follows it on its last line (the ERROR
   * of a statement being typed), and nothing else on those lines (no comment, no other statement); with
   * their parent (a block or the module) and the lines' range.
   */
  private statementAt(
    root: Node,
    text: string,
    at: number,
  ): { nodes: Node[]; parent: Node; lineStart: number; lineEnd: number } | undefined {
    let p = text.lastIndexOf('\n', at - 1) + 1;
    while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
    if (p >= text.length || /[\r\n#]/.test(text[p])) {
      this.whyNot = `comment or blank line (${this.whyNot ?? ''})`;
      return undefined;
    }
    let node: Node | null = root.descendantForIndex(p, p + 1);
    while (node?.parent && node.parent.type !== 'block' && node.parent.type !== 'module') node = node.parent;
    const parent = node?.parent;
    if (!node || !parent) {
      this.whyNot = 'no parent';
      return undefined;
    }
    const bodyField = HEADED.get(node.type);
    if (bodyField) return this.headerAt(node, bodyField, text);
    const nodes = [node];
    for (let next = node.nextSibling; next; next = next.nextSibling) {
      if (/\n/.test(text.slice(nodes[nodes.length - 1].endIndex, next.startIndex))) break;
      nodes.push(next);
    }
    if (!nodes.every((n) => SIMPLE_STATEMENTS.has(n.type) || n.type === 'ERROR')) {
      this.whyNot = `not a simple statement: ${nodes.find((n) => !SIMPLE_STATEMENTS.has(n.type) && n.type !== 'ERROR')!.type}`;
      return undefined;
    }
    const first = nodes[0].startIndex;
    const last = nodes[nodes.length - 1].endIndex;
    const lineStart = text.lastIndexOf('\n', first - 1) + 1;
    const nl = text.indexOf('\n', last);
    const lineEnd = nl < 0 ? text.length : nl;
    if (text.slice(lineStart, lineEnd).trim() !== text.slice(first, last)) {
      this.whyNot = 'other text on the lines';
      return undefined;
    }
    return { nodes, parent, lineStart, lineEnd };
  }

  /**
   * The header of a compound statement (`if`, `while`, `with`: its keyword to its colon), on lines of its own
   * (the body starts on a later line), as `statementAt` gives a statement: its nodes, and the compound as their
   * parent.
   */
  private headerAt(
    compound: Node,
    bodyField: string,
    text: string,
  ): { nodes: Node[]; parent: Node; lineStart: number; lineEnd: number } | undefined {
    const body = compound.childForFieldName(bodyField);
    const nodes: Node[] = [];
    for (const c of compound.children) {
      if (!c || (body && c.startIndex >= body.startIndex)) break;
      nodes.push(c);
    }
    const colon = nodes[nodes.length - 1];
    if (!body || colon?.type !== ':' || nodes.some((n) => /comment/.test(n.type))) {
      this.whyNot = `header: ${compound.type} without a plain header`;
      return undefined;
    }
    if (!text.slice(colon.endIndex, body.startIndex).includes('\n')) {
      this.whyNot = `header: ${compound.type} with its body on the line`;
      return undefined;
    }
    const lineStart = text.lastIndexOf('\n', compound.startIndex - 1) + 1;
    const nl = text.indexOf('\n', colon.endIndex);
    const lineEnd = nl < 0 ? text.length : nl;
    if (text.slice(lineStart, lineEnd).trim() !== text.slice(compound.startIndex, colon.endIndex)) {
      this.whyNot = 'header: other text on the lines';
      return undefined;
    }
    return { nodes, parent: compound, lineStart, lineEnd };
  }

  /**
   * Whether a statement (whose lines are `region`) holds nothing a lint that read `reads` could have read:
   * no syntax error, no word or literal looked up, no binding of a name whose bindings were asked for, no
   * node of a type gone through, no pre-filter literal, no binding keyword, ASCII only.
   */
  private statementClean(
    nodes: Node[],
    region: string,
    reads: Reads,
    at: number,
    text: string,
    occurrences?: string[],
  ): boolean {
    // A pre-filter literal in the lines is also elsewhere: which detectors run does not hang on them.
    for (const l of proseLiterals(this.detectors))
      if (region.includes(l) && !holdsOutsideComments(text, l, '#', at, at + region.length))
        return this.no(`sole pre-filter literal ${l}`);
    // A statement being typed may not parse: an ERROR in its place is as good, as long as it holds no block.
    for (const node of nodes)
      if (node.type === 'ERROR' && node.descendantsOfType(['block', ...PYTHON_SCOPES]).length > 0)
        return this.no('error holding a block');
    // Non-ASCII text switches the model's identifier patterns (engine/languages/python/model.ts).
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(region)) return this.no('non-ascii');
    // Words and literals whose places were looked up: collected (`occurrences`, to be the same after the
    // change), or none may be there.
    const occurs = (what: string, i: number, length = what.length) => {
      if (!occurrences) return false;
      occurrences.push(`${what}\0${at + i}\0${at + i + length}`);
      return true;
    };
    for (const m of region.matchAll(/[\w$]+/g)) {
      if (BINDING_WORDS.has(m[0]) || (KEPT_BINDING_WORDS.has(m[0]) && !occurs(m[0], m.index)))
        return this.no(`word ${m[0]}`);
      if (reads.words.has(m[0]) && !occurs(m[0], m.index)) return this.no(`word ${m[0]}`);
    }
    for (const list of [reads.words, reads.literals])
      for (const w of list) {
        if (list === reads.words && /^[\w$]+$/.test(w)) continue;
        for (let i = region.indexOf(w); i >= 0; i = region.indexOf(w, i + 1))
          if (!occurs(w, i)) return this.no(`literal ${w}`);
      }
    for (const m of region.matchAll(BINDING_SITE)) {
      const target = m[1] ?? m[2];
      // A binding site of such a name may stay where it is (the model's answer then reads its nodes, asked alike).
      if (reads.bound.has(target.slice(target.lastIndexOf('.') + 1)) && !occurs(`=${target}`, m.index))
        return this.no(`binds ${target}`);
    }
    // The whole-text scans' matches: kept where they are (and untouched by the change), or none.
    for (const [k, re] of WHOLE_TEXT_SCANS.entries())
      for (const m of region.matchAll(new RegExp(re.source, re.flags)))
        if (!occurs(`%${k}:${m[0]}`, m.index, m[0].length)) return this.no('whole-text scan');
    // Which detectors run hangs on their text screens too (`Detector.textScreen`), when the text names them:
    // their expressions' matches likewise.
    if (screenedLiteral(this.detectors, text))
      for (const [k, re] of COMMAND_TEXT_SCANS.entries())
        for (const m of region.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)))
          if (!occurs(`%cmd${k}:${m[0]}`, m.index, m[0].length)) return this.no('text screen');
    // A line break after the lines: a pattern's trailing blank or boundary may match there.
    for (const re of reads.scans)
      if (new RegExp(re.source, re.flags.replace('g', '')).test(`${region}\n`)) return this.no(`scan ${re.source}`);
    // Nodes of a type a detector went through, and nodes a question over a type picks: collected (the same
    // nodes must be there after the change; what was asked of each is checked as of any node asked about),
    // or none may be there.
    const types = [...reads.types];
    const ofTypes = (node: Node, list: readonly string[]) => [
      ...(list.includes(node.type) ? [node] : []),
      ...node.descendantsOfType([...list]).filter((n): n is Node => !!n),
    ];
    for (const node of nodes) {
      if (types.length > 0)
        for (const n of ofTypes(node, types))
          if (!occurs(`#${n.type}`, n.startIndex - at, n.endIndex - n.startIndex)) return this.no(`type gone through`);
      for (const t of reads.nodeTests)
        for (const n of ofTypes(node, t.types))
          if (t.picks(n) && !occurs(`?${n.type}`, n.startIndex - at, n.endIndex - n.startIndex))
            return this.no(`node test ${t.types.join()}`);
    }
    return true;
  }

  /**
   * Whether the change `local` holds, now that the text is reparsed: the tree changed inside its lines only,
   * they hold one simple statement in the same place, as clean as before (`confine`), the detectors that
   * run are the same, the whole-text scans match alike around it, and no line moved while a message
   * names one.
   */
  private confinedHolds(
    reuse: Reusable,
    local: LocalChange,
    grammars: Grammars,
    grammar: GrammarName | undefined,
    deadline: Deadline,
  ): boolean {
    const reads = reuse.reads;
    if (!reads || !reuse.treeUsed) return this.no('no reads (held)');
    this.changedRanges = undefined;
    const tree = this.reparse(grammars, grammar, deadline, true);
    // Set by the reparse (the field was cleared above, which the compiler takes as its value still).
    const changed = this.changedRanges as { start: number; end: number }[] | undefined;
    if (!tree || !changed) return this.no('no changed ranges');
    const text = this.current;
    if (local.removed) {
      return this.removalHolds(tree, local, local.removed, changed, text);
    }
    if (changed.some((r) => r.start < local.start || r.end > local.end))
      return this.no('tree changed beyond the lines');
    const region = text.slice(local.start, local.end);
    if (reuse.namesLines && lineBreaks(region) !== local.lines) return this.no('lines moved while a message names one');
    const found = this.statementAt(tree.rootNode, text, local.start);
    if (!found || found.lineStart !== local.start || found.lineEnd !== local.end)
      return this.no(this.whyNot ?? 'statement moved');
    const parent = found.parent;
    if (parent.type !== local.parentType) return this.no('parent type changed');
    if (local.added) {
      // The list of before, the new statement among its children; the statement as clean as any confined one.
      const moveAdded = (o: number) => this.shifts.slice(local.since).reduce(shiftOffset, o);
      if (parent.startIndex !== moveAdded(local.added.start) || parent.endIndex !== moveAdded(local.added.end))
        return this.no('added: list moved');
      if (parent.childCount !== local.added.children + found.nodes.length) return this.no('added: children');
      if (!this.statementClean(found.nodes, region, reads, local.start, text)) return this.no(this.whyNot!);
      return scanned(text.slice(local.from, local.end + local.after)) === local.window || this.no('added: scans');
    }
    // A statement split in two (a statement and the ERROR of what is being typed after it), or joined back:
    // only if no lint read the parent's list of children.
    if (parent.childCount !== local.parentChildren && local.parentRead)
      return this.no('parent children count changed and read');
    const occurrences: string[] = [];
    if (!this.statementClean(found.nodes, region, reads, local.start, text, occurrences)) return this.no(this.whyNot!);
    // The words and literals looked up, and the nodes asked about, where they were (moved by the change).
    const shifts = this.shifts.slice(local.since);
    const move = (o: number) => shifts.reduce(shiftOffset, o);
    const moved = local.occurrences.map((o) => {
      const [what, os, oe] = o.split('\0');
      return `${what}\0${move(+os)}\0${move(+oe)}`;
    });
    if (moved.join('\n') !== occurrences.join('\n')) return this.no('words moved');
    for (const shape of local.shapes) {
      const chain = nodesAt(tree.rootNode, move(shape.start), move(shape.end));
      if (chain.length !== shape.chain.length) return this.no('read node changed');
      for (let i = 0; i < chain.length; i++) {
        const before = shape.chain[i];
        const after = shapeOf(chain[i], shape.flags);
        if (
          after.tags !== before.tags ||
          after.offsets.length !== before.offsets.length ||
          before.offsets.some((o, k) => move(o) !== after.offsets[k])
        )
          return this.no(`read node changed: ${chain[i].type}`);
      }
    }
    return scanned(text.slice(local.from, local.end + local.after)) === local.window;
  }

  /**
   * Whether a deletion of whole statements (`confine`) holds in the reparsed tree: the structure changed at the
   * deletion's place only, the neighbour kept is where it was (moved back if after), and its parent is the
   * parent of before, of the same type and range, with the deleted children fewer; the whole-text scans
   * match alike around the place.
   */
  private removalHolds(
    tree: Tree,
    local: LocalChange,
    removed: NonNullable<LocalChange['removed']>,
    changed: { start: number; end: number }[],
    text: string,
  ): boolean {
    // The deletion point: the start of its first line (`local.start`), where the next line now starts.
    if (changed.some((r) => r.start < local.start - 1 || r.end > local.start)) return this.no('removal: tree changed');
    let near: Node | null = tree.rootNode.descendantForIndex(removed.start, removed.end);
    while (near && !(near.startIndex === removed.start && near.endIndex === removed.end && near.type === removed.type))
      near = near.parent;
    const parent = near?.parent;
    if (!near || !parent || parent.type !== local.parentType) return this.no('removal: neighbour moved');
    if (parent.startIndex !== removed.parentStart || parent.endIndex !== removed.parentEnd)
      return this.no('removal: parent range');
    if (parent.childCount !== local.parentChildren - removed.children) return this.no('removal: parent children');
    return scanned(text.slice(local.from, local.end + local.after)) === local.window;
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
    if (!language || !BLANK_LINES_IGNORED.has(language) || this.reusable!.namesLines)
      return this.no('blank: language or names lines');
    const lineStart = old.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = old.indexOf('\n', end);
    if (lineEnd < 0) lineEnd = old.length;
    const tokenLines = (s: string) => s.split('\n').filter((l) => /\S/.test(l));
    const before = tokenLines(old.slice(lineStart, lineEnd));
    const after = tokenLines(old.slice(lineStart, start) + text + old.slice(end, lineEnd));
    if (before.length !== after.length || before.some((l, i) => l !== after[i]))
      return this.no('blank: token lines differ');
    // The tokens on either side: the last before the change and the first after it.
    let r = start - 1;
    while (r >= 0 && /\s/.test(old[r])) r--;
    let q = end;
    while (q < old.length && /\s/.test(old[q])) q++;
    if (r >= 0 && old[r] === '\\') return this.no('blank: continuation');
    const root = tree.rootNode;
    for (const at of [r, q]) {
      if (at < 0 || at >= old.length) continue;
      for (let n: Node | null = root.descendantForIndex(at, at + 1); n; n = n.parent)
        if (/comment/.test(n.type)) return this.no('blank: next to a comment');
    }
    const lo = r < 0 ? 0 : old.lastIndexOf('\n', r) + 1;
    const next = q >= old.length ? -1 : old.indexOf('\n', q);
    const hi = next < 0 ? old.length : next;
    if (this.touchesFinding(lo, hi)) return this.no('blank: next to a finding');
    // The smallest node holding both tokens must be a statement list (or, in Python, a compound statement:
    // the blank lines then lie between its header, clauses and body): no simple statement or expression
    // holds them, so a detector reading the text of a call, an assignment or a name never sees them.
    const holder = r < 0 || q >= old.length ? root : root.descendantForIndex(r, q + 1);
    if (!holder) return false;
    this.whyNot = `blank: holder ${holder.type}`;
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
          this.inertUnchecked = false;
          this.local = undefined;
          this.history.splice(this.history.indexOf(again), 1);
          this.history.push(again);
          this.outcome = 'history';
          this.missed = undefined;
          return structuredClone(again.result);
        }
        // Inert changes made while the tree had a syntax error: reused once a parse from scratch agrees.
        const checked =
          !allowed || !this.inertUnchecked || !!this.local || this.inertHolds(grammars, grammar, deadline);
        if (!checked) this.missed ??= this.whyNot;
        this.inertUnchecked = false;
        const reuse = checked && allowed && this.reusable?.key === key ? this.reusable : undefined;
        // A change confined to one statement (`confine`) holds if the reparsed statement is as clean. Then the
        // pre-filter's choice is the last lint's too: every literal in the statement, before and after, is
        // also elsewhere in the text (`statementClean`).
        const local = this.local;
        this.local = undefined;
        // Nothing is reused after the change until it is shown confined (a lint past its budget leaves none).
        if (local) this.reusable = undefined;
        const confined =
          !!reuse &&
          !!local &&
          reuse.activeDetectors.length > 0 &&
          this.confinedHolds(reuse, local, grammars, grammar, deadline);
        const begun = beginLint(
          input,
          grammars,
          this.detectors,
          deadline,
          this.nodeTypes,
          () =>
            confined || (reuse?.treeUsed && this.treeSynced && !this.treeUnverified)
              ? this.tree
              : this.reparse(grammars, grammar, deadline),
          confined ? [...reuse.activeDetectors] : undefined,
        );
        if ('result' in begun) {
          // Nothing can be reported: the tree is not kept up to date for nothing.
          this.dropTree();
          this.reusable = undefined;
          this.shifts = [];
          this.local = undefined;
          return begun.result;
        }
        file = begun.file;
        let detected: Detected;
        const reused =
          reuse !== undefined &&
          reuse.testFile === begun.testFile &&
          reuse.hasDirectives === begun.hasDirectives &&
          (!local || confined);
        let reads: Reads | undefined;
        this.outcome = reused
          ? local
            ? 'confined'
            : 'inert'
          : `ran: ${!allowed ? 'reuse off' : local && reuse ? `held: ${this.whyNot}` : (this.missed ?? 'no earlier lint')}`;
        this.missed = undefined;
        if (reused) {
          detected = this.shifted(reuse);
          reads = this.shiftedReads(reuse);
          // The tree (edited by the inert changes only) tells syntax errors as the reparsed one would.
          if (reuse.treeUsed) void begun.file.tree;
        } else {
          this.reusable = undefined;
          const tree = begun.file.language === 'python' ? begun.file.tree : undefined;
          if (tree) {
            // What the detectors read, for the next change's `confine`.
            const log = new ReadLog(tree);
            detected = recordingReads(log, () => runDetectors(begun.file, begun.active, begun.testFile));
            const { words, literals, bound, types, scans, nodeTests } = log;
            reads = {
              words,
              literals,
              bound,
              types,
              scans,
              nodeTests,
              touched: packed(log.touched.values()),
              places: Int32Array.from(log.places),
            };
          } else detected = runDetectors(begun.file, begun.active, begun.testFile);
        }
        const result = finishLint(begun.file, detected, begun.testFile, begun.hasDirectives);
        if (reused) {
          // The other files the detectors asked for and used: a change no answer read asks for nothing new.
          if (reuse.result.wanted) result.wanted = reuse.result.wanted;
          if (reuse.result.dependsOn) result.dependsOn = reuse.result.dependsOn;
        }
        this.remember(key, detected, begun, result, reads);
        return result;
      });
    } finally {
      file?.dispose();
    }
  }

  /** The tree of the current text: the kept tree reparsed incrementally, or a fresh parse. */
  private reparse(
    grammars: Grammars,
    grammar: GrammarName | undefined,
    deadline: Deadline,
    confined = false,
  ): Tree | undefined {
    if (!grammar) return undefined;
    if (this.tree && !this.treeStale && (!this.treeUnverified || confined)) return this.tree;
    const lang = grammars.get(grammar);
    if (!lang) return undefined;
    let tree: Tree | undefined;
    // A tree reparsed with an error (`treeUnverified`) is not reparsed from for the detectors: they get a parse
    // from scratch.
    let fresh = !this.tree || (this.treeUnverified && !confined);
    if (!fresh) {
      // From the edited tree, within a cap: tree-sitter can take far longer from an edited tree than from
      // none (a Kotlin edit took 65 s and 2.3 GB where a fresh parse took 1 ms). Past the cap, parse afresh.
      const left = deadline.at === Infinity ? INCREMENTAL_PARSE_MS : deadline.at - performance.now();
      try {
        tree = parse(lang, this.current, this.tree, Deadline.after(Math.max(1, Math.min(INCREMENTAL_PARSE_MS, left))));
      } catch (e) {
        if (!(e instanceof ParserFailed)) throw e;
        // The parser failed on the edited tree (a wasm abort): a new parser parses afresh, without it.
        this.dropTree();
      }
      if (tree && !confined && tree.rootNode.hasError) {
        // An error recovered from the edited tree (`treeUnverified`): the tree of a parse from scratch instead.
        tree.delete();
        tree = undefined;
      }
      if (!tree) {
        deadline.check();
        fresh = true;
      }
    }
    tree ??= parse(lang, this.current, undefined, deadline);
    // Cancelled at the deadline: the edited tree stays for the next attempt.
    if (!tree) throw new BudgetExceeded('time budget exceeded while parsing');
    // Where the structure changed, for a change confined to one statement (`confinedHolds`).
    this.changedRanges =
      confined && this.tree && !fresh
        ? tree.getChangedRanges(this.tree).map((r) => ({ start: r.startIndex, end: r.endIndex }))
        : undefined;
    this.tree?.delete();
    this.tree = tree;
    this.treeGrammar = grammar;
    this.treeLanguage = lang;
    this.treeStale = false;
    this.treeSynced = true;
    this.treeUnverified = !fresh && tree.rootNode.hasError;
    return tree;
  }

  /** The reads of a reused lint moved by the changes since (none lies inside a changed statement). */
  private shiftedReads(r: Reusable): Reads | undefined {
    if (!r.reads || this.shifts.length === 0) return r.reads;
    const shifts = this.shifts;
    const move = (o: number) => shifts.reduce(shiftOffset, o);
    const { starts, ends, flags } = r.reads.touched;
    return {
      ...r.reads,
      touched: { starts: starts.map(move), ends: ends.map(move), flags },
      places: r.reads.places.map(move),
    };
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
    begun: { file: File; active: Detector[]; testFile: boolean; hasDirectives: boolean },
    result: LintResult,
    reads: Reads | undefined,
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
      reads,
      activeDetectors: begun.active,
      namesLines: detected.raw.some(
        (f) =>
          LINE_NUMBER.test(f.message) ||
          (f.related ?? []).some((r) => LINE_NUMBER.test(r.message)) ||
          f.fixes.some((x) => LINE_NUMBER.test(x.title)),
      ),
    };
    this.reusable = entry;
    this.shifts = [];
    this.inertUnchecked = false;
    const i = this.history.findIndex((h) => h.text === text && h.key === key);
    if (i >= 0) this.history.splice(i, 1);
    this.history.push(entry);
    if (this.history.length > HISTORY) this.history.shift();
  }

  private dropTree(): void {
    // A confined change is checked against the reparsed tree: without one, the last findings are not reused.
    if (this.local) this.reusable = undefined;
    this.local = undefined;
    try {
      this.tree?.delete();
    } catch {
      // A parser that aborted (wasm) may fail to free the tree too: the tree is given up either way, and the
      // next lint parses afresh, rather than the change failing.
    }
    this.tree = undefined;
    this.treeGrammar = undefined;
    this.treeLanguage = undefined;
    this.treeStale = false;
    this.treeSynced = true;
    this.treeUnverified = false;
    this.inertUnchecked = false;
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
