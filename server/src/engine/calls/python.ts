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

/** The function a callee names: this file's own, or a module-level function of another module of the project. */
function target(
  file: SourceFile,
  view: WorkspaceView,
  callee: Node,
  own: Map<string, Node>,
): { name: string; summary?: FileSummary } | undefined {
  const sources = importSources(file);
  const assigns = pythonModel(file).assigns;
  // Other modules' functions by the callee's text, looked up once per file (`os.path.join` is called often).
  const known = file.memo(
    'calls.python.targets',
    () => new Map<string, { name: string; summary?: FileSummary } | null>(),
  );
  const remembered = (compute: () => { name: string; summary?: FileSummary } | undefined) => {
    let hit = known.get(callee.text);
    if (hit === undefined) known.set(callee.text, (hit = compute() ?? null));
    return hit ?? undefined;
  };
  if (callee.type === 'identifier') {
    if (assigns.has(callee.text) || shadowedLocally(callee)) return undefined;
    if (own.has(callee.text)) return { name: callee.text };
    return remembered(() => {
      const src = sources.get(callee.text);
      if (!src?.name) return undefined;
      const summary = view.module(pythonModuleCandidates(file.path, src.level, src.module));
      const def = summary?.language === 'python' ? view.function(summary, src.name) : undefined;
      return def && { name: def.name, summary: def.summary };
    });
  }
  if (callee.type !== 'attribute') return undefined;
  const object = callee.childForFieldName('object');
  const attr = callee.childForFieldName('attribute')?.text;
  if (object?.type !== 'identifier' || !attr || assigns.has(object.text) || shadowedLocally(object)) return undefined;
  return remembered(() => {
    const src = sources.get(object.text);
    if (!src) return undefined;
    // `http.make_session`: `http` is a module (`from . import http`, `import app.http as http`).
    const module = src.name ? (src.module ? `${src.module}.${src.name}` : src.name) : src.module;
    const candidates = pythonModuleCandidates(file.path, src.level, module);
    const summary = candidates.length ? view.module(candidates) : undefined;
    const def = summary?.language === 'python' ? view.function(summary, attr) : undefined;
    return def && { name: def.name, summary: def.summary };
  });
}

export function pythonCallSites(file: SourceFile, view: WorkspaceView): CallSite[] {
  const out: CallSite[] = [];
  const tree = file.tree;
  if (!tree) return out;
  const own = file.memo('calls.python.own', () => moduleFunctions(tree.rootNode));
  for (const call of file.nodes('call')) {
    const callee = call.childForFieldName('function');
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
    // The callee first: most calls name no function of the project, and reading their arguments' values
    // is the expensive part.
    // A method of this file's own function's name (`self.get(...)`) is not the function.
    const fn = target(file, view, callee, own);
    if (!fn) continue;
    const args = callArgs(call);
    const constants: { node: Node; param?: string; index?: number; text: string }[] = [];
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
