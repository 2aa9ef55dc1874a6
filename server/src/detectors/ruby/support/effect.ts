// Where `VERIFY_NONE` configures nothing a client relies on (rules.md §Intent, "a setting with no effect"):
// on a server's context it only means that no client certificate is asked for, which is the default;
// held in a local that is only ever tested, it decides a path and configures nothing.
import type { Node } from 'web-tree-sitter';
import { pairKey, scopeOf } from '../../../engine/languages/ruby';
import type { SourceFile } from '../../../engine/types';

/** Option keys that set client-certificate verification on a server (WEBrick, Puma, Thin). */
const SERVER_KEYS = new Set(['SSLVerifyClient', 'verify_client', 'ssl_verify_client', 'verify_peer_client']);

/** Receivers passed to a server: `OpenSSL::SSL::SSLServer.new(tcp, ctx)`, by their text. */
function serverContexts(file: SourceFile): Set<string> {
  return file.memo('ruby.serverContexts', () => {
    const out = new Set<string>();
    for (const call of file.nodes('call')) {
      const receiver = call.childForFieldName('receiver')?.text.replace(/^::/, '') ?? '';
      if (call.childForFieldName('method')?.text !== 'new' || !/(^|::)SSLServer$/.test(receiver)) continue;
      for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) if (a) out.add(a.text);
    }
    return out;
  });
}

function methodName(node: Node): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'method' || p.type === 'singleton_method') return p.childForFieldName('name')?.text;
  }
  return undefined;
}

/**
 * Whether the `VERIFY_NONE` at `value` is set on a server: the value of a client-verification key of a
 * server's options, or `x.verify_mode = ...` where `x` is handed to `SSLServer.new`, or named for a
 * server, or set in a method named for one (`def server_context`).
 */
export function onServer(file: SourceFile, value: Node): boolean {
  const p = value.parent;
  if (p?.type === 'pair') return SERVER_KEYS.has(pairKey(p) ?? '');
  if (p?.type !== 'assignment' || p.childForFieldName('right')?.id !== value.id) return false;
  const left = p.childForFieldName('left');
  const target = left?.type === 'call' ? left.childForFieldName('receiver') : undefined;
  if (!target || left?.childForFieldName('method')?.text !== 'verify_mode') return false;
  if (serverContexts(file).has(target.text)) return true;
  const named = (n: string | undefined) => !!n && /server/i.test(n) && !/client/i.test(n);
  return named(target.text) || named(methodName(value));
}

const CONDITIONS = /^(if|elsif|unless|while|until|if_modifier|unless_modifier|conditional|case)$/;

/** Whether `node` sits in the condition of an `if`, `elsif`, `unless`, ternary or `case` subject. */
function inCondition(node: Node): boolean {
  for (let child = node, p = node.parent; p; child = p, p = p.parent) {
    if (CONDITIONS.test(p.type)) {
      const cond = p.childForFieldName('condition') ?? p.childForFieldName('value');
      return cond?.id === child.id;
    }
    if (/^(method|singleton_method|block|do_block|body_statement|then|else)$/.test(p.type)) return false;
  }
  return false;
}

/**
 * Whether the value at `value` goes into a local (`mode = cfg.verify_mode || VERIFY_NONE`) that every
 * later read in its scope only tests (`if mode == VERIFY_NONE`): it chooses a path and configures nothing.
 */
export function onlyTested(value: Node): boolean {
  let n = value;
  while (n.parent && (n.parent.type === 'binary' || n.parent.type === 'parenthesized_statements')) n = n.parent;
  const asg = n.parent;
  const left =
    asg?.type === 'assignment' && asg.childForFieldName('right')?.id === n.id ? asg.childForFieldName('left') : null;
  if (left?.type !== 'identifier') return false;
  const scope = scopeOf(asg!);
  if (!scope) return false;
  const reads: Node[] = [];
  const walk = (x: Node) => {
    for (const c of x.namedChildren) {
      if (!c) continue;
      if (c.type === 'identifier' && c.text === left.text && c.startIndex > asg!.endIndex) reads.push(c);
      else if (c.type !== 'method' && c.type !== 'singleton_method') walk(c);
    }
  };
  walk(scope);
  return reads.length > 0 && reads.every(inCondition);
}
