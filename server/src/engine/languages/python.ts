// Python name resolution: imports, aliases and simple single assignments, so detectors match
// `ssl.wrap_socket` whether it is written `ssl.wrap_socket`, `s.wrap_socket` or `wrap_socket`.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../types';

export interface PythonModel {
  /** Local name -> fully qualified name, from `import` and `from ... import`. */
  imports: Map<string, string>;
  /** Local name or dotted target (`self.session`) -> the expressions assigned to it. */
  assigns: Map<string, Node[]>;
}

function dotted(node: Node | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'dotted_name') return node.namedChildren.map((c) => c?.text ?? '').join('.');
  if (node.type === 'attribute') {
    const obj = dotted(node.childForFieldName('object'));
    const attr = node.childForFieldName('attribute');
    return obj && attr ? `${obj}.${attr.text}` : undefined;
  }
  return undefined;
}

function buildModel(file: SourceFile): PythonModel {
  const imports = new Map<string, string>();
  const assigns = new Map<string, Node[]>();
  for (const node of file.nodes('import_statement', 'import_from_statement', 'assignment', 'with_item')) {
    if (node.type === 'import_statement') {
      for (const name of node.childrenForFieldName('name')) {
        if (!name) continue;
        if (name.type === 'aliased_import') {
          const full = dotted(name.childForFieldName('name'));
          const alias = name.childForFieldName('alias')?.text;
          if (full && alias) imports.set(alias, full);
        } else {
          const full = dotted(name);
          // `import a.b.c` binds `a`.
          if (full) imports.set(full.split('.')[0], full.split('.')[0]);
        }
      }
    } else if (node.type === 'import_from_statement') {
      const mod = node.childForFieldName('module_name');
      if (!mod || mod.type === 'relative_import') continue;
      const base = dotted(mod);
      if (!base) continue;
      for (const name of node.childrenForFieldName('name')) {
        if (!name) continue;
        if (name.type === 'aliased_import') {
          const n = dotted(name.childForFieldName('name'));
          const alias = name.childForFieldName('alias')?.text;
          if (n && alias) imports.set(alias, `${base}.${n}`);
        } else {
          const n = dotted(name);
          if (n) imports.set(n, `${base}.${n}`);
        }
      }
    } else if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const key = dotted(left);
      if (key && right) {
        const list = assigns.get(key) ?? [];
        list.push(right);
        assigns.set(key, list);
      }
    } else if (node.type === 'with_item') {
      // `with requests.Session() as s:` parses as with_item(value: as_pattern(expr, alias)).
      const value = node.childForFieldName('value');
      if (value?.type === 'as_pattern') {
        const expr = value.namedChildren[0];
        const alias = value.childForFieldName('alias') ?? value.namedChildren[1];
        const target = alias?.type === 'as_pattern_target' ? alias.namedChildren[0] : alias;
        const key = dotted(target ?? null);
        if (key && expr) {
          const list = assigns.get(key) ?? [];
          list.push(expr);
          assigns.set(key, list);
        }
      }
    }
  }
  return { imports, assigns };
}

export function pythonModel(file: SourceFile): PythonModel {
  return file.memo('python.model', () => buildModel(file));
}

/**
 * The fully qualified name an expression refers to: `s.wrap_socket` with `import ssl as s` gives
 * `ssl.wrap_socket`; a call gives its callee's name plus `()` (`requests.Session()`), so a variable
 * assigned once from a call resolves to what it holds. Unknown names give undefined.
 */
export function qualifiedName(file: SourceFile, node: Node | null | undefined, depth = 0): string | undefined {
  if (!node || depth > 8) return undefined;
  const model = pythonModel(file);
  switch (node.type) {
    case 'identifier': {
      const imported = model.imports.get(node.text);
      if (imported) return imported;
      const assigned = model.assigns.get(node.text);
      if (assigned && assigned.length === 1 && assigned[0].startIndex !== node.startIndex) return qualifiedName(file, assigned[0], depth + 1);
      return undefined;
    }
    case 'attribute': {
      const key = dotted(node);
      const assigned = key ? model.assigns.get(key) : undefined;
      if (assigned && assigned.length === 1) return qualifiedName(file, assigned[0], depth + 1);
      const obj = qualifiedName(file, node.childForFieldName('object'), depth + 1);
      const attr = node.childForFieldName('attribute');
      return obj && attr ? `${obj}.${attr.text}` : undefined;
    }
    case 'call': {
      const callee = qualifiedName(file, node.childForFieldName('function'), depth + 1);
      return callee ? `${callee}()` : undefined;
    }
    case 'parenthesized_expression':
      return qualifiedName(file, node.namedChildren[0], depth + 1);
    default:
      return undefined;
  }
}

/** The callee's qualified name of a `call` node. */
export function calleeName(file: SourceFile, call: Node): string | undefined {
  return qualifiedName(file, call.childForFieldName('function'));
}

export interface CallArgs {
  positional: Node[];
  /** Keyword name -> the `keyword_argument` node (its `value` field is the value). */
  keywords: Map<string, Node>;
  /** Whether `*args` or `**kwargs` appear, so absent arguments may still be passed. */
  hasSplat: boolean;
}

export function callArgs(call: Node): CallArgs {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  let hasSplat = false;
  const args = call.childForFieldName('arguments');
  if (args && args.type === 'argument_list') {
    for (const a of args.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const name = a.childForFieldName('name')?.text;
        if (name) keywords.set(name, a);
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
        hasSplat = true;
      } else {
        positional.push(a);
      }
    }
  }
  return { positional, keywords, hasSplat };
}

/** The value node of a keyword argument. */
export function kwValue(kw: Node | undefined): Node | undefined {
  return kw?.childForFieldName('value') ?? undefined;
}

/** A constant's value through one level of same-file assignment (`V = False; f(verify=V)`). */
export function constantOf(file: SourceFile, node: Node | null | undefined, depth = 0): Node | undefined {
  if (!node || depth > 8) return undefined;
  if (node.type === 'identifier') {
    const assigned = pythonModel(file).assigns.get(node.text);
    if (assigned && assigned.length === 1) return constantOf(file, assigned[0], depth + 1);
    return node;
  }
  if (node.type === 'parenthesized_expression') return constantOf(file, node.namedChildren[0], depth + 1);
  return node;
}

export function isFalse(file: SourceFile, node: Node | null | undefined): boolean {
  const v = constantOf(file, node);
  return v?.type === 'false' || (v?.type === 'integer' && v.text === '0');
}

export function isTrue(file: SourceFile, node: Node | null | undefined): boolean {
  const v = constantOf(file, node);
  return v?.type === 'true';
}

/** The value of a plain string literal (or implicit concatenation of them); undefined for f-strings. */
export function stringValue(file: SourceFile, node: Node | null | undefined): string | undefined {
  const v = constantOf(file, node);
  if (!v) return undefined;
  if (v.type === 'concatenated_string') {
    let out = '';
    for (const part of v.namedChildren) {
      const s = stringValue(file, part);
      if (s === undefined) return undefined;
      out += s;
    }
    return out;
  }
  if (v.type !== 'string') return undefined;
  let out = '';
  for (const c of v.namedChildren) {
    if (!c) continue;
    if (c.type === 'interpolation') return undefined;
    if (c.type === 'string_content' || c.type === 'escape_sequence') out += c.text;
  }
  return out;
}

/** Whether a name matches one of the patterns: exact, or `prefix.*` for any member. */
export function matchesApi(name: string | undefined, patterns: readonly string[]): boolean {
  if (!name) return false;
  return patterns.some((p) => (p.endsWith('.*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

/** The range that removes a keyword argument together with its separating comma. */
export function removeArgumentRange(arg: Node): { start: number; end: number } {
  const next = arg.nextSibling;
  const prev = arg.previousSibling;
  if (next && next.type === ',') {
    // Remove through the comma and the whitespace after it, up to the next argument.
    const after = next.nextSibling;
    return { start: arg.startIndex, end: after && after.type !== ')' ? after.startIndex : next.endIndex };
  }
  if (prev && prev.type === ',') return { start: prev.startIndex, end: arg.endIndex };
  return { start: arg.startIndex, end: arg.endIndex };
}
