// pyOpenSSL's `OpenSSL.SSL` constants: where one is used as a value, and the edit that swaps it for another.
import type { Node } from 'web-tree-sitter';
import { nameOf, pythonModel } from '../../../engine/languages/python';
import type { SourceFile } from '../../../engine/types';

/** `from OpenSSL import SSL` is the real module; `pyOpenSSL.SSL` appears in scanners' samples and is accepted too. */
const MODULES = ['OpenSSL.SSL.', 'pyOpenSSL.SSL.'];

/** The member name when `node` is a use of an `OpenSSL.SSL` constant (not its import, not a comparison). */
export function opensslConstant(file: SourceFile, node: Node): string | undefined {
  if (node.type !== 'attribute' && node.type !== 'identifier') return undefined;
  const parent = node.parent;
  if (!parent) return undefined;
  // The identifiers inside `SSL.X` are covered by the attribute itself.
  if (node.type === 'identifier' && parent.type === 'attribute') return undefined;
  if (parent.type === 'comparison_operator' || parent.type === 'dotted_name' || parent.type === 'aliased_import')
    return undefined;
  if (parent.type === 'assignment' && parent.childForFieldName('left')?.id === node.id) return undefined;
  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return undefined;
  const name = nameOf(file, node, 'reaching');
  const module = name && MODULES.find((m) => name.startsWith(m));
  if (!module) return undefined;
  const member = name.slice(module.length);
  return /^[A-Za-z0-9_]+$/.test(member) ? member : undefined;
}

/**
 * Whether a constant is the value of a translation table keyed by `ssl` protocol constants
 * (`{ssl.PROTOCOL_TLSv1: SSL.TLSv1_METHOD}`, `table[ssl.PROTOCOL_SSLv3] = SSL.SSLv3_METHOD`): such tables map
 * whatever the caller asked for, they do not pick a version.
 */
export function inTranslationTable(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'pair' && parent.childForFieldName('value')?.id === node.id)
    return /PROTOCOL_/.test(parent.childForFieldName('key')?.text ?? '');
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === node.id) {
    const left = parent.childForFieldName('left');
    return left?.type === 'subscript' && /PROTOCOL_/.test(left.childForFieldName('subscript')?.text ?? '');
  }
  return false;
}

/** The edit that makes a constant use name another member of `OpenSSL.SSL`, in the file's own spelling. */
export function swapOpensslConstant(
  file: SourceFile,
  node: Node,
  to: string,
): { start: number; end: number; newText: string } | undefined {
  if (node.type === 'attribute') {
    const attr = node.childForFieldName('attribute')!;
    return { start: attr.startIndex, end: attr.endIndex, newText: to };
  }
  const spelled = pythonModel(file).spellingOf(`OpenSSL.SSL.${to}`);
  return spelled ? { start: node.startIndex, end: node.endIndex, newText: spelled } : undefined;
}
