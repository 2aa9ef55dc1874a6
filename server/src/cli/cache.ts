// The results cache between runs (like ruff's .ruff_cache): a file whose content, path and settings are
// unchanged is not linted again. One JSON file per run key under `<root>/.tlslint_cache/<version>/`, the key
// hashing the tool version, the running build, the rule set (every detector id) and the run's options; each
// entry also carries its file's own key (the settings resolved for its folder and the path the engine sees,
// see fileCacheKey), since nested configuration files give files of one run different settings.
// A file is reused when its size and modification time are unchanged and were not "racy" (modified within
// 2 s before its result was taken, as git's index checks), or else when its content hash matches the one
// recorded. A file seen for the first time is only stat'ed here (the lint reads it), so a cold run reads
// nothing twice; the hash is taken when a known file's stat changed, and kept. Only complete, deterministic
// results are stored: no skips, no engine errors, nothing fixed or written. --fix does not use the cache.
// Pruning, on each save: entries of files that no longer exist drop out (entries of files this run did
// not reach, such as another file named on the command line, are kept); other tool versions' folders go;
// other run keys (older builds, other options) go after PRUNE_AFTER_MS unused, and oldest first while the
// folder is over its size cap.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { DETECTORS } from '../engine/registry';
import { removeStaleTemps, writeFileAtomic } from '../host/atomic';
import { dependencyFiles } from '../host/workspace-index';
import type { DependencyState } from '../engine/workspace';
import { VERSION } from '../version';
import type { FileReport, OutFinding } from './scan';

export const CACHE_DIR_NAME = '.tlslint_cache';
const FORMAT = 3;
/** A modification this close before the hash was taken could be followed by a same-second, same-size edit. */
const RACY_MS = 2000;
/** Another run key's file unused this long is removed. */
const PRUNE_AFTER_MS = 30 * 24 * 3600 * 1000;
/** The cache folder's size cap: other run keys' files are removed, oldest first, to stay under it. */
export const DEFAULT_CACHE_CAP = 128 * 1024 * 1024;
/** A version folder's name (a folder of another tlslint version is removed). */
const VERSION_DIR = /^\d+\.\d+\.\d+/;

type Stored = Omit<FileReport, 'abs' | 'path'>;

interface Entry {
  /** The file's own key (fileCacheKey): its settings and engine path when the result was taken. */
  key: string;
  /** sha1 of the bytes; empty until the file was read here (first seen: validated by stat alone). */
  hash: string;
  size: number;
  mtimeMs: number;
  /** When the file was hashed (before reading it). */
  checkedAt: number;
  /** Undefined: clean. */
  report?: Stored;
  /**
   * The other files whose summaries the lint used (engine/workspace): absolute path → sha1 of their bytes
   * ('' for a path that had no file), and for a Go package's folder (`folder\0.go`) its file names. A
   * changed settings module re-lints the files that import from it.
   */
  deps?: Record<string, string>;
}

interface CacheFile {
  format: number;
  key: string;
  entries: Record<string, Entry>;
}

export interface Lookup {
  /** A hit: the report to use, or 'clean'. */
  hit?: FileReport | 'clean';
  /** A miss that can be stored once linted. */
  meta?: Omit<Entry, 'report'>;
}

let buildHash: string | undefined;
/** The running code itself: a rebuilt CLI never reuses an older build's results, whatever its version. */
function thisBuild(): string {
  if (buildHash === undefined) {
    try {
      buildHash = crypto.createHash('sha256').update(fs.readFileSync(__filename)).digest('hex').slice(0, 16);
    } catch {
      buildHash = 'unknown';
    }
  }
  return buildHash;
}

/** The cache key of a run: everything besides the file and its settings that decides its findings. */
export function cacheKey(parts: Record<string, unknown>): string {
  const material = JSON.stringify({
    version: VERSION,
    build: thisBuild(),
    detectors: DETECTORS.map((d) => `${d.id}:${d.rule}:${d.languages.join('+')}`),
    ...parts,
  });
  return crypto.createHash('sha256').update(material).digest('hex').slice(0, 24);
}

/** A short hash of one configuration's settings, for fileCacheKey (computed once per configuration). */
export function settingsCacheKey(settings: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16);
}

/** A file's own key: its settings' key, and the path the engine sees when that is not its path in the run. */
export function fileCacheKey(settingsKey: string, rel: string, enginePath: string | undefined): string {
  return enginePath === undefined || enginePath === rel ? settingsKey : `${settingsKey}:${enginePath}`;
}

function strip(r: FileReport): Stored {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { abs, path: _p, ...rest } = r;
  return rest;
}

export class ResultCache {
  private readonly file: string;
  private readonly old: Record<string, Entry>;
  private readonly next: Record<string, Entry> = {};
  /** This run's view of dependency files (hash of bytes, or a folder's listing), read once each. */
  private readonly depStates = new Map<string, string>();
  /** Paths looked up this run: their old entries are replaced or dropped, never carried over. */
  private readonly looked = new Set<string>();
  hits = 0;
  misses = 0;

  private constructor(
    private readonly dir: string,
    private readonly key: string,
    private readonly maxBytes: number,
    /** The folder entries' paths are relative to (the scan root). */
    private readonly root: string,
    private readonly cap: number,
  ) {
    this.file = path.join(dir, VERSION, `${key}.json`);
    let old: Record<string, Entry> = {};
    try {
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as CacheFile;
      if (data.format === FORMAT && data.key === key && data.entries && typeof data.entries === 'object')
        old = data.entries;
    } catch {
      // No cache yet, or an unreadable one: start afresh (it is only a cache).
    }
    this.old = old;
  }

  static open(dir: string, key: string, maxBytes: number, root: string, cap = DEFAULT_CACHE_CAP): ResultCache {
    return new ResultCache(dir, key, maxBytes, root, cap);
  }

  /** Looks a file up; never throws (an unreadable file is a miss, and the lint reports the problem). */
  lookup(abs: string, rel: string, key: string, usable: (r: FileReport) => boolean = () => true): Lookup {
    this.looked.add(rel);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      this.misses++;
      return {};
    }
    if (!st.isFile() || st.size > this.maxBytes * 64) {
      this.misses++;
      return {};
    }
    const found = this.old[rel];
    const checkedAt = Date.now();
    let hash: string | undefined;
    let same: boolean;
    // Another configuration (or engine path) since: the old result says nothing, nor does its hash.
    const entry = found && found.key === key ? found : undefined;
    if (!entry) {
      this.misses++;
      return { meta: { key, hash: '', size: st.size, mtimeMs: st.mtimeMs, checkedAt } };
    }
    if (entry.size === st.size && entry.mtimeMs === st.mtimeMs && st.mtimeMs < entry.checkedAt - RACY_MS) {
      same = true;
    } else {
      try {
        hash = crypto.createHash('sha1').update(fs.readFileSync(abs)).digest('hex');
      } catch {
        this.misses++;
        return {};
      }
      same = entry.hash !== '' && entry.hash === hash;
    }
    const meta = { key, hash: hash ?? entry.hash, size: st.size, mtimeMs: st.mtimeMs, checkedAt };
    if (same && entry.deps && !this.depsHold(entry.deps)) same = false;
    if (same) {
      const hit: FileReport | 'clean' = entry.report
        ? {
            ...entry.report,
            abs,
            path: rel,
            findings: entry.report.findings.map((f: OutFinding) => ({ ...f, path: rel })),
            suppressed: entry.report.suppressed.map((f: OutFinding) => ({ ...f, path: rel })),
          }
        : 'clean';
      if (hit === 'clean' || usable(hit)) {
        this.hits++;
        // A stat-only hit keeps the old hash time; a re-hashed one may skip the read next time.
        this.next[rel] = { ...entry, ...(hash ? meta : {}) };
        return { hit };
      }
    }
    this.misses++;
    return { meta };
  }

  /** The state of a dependency now: sha1 of a file's bytes ('' when absent), or a folder's sorted names. */
  private depState(key: string): string {
    let v = this.depStates.get(key);
    if (v === undefined) {
      if (key.includes('\0')) {
        const [folder, extension] = key.split('\0');
        try {
          v = fs
            .readdirSync(folder)
            .filter((n) => n.endsWith(extension))
            .sort()
            .join('|');
        } catch {
          v = '';
        }
      } else {
        // Most dependencies are import candidates that do not exist: a stat that does not throw says so
        // without the cost of a failing open's exception.
        try {
          v = fs.statSync(key, { throwIfNoEntry: false })?.isFile()
            ? crypto.createHash('sha1').update(fs.readFileSync(key)).digest('hex')
            : '';
        } catch {
          v = '';
        }
      }
      this.depStates.set(key, v);
    }
    return v;
  }

  private depsHold(deps: Record<string, string>): boolean {
    return Object.entries(deps).every(([k, v]) => this.depState(k) === v);
  }

  /**
   * Records a file's fresh result (undefined: clean), if it is complete and nothing was written, with the
   * other files' summaries its lint used (`dependsOn`, paths as the engine named them relative to `abs`).
   */
  record(
    rel: string,
    meta: Omit<Entry, 'report'> | undefined,
    report: FileReport | undefined,
    dependsOn?: DependencyState[],
    abs?: string,
    enginePath?: string,
  ): void {
    if (!meta) return;
    if (
      report &&
      (report.skipped ||
        report.errors.length ||
        report.fixed ||
        report.fixError !== undefined ||
        report.fixedText !== undefined ||
        report.originalText !== undefined)
    )
      return;
    let deps: Record<string, string> | undefined;
    if (dependsOn?.length && abs) {
      deps = {};
      for (const d of dependsOn) {
        if (d.path.includes('\0')) {
          const [folder, extension] = d.path.split('\0');
          const absFolder = path.dirname(
            dependencyFiles(abs, enginePath ?? rel, [{ path: folder ? `${folder}/x` : 'x' }])[0],
          );
          const k = `${absFolder}\0${extension}`;
          deps[k] = this.depState(k);
        } else {
          const k = dependencyFiles(abs, enginePath ?? rel, [d])[0];
          deps[k] = this.depState(k);
        }
      }
    }
    const stored = report ? (({ dependsOn: _d, ...rest }) => rest)(strip(report)) : undefined;
    this.next[rel] = { ...meta, ...(stored ? { report: stored } : {}), ...(deps ? { deps } : {}) };
  }

  /**
   * Writes the entries of this run and those of files it did not reach that still exist, then prunes the
   * folder. Returns an error message, or undefined.
   */
  async save(): Promise<string | undefined> {
    for (const [rel, entry] of Object.entries(this.old)) {
      if (this.looked.has(rel) || rel in this.next) continue;
      if (fs.existsSync(path.join(this.root, rel))) this.next[rel] = entry;
    }
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const ignore = path.join(this.dir, '.gitignore');
      if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# Created by tlslint: its results cache.\n*\n');
      const tag = path.join(this.dir, 'CACHEDIR.TAG');
      if (!fs.existsSync(tag))
        fs.writeFileSync(
          tag,
          'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by tlslint.\n',
        );
      const data: CacheFile = { format: FORMAT, key: this.key, entries: this.next };
      await writeFileAtomic(this.file, JSON.stringify(data));
    } catch (e) {
      return (e as Error).message;
    }
    this.prune();
    return undefined;
  }

  /** Removes other versions' folders and other run keys' files that are old, or over the size cap. Never throws. */
  private prune(): void {
    const remove = (p: string) => {
      try {
        fs.rmSync(p, { recursive: true, force: true });
      } catch {
        // Someone else's, or gone already: it is only a cache.
      }
    };
    const versionDir = path.dirname(this.file);
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name !== VERSION && VERSION_DIR.test(name)) remove(path.join(this.dir, name));
    }
    removeStaleTemps(versionDir);
    const now = Date.now();
    const others: { file: string; size: number; mtimeMs: number }[] = [];
    let total = 0;
    try {
      for (const name of fs.readdirSync(versionDir)) {
        const file = path.join(versionDir, name);
        const st = fs.statSync(file);
        if (!st.isFile()) continue;
        total += st.size;
        if (file !== this.file && name.endsWith('.json')) others.push({ file, size: st.size, mtimeMs: st.mtimeMs });
      }
    } catch {
      return;
    }
    // Newest first: the oldest go first while the folder is over its cap.
    others.sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (let i = others.length - 1; i >= 0; i--) {
      const o = others[i];
      if (now - o.mtimeMs <= PRUNE_AFTER_MS && total <= this.cap) break;
      remove(o.file);
      total -= o.size;
    }
  }
}
