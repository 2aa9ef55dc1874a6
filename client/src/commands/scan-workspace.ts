/**
 * @fileoverview "TLS Lint: Scan Workspace": asks the server to lint every file of the workspace, shows its
 * work-done progress in a cancellable notification and ends with a summary that opens the Problems panel.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress } from 'vscode-languageclient/node';
import {
  ScanWorkspaceRequest,
  type ScanWorkspaceParams,
  type ScanWorkspaceResult,
} from '../../../server/src/lsp/protocol';
import type { ClientContext } from '../context';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The summary sentence shown after a scan. */
export function scanSummary(r: ScanWorkspaceResult): string {
  const skipped = r.skipped ? ` (${plural(r.skipped, 'file')} skipped)` : '';
  const what = `${plural(r.findings, 'finding')} in ${plural(r.files, 'file')}${skipped}`;
  return r.cancelled
    ? `TLS Lint: scan cancelled; ${what} so far.`
    : `TLS Lint: ${what}, ${(r.durationMs / 1000).toFixed(1)} s.`;
}

export function scanWorkspace(ctx: ClientContext) {
  return async (): Promise<ScanWorkspaceResult | undefined> => {
    await ctx.ready();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'TLS Lint: scanning the workspace', cancellable: true },
      async (progress, token) => {
        const workDoneToken = `tlslint-scan-${randomUUID()}`;
        let percentage = 0;
        const listener = ctx.client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
          if (value.kind === 'end') return;
          const increment = value.percentage !== undefined ? Math.max(0, value.percentage - percentage) : undefined;
          if (value.percentage !== undefined) percentage = value.percentage;
          progress.report({
            ...(value.message !== undefined ? { message: value.message } : {}),
            ...(increment !== undefined ? { increment } : {}),
          });
        });
        try {
          const params: ScanWorkspaceParams = { workDoneToken };
          // Cancelling the notification cancels the token, which the client turns into $/cancelRequest.
          return await ctx.client.sendRequest<ScanWorkspaceResult>(ScanWorkspaceRequest, params, token);
        } catch (e) {
          if (token.isCancellationRequested) return undefined;
          throw e;
        } finally {
          listener.dispose();
        }
      },
    );
    if (!result) {
      void vscode.window.showInformationMessage('TLS Lint: scan cancelled.');
      return undefined;
    }
    ctx.lastScan = result;
    ctx.output.info(scanSummary(result));
    // Not awaited: the message stays until dismissed, the command's result is available at once.
    void vscode.window.showInformationMessage(scanSummary(result), 'Open Problems').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return result;
  };
}
