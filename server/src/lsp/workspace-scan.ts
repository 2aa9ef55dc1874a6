// `tlslint/scanWorkspace` and `tlslint/clearWorkspaceFindings`: lint every file of the workspace folders
// (honouring .gitignore, .tlslintignore, the config's and the editor's ignores and `files.exclude`),
// publish diagnostics for files that are not open, report work-done progress, stay cancellable and
// responsive (the loop yields to the event loop so hovers and keystrokes are answered meanwhile).
import * as path from 'path';
import { randomUUID } from 'crypto';
import {
  CancellationTokenSource,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type CancellationToken,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver/node';
import { LineIndex } from '../engine/text';
import { CONFIG_FILE_NAME } from '../host/config';
import { readSourceFileSync } from '../host/files';
import { byteTestForPath } from '../host/prefilter';
import { configIgnoreLayers, walkFiles } from '../host/walk';
import { toDiagnostics } from './diagnostics';
import { grammarsWithSummaries, runLint, shouldLint, type LiveLinter, type ServerContext } from './documents';
import { StatusNotification, type ScanWorkspaceParams, type ScanWorkspaceResult, type StatusParams } from './protocol';
import { openDocument, pathToUri, uriToPath, type ResolvedSettings } from './settings';

/** How long the scan may compute before it yields to the event loop. */
const YIELD_AFTER_MS = 8;
/** How often progress and status are reported. */
const REPORT_EVERY_MS = 100;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkspaceScanner {
  /** Cancellation of the running scan, if any. */
  private running: CancellationTokenSource | undefined;
  /** Progress tokens of running scans, so `window/workDoneProgress/cancel` can stop them. */
  private readonly progressTokens = new Map<string | number, CancellationTokenSource>();
  /** What the running scan skipped and why, logged when it ends. */
  private skippedFiles: string[] = [];
  /** Whether the client accepts server-created progress (`window.workDoneProgress`). */
  progressSupported = false;

  constructor(
    private readonly ctx: ServerContext,
    private readonly linter: LiveLinter,
  ) {}

  /** Handles `window/workDoneProgress/cancel` for scan progress. */
  cancelProgress(token: string | number): void {
    this.progressTokens.get(token)?.cancel();
  }

  private status(p: StatusParams): void {
    void this.ctx.connection.sendNotification(StatusNotification, p);
  }

  private progress(
    token: string | number | undefined,
    value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd,
  ): void {
    if (token === undefined) return;
    void this.ctx.connection.sendProgress(WorkDoneProgress.type, token, value);
  }

  async scan(
    params: ScanWorkspaceParams | null | undefined,
    requestToken: CancellationToken,
  ): Promise<ScanWorkspaceResult> {
    const started = Date.now();
    // One scan at a time: a new request supersedes the running one.
    this.running?.cancel();
    const source = new CancellationTokenSource();
    this.running = source;
    const sub = requestToken.onCancellationRequested(() => source.cancel());
    const abort = new AbortController();
    const sub2 = source.token.onCancellationRequested(() => abort.abort());

    let token: string | number | undefined = params?.workDoneToken;
    if (token === undefined && this.progressSupported) {
      const created = randomUUID();
      try {
        await this.ctx.connection.sendRequest(WorkDoneProgressCreateRequest.type, { token: created });
        token = created;
      } catch {
        token = undefined;
      }
    }
    if (token !== undefined) this.progressTokens.set(token, source);

    const result: ScanWorkspaceResult = { files: 0, findings: 0, skipped: 0, cancelled: false, durationMs: 0 };
    this.skippedFiles = [];
    try {
      this.progress(token, {
        kind: 'begin',
        title: 'tlslint: scanning workspace',
        cancellable: true,
        message: 'collecting files',
      });
      this.status({ state: 'scanning', done: 0 });
      const roots = this.roots(params?.folders);

      // Phase 1: collect the files (cheap), so progress can say "n of m".
      const files: { path: string; settings: ResolvedSettings }[] = [];
      const seen = new Set<string>();
      // The walker's events resolve as microtasks: without yielding, a 100,000-file walk held
      // hovers and keystrokes for over a second.
      let lastWalkYield = Date.now();
      for (const root of roots) {
        if (source.token.isCancellationRequested) break;
        // Settings of the folder itself (any name inside it will do).
        const s = await this.ctx.settings.get(pathToUri(path.join(root, CONFIG_FILE_NAME)));
        if (!s.editor.enable) continue;
        // The editor's ignores and files.exclude (relative to the folder), then each folder's configuration.
        const editorLayers = configIgnoreLayers([{ base: root, globs: [...s.ignoreGlobs, ...s.filesExclude] }]);
        const ignoreFor = (dir: string) => [
          ...editorLayers,
          ...configIgnoreLayers(this.ctx.settings.configOf(dir).ignores),
        ];
        for await (const ev of walkFiles([root], { ignoreFor, signal: abort.signal })) {
          if (Date.now() - lastWalkYield >= YIELD_AFTER_MS) {
            await yieldToEventLoop();
            lastWalkYield = Date.now();
          }
          if (ev.kind === 'skip') {
            result.skipped++;
            this.skippedFiles.push(`${ev.path}: ${ev.reason}`);
            continue;
          }
          if (seen.has(ev.path)) continue;
          seen.add(ev.path);
          const own = await this.ctx.settings.get(pathToUri(ev.path));
          if (own.configErrors.length) {
            // Never linted with defaults: the configuration's errors are shown on its files and in the status.
            result.skipped++;
            const first = own.configErrors[0];
            this.skippedFiles.push(
              `${ev.path}: not linted, configuration error in ${first.file}:${first.error.line}:${first.error.column}`,
            );
            continue;
          }
          files.push({ path: ev.path, settings: own });
        }
      }

      // Phase 2: lint and publish.
      const total = files.length;
      let lastYield = Date.now();
      let lastReport = 0;
      let done = 0;
      for (const file of files) {
        if (source.token.isCancellationRequested) break;
        const now = Date.now();
        if (now - lastReport >= REPORT_EVERY_MS) {
          lastReport = now;
          this.progress(token, {
            kind: 'report',
            message: `${done} of ${total} files`,
            percentage: total ? Math.floor((done / total) * 100) : 0,
          });
          this.status({ state: 'scanning', done, total });
        }
        if (now - lastYield >= YIELD_AFTER_MS) {
          await yieldToEventLoop();
          lastYield = Date.now();
          if (source.token.isCancellationRequested) break;
        }
        done++;
        const n = await this.scanFile(file.path, file.settings);
        if (n === undefined) result.skipped++;
        else {
          result.files++;
          result.findings += n;
        }
      }
      result.cancelled = source.token.isCancellationRequested;
      result.durationMs = Date.now() - started;
      const summary = `${result.files} files, ${result.findings} findings, ${result.skipped} skipped${result.cancelled ? ' (cancelled)' : ''}`;
      this.progress(token, { kind: 'end', message: summary });
      this.status({ state: 'idle', done, total, message: summary });
      this.ctx.log(`workspace scan: ${summary} in ${result.durationMs} ms`);
      this.logSkipped();
      return result;
    } catch (e) {
      this.progress(token, { kind: 'end', message: 'scan failed' });
      this.status({ state: 'error', message: `workspace scan failed: ${(e as Error)?.message ?? String(e)}` });
      this.ctx.log(`workspace scan failed: ${(e as Error)?.stack ?? String(e)}`);
      result.cancelled = source.token.isCancellationRequested;
      result.durationMs = Date.now() - started;
      return result;
    } finally {
      sub.dispose();
      sub2.dispose();
      if (token !== undefined) this.progressTokens.delete(token);
      if (this.running === source) this.running = undefined;
      source.dispose();
    }
  }

  /** Lints one file; the number of findings, or undefined when it was skipped. */
  private async scanFile(filePath: string, s: ResolvedSettings): Promise<number | undefined> {
    const open = openDocument(this.ctx.documents, filePath);
    if (open) {
      // The live document owns its diagnostics; count them, and keep the file after it closes.
      const findings = await this.linter.findingsFor(open);
      if (findings.length) this.ctx.scanOwned.set(filePath, open.uri);
      return findings.length;
    }
    const lintPath = s.lintPath(filePath);
    // A file holding none of the engine's tokens is not decoded: nothing in it can be reported. Read
    // synchronously (one open, read, close, well under a millisecond; the loop yields every few ms):
    // the promise API's four thread-pool round trips per file left the scan mostly waiting.
    const read = readSourceFileSync(filePath, s.editor.maxFileSizeKb * 1024, byteTestForPath(lintPath, s.lint));
    if (!read.ok) {
      // Deleted since the walk, grown over the cap, binary, not UTF-8: counted and logged, never fatal.
      this.skippedFiles.push(`${filePath}: ${read.reason} (${read.message})`);
      return undefined;
    }
    const text = read.untouched ? '' : read.text;
    if (!shouldLint(s, filePath, text)) return 0;
    // A lossy decode is linted, and said so in the log (the editor decodes open files itself).
    if (!read.untouched && read.warning) this.ctx.connection.console.warn(`[tlslint] ${filePath}: ${read.warning}`);
    const result = read.untouched
      ? undefined
      : runLint(
          this.ctx,
          await grammarsWithSummaries(this.ctx, filePath),
          { text, path: lintPath, settings: s.lint },
          filePath,
        );
    const findings = result?.findings ?? [];
    const uri = this.ctx.scanOwned.get(filePath) ?? pathToUri(filePath);
    // Opened while we read it: the live lint publishes.
    if (openDocument(this.ctx.documents, filePath)) return findings.length;
    if (findings.length) {
      this.ctx.scanOwned.set(filePath, uri);
      await this.ctx.connection.sendDiagnostics({
        uri,
        diagnostics: toDiagnostics(findings, new LineIndex(text), null, uri),
      });
    } else if (this.ctx.scanOwned.delete(filePath)) {
      await this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    return findings.length;
  }

  /** Logs what the scan skipped (the first ones; the count says the rest). */
  private logSkipped(): void {
    const LIMIT = 50;
    for (const line of this.skippedFiles.slice(0, LIMIT)) this.ctx.log(`workspace scan skipped ${line}`);
    if (this.skippedFiles.length > LIMIT)
      this.ctx.log(`workspace scan skipped ${this.skippedFiles.length - LIMIT} more files`);
    this.skippedFiles = [];
  }

  /** Folders to scan: the requested ones (URIs or paths), else every workspace folder. */
  private roots(folders: string[] | undefined): string[] {
    if (folders && folders.length) {
      return folders
        .map((f) => (f.startsWith('file:') ? uriToPath(f) : path.resolve(f)))
        .filter((p): p is string => !!p);
    }
    return this.ctx.settings.workspaceFolders().map((f) => f.path);
  }

  cancelRunning(): void {
    this.running?.cancel();
  }

  /** Clears every scan-owned diagnostic of files that are not open; the number of files cleared. */
  clear(): number {
    this.running?.cancel();
    let cleared = 0;
    for (const [filePath, uri] of this.ctx.scanOwned) {
      if (!openDocument(this.ctx.documents, filePath)) {
        void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
        cleared++;
      }
    }
    this.ctx.scanOwned.clear();
    return cleared;
  }

  /** A file (or folder) was deleted: clear what the scan published for it. */
  onDeleted(deletedPath: string): void {
    const prefix = deletedPath.endsWith(path.sep) ? deletedPath : deletedPath + path.sep;
    for (const [filePath, uri] of [...this.ctx.scanOwned]) {
      if (filePath !== deletedPath && !filePath.startsWith(prefix)) continue;
      this.ctx.scanOwned.delete(filePath);
      if (!openDocument(this.ctx.documents, filePath))
        void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  /** A file changed on disk: refresh a scan-owned file that is not open. */
  onChanged(changedPath: string): void {
    const uri = this.ctx.scanOwned.get(changedPath);
    if (uri && !openDocument(this.ctx.documents, changedPath)) {
      void this.linter.lintFromDisk(changedPath, uri).then((findings) => {
        if (findings && findings.length === 0) this.ctx.scanOwned.delete(changedPath);
      });
    }
  }
}
