// The Python semantic model: one per file, in the spirit of ruff's `ruff_python_semantic`. It knows the
// file's imports (local name -> qualified name), its bindings (assignments, `with ... as`, parameters,
// attribute writes such as `self.ctx = ...`) and its scopes (module, class, function), and answers the
// one question a detector asks of a node: which qualified name (`nameOf`) or which value (`valueOf`,
// `valuesReaching`) reaches it. Detectors never resolve names themselves.
//
// It is built lazily, per name: the bindings of `ctx` are looked up the first time something asks about
// `ctx`, from the text's binding sites (below), so a lint pays for the names its detectors ask about,
// not for the file. Every binding it hands out is recorded against the top-level definition that holds
// it (`trackReads`), so an incremental lint knows which definitions an answer depended on.
import type { Node } from 'web-tree-sitter';
import { lazyLookup, type Lookup } from '../../lookup';
import { noteBound, unrecorded } from '../../reads';
import { Intervals } from '../../node-index';
import type { SourceFile } from '../../types';
import { pythonFollowImport, pythonModuleCandidates } from '../../module-paths';
import { callArgs, dotted, inRange, isWithin, literalString, rangeOf } from './syntax';

/** How `nameOf` resolves a name bound more than once, or not bound at all. */
export type NameQuery =
  /** A name bound exactly once (in the file) resolves through that binding; several: unknown. */
  | 'single'
  /**
   * A name bound several times resolves to the binding that reaches the use (the last one before it in
   * its function, else the module's), or to the name every binding gives.
   */
  | 'reaching'
  /** `single`, with the ssl module's spellings normalised and names from `from ssl import *` taken as ssl's. */
  | 'ssl'
  /** What the node names by itself, not through a variable (`P` after `from ssl import X as P`), ssl-normalised. */
  | 'direct';

/** How `valueOf` follows a name to the expression it holds. */
export type ValueQuery =
  /** A name bound exactly once in the file, or imported from another module of the project. */
  | 'constant'
  /** A name bound several times: the single binding in the node's own scope, else the module's single one. */
  | 'scoped';

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
  const out: Node[] = [];
  for (const b of bindingsEndingIn(file, last)) if (b.key === key) out.push(b.value);
  return out.length ? out : undefined;
}

/**
 * Every binding whose target's last name is `last` (`ctx`, `self.ctx` and `a.b.ctx` for `ctx`), read once
 * per name: the targets that share a last name share its binding sites.
 */
function bindingsEndingIn(file: SourceFile, last: string): { key: string; value: Node }[] {
  noteBound(last);
  return file.memo(`python.bindingsEndingIn:${last}`, () => {
    const sites = bindingSites(file).get(last);
    const root = file.tree?.rootNode;
    const out: { key: string; value: Node }[] = [];
    if (!sites || !root) return out;
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
      const key = value ? dotted(target) : undefined;
      if (value && key) out.push({ key, value });
    }
    return out;
  });
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

/** Strips a vendoring prefix: `requests.packages.urllib3.x` and `pip._vendor.urllib3.x` give `urllib3.x`. */
export function unvendoredName(name: string | undefined): string | undefined {
  if (!name) return name;
  return name
    .replace(/^pip\._vendor\./, '')
    .replace(/^(?:requests\.packages|botocore\.vendored\.requests\.packages|requests)\.urllib3\b/, 'urllib3')
    .replace(/^botocore\.vendored\.requests\b/, 'requests');
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

/** An identifier or a chain of them, with nothing between (no spaces, comments or calls). */
const PLAIN_DOTTED = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;

/** The number of dots in a text. */
function partsAfterFirst(text: string): number {
  let n = 0;
  for (let i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) n++;
  return n;
}

/** The model of one file (`pythonModel(file)`); every answer is memoised for the file's lint. */
export class PythonSemanticModel {
  private importMap: Map<string, string> | undefined;
  private stars: Set<string> | undefined;
  private readonly assignLookup: Lookup<Node[]>;
  private singleNames: Map<number, string | null>;
  private reachingNames: Map<number, string | null>;
  private readonly scopes = new Map<string, Intervals>();
  private chains: Map<string, string | null>;
  private sslNames: Map<number, string | null>;
  private reads: { definitions: Set<Node>; names: Set<string> } | undefined;
  private topLevel: Intervals | undefined;

  constructor(readonly file: SourceFile) {
    this.assignLookup = lazyLookup((key) => assignmentsOf(file, key));
    // Name answers are memoized per syntax tree (`python.names`, one of lint.ts's SYNTAX_MEMOS). A probe
    // lint keeps its own: a name can resolve through the probed parameter's value (the property test in
    // python-model.test.ts found a probe's call sites differ when shared).
    const fresh = () => ({
      single: new Map<number, string | null>(),
      reaching: new Map<number, string | null>(),
      chains: new Map<string, string | null>(),
      ssl: new Map<number, string | null>(),
    });
    const names = file.probe ? fresh() : file.memo('python.names', fresh);
    this.singleNames = names.single;
    this.reachingNames = names.reaching;
    this.chains = names.chains;
    this.sslNames = names.ssl;
  }

  /** Local name -> fully qualified name, from `import` and `from ... import`. */
  get imports(): Map<string, string> {
    return (this.importMap ??= importsOf(this.file));
  }

  /** Local name or dotted target (`self.session`) -> the expressions assigned to it. */
  get assigns(): Lookup<Node[]> {
    return { get: (key) => this.bindings(key), has: (key) => this.isBound(key) };
  }

  /** The expressions bound to a local name or dotted target (assignments, `with ... as`), in source order. */
  bindings(key: string): Node[] | undefined {
    const found = this.assignLookup.get(key);
    if (this.reads) {
      this.reads.names.add(key);
      if (found) for (const v of found) this.noteRead(v);
    }
    return found;
  }

  /** Whether a local name or dotted target is bound in the file. */
  isBound(key: string): boolean {
    if (this.reads) return this.bindings(key) !== undefined;
    return this.assignLookup.has(key);
  }

  /** The qualified name an import binds a local name to. */
  importOf(local: string): string | undefined {
    this.reads?.names.add(local);
    return this.imports.get(local);
  }

  /** The modules imported with `from <module> import *`. */
  get starImports(): Set<string> {
    if (!this.stars) {
      const out = new Set<string>();
      if (/import[\s\\]*\*/.test(this.file.text))
        for (const node of this.file.nodes('import_from_statement')) {
          if (!node.namedChildren.some((c) => c?.type === 'wildcard_import')) continue;
          const mod = dotted(node.childForFieldName('module_name'));
          if (mod) out.add(mod);
        }
      this.stars = out;
    }
    return this.stars;
  }

  // --- The incremental hook: which top-level definitions an answer read. ---

  /**
   * Runs `fn` (questions to this model) and returns, with its result, what the answer read: the
   * top-level statements (definitions, module-level assignments) that hold the bindings it used, and
   * the names it looked up (bound or not). The answer stays valid while those statements, and every
   * binding of those names, are unchanged: an edit inside one top-level definition invalidates it only
   * if the definition is among `definitions` or binds (before or after) one of `names`. Answers
   * memoised before are computed afresh inside, so nothing read is missed; nested calls record into
   * the outermost.
   */
  trackReads<T>(fn: () => T): { result: T; definitions: Node[]; names: string[] } {
    if (this.reads) return { result: fn(), definitions: [], names: [] };
    const reads = (this.reads = { definitions: new Set<Node>(), names: new Set<string>() });
    const saved = [this.singleNames, this.reachingNames, this.chains, this.sslNames] as const;
    this.singleNames = new Map();
    this.reachingNames = new Map();
    this.chains = new Map();
    this.sslNames = new Map();
    try {
      const result = fn();
      return { result, definitions: [...reads.definitions], names: [...reads.names] };
    } finally {
      this.reads = undefined;
      [this.singleNames, this.reachingNames, this.chains, this.sslNames] = saved;
    }
  }

  /** The top-level statement (a child of the module) that holds a node. */
  definitionOf(node: Node): Node | undefined {
    const root = this.file.tree?.rootNode;
    if (!root) return undefined;
    this.topLevel ??= new Intervals(root.namedChildren.filter((c): c is Node => !!c));
    const i = this.topLevel.innermost(node.startIndex, node.endIndex);
    return i >= 0 ? this.topLevel.nodes[i] : undefined;
  }

  private noteRead(node: Node): void {
    const def = this.definitionOf(node);
    if (def) this.reads!.definitions.add(def);
  }

  // --- Scopes. ---

  /**
   * The scope a name lives in, seen from a node: the enclosing class for `self.x`/`cls.x`, else the enclosing
   * function, else the module.
   */
  scopeOf(node: Node, key: string): Node {
    const want = /^(self|cls)\./.test(key) ? 'class_definition' : 'function_definition';
    // From the file's definitions as nested intervals: climbing Node.parent costs O(depth x siblings).
    let defs = this.scopes.get(want);
    if (!defs) this.scopes.set(want, (defs = new Intervals(positionalNodes(this.file, want))));
    const start = node.startIndex;
    const end = node.endIndex;
    let i = defs.innermost(start, end);
    // A definition with the node's own range is the node itself (or below a one-statement block): further out.
    while (i >= 0 && defs.start(i) === start && defs.end(i) === end) i = defs.parentOf(i);
    return i >= 0 ? defs.nodes[i] : node.tree.rootNode;
  }

  // --- Names: which qualified name reaches a node. ---

  /**
   * The fully qualified name an expression refers to: `s.wrap_socket` with `import ssl as s` gives
   * `ssl.wrap_socket`; a call gives its callee's name plus `()` (`requests.Session()`), so a variable
   * assigned from a call resolves to what it holds; `getattr(ssl, "PROTOCOL_TLSv1", None)` reads as
   * `ssl.PROTOCOL_TLSv1`. Unknown names give undefined. `how` says how a name bound more than once
   * resolves (see NameQuery).
   */
  nameOf(node: Node | null | undefined, how: NameQuery = 'single'): string | undefined {
    if (!node) return undefined;
    switch (how) {
      case 'single':
        return this.single(node, 0);
      case 'reaching':
        return this.reaching(node, 0);
      case 'ssl':
        return this.sslName(node);
      case 'direct':
        return this.directName(node);
    }
  }

  private single(node: Node | null | undefined, depth: number): string | undefined {
    if (!node || depth > 8) return undefined;
    if (depth === 0) {
      // Detectors resolve the same callees again and again: memoized per node (at the top level only,
      // where the depth cut-off cannot make one result differ from another).
      const known = this.singleNames.get(node.id);
      if (known !== undefined) return known ?? undefined;
      const result = this.resolveSingle(node, 0);
      this.singleNames.set(node.id, result ?? null);
      return result;
    }
    return this.resolveSingle(node, depth);
  }

  private resolveSingle(node: Node, depth: number): string | undefined {
    const type = node.type;
    if (type === 'identifier' || type === 'attribute') {
      const text = node.text;
      const fast = this.importedChain(text);
      // The full resolution gives up past depth 8, one level per part: so does this answer.
      if (fast !== null && depth + partsAfterFirst(text) <= 8) return fast;
    }
    switch (type) {
      case 'identifier': {
        const imported = this.importOf(node.text);
        if (imported) return imported;
        const assigned = this.bindings(node.text);
        if (assigned && assigned.length === 1 && assigned[0].startIndex !== node.startIndex)
          return this.single(assigned[0], depth + 1);
        return undefined;
      }
      case 'attribute': {
        const key = dotted(node);
        const assigned = key ? this.bindings(key) : undefined;
        if (assigned && assigned.length === 1) return this.single(assigned[0], depth + 1);
        const obj = this.single(node.childForFieldName('object'), depth + 1);
        const attr = node.childForFieldName('attribute');
        return obj && attr ? `${obj}.${attr.text}` : undefined;
      }
      case 'call': {
        const got = this.getattrParts(node);
        if (got) {
          const obj = this.single(got.object, depth + 1);
          return obj ? `${obj}.${got.name}` : undefined;
        }
        const callee = this.single(node.childForFieldName('function'), depth + 1);
        return callee ? `${callee}()` : undefined;
      }
      case 'parenthesized_expression':
        return this.single(node.namedChildren[0], depth + 1);
      default:
        return undefined;
    }
  }

  /**
   * The name of a plain dotted text (`ssl.SSLContext`) whose first part an import binds and none of whose
   * longer prefixes is bound in the file: then `resolveSingle` gives the import's name plus the rest,
   * wherever the text stands, so it is answered from the text alone (once per spelling, without
   * reading the node's fields). Null when the text is not such a chain (the full resolution decides).
   */
  private importedChain(text: string): string | null {
    let known = this.chains.get(text);
    if (known === undefined) {
      known = null;
      if (PLAIN_DOTTED.test(text)) {
        const parts = text.split('.');
        const imported = this.importOf(parts[0]);
        if (imported) {
          let bound = false;
          for (let k = parts.length; k >= 2 && !bound; k--) bound = this.isBound(parts.slice(0, k).join('.'));
          if (!bound) known = parts.length === 1 ? imported : `${imported}.${parts.slice(1).join('.')}`;
        }
      }
      this.chains.set(text, known);
    }
    return known;
  }

  private reaching(node: Node | null | undefined, depth: number): string | undefined {
    if (!node || depth > 8) return undefined;
    // Memoized per node: several assignments fan out, and without it the search is exponential on real files.
    const memo = this.reachingNames;
    const known = memo.get(node.id);
    if (known !== undefined) return known ?? undefined;
    memo.set(node.id, null); // in progress: a cycle (`a = b; b = a`) resolves to nothing
    const result = this.resolveReaching(node, depth);
    memo.set(node.id, result ?? null);
    return result;
  }

  private resolveReaching(node: Node, depth: number): string | undefined {
    const direct = this.single(node, 0);
    if (direct) return direct;
    switch (node.type) {
      case 'identifier':
      case 'attribute': {
        const key = dotted(node);
        const assigned = key ? this.bindings(key) : undefined;
        if (assigned && assigned.length > 1) {
          const names = new Set(assigned.map((v) => this.reaching(v, depth + 1)));
          if (names.size === 1) {
            const only = [...names][0];
            if (only) return only;
          }
          const reaching = reachingValue(assigned, node);
          if (reaching) return this.reaching(reaching, depth + 1);
        }
        if (node.type === 'attribute' && !(assigned && assigned.length)) {
          const obj = this.reaching(node.childForFieldName('object'), depth + 1);
          const attr = node.childForFieldName('attribute');
          return obj && attr ? `${obj}.${attr.text}` : undefined;
        }
        return undefined;
      }
      case 'call': {
        const callee = this.reaching(node.childForFieldName('function'), depth + 1);
        return callee ? `${callee}()` : undefined;
      }
      case 'parenthesized_expression':
        return this.reaching(node.namedChildren[0], depth + 1);
      default:
        return undefined;
    }
  }

  /**
   * `single`, also for bare names brought in by `from ssl import *` (any unresolved bare name is then
   * taken as `ssl.<name>`; callers match specific names), with the ssl enum spellings normalized.
   */
  private sslName(node: Node | null | undefined): string | undefined {
    if (!node) return undefined;
    // Memoized per node (no depth cut-off here: the answer is the node's own).
    const known = this.sslNames.get(node.id);
    if (known !== undefined) return known ?? undefined;
    const result = this.resolveSsl(node);
    this.sslNames.set(node.id, result ?? null);
    return result;
  }

  private resolveSsl(node: Node): string | undefined {
    const q = this.single(node, 0);
    if (q) return normalizeSslName(q);
    if (node.type === 'identifier' && this.starImports.has('ssl') && !this.isBound(node.text))
      return `ssl.${node.text}`;
    if (node.type === 'call') {
      const callee = this.sslName(node.childForFieldName('function'));
      return callee ? `${callee}()` : undefined;
    }
    if (node.type === 'attribute' && this.starImports.has('ssl')) {
      const obj = this.sslName(node.childForFieldName('object'));
      return obj ? `${obj}.${node.childForFieldName('attribute')!.text}` : undefined;
    }
    return undefined;
  }

  /**
   * The qualified name a node denotes by itself, not through a variable: `ssl.PROTOCOL_TLSv1`,
   * `P` after `from ssl import PROTOCOL_TLSv1 as P`, but not `PROTO` after `PROTO = ssl.PROTOCOL_TLSv1`.
   */
  private directName(node: Node): string | undefined {
    if (node.type === 'call') {
      const got = this.getattrParts(node);
      const base = got && (got.object.type === 'identifier' ? this.importOf(got.object.text) : undefined);
      return base ? normalizeSslName(`${base}.${got.name}`) : undefined;
    }
    if (node.type === 'identifier') {
      const imported = this.importOf(node.text);
      if (imported) return normalizeSslName(imported);
      if (this.starImports.has('ssl') && !this.isBound(node.text)) return `ssl.${node.text}`;
      return undefined;
    }
    if (node.type === 'attribute') {
      const obj = node.childForFieldName('object');
      const attr = node.childForFieldName('attribute');
      if (!obj || !attr) return undefined;
      const base =
        obj.type === 'identifier'
          ? this.importOf(obj.text)
          : obj.type === 'attribute'
            ? this.directName(obj)
            : undefined;
      return base ? normalizeSslName(`${base}.${attr.text}`) : undefined;
    }
    return undefined;
  }

  /**
   * `getattr(obj, "NAME")` or `getattr(obj, "NAME", default)` with a literal name: the object and the name,
   * so the call reads as `obj.NAME` (`getattr(ssl, "PROTOCOL_TLSv1", None)` is `ssl.PROTOCOL_TLSv1`).
   */
  getattrParts(call: Node): { object: Node; name: string } | undefined {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'identifier' || fn.text !== 'getattr') return undefined;
    if (this.importOf('getattr') !== undefined || this.isBound('getattr')) return undefined;
    const { positional, keywords, hasSplat } = callArgs(call);
    if (hasSplat || keywords.size > 0 || positional.length < 2 || positional.length > 3) return undefined;
    const lit = positional[1];
    if (lit.type !== 'string') return undefined;
    const name = literalString(lit);
    return name && /^[A-Za-z_]\w*$/.test(name) ? { object: positional[0], name } : undefined;
  }

  /**
   * How to write a fully qualified name (`OpenSSL.SSL.TLS_METHOD`) with the file's own imports
   * (`SSL.TLS_METHOD` after `from OpenSSL import SSL`), or undefined when nothing imported reaches it.
   */
  spellingOf(qualified: string): string | undefined {
    let best: string | undefined;
    for (const [local, full] of this.imports) {
      let candidate: string | undefined;
      if (qualified === full) candidate = local;
      else if (qualified.startsWith(full + '.')) candidate = local + qualified.slice(full.length);
      if (candidate && (!best || candidate.length < best.length)) best = candidate;
    }
    return best;
  }

  /** The local name bound to a whole module (`import ssl` gives `ssl`, `import ssl as s` gives `s`). */
  moduleAlias(module: string): string | undefined {
    for (const [local, full] of this.imports) if (full === module && !local.includes('.')) return local;
    return undefined;
  }

  // --- Values: which expression reaches a node. ---

  /**
   * The expression a node holds: `valueOf(V)` after `V = False` is `False`. `constant` follows a name
   * bound once in the file (or imported from another module of the project) and parentheses; `scoped`
   * follows a name bound in several functions to the single binding of the node's own scope, else of
   * the module. The node itself when nothing is followed.
   */
  valueOf(node: Node | null | undefined, how: ValueQuery = 'constant'): Node | undefined {
    return how === 'constant' ? this.constant(node, 0) : this.scoped(node, 0);
  }

  private constant(node: Node | null | undefined, depth: number): Node | undefined {
    if (!node || depth > 8) return undefined;
    if (node.type === 'identifier') {
      const assigned = this.bindings(node.text);
      if (assigned && assigned.length === 1) return this.constant(assigned[0], depth + 1);
      if (!assigned) {
        const imported = this.importedValue(node);
        if (imported) return this.constant(imported, depth + 1);
      }
      return node;
    }
    if (node.type === 'attribute') {
      const imported = this.importedValue(node);
      if (imported) return this.constant(imported, depth + 1);
    }
    if (node.type === 'parenthesized_expression') return this.constant(node.namedChildren[0], depth + 1);
    return node;
  }

  private scoped(node: Node | null | undefined, depth: number): Node | undefined {
    if (!node || depth > 8) return node ?? undefined;
    if (node.type === 'parenthesized_expression' && node.namedChildren[0])
      return this.scoped(node.namedChildren[0], depth + 1);
    if (node.type !== 'identifier' && node.type !== 'attribute') return node;
    const key = dotted(node);
    const assigned = (key ? this.bindings(key) : undefined)?.filter((a) => a.startIndex !== node.startIndex);
    if (!key || !assigned || assigned.length === 0) return this.importedValue(node) ?? node;
    if (assigned.length === 1) return this.scoped(assigned[0], depth + 1);
    const scope = this.scopeOf(node, key);
    const range = rangeOf(scope);
    const local = scope.parent
      ? assigned.filter((a) => inRange(range, a)).filter((a) => this.scopeOf(a, key).id === scope.id)
      : [];
    if (local.length === 1) return this.scoped(local[0], depth + 1);
    if (local.length > 1) return node;
    const top = assigned.filter((a) => !this.scopeOf(a, key).parent);
    return top.length === 1 ? this.scoped(top[0], depth + 1) : node;
  }

  /**
   * The values that may reach an expression, followed within the file to a bounded depth: through
   * parentheses, both branches of a conditional expression, every assignment to a local name in its
   * own function (or the module's, for a module-level name), a parameter's default and the matching
   * argument of calls to the function by name. The leaves are the expressions that are not followed
   * further (constants, calls, other names).
   */
  valuesReaching(node: Node | null | undefined, depth = 0, seen = new Set<number>()): Node[] {
    if (!node || depth > 6 || seen.has(node.id)) return [];
    seen.add(node.id);
    switch (node.type) {
      case 'parenthesized_expression':
        return this.valuesReaching(node.namedChildren[0], depth + 1, seen);
      case 'conditional_expression': {
        // `a if cond else b`: the first and last named children are the two values.
        const kids = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
        if (kids.length < 3) return [node];
        return [
          ...this.valuesReaching(kids[0], depth + 1, seen),
          ...this.valuesReaching(kids[kids.length - 1], depth + 1, seen),
        ];
      }
      case 'identifier':
      case 'attribute': {
        const key = dotted(node);
        if (!key) return [node];
        const assigned = (this.bindings(key) ?? []).filter((a) => a.startIndex !== node.startIndex);
        if (node.type === 'identifier') {
          const params = assigned.length === 0 ? this.parameterValues(node) : [];
          if (params.length) return params.flatMap((v) => this.valuesReaching(v, depth + 1, seen));
        }
        if (assigned.length === 0) return [this.importedValue(node) ?? node];
        const scope = this.scopeOf(node, key);
        const range = rangeOf(scope);
        let here = scope.parent
          ? assigned.filter((a) => inRange(range, a) && this.scopeOf(a, key).id === scope.id)
          : [];
        if (here.length === 0) here = assigned.filter((a) => !this.scopeOf(a, key).parent);
        if (here.length === 0) return [node];
        return here.flatMap((v) => this.valuesReaching(v, depth + 1, seen));
      }
      default:
        return [node];
    }
  }

  /**
   * When `name` (an identifier) is a parameter of its enclosing function and is not reassigned there, the
   * values it can take from this file: its default and the matching argument of every call to the function
   * by its plain name (`make_get(False)`, `make_get(url, verify=False)`). Empty otherwise.
   */
  parameterValues(name: Node): Node[] {
    const file = this.file;
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
    const reassigned = (this.bindings(name.text) ?? []).some((v) => body && isWithin(body, v));
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

  /**
   * The value a name imported from another module of the project has there, as a node (engine/workspace):
   * `VERIFY_SSL` after `from .settings import VERIFY_SSL`, `settings.VERIFY_SSL` after `from . import settings`
   * or `import app.settings as settings`. Undefined when the name is bound here, the module is not in the
   * project, or its value is not a constant.
   */
  importedValue(node: Node): Node | undefined {
    const file = this.file;
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
    if (this.isBound(local.text)) return undefined;
    if (!source) {
      // `from .settings import *` then `VERIFY_SSL`: a name no statement here binds, from a star import.
      if (attr || starSources(file).length === 0 || definedHere(file, local.text)) return undefined;
      for (const star of starSources(file)) {
        const starCandidates = pythonModuleCandidates(file.path, star.level, star.module);
        if (!view.mayHoldConstantThrough(starCandidates, local.text, pythonFollowImport)) continue;
        const summary = view.module(starCandidates);
        const found =
          summary?.language === 'python' &&
          (summary.all ? summary.all.includes(local.text) : !local.text.startsWith('_'))
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
    // A module whose text assigns no such name (nor takes one from a module that does, followed through
    // their screens) holds no such constant: no summary is made.
    if (!view.mayHoldConstantThrough(candidates, wanted, pythonFollowImport)) return undefined;
    const summary = view.module(candidates);
    // Through re-exports (`from .base import X` in the module, `__init__.py`, `from .base import *`).
    const found = summary?.language === 'python' ? view.constant(summary, wanted) : undefined;
    return found ? view.valueNode(found.constant, found.summary, node) : undefined;
  }
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
  noteBound(name);
  return new RegExp(`(^|\\n)\\s*(def|class|async\\s+def)\\s+${name}\\b|\\b(for|as|global)\\s+${name}\\b`).test(
    file.text,
  );
}

/**
 * The nodes of a type for an index of places (`Intervals`: which one holds an offset), not gone through one
 * by one: a lint that asks of them only around the places it reads does not read them all (engine/reads).
 */
export function positionalNodes(file: SourceFile, type: string): Node[] {
  return unrecorded(() => file.nodes(type));
}

/** The file's model, built on first use and kept for the lint. */
export function pythonModel(file: SourceFile): PythonSemanticModel {
  return file.memo('python.model', () => new PythonSemanticModel(file));
}

/** The qualified name that reaches a node (`PythonSemanticModel.nameOf`). */
export function nameOf(file: SourceFile, node: Node | null | undefined, how: NameQuery = 'single'): string | undefined {
  return pythonModel(file).nameOf(node, how);
}

/** The value that reaches a node (`PythonSemanticModel.valueOf`). */
export function valueOf(
  file: SourceFile,
  node: Node | null | undefined,
  how: ValueQuery = 'constant',
): Node | undefined {
  return pythonModel(file).valueOf(node, how);
}

/** The values that may reach a node through the file's flow (`PythonSemanticModel.valuesReaching`). */
export function valuesReaching(file: SourceFile, node: Node | null | undefined): Node[] {
  return pythonModel(file).valuesReaching(node);
}

/** Whether a function is defined at module level (decorated or not). */
function atModuleLevel(fn: Node): boolean {
  const parent = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  return parent?.type === 'module';
}

/** The values a parameter may take: its default, or a probe's constant (`PythonSemanticModel.parameterValues`). */
export function parameterValues(file: SourceFile, name: Node): Node[] {
  return pythonModel(file).parameterValues(name);
}
