/**
 * @fileoverview The status bar item: idle, linting, scanning n of m, or an error; clicking it opens the output.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocol';
import type { TlsLintApi } from './api';

export type ClientState = ReturnType<TlsLintApi['state']>;

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private current: ClientState = 'starting';
  private readonly changed = new vscode.EventEmitter<ClientState>();
  /** Fires after every update, with the new state. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.item = vscode.window.createStatusBarItem('tlslint.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'TLS Lint';
    this.item.command = 'tlslint.showOutput';
    this.set({ state: 'starting' });
    this.item.show();
  }

  get state(): ClientState {
    return this.current;
  }

  get text(): string {
    return this.item.text;
  }

  /** Shows a state from the server (`tlslint/status`) or from the client (starting, stopped, error). */
  set(params: { state: ClientState } & Omit<StatusParams, 'state'>): void {
    this.current = params.state;
    const item = this.item;
    item.backgroundColor = undefined;
    switch (params.state) {
      case 'starting':
        item.text = '$(loading~spin) TLS Lint';
        item.tooltip = 'TLS Lint: starting the language server';
        break;
      case 'idle':
        item.text = '$(shield) TLS Lint';
        item.tooltip = 'TLS Lint: ready. Click to show the output.';
        break;
      case 'linting':
        item.text = '$(sync~spin) TLS Lint';
        item.tooltip = 'TLS Lint: linting';
        break;
      case 'scanning': {
        const count = params.total !== undefined ? `${params.done ?? 0} of ${params.total}` : `${params.done ?? 0}`;
        item.text = `$(sync~spin) TLS Lint: scanning ${count}`;
        item.tooltip = `TLS Lint: scanning the workspace (${count} files)`;
        break;
      }
      case 'error':
        item.text = '$(error) TLS Lint';
        item.tooltip = `TLS Lint: server error${params.message ? `: ${params.message}` : ''}. Click to show the output.`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
      case 'stopped':
        item.text = '$(circle-slash) TLS Lint';
        item.tooltip = 'TLS Lint: the language server is stopped. Run "TLS Lint: Restart Server".';
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
    }
    this.changed.fire(params.state);
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
  }
}
