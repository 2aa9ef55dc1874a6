// PHP call sites for engine/calls: calls of this file's top-level functions (`function fetch_url($url,
// $verify)`) with a constant for a parameter, positional or named (`fetch_url($url, false)`,
// `fetch_url($url, verify: false)`). Other files' functions are not followed (an `include` names no function).
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../types';
import type { WorkspaceView } from '../workspace';
import { constantCallSites, functionsWithParameters, type ConstantArgument } from './functions';
import type { CallSite } from './index';

/** The top-level functions of a file with parameters, by name (a name defined twice is left out). */
export function phpFunctions(root: Node): Map<string, Node> {
  return functionsWithParameters(root, (st) => (st.type === 'function_definition' ? st : undefined));
}

/** The constant an argument holds, as a probe writes it: `false`, `true`, `0`, `1`, `2`, `null`. */
function constantText(arg: Node): string | undefined {
  if (arg.type === 'boolean') return arg.text.toLowerCase();
  if (arg.type === 'null') return 'null';
  if (arg.type === 'integer' && /^[0-2]$/.test(arg.text)) return arg.text;
  return undefined;
}

export function phpCallSites(file: SourceFile, _view: WorkspaceView): CallSite[] {
  const out: CallSite[] = [];
  const tree = file.tree;
  if (!tree) return out;
  const own = file.memo('calls.php.own', () => phpFunctions(tree.rootNode));
  if (own.size === 0) return out;
  for (const call of file.nodes('function_call_expression')) {
    const callee = call.childForFieldName('function');
    // PHP function names are case-insensitive; the file's own definitions are matched as written.
    if (callee?.type !== 'name' || !own.has(callee.text)) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter(
      (a): a is Node => !!a && a.type !== 'comment',
    );
    // `...$args` (or a first-class callable `f(...)`): positions are not known.
    if (args.some((a) => a.type !== 'argument' || a.text.startsWith('...'))) continue;
    const constants: ConstantArgument[] = [];
    args.forEach((a, index) => {
      const name = a.childForFieldName('name');
      const value = a.namedChildren.find((c) => c && c.id !== name?.id);
      const text = value ? constantText(value) : undefined;
      if (!text || !value) return;
      if (name) constants.push({ node: a, param: name.text, text });
      else constants.push({ node: value, index, text });
    });
    if (constants.length) out.push(...constantCallSites(callee, { name: callee.text }, constants));
  }
  return out;
}
