/**
 * @fileoverview e2e: a broken nested `.tlslint.json` shows in the configuration's language status item,
 * with one notification, stays as a diagnostic on the file, and stops linting under it until fixed.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, ruleOf, test, waitForDiagnostics, workspaceUri } from './harness';

async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a broken nested config: language status error, one notification, diagnostic kept, files not linted', async () => {
  const a = await api();
  assert.equal(a.configStatus().severity, 'ok', 'the workspace configuration is valid at start');
  const dir = workspaceUri('nested-config');
  const config = vscode.Uri.joinPath(dir, '.tlslint.json');
  const app = vscode.Uri.joinPath(dir, 'app.py');
  const fs = vscode.workspace.fs;
  const enc = (s: string) => new TextEncoder().encode(s);
  const notifiedBefore = a.configStatus().notifications;
  try {
    await fs.writeFile(app, enc('import requests\nrequests.get(u, verify=False)\n'));
    await fs.writeFile(config, enc('{\n  // typo\n  "rules": { "weak-ciper": "off" },\n}\n'));
    const [d] = await waitForDiagnostics(config, (ds) => ds.length === 1, 'the configuration error');
    assert.equal(ruleOf(d), 'invalid-configuration');
    assert.equal(d.range.start.line, 2);
    assert.match(d.message, /^rules\.weak-ciper: unknown rule id/);
    await until('the status item to show the error', () => a.configStatus().severity === 'error');
    assert.match(a.configStatus().text, /configuration error/);
    assert.match(a.configStatus().detail ?? '', /^\.tlslint\.json:3:14: rules\.weak-ciper: unknown rule id/);
    // Files under it are not linted, and opening one (a re-lint) leaves the config's diagnostic alone.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(app));
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(
      vscode.languages.getDiagnostics(app).filter((x) => x.source === 'tlslint'),
      [],
    );
    assert.equal(vscode.languages.getDiagnostics(config).filter((x) => x.source === 'tlslint').length, 1);
    assert.equal(a.configStatus().notifications - notifiedBefore, 1, 'one notification for the one error');

    // Fixed on disk: the status is valid again and the file is linted under the configuration.
    await fs.writeFile(config, enc('{ "rules": { "weak-cipher": "off" } }\n'));
    await waitForDiagnostics(config, (ds) => ds.length === 0, 'the error cleared');
    await until('the status item to be valid again', () => a.configStatus().severity === 'ok');
    const [f] = await waitForDiagnostics(app, (ds) => ds.length === 1, 'the finding, once the config is fixed');
    assert.equal(ruleOf(f), 'cert-verification-disabled');
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await fs.delete(dir, { recursive: true, useTrash: false });
  }
});
