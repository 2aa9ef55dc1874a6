// What JavaScript/TypeScript values mean: strings, truthiness, the members of option objects (through
// spreads of const-bound literals), and the call an options object flows into.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../../types';
import { calleeName, constantOf, isOptionsParser } from './model';
import {
  callArguments,
  calleeNode,
  lastSimpleName,
  literalString,
  memberName,
  outermostWrapper,
  unwrap,
} from './syntax';

/** The string value of an expression: a literal, a template without substitutions, `+` of those, or a const bound to one. */
export function stringValue(file: SourceFile, node: Node | null | undefined, depth = 0): string | undefined {
  const n = constantOf(file, node);
  if (!n || depth > 8) return undefined;
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') {
    const l = stringValue(file, n.childForFieldName('left'), depth + 1);
    const r = stringValue(file, n.childForFieldName('right'), depth + 1);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  if (n.type === 'call_expression') {
    // `[...].join(':')` of string literals, as cipher lists are often written.
    const fn = n.childForFieldName('function');
    if (fn?.type === 'member_expression' && fn.childForFieldName('property')?.text === 'join') {
      const arr = constantOf(file, fn.childForFieldName('object'));
      if (arr?.type !== 'array') return undefined;
      const sepArg = callArguments(n)[0];
      const sep = sepArg ? stringValue(file, sepArg, depth + 1) : ',';
      if (sep === undefined) return undefined;
      const parts: string[] = [];
      for (const el of arr.namedChildren) {
        if (!el || el.type === 'comment') continue;
        const s = stringValue(file, el, depth + 1);
        if (s === undefined) return undefined;
        parts.push(s);
      }
      return parts.join(sep);
    }
    return undefined;
  }
  return literalString(n);
}

/**
 * The truthiness of a constant expression: literals, `!x`, `!!x`, and consts bound to them; undefined
 * when it is not a constant. `undefined` itself is left unknown: options treat it as "not given".
 */
export function constantTruth(file: SourceFile, node: Node | null | undefined, depth = 0): boolean | undefined {
  const n = constantOf(file, node);
  if (!n || depth > 8) return undefined;
  switch (n.type) {
    case 'true':
      return true;
    case 'false':
    case 'null':
      return false;
    case 'number':
      return Number(n.text) !== 0 && !Number.isNaN(Number(n.text));
    case 'string':
    case 'template_string': {
      const s = literalString(n);
      return s === undefined ? undefined : s !== '';
    }
    case 'unary_expression': {
      if (n.childForFieldName('operator')?.text !== '!') return undefined;
      const inner = constantTruth(file, n.childForFieldName('argument'), depth + 1);
      return inner === undefined ? undefined : !inner;
    }
    default:
      return undefined;
  }
}

/** Whether an expression is a constant that JavaScript treats as false: `false`, `0`, `null`, `!1`, `!true`. */
export function isFalsyConstant(file: SourceFile, node: Node | null | undefined): boolean {
  const v = constantOf(file, node);
  // A string is never how a boolean option is turned off ('false' is truthy), so only non-strings count.
  if (!v || v.type === 'string' || v.type === 'template_string') return false;
  return constantTruth(file, v) === false;
}

/** Whether an expression is a `true` constant (`true`, `!0`, `!!1`, or a const bound to one); strings do not count. */
export function isTrueConstant(file: SourceFile, node: Node | null | undefined): boolean {
  const v = constantOf(file, node);
  if (!v || v.type === 'string' || v.type === 'template_string' || v.type === 'number') return false;
  return constantTruth(file, v) === true;
}

/** Members of an object literal, with the members of spread const-bound literals (`{ ...base, x }`) inlined. */
export function objectMembers(file: SourceFile, obj: Node, depth = 0): Node[] {
  const out: Node[] = [];
  for (const m of obj.namedChildren) {
    if (!m || m.type === 'comment') continue;
    if (m.type === 'spread_element') {
      const inner = constantOf(file, m.namedChildren[0]);
      if (inner?.type === 'object' && depth < 6) out.push(...objectMembers(file, inner, depth + 1));
      continue;
    }
    out.push(m);
  }
  return out;
}

/** Whether an object literal spreads something we cannot see into (`{ ...opts }` with `opts` unknown). */
export function hasOpaqueSpread(file: SourceFile, obj: Node): boolean {
  return obj.namedChildren.some(
    (m) => m?.type === 'spread_element' && constantOf(file, m.namedChildren[0])?.type !== 'object',
  );
}

/** The object literal an expression is (through a single const binding), if any. */
export function objectLiteralOf(file: SourceFile, node: Node | null | undefined): Node | undefined {
  const n = constantOf(file, node);
  return n?.type === 'object' ? n : undefined;
}

/** A call an options object reaches: its qualified callee name, and that name as the code writes it. */
export interface OptionsConsumer {
  call: Node;
  /** The qualified callee name (`https.Agent`, `../source/index.js` for a relative module), for matching. */
  name: string | undefined;
  /** What to show in a message: the qualified name, or the callee as written when that name is a file path. */
  shown: string | undefined;
}

/** The callee as the code writes it when its qualified name is a relative module path (`got`, not `../source/index.js`). */
function shownCallee(call: Node, name: string | undefined): string | undefined {
  if (name !== undefined && !/^[./]/.test(name)) return name;
  const written = calleeNode(call)?.text.replace(/\s+/g, '');
  return written && written.length <= 60 ? written : name;
}

const SCOPE_TYPES = new Set([
  'program',
  'statement_block',
  'function_declaration',
  'function_expression',
  'arrow_function',
  'method_definition',
  'class_body',
]);

const FUNCTION_SCOPES = new Set([
  'program',
  'function_declaration',
  'function_expression',
  'arrow_function',
  'method_definition',
]);

/** The scope a declaration binds in: the block for `let`/`const`, the function for `var` and assignments. */
function bindingScope(decl: Node): Node | undefined {
  const block = decl.parent?.type === 'lexical_declaration';
  const types = block ? SCOPE_TYPES : FUNCTION_SCOPES;
  let n: Node | null = decl.parent;
  while (n && !types.has(n.type)) n = n.parent;
  return n ?? undefined;
}

/** Whether `use` (an identifier) refers to the binding made in `scope`: no declaration of the same name in a scope between them. */
function refersTo(file: SourceFile, use: Node, name: string, scope: Node): boolean {
  if (use.startIndex < scope.startIndex || use.endIndex > scope.endIndex) return false;
  for (let n: Node | null = use.parent; n && n.id !== scope.id; n = n.parent) {
    if (!SCOPE_TYPES.has(n.type)) continue;
    const shadows = file
      .nodes('variable_declarator')
      .some(
        (d) =>
          d.childForFieldName('name')?.text === name &&
          d.startIndex >= n.startIndex &&
          d.endIndex <= n.endIndex &&
          bindingScope(d)?.id === n.id,
      );
    if (shadows) return false;
  }
  return true;
}

/**
 * The call (or `new`) an options object flows into: directly as an argument, nested in another
 * options object (`connect: {...}`, `https: {...}`, `agent: new Agent({...})`), spread into one, or
 * through a variable that is passed along in its own scope (the first such use after it). Undefined
 * when it cannot be seen.
 */
export function flowsInto(file: SourceFile, obj: Node, depth = 0): OptionsConsumer | undefined {
  if (depth > 6) return undefined;
  const cur = outermostWrapper(obj);
  const parent = cur.parent;
  if (!parent) return undefined;
  if (parent.type === 'arguments') {
    const call = parent.parent;
    if (call && (call.type === 'call_expression' || call.type === 'new_expression')) {
      const name = calleeName(file, call);
      if (name && MERGERS.test(name)) return mergedInto(file, call, parent, cur, depth);
      return { call, name, shown: shownCallee(call, name) };
    }
    return undefined;
  }
  if (parent.type === 'pair' || parent.type === 'spread_element') {
    const outer = parent.parent;
    return outer?.type === 'object' ? flowsInto(file, outer, depth + 1) : undefined;
  }
  if (
    parent.type === 'return_statement' ||
    (parent.type === 'arrow_function' && parent.childForFieldName('body')?.startIndex === cur.startIndex)
  ) {
    // `function opts() { return {...} }` then `new https.Agent(opts())`: follow the function's calls.
    let fn: Node | null = parent;
    while (
      fn &&
      !['function_declaration', 'function_expression', 'arrow_function', 'method_definition'].includes(fn.type)
    )
      fn = fn.parent;
    const named =
      fn?.type === 'function_declaration'
        ? fn.childForFieldName('name')
        : fn?.parent?.type === 'variable_declarator'
          ? fn.parent.childForFieldName('name')
          : undefined;
    if (!named || named.type !== 'identifier') return undefined;
    for (const call of file.nodes('call_expression')) {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'identifier' || callee.text !== named.text) continue;
      const hit = flowsInto(file, call, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  if (parent.type === 'variable_declarator' || parent.type === 'assignment_expression') {
    const name =
      parent.type === 'variable_declarator' ? parent.childForFieldName('name') : parent.childForFieldName('left');
    if (name?.type !== 'identifier') return undefined;
    const scope = parent.type === 'variable_declarator' ? bindingScope(parent) : undefined;
    // Uses after the binding first (a later test's `opts` is not this one), then earlier ones (hoisting).
    const uses = file
      .nodes('identifier', 'shorthand_property_identifier')
      .filter((id) => id.text === name.text && id.startIndex !== name.startIndex)
      .filter((id) => !scope || refersTo(file, id, name.text, scope));
    const ordered = [
      ...uses.filter((u) => u.startIndex > name.startIndex),
      ...uses.filter((u) => u.startIndex < name.startIndex),
    ];
    for (const id of ordered) {
      const at = outermostWrapper(id);
      const up = at.parent;
      if (!up) continue;
      if (
        up.type === 'arguments' ||
        up.type === 'spread_element' ||
        (up.type === 'pair' && up.childForFieldName('value')?.startIndex === at.startIndex)
      ) {
        const hit = flowsInto(file, at, depth + 1);
        if (hit) return hit;
      } else if (id.type === 'shorthand_property_identifier' && up.type === 'object') {
        const hit = flowsInto(file, up, depth + 1);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}

/** Calls that merge objects into their first argument and return it: they pass options on, they do not use them. */
const MERGERS =
  /^(?:Object\.assign|(?:_|lodash|underscore)\.(?:assign|assignIn|extend|merge|mergeWith|defaults|defaultsDeep)|lodash\.merge|deepmerge|merge-deep)$/;

/**
 * Where the options given to `Object.assign(target, ...sources)` go: where the call's result goes, else
 * (for a source) where a named target goes. A target alone goes nowhere from here: its binding's other
 * uses decide.
 */
function mergedInto(file: SourceFile, call: Node, args: Node, arg: Node, depth: number): OptionsConsumer | undefined {
  const viaResult = flowsInto(file, call, depth + 1);
  if (viaResult) return viaResult;
  const target = args.namedChildren[0];
  if (!target || target.startIndex === arg.startIndex || target.type !== 'identifier') return undefined;
  let decl: Node | undefined;
  for (const d of file.nodes('variable_declarator')) {
    if (d.childForFieldName('name')?.text !== target.text || d.startIndex > call.startIndex) continue;
    const scope = bindingScope(d);
    if (scope && refersTo(file, target, target.text, scope)) decl = d;
  }
  const value = decl?.childForFieldName('value');
  return value ? flowsInto(file, value, depth + 1) : undefined;
}

/** Node's plain-HTTP module: its calls never make a TLS connection, so TLS options given to them have no effect. */
export function isPlainHttpApi(name: string | undefined): boolean {
  return !!name && /^(?:node:)?http\.(?:get|request|Agent|globalAgent|createServer|Server)$/.test(name);
}

/** One object member whose boolean value is the insecure one (`tlsInsecure: true`, `sslValidate: false`). */
export interface BooleanOptionHit {
  member: Node;
  name: string;
  value: Node;
  /** The insecure value it has. */
  insecure: boolean;
  /** Written as a literal here, not through a shared constant. */
  literal: boolean;
  /** The callee the object flows into, when seen. */
  api: string | undefined;
}

/** Object members named in `insecure` (name -> the insecure boolean) whose value is that boolean. */
export function insecureBooleanMembers(file: SourceFile, insecure: ReadonlyMap<string, boolean>): BooleanOptionHit[] {
  const out: BooleanOptionHit[] = [];
  for (const member of file.nodes('pair')) {
    if (member.parent?.type !== 'object') continue;
    const name = memberName(member);
    const bad = name === undefined ? undefined : insecure.get(name);
    const value = member.childForFieldName('value');
    if (bad === undefined || !value) continue;
    if (bad ? !isTrueConstant(file, value) : !isFalsyConstant(file, value)) continue;
    // An options parser's input configures nothing by itself.
    const consumer = flowsInto(file, member.parent);
    if (consumer && isOptionsParser(consumer.name)) continue;
    out.push({
      member,
      name: name!,
      value,
      insecure: bad,
      literal: unwrap(value)?.type !== 'identifier',
      api: consumer?.shown,
    });
  }
  return out;
}

/** A libcurl option written from JavaScript: `curl.setOpt('SSL_VERIFYPEER', 0)`, `setOpt(Curl.option.SSL_VERIFYPEER, false)`, `{ SSL_VERIFYPEER: 0 }`. */
export interface CurlOptionWrite {
  /** What to report: the `setOpt(...)` call or the object member. */
  node: Node;
  value: Node;
}

/** Writes of a libcurl option (name without the `CURLOPT_` prefix) in node-libcurl / node-curl style code. */
export function curlOptionWrites(file: SourceFile, option: string): CurlOptionWrite[] {
  const names = new Set([option, `CURLOPT_${option}`]);
  const out: CurlOptionWrite[] = [];
  for (const call of file.nodes('call_expression')) {
    const method = lastSimpleName(call.childForFieldName('function'));
    if (method !== 'setOpt' && method !== 'setopt') continue;
    const [key, value] = callArguments(call);
    if (!key || !value) continue;
    const k = unwrap(key);
    const keyName = k?.type === 'member_expression' ? k.childForFieldName('property')?.text : stringValue(file, k);
    if (keyName && names.has(keyName)) out.push({ node: call, value });
  }
  for (const member of file.nodes('pair')) {
    if (member.parent?.type !== 'object') continue;
    const name = memberName(member);
    const value = member.childForFieldName('value');
    if (name && names.has(name) && value) out.push({ node: member, value });
  }
  return out;
}

// --- Across files (engine/workspace): constants another module of the project exports. ---
