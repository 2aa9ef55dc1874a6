// The module-level functions of a JavaScript/TypeScript file (engine/calls): declarations, arrow and
// function-expression consts, and what the module exports of them (`export function`, `export default`,
// `export { f as g }`, `module.exports = f`, `module.exports = { f }`, `exports.f = function () {}`).
import type { Node } from 'web-tree-sitter';
import { propertyKey, unwrap } from './syntax';

/** Function nodes a name may be bound to (a declaration, or the value of a const). */
const FUNCTION_VALUES = new Set([
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'function',
  'arrow_function',
]);

export interface ModuleFunctions {
  /**
   * Functions with parameters by the names this file and its importers call them: local names, exported
   * aliases, and `default` for the default export (`export default function`, `module.exports = f`).
   */
  byName: Map<string, Node>;
  /** The names other modules can import. */
  exported: Set<string>;
}

function hasParameters(fn: Node): boolean {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  return !!params && (params.type === 'identifier' || params.namedChildren.some((p) => p?.type !== 'comment'));
}

/** The module-level functions of a file (a name bound twice, or to anything but a function, is left out). */
export function jsModuleFunctions(root: Node): ModuleFunctions {
  const local = new Map<string, Node>();
  const twice = new Set<string>();
  const bind = (name: string, fn: Node | undefined) => {
    if (local.has(name) || twice.has(name)) {
      twice.add(name);
      local.delete(name);
    } else if (fn) local.set(name, fn);
    else twice.add(name);
  };
  const declare = (decl: Node) => {
    if (decl.type === 'function_declaration' || decl.type === 'generator_function_declaration') {
      const name = decl.childForFieldName('name')?.text;
      if (name) bind(name, decl);
      return;
    }
    if (decl.type !== 'lexical_declaration' && decl.type !== 'variable_declaration') return;
    // `let f = () => {}` may be rebound anywhere: only a const surely holds the function.
    const constant = decl.type === 'lexical_declaration' && decl.child(0)?.type === 'const';
    for (const d of decl.namedChildren) {
      if (d?.type !== 'variable_declarator') continue;
      const name = d.childForFieldName('name');
      if (name?.type !== 'identifier') continue;
      const value = unwrap(d.childForFieldName('value'));
      bind(name.text, constant && value && FUNCTION_VALUES.has(value.type) ? value : undefined);
    }
  };
  const statements = root.namedChildren.filter((s): s is Node => !!s);
  for (const st of statements) {
    if (st.type === 'export_statement') {
      const d = st.childForFieldName('declaration');
      if (d) declare(d);
    } else declare(st);
  }
  const exportsOut = new Map<string, Node | string>();
  const aliases: [string, string][] = [];
  const valueOf = (v: Node | null | undefined): Node | string | undefined => {
    const n = unwrap(v);
    if (!n) return undefined;
    if (n.type === 'identifier') return n.text;
    return FUNCTION_VALUES.has(n.type) ? n : undefined;
  };
  const objectExports = (obj: Node) => {
    for (const p of obj.namedChildren) {
      if (p?.type === 'shorthand_property_identifier') exportsOut.set(p.text, p.text);
      else if (p?.type === 'pair') {
        const key = propertyKey(p.childForFieldName('key'));
        const value = valueOf(p.childForFieldName('value'));
        if (key && value) exportsOut.set(key, value);
      } else if (p?.type === 'method_definition') {
        const key = propertyKey(p.childForFieldName('name'));
        if (key) exportsOut.set(key, p);
      }
    }
  };
  for (const st of statements) {
    if (st.type === 'export_statement') {
      if (st.childForFieldName('source')) continue;
      const d = st.childForFieldName('declaration');
      const isDefault = st.children.some((c) => c?.type === 'default');
      if (d) {
        if (d.type === 'function_declaration' || d.type === 'generator_function_declaration') {
          const name = d.childForFieldName('name')?.text;
          if (name) exportsOut.set(name, name);
          if (isDefault) exportsOut.set('default', d);
        } else
          for (const v of d.namedChildren)
            if (v?.type === 'variable_declarator' && v.childForFieldName('name')?.type === 'identifier')
              exportsOut.set(v.childForFieldName('name')!.text, v.childForFieldName('name')!.text);
        continue;
      }
      if (isDefault) {
        // `export default function (opts) {}`, `export default connect`.
        const value = st.childForFieldName('value') ?? st.namedChildren.find((c) => c && FUNCTION_VALUES.has(c.type));
        const v = valueOf(value);
        if (v) exportsOut.set('default', v);
        continue;
      }
      const clause = st.namedChildren.find((c) => c?.type === 'export_clause');
      for (const spec of clause?.namedChildren ?? []) {
        if (spec?.type !== 'export_specifier') continue;
        const name = spec.childForFieldName('name')?.text;
        const alias = spec.childForFieldName('alias')?.text ?? name;
        if (name && alias) aliases.push([alias, name]);
      }
      continue;
    }
    if (st.type !== 'expression_statement') continue;
    const asg = st.namedChildren[0];
    if (asg?.type !== 'assignment_expression') continue;
    const left = asg.childForFieldName('left')?.text.replace(/\s+/g, '');
    const right = asg.childForFieldName('right');
    if (!left || !right) continue;
    if (left === 'module.exports') {
      const r = unwrap(right);
      if (r?.type === 'object') objectExports(r);
      else {
        const v = valueOf(r);
        if (v) exportsOut.set('default', v);
      }
      continue;
    }
    const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(left);
    if (m) {
      const v = valueOf(right);
      if (v) exportsOut.set(m[1], v);
    }
  }
  for (const [alias, name] of aliases) exportsOut.set(alias, name);
  const byName = new Map<string, Node>();
  const exported = new Set<string>();
  for (const [name, fn] of local) if (hasParameters(fn)) byName.set(name, fn);
  for (const [name, v] of exportsOut) {
    const fn = typeof v === 'string' ? local.get(v) : v;
    if (!fn || !hasParameters(fn)) continue;
    if (typeof v === 'string' && twice.has(v)) continue;
    exported.add(name);
    if (!byName.has(name) || byName.get(name) === fn) byName.set(name, fn);
  }
  return { byName, exported };
}
