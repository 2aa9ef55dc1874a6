// Tree helpers that read alike in every grammar whose `|` is a `binary_expression` with an `operator`
// field and whose parentheses are a `parenthesized_expression` (C, C++, C#, Rust, PHP): flag sets such
// as `SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1` and `STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT | ...`.
import type { Node } from 'web-tree-sitter';

const isOr = (n: Node): boolean => n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '|';

/** The operands of a `|` chain (`A | (B | C)`), parentheses dropped; the node itself for anything else. */
export function orOperands(node: Node): Node[] {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1 && n.namedChildren[0]) n = n.namedChildren[0];
  const left = isOr(n) ? n.childForFieldName('left') : null;
  const right = isOr(n) ? n.childForFieldName('right') : null;
  return left && right ? [...orOperands(left), ...orOperands(right)] : [n];
}

/** The outermost `|` chain (through parentheses) that holds `node`; the node itself outside one. */
export function orChainTop(node: Node): Node {
  let n = node;
  while (n.parent && (isOr(n.parent) || n.parent.type === 'parenthesized_expression')) n = n.parent;
  return n;
}
