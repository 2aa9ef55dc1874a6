// JavaScript/TypeScript syntax: wrappers that do not change a value (parentheses, `as`, `!`), string
// literals, module specifiers, object members and call arguments.
import type { Node } from 'web-tree-sitter';

/** Wrappers that do not change a value: parentheses and TypeScript-only syntax. */
export const TRANSPARENT = new Set([
  'parenthesized_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'type_assertion',
]);

/** The expression under parentheses, `as`, `satisfies`, `!` and `<T>` casts. */
export function unwrap(node: Node | null | undefined): Node | undefined {
  let n = node ?? undefined;
  for (let i = 0; n && i < 16 && TRANSPARENT.has(n.type); i++) {
    n =
      n.type === 'type_assertion'
        ? (n.namedChildren[n.namedChildren.length - 1] ?? undefined)
        : (n.namedChildren[0] ?? undefined);
  }
  return n;
}

/** The outermost of the wrappers `unwrap` sees through around `node` (`node` itself when there is none). */
export function outermostWrapper(node: Node): Node {
  let n = node;
  while (n.parent && TRANSPARENT.has(n.parent.type)) n = n.parent;
  return n;
}

/** Module names without the `node:` scheme, so `node:tls` and `tls` are one module. */
export function moduleName(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

/** The text of a plain string literal (no substitutions), without following bindings. */
export function literalString(node: Node | null | undefined): string | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type !== 'string' && n.type !== 'template_string') return undefined;
  let out = '';
  for (const c of n.namedChildren) {
    if (!c) continue;
    // An ERROR inside (a raw line break in a quoted string): the value is unknown, and a fix built on
    // part of it would never converge (found by fuzzing).
    if (c.type === 'template_substitution' || c.type === 'ERROR') return undefined;
    if (c.type === 'string_fragment') out += c.text;
    else if (c.type === 'escape_sequence') out += unescape(c.text);
  }
  return out;
}

function unescape(seq: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v' };
  const ch = seq.slice(1);
  if (ch in simple) return simple[ch];
  if (ch.startsWith('x') || ch.startsWith('u')) {
    const hex = ch.replace(/^[xu]\{?|\}$/g, '');
    const code = parseInt(hex, 16);
    return Number.isFinite(code) ? String.fromCodePoint(code) : '';
  }
  return ch;
}

/** `require('x')` or `import('x')` (also awaited): the module name, else undefined. */
export function requiredModule(node: Node | null | undefined): string | undefined {
  let n = unwrap(node);
  if (n?.type === 'await_expression') n = unwrap(n.namedChildren[0]);
  if (n?.type !== 'call_expression') return undefined;
  const fn = n.childForFieldName('function');
  if (!fn || !((fn.type === 'identifier' && fn.text === 'require') || fn.type === 'import')) return undefined;
  const first = n.childForFieldName('arguments')?.namedChildren[0];
  const spec = literalString(first);
  return spec === undefined ? undefined : moduleName(spec);
}

/** The name of a property key: `a`, `'a'`, `"a"`, `['a']`; undefined for computed keys. */
export function propertyKey(key: Node | null | undefined): string | undefined {
  if (!key) return undefined;
  if (
    key.type === 'property_identifier' ||
    key.type === 'identifier' ||
    key.type === 'shorthand_property_identifier' ||
    key.type === 'private_property_identifier'
  ) {
    return key.text;
  }
  if (key.type === 'string') return literalString(key);
  if (key.type === 'number') return key.text;
  if (key.type === 'computed_property_name') return literalString(key.namedChildren[0]);
  return undefined;
}

/** The name of an object member (`pair`, `method_definition`, shorthand property). */
export function memberName(member: Node): string | undefined {
  if (member.type === 'pair') return propertyKey(member.childForFieldName('key'));
  if (member.type === 'method_definition') return propertyKey(member.childForFieldName('name'));
  if (member.type === 'shorthand_property_identifier') return member.text;
  return undefined;
}

/** The value expression of an object member (for a shorthand `{ x }` the identifier itself). */
export function memberValue(member: Node): Node | undefined {
  if (member.type === 'pair') return member.childForFieldName('value') ?? undefined;
  if (member.type === 'shorthand_property_identifier') return member;
  if (member.type === 'method_definition') return member;
  return undefined;
}

/** Property names of a member or subscript expression with a literal index. */
export function memberProperty(node: Node): string | undefined {
  if (node.type === 'member_expression') return node.childForFieldName('property')?.text;
  if (node.type === 'subscript_expression') return literalString(node.childForFieldName('index'));
  return undefined;
}

/** The last name an identifier or member expression spells: `f` for `f`, `setOpt` for `curl.setOpt`. */
export function lastSimpleName(node: Node | null | undefined): string | undefined {
  if (node?.type === 'member_expression') return node.childForFieldName('property')?.text;
  return node?.type === 'identifier' ? node.text : undefined;
}

/** The callee expression node of a call or `new`. */
export function calleeNode(call: Node): Node | undefined {
  return (
    (call.type === 'new_expression' ? call.childForFieldName('constructor') : call.childForFieldName('function')) ??
    undefined
  );
}

/** The arguments of a call or `new` (comments excluded). */
export function callArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'arguments') return [];
  return args.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment');
}

/** Where statements are listed: the anchored searches below stop climbing there. */
export const JS_STATEMENT_CONTAINERS = new Set(['program', 'statement_block', 'class_body', 'switch_body']);

/** The node types of a function (declaration, expression, arrow, method, generator). */
export const FUNCTION_TYPES: readonly string[] = [
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
];

export const FUNCTION_TYPE_SET = new Set(FUNCTION_TYPES);
