// Shared by the Rust verification detectors: isahc's `SslOption` bit flags, and the argument of a
// `danger_*`-style builder method that is neither `true` nor `false`.
import type { Node } from 'web-tree-sitter';
import { isFlagName } from '../../../engine/intent';
import { orChainTop, orOperands, pathSegments } from '../../../engine/languages/rust';
import type { TextEdit } from '../../../engine/types';

/** Drops an isahc flag from its `|` chain, or replaces a lone flag with `SslOption::NONE`. */
export function dropFlag(flag: Node): TextEdit {
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
export function settingOf(arg: Node): Node | undefined {
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
export function forwardsOwnParameter(call: Node, setting: Node): boolean {
  let fn: Node | null = call.parent;
  while (fn && fn.type !== 'function_item') fn = fn.parent;
  const name = fn?.childForFieldName('name')?.text ?? '';
  if (!fn || !/danger|accept_invalid|disable_verification/.test(name)) return false;
  const params = fn.childForFieldName('parameters')?.namedChildren ?? [];
  return params.some((p) => p?.type === 'parameter' && p.childForFieldName('pattern')?.text === setting.text);
}
