// Rust helpers for the TLS detectors: method calls on builders (`.danger_accept_invalid_certs(true)`),
// paths as strings (`reqwest::tls::Version::TLS_1_0`), and `const`/`static`/`let` booleans of the file.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../types';
import { orChainTop } from '../syntax';

export { orChainTop, orOperands } from '../syntax';

/** A method call: the node holding its arguments (`call`), the method's name node (`field`) and its arguments. */
export interface MethodCall {
  call: Node;
  field: Node;
  name: string;
  args: Node[];
}

/**
 * Method calls `recv.name(args)` of the file whose method is one of `names`, including those written inside
 * a macro's token tree (`p!(TlsConnector::builder().danger_accept_invalid_hostnames(true).build())`,
 * `assert!(..)`): there the call is the argument token tree and an argument is seen only when it is one token.
 */
export function methodCalls(file: SourceFile, names: readonly string[]): MethodCall[] {
  const out: MethodCall[] = [];
  for (const call of file.nodes('call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'field_expression') continue;
    const field = fn.childForFieldName('field');
    const name = field?.text;
    if (!field || !name || !names.includes(name)) continue;
    const args =
      call
        .childForFieldName('arguments')
        ?.namedChildren.filter((c): c is Node => !!c && c.type !== 'line_comment' && c.type !== 'block_comment') ?? [];
    out.push({ call, field, name, args });
  }
  for (const tree of macroTokenTrees(file)) {
    const kids = tree.children.filter((c): c is Node => !!c);
    for (let i = 1; i + 1 < kids.length; i++) {
      const id = kids[i];
      const list = kids[i + 1];
      if (id?.type !== 'identifier' || !names.includes(id.text) || kids[i - 1]?.text !== '.') continue;
      if (list?.type !== 'token_tree' || !list.text.startsWith('(')) continue;
      out.push({ call: list, field: id, name: id.text, args: tokenArguments(list) });
    }
  }
  return out.sort((a, b) => a.field.startIndex - b.field.startIndex);
}

/** Token trees inside macro invocations (nested ones included), once per file. */
function macroTokenTrees(file: SourceFile): Node[] {
  return file.memo('rust.macroTokenTrees', () =>
    file.nodes('token_tree').filter((t) => {
      for (let p = t.parent; p; p = p.parent) if (p.type === 'macro_invocation') return true;
      return false;
    }),
  );
}

/** The arguments of a `( .. )` token tree, split at commas; an argument of more than one token is left out. */
function tokenArguments(list: Node): Node[] {
  const groups: Node[][] = [[]];
  for (const c of list.children) {
    if (!c || c.text === '(' || c.text === ')') continue;
    if (c.text === ',') groups.push([]);
    else if (!c.type.endsWith('comment')) groups[groups.length - 1]?.push(c);
  }
  return groups.filter((g) => g.length > 0).map((g) => (g.length === 1 && g[0] ? g[0] : list));
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
