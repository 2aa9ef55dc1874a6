// Shared by the C detectors: libcurl options however they are set (`curl_easy_setopt` or a project's
// wrapper macro such as `my_setopt_long(curl, CURLOPT_SSL_VERIFYPEER, 0)`), and the values an argument
// can take (each branch of a ternary).
import type { Node } from 'web-tree-sitter';
import { args, callName, intValue, lastName, valueText } from '../../../engine/languages/c';
import { CURL_CHECK_OPTIONS, curlopt, type CurlCheck, type CurlCheckSetting } from '../../../engine/curl';
import type { SourceFile } from '../../../engine/types';

/** The values an expression can take: each branch of `cond ? a : b` (nested), else the expression itself. */
export function branches(node: Node): Node[] {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1 && n.namedChildren[0]) n = n.namedChildren[0];
  if (n.type !== 'conditional_expression') return [node];
  const cons = n.childForFieldName('consequence');
  const alt = n.childForFieldName('alternative');
  return [...(cons ? branches(cons) : []), ...(alt ? branches(alt) : [])];
}

/** One libcurl option set: the call, the option as written after macros, and the value argument. */
export interface CurlOptionSet {
  call: Node;
  callee: string;
  option: string;
  value: Node;
}

/**
 * Every call that sets one of `options` (`CURLOPT_*` names): `curl_easy_setopt(h, OPT, v)` and any
 * wrapper whose name says it sets an option (`my_setopt_long(h, OPT, v)`, `test_setopt`, curl's DoH
 * `ERROR_CHECK_SETOPT(OPT, v)`): the value is the argument after the option.
 */
export function curlOptionSets(file: SourceFile, options: readonly string[]): CurlOptionSet[] {
  const all = file.memo('c.curlOptionSets', () => {
    const out: CurlOptionSet[] = [];
    for (const call of file.nodes('call_expression')) {
      const callee = callName(call);
      if (!callee || !/opt/i.test(callee)) continue;
      const a = args(call);
      for (let i = 0; i + 1 < a.length; i++) {
        const option = valueText(file, a[i]);
        const value = a[i + 1];
        if (option?.startsWith('CURLOPT_') && value) {
          out.push({ call, callee, option, value });
          break;
        }
      }
    }
    return out;
  });
  return all.filter((s) => options.includes(s.option));
}

/**
 * The condition that selects a ternary branch (`insecure` in `insecure ? 0L : 1L`), or undefined when the
 * value is no branch. A branch is chosen by the caller's value: reported as an opt-in path at the condition.
 */
export function selectingCondition(branch: Node): Node | undefined {
  let child = branch;
  for (let p = branch.parent; p; child = p, p = p.parent) {
    if (p.type === 'parenthesized_expression') continue;
    if (p.type !== 'conditional_expression') return undefined;
    const cond = p.childForFieldName('condition');
    if (cond && cond.id !== child.id) return cond;
  }
  return undefined;
}

/** curlpp's and cpr's wrapper objects for each check: `SslVerifyPeer(false)`, `cpr::VerifySsl{false}`. */
const CHECK_WRAPPERS: Readonly<Record<CurlCheck, readonly string[]>> = {
  peer: ['SslVerifyPeer', 'ProxySslVerifyPeer', 'VerifySsl'],
  host: ['SslVerifyHost', 'ProxySslVerifyHost'],
};

/** A wrapper object's name and its one value: `SslVerifyPeer(false)`, `new SslVerifyPeer(false)`, `cpr::VerifySsl{false}`. */
function wrapperValue(node: Node, names: readonly string[]): { name: string; value: Node } | undefined {
  const typeNode =
    node.type === 'call_expression' ? node.childForFieldName('function') : node.childForFieldName('type');
  const list = node.childForFieldName('arguments') ?? node.childForFieldName('value');
  if (!typeNode || !list || !['identifier', 'qualified_identifier', 'type_identifier'].includes(typeNode.type))
    return undefined;
  const name = lastName(typeNode);
  if (!names.includes(name)) return undefined;
  const values = list.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  return values.length === 1 && values[0] ? { name, value: values[0] } : undefined;
}

/**
 * The C adaptor of the shared curl checks (engine/curl.ts): every value a verify option of `check` is
 * given, through `curl_easy_setopt` or a wrapper (each branch of a ternary, chosen by its condition), and
 * in C++ through curlpp's and cpr's wrapper objects.
 */
export function curlCheckSettings(file: SourceFile, check: CurlCheck): CurlCheckSetting[] {
  const out: CurlCheckSetting[] = [];
  for (const { option, value } of curlOptionSets(file, curlopt(CURL_CHECK_OPTIONS[check]))) {
    for (const v of branches(value)) {
      const number = intValue(valueText(file, v));
      out.push({
        option,
        verb: 'is set to',
        number,
        value: v,
        at: v,
        flag: selectingCondition(v),
        spell: (on) => `${on}L`,
      });
    }
  }
  if (file.language !== 'cpp') return out;
  for (const node of file.nodes('call_expression', 'new_expression', 'compound_literal_expression')) {
    const w = wrapperValue(node, CHECK_WRAPPERS[check]);
    if (!w) continue;
    const number = intValue(valueText(file, w.value));
    out.push({
      option: w.name,
      verb: 'is given',
      number,
      value: w.value,
      at: w.value,
      spell: (on) => (on === 1 ? 'true' : `${on}L`),
    });
  }
  return out;
}
