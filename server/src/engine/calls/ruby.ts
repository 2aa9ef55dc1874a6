// Ruby call sites for engine/calls: calls of this file's top-level methods (`def connect(host, verify)`)
// with `true` or `false` for a parameter, positional or keyword (`connect(host, false)`,
// `connect(host, verify: false)`). A constant such as `OpenSSL::SSL::VERIFY_NONE` is reported where it is
// written already; other files' methods are not followed (Ruby's `require` names no function).
import type { Node } from 'web-tree-sitter';
import { symbolName } from '../languages/ruby';
import type { SourceFile } from '../types';
import type { WorkspaceView } from '../workspace';
import { constantCallSites, functionsWithParameters, type ConstantArgument } from './functions';
import type { CallSite } from './index';

/** The top-level methods of a file with parameters, by name (a name defined twice is left out). */
export function rubyFunctions(root: Node): Map<string, Node> {
  return functionsWithParameters(root, (st) => (st.type === 'method' ? st : undefined));
}

/** Arguments whose position or name is not known from the call as written. */
const UNKNOWN_SHAPE = new Set(['splat_argument', 'hash_splat_argument', 'block_argument', 'forward_argument']);

export function rubyCallSites(file: SourceFile, _view: WorkspaceView): CallSite[] {
  const out: CallSite[] = [];
  const tree = file.tree;
  if (!tree) return out;
  const own = file.memo('calls.ruby.own', () => rubyFunctions(tree.rootNode));
  if (own.size === 0) return out;
  for (const call of file.nodes('call')) {
    const method = call.childForFieldName('method');
    if (call.childForFieldName('receiver') || method?.type !== 'identifier' || !own.has(method.text)) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter(
      (a): a is Node => !!a && a.type !== 'comment',
    );
    if (args.some((a) => UNKNOWN_SHAPE.has(a.type))) continue;
    const constants: ConstantArgument[] = [];
    let index = 0;
    for (const a of args) {
      if (a.type === 'pair') {
        const value = a.childForFieldName('value');
        const name = symbolName(a.childForFieldName('key'));
        if (name && (value?.type === 'true' || value?.type === 'false'))
          constants.push({ node: a, param: name, text: value.text });
        continue;
      }
      if (a.type === 'true' || a.type === 'false') constants.push({ node: a, index, text: a.text });
      index++;
    }
    if (constants.length) out.push(...constantCallSites(method, { name: method.text }, constants));
  }
  return out;
}
