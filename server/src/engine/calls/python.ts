// Python call sites for engine/calls: calls of module-level functions (this file's own, or imported from a
// module of the project: `from .http import make_session`, `from . import http; http.make_session(...)`)
// with a constant argument.
import type { Node } from 'web-tree-sitter';
import { callArgs, importSources, pythonModel, nameOf, valueOf, shadowedLocally } from '../languages/python';
import { pythonModuleCandidates } from '../module-paths';
import type { SourceFile } from '../types';
import type { FileSummary, WorkspaceView } from '../workspace';
import { constantCallSites, functionsWithParameters, type ConstantArgument } from './functions';
import type { CallSite } from './index';

/** Modules whose dotted constants a caller may hand a wrapper (`ssl.CERT_NONE`, `OpenSSL.SSL.TLSv1_METHOD`). */
const CONSTANT_MODULES = /^(ssl|OpenSSL|urllib3|requests|httpx|aiohttp|pycurl|_ssl)\./;

/** The module-level functions of this file with parameters, by name (a name bound twice is left out). */
export function moduleFunctions(root: Node): Map<string, Node> {
  return functionsWithParameters(root, (st) => {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    return def?.type === 'function_definition' ? def : undefined;
  });
}

/** The constant an argument holds, as a probe writes it, or undefined (not a constant a sink could judge). */
function constantText(file: SourceFile, arg: Node): string | undefined {
  const v = valueOf(file, arg, 'scoped') ?? arg;
  switch (v.type) {
    case 'true':
    case 'false':
      return v.text;
    case 'string': {
      if (v.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
      const body = v.namedChildren
        .filter((c) => c?.type === 'string_content')
        .map((c) => c.text)
        .join('');
      return /^[A-Za-z0-9_.:+!@-]{1,80}$/.test(body) ? JSON.stringify(body) : undefined;
    }
    case 'identifier':
    case 'attribute': {
      // A foreign value (another file's constant) is already the constant as written there.
      if (v.tree !== arg.tree) return /^[\w.]+$/.test(v.text) && CONSTANT_MODULES.test(v.text) ? v.text : undefined;
      const q = nameOf(file, v, 'reaching');
      return q && CONSTANT_MODULES.test(q) ? q : undefined;
    }
    default:
      return undefined;
  }
}

/** What a callee may name, before the index is asked: this file's own function, or a name of a module. */
type Reference = { own: string } | { candidates: string[]; name: string };

/** What a callee may name, from this file alone (cheap: no other file is read). */
function reference(file: SourceFile, callee: Node, own: Map<string, Node>): Reference | undefined {
  const sources = importSources(file);
  if (callee.type === 'identifier') {
    const name = callee.text;
    const src = own.has(name) ? undefined : sources.get(name);
    if (!own.has(name) && !src?.name) return undefined;
    // The map lookups first: most calls name neither, and the model's questions cost more.
    if (pythonModel(file).assigns.has(name) || shadowedLocally(callee)) return undefined;
    if (own.has(name)) return { own: name };
    return { candidates: pythonModuleCandidates(file.path, src!.level, src!.module), name: src!.name! };
  }
  if (callee.type !== 'attribute') return undefined;
  const object = callee.childForFieldName('object');
  const attr = callee.childForFieldName('attribute')?.text;
  if (object?.type !== 'identifier' || !attr) return undefined;
  const src = sources.get(object.text);
  if (!src || pythonModel(file).assigns.has(object.text) || shadowedLocally(object)) return undefined;
  // `http.make_session`: `http` is a module (`from . import http`, `import app.http as http`).
  const module = src.name ? (src.module ? `${src.module}.${src.name}` : src.name) : src.module;
  const candidates = pythonModuleCandidates(file.path, src.level, module);
  return candidates.length ? { candidates, name: attr } : undefined;
}

/** The module-level function of another module a reference names (through its re-exports), looked up once per callee text. */
function target(
  file: SourceFile,
  view: WorkspaceView,
  callee: Node,
  ref: { candidates: string[]; name: string },
): { name: string; summary: FileSummary } | undefined {
  // Other modules' functions by the callee's text, looked up once per file (`os.path.join` is called often).
  const known = file.memo(
    'calls.python.targets',
    () => new Map<string, { name: string; summary: FileSummary } | null>(),
  );
  let hit = known.get(callee.text);
  if (hit === undefined) {
    const summary = view.module(ref.candidates);
    const def = summary?.language === 'python' ? view.function(summary, ref.name) : undefined;
    known.set(callee.text, (hit = def ? { name: def.name, summary: def.summary } : null));
  }
  return hit ?? undefined;
}

export function pythonCallSites(file: SourceFile, view: WorkspaceView): CallSite[] {
  const out: CallSite[] = [];
  const tree = file.tree;
  if (!tree) return out;
  const own = file.memo('calls.python.own', () => moduleFunctions(tree.rootNode));
  for (const call of file.nodes('call')) {
    const callee = call.childForFieldName('function');
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
    // What the callee may name first: most calls name no function of the project. A method of this file's
    // own function's name (`self.get(...)`) is not the function.
    const ref = reference(file, callee, own);
    if (!ref) continue;
    const args = callArgs(call);
    let constants: ConstantArgument[] = [];
    for (const [param, kw] of args.keywords) {
      const value = kw.childForFieldName('value');
      const text = value ? constantText(file, value) : undefined;
      if (text) constants.push({ node: kw, param, text });
    }
    if (!args.hasSplat)
      args.positional.forEach((a, index) => {
        const text = constantText(file, a);
        if (text) constants.push({ node: a, index, text });
      });
    let fn: { name: string; summary?: FileSummary } | undefined;
    if ('own' in ref) fn = { name: ref.own };
    else {
      // Another module's function is read (summarised, probed) only when its text may hold a sink for
      // the constant: most modules a project imports mention no TLS word at all.
      constants = constants.filter((c) => view.maySink(ref.candidates, ref.name, c.text));
      if (constants.length) fn = target(file, view, callee, ref);
    }
    if (fn) out.push(...constantCallSites(callee, fn, constants));
  }
  return out;
}

/** An import statement as `pythonImports` reads it (`from <level dots><module> import <names>`, `import <module>`). */
export interface PythonImport {
  level: number;
  module: string;
  /** The words after `import` (the names, their aliases, more): all a `from` statement may bind. */
  names: string[];
  /** `from m import *`. */
  star?: boolean;
  /** `import a.b [as c]` (not `from`). */
  plain?: boolean;
}

/**
 * A Python text's import statements, read without parsing: for each `import` keyword, the words after it
 * to the end of its statement (a parenthesised list, or the line with its backslash continuations), and
 * the `from` clause before it. More than the statements bind (comments, strings, aliases, nested imports),
 * never fewer; `names` is every such word (`*` for a star import).
 */
export function pythonImports(text: string): { names: string[]; statements: PythonImport[] } {
  const names = new Set<string>();
  const statements: PythonImport[] = [];
  const keyword = /\bimport\b/g;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    let i = m.index + m[0].length;
    while (text[i] === ' ' || text[i] === '\t') i++;
    let end: number;
    if (text[i] === '(') {
      end = text.indexOf(')', i);
      if (end < 0) end = text.length;
    } else {
      end = i;
      for (;;) {
        const nl = text.indexOf('\n', end);
        if (nl < 0) {
          end = text.length;
          break;
        }
        end = nl;
        if (!/\\\r?$/.test(text.slice(Math.max(i, nl - 2), nl))) break;
        end = nl + 1;
      }
    }
    const statement = text.slice(i, end);
    const star = statement.includes('*');
    if (star) names.add('*');
    const words = statement.match(/[A-Za-z_][\w.]*/g) ?? [];
    const parts = words.flatMap((w) => w.split('.')).filter(Boolean);
    for (const w of parts) names.add(w);
    const from = /\bfrom\s+(\.*)\s*([A-Za-z_][\w.]*)?\s*(?:\\\s*)?$/.exec(
      text.slice(Math.max(0, m.index - 300), m.index),
    );
    if (from)
      statements.push({ level: from[1].length, module: from[2] ?? '', names: parts, ...(star ? { star } : {}) });
    else for (const w of words) statements.push({ level: 0, module: w, names: [], plain: true });
    keyword.lastIndex = Math.max(keyword.lastIndex, end);
  }
  return { names: [...names], statements };
}

/** How many modules a file's imports are screened through before it is linted anyway. */
const MAX_SCREENED_MODULES = 64;

/**
 * Whether a Python file whose own words (with its path's) pass no detector's pre-filter may still report a
 * call site. A call-site finding needs a sink in a probe of the callee's module, and a probe finds one only
 * when the module's words and the constant's pass a detector's pre-filter (`beginLint`). The callee is
 * a function of a module this file imports, or one that module re-exports (followed as deep as
 * `WorkspaceView` follows re-exports); every constant this file can pass is written in it, or is one of
 * those modules' (a foreign value), or is named after its folders (`requests.compat.X`). So the words of
 * those modules, with this file's, decide. Reads screens only (no parse, no summary); true when a screen is
 * unknown or there are too many.
 */
export function pythonCallsMayReach(
  text: string,
  path: string,
  view: WorkspaceView,
  words: Set<string>,
  reaches: (words: ReadonlySet<string>) => boolean,
): boolean {
  if (reaches(words)) return true;
  type Step = { from: string; level: number; module: string; names: Set<string> | 'any' };
  let frontier: Step[] = [];
  for (const s of pythonImports(text).statements) {
    // `from m import a` then `a(...)` (a name of m) or `a.f(...)` (a submodule); `import a.b as c` then `c.f(...)`.
    if (s.plain) frontier.push({ from: path, level: 0, module: s.module, names: 'any' });
    else {
      frontier.push({ from: path, level: s.level, module: s.module, names: s.star ? 'any' : new Set(s.names) });
      for (const n of s.names)
        frontier.push({ from: path, level: s.level, module: s.module ? `${s.module}.${n}` : n, names: 'any' });
    }
  }
  const wanted = new Map<string, Set<string> | 'any'>();
  // The imported modules, and on through re-exports to the end (further than `WorkspaceView` follows them:
  // a module reached first on a longer path is not looked at again on a shorter one).
  for (let round = 0; frontier.length; round++) {
    if (round > 4 * MAX_SCREENED_MODULES) return true;
    const next: Step[] = [];
    for (const step of frontier) {
      const candidates = pythonModuleCandidates(step.from, step.level, step.module);
      if (!candidates.length) continue;
      const found = view.screenOf(candidates);
      if (found === undefined) return true;
      if (found === 'absent') continue;
      // A module seen before is looked at again only for names not asked for yet.
      const before = wanted.get(found.path);
      let names = step.names;
      if (before === 'any') continue;
      if (before && names !== 'any') {
        const fresh = [...names].filter((n) => !before.has(n));
        if (!fresh.length) continue;
        names = new Set(fresh);
        for (const n of fresh) before.add(n);
      } else wanted.set(found.path, names === 'any' ? 'any' : new Set(names));
      if (!before) {
        if (wanted.size > MAX_SCREENED_MODULES) return true;
        for (const w of found.screen.words) words.add(w);
        if (reaches(words)) return true;
      }
      const statements = found.screen.imports;
      // What the module offers from others: the `from` statements that name one of the names, and stars.
      for (const s of statements) {
        if (s.plain) continue;
        if (!s.star && names !== 'any' && !s.names.some((n) => names.has(n))) continue;
        next.push({ from: found.path, level: s.level, module: s.module, names: s.star ? names : new Set(s.names) });
      }
    }
    frontier = next;
  }
  return false;
}
