// A value written at a sink that turns a check off, also as a conditional's branch.
import type { Node } from 'web-tree-sitter';
import { isFalsy } from '../../../engine/languages/python';
import type { SourceFile } from '../../../engine/types';

/**
 * The value written at a sink that turns the check off: the value itself when it is falsy, or the
 * falsy branch of a conditional (`1 if request.validate_cert else 0`, `False if insecure else True`:
 * an opt-in the caller controls, reported at the branch so that the condition reads as its flag).
 */
export function disablingValue(file: SourceFile, value: Node): Node | undefined {
  if (isFalsy(file, value)) return value;
  let v: Node | null = value;
  while (v?.type === 'parenthesized_expression') v = v.namedChild(0);
  if (v?.type !== 'conditional_expression') return undefined;
  const kids = v.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  if (kids.length < 3) return undefined;
  return [kids[0], kids[kids.length - 1]].find((b) => isFalsy(file, b));
}
