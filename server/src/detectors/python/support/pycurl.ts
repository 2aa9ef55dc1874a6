// pycurl handles: which libcurl option a `setopt` call sets.
import type { Node } from 'web-tree-sitter';
import { callArgs, nameOf } from '../../../engine/languages/python';
import type { SourceFile } from '../../../engine/types';

/** The libcurl option a `setopt` call sets (`SSL_VERIFYPEER`), when its first argument is a pycurl constant. */
export function pycurlOption(file: SourceFile, call: Node): { option: string; value: Node } | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'setopt') return undefined;
  const args = callArgs(call);
  const [opt, value] = args.positional;
  if (!opt || !value) return undefined;
  // `pycurl.SSL_VERIFYPEER`, or the same constant read from a handle (`c.SSL_VERIFYPEER`, c = pycurl.Curl()).
  const name = nameOf(file, opt, 'reaching');
  const m = name ? /^pycurl\.(?:Curl\(\)\.|CurlMulti\(\)\.)?([A-Z0-9_]+)$/.exec(name) : null;
  return m ? { option: m[1], value } : undefined;
}
