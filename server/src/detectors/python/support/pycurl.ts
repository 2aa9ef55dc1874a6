// pycurl handles: which libcurl option a `setopt` call sets.
import type { Node } from 'web-tree-sitter';
import { callArgs, qualifiedNameAt, valuesReaching } from '../../../engine/languages/python';
import type { SourceFile } from '../../../engine/types';

/**
 * The single value a name is bound to in the file (`setopt = curl.setopt`, a parameter's default
 * `_pycurl=pycurl`), leaving out `None` (the `except ImportError: pycurl = None` fallback).
 */
function boundValue(file: SourceFile, node: Node): Node | undefined {
  const leaves = valuesReaching(file, node).filter((l) => l.type !== 'none');
  return leaves.length === 1 && leaves[0].id !== node.id ? leaves[0] : undefined;
}

/** Whether the callee is a handle's `setopt`, directly or through a local alias (`setopt = curl.setopt`). */
function isSetopt(file: SourceFile, fn: Node | null): boolean {
  const target = fn?.type === 'identifier' ? boundValue(file, fn) : fn;
  return target?.type === 'attribute' && target.childForFieldName('attribute')?.text === 'setopt';
}

/** The default value of the parameter `name` of the function around `node` (`_pycurl=pycurl`). */
function parameterDefault(node: Node, name: string): Node | undefined {
  let fn: Node | null = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  for (const p of fn?.childForFieldName('parameters')?.namedChildren ?? []) {
    if (
      (p?.type === 'default_parameter' || p?.type === 'typed_default_parameter') &&
      p.childForFieldName('name')?.text === name
    )
      return p.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

/** The qualified name of an option constant, also through a module alias held in a parameter's default. */
function optionName(file: SourceFile, opt: Node): string | undefined {
  const name = qualifiedNameAt(file, opt);
  if (name || opt.type !== 'attribute') return name;
  const obj = opt.childForFieldName('object');
  const bound = obj?.type === 'identifier' ? parameterDefault(obj, obj.text) : undefined;
  const module = bound ? qualifiedNameAt(file, bound) : undefined;
  return module === 'pycurl' ? `pycurl.${opt.childForFieldName('attribute')?.text}` : undefined;
}

/** The libcurl option a `setopt` call sets (`SSL_VERIFYPEER`), when its first argument is a pycurl constant. */
export function pycurlOption(file: SourceFile, call: Node): { option: string; value: Node } | undefined {
  if (!isSetopt(file, call.childForFieldName('function'))) return undefined;
  const args = callArgs(call);
  const [opt, value] = args.positional;
  if (!opt || !value) return undefined;
  // `pycurl.SSL_VERIFYPEER`, or the same constant read from a handle (`c.SSL_VERIFYPEER`, c = pycurl.Curl()).
  const name = optionName(file, opt);
  const m = name ? /^pycurl\.(?:Curl\(\)\.|CurlMulti\(\)\.)?([A-Z0-9_]+)$/.exec(name) : null;
  return m ? { option: m[1], value } : undefined;
}
