// What a Java or Kotlin class does to trust, as one fact read the same way for the class's own file and,
// through its summary (engine/workspace), for the files that use it: a HostnameVerifier whose `verify`
// returns true accepts any host name; an X509TrustManager whose every `checkServerTrusted` accepts the
// chain trusts any certificate. And where an instance of such a class, named by its class, is handed to
// TLS (`setHostnameVerifier(new V())`, `SSLContext.init(null, new TrustManager[]{new T()}, null)`,
// `sslSocketFactory(f, T())`): the detectors report there, with the class's method as related location.
import type { Node } from 'web-tree-sitter';
import * as java from './languages/java';
import * as kotlin from './languages/kotlin';
import { TRUST_MANAGERS, implementsCheck, type ImplementingClass } from './jsse';
import type { RelatedLocation, SourceFile } from './types';
import { folderOf, joinPath, relatedAt, type FileSummary, type SummaryLocation, type TypeFact } from './workspace';

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
      const server = g.methods(cls.body, 'checkServerTrusted').filter(implementsCheck);
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
    const found = classSummary(file, name, (summary, real) => {
      const fact = summary.types?.[real]?.find((t) => t.kind === kind);
      return fact ? { summary, fact } : undefined;
    });
    if (found) return resolved(found.real, kind, found.hit);
    return undefined;
  });
}

function resolved(name: string, kind: TrustKind, hit: Hit): ResolvedTrustClass {
  return {
    name,
    supertype: hit.fact.supertype,
    object: !!hit.fact.object,
    related: relatedAt(hit.summary.path, hit.fact.at, related(name, kind, hit.summary.path)),
  };
}

/** Sibling modules searched for a package's folder (a build of more modules is cut). */
const MAX_OTHER_MODULES = 200;

/**
 * The package's folders in the build's other modules: the siblings of this file's module (the folder
 * above `src/<set>/<java|kotlin>`), each `<module>/src/<set>/<java|kotlin>/<package path>`. okhttp's
 * tests use a verifier of okhttp-testing-support, in the same package. Listed, never walked.
 */
function otherModules(file: SourceFile, pkg: string): string[] {
  const view = file.workspace;
  const own = folderOf(file.path);
  const mine = packageOf(file).replace(/\./g, '/');
  if (!view || !mine || !own.endsWith(mine)) return [];
  const root = own.slice(0, own.length - mine.length).replace(/\/$/, '');
  const m = /^(?:(.*)\/)?([^/]+)\/src\/[\w-]+\/(?:java|kotlin)$/.exec(root);
  if (!m) return [];
  const parent = m[1] ?? '';
  const out: string[] = [];
  for (const module of view.subfolders(parent).slice(0, MAX_OTHER_MODULES)) {
    if (module === m[2]) continue;
    const src = joinPath(parent, `${module}/src`);
    for (const set of view.subfolders(src))
      for (const lang of ['java', 'kotlin']) out.push(joinPath(src, `${set}/${lang}/${pkg.replace(/\./g, '/')}`));
  }
  return out;
}

type Hit = { summary: FileSummary; fact: TypeFact };

type Search = 'java' | 'by-name' | 'any-kt';

/**
 * The summary of another file that declares the class `name` as this file names it (imported, of this
 * package, or of a package imported on demand), for which `pick` finds what is wanted: where a Java class
 * is (`<Name>.java` under the package's folder, near then in the build's other modules) and a Kotlin one
 * (`<Name>.kt`, else any `.kt` file of the near folders).
 */
export function classSummary<T>(
  file: SourceFile,
  name: string,
  pick: (summary: FileSummary, real: string) => T | undefined,
  pkg?: string,
): { real: string; hit: T } | undefined {
  const view = file.workspace;
  if (!view) return undefined;
  const imports = file.language === 'kotlin' ? kotlin.importsOf(file) : java.importsOf(file);
  const imported = imports.names.get(name);
  const real = imported ? imported.slice(imported.lastIndexOf('.') + 1) : name;
  let qualifier = imported ? imported.slice(0, Math.max(0, imported.lastIndexOf('.'))) : undefined;
  // A nested class (`import org.postgresql.ssl.NonValidatingFactory.NonValidatingTM`): declared in its outer
  // class's file, of the package before it.
  const outer = qualifier && /(?:^|\.)([A-Z]\w*)$/.exec(qualifier)?.[1];
  if (outer && qualifier) qualifier = qualifier.slice(0, Math.max(0, qualifier.length - outer.length - 1));
  const fileName = outer ?? real;
  const packages =
    pkg !== undefined ? [pkg] : qualifier !== undefined ? [qualifier] : [packageOf(file), ...imports.wildcards];
  // The platform's own packages hold no project class.
  const project = packages.filter((p) => !/^(java|javax|kotlin|android|androidx|jdk|sun)(\.|$)/.test(p));
  const near = project.map((pkg) => ({ pkg, folders: packageFolders(file, pkg) }));
  // Then the package's folders in the project's other modules (okhttp's tests use a verifier of
  // okhttp-testing-support, in the same package), only when the near ones have nothing.
  const far = () => project.filter(Boolean).map((pkg) => ({ pkg, folders: otherModules(file, pkg) }));
  const byName: Search = file.language === 'kotlin' ? 'by-name' : 'java';
  const searches: [() => typeof near, Search][] = [
    [() => near, byName],
    [far, byName],
  ];
  if (file.language === 'kotlin') searches.push([() => near, 'any-kt']);
  const take = (s: FileSummary | undefined, pkg: string) =>
    s && (s.package ?? '') === pkg ? pick(s, real) : undefined;
  for (const [group, how] of searches)
    for (const { pkg, folders } of group())
      for (const folder of folders) {
        if (how === 'any-kt') {
          for (const s of view.folder(folder, '.kt')) {
            const hit = take(s, pkg);
            if (hit) return { real, hit };
          }
          continue;
        }
        const hit =
          take(view.module([joinPath(folder, `${fileName}.java`)]), pkg) ??
          (how === 'by-name' ? take(view.module([joinPath(folder, `${fileName}.kt`)]), pkg) : undefined);
        if (hit) return { real, hit };
      }
  return undefined;
}

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

/** Methods of collections, maps and caches: storing a trust instance hands it to nothing. */
const COLLECTION_METHODS = new Set([
  'put',
  'putIfAbsent',
  'add',
  'addAll',
  'offer',
  'push',
  'computeIfAbsent',
  'getOrDefault',
  'requireNonNull',
  'equals',
]);

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
        if (name && calls.includes(name)) return name;
        // A trust class constructed as a direct argument of any other method is handed on to TLS by it
        // (RabbitMQ's `useSslProtocol("TLSv1.2", new TrustEverythingTrustManager())`): what else takes one.
        // A collection's or cache's method only stores it (`factories.put(alias, new TrustingFactory())`).
        if (name && COLLECTION_METHODS.has(name)) return undefined;
        return name && n.type === 'argument_list' && n.parent?.id === p.id ? name : undefined;
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

/**
 * The summary's constants of a Java or Kotlin file, keyed by owner and name (`Constants.PROTOCOL`): Java
 * `static final` fields and interface fields; Kotlin top-level `val`s (by name alone), an `object`'s
 * (`O.NAME`) and a companion object's (`Outer.NAME`).
 */
export function summarizeJvmConstants(
  file: SourceFile,
  add: (name: Node, value: Node | null, key: string) => void,
): void {
  if (file.language === 'java') {
    for (const decl of file.nodes('field_declaration', 'constant_declaration')) {
      const owner = decl.parent?.parent;
      const ownerName = owner?.childForFieldName('name')?.text;
      if (!ownerName) continue;
      const mods = decl.namedChildren.find((c) => c?.type === 'modifiers')?.text ?? '';
      const constant =
        decl.type === 'constant_declaration' ||
        owner?.type === 'interface_declaration' ||
        (/\bstatic\b/.test(mods) && /\bfinal\b/.test(mods));
      for (const d of decl.childrenForFieldName('declarator')) {
        const name = d?.childForFieldName('name');
        if (name) add(name, constant ? (d.childForFieldName('value') ?? null) : null, `${ownerName}.${name.text}`);
      }
    }
    return;
  }
  for (const p of file.nodes('property_declaration')) {
    const v = kotlin.childOfType(p, 'variable_declaration');
    const name = v ? kotlin.childOfType(v, 'identifier', 'simple_identifier') : undefined;
    if (!name) continue;
    const body = p.parent;
    const holder = body?.type === 'class_body' ? body.parent : undefined;
    let key: string | undefined;
    if (p.parent?.type === 'source_file') key = name.text;
    else if (holder?.type === 'object_declaration') key = `${kotlin.declaredName(holder)}.${name.text}`;
    else if (holder?.type === 'companion_object') {
      const cls = holder.parent?.parent;
      if (cls?.type === 'class_declaration') key = `${kotlin.declaredName(cls)}.${name.text}`;
    }
    if (!key) continue;
    const kids = kotlin.named(p);
    const value = kids[kids.length - 1];
    // `val` only, with an initializer (no getter, no delegate).
    const isVal = /^(?:[\w@]+\s+)*val\b/.test(p.text);
    const ok = isVal && value && value !== v && value.type !== 'modifiers' && !/getter|delegate/.test(value.type);
    add(name, ok ? value : null, key);
  }
}

/**
 * A constant of another file's class or object that this file reads (`Constants.PROTOCOL`, a static
 * import `PROTOCOL`, Kotlin `Tls.PROTOCOL`), as a node of a small tree at `use` (engine/workspace).
 * `owner` is the class as written here, `pkg` a package when a static import names it.
 */
export function jvmConstant(file: SourceFile, owner: string, name: string, use: Node, pkg?: string): Node | undefined {
  const found = classSummary(
    file,
    owner,
    (summary, real) => {
      const c = summary.constants[`${real}.${name}`];
      return c ? { summary, c } : undefined;
    },
    pkg,
  );
  return found ? file.workspace?.valueNode(found.hit.c, found.hit.summary, use) : undefined;
}
