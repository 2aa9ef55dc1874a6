// Where PHP code gives a TLS option a value, shared by the curl and stream-context detectors:
// `curl_setopt($ch, OPT, v)`, `OPT => v` in any options array (`curl_setopt_array`, Guzzle's `'curl'`),
// `$conf[OPT] = v` on an array built up before it is handed over, `'verify_peer' => v`,
// `$options['ssl']['verify_peer'] = v`, `stream_context_set_option($ctx, 'ssl', 'verify_peer', v)`, and a
// client's setter named for the option (`->setTlsVerifyPeer(v)`, `->setVerifyPeerName(v)`).
import type { Node } from 'web-tree-sitter';
import {
  argValues,
  localValues,
  valueBranches,
  arrayPairs,
  callName,
  plainName,
  resolve,
  stringValue,
  subscriptKeys,
  isFalsy,
  intValue,
} from '../../../engine/languages/php';
import { CURL_CHECK_OPTIONS, curlopt, type CurlCheck, type CurlCheckSetting } from '../../../engine/curl';
import { callerFlag } from './intent';
import type { SourceFile } from '../../../engine/types';

export interface OptionUse {
  /** The option as written without its namespace (`CURLOPT_SSL_VERIFYPEER`, `verify_peer`). */
  option: string;
  value: Node;
  /** What to report: the `OPT => v` pair, the `$a[OPT] = v` assignment or the call's value argument. */
  at: Node;
  /** How the code names it when not by the option itself: a setter (`->setTlsVerifyPeer()`). */
  written?: string;
}

/**
 * Setters named for a stream-context option, with or without a `Tls`/`Ssl` prefix (php-mqtt's
 * `ConnectionSettings::setTlsVerifyPeer`, `setTlsVerifyPeerName`, `setTlsSelfSignedAllowed`, and the same words
 * in other clients' builders): the option each stands for.
 */
const SETTERS: [RegExp, string][] = [
  [/^set(?:tls|ssl)?verifypeer$/i, 'verify_peer'],
  [/^set(?:tls|ssl)?verifypeername$/i, 'verify_peer_name'],
  [/^set(?:tls|ssl)?(?:allowselfsigned|selfsignedallowed)$/i, 'allow_self_signed'],
];

/** `->setTlsVerifyPeer(v)` in the file: the option, the value and the call, read once. */
function optionSetters(file: SourceFile): (OptionUse & { written: string })[] {
  return file.memo('php.optionSetters', () => {
    const out: (OptionUse & { written: string })[] = [];
    for (const call of file.nodes('member_call_expression', 'nullsafe_member_call_expression')) {
      const method = callName(call);
      const option = method && SETTERS.find(([re]) => re.test(method))?.[1];
      const a = argValues(call);
      if (option && a.length === 1) out.push({ option, value: a[0], at: a[0], written: `${method}()` });
    }
    return out;
  });
}

/** `$a[KEY] = v` (and `$a['ssl'][KEY] = v`) in the file: the last key, the value and the assignment. */
function keyedAssignments(file: SourceFile): { key: Node; value: Node; at: Node }[] {
  return file.memo('php.keyedAssignments', () => {
    const out: { key: Node; value: Node; at: Node }[] = [];
    for (const asg of file.nodes('assignment_expression')) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (left?.type !== 'subscript_expression' || !right) continue;
      const key = subscriptKeys(left).pop();
      if (key) out.push({ key, value: right, at: asg });
    }
    return out;
  });
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
    for (const k of keyedAssignments(file)) {
      const opt = plainName(resolve(file, k.key));
      if (opt?.startsWith('CURL')) out.push({ option: opt, value: k.value, at: k.at });
    }
    return out;
  });
}

/** The uses of the given curl options (`CURLOPT_SSL_VERIFYPEER`...). */
export function curlOptionUses(file: SourceFile, options: readonly string[]): OptionUse[] {
  return allCurlOptionUses(file).filter((u) => options.includes(u.option));
}

/** The uses of the given stream-context (or Symfony HttpClient) option names (`verify_peer`...). */
export function contextOptionUses(file: SourceFile, names: readonly string[]): OptionUse[] {
  const out: OptionUse[] = [];
  for (const pair of arrayPairs(file)) {
    if (pair.name && pair.stringKey && names.includes(pair.name))
      out.push({ option: pair.name, value: pair.value, at: pair.el });
  }
  for (const k of keyedAssignments(file)) {
    const name = stringValue(k.key);
    if (name && names.includes(name)) out.push({ option: name, value: k.value, at: k.at });
  }
  for (const call of file.nodes('function_call_expression')) {
    if (callName(call) !== 'stream_context_set_option') continue;
    const a = argValues(call);
    const name = stringValue(a[2]);
    if (a.length >= 4 && stringValue(a[1]) === 'ssl' && name && names.includes(name))
      out.push({ option: name, value: a[3], at: a[3] });
  }
  for (const use of optionSetters(file)) if (names.includes(use.option)) out.push(use);
  return out;
}

/** One value an option may receive, and where to report it. */
export interface OptionValue {
  value: Node;
  /** The option site for a value written there; the value itself for a ternary branch or a local's assignment. */
  at: Node;
}

/**
 * The values an option use may receive: the branches of a ternary or `match`, and the values a local
 * variable is assigned before it is passed (`$verify = false; ... CURLOPT_SSL_VERIFYPEER => $verify`),
 * which are reported where they are written, as the line to change.
 */
export function optionValues(file: SourceFile, use: OptionUse): OptionValue[] {
  const locals = localValues(file, use.value);
  const sources = locals ?? [use.value];
  return sources.flatMap((source) =>
    valueBranches(source).map((value) => ({ value, at: value.id === use.value.id ? use.at : value })),
  );
}

/**
 * The PHP adaptor of the shared curl checks (engine/curl.ts): every value a verify option of `check`
 * may receive (see `optionValues`), as a number (false and null are 0), with the caller's flag that
 * selects it.
 */
export function curlCheckSettings(file: SourceFile, check: CurlCheck): CurlCheckSetting[] {
  return curlOptionUses(file, curlopt(CURL_CHECK_OPTIONS[check])).flatMap((use) =>
    optionValues(file, use).map(({ value, at }) => ({
      option: use.option,
      verb: 'is set to',
      number: isFalsy(file, value) ? 0 : intValue(file, value),
      value,
      at,
      flag: callerFlag(at, false),
      spell: (on: number) => (on === 1 ? 'true' : String(on)),
    })),
  );
}
