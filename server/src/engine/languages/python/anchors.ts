// Finding Python nodes from the words of the text instead of a walk of the whole tree: the calls that
// may resolve to a member (`callsNamed`), the nodes of a type around a word (`nodesAround`), method calls on
// an object and assignments to a dotted target. They cost what the TLS-relevant text costs.
import type { Node } from 'web-tree-sitter';
import {
  byPosition,
  containerBetween,
  Intervals,
  leavesNamed,
  nodesAround as nodesAroundIn,
  nodesAroundIndexed,
  wordOccurrences,
  WordIndex,
} from '../../node-index';
import type { SourceFile } from '../../types';
import { pythonModel, positionalNodes } from './model';
import { dotted } from './syntax';

const STATEMENT_CONTAINERS = new Set(['block', 'module']);

/**
 * For each occurrence of one of the literals (a whole word when it is one, `**` as is), the innermost
 * node of the given types around it, within its statement; deduplicated, in document order. They are found from the literals' places in the text up
 * to their statement, so a detector that needs only such nodes (calls with a `verify=` argument,
 * assignments to `.check_hostname`) pays for those places instead of a walk of the whole tree.
 */
export function nodesAround(file: SourceFile, literals: readonly string[], types: readonly string[]): Node[] {
  return file.memo(`python.nodesAround:${literals.join(',')}:${types.join(',')}`, () => {
    const tree = file.tree;
    if (!tree) return [];
    const indexed = types.length === 1 ? indexedAround(file, types[0]) : undefined;
    if (indexed)
      return nodesAroundIndexed(file.text, literals, indexed.index, indexed.blocks, (w) => occurrences(file, w));
    return nodesAroundIn(tree, file.text, literals, types, STATEMENT_CONTAINERS);
  });
}

/** Whole-word occurrences of a word in the file's text, from one pass over the text per file. */
export function occurrences(file: SourceFile, word: string): number[] {
  if (!/^[\w$]+$/.test(word)) return file.memo(`python.occurrences:${word}`, () => wordOccurrences(file.text, word));
  return file.memo('python.words', () => new WordIndex(file.text)).get(word);
}

/** Expression and simple-statement types: they never hold a block, so `nodesAroundIndexed` applies. */
const NO_BLOCK = new Set(['call', 'assignment', 'keyword_argument', 'attribute', 'augmented_assignment']);

/**
 * The interval indexes of a node type and of blocks, for `nodesAround` without climbing the tree;
 * undefined for a type that may hold a block.
 */
function indexedAround(file: SourceFile, type: string): { index: Intervals; blocks: Intervals } | undefined {
  if (!NO_BLOCK.has(type)) return undefined;
  return file.memo(`python.intervals:${type}`, () => ({
    index: new Intervals(positionalNodes(file, type)),
    blocks: file.memo('python.intervals:block', () => new Intervals(positionalNodes(file, 'block'))),
  }));
}

/** Each whole-word occurrence of `word` with the innermost assignment around it within its statement. */
function assignmentsAround(file: SourceFile, root: Node, word: string): { at: number; node: Node }[] {
  return file.memo(`python.assignmentsAround:${word}`, () => {
    const out: { at: number; node: Node }[] = [];
    const indexed = indexedAround(file, 'assignment');
    for (const at of occurrences(file, word)) {
      if (indexed) {
        const { index, blocks } = indexed;
        const i = index.innermost(at, at + word.length);
        if (i < 0) continue;
        if (containerBetween(index, i, blocks, at, at + word.length)) continue;
        out.push({ at, node: index.nodes[i] });
        continue;
      }
      let n: Node | null = root.descendantForIndex(at, at + word.length);
      while (n && n.type !== 'assignment' && !STATEMENT_CONTAINERS.has(n.type)) n = n.parent;
      if (n?.type === 'assignment') out.push({ at, node: n });
    }
    return out;
  });
}

/**
 * The calls whose callee may resolve to a name ending in one of the members (`wrap_socket` for
 * `ssl.wrap_socket` and `ctx.wrap_socket`): written with the member's name, with a local name an
 * import binds to it, or with a name assigned from an expression that mentions one of those (followed
 * through further assignments). A superset of the calls `nameOf` (single or ssl) resolves to those
 * members (a call through `getattr(module, "member")` included), found from the names' places in the
 * text instead of a walk over every call of the file.
 */
export function callsNamed(file: SourceFile, members: readonly string[]): Node[] {
  return file.memo(`python.callsNamed:${members.join(',')}`, () => {
    const root = file.tree?.rootNode;
    if (!root) return [];
    const names = new Set(members);
    for (const [local, full] of pythonModel(file).imports)
      if (names.has(full.slice(full.lastIndexOf('.') + 1))) names.add(local);
    // `w = ssl.wrap_socket` (or `self.w = ...`): calls through `w` count too.
    let frontier = [...names];
    for (let round = 0; frontier.length > 0 && round < 8; round++) {
      const next: string[] = [];
      for (const word of frontier) {
        for (const n of assignmentsAround(file, root, word)) {
          const at = n.at;
          const right = n.node.childForFieldName('right');
          if (!right || at < right.startIndex || at >= right.endIndex) continue;
          // A name inside a call on the right (`s = ctx.wrap_socket(sock)`, `server = Server(context=ctx)`)
          // is no alias of the target: a call's name is its callee's plus `()`, which ends in no member
          // (but `getattr(ssl, "wrap_socket")` names the member).
          if (insideCall(right, at)) continue;
          const target = dotted(n.node.childForFieldName('left'));
          const last = target?.slice(target.lastIndexOf('.') + 1);
          if (last && !names.has(last)) {
            names.add(last);
            next.push(last);
          }
        }
      }
      frontier = next;
    }
    const calls = nodesAround(file, [...names], ['call']);
    // `getattr(ssl, "wrap_socket")(...)`: the name is in the inner call; the call made is the outer one.
    const outer: Node[] = [];
    const getattrs = new Set(occurrences(file, 'getattr'));
    for (const call of getattrs.size ? calls : []) {
      if (!getattrs.has(call.startIndex)) continue;
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'identifier' || fn.text !== 'getattr') continue;
      const parent = call.parent;
      if (parent?.type === 'call' && parent.childForFieldName('function')?.id === call.id) outer.push(parent);
    }
    if (outer.length === 0) return calls;
    return [...new Map([...calls, ...outer].map((c) => [c.id, c])).values()].sort(byPosition);
  });
}

/** Whether the place `at` lies inside a call within `value` (a `getattr(...)` call does not count). */
function insideCall(value: Node, at: number): boolean {
  for (let n: Node | null = value.descendantForIndex(at, at + 1); n; n = n.parent) {
    if (n.type === 'call' && n.childForFieldName('function')?.text !== 'getattr') return true;
    if (n.id === value.id) return false;
  }
  return false;
}

/** The method calls on a dotted object (`ctx.wrap_socket(...)` for `ctx`), found from the places of its last name. */
export function methodCallsOn(file: SourceFile, key: string): { method: string; call: Node }[] {
  return file.memo(`python.methodCallsOn:${key}`, () => {
    const out: { method: string; call: Node }[] = [];
    for (const m of methodCallsEndingIn(file, key.slice(key.lastIndexOf('.') + 1)))
      if (m.object === key) out.push({ method: m.method, call: m.call });
    return out;
  });
}

/**
 * The method calls on every dotted object whose last name is `last` (`ctx.load_default_certs()` and
 * `self.ctx.wrap_socket(...)` for `ctx`), with the object's dotted text: read once per name, as keys
 * that share a last name share its places.
 */
function methodCallsEndingIn(file: SourceFile, last: string): { object: string; method: string; call: Node }[] {
  return file.memo(`python.methodCallsEndingIn:${last}`, () => {
    const tree = file.tree;
    const out: { object: string; method: string; call: Node }[] = [];
    if (!tree) return out;
    for (let obj of leavesNamed(tree, file.text, last, 'identifier')) {
      while (obj.parent?.type === 'attribute' && obj.parent.childForFieldName('attribute')?.id === obj.id)
        obj = obj.parent;
      const fn: Node | null = obj.parent;
      if (fn?.type !== 'attribute' || fn.childForFieldName('object')?.id !== obj.id) continue;
      const call = fn.parent;
      if (call?.type !== 'call' || call.childForFieldName('function')?.id !== fn.id) continue;
      const object = dotted(obj);
      const method = fn.childForFieldName('attribute')?.text;
      if (object && method) out.push({ object, method, call });
    }
    return out;
  });
}

/** The `assignment` nodes whose target is the dotted name (`ctx.verify_mode`), built once per file. */
export function assignmentsTo(file: SourceFile, key: string): Node[] {
  // From the places of the target's last name (an assignment holds its target: the innermost assignment
  // around that name's place in it), not from every assignment of the file: a lint then reads the
  // assignments that may bind the name only (engine/reads).
  return file.memo(`python.assignmentsTo:${key}`, () => {
    const root = file.tree?.rootNode;
    if (!root) return [];
    const out = new Map<number, Node>();
    for (const { node } of assignmentsAround(file, root, key.slice(key.lastIndexOf('.') + 1)))
      if (!out.has(node.id) && dotted(node.childForFieldName('left')) === key) out.set(node.id, node);
    return [...out.values()].sort(byPosition);
  });
}
