// One pass over a tree for every node type a file's detectors ask for. Each `descendantsOfType` walk
// visits the whole tree in wasm; a Python file's detectors and model asked for four or five kinds of
// node, so a lint walked the tree that many times. Here one walk (or, for a type a walk cannot tell
// apart, one query) fetches all the types a language's detectors have asked for so far, and every later
// request for those types is a lookup in JavaScript.
import { noteLiteral, noteWord } from './reads';
import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';
import type { Deadline } from './parser';

/**
 * Types so numerous (most of a tree's nodes) that fetching them for every file would cost more than
 * the walks it saves: a request that names one gets a walk of its own.
 */
const HEAVY = new Set([
  'identifier',
  'property_identifier',
  'shorthand_property_identifier',
  'type_identifier',
  'field_identifier',
  'name',
  'constant',
  'attribute',
  'field_access',
  'navigation_expression',
  'member_access_expression',
  'scoped_identifier',
  'qualified_identifier',
  'qualified_name',
  'scope_resolution',
]);

interface Learned {
  types: Set<string>;
  /** The query over `types`, compiled once per set of types (undefined: the query would not compile). */
  query?: { types: string; query: Query | undefined };
  /** Per type, whether a walk finds exactly what a query captures (see `walkable`). */
  walkable?: Map<string, boolean>;
}

/**
 * Per grammar, the node types asked for so far, so the first request of a later tree fetches them all
 * in one query. Results never depend on it; only speed does. The host keeps one for many files (the
 * CLI per process, the server per open document); without one, each lint learns afresh.
 */
export class NodeTypeMemory {
  private readonly byLanguage = new Map<Language, Learned>();

  /** The learned types of a grammar. */
  of(language: Language): Learned {
    let l = this.byLanguage.get(language);
    if (!l) this.byLanguage.set(language, (l = { types: new Set() }));
    return l;
  }

  /** Frees the compiled queries. */
  dispose(): void {
    for (const l of this.byLanguage.values()) l.query?.query?.delete();
    this.byLanguage.clear();
  }
}

/** Types a grammar does not have: a query naming one would not compile, so they are walked alone. */
function knownType(language: Language, type: string): boolean {
  return language.idForNodeType(type, true) !== null;
}

/** A query capturing each of the types under its own name (undefined: it would not compile). */
function compile(language: Language, types: readonly string[]): Query | undefined {
  try {
    return new Query(language, types.map((t) => `(${t}) @${t}`).join('\n'));
  } catch {
    return undefined;
  }
}

function queryFor(language: Language, l: Learned): Query | undefined {
  const types = [...l.types].sort().join(' ');
  if (l.query?.types !== types) {
    l.query?.query?.delete();
    l.query = { types, query: compile(language, [...l.types]) };
  }
  return l.query.query;
}

/** Document order, as `descendantsOfType` gives it: by start, an enclosing node before what it holds. */
export function byPosition(a: Node, b: Node): number {
  return a.startIndex - b.startIndex || b.endIndex - a.endIndex;
}

/** The captures of one query over a whole tree, bucketed by node type. */
export class NodeIndex {
  private buckets: Map<string, Node[]> | undefined;

  constructor(
    private readonly tree: Tree,
    private readonly deadline: Deadline,
    private readonly memory: NodeTypeMemory,
  ) {}

  /** All nodes of the given types, in document order. */
  nodes(types: readonly string[]): Node[] {
    const language = this.tree.language;
    if (types.some((t) => HEAVY.has(t) || !knownType(language, t)))
      return this.tree.rootNode.descendantsOfType([...types]);
    const l = this.memory.of(language);
    for (const t of types) l.types.add(t);
    if (!this.buckets) this.fill(language, l, [...l.types]);
    else {
      // A type first asked for after the fill: fetched alone, not the whole learned set again.
      const missing = types.filter((t) => !this.buckets!.has(t));
      if (missing.length) this.fill(language, l, missing);
    }
    const buckets = this.buckets;
    if (!buckets) return this.tree.rootNode.descendantsOfType([...types]);
    if (types.length === 1) return buckets.get(types[0]) ?? [];
    return types.flatMap((t) => buckets.get(t) ?? []).sort(byPosition);
  }

  /**
   * Fetches the nodes of `types` into the buckets: one walk in wasm, which costs less than the captures
   * of a query (each capture crosses into wasm again), unless a type's name is ambiguous for a walk.
   */
  private fill(language: Language, l: Learned, types: readonly string[]): void {
    const buckets = this.buckets ?? new Map<string, Node[]>();
    for (const t of types) buckets.set(t, []);
    if (types.every((t) => walkable(language, l, t))) {
      this.deadline.check();
      for (const n of this.tree.rootNode.descendantsOfType([...types])) buckets.get(n.type)?.push(n);
      this.deadline.check();
    } else {
      const whole = types.length === l.types.size;
      const query = whole ? queryFor(language, l) : compile(language, types);
      if (!query) {
        this.buckets = undefined;
        return;
      }
      try {
        const captures = query.captures(this.tree.rootNode, this.deadline.queryOptions());
        // Cancelled at the time budget: the captures are partial, so the lint is abandoned instead.
        this.deadline.check();
        for (const c of captures) buckets.get(c.name)?.push(c.node);
      } finally {
        if (!whole) query.delete();
      }
    }
    for (const t of types) buckets.get(t)!.sort(byPosition);
    this.buckets = buckets;
  }
}

/**
 * Whether `descendantsOfType(type)` gives exactly the nodes a query `(type)` captures: every symbol the
 * grammar spells `type` is a named node that is not a supertype (a walk also matches anonymous tokens
 * of that spelling, like PHP's `list` keyword, and never a supertype, which a query expands).
 */
function walkable(language: Language, l: Learned, type: string): boolean {
  l.walkable ??= new Map();
  let ok = l.walkable.get(type);
  if (ok === undefined) {
    const supertypes = new Set(language.supertypes);
    ok = true;
    for (let id = 0; id < language.types.length; id++)
      if (language.types[id] === type && (!language.nodeTypeIsNamed(id) || supertypes.has(id))) ok = false;
    l.walkable.set(type, ok);
  }
  return ok;
}

/**
 * ASCII identifier characters. Anything else counts as a boundary: an occurrence next to a non-ASCII
 * letter is then found too, which only adds candidates the tree check turns down, while a BOM, NBSP or
 * stray emoji beside a word cannot hide it.
 */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** Offsets of the whole-word occurrences of `word` (anywhere: code, strings, comments). */
export function wordOccurrences(text: string, word: string): number[] {
  noteWord(word);
  const out: number[] = [];
  // indexOf('', i) never returns -1 (past the end it returns the length): an empty word (a MISSING
  // identifier of error recovery) would loop forever.
  if (!word) return out;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    if (!isWordChar(text.charCodeAt(i - 1)) && !isWordChar(text.charCodeAt(i + word.length))) out.push(i);
  }
  return out;
}

/**
 * Every whole word of a text (maximal runs of ASCII identifier characters, the boundaries of
 * `wordOccurrences`) by its spelling, from one pass: a lint that looks up hundreds of names (a model's
 * aliases, each detector's words) scans the text once instead of once per name.
 */
export class WordIndex {
  private readonly byWord = new Map<string, number[]>();

  constructor(text: string) {
    for (const m of text.matchAll(/[\w$]+/g)) {
      const list = this.byWord.get(m[0]);
      if (list) list.push(m.index);
      else this.byWord.set(m[0], [m.index]);
    }
  }

  /** The offsets of `word` (made of `[A-Za-z0-9_$]` only), as `wordOccurrences` gives them. */
  get(word: string): number[] {
    noteWord(word);
    return this.byWord.get(word) ?? [];
  }
}

/**
 * The nodes of a leaf type (`identifier`, `property_identifier`) spelled exactly `name`, found at the
 * name's whole-word occurrences, in document order. (An occurrence between non-ASCII boundaries may sit
 * inside a longer identifier: the spelling check drops it.)
 */
export function leavesNamed(tree: Tree, text: string, name: string, type: string): Node[] {
  const out: Node[] = [];
  for (const at of wordOccurrences(text, name)) {
    const n = tree.rootNode.descendantForIndex(at, at + name.length);
    if (n?.type === type && n.text === name) out.push(n);
  }
  return out;
}

/**
 * For each occurrence of one of the literals (a whole word when it is one, anything else as is), the
 * innermost node of the given types around it, below the first ancestor whose type is in `stop` (the
 * language's statement lists); deduplicated, in document order. A detector that needs only such nodes
 * (calls with a `verify=` argument, objects with a `rejectUnauthorized` key) pays for the places of its
 * words instead of a walk of the whole tree, which on a 5,000-line file costs more than a keystroke.
 */
export function nodesAround(
  tree: Tree,
  text: string,
  literals: readonly string[],
  types: readonly string[],
  stop: ReadonlySet<string>,
): Node[] {
  const root = tree.rootNode;
  const want = new Set(types);
  const found = new Map<number, Node>();
  for (const literal of literals) {
    if (!literal) continue;
    const places: number[] = [];
    if (/^[\w$]+$/.test(literal)) places.push(...wordOccurrences(text, literal));
    else {
      noteLiteral(literal);
      for (let i = text.indexOf(literal); i >= 0; i = text.indexOf(literal, i + literal.length)) places.push(i);
    }
    for (const at of places) {
      // Climbing with Node.parent measured faster here than one descent from the root with a cursor.
      for (let n: Node | null = root.descendantForIndex(at, at + literal.length); n; n = n.parent) {
        const type = n.type;
        if (stop.has(type)) break;
        if (want.has(type)) {
          found.set(n.id, n);
          break;
        }
      }
    }
  }
  return [...found.values()].sort(byPosition);
}

/**
 * The nodes of one type as nested intervals, for "the innermost node of this type around an offset"
 * without a call into the tree: `Node.parent` costs O(depth × siblings) in tree-sitter (it walks down
 * from the root), so climbing from each occurrence of a word inside a long class body cost more than
 * the rest of a lint. Built from one query's captures (`SourceFile.nodes`); a lookup is a binary search
 * and a walk up the few enclosing nodes of the same type.
 */
export class Intervals {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Per node, the index of the nearest node of the list that holds it (-1: none). */
  private readonly up: Int32Array;

  /** `nodes` in document order (as `nodes()` gives them). */
  constructor(readonly nodes: readonly Node[]) {
    const n = nodes.length;
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.up = new Int32Array(n);
    const stack: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = nodes[i].startIndex;
      const e = nodes[i].endIndex;
      this.starts[i] = s;
      this.ends[i] = e;
      while (
        stack.length > 0 &&
        !(this.starts[stack[stack.length - 1]] <= s && e <= this.ends[stack[stack.length - 1]])
      )
        stack.pop();
      this.up[i] = stack.length > 0 ? stack[stack.length - 1] : -1;
      stack.push(i);
    }
  }

  /** The index of the innermost node that holds [lo, hi] (start <= lo, hi <= end), or -1. */
  innermost(lo: number, hi: number): number {
    const starts = this.starts;
    let a = 0;
    let b = starts.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (starts[m] <= lo) a = m + 1;
      else b = m;
    }
    // The last node starting at or before lo; whatever holds [lo, hi] holds it (nodes nest).
    let j = a - 1;
    while (j >= 0 && this.ends[j] < hi) j = this.up[j];
    return j;
  }

  /** The index of the nearest node of the list that holds node `i` (-1: none). */
  parentOf(i: number): number {
    return this.up[i];
  }

  start(i: number): number {
    return this.starts[i];
  }

  end(i: number): number {
    return this.ends[i];
  }
}

/**
 * `nodesAround` for one node type, from interval indexes instead of climbing the tree: for each place,
 * the innermost node of `type` that holds it, unless a statement container (`containers`: the
 * language's blocks) lies between them; the tree's root is never between. Gives what `nodesAround`
 * gives for node types that hold no statement container in the grammar (calls, assignments): a container
 * with exactly the node's range is then the node's ancestor (a block of one statement).
 */
export function nodesAroundIndexed(
  text: string,
  literals: readonly string[],
  index: Intervals,
  containers: Intervals,
  occurrences: (word: string) => number[],
): Node[] {
  const found = new Map<number, Node>();
  for (const literal of literals) {
    if (!literal) continue;
    const len = literal.length;
    const visit = (at: number) => {
      const i = index.innermost(at, at + len);
      if (i < 0) return;
      if (containerBetween(index, i, containers, at, at + len)) return;
      const node = index.nodes[i];
      found.set(node.id, node);
    };
    if (/^[\w$]+$/.test(literal)) for (const at of occurrences(literal)) visit(at);
    else {
      noteLiteral(literal);
      for (let i = text.indexOf(literal); i >= 0; i = text.indexOf(literal, i + len)) visit(i);
    }
  }
  return [...found.values()].sort(byPosition);
}

/**
 * Whether a statement container around [lo, hi] lies inside node `i` of `index` (then a climb from the
 * place stops at the container before it reaches the node). A container with the node's exact range
 * holds it (a block of that one statement).
 */
export function containerBetween(index: Intervals, i: number, containers: Intervals, lo: number, hi: number): boolean {
  const c = containers.innermost(lo, hi);
  if (c < 0) return false;
  const cs = containers.start(c);
  const ce = containers.end(c);
  const s = index.start(i);
  const e = index.end(i);
  return cs >= s && ce <= e && !(cs === s && ce === e);
}
