/** @fileoverview e2e: Scan Workspace publishes findings for unopened files and drives the status bar; Clear removes them. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ScanWorkspaceResult } from '../../../server/src/lsp/protocol';
import {
  api,
  requestScreenshot,
  ruleOf,
  test,
  tlslintDiagnostics,
  workbenchTexts,
  waitForDiagnostics,
  waitForState,
  workspaceUri,
} from './harness';

test('"TLS Lint: Scan Workspace" publishes findings for files that are not open, honouring .tlslint.json ignores', async () => {
  const a = await api();
  const unopened = workspaceUri('unopened/service.py');
  assert.equal(
    vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()),
    false,
    'service.py is not open',
  );
  assert.deepEqual(tlslintDiagnostics(unopened), []);
  const states: string[] = [];
  const sub = a.onDidChangeState((s) => states.push(s));
  const result = await vscode.commands.executeCommand<ScanWorkspaceResult>('tlslint.scanWorkspace');
  sub.dispose();
  assert.ok(result, 'the scan returns its totals');
  assert.equal(result.cancelled, false);
  assert.ok(result.files >= 5, `files scanned: ${result.files}`);
  assert.ok(result.findings >= 2, `findings: ${result.findings}`);
  assert.deepEqual(a.lastScan(), result);
  const [d] = await waitForDiagnostics(unopened, (ds) => ds.length === 1, 'the scanned finding');
  assert.equal(ruleOf(d), 'cert-verification-disabled');
  assert.equal(d.range.start.line, 7);
  assert.deepEqual(tlslintDiagnostics(workspaceUri('vendor/lib.py')), [], 'vendor/** is ignored by .tlslint.json');
  // Multi-root: the second folder is scanned too.
  assert.equal(vscode.workspace.workspaceFolders?.length, 2);
  await waitForDiagnostics(
    workspaceUri('second.py', 1),
    (ds) => ds.length === 1 && ruleOf(ds[0]) === 'cert-verification-disabled',
    'the finding in the second root',
  );
  assert.ok(states.includes('scanning'), `the status bar showed the scan (states: ${states.join(' → ')})`);
  await waitForState(a, 'idle');
  assert.match(a.statusText(), /TLS Lint$/);
  // The progress notification closes with the scan; the summary takes its place. Notifications are not in
  // the API: the launcher reads them from the workbench page, in the notification center (under the
  // smoke-test driver VS Code shows no toasts).
  const notes = await notificationsUntil(
    (ts) => ts.some((t) => /TLS Lint: \d+ findings? in \d+ files?/.test(t)) && !ts.some((t) => /scanning/i.test(t)),
  );
  if (notes) {
    assert.ok(
      notes.some((t) => /TLS Lint: \d+ findings? in \d+ files?/.test(t)),
      `the summary is shown: ${JSON.stringify(notes)}`,
    );
    assert.ok(!notes.some((t) => /scanning/i.test(t)), `a progress notification stayed: ${JSON.stringify(notes)}`);
  }
  await vscode.commands.executeCommand('notifications.clearAll');
});

/**
 * The notification center's texts once `done` holds for them, or the last texts seen after 5 s;
 * undefined without the launcher (desktop VS Code).
 */
async function notificationsUntil(done: (texts: string[]) => boolean): Promise<string[] | undefined> {
  const deadline = Date.now() + 5000;
  await vscode.commands.executeCommand('notifications.showList');
  try {
    for (;;) {
      const texts = await workbenchTexts('.notifications-center .notification-list-item');
      if (!texts || done(texts) || Date.now() > deadline) return texts;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
}

test('"TLS Lint: Clear Workspace Findings" removes scanned findings, open files keep theirs', async () => {
  const unopened = workspaceUri('unopened/service.py');
  await vscode.commands.executeCommand('tlslint.clearWorkspaceFindings');
  await waitForDiagnostics(unopened, (ds) => ds.length === 0, 'no scanned findings');
  assert.equal(tlslintDiagnostics(workspaceUri('app.py')).length, 1, 'the open app.py keeps its finding');
});

test('leaves the workbench showing findings in the Problems panel (for the screenshot)', async () => {
  await vscode.commands.executeCommand('tlslint.scanWorkspace');
  await waitForDiagnostics(workspaceUri('unopened/service.py'), (ds) => ds.length === 1, 'the scanned finding');
  const doc = await vscode.workspace.openTextDocument(workspaceUri('app.py'));
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.closeOtherEditors');
  // Beside it, the file whose finding the suppress action silenced: shows the comment grammar at work.
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('quickfix.py')), {
    viewColumn: vscode.ViewColumn.Beside,
    preview: false,
  });
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const shot = await requestScreenshot();
  if (shot) console.log(`[e2e] workbench screenshot: ${shot}`);
});

/** The window progress in the status bar (where the language client shows server-created progress). */
const WINDOW_PROGRESS = '.statusbar [id="status.progress"]';

test('scan on startup (tlslint.scanOnStartup): the scan shows progress, and the progress ends with the scan', async () => {
  const a = await api();
  // Enough files that the scan lasts long enough to be watched (VS Code shows window progress after 150 ms).
  const bulk = workspaceUri('startup-bulk');
  const N = 1500;
  fs.mkdirSync(bulk.fsPath, { recursive: true });
  for (let i = 0; i < N; i++)
    fs.writeFileSync(`${bulk.fsPath}/m${i}.py`, `import requests\nrequests.get("https://h/${i}", verify=False)\n`);
  const config = vscode.workspace.getConfiguration('tlslint');
  const states: string[] = [];
  const sub = a.onDidChangeState((s) => states.push(s));
  try {
    await vscode.commands.executeCommand('tlslint.clearWorkspaceFindings');
    await waitForDiagnostics(workspaceUri('unopened/service.py'), (ds) => ds.length === 0, 'no scanned findings');
    await config.update('scanOnStartup', true, vscode.ConfigurationTarget.Workspace);
    // A restart is a start-up: the new server reads the setting and scans by itself.
    await vscode.commands.executeCommand('tlslint.restartServer');
    await a.ready();
    await waitForState(a, 'scanning');
    const shown = await statusProgressUntil((ts) => ts.some((t) => /scanning/i.test(t)));
    if (shown)
      assert.ok(
        shown.some((t) => /^\s*TLS Lint: scanning the workspace: \d+ of \d+ files$/.test(t)),
        `window progress while scanning: ${JSON.stringify(shown)}`,
      );
    await waitForState(a, 'idle');
    // The scan reached every file, unopened ones included.
    await waitForDiagnostics(workspaceUri('unopened/service.py'), (ds) => ds.length === 1, 'the scanned finding');
    await waitForDiagnostics(vscode.Uri.joinPath(bulk, `m${N - 1}.py`), (ds) => ds.length === 1, 'the last bulk file');
    assert.ok(!states.slice(states.lastIndexOf('idle')).includes('scanning'), `ended idle: ${states.join(' → ')}`);
    // The progress is gone with the scan: nothing left in the status bar, no toast.
    const after = await statusProgressUntil((ts) => !ts.some((t) => /scanning/i.test(t)));
    if (after)
      assert.deepEqual(
        after.filter((t) => /scanning/i.test(t)),
        [],
        'no progress left in the status bar',
      );
    const notes = await notificationsUntil((ts) => !ts.some((t) => /scanning/i.test(t)));
    if (notes) assert.ok(!notes.some((t) => /scanning/i.test(t)), `no progress notification: ${JSON.stringify(notes)}`);
    assert.match(a.statusText(), /TLS Lint$/);
  } finally {
    sub.dispose();
    await config.update('scanOnStartup', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(bulk.fsPath, { recursive: true, force: true });
    await vscode.commands.executeCommand('tlslint.clearWorkspaceFindings');
  }
});

/** The status bar's window-progress texts once `done` holds for them, or the last seen after 10 s. */
async function statusProgressUntil(done: (texts: string[]) => boolean): Promise<string[] | undefined> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const texts = await workbenchTexts(WINDOW_PROGRESS);
    if (!texts || done(texts) || Date.now() > deadline) return texts;
    await new Promise((r) => setTimeout(r, 100));
  }
}
