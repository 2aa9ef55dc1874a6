/**
 * @fileoverview Activation: starts the tlslint language server over node IPC, wires the status bar to the
 * server's `tlslint/status` notifications, registers the palette commands and returns the test API.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  ConfigStatusNotification,
  StatusNotification,
  type ConfigStatusParams,
  type StatusParams,
} from '../../server/src/lsp/protocol';
import type { TlsLintApi } from './api';
import { clearWorkspaceFindings } from './commands/clear-workspace-findings';
import { fixAllInFile } from './commands/fix-all-in-file';
import { restartServer } from './commands/restart-server';
import { scanWorkspace } from './commands/scan-workspace';
import { showOutput } from './commands/show-output';
import { REPORT_SCHEME, showRuntimeTlsVersions } from './commands/show-runtime-tls-versions';
import type { ClientContext } from './context';
import { ConfigStatus } from './config-status';
import { DOCS_SCHEME, VirtualMarkdown, registerDocs } from './docs';
import { createLanguageClient } from './language-client';
import { StatusBar } from './status-bar';

let client: LanguageClient | undefined;

function whenRunning(c: LanguageClient): Promise<void> {
  if (c.state === State.Running) return Promise.resolve();
  return new Promise((resolve) => {
    const sub = c.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        sub.dispose();
        resolve();
      }
    });
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<TlsLintApi> {
  const output = vscode.window.createOutputChannel('TLS Lint', { log: true });
  const status = new StatusBar();
  const configStatus = new ConfigStatus(output);
  const reports = new VirtualMarkdown();
  context.subscriptions.push(
    output,
    status,
    configStatus,
    reports,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    ...registerDocs(context, [DOCS_SCHEME, REPORT_SCHEME]),
  );
  output.info(
    `TLS Lint ${String((context.extension.packageJSON as { version?: unknown }).version)} activated (${context.extensionPath})`,
  );

  const c = createLanguageClient(context, output, status);
  client = c;
  const ctx: ClientContext = {
    extension: context,
    output,
    status,
    client: c,
    lastScan: undefined,
    ready: () => whenRunning(c),
    restart: async () => {
      status.set({ state: 'starting' });
      if (c.state === State.Stopped) await c.start();
      else await c.restart();
    },
  };

  context.subscriptions.push(
    c.onNotification(StatusNotification, (p: StatusParams) => status.set(p)),
    c.onNotification(ConfigStatusNotification, (p: ConfigStatusParams) => configStatus.update(p)),
    c.onDidChangeState((e) => {
      if (e.newState === State.Running && (status.state === 'starting' || status.state === 'stopped'))
        status.set({ state: 'idle' });
      if (e.newState === State.Starting) status.set({ state: 'starting' });
      if (e.newState === State.Stopped && status.state !== 'error') status.set({ state: 'stopped' });
    }),
    vscode.commands.registerCommand('tlslint.scanWorkspace', scanWorkspace(ctx)),
    vscode.commands.registerCommand('tlslint.clearWorkspaceFindings', clearWorkspaceFindings(ctx)),
    vscode.commands.registerCommand('tlslint.fixAllInFile', fixAllInFile(ctx)),
    vscode.commands.registerCommand('tlslint.showOutput', showOutput(ctx)),
    vscode.commands.registerCommand('tlslint.restartServer', restartServer(ctx)),
    vscode.commands.registerCommand('tlslint.showRuntimeTlsVersions', showRuntimeTlsVersions(ctx, reports)),
  );

  try {
    await c.start();
  } catch (e) {
    status.set({ state: 'error', message: e instanceof Error ? e.message : String(e) });
    output.error(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`);
  }

  // `tlslint.scanOnStartup` is read by the server (it starts the scan itself); the client only shows it.
  return {
    statusText: () => status.text,
    state: () => status.state,
    onDidChangeState: status.onDidChange,
    ready: () => whenRunning(c),
    lastScan: () => ctx.lastScan,
    configStatus: () => ({ ...configStatus.snapshot(), notifications: configStatus.notifications }),
    // vscode-languageclient keeps the forked server private; reading it is for tests only.
    serverPid: () => (c as unknown as { _serverProcess?: { pid?: number } })._serverProcess?.pid,
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) await c.stop(2000);
}
