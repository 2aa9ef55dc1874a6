// rustls verifiers as the Rust detectors see them: the type a `with_custom_certificate_verifier(...)` /
// `set_certificate_verifier(...)` argument builds, the file's `impl ServerCertVerifier for X`, and
// what a verifier's name or body says it checks.
import type { Node } from 'web-tree-sitter';
import { methodCalls, pathSegments } from '../../../engine/languages/rust';
import { verifierFunctions } from '../../../engine/rust-verifiers';
import type { SourceFile } from '../../../engine/types';

/** Named children without comments. */
function args(node: Node | null | undefined): Node[] {
  return node?.namedChildren.filter((c): c is Node => !!c && !c.type.endsWith('comment')) ?? [];
}

/** The `let name = value` that binds `id` where it is used: the nearest one before it in an enclosing block. */
export function bindingOf(id: Node): Node | undefined {
  for (let scope = id.parent; scope; scope = scope.parent) {
    if (scope.type !== 'block' && scope.type !== 'source_file') continue;
    let found: Node | undefined;
    for (const stmt of scope.namedChildren) {
      if (!stmt || stmt.startIndex >= id.startIndex) break;
      if (stmt.type !== 'let_declaration') continue;
      if (stmt.childForFieldName('pattern')?.text === id.text) found = stmt.childForFieldName('value') ?? undefined;
    }
    if (found) return found;
    if (scope.type === 'block' && /function_item|closure_expression/.test(scope.parent?.type ?? '')) {
      // A parameter of the enclosing function shadows anything outside it.
      const params = scope.parent?.childForFieldName('parameters');
      if (params && new RegExp(`\\b${id.text}\\b`).test(params.text)) return undefined;
    }
  }
  return undefined;
}

/**
 * The verifier types an argument builds, as paths: `Arc::new(NoVerify)`, `Arc::new(NoVerify::new())`,
 * `Arc::new(NoVerify { .. })`, `X::builder(..).build()`, a `let` of one, or each branch of an `if`/`match`
 * bound to it. An empty list when it cannot be told (a parameter, a field).
 */
export function verifierTypes(arg: Node | undefined, depth = 0): string[][] {
  if (!arg || depth > 8) return [];
  switch (arg.type) {
    case 'identifier': {
      const bound = bindingOf(arg);
      if (bound) return verifierTypes(bound, depth + 1);
      return /^[A-Z]/.test(arg.text) ? [[arg.text]] : [];
    }
    case 'scoped_identifier':
      return [pathSegments(arg) ?? arg.text.split('::')];
    case 'struct_expression': {
      const name = arg.childForFieldName('name');
      return name ? [name.text.split('::')] : [];
    }
    case 'reference_expression':
    case 'parenthesized_expression':
    case 'try_expression':
      return verifierTypes(args(arg)[0], depth + 1);
    case 'call_expression': {
      const fn = arg.childForFieldName('function');
      const inner = args(arg.childForFieldName('arguments'));
      // A tuple struct: Delegating(inner).
      if (fn?.type === 'identifier' && /^[A-Z]/.test(fn.text)) return [[fn.text]];
      if (fn?.type === 'scoped_identifier') {
        const seg = pathSegments(fn) ?? fn.text.split('::');
        // Arc::new(x) / Box::new(x) / std::sync::Arc::new(x) wrap the verifier; X::new() / X::default() build it.
        if (['Arc', 'Box', 'Rc'].includes(seg[seg.length - 2] ?? '') && inner.length === 1)
          return verifierTypes(inner[0], depth + 1);
        return [seg.slice(0, -1)];
      }
      // A builder chain (`X::builder(roots).with_crls(c).build()`) or `.map_err(..)`: its root builds it.
      if (fn?.type === 'field_expression') return verifierTypes(fn.childForFieldName('value') ?? undefined, depth + 1);
      return [];
    }
    case 'if_expression':
    case 'match_expression':
    case 'block':
    case 'else_clause': {
      // Each branch's value: the tail expressions of its blocks.
      const out: string[][] = [];
      for (const tail of tails(arg)) out.push(...verifierTypes(tail, depth + 1));
      return out;
    }
    default:
      return [];
  }
}

/** The value expressions of an `if`/`match`/block: each branch's last expression, `return`s left out. */
function tails(node: Node, out: Node[] = []): Node[] {
  if (node.type === 'block') {
    const last = args(node).pop();
    if (last && last.type !== 'expression_statement' && !last.type.endsWith('declaration')) tails(last, out);
    else if (last?.type === 'expression_statement') {
      const e = args(last)[0];
      if (e && /^(if|match)_expression$|^block$/.test(e.type)) tails(e, out);
    }
  } else if (node.type === 'if_expression') {
    const cons = node.childForFieldName('consequence');
    if (cons) tails(cons, out);
    const alt = node.childForFieldName('alternative');
    if (alt) for (const c of args(alt)) tails(c, out);
  } else if (node.type === 'match_expression') {
    for (const arm of args(node.childForFieldName('body'))) {
      const v = arm.childForFieldName('value');
      if (v) tails(v, out);
    }
  } else if (node.type !== 'return_expression' && node.type !== 'macro_invocation') {
    out.push(node);
  }
  return out;
}

/**
 * Verifiers that do the whole check: rustls-platform-verifier (the OS's verification) and rustls' own
 * WebPKI verifier. A custom verifier built only from these is not a finding.
 */
export function isFullVerifier(file: SourceFile, path: readonly string[]): boolean {
  const last = path[path.length - 1] ?? '';
  if (/^(WebPkiServerVerifier|WebPkiVerifier)$/.test(last)) return true;
  if (path.includes('rustls_platform_verifier')) return true;
  // `use rustls_platform_verifier::Verifier;` then `Verifier::new()`.
  return last === 'Verifier' && /\buse\s+rustls_platform_verifier::(\{[^}]*\bVerifier\b|Verifier\b)/.test(file.text);
}

/** A verifier named for skipping only the host-name check (`IgnoreHostname`, `NoHostnameVerification`). */
export function namedForHostnameOnly(type: string): boolean {
  const n = type.replace(/_/g, '').toLowerCase();
  return (
    /(ignore|skip|no|noverify|without|disable|dangerous|insecure|any|accept(any|invalid|all)?)(server)?(host|hostname|servername|name|sni)(verif|check|valid)?/.test(
      n,
    ) && !/(cert|chain|all)verif/.test(n)
  );
}

/** Types of the file that implement ServerCertVerifier, by name. */
export function verifierImpls(file: SourceFile): Map<string, Node> {
  return file.memo('rust.verifierImpls', () => {
    const out = new Map<string, Node>();
    for (const impl of file.nodes('impl_item')) {
      const trait = impl.childForFieldName('trait');
      const type = impl.childForFieldName('type')?.text.split('::').pop();
      if (trait && type && /(^|::)ServerCertVerifier$/.test(trait.text)) out.set(type, impl);
    }
    return out;
  });
}

/** The `verify_server_cert` functions of the file's ServerCertVerifier impls. */
export function verifyServerCertFns(file: SourceFile): { type: string; impl: Node; fn: Node }[] {
  return verifierFunctions(verifierImpls(file).values());
}

/** A custom verifier plugged in: the call, its method name, and the types its argument builds. */
export function pluggedVerifiers(file: SourceFile): { call: Node; name: string; field: Node; types: string[][] }[] {
  const out: { call: Node; name: string; field: Node; types: string[][] }[] = [];
  for (const { call, field, name, args: a } of methodCalls(file, [
    'set_certificate_verifier',
    'with_custom_certificate_verifier',
  ])) {
    out.push({ call, name, field, types: verifierTypes(a[0]) });
  }
  return out;
}
