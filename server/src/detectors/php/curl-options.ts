// Shared by the PHP curl detectors: every place a curl option gets a value, `curl_setopt($ch, OPT, v)`
// and `OPT => v` in an array (`curl_setopt_array`, Guzzle's `'curl' => [...]`, any options array).
import type { Node } from 'web-tree-sitter';
import { argValues, arrayPairs, callName, resolve, plainName } from '../../engine/languages/php';
import type { SourceFile } from '../../engine/types';

export interface OptionUse {
  option: string;
  value: Node;
  /** What to report: the `OPT => v` pair or the call's value argument. */
  at: Node;
}

/** Every curl option set in the file (read once, shared by the curl detectors). */
function allCurlOptionUses(file: SourceFile): OptionUse[] {
  return file.memo('php.curlOptionUses', () => {
    const out: OptionUse[] = [];
    for (const call of file.nodes('function_call_expression')) {
      const name = callName(call);
      if (name !== 'curl_setopt' && name !== 'curl_multi_setopt') continue;
      const a = argValues(call);
      const opt = plainName(resolve(file, a[1]));
      if (a.length >= 3 && opt?.startsWith('CURL')) out.push({ option: opt, value: a[2], at: a[2] });
    }
    for (const pair of arrayPairs(file)) {
      if (pair.name?.startsWith('CURL')) out.push({ option: pair.name, value: pair.value, at: pair.el });
    }
    return out;
  });
}

export function curlOptionUses(file: SourceFile, options: readonly string[]): OptionUse[] {
  return allCurlOptionUses(file).filter((u) => options.includes(u.option));
}
