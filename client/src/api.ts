/**
 * @fileoverview What `activate` returns: a small API for other extensions and for the end-to-end tests,
 * which run inside the extension host and read the client's state through it.
 */
import type * as vscode from 'vscode';
import type { ScanWorkspaceResult, ServerState } from '../../server/src/lsp/protocol';

export interface TlsLintApi {
  /** The status bar item's current text (codicons included, e.g. `$(shield) TLS Lint`). */
  statusText(): string;
  /** The last state the status bar shows: the server's `tlslint/status`, or `error`/`stopped` from the client. */
  state(): ServerState | 'starting' | 'stopped';
  /** Fires with every new state (status bar updates included). */
  onDidChangeState: vscode.Event<ServerState | 'starting' | 'stopped'>;
  /** Resolves when the language server is running (after a restart too). */
  ready(): Promise<void>;
  /** The language server's process id while it runs (tests use it to simulate a crash). */
  serverPid(): number | undefined;
  /** The result of the most recent Scan Workspace, if any. */
  lastScan(): ScanWorkspaceResult | undefined;
  /** The configuration's language status item, and how many configuration-error notifications were shown. */
  configStatus(): {
    text: string;
    detail: string | undefined;
    severity: 'error' | 'ok';
    errors: number;
    notifications: number;
  };
}
