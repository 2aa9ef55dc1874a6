// Uses of `ssl` module constants as values, the call argument a use is passed as, and the swaps to the
// protocol constants that replace the legacy and deprecated ones.
import type { Node } from 'web-tree-sitter';
import { byPosition, leavesNamed } from '../../../engine/node-index';
import { isNamedNotConfigured, nameOf, pythonModel, swapSslConstantEdit } from '../../../engine/languages/python';
import type { Fix, SourceFile } from '../../../engine/types';

/**
 * Whether an identifier or attribute node is a use of a value: not a definition, an import, a keyword
 * name, the member part of a longer attribute, or an operand of a comparison (a check, not a use).
 */
function isValueUse(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) return false;
  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return false;
  if (
    (parent.type === 'assignment' || parent.type === 'augmented_assignment') &&
    parent.childForFieldName('left')?.id === node.id
  )
    return false;
  for (let n: Node | null = parent; n; n = n.parent) {
    if (n.type === 'comparison_operator' || n.type.startsWith('import') || n.type === 'dotted_name') return false;
    if (n.type === 'expression_statement' || n.type === 'block' || n.type === 'module') break;
  }
  return true;
}

/**
 * The identifiers named like one of the constants (or like a local name imported for one) and the
 * attributes they end, in document order: every spelling of a direct use is among them. Found from
 * the names' places in the text rather than from a walk over every identifier of the file.
 */
function constantCandidates(file: SourceFile, names: readonly string[]): Node[] {
  const tree = file.tree;
  if (!tree) return [];
  const members = new Set(names.map((n) => n.slice(n.lastIndexOf('.') + 1)));
  const anchors = new Set(members);
  for (const [local, full] of pythonModel(file).imports)
    if (members.has(full.slice(full.lastIndexOf('.') + 1))) anchors.add(local);
  const found = new Map<number, Node>();
  for (const word of anchors) {
    for (const id of leavesNamed(tree, file.text, word, 'identifier')) {
      found.set(id.id, id);
      const parent = id.parent;
      if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === id.id)
        found.set(parent.id, parent);
    }
  }
  // `getattr(ssl, "PROTOCOL_TLSv1", None)`: the name is a string's content.
  for (const word of members) {
    for (const content of leavesNamed(tree, file.text, word, 'string_content')) {
      const call = content.parent?.parent?.parent;
      if (call?.type === 'call' && pythonModel(file).getattrParts(call)?.name === word) found.set(call.id, call);
    }
  }
  return [...found.values()].sort(byPosition);
}

/** Direct uses of ssl constants in `names`: `ssl.X`, or `X` imported from ssl. */
export function sslConstantUses(file: SourceFile, names: readonly string[]): { node: Node; name: string }[] {
  const out: { node: Node; name: string }[] = [];
  for (const node of constantCandidates(file, names)) {
    // A cheap filter on the member name; a bare name may be an alias (`from ssl import PROTOCOL_TLSv1 as P`).
    const last = node.type === 'attribute' ? node.childForFieldName('attribute')?.text : undefined;
    if (node.type === 'attribute' && (!last || !names.some((n) => n.endsWith('.' + last)))) continue;
    const name = nameOf(file, node, 'direct');
    if (name && names.includes(name) && isValueUse(node) && !isNamedNotConfigured(node, file)) out.push({ node, name });
  }
  return out;
}

/** The call a node is an argument of, and the keyword it is passed as (if any). */
export function argumentOf(node: Node): { call: Node; keyword?: string | undefined; index?: number } | undefined {
  const parent = node.parent;
  if (
    parent?.type === 'keyword_argument' &&
    parent.parent?.type === 'argument_list' &&
    parent.parent.parent?.type === 'call'
  ) {
    return { call: parent.parent.parent, keyword: parent.childForFieldName('name')?.text };
  }
  if (parent?.type === 'argument_list' && parent.parent?.type === 'call') {
    const positional = parent.namedChildren.filter((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument');
    return { call: parent.parent, index: positional.findIndex((c) => c?.id === node.id) };
  }
  return undefined;
}

/** The call a use is an argument of and its function's name through imports (`ssl.wrap_socket`). */
export function calleeOfArgument(
  file: SourceFile,
  node: Node,
): { arg: ReturnType<typeof argumentOf>; callee: string | undefined } {
  const arg = argumentOf(node);
  return { arg, callee: arg ? nameOf(file, arg.call.childForFieldName('function'), 'ssl') : undefined };
}

/**
 * A protocol constant swapped for `PROTOCOL_TLS_CLIENT` (`clientTitle`) or `PROTOCOL_TLS_SERVER`: unsafe,
 * since a context made with either turns on certificate and host name checks, and only the code's author
 * knows which side it is.
 */
export function clientOrServerFixes(file: SourceFile, node: Node, clientTitle: string): Fix[] {
  return [
    { title: clientTitle, safety: 'unsafe', edits: [swapSslConstantEdit(file, node, 'PROTOCOL_TLS_CLIENT')] },
    {
      title: 'Use `PROTOCOL_TLS_SERVER` (for a server-side context)',
      safety: 'unsafe',
      edits: [swapSslConstantEdit(file, node, 'PROTOCOL_TLS_SERVER')],
    },
  ];
}

/**
 * The constant passed to `ssl.get_server_certificate`, swapped for `PROTOCOL_TLS_CLIENT`: safe, since that
 * function sets the verify mode itself and the protocol only picks the versions.
 */
export function serverCertificateFix(file: SourceFile, node: Node, title: string): Fix {
  return { title, safety: 'safe', edits: [swapSslConstantEdit(file, node, 'PROTOCOL_TLS_CLIENT')] };
}
