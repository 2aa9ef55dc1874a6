// Per-folder settings: the editor's `tlslint.*` settings merged with the configuration files in effect in
// the file's folder (host/config.ts ConfigResolver, the same resolution as the CLI's), cached until either
// changes, so the keystroke path never re-reads configuration.
//
// Precedence (lowest to highest), chosen like ESLint's `rulesCustomizations`:
//   1. engine defaults (each rule's default severity, testFiles "downgrade");
//   2. the `.tlslint.json` files of the file's folder and those above it: the project's truth, shared with
//      the CLI, so the CLI and the editor agree for a client with no tlslint settings (e.g. Neovim);
//   3. the editor's `tlslint.rules`: a per-rule override on top of the project's file (a user may turn a
//      rule up or down locally without editing the shared file).
// `tlslint.testFiles` applies only where `.tlslint.json` does not set `testFiles` (the project decides first).
// `tlslint.ignore` is added to the config's `ignore`; `files.exclude` is honoured by the workspace scan only.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import ignore, { type Ignore } from 'ignore';
import type { Connection, WorkspaceFolder } from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintSettings, SeveritySetting, TestFilesMode } from '../engine/types';
import {
  CONFIG_FILE_NAME,
  ConfigResolver,
  NO_CONFIG,
  toLintSettings,
  type LocatedConfigError,
  type ResolvedConfig,
} from '../host/config';
import { CONFIGURABLE_RULE_IDS } from '../host/config-schema';
import { guardPatterns } from '../host/ignore-guard';
import { configIgnoreLayers, isIgnoredBy } from '../host/walk';

/** The editor settings (`tlslint.*`), normalized. */
export interface EditorSettings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  ignore: string[];
  run: 'onType' | 'onSave';
  /** Delay after a change before linting; 0 lints at once. */
  debounceMs: number;
  scanOnStartup: boolean;
  /** Undefined when the editor does not set it (then the config or the default decides). */
  testFiles: TestFilesMode | undefined;
  maxFileSizeKb: number;
  trace: 'off' | 'messages' | 'verbose';
}

/** Debounce default: long enough to skip most intermediate keystrokes, short enough to feel live. */
export const DEFAULT_DEBOUNCE_MS = 150;

export const DEFAULT_EDITOR_SETTINGS: EditorSettings = {
  enable: true,
  rules: {},
  ignore: [],
  run: 'onType',
  debounceMs: DEFAULT_DEBOUNCE_MS,
  scanOnStartup: false,
  testFiles: undefined,
  maxFileSizeKb: 1024,
  trace: 'off',
};

const SEVERITIES: readonly string[] = ['off', 'information', 'warning', 'error'];

/** Reads whatever a client sent for section `tlslint` (null, partial, wrong types) into full settings. */
export function normalizeEditorSettings(raw: unknown): EditorSettings {
  const s: EditorSettings = { ...DEFAULT_EDITOR_SETTINGS, rules: {}, ignore: [] };
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') s.enable = r.enable;
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
    for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      // Accept "warn"/"info" as ESLint users type them.
      const v = sev === 'warn' ? 'warning' : sev === 'info' ? 'information' : sev;
      if (CONFIGURABLE_RULE_IDS.includes(id) && typeof v === 'string' && SEVERITIES.includes(v))
        s.rules[id] = v as SeveritySetting;
    }
  }
  if (Array.isArray(r.ignore)) s.ignore = r.ignore.filter((g): g is string => typeof g === 'string' && g.length > 0);
  if (r.run === 'onType' || r.run === 'onSave') s.run = r.run;
  if (typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs) && r.debounceMs >= 0)
    s.debounceMs = Math.min(r.debounceMs, 10_000);
  if (typeof r.scanOnStartup === 'boolean') s.scanOnStartup = r.scanOnStartup;
  if (r.testFiles === 'report' || r.testFiles === 'downgrade' || r.testFiles === 'ignore') s.testFiles = r.testFiles;
  if (typeof r.maxFileSizeKb === 'number' && Number.isFinite(r.maxFileSizeKb) && r.maxFileSizeKb > 0)
    s.maxFileSizeKb = r.maxFileSizeKb;
  const trace = (r.trace as { server?: unknown } | undefined)?.server;
  if (trace === 'off' || trace === 'messages' || trace === 'verbose') s.trace = trace;
  return s;
}

/** `files.exclude` (`{ glob: true }`) to a list of globs. */
export function filesExcludeGlobs(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object') return [];
  return Object.entries(raw as Record<string, unknown>)
    .filter(([, v]) => v === true)
    .map(([k]) => k);
}

/** Everything linting needs for the files of one workspace folder (or one loose file). */
export interface ResolvedSettings {
  /** Folder root (absolute path), or undefined for a file outside every folder. */
  root: string | undefined;
  editor: EditorSettings;
  /** Exactly what the engine gets: `toLintSettings(config)` plus the editor's per-rule overrides. */
  lint: LintSettings;
  /** `tlslint.ignore` (gitignore syntax, relative to `root`); the configuration's own are in `config.ignores`. */
  ignoreGlobs: string[];
  /** `files.exclude` globs (for the workspace scan). */
  filesExclude: string[];
  /** The configuration in effect in the file's folder (files, merged settings, ignores, errors). */
  config: ResolvedConfig;
  /**
   * Errors of that configuration: while there are any, the folder's files are not linted (never
   * silently with defaults); the errors stay on the configuration files and in the client's status.
   */
  configErrors: LocatedConfigError[];
  isIgnored(absPath: string): boolean;
  /**
   * The path the engine sees: relative to the folder (forward slashes), as the CLI passes paths relative
   * to its scan root, so test-file detection (`tests/`, `test_*.py`) and path-decided languages agree.
   */
  lintPath(absPath: string): string;
}

/** Callback told of every configuration resolved, so the server can publish its files' errors. */
export type ConfigReporter = (config: ResolvedConfig) => void;

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The file a document belongs to: its own path for `file:` URIs, the notebook's path for a notebook
 * cell (`vscode-notebook-cell:` URIs carry the notebook's path, the cell in the fragment), so a cell
 * gets its notebook's folder settings, config and ignores. Undefined for other schemes (untitled).
 */
export function documentPath(uri: string): string | undefined {
  if (uri.startsWith(NOTEBOOK_CELL_SCHEME + ':')) {
    try {
      const u = new URL(uri);
      return uriToPath(`file://${u.pathname}`);
    } catch {
      return undefined;
    }
  }
  return uriToPath(uri);
}

/** The URI scheme of Jupyter notebook cells in VS Code. */
export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** Caches resolved settings per folder; invalidated by configuration and config-file changes. */
export class SettingsStore {
  private folders: { uri: string; path: string }[] = [];
  /** Editor settings per workspace folder (or loose file's folder). */
  private readonly editorCache = new Map<string, Promise<{ editor: EditorSettings; filesExclude: string[] }>>();
  /** Resolved settings per folder of the files asked about. */
  private readonly cache = new Map<string, Promise<ResolvedSettings>>();
  /** Configuration files: open documents' text wins over the disk (unsaved edits count at once). */
  readonly resolver = new ConfigResolver((file) => {
    const open = openDocument(this.documents, file);
    if (open) return open.getText();
    return readFileText(file);
  });
  /** Every configuration file seen in effect (extended files too), so their documents are not linted as code. */
  private readonly knownConfigFiles = new Set<string>();
  /** Configuration capability of the client (workspace/configuration). */
  configurationSupported = false;
  /** Settings pushed by didChangeConfiguration, for clients without workspace/configuration. */
  pushed: unknown = undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly reportConfig: ConfigReporter,
  ) {}

  setFolders(folders: readonly WorkspaceFolder[]): void {
    this.folders = folders
      .map((f) => ({ uri: f.uri, path: uriToPath(f.uri) }))
      .filter((f): f is { uri: string; path: string } => f.path !== undefined)
      // Longest first, so nested folders win.
      .sort((a, b) => b.path.length - a.path.length);
    this.invalidate();
  }

  workspaceFolders(): { uri: string; path: string }[] {
    return [...this.folders];
  }

  /** The workspace folder holding a file, if any. */
  folderOf(filePath: string): { uri: string; path: string } | undefined {
    return this.folders.find(
      (f) => filePath === f.path || filePath.startsWith(f.path.endsWith(path.sep) ? f.path : f.path + path.sep),
    );
  }

  /** Forgets every cached folder (settings or config changed). */
  invalidate(): void {
    this.cache.clear();
    this.editorCache.clear();
    this.resolver.clear();
  }

  /** Whether a path is a configuration file (`.tlslint.json`, or a file one of them extends). */
  isConfigFile(filePath: string): boolean {
    return path.basename(filePath) === CONFIG_FILE_NAME || this.knownConfigFiles.has(filePath);
  }

  /** Resolves (and reports) the configuration of a folder now, e.g. after its configuration file changed. */
  configOf(dir: string): ResolvedConfig {
    const config = this.resolver.forDir(dir);
    for (const f of config.files) this.knownConfigFiles.add(f);
    this.reportConfig(config);
    return config;
  }

  /** Settings for a document or file URI; cached per folder, so cheap on every keystroke. */
  get(uri: string): Promise<ResolvedSettings> {
    const filePath = documentPath(uri);
    // A workspace folder's own URI stands for the folder; any other path for a file in its folder.
    const dir = filePath
      ? this.folders.some((f) => f.path === filePath)
        ? filePath
        : path.dirname(filePath)
      : undefined;
    const key = dir ?? 'none';
    let hit = this.cache.get(key);
    if (!hit) {
      const folder = filePath ? this.folderOf(filePath) : undefined;
      hit = this.resolve(folder, dir, folder?.uri ?? uri);
      this.cache.set(key, hit);
      // A failed resolution must not stick.
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }

  private editorSettings(
    folder: { uri: string } | undefined,
    scopeUri: string,
  ): Promise<{ editor: EditorSettings; filesExclude: string[] }> {
    const key = folder?.uri ?? scopeUri;
    let hit = this.editorCache.get(key);
    if (!hit) {
      hit = this.fetchEditorSettings(scopeUri);
      this.editorCache.set(key, hit);
    }
    return hit;
  }

  private async fetchEditorSettings(scopeUri: string): Promise<{ editor: EditorSettings; filesExclude: string[] }> {
    if (!this.configurationSupported) {
      const pushed = (this.pushed as { tlslint?: unknown } | undefined)?.tlslint;
      return { editor: normalizeEditorSettings(pushed), filesExclude: [] };
    }
    try {
      const config: unknown[] = await this.connection.workspace.getConfiguration([
        { scopeUri, section: 'tlslint' },
        { scopeUri, section: 'files' },
      ]);
      const [tlslint, files] = config;
      return {
        editor: normalizeEditorSettings(tlslint),
        filesExclude: filesExcludeGlobs((files as { exclude?: unknown } | null)?.exclude),
      };
    } catch {
      // A client that fails the request gets defaults: any LSP editor works with zero configuration.
      return { editor: normalizeEditorSettings(undefined), filesExclude: [] };
    }
  }

  private async resolve(
    folder: { uri: string; path: string } | undefined,
    dir: string | undefined,
    scopeUri: string,
  ): Promise<ResolvedSettings> {
    const { editor, filesExclude } = await this.editorSettings(folder, scopeUri);
    const root = folder?.path;
    const config = dir ? this.configOf(dir) : NO_CONFIG;
    const base = toLintSettings(config.config, editor.testFiles ? { testFiles: editor.testFiles } : {});
    const lint: LintSettings = { ...base, rules: { ...base.rules, ...editor.rules } };
    // Engine paths as the CLI's: relative to the configuration's project folder, else the workspace folder.
    const pathBase = config.base ?? root;
    const editorRoot = root ?? config.base;
    const ignoreGlobs = [...editor.ignore];
    const matcher: Ignore | undefined =
      ignoreGlobs.length && editorRoot ? ignore().add(guardPatterns(ignoreGlobs).kept) : undefined;
    const configLayers = configIgnoreLayers(config.ignores);
    const relTo = (from: string | undefined, absPath: string): string | undefined => {
      if (!from) return undefined;
      const rel = path.relative(from, absPath);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
      return rel.split(path.sep).join('/');
    };
    return {
      root: editorRoot,
      editor,
      lint,
      ignoreGlobs,
      filesExclude,
      config,
      configErrors: config.errors,
      isIgnored(absPath: string): boolean {
        if (isIgnoredBy(configLayers, absPath)) return true;
        const rel = matcher ? relTo(editorRoot, absPath) : undefined;
        return rel !== undefined && matcher!.ignores(rel);
      },
      lintPath(absPath: string): string {
        return relTo(pathBase, absPath) ?? absPath;
      },
    };
  }
}

function readFileText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Open documents by file path (URIs from clients differ in encoding, paths do not); kept by server.ts. */
const openByPath = new Map<string, string>();

export function trackOpen(uri: string, open: boolean): void {
  const p = uriToPath(uri);
  if (!p) return;
  if (open) openByPath.set(p, uri);
  else if (openByPath.get(p) === uri) openByPath.delete(p);
}

/** The open document for a file path, in constant time (the workspace scan asks for every file). */
export function openDocument(documents: TextDocuments<TextDocument>, filePath: string): TextDocument | undefined {
  const uri = openByPath.get(filePath);
  return uri ? documents.get(uri) : undefined;
}
