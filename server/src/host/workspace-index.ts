// The workspace's summaries (engine/workspace) for the CLI and the language server alike: a file's lint
// asks for other files' summaries (`LintResult.wanted`); this store reads those files (the server's open
// documents first), summarises each once, and lints again with them. One implementation in both hosts,
// so the CLI and the server give the same findings for the same files.
import * as fs from 'fs';
import * as path from 'path';
import type { LintResult } from '../engine/types';
import type { Grammars } from '../engine/parser';
import {
  folderKey,
  folderOf,
  summarize,
  summaryHash,
  type Dependency,
  type DependencyState,
  type FileSummary,
  type WorkspaceIndex,
} from '../engine/workspace';
import { languageOf } from '../engine/languages';
import { DEFAULT_BUDGET_MS, type LanguageId } from '../engine/types';

/** Rounds of "lint, load what it asked for": a value found in one module may name another. */
const MAX_ROUNDS = 3;
/** Largest file summarised (a generated module of constants is not a settings file). */
const MAX_SUMMARY_BYTES = 1024 * 1024;
/** Files of a folder summarised for one package (a Go package of thousands of files is left alone). */
const MAX_FOLDER_FILES = 200;

export interface SourceReader {
  /** The text of a file, or undefined when there is none (or it cannot be read as text). */
  read(abs: string): string | undefined;
  /** The names of a folder's entries, or undefined. */
  list(absFolder: string): string[] | undefined;
}

/** Reads from disk (UTF-8; a file with NUL bytes is not source). */
export const DISK: SourceReader = {
  read(abs) {
    try {
      const st = fs.statSync(abs);
      if (!st.isFile() || st.size > MAX_SUMMARY_BYTES) return undefined;
      const text = fs.readFileSync(abs, 'utf8');
      return text.includes('\0') ? undefined : text;
    } catch {
      return undefined;
    }
  },
  list(absFolder) {
    try {
      return fs.readdirSync(absFolder);
    } catch {
      return undefined;
    }
  },
};

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
  private readonly folders = new Map<string, string[] | undefined>();
  /** abs of a file → abs of the files whose last lint used its summary (the server re-lints those). */
  private readonly dependents = new Map<string, Set<string>>();

  constructor(
    private readonly grammars: Grammars,
    private readonly reader: SourceReader = DISK,
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
        e.summary = summary ?? { path: enginePath, language: languageOf(enginePath) ?? 'python', constants: {} };
      }
      this.entries.set(key, e);
    }
    return e;
  }

  private summaryOf(abs: string, enginePath: string): FileSummary | undefined {
    return this.entry(abs, enginePath).summary;
  }

  private exists(abs: string, enginePath: string): boolean {
    return this.entry(abs, enginePath).exists;
  }

  /** Adds what a lint asked for to an index (mutated). */
  private load(index: MutableIndex, importerAbs: string, importerPath: string, wanted: Dependency[]): void {
    for (const d of wanted) {
      if (d.kind === 'module') {
        for (const c of d.candidates) {
          if (index.summaries.has(c) || index.absent.has(c)) {
            if (index.summaries.has(c)) break;
            continue;
          }
          const s = this.summaryOf(absFor(importerAbs, importerPath, c), c);
          if (s) {
            index.summaries.set(c, s);
            break;
          }
          index.absent.add(c);
        }
      } else {
        const absFolder = absFor(importerAbs, importerPath, d.folder ? `${d.folder}/x` : 'x');
        const dir = path.dirname(absFolder);
        let names = this.folders.get(dir);
        if (!this.folders.has(dir)) {
          names = this.reader
            .list(dir)
            ?.filter((n) => n.endsWith(d.extension))
            .sort();
          this.folders.set(dir, names);
        }
        for (const n of (names ?? []).slice(0, MAX_FOLDER_FILES)) {
          const p = d.folder ? `${d.folder}/${n}` : n;
          const s = this.summaryOf(path.join(dir, n), p);
          if (s) index.summaries.set(p, s);
        }
        index.folders.add(folderKey(d.folder, d.extension));
      }
    }
  }

  /** The index a file's last lint ended with (its next lint starts from it: an editor's keystrokes). */
  private readonly lastIndex = new Map<string, WorkspaceIndex>();

  /**
   * Lints with the summaries the file asks for: `lintOnce(index)` is called with the index the file's last
   * lint ended with (empty at first), then, while the result asks for summaries not yet given, with those
   * added (a new index object each time: an index is never changed once handed out).
   */
  lintWithIndex(abs: string, enginePath: string, lintOnce: (index: WorkspaceIndex) => LintResult): LintResult {
    const last = this.lastIndex.get(abs);
    let index: WorkspaceIndex =
      last && (last as { enginePath?: string }).enginePath === enginePath ? last : emptyIndex(enginePath);
    let result = lintOnce(index);
    for (let round = 0; round < MAX_ROUNDS && result.wanted?.length; round++) {
      const next: MutableIndex = {
        summaries: new Map(index.summaries),
        absent: new Set(index.absent),
        folders: new Set(index.folders),
        enginePath,
      };
      this.load(next, abs, enginePath, result.wanted);
      const grew = next.summaries.size + next.absent.size + next.folders.size;
      if (grew === index.summaries.size + index.absent.size + index.folders.size) break;
      index = next;
      result = lintOnce(index);
    }
    if (result.abandoned) return result;
    this.lastIndex.set(abs, index);
    this.noteDependencies(abs, enginePath, result.dependsOn);
    return result;
  }

  private noteDependencies(abs: string, enginePath: string, deps: DependencyState[] | undefined): void {
    for (const d of deps ?? []) {
      if (d.path.includes('\0')) continue;
      const depAbs = absFor(abs, enginePath, d.path);
      let set = this.dependents.get(depAbs);
      if (!set) this.dependents.set(depAbs, (set = new Set()));
      set.add(abs);
    }
  }

  /**
   * Whether the recorded dependency states still hold (for the CLI's cache): each summary's hash is the
   * same and each absent path is still absent.
   */
  stillHolds(abs: string, enginePath: string, deps: DependencyState[]): boolean {
    for (const d of deps) {
      if (d.path.includes('\0')) {
        // A folder: the same files of the extension.
        const [folder, extension] = d.path.split('\0');
        const absFolder = path.dirname(absFor(abs, enginePath, folder ? `${folder}/x` : 'x'));
        const names = (this.reader.list(absFolder) ?? []).filter((n) => n.endsWith(extension)).sort();
        const self = path.basename(abs);
        const paths = names.filter((n) => n !== self).map((n) => (folder ? `${folder}/${n}` : n));
        if (paths.join('|') !== d.hash) return false;
        continue;
      }
      const depAbs = absFor(abs, enginePath, d.path);
      const s = this.summaryOf(depAbs, d.path);
      if (d.hash === undefined ? this.exists(depAbs, d.path) : !s || summaryHash(s) !== d.hash) return false;
    }
    return true;
  }

  /**
   * Forgets what is known of a file (its text changed, it was created or deleted) and returns the files
   * whose last lint used it, to be linted again.
   */
  invalidate(abs: string): string[] {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${abs}\0`)) this.entries.delete(key);
    this.folders.delete(path.dirname(abs));
    const out = [...(this.dependents.get(abs) ?? [])];
    this.dependents.delete(abs);
    for (const d of out) this.lastIndex.delete(d);
    return out;
  }

  /** Forgets everything (configuration changed, a scan restarts). */
  clear(): void {
    this.entries.clear();
    this.folders.clear();
    this.dependents.clear();
    this.lastIndex.clear();
  }

  /** Forgets a file that is no longer linted (closed): its last index. */
  forget(abs: string): void {
    this.lastIndex.delete(abs);
  }
}

function emptyIndex(enginePath: string): MutableIndex {
  return { summaries: new Map(), absent: new Set(), folders: new Set(), enginePath };
}

interface MutableIndex extends WorkspaceIndex {
  summaries: Map<string, FileSummary>;
  absent: Set<string>;
  folders: Set<string>;
  /** The engine path of the file it was made for (paths in it are relative to that file's project). */
  enginePath: string;
}

/**
 * The languages whose grammars a host loads before linting a file of this language with summaries (a
 * TypeScript file imports JavaScript modules and the other way round), so a summary never depends on
 * which grammars happened to be loaded.
 */
export function summaryLanguages(language: LanguageId | undefined): LanguageId[] {
  if (language === 'javascript' || language === 'typescript' || language === 'tsx')
    return ['javascript', 'typescript', 'tsx'];
  if (language === 'python' || language === 'go') return [language];
  return [];
}

/** The files a result's dependencies name, by absolute path (folders excluded). */
export function dependencyFiles(abs: string, enginePath: string, deps: DependencyState[] | undefined): string[] {
  return (deps ?? []).filter((d) => !d.path.includes('\0')).map((d) => absFor(abs, enginePath, d.path));
}
