// The Kotlin grammar's side of the shared client-option checks (client-options.ts).
import type { Node } from 'web-tree-sitter';
import { callNameRange, isBool, named, type Call } from '../../../engine/languages/kotlin';
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
