// The Kotlin grammar's side of the shared client-option checks (client-options.ts).
import type { Node } from 'web-tree-sitter';
import {
  assignments,
  callNameRange,
  calls,
  isBool,
  named,
  simpleName,
  stringValue,
  type Call,
} from '../../../engine/languages/kotlin';
import type { Range, SourceFile } from '../../../engine/types';
import type { OptionCall, OptionValues } from './client-options';

const isNone = (n: Node | undefined): boolean => n?.text === 'null' || n?.text === '""';

/** `if (flag) "" else "HTTPS"`: the condition, when exactly one branch is "none". */
function noneUnder(value: Node | undefined): Node | undefined {
  if (value?.type !== 'if_expression') return undefined;
  const [cond, yes, no] = named(value);
  const branch = (b: Node | undefined): Node | undefined => (b?.type === 'control_structure_body' ? named(b)[0] : b);
  return cond && no && isNone(branch(yes)) !== isNone(branch(no)) ? cond : undefined;
}

export const KOTLIN_OPTION_VALUES: OptionValues = { isBool, isNone, noneUnder, mailSetters: true };

/** A call read for the client-option checks. */
export const kotlinOptionCall = (c: Call): OptionCall => ({
  name: c.name,
  args: c.args,
  receiver: c.receiver?.text,
  range: callNameRange(c),
});

/** Where a write is reported: the call from its method name, or the whole assignment. */
export type WriteSite = { range: Range } | { node: Node };

/**
 * Writes of a JavaMail property whose key matches `key`: `props.put(K, v)`, `props.setProperty(K, v)`
 * and `props[K] = v`, with the key's text.
 */
export function mailPropertyWrites(file: SourceFile, key: RegExp): { key: string; value: Node; at: WriteSite }[] {
  const out: { key: string; value: Node; at: WriteSite }[] = [];
  for (const c of calls(file)) {
    const [k, value] = c.args;
    const name =
      (c.name === 'put' || c.name === 'setProperty') && c.args.length === 2 ? stringValue(file, k) : undefined;
    if (name && value && key.test(name)) out.push({ key: name, value, at: { range: callNameRange(c) } });
  }
  for (const a of assignments(file)) {
    const name = a.target.type === 'index_expression' ? stringValue(file, named(a.target)[1]) : undefined;
    if (name && key.test(name)) out.push({ key: name, value: a.value, at: { node: a.node } });
  }
  return out;
}

/** `options.isTrustAll = true`: assignments of the literal `value` to a property named in `props`. */
export function boolPropertyAssignments(
  file: SourceFile,
  props: readonly string[],
  value: boolean,
): { node: Node; target: Node; value: Node }[] {
  return assignments(file).filter(
    (a) =>
      a.target.type === 'navigation_expression' && props.includes(simpleName(a.target) ?? '') && isBool(a.value, value),
  );
}
