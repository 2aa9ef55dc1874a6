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
  isTrue,
  modulePackageFolder,
  packageName,
} from '../languages/go';
import type { SourceFile } from '../types';
import { folderOf, type FileSummary, type WorkspaceView } from '../workspace';
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

/** The non-test files of a package (a test file sees the package's test files too) defining a function. */
function definers(file: SourceFile, view: WorkspaceView, folder: string, name: string, pkg?: string): FileSummary[] {
  const isTest = /_test\.go$/.test(file.path);
  return view
    .folder(folder, '.go')
    .filter(
      (s) =>
        s.language === 'go' &&
        (pkg === undefined
          ? !/_test\.go$/.test(s.path)
          : s.package === pkg && (isTest || !/_test\.go$/.test(s.path))) &&
        !!s.functions?.includes(name),
    );
}

/** The function a callee names: this file's own, the package's other file's, or another package's of the module. */
function target(
  file: SourceFile,
  view: WorkspaceView,
  callee: Node,
  own: Map<string, Node>,
): { name: string; summary?: FileSummary } | undefined {
  const known = file.memo('calls.go.targets', () => new Map<string, { name: string; summary?: FileSummary } | null>());
  const remembered = (compute: () => { name: string; summary?: FileSummary } | undefined) => {
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
      return hits.length === 1 ? { name: callee.text, summary: hits[0] } : undefined;
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
    return hits.length === 1 ? { name: field, summary: hits[0] } : undefined;
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
    if (fn) out.push(...constantCallSites(callee, fn, constants));
  }
  return out;
}
