// Shared by the Rust verification detectors: isahc's `SslOption` bit flags, the argument of a
// `danger_*`-style builder method that is neither `true` nor `false`, and the reports and fix of both.
import type { Node } from 'web-tree-sitter';
import { isFlagName } from '../../../engine/intent';
import type { ReportOf } from '../../../engine/detector';
import {
  boolValue,
  inComparison,
  methodCalls,
  orChainTop,
  orOperands,
  pathSegments,
} from '../../../engine/languages/rust';
import type { Fix, SourceFile, TextEdit } from '../../../engine/types';

/** Drops an isahc flag from its `|` chain, or replaces a lone flag with `SslOption::NONE`. */
function dropFlag(flag: Node): TextEdit {
  const top = orChainTop(flag);
  const ops = orOperands(top);
  if (ops.length === 1) {
    const seg = pathSegments(flag) ?? [flag.text];
    return { start: flag.startIndex, end: flag.endIndex, newText: [...seg.slice(0, -1), 'NONE'].join('::') };
  }
  const i = ops.findIndex((o) => o.id === flag.id);
  const before = ops[i - 1];
  const after = ops[1];
  if (i > 0 && before) return { start: before.endIndex, end: flag.endIndex, newText: '' };
  return { start: flag.startIndex, end: after ? after.startIndex : flag.endIndex, newText: '' };
}

/**
 * The setting that drives a non-constant argument of a method named for the insecure mode
 * (`danger_accept_invalid_hostnames(!config.hostname_verification)`, `disable_verification(opts.insecure)`):
 * the leaf naming it, preferring one that reads as a verification flag. The method's own name says the
 * value turns verification off, so whatever the caller passes through is an opt-in path. A literal, a
 * macro or a closure gives undefined.
 */
function settingOf(arg: Node): Node | undefined {
  let v: Node = arg;
  for (;;) {
    const inner = v.namedChildren.filter((c): c is Node => !!c && !c.type.endsWith('comment'));
    if ((v.type === 'parenthesized_expression' || v.type === 'unary_expression') && inner.length === 1 && inner[0]) {
      v = inner[0];
    } else break;
  }
  if (/literal|closure|macro/.test(v.type)) return undefined;
  const leaves: Node[] = [];
  const walk = (n: Node): void => {
    if (leaves.length > 50) return;
    if (n.type === 'identifier' || n.type === 'field_identifier') leaves.push(n);
    for (const c of n.namedChildren) if (c) walk(c);
  };
  walk(v);
  const named = leaves.filter((l) => l.text !== 'self');
  return named.find((l) => isFlagName(l.text)) ?? named[named.length - 1];
}

/**
 * Whether a call forwards the parameter of a function that is itself the insecure API
 * (`pub fn danger_accept_invalid_certs(self, accept: bool) { self.tls_danger_accept_invalid_certs(accept) }`):
 * a library's alias or wrapper of the option, whose callers make the choice.
 */
function forwardsOwnParameter(call: Node, setting: Node): boolean {
  let fn: Node | null = call.parent;
  while (fn && fn.type !== 'function_item') fn = fn.parent;
  const name = fn?.childForFieldName('name')?.text ?? '';
  if (!fn || !/danger|accept_invalid|disable_verification/.test(name)) return false;
  const params = fn.childForFieldName('parameters')?.namedChildren ?? [];
  return params.some((p) => p?.type === 'parameter' && p.childForFieldName('pattern')?.text === setting.text);
}

/** Settings named for turning verification off (`danger_accept_invalid_certs`, `insecure`, `skip_verify`). */
const DANGER_NAME = /danger|insecure|accept_invalid|skip_?verif|no_?verify|disable_?verif/i;

/** Whether an argument is `!x` (through parentheses). */
function negated(arg: Node): boolean {
  let v: Node = arg;
  while (v.type === 'parenthesized_expression' && v.namedChildren[0]) v = v.namedChildren[0];
  return v.type === 'unary_expression' && v.text.startsWith('!');
}

/** Each use of isahc's `SslOption::<name>` as a flag that is set (not compared, not masked). */
function sslOptionFlags(file: SourceFile, name: string): Node[] {
  return file.nodes('scoped_identifier').filter((path) => {
    const seg = pathSegments(path);
    return seg?.[seg.length - 1] === name && seg[seg.length - 2] === 'SslOption' && !inComparison(path);
  });
}

/** What the danger-accept detectors' reports carry: a value to set back, or a flag to drop. */
export type DangerState = { value: Node; text: string } | { edit: TextEdit };

/** Their fix: drop the isahc flag, or set the builder's argument back (`false`, `true`). */
export function dangerFix(s: DangerState, flag: string, setTitle: (text: string) => string): Fix {
  if ('edit' in s) return { title: `Drop \`${flag}\``, safety: 'safe', edits: [s.edit] };
  return {
    title: setTitle(s.text),
    safety: 'safe',
    edits: [{ start: s.value.startIndex, end: s.value.endIndex, newText: s.text }],
  };
}

/** One check's switches: builder methods whose `true` turns it off, their isahc flag, and the wording. */
export interface DangerSwitches {
  methods: readonly string[];
  flag: string;
  /** What `subject` (`\`danger_x(true)\``) does; `whenever`: its argument is the caller's setting. */
  accepts: (subject: string, whenever: boolean) => string;
  /** Methods whose `false` turns the check off (`set_verify_hostname(false)`), and the check's name. */
  verifiers?: { methods: readonly string[]; check: string };
}

/**
 * Reports each switch set to turn the check off: `true` to a danger method, `false` to a verifier, the
 * caller's setting passed to a danger method (an opt-in; a verifier's pass-through keeps the library's
 * default), and the isahc flag.
 */
export function reportDangerSwitches(
  file: SourceFile,
  s: DangerSwitches,
  report: (r: ReportOf<DangerState>) => void,
): void {
  for (const { call, field, name, args } of methodCalls(file, [...s.methods, ...(s.verifiers?.methods ?? [])])) {
    const arg = args[0];
    if (args.length !== 1 || !arg || !field) continue;
    const value = boolValue(file, arg);
    const danger = s.methods.includes(name);
    if (danger && value === true) {
      report({ node: field, message: s.accepts(`\`${name}(true)\``, false), state: { value: arg, text: 'false' } });
    } else if (!danger && value === false) {
      report({
        node: field,
        message: `\`${name}(false)\` turns ${s.verifiers?.check} off.`,
        state: { value: arg, text: 'true' },
      });
    } else if (!danger && value === undefined) {
      // A verifier given a setting named for turning the check off (curl's
      // `easy.ssl_verify_peer(!self.danger_accept_invalid_certs)`): negated, the caller's opt-in; as is,
      // the check is off exactly when that setting is not (`proxy_ssl_verify_peer(self.danger_accept_invalid_certs)`).
      const setting = settingOf(arg);
      if (!setting || !DANGER_NAME.test(setting.text)) continue;
      if (negated(arg))
        report({
          node: field,
          message: `\`${name}(${arg.text})\` turns ${s.verifiers?.check} off whenever \`${setting.text}\` is set.`,
          flag: setting,
          state: { value: arg, text: 'true' },
        });
      else
        report({
          node: field,
          message: `\`${name}(${arg.text})\` is given a setting named for turning verification off: ${s.verifiers?.check} is off unless \`${setting.text}\` is set.`,
          state: { value: arg, text: 'true' },
        });
    } else if (danger && value === undefined) {
      // `danger_accept_invalid_certs(!config.certs_verification)`.
      const setting = settingOf(arg);
      if (setting && !forwardsOwnParameter(call, setting))
        report({
          node: field,
          message: s.accepts(`\`${name}(${arg.text})\``, true),
          flag: setting,
          state: { value: arg, text: 'false' },
        });
    }
  }
  for (const path of sslOptionFlags(file, s.flag))
    report({ node: path, message: s.accepts(`\`SslOption::${s.flag}\``, false), state: { edit: dropFlag(path) } });
}
