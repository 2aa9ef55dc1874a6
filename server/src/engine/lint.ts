// The engine's entry point: text + language + settings in, findings out. No I/O, no LSP.
import type { Node, Tree } from 'web-tree-sitter';
import { SYNTAX_ERROR_MEMO } from './deps/manifests';
import { LANGUAGES, isTestFile, isTestInput, languageOf, type GrammarName } from './languages';
import { extendOverDescribingComment } from './edits';
import { flagMessage, intentOf, optInMessage, yamlIntentOf, type Intent } from './intent';
import { LiteralSet } from './literals';
import { NodeIndex, NodeTypeMemory } from './node-index';
import { BudgetExceeded, Deadline, ParserFailed, guardTree, guardWasm, parse, type Grammars } from './parser';
import { DETECTORS, RULES } from './registry';
import {
  findSuppression,
  parseDirectives,
  removeDirectiveEdit,
  suppressEditFor,
  suppressFileEditFor,
} from './suppressions';
import { LineIndex, lineBreakOf } from './text';
import { noteTypes, unrecorded } from './reads';
import {
  assignedNamesOf,
  callScreen,
  isDeclarationFile,
  callSiteReports,
  callTokens,
  callsMayReach,
  constantTextsOf,
  functionSpansOf,
  packageOf,
  importsOf,
  probedFunctionText,
} from './calls';
import {
  WorkspaceView,
  probeKey,
  relatedAt,
  type ForeignValue,
  type Probe,
  type SinkHit,
  type TextScreen,
  type WorkspaceIndex,
} from './workspace';
import {
  DEFAULT_SETTINGS,
  UNUSED_SUPPRESSION,
  type Detector,
  type Finding,
  type Fix,
  type LanguageId,
  type LintResult,
  type LintSettings,
  type ReportedRuleId,
  type RelatedLocation,
  type Report,
  type Severity,
  type SourceFile,
} from './types';

export interface LintInput {
  text: string;
  /** The file's path (relative or absolute); decides the language when none is given, and test-file mode. */
  path: string;
  /** An editor language id (LSP `languageId`), used when the path does not decide. */
  languageId?: string | undefined;
  language?: LanguageId | undefined;
  settings?: LintSettings | undefined;
  /** A tree for this exact text, from an earlier incremental parse; reused as is. */
  tree?: Tree | undefined;
  /**
   * A time budget in ms (none by default; hosts pass DEFAULT_BUDGET_MS): past it, parsing is
   * cancelled, no further detector runs, and the result is `abandoned` with an error saying so.
   */
  budgetMs?: number | undefined;
  /** The node types learned so far (speed only); hosts that lint many files keep one. */
  nodeTypes?: NodeTypeMemory;
  /**
   * Other files' summaries (engine/workspace): imported constants resolve through them. Without it a
   * lint sees this file alone; what it would have asked for is in `LintResult.wanted`.
   */
  index?: WorkspaceIndex | undefined;
  /**
   * A probe lint (engine/calls): a parameter of a function taken to hold a constant. The result has no
   * findings, only the sinks the parameter reaches (`LintResult.sinks`).
   */
  probe?: Probe | undefined;
}

/** A tree given for the text: the tree itself, or a function that gives it on first use. */
export type TreeSource = Tree | (() => Tree | undefined) | undefined;

/** How many of its own functions' probes one lint runs (engine/calls). */
const MAX_OWN_PROBES = 16;

/**
 * The memos (`SourceFile.memo`) that depend on the text and tree alone, never on a probe or another file:
 * a probe lint of the same text shares them with its lint (the Python semantic model, whose values a probe
 * changes, is the probe's own; its names are not, `python.names`). JavaScript's model (`javascript.model`:
 * imports, bindings and functions read from the tree) gives values no probe changes (engine/languages/
 * javascript/params.ts gives the probed parameter's).
 */
const SYNTAX_MEMOS =
  /^(?:python\.(?:names|nodesAround|occurrences|words|intervals|assignmentsAround|callsNamed|methodCallsOn|methodCallsEndingIn|assignmentsTo|bindingSites|bindingsEndingIn|importBindings|importSources|starSources|testTableName|imports-aiohttp)\b|calls\.function:|calls\.python\.own$|calls\.javascript\.own$|javascript\.(?:model$|nodesAround:))/;

export class File implements SourceFile {
  private probes = 0;
  private treeCache: Tree | undefined | null = null;
  private readonly nodeCache = new Map<string, Node[]>();
  private index: NodeIndex | undefined;
  private readonly memos = new Map<string, unknown>();
  private readonly owned: Tree[] = [];
  private readonly unguard: (() => void)[] = [];
  private view: WorkspaceView | undefined;

  constructor(
    readonly text: string,
    readonly path: string,
    readonly language: LanguageId,
    readonly settings: LintSettings,
    private readonly grammars: Grammars,
    private readonly given: TreeSource,
    readonly deadline: Deadline,
    private readonly nodeTypes: NodeTypeMemory,
    private readonly workspaceIndex?: WorkspaceIndex,
    readonly probe?: Probe,
    /** The lint whose own-function probe this is (same text and tree): its syntax indexes are shared. */
    private readonly outer?: File,
  ) {
    if (given && typeof given !== 'function') {
      this.treeCache = given;
      this.unguard.push(guardTree(given, deadline));
    }
  }

  get tree(): Tree | undefined {
    if (this.treeCache === null && typeof this.given === 'function') {
      // A tree the caller keeps (an open document's): guarded while this file is linted, never freed here.
      const tree = this.given();
      if (tree) this.unguard.push(guardTree(tree, this.deadline));
      this.treeCache = tree;
    }
    if (this.treeCache === null) {
      const g = LANGUAGES[this.language].grammar;
      const lang = g ? this.grammars.get(g) : undefined;
      this.treeCache = lang ? this.own(parse(lang, this.text, undefined, this.deadline)) : undefined;
    }
    return this.treeCache;
  }

  get workspace(): WorkspaceView {
    if (!this.view) {
      const g = LANGUAGES[this.language].grammar;
      this.view = new WorkspaceView(
        this.workspaceIndex,
        this.path,
        this.language,
        (text) => (g ? this.parseEmbedded(g, text) : undefined),
        (body, words, text) => mayReach(this.language, body, words, text),
      );
    }
    return this.view;
  }

  /** The view, when a detector asked for another file at all. */
  get workspaceUsed(): WorkspaceView | undefined {
    return this.view;
  }

  /** The sinks a parameter of one of this file's own functions reaches with a constant (a probe of this text). */
  ownSinks(probe: Probe): SinkHit[] {
    return this.memo(`calls.own:${probeKey(probe)}`, () => {
      // Each probe lints the file again: a file that calls its own functions with constants hundreds of
      // times (a test module) is probed for the first few only, on the tree already parsed, within what is
      // left of this lint's budget. A function whose text names no detector's word reaches no sink: no probe.
      const body = probedFunctionText(this, probe);
      if (body === undefined || !this.mayReachSink(`${body}\n${probe.text}`)) return [];
      if (this.probes++ >= MAX_OWN_PROBES) return [];
      const left = this.deadline.at === Infinity ? undefined : Math.max(1, this.deadline.at - performance.now());
      return this.probeSinks(probe, Deadline.after(left));
    });
  }

  /** Whether a text (a function's) names a word of one of this language's detectors: else it holds no sink. */
  mayReachSink(text: string): boolean {
    const has = literalsOf(this.language, DETECTORS).scan(text);
    const active = this.memo('calls.active', () => activeIn(this.language, this.settings, DETECTORS));
    return active.some((d) => d.tokens.length === 0 || d.tokens.some(has));
  }

  /**
   * A probe lint of this very text (what `lint` with `probe` does, without the work that does not depend
   * on the probe): the text's pre-filter words, node index and syntax indexes are this lint's; only the
   * detectors the probed function and constant call for run, and nothing but their sinks is kept.
   */
  private probeSinks(probe: Probe, deadline: Deadline): SinkHit[] {
    let file: File | undefined;
    try {
      const { text, language, settings } = this;
      const set = literalsOf(language, DETECTORS);
      const inText = this.memo('lint.words', () => set.scan(text));
      // As `beginLint` scans the text and the constant joined by a line break.
      const has = (w: string) => inText(w) || probe.text.includes(w) || w.includes('\n');
      const active = activeIn(language, settings, DETECTORS).filter((d) => passes(d, has));
      if (active.length === 0) return [];
      file = new File(
        text,
        this.path,
        language,
        settings,
        this.grammars,
        this.tree,
        deadline,
        this.nodeTypes,
        undefined,
        probe,
        this,
      );
      const body = probedFunctionText(file, probe);
      if (body === undefined) return [];
      const inBody = set.scan(`${body}\n${probe.text}`);
      const run = active.filter(
        (d) => (d.tokens.length === 0 || d.tokens.some(inBody)) && (!d.alsoTokens || d.alsoTokens.some(has)),
      );
      const inTest = isTestFile(this.path);
      return runDetectors(file, run, settings.testFiles !== 'report' && inTest).sinks ?? [];
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      // Over the probe's budget: the outer lint goes on if it has time left (as an abandoned probe lint).
      this.deadline.check();
      return [];
    } finally {
      file?.dispose();
    }
  }

  parseEmbedded(grammar: GrammarName, text: string): Tree | undefined {
    const lang = this.grammars.get(grammar);
    return lang ? this.own(parse(lang, text, undefined, this.deadline)) : undefined;
  }

  private own(tree: Tree | undefined): Tree | undefined {
    if (tree) {
      this.owned.push(tree);
      this.unguard.push(guardTree(tree, this.deadline));
    }
    return tree;
  }

  /** Frees the trees this file parsed (web-tree-sitter trees live in wasm memory, not the JS heap). */
  dispose(): void {
    for (const u of this.unguard) u();
    this.unguard.length = 0;
    for (const t of this.owned) t.delete();
    this.owned.length = 0;
  }

  get parsedTree(): Tree | undefined {
    return this.treeCache ?? undefined;
  }

  nodes(...types: string[]): Node[] {
    noteTypes(types);
    if (this.outer) return this.outer.nodes(...types);
    const key = types.join('\0');
    let hit = this.nodeCache.get(key);
    if (!hit) {
      const tree = this.tree;
      if (tree) this.index ??= new NodeIndex(tree, this.deadline, this.nodeTypes);
      // The index's walk over the whole tree is no read of a detector's (engine/reads: the types are).
      const index = this.index;
      hit = index ? unrecorded(() => index.nodes(types)) : [];
      this.nodeCache.set(key, hit);
    }
    return hit;
  }

  memo<T>(key: string, compute: () => T): T {
    if (this.outer && SYNTAX_MEMOS.test(key)) return this.outer.memo(key, compute);
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }
}

/** The severity a rule has under the settings, or undefined when it is off. */
export function severityOf(rule: ReportedRuleId, settings: LintSettings): Severity | undefined {
  const configured = settings.rules[rule];
  if (configured === 'off') return undefined;
  if (configured) return configured;
  if (rule === UNUSED_SUPPRESSION) return 'information';
  return RULES.get(rule)?.defaultSeverity;
}

/** Per detector list and language, every literal its detectors' pre-filters name. */
const literalSets = new WeakMap<readonly Detector[], Map<LanguageId, LiteralSet>>();

/**
 * The line comment marker whose comments hold no word a detector needs (engine/literals `inLineComment`):
 * the language's, except where a marker within a line is no comment (an Apache directive's `#` is an
 * argument).
 */
function proseComment(language: LanguageId): string | undefined {
  if (language === 'apache') return undefined;
  return LANGUAGES[language]?.lineComment || undefined;
}

function literalsOf(language: LanguageId, detectors: readonly Detector[]): LiteralSet {
  let byLanguage = literalSets.get(detectors);
  if (!byLanguage) literalSets.set(detectors, (byLanguage = new Map<LanguageId, LiteralSet>()));
  let set = byLanguage.get(language);
  if (!set) {
    const mine = detectors.filter((d) => d.languages.includes(language));
    set = new LiteralSet(
      ['tlslint-disable', ...mine.flatMap((d) => [...d.tokens, ...(d.alsoTokens ?? [])])],
      proseComment(language),
    );
    byLanguage.set(language, set);
  }
  return set;
}

/** Per language, every word its detectors' pre-filters name, and a set to find them (text screens). */
const screenWords = new Map<LanguageId, { words: string[]; set: LiteralSet }>();

function wordsOf(language: LanguageId): { words: string[]; set: LiteralSet } {
  let w = screenWords.get(language);
  if (!w) {
    const mine = DETECTORS.filter((d) => d.languages.includes(language));
    const words = [...new Set(['tlslint-disable', ...mine.flatMap((d) => [...d.tokens, ...(d.alsoTokens ?? [])])])];
    // The pre-filter's set (the same literals): a text it has just scanned is not scanned again.
    screenWords.set(language, (w = { words, set: literalsOf(language, DETECTORS) }));
  }
  return w;
}

/** The words a text screen looks for (`screenText`): a text without any of them has a screen without words. */
export function screenWordsOf(language: LanguageId): readonly string[] {
  return wordsOf(language).words;
}

/**
 * A file's text screen (engine/workspace `TextScreen`): what a lint calling its functions needs to know
 * to leave it unread. Pure and cheap (one pass of the pre-filter's words, no parse); undefined for a
 * language without call sites (engine/calls).
 */
export function screenText(input: {
  text: string;
  path: string;
  language?: LanguageId;
  /**
   * The host knows that the text holds none of `screenWordsOf` (a byte test of the file it read: host/prefilter),
   * so the words are not looked for. The screen is the same as without.
   */
  wordless?: boolean;
}): TextScreen | undefined {
  const language = input.language ?? languageOf(input.path, undefined, input.text);
  const imports = language ? importsOf(language, input.text) : undefined;
  if (!language || !imports) return undefined;
  const { words, set } = wordsOf(language);
  const spans = functionSpansOf(language, input.text);
  // The words the text holds (most texts hold none: then no function does), then each function's, from its
  // own span, in one pass over the text.
  const present = input.wordless ? [] : words.filter(set.scan(input.text)).filter(liveIn(language, input.text));
  const [all, ...inSpans] = present.length
    ? set.spanWords(input.text, present, [{ start: 0, end: input.text.length }, ...(spans ?? [])])
    : [[], ...(spans ?? []).map(() => [])];
  const screen: TextScreen = { words: all, imports: imports.statements };
  const pkg = packageOf(language, input.text);
  if (pkg) screen.package = pkg;
  if (spans) {
    screen.functions = spans.map((f, i) => ({ name: f.name, words: inSpans[i] }));
    const assigned = assignedNamesOf(language, input.text);
    if (assigned) screen.assigned = assigned;
    const constants = constantTextsOf(language, input.text);
    if (constants) {
      // A text without words has none in its constants.
      // No prototype: a constant may be named `constructor`.
      const byName: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
      if (screen.words.length) {
        // One pass over the texts joined by line breaks (as a caller's constant is joined to its file).
        let joined = '';
        const spans = constants.map((c) => {
          const start = joined.length;
          joined += `${c.text}\n`;
          return { start, end: start + c.text.length };
        });
        set.spanWords(joined, screen.words, spans).forEach((words, i) => {
          const name = constants[i].name;
          if (words.length)
            byName[name] = [...new Set([...(Object.hasOwn(byName, name) ? byName[name] : []), ...words])];
        });
      }
      screen.constantWords = byName;
    }
  }
  // Its names are slices of the text, which keep the whole text alive as long as the screen (a scan keeps
  // every module's screen): a copy of plain strings holds only the names.
  return JSON.parse(JSON.stringify(screen)) as TextScreen;
}

/**
 * Whether a probe lint (engine/calls) of a function whose text holds the words `body`, in a file holding
 * `words`, may find a sink when the probed parameter holds a constant of this text: as `lint` with a probe
 * chooses its detectors (any detector of the language, whatever the settings), or none runs at all.
 */
function mayReach(language: LanguageId, body: readonly string[], words: readonly string[], text: string): boolean {
  const inBody = new Set(body);
  const inWords = new Set(words);
  // A word with a line break could span the text and the constant as `beginLint` joins them.
  const has = (w: string) => inWords.has(w) || text.includes(w) || w.includes('\n');
  const hasInBody = (w: string) => inBody.has(w) || text.includes(w) || w.includes('\n');
  return DETECTORS.some(
    (d) =>
      d.languages.includes(language) &&
      (d.tokens.length === 0 || d.tokens.some(hasInBody)) &&
      (!d.alsoTokens || d.alsoTokens.some(has)),
  );
}

/**
 * Whether a probe lint may find a sink in a function whose text (with the constant's) holds the words
 * `body`, in a file (with the constant's) holding `file`: as `lint` with a probe chooses its detectors,
 * any detector of the language whatever the settings.
 */
function maySinkWords(language: LanguageId, body: ReadonlySet<string>, file: ReadonlySet<string>): boolean {
  const inBody = (w: string) => body.has(w) || w.includes('\n');
  const inFile = (w: string) => file.has(w) || w.includes('\n');
  return DETECTORS.some(
    (d) =>
      d.languages.includes(language) &&
      (d.tokens.length === 0 || d.tokens.some(inBody)) &&
      (!d.alsoTokens || d.alsoTokens.some(inFile)),
  );
}

/**
 * Every literal whose presence in a text of this language can change what its detectors do: their
 * pre-filter tokens, the suppression keyword and the words of a call of another file's function.
 */
export function detectorLiterals(language: LanguageId, detectors: readonly Detector[] = DETECTORS): string[] {
  const mine = detectors.filter((d) => d.languages.includes(language));
  return [
    ...new Set([
      'tlslint-disable',
      ...mine.flatMap((d) => [...d.tokens, ...(d.alsoTokens ?? [])]),
      ...callTokens(language),
    ]),
  ];
}

/** Detectors of this language whose rule is on under these settings. */
function activeIn(language: LanguageId, settings: LintSettings, detectors: readonly Detector[]): Detector[] {
  return detectors.filter((d) => d.languages.includes(language) && severityOf(d.rule, settings) !== undefined);
}

/** Detectors that can fire in this language under these settings, after the literal pre-filter. */
function candidates(
  language: LanguageId,
  text: string,
  settings: LintSettings,
  detectors: readonly Detector[],
): Detector[] {
  const has = literalsOf(language, detectors).scan(text);
  return activeIn(language, settings, detectors).filter(
    (d) => passes(d, has) && (!d.textScreen || d.textScreen(text, language)),
  );
}

/** Per language, the words only detectors with a text screen name (`Detector.textScreen`), and those detectors. */
const screenedWords = new Map<LanguageId, Map<string, Detector[]>>();

/**
 * A test of whether a word found in a text counts (text screens, the call gate): not when every detector
 * that names it has a text screen that fails on the text, for then none of them can report anything.
 */
function liveIn(language: LanguageId, text: string): (word: string) => boolean {
  let screened = screenedWords.get(language);
  if (!screened) {
    screened = new Map<string, Detector[]>();
    const owners = new Map<string, Detector[]>();
    for (const d of DETECTORS.filter((x) => x.languages.includes(language)))
      for (const w of new Set([...d.tokens, ...(d.alsoTokens ?? [])])) owners.set(w, [...(owners.get(w) ?? []), d]);
    for (const [w, ds] of owners) if (ds.every((d) => d.textScreen)) screened.set(w, ds);
    screenedWords.set(language, screened);
  }
  if (!screened.size) return () => true;
  const verdicts = new Map<Detector, boolean>();
  const map = screened;
  return (word) =>
    map.get(word)?.some((d) => {
      let v = verdicts.get(d);
      if (v === undefined) verdicts.set(d, (v = d.textScreen!(text, language)));
      return v;
    }) ?? true;
}

function passes(d: Detector, has: (literal: string) => boolean): boolean {
  return (d.tokens.length === 0 || d.tokens.some(has)) && (!d.alsoTokens || d.alsoTokens.some(has));
}

/**
 * A test that is false only when nothing can be reported for a text of this language under these
 * settings (no detector's pre-filter passes and there is no suppression directive), or `undefined`
 * when some detector runs on every file.
 */
export function prefilter(
  language: LanguageId,
  settings: LintSettings,
  detectors: readonly Detector[] = DETECTORS,
): ((text: string) => boolean) | undefined {
  const active = activeIn(language, settings, detectors);
  if (active.some((d) => d.tokens.length === 0)) return undefined;
  const set = literalsOf(language, detectors);
  const calls = callTokens(language);
  return (text) => {
    const has = set.scan(text);
    return has('tlslint-disable') || active.some((d) => passes(d, has)) || calls.some((t) => text.includes(t));
  };
}

/**
 * The literals whose absence proves a file has nothing to report in this language under these
 * settings (no detector could run and there is no suppression directive), or `undefined` when some
 * detector runs on every file. Hosts may test raw bytes with them before decoding a file at all.
 */
export function prefilterTokens(
  language: LanguageId,
  settings: LintSettings,
  detectors: readonly Detector[] = DETECTORS,
): string[] | undefined {
  const active = activeIn(language, settings, detectors);
  if (active.some((d) => d.tokens.length === 0)) return undefined;
  // A file that imports a module of the project may call a function whose parameter reaches a sink (engine/calls).
  return [...new Set(['tlslint-disable', ...active.flatMap((d) => d.tokens), ...callTokens(language)])];
}

function normalizeFixes(fix: Fix | Fix[] | undefined): Fix[] {
  if (!fix) return [];
  return (Array.isArray(fix) ? fix : [fix]).filter((f) => f.edits.length > 0);
}

/** The intent of a report (engine/intent): from its node, or the smallest node spanning its range. */
function intentAt(file: File, r: Report, start: number, end: number, inTest: boolean): Intent {
  const flagged = r.flag;
  if (file.language === 'yaml') {
    if (flagged && !('type' in flagged))
      return { kind: 'opt-in', flag: flagged, flagText: file.text.slice(flagged.start, flagged.end), why: 'value' };
    return yamlIntentOf(file.text, start);
  }
  const tree = file.tree;
  if (!tree) {
    // A format without a tree (JSON configuration): a flag range is the value a deployment fills in.
    if (flagged && !('type' in flagged))
      return { kind: 'opt-in', flag: flagged, flagText: file.text.slice(flagged.start, flagged.end), why: 'value' };
    return undefined;
  }
  const node = r.node ?? tree.rootNode.descendantForIndex(start, Math.max(start, end - 1));
  if (!node) return undefined;
  if (flagged && !('type' in flagged)) {
    const leaf = tree.rootNode.descendantForIndex(flagged.start, Math.max(flagged.start, flagged.end - 1));
    return intentOf(file, node, inTest, leaf ?? undefined);
  }
  return intentOf(file, node, inTest, flagged);
}

/**
 * The other files' definitions a report rests on: the values of foreign trees (engine/workspace) that its
 * node is, or that its fix's state holds, or whose use lies within its range.
 */
function acrossFiles(file: File, r: Report, start: number, end: number): RelatedLocation[] {
  const view = file.workspaceUsed;
  if (!view || view.foreign.size === 0) return [];
  const values = new Set<ForeignValue>();
  const own = r.node ? view.origin(r.node) : undefined;
  if (own) values.add(own);
  for (const v of view.foreign.values()) if (v.use.start >= start && v.use.end <= end) values.add(v);
  return [...values]
    .filter((v) => !v.probe)
    .map((v) =>
      relatedAt(v.summary.path, v.constant.at, `\`${v.constant.name}\` is \`${v.constant.text}\` in ${v.summary.path}`),
    );
}

/** Lints one file. Never throws for bad input: a failing detector is reported in `errors`. */
export function lint(input: LintInput, grammars: Grammars, detectors: readonly Detector[] = DETECTORS): LintResult {
  const deadline = Deadline.after(input.budgetMs);
  const nodeTypes = input.nodeTypes ?? new NodeTypeMemory();
  let file: File | undefined;
  try {
    return withBudget(input, () => {
      const start = beginLint(input, grammars, detectors, deadline, nodeTypes, input.tree);
      if ('result' in start) return start.result;
      file = start.file;
      let active = start.active;
      if (input.probe) {
        // A probe runs the detectors its function's text (and the constant) calls for, no others.
        const body = probedFunctionText(start.file, input.probe);
        // Its words in the function's text; the library's name (`alsoTokens`) anywhere in the file.
        const set = literalsOf(start.file.language, detectors);
        const inBody = set.scan(`${body ?? ''}\n${input.probe.text}`);
        const inFile = set.scanWithTail(input.text, input.probe.text);
        active =
          body === undefined
            ? []
            : active.filter(
                (d) => (d.tokens.length === 0 || d.tokens.some(inBody)) && (!d.alsoTokens || d.alsoTokens.some(inFile)),
              );
      }
      const found = runDetectors(start.file, active, start.testFile);
      return finishLint(start.file, found, start.testFile, start.hasDirectives);
    });
  } finally {
    file?.dispose();
    if (!input.nodeTypes) nodeTypes.dispose();
  }
}

/** Runs `fn`; past the deadline the result is an abandoned one saying so. */
export function withBudget(
  input: Pick<LintInput, 'path' | 'languageId' | 'language' | 'budgetMs'>,
  fn: () => LintResult,
): LintResult {
  const started = performance.now();
  try {
    return fn();
  } catch (e) {
    const language = input.language ?? languageOf(input.path, input.languageId);
    // tree-sitter failed on this text (a wasm abort): nothing can be reported, and the next parse has a new parser.
    if (e instanceof ParserFailed)
      return { language, findings: [], suppressed: [], errors: [{ message: e.message }], syntaxErrors: false };
    if (!(e instanceof BudgetExceeded)) throw e;
    const message = `abandoned after ${Math.round(performance.now() - started)} ms: time budget of ${input.budgetMs} ms exceeded`;
    return { language, findings: [], suppressed: [], errors: [{ message }], syntaxErrors: false, abandoned: true };
  }
}

/** What the detectors of one file gave: findings before suppressions, and failures. */
export interface Detected {
  raw: Finding[];
  errors: LintResult['errors'];
  /** A probe lint's sinks (engine/calls). */
  sinks?: SinkHit[];
}

/** A file ready for its detectors, or the whole result when nothing can be reported. */
export type Begun =
  { result: LintResult } | { file: File; active: Detector[]; testFile: boolean; hasDirectives: boolean };

/** Decides the language and the detectors that can fire; a given tree must be of this exact text. */
export function beginLint(
  input: LintInput,
  grammars: Grammars,
  detectors: readonly Detector[],
  deadline: Deadline,
  nodeTypes: NodeTypeMemory,
  tree: TreeSource,
  /** The detectors the pre-filter chose for this text, when the caller knows (engine/document: a confined change). */
  known?: Detector[],
): Begun {
  const settings = input.settings ?? DEFAULT_SETTINGS;
  const language = input.language ?? languageOf(input.path, input.languageId, input.text);
  const result: LintResult = { language, findings: [], suppressed: [], errors: [], syntaxErrors: false };
  if (!language || isTestInput(input.path, language)) return { result };
  // Test code: its fixes are never safe (rules.md §Fixes); `testFiles` decides how it is reported.
  const inTest = isTestFile(input.path);
  const testFile = settings.testFiles !== 'report' && inTest;
  if (testFile && settings.testFiles === 'ignore') return { result };
  const text = input.text;
  // A probe's constant is text the detectors read too (`ssl.CERT_NONE` handed to a file that never writes it).
  const active =
    known ?? candidates(language, input.probe ? `${text}\n${input.probe.text}` : text, settings, detectors);
  const hasDirectives = text.includes('tlslint-disable');
  // A file with no TLS word may still call another file's function with an insecure constant (engine/calls).
  const calls = !input.probe && !!input.index && !isDeclarationFile(input.path) && callScreen(language, text);
  if (active.length === 0 && !hasDirectives && !calls) return { result };
  if (active.length === 0 && !hasDirectives && input.index) {
    // Only its calls could be reported: unless the modules it imports hold the words a sink needs, nothing
    // can be (decided from their text screens, without parsing this file). They are its dependencies.
    const view = new WorkspaceView(input.index, input.path, language, () => undefined);
    const { words, set } = wordsOf(language);
    // Its text, its path (`requests/compat.py` names `requests.compat.X`) and the constants True and False.
    const mine = set.scanWithTail(text, `${input.path}\nTrue\nFalse`);
    const found = new Set(words.filter(mine).filter(liveIn(language, text)));
    if (!callsMayReach(language, text, input.path, view, found, (b, f) => maySinkWords(language, b, f))) {
      if (view.used.size) result.dependsOn = [...view.used.values()];
      return { result };
    }
  }
  const file = new File(
    text,
    input.path,
    language,
    settings,
    grammars,
    tree,
    deadline,
    nodeTypes,
    input.index,
    input.probe,
  );
  return { file, active, testFile, hasDirectives };
}

/** Runs the detectors over a file: findings in report order, before suppressions. */
export function runDetectors(file: File, active: readonly Detector[], testFile: boolean): Detected {
  const settings = file.settings;
  const inTest = isTestFile(file.path);
  const language = file.language;
  const text = file.text;
  const deadline = file.deadline;
  const result: Detected = { raw: [], errors: [] };
  const raw: Finding[] = [];
  const seen = new Map<string, Finding | undefined>();
  const sinks: SinkHit[] = [];
  const process = (detector: Detector, reports: Report[], callSites = false) => {
    for (const r of reports) {
      deadline.check();
      // A value from another file (engine/workspace) is reported where this file names it.
      const foreignNode = r.node ? file.workspaceUsed?.origin(r.node) : undefined;
      const start = foreignNode ? foreignNode.use.start : r.node ? r.node.startIndex : (r.range?.start ?? 0);
      const end = foreignNode ? foreignNode.use.end : r.node ? r.node.endIndex : (r.range?.end ?? start);
      if (file.probe) {
        // A probe lint keeps only what the probed value reaches: the sinks, not findings. A report that
        // rests on a flag (`rejectUnauthorized: !insecure` with `insecure` false) is no sink of the value.
        const param = r.flag ? undefined : probeReaches(file, r, start, end);
        if (param !== undefined) {
          const lines = file.memo('calls.lines', () => new LineIndex(text));
          const a = lines.positionAt(start);
          const b = lines.positionAt(end);
          const at = { start, end, line: a.line, character: a.character, endLine: b.line, endCharacter: b.character };
          // The sink's line as written, trimmed (`ctx.verify_mode = mode`).
          const lineText = text
            .slice(lines.offsetAt({ line: a.line, character: 0 }))
            .split(/\r?\n/)[0]
            .trim();
          sinks.push({
            rule: detector.rule,
            detector: detector.id,
            message: r.message,
            param,
            at,
            text: lineText.length > 80 ? `${lineText.slice(0, 77)}...` : lineText,
          });
        }
        continue;
      }
      const across = acrossFiles(file, r, start, end);
      // One construct never gets the same rule twice.
      const key = `${detector.rule}:${start}:${end}`;
      if (seen.has(key)) {
        // A call site the file's own detector reports already (`connect({ rejectUnauthorized: false })`):
        // the sink it reaches is one more related location of that finding.
        const earlier = seen.get(key);
        if (callSites && earlier && r.related) earlier.related = [...(earlier.related ?? []), ...r.related];
        continue;
      }
      seen.set(key, undefined);
      let fixes: Fix[] = [];
      // A fix would edit the other file's value at this file's offsets: the value is changed there, not here.
      if (r.fix && across.length === 0) {
        try {
          fixes = normalizeFixes(r.fix());
        } catch (e) {
          deadline.check();
          result.errors.push({
            detector: detector.id,
            message: `fix of ${detector.id} failed: ${(e as Error)?.message ?? String(e)}`,
          });
        }
      }
      let severity = severityOf(detector.rule, settings) as Severity;
      if (testFile) severity = 'information';
      const intent = intentAt(file, foreignNode ? { ...r, node: undefined } : r, start, end, inTest);
      if (intent?.kind === 'not-configuration') continue;
      const finding: Finding = {
        rule: detector.rule,
        detector: detector.id,
        message: r.message,
        start,
        end,
        severity,
        fixes,
      };
      if (intent?.kind === 'opt-in') {
        finding.kind = 'opt-in';
        finding.message = `${r.message} ${optInMessage(intent)}`;
        finding.severity = 'information';
        finding.related = [{ ...intent.flag, message: flagMessage(intent) }];
      }
      const related = [...(r.related ?? []), ...across];
      if (related.length) finding.related = [...(finding.related ?? []), ...related];
      // Fix safety, enforced here so no detector can get it wrong: a fix that could overrule what a
      // caller asked for (an opt-in path) or what a test exercises is never safe.
      if (intent?.kind === 'opt-in' || inTest) finding.fixes = fixes.map((f) => ({ ...f, safety: 'unsafe' }));
      // A removed line takes the comment that describes only it along.
      const leader = LANGUAGES[language].lineComment;
      finding.fixes = finding.fixes.map((f) => ({
        ...f,
        edits: f.edits.map((e) => extendOverDescribingComment(text, e, leader)),
      }));
      raw.push(finding);
      seen.set(key, finding);
    }
  };
  for (const detector of active) {
    deadline.check();
    const reports: Report[] = [];
    try {
      // A detector that fails inside tree-sitter (a wasm abort in a query) leaves its wasm stack as it was.
      guardWasm(() => detector.detect(file, (r) => reports.push(r)));
    } catch (e) {
      // Past the budget (a cancelled parse left no tree, or Node.parent threw): abandon the file.
      deadline.check();
      result.errors.push({
        detector: detector.id,
        message: `detector ${detector.id} failed: ${(e as Error)?.message ?? String(e)}`,
      });
      continue;
    }
    process(detector, reports);
  }
  // Calls of functions whose parameter reaches a sink, with an insecure constant: reported at the call site.
  if (!file.probe) {
    for (const [detector, reports] of callSiteReports(file, (id) => activeById(file, id)))
      process(detector, reports, true);
  }
  result.raw = raw;
  if (file.probe) result.sinks = sinks;
  return result;
}

/** The probed parameter a probe lint's report rests on (its node, or its use within the report's range), if any. */
function probeReaches(file: File, r: Report, start: number, end: number): string | undefined {
  const view = file.workspaceUsed;
  if (!view) return undefined;
  const own = r.node ? view.origin(r.node) : undefined;
  if (own?.probe) return own.constant.name;
  for (const v of view.foreign.values())
    if (v.probe && v.use.start >= start && v.use.end <= end) return v.constant.name;
  return undefined;
}

/** A detector by id, when its rule is on for this file's language and settings. */
function activeById(file: File, id: string): Detector | undefined {
  const d = DETECTORS.find((x) => x.id === id);
  return d && d.languages.includes(file.language) && severityOf(d.rule, file.settings) !== undefined ? d : undefined;
}

/** Copies a finding (its fixes and edits too): results handed out are never shared with a cache. */
export function copyFinding(f: Finding, shift: (offset: number) => number = (o) => o): Finding {
  const out: Finding = {
    ...f,
    start: shift(f.start),
    end: shift(f.end),
    fixes: f.fixes.map((x) => ({
      ...x,
      edits: x.edits.map((e) => ({ ...e, start: shift(e.start), end: shift(e.end) })),
    })),
  };
  if (f.related)
    out.related = f.related.map((r) => (r.file ? { ...r } : { ...r, start: shift(r.start), end: shift(r.end) }));
  delete out.suppressEdit;
  delete out.suppression;
  return out;
}

/** Applies suppressions to the detectors' findings, reports unused ones, and sorts: the result. */
export function finishLint(file: File, found: Detected, testFile: boolean, hasDirectives: boolean): LintResult {
  const { text, language, settings, deadline } = file;
  const result: LintResult = { language, findings: [], suppressed: [], errors: [...found.errors], syntaxErrors: false };
  const raw = found.raw.map((f) => copyFinding(f));
  deadline.check();
  const tree = file.parsedTree ?? (hasDirectives ? file.tree : undefined);
  // Formats read by their own parser (dependency manifests) record a parse failure in the file's memo.
  result.syntaxErrors =
    (tree?.rootNode.hasError ?? false) ||
    file.memo<string | undefined>(SYNTAX_ERROR_MEMO, () => undefined) !== undefined;
  // Only findings and directives need lines: a probe lint (engine/calls) has neither, and skips the pass.
  const lines = raw.length > 0 || hasDirectives ? new LineIndex(text) : new LineIndex('');
  const lineBreak = lineBreakOf(text);
  const directives = hasDirectives ? parseDirectives(text, language, lines, tree) : [];
  for (const f of raw) {
    deadline.check();
    const d = directives.length ? findSuppression(directives, f.rule, lines.lineOf(f.start)) : undefined;
    if (d) {
      d.used.add(f.rule);
      f.suppression = { kind: d.kind, justification: d.justification, start: d.start, end: d.end };
      result.suppressed.push(f);
    } else {
      f.suppressEdit = suppressEditFor(text, language, lines, f, lineBreak, tree ?? file.tree);
      f.suppressFileEdit = suppressFileEditFor(text, language, lines, f.rule, lineBreak);
      result.findings.push(f);
    }
  }

  const unusedSeverity = severityOf(UNUSED_SUPPRESSION, settings);
  if (unusedSeverity) {
    for (const d of directives) {
      // A rule that is turned off silences nothing by design; that is not a stale suppression.
      const named = d.rules.filter(
        (r) => !RULES.has(r as never) || severityOf(r as ReportedRuleId, settings) !== undefined,
      );
      const unused =
        d.rules.length === 0 ? (d.used.size === 0 ? ['(all rules)'] : []) : named.filter((r) => !d.used.has(r));
      if (unused.length === 0) continue;
      const unknown = unused.filter((r) => r !== '(all rules)' && !RULES.has(r as never));
      const message =
        unknown.length > 0
          ? `Suppression names unknown rule ${unknown.map((r) => `'${r}'`).join(', ')}.`
          : `Unused suppression: no ${unused.join(', ')} finding on ${d.kind === 'file' ? 'this file' : d.kind === 'line' ? 'this line' : 'the next line'}.`;
      const fixes: Fix[] =
        unused.length === d.rules.length || d.rules.length === 0
          ? [{ title: 'Remove unused suppression', safety: 'safe', edits: [removeDirectiveEdit(text, d, lines)] }]
          : [];
      result.findings.push({
        rule: UNUSED_SUPPRESSION,
        detector: 'tlslint.unused-suppression',
        message,
        start: d.start,
        end: d.end,
        severity: testFile ? 'information' : unusedSeverity,
        fixes,
      });
    }
  }

  if (found.sinks) result.sinks = found.sinks;
  const view = file.workspaceUsed;
  if (view?.wanted.size) result.wanted = [...view.wanted.values()];
  if (view?.used.size) result.dependsOn = [...view.used.values()];
  deadline.check();
  const byOffset = (a: Finding, b: Finding) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule);
  result.findings.sort(byOffset);
  result.suppressed.sort(byOffset);
  return result;
}
