// Shared by the C detectors: libcurl options however they are set (`curl_easy_setopt` or a project's
// wrapper macro such as `my_setopt_long(curl, CURLOPT_SSL_VERIFYPEER, 0)`), and the values an argument
// can take (each branch of a ternary).
import type { Node } from 'web-tree-sitter';
import { args, callName, valueText } from '../../../engine/languages/c';
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
