// Parsing with tree-sitter. The host (CLI or server) loads the grammar .wasm files and hands them in;
// the engine only keeps one Parser per grammar, which is pure computation.
import { Node, Parser, type Language, type Tree } from 'web-tree-sitter';
import type { GrammarName } from './languages';

/** Loaded grammars, supplied by the host. */
export interface Grammars {
  get(name: GrammarName): Language | undefined;
}

const parsers = new Map<Language, Parser>();

/** Thrown when the running lint's time budget is spent; `lint` turns it into an abandoned result. */
export class BudgetExceeded extends Error {}

/** The deadline of the lint running now (a `performance.now()` value), Infinity when it has none. */
let activeDeadline = Infinity;

/** Throws BudgetExceeded when the running lint is past its deadline. */
export function checkDeadline(): void {
  if (activeDeadline !== Infinity && performance.now() > activeDeadline)
    throw new BudgetExceeded('time budget exceeded');
}

/**
 * Options for a query over a tree of the running lint: with a deadline, tree-sitter's progress callback
 * cancels the query once it passes (a query over deeply nested code can take minutes). A cancelled
 * query returns what it found so far: call checkDeadline() after it, so a partial result is never used.
 */
export function queryOptions(): { progressCallback?: () => boolean } {
  const deadline = activeDeadline;
  return deadline === Infinity ? {} : { progressCallback: () => performance.now() > deadline };
}

let guarded = false;

/**
 * Sets the deadline of the lint that starts now and returns the previous one (lint is synchronous,
 * so there is one at a time). `Node.parent` costs O(depth) in tree-sitter (it walks down from the
 * root), so a detector that climbs parents over deeply nested code is quadratic and no check between
 * detectors would stop it: the getter is wrapped once to check the deadline as well.
 */
export function setDeadline(deadline: number): number {
  const previous = activeDeadline;
  activeDeadline = deadline;
  if (!guarded && deadline !== Infinity) {
    guarded = true;
    const desc = Object.getOwnPropertyDescriptor(Node.prototype, 'parent');
    const get = desc?.get;
    if (desc && get) {
      Object.defineProperty(Node.prototype, 'parent', {
        ...desc,
        get(this: Node) {
          checkDeadline();
          return get.call(this) as Node | null;
        },
      });
    }
  }
  return previous;
}

/**
 * Parses text (incrementally from `old` when given). With a `deadline` (a `performance.now()` value;
 * by default the running lint's), tree-sitter's progress callback cancels the parse once it passes,
 * and the result is undefined.
 */
export function parse(grammar: Language, text: string, old?: Tree, deadline = activeDeadline): Tree | undefined {
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(grammar);
    parsers.set(grammar, parser);
  }
  if (deadline === Infinity) return parser.parse(text, old) ?? undefined;
  // tree-sitter calls back every few hundred operations; reading the clock each time cost a third
  // of an incremental reparse, so it is read every 16th call.
  let calls = 0;
  const tree = parser.parse(text, old, {
    progressCallback: () => (++calls & 15) === 0 && performance.now() > deadline,
  });
  // A cancelled parse would resume on the parser's next call: start that one afresh instead.
  if (!tree) parser.reset();
  return tree ?? undefined;
}
