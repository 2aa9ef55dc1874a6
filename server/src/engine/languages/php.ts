// PHP helpers for the TLS detectors: call names and arguments, array keys, constants the file defines
// (`define('X', false)`, `const X = false;`), and false/true values, so `CURLOPT_SSL_VERIFYPEER => 0`,
// `\CURLOPT_SSL_VERIFYPEER => FALSE` and `'verify_peer' => NOVERIFY` read alike.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../types';

/** A constant or function name without its namespace (`\CURLOPT_SSL_VERIFYPEER` -> `CURLOPT_SSL_VERIFYPEER`). */
export function plainName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'name') return node.text;
  if (node.type === 'qualified_name')
    return node.childForFieldName('name')?.text ?? node.namedChildren[node.namedChildCount - 1]?.text;
  return undefined;
}

/** The called function's name (`curl_setopt`), method name (`->request`) or static method name (`Http::withOptions`). */
export function callName(call: Node): string | undefined {
  if (call.type === 'function_call_expression') return plainName(call.childForFieldName('function'));
  if (
    call.type === 'member_call_expression' ||
    call.type === 'nullsafe_member_call_expression' ||
    call.type === 'scoped_call_expression'
  )
    return call.childForFieldName('name')?.text;
  return undefined;
}

/** The argument values of a call or `new` (named arguments included, in order). */
export function argValues(call: Node): Node[] {
  const list = call.childForFieldName('arguments') ?? call.namedChildren.find((c) => c?.type === 'arguments') ?? null;
  if (!list) return [];
  return list.namedChildren
    .filter((a): a is Node => a?.type === 'argument')
    .map((a) => {
      const label = a.childForFieldName('name');
      return a.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment' && c.id !== label?.id).pop();
    })
    .filter((v): v is Node => !!v);
}

/** A string literal's content, or undefined (interpolated strings are not constant). */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node || (node.type !== 'string' && node.type !== 'encapsed_string')) return undefined;
  if (node.namedChildren.some((c) => c && c.type !== 'string_content' && c.type !== 'escape_sequence'))
    return undefined;
  return node.namedChildren.map((c) => c?.text ?? '').join('');
}

/** Constants the file defines, by name, to their value node. */
export function constants(file: SourceFile): Map<string, Node> {
  return file.memo('php.constants', () => {
    const out = new Map<string, Node>();
    for (const call of file.nodes('function_call_expression')) {
      if (plainName(call.childForFieldName('function'))?.toLowerCase() !== 'define') continue;
      const a = argValues(call);
      const name = stringValue(a[0]);
      if (name && a[1]) out.set(name, a[1]);
    }
    for (const el of file.nodes('const_element')) {
      const name = el.namedChildren.find((c) => c?.type === 'name');
      const value = el.namedChildren[el.namedChildCount - 1];
      if (name && value && value.id !== name.id) out.set(name.text, value);
    }
    return out;
  });
}

/** Follows a file constant (a few levels) and drops parentheses. */
export function resolve(file: SourceFile, node: Node | null | undefined): Node | undefined {
  let n = node ?? undefined;
  for (let i = 0; n && i < 4; i++) {
    if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) {
      n = n.namedChildren[0]!;
      continue;
    }
    if (file.probe && n.type === 'variable_name') return probedParameter(file, n) ?? n;
    const name = plainName(n);
    const target = name ? constants(file).get(name) : undefined;
    if (!target) break;
    n = target;
  }
  return n;
}

/**
 * A probe lint (engine/calls): the caller's constant for a parameter of the top-level function the probe
 * names (`$verify` of `function fetch_url($url, $verify)` probed with `false`), read where `use` names it;
 * undefined otherwise, or when the function assigns the parameter.
 */
function probedParameter(file: SourceFile, use: Node): Node | undefined {
  const probe = file.probe;
  const fn = enclosingFunction(use);
  if (!probe || fn?.type !== 'function_definition' || fn.parent?.type !== 'program') return undefined;
  if (fn.childForFieldName('name')?.text !== probe.function) return undefined;
  const writes = variableWrites(file).get(use.text) ?? [];
  if (writes.some((a) => enclosingFunction(a)?.id === fn.id)) return undefined;
  const params = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => !!p);
  const index = params.findIndex((p) => p.childForFieldName('name')?.text === use.text);
  if (index < 0 || params[index].type !== 'simple_parameter') return undefined;
  const matches = probe.param !== undefined ? probe.param === use.text.slice(1) : probe.index === index;
  return matches ? file.workspace?.probeNode(probe.text, use) : undefined;
}

/** false, FALSE, 0, '0', null (as PHP casts them for a boolean option). */
export function isFalsy(file: SourceFile, node: Node | null | undefined): boolean {
  const n = resolve(file, node);
  if (!n) return false;
  if (n.type === 'boolean') return n.text.toLowerCase() === 'false';
  if (n.type === 'integer') return Number(n.text) === 0;
  if (n.type === 'null') return true;
  if (n.type === 'string' || n.type === 'encapsed_string') return stringValue(n) === '0' || stringValue(n) === '';
  return false;
}

export function isTrue(file: SourceFile, node: Node | null | undefined): boolean {
  const n = resolve(file, node);
  if (!n) return false;
  if (n.type === 'boolean') return n.text.toLowerCase() === 'true';
  if (n.type === 'integer') return Number(n.text) === 1;
  return false;
}

/** Integer value of a node (after constants), booleans as 0/1. */
export function intValue(file: SourceFile, node: Node | null | undefined): number | undefined {
  const n = resolve(file, node);
  if (!n) return undefined;
  if (n.type === 'boolean') return n.text.toLowerCase() === 'true' ? 1 : 0;
  if (n.type === 'integer') return Number(n.text);
  // curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, '0') works too: PHP casts the string.
  const str = stringValue(n);
  if (str !== undefined && /^\d+$/.test(str)) return Number(str);
  return undefined;
}

/** Key and value of an `array_element_initializer` with `=>` (undefined for list elements). */
export function arrayPair(el: Node): { key: Node; value: Node } | undefined {
  if (!el.children.some((c) => c?.type === '=>')) return undefined;
  const named = el.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  return named.length === 2 ? { key: named[0], value: named[1] } : undefined;
}

/** An array key as a plain name: `'verify'`, `"verify"`, `CURLOPT_X`, `\CURLOPT_X`, `RequestOptions::VERIFY` (as `RequestOptions::VERIFY`). */
export function keyName(key: Node): string | undefined {
  if (key.type === 'class_constant_access_expression') {
    const parts = key.namedChildren.map((c) => plainName(c) ?? c?.text ?? '');
    return parts.join('::');
  }
  return stringValue(key) ?? plainName(key);
}

/** Functions whose array argument is a list of values the first argument is looked up in. */
const LOOKUPS = ['in_array', 'array_search', 'array_keys'];

/**
 * Whether a value node is compared rather than used: an operand of `==`/`===`/`&`...
 * (`$m == STREAM_CRYPTO_METHOD_SSLv3_CLIENT`), a `case` label, a `match` arm's condition, or an element
 * of the list `in_array($m, [...])` checks against.
 */
export function inComparison(node: Node): boolean {
  let n = node;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'match_condition_list') return true;
  if (p.type === 'case_statement') return p.childForFieldName('value')?.id === n.id;
  if (p.type === 'array_element_initializer' && !arrayPair(p)) {
    const list = p.parent;
    const call = list?.type === 'array_creation_expression' ? list.parent?.parent?.parent : undefined;
    return list?.parent?.type === 'argument' && !!call && LOOKUPS.includes(callName(call) ?? '');
  }
  if (p.type !== 'binary_expression') return false;
  const op = p.childForFieldName('operator')?.text;
  return ['==', '===', '!=', '!==', '<>', '<', '>', '<=', '>=', '&'].includes(op ?? '');
}

/**
 * The values an expression can take, one level of choice deep: both branches of `c ? a : b` (`a` is `c`
 * itself in `c ?: b`) and every arm of a `match`; any other expression is its own only value.
 */
export function valueBranches(node: Node): Node[] {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChildren[0]!;
  if (n.type === 'conditional_expression') {
    const out = [n.childForFieldName('body'), n.childForFieldName('alternative')];
    return out.filter((b): b is Node => !!b).flatMap((b) => (b.id === n.id ? [] : valueBranches(b)));
  }
  if (n.type === 'match_expression') {
    const arms = n.childForFieldName('body')?.namedChildren ?? [];
    return arms
      .map((a) => a?.childForFieldName('return_expression'))
      .filter((b): b is Node => !!b)
      .flatMap((b) => valueBranches(b));
  }
  return [n];
}

/** The function, method or closure around a node. */
export function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (/^(function_definition|method_declaration|anonymous_function|arrow_function)$/.test(p.type)) return p;
  }
  return undefined;
}

/** The names (without `$`) of a function's parameters. */
export function parameterNames(fn: Node): string[] {
  const list = fn.childForFieldName('parameters');
  return (list?.namedChildren ?? [])
    .map((p) => p?.childForFieldName('name')?.text.replace(/^\$/, ''))
    .filter((n): n is string => !!n);
}

/** The keys of a subscript chain, outermost last (`$o['ssl']['verify_peer']` gives the `'ssl'` and `'verify_peer'` nodes). */
export function subscriptKeys(node: Node): Node[] {
  const keys: Node[] = [];
  let n: Node | null = node;
  while (n?.type === 'subscript_expression') {
    const index = n.namedChildren[1];
    if (!index) return [];
    keys.unshift(index);
    n = n.namedChildren[0];
  }
  return keys;
}

/** One `key => value` element of an array literal. */
export interface ArrayPair {
  el: Node;
  key: Node;
  value: Node;
  /** The key as a plain name (`'verify'`, `CURLOPT_X`, `RequestOptions::VERIFY`). */
  name: string | undefined;
  /** Whether the key is a string literal (`'verify'`), not a constant. */
  stringKey: boolean;
}

/** Every `key => value` element of the file, read once and shared by the detectors. */
export function arrayPairs(file: SourceFile): ArrayPair[] {
  return file.memo('php.arrayPairs', () => {
    const out: ArrayPair[] = [];
    for (const el of file.nodes('array_element_initializer')) {
      const pair = arrayPair(el);
      if (!pair) continue;
      out.push({
        el,
        key: pair.key,
        value: pair.value,
        name: keyName(pair.key),
        stringKey: pair.key.type === 'string' || pair.key.type === 'encapsed_string',
      });
    }
    return out;
  });
}

/** Assignments to plain variables (`$v = ...`), by name, read once per file. */
function variableWrites(file: SourceFile): Map<string, Node[]> {
  return file.memo('php.variableWrites', () => {
    const out = new Map<string, Node[]>();
    for (const a of file.nodes('assignment_expression')) {
      const left = a.childForFieldName('left');
      if (left?.type === 'variable_name') out.set(left.text, [...(out.get(left.text) ?? []), a]);
    }
    return out;
  });
}

/**
 * The values a local variable may hold where `node` reads it: the right-hand sides of its assignments in
 * the same function made before the read (each branch's `$verify = false;` as well as the default).
 * Undefined when `node` is not a variable or nothing assigns it there (a parameter, a global).
 */
export function localValues(file: SourceFile, node: Node): Node[] | undefined {
  if (node.type !== 'variable_name' || node.text === '$this') return undefined;
  const fn = enclosingFunction(node);
  const writes = (variableWrites(file).get(node.text) ?? []).filter(
    (a) => a.endIndex <= node.startIndex && enclosingFunction(a)?.id === fn?.id,
  );
  const values = writes.map((a) => a.childForFieldName('right')).filter((v): v is Node => !!v);
  return values.length > 0 ? values : undefined;
}
