// C# helpers for the TLS detectors: member names, the methods and locals of the file, and whether a
// certificate validation callback accepts everything (`=> true`, `delegate { return true; }`, a
// method of the file that only returns true, `HttpClientHandler.DangerousAcceptAnyServerCertificateValidator`).
import type { Node } from 'web-tree-sitter';
import type { RelatedLocation, SourceFile } from '../types';
import { folderOf, joinPath, relatedAt, type FileSummary, type SummaryLocation, type TypeFact } from '../workspace';

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
      // `CertHelpers.AcceptAll`: a static member of a class another file of the project declares.
      return !!foreignTrustAllCallback(file, v);
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

/** A method or delegate-typed field that accepts every certificate: what a certificate callback's body says. */
const CALLBACK_PARAMS = /\b(SslPolicyErrors|X509Certificate2?|X509Chain)\b/;

/**
 * The certificate callbacks a C# file's classes offer by `Class.Member` (engine/workspace `FileSummary.types`):
 * a method whose parameters are a validation callback's (`SslPolicyErrors`, `X509Certificate`, `X509Chain`)
 * and that returns true on every path, or a field/property of type `RemoteCertificateValidationCallback`
 * (or `Func<..., bool>`) initialised to a callback that does.
 */
export function summarizeCsharpCallbacks(
  file: SourceFile,
  where: (start: number, end: number) => SummaryLocation,
): Record<string, TypeFact[]> | undefined {
  let out: Record<string, TypeFact[]> | undefined;
  const add = (cls: string, member: Node) =>
    ((out ??= {})[cls] ??= []).push({
      kind: 'accepts-any-cert',
      supertype: 'RemoteCertificateValidationCallback',
      member: member.text,
      at: where(member.startIndex, member.endIndex),
    });
  for (const cls of file.nodes('class_declaration', 'struct_declaration')) {
    const name = cls.childForFieldName('name')?.text;
    const body = cls.childForFieldName('body');
    if (!name || !body) continue;
    for (const m of body.namedChildren) {
      if (m?.type === 'method_declaration') {
        const id = m.childForFieldName('name');
        if (
          id &&
          CALLBACK_PARAMS.test(m.childForFieldName('parameters')?.text ?? '') &&
          bodyAlwaysTrue(m.childForFieldName('body'))
        )
          add(name, id);
      } else if (m?.type === 'field_declaration') {
        const decl = m.namedChildren.find((c) => c?.type === 'variable_declaration');
        const type = decl?.childForFieldName('type')?.text ?? '';
        if (!/RemoteCertificateValidationCallback|^Func<.*bool>$/.test(type)) continue;
        for (const d of decl?.namedChildren ?? []) {
          if (d?.type !== 'variable_declarator') continue;
          const value = d.namedChildren[d.namedChildCount - 1];
          const id = d.childForFieldName('name');
          if (id && value && value.type !== 'identifier' && !value.equals(id) && isTrustAllCallback(file, value))
            add(name, id);
        }
      }
    }
  }
  return out;
}

/** The namespaces a file imports (`using App.Security;`), as folder paths (`App/Security`). */
function usingFolders(file: SourceFile): string[] {
  return file.memo('csharp.usingFolders', () =>
    file
      .nodes('using_directive')
      .map((u) => u.namedChildren.find((c) => c?.type === 'qualified_name' || c?.type === 'identifier')?.text)
      .filter((n): n is string => !!n && !/^System(\.|$)|^Microsoft\./.test(n))
      .map((n) => n.replace(/\./g, '/')),
  );
}

/**
 * The files that may declare a class, seen from a file: C# names classes, not files, so the convention is
 * followed: `<Class>.cs` in this folder and each folder above (four up), and in the folders of the
 * namespaces it imports (the namespace's last one or two names) under those.
 */
function classCandidates(file: SourceFile, cls: string): string[] {
  const out: string[] = [];
  const above: string[] = [];
  for (let dir = folderOf(file.path.replace(/\\/g, '/')), i = 0; i < 5; i++, dir = folderOf(dir)) {
    above.push(dir);
    if (!dir) break;
  }
  for (const dir of above) out.push(joinPath(dir, `${cls}.cs`));
  for (const ns of usingFolders(file)) {
    const parts = ns.split('/');
    for (const tail of [parts.slice(-1), parts.slice(-2), parts])
      for (const dir of above) out.push(joinPath(joinPath(dir, tail.join('/')), `${cls}.cs`));
  }
  return [...new Set(out)];
}

/** A callback `Class.Member` of another file that accepts every certificate: where it decides. */
export function foreignTrustAllCallback(file: SourceFile, value: Node): RelatedLocation | undefined {
  const view = file.workspace;
  const v = unwrap(value);
  if (v.type === 'object_creation_expression') {
    // `new RemoteCertificateValidationCallback(CertHelpers.AcceptAll)`
    const args = v.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c?.type === 'argument') ?? [];
    const inner = args.length === 1 ? args[0].namedChildren[args[0].namedChildCount - 1] : undefined;
    return inner ? foreignTrustAllCallback(file, inner) : undefined;
  }
  if (!view || v.type !== 'member_access_expression') return undefined;
  const cls = v.childForFieldName('expression');
  const member = v.childForFieldName('name')?.text;
  if (cls?.type !== 'identifier' || !member || !/^[A-Z]/.test(cls.text)) return undefined;
  // A class of this file is read here.
  if (file.nodes('class_declaration', 'struct_declaration').some((c) => c.childForFieldName('name')?.text === cls.text))
    return undefined;
  const summary: FileSummary | undefined = view.module(classCandidates(file, cls.text));
  const fact = summary?.language === 'csharp' ? summary.types?.[cls.text]?.find((t) => t.member === member) : undefined;
  if (!summary || !fact) return undefined;
  return relatedAt(summary.path, fact.at, `\`${cls.text}.${member}\` accepts every certificate (${summary.path})`);
}

/** A plain C# string literal's content (`"none"` → `none`; no escapes), or undefined. */
export function csString(node: Node | null | undefined): string | undefined {
  const n = node && unwrap(node);
  if (n?.type !== 'string_literal') return undefined;
  const m = /^"([^"\\]*)"$/.exec(n.text);
  return m ? m[1] : undefined;
}

/**
 * The calls `x.Set("<key>", value)` that set a string-keyed option (Confluent.Kafka's `Config.Set` of a
 * librdkafka key): each call with its value's node.
 */
export function setCallsOf(file: SourceFile, key: string): { call: Node; value: Node }[] {
  const out: { call: Node; value: Node }[] = [];
  for (const call of file.nodes('invocation_expression')) {
    if (lastName(call.childForFieldName('function')) !== 'Set') continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? [])
      .filter((a): a is Node => a?.type === 'argument')
      .map((a) => a.namedChildren[a.namedChildCount - 1] ?? undefined);
    const [k, value] = args;
    if (args.length === 2 && value && csString(k) === key) out.push({ call, value });
  }
  return out;
}
