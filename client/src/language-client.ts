/**
 * @fileoverview Builds the LanguageClient: the bundled server over node IPC, the document selector for
 * every language the engine supports, file watching, and an error handler that restarts a crashed
 * server a bounded number of times.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
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
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { ShowDocumentationCommand } from '../../server/src/lsp/protocol';
import { documentSelector } from './document-selector';
import { ruleDocUri, ruleOfDocUri, showDocumentation } from './docs';
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

/** A `command:` link that opens a rule's page in the Markdown preview (allowed in trusted hovers). */
export function showDocumentationLink(id: string): string {
  return `command:${ShowDocumentationCommand}?${encodeURIComponent(JSON.stringify([id]))}`;
}

/**
 * The server links rule pages as `file:` URIs (right for every editor). In VS Code they open in the
 * Markdown preview: diagnostic code links become `tlslint-docs:` URIs (opened by any link opener), hover
 * links become the show-documentation command, and that command is handled here, not by the server.
 */
function docsMiddleware(context: vscode.ExtensionContext): Middleware {
  const docsDir = context.asAbsolutePath(path.join('docs', 'rules'));
  const fileLink = new RegExp(
    `${pathToFileURL(docsDir).href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([a-z][a-z0-9-]*)\\.md`,
    'g',
  );
  return {
    handleDiagnostics(uri, diagnostics, next) {
      for (const d of diagnostics) {
        if (d.source !== 'tlslint' || typeof d.code !== 'object' || !d.code?.target) continue;
        const id = ruleOfDocUri(d.code.target, docsDir);
        if (id) d.code = { value: d.code.value, target: ruleDocUri(id) };
      }
      next(uri, diagnostics);
    },
    async provideHover(document, position, token, next) {
      const hover = await next(document, position, token);
      if (!hover) return hover;
      hover.contents = hover.contents.map((c) => {
        if (!(c instanceof vscode.MarkdownString)) return c;
        const md = new vscode.MarkdownString(
          c.value.replace(fileLink, (_m, id: string) => showDocumentationLink(id)),
          c.supportThemeIcons,
        );
        md.isTrusted = { enabledCommands: [ShowDocumentationCommand] };
        return md;
      });
      return hover;
    },
    executeCommand(command, args, next) {
      if (command === ShowDocumentationCommand) return showDocumentation(context, args[0]);
      return next(command, args) as unknown;
    },
  };
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
    // Hovers may run one command only: opening a rule's bundled page.
    markdown: { isTrusted: { enabledCommands: [ShowDocumentationCommand] }, supportHtml: false },
    middleware: docsMiddleware(context),
    diagnosticCollectionName: 'tlslint',
  };
  // The id `tlslint` makes the client honour the `tlslint.trace.server` setting.
  return new LanguageClient('tlslint', 'TLS Lint', serverOptions, clientOptions);
}
