/**
 * @fileoverview e2e: the quick-fix menu and the hover as users see them, saved by the launcher as
 * test/e2e/output/quick-fix-menu.png and hover.png (the README's images/ are copies of these).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { requestScreenshot, test, waitForDiagnostics, workbenchTexts, workspaceUri } from './harness';

async function onFinding(): Promise<vscode.TextEditor> {
  const uri = workspaceUri('app.py');
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  await vscode.commands.executeCommand('workbench.action.closeOtherEditors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('notifications.clearAll');
  const [d] = await waitForDiagnostics(uri, (ds) => ds.length === 1, 'the finding');
  const at = d.range.start.translate(0, 3);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(d.range, vscode.TextEditorRevealType.InCenter);
  return editor;
}

/** Waits until the workbench shows an element for `selector` whose text matches `text` (read by the launcher). */
async function shown(selector: string, text: RegExp): Promise<string[] | undefined> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const texts = await workbenchTexts(selector);
    if (!texts || texts.some((t) => text.test(t))) return texts;
    if (Date.now() > deadline) assert.fail(`nothing matching ${text} in ${selector}: ${JSON.stringify(texts)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('the quick-fix menu lists the fix, both suppressions and the documentation, in plain text', async () => {
  await onFinding();
  await vscode.commands.executeCommand('editor.action.quickFix');
  const items = await shown('.action-widget', /Fix: verify certificates \(verify=True\)/);
  if (items) {
    const menu = items.join('\n');
    for (const title of [
      'Disable cert-verification-disabled for this line',
      'Disable cert-verification-disabled for the entire file',
      'Show documentation for cert-verification-disabled',
    ])
      assert.ok(menu.includes(title), `${title} in ${menu}`);
    assert.ok(!menu.includes('`'), `no literal backticks: ${menu}`);
  }
  const shot = await requestScreenshot('quick-fix-menu');
  if (shot) console.log(`[e2e] quick-fix menu screenshot: ${shot}`);
  await vscode.commands.executeCommand('hideCodeActionWidget');
});

test('the hover shows the flagged code, why, and the fix as a diff', async () => {
  await onFinding();
  await vscode.commands.executeCommand('editor.action.showHover');
  const hovers = await shown('.monaco-hover', /Quick fix/);
  if (hovers) {
    const text = hovers.join('\n');
    assert.match(text, /Flagged on line 6/);
    assert.match(text, /-\s*return requests\.get\(url, verify=False\)/);
    assert.doesNotMatch(text, /rejectUnauthorized|InsecureSkipVerify/);
  }
  const shot = await requestScreenshot('hover');
  if (shot) console.log(`[e2e] hover screenshot: ${shot}`);
});
