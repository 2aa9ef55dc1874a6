// Java helpers for the TLS detectors: simple type names, string constants resolved in the same
// file, classes (named or anonymous) implementing an interface, "does nothing" and "returns true"
// method bodies. No type checker: names are matched by their simple name, as written.
import type { Node } from 'web-tree-sitter';
import type { ImplementingClass, JvmImports } from '../jsse';
import { jvmConstant } from '../jvm-trust';
import type { SourceFile } from '../types';

/** The simple name of a type node: `X509TrustManager`, `javax.net.ssl.X509TrustManager`, `Foo<Bar>`. */
export function simpleTypeName(type: Node | null | undefined): string | undefined {
  if (!type) return undefined;
  switch (type.type) {
    case 'type_identifier':
    case 'identifier':
      return type.text;
    case 'scoped_type_identifier':
    case 'scoped_identifier': {
      const last = type.namedChildren[type.namedChildren.length - 1];
      return last?.text;
    }
    case 'generic_type':
      return simpleTypeName(type.namedChildren[0]);
    case 'field_access':
      // `javax.net.ssl.SSLContext` written in full, as an expression.
      return type.childForFieldName('field')?.text;
    default:
      return undefined;
  }
}

/** The simple names of the interfaces and superclass a class declaration names. */
export function supertypesOf(cls: Node): string[] {
  const out: string[] = [];
  const sc = cls.childForFieldName('superclass');
  if (sc)
    for (const t of sc.namedChildren) {
      const n = simpleTypeName(t);
      if (n) out.push(n);
    }
  const si = cls.childForFieldName('interfaces');
  const list = si?.namedChildren.find((c) => c?.type === 'type_list') ?? si;
  for (const t of list?.namedChildren ?? []) {
    const n = simpleTypeName(t);
    if (n) out.push(n);
  }
  return out;
}

/** Named classes and anonymous classes (`new T() { ... }`) that implement or extend one of `types`. */
export function classesImplementing(file: SourceFile, types: readonly string[]): ImplementingClass[] {
  const out: ImplementingClass[] = [];
  for (const n of file.nodes('class_declaration', 'object_creation_expression')) {
    if (n.type === 'class_declaration') {
      const st = supertypesOf(n).find((t) => types.includes(t));
      const body = n.childForFieldName('body');
      if (st && body) out.push({ node: n, body, supertype: st });
    } else {
      const body = n.namedChildren.find((c) => c?.type === 'class_body');
      const st = simpleTypeName(n.childForFieldName('type'));
      if (body && st && types.includes(st)) out.push({ node: n, body, supertype: st });
    }
  }
  return out;
}

/** The methods declared directly in a class body with the given name. */
export function methodsNamed(body: Node, name: string): Node[] {
  return body.namedChildren.filter(
    (m): m is Node => m?.type === 'method_declaration' && m.childForFieldName('name')?.text === name,
  );
}

const COMMENTS = new Set(['line_comment', 'block_comment']);

/** Calls that only log (`Log.d(...)`, `logger.info(...)`, `System.out.println(...)`, `e.printStackTrace()`). */
function isLoggingStatement(st: Node): boolean {
  if (st.type !== 'expression_statement') return false;
  const call = st.namedChildren[0];
  if (call?.type !== 'method_invocation') return false;
  const obj = call.childForFieldName('object')?.text ?? '';
  const name = call.childForFieldName('name')?.text ?? '';
  if (/^System\.(out|err)$/.test(obj)) return true;
  if (/^(Log|Timber|log|LOG|logger|LOGGER|Logger|sLogger|mLogger|LOGGER_|_log|_logger)$/.test(obj)) return true;
  return /^(debug|info|trace|warn|warning|fine|finer|finest|d|i|v|w)$/.test(name) && /log/i.test(obj);
}

/** `if (logger.isDebugEnabled()) { logger.debug(...); }`: a level check around logging only. */
function isGuardedLogging(st: Node): boolean {
  if (st.type !== 'if_statement') return false;
  const cond = st.childForFieldName('condition')?.namedChildren.find((c) => !!c && !COMMENTS.has(c.type));
  const name = cond?.type === 'method_invocation' ? (cond.childForFieldName('name')?.text ?? '') : '';
  if (!/^is\w*(Enabled|Loggable)$/.test(name)) return false;
  const branches = [st.childForFieldName('consequence'), st.childForFieldName('alternative')].filter(
    (b): b is Node => !!b,
  );
  return branches.every((b) => (b.type === 'block' ? isNoOpBody(b) : isLoggingStatement(b)));
}

/** Whether a method body does nothing: empty, or only comments, `return;`, `;` and (level-checked) logging. */
export function isNoOpBody(body: Node | null | undefined): boolean {
  if (!body || body.type !== 'block') return false;
  return body.namedChildren.every(
    (st) =>
      !st ||
      COMMENTS.has(st.type) ||
      st.type === 'empty_statement' ||
      (st.type === 'return_statement' && st.namedChildren.filter((c) => c && !COMMENTS.has(c.type)).length === 0) ||
      isLoggingStatement(st) ||
      isGuardedLogging(st),
  );
}

const SWALLOWED = ['CertificateException', 'GeneralSecurityException', 'Exception', 'Throwable', 'RuntimeException'];

/** `try { ... } catch (CertificateException e) { /* nothing *\/ }` as the whole body: failures are ignored. */
function swallowsFailures(body: Node | null): boolean {
  if (!body || body.type !== 'block') return false;
  const statements = body.namedChildren.filter((s): s is Node => !!s && !COMMENTS.has(s.type));
  if (statements.length !== 1 || statements[0].type !== 'try_statement') return false;
  const catches = statements[0].namedChildren.filter((c): c is Node => c?.type === 'catch_clause');
  return catches.some((c) => {
    const param = c.namedChildren.find((p) => p?.type === 'catch_formal_parameter');
    const types = param?.namedChildren.find((p) => p?.type === 'catch_type')?.namedChildren ?? [];
    return types.some((t) => SWALLOWED.includes(simpleTypeName(t) ?? '')) && isNoOpBody(c.childForFieldName('body'));
  });
}

/** Whether a `check*Trusted` method accepts every chain: it does nothing, or swallows the failure. */
export function acceptsEveryChain(method: Node): boolean {
  const body = method.childForFieldName('body');
  return isNoOpBody(body) || swallowsFailures(body);
}

/** Whether a block's only effect is `return true;` (comments and logging aside). */
export function returnsTrueBody(body: Node | null | undefined): boolean {
  if (!body || body.type !== 'block') return false;
  const statements = body.namedChildren.filter(
    (st): st is Node => !!st && !COMMENTS.has(st.type) && st.type !== 'empty_statement' && !isLoggingStatement(st),
  );
  if (statements.length !== 1 || statements[0].type !== 'return_statement') return false;
  const value = statements[0].namedChildren.filter((c) => c && !COMMENTS.has(c.type));
  return value.length === 1 && isTrueLiteral(value[0]);
}

/** `true`, also in parentheses (`(((true)))`). */
function isTrueLiteral(node: Node | null | undefined): boolean {
  let n = node;
  while (n?.type === 'parenthesized_expression') n = n.namedChildren.find((c) => c && !COMMENTS.has(c.type));
  return n?.type === 'true';
}

/** Calls whose name says they check something: a body that makes one may reject by throwing. */
const CHECKING_CALL = /check|verif|valid|assert|match|ensure|require/i;

/**
 * Whether a block returns true on every path it can leave by: it ends in `return true;`, every
 * `return` in it (nested lambdas and classes aside) returns true, it throws nothing and calls nothing
 * named for a check. Statements before the return (recording the call, logging) do not matter:
 * `calls.add(hostname); return true;` accepts every name.
 */
export function alwaysReturnsTrue(body: Node | null | undefined): boolean {
  if (returnsTrueBody(body)) return true;
  if (!body || body.type !== 'block') return false;
  const statements = body.namedChildren.filter((st): st is Node => !!st && !COMMENTS.has(st.type));
  const last = statements[statements.length - 1];
  if (last?.type !== 'return_statement') return false;
  let ok = true;
  const walk = (n: Node): void => {
    if (!ok) return;
    if (n.type === 'lambda_expression' || n.type === 'class_body') return;
    if (n.type === 'throw_statement') ok = false;
    else if (n.type === 'return_statement') {
      const value = n.namedChildren.filter((c) => c && !COMMENTS.has(c.type));
      if (value.length !== 1 || !isTrueLiteral(value[0])) ok = false;
    } else if (n.type === 'method_invocation' && CHECKING_CALL.test(n.childForFieldName('name')?.text ?? ''))
      ok = false;
    for (const c of n.namedChildren) if (c) walk(c);
  };
  walk(body);
  return ok;
}

/** Whether `node` sits in the body of the class named `name` (the class's own `INSTANCE`, say). */
export function insideClassNamed(node: Node, name: string): boolean {
  for (let p = node.parent; p; p = p.parent)
    if ((p.type === 'class_declaration' || p.type === 'enum_declaration') && p.childForFieldName('name')?.text === name)
      return true;
  return false;
}

/** Whether a lambda always returns true: `(a, b) -> true` or `(a, b) -> { return true; }`. */
export function isTrueLambda(node: Node | null | undefined): boolean {
  if (!node || node.type !== 'lambda_expression') return false;
  const body = node.childForFieldName('body');
  if (!body) return false;
  if (isTrueLiteral(body)) return true;
  return alwaysReturnsTrue(body);
}

function unquote(lit: Node): string | undefined {
  if (lit.type !== 'string_literal') return undefined;
  // Text blocks and escapes are rare in protocol names; take the fragments as written.
  const parts = lit.namedChildren.filter((c) => c?.type === 'string_fragment');
  if (lit.namedChildren.some((c) => c?.type === 'escape_sequence')) return undefined;
  return parts.map((p) => p?.text ?? '').join('');
}

/** Variable declarators (fields and locals) of the file by name. */
function declarators(file: SourceFile): Map<string, Node[]> {
  return file.memo('java.declarators', () => {
    const out = new Map<string, Node[]>();
    for (const d of file.nodes('variable_declarator')) {
      const name = d.childForFieldName('name')?.text;
      if (!name) continue;
      const list = out.get(name) ?? [];
      list.push(d);
      out.set(name, list);
    }
    return out;
  });
}

/**
 * The string a Java expression evaluates to, when it is a literal, a concatenation of literals or a
 * variable declared once in the file with such a value (a `static final` constant, typically).
 */
export function stringValue(file: SourceFile, node: Node | null | undefined, depth = 0): string | undefined {
  if (!node || depth > 6) return undefined;
  switch (node.type) {
    case 'string_literal':
      return unquote(node);
    case 'parenthesized_expression':
      return stringValue(file, node.namedChildren[0], depth + 1);
    case 'binary_expression': {
      if (node.childForFieldName('operator')?.text !== '+') return undefined;
      const l = stringValue(file, node.childForFieldName('left'), depth + 1);
      const r = stringValue(file, node.childForFieldName('right'), depth + 1);
      return l !== undefined && r !== undefined ? l + r : undefined;
    }
    case 'identifier': {
      const decls = declarators(file).get(node.text);
      if (!decls) {
        // `import static a.b.Constants.PROTOCOL;` (engine/workspace).
        const q = importsOf(file).names.get(node.text);
        const parts = q?.split('.') ?? [];
        if (parts.length < 3 || node.parent?.type === 'field_access') return undefined;
        const v = jvmConstant(file, parts[parts.length - 2], node.text, node, parts.slice(0, -2).join('.'));
        return v ? stringValue(file, v, depth + 1) : undefined;
      }
      if (decls.length !== 1) return undefined;
      if (reassigned(file, node.text)) return undefined;
      return stringValue(file, decls[0].childForFieldName('value'), depth + 1);
    }
    case 'field_access': {
      // `Constants.PROTOCOL` of a class of this file, or of another file's class (engine/workspace).
      const field = node.childForFieldName('field');
      if (!field) return undefined;
      const decls = declarators(file).get(field.text);
      if (!decls) {
        const owner = simpleTypeName(node.childForFieldName('object'));
        const v = owner && /^[A-Z]/.test(owner) ? jvmConstant(file, owner, field.text, node) : undefined;
        return v ? stringValue(file, v, depth + 1) : undefined;
      }
      if (decls.length !== 1) return undefined;
      return stringValue(file, decls[0].childForFieldName('value'), depth + 1);
    }
    default:
      return undefined;
  }
}

function reassigned(file: SourceFile, name: string): boolean {
  return file.nodes('assignment_expression').some((a) => a.childForFieldName('left')?.text === name);
}

/**
 * The string literal an expression's value comes from, for edits: the literal itself or the single
 * declaration's literal. Undefined for concatenations and anything else.
 */
export function stringLiteralOf(file: SourceFile, node: Node | null | undefined, depth = 0): Node | undefined {
  if (!node || depth > 6) return undefined;
  if (node.type === 'string_literal') return node;
  if (node.type === 'parenthesized_expression') return stringLiteralOf(file, node.namedChildren[0], depth + 1);
  if (node.type === 'identifier') {
    const decls = declarators(file).get(node.text);
    if (!decls || decls.length !== 1 || reassigned(file, node.text)) return undefined;
    return stringLiteralOf(file, decls[0].childForFieldName('value'), depth + 1);
  }
  return undefined;
}

/** Names of an insecure-mode opt-in (a feature flag), as CodeQL reads them. */
const OPT_IN =
  /insecure|self_?sign|self_?cert|skip_?verif|no_?verif|disable_?(host|verif|tls|ssl|cert)|trust_?all|allow_?all|(^|_)(verify|validate)_?(host|cert|ssl)/i;

/**
 * The flag of an `if` a node sits under, when its condition reads an insecure-mode flag (`if (DISABLE_VERIFICATION)`,
 * `if (Boolean.parseBoolean(System.getProperty("disableHostnameVerification")))`, or a local variable
 * initialized from such a property): a deliberate, user-controlled opt-in.
 */
export function underOptInGuard(file: SourceFile, node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'method_declaration' || p.type === 'class_body') return undefined;
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    if (!cond) continue;
    const leaves = [cond, ...cond.descendantsOfType(['identifier', 'string_fragment'])].filter((n): n is Node => !!n);
    for (const leaf of leaves) {
      if (leaf.type !== 'identifier' && leaf.type !== 'string_fragment') continue;
      if (OPT_IN.test(leaf.text)) return leaf;
      const decls = leaf.type === 'identifier' ? declarators(file).get(leaf.text) : undefined;
      const init = decls?.length === 1 ? decls[0].childForFieldName('value') : undefined;
      if (init && OPT_IN.test(init.text)) return leaf;
    }
  }
  return undefined;
}

/** The method name and receiver text of a `method_invocation`. */
export function invocation(call: Node): { name: string; object: string | undefined; args: Node[] } {
  return {
    name: call.childForFieldName('name')?.text ?? '',
    object: call.childForFieldName('object')?.text,
    args: (call.childForFieldName('arguments')?.namedChildren ?? []).filter(
      (a): a is Node => !!a && !COMMENTS.has(a.type),
    ),
  };
}

/** The elements of `new String[]{...}` / `{...}` / `Arrays.asList(...)` / `List.of(...)`, or of a variable holding one. */
export function arrayElements(file: SourceFile, node: Node | null | undefined, depth = 0): Node[] | undefined {
  if (!node || depth > 4) return undefined;
  if (node.type === 'array_creation_expression') {
    const init = node.childForFieldName('value') ?? node.namedChildren.find((c) => c?.type === 'array_initializer');
    return init ? arrayElements(file, init, depth + 1) : undefined;
  }
  if (node.type === 'array_initializer')
    return node.namedChildren.filter((c): c is Node => !!c && !COMMENTS.has(c.type));
  if (node.type === 'method_invocation') {
    const { name, object, args } = invocation(node);
    if ((name === 'asList' && object === 'Arrays') || (name === 'of' && (object === 'List' || object === 'Set')))
      return args;
    if (name === 'toArray' && node.childForFieldName('object'))
      return arrayElements(file, node.childForFieldName('object'), depth + 1);
    return undefined;
  }
  if (node.type === 'identifier') {
    const decls = declarators(file).get(node.text);
    if (!decls || decls.length !== 1) return undefined;
    return arrayElements(file, decls[0].childForFieldName('value'), depth + 1);
  }
  return undefined;
}

/**
 * The edit removing one element of a comma-separated list (arguments, an array initializer, a Go
 * slice literal) with its comma: the whole line when the element stands alone on it (a trailing
 * comment goes with it), else the element, its comma and the spaces after it.
 */
export function removeListElementEdit(
  text: string,
  elements: Node[],
  index: number,
): { start: number; end: number; newText: string } {
  const el = elements[index];
  const lineStart = text.lastIndexOf('\n', el.startIndex - 1) + 1;
  const after = /^[ \t]*(?:,[ \t]*)?(\/\/[^\n]*)?(\r?\n)/.exec(text.slice(el.endIndex));
  const aloneBefore = /^[ \t]*$/.test(text.slice(lineStart, el.startIndex));
  if (aloneBefore && after && (index < elements.length - 1 || /^[ \t]*,/.test(text.slice(el.endIndex)))) {
    return { start: lineStart, end: el.endIndex + after[0].length, newText: '' };
  }
  if (index < elements.length - 1) {
    const comma = /^[ \t]*,[ \t]*/.exec(text.slice(el.endIndex));
    if (comma) return { start: el.startIndex, end: el.endIndex + comma[0].length, newText: '' };
  }
  // The last element without a trailing comma: take the comma before it.
  const prev = elements[index - 1];
  // No comma on either side (a list broken by a syntax error): the element alone; fixAll rejects it if that parses worse.
  if (!prev) return { start: el.startIndex, end: el.endIndex, newText: '' };
  return { start: prev.endIndex, end: el.endIndex, newText: '' };
}

/**
 * Like removeListElementEdit, as a list of edits: the last element of a multi-line list loses the
 * comma after the previous element and its own text, and the comments between them stay.
 */
export function removeListElementEdits(
  text: string,
  elements: Node[],
  index: number,
): { start: number; end: number; newText: string }[] {
  const single = removeListElementEdit(text, elements, index);
  const el = elements[index];
  const prev = elements[index - 1];
  if (
    index === elements.length - 1 &&
    prev &&
    single.start === prev.endIndex &&
    text.slice(single.start, single.end).includes('\n')
  ) {
    const comma = /^[ \t]*,/.exec(text.slice(prev.endIndex));
    if (comma)
      return [
        { start: prev.endIndex, end: prev.endIndex + comma[0].length, newText: '' },
        { start: el.startIndex, end: el.endIndex, newText: '' },
      ];
  }
  return [single];
}

/** The package a file declares (`a.b`), or '' for the default package. */
export function packageOf(file: SourceFile): string {
  return file.memo('java.package', () => {
    const decl = file.tree?.rootNode.namedChildren.find((c) => c?.type === 'package_declaration');
    return decl?.namedChildren.find((c) => c?.type === 'scoped_identifier' || c?.type === 'identifier')?.text ?? '';
  });
}

/** A file's imports: single-type (`a.b.C` by `C`), static (`a.b.C.F` by `F`) and on demand (`a.b`). */
export function importsOf(file: SourceFile): JvmImports {
  return file.memo('java.imports', () => {
    const out: JvmImports = { names: new Map(), wildcards: [] };
    for (const imp of file.nodes('import_declaration')) {
      const q = imp.namedChildren.find((c) => c?.type === 'scoped_identifier' || c?.type === 'identifier')?.text;
      if (!q) continue;
      if (imp.namedChildren.some((c) => c?.type === 'asterisk')) out.wildcards.push(q);
      else out.names.set(q.slice(q.lastIndexOf('.') + 1), q);
    }
    return out;
  });
}
