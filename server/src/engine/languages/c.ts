// C and C++ helpers for the OpenSSL and libcurl detectors: call names, arguments, and the simple
// object-like macros (`#define VERIFY 0L`) and constants of the same file, so a value written through
// one of them resolves to what the compiler sees.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../types';

/** The called function's own name: `SSL_CTX_new`, `::SSL_CTX_new` and `ctx.set_verify_mode` give their last part. */
export function callName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'qualified_identifier') return lastName(fn);
  if (fn.type === 'field_expression') return fn.childForFieldName('field')?.text;
  return undefined;
}

/** The last identifier of a (possibly nested) qualified name: `boost::asio::ssl::verify_none` gives `verify_none`. */
export function lastName(node: Node): string {
  let n: Node = node;
  while (n.type === 'qualified_identifier') {
    const next = n.childForFieldName('name');
    if (!next) break;
    n = next;
  }
  return n.text;
}

/** The argument expressions of a call (comments dropped). */
export function args(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  return list ? list.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [];
}

/** The calls of the file grouped by their own name (computed once per file). */
function callsByName(file: SourceFile): Map<string, Node[]> {
  return file.memo('c.callsByName', () => {
    const out = new Map<string, Node[]>();
    for (const c of file.nodes('call_expression')) {
      const n = callName(c);
      if (n !== undefined) out.set(n, [...(out.get(n) ?? []), c]);
    }
    return out;
  });
}

/** Every call in the file whose own name is one of `names`, in document order. */
export function callsNamed(file: SourceFile, names: readonly string[]): Node[] {
  const by = callsByName(file);
  const out = names.flatMap((n) => by.get(n) ?? []);
  return names.length > 1 ? out.sort((a, b) => a.startIndex - b.startIndex) : out;
}

/** Every call whose own name matches `pattern`, in document order. */
export function callsMatching(file: SourceFile, pattern: RegExp): Node[] {
  const names = [...callsByName(file).keys()].filter((n) => pattern.test(n));
  return callsNamed(file, names);
}

export { indentAt } from '../text';

/** The file's line break, for inserted lines. */
export function lineBreak(file: SourceFile): string {
  return file.memo('c.eol', () => (file.text.includes('\r\n') ? '\r\n' : '\n'));
}

/** Object-like macros and `const` scalars of the file: name -> the text of their value. */
export function constants(file: SourceFile): Map<string, string> {
  return file.memo('c.constants', () => {
    const out = new Map<string, string>();
    for (const def of file.nodes('preproc_def')) {
      const name = def.childForFieldName('name')?.text;
      const value = def.childForFieldName('value')?.text.trim();
      if (name && value) out.set(name, stripParens(value));
    }
    for (const decl of file.nodes('declaration')) {
      // `static const long VERIFY = 0L;` (a const scalar with a literal or name initializer)
      if (!decl.children.some((c) => c?.type === 'type_qualifier' && (c.text === 'const' || c.text === 'constexpr')))
        continue;
      for (const d of decl.childrenForFieldName('declarator')) {
        if (d?.type !== 'init_declarator') continue;
        const name = d.childForFieldName('declarator');
        const value = d.childForFieldName('value');
        if (
          name?.type === 'identifier' &&
          value &&
          /^(number_literal|identifier|true|false|string_literal)$/.test(value.type)
        )
          out.set(name.text, value.text);
      }
    }
    return out;
  });
}

function stripParens(s: string): string {
  let t = s.trim();
  while (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
  return t;
}

/**
 * The text an expression stands for: parentheses and scalar casts are dropped and names of macros
 * or constants are followed (a few levels). `(long)VERIFY` with `#define VERIFY 0` gives `0`.
 */
export function valueText(file: SourceFile, node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  let n: Node = node;
  for (;;) {
    if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChildren[0]!;
    else if (n.type === 'cast_expression' && n.childForFieldName('value')) n = n.childForFieldName('value')!;
    else break;
  }
  let text = n.type === 'qualified_identifier' && n.text.startsWith('::') ? n.text.slice(2) : n.text;
  const consts = constants(file);
  for (let i = 0; i < 5 && consts.has(text); i++) text = consts.get(text)!;
  return text;
}

/** Integer value of a C literal text (`0`, `0L`, `2UL`, `0x0`, `false`, `TRUE`), or undefined. */
export function intValue(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = stripParens(text);
  if (/^(false|FALSE)$/.test(t)) return 0;
  if (/^(true|TRUE)$/.test(t)) return 1;
  const m = /^(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]);
}

export { orOperands } from '../syntax';

/** The function definitions of the file by name (C functions and C++ free functions). */
export function functionsByName(file: SourceFile): Map<string, Node> {
  return file.memo('c.functions', () => {
    const out = new Map<string, Node>();
    for (const fn of file.nodes('function_definition')) {
      const name = definedName(fn);
      if (name) out.set(lastName(name), fn);
    }
    return out;
  });
}

/** Every definition of a function by this name (one per preprocessor branch, say), where the map keeps the last. */
export function functionsNamed(file: SourceFile, name: string): Node[] {
  return file.nodes('function_definition').filter((fn) => definedName(fn)?.text === name);
}

/** The name node a function definition declares (under its pointer and reference declarators). */
function definedName(fn: Node): Node | undefined {
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
  return d?.childForFieldName('declarator') ?? undefined;
}

/**
 * Whether a verify callback accepts every certificate: a function (or C++ lambda) whose every
 * `return` returns the literal 1 (or `true`), with at least one return.
 */
export function alwaysReturnsOne(file: SourceFile, fnOrLambda: Node): boolean {
  const body = fnOrLambda.childForFieldName('body');
  if (!body) return false;
  const returns = body.descendantsOfType('return_statement').filter((r): r is Node => !!r);
  if (returns.length === 0) return false;
  return returns.every((r) => {
    const v = r.namedChildren.find((c) => c?.type !== 'comment');
    const n = intValue(valueText(file, v));
    return n === 1;
  });
}

/** The callback a call argument names: a lambda or a function defined in this file. */
export function callbackBody(file: SourceFile, arg: Node | undefined): Node | undefined {
  if (!arg) return undefined;
  let a = arg;
  while ((a.type === 'pointer_expression' || a.type === 'parenthesized_expression') && a.namedChildCount >= 1)
    a = a.namedChildren[a.namedChildCount - 1]!;
  if (a.type === 'lambda_expression') return a;
  if (a.type === 'identifier' || a.type === 'qualified_identifier') return functionsByName(file).get(lastName(a));
  return undefined;
}

/** The statement that holds a node (the nearest ancestor whose type ends in `_statement` or is a declaration). */
export function statementOf(node: Node): Node | undefined {
  let n: Node | null = node;
  while (n && !(n.type.endsWith('_statement') || n.type === 'declaration')) n = n.parent;
  return n ?? undefined;
}

/** Whether a node names the constant `name`, plainly or qualified (`::SSL_VERIFY_NONE`, `ssl::verify_none`). */
export function isConstantRef(node: Node, name: string): boolean {
  return (
    (node.type === 'identifier' && node.text === name) ||
    (node.type === 'qualified_identifier' && lastName(node) === name)
  );
}
