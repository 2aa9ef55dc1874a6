// pycurl handles: which libcurl option a `setopt` call sets, and the adaptor of the shared curl checks.
import type { Node } from 'web-tree-sitter';
import { callArgs, isFalsy, nameOf, valueOf } from '../../../engine/languages/python';
import { CURL_CHECK_OPTIONS, type CurlCheck, type CurlCheckSetting } from '../../../engine/curl';
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

/**
 * The pycurl adaptor of the shared curl checks (engine/curl.ts): each `setopt` of a verify option of
 * `check`, with its value as a number (False and other falsy constants 0, True 1).
 */
export function curlCheckSettings(file: SourceFile, check: CurlCheck): CurlCheckSetting[] {
  const out: CurlCheckSetting[] = [];
  for (const call of file.nodes('call')) {
    const opt = pycurlOption(file, call);
    if (!opt || !CURL_CHECK_OPTIONS[check].includes(opt.option)) continue;
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
