// Live linting of open documents: debounced per document, superseded by newer versions, published as
// diagnostics; closing a document clears them unless a workspace scan owns the file.
import type { Connection, TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { NodeTypeMemory, openDocument, type LintDocument } from '../engine/document';
import { lint } from '../engine/lint';
import type { Grammars } from '../engine/parser';
import { DEFAULT_BUDGET_MS, type Finding, type LintResult, type LintSettings } from '../engine/types';
import { LineIndex } from '../engine/text';
import { readSourceFile } from '../host/files';
import { toDiagnostics } from './diagnostics';
import {
  documentPath,
  openDocument as openEditorDocument,
  uriToPath,
  type ResolvedSettings,
  type SettingsStore,
} from './settings';
import { dependencyFiles, summaryLanguages, type SummaryStore } from '../host/workspace-index';
import { languageOf } from '../engine/languages';
import type { WorkspaceIndex } from '../engine/workspace';

/** What the handlers share. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  /** The grammars a file needs, loaded on first use (by its path, and the editor's language id). */
  grammarsFor(filePath: string, languageId?: string): Promise<Grammars>;
  /** Files whose diagnostics a workspace scan published, by path, with the URI they were published under. */
  scanOwned: Map<string, string>;
  /** Other files' summaries (engine/workspace) for imported constants; open documents' text first. */
  summaries: SummaryStore;
  /** Whether the client applies versioned `documentChanges`. */
  documentChangesSupported: boolean;
  log(message: string): void;
}

const loggedErrors = new Set<string>();

/** Runs the engine on a file; never throws. Detector errors become (deduplicated) log lines, not diagnostics. */
export function runLint(
  ctx: ServerContext,
  grammars: Grammars,
  input: { text: string; path: string; languageId?: string; settings: LintSettings; budgetMs?: number },
  abs?: string,
): LintResult | undefined {
  const once = (index?: WorkspaceIndex) =>
    lint({ ...input, budgetMs: input.budgetMs ?? DEFAULT_BUDGET_MS, ...(index ? { index } : {}) }, grammars);
  const result = reportLint(ctx, input.path, () => (abs ? ctx.summaries.lintWithIndex(abs, input.path, once) : once()));
  return result && abs ? withRelatedPaths(result, abs, input.path) : result;
}

/** Related locations in other files named by absolute path (the engine names them by project path). */
export function withRelatedPaths(result: LintResult, abs: string, enginePath: string): LintResult {
  const fix = (fs: Finding[]) =>
    fs.map((f) =>
      f.related?.some((r) => r.file)
        ? {
            ...f,
            related: f.related.map((r) =>
              r.file
                ? { ...r, file: { ...r.file, path: dependencyFiles(abs, enginePath, [{ path: r.file.path }])[0] } }
                : r,
            ),
          }
        : f,
    );
  return { ...result, findings: fix(result.findings), suppressed: fix(result.suppressed) };
}

/** The grammars a file needs, and those of the modules it may import from (see summaryLanguages). */
export async function grammarsWithSummaries(
  ctx: ServerContext,
  filePath: string,
  languageId?: string,
): Promise<Grammars> {
  const own = await ctx.grammarsFor(filePath, languageId);
  const ext: Partial<Record<string, string>> = { javascript: 'x.js', typescript: 'x.ts', tsx: 'x.tsx', go: 'x.go' };
  for (const l of summaryLanguages(languageOf(filePath, languageId))) {
    const sample = ext[l];
    if (sample) await ctx.grammarsFor(sample);
  }
  return own;
}

/** Runs one lint (of a file or an open document); logs what it reports; never throws. */
function reportLint(ctx: ServerContext, path: string, run: () => LintResult): LintResult | undefined {
  try {
    const result = run();
    if (result.abandoned) {
      // Once per file until it lints within the budget again; its diagnostics are cleared meanwhile.
      const key = `${path}: abandoned`;
      if (!loggedErrors.has(key)) {
        loggedErrors.add(key);
        ctx.connection.console.warn(
          `[tlslint] ${path}: ${result.errors[0]?.message ?? 'time budget exceeded'}; the file is not linted`,
        );
      }
      return result;
    }
    loggedErrors.delete(`${path}: abandoned`);
    for (const e of result.errors) {
      const line = `${path}: ${e.message}`;
      if (loggedErrors.has(line)) continue;
      if (loggedErrors.size > 1000) loggedErrors.clear();
      loggedErrors.add(line);
      ctx.log(line);
    }
    return result;
  } catch (e) {
    ctx.log(`lint failed for ${path}: ${(e as Error)?.stack ?? String(e)}`);
    return undefined;
  }
}

/**
 * Whether a document should be linted at all under its settings (enable, ignores, size cap). A file under
 * a configuration with errors is not linted: never with defaults the project did not choose (the errors
 * are on the configuration files and in the client's status).
 */
export function shouldLint(s: ResolvedSettings, filePath: string, text: string): boolean {
  if (!s.editor.enable) return false;
  if (s.configErrors.length) return false;
  if (s.isIgnored(filePath)) return false;
  return text.length <= s.editor.maxFileSizeKb * 1024;
}

/**
 * The engine's document per open editor document, kept in step with the editor's incremental changes,
 * so a keystroke reparses only what changed and reuses what it cannot have changed. A change that
 * cannot be mapped (a full-text replacement) or a document out of step opens it afresh.
 */
export class OpenDocuments {
  private readonly docs = new Map<string, LintDocument>();
  /** One memory of node types for all documents (each would otherwise compile its own query). */
  readonly nodeTypes = new NodeTypeMemory();
  /** Documents by last lint, oldest first: only the most recent keep their parse trees. */
  private readonly recent: string[] = [];

  /** @param keepTrees how many documents keep their parse tree between lints (wasm memory). */
  constructor(private readonly keepTrees = 8) {}

  /** Records that a document was just linted; frees the trees of the documents linted longest ago. */
  linted(uri: string): void {
    const i = this.recent.indexOf(uri);
    if (i >= 0) this.recent.splice(i, 1);
    this.recent.push(uri);
    while (this.recent.length > this.keepTrees) this.docs.get(this.recent.shift()!)?.releaseTree();
  }

  /** Records one content change; `doc` is the document before the change is applied. */
  edit(doc: TextDocument, change: TextDocumentContentChangeEvent): void {
    const d = this.docs.get(doc.uri);
    if (!d) return;
    if (!('range' in change) || !change.range) {
      d.setText(change.text);
      return;
    }
    try {
      d.applyChange({
        start: doc.offsetAt(change.range.start),
        end: doc.offsetAt(change.range.end),
        text: change.text,
      });
    } catch {
      this.drop(doc.uri);
    }
  }

  /** The engine's document for the editor document's current text. */
  documentFor(uri: string, filePath: string, languageId: string | undefined, text: string): LintDocument {
    let d = this.docs.get(uri);
    if (d && (d.text !== text || d.path !== filePath || d.languageId !== languageId)) {
      this.drop(uri);
      d = undefined;
    }
    if (!d) {
      d = openDocument(text, filePath, languageId, undefined, this.nodeTypes);
      this.docs.set(uri, d);
    }
    return d;
  }

  drop(uri: string): void {
    this.docs.get(uri)?.dispose();
    this.docs.delete(uri);
    const i = this.recent.indexOf(uri);
    if (i >= 0) this.recent.splice(i, 1);
  }

  dispose(): void {
    for (const d of this.docs.values()) d.dispose();
    this.docs.clear();
    this.recent.length = 0;
    this.nodeTypes.dispose();
  }
}

interface LastLint {
  version: number;
  findings: Finding[];
}

export class LiveLinter {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The last findings per open document, for hover (code actions use Diagnostic.data instead). */
  private readonly last = new Map<string, LastLint>();
  /** The version each document was opened with, to skip the change event that accompanies an open. */
  private readonly openedAt = new Map<string, number>();

  constructor(
    private readonly ctx: ServerContext,
    readonly trees: OpenDocuments = new OpenDocuments(),
  ) {}

  onOpen(doc: TextDocument): void {
    this.openedAt.set(doc.uri, doc.version);
    this.schedule(doc.uri, 0);
  }

  async onChange(doc: TextDocument): Promise<void> {
    // TextDocuments reports an open as a content change too; the open already scheduled a lint.
    if (this.openedAt.get(doc.uri) === doc.version) return;
    this.openedAt.delete(doc.uri);
    const s = await this.settingsFor(doc.uri);
    this.summaryChanged(uriToPath(doc.uri), s?.editor.debounceMs ?? 0);
    if (!s || s.editor.run !== 'onType') return;
    this.schedule(doc.uri, s.editor.debounceMs);
  }

  onSave(doc: TextDocument): void {
    this.schedule(doc.uri, 0);
  }

  onClose(doc: TextDocument): void {
    this.cancel(doc.uri);
    this.last.delete(doc.uri);
    this.openedAt.delete(doc.uri);
    this.trees.drop(doc.uri);
    const filePath = uriToPath(doc.uri);
    if (filePath) this.ctx.summaries.forget(filePath);
    // Its text on disk counts again for the files that import from it.
    this.summaryChanged(filePath, 0);
    if (filePath && this.ctx.scanOwned.has(filePath)) {
      // The scan owns this file: show what is on disk again (unsaved edits were discarded or saved).
      void this.lintFromDisk(filePath, doc.uri);
    } else {
      void this.ctx.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    }
  }

  /**
   * A file's text changed (typed, closed, changed on disk): its summary is read again, and the open documents
   * (and scan-owned files) whose findings used it are linted again.
   */
  summaryChanged(filePath: string | undefined, delayMs: number): void {
    if (!filePath) return;
    for (const dependent of this.ctx.summaries.invalidate(filePath)) {
      const open = openEditorDocument(this.ctx.documents, dependent);
      if (open) this.schedule(open.uri, delayMs);
      else {
        const uri = this.ctx.scanOwned.get(dependent);
        if (uri) void this.lintFromDisk(dependent, uri);
      }
    }
  }

  /** Re-lints every open document (settings or config changed). */
  relintAll(): void {
    for (const doc of this.ctx.documents.all()) this.schedule(doc.uri, 0);
  }

  /** Configuration files are not code: their diagnostics are the configuration's errors (server.ts). */
  private isConfig(uri: string): boolean {
    const p = uriToPath(uri);
    return p !== undefined && this.ctx.settings.isConfigFile(p);
  }

  /** Findings of the current version of an open document (re-linted when the cache is stale). */
  async findingsFor(doc: TextDocument): Promise<Finding[]> {
    const hit = this.last.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.findings;
    const result = await this.lintDocument(doc);
    return result?.findings ?? [];
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.trees.dispose();
  }

  private cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  private settingsFor(uri: string): Promise<ResolvedSettings | undefined> {
    return this.ctx.settings.get(uri).catch((e) => {
      this.ctx.log(`settings failed for ${uri}: ${(e as Error)?.message ?? String(e)}`);
      return undefined;
    });
  }

  private schedule(uri: string, delayMs: number): void {
    this.cancel(uri);
    if (delayMs <= 0) {
      void this.publish(uri);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.publish(uri);
      }, delayMs),
    );
  }

  /** Lints the document's current version; gives up silently when a newer version arrives meanwhile. */
  private async lintDocument(doc: TextDocument): Promise<{ findings: Finding[] } | undefined> {
    const version = doc.version;
    const [s, grammars] = await Promise.all([
      this.settingsFor(doc.uri),
      grammarsWithSummaries(this.ctx, documentPath(doc.uri) ?? doc.uri, doc.languageId),
    ]);
    const current = this.ctx.documents.get(doc.uri);
    if (!s || !current || current.version !== version) return undefined;
    const filePath = documentPath(doc.uri) ?? doc.uri;
    const text = current.getText();
    if (!shouldLint(s, filePath, text)) {
      this.last.set(doc.uri, { version, findings: [] });
      return { findings: [] };
    }
    // One budget for the (incremental) parse and the lint.
    const lintPath = s.lintPath(filePath);
    const document = this.trees.documentFor(doc.uri, filePath, doc.languageId, text);
    const once = (index: WorkspaceIndex) =>
      document.lint(grammars, { path: lintPath, settings: s.lint, budgetMs: DEFAULT_BUDGET_MS, index });
    const raw = reportLint(this.ctx, lintPath, () =>
      uriToPath(doc.uri)
        ? this.ctx.summaries.lintWithIndex(filePath, lintPath, once)
        : document.lint(grammars, { path: lintPath, settings: s.lint, budgetMs: DEFAULT_BUDGET_MS }),
    );
    const result = raw && uriToPath(doc.uri) ? withRelatedPaths(raw, filePath, lintPath) : raw;
    this.trees.linted(doc.uri);
    const findings = result?.findings ?? [];
    this.last.set(doc.uri, { version, findings });
    return { findings };
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.ctx.documents.get(uri);
    if (!doc || this.isConfig(uri)) return;
    const version = doc.version;
    const result = await this.lintDocument(doc);
    const current = this.ctx.documents.get(uri);
    // Superseded: a newer version has its own lint scheduled.
    if (!result || !current || current.version !== version) return;
    await this.ctx.connection.sendDiagnostics({
      uri,
      version,
      diagnostics: toDiagnostics(result.findings, current, version, uri),
    });
  }

  /** Lints a file from disk and publishes under `uri` (used for scan-owned files once closed). */
  async lintFromDisk(filePath: string, uri: string): Promise<Finding[] | undefined> {
    const [s, grammars] = await Promise.all([this.settingsFor(uri), grammarsWithSummaries(this.ctx, filePath)]);
    if (!s) return undefined;
    const read = await readSourceFile(filePath, s.editor.maxFileSizeKb * 1024);
    // Opened again meanwhile: the live document wins.
    if (this.ctx.documents.get(uri)) return undefined;
    if (!read.ok || !shouldLint(s, filePath, read.text)) {
      this.ctx.scanOwned.delete(filePath);
      await this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
      return undefined;
    }
    if (read.warning) this.ctx.connection.console.warn(`[tlslint] ${filePath}: ${read.warning}`);
    const result = runLint(
      this.ctx,
      grammars,
      { text: read.text, path: s.lintPath(filePath), settings: s.lint },
      filePath,
    );
    const findings = result?.findings ?? [];
    await this.ctx.connection.sendDiagnostics({
      uri,
      diagnostics: toDiagnostics(findings, new LineIndex(read.text), null, uri),
    });
    return findings;
  }
}
