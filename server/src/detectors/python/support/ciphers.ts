// Weak cipher strings passed to pyOpenSSL, M2Crypto and urllib3, and the fix that replaces the whole list.
import type { Node } from 'web-tree-sitter';
import {
  analyzeCipherString,
  describeWeakness,
  MOZILLA_INTERMEDIATE_CIPHERS,
  type WeakReason,
} from '../../../engine/ciphers';
import { stringValue, valueOf } from '../../../engine/languages/python';
import type { Fix, SourceFile } from '../../../engine/types';

export interface WeakCiphers {
  /** The string literal that holds the cipher string (maybe through a constant). */
  literal: Node;
  reasons: WeakReason[];
  value: string;
}

/** The weak suites a cipher-string argument enables, when it is a plain string (or a constant holding one). */
export function weakCipherArgument(file: SourceFile, node: Node, prefix = ''): WeakCiphers | undefined {
  const literal = valueOf(file, node);
  const value = literal ? stringValue(file, literal) : undefined;
  if (!literal || value === undefined || (literal.type !== 'string' && literal.type !== 'concatenated_string'))
    return undefined;
  const analysis = analyzeCipherString(prefix + value);
  return analysis.weak.length ? { literal, reasons: analysis.reasons, value } : undefined;
}

/**
 * The fix for a weak cipher string: replace it with Mozilla's intermediate list (unsafe: peers that only
 * speak the old suites fail). `prefix` is what the string is appended to (urllib3's `+=`).
 */
export function cipherFix(weak: WeakCiphers, prefix = ''): Fix | undefined {
  const { literal, reasons } = weak;
  // Appended to a list (`DEFAULT_CIPHERS += ...`): replacing only the appended part would not replace the list.
  if (prefix) return undefined;
  if (literal.type !== 'string') return undefined;
  const content = literal.namedChildren.filter(
    (c): c is Node => !!c && (c.type === 'string_content' || c.type === 'escape_sequence'),
  );
  if (content.some((c) => c.type === 'escape_sequence')) return undefined;
  const start = content.length
    ? content[0].startIndex
    : literal.endIndex - (literal.text.endsWith('"""') || literal.text.endsWith("'''") ? 3 : 1);
  const end = content.length ? content[content.length - 1].endIndex : start;
  // The whole list is replaced, never patched with exclusions appended after the weak suites.
  // Unsafe: peers that only speak the old suites stop connecting.
  return {
    title: `Use Mozilla's intermediate cipher list (drops ${describeWeakness(reasons)})`,
    safety: 'unsafe',
    edits: [{ start, end, newText: MOZILLA_INTERMEDIATE_CIPHERS }],
  };
}
