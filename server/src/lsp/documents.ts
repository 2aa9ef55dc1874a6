// Live linting of open documents: debounced per document, superseded by newer versions, published as
// diagnostics; closing a document clears them unless a workspace scan owns the file.
import type { Connection, TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit, Tree } from 'web-tree-sitter';
import { LANGUAGES, languageOf, type GrammarName } from '../engine/languages';
import { lint, prefilter } from '../engine/lint';
import { parse, type Grammars } from '../engine/parser';
import { DEFAULT_BUDGET_MS, DEFAULT_SETTINGS, type Finding, type LintResult, type LintSettings } from '../engine/types';
import { LineIndex } from '../engine/text';
import { readSourceFile } from '../host/files';
import { toDiagnostics } from './diagnostics';
import { uriToPath, type ResolvedSettings, type SettingsStore } from './settings';

/** What the handlers share. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  /** The grammars a file needs, loaded on first use (by its path, and the editor's language id). */
  grammarsFor(filePath: string, languageId?: string): Promise<Grammars>;
  /** Files whose diagnostics a workspace scan published, by path, with the URI they were published under. */
  scanOwned: Map<string, string>;
  /** Whether the client applies versioned `documentChanges`. */
  documentChangesSupported: boolean;
  log(message: string): void;
}

const loggedErrors = new Set<string>();

/** Runs the engine; never throws. Detector errors become (deduplicated) log lines, not diagnostics. */
export function runLint(
  ctx: ServerContext,
  grammars: Grammars,
  input: { text: string; path: string; languageId?: string; settings: LintSettings; tree?: Tree; budgetMs?: number },
): LintResult | undefined {
  try {
    const result = lint({ ...input, budgetMs: input.budgetMs ?? DEFAULT_BUDGET_MS }, grammars);
    if (result.abandoned) {
      // Once per file until it lints within the budget again; its diagnostics are cleared meanwhile.
      const key = `${input.path}: abandoned`;
      if (!loggedErrors.has(key)) {
        loggedErrors.add(key);
        ctx.connection.console.warn(
          `[tlslint] ${input.path}: ${result.errors[0]?.message ?? 'time budget exceeded'}; the file is not linted`,
        );
      }
      return result;
    }
    loggedErrors.delete(`${input.path}: abandoned`);
    for (const e of result.errors) {
      const line = `${input.path}: ${e.message}`;
      if (loggedErrors.has(line)) continue;
      if (loggedErrors.size > 1000) loggedErrors.clear();
      loggedErrors.add(line);
      ctx.log(line);
    }
    return result;
  } catch (e) {
    ctx.log(`lint failed for ${input.path}: ${(e as Error)?.stack ?? String(e)}`);
    return undefined;
  }
}

/** Whether a document should be linted at all under its settings (enable, ignores, size cap). */
export function shouldLint(s: ResolvedSettings, filePath: string, text: string): boolean {
  if (!s.editor.enable) return false;
  if (s.isIgnored(filePath)) return false;
  return text.length <= s.editor.maxFileSizeKb * 1024;
}

/** The end point of `text` inserted at (line, character), in UTF-16 units as web-tree-sitter counts. */
function endPoint(line: number, character: number, text: string): { row: number; column: number } {
  const parts = text.split(/\r\n|\r|\n/);
  if (parts.length === 1) return { row: line, column: character + text.length };
  return { row: line + parts.length - 1, column: parts[parts.length - 1].length };
}

/**
 * One tree-sitter tree per open document, kept in step with the editor's incremental changes
 * (`tree.edit` + reparse with the old tree), so a keystroke reparses only what changed.
 * Any change that cannot be mapped (a full-text replacement) drops the tree; the next lint parses afresh.
 */
export class TreeCache {
  private readonly trees = new Map<string, { tree: Tree; grammar: GrammarName; text: string; fresh: boolean }>();

  /** Records one content change; `doc` is the document before the change is applied. */
  edit(doc: TextDocument, change: TextDocumentContentChangeEvent): void {
    const entry = this.trees.get(doc.uri);
    if (!entry) return;
    if (!('range' in change) || !change.range) {
      this.drop(doc.uri);
      return;
    }
    const startIndex = doc.offsetAt(change.range.start);
    const oldEndIndex = doc.offsetAt(change.range.end);
    const start = doc.positionAt(startIndex);
    const oldEnd = doc.positionAt(oldEndIndex);
    const edit = {
      startIndex,
      oldEndIndex,
      newEndIndex: startIndex + change.text.length,
      startPosition: { row: start.line, column: start.character },
      oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
      newEndPosition: endPoint(start.line, start.character, change.text),
    };
    try {
      entry.tree.edit(edit as Edit);
      entry.fresh = false;
    } catch {
      this.drop(doc.uri);
    }
  }

  /**
   * The tree for the document's current text, parsed incrementally when an edited tree is at hand;
   * undefined when the language has no grammar or no detector could fire (no parse is spent then).
   */
  treeFor(
    uri: string,
    filePath: string,
    languageId: string | undefined,
    text: string,
    grammars: Grammars,
  ): Tree | undefined {
    const language = languageOf(filePath, languageId);
    const grammar = language ? LANGUAGES[language].grammar : undefined;
    const lang = grammar ? grammars.get(grammar) : undefined;
    // Every rule on (the default settings): the tree is parsed whenever some detector could fire.
    const test = language ? prefilter(language, DEFAULT_SETTINGS) : undefined;
    const worthParsing = !!language && (!test || test(text));
    const entry = this.trees.get(uri);
    if (!grammar || !lang || !worthParsing) {
      this.drop(uri);
      return undefined;
    }
    if (entry && entry.grammar === grammar && entry.fresh && entry.text === text) return entry.tree;
    const old = entry && entry.grammar === grammar ? entry.tree : undefined;
    let tree: Tree | undefined;
    try {
      tree = parse(lang, text, old, performance.now() + DEFAULT_BUDGET_MS);
    } catch {
      tree = undefined;
    }
    if (entry) entry.tree.delete();
    this.trees.delete(uri);
    if (tree) this.trees.set(uri, { tree, grammar, text, fresh: true });
    return tree;
  }

  drop(uri: string): void {
    this.trees.get(uri)?.tree.delete();
    this.trees.delete(uri);
  }

  dispose(): void {
    for (const e of this.trees.values()) e.tree.delete();
    this.trees.clear();
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
    readonly trees: TreeCache = new TreeCache(),
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
    if (filePath && this.ctx.scanOwned.has(filePath)) {
      // The scan owns this file: show what is on disk again (unsaved edits were discarded or saved).
      void this.lintFromDisk(filePath, doc.uri);
    } else {
      void this.ctx.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    }
  }

  /** Re-lints every open document (settings or config changed). */
  relintAll(): void {
    for (const doc of this.ctx.documents.all()) this.schedule(doc.uri, 0);
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
      this.ctx.grammarsFor(uriToPath(doc.uri) ?? doc.uri, doc.languageId),
    ]);
    const current = this.ctx.documents.get(doc.uri);
    if (!s || !current || current.version !== version) return undefined;
    const filePath = uriToPath(doc.uri) ?? doc.uri;
    const text = current.getText();
    if (!shouldLint(s, filePath, text)) {
      this.last.set(doc.uri, { version, findings: [] });
      return { findings: [] };
    }
    // One budget for the (incremental) parse and the lint: a file whose parse was cancelled is not parsed twice.
    const started = performance.now();
    const tree = this.trees.treeFor(doc.uri, s.lintPath(filePath), doc.languageId, text, grammars);
    const budgetMs = Math.max(1, DEFAULT_BUDGET_MS - (performance.now() - started));
    const result = runLint(this.ctx, grammars, {
      text,
      path: s.lintPath(filePath),
      languageId: doc.languageId,
      settings: s.lint,
      tree,
      budgetMs,
    });
    const findings = result?.findings ?? [];
    this.last.set(doc.uri, { version, findings });
    return { findings };
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.ctx.documents.get(uri);
    if (!doc) return;
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
    const [s, grammars] = await Promise.all([this.settingsFor(uri), this.ctx.grammarsFor(filePath)]);
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
    const result = runLint(this.ctx, grammars, { text: read.text, path: s.lintPath(filePath), settings: s.lint });
    const findings = result?.findings ?? [];
    await this.ctx.connection.sendDiagnostics({
      uri,
      diagnostics: toDiagnostics(findings, new LineIndex(read.text), null, uri),
    });
    return findings;
  }
}
