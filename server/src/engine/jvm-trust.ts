// What a Java or Kotlin class does to trust, as one fact read the same way for the class's own file and,
// through its summary (engine/workspace), for the files that use it: a HostnameVerifier whose `verify`
// returns true accepts any host name; an X509TrustManager whose every `checkServerTrusted` accepts the
// chain trusts any certificate. And where an instance of such a class, named by its class, is handed to
// TLS (`setHostnameVerifier(new V())`, `SSLContext.init(null, new TrustManager[]{new T()}, null)`,
// `sslSocketFactory(f, T())`): the detectors report there, with the class's method as related location.
import type { Node } from 'web-tree-sitter';
import * as java from './languages/java';
import * as kotlin from './languages/kotlin';
import { TRUST_MANAGERS, type ImplementingClass } from './jsse';
import type { RelatedLocation, SourceFile } from './types';
import { folderOf, joinPath, type FileSummary, type SummaryLocation, type TypeFact } from './workspace';

/** `accepts-any-host`: a HostnameVerifier that returns true; `trusts-any-chain`: a trust-all X509TrustManager. */
export type TrustKind = 'accepts-any-host' | 'trusts-any-chain';

export interface TrustClass {
  /** The declared simple name; undefined for anonymous classes and object expressions. */
  name: string | undefined;
  /** A Kotlin `object`: used by its name, not constructed. */
  object: boolean;
  kind: TrustKind;
  supertype: string;
  node: Node;
  /** The method that decides: `verify` or (the first) `checkServerTrusted`. */
  method: Node;
}

const METHOD: Record<TrustKind, string> = { 'accepts-any-host': 'verify', 'trusts-any-chain': 'checkServerTrusted' };

function grammarOf(file: SourceFile) {
  if (file.language === 'kotlin')
    return {
      implementing: kotlin.classesImplementing,
      methods: kotlin.functionsNamed,
      returnsTrue: kotlin.returnsTrueFunction,
      acceptsAll: kotlin.isNoOpFunction,
      name: (c: ImplementingClass) => (c.node.type === 'object_literal' ? undefined : kotlin.declaredName(c.node)),
    };
  return {
    implementing: java.classesImplementing,
    methods: java.methodsNamed,
    returnsTrue: (m: Node) => java.alwaysReturnsTrue(m.childForFieldName('body')),
    acceptsAll: java.acceptsEveryChain,
    name: (c: ImplementingClass) =>
      c.node.type === 'class_declaration' ? c.node.childForFieldName('name')?.text : undefined,
  };
}

/** The file's accept-all verifiers and trust-all managers (named, anonymous, objects). */
export function trustClasses(file: SourceFile): TrustClass[] {
  return file.memo('jvm.trustClasses', () => {
    if (file.language !== 'java' && file.language !== 'kotlin') return [];
    const g = grammarOf(file);
    const out: TrustClass[] = [];
    const add = (cls: ImplementingClass, kind: TrustKind, method: Node) =>
      out.push({
        name: g.name(cls),
        object: cls.node.type === 'object_declaration',
        kind,
        supertype: cls.supertype,
        node: cls.node,
        method,
      });
    for (const cls of g.implementing(file, ['HostnameVerifier'])) {
      const m = g.methods(cls.body, 'verify').find(g.returnsTrue);
      if (m) add(cls, 'accepts-any-host', m);
    }
    for (const cls of g.implementing(file, TRUST_MANAGERS)) {
      const server = g.methods(cls.body, 'checkServerTrusted');
      if (server.length > 0 && server.every(g.acceptsAll)) add(cls, 'trusts-any-chain', server[0]);
    }
    return out;
  });
}

/** The summary's part: the named trust classes, by simple name. */
export function summarizeTrustClasses(
  file: SourceFile,
  where: (start: number, end: number) => SummaryLocation,
): Record<string, TypeFact[]> {
  const out: Record<string, TypeFact[]> = {};
  for (const c of trustClasses(file)) {
    if (!c.name) continue;
    const name = c.method.childForFieldName('name') ?? kotlin.childOfType(c.method, 'identifier', 'simple_identifier');
    (out[c.name] ??= []).push({
      kind: c.kind,
      supertype: c.supertype,
      member: METHOD[c.kind],
      object: c.object || undefined,
      at: where(c.method.startIndex, (name ?? c.method).endIndex),
    });
  }
  return out;
}

/** A trust class a name resolves to: where its deciding method is, as a related location. */
export interface ResolvedTrustClass {
  name: string;
  supertype: string;
  /** A Kotlin `object` (used by its name). */
  object: boolean;
  related: RelatedLocation;
}

function related(name: string, kind: TrustKind, where: string | undefined): string {
  const what = kind === 'accepts-any-host' ? 'returns true' : 'accepts every certificate chain';
  return `\`${name}.${METHOD[kind]}\` ${what}${where ? ` in ${where}` : ''}`;
}

function packageOf(file: SourceFile): string {
  return file.language === 'kotlin' ? kotlin.packageOf(file) : java.packageOf(file);
}

/**
 * The folders a package's files may be in, seen from this file: its own folder for its own package, else
 * the package's path under this file's source root (the folder less the package's path), and under the
 * sibling roots of a Maven/Gradle layout (`src/test/java` sees `src/main/java` and `src/main/kotlin`).
 */
function packageFolders(file: SourceFile, pkg: string): string[] {
  const own = folderOf(file.path);
  const mine = packageOf(file);
  const minePath = mine.replace(/\./g, '/');
  let root: string | undefined;
  if (!mine) root = own;
  else if (own === minePath) root = '';
  else if (own.endsWith(`/${minePath}`)) root = own.slice(0, -minePath.length - 1);
  const roots = root === undefined ? [] : [root];
  const layout = root !== undefined ? /^(.*\/)?src\/([\w-]+)\/(java|kotlin)$/.exec(root) : null;
  if (layout)
    for (const set of ['main', 'test'])
      for (const lang of ['java', 'kotlin']) {
        const r = `${layout[1] ?? ''}src/${set}/${lang}`;
        if (!roots.includes(r)) roots.push(r);
      }
  const out = pkg === mine ? [own] : [];
  for (const r of roots) {
    const f = joinPath(r, pkg.replace(/\./g, '/'));
    if (!out.includes(f)) out.push(f);
  }
  return out;
}

/**
 * The trust class of a kind that a simple class name used in this file denotes: one of this file's, or
 * (through the workspace's summaries) one another file of the named package declares. Undefined when the
 * file declares another type of that name, or nothing is known.
 */
export function resolveTrustClass(file: SourceFile, name: string, kind: TrustKind): ResolvedTrustClass | undefined {
  const key = `jvm.trustClass:${kind}:${name}`;
  return file.memo(key, () => {
    const local = trustClasses(file).find((c) => c.name === name && c.kind === kind);
    if (local)
      return {
        name,
        supertype: local.supertype,
        object: local.object,
        related: {
          start: local.method.startIndex,
          end: local.method.endIndex,
          message: related(name, kind, undefined),
        },
      };
    if (declaresType(file, name)) return undefined;
    const view = file.workspace;
    if (!view) return undefined;
    const imports = file.language === 'kotlin' ? kotlin.importsOf(file) : java.importsOf(file);
    const imported = imports.names.get(name);
    const real = imported ? imported.slice(imported.lastIndexOf('.') + 1) : name;
    const packages = imported
      ? [imported.slice(0, Math.max(0, imported.lastIndexOf('.')))]
      : [packageOf(file), ...imports.wildcards];
    // The platform's own packages hold no project class.
    const project = packages.filter((p) => !/^(java|javax|kotlin|android|androidx|jdk|sun)(\.|$)/.test(p));
    const near = project.map((pkg) => ({ pkg, folders: packageFolders(file, pkg) }));
    // Then the package's folders in the project's other modules (okhttp's tests use a verifier of
    // okhttp-testing-support, in the same package), only when the near ones have nothing.
    const far = () =>
      project.filter(Boolean).map((pkg) => {
        const tried = new Set(near.find((n) => n.pkg === pkg)?.folders);
        const folders = view.foldersEndingWith(pkg.replace(/\./g, '/')).filter((f) => !tried.has(f));
        return { pkg, folders: folders.slice(0, MAX_OTHER_MODULES) };
      });
    // By file name first, near then far; a Kotlin class in a file of another name last, near only.
    const byName: Search = file.language === 'kotlin' ? 'by-name' : 'java';
    const searches: [() => typeof near, Search][] = [
      [() => near, byName],
      [far, byName],
    ];
    if (file.language === 'kotlin') searches.push([() => near, 'any-kt']);
    for (const [group, how] of searches)
      for (const { pkg, folders } of group())
        for (const folder of folders) {
          const hit = findIn(view, folder, pkg, real, kind, how);
          if (hit) return resolved(real, kind, hit);
        }
    return undefined;
  });
}

function resolved(name: string, kind: TrustKind, hit: Hit): ResolvedTrustClass {
  const at = hit.fact.at;
  return {
    name,
    supertype: hit.fact.supertype,
    object: !!hit.fact.object,
    related: {
      start: at.start,
      end: at.end,
      message: related(name, kind, hit.summary.path),
      file: {
        path: hit.summary.path,
        line: at.line,
        character: at.character,
        endLine: at.endLine,
        endCharacter: at.endCharacter,
      },
    },
  };
}

type View = NonNullable<SourceFile['workspace']>;

/** Other modules' folders of one package searched for a class (a build of more modules is cut). */
const MAX_OTHER_MODULES = 200;

type Hit = { summary: FileSummary; fact: TypeFact };

function factIn(s: FileSummary | undefined, pkg: string, name: string, kind: TrustKind): Hit | undefined {
  if (!s || (s.package ?? '') !== pkg) return undefined;
  const fact = s.types?.[name]?.find((t) => t.kind === kind);
  return fact ? { summary: s, fact } : undefined;
}

/**
 * A class in a package's folder: a Java class is in `<Name>.java`, a Kotlin class most often in
 * `<Name>.kt`; `everyKt` reads the folder's other `.kt` files (the last resort, near folders only).
 */
function findIn(view: View, folder: string, pkg: string, name: string, kind: TrustKind, how: Search): Hit | undefined {
  if (how === 'any-kt') {
    for (const s of view.folder(folder, '.kt')) {
      const hit = factIn(s, pkg, name, kind);
      if (hit) return hit;
    }
    return undefined;
  }
  const j = factIn(view.module([joinPath(folder, `${name}.java`)]), pkg, name, kind);
  if (j || how === 'java') return j;
  return factIn(view.module([joinPath(folder, `${name}.kt`)]), pkg, name, kind);
}

type Search = 'java' | 'by-name' | 'any-kt';

/** Whether the file declares a class, interface, enum or object of this name (it shadows any other). */
function declaresType(file: SourceFile, name: string): boolean {
  return file.memo(`jvm.declares:${name}`, () =>
    file
      .nodes(
        'class_declaration',
        'interface_declaration',
        'enum_declaration',
        'record_declaration',
        'object_declaration',
        'type_alias',
      )
      .some((d) => (file.language === 'kotlin' ? kotlin.declaredName(d) : d.childForFieldName('name')?.text) === name),
  );
}

/** Calls and constructors that take a verifier or a trust manager, and the declared types that hold one. */
const SINKS: Record<TrustKind, { calls: string[]; types: string[] }> = {
  'accepts-any-host': {
    calls: [
      'setHostnameVerifier',
      'setDefaultHostnameVerifier',
      'hostnameVerifier',
      'setSSLHostnameVerifier',
      'SSLConnectionSocketFactory',
      'SSLSocketFactory',
      'DefaultClientTlsStrategy',
      'SSLIOSessionStrategy',
    ],
    types: ['HostnameVerifier'],
  },
  'trusts-any-chain': {
    calls: ['init', 'sslSocketFactory', 'trustManager', 'setTrustManagers', 'trustManagers'],
    types: ['TrustManager', 'X509TrustManager', 'X509ExtendedTrustManager'],
  },
};

/** The tokens a detector needs in a file to look for uses (its pre-filter). */
export const TRUST_USE_TOKENS: Record<TrustKind, string[]> = {
  'accepts-any-host': ['HostnameVerifier', 'hostnameVerifier', 'SSLConnectionSocketFactory', 'SSLSocketFactory'],
  'trusts-any-chain': ['TrustManager', 'sslSocketFactory', 'trustManager'],
};

/** An instance of a trust class named by its class, handed to TLS. */
export interface TrustUse {
  /** The construction (`new V()`, `V()`) or the object's name. */
  node: Node;
  /** What takes it: the call's name or the declared type. */
  sink: string;
  cls: ResolvedTrustClass;
}

/** Where an expression ends up, through arrays, lists and parentheses: a sink's call name or declared type. */
function sinkOf(file: SourceFile, node: Node, kind: TrustKind): string | undefined {
  const { calls, types } = SINKS[kind];
  let n = node;
  for (let depth = 0; depth < 8 && n.parent; depth++) {
    const p: Node = n.parent;
    switch (p.type) {
      case 'parenthesized_expression':
      case 'cast_expression':
      case 'argument_list':
      case 'array_initializer':
      case 'value_argument':
      case 'value_arguments':
      case 'as_expression':
        break;
      case 'array_creation_expression': {
        const t = java.simpleTypeName(p.childForFieldName('type'));
        if (t && types.includes(t)) return `${t}[]`;
        break;
      }
      case 'method_invocation': {
        const name = p.childForFieldName('name')?.text;
        return name && calls.includes(name) ? name : undefined;
      }
      case 'object_creation_expression': {
        const t = java.simpleTypeName(p.childForFieldName('type'));
        return t && calls.includes(t) ? t : undefined;
      }
      case 'call_expression': {
        const c = kotlin.callOf(p);
        if (!c) return undefined;
        if (calls.includes(c.name)) return c.name;
        // `arrayOf(T())`, `listOf(T())`: the collection goes on up.
        if (!/^(arrayOf|listOf|mutableListOf|setOf)$/.test(c.name)) return undefined;
        break;
      }
      case 'binary_expression':
        // tree-sitter-kotlin reads `arrayOf<TrustManager>(T())` as comparisons.
        if (file.language !== 'kotlin' || !/^arrayOf\s*<\s*\w+\s*>\s*\(/.test(p.text)) return undefined;
        break;
      case 'variable_declarator': {
        const decl = p.parent;
        const t = java.simpleTypeName(decl?.childForFieldName('type'));
        const elem = decl?.childForFieldName('type')?.type === 'array_type' ? decl.childForFieldName('type') : null;
        const name = t ?? java.simpleTypeName(elem?.childForFieldName('element'));
        return name && types.includes(name) ? name : undefined;
      }
      case 'property_declaration': {
        const v = kotlin.childOfType(p, 'variable_declaration');
        const t = kotlin.simpleName(kotlin.childOfType(v, 'user_type', 'nullable_type'));
        return t && types.includes(t) ? t : undefined;
      }
      default:
        return undefined;
    }
    n = p;
  }
  return undefined;
}

/** Instances of this file's or other files' trust classes of a kind, named by their class, at a sink. */
export function trustUses(file: SourceFile, kind: TrustKind): TrustUse[] {
  const out: TrustUse[] = [];
  const consider = (node: Node, name: string | undefined, object: boolean) => {
    if (!name || !/^[A-Z]/.test(name)) return;
    const sink = sinkOf(file, node, kind);
    if (!sink) return;
    const cls = resolveTrustClass(file, name, kind);
    // A Kotlin object is used by its name, a class by its constructor.
    if (!cls || cls.object !== object) return;
    out.push({ node, sink, cls });
  };
  if (file.language === 'java') {
    for (const n of file.nodes('object_creation_expression')) {
      if (n.namedChildren.some((c) => c?.type === 'class_body')) continue;
      consider(n, java.simpleTypeName(n.childForFieldName('type')), false);
    }
  } else if (file.language === 'kotlin') {
    for (const c of kotlin.calls(file)) if (!c.receiver && !c.trailingLambda) consider(c.node, c.name, false);
    // `hostnameVerifier(AcceptAll)`: an object by its name, as an argument.
    for (const n of file.nodes('value_argument')) {
      const v = kotlin.named(n)[kotlin.named(n).length - 1];
      if ((v?.type === 'identifier' || v?.type === 'simple_identifier') && /^[A-Z]/.test(v.text))
        consider(v, v.text, true);
    }
  }
  return out;
}

/** The words a report uses for a use: the construction as written, shortened. */
export function writtenAs(node: Node): string {
  const t = node.text.replace(/\s+/g, ' ');
  return t.length <= 60 ? t : `${t.slice(0, 57)}...`;
}
