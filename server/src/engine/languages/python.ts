// Python name resolution: imports, aliases and simple single assignments, so detectors match
// `ssl.wrap_socket` whether it is written `ssl.wrap_socket`, `s.wrap_socket` or `wrap_socket`.
import type { Node } from 'web-tree-sitter';
import { lazyLookup, type Lookup } from '../lookup';
import {
  containerBetween,
  Intervals,
  leavesNamed,
  nodesAround as nodesAroundIn,
  nodesAroundIndexed,
  wordOccurrences,
  WordIndex,
} from '../node-index';
import type { SourceFile } from '../types';
import { pythonModuleCandidates } from '../module-paths';

export interface PythonModel {
  /** Local name -> fully qualified name, from `import` and `from ... import`. */
  imports: Map<string, string>;
  /** Local name or dotted target (`self.session`) -> the expressions assigned to it. */
  assigns: Lookup<Node[]>;
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

// The model is built from the text's anchors, not from a walk of the whole tree: every import
// statement holds the keyword `import`, and every assignment or `with ... as` binding holds its
// target's last name followed by `=` (or an annotation and `=`) or preceded by `as`. A regular
// expression finds those places in one pass; the tree is asked only about the places of the names
// a detector looks up, so the model costs what the TLS-relevant text costs, not what the file costs.
/** The binding-site and `import` patterns, for identifiers made of the given character classes. */
function patterns(start: string, cont: string, flags: string): { binding: RegExp; importKeyword: RegExp } {
  const word = `${start}${cont}*`;
  const before = `(?<!${cont})`;
  const after = `(?!${cont})`;
  return {
    // `name =`, `name: annotation =` (annotations up to 200 characters on the line), `as name` / `as a.b`.
    // What follows the name is only looked at, not consumed: in `if a: b = 1` both `a` and `b` are tried.
    binding: new RegExp(
      `${before}(${word})${after}(?=[ \\t]*(?::[^=\\r\\n]{0,200})?=(?!=))|${before}as[ \\t]+(${word}(?:\\.${word})*)`,
      flags,
    ),
    importKeyword: new RegExp(`${before}import${after}`, flags),
  };
}

const ASCII_PATTERNS = patterns('[A-Za-z_]', '\\w', 'g');
let unicodePatterns: ReturnType<typeof patterns> | undefined;

/**
 * The patterns for a text: ASCII identifiers for ASCII text, Python's Unicode identifiers otherwise
 * (their \p{...} classes take tens of ms to compile, so only texts that need them pay, once).
 */
function patternsFor(text: string): ReturnType<typeof patterns> {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return ASCII_PATTERNS;
  unicodePatterns ??= patterns('[\\p{XID_Start}_]', '[\\p{XID_Continue}]', 'gu');
  return unicodePatterns;
}

/** Offsets where a name may be bound, by the name (a dotted target's last part). */
function bindingSites(file: SourceFile): Map<string, number[]> {
  return file.memo('python.bindingSites', () => {
    const out = new Map<string, number[]>();
    for (const m of file.text.matchAll(patternsFor(file.text).binding)) {
      let name: string;
      let at: number;
      if (m[1] !== undefined) {
        name = m[1];
        at = m.index;
      } else {
        const target = m[2];
        const dot = target.lastIndexOf('.');
        name = target.slice(dot + 1);
        at = m.index + m[0].length - name.length;
      }
      const list = out.get(name);
      if (list) list.push(at);
      else out.set(name, [at]);
    }
    return out;
  });
}

/** The expressions assigned to `key`, found from the binding sites of its last name. */
function assignmentsOf(file: SourceFile, key: string): Node[] | undefined {
  const last = key.slice(key.lastIndexOf('.') + 1);
  const sites = bindingSites(file).get(last);
  const root = file.tree?.rootNode;
  if (!sites || !root) return undefined;
  const out: Node[] = [];
  for (const at of sites) {
    let target: Node | null = root.descendantForIndex(at, at + last.length);
    if (target?.type !== 'identifier') continue;
    // `a.b.c = ...`: the binding is the whole attribute chain whose last part this is.
    while (
      target.parent?.type === 'attribute' &&
      target.parent.childForFieldName('attribute')?.startIndex === target.startIndex
    )
      target = target.parent;
    const parent: Node | null = target.parent;
    if (!parent) continue;
    let value: Node | null | undefined;
    if (parent.type === 'assignment') {
      if (parent.childForFieldName('left')?.startIndex !== target.startIndex) continue;
      value = parent.childForFieldName('right');
    } else {
      // `with requests.Session() as s:` parses as with_item(value: as_pattern(expr, alias: as_pattern_target(s))).
      const pattern = parent.type === 'as_pattern_target' ? parent.parent : parent;
      if (pattern?.type !== 'as_pattern' || pattern.parent?.type !== 'with_item') continue;
      const alias = pattern.childForFieldName('alias') ?? pattern.namedChildren[1];
      const bound = alias?.type === 'as_pattern_target' ? alias.namedChildren[0] : alias;
      if (bound?.startIndex !== target.startIndex || bound.endIndex !== target.endIndex) continue;
      value = pattern.namedChildren[0];
    }
    if (value && dotted(target) === key) out.push(value);
  }
  return out.length ? out : undefined;
}

/**
 * A name an import statement binds: `import a.b as local` / `import a.b` (binds `a`), or
 * `from <dots><module> import <name> [as local]`.
 */
interface ImportBinding {
  local: string;
  statement: Node;
  /** Leading dots of a relative import (0: absolute). */
  level: number;
  /** The dotted module (`pkg.settings`; '' for `from . import x`). */
  module: string;
  /** The imported name (`from m import name`); undefined when the local name is the module itself. */
  name?: string;
  /** `import a.b as local` (rather than `import a.b`, which binds `a`). */
  aliased: boolean;
}

/** Every name the file's import statements bind, in source order (a later binding of a name wins). */
function importBindings(file: SourceFile): ImportBinding[] {
  return file.memo('python.importBindings', () => {
    const out: ImportBinding[] = [];
    const root = file.tree?.rootNode;
    if (!root) return out;
    for (const m of file.text.matchAll(patternsFor(file.text).importKeyword)) {
      const keyword = root.descendantForIndex(m.index, m.index + 'import'.length);
      const node = keyword?.parent;
      if (keyword?.type !== 'import' || !node) continue;
      if (node.type === 'import_statement') {
        for (const name of node.childrenForFieldName('name')) {
          if (!name) continue;
          if (name.type === 'aliased_import') {
            const full = dotted(name.childForFieldName('name'));
            const alias = name.childForFieldName('alias')?.text;
            if (full && alias) out.push({ local: alias, statement: node, level: 0, module: full, aliased: true });
          } else {
            // `import a.b.c` binds `a`.
            const first = dotted(name)?.split('.')[0];
            if (first) out.push({ local: first, statement: node, level: 0, module: first, aliased: false });
          }
        }
      } else if (node.type === 'import_from_statement') {
        const mod = node.childForFieldName('module_name');
        if (!mod) continue;
        let level = 0;
        let module: string;
        if (mod.type === 'relative_import') {
          const prefix =
            mod.namedChildren.find((c) => c?.type === 'import_prefix')?.text ?? mod.text.match(/^\.+/)?.[0] ?? '';
          level = prefix.length;
          module = dotted(mod.namedChildren.find((c) => c?.type === 'dotted_name') ?? null) ?? '';
        } else module = dotted(mod) ?? '';
        for (const name of node.childrenForFieldName('name')) {
          if (!name) continue;
          const aliased = name.type === 'aliased_import';
          const imported = dotted(aliased ? name.childForFieldName('name') : name);
          const local = aliased ? name.childForFieldName('alias')?.text : imported;
          if (imported && local) out.push({ local, statement: node, level, module, name: imported, aliased });
        }
      }
    }
    return out;
  });
}

/** Local name -> the qualified name it stands for (`from ..tls import X` in `docker/utils/u.py`: `docker.tls.X`). */
function importsOf(file: SourceFile): Map<string, string> {
  const imports = new Map<string, string>();
  for (const b of importBindings(file)) {
    if (b.name === undefined) {
      imports.set(b.local, b.module);
      continue;
    }
    const base = b.level ? relativeBase(file.path, b.level, b.module) : b.module;
    if (base) imports.set(b.local, `${base}.${b.name}`);
  }
  return imports;
}

/**
 * The package a relative import names, as far as the file's path shows it: `from ..tls import X` in
 * `docker/utils/utils.py` gives `docker.tls`. The engine reads no files, so the name starts at the
 * folder the dots reach (not at the project's root): enough to match a library's own API names from
 * inside the library.
 */
function relativeBase(filePath: string, level: number, module: string): string | undefined {
  const dirs = filePath.split(/[\\/]/).slice(0, -1);
  const reached = dirs[dirs.length - level];
  if (!reached || !/^[A-Za-z_]\w*$/.test(reached)) return undefined;
  return module ? `${reached}.${module}` : reached;
}

function buildModel(file: SourceFile): PythonModel {
  return { imports: importsOf(file), assigns: lazyLookup((key) => assignmentsOf(file, key)) };
}

export function pythonModel(file: SourceFile): PythonModel {
  return file.memo('python.model', () => buildModel(file));
}

const STATEMENT_CONTAINERS = new Set(['block', 'module']);

/**
 * For each occurrence of one of the literals (a whole word when it is one, `**` as is), the innermost
 * node of the given types around it, within its statement; deduplicated, in document order. They are found from the literals' places in the text up
 * to their statement, so a detector that needs only such nodes (calls with a `verify=` argument,
 * assignments to `.check_hostname`) pays for those places instead of a walk of the whole tree.
 */
export function nodesAround(file: SourceFile, literals: readonly string[], types: readonly string[]): Node[] {
  return file.memo(`python.nodesAround:${literals.join(',')}:${types.join(',')}`, () => {
    const tree = file.tree;
    if (!tree) return [];
    const indexed = types.length === 1 ? indexedAround(file, types[0]) : undefined;
    if (indexed)
      return nodesAroundIndexed(file.text, literals, indexed.index, indexed.blocks, (w) => occurrences(file, w));
    return nodesAroundIn(tree, file.text, literals, types, STATEMENT_CONTAINERS);
  });
}

/** Whole-word occurrences of a word in the file's text, from one pass over the text per file. */
export function occurrences(file: SourceFile, word: string): number[] {
  if (!/^[\w$]+$/.test(word)) return file.memo(`python.occurrences:${word}`, () => wordOccurrences(file.text, word));
  return file.memo('python.words', () => new WordIndex(file.text)).get(word);
}

/** Expression and simple-statement types: they never hold a block, so `nodesAroundIndexed` applies. */
const NO_BLOCK = new Set(['call', 'assignment', 'keyword_argument', 'attribute', 'augmented_assignment']);

/**
 * The interval indexes of a node type and of blocks, for `nodesAround` without climbing the tree;
 * undefined for a type that may hold a block.
 */
function indexedAround(file: SourceFile, type: string): { index: Intervals; blocks: Intervals } | undefined {
  if (!NO_BLOCK.has(type)) return undefined;
  return file.memo(`python.intervals:${type}`, () => ({
    index: new Intervals(file.nodes(type)),
    blocks: file.memo('python.intervals:block', () => new Intervals(file.nodes('block'))),
  }));
}

/** Each whole-word occurrence of `word` with the innermost assignment around it within its statement. */
function assignmentsAround(file: SourceFile, root: Node, word: string): { at: number; node: Node }[] {
  return file.memo(`python.assignmentsAround:${word}`, () => {
    const out: { at: number; node: Node }[] = [];
    const indexed = indexedAround(file, 'assignment');
    for (const at of occurrences(file, word)) {
      if (indexed) {
        const { index, blocks } = indexed;
        const i = index.innermost(at, at + word.length);
        if (i < 0) continue;
        if (containerBetween(index, i, blocks, at, at + word.length)) continue;
        out.push({ at, node: index.nodes[i] });
        continue;
      }
      let n: Node | null = root.descendantForIndex(at, at + word.length);
      while (n && n.type !== 'assignment' && !STATEMENT_CONTAINERS.has(n.type)) n = n.parent;
      if (n?.type === 'assignment') out.push({ at, node: n });
    }
    return out;
  });
}

/**
 * The calls whose callee may resolve to a name ending in one of the members (`wrap_socket` for
 * `ssl.wrap_socket` and `ctx.wrap_socket`): written with the member's name, with a local name an
 * import binds to it, or with a name assigned from an expression that mentions one of those (followed
 * through further assignments). A superset of the calls `qualifiedName`/`sslName` resolves to those
 * members, found from the names' places in the text instead of a walk over every call of the file.
 */
export function callsNamed(file: SourceFile, members: readonly string[]): Node[] {
  return file.memo(`python.callsNamed:${members.join(',')}`, () => {
    const root = file.tree?.rootNode;
    if (!root) return [];
    const names = new Set(members);
    for (const [local, full] of pythonModel(file).imports)
      if (names.has(full.slice(full.lastIndexOf('.') + 1))) names.add(local);
    // `w = ssl.wrap_socket` (or `self.w = ...`): calls through `w` count too.
    let frontier = [...names];
    for (let round = 0; frontier.length > 0 && round < 8; round++) {
      const next: string[] = [];
      for (const word of frontier) {
        for (const n of assignmentsAround(file, root, word)) {
          const at = n.at;
          const right = n.node.childForFieldName('right');
          if (!right || at < right.startIndex || at >= right.endIndex) continue;
          const target = dotted(n.node.childForFieldName('left'));
          const last = target?.slice(target.lastIndexOf('.') + 1);
          if (last && !names.has(last)) {
            names.add(last);
            next.push(last);
          }
        }
      }
      frontier = next;
    }
    return nodesAround(file, [...names], ['call']);
  });
}

/**
 * The fully qualified name an expression refers to: `s.wrap_socket` with `import ssl as s` gives
 * `ssl.wrap_socket`; a call gives its callee's name plus `()` (`requests.Session()`), so a variable
 * assigned once from a call resolves to what it holds. Unknown names give undefined.
 */
export function qualifiedName(file: SourceFile, node: Node | null | undefined, depth = 0): string | undefined {
  if (!node || depth > 8) return undefined;
  if (depth === 0) {
    // Detectors resolve the same callees again and again: memoized per node (at the top level only,
    // where the depth cut-off cannot make one result differ from another).
    const memo = file.memo('python.qualifiedName', () => new Map<number, string | null>());
    const known = memo.get(node.id);
    if (known !== undefined) return known ?? undefined;
    const result = resolveName(file, node, 0);
    memo.set(node.id, result ?? null);
    return result;
  }
  return resolveName(file, node, depth);
}

function resolveName(file: SourceFile, node: Node, depth: number): string | undefined {
  const model = pythonModel(file);
  switch (node.type) {
    case 'identifier': {
      const imported = model.imports.get(node.text);
      if (imported) return imported;
      const assigned = model.assigns.get(node.text);
      if (assigned && assigned.length === 1 && assigned[0].startIndex !== node.startIndex)
        return qualifiedName(file, assigned[0], depth + 1);
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
      const got = getattrParts(file, node);
      if (got) {
        const obj = qualifiedName(file, got.object, depth + 1);
        return obj ? `${obj}.${got.name}` : undefined;
      }
      const callee = qualifiedName(file, node.childForFieldName('function'), depth + 1);
      return callee ? `${callee}()` : undefined;
    }
    case 'parenthesized_expression':
      return qualifiedName(file, node.namedChildren[0], depth + 1);
    default:
      return undefined;
  }
}

/**
 * `getattr(obj, "NAME")` or `getattr(obj, "NAME", default)` with a literal name: the object and the name,
 * so the call reads as `obj.NAME` (`getattr(ssl, "PROTOCOL_TLSv1", None)` is `ssl.PROTOCOL_TLSv1`).
 */
export function getattrParts(file: SourceFile, call: Node): { object: Node; name: string } | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'identifier' || fn.text !== 'getattr') return undefined;
  const model = pythonModel(file);
  if (model.imports.has('getattr') || model.assigns.has('getattr')) return undefined;
  const { positional, keywords, hasSplat } = callArgs(call);
  if (hasSplat || keywords.size > 0 || positional.length < 2 || positional.length > 3) return undefined;
  const lit = positional[1];
  if (lit.type !== 'string') return undefined;
  const name = stringValue(file, lit);
  return name && /^[A-Za-z_]\w*$/.test(name) ? { object: positional[0], name } : undefined;
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

/**
 * The arguments of calls already read, by node object: most detectors walk the same `nodes('call')` list
 * of a file, so each call's arguments cross from the parser once per lint, not once per detector. Dropped
 * with the nodes (a WeakMap); callers never modify what it holds.
 */
const argsOf = new WeakMap<Node, CallArgs>();

export function callArgs(call: Node): CallArgs {
  let known = argsOf.get(call);
  if (!known) argsOf.set(call, (known = readCallArgs(call)));
  return known;
}

function readCallArgs(call: Node): CallArgs {
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

/** A constant's value through one level of same-file assignment (`V = False; f(verify=V)`), or from another module. */
export function constantOf(file: SourceFile, node: Node | null | undefined, depth = 0): Node | undefined {
  if (!node || depth > 8) return undefined;
  if (node.type === 'identifier') {
    const assigned = pythonModel(file).assigns.get(node.text);
    if (assigned && assigned.length === 1) return constantOf(file, assigned[0], depth + 1);
    if (!assigned) {
      const imported = importedValue(file, node);
      if (imported) return constantOf(file, imported, depth + 1);
    }
    return node;
  }
  if (node.type === 'attribute') {
    const imported = importedValue(file, node);
    if (imported) return constantOf(file, imported, depth + 1);
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

export { matchesApi } from '../text';

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

/**
 * Whether a value is a constant Python treats as false, other than None (which APIs such as
 * requests read as "use the default"): `False`, `0`, `0.0`, `0j`, `''`, `b''`, `[]`, `{}`, `()`,
 * `set()` and the other empty constructors.
 */
export function isFalsy(file: SourceFile, node: Node | null | undefined): boolean {
  const v = constantOf(file, node);
  if (!v) return false;
  switch (v.type) {
    case 'false':
      return true;
    case 'integer':
    case 'float': {
      const n = Number(v.text.replace(/_/g, '').replace(/[jJ]$/, ''));
      return n === 0;
    }
    case 'string':
    case 'concatenated_string':
      return stringValue(file, v) === '';
    case 'list':
    case 'dictionary':
    case 'tuple':
      return v.namedChildren.filter((c) => c && c.type !== 'comment').length === 0;
    case 'call': {
      const fn = v.childForFieldName('function');
      const args = v.childForFieldName('arguments');
      const empty = !!args && args.namedChildren.filter((c) => c && c.type !== 'comment').length === 0;
      return (
        empty &&
        fn?.type === 'identifier' &&
        ['set', 'list', 'dict', 'tuple', 'str', 'bytes', 'frozenset', 'bool'].includes(fn.text) &&
        !pythonModel(file).imports.has(fn.text)
      );
    }
    default:
      return false;
  }
}

/**
 * How to write a fully qualified name (`OpenSSL.SSL.TLS_METHOD`) with the file's own imports
 * (`SSL.TLS_METHOD` after `from OpenSSL import SSL`), or undefined when nothing imported reaches it.
 */
export function spellingOf(file: SourceFile, qualified: string): string | undefined {
  let best: string | undefined;
  for (const [local, full] of pythonModel(file).imports) {
    let candidate: string | undefined;
    if (qualified === full) candidate = local;
    else if (qualified.startsWith(full + '.')) candidate = local + qualified.slice(full.length);
    if (candidate && (!best || candidate.length < best.length)) best = candidate;
  }
  return best;
}

/** Strips a vendoring prefix: `requests.packages.urllib3.x` and `pip._vendor.urllib3.x` give `urllib3.x`. */
export function unvendoredName(name: string | undefined): string | undefined {
  if (!name) return name;
  return name
    .replace(/^pip\._vendor\./, '')
    .replace(/^(?:requests\.packages|botocore\.vendored\.requests\.packages|requests)\.urllib3\b/, 'urllib3')
    .replace(/^botocore\.vendored\.requests\b/, 'requests');
}

/**
 * The edit that deletes a simple statement (an `expression_statement`, say) and leaves valid code:
 * the statement alone on its line(s) loses its whole line (a trailing comment stays); the only
 * statement of a block becomes `pass`. Undefined when neither holds (e.g. `a(); b()` on one line).
 */
export function removeStatementEdit(
  file: SourceFile,
  stmt: Node,
): { start: number; end: number; newText: string } | undefined {
  const parent = stmt.parent;
  if (!parent || (parent.type !== 'block' && parent.type !== 'module')) return undefined;
  const siblings = parent.namedChildren.filter((c) => c && c.type !== 'comment');
  if (parent.type === 'block' && siblings.length === 1)
    return { start: stmt.startIndex, end: stmt.endIndex, newText: 'pass' };
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  if (text.slice(lineStart, stmt.startIndex).trim() !== '') return undefined;
  let lineEnd = text.indexOf('\n', stmt.endIndex);
  if (lineEnd < 0) lineEnd = text.length;
  const rest = text.slice(stmt.endIndex, lineEnd);
  if (rest.trim() === '') return { start: lineStart, end: Math.min(lineEnd + 1, text.length), newText: '' };
  const hash = rest.indexOf('#');
  if (hash >= 0 && rest.slice(0, hash).trim() === '')
    return { start: stmt.startIndex, end: stmt.endIndex + hash, newText: '' };
  return undefined;
}

/** The dotted text of an identifier or attribute chain (`self.ctx`), or undefined for anything else. */
export function dottedText(node: Node | null | undefined): string | undefined {
  return dotted(node ?? null);
}

/** The local name bound to a whole module (`import ssl` gives `ssl`, `import ssl as s` gives `s`). */
export function moduleAlias(file: SourceFile, module: string): string | undefined {
  for (const [local, full] of pythonModel(file).imports) if (full === module && !local.includes('.')) return local;
  return undefined;
}

/** The modules imported with `from <module> import *`. */
export function starImports(file: SourceFile): Set<string> {
  return file.memo('python.starImports', () => {
    const out = new Set<string>();
    if (!/import[\s\\]*\*/.test(file.text)) return out;
    for (const node of file.nodes('import_from_statement')) {
      if (!node.namedChildren.some((c) => c?.type === 'wildcard_import')) continue;
      const mod = dotted(node.childForFieldName('module_name'));
      if (mod) out.add(mod);
    }
    return out;
  });
}

/** The statement (a child of a block or the module) that contains the node. */
export function enclosingStatement(node: Node): Node | undefined {
  let n: Node | null = node;
  while (n && n.parent && n.parent.type !== 'block' && n.parent.type !== 'module') n = n.parent;
  return n?.parent ? n : undefined;
}

export { indentAt } from '../text';

/**
 * An edit inserting `import <module>` on its own line, after any `from __future__` imports, else before the
 * first top-level import (else at the top of the file). The caller checks `moduleAlias` first.
 */
export function addImportEdit(file: SourceFile, module: string): { start: number; end: number; newText: string } {
  const root = file.tree?.rootNode;
  let at = 0;
  if (root) {
    const tops = root.namedChildren.filter(
      (c): c is Node =>
        !!c &&
        (c.type === 'import_statement' || c.type === 'import_from_statement' || c.type === 'future_import_statement'),
    );
    const future = tops.filter(
      (c) => c.type === 'future_import_statement' || dotted(c.childForFieldName('module_name')) === '__future__',
    );
    if (future.length > 0) {
      const last = future[future.length - 1];
      const nl = file.text.indexOf('\n', last.endIndex);
      at = nl < 0 ? file.text.length : nl + 1;
      if (nl < 0) return { start: at, end: at, newText: `\nimport ${module}\n` };
    } else if (tops.length > 0) {
      at = file.text.lastIndexOf('\n', tops[0].startIndex - 1) + 1;
    }
  }
  return { start: at, end: at, newText: `import ${module}\n` };
}

// --- Helpers for the standard library's ssl module (shared by the ssl and the library detectors). ---

/** `ssl.VerifyMode.CERT_NONE` and friends name the same constants as `ssl.CERT_NONE`. */
function normalizeSslName(name: string | undefined): string | undefined {
  return unvendoredName(name)
    ?.replace(/^_?ssl\.(?:VerifyMode|_SSLMethod|Options|VerifyFlags)\./, 'ssl.')
    .replace(/^_ssl\./, 'ssl.')
    .replace(SSL_REEXPORTS, 'ssl.$1');
}

/**
 * Modules that re-export the ssl module's constants and context class under the same names (urllib3's
 * `util.ssl_`, whose `PROTOCOL_SSLv23`, `SSLContext` and `CERT_NONE` are ssl's own).
 */
const SSL_REEXPORTS = /^urllib3\.util(?:\.ssl_)?\.((?:PROTOCOL|CERT|OP)_\w+|SSLContext)$/;

/**
 * `qualifiedName`, also for bare names brought in by `from ssl import *` (any unresolved bare name is then
 * taken as `ssl.<name>`; callers match specific names), with the ssl enum spellings normalized.
 */
export function sslName(file: SourceFile, node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const q = qualifiedName(file, node);
  if (q) return normalizeSslName(q);
  if (node.type === 'identifier' && starImports(file).has('ssl') && !pythonModel(file).assigns.has(node.text))
    return `ssl.${node.text}`;
  if (node.type === 'call') {
    const callee = sslName(file, node.childForFieldName('function'));
    return callee ? `${callee}()` : undefined;
  }
  if (node.type === 'attribute' && starImports(file).has('ssl')) {
    const obj = sslName(file, node.childForFieldName('object'));
    return obj ? `${obj}.${node.childForFieldName('attribute')!.text}` : undefined;
  }
  return undefined;
}

/**
 * The qualified name a node denotes by itself, not through a variable: `ssl.PROTOCOL_TLSv1`,
 * `P` after `from ssl import PROTOCOL_TLSv1 as P`, but not `PROTO` after `PROTO = ssl.PROTOCOL_TLSv1`.
 */
export function directSslName(file: SourceFile, node: Node): string | undefined {
  if (node.type === 'call') {
    const got = getattrParts(file, node);
    const base = got && (got.object.type === 'identifier' ? pythonModel(file).imports.get(got.object.text) : undefined);
    return base ? normalizeSslName(`${base}.${got.name}`) : undefined;
  }
  if (node.type === 'identifier') {
    const imported = pythonModel(file).imports.get(node.text);
    if (imported) return normalizeSslName(imported);
    if (starImports(file).has('ssl') && !pythonModel(file).assigns.has(node.text)) return `ssl.${node.text}`;
    return undefined;
  }
  if (node.type === 'attribute') {
    const obj = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute');
    if (!obj || !attr) return undefined;
    const base =
      obj.type === 'identifier'
        ? pythonModel(file).imports.get(obj.text)
        : obj.type === 'attribute'
          ? directSslName(file, obj)
          : undefined;
    return base ? normalizeSslName(`${base}.${attr.text}`) : undefined;
  }
  return undefined;
}

/** The calls that make an `ssl.SSLContext`. */
export const SSL_CONTEXT_FACTORIES = [
  'ssl.SSLContext',
  'ssl.create_default_context',
  'ssl._create_unverified_context',
  'ssl._create_stdlib_context',
  'ssl._create_default_https_context',
];

/** The factory call that made the context an expression holds (through single assignments), if known. */
export function sslContextCall(
  file: SourceFile,
  node: Node | null | undefined,
): { call: Node; factory: string } | undefined {
  const v = scopedValueOf(file, node);
  if (v?.type !== 'call') return undefined;
  const factory = sslName(file, v.childForFieldName('function'));
  return factory && SSL_CONTEXT_FACTORIES.includes(factory) ? { call: v, factory } : undefined;
}

/**
 * Whether a context factory call makes a server-side context: `SSLContext(PROTOCOL_TLS_SERVER)` or
 * `create_default_context(Purpose.CLIENT_AUTH)` (whose defaults, no client certificate and no host name
 * check, are the right ones for a server).
 */
export function isServerContextCall(file: SourceFile, call: Node, factory: string): boolean {
  const { positional, keywords } = callArgs(call);
  if (factory === 'ssl.SSLContext') {
    const p = positional[0] ?? kwValue(keywords.get('protocol'));
    return (
      sslName(file, constantOf(file, p) ?? null) === 'ssl.PROTOCOL_TLS_SERVER' ||
      sslName(file, p) === 'ssl.PROTOCOL_TLS_SERVER'
    );
  }
  if (factory === 'ssl.create_default_context' || factory === 'ssl._create_unverified_context') {
    const p =
      factory === 'ssl.create_default_context'
        ? (positional[0] ?? kwValue(keywords.get('purpose')))
        : kwValue(keywords.get('purpose'));
    return sslName(file, p) === 'ssl.Purpose.CLIENT_AUTH';
  }
  return false;
}

/**
 * An edit that makes `node` (a spelling of one ssl constant, e.g. `ssl.CERT_NONE`, `CERT_NONE`,
 * `s.VerifyMode.CERT_NONE`) name another member `to` of the same family, keeping the spelling:
 * the last dotted part is swapped. A node of another shape (a variable) is replaced whole by the file's
 * own spelling of `ssl.<to>` (plain `ssl.<to>` when nothing imported reaches it).
 */
export function swapSslConstantEdit(
  file: SourceFile,
  node: Node,
  to: string,
): { start: number; end: number; newText: string } {
  if (node.type === 'attribute') {
    const attr = node.childForFieldName('attribute')!;
    return { start: attr.startIndex, end: attr.endIndex, newText: to };
  }
  if (node.type === 'identifier' && pythonModel(file).imports.get(node.text)?.startsWith('ssl.')) {
    const full = pythonModel(file).imports.get(node.text)!;
    const spelled = spellingOf(file, full.slice(0, full.lastIndexOf('.') + 1) + to) ?? spellingOf(file, `ssl.${to}`);
    if (spelled) return { start: node.startIndex, end: node.endIndex, newText: spelled };
  }
  if (node.type === 'identifier' && starImports(file).has('ssl') && !pythonModel(file).imports.has(node.text)) {
    return { start: node.startIndex, end: node.endIndex, newText: to };
  }
  return { start: node.startIndex, end: node.endIndex, newText: spellingOf(file, `ssl.${to}`) ?? `ssl.${to}` };
}

/**
 * Whether the context held by `target` (`ctx`, `self.ctx`) has CA certificates to verify against:
 * made by `ssl.create_default_context()` for servers' certificates, or given some with
 * `load_verify_locations`, `load_default_certs` or `set_default_verify_paths` anywhere in the file.
 */
export function sslContextHasTrustStore(file: SourceFile, target: Node): boolean {
  const info = sslContextCall(file, target);
  if (info && info.factory === 'ssl.create_default_context' && !isServerContextCall(file, info.call, info.factory))
    return true;
  const key = dotted(target);
  if (!key) return false;
  const range = rangeOf(scopeFor(target, key, file));
  return methodCallsOn(file, key).some(
    ({ method, call }) =>
      (method === 'load_verify_locations' ||
        method === 'load_default_certs' ||
        method === 'set_default_verify_paths') &&
      inRange(range, call),
  );
}

function scopeOf(node: Node): Node | null {
  let p = node.parent;
  while (p && p.type !== 'function_definition' && p.type !== 'lambda' && p.type !== 'module') p = p.parent;
  return p;
}

/** The assignment value that reaches `use` among several: the last one before it in its own scope, else at module level. */
function reachingValue(values: Node[], use: Node): Node | undefined {
  const scope = scopeOf(use);
  const before = (v: Node) => v.startIndex < use.startIndex;
  const local = values.filter((v) => before(v) && scopeOf(v)?.id === scope?.id);
  if (local.length) return local[local.length - 1];
  const global = values.filter((v) => scopeOf(v)?.type === 'module');
  if (scope?.type !== 'module' && global.length) return global[global.length - 1];
  return undefined;
}

/**
 * Like `qualifiedName`, but a name assigned more than once resolves to the assignment that reaches
 * this use (the last one before it in the same function, else the module's), and when every
 * assignment gives the same name, to that name. So `s = requests.Session()` in two functions still
 * makes `s.get` a Session method.
 */
export function qualifiedNameAt(file: SourceFile, node: Node | null | undefined, depth = 0): string | undefined {
  if (!node || depth > 8) return undefined;
  // Memoized per node: several assignments fan out, and without it the search is exponential on real files.
  const memo = file.memo('python.qualifiedNameAt', () => new Map<number, string | null>());
  const known = memo.get(node.id);
  if (known !== undefined) return known ?? undefined;
  memo.set(node.id, null); // in progress: a cycle (`a = b; b = a`) resolves to nothing
  const result = resolveNameAt(file, node, depth);
  memo.set(node.id, result ?? null);
  return result;
}

function resolveNameAt(file: SourceFile, node: Node, depth: number): string | undefined {
  const direct = qualifiedName(file, node);
  if (direct) return direct;
  const model = pythonModel(file);
  switch (node.type) {
    case 'identifier':
    case 'attribute': {
      const key = dotted(node);
      const assigned = key ? model.assigns.get(key) : undefined;
      if (assigned && assigned.length > 1) {
        const names = new Set(assigned.map((v) => qualifiedNameAt(file, v, depth + 1)));
        if (names.size === 1) {
          const only = [...names][0];
          if (only) return only;
        }
        const reaching = reachingValue(assigned, node);
        if (reaching) return qualifiedNameAt(file, reaching, depth + 1);
      }
      if (node.type === 'attribute' && !(assigned && assigned.length)) {
        const obj = qualifiedNameAt(file, node.childForFieldName('object'), depth + 1);
        const attr = node.childForFieldName('attribute');
        return obj && attr ? `${obj}.${attr.text}` : undefined;
      }
      return undefined;
    }
    case 'call': {
      const callee = qualifiedNameAt(file, node.childForFieldName('function'), depth + 1);
      return callee ? `${callee}()` : undefined;
    }
    case 'parenthesized_expression':
      return qualifiedNameAt(file, node.namedChildren[0], depth + 1);
    default:
      return undefined;
  }
}

/** `calleeName` through `qualifiedNameAt`. */
export function calleeNameAt(file: SourceFile, call: Node): string | undefined {
  return qualifiedNameAt(file, call.childForFieldName('function'));
}

/** `removeArgumentRange` as an edit, taking the whole line when the argument stood alone on it. */
export function removeArgumentEdit(file: SourceFile, arg: Node): { start: number; end: number; newText: string } {
  const range = removeArgumentRange(arg);
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  let lineEnd = text.indexOf('\n', range.end);
  if (lineEnd < 0) lineEnd = text.length;
  if (
    text.slice(lineStart, range.start).trim() === '' &&
    text.slice(range.end, lineEnd).trim() === '' &&
    lineEnd < text.length
  ) {
    return { start: lineStart, end: lineEnd + 1, newText: '' };
  }
  return { ...range, newText: '' };
}

/**
 * The scope a name lives in, seen from a node: the enclosing class for `self.x`/`cls.x`, else the enclosing
 * function, else the module.
 */
export function scopeFor(node: Node, key: string, file?: SourceFile): Node {
  const want = /^(self|cls)\./.test(key) ? 'class_definition' : 'function_definition';
  if (file) {
    // From the file's definitions as nested intervals: climbing Node.parent costs O(depth x siblings).
    const defs = file.memo(`python.intervals:${want}`, () => new Intervals(file.nodes(want)));
    const start = node.startIndex;
    const end = node.endIndex;
    let i = defs.innermost(start, end);
    // A definition with the node's own range is the node itself (or below a one-statement block): further out.
    while (i >= 0 && defs.start(i) === start && defs.end(i) === end) i = defs.parentOf(i);
    return i >= 0 ? defs.nodes[i] : node.tree.rootNode;
  }
  for (let n: Node | null = node.parent; n; n = n.parent) if (n.type === want) return n;
  return node.tree.rootNode;
}

/** Whether `inner` lies inside `outer`. */
export function isWithin(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/**
 * The value a name holds, where it is assigned in several functions (`ctx = ...` in each): the single
 * assignment in the node's own scope, else the single one at module level; the node itself otherwise.
 */
export function scopedValueOf(file: SourceFile, node: Node | null | undefined, depth = 0): Node | undefined {
  if (!node || depth > 8) return node ?? undefined;
  if (node.type === 'parenthesized_expression' && node.namedChildren[0])
    return scopedValueOf(file, node.namedChildren[0], depth + 1);
  if (node.type !== 'identifier' && node.type !== 'attribute') return node;
  const key = dotted(node);
  const assigned = (key ? pythonModel(file).assigns.get(key) : undefined)?.filter(
    (a) => a.startIndex !== node.startIndex,
  );
  if (!key || !assigned || assigned.length === 0) return importedValue(file, node) ?? node;
  if (assigned.length === 1) return scopedValueOf(file, assigned[0], depth + 1);
  const scope = scopeFor(node, key, file);
  const range = rangeOf(scope);
  const local = scope.parent
    ? assigned.filter((a) => inRange(range, a)).filter((a) => scopeFor(a, key, file).id === scope.id)
    : [];
  if (local.length === 1) return scopedValueOf(file, local[0], depth + 1);
  if (local.length > 1) return node;
  const top = assigned.filter((a) => !scopeFor(a, key, file).parent);
  return top.length === 1 ? scopedValueOf(file, top[0], depth + 1) : node;
}

/**
 * When `name` (an identifier) is a parameter of its enclosing function and is not reassigned there, the
 * values it can take from this file: its default and the matching argument of every call to the function
 * by its plain name (`make_get(False)`, `make_get(url, verify=False)`). Empty otherwise.
 */
export function parameterValues(file: SourceFile, name: Node): Node[] {
  if (name.type !== 'identifier') return [];
  let fn: Node | null = name.parent;
  while (fn && fn.type !== 'function_definition' && fn.type !== 'lambda') fn = fn.parent;
  if (!fn || fn.type !== 'function_definition') return [];
  const params = fn.childForFieldName('parameters')?.namedChildren.filter((p): p is Node => !!p) ?? [];
  let index = -1;
  let byPosition = true;
  let defaultValue: Node | undefined;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p.type === 'list_splat_pattern' || p.type === 'keyword_separator') byPosition = false;
    const id = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren[0]);
    if (
      id?.type === 'identifier' &&
      id.text === name.text &&
      p.type !== 'list_splat_pattern' &&
      p.type !== 'dictionary_splat_pattern'
    ) {
      index = byPosition ? i : -1;
      defaultValue = p.childForFieldName('value') ?? undefined;
      break;
    }
    if (i === params.length - 1) return [];
  }
  if (params.length === 0) return [];
  const body = fn.childForFieldName('body');
  const reassigned = (pythonModel(file).assigns.get(name.text) ?? []).some((v) => body && isWithin(body, v));
  if (reassigned) return [];
  // A caller's argument is not a value here: engine/calls reports the call site, probing this parameter.
  const probe = file.probe;
  if (probe && fn.childForFieldName('name')?.text === probe.function && atModuleLevel(fn)) {
    if (probe.param === name.text || (probe.index !== undefined && probe.index === index)) {
      const node = file.workspace?.probeNode(probe.text, name);
      return node ? [node] : [];
    }
  }
  return defaultValue ? [defaultValue] : [];
}

/** Whether a function is defined at module level (decorated or not). */
function atModuleLevel(fn: Node): boolean {
  const parent = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  return parent?.type === 'module';
}

/** The method calls on a dotted object (`ctx.wrap_socket(...)` for `ctx`), found from the places of its last name. */
export function methodCallsOn(file: SourceFile, key: string): { method: string; call: Node }[] {
  return file.memo(`python.methodCallsOn:${key}`, () => {
    const tree = file.tree;
    const out: { method: string; call: Node }[] = [];
    if (!tree) return out;
    const last = key.slice(key.lastIndexOf('.') + 1);
    for (let obj of leavesNamed(tree, file.text, last, 'identifier')) {
      while (obj.parent?.type === 'attribute' && obj.parent.childForFieldName('attribute')?.id === obj.id)
        obj = obj.parent;
      const fn: Node | null = obj.parent;
      if (fn?.type !== 'attribute' || fn.childForFieldName('object')?.id !== obj.id) continue;
      const call = fn.parent;
      if (call?.type !== 'call' || call.childForFieldName('function')?.id !== fn.id || dotted(obj) !== key) continue;
      const method = fn.childForFieldName('attribute')?.text;
      if (method) out.push({ method, call });
    }
    return out;
  });
}

/** The `assignment` nodes whose target is the dotted name (`ctx.verify_mode`), built once per file. */
export function assignmentsTo(file: SourceFile, key: string): Node[] {
  const index = file.memo('python.assignmentsTo', () => {
    const out = new Map<string, Node[]>();
    for (const asg of file.nodes('assignment')) {
      const k = dotted(asg.childForFieldName('left'));
      if (!k) continue;
      const list = out.get(k) ?? [];
      list.push(asg);
      out.set(k, list);
    }
    return out;
  });
  return index.get(key) ?? [];
}

/** A node's [start, end) offsets, read once (`endIndex` costs a call into the parser). */
export function rangeOf(node: Node): [number, number] {
  return [node.startIndex, node.endIndex];
}

/** Whether a node starts inside a range from `rangeOf` (nodes nest, so its start decides). */
export function inRange(range: [number, number], node: Node): boolean {
  return node.startIndex >= range[0] && node.startIndex < range[1];
}

// --- Intent: where a constant is only named, not configured. ---

/** Test-input decorators and calls whose arguments are tables of inputs: pytest's `parametrize`, `pytest.param`, fixture `params=`. */
function isTestTableCall(call: Node): boolean {
  const fn = call.childForFieldName('function');
  const text = fn ? (dotted(fn) ?? '') : '';
  const last = text.slice(text.lastIndexOf('.') + 1);
  if (last === 'parametrize' || text === 'pytest.param' || text === 'param') return true;
  return last === 'fixture' && callArgs(call).keywords.has('params');
}

/** Whether a name is passed to a test-table call (`parametrize(..., NAME)`) somewhere in the file. */
function isTestTableName(file: SourceFile, name: string): boolean {
  return file.memo(`python.testTableName:${name}`, () =>
    nodesAround(file, [name], ['call']).some(
      (call) =>
        isTestTableCall(call) &&
        (call.childForFieldName('arguments')?.namedChildren ?? []).some(
          (a) => a?.type === 'identifier' && a.text === name,
        ),
    ),
  );
}

/**
 * Whether a setting sits where a certificate fingerprint is pinned instead: under an `if` that tests a
 * fingerprint option, or in a block that also passes `assert_fingerprint` (urllib3 then checks the
 * fingerprint, not the chain or the name).
 */
export function pinnedByFingerprint(node: Node): boolean {
  let child = node;
  let firstBlock = true;
  for (let n: Node | null = node.parent; n; child = n, n = n.parent) {
    if (
      (n.type === 'if_statement' || n.type === 'elif_clause') &&
      n.childForFieldName('consequence')?.id === child.id &&
      /fingerprint/i.test(n.childForFieldName('condition')?.text ?? '')
    )
      return true;
    if (n.type === 'block' && firstBlock) {
      firstBlock = false;
      // A simple statement beside it that sets `assert_fingerprint` (`kw["assert_fingerprint"] = fp`).
      const sets = n.namedChildren.some(
        (st) => st?.type === 'expression_statement' && /\bassert_fingerprint\b/.test(st.text),
      );
      if (sets) return true;
    }
    if (n.type === 'function_definition' || n.type === 'class_definition') return false;
  }
  return false;
}

/**
 * Whether a call's result is only looked at by assertions: `ctx = make(verify=False)` followed, in its
 * function, only by `assert ctx...` lines. It is the input of a function under test, not a connection.
 */
export function resultOnlyAsserted(call: Node): boolean {
  const asg = call.parent;
  const target =
    asg?.type === 'assignment' && asg.childForFieldName('right')?.id === call.id ? asg.childForFieldName('left') : null;
  if (target?.type !== 'identifier') return false;
  let fn: Node | null = asg!.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  const body = fn;
  const uses = body
    .descendantsOfType('identifier')
    .filter((id): id is Node => !!id && id.text === target.text && id.id !== target.id);
  return (
    uses.length > 0 &&
    uses.every((id) => {
      for (let n: Node | null = id.parent; n && n.id !== body.id; n = n.parent)
        if (n.type === 'assert_statement') return true;
      return false;
    })
  );
}

/** Whether a name matches a module constant's spelling (`PROTOCOL_SSLv23`, `CERT_NONE`): an alias definition. */
const CONSTANT_NAME = /^_?(?:PROTOCOL|CERT|OP|TLS|SSL|VERIFY)_\w+$/;

/**
 * Whether a constant (an `ssl.PROTOCOL_TLSv1`, a `False`) sits where it is only named, not configured:
 * - in a table of test inputs (`@pytest.mark.parametrize(...)`, `pytest.param(...)`, fixture `params=`);
 * - as a key of a translation table (`{ssl.PROTOCOL_TLSv1: SSL.TLSv1_METHOD}`, `table[ssl.CERT_NONE] = ...`);
 * - as a compatibility alias (`PROTOCOL_SSLv23 = PROTOCOL_TLS`);
 * - in an assertion (`assert x == ...`, `self.assertEqual(x, ...)`, `assert_called_with(...)`).
 */
export function isNamedNotConfigured(node: Node, file?: SourceFile): boolean {
  let child = node;
  for (let n: Node | null = node.parent; n; child = n, n = n.parent) {
    switch (n.type) {
      case 'pair':
        if (n.childForFieldName('key')?.id === child.id) return true;
        break;
      case 'subscript':
        if (n.childForFieldName('value')?.id !== child.id) {
          // The index of a subscript that is assigned to: a table entry's key.
          const asg = n.parent;
          if (asg?.type === 'assignment' && asg.childForFieldName('left')?.id === n.id) return true;
        }
        break;
      case 'assignment': {
        const left = n.childForFieldName('left');
        if (n.childForFieldName('right')?.id !== child.id || left?.type !== 'identifier') break;
        if (CONSTANT_NAME.test(left.text)) return true;
        // `CASES = [(url, ssl.PROTOCOL_TLSv1), ...]` later given to `@pytest.mark.parametrize("...", CASES)`.
        if (file && child.type === 'list' && isTestTableName(file, left.text)) return true;
        break;
      }
      case 'assert_statement':
        return true;
      case 'call': {
        if (isTestTableCall(n)) return true;
        const fn = n.childForFieldName('function');
        const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
        if (name && /^(?:assert|assert_)\w*$/.test(name) && name !== 'assert_hostname') return true;
        break;
      }
      case 'decorator':
        return false;
      case 'function_definition':
      case 'class_definition':
      case 'module':
        return false;
    }
  }
  return false;
}

/**
 * The values that may reach an expression, followed within the file to a bounded depth: through
 * parentheses, both branches of a conditional expression, every assignment to a local name in its
 * own function (or the module's, for a module-level name), a parameter's default and the matching
 * argument of calls to the function by name. The leaves are the expressions that are not followed
 * further (constants, calls, other names).
 */
export function valuesReaching(
  file: SourceFile,
  node: Node | null | undefined,
  depth = 0,
  seen = new Set<number>(),
): Node[] {
  if (!node || depth > 6 || seen.has(node.id)) return [];
  seen.add(node.id);
  switch (node.type) {
    case 'parenthesized_expression':
      return valuesReaching(file, node.namedChildren[0], depth + 1, seen);
    case 'conditional_expression': {
      // `a if cond else b`: the first and last named children are the two values.
      const kids = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      if (kids.length < 3) return [node];
      return [
        ...valuesReaching(file, kids[0], depth + 1, seen),
        ...valuesReaching(file, kids[kids.length - 1], depth + 1, seen),
      ];
    }
    case 'identifier':
    case 'attribute': {
      const key = dotted(node);
      if (!key) return [node];
      const assigned = (pythonModel(file).assigns.get(key) ?? []).filter((a) => a.startIndex !== node.startIndex);
      if (node.type === 'identifier') {
        const params = assigned.length === 0 ? parameterValues(file, node) : [];
        if (params.length) return params.flatMap((v) => valuesReaching(file, v, depth + 1, seen));
      }
      if (assigned.length === 0) return [importedValue(file, node) ?? node];
      const scope = scopeFor(node, key, file);
      const range = rangeOf(scope);
      let here = scope.parent
        ? assigned.filter((a) => inRange(range, a) && scopeFor(a, key, file).id === scope.id)
        : [];
      if (here.length === 0) here = assigned.filter((a) => !scopeFor(a, key, file).parent);
      if (here.length === 0) return [node];
      return here.flatMap((v) => valuesReaching(file, v, depth + 1, seen));
    }
    default:
      return [node];
  }
}

/** Where a value that flowed to a sink is reported: the assignment that holds it, else the value itself (a default, an argument). */
export function flowOrigin(value: Node): Node {
  const parent = value.parent;
  return parent?.type === 'assignment' && parent.childForFieldName('right')?.id === value.id ? parent : value;
}

// --- Across files (engine/workspace): constants another module of the project defines. ---

/** Where a local name comes from: `from <dots><module> import <name>` or `import <module> as <local>`. */
type ImportSource = Pick<ImportBinding, 'level' | 'module' | 'name' | 'statement'>;

export function importSources(file: SourceFile): Map<string, ImportSource> {
  return file.memo('python.importSources', () => {
    const out = new Map<string, ImportSource>();
    for (const b of importBindings(file)) {
      // Plain `import a.b` binds the top package, not a module of the project; `from m import a.b` is no binding.
      if (b.name === undefined ? !b.aliased : b.name.includes('.')) continue;
      out.set(b.local, b);
    }
    return out;
  });
}

export { pythonModuleCandidates };

/** Whether a name is bound in a function around the node (a parameter, a loop target): it shadows an import. */
export function shadowedLocally(node: Node): boolean {
  const name = node.text;
  for (let p: Node | null = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda') {
      const params = p.childForFieldName('parameters');
      for (const param of params?.namedChildren ?? []) {
        if (!param) continue;
        const id = param.type === 'identifier' ? param : (param.childForFieldName('name') ?? param.namedChildren[0]);
        if (id?.text === name) return true;
      }
    }
    if (p.type === 'for_statement' || p.type === 'for_in_clause') {
      const left = p.childForFieldName('left');
      if (left && new RegExp(`(^|\\W)${name}(\\W|$)`).test(left.text)) return true;
    }
  }
  return false;
}

/**
 * The value a name imported from another module of the project has there, as a node (engine/workspace):
 * `VERIFY_SSL` after `from .settings import VERIFY_SSL`, `settings.VERIFY_SSL` after `from . import settings`
 * or `import app.settings as settings`. Undefined when the name is bound here, the module is not in the
 * project, or its value is not a constant.
 */
export function importedValue(file: SourceFile, node: Node): Node | undefined {
  const view = file.workspace;
  if (!view) return undefined;
  let local: Node | null = node;
  let attr: string | undefined;
  if (node.type === 'attribute') {
    local = node.childForFieldName('object');
    attr = node.childForFieldName('attribute')?.text;
    if (local?.type !== 'identifier' || !attr) return undefined;
  } else if (node.type !== 'identifier') return undefined;
  const source = importSources(file).get(local.text);
  if (shadowedLocally(local)) return undefined;
  // A name bound in this file besides its import is not (only) the import's value.
  if (pythonModel(file).assigns.has(local.text)) return undefined;
  if (!source) {
    // `from .settings import *` then `VERIFY_SSL`: a name no statement here binds, from a star import.
    if (attr || starSources(file).length === 0 || definedHere(file, local.text)) return undefined;
    for (const star of starSources(file)) {
      const summary = view.module(pythonModuleCandidates(file.path, star.level, star.module));
      const found =
        summary?.language === 'python' && (summary.all ? summary.all.includes(local.text) : !local.text.startsWith('_'))
          ? view.constant(summary, local.text)
          : undefined;
      if (found) return view.valueNode(found.constant, found.summary, node);
    }
    return undefined;
  }
  let candidates: string[];
  let wanted: string;
  if (attr) {
    // `settings.X`: `settings` is a module (`from . import settings`, `import a.settings as settings`).
    const module = source.name ? (source.module ? `${source.module}.${source.name}` : source.name) : source.module;
    candidates = pythonModuleCandidates(file.path, source.level, module);
    wanted = attr;
  } else {
    if (!source.name) return undefined;
    candidates = pythonModuleCandidates(file.path, source.level, source.module);
    wanted = source.name;
  }
  if (candidates.length === 0) return undefined;
  const summary = view.module(candidates);
  // Through re-exports (`from .base import X` in the module, `__init__.py`, `from .base import *`).
  const found = summary?.language === 'python' ? view.constant(summary, wanted) : undefined;
  return found ? view.valueNode(found.constant, found.summary, node) : undefined;
}

/** The file's `from <module> import *` statements, in source order. */
function starSources(file: SourceFile): { level: number; module: string }[] {
  return file.memo('python.starSources', () => {
    const out: { level: number; module: string }[] = [];
    if (!/import[\s\\]*\*/.test(file.text)) return out;
    for (const node of file.nodes('import_from_statement')) {
      if (!node.namedChildren.some((c) => c?.type === 'wildcard_import')) continue;
      const source = node.childForFieldName('module_name');
      if (source?.type === 'dotted_name') out.push({ level: 0, module: source.text });
      else if (source?.type === 'relative_import') {
        const prefix = source.namedChildren.find((c) => c?.type === 'import_prefix')?.text ?? '';
        const module = source.namedChildren.find((c) => c?.type === 'dotted_name')?.text ?? '';
        out.push({ level: prefix.length, module });
      }
    }
    return out;
  });
}

/** Whether the file defines a name itself (a function, a class, a loop or `with` target, a global). */
function definedHere(file: SourceFile, name: string): boolean {
  return new RegExp(`(^|\\n)\\s*(def|class|async\\s+def)\\s+${name}\\b|\\b(for|as|global)\\s+${name}\\b`).test(
    file.text,
  );
}
