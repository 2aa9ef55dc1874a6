// Edits of JavaScript/TypeScript code that fixes share: removing a list item or a statement.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../../types';

/** The range that removes an object member or array element with its separating comma. */
export function removeListItemRange(file: SourceFile, item: Node): { start: number; end: number } {
  const text = file.text;
  let next = item.nextSibling;
  while (next && next.type === 'comment') next = next.nextSibling;
  let prev = item.previousSibling;
  while (prev && prev.type === 'comment') prev = prev.previousSibling;
  if (next && next.type === ',') {
    const after = next.nextSibling;
    // Remove through the comma; on its own line, take the whole line.
    const lineStart = text.lastIndexOf('\n', item.startIndex - 1) + 1;
    const onlyIndentBefore = /^[ \t]*$/.test(text.slice(lineStart, item.startIndex));
    if (onlyIndentBefore) {
      const nl = text.indexOf('\n', next.endIndex);
      const rest = text.slice(next.endIndex, nl === -1 ? text.length : nl);
      if (/^[ \t]*$/.test(rest)) return { start: lineStart, end: nl === -1 ? text.length : nl + 1 };
    }
    return {
      start: item.startIndex,
      end: after && after.type !== '}' && after.type !== ']' && after.type !== ')' ? after.startIndex : next.endIndex,
    };
  }
  if (prev && prev.type === ',') {
    const lineStart = text.lastIndexOf('\n', item.startIndex - 1) + 1;
    const nl = text.indexOf('\n', item.endIndex);
    const lineEnd = nl === -1 ? text.length : nl;
    if (
      /^[ \t]*$/.test(text.slice(lineStart, item.startIndex)) &&
      /^[ \t]*$/.test(text.slice(item.endIndex, lineEnd))
    ) {
      // Last member on its own line: drop the line and the comma before it.
      return { start: prev.startIndex, end: lineEnd };
    }
    return { start: prev.startIndex, end: item.endIndex };
  }
  // The only member: empty the braces (`{ x: 1 }` becomes `{}`).
  const parent = item.parent;
  const open = parent?.firstChild;
  const close = parent?.lastChild;
  if (
    parent &&
    open &&
    close &&
    open.type === '{' &&
    close.type === '}' &&
    parent.namedChildren.every((c) => !c || c.type === 'comment' || c.startIndex === item.startIndex)
  ) {
    const inner = text.slice(open.endIndex, close.startIndex);
    if (!inner.includes('//') && !inner.includes('/*')) return { start: open.endIndex, end: close.startIndex };
  }
  return { start: item.startIndex, end: item.endIndex };
}

/** Whether a statement can be deleted without changing what surrounds it (it sits in a block, not as an `if` body). */
export function isRemovableStatement(stmt: Node): boolean {
  const p = stmt.parent;
  return (
    !!p &&
    (p.type === 'program' ||
      p.type === 'statement_block' ||
      p.type === 'switch_case' ||
      p.type === 'switch_default' ||
      p.type === 'class_static_block')
  );
}

/** The range that removes a whole statement line (with its line break when it stands alone on it). */
export function removeStatementRange(file: SourceFile, stmt: Node): { start: number; end: number } {
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  const nl = text.indexOf('\n', stmt.endIndex);
  const lineEnd = nl === -1 ? text.length : nl;
  if (/^[ \t]*$/.test(text.slice(lineStart, stmt.startIndex)) && /^[ \t]*$/.test(text.slice(stmt.endIndex, lineEnd))) {
    return { start: lineStart, end: nl === -1 ? text.length : nl + 1 };
  }
  return { start: stmt.startIndex, end: stmt.endIndex };
}
