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
let guarded = false;

/**
 * Makes `Node.parent` on nodes of `tree` check `deadline` until the returned function is called.
 * `Node.parent` costs O(depth) in tree-sitter (it walks down from the root), so a detector that climbs
 * parents over deeply nested code is quadratic and no check between detectors would stop it: the
 * getter is wrapped once to check the deadline of the node's tree.
 */
export function guardTree(tree: Tree, deadline: Deadline): () => void {
  if (deadline.at === Infinity) return () => {};
  // A lint inside a lint (a probe on the same tree) restores the outer deadline when it ends.
  const previous = treeDeadlines.get(tree);
  treeDeadlines.set(tree, deadline);
  if (!guarded) {
    guarded = true;
    const desc = Object.getOwnPropertyDescriptor(Node.prototype, 'parent');
    // Called with the node as `this` below, the way the original getter expects.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const get = desc?.get;
    if (desc && get) {
      Object.defineProperty(Node.prototype, 'parent', {
        ...desc,
        get(this: Node) {
          treeDeadlines.get(this.tree)?.check();
          return get.call(this) as Node | null;
        },
      });
    }
  }
  return () => {
    if (treeDeadlines.get(tree) !== deadline) return;
    if (previous) treeDeadlines.set(tree, previous);
    else treeDeadlines.delete(tree);
  };
}

/**
 * Parses text (incrementally from `old` when given, which must have been edited to match). Past the
 * deadline, tree-sitter's progress callback cancels the parse and the result is undefined.
 */
export function parse(grammar: Language, text: string, old: Tree | undefined, deadline: Deadline): Tree | undefined {
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(grammar);
    parsers.set(grammar, parser);
  }
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
}
