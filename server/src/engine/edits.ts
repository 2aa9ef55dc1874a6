// Edits the engine adjusts for every detector's fixes.
import type { TextEdit } from './types';

/**
 * A fix that removes whole lines also removes the comment that describes only them: the comment-only
 * lines right above, at the same indentation, when what follows the removed lines is a blank line, the
 * end of a block (a closer or a dedent), another comment or the end of the file. A `tlslint-` directive
 * is left alone. Applied by the engine to every fix, so no detector leaves an orphaned comment behind.
 */
export function extendOverDescribingComment(text: string, edit: TextEdit, lineComment: string): TextEdit {
  if (edit.newText.trim() !== '' || edit.end <= edit.start) return edit;
  const ls = text.lastIndexOf('\n', edit.start - 1) + 1;
  if (text.slice(ls, edit.start).trim() !== '') return edit;
  let le: number;
  if (text[edit.end - 1] === '\n' || edit.end === text.length) le = edit.end;
  else {
    const nl = text.indexOf('\n', edit.end);
    le = nl < 0 ? text.length : nl + 1;
    if (text.slice(edit.end, le).trim() !== '') return edit;
  }
  const removed = text.slice(ls, le);
  if (!removed.trim()) return edit;
  const indent = /^[ \t]*/.exec(removed)![0];
  // What follows must end the group the comment describes.
  const nextEnd = text.indexOf('\n', le);
  const next = text.slice(le, nextEnd < 0 ? text.length : nextEnd).replace(/\r$/, '');
  const nextIndent = /^[ \t]*/.exec(next)![0];
  const endsGroup =
    le >= text.length ||
    next.trim() === '' ||
    /^[}\])]/.test(next.trim()) ||
    next.trim().startsWith(lineComment) ||
    nextIndent.length < indent.length;
  if (!endsGroup) return edit;
  // The comment-only lines right above, at the same indentation.
  let start = ls;
  for (;;) {
    if (start === 0) break;
    const prevStart = text.lastIndexOf('\n', start - 2) + 1;
    const prev = text.slice(prevStart, start - 1).replace(/\r$/, '');
    if (!prev.startsWith(indent + lineComment) || /^[ \t]/.test(prev.slice(indent.length))) break;
    if (prev.includes('tlslint-')) break;
    start = prevStart;
  }
  if (start === ls) return edit;
  return { start: start + (edit.start - ls), end: edit.end, newText: edit.newText };
}
