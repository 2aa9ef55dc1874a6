// pycurl handles: which libcurl option a `setopt` call sets, and the adaptor of the shared curl checks.
import type { Node } from 'web-tree-sitter';
import { callArgs, isFalsy, nameOf, valueOf, valuesReaching } from '../../../engine/languages/python';
import { disablingValue } from './conditional';
import { CURL_CHECK_OPTIONS, type CurlCheck, type CurlCheckSetting } from '../../../engine/curl';
import type { SourceFile } from '../../../engine/types';

/**
 * The single value a name is bound to in the file (`setopt = curl.setopt`), leaving out `None` (the
 * `except ImportError: pycurl = None` fallback).
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
  const name = nameOf(file, opt, 'reaching');
  if (name || opt.type !== 'attribute') return name;
  const obj = opt.childForFieldName('object');
  const bound = obj?.type === 'identifier' ? parameterDefault(obj, obj.text) : undefined;
  const module = bound ? nameOf(file, bound, 'reaching') : undefined;
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

/**
 * The pycurl adaptor of the shared curl checks (engine/curl.ts): each `setopt` of a verify option of
 * `check`, with its value as a number (False and other falsy constants 0, True 1).
 */
export function curlCheckSettings(file: SourceFile, check: CurlCheck): CurlCheckSetting[] {
  const out: CurlCheckSetting[] = [];
  for (const call of file.nodes('call')) {
    const opt = pycurlOption(file, call);
    if (!opt || !CURL_CHECK_OPTIONS[check].includes(opt.option)) continue;
    // `setopt(SSL_VERIFYPEER, 1 if request.validate_cert else 0)`: the falsy branch, reported where it is
    // written so that the conditional's condition reads as the caller's flag.
    const branch = disablingValue(file, opt.value);
    if (branch && branch.id !== opt.value.id) {
      out.push({ option: opt.option, verb: 'is set to', number: 0, value: branch, at: branch, spell: String });
      continue;
    }
    const constant = valueOf(file, opt.value);
    const number = isFalsy(file, opt.value)
      ? 0
      : constant?.type === 'true'
        ? 1
        : constant?.type === 'integer'
          ? Number(constant.text.replace(/_/g, ''))
          : undefined;
    out.push({
      option: opt.option,
      verb: 'is set to',
      number,
      value: opt.value,
      at: call,
      spell: (on) => (on === 1 && constant?.type === 'false' ? 'True' : String(on)),
    });
  }
  return out;
}
