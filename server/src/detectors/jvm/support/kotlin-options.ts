// The Kotlin grammar's side of the shared client-option checks (client-options.ts), and the lists a
// Kotlin file sets (protocols, cipher suites).
import type { Node } from 'web-tree-sitter';
import {
  assignments,
  callNameRange,
  calls,
  isBool,
  listElements,
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

/**
 * The lists a file hands to one of `setters` (`setEnabledProtocols(arrayOf(...))`, varargs
 * `tlsVersions(a, b)`) or assigns to one of `properties` (`s.enabledProtocols = arrayOf(...)`), each with
 * the setter's or property's name.
 */
export function kotlinListSettings(
  file: SourceFile,
  setters: readonly string[],
  properties: readonly string[],
): { elements: Node[]; api: string }[] {
  const lists: { elements: Node[]; api: string }[] = [];
  for (const c of calls(file)) {
    if (setters.includes(c.name) && c.args.length > 0)
      lists.push({ elements: c.args.length === 1 ? (listElements(file, c.args[0]) ?? c.args) : c.args, api: c.name });
  }
  for (const a of file.nodes('assignment')) {
    const left = a.childForFieldName('left') ?? named(a)[0];
    const right = a.childForFieldName('right') ?? named(a)[named(a).length - 1];
    if (left?.type !== 'navigation_expression' || !properties.includes(simpleName(left) ?? '')) continue;
    const elements = listElements(file, right);
    if (elements) lists.push({ elements, api: simpleName(left)! });
  }
  return lists;
}
