// C# helpers for the TLS detectors: member names, the methods and locals of the file, and whether a
// certificate validation callback accepts everything (`=> true`, `delegate { return true; }`, a
// method of the file that only returns true, `HttpClientHandler.DangerousAcceptAnyServerCertificateValidator`).
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../types';

/** The last name of `A.B.C` or of an identifier; undefined for anything else. */
export function lastName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'member_access_expression') return node.childForFieldName('name')?.text;
  if (node.type === 'qualified_name') return node.childForFieldName('name')?.text;
  if (node.type === 'generic_name') return node.namedChildren[0]?.text;
  return undefined;
}

/** The receiver's last name in `A.B.C` (`B`), or undefined. */
export function ownerName(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'member_access_expression') return undefined;
  return lastName(node.childForFieldName('expression'));
}

/** Drops parentheses and `!` (null-forgiving) wrappers. */
export function unwrap(node: Node): Node {
  let n = node;
  while ((n.type === 'parenthesized_expression' || n.type === 'postfix_unary_expression') && n.namedChildCount === 1)
    n = n.namedChildren[0]!;
  return n;
}

/** Methods (and local functions) of the file by name. */
export function methodsByName(file: SourceFile): Map<string, Node[]> {
  return file.memo('csharp.methods', () => {
    const out = new Map<string, Node[]>();
    for (const m of file.nodes('method_declaration', 'local_function_statement')) {
      const name = m.childForFieldName('name')?.text;
      if (!name) continue;
      out.set(name, [...(out.get(name) ?? []), m]);
    }
    return out;
  });
}

/** Initializers of locals and fields of the file by name (`var cb = (s, c, ch, e) => true;`). */
export function initializersByName(file: SourceFile): Map<string, Node[]> {
  return file.memo('csharp.initializers', () => {
    const out = new Map<string, Node[]>();
    for (const d of file.nodes('variable_declarator')) {
      const name = d.childForFieldName('name')?.text;
      const value = d.namedChildren
        .filter((c): c is Node => !!c && c.type !== 'identifier' && c.type !== 'bracketed_argument_list')
        .pop();
      if (!name || !value) continue;
      out.set(name, [...(out.get(name) ?? []), value]);
    }
    return out;
  });
}

function isTrueLiteral(node: Node | null | undefined): boolean {
  return !!node && unwrap(node).type === 'boolean_literal' && unwrap(node).text === 'true';
}

/** A body (block or expression) that yields true on every path: `=> true`, or a block whose every return is `return true;`. */
export function bodyAlwaysTrue(body: Node | null | undefined): boolean {
  if (!body) return false;
  if (body.type === 'arrow_expression_clause') return isTrueLiteral(body.namedChildren[0]);
  if (body.type !== 'block') return isTrueLiteral(body);
  const returns = body.descendantsOfType('return_statement').filter((r): r is Node => {
    if (!r) return false;
    // Returns of nested lambdas or local functions belong to them.
    for (let p = r.parent; p && p.id !== body.id; p = p.parent) {
      if (
        p.type === 'lambda_expression' ||
        p.type === 'anonymous_method_expression' ||
        p.type === 'local_function_statement'
      )
        return false;
    }
    return true;
  });
  if (returns.length === 0) return false;
  return returns.every((r) => isTrueLiteral(r.namedChildren.find((c) => c?.type !== 'comment')));
}

const ACCEPT_ANY = ['DangerousAcceptAnyServerCertificateValidator'];

/** Whether a callback value accepts every certificate (one level of names followed). */
export function isTrustAllCallback(file: SourceFile, value: Node | null | undefined, depth = 0): boolean {
  if (!value || depth > 3) return false;
  const v = unwrap(value);
  switch (v.type) {
    case 'lambda_expression':
      return bodyAlwaysTrue(v.childForFieldName('body'));
    case 'anonymous_method_expression':
      return bodyAlwaysTrue(v.namedChildren.find((c) => c?.type === 'block'));
    case 'object_creation_expression': {
      // new RemoteCertificateValidationCallback(Validate)
      const args =
        v.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c?.type === 'argument') ?? [];
      return (
        args.length === 1 && isTrustAllCallback(file, args[0].namedChildren[args[0].namedChildCount - 1], depth + 1)
      );
    }
    case 'identifier':
    case 'member_access_expression': {
      const name = lastName(v);
      if (!name) return false;
      if (ACCEPT_ANY.includes(name)) return true;
      // Elasticsearch.Net / Elastic.Transport `CertificateValidations.AllowAll`.
      if (
        name === 'AllowAll' &&
        lastName(v.type === 'member_access_expression' ? v.childForFieldName('expression') : null) ===
          'CertificateValidations'
      )
        return true;
      // `Validate`, `this.Validate` or `Program.Validate`: a method of this file, or a local/field initialized here.
      const methods = methodsByName(file).get(name);
      if (methods?.length) return methods.every((m) => bodyAlwaysTrue(m.childForFieldName('body')));
      const inits = initializersByName(file).get(name);
      if (inits?.length === 1) return isTrustAllCallback(file, inits[0], depth + 1);
      return false;
    }
    default:
      return false;
  }
}

/** Operands of a `|` chain, parentheses dropped. */
export function orOperands(node: Node): Node[] {
  const n = unwrap(node);
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '|') {
    return [...orOperands(n.childForFieldName('left')!), ...orOperands(n.childForFieldName('right')!)];
  }
  return [n];
}

export { orChainTop } from '../syntax';
