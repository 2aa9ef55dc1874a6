// What a lint read of its file's text and tree, for an incremental lint (engine/document.ts): an edit
// that stays inside text no answer read cannot change any finding. A lint reads its file through a few
// channels only, and each is recorded here while a document lint runs:
// - the places of words and literals (`WordIndex`, `wordOccurrences`, the literal searches of `nodesAround`):
//   an answer depends on every occurrence of the word, so an edit must not add or remove one;
// - the binding sites of names (engine/languages/python/model.ts): an edit must not bind such a name;
// - the nodes of a type over the whole file (`SourceFile.nodes`) that a detector goes through one by one:
//   an edit must hold no node of such a type, before or after;
// - regular expressions run over the whole text: an edit must not match one;
// - nodes of a type a reader goes through, asking each a question of its own text (`noteNodeTest`: which
//   program a call runs): an edit must hold none the question picks, before or after;
// - the tree's nodes: every node a question was asked of (its type, text, children, parent, fields...),
//   and whether a question read its whole subtree (its text, `descendantsOfType`, a cursor): an edit
//   must lie outside every node asked of, except around one only asked shallow questions (an ancestor of
//   the edited statement, whose type or children list a climb or a lookup passed through).
// - the places a descendant was asked for at (`descendantForIndex`): a statement that appears or goes there
//   would answer, so those edits must lie away from every such place (engine/document.ts).
// Positions (`startIndex`, `endIndex`) are not reads: a node outside the edit keeps its order and moves.
// Recording is synchronous: a lint runs to its end before another starts.
import { Node, type Tree } from 'web-tree-sitter';
import { patchNode } from './parser';

/** A node that was asked about: its range in the linted text, and what of it was read (`READ_*` bits). */
export interface Touched {
  start: number;
  end: number;
  flags: number;
}

/** A question read the node's whole subtree (its text, its descendants). */
export const READ_DEEP = 1;
/** A question read the node's list of children (a child by index, their count, a descendant at a place). */
export const READ_CHILDREN = 2;
/** A question read the node's neighbours in its parent's list of children. */
export const READ_SIBLINGS = 4;
/**
 * A question asked for the node's descendant at a place (`descendantForIndex`): the places asked are kept
 * (`ReadLog.places`), since what answers depends on what lies there, not on the whole list of children.
 */
export const READ_AT = 8;

/**
 * A question a reader asks every node of some types of a file, answered from the node's own text and
 * its ancestors (which program a call runs): the nodes it picks are read, the others are not.
 */
export interface NodeTest {
  types: readonly string[];
  picks: (node: Node) => boolean;
}

/** Everything one lint read (see the file comment). */
export class ReadLog {
  readonly words = new Set<string>();
  readonly literals = new Set<string>();
  readonly bound = new Set<string>();
  readonly types = new Set<string>();
  readonly scans = new Set<RegExp>();
  readonly nodeTests: NodeTest[] = [];
  readonly touched = new Map<number, Touched>();
  /** The places (start, end pairs) a descendant was asked for at (`READ_AT`). */
  readonly places: number[] = [];
  /** > 0 while the engine reads for itself (a node index filled, a check of this module's own). */
  suspended = 0;

  constructor(readonly tree: Tree) {}

  touch(node: Node, flags: number): void {
    if (this.suspended > 0) return;
    // Most questions are asked again of a node object already asked: its mark answers without a lookup.
    const marked = node as Node & { [MARK]?: ReadLog; [FLAGS]?: number };
    if (marked[MARK] === this && (marked[FLAGS]! & flags) === flags) return;
    if (node.tree !== this.tree) return;
    marked[FLAGS] = (marked[MARK] === this ? marked[FLAGS]! : 0) | flags;
    marked[MARK] = this;
    const t = this.touched.get(node.id);
    if (t) t.flags |= flags;
    else this.touched.set(node.id, { start: node.startIndex, end: node.endIndex, flags });
  }
}

let active: ReadLog | undefined;

/** On a node object: the log that recorded a question about it, and the kinds of question recorded. */
const MARK = Symbol('tlslint.read');
const FLAGS = Symbol('tlslint.readFlags');

/** Runs `fn` while `log` records the reads of its tree's lint. */
export function recordingReads<T>(log: ReadLog, fn: () => T): T {
  patchForReads();
  const previous = active;
  active = log;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/** Runs `fn` without recording (the engine's own reads, such as filling a node index). */
export function unrecorded<T>(fn: () => T): T {
  const log = active;
  if (!log) return fn();
  log.suspended++;
  try {
    return fn();
  } finally {
    log.suspended--;
  }
}

/**
 * Text of the file read directly (not through a node) over [start, end): kept as a node read whole would be,
 * so that an edit must leave it alone.
 */
export function noteTextRead(start: number, end: number): void {
  const log = active;
  if (!log || log.suspended > 0) return;
  const keyed = log as ReadLog & { textReads?: number };
  keyed.textReads = (keyed.textReads ?? 0) + 1;
  // Keys below zero: no node has such an id.
  log.touched.set(-keyed.textReads, { start, end, flags: READ_DEEP });
}

/** A whole word whose places were looked up. */
export function noteWord(word: string): void {
  if (active && active.suspended === 0) active.words.add(word);
}

/** A literal (not a whole word) whose places were searched in the text. */
export function noteLiteral(literal: string): void {
  if (active && active.suspended === 0) active.literals.add(literal);
}

/** A regular expression run over the whole text. */
export function noteScan(re: RegExp): void {
  if (active && active.suspended === 0) active.scans.add(re);
}

/**
 * Nodes of `types` were gone through (unrecorded), and those `picks` accepts read further: an edit must
 * hold none it accepts. Recorded once per reader and types (`key`).
 */
export function noteNodeTest(key: string, test: NodeTest): void {
  const log = active;
  if (!log || log.suspended > 0) return;
  const keyed = log as ReadLog & { testKeys?: Set<string> };
  keyed.testKeys ??= new Set();
  if (keyed.testKeys.has(key)) return;
  keyed.testKeys.add(key);
  log.nodeTests.push(test);
}

/** Whether reads are being recorded now (a reader that records otherwise than by default asks). */
export function recordingNow(): boolean {
  return active !== undefined && active.suspended === 0;
}

/** A name whose binding sites were asked for. */
export function noteBound(name: string): void {
  if (active && active.suspended === 0) active.bound.add(name);
}

/** Node types whose every node of the file a detector goes through. */
export function noteTypes(types: readonly string[]): void {
  if (active && active.suspended === 0) for (const t of types) active.types.add(t);
}

/** Node members that read more than the node's own kind: the subtree below it. */
const DEEP = ['text', 'hasError', 'descendantCount', 'descendantsOfType', 'toString', 'walk', 'hasChanges'];

/** Members that read the node itself (its kind, its parent, a field). */
const OWN = [
  'typeId',
  'grammarId',
  'type',
  'grammarType',
  'isNamed',
  'isExtra',
  'isError',
  'isMissing',
  'parseState',
  'nextParseState',
  'parent',
  'childForFieldId',
  'childForFieldName',
];

/** Members that read the node's list of children (the children then answer for themselves). */
const CHILDREN = [
  'child',
  'namedChild',
  'fieldNameForChild',
  'fieldNameForNamedChild',
  'childrenForFieldName',
  'childrenForFieldId',
  'childCount',
  'namedChildCount',
  'firstChild',
  'firstNamedChild',
  'lastChild',
  'lastNamedChild',
  'children',
  'namedChildren',
  'childWithDescendant',
  'descendantForPosition',
  'namedDescendantForPosition',
];

/** Members that read the node's descendant at a place given by offsets (the places are recorded). */
const AT = ['descendantForIndex', 'namedDescendantForIndex', 'firstChildForIndex', 'firstNamedChildForIndex'];

/** Members that read the node's neighbours. */
const SIBLINGS = ['nextSibling', 'previousSibling', 'nextNamedSibling', 'previousNamedSibling'];

let patchedForReads = false;

function patchForReads(): void {
  if (patchedForReads) return;
  patchedForReads = true;
  // After the parser's own patch (its memoised getters), which this one wraps.
  patchNode();
  const proto = Node.prototype as unknown as Record<string, unknown>;
  for (const [names, flags] of [
    [DEEP, READ_DEEP],
    [OWN, 0],
    [CHILDREN, READ_CHILDREN],
    [SIBLINGS, READ_SIBLINGS],
    [AT, READ_AT],
  ] as const) {
    for (const name of names) {
      const desc = Object.getOwnPropertyDescriptor(proto, name);
      if (!desc) continue;
      if (desc.get) {
        // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the node as `this`
        const get = desc.get;
        Object.defineProperty(proto, name, {
          ...desc,
          get(this: Node) {
            if (active) active.touch(this, flags);
            return get.call(this) as unknown;
          },
        });
      } else if (typeof desc.value === 'function') {
        const fn = desc.value as (...args: unknown[]) => unknown;
        Object.defineProperty(proto, name, {
          ...desc,
          value:
            flags === READ_AT
              ? function (this: Node, start: number, end?: number) {
                  if (active && active.suspended === 0 && this.tree === active.tree) {
                    active.touch(this, flags);
                    active.places.push(start, end ?? start);
                  }
                  return fn.call(this, start, end);
                }
              : function (this: Node, ...args: unknown[]) {
                  if (active) active.touch(this, flags);
                  return fn.apply(this, args);
                },
        });
      }
    }
  }
}
