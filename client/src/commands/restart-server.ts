/** @fileoverview "TLS Lint: Restart Server": stops the language server and starts a fresh one. */
import * as vscode from 'vscode';
import type { ClientContext } from '../context';

export function restartServer(ctx: ClientContext) {
  return async (): Promise<void> => {
    await ctx.restart();
    vscode.window.setStatusBarMessage('TLS Lint: language server restarted', 3000);
  };
}
