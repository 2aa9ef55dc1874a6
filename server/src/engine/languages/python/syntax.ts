// Python syntax read once: the fields detectors and the model ask of the same nodes again and again
// (a call's callee and arguments, an assignment's sides, dotted names). Each read crosses into the
// parser's wasm and makes a new Node object, so the answers are kept per node for one lint.
import type { Node } from 'web-tree-sitter';

/** The dotted text of an identifier, dotted name or attribute chain (`self.ctx`), or undefined. */
export function dotted(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'dotted_name') return node.namedChildren.map((c) => c?.text ?? '').join('.');
  if (node.type === 'attribute') {
    const obj = dotted(node.childForFieldName('object'));
    const attr = node.childForFieldName('attribute');
    return obj && attr ? `${obj}.${attr.text}` : undefined;
  }
  return undefined;
}

/** The dotted text of an identifier or attribute chain (`self.ctx`), or undefined for anything else. */
export function dottedText(node: Node | null | undefined): string | undefined {
  return dotted(node);
}

export interface CallArgs {
  positional: Node[];
  /** Keyword name -> the `keyword_argument` node (its `value` field is the value). */
  keywords: Map<string, Node>;
  /** Whether `*args` or `**kwargs` appear, so absent arguments may still be passed. */
  hasSplat: boolean;
}

/**
 * The arguments of calls already read, by node object: most detectors walk the same `nodes('call')` list
 * of a file, so each call's arguments cross from the parser once per lint, not once per detector. Dropped
 * with the nodes (a WeakMap); callers never modify what it holds.
 */
const argsOf = new WeakMap<Node, CallArgs>();

export function callArgs(call: Node): CallArgs {
  let known = argsOf.get(call);
  if (!known) argsOf.set(call, (known = readCallArgs(call)));
  return known;
}

function readCallArgs(call: Node): CallArgs {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  let hasSplat = false;
  const args = call.childForFieldName('arguments');
  if (args && args.type === 'argument_list') {
    for (const a of args.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const name = a.childForFieldName('name')?.text;
        if (name) keywords.set(name, a);
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
        hasSplat = true;
      } else {
        positional.push(a);
      }
    }
  }
  return { positional, keywords, hasSplat };
}

/** The value node of a keyword argument. */
export function kwValue(kw: Node | undefined): Node | undefined {
  return kw?.childForFieldName('value') ?? undefined;
}

/** A node's [start, end) offsets, read once (`endIndex` costs a call into the parser). */
export function rangeOf(node: Node): [number, number] {
  return [node.startIndex, node.endIndex];
}

/** Whether a node starts inside a range from `rangeOf` (nodes nest, so its start decides). */
export function inRange(range: [number, number], node: Node): boolean {
  return node.startIndex >= range[0] && node.startIndex < range[1];
}

/** Whether `inner` lies inside `outer`. */
export function isWithin(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** The statement (a child of a block or the module) that contains the node. */
export function enclosingStatement(node: Node): Node | undefined {
  let n: Node | null = node;
  while (n && n.parent && n.parent.type !== 'block' && n.parent.type !== 'module') n = n.parent;
  return n?.parent ? n : undefined;
}

/** The text of a plain string literal (no f-string interpolation, no concatenation). */
export function literalString(node: Node): string | undefined {
  let out = '';
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'interpolation') return undefined;
    if (c.type === 'string_content' || c.type === 'escape_sequence') out += c.text;
  }
  return out;
}
