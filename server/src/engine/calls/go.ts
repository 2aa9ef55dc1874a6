// Go call sites for engine/calls: calls of package-level functions with a constant argument (`true`,
// `false`, a crypto/tls constant): this file's own (`newClient(true)`), another file's of the same package
// (same folder and package clause), or another package's of the module (`client.New(true)`, where the file
// imports `<module path>/client`, found through go.mod as engine/languages/go finds exported constants).
import type { Node } from 'web-tree-sitter';
import {
  TLS_VERSIONS,
  constInt,
  declarationOf,
  isFalseConstant,
  isPackageMember,
  goModuleIn,
  isTrue,
  modulePackageFolder,
  packageFolderIn,
  packageName,
} from '../languages/go';
import type { SourceFile } from '../types';
import { folderOf, type FileSummary, type TextScreen, type WorkspaceView } from '../workspace';
import { constantCallSites, functionsWithParameters, type ConstantArgument } from './functions';
import type { CallSite } from './index';

/** The package-level functions (not methods) of a file with parameters, by name (a name declared twice is left out). */
export function goFunctions(root: Node): Map<string, Node> {
  return functionsWithParameters(root, (decl) => (decl.type === 'function_declaration' ? decl : undefined));
}

/**
 * The constant an argument holds, as a probe writes it in the function's file: `true`/`false` (literal,
 * or a constant), or a crypto/tls version or cipher constant as `tls.<Name>`. Undefined otherwise.
 */
function constantText(file: SourceFile, arg: Node): string | undefined {
  if (arg.type === 'true' || arg.type === 'false') return arg.text;
  const member = isPackageMember(file, arg, 'crypto/tls');
  if (member && arg.type === 'selector_expression' && /^(Version|TLS_)/.test(member)) return `tls.${member}`;
  // A constant of this file (`const insecure = true`, `const minTLS = tls.VersionTLS10`); another file's
  // constants are not read here (that would summarise the package for every call).
  if (arg.type !== 'identifier' || declarationOf(file, arg)?.kind !== 'const') return undefined;
  if (isTrue(file, arg)) return 'true';
  if (isFalseConstant(file, arg)) return 'false';
  const v = constInt(file, arg);
  const name = Object.keys(TLS_VERSIONS).find((k) => TLS_VERSIONS[k] === v);
  return name ? `tls.${name}` : undefined;
}

/**
 * A Go text's top-level functions (not methods) as spans, read without parsing: from a `func Name(` (or
 * `func Name[`) at a line's start to the next line that starts a top-level declaration.
 */
export function goFunctionSpans(text: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  const starts = [...text.matchAll(/^(?:func|type|var|const|import)\b/gm)].map((m) => m.index);
  for (const m of text.matchAll(/^func\s+([A-Za-z_]\w*)\s*[[(]/gm)) {
    const start = m.index;
    const end = starts.find((x) => x > start) ?? text.length;
    out.push({ name: m[1], start, end });
  }
  return out;
}

/** A Go text's package clause (`package client`), read without parsing. */
export function goPackageClause(text: string): string | undefined {
  return /^package\s+([A-Za-z_]\w*)/m.exec(text)?.[1];
}

/**
 * The non-test files of a package (a test file sees the package's test files too) defining a function. With
 * the files' text screens, only the file whose screen lists the function is summarised (its path is
 * returned); otherwise every file of the folder is.
 */
function definers(
  file: SourceFile,
  view: WorkspaceView,
  folder: string,
  name: string,
  pkg?: string,
): { path: string; summary?: FileSummary }[] {
  const isTest = /_test\.go$/.test(file.path);
  const fits = (path: string, p: string | undefined) =>
    pkg === undefined ? !/_test\.go$/.test(path) : p === pkg && (isTest || !/_test\.go$/.test(path));
  const screens = view.folderScreens(folder, '.go');
  if (screens)
    return screens
      .filter(({ path, screen }) => fits(path, screen.package) && !!screen.functions?.some((f) => f.name === name))
      .map(({ path }) => ({ path }));
  return view
    .folder(folder, '.go')
    .filter((s) => s.language === 'go' && fits(s.path, s.package) && !!s.functions?.includes(name))
    .map((summary) => ({ path: summary.path, summary }));
}

/** The function a callee names: this file's own, the package's other file's, or another package's of the module. */
/** A call's function: this file's own (no path), or another file's, by path, with its summary once read. */
interface Target {
  name: string;
  path?: string;
  summary?: FileSummary | undefined;
}

function target(file: SourceFile, view: WorkspaceView, callee: Node, own: Map<string, Node>): Target | undefined {
  const known = file.memo('calls.go.targets', () => new Map<string, Target | null>());
  const remembered = (compute: () => Target | undefined) => {
    let hit = known.get(callee.text);
    if (hit === undefined) known.set(callee.text, (hit = compute() ?? null));
    return hit ?? undefined;
  };
  if (callee.type === 'identifier') {
    // A local (a parameter, a closure) of the name is not the function.
    if (declarationOf(file, callee)) return undefined;
    if (own.has(callee.text)) return { name: callee.text };
    return remembered(() => {
      const pkg = packageName(file);
      if (!pkg) return undefined;
      const hits = definers(file, view, folderOf(file.path), callee.text, pkg);
      return hits.length === 1 ? { name: callee.text, ...hits[0] } : undefined;
    });
  }
  if (callee.type !== 'selector_expression') return undefined;
  const operand = callee.childForFieldName('operand');
  const field = callee.childForFieldName('field')?.text;
  if (operand?.type !== 'identifier' || !field || !/^[A-Z]/.test(field)) return undefined;
  return remembered(() => {
    const folder = modulePackageFolder(file, operand);
    if (folder === undefined) return undefined;
    const hits = definers(file, view, folder, field);
    return hits.length === 1 ? { name: field, ...hits[0] } : undefined;
  });
}

export function goCallSites(file: SourceFile, view: WorkspaceView): CallSite[] {
  const out: CallSite[] = [];
  const tree = file.tree;
  if (!tree) return out;
  const own = file.memo('calls.go.own', () => goFunctions(tree.rootNode));
  for (const call of file.nodes('call_expression')) {
    const callee = call.childForFieldName('function');
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'selector_expression')) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter(
      (a): a is Node => !!a && a.type !== 'comment',
    );
    // The arguments first: reading a constant is cheap, and most calls pass none.
    if (args.some((a) => a.type === 'variadic_argument')) continue;
    const constants: ConstantArgument[] = [];
    args.forEach((a, index) => {
      const text = constantText(file, a);
      if (text) constants.push({ node: a, index, text });
    });
    if (!constants.length) continue;
    const fn = target(file, view, callee, own);
    if (!fn) continue;
    if (fn.path === undefined) {
      out.push(...constantCallSites(callee, fn, constants));
      continue;
    }
    // Another file's function: summarised (parsed) only when its words and a constant's may reach a sink.
    const reaching = constants.filter((c) => view.maySink([fn.path!], fn.name, c.text));
    if (!reaching.length) continue;
    fn.summary ??= view.module([fn.path]);
    if (fn.summary) out.push(...constantCallSites(callee, { name: fn.name, summary: fn.summary }, reaching));
  }
  return out;
}

/** The import paths of a Go text, read without parsing (`import "x"`, and the lines of an `import ( ... )` block). */
function importPaths(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s*(?:\(([^)]*)\)|(?:[\w.]+\s+)?"([^"]+)")/gm)) {
    if (m[2]) out.push(m[2]);
    else for (const q of (m[1] ?? '').matchAll(/"([^"]+)"/g)) out.push(q[1]);
  }
  return out;
}

/**
 * Whether a Go file whose own words pass no detector's pre-filter may still report a call site (engine/calls
 * `callsMayReach`): a call-site finding needs a sink in a probe lint of the callee, so only a function of this
 * package (another file of the folder with the same package clause) or of another package of the module
 * (an import under go.mod's module path) whose text holds the words a sink needs, and that this file calls by
 * name, can give one. Reads text screens only (no parse, no summary); true when a screen is unknown.
 */
export function goCallsMayReach(
  text: string,
  path: string,
  view: WorkspaceView,
  words: Set<string>,
  sink: (body: ReadonlySet<string>, file: ReadonlySet<string>) => boolean,
): boolean {
  if (sink(words, words)) return true;
  const called = new Set<string>();
  for (const m of text.matchAll(/(?<![\w.])([A-Za-z_]\w*)\s*\(|\.([A-Z]\w*)\s*\(/g)) called.add(m[1] ?? m[2]);
  const reaches = (screens: { screen: TextScreen }[], pkg: string | undefined) =>
    screens.some(
      ({ screen }) =>
        (pkg === undefined || screen.package === pkg || /_test\.go$/.test(path)) &&
        (screen.functions ?? []).some(
          (f) => called.has(f.name) && sink(new Set([...f.words, ...words]), new Set([...screen.words, ...words])),
        ),
    );
  const own = view.folderScreens(folderOf(path), '.go');
  if (!own) return true;
  if (reaches(own, goPackageClause(text))) return true;
  const external = importPaths(text).filter((p) => p.includes('.'));
  if (!external.length) return false;
  const mod = goModuleIn(view, path);
  if (!mod) return true;
  for (const imp of external) {
    const folder = packageFolderIn(mod, imp);
    if (folder === undefined) continue;
    const screens = view.folderScreens(folder, '.go');
    if (!screens) return true;
    if (reaches(screens, undefined)) return true;
  }
  return false;
}
