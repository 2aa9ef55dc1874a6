/**
 * @fileoverview "TLS Lint: Clear Workspace Findings": drops the diagnostics a workspace scan published
 * for files that are not open (open files keep their live diagnostics).
 */
import * as vscode from 'vscode';
import { ClearWorkspaceFindingsRequest, type ClearWorkspaceFindingsResult } from '../../../server/src/lsp/protocol';
import type { ClientContext } from '../context';

export function clearWorkspaceFindings(ctx: ClientContext) {
  return async (): Promise<ClearWorkspaceFindingsResult> => {
    await ctx.ready();
    const result = await ctx.client.sendRequest<ClearWorkspaceFindingsResult>(ClearWorkspaceFindingsRequest, {});
    ctx.lastScan = undefined;
    const n = result?.cleared ?? 0;
    vscode.window.setStatusBarMessage(`TLS Lint: cleared the scan findings of ${n} file${n === 1 ? '' : 's'}`, 4000);
    return result;
  };
}
