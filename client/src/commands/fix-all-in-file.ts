/**
 * @fileoverview "TLS Lint: Fix All in File": runs the server's `source.fixAll.tlslint` code action (safe
 * fixes only) on the active editor's document and applies it.
 */
import * as vscode from 'vscode';
import type { ClientContext } from '../context';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('tlslint');

export function fixAllInFile(ctx: ClientContext) {
  return async (uri?: vscode.Uri): Promise<boolean> => {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage('TLS Lint: open a file to fix first.');
      return false;
    }
    await ctx.ready();
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      FIX_ALL_KIND.value,
      1,
    );
    const action = actions?.find(
      (a): a is vscode.CodeAction => 'kind' in a && a.kind !== undefined && FIX_ALL_KIND.contains(a.kind),
    );
    if (!action || (!action.edit && !action.command)) {
      vscode.window.setStatusBarMessage('TLS Lint: no safe fixes in this file', 4000);
      return false;
    }
    let applied = true;
    if (action.edit) applied = await vscode.workspace.applyEdit(action.edit);
    if (action.command)
      await vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
    ctx.output.info(
      `Fix All in File: ${applied ? 'applied' : 'could not apply'} safe fixes to ${vscode.workspace.asRelativePath(document.uri)}`,
    );
    return applied;
  };
}
