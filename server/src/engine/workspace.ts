// Across files: per-file summaries (what a module exports that a detector may need: constant values),
// joined by the engine when a detector asks for a name another file defines. Pure: the hosts read files,
// summarise them (`summarize`) and hand a `WorkspaceIndex` to `lint`; the engine never reads a file. A lint
// records what it asked for and could not answer from the index (`LintResult.wanted`), so a host can load
// exactly those summaries and lint again, and what answered (`LintResult.dependsOn`), so a cache can key on
// the summaries a file depends on.
import type { Node, Tree } from 'web-tree-sitter';
import { LANGUAGES, languageOf } from './languages';
import { BudgetExceeded, Deadline, ParserFailed, parse, type Grammars } from './parser';
import { LineIndex } from './text';
import { summarizeJvmConstants, summarizeTrustClasses } from './jvm-trust';
import { summarizeRustVerifiers } from './rust-verifiers';
import { summarizeCsharpCallbacks } from './languages/csharp';
import { packageOf as javaPackageOf } from './languages/java';
import { jsModuleFunctions } from './languages/javascript/functions';
import { packageOf as kotlinPackageOf } from './languages/kotlin';
import { DEFAULT_SETTINGS, type LanguageId, type RelatedLocation, type SourceFile } from './types';
import { jsModuleCandidates, pythonModuleCandidates } from './module-paths';
import { folderOf, normalizePath } from './paths';

export { folderOf, joinPath, normalizePath } from './paths';

/** A place in another file: offsets and 0-based line/character (UTF-16), so no host needs its text. */
export interface SummaryLocation {
  start: number;
  end: number;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

/** A related location at `at` in the file a summary names (`path`); no `path`: in the file linted. */
export function relatedAt(path: string | undefined, at: SummaryLocation, message: string): RelatedLocation {
  const { start, end, line, character, endLine, endCharacter } = at;
  return {
    start,
    end,
    message,
    ...(path === undefined ? {} : { file: { path, line, character, endLine, endCharacter } }),
  };
}

/** A module-level constant: its name and the source text of its value (a literal, or a dotted name). */
export interface ExportedConstant {
  name: string;
  /** The value as written (`False`, `"CERT_NONE"`, `tls.VersionTLS10`). */
  text: string;
  /** The value's place in its file. */
  at: SummaryLocation;
}

/**
 * A fact about a type a file declares, that another file using the type by name needs (a Java/Kotlin
 * HostnameVerifier whose `verify` returns true: `accepts-any-host`, see engine/jvm-trust).
 */
export interface TypeFact {
  kind: string;
  /** The supertype the fact is about (`HostnameVerifier`, `X509TrustManager`). */
  supertype: string;
  /** The member that decides (`verify`), whose place `at` is. */
  member: string;
  /** A Kotlin `object` (used by its name, never constructed). */
  object?: boolean | undefined;
  at: SummaryLocation;
}

/** What one file offers to the others. Plain data (hosts cache it, workers post it). */
export interface FileSummary {
  /** The file's path as the host names it to the engine (relative to the project folder, `/`-separated). */
  path: string;
  language: LanguageId;
  /**
   * Go: the package clause's name (files of one folder and package share their package-level names).
   * Java and Kotlin: the declared package (`a.b`, '' for none).
   */
  package?: string | undefined;
  /**
   * Module-level constants by name (a name bound more than once at module level is left out). An object's
   * constant members have dotted names (`tls.insecure` for `module.exports = { tls: { insecure: true } }`).
   */
  constants: Record<string, ExportedConstant>;
  /** Names taken from another module and offered as this one's: `from .base import X`, `export { X } from`. */
  reexports?: Record<string, Reexport>;
  /** Modules whose public names this one offers: `from .base import *`, `export * from './base'`. */
  stars?: string[][];
  /** Python's `__all__`, when it is a literal list of names: all that `from m import *` takes. */
  all?: string[];
  /** Types by simple name, with what is known of them (Java, Kotlin). */
  types?: Record<string, TypeFact[]> | undefined;
  /** Module-level functions with parameters (their sinks are asked for per call: `WorkspaceIndex.sinks`). */
  functions?: string[];
}

/** A parameter of a module-level function taken to hold a constant (`verify` of `make_session` = `False`). */
export interface Probe {
  function: string;
  /** The parameter by name (a keyword argument), or by position (`index`, 0-based). */
  param?: string | undefined;
  index?: number | undefined;
  /** The constant as written at the call site (`False`, `ssl.CERT_NONE`, `"CERT_NONE"`). */
  text: string;
}

/** A sink a probed parameter reaches: what the detector there reports when the parameter holds the value. */
export interface SinkHit {
  rule: string;
  detector: string;
  message: string;
  /** The parameter's name. */
  param: string;
  /** The sink's place and text (what the finding shows as its related location). */
  at: SummaryLocation;
  text: string;
}

export function probeKey(p: Probe): string {
  return `${p.function}\0${p.param ?? ''}\0${p.index ?? ''}\0${p.text}`;
}

/** A name another module defines, offered by this one: the module's candidate files and its name there. */
export interface Reexport {
  candidates: string[];
  name: string;
}

/**
 * What a lint needs from other files: one module, found at the first of `candidates` that exists
 * (`pkg/settings.py`, `pkg/settings/__init__.py`), or every file of a folder with an extension (a Go package).
 */
export type Dependency =
  { kind: 'module'; candidates: string[] } | { kind: 'folder'; folder: string; extension: string };

/**
 * The summaries a host hands to `lint`. The hosts answer lazily (they read and summarise a file when the
 * engine first names it, so a lint is one pass); the engine does no I/O itself. A path the index cannot
 * answer for (undefined) is asked for in `LintResult.wanted`.
 */
export interface WorkspaceIndex {
  /** The summary of the file at a path (relative to the project folder), 'absent' when there is none. */
  lookup(path: string): FileSummary | 'absent' | undefined;
  /** The summaries of the files of a folder with an extension (a Go package), in path order. */
  folder(folder: string, extension: string): FileSummary[] | undefined;
  /**
   * The sinks a parameter of a function of the file at a path reaches with a constant (engine/calls: the
   * host lints that file with the probe). Undefined when the index has no file texts (no sinks are known).
   */
  sinks?(path: string, probe: Probe): SinkHit[] | undefined;
  /**
   * The names of a folder's sub-folders, sorted: the other modules of a multi-module build, where a JVM
   * package may live too. Optional: without it, none.
   */
  subfolders?(folder: string): string[] | undefined;
  /**
   * A cheap read of the file at a path (`screenText`, no parse), 'absent' when there is none: a call of one
   * of its functions is looked into (summary, probe lint) only when the screen says a sink may be there.
   * Optional: without it (or undefined for a path), every call is looked into.
   */
  screen?(path: string): TextScreen | 'absent' | undefined;
  /**
   * The paths of a folder's files with an extension (a Go package), in path order, without reading them:
   * with `screen`, a call of a package function is matched to its file by the files' screens, and only that
   * file is summarised. Optional: without it, `folder` summarises every file.
   */
  folderPaths?(folder: string, extension: string): string[] | undefined;
}

/**
 * What a file's text alone tells about calls of its functions (engine/calls), read without parsing it:
 * a probe lint of the file finds no sink unless a detector's words are in its text or the constant's.
 */
export interface TextScreen {
  /** The detectors' words (tokens, `alsoTokens`) of its language that the text holds. */
  words: string[];
  /**
   * Its import statements as read without parsing (Python's: engine/calls/python `PythonImport`): `names`
   * holds every name a `from` statement may bind (more than it re-exports, never fewer), so a function it
   * offers from another module is named in one, or comes through a star.
   */
  imports: { level: number; module: string; names: string[]; star?: boolean; plain?: boolean }[];
  /**
   * Its top-level functions, each with the words of its text (read without parsing, Python's: engine/calls
   * `pythonFunctionSpans`): a probe of a function runs only the detectors whose words its text or the
   * constant's holds. Undefined: not known (every word of the file counts for every function).
   */
  functions?: { name: string; words: string[] }[];
  /**
   * The words of the texts a caller may copy a constant from (`pythonConstantTexts`), by the top-level name
   * they are assigned to (a name with none is left out); undefined: `words`, whatever the name.
   */
  constantWords?: Record<string, string[]>;
  /** The names it assigns at the top level (`pythonAssignedNames`): its summary's constants are among them. */
  assigned?: string[];
  /** Its package clause (Go), read without parsing. */
  package?: string;
}

/** An index of given summaries (tests, and hosts that collect them first): paths not given are absent. */
export function staticIndex(summaries: Iterable<FileSummary>): WorkspaceIndex {
  const byPath = new Map<string, FileSummary>();
  for (const s of summaries) byPath.set(s.path, s);
  return {
    lookup: (p) => byPath.get(p) ?? 'absent',
    folder: (folder, extension) =>
      [...byPath.values()]
        .filter((s) => folderOf(s.path) === folder && s.path.endsWith(extension))
        .sort((a, b) => a.path.localeCompare(b.path)),
    subfolders: (folder) => {
      const out = new Set<string>();
      for (const p of byPath.keys()) {
        const rest = folder ? (p.startsWith(`${folder}/`) ? p.slice(folder.length + 1) : undefined) : p;
        if (rest?.includes('/')) out.add(rest.slice(0, rest.indexOf('/')));
      }
      return [...out].sort();
    },
  };
}

/** A summary's place in the dependencies of a finding: a path and its summary's hash, or absent. */
export interface DependencyState {
  path: string;
  /** `summaryHash` of the summary used, or undefined when the path had no file. */
  hash?: string;
}

export function folderKey(folder: string, extension: string): string {
  return `${folder}\0${extension}`;
}

export function dependencyKey(d: Dependency): string {
  return d.kind === 'module' ? `m:${d.candidates.join('|')}` : `f:${folderKey(d.folder, d.extension)}`;
}

/** A stable text of a summary (what depends on it); hosts hash it for their caches. */
export function summaryText(s: FileSummary): string {
  const constants = Object.keys(s.constants)
    .sort()
    .map((k) => `${k}=${s.constants[k].text}@${s.constants[k].at.start}`);
  const reexports = Object.keys(s.reexports ?? {})
    .sort()
    .map((k) => `${k}=${s.reexports![k].candidates.join('|')}:${s.reexports![k].name}`);
  const types = Object.keys(s.types ?? {})
    .sort()
    .map(
      (k) =>
        `${k}:${s.types![k].map((t) => `${t.kind}/${t.supertype}/${t.object ? 'o' : ''}@${t.at.start}`).join(',')}`,
    );
  return JSON.stringify([
    s.path,
    s.language,
    s.package ?? '',
    constants,
    reexports,
    s.stars ?? [],
    s.all ?? null,
    s.functions ?? [],
    types,
  ]);
}

/** Hashes by summary object: a summary is plain data no one changes once made, and a lint asks for each often. */
const hashes = new WeakMap<FileSummary, string>();

/** A short, stable hash of a summary (FNV-1a 64 in two halves; the engine has no crypto). */
export function summaryHash(s: FileSummary): string {
  let hash = hashes.get(s);
  if (hash === undefined) hashes.set(s, (hash = hashOf(summaryText(s))));
  return hash;
}

function hashOf(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

const screenHashes = new WeakMap<TextScreen, string>();

/** A short, stable hash of a text screen (what a call that stopped at it depends on). */
export function screenHash(s: TextScreen): string {
  let hash = screenHashes.get(s);
  if (hash === undefined)
    screenHashes.set(
      s,
      (hash = `screen:${hashOf(JSON.stringify([s.words, s.imports, s.functions ?? null, s.constantWords ?? null, s.assigned ?? null, s.package ?? null]))}`),
    );
  return hash;
}

/** How many modules a re-exported name is followed through. */
const MAX_REEXPORT_DEPTH = 6;
/** How many import statements deep `offersThrough` follows a name (further than summaries are followed). */
const MAX_FOLLOWED_IMPORTS = MAX_REEXPORT_DEPTH + 2;

/**
 * Where an import statement of a module (its path) takes a name from: the candidates of the module it names
 * and the names it may have there (an alias's original too); undefined when it cannot tell.
 */
export type FollowImport = (
  from: string,
  statement: TextScreen['imports'][number],
  name: string,
) => { candidates: string[]; names: string[] } | undefined;

/** A constant and the summary of the module that defines it. */
export interface ForeignConstant {
  constant: ExportedConstant;
  summary: FileSummary;
}

/** Whether two languages import each other's modules (JavaScript and TypeScript do). */
export function sameFamily(a: LanguageId, b: LanguageId): boolean {
  const js = (l: LanguageId) => l === 'javascript' || l === 'typescript' || l === 'tsx';
  return a === b || (js(a) && js(b));
}

/** A value found in another file, as a detector sees it: a node of a small tree of its own. */
export interface ForeignValue {
  constant: ExportedConstant;
  summary: FileSummary;
  /** The range in this file whose name resolved to it (where a finding about it is reported). */
  use: { start: number; end: number };
  /** A probe's value (engine/calls), not a constant of another file. */
  probe?: boolean;
}

/**
 * One lint's view of the workspace: answers from the index, records what it could not answer and what
 * answered, and turns constants into nodes the detectors can read (`valueNode`).
 */
export class WorkspaceView {
  readonly wanted = new Map<string, Dependency>();
  readonly used = new Map<string, DependencyState>();
  /** Trees parsed for foreign values, with where each value came from. */
  readonly foreign = new Map<Tree, ForeignValue>();
  private readonly byUse = new Map<string, Node | null>();

  constructor(
    readonly index: WorkspaceIndex | undefined,
    readonly path: string,
    readonly language: LanguageId,
    private readonly parseSnippet: (text: string) => Tree | undefined,
    /**
     * Whether a probe with this constant's text may find a sink in a function whose text holds the words
     * `body` (the detectors' words), in a file holding the words `file` (lint.ts).
     */
    private readonly reaches?: (body: readonly string[], file: readonly string[], text: string) => boolean,
  ) {}

  /** This file's path as the index names it (candidates equal to it are this very file). */
  private selfPath?: string;

  private get self(): string {
    return (this.selfPath ??= normalizePath(this.path.replace(/\\/g, '/')));
  }

  /**
   * Whether calling the function `name` of a module (its candidate files) with a constant may reach a sink,
   * from the module's text screen alone: false when neither its text nor the constant's holds the words a
   * detector needs, and no import statement of it names `name` (so it is not offered from elsewhere). True
   * whenever the index cannot tell. The module is a dependency either way (an edit may add a sink).
   */
  /**
   * The text screen of a module: the first of its candidates with a file, 'absent' when none has one (or it
   * is this file), undefined when the index cannot tell. What it read is a dependency.
   */
  screenOf(candidates: string[]): { path: string; screen: TextScreen } | 'absent' | undefined {
    if (!this.index?.screen) return undefined;
    const self = this.self;
    for (const c of candidates) {
      if (c === self) return 'absent';
      const s = this.index.screen(c);
      if (s === undefined) return undefined;
      if (s === 'absent') {
        if (!this.used.has(c)) this.used.set(c, { path: c });
        continue;
      }
      if (!this.used.has(c)) this.used.set(c, { path: c, hash: screenHash(s) });
      return { path: c, screen: s };
    }
    return 'absent';
  }

  maySink(candidates: string[], name: string, text: string): boolean {
    if (!this.reaches || !this.index?.screen) return true;
    const self = this.self;
    for (const c of candidates) {
      if (c === self) return true;
      const s = this.index.screen(c);
      if (s === undefined) return true;
      if (s === 'absent') continue;
      if (s.imports.some((i) => !i.plain && (i.star || i.names.includes(name)))) return true;
      // Only the function's own words decide which detectors a probe of it runs (its library's, the file's).
      const body = s.functions ? s.functions.filter((f) => f.name === name).flatMap((f) => f.words) : s.words;
      if (this.reaches(body, s.words, text)) return true;
      if (!this.used.has(c)) this.used.set(c, { path: c, hash: screenHash(s) });
      return false;
    }
    return true;
  }

  /**
   * `maySink`, with the module's import statements that may bind the name (`from .x import name`, a star)
   * followed through the screens of the modules they name, as `function` follows re-exports through summaries,
   * instead of taking any such statement for a possible sink: false only when neither the module nor any
   * module it may take the name from (under the names `follow` gives: an alias's original too) may reach a
   * sink with this constant. Every screen read is a dependency.
   */
  maySinkThrough(candidates: string[], name: string, text: string, follow: FollowImport): boolean {
    const reaches = this.reaches;
    if (!reaches) return true;
    return this.offersThrough(candidates, name, follow, (s, n) => {
      // Only the function's own words decide which detectors a probe of it runs (its library's, the file's).
      const body = s.functions ? s.functions.filter((f) => f.name === n).flatMap((f) => f.words) : s.words;
      return reaches(body, s.words, text);
    });
  }

  /**
   * Whether a module (its candidate files) may offer a constant by this name (`constant`): a name it assigns
   * at the top level, or one it takes from a module that does, its import statements that may bind the name
   * followed through the screens of the modules they name (as `constant` follows re-exports through
   * summaries). So a name imported from a module that holds no such constant costs no summary. Every screen
   * read is a dependency.
   */
  mayHoldConstantThrough(candidates: string[], name: string, follow: FollowImport): boolean {
    return this.offersThrough(candidates, name, follow, (s, n) => !s.assigned || s.assigned.includes(n));
  }

  /**
   * Whether a module (its candidate files), or one it may take the name from, offers the name as `offers`
   * tells from its screen; true whenever a screen or a statement's source cannot be told.
   */
  private offersThrough(
    candidates: string[],
    name: string,
    follow: FollowImport,
    offers: (s: TextScreen, name: string) => boolean,
    depth = 0,
    seen = new Set<string>(),
  ): boolean {
    if (!this.index?.screen) return true;
    const self = this.self;
    for (const c of candidates) {
      if (c === self) return true;
      const s = this.index.screen(c);
      if (s === undefined) return true;
      if (s === 'absent') {
        if (!this.used.has(c)) this.used.set(c, { path: c });
        continue;
      }
      // A module and name looked at before (an import cycle) answers as it does there.
      const key = `${c}\0${name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      if (!this.used.has(c)) this.used.set(c, { path: c, hash: screenHash(s) });
      if (offers(s, name)) return true;
      for (const i of s.imports) {
        if (i.plain || !(i.star || i.names.includes(name))) continue;
        if (depth >= MAX_FOLLOWED_IMPORTS) return true;
        const next = follow(c, i, name);
        if (!next) return true;
        for (const n of next.names)
          if (this.offersThrough(next.candidates, n, follow, offers, depth + 1, seen)) return true;
      }
      return false;
    }
    // No file: the module is no project's, and `module` finds nothing either (nor, on the way, `definer`).
    return depth === 0;
  }

  /**
   * Whether a module (its candidate files) may offer a function by this name: one of its top-level
   * functions, or a name an import statement of it may bind (from its screen alone; true when unknown).
   * The module is a dependency when it offers none (an edit may add one).
   */
  mayDefine(candidates: string[], name: string): boolean {
    return this.mayOffer(candidates, name, (s) => !s.functions || s.functions.some((f) => f.name === name));
  }

  private mayOffer(candidates: string[], name: string, defines: (s: TextScreen) => boolean): boolean {
    if (!this.index?.screen) return true;
    const self = this.self;
    for (const c of candidates) {
      if (c === self) return true;
      const s = this.index.screen(c);
      if (s === undefined) return true;
      if (s === 'absent') {
        if (!this.used.has(c)) this.used.set(c, { path: c });
        continue;
      }
      if (defines(s)) return true;
      if (s.imports.some((i) => !i.plain && (i.star || i.names.includes(name)))) return true;
      if (!this.used.has(c)) this.used.set(c, { path: c, hash: screenHash(s) });
      return false;
    }
    // No file: the module is no project's, and `module` finds nothing either.
    return true;
  }

  /** The summary of a module: the first candidate with a file, undefined when none (or not known yet). */
  module(candidates: string[]): FileSummary | undefined {
    const self = this.self;
    for (const c of candidates) {
      if (c === self) return undefined;
      const s = this.index?.lookup(c);
      if (s && s !== 'absent') {
        this.used.set(c, { path: c, hash: summaryHash(s) });
        return s;
      }
      if (s === 'absent') {
        this.used.set(c, { path: c });
        continue;
      }
      const d: Dependency = { kind: 'module', candidates };
      this.wanted.set(dependencyKey(d), d);
      return undefined;
    }
    return undefined;
  }

  /**
   * A name a module offers, followed through its re-exports (`from .base import X`, `export * from`) to the
   * module that defines it, at most a few modules deep: the constant and its defining module's summary.
   */
  constant(summary: FileSummary, name: string): ForeignConstant | undefined {
    const hit = this.definer(summary, name, (s, n) => !!s.constants[n]);
    return hit ? { constant: hit.summary.constants[hit.name], summary: hit.summary } : undefined;
  }

  /** A module-level function a module offers (through its re-exports): the defining module and its name there. */
  function(summary: FileSummary, name: string): { summary: FileSummary; name: string } | undefined {
    return this.definer(summary, name, (s, n) => !!s.functions?.includes(n));
  }

  /** The module that defines a name a module offers, followed through re-exports a few modules deep. */
  private definer(
    summary: FileSummary,
    name: string,
    defines: (s: FileSummary, name: string) => boolean,
    depth = 0,
    seen = new Set<string>(),
  ): { summary: FileSummary; name: string } | undefined {
    if (defines(summary, name)) return { summary, name };
    if (summary.constants[name] || depth >= MAX_REEXPORT_DEPTH || seen.has(summary.path)) return undefined;
    seen.add(summary.path);
    const next = summary.reexports?.[name];
    if (next) {
      const s = this.module(next.candidates);
      return s && sameFamily(s.language, summary.language)
        ? this.definer(s, next.name, defines, depth + 1, seen)
        : undefined;
    }
    for (const candidates of summary.stars ?? []) {
      const s = this.module(candidates);
      if (!s || !sameFamily(s.language, summary.language)) continue;
      if (s.all ? !s.all.includes(name) : name.startsWith('_')) continue;
      const hit = this.definer(s, name, defines, depth + 1, seen);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The sinks a parameter of a function of another file reaches with a constant (none when unknown). */
  sinks(summary: FileSummary, probe: Probe): SinkHit[] {
    const hits = this.index?.sinks?.(summary.path, probe) ?? [];
    this.used.set(summary.path, { path: summary.path, hash: summaryHash(summary) });
    return hits;
  }

  /**
   * A node for a probe's constant (engine/calls), read where `use` (a parameter's name at a sink) names
   * it: a foreign value whose summary is this file's own, marked as the probe.
   */
  probeNode(text: string, use: Node): Node | undefined {
    const self: FileSummary = {
      path: this.self,
      language: this.language,
      constants: {},
    };
    const constant: ExportedConstant = { name: use.text, text, at: location(new LineIndex(''), 0, 0) };
    const node = this.valueNode(constant, self, use);
    if (node) {
      const v = this.foreign.get(node.tree);
      if (v) v.probe = true;
    }
    return node;
  }

  /** The summaries of the other files of a folder with an extension, or [] when not known yet. */
  folder(folder: string, extension: string): FileSummary[] {
    const key = folderKey(folder, extension);
    const all = this.index?.folder(folder, extension);
    if (!all) {
      const d: Dependency = { kind: 'folder', folder, extension };
      this.wanted.set(dependencyKey(d), d);
      return [];
    }
    const self = this.self;
    const out: FileSummary[] = [];
    for (const s of all) {
      if (s.path === self) continue;
      out.push(s);
      this.used.set(s.path, { path: s.path, hash: summaryHash(s) });
    }
    // A file added to the folder later changes the answer: the folder itself is a dependency.
    this.used.set(key, { path: key, hash: out.map((s) => s.path).join('|') });
    return out;
  }

  /**
   * The text screens of the other files of a folder with an extension (`WorkspaceIndex.folderPaths`), or
   * undefined when the index cannot list or screen them (then `folder` is the way). Each screen read and
   * the folder's listing are dependencies.
   */
  folderScreens(folder: string, extension: string): { path: string; screen: TextScreen }[] | undefined {
    const paths = this.index?.folderPaths?.(folder, extension);
    if (!paths || !this.index?.screen) return undefined;
    const self = this.self;
    const out: { path: string; screen: TextScreen }[] = [];
    for (const p of paths) {
      if (p === self) continue;
      const s = this.index.screen(p);
      if (s === undefined) return undefined;
      if (s === 'absent') continue;
      out.push({ path: p, screen: s });
      if (!this.used.has(p)) this.used.set(p, { path: p, hash: screenHash(s) });
    }
    const key = folderKey(folder, extension);
    this.used.set(key, { path: key, hash: out.map((x) => x.path).join('|') });
    return out;
  }

  /** A folder's sub-folders (see `WorkspaceIndex.subfolders`); a folder made later changes the answer. */
  subfolders(folder: string): string[] {
    const found = this.index?.subfolders?.(folder) ?? [];
    this.used.set(`${folder}\0/`, { path: `${folder}\0/`, hash: found.join('|') });
    return found;
  }

  /**
   * A node for a constant of another file, read where `use` (a node of this file) names it: a small tree
   * of the value's text in this file's grammar. Detectors read it like any value (`false`, a string); the
   * engine reports a finding whose node is in such a tree at `use`, with the definition as a related
   * location, and drops fixes that would edit it.
   */
  valueNode(constant: ExportedConstant, summary: FileSummary, use: Node): Node | undefined {
    const key = `${use.startIndex}:${use.endIndex}:${summary.path}:${constant.name}`;
    const hit = this.byUse.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const wrapped = SNIPPETS[LANGUAGES[this.language].grammar ?? ''];
    let node: Node | null = null;
    if (wrapped) {
      const tree = this.parseSnippet(wrapped.before + constant.text + wrapped.after);
      if (tree) {
        node = tree.rootNode.descendantForIndex(wrapped.before.length, wrapped.before.length + constant.text.length);
        // The node spanning exactly the value.
        while (
          node?.parent &&
          node.parent.type !== 'expression_list' &&
          node.parent.startIndex === wrapped.before.length &&
          node.parent.endIndex === wrapped.before.length + constant.text.length
        )
          node = node.parent;
        if (!node || node.hasError || node.startIndex !== wrapped.before.length) node = null;
        this.foreign.set(tree, { constant, summary, use: { start: use.startIndex, end: use.endIndex } });
      }
    }
    this.byUse.set(key, node);
    return node ?? undefined;
  }

  /** Where a node of a foreign tree came from, or undefined for this file's own nodes. */
  origin(node: Node): ForeignValue | undefined {
    return this.foreign.size ? this.foreign.get(node.tree) : undefined;
  }
}

/** How a value's text is made a parseable program in each grammar (the value is then found by offsets). */
const SNIPPETS: Record<string, { before: string; after: string }> = {
  python: { before: '_ = ', after: '\n' },
  javascript: { before: '_ = ', after: ';\n' },
  typescript: { before: '_ = ', after: ';\n' },
  tsx: { before: '_ = ', after: ';\n' },
  go: { before: 'package p\nvar _ = ', after: '\n' },
  java: { before: 'class _ {\n  Object _ = ', after: ';\n}\n' },
  kotlin: { before: 'val _ = ', after: '\n' },
  ruby: { before: '_ = ', after: '\n' },
  php: { before: '<?php $_ = ', after: ';\n' },
};

function location(lines: LineIndex, start: number, end: number): SummaryLocation {
  const a = lines.positionAt(start);
  const b = lines.positionAt(end);
  return { start, end, line: a.line, character: a.character, endLine: b.line, endCharacter: b.character };
}

/** Value node types a summary keeps: literals and dotted names, per grammar. */
const VALUE_TYPES: Record<string, RegExp> = {
  python: /^(true|false|none|integer|float|string|concatenated_string|attribute|unary_operator)$/,
  javascript: /^(true|false|null|undefined|number|string|template_string|member_expression|unary_expression)$/,
  go: /^(true|false|nil|int_literal|float_literal|interpreted_string_literal|raw_string_literal|selector_expression|unary_expression)$/,
  java: /^(true|false|null_literal|decimal_integer_literal|string_literal|field_access|unary_expression)$/,
  kotlin: /^(boolean_literal|integer_literal|string_literal|navigation_expression)$/,
};
VALUE_TYPES.typescript = VALUE_TYPES.javascript;
VALUE_TYPES.tsx = VALUE_TYPES.javascript;

/** Whether a value node is a constant a summary can carry (no calls, no interpolation, short). */
function carriable(grammar: string, value: Node): boolean {
  if (value.text.length > 400 || value.hasError) return false;
  if (!VALUE_TYPES[grammar]?.test(value.type)) return false;
  if (/substitution|interpolat/.test(value.toString())) return false;
  if (/attribute|member_expression|selector_expression|field_access|navigation_expression/.test(value.type))
    return /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/.test(value.text);
  if (/unary/.test(value.type)) return /^[-!]\s*(true|false|[\d.]+)$|^not\s+(True|False)$/.test(value.text);
  return true;
}

export interface SummarizeInput {
  text: string;
  path: string;
  language?: LanguageId;
  /** A time budget in ms (none by default). */
  budgetMs?: number;
}

/** The languages whose files have summaries. */
export function summarizes(language: LanguageId | undefined): boolean {
  return (
    language === 'python' ||
    language === 'javascript' ||
    language === 'typescript' ||
    language === 'tsx' ||
    language === 'go' ||
    language === 'java' ||
    language === 'kotlin' ||
    language === 'rust' ||
    language === 'csharp' ||
    language === 'gomod'
  );
}

/** go.mod's `module` path (`module example.com/app`, quoted or not), or undefined. */
export function goModulePathOf(text: string): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*module\s+"?([^\s"/][^\s"]*)"?\s*(\/\/.*)?$/.exec(raw);
    if (m) return m[1];
  }
  return undefined;
}

/** Summarises one file: its module-level constants (and Go's package). Pure; undefined for other languages. */
export function summarize(input: SummarizeInput, grammars: Grammars): FileSummary | undefined {
  const language = input.language ?? languageOf(input.path);
  if (!summarizes(language)) return undefined;
  // go.mod: the module path, as the package of the summary (Go imports name folders under it).
  if (language === 'gomod')
    return {
      path: normalizePath(input.path.replace(/\\/g, '/')),
      language,
      package: goModulePathOf(input.text),
      constants: {},
    };
  const grammar = LANGUAGES[language!].grammar;
  const lang = grammar ? grammars.get(grammar) : undefined;
  if (!grammar || !lang) return undefined;
  const path = normalizePath(input.path.replace(/\\/g, '/'));
  const out: FileSummary = { path, language: language!, constants: {} };
  let tree: Tree | undefined;
  try {
    tree = parse(lang, input.text, undefined, Deadline.after(input.budgetMs));
  } catch (e) {
    // Past the budget, or tree-sitter failed (a wasm abort): a summary of nothing.
    if (e instanceof BudgetExceeded || e instanceof ParserFailed) return out;
    throw e;
  }
  if (!tree) return out;
  try {
    const lines = new LineIndex(input.text);
    const seen = new Map<string, number>();
    const add = (name: Node | null | undefined, value: Node | null | undefined, as?: string) => {
      if (!name) return;
      const n = as ?? name.text;
      seen.set(n, (seen.get(n) ?? 0) + 1);
      if (!value || !carriable(grammar, value)) return;
      out.constants[n] = { name: n, text: value.text, at: location(lines, value.startIndex, value.endIndex) };
    };
    const root = tree.rootNode;
    const reexport = (local: Node, candidates: string[], name: string) => {
      add(local, null);
      if (candidates.length) (out.reexports ??= {})[local.text] = { candidates, name };
    };
    const star = (candidates: string[]) => {
      if (candidates.length) (out.stars ??= []).push(candidates);
    };
    const fn = (name: string) => {
      const list = (out.functions ??= []);
      if (!list.includes(name)) list.push(name);
    };
    const exports: Exports = { reexport, star, fn };
    if (grammar === 'java' || grammar === 'kotlin') {
      const file = summaryFile(input.text, path, language!, tree);
      out.package = language === 'kotlin' ? kotlinPackageOf(file) : javaPackageOf(file);
      out.types = summarizeTrustClasses(file, (start, end) => location(lines, start, end));
      summarizeJvmConstants(file, add);
    } else if (grammar === 'python')
      summarizePython(root, add, { ...exports, path, all: (names) => (out.all = names) });
    else if (grammar === 'go') out.package = summarizeGo(root, add, exports);
    else if (grammar === 'rust') out.types = summarizeRustVerifiers(root, (start, end) => location(lines, start, end));
    else if (grammar === 'c_sharp')
      out.types = summarizeCsharpCallbacks(summaryFile(input.text, path, language!, tree), (start, end) =>
        location(lines, start, end),
      );
    else summarizeJs(root, add, { ...exports, path });
    for (const [n, count] of seen)
      if (count > 1) {
        delete out.constants[n];
        if (out.reexports) delete out.reexports[n];
      }
  } finally {
    tree.delete();
  }
  return out;
}

/** A file as the language models read it, over a tree of its own (no detector runs on it). */
function summaryFile(text: string, path: string, language: LanguageId, tree: Tree): SourceFile {
  const nodes = new Map<string, Node[]>();
  const memo = new Map<string, unknown>();
  return {
    text,
    path,
    language,
    tree,
    settings: DEFAULT_SETTINGS,
    nodes(...types) {
      const key = types.join(',');
      let found = nodes.get(key);
      if (!found) nodes.set(key, (found = tree.rootNode.descendantsOfType(types).filter((n): n is Node => !!n)));
      return found;
    },
    memo<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
    parseEmbedded: () => undefined,
  };
}

type Add = (name: Node | null | undefined, value: Node | null | undefined, as?: string) => void;

/** How a summariser records what a module offers from others: a re-exported name, a star re-export. */
interface Exports {
  reexport(local: Node, candidates: string[], name: string): void;
  star(candidates: string[]): void;
  /** A module-level function with parameters. */
  fn(name: string): void;
  path?: string;
}

/** `from <dots><module> import ...`: the level (dots) and the dotted module. */
function pythonImportSource(st: Node): { level: number; module: string } | undefined {
  const source = st.childForFieldName('module_name');
  if (!source) return undefined;
  if (source.type === 'dotted_name') return { level: 0, module: source.text };
  if (source.type !== 'relative_import') return undefined;
  const prefix = source.namedChildren.find((c) => c?.type === 'import_prefix')?.text ?? '';
  const module = source.namedChildren.find((c) => c?.type === 'dotted_name')?.text ?? '';
  return { level: prefix.length, module };
}

/** The names of a literal `__all__` (a list or tuple of plain strings), or undefined. */
function literalNames(value: Node | null | undefined): string[] | undefined {
  if (value?.type !== 'list' && value?.type !== 'tuple') return undefined;
  const out: string[] = [];
  for (const item of value.namedChildren) {
    if (item?.type !== 'string' || item.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
    out.push(
      item.namedChildren
        .filter((c) => c?.type === 'string_content')
        .map((c) => c.text)
        .join(''),
    );
  }
  return out;
}

function summarizePython(root: Node, add: Add, exports: Exports & { path: string; all(names: string[]): void }): void {
  for (const st of root.namedChildren) {
    const def = st?.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (def?.type === 'function_definition' && def.childForFieldName('parameters')?.namedChildren.length) {
      const name = def.childForFieldName('name')?.text;
      if (name) exports.fn(name);
      continue;
    }
    if (st?.type === 'import_from_statement') {
      // `from .base import X as Y`, `from .base import *`: names this module offers from another.
      const source = pythonImportSource(st);
      const candidates = source ? pythonModuleCandidates(exports.path, source.level, source.module) : [];
      if (st.namedChildren.some((c) => c?.type === 'wildcard_import')) {
        exports.star(candidates);
        continue;
      }
      for (const n of st.childrenForFieldName('name')) {
        if (!n) continue;
        const name = n.type === 'aliased_import' ? n.childForFieldName('name') : n;
        const local = n.type === 'aliased_import' ? n.childForFieldName('alias') : n;
        if (name?.type !== 'dotted_name' || name.text.includes('.') || !local) continue;
        exports.reexport(local, candidates, name.text);
      }
      continue;
    }
    if (st?.type !== 'expression_statement') continue;
    const asg = st.namedChildren[0];
    if (asg?.type !== 'assignment' && asg?.type !== 'augmented_assignment') continue;
    const left = asg.childForFieldName('left');
    if (left?.type !== 'identifier') continue;
    // An augmented assignment (`X += 1`) counts as a second binding: the name is then not a constant.
    if (asg.type === 'augmented_assignment') {
      add(left, null);
      add(left, null);
      continue;
    }
    const right = asg.childForFieldName('right');
    if (left.text === '__all__') {
      const names = literalNames(right);
      if (names) exports.all(names);
    }
    add(left, right?.type === 'assignment' ? null : right);
  }
}

/**
 * Writes to each name in a Go file's functions: the single `name = value` statements at the top level of
 * `func init()` bodies (they run before any other code of the package), and how many other writes.
 */
function goWrites(root: Node): Map<string, { init: Node[]; other: number }> {
  const out = new Map<string, { init: Node[]; other: number }>();
  const entry = (name: string) => {
    let e = out.get(name);
    if (!e) out.set(name, (e = { init: [], other: 0 }));
    return e;
  };
  for (const st of root.descendantsOfType(['assignment_statement', 'inc_statement', 'dec_statement'])) {
    if (!st) continue;
    const left = st.childForFieldName('left') ?? st.namedChildren[0];
    const targets = (left?.type === 'expression_list' ? left.namedChildren : [left]).filter(
      (l): l is Node => l?.type === 'identifier',
    );
    const right = st.childForFieldName('right')?.namedChildren ?? [];
    const fn = st.parent?.parent?.parent;
    const inInit =
      st.type === 'assignment_statement' &&
      st.childForFieldName('operator')?.text === '=' &&
      targets.length === 1 &&
      right.length === 1 &&
      st.parent?.type === 'statement_list' &&
      fn?.type === 'function_declaration' &&
      fn.childForFieldName('name')?.text === 'init';
    for (const t of targets) {
      if (inInit && right[0]) entry(t.text).init.push(right[0]);
      else entry(t.text).other++;
    }
  }
  return out;
}

function summarizeGo(root: Node, add: Add, exports: Exports): string | undefined {
  let pkg: string | undefined;
  const writes = goWrites(root);
  for (const decl of root.namedChildren) {
    if (!decl) continue;
    // A package-level function with parameters: a caller's constant may reach a sink (engine/calls).
    if (decl.type === 'function_declaration' && decl.childForFieldName('parameters')?.namedChildren.length) {
      const name = decl.childForFieldName('name')?.text;
      if (name) exports.fn(name);
      continue;
    }
    if (decl.type === 'package_clause') pkg = decl.namedChildren[0]?.text;
    if (decl.type !== 'const_declaration' && decl.type !== 'var_declaration') continue;
    const specs = decl.namedChildren.flatMap((c) => (c?.type === 'var_spec_list' ? c.namedChildren : [c]));
    for (const spec of specs) {
      if (spec?.type !== 'const_spec' && spec?.type !== 'var_spec') continue;
      const names = spec.childrenForFieldName('name').filter((n): n is Node => !!n);
      const values = spec.childForFieldName('value')?.namedChildren.filter((n): n is Node => !!n) ?? [];
      names.forEach((name, i) => {
        const declared = values.length === names.length ? values[i] : null;
        if (spec.type === 'const_spec') return add(name, declared);
        // A package variable written in this file's functions is not a constant, unless its one write is
        // `name = value` at the top of `func init()`, which runs before any use: then it holds that value.
        const w = writes.get(name.text);
        if (!w) return add(name, declared);
        add(name, w.other === 0 && w.init.length === 1 ? w.init[0] : null);
      });
    }
  }
  return pkg;
}

function summarizeJs(root: Node, add: Add, exports: Exports & { path: string }): void {
  const top = new Map<string, Node>();
  const exported = new Map<string, Node>();
  const declare = (decl: Node, isExported: boolean) => {
    for (const d of decl.namedChildren) {
      if (d?.type !== 'variable_declarator') continue;
      const name = d.childForFieldName('name');
      if (name?.type !== 'identifier') continue;
      const value = d.childForFieldName('value');
      if (decl.type === 'lexical_declaration' && decl.child(0)?.text === 'const' && value) top.set(name.text, value);
      if (isExported) exported.set(name.text, name);
    }
  };
  // `module.exports = { tls: { insecure: true } }`: members by dotted name, nested objects a few levels deep.
  const objectExports = (obj: Node, prefix = '', depth = 0) => {
    for (const p of obj.namedChildren) {
      if (p?.type === 'pair') {
        const key = p.childForFieldName('key');
        const k = key?.type === 'property_identifier' ? key.text : key?.text.replace(/^['"]|['"]$/g, '');
        let v = p.childForFieldName('value');
        if (!k || !v || !key) continue;
        if (v.type === 'identifier') v = top.get(v.text) ?? null;
        if (v?.type === 'object' && depth < 3) objectExports(v, `${prefix}${k}.`, depth + 1);
        else add(key, v, `${prefix}${k}`);
      } else if (p?.type === 'shorthand_property_identifier') {
        const v = top.get(p.text);
        if (v?.type === 'object' && depth < 3) objectExports(v, `${prefix}${p.text}.`, depth + 1);
        else add(p, v ?? null, `${prefix}${p.text}`);
      }
    }
  };
  /** The object a module exports as a whole (`module.exports = {...}`, `export default cfg`), if any. */
  const wholeObject = (v: Node | null | undefined): Node | undefined => {
    const value = v?.type === 'identifier' ? top.get(v.text) : v;
    return value?.type === 'object' ? value : undefined;
  };
  const statements = root.namedChildren.filter((s): s is Node => !!s);
  for (const st of statements) {
    if (st.type === 'lexical_declaration' || st.type === 'variable_declaration') declare(st, false);
    else if (st.type === 'export_statement') {
      const d = st.childForFieldName('declaration');
      if (d && (d.type === 'lexical_declaration' || d.type === 'variable_declaration')) declare(d, true);
    }
  }
  for (const st of statements) {
    if (st.type === 'export_statement') {
      const clause = st.namedChildren.find((c) => c?.type === 'export_clause');
      const sourceNode = st.childForFieldName('source');
      const spec = sourceNode ? /^['"](\.\.?\/[^'"]*)['"]$/.exec(sourceNode.text)?.[1] : undefined;
      // `export { X as Y } from './base'`, `export * from './base'`: names of another module of the project.
      if (sourceNode) {
        if (!spec) continue;
        const candidates = jsModuleCandidates(exports.path, spec);
        if (clause) {
          for (const s of clause.namedChildren) {
            if (s?.type !== 'export_specifier') continue;
            const name = s.childForFieldName('name');
            const alias = s.childForFieldName('alias') ?? name;
            if (name && alias) exports.reexport(alias, candidates, name.text);
          }
        } else if (!st.namedChildren.some((c) => c?.type === 'namespace_export')) exports.star(candidates);
        continue;
      }
      if (clause)
        for (const spec of clause.namedChildren) {
          if (spec?.type !== 'export_specifier') continue;
          const name = spec.childForFieldName('name');
          const alias = spec.childForFieldName('alias') ?? name;
          if (name && alias) add(alias, top.get(name.text) ?? null);
        }
      // `export default { tls: { insecure: true } }`: a default import reads it as the module (`cfg.tls.insecure`).
      const whole = wholeObject(st.childForFieldName('value'));
      if (whole && st.children.some((c) => c?.type === 'default')) objectExports(whole);
      continue;
    }
    if (st.type !== 'expression_statement') continue;
    const asg = st.namedChildren[0];
    if (asg?.type !== 'assignment_expression') continue;
    const left = asg.childForFieldName('left');
    const right = asg.childForFieldName('right');
    if (!left || !right) continue;
    const lt = left.text.replace(/\s+/g, '');
    const whole = lt === 'module.exports' ? wholeObject(right) : undefined;
    if (whole) objectExports(whole);
    const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(lt);
    if (m) {
      const value = right.type === 'identifier' ? (top.get(right.text) ?? null) : right;
      if (value?.type === 'object') objectExports(value, `${m[1]}.`, 1);
      else add(left.childForFieldName('property'), value);
    }
  }
  for (const [name, id] of exported) add(id, top.get(name) ?? null);
  // Exported functions with parameters (engine/calls asks for their sinks per call).
  for (const name of jsModuleFunctions(root).exported) exports.fn(name);
}
