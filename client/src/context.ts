/**
 * @fileoverview The state every command shares: the running language client, the output channel,
 * the status bar and the last scan's result.
 */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ScanWorkspaceResult } from '../../server/src/lsp/protocol';
import type { StatusBar } from './status-bar';

export interface ClientContext {
  readonly extension: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
  readonly status: StatusBar;
  /** The current client; replaced by Restart Server. */
  client: LanguageClient;
  lastScan: ScanWorkspaceResult | undefined;
  /** Stops the server (if running) and starts a fresh one. */
  restart(): Promise<void>;
  /** Resolves once the current client is running. */
  ready(): Promise<void>;
}
