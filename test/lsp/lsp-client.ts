// A small LSP client for the protocol tests: spawns the bundled server (`node dist/server.js --stdio`)
// and drives it with vscode-languageserver-protocol's real JSON-RPC connection.
import type { ConfigStatusParams } from '../../server/src/lsp/protocol';
import { fork, spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  ConfigurationRequest,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from '../helpers';

export const SERVER = path.join(ROOT, 'dist', 'server.js');

export function uriOf(p: string): string {
  return pathToFileURL(p).href;
}

export interface StartOptions {
  /** Advertise `workspace/configuration` (default true). */
  configuration?: boolean;
  /** Answers `workspace/configuration` items (default: no settings, i.e. null). */
  settings?: (section: string | undefined, scopeUri: string | undefined) => unknown;
  workspaceFolders?: string[];
  /** Advertise `window.workDoneProgress` (default true). */
  progress?: boolean;
  documentChanges?: boolean;
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  execArgv?: string[];
  /** Transport: stdio (default, as Neovim uses it) or node IPC (as the VS Code client uses it). */
  transport?: 'stdio' | 'ipc';
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
}

interface Waiter {
  test: () => boolean;
  resolve: () => void;
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly progress: {
    token: string | number;
    value: { kind: string; message?: string; percentage?: number; title?: string };
  }[] = [];
  readonly status: { state: string; done?: number; total?: number; message?: string }[] = [];
  readonly logs: string[] = [];
  /** Every `tlslint/configStatus` the server sent. */
  readonly configStatus: ConfigStatusParams[] = [];
  readonly registrations: Registration[] = [];
  readonly createdTokens: (string | number)[] = [];
  /** `window/showDocument` requests the server sent. */
  readonly shownDocuments: { uri: string; external?: boolean; takeFocus?: boolean }[] = [];
  configurationRequests = 0;
  stderr = '';
  initializeResult!: InitializeResult;
  private waiters: Waiter[] = [];
  private exited: Promise<number | null>;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    public options: StartOptions,
  ) {
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    let proc: ChildProcess;
    let conn: ProtocolConnection;
    if (options.transport === 'ipc') {
      proc = fork(SERVER, ['--node-ipc'], {
        execArgv: options.execArgv ?? [],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        env: { ...process.env, ...options.env },
      });
      conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    } else {
      proc = spawn(process.execPath, [...(options.execArgv ?? []), SERVER, '--stdio'], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, ...options.env },
      });
      conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    }
    const client = new LspClient(proc, conn, options);
    proc.stderr!.on('data', (d) => (client.stderr += String(d)));
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = client.diagnostics.get(p.uri) ?? [];
      list.push(p);
      client.diagnostics.set(p.uri, list);
      client.poke();
    });
    conn.onNotification(LogMessageNotification.type, (p) => {
      client.logs.push(p.message);
      client.poke();
    });
    conn.onNotification('tlslint/configStatus', (p: ConfigStatusParams) => {
      client.configStatus.push(p);
      client.poke();
    });
    conn.onNotification('tlslint/status', (p: LspClient['status'][number]) => {
      client.status.push(p);
      client.poke();
    });
    // Replaces the connection's own `$/progress` dispatcher: the tests record every progress value.
    conn.onNotification(
      '$/progress',
      (p: { token: string | number; value: LspClient['progress'][number]['value'] }) => {
        client.progress.push(p);
        client.poke();
      },
    );
    conn.onRequest(ConfigurationRequest.type, (params) => {
      client.configurationRequests++;
      return params.items.map((item) =>
        client.options.settings ? client.options.settings(item.section, item.scopeUri) : null,
      );
    });
    conn.onRequest(RegistrationRequest.type, (params) => {
      client.registrations.push(...params.registrations);
      client.poke();
    });
    conn.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      client.createdTokens.push(params.token);
    });
    conn.onRequest('window/showDocument', (params: LspClient['shownDocuments'][number]) => {
      client.shownDocuments.push(params);
      client.poke();
      return { success: true };
    });
    conn.listen();

    const folders = options.workspaceFolders ?? [];
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.configuration ?? true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: options.documentChanges ?? true },
      },
      window: { workDoneProgress: options.progress ?? true, showDocument: { support: true } },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: {
          relatedInformation: true,
          versionSupport: true,
          tagSupport: { valueSet: [1, 2] },
          codeDescriptionSupport: true,
          dataSupport: true,
        },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
          dataSupport: true,
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    };
    client.initializeResult = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? uriOf(folders[0]) : null,
      capabilities,
      workspaceFolders: folders.length ? folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })) : null,
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private poke(): void {
    const ready = this.waiters.filter((w) => w.test());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  /** Resolves when `test` holds (checked on every message from the server); rejects after `ms`. */
  waitFor(test: () => boolean, what: string, ms = 30_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `timed out after ${ms} ms waiting for ${what}\nstderr: ${this.stderr}\nlogs: ${this.logs.join('\n')}`,
          ),
        );
      }, ms);
      const waiter: Waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The next diagnostics published for `uri` after the `after`-th publication that satisfy `pred`. */
  async nextDiagnostics(
    uri: string,
    after: number,
    pred: (p: PublishDiagnosticsParams) => boolean = () => true,
    ms?: number,
  ): Promise<PublishDiagnosticsParams> {
    let found: PublishDiagnosticsParams | undefined;
    await this.waitFor(
      () => {
        found = (this.diagnostics.get(uri) ?? []).slice(after).find(pred);
        return !!found;
      },
      `diagnostics for ${uri}`,
      ms,
    );
    return found!;
  }

  published(uri: string): number {
    return this.diagnostics.get(uri)?.length ?? 0;
  }

  latest(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri)?.at(-1);
  }

  async open(uri: string, text: string, languageId = 'python', version = 1): Promise<PublishDiagnosticsParams> {
    const before = this.published(uri);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return this.nextDiagnostics(uri, before, (p) => p.version === undefined || p.version === version);
  }

  /** Replaces the whole text with an incremental change covering the old text. */
  async change(
    uri: string,
    version: number,
    changes: {
      range?: { start: { line: number; character: number }; end: { line: number; character: number } };
      text: string;
    }[],
  ): Promise<void> {
    await this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** shutdown + exit; resolves with the exit code (rejects if the process lingers). */
  async stop(ms = 5000): Promise<number | null> {
    try {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      // Already gone.
    }
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
    const code = await Promise.race([this.exited, timeout]);
    this.conn.dispose();
    if (code === 'timeout') {
      this.proc.kill();
      throw new Error('server did not exit after shutdown/exit');
    }
    return code;
  }

  kill(): void {
    this.conn.dispose();
    this.proc.kill();
  }
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyLspEdits(
  text: string,
  edits: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }[],
): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) =>
    p.line >= starts.length ? text.length : Math.min(starts[p.line] + p.character, text.length);
  const sorted = edits
    .map((e) => ({ s: off(e.range.start), e: off(e.range.end), t: e.newText }))
    .sort((a, b) => b.s - a.s);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}
