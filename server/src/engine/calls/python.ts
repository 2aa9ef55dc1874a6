// Python call sites for engine/calls: calls of module-level functions (this file's own, or imported from a
// module of the project: `from .http import make_session`, `from . import http; http.make_session(...)`)
// with a constant argument.
import type { Node } from 'web-tree-sitter';
import { callArgs, importSources, pythonModel, nameOf, valueOf, shadowedLocally } from '../languages/python';
import { pythonModuleCandidates } from '../module-paths';
import type { SourceFile } from '../types';
import type { FileSummary, WorkspaceView } from '../workspace';
import type { CallSite } from './index';

/** Modules whose dotted constants a caller may hand a wrapper (`ssl.CERT_NONE`, `OpenSSL.SSL.TLSv1_METHOD`). */
const CONSTANT_MODULES = /^(ssl|OpenSSL|urllib3|requests|httpx|aiohttp|pycurl|_ssl)\./;

/** The module-level functions of this file with parameters, by name (a name bound twice is left out). */
export function moduleFunctions(root: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const twice = new Set<string>();
  for (const st of root.namedChildren) {
    const def = st?.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (def?.type !== 'function_definition') continue;
    const name = def.childForFieldName('name')?.text;
    if (!name) continue;
    if (out.has(name)) twice.add(name);
    if (def.childForFieldName('parameters')?.namedChildren.length) out.set(name, def);
  }
  for (const n of twice) out.delete(n);
  return out;
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
    let constants: { node: Node; param?: string; index?: number; text: string }[] = [];
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
    if (!fn) continue;
    for (const c of constants)
      out.push({
        node: c.node,
        callee: callee.text,
        shown: c.node.text,
        probe: { function: fn.name, param: c.param, index: c.index, text: c.text },
        summary: fn.summary,
      });
  }
  return out;
}

/**
 * Every name a Python text's import statements may bind, read without parsing (`*` for a star import): the
 * words after each `import` keyword to the end of its statement (a parenthesised list, or the line with
 * its backslash continuations). More than the statements bind (comments, strings, module paths), never fewer.
 */
export function pythonImportedNames(text: string): string[] {
  const out = new Set<string>();
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
    if (statement.includes('*')) out.add('*');
    for (const w of statement.match(/[A-Za-z_]\w*/g) ?? []) out.add(w);
    keyword.lastIndex = Math.max(keyword.lastIndex, end);
  }
  return [...out];
}
