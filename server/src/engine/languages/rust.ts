// Rust helpers for the TLS detectors: method calls on builders (`.danger_accept_invalid_certs(true)`),
// paths as strings (`reqwest::tls::Version::TLS_1_0`), and `const`/`static`/`let` booleans of the file.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../types';

/** Method calls `recv.name(args)` of the file whose method is one of `names`. */
export function methodCalls(file: SourceFile, names: readonly string[]): { call: Node; name: string; args: Node[] }[] {
  const out: { call: Node; name: string; args: Node[] }[] = [];
  for (const call of file.nodes('call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'field_expression') continue;
    const name = fn.childForFieldName('field')?.text;
    if (!name || !names.includes(name)) continue;
    const args =
      call
        .childForFieldName('arguments')
        ?.namedChildren.filter((c): c is Node => !!c && c.type !== 'line_comment' && c.type !== 'block_comment') ?? [];
    out.push({ call, name, args });
  }
  return out;
}

/** Names bound once in the file to a literal (`const X: bool = true;`, `static`, `let x = true;`). */
export function literalBindings(file: SourceFile): Map<string, Node> {
  return file.memo('rust.bindings', () => {
    const seen = new Map<string, Node[]>();
    for (const item of file.nodes('const_item', 'static_item', 'let_declaration')) {
      const name = item.type === 'let_declaration' ? item.childForFieldName('pattern') : item.childForFieldName('name');
      const value = item.childForFieldName('value');
      if (name?.type === 'identifier' && value) seen.set(name.text, [...(seen.get(name.text) ?? []), value]);
    }
    const out = new Map<string, Node>();
    for (const [k, v] of seen) if (v.length === 1) out.set(k, v[0]);
    return out;
  });
}

/** `true`/`false` of a literal or of a name bound once to one. */
export function boolValue(file: SourceFile, node: Node | null | undefined): boolean | undefined {
  if (!node) return undefined;
  let n: Node | undefined = node;
  if (n.type === 'identifier') n = literalBindings(file).get(n.text);
  if (n?.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChildren[0]!;
  if (n?.type === 'boolean_literal') return n.text === 'true';
  return undefined;
}

/** The segments of a path (`reqwest::tls::Version::TLS_1_0` -> [reqwest, tls, Version, TLS_1_0]). */
export function pathSegments(node: Node | null | undefined): string[] | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return [node.text];
  if (node.type !== 'scoped_identifier') return undefined;
  const path = node.childForFieldName('path');
  const name = node.childForFieldName('name')?.text;
  const head = path ? pathSegments(path) : [];
  return head && name ? [...head, name] : undefined;
}

/** `Some(x)` gives x; anything else itself. */
export function unwrapSome(node: Node): Node {
  if (node.type === 'call_expression' && node.childForFieldName('function')?.text === 'Some') {
    const inner = node.childForFieldName('arguments')?.namedChildren.filter((c) => c && !c.type.endsWith('comment'));
    if (inner?.length === 1) return inner[0];
  }
  return node;
}

/** Operands of a `|` chain (parentheses dropped). */
export function orOperands(node: Node): Node[] {
  if (node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '|') {
    return [...orOperands(node.childForFieldName('left')!), ...orOperands(node.childForFieldName('right')!)];
  }
  if (node.type === 'parenthesized_expression' && node.namedChildCount === 1) return orOperands(node.namedChildren[0]);
  return [node];
}

/** The outermost `|` chain holding `node`. */
export function orChainTop(node: Node): Node {
  let n = node;
  while (
    n.parent &&
    ((n.parent.type === 'binary_expression' && n.parent.childForFieldName('operator')?.text === '|') ||
      n.parent.type === 'parenthesized_expression')
  )
    n = n.parent;
  return n;
}

/** Whether a value is compared rather than used (`mode == SslVerifyMode::NONE`, `flags.contains(...)`, `&` masks). */
export function inComparison(node: Node): boolean {
  const top = orChainTop(node);
  const p = top.parent;
  if (p?.type === 'binary_expression') return p.childForFieldName('operator')?.text !== '|';
  if (p?.type === 'unary_expression' || p?.type === 'match_pattern') return true;
  const call = p?.type === 'arguments' ? p.parent : null;
  const fn = call?.childForFieldName('function');
  return (
    fn?.type === 'field_expression' &&
    ['contains', 'intersects', 'remove', 'toggle'].includes(fn.childForFieldName('field')?.text ?? '')
  );
}
