// Per-folder settings: the editor's `tlslint.*` settings merged with the folder's `.tlslint.json`, cached
// until either changes, so the keystroke path never re-reads configuration.
//
// Precedence (lowest to highest), chosen like ESLint's `rulesCustomizations`:
//   1. engine defaults (each rule's default severity, testFiles "downgrade");
//   2. `.tlslint.json` of the workspace folder: the project's truth, shared with the CLI, so the CLI and
//      the editor agree for a client with no tlslint settings (e.g. Neovim with zero configuration);
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
  findConfigFile,
  loadConfigFile,
  parseConfig,
  toLintSettings,
  type ConfigError,
} from '../host/config';
import { CONFIGURABLE_RULE_IDS } from '../host/config-schema';
import { guardPatterns } from '../host/ignore-guard';

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
  /** Config ignores plus `tlslint.ignore` (gitignore syntax, relative to `root`). */
  ignoreGlobs: string[];
  /** `files.exclude` globs (for the workspace scan). */
  filesExclude: string[];
  /** The `.tlslint.json` used, if any. */
  configPath: string | undefined;
  isIgnored(absPath: string): boolean;
  /**
   * The path the engine sees: relative to the folder (forward slashes), as the CLI passes paths relative
   * to its scan root, so test-file detection (`tests/`, `test_*.py`) and path-decided languages agree.
   */
  lintPath(absPath: string): string;
}

/** Callback that publishes a config file's errors (an empty list clears them). */
export type ConfigReporter = (configPath: string, text: string | undefined, errors: ConfigError[]) => void;

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

/** Caches resolved settings per workspace folder; invalidated by configuration and config-file changes. */
export class SettingsStore {
  private folders: { uri: string; path: string }[] = [];
  private readonly cache = new Map<string, Promise<ResolvedSettings>>();
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
    this.cache.clear();
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
  }

  /** Settings for a document or file URI; cached per folder, so cheap on every keystroke. */
  get(uri: string): Promise<ResolvedSettings> {
    const filePath = documentPath(uri);
    const folder = filePath ? this.folderOf(filePath) : undefined;
    // Loose files share one entry per directory (their config is found upwards from there).
    const key = folder ? `folder:${folder.uri}` : filePath ? `dir:${path.dirname(filePath)}` : 'none';
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.resolve(folder, filePath, folder?.uri ?? uri);
      this.cache.set(key, hit);
      // A failed resolution must not stick.
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }

  private async editorSettings(scopeUri: string): Promise<{ editor: EditorSettings; filesExclude: string[] }> {
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
    filePath: string | undefined,
    scopeUri: string,
  ): Promise<ResolvedSettings> {
    const { editor, filesExclude } = await this.editorSettings(scopeUri);
    const root = folder?.path;
    let configPath: string | undefined;
    if (root) {
      configPath = path.join(root, CONFIG_FILE_NAME);
    } else if (filePath) {
      configPath = findConfigFile(path.dirname(filePath));
    }
    let config = {};
    if (configPath) {
      const open = openDocument(this.documents, configPath);
      let loaded: Awaited<ReturnType<typeof loadConfigFile>> | undefined;
      let text: string | undefined;
      if (open) {
        text = open.getText();
        loaded = parseConfig(text);
      } else if (await exists(configPath)) {
        loaded = await loadConfigFile(configPath);
      } else {
        configPath = undefined;
      }
      if (loaded && configPath) {
        config = loaded.config;
        this.reportConfig(configPath, text, loaded.errors);
      }
    }
    const base = toLintSettings(config, { testFiles: editor.testFiles });
    const lint: LintSettings = { ...base, rules: { ...base.rules, ...editor.rules } };
    const configRoot = root ?? (configPath ? path.dirname(configPath) : undefined);
    const ignoreGlobs = [...((config as { ignore?: string[] }).ignore ?? []), ...editor.ignore];
    const matcher: Ignore | undefined =
      ignoreGlobs.length && configRoot ? ignore().add(guardPatterns(ignoreGlobs).kept) : undefined;
    return {
      root: configRoot,
      editor,
      lint,
      ignoreGlobs,
      filesExclude,
      configPath,
      isIgnored(absPath: string): boolean {
        if (!matcher || !configRoot) return false;
        const rel = path.relative(configRoot, absPath);
        if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
        return matcher.ignores(rel.split(path.sep).join('/'));
      },
      lintPath(absPath: string): string {
        if (!configRoot) return absPath;
        const rel = path.relative(configRoot, absPath);
        if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return absPath;
        return rel.split(path.sep).join('/');
      },
    };
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(p)).isFile();
  } catch {
    return false;
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
