/**
 * @fileoverview Builds the LanguageClient: the bundled server over node IPC, the document selector for
 * every language the engine supports, file watching, and an error handler that restarts a crashed
 * server a bounded number of times.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type DocumentSelector,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { documentSelector } from './document-selector';
import type { StatusBar } from './status-bar';

/** How many crashes within {@link RESTART_WINDOW_MS} are restarted automatically. */
export const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Restarts a crashed server up to MAX_RESTARTS times in three minutes, telling the user each time. */
class RestartingErrorHandler implements ErrorHandler {
  private crashes: number[] = [];

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly status: StatusBar,
  ) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.output.error(`Connection error: ${error.message}`);
    return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = this.crashes.filter((t) => now - t < RESTART_WINDOW_MS);
    this.crashes.push(now);
    const n = this.crashes.length;
    if (n <= MAX_RESTARTS) {
      this.output.warn(`The language server stopped unexpectedly; restarting it (${n} of ${MAX_RESTARTS}).`);
      void vscode.window
        .showWarningMessage(
          `TLS Lint: the language server stopped unexpectedly and was restarted (${n} of ${MAX_RESTARTS}).`,
          'Show Output',
        )
        .then((choice) => {
          if (choice) this.output.show(true);
        });
      return { action: CloseAction.Restart, handled: true };
    }
    this.status.set({ state: 'error', message: `crashed ${n} times in 3 minutes` });
    return {
      action: CloseAction.DoNotRestart,
      message: `TLS Lint: the language server crashed ${n} times in 3 minutes and was not restarted. See "TLS Lint: Show Output", then run "TLS Lint: Restart Server".`,
    };
  }
}

export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  status: StatusBar,
): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector() as DocumentSelector,
    outputChannel: output,
    synchronize: {
      // Also sends workspace/didChangeConfiguration, so the server re-reads `tlslint.*` and re-lints.
      configurationSection: 'tlslint',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.tlslint.json'),
        vscode.workspace.createFileSystemWatcher('**/.gitignore'),
        vscode.workspace.createFileSystemWatcher('**/.tlslintignore'),
        // Deletions only: a deleted file's scanned findings must go.
        vscode.workspace.createFileSystemWatcher('**/*', true, true, false),
      ],
    },
    errorHandler: new RestartingErrorHandler(output, status),
    markdown: { isTrusted: false, supportHtml: false },
    diagnosticCollectionName: 'tlslint',
  };
  // The id `tlslint` makes the client honour the `tlslint.trace.server` setting.
  return new LanguageClient('tlslint', 'TLS Lint', serverOptions, clientOptions);
}
