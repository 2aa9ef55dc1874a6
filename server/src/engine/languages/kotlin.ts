// Kotlin helpers for the TLS detectors, on the tree-sitter-kotlin grammar (the
// @tree-sitter-grammars/tree-sitter-kotlin package, whose nodes carry few field names, so children
// are found by type): simple names, calls with their value arguments and trailing lambdas,
// classes and object expressions implementing an interface, "does nothing" / "returns true" bodies,
// and string constants resolved in the same file.
import type { Node } from 'web-tree-sitter';
import type { ImplementingClass, JvmImports } from '../jsse';
import type { SourceFile } from '../types';

const COMMENTS = new Set(['line_comment', 'block_comment', 'comment', 'multiline_comment']);

export function named(node: Node | null | undefined): Node[] {
  return (node?.namedChildren ?? []).filter((c): c is Node => !!c && !COMMENTS.has(c.type));
}

export function childOfType(node: Node | null | undefined, ...types: string[]): Node | undefined {
  return named(node).find((c) => types.includes(c.type));
}

/** The last simple name of a type or expression: `javax.net.ssl.X509TrustManager` -> `X509TrustManager`. */
export function simpleName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
    case 'simple_identifier':
    case 'type_identifier':
      return node.text;
    case 'user_type':
    case 'navigation_expression':
    case 'qualified_identifier':
    case 'nullable_type': {
      const kids = named(node);
      const last = kids[kids.length - 1];
      return last?.type === 'type_arguments' ? simpleName(kids[kids.length - 2]) : simpleName(last);
    }
    case 'constructor_invocation':
      return simpleName(childOfType(node, 'user_type'));
    default:
      return undefined;
  }
}

/** The name a declaration declares (`fun checkServerTrusted`, `class T`). */
export function declaredName(decl: Node): string | undefined {
  return (decl.childForFieldName('name') ?? childOfType(decl, 'identifier', 'simple_identifier', 'type_identifier'))
    ?.text;
}

export interface Call {
  node: Node;
  /** The callee's last simple name (`getInstance`, `hostnameVerifier`, `HostnameVerifier`). */
  name: string;
  /** The receiver expression (`SSLContext` in `SSLContext.getInstance(...)`), when there is one. */
  receiver: Node | undefined;
  /** The value arguments' expressions, then the trailing lambda if any. */
  args: Node[];
  trailingLambda: Node | undefined;
}

/** A call's parts; a trailing lambda after `f(a)` parses as a call of a call, which is merged back. */
export function callOf(node: Node): Call | undefined {
  if (node.type !== 'call_expression') return undefined;
  const kids = named(node);
  let callee = kids[0];
  const valueArgs = childOfType(node, 'value_arguments');
  const lambda = childOfType(node, 'annotated_lambda');
  let args = named(valueArgs)
    .map((a) => (a.type === 'value_argument' ? named(a)[named(a).length - 1] : a))
    .filter((a): a is Node => !!a);
  if (callee?.type === 'call_expression' && !valueArgs && lambda) {
    const inner = callOf(callee);
    if (!inner) return undefined;
    callee = inner.node.namedChildren[0] ?? callee;
    args = inner.args;
  }
  if (!callee) return undefined;
  const lambdaLiteral = lambda ? childOfType(lambda, 'lambda_literal') : undefined;
  const name = simpleName(callee);
  if (!name) return undefined;
  const receiver = callee.type === 'navigation_expression' ? named(callee)[0] : undefined;
  return { node, name, receiver, args: lambdaLiteral ? [...args, lambdaLiteral] : args, trailingLambda: lambdaLiteral };
}

/** Every call of the file, with its parts (cached). */
export function calls(file: SourceFile): Call[] {
  return file.memo('kotlin.calls', () =>
    file
      .nodes('call_expression')
      .map(callOf)
      .filter((c): c is Call => !!c),
  );
}

/** Classes, objects and object expressions (`object : X509TrustManager { ... }`) implementing one of `types`. */
export function classesImplementing(file: SourceFile, types: readonly string[]): ImplementingClass[] {
  const out: ImplementingClass[] = [];
  for (const n of file.nodes('class_declaration', 'object_declaration', 'object_literal')) {
    const specs = childOfType(n, 'delegation_specifiers');
    const body = childOfType(n, 'class_body');
    if (!specs || !body) continue;
    for (const spec of named(specs)) {
      const t = simpleName(childOfType(spec, 'user_type', 'constructor_invocation') ?? spec);
      if (t && types.includes(t)) {
        out.push({ node: n, body, supertype: t });
        break;
      }
    }
  }
  return out;
}

export function functionsNamed(body: Node, name: string): Node[] {
  return named(body).filter((f) => f.type === 'function_declaration' && declaredName(f) === name);
}

function isLogging(st: Node): boolean {
  const c = callOf(st);
  if (!c) return false;
  const recv = c.receiver?.text ?? '';
  if (c.name === 'println' || c.name === 'print') return !c.receiver;
  return /^(Log|Timber|log|LOG|logger|LOGGER|Logger)$/.test(recv);
}

function isTrueExpr(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'parenthesized_expression') return isTrueExpr(named(node)[0]);
  return (
    node.text === 'true' &&
    (node.type === 'boolean_literal' || node.type === 'identifier' || node.type === 'simple_identifier')
  );
}

/** The statements of a block, comments and logging aside. */
function statements(block: Node): Node[] {
  return named(block).filter((s) => !isLogging(s));
}

/** Whether a function does nothing: `{}`, only comments/logging/`return`, or `= Unit`. */
export function isNoOpFunction(fn: Node): boolean {
  const body = childOfType(fn, 'function_body');
  if (!body) return false;
  const inner = named(body)[0];
  if (!inner) return true;
  if (inner.type === 'block')
    return statements(inner).every((s) => s.type === 'return_expression' && named(s).length === 0);
  return inner.text === 'Unit';
}

/** Calls whose name says they check something: a body that makes one may reject by throwing. */
const CHECKING_CALL = /check|verif|valid|assert|match|ensure|require/i;

/**
 * Whether a function returns true on every path: `= true`, or a block that ends in `return true`
 * where every `return` (nested lambdas and objects aside) returns true, nothing is thrown and nothing
 * named for a check is called. `calls.add(hostname); return true` accepts every name.
 */
export function returnsTrueFunction(fn: Node): boolean {
  const body = childOfType(fn, 'function_body');
  const inner = named(body)[0];
  if (!inner) return false;
  if (inner.type !== 'block') return isTrueExpr(inner);
  const st = statements(inner);
  const last = st[st.length - 1];
  if (last?.type !== 'return_expression' || !isTrueExpr(named(last)[0])) return false;
  let ok = true;
  const walk = (n: Node): void => {
    if (!ok || n.type === 'lambda_literal' || n.type === 'object_literal' || n.type === 'class_body') return;
    if (n.type === 'throw_expression') ok = false;
    else if (n.type === 'return_expression' && !isTrueExpr(named(n)[0])) ok = false;
    else if (n.type === 'call_expression' && CHECKING_CALL.test(callOf(n)?.name ?? '')) ok = false;
    for (const c of named(n)) walk(c);
  };
  walk(inner);
  return ok;
}

/** Whether `node` sits in the body of the class or object named `name` (its own `INSTANCE`, say). */
export function insideClassNamed(node: Node, name: string): boolean {
  for (let p = node.parent; p; p = p.parent)
    if ((p.type === 'class_declaration' || p.type === 'object_declaration') && declaredName(p) === name) return true;
  return false;
}

/** Whether a lambda literal always yields true: `{ _, _ -> true }`. */
export function isTrueLambda(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'annotated_lambda') return isTrueLambda(childOfType(node, 'lambda_literal'));
  if (node.type !== 'lambda_literal') return false;
  const body = named(node).filter((c) => c.type !== 'lambda_parameters');
  const st = body.length === 1 && body[0].type === 'statements' ? named(body[0]) : body;
  const real = st.filter((s) => !isLogging(s));
  const last = real[real.length - 1];
  if (!last) return false;
  const returnsTrue = (r: Node): boolean => isTrueExpr(named(r)[named(r).length - 1]);
  if (!isTrueExpr(last) && !(last.type === 'return_expression' && returnsTrue(last))) return false;
  if (real.length === 1) return true;
  // Earlier statements may record or log the call, but not reject it.
  let ok = true;
  const walk = (n: Node): void => {
    if (!ok || n.type === 'lambda_literal' || n.type === 'object_literal') return;
    if (n.type === 'throw_expression') ok = false;
    else if (n.type === 'return_expression' && !returnsTrue(n)) ok = false;
    else if (n.type === 'call_expression' && CHECKING_CALL.test(callOf(n)?.name ?? '')) ok = false;
    for (const c of named(n)) walk(c);
  };
  for (const r of real) walk(r);
  return ok;
}

function literalText(lit: Node): string | undefined {
  if (lit.type !== 'string_literal') return undefined;
  const parts = named(lit);
  if (parts.some((p) => p.type !== 'string_content')) return undefined;
  return parts.map((p) => p.text).join('');
}

function properties(file: SourceFile): Map<string, Node[]> {
  return file.memo('kotlin.properties', () => {
    const out = new Map<string, Node[]>();
    for (const p of file.nodes('property_declaration')) {
      const v = childOfType(p, 'variable_declaration');
      const name = v ? declaredName(v) : undefined;
      if (!name) continue;
      const list = out.get(name) ?? [];
      list.push(p);
      out.set(name, list);
    }
    return out;
  });
}

/** The value expression of a property declared once in the file (`const val P = "TLSv1"`). */
function propertyValue(file: SourceFile, name: string): Node | undefined {
  const decls = properties(file).get(name);
  if (!decls || decls.length !== 1) return undefined;
  const kids = named(decls[0]);
  const v = kids[kids.length - 1];
  return v && v.type !== 'variable_declaration' && v.type !== 'modifiers' ? v : undefined;
}

/** The string an expression evaluates to: a plain literal, `+` of literals, or a property of the file holding one. */
export function stringValue(file: SourceFile, node: Node | null | undefined, depth = 0): string | undefined {
  if (!node || depth > 6) return undefined;
  if (node.type === 'string_literal') return literalText(node);
  if (node.type === 'parenthesized_expression') return stringValue(file, named(node)[0], depth + 1);
  if (node.type === 'additive_expression') {
    const [l, r] = named(node);
    const a = stringValue(file, l, depth + 1);
    const b = stringValue(file, r, depth + 1);
    return a !== undefined && b !== undefined && node.text.includes('+') ? a + b : undefined;
  }
  if (node.type === 'identifier' || node.type === 'simple_identifier')
    return stringValue(file, propertyValue(file, node.text), depth + 1);
  return undefined;
}

/** The elements of `arrayOf(...)`, `listOf(...)`, `setOf(...)`, `mutableListOf(...)`, or of a property holding one. */
export function listElements(file: SourceFile, node: Node | null | undefined, depth = 0): Node[] | undefined {
  if (!node || depth > 4) return undefined;
  if (node.type === 'call_expression') {
    const c = callOf(node);
    if (c && !c.receiver && /^(arrayOf|listOf|setOf|mutableListOf|arrayListOf)$/.test(c.name)) return c.args;
    if (c && (c.name === 'toTypedArray' || c.name === 'toList') && c.receiver)
      return listElements(file, c.receiver, depth + 1);
    return undefined;
  }
  if (node.type === 'identifier' || node.type === 'simple_identifier')
    return listElements(file, propertyValue(file, node.text), depth + 1);
  return undefined;
}

/**
 * The edits removing one value argument with its comma, keeping comments: the whole line when it
 * stands alone on it, else the argument and the comma after it (or before it, for the last one).
 */
export function removeArgumentEdits(
  text: string,
  args: Node[],
  index: number,
): { start: number; end: number; newText: string }[] {
  // The argument node is the expression; remove its value_argument wrapper.
  const wrap = (n: Node) => (n.parent?.type === 'value_argument' ? n.parent : n);
  const items = args.map(wrap);
  const el = items[index];
  const lineStart = text.lastIndexOf('\n', el.startIndex - 1) + 1;
  const after = /^[ \t]*(?:,[ \t]*)?(\/\/[^\n]*)?(\r?\n)/.exec(text.slice(el.endIndex));
  if (/^[ \t]*$/.test(text.slice(lineStart, el.startIndex)) && after && /^[ \t]*,/.test(text.slice(el.endIndex))) {
    return [{ start: lineStart, end: el.endIndex + after[0].length, newText: '' }];
  }
  const comma = /^[ \t]*,[ \t]*/.exec(text.slice(el.endIndex));
  if (comma && index < items.length - 1)
    return [{ start: el.startIndex, end: el.endIndex + comma[0].length, newText: '' }];
  const prev = items[index - 1];
  // No comma on either side (arguments broken by a syntax error): the argument alone; fixAll rejects it if that parses worse.
  if (!prev) return [{ start: el.startIndex, end: el.endIndex, newText: '' }];
  const prevComma = /^[ \t]*,/.exec(text.slice(prev.endIndex));
  if (prevComma && text.slice(prev.endIndex, el.startIndex).includes('\n')) {
    return [
      { start: prev.endIndex, end: prev.endIndex + prevComma[0].length, newText: '' },
      { start: el.startIndex, end: el.endIndex, newText: '' },
    ];
  }
  return [{ start: prev.endIndex, end: el.endIndex, newText: '' }];
}

/** A call's named arguments (`trustAll = true`): name -> value expression. */
export function namedArgs(call: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const inner =
    named(call)[0]?.type === 'call_expression' && !childOfType(call, 'value_arguments') ? named(call)[0] : call;
  for (const a of named(childOfType(inner, 'value_arguments'))) {
    const kids = named(a);
    if (
      a.type === 'value_argument' &&
      kids.length === 2 &&
      (kids[0].type === 'identifier' || kids[0].type === 'simple_identifier') &&
      a.text
        .slice(kids[0].endIndex - a.startIndex)
        .trimStart()
        .startsWith('=')
    ) {
      out.set(kids[0].text, kids[1]);
    }
  }
  return out;
}

/** Property writes `target = value` (single `=`): the assignment, its target and value. */
export function assignments(file: SourceFile): { node: Node; target: Node; value: Node }[] {
  return file.memo('kotlin.assignments', () =>
    file.nodes('assignment').flatMap((a) => {
      const kids = named(a);
      const op = a.childForFieldName('operator')?.text ?? a.children.find((c) => c && !c.isNamed)?.text;
      const target = a.childForFieldName('left') ?? kids[0];
      const value = a.childForFieldName('right') ?? kids[kids.length - 1];
      return op === '=' && target && value && target.id !== value.id ? [{ node: a, target, value }] : [];
    }),
  );
}

/** Whether an expression is the literal `true` / `false`. */
export function isBool(node: Node | undefined, value: boolean): boolean {
  return (
    !!node &&
    node.text === String(value) &&
    (node.type === 'boolean_literal' || node.type === 'identifier' || node.type === 'simple_identifier')
  );
}

/** A call's range from its method name (in a builder chain the call node starts at the chain's start). */
export function callNameRange(c: Call): { start: number; end: number } {
  let callee = named(c.node)[0];
  if (callee?.type === 'call_expression') callee = named(callee)[0];
  const nameNode = callee?.type === 'navigation_expression' ? named(callee)[named(callee).length - 1] : callee;
  return { start: nameNode?.startIndex ?? c.node.startIndex, end: c.node.endIndex };
}

/** The package a file declares (`a.b`), or '' for the default package. */
export function packageOf(file: SourceFile): string {
  return file.memo('kotlin.package', () => {
    const header = file.tree?.rootNode.namedChildren.find((c) => c?.type === 'package_header');
    return childOfType(header, 'qualified_identifier', 'identifier')?.text.replace(/\s+/g, '') ?? '';
  });
}

/** A file's imports: by simple name or alias (`import a.b.C as D` → `D` → `a.b.C`), and on demand (`a.b`). */
export function importsOf(file: SourceFile): JvmImports {
  return file.memo('kotlin.imports', () => {
    const out: JvmImports = { names: new Map(), wildcards: [] };
    for (const imp of file.nodes('import')) {
      const kids = named(imp);
      const q = kids[0]?.text.replace(/\s+/g, '');
      if (!q) continue;
      if (/\.\*\s*$/.test(imp.text)) out.wildcards.push(q);
      else out.names.set(kids[1]?.text ?? q.slice(q.lastIndexOf('.') + 1), q);
    }
    return out;
  });
}
