// The workspace's summaries (engine/workspace) for the CLI and the language server alike: the index a lint
// gets reads and summarises a file when the engine first names it (the server's open documents first,
// then the disk), once per file until it changes, so a lint stays one pass. One implementation in both
// hosts, so the CLI and the server give the same findings for the same files.
import * as fs from 'fs';
import * as path from 'path';
import type { LintResult } from '../engine/types';
import type { Grammars } from '../engine/parser';
import { lint, screenText, screenWordsOf } from '../engine/lint';
import { compileByteTest, type ByteTest } from './prefilter';
import {
  folderOf,
  probeKey,
  summarize,
  type DependencyState,
  type FileSummary,
  type Probe,
  type SinkHit,
  type TextScreen,
  type WorkspaceIndex,
} from '../engine/workspace';
import { languageOf } from '../engine/languages';
import { DEFAULT_BUDGET_MS, type LanguageId } from '../engine/types';
import { DEFAULT_EXCLUDED_DIRS } from './walk';

/** Largest file summarised (a generated module of constants is not a settings file). */
const MAX_SUMMARY_BYTES = 1024 * 1024;
/** Files of a folder summarised for one package (a Go package of thousands of files is left alone). */
const MAX_FOLDER_FILES = 200;

export interface SourceReader {
  /** The text of a file, or undefined when there is none (or it cannot be read as text). */
  read(abs: string): string | undefined;
  /** The names of a folder's entries, or undefined. */
  list(absFolder: string): string[] | undefined;
  /** The names of a folder's sub-folders (no symbolic links), or undefined. */
  listFolders?(absFolder: string): string[] | undefined;
}

/** A file's bytes when it may be source: a regular file within the size cap, without NUL bytes. */
function sourceBytes(abs: string): Buffer | undefined {
  try {
    // No exception for a missing file: most candidates of a module (`a/b.py`, `a/b/__init__.py`) are.
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size > MAX_SUMMARY_BYTES) return undefined;
    const bytes = fs.readFileSync(abs);
    return bytes.includes(0) ? undefined : bytes;
  } catch {
    return undefined;
  }
}

/** Reads from disk (UTF-8; a file with NUL bytes is not source). */
export const DISK: SourceReader = {
  read(abs) {
    return sourceBytes(abs)?.toString('utf8');
  },
  list(absFolder) {
    try {
      return fs.readdirSync(absFolder);
    } catch {
      return undefined;
    }
  },
  listFolders(absFolder) {
    try {
      return fs
        .readdirSync(absFolder, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch {
      return undefined;
    }
  },
};

/** Per language, a byte test of the words a text screen looks for (`screenWordsOf`). */
const screenByteTests = new Map<LanguageId, ByteTest>();

/**
 * A file's text screen read from disk (as `DISK.read`, then `screenText`): its bytes are tested for the words a
 * screen looks for first, several times faster than looking for them in the text (most modules hold none).
 */
function screenFromDisk(abs: string, enginePath: string): TextScreen | null | undefined {
  const bytes = sourceBytes(abs);
  if (!bytes) return null;
  const language = languageOf(enginePath);
  let test = language ? screenByteTests.get(language) : undefined;
  if (language && !test) screenByteTests.set(language, (test = compileByteTest(screenWordsOf(language))));
  return screenText({ text: bytes.toString('utf8'), path: enginePath, wordless: test ? !test(bytes) : false });
}

/** Build outputs, beside the walker's excluded folders, that hold no source a project file names. */
const OUTPUT_FOLDERS = new Set(['build', 'out', 'target', 'dist', 'bin', 'obj']);

interface Entry {
  exists: boolean;
  /** What the file offers; empty for a file of a language without summaries. */
  summary?: FileSummary;
}

/** Where a path the engine names (relative to the importer's engine path) is on disk. */
function absFor(importerAbs: string, importerEnginePath: string, enginePath: string): string {
  const from = folderOf(importerEnginePath.replace(/\\/g, '/'));
  const rel = path.posix.relative(from || '.', enginePath || '.');
  return path.resolve(path.dirname(importerAbs), ...rel.split('/'));
}

export class SummaryStore {
  private readonly entries = new Map<string, Entry>();
  /** Text screens (engine/workspace `TextScreen`), by absolute and engine path: null for no file. */
  private readonly screens = new Map<string, TextScreen | null | undefined>();
  /** The keys of `screens` this store made itself since `takeScreens` last asked (another thread may use them). */
  private madeScreens: string[] = [];
  /** Probe lints' answers (engine/calls), by file and probe. */
  private readonly probes = new Map<string, SinkHit[]>();
  private readonly folders = new Map<string, string[] | undefined>();
  /** A folder (absolute) → its sub-folders' names. */
  private readonly subfolderNames = new Map<string, string[]>();
  /** abs of a file → abs of the files whose last lint used its summary (the server re-lints those). */
  private readonly dependents = new Map<string, Set<string>>();

  constructor(
    private readonly grammars: Grammars,
    private readonly reader: SourceReader = DISK,
    /**
     * Whether to remember each file's last index and which files its lint used (the server re-lints those
     * when one changes); a one-pass scan needs neither, and on a large tree they are most of the store.
     */
    private readonly remember = true,
  ) {}

  /** What is known of a file named by its engine path (cached by absolute path and engine path). */
  private entry(abs: string, enginePath: string): Entry {
    const key = `${abs}\0${enginePath}`;
    let e = this.entries.get(key);
    if (!e) {
      const text = this.reader.read(abs);
      e = { exists: text !== undefined };
      if (text !== undefined) {
        let summary: FileSummary | undefined;
        try {
          summary = summarize({ text, path: enginePath, budgetMs: DEFAULT_BUDGET_MS }, this.grammars);
        } catch {
          summary = undefined;
        }
        // A copy of plain strings: node texts are slices of the file's text, which they would keep alive as
        // long as the summary (a scan keeps every summary it made).
        e.summary = summary
          ? (JSON.parse(JSON.stringify(summary)) as FileSummary)
          : { path: enginePath, language: languageOf(enginePath) ?? 'python', constants: {} };
      }
      this.entries.set(key, e);
    }
    return e;
  }

  private summaryOf(abs: string, enginePath: string): FileSummary | undefined {
    return this.entry(abs, enginePath).summary;
  }

  /** A file's text screen, read once (no parse): 'absent' when there is no file, undefined for no screen. */
  private screenOf(abs: string, enginePath: string): TextScreen | 'absent' | undefined {
    const key = `${abs}\0${enginePath}`;
    let s = this.screens.get(key);
    if (!this.screens.has(key)) {
      // A file already summarised was read: its absence is known without reading it again.
      const known = this.entries.get(key);
      if ((known && !known.exists) || !this.mayExist(abs)) s = null;
      else if (this.reader === DISK) s = screenFromDisk(abs, enginePath);
      else {
        const text = this.reader.read(abs);
        s = text === undefined ? null : screenText({ text, path: enginePath });
      }
      this.screens.set(key, s);
      this.madeScreens.push(key);
    }
    return s === null ? 'absent' : s;
  }

  /**
   * The text screens this store made since the last call (plain data: a scan's threads share them, so a
   * module imported all over a tree is read and screened by one thread, not by each).
   */
  takeScreens(): [string, TextScreen][] {
    const out: [string, TextScreen][] = [];
    // Not the files found missing: a folder's listing, read once, tells those.
    for (const key of this.madeScreens) {
      const s = this.screens.get(key);
      if (s) out.push([key, s]);
    }
    this.madeScreens = [];
    return out;
  }

  /**
   * Screens another store made (`takeScreens`) of the same files, read from the same disk in the same scan: a
   * screen is a function of the text alone, so this store's own would be the same. Known ones are kept.
   */
  addScreens(entries: readonly [string, TextScreen][]): void {
    for (const [key, s] of entries) if (!this.screens.has(key)) this.screens.set(key, s);
  }

  /** The entries of folders on disk (a Set of names; null: no folder), for `mayExist`. */
  private readonly listings = new Map<string, Set<string> | 'missing' | null>();

  /**
   * Whether a file may exist, from its folder's listing on disk (read once): most candidates of a module
   * (`a/b.py`, `a/b/__init__.py` in every folder above the importer) do not, and one listing answers a
   * folder's many candidates. Only for the disk reader (another reader may hold files the disk does not).
   */
  private mayExist(abs: string): boolean {
    if (this.reader !== DISK) return true;
    const names = this.listing(path.dirname(abs));
    // A folder that cannot be listed may still hold a readable file.
    return names === null || (names !== 'missing' && names.has(path.basename(abs)));
  }

  /**
   * A folder's entries, read once: 'missing' when its parent's listing lacks it (then it is not read, which
   * would cost an exception), null when it cannot be read.
   */
  private listing(dir: string): Set<string> | 'missing' | null {
    let names = this.listings.get(dir);
    if (names !== undefined) return names;
    const parent = path.dirname(dir);
    // A parent that cannot be listed (no read permission) says nothing: the folder itself is read then.
    const up = parent !== dir ? this.listing(parent) : null;
    if (up === 'missing' || (up && !up.has(path.basename(dir)))) names = 'missing';
    else {
      const found = this.reader.list(dir);
      names = found ? new Set(found) : null;
    }
    this.listings.set(dir, names);
    return names;
  }

  /** The sinks a parameter of a function of a file reaches with a constant: a probe lint of that file, once. */
  private sinksOf(abs: string, enginePath: string, probe: Probe): SinkHit[] {
    const key = `${abs}\0${enginePath}\0${probeKey(probe)}`;
    let hits = this.probes.get(key);
    if (!hits) {
      const text = this.reader.read(abs);
      hits = [];
      if (text !== undefined) {
        try {
          hits = lint({ text, path: enginePath, probe, budgetMs: DEFAULT_BUDGET_MS }, this.grammars).sinks ?? [];
        } catch {
          hits = [];
        }
      }
      this.probes.set(key, hits);
    }
    return hits;
  }

  /** The names of a folder's files with an extension, sorted (read once until invalidated). */
  private folderFiles(dir: string, extension: string): string[] {
    const key = `${dir}\0${extension}`;
    let names = this.folders.get(key);
    if (!this.folders.has(key)) {
      names = (this.reader.list(dir) ?? []).filter((n) => n.endsWith(extension)).sort();
      this.folders.set(key, names);
    }
    return (names ?? []).slice(0, MAX_FOLDER_FILES);
  }

  /** A folder's sub-folders (absolute folder → sorted names; no VCS, dependency, cache or output folder). */
  private subfoldersOf(dir: string): string[] {
    let names = this.subfolderNames.get(dir);
    if (!names) {
      names = (this.reader.listFolders?.(dir) ?? [])
        .filter((n) => !DEFAULT_EXCLUDED_DIRS.has(n) && !OUTPUT_FOLDERS.has(n) && !n.startsWith('.'))
        .sort();
      this.subfolderNames.set(dir, names);
    }
    return names;
  }

  /** Absolute paths by the folder engine paths are relative to, and engine path (`absFor`, without its cost). */
  private readonly absolute = new Map<string, Map<string, string>>();

  /**
   * Where a file's engine paths are on disk: `absFor` for that importer, answered from a map once asked
   * (a lint names the same candidates again and again: `os.py` for every `import os`).
   */
  private absOf(abs: string, enginePath: string): (p: string) => string {
    const from = folderOf(enginePath.replace(/\\/g, '/'));
    const up = from ? from.split('/') : [];
    if (up.some((x) => x === '..' || x === '.' || x === '') || path.isAbsolute(enginePath))
      return (p) => absFor(abs, enginePath, p);
    const root = path.resolve(path.dirname(abs), ...up.map(() => '..'));
    let byPath = this.absolute.get(root);
    if (!byPath) this.absolute.set(root, (byPath = new Map<string, string>()));
    const known = byPath;
    return (p) => {
      let a = known.get(p);
      if (a === undefined) {
        // A normalised path below the root is the root and its parts (what `absFor` gives, without its cost).
        a =
          p && !p.startsWith('..') && !p.includes('\\') && !path.isAbsolute(p)
            ? path.join(root, ...p.split('/'))
            : absFor(abs, enginePath, p);
        known.set(p, a);
      }
      return a;
    };
  }

  /** Text screens by the folder engine paths are relative to, and engine path (as `absolute`). */
  private readonly screensByRoot = new Map<string, Map<string, TextScreen | 'absent' | undefined>>();

  /** The screens of the files a file's engine paths name, by engine path (undefined when not rooted simply). */
  private screensFor(abs: string, enginePath: string): Map<string, TextScreen | 'absent' | undefined> | undefined {
    const from = folderOf(enginePath.replace(/\\/g, '/'));
    const up = from ? from.split('/') : [];
    if (up.some((x) => x === '..' || x === '.' || x === '') || path.isAbsolute(enginePath)) return undefined;
    const root = path.resolve(path.dirname(abs), ...up.map(() => '..'));
    let byPath = this.screensByRoot.get(root);
    if (!byPath) this.screensByRoot.set(root, (byPath = new Map<string, TextScreen | 'absent' | undefined>()));
    return byPath;
  }

  /** The index a file's lint sees: it reads and summarises the files the engine names, on first use. */
  indexFor(abs: string, enginePath: string): WorkspaceIndex {
    const last = this.lastIndex.get(abs);
    if (last && last.enginePath === enginePath) return last.index;
    const absOf = this.absOf(abs, enginePath);
    const screens = this.screensFor(abs, enginePath);
    const index: WorkspaceIndex = {
      lookup: (p) => this.summaryOf(absOf(p), p) ?? 'absent',
      folder: (folder, extension) => {
        const dir = path.dirname(absFor(abs, enginePath, folder ? `${folder}/x` : 'x'));
        return this.folderFiles(dir, extension)
          .map((n) => this.summaryOf(path.join(dir, n), folder ? `${folder}/${n}` : n))
          .filter((x): x is FileSummary => !!x);
      },
      folderPaths: (folder, extension) => {
        const dir = path.dirname(absFor(abs, enginePath, folder ? `${folder}/x` : 'x'));
        return this.folderFiles(dir, extension).map((n) => (folder ? `${folder}/${n}` : n));
      },
      sinks: (p, probe) => this.sinksOf(absOf(p), p, probe),
      screen: (p) => {
        // Asked for every candidate of every import: answered from a map by engine path once known.
        let s = screens?.get(p);
        if (s === undefined && !screens?.has(p)) {
          s = this.screenOf(absOf(p), p);
          screens?.set(p, s);
        }
        return s;
      },
      subfolders: (folder) => this.subfoldersOf(path.dirname(absFor(abs, enginePath, folder ? `${folder}/x` : 'x'))),
    };
    if (this.remember) this.lastIndex.set(abs, { enginePath, index });
    return index;
  }

  /** The index a file's last lint used (its next lint reuses it: an editor's keystrokes keep their findings). */
  private readonly lastIndex = new Map<string, { enginePath: string; index: WorkspaceIndex }>();

  /** Lints a file with its index (see indexFor), and notes which files its findings used. */
  lintWithIndex(abs: string, enginePath: string, lintOnce: (index: WorkspaceIndex) => LintResult): LintResult {
    const result = lintOnce(this.indexFor(abs, enginePath));
    if (!result.abandoned && this.remember) this.noteDependencies(abs, enginePath, result.dependsOn);
    return result;
  }

  private noteDependencies(abs: string, enginePath: string, deps: DependencyState[] | undefined): void {
    const absOf = this.absOf(abs, enginePath);
    for (const d of deps ?? []) {
      if (d.path.includes('\0')) continue;
      const depAbs = absOf(d.path);
      let set = this.dependents.get(depAbs);
      if (!set) this.dependents.set(depAbs, (set = new Set()));
      set.add(abs);
    }
  }

  /**
   * Forgets what is known of a file (its text changed, it was created or deleted) and returns the files
   * whose last lint used it, to be linted again.
   */
  invalidate(abs: string): string[] {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${abs}\0`)) this.entries.delete(key);
    for (const key of [...this.probes.keys()]) if (key.startsWith(`${abs}\0`)) this.probes.delete(key);
    for (const key of [...this.screens.keys()]) if (key.startsWith(`${abs}\0`)) this.screens.delete(key);
    // Screens by engine path: this file's under any root (a new file changes an 'absent' answer too).
    this.screensByRoot.clear();
    const dir = path.dirname(abs);
    for (const key of [...this.folders.keys()]) if (key.startsWith(`${dir}\0`)) this.folders.delete(key);
    this.listings.delete(dir);
    this.listings.delete(path.dirname(dir));
    // A file in a new folder: the folder above lists it now.
    this.subfolderNames.delete(path.dirname(dir));
    const out = [...(this.dependents.get(abs) ?? [])];
    this.dependents.delete(abs);
    for (const d of out) this.lastIndex.delete(d);
    return out;
  }

  /** Forgets everything (configuration changed, a scan restarts). */
  clear(): void {
    this.entries.clear();
    this.screens.clear();
    this.madeScreens = [];
    this.screensByRoot.clear();
    this.listings.clear();
    this.absolute.clear();
    this.probes.clear();
    this.subfolderNames.clear();
    this.folders.clear();
    this.dependents.clear();
    this.lastIndex.clear();
  }

  /** Forgets a file that is no longer linted (closed): its last index. */
  forget(abs: string): void {
    this.lastIndex.delete(abs);
  }
}

/**
 * The languages whose grammars a host loads before linting a file of this language with summaries (a
 * TypeScript file imports JavaScript modules and the other way round), so a summary never depends on
 * which grammars happened to be loaded.
 */
export function summaryLanguages(language: LanguageId | undefined): LanguageId[] {
  if (language === 'javascript' || language === 'typescript' || language === 'tsx')
    return ['javascript', 'typescript', 'tsx'];
  if (language === 'python' || language === 'go' || language === 'java' || language === 'rust' || language === 'csharp')
    return [language];
  // A Kotlin file uses Java classes too (`<Name>.java`); a Java file looks only in Java files.
  if (language === 'kotlin') return ['kotlin', 'java'];
  return [];
}

/** The files a result's dependencies name, by absolute path (folders excluded). */
export function dependencyFiles(abs: string, enginePath: string, deps: DependencyState[] | undefined): string[] {
  return (deps ?? []).filter((d) => !d.path.includes('\0')).map((d) => absFor(abs, enginePath, d.path));
}
