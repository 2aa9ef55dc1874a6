// Shared by the PHP curl detectors: every place a curl option gets a value, `curl_setopt($ch, OPT, v)`
// and `OPT => v` in an array (`curl_setopt_array`, Guzzle's `'curl' => [...]`, any options array).
import type { Node } from 'web-tree-sitter';
import { argValues, arrayPair, callName, keyName, resolve, plainName } from '../../engine/languages/php';
import type { SourceFile } from '../../engine/types';

export interface OptionUse {
  option: string;
  value: Node;
  /** What to report: the `OPT => v` pair or the call's value argument. */
  at: Node;
}

export function curlOptionUses(file: SourceFile, options: readonly string[]): OptionUse[] {
  const out: OptionUse[] = [];
  for (const call of file.nodes('function_call_expression')) {
    if (callName(call) !== 'curl_setopt' && callName(call) !== 'curl_multi_setopt') continue;
    const a = argValues(call);
    const opt = plainName(resolve(file, a[1]));
    if (a.length >= 3 && opt && options.includes(opt)) out.push({ option: opt, value: a[2], at: a[2] });
  }
  for (const el of file.nodes('array_element_initializer')) {
    const pair = arrayPair(el);
    if (!pair) continue;
    const opt = keyName(pair.key);
    if (opt && options.includes(opt)) out.push({ option: opt, value: pair.value, at: el });
  }
  return out;
}
