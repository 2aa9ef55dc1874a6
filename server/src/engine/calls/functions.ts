// What engine/calls reads alike in every language: a file's top-level functions a call site may name, and
// the call sites of one call with constant arguments.
import type { Node } from 'web-tree-sitter';
import type { FileSummary } from '../workspace';
import type { CallSite } from './index';

/**
 * A file's top-level functions with parameters, by name; a name defined twice is left out (which one a
 * call reaches is not known). `definition` gives the function a top-level statement defines, if any.
 */
export function functionsWithParameters(
  root: Node,
  definition: (statement: Node) => Node | null | undefined,
): Map<string, Node> {
  const out = new Map<string, Node>();
  const twice = new Set<string>();
  for (const statement of root.namedChildren) {
    const def = statement ? definition(statement) : undefined;
    if (!def) continue;
    const name = def.childForFieldName('name')?.text;
    if (!name) continue;
    if (out.has(name)) twice.add(name);
    if (def.childForFieldName('parameters')?.namedChildren.length) out.set(name, def);
  }
  for (const n of twice) out.delete(n);
  return out;
}

/** A constant argument of a call: where it is written, the parameter it binds (by name or position), its text. */
export interface ConstantArgument {
  node: Node;
  param?: string | undefined;
  index?: number | undefined;
  text: string;
}

/** The call sites of one call of `fn`, written `callee`: one per constant argument, shown as written. */
export function constantCallSites(
  callee: Node,
  fn: { name: string; summary?: FileSummary | undefined },
  constants: readonly ConstantArgument[],
): CallSite[] {
  return constants.map((c) => ({
    node: c.node,
    callee: callee.text,
    shown: c.node.text,
    probe: { function: fn.name, param: c.param, index: c.index, text: c.text },
    summary: fn.summary,
  }));
}
