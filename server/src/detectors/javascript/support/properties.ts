// Shared by the JavaScript detectors that look for a property set to an insecure value.
import type { Node } from 'web-tree-sitter';
import { stringValue, unwrap } from '../../../engine/languages/javascript';
import type { SourceFile } from '../../../engine/types';

/**
 * The target (parentheses and TypeScript wrappers dropped) and value of an assignment that writes the
 * property `name`: `x.name = v` or `x['name'] = v`; undefined for any other assignment.
 */
export function propertyWrite(file: SourceFile, asg: Node, name: string): { left: Node; right: Node } | undefined {
  const left = unwrap(asg.childForFieldName('left'));
  const right = asg.childForFieldName('right');
  if (!left || !right) return undefined;
  const prop =
    left.type === 'member_expression'
      ? left.childForFieldName('property')?.text
      : left.type === 'subscript_expression'
        ? stringValue(file, left.childForFieldName('index'))
        : undefined;
  return prop === name ? { left, right } : undefined;
}
