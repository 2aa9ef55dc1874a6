// Parsing with tree-sitter. The host (CLI or server) loads the grammar .wasm files and hands them in;
// the engine only keeps one Parser per grammar, which is pure computation. Time budgets are passed in
// as a Deadline: nothing here holds "the running lint".
import { Node, Parser, type Language, type Tree } from 'web-tree-sitter';
import type { GrammarName } from './languages';

/** Loaded grammars, supplied by the host. */
export interface Grammars {
  get(name: GrammarName): Language | undefined;
}

const parsers = new Map<Language, Parser>();

/** Thrown when a lint's time budget is spent; `lint` turns it into an abandoned result. */
export class BudgetExceeded extends Error {}

/** A point in time (a `performance.now()` value) past which work is abandoned; `at` Infinity: none. */
export class Deadline {
  static readonly NONE = new Deadline(Infinity);

  constructor(readonly at: number) {}

  /** A deadline `budgetMs` from now (none for undefined, 0 or a negative budget). */
  static after(budgetMs: number | undefined): Deadline {
    return budgetMs !== undefined && budgetMs > 0 ? new Deadline(performance.now() + budgetMs) : Deadline.NONE;
  }

  /** Throws BudgetExceeded once the deadline has passed. */
  check(): void {
    if (this.at !== Infinity && performance.now() > this.at) throw new BudgetExceeded('time budget exceeded');
  }

  /**
   * Options for a query: with a deadline, tree-sitter's progress callback cancels the query once it
   * passes (a query over deeply nested code can take minutes). A cancelled query returns what it found
   * so far: call check() after it, so a partial result is never used.
   */
  queryOptions(): { progressCallback?: () => boolean } {
    const at = this.at;
    return at === Infinity ? {} : { progressCallback: () => performance.now() > at };
  }
}

/** The deadline of the lint that is using a tree now, by tree (set by `guardTree`). */
const treeDeadlines = new WeakMap<Tree, Deadline>();

/** What was asked of one node of a tree in use (`guardTree`): its type, parent and field children. */
interface NodeFacts {
  /** The tree's entry they belong to: they hold while it is in use. */
  held: HeldTree;
  type?: string;
  endIndex?: number;
  parent?: Node | null;
  fields?: Map<string, Node | null>;
}

/** A tree in use by lints: its nodes' facts by id, and how many lints use it. */
interface HeldTree {
  facts: Map<number, NodeFacts>;
  users: number;
  alive: boolean;
}

/** The trees lints are using now. */
const treeFacts = new Map<Tree, HeldTree>();
/** A node object's facts, kept on it too (most questions are asked of a node object already asked). */
const FACTS = Symbol('tlslint.nodeFacts');
let patched = false;

/**
 * `Node.type`, `Node.parent` and `Node.childForFieldName` each marshal the node into wasm memory, call
 * tree-sitter and (for a node) build a new JS object; the detectors ask them hundreds of thousands of
 * times per lint of a TLS-heavy file, mostly of the same nodes (every detector climbs from its words,
 * every probe lint runs them again on the same tree). While a tree is in use by a lint (`guardTree`)
 * the answers are kept per node id: a tree is not edited while linted, and within one tree no two nodes
 * share an id. `Node.parent` also checks the deadline of the lint using the node's tree: it costs
 * O(depth) in tree-sitter (it walks down from the root), so a detector that climbs parents over deeply
 * nested code is quadratic and no check between detectors would stop it.
 */
export function patchNode(): void {
  if (patched) return;
  patched = true;
  const proto = Node.prototype;
  /* eslint-disable @typescript-eslint/unbound-method -- the originals are called with the node as `this` */
  const typeDesc = Object.getOwnPropertyDescriptor(proto, 'type');
  const parentDesc = Object.getOwnPropertyDescriptor(proto, 'parent');
  const getType = typeDesc?.get;
  const getParent = parentDesc?.get;
  const endDesc = Object.getOwnPropertyDescriptor(proto, 'endIndex');
  const getEnd = endDesc?.get;
  const childForFieldName = proto.childForFieldName;
  /* eslint-enable @typescript-eslint/unbound-method */
  const factsOf = (node: Node): NodeFacts | undefined => {
    const kept = (node as Node & { [FACTS]?: NodeFacts })[FACTS];
    if (kept?.held.alive) return kept;
    const held = treeFacts.get(node.tree);
    if (!held) return undefined;
    let f = held.facts.get(node.id);
    if (!f) held.facts.set(node.id, (f = { held }));
    (node as Node & { [FACTS]?: NodeFacts })[FACTS] = f;
    return f;
  };
  if (endDesc && getEnd)
    Object.defineProperty(proto, 'endIndex', {
      ...endDesc,
      get(this: Node) {
        const f = factsOf(this);
        if (!f) return getEnd.call(this) as number;
        return (f.endIndex ??= getEnd.call(this) as number);
      },
    });
  if (typeDesc && getType)
    Object.defineProperty(proto, 'type', {
      ...typeDesc,
      get(this: Node) {
        const f = factsOf(this);
        if (!f) return getType.call(this) as string;
        return (f.type ??= getType.call(this) as string);
      },
    });
  if (parentDesc && getParent)
    Object.defineProperty(proto, 'parent', {
      ...parentDesc,
      get(this: Node) {
        const f = factsOf(this);
        if (f?.parent !== undefined) return f.parent;
        treeDeadlines.get(this.tree)?.check();
        const parent = getParent.call(this) as Node | null;
        if (f) f.parent = parent;
        return parent;
      },
    });
  proto.childForFieldName = function (this: Node, name: string): Node | null {
    const f = factsOf(this);
    if (!f) return childForFieldName.call(this, name);
    const fields = (f.fields ??= new Map<string, Node | null>());
    let child = fields.get(name);
    if (child === undefined) fields.set(name, (child = childForFieldName.call(this, name)));
    return child;
  };
}

/**
 * Marks `tree` as in use by a lint until the returned function is called: `Node.parent` on its nodes
 * checks `deadline`, and its nodes' types, parents and field children are remembered (`patchNode`).
 * The tree must not be edited meanwhile; the facts are dropped when its last lint ends.
 */
export function guardTree(tree: Tree, deadline: Deadline): () => void {
  patchNode();
  let held = treeFacts.get(tree);
  if (!held) treeFacts.set(tree, (held = { facts: new Map(), users: 0, alive: true }));
  held.users++;
  const entry = held;
  const release = () => {
    if (--entry.users > 0) return;
    entry.alive = false;
    entry.facts.clear();
    if (treeFacts.get(tree) === entry) treeFacts.delete(tree);
  };
  if (deadline.at === Infinity) return release;
  // A lint inside a lint (a probe on the same tree) restores the outer deadline when it ends.
  const previous = treeDeadlines.get(tree);
  treeDeadlines.set(tree, deadline);
  return () => {
    release();
    if (treeDeadlines.get(tree) !== deadline) return;
    if (previous) treeDeadlines.set(tree, previous);
    else treeDeadlines.delete(tree);
  };
}

/** Thrown when tree-sitter fails while parsing (a wasm abort, a trap): `lint` reports it as an error. */
export class ParserFailed extends Error {}

/** The wasm stack pointer of web-tree-sitter's module, as the host that started it can read and set it. */
export interface WasmStack {
  save(): number;
  restore(pointer: number): void;
}

let wasmStack: WasmStack | undefined;

/** Set by the host that starts web-tree-sitter (host/grammars): without it, `guardWasm` only runs `fn`. */
export function setWasmStack(stack: WasmStack | undefined): void {
  wasmStack = stack;
}

/**
 * Runs `fn`, which calls into tree-sitter; when it throws, puts the wasm stack pointer back where it was. A wasm
 * abort or trap (or a JS exception thrown through wasm frames) leaves the pointer where the failure happened:
 * each such failure leaked that much of the module's stack, until it ran into the data below it and every later
 * call failed ("memory access out of bounds") for the rest of the process.
 */
export function guardWasm<T>(fn: () => T): T {
  const stack = wasmStack;
  if (!stack) return fn();
  const pointer = stack.save();
  try {
    return fn();
  } catch (e) {
    stack.restore(pointer);
    throw e;
  }
}

/** Parsers given up after a failure: kept referenced, so no finalizer frees one in whatever state it was left. */
const failedParsers: Parser[] = [];

function parserFor(grammar: Language): Parser {
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(grammar);
    parsers.set(grammar, parser);
  }
  return parser;
}

/**
 * Parses text (incrementally from `old` when given, which must have been edited to match). Past the
 * deadline, tree-sitter's progress callback cancels the parse and the result is undefined. A parser that fails
 * (a wasm abort) is replaced by a new one for the next parse, and `ParserFailed` is thrown: `old` may be what
 * made it fail, so a caller parses afresh, without it.
 */
export function parse(grammar: Language, text: string, old: Tree | undefined, deadline: Deadline): Tree | undefined {
  const parser = parserFor(grammar);
  try {
    return guardWasm(() => {
      const at = deadline.at;
      if (at === Infinity) return parser.parse(text, old) ?? undefined;
      // tree-sitter calls back every few hundred operations; reading the clock each time cost a third
      // of an incremental reparse, so it is read every 16th call.
      let calls = 0;
      const tree = parser.parse(text, old, {
        progressCallback: () => (++calls & 15) === 0 && performance.now() > at,
      });
      // A cancelled parse would resume on the parser's next call: start that one afresh instead.
      if (!tree) parser.reset();
      return tree ?? undefined;
    });
  } catch (e) {
    // Stopped halfway through a parse, the parser is not used again (nor freed: that may fail too).
    parsers.delete(grammar);
    failedParsers.push(parser);
    throw new ParserFailed(`parser failed: ${(e as Error)?.message ?? String(e)}`);
  }
}
