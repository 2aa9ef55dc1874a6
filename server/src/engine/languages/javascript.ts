// JavaScript/TypeScript name resolution: `require`/`import` bindings (with `node:` prefixes, aliases,
// destructuring and namespace imports) and single same-file bindings, so detectors match `tls.connect`
// whether it is written `tls.connect`, `t.connect`, `connect` or `require('node:tls').connect`.
// Also object-literal helpers: properties through spreads of const-bound literals, and the call an
// options object flows into.
import type { Node } from 'web-tree-sitter';
import { lazyLookup, type Lookup } from '../lookup';
import { leavesNamed, nodesAround, wordOccurrences } from '../node-index';
import type { SourceFile } from '../types';
import { jsModuleCandidates } from '../module-paths';

export interface JsModel {
  /** Local name -> qualified name (`tls`, `tls.connect`, `https.Agent`), from imports and `require`. */
  imports: Map<string, string>;
  /** Local name -> the expressions bound or assigned to it (`const x = ...`, `x = ...`). */
  assigns: Lookup<Node[]>;
  /** Function declarations by name. */
  functions: Lookup<Node>;
}

/** Where statements are listed: the anchored searches below stop climbing there. */
const JS_STATEMENT_CONTAINERS = new Set(['program', 'statement_block', 'class_body', 'switch_body']);

/** Wrappers that do not change a value: parentheses and TypeScript-only syntax. */
const TRANSPARENT = new Set([
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

/** Binds the names of a destructuring pattern over a qualified base (`const { Agent: A } = require('https')`). */
function bindPattern(pattern: Node, base: string, imports: Map<string, string>): void {
  for (const p of pattern.namedChildren) {
    if (!p) continue;
    if (p.type === 'shorthand_property_identifier_pattern') imports.set(p.text, `${base}.${p.text}`);
    else if (p.type === 'pair_pattern') {
      const key = propertyKey(p.childForFieldName('key'));
      let value = p.childForFieldName('value');
      if (value?.type === 'assignment_pattern') value = value.childForFieldName('left');
      if (!key || !value) continue;
      if (value.type === 'identifier') imports.set(value.text, `${base}.${key}`);
      else if (value.type === 'object_pattern') bindPattern(value, `${base}.${key}`, imports);
    } else if (p.type === 'object_assignment_pattern') {
      const left = p.childForFieldName('left');
      if (left?.type === 'shorthand_property_identifier_pattern') imports.set(left.text, `${base}.${left.text}`);
    }
  }
}

// The model is built from the text's anchors, not from a walk of the whole tree (which on a 5,000-line
// file costs more than a keystroke): imports from the `import` keywords and the `require` words,
// destructuring from `} =`, and a name's assignments and function declaration from the places of
// the name itself, looked up when a detector first asks.
function buildModel(file: SourceFile): JsModel {
  const imports = new Map<string, string>();
  const required = new Map<string, Node>();
  const pending: [Node, Node][] = [];
  const tree = file.tree;
  const text = file.text;

  /** The expressions bound to `name` by declarators and assignments (a `require` binding is an import). */
  const bindings = (name: string): Node[] => {
    const out: Node[] = [];
    if (!tree) return out;
    for (const id of leavesNamed(tree, text, name, 'identifier')) {
      const parent = id.parent;
      if (!parent) continue;
      if (parent.type === 'variable_declarator') {
        const value = parent.childForFieldName('value');
        if (parent.childForFieldName('name')?.id === id.id && value && requiredModule(value) === undefined)
          out.push(value);
      } else if (parent.type === 'assignment_expression') {
        const right = parent.childForFieldName('right');
        if (parent.childForFieldName('left')?.id === id.id && right) out.push(right);
      }
    }
    return out;
  };
  const assigns = lazyLookup<Node[]>((name) => {
    const list = bindings(name);
    if (list.length === 0) return undefined;
    // `let t = require('tls'); t = other;`: the require is one of several values.
    const req = required.get(name);
    return req ? [req, ...list] : list;
  });
  const functions = lazyLookup<Node>((name) => {
    let last: Node | undefined;
    if (!tree) return undefined;
    for (const id of leavesNamed(tree, text, name, 'identifier')) {
      const parent = id.parent;
      if (parent?.type === 'function_declaration' && parent.childForFieldName('name')?.id === id.id) last = parent;
    }
    return last;
  });
  const model: JsModel = { imports, assigns, functions };
  if (!tree) return model;

  // Import statements and declarators that bind a module or destructure, in document order.
  const found = new Map<number, Node>();
  for (const at of wordOccurrences(text, 'import')) {
    const keyword = tree.rootNode.descendantForIndex(at, at + 'import'.length);
    if (keyword?.type === 'import' && keyword.parent?.type === 'import_statement')
      found.set(keyword.parent.id, keyword.parent);
  }
  for (const d of nodesAround(tree, text, ['require', 'import'], ['variable_declarator'], JS_STATEMENT_CONTAINERS))
    found.set(d.id, d);
  for (const m of text.matchAll(/\}\s*=(?![=>])/g)) {
    const brace = tree.rootNode.descendantForIndex(m.index, m.index + 1);
    const pattern = brace?.parent;
    const decl = pattern?.parent;
    if (
      pattern?.type === 'object_pattern' &&
      decl?.type === 'variable_declarator' &&
      decl.childForFieldName('name')?.id === pattern.id
    )
      found.set(decl.id, decl);
  }
  for (const node of [...found.values()].sort((a, b) => a.startIndex - b.startIndex)) {
    if (node.type === 'import_statement') {
      const source = literalString(node.childForFieldName('source'));
      const clause = node.namedChildren.find((c) => c?.type === 'import_clause' || c?.type === 'import_require_clause');
      if (!clause) continue;
      if (clause.type === 'import_require_clause') {
        // TypeScript `import tls = require('tls')`.
        const local = clause.namedChildren.find((c) => c?.type === 'identifier');
        const spec = literalString(clause.childForFieldName('source'));
        if (local && spec !== undefined) imports.set(local.text, moduleName(spec));
        continue;
      }
      if (source === undefined) continue;
      const mod = moduleName(source);
      for (const c of clause.namedChildren) {
        if (!c) continue;
        if (c.type === 'identifier') {
          // A default import of a Node core module is the module itself (CommonJS interop).
          imports.set(c.text, mod);
        } else if (c.type === 'namespace_import') {
          const id = c.namedChildren.find((x) => x?.type === 'identifier');
          if (id) imports.set(id.text, mod);
        } else if (c.type === 'named_imports') {
          for (const spec of c.namedChildren) {
            if (spec?.type !== 'import_specifier') continue;
            const name = spec.childForFieldName('name');
            const alias = spec.childForFieldName('alias') ?? name;
            const imported = name?.type === 'string' ? literalString(name) : name?.text;
            if (!alias || !imported) continue;
            imports.set(alias.text, imported === 'default' ? mod : `${mod}.${imported}`);
          }
        }
      }
    } else {
      const name = node.childForFieldName('name');
      const value = node.childForFieldName('value');
      if (!name || !value) continue;
      const mod = requiredModule(value);
      if (name.type === 'identifier') {
        if (mod !== undefined) {
          imports.set(name.text, mod);
          required.set(name.text, value);
        }
      } else if (name.type === 'object_pattern') {
        // `const { Agent } = require('https')`; `const { env } = process` waits for the other bindings.
        if (mod !== undefined) bindPattern(name, mod, imports);
        else pending.push([name, value]);
      }
    }
  }
  // `let t = require('tls'); t = other;`: the name no longer surely holds the module.
  for (const name of required.keys()) if (bindings(name).length > 0) imports.delete(name);
  for (const [pattern, value] of pending) {
    const base = resolve(model, value, 0);
    if (base) bindPattern(pattern, base, imports);
  }
  return model;
}

/**
 * For each occurrence of one of the literals, the innermost node of the given types around it within
 * its statement (see `nodesAround` in node-index); memoized per file.
 */
export function jsNodesAround(file: SourceFile, literals: readonly string[], types: readonly string[]): Node[] {
  return file.memo(`javascript.nodesAround:${literals.join(',')}:${types.join(',')}`, () => {
    const tree = file.tree;
    return tree ? nodesAround(tree, file.text, literals, types, JS_STATEMENT_CONTAINERS) : [];
  });
}

/** Whether a whole-word occurrence of one of the names is a property name (`x.authorized`). */
export function usesProperty(file: SourceFile, names: readonly string[]): boolean {
  const tree = file.tree;
  return !!tree && names.some((name) => leavesNamed(tree, file.text, name, 'property_identifier').length > 0);
}

export function jsModel(file: SourceFile): JsModel {
  return file.memo('javascript.model', () => buildModel(file));
}

/** The single expression bound to a name in this file, if there is exactly one binding. */
export function bindingOf(file: SourceFile, name: string): Node | undefined {
  const list = jsModel(file).assigns.get(name);
  return list && list.length === 1 ? list[0] : undefined;
}

/** Property names of a member or subscript expression with a literal index. */
function memberProperty(node: Node): string | undefined {
  if (node.type === 'member_expression') return node.childForFieldName('property')?.text;
  if (node.type === 'subscript_expression') return literalString(node.childForFieldName('index'));
  return undefined;
}

/**
 * The qualified name an expression refers to: `t.connect` with `import * as t from 'node:tls'` gives
 * `tls.connect`; a call or `new` gives its callee plus `()` (`https.Agent()`), so a variable bound once
 * to a call resolves to what it holds. A name with no binding in the file is taken as a global
 * (`process`, or `tls` in a snippet without its import). Unknown values give undefined.
 */
export function qualifiedName(file: SourceFile, node: Node | null | undefined): string | undefined {
  return resolve(jsModel(file), node, 0);
}

function resolve(model: JsModel, node: Node | null | undefined, depth: number): string | undefined {
  const n = unwrap(node);
  if (!n || depth > 10) return undefined;
  switch (n.type) {
    case 'identifier': {
      const imported = model.imports.get(n.text);
      if (imported !== undefined) return imported;
      const assigned = model.assigns.get(n.text);
      if (assigned) {
        if (assigned.length === 1 && !(assigned[0].startIndex <= n.startIndex && n.endIndex <= assigned[0].endIndex)) {
          return resolve(model, assigned[0], depth + 1);
        }
        return undefined;
      }
      if (model.functions.has(n.text)) return undefined;
      return n.text;
    }
    case 'member_expression':
    case 'subscript_expression': {
      const obj = resolve(model, n.childForFieldName('object'), depth + 1);
      const prop = memberProperty(n);
      return obj !== undefined && prop !== undefined ? `${obj}.${prop}` : undefined;
    }
    case 'call_expression': {
      const mod = requiredModule(n);
      if (mod !== undefined) return mod;
      const callee = resolve(model, n.childForFieldName('function'), depth + 1);
      return callee !== undefined ? `${callee}()` : undefined;
    }
    case 'await_expression': {
      const mod = requiredModule(n);
      return mod ?? resolve(model, n.namedChildren[0], depth + 1);
    }
    case 'new_expression': {
      const callee = resolve(model, n.childForFieldName('constructor'), depth + 1);
      return callee !== undefined ? `${callee}()` : undefined;
    }
    default:
      return undefined;
  }
}

/** The qualified callee name of a `call_expression` or `new_expression`. */
export function calleeName(file: SourceFile, call: Node): string | undefined {
  const callee =
    call.type === 'new_expression' ? call.childForFieldName('constructor') : call.childForFieldName('function');
  return qualifiedName(file, callee);
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

/** The value an expression has through single same-file bindings (`const V = false; {x: V}` gives `false`). */
export function constantOf(file: SourceFile, node: Node | null | undefined, depth = 0): Node | undefined {
  const n = unwrap(node);
  if (!n || depth > 8) return n;
  if (n.type === 'identifier' || n.type === 'member_expression') {
    const imported = importedValue(file, n);
    if (imported) return constantOf(file, imported, depth + 1);
  }
  if (n.type === 'identifier') {
    if (jsModel(file).imports.has(n.text)) return n;
    const bound = bindingOf(file, n.text);
    if (bound && !(bound.startIndex <= n.startIndex && n.endIndex <= bound.endIndex))
      return constantOf(file, bound, depth + 1);
  }
  return n;
}

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
  let cur: Node = obj;
  let parent = cur.parent;
  while (parent && TRANSPARENT.has(parent.type)) {
    cur = parent;
    parent = cur.parent;
  }
  if (!parent) return undefined;
  if (parent.type === 'arguments') {
    const call = parent.parent;
    if (call && (call.type === 'call_expression' || call.type === 'new_expression')) {
      const name = calleeName(file, call);
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
      let at: Node = id;
      let up = id.parent;
      while (up && TRANSPARENT.has(up.type)) {
        at = up;
        up = up.parent;
      }
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

/** Node's plain-HTTP module: its calls never make a TLS connection, so TLS options given to them have no effect. */
export function isPlainHttpApi(name: string | undefined): boolean {
  return !!name && /^(?:node:)?http\.(?:get|request|Agent|globalAgent|createServer|Server)$/.test(name);
}

/**
 * Functions that only read or transform an options object (`parseOptions`, `validateConfig`,
 * `normalizeOptions`): what they are given configures no connection by itself.
 */
export function isOptionsParser(name: string | undefined): boolean {
  const last = name?.replace(/\(\)/g, '').split('.').pop();
  return !!last && /^(?:parse|validate|normali[sz]e|resolve|check)[A-Z]\w*$/.test(last);
}

/** Whether an expression is `process.env` (also through `import process from 'node:process'` or `import { env } from 'process'`). */
export function isProcessEnv(file: SourceFile, node: Node | null | undefined): boolean {
  return qualifiedName(file, node) === 'process.env';
}

/** The range that removes an object member or array element with its separating comma. */
export function removeListItemRange(file: SourceFile, item: Node): { start: number; end: number } {
  const text = file.text;
  let next = item.nextSibling;
  while (next && next.type === 'comment') next = next.nextSibling;
  let prev = item.previousSibling;
  while (prev && prev.type === 'comment') prev = prev.previousSibling;
  if (next && next.type === ',') {
    const after = next.nextSibling;
    // Remove through the comma; on its own line, take the whole line.
    const lineStart = text.lastIndexOf('\n', item.startIndex - 1) + 1;
    const onlyIndentBefore = /^[ \t]*$/.test(text.slice(lineStart, item.startIndex));
    if (onlyIndentBefore) {
      const nl = text.indexOf('\n', next.endIndex);
      const rest = text.slice(next.endIndex, nl === -1 ? text.length : nl);
      if (/^[ \t]*$/.test(rest)) return { start: lineStart, end: nl === -1 ? text.length : nl + 1 };
    }
    return {
      start: item.startIndex,
      end: after && after.type !== '}' && after.type !== ']' && after.type !== ')' ? after.startIndex : next.endIndex,
    };
  }
  if (prev && prev.type === ',') {
    const lineStart = text.lastIndexOf('\n', item.startIndex - 1) + 1;
    const nl = text.indexOf('\n', item.endIndex);
    const lineEnd = nl === -1 ? text.length : nl;
    if (
      /^[ \t]*$/.test(text.slice(lineStart, item.startIndex)) &&
      /^[ \t]*$/.test(text.slice(item.endIndex, lineEnd))
    ) {
      // Last member on its own line: drop the line and the comma before it.
      return { start: prev.startIndex, end: lineEnd };
    }
    return { start: prev.startIndex, end: item.endIndex };
  }
  // The only member: empty the braces (`{ x: 1 }` becomes `{}`).
  const parent = item.parent;
  const open = parent?.firstChild;
  const close = parent?.lastChild;
  if (
    parent &&
    open &&
    close &&
    open.type === '{' &&
    close.type === '}' &&
    parent.namedChildren.every((c) => !c || c.type === 'comment' || c.startIndex === item.startIndex)
  ) {
    const inner = text.slice(open.endIndex, close.startIndex);
    if (!inner.includes('//') && !inner.includes('/*')) return { start: open.endIndex, end: close.startIndex };
  }
  return { start: item.startIndex, end: item.endIndex };
}

/** Whether a statement can be deleted without changing what surrounds it (it sits in a block, not as an `if` body). */
export function isRemovableStatement(stmt: Node): boolean {
  const p = stmt.parent;
  return (
    !!p &&
    (p.type === 'program' ||
      p.type === 'statement_block' ||
      p.type === 'switch_case' ||
      p.type === 'switch_default' ||
      p.type === 'class_static_block')
  );
}

/** The range that removes a whole statement line (with its line break when it stands alone on it). */
export function removeStatementRange(file: SourceFile, stmt: Node): { start: number; end: number } {
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  const nl = text.indexOf('\n', stmt.endIndex);
  const lineEnd = nl === -1 ? text.length : nl;
  if (/^[ \t]*$/.test(text.slice(lineStart, stmt.startIndex)) && /^[ \t]*$/.test(text.slice(stmt.endIndex, lineEnd))) {
    return { start: lineStart, end: nl === -1 ? text.length : nl + 1 };
  }
  return { start: stmt.startIndex, end: stmt.endIndex };
}

export { matchesApi } from '../text';

/** Whether an expression is a `true` constant (`true`, `!0`, `!!1`, or a const bound to one); strings do not count. */
export function isTrueConstant(file: SourceFile, node: Node | null | undefined): boolean {
  const v = constantOf(file, node);
  if (!v || v.type === 'string' || v.type === 'template_string' || v.type === 'number') return false;
  return constantTruth(file, v) === true;
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
    const fn = call.childForFieldName('function');
    const method =
      fn?.type === 'member_expression'
        ? fn.childForFieldName('property')?.text
        : fn?.type === 'identifier'
          ? fn.text
          : undefined;
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

export { jsModuleCandidates };

/** The node types of a function (declaration, expression, arrow, method, generator). */
export const FUNCTION_TYPES: readonly string[] = [
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
];
const FUNCTION_TYPE_SET = new Set(FUNCTION_TYPES);

/** Whether a name is a parameter of a function around the node (it shadows an import there). */
function isParameterAround(node: Node, name: string): boolean {
  const word = new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  for (let p: Node | null = node.parent; p; p = p.parent) {
    if (!FUNCTION_TYPE_SET.has(p.type)) continue;
    const params = p.childForFieldName('parameters') ?? p.childForFieldName('parameter');
    if (params && word.test(params.text)) return true;
  }
  return false;
}

/**
 * The value a name imported from a relative module of the project has there, as a node
 * (engine/workspace): `insecure` after `import { insecure } from './config'`, `cfg.insecure` after
 * `const cfg = require('./config')`, `require('./config').rejectUnauthorized`. Undefined when the name is
 * bound here too, the module is not in the project, or its value is not a constant.
 */
export function importedValue(file: SourceFile, node: Node): Node | undefined {
  const view = file.workspace;
  if (!view) return undefined;
  let root: Node | undefined = node;
  while (root?.type === 'member_expression') root = unwrap(root.childForFieldName('object'));
  if (root?.type === 'identifier') {
    if (jsModel(file).assigns.get(root.text) || isParameterAround(node, root.text)) return undefined;
  } else if (root?.type !== 'call_expression') return undefined;
  const q = qualifiedName(file, node);
  if (!q || !/^\.\.?\//.test(q)) return undefined;
  // `./config.tls.insecure`: the specifier ends at the first dot of its last segment that starts no extension.
  const slash = q.lastIndexOf('/');
  const first = q.indexOf('.', slash);
  if (slash < 0 || first < 0) return undefined;
  const ext = /^\.(?:[cm]?[jt]sx?|json)(?=\.|$)/.exec(q.slice(first))?.[0] ?? '';
  const dot = q.indexOf('.', first + ext.length);
  if (dot < 0) return undefined;
  const spec = q.slice(0, dot);
  const name = q.slice(dot + 1);
  if (!spec || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(name) || spec.endsWith('/')) return undefined;
  const summary = view.module(jsModuleCandidates(file.path, spec));
  if (!summary || !['javascript', 'typescript', 'tsx'].includes(summary.language)) return undefined;
  // Through re-exports (`export { X } from './base'`, `export * from './base'`).
  const found = view.constant(summary, name);
  return found ? view.valueNode(found.constant, found.summary, node) : undefined;
}
