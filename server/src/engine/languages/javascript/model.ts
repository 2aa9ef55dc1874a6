// The JavaScript/TypeScript model: `require`/`import` bindings (with `node:` prefixes, aliases,
// destructuring and namespace imports) and single same-file bindings, so detectors match `tls.connect`
// whether it is written `tls.connect`, `t.connect`, `connect` or `require('node:tls').connect`; the value a
// name holds (`constantOf`), here or in another module of the project.
import type { Node } from 'web-tree-sitter';
import { lazyLookup, type Lookup } from '../../lookup';
import { leavesNamed, nodesAround, wordOccurrences } from '../../node-index';
import type { SourceFile } from '../../types';
import { jsModuleCandidates } from '../../module-paths';
import { probedValue } from './params';
import {
  FUNCTION_TYPE_SET,
  JS_STATEMENT_CONTAINERS,
  literalString,
  memberProperty,
  moduleName,
  propertyKey,
  requiredModule,
  unwrap,
} from './syntax';

export interface JsModel {
  /** Local name -> qualified name (`tls`, `tls.connect`, `https.Agent`), from imports and `require`. */
  imports: Map<string, string>;
  /** Local name -> the expressions bound or assigned to it (`const x = ...`, `x = ...`). */
  assigns: Lookup<Node[]>;
  /** Function declarations by name. */
  functions: Lookup<Node>;
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

/** The value an expression has through single same-file bindings (`const V = false; {x: V}` gives `false`). */
export function constantOf(file: SourceFile, node: Node | null | undefined, depth = 0): Node | undefined {
  const n = unwrap(node);
  if (!n || depth > 8) return n;
  // A probe lint (engine/calls): the probed parameter holds the caller's constant.
  if (
    file.probe &&
    (n.type === 'identifier' || n.type === 'member_expression' || n.type === 'shorthand_property_identifier')
  ) {
    const probed = probedValue(file, n);
    if (probed) return constantOf(file, probed, depth + 1);
  }
  if (n.type === 'identifier' || n.type === 'member_expression') {
    const imported = importedValue(file, n);
    if (imported) return constantOf(file, imported, depth + 1);
  }
  // A shorthand member `{ minVersion }` reads the name like an identifier.
  if (n.type === 'identifier' || n.type === 'shorthand_property_identifier') {
    if (jsModel(file).imports.has(n.text)) return n;
    const bound = bindingOf(file, n.text);
    if (bound && !(bound.startIndex <= n.startIndex && n.endIndex <= bound.endIndex))
      return constantOf(file, bound, depth + 1);
  }
  return n;
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

export { jsModuleCandidates };

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
 * A qualified name in a relative module of the project, split into the module specifier and the dotted
 * name there: `./config.tls.insecure` gives `./config` and `tls.insecure`, `../net.js.connect` gives
 * `../net.js` and `connect`, `./net` (the module itself, a default import) gives `./net` and ''.
 */
export function relativeTarget(q: string | undefined): { spec: string; name: string } | undefined {
  if (!q || !/^\.\.?\//.test(q)) return undefined;
  // The specifier ends at the first dot of its last segment that starts no extension.
  const slash = q.lastIndexOf('/');
  const first = q.indexOf('.', slash);
  if (slash < 0) return undefined;
  if (first < 0) return q.endsWith('/') ? undefined : { spec: q, name: '' };
  const ext = /^\.(?:[cm]?[jt]sx?|json)(?=\.|$)/.exec(q.slice(first))?.[0] ?? '';
  const dot = q.indexOf('.', first + ext.length);
  if (dot < 0) return ext ? { spec: q, name: '' } : undefined;
  const spec = q.slice(0, dot);
  const name = q.slice(dot + 1);
  if (!spec || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(name) || spec.endsWith('/')) return undefined;
  return { spec, name };
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
  const target = relativeTarget(qualifiedName(file, node));
  if (!target?.name) return undefined;
  const { spec, name } = target;
  const summary = view.module(jsModuleCandidates(file.path, spec));
  if (!summary || !['javascript', 'typescript', 'tsx'].includes(summary.language)) return undefined;
  // Through re-exports (`export { X } from './base'`, `export * from './base'`).
  const found = view.constant(summary, name);
  return found ? view.valueNode(found.constant, found.summary, node) : undefined;
}
