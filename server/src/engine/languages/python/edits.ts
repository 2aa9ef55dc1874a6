// Edits of Python code that fixes share: removing an argument or a statement, adding an import, and
// swapping one ssl constant for another in the file's own spelling.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../../types';
import { pythonModel } from './model';
import { dotted } from './syntax';

/** The range that removes a keyword argument together with its separating comma. */
export function removeArgumentRange(arg: Node): { start: number; end: number } {
  const next = arg.nextSibling;
  const prev = arg.previousSibling;
  if (next && next.type === ',') {
    // Remove through the comma and the whitespace after it, up to the next argument.
    const after = next.nextSibling;
    return { start: arg.startIndex, end: after && after.type !== ')' ? after.startIndex : next.endIndex };
  }
  if (prev && prev.type === ',') return { start: prev.startIndex, end: arg.endIndex };
  return { start: arg.startIndex, end: arg.endIndex };
}

/** `removeArgumentRange` as an edit, taking the whole line when the argument stood alone on it. */
export function removeArgumentEdit(file: SourceFile, arg: Node): { start: number; end: number; newText: string } {
  const range = removeArgumentRange(arg);
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  let lineEnd = text.indexOf('\n', range.end);
  if (lineEnd < 0) lineEnd = text.length;
  if (
    text.slice(lineStart, range.start).trim() === '' &&
    text.slice(range.end, lineEnd).trim() === '' &&
    lineEnd < text.length
  ) {
    return { start: lineStart, end: lineEnd + 1, newText: '' };
  }
  return { ...range, newText: '' };
}

/**
 * The edit that deletes a simple statement (an `expression_statement`, say) and leaves valid code:
 * the statement alone on its line(s) loses its whole line (a trailing comment stays); the only
 * statement of a block becomes `pass`. Undefined when neither holds (e.g. `a(); b()` on one line).
 */
export function removeStatementEdit(
  file: SourceFile,
  stmt: Node,
): { start: number; end: number; newText: string } | undefined {
  const parent = stmt.parent;
  if (!parent || (parent.type !== 'block' && parent.type !== 'module')) return undefined;
  const siblings = parent.namedChildren.filter((c) => c && c.type !== 'comment');
  if (parent.type === 'block' && siblings.length === 1)
    return { start: stmt.startIndex, end: stmt.endIndex, newText: 'pass' };
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  if (text.slice(lineStart, stmt.startIndex).trim() !== '') return undefined;
  let lineEnd = text.indexOf('\n', stmt.endIndex);
  if (lineEnd < 0) lineEnd = text.length;
  const rest = text.slice(stmt.endIndex, lineEnd);
  if (rest.trim() === '') return { start: lineStart, end: Math.min(lineEnd + 1, text.length), newText: '' };
  const hash = rest.indexOf('#');
  if (hash >= 0 && rest.slice(0, hash).trim() === '')
    return { start: stmt.startIndex, end: stmt.endIndex + hash, newText: '' };
  return undefined;
}

/**
 * An edit inserting `import <module>` on its own line, after any `from __future__` imports, else before the
 * first top-level import (else at the top of the file). The caller checks `moduleAlias` first.
 */
export function addImportEdit(file: SourceFile, module: string): { start: number; end: number; newText: string } {
  const root = file.tree?.rootNode;
  let at = 0;
  if (root) {
    const tops = root.namedChildren.filter(
      (c): c is Node =>
        !!c &&
        (c.type === 'import_statement' || c.type === 'import_from_statement' || c.type === 'future_import_statement'),
    );
    const future = tops.filter(
      (c) => c.type === 'future_import_statement' || dotted(c.childForFieldName('module_name')) === '__future__',
    );
    if (future.length > 0) {
      const last = future[future.length - 1];
      const nl = file.text.indexOf('\n', last.endIndex);
      at = nl < 0 ? file.text.length : nl + 1;
      if (nl < 0) return { start: at, end: at, newText: `\nimport ${module}\n` };
    } else if (tops.length > 0) {
      at = file.text.lastIndexOf('\n', tops[0].startIndex - 1) + 1;
    }
  }
  return { start: at, end: at, newText: `import ${module}\n` };
}

// --- Helpers for the standard library's ssl module (shared by the ssl and the library detectors). ---

/**
 * An edit that makes `node` (a spelling of one ssl constant, e.g. `ssl.CERT_NONE`, `CERT_NONE`,
 * `s.VerifyMode.CERT_NONE`) name another member `to` of the same family, keeping the spelling:
 * the last dotted part is swapped. A node of another shape (a variable) is replaced whole by the file's
 * own spelling of `ssl.<to>` (plain `ssl.<to>` when nothing imported reaches it).
 */
export function swapSslConstantEdit(
  file: SourceFile,
  node: Node,
  to: string,
): { start: number; end: number; newText: string } {
  if (node.type === 'attribute') {
    const attr = node.childForFieldName('attribute')!;
    return { start: attr.startIndex, end: attr.endIndex, newText: to };
  }
  if (node.type === 'identifier' && pythonModel(file).imports.get(node.text)?.startsWith('ssl.')) {
    const full = pythonModel(file).imports.get(node.text)!;
    const spelled =
      pythonModel(file).spellingOf(full.slice(0, full.lastIndexOf('.') + 1) + to) ??
      pythonModel(file).spellingOf(`ssl.${to}`);
    if (spelled) return { start: node.startIndex, end: node.endIndex, newText: spelled };
  }
  if (
    node.type === 'identifier' &&
    pythonModel(file).starImports.has('ssl') &&
    !pythonModel(file).imports.has(node.text)
  ) {
    return { start: node.startIndex, end: node.endIndex, newText: to };
  }
  return {
    start: node.startIndex,
    end: node.endIndex,
    newText: pythonModel(file).spellingOf(`ssl.${to}`) ?? `ssl.${to}`,
  };
}
