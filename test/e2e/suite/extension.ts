/** @fileoverview e2e: activation, live diagnostics, quick fix, Fix All in File, settings, restart. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  allTabs,
  api,
  closeTabs,
  markdownPreviewTab,
  ruleOf,
  test,
  tlslintDiagnostics,
  waitForDiagnostics,
  waitForTab,
  workspaceUri,
} from './harness';

const RULE = 'cert-verification-disabled';

test('the extension under test is the installed .vsix in the fresh extensions dir, not a development copy', async () => {
  const dir = process.env.TLSLINT_E2E_EXTENSIONS_DIR;
  assert.ok(dir, 'TLSLINT_E2E_EXTENSIONS_DIR names the extensions dir the .vsix was installed into');
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is loaded`);
  const installed = fs.realpathSync(dir);
  const at = fs.realpathSync(ext.extensionPath);
  assert.equal(path.dirname(at), installed, `${at} lies in ${installed}`);
  assert.match(path.basename(at), /^tlslint\.tlslint-\d+\.\d+\.\d+$/);
  assert.equal(
    vscode.extensions.all.filter((e) => e.id.startsWith('tlslint.')).length,
    1,
    'no other copy of the extension is loaded',
  );
  // The running language server is that copy's bundle.
  const a = await api();
  const pid = a.serverPid();
  assert.ok(pid, 'the server process id is known');
  const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  assert.ok(
    cmdline.some((arg) => arg.endsWith('server.js') && fs.realpathSync(arg) === path.join(at, 'dist', 'server.js')),
    `the server runs ${path.join(at, 'dist', 'server.js')}: ${cmdline.join(' ')}`,
  );
});

test('Output says at start which version runs from where, and which config files are in use', async () => {
  await api();
  const logs = process.env.TLSLINT_E2E_LOGS;
  if (!logs) return; // desktop VS Code: the launcher's logs folder is not known
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  const version = (ext?.packageJSON as { version: string }).version;
  // The log service writes output channels to disk asynchronously: read until the server's line is there.
  let files: string[] = [];
  let lines: string[] = [];
  const started = () => lines.find((l) => /\] tlslint \S+ started/.test(l));
  for (const end = Date.now() + 15_000; Date.now() < end && !started(); await new Promise((r) => setTimeout(r, 200))) {
    files = (fs.readdirSync(logs, { recursive: true }) as string[])
      .map((f) => path.join(logs, f))
      .filter((f) => /TLS Lint.*\.log$/.test(path.basename(f)));
    lines = files.length === 1 ? fs.readFileSync(files[0], 'utf8').split('\n') : [];
  }
  assert.equal(files.length, 1, `one TLS Lint output log among ${JSON.stringify(files)}`);
  assert.ok(lines[0].includes(`TLS Lint ${version} activated (${ext?.extensionPath})`), lines[0]);
  const line = started();
  assert.ok(line, `a server start-up line in ${lines.slice(0, 10).join('\n')}`);
  assert.match(line, new RegExp(`tlslint ${version.replace(/\./g, '\\.')} started \\(Node\\.js v\\d+`));
  assert.ok(line.includes('2 workspace folders'), line);
  assert.ok(line.includes(`config files: ${workspaceUri('.tlslint.json').fsPath}`), line);
});

test('activates, starts the server and shows an idle status bar item', async () => {
  const a = await api();
  assert.match(a.statusText(), /TLS Lint/);
  const commands = await vscode.commands.getCommands(true);
  for (const id of [
    'scanWorkspace',
    'clearWorkspaceFindings',
    'fixAllInFile',
    'showOutput',
    'restartServer',
    'showRuntimeTlsVersions',
    'showDocumentation',
  ]) {
    assert.ok(commands.includes(`tlslint.${id}`), `command tlslint.${id} is registered`);
  }
});

test('diagnoses verify=False in an opened Python file with the rule id, range, severity and docs link', async () => {
  const uri = workspaceUri('app.py');
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const [d, ...rest] = await waitForDiagnostics(uri, (ds) => ds.length > 0, 'a tlslint diagnostic');
  assert.equal(rest.length, 0, 'exactly one finding');
  assert.equal(ruleOf(d), RULE);
  assert.equal(doc.getText(d.range), 'verify=False');
  assert.equal(d.range.start.line, 5);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  assert.match(d.message, /requests\.get/);
  const code = d.code as { value: string; target: vscode.Uri };
  assert.equal(code.target.toString(), `tlslint-docs:/${RULE}.md`, 'codeDescription links our rule page');
});

test("the diagnostic's documentation link opens the bundled rule page in the Markdown preview, not as text", async () => {
  const [d] = await waitForDiagnostics(workspaceUri('app.py'), (ds) => ds.length === 1, 'the finding');
  const target = (d.code as { target: vscode.Uri }).target;
  // What the Problems panel, the hover and the peek view do with the link: hand it to the opener.
  await vscode.commands.executeCommand('vscode.open', target);
  const preview = await waitForTab(() => markdownPreviewTab(RULE), 'the rule page in the Markdown preview');
  assert.ok(preview);
  await waitForTab(
    () =>
      allTabs().some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'tlslint-docs')
        ? undefined
        : true,
    'no text editor left on the page',
  );
  await closeTabs((t) => t === markdownPreviewTab(RULE));
});

test('typing a finding into a clean file diagnoses it (on type), deleting it clears it', async () => {
  const uri = workspaceUri('clean.py');
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const line = doc.lineAt(2);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, line.range.end, '\nrequests.post("https://example.org", verify=False)');
  assert.ok(await vscode.workspace.applyEdit(edit));
  const [d] = await waitForDiagnostics(uri, (ds) => ds.length === 1, 'the typed finding');
  assert.equal(doc.getText(d.range), 'verify=False');
  assert.equal(d.range.start.line, 3);
  const undo = new vscode.WorkspaceEdit();
  undo.delete(uri, new vscode.Range(line.range.end, doc.lineAt(3).range.end));
  assert.ok(await vscode.workspace.applyEdit(undo));
  assert.doesNotMatch(doc.getText(), /verify/);
  await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no findings once removed');
});

test('the preferred quick fix, applied through the code action API, removes its finding', async () => {
  const uri = workspaceUri('quickfix.py');
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const [d] = await waitForDiagnostics(uri, (ds) => ds.length === 1, 'one finding');
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    d.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const titles = actions.map((a) => a.title);
  const fix = actions.find((a) => a.isPreferred && a.title === 'Fix: verify certificates (verify=True)');
  assert.ok(fix?.edit, `a preferred tlslint fix among ${JSON.stringify(titles)}`);
  assert.deepEqual(titles, [
    'Fix: verify certificates (verify=True)',
    `Disable ${RULE} for this line`,
    `Disable ${RULE} for the entire file`,
    `Show documentation for ${RULE}`,
  ]);
  // "Show documentation" runs its command: the bundled page opens in the Markdown preview, offline.
  const docs = actions.find((a) => a.title === `Show documentation for ${RULE}`);
  assert.equal(docs?.command?.command, 'tlslint.showDocumentation');
  await vscode.commands.executeCommand(docs.command.command, ...(docs.command.arguments ?? []));
  await waitForTab(() => markdownPreviewTab(RULE), 'the rule page in the Markdown preview');
  await closeTabs((t) => t === markdownPreviewTab(RULE));
  await vscode.window.showTextDocument(doc);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.match(doc.getText(), /verify=True/);
  await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no findings after the fix');
});

test('the suppress action writes a tlslint-disable-next-line comment that silences the finding', async () => {
  const uri = workspaceUri('quickfix.py');
  const doc = await vscode.workspace.openTextDocument(uri);
  // Reintroduce the finding in the (unsaved) document, then suppress it.
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    uri,
    new vscode.Range(0, 0, doc.lineCount, 0),
    'import requests\n\n\ndef post(url, body):\n    return requests.post(url, json=body, verify=False)\n',
  );
  assert.ok(await vscode.workspace.applyEdit(edit));
  const [d] = await waitForDiagnostics(uri, (ds) => ds.length === 1, 'the finding again');
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    d.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const suppress = actions.find((a) => a.title === `Disable ${RULE} for this line`);
  assert.ok(suppress?.edit);
  assert.ok(await vscode.workspace.applyEdit(suppress.edit));
  assert.match(doc.lineAt(4).text, /^ {4}# tlslint-disable-next-line cert-verification-disabled/);
  await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no findings once suppressed');
});

test('"TLS Lint: Fix All in File" applies every safe fix of the active file', async () => {
  const uri = workspaceUri('fixall.py');
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await waitForDiagnostics(uri, (ds) => ds.length === 2, 'two findings');
  assert.equal(await vscode.commands.executeCommand<boolean>('tlslint.fixAllInFile'), true);
  assert.doesNotMatch(doc.getText(), /verify=False/);
  await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no findings after Fix All');
});

test('a settings change (tlslint.rules turning the rule off) takes effect, and back on', async () => {
  const uri = workspaceUri('app.py');
  await waitForDiagnostics(uri, (ds) => ds.length === 1, 'the finding');
  const config = vscode.workspace.getConfiguration('tlslint', uri);
  await config.update('rules', { [RULE]: 'off' }, vscode.ConfigurationTarget.Workspace);
  await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no findings with the rule off');
  await config.update('rules', { [RULE]: 'warning' }, vscode.ConfigurationTarget.Workspace);
  const [d] = await waitForDiagnostics(
    uri,
    (ds) => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Warning,
    'the finding as a warning',
  );
  assert.equal(ruleOf(d), RULE);
  await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  await waitForDiagnostics(
    uri,
    (ds) => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Error,
    'the finding as an error again',
  );
});

test('"TLS Lint: Restart Server" restarts the server and diagnostics come back', async () => {
  const a = await api();
  await vscode.commands.executeCommand('tlslint.restartServer');
  await a.ready();
  assert.equal(a.state() === 'error' || a.state() === 'stopped', false, `state after restart: ${a.state()}`);
  const uri = workspaceUri('app.py');
  await waitForDiagnostics(uri, (ds) => ds.length === 1, 'the finding after the restart');
});

test('a crashed server is restarted automatically, with a notice, and diagnostics come back', async () => {
  const a = await api();
  const pid = a.serverPid();
  assert.ok(pid, 'the server process id is known');
  const restarted = new Promise<void>((resolve) => {
    const sub = a.onDidChangeState((s) => {
      if (s === 'idle' && a.serverPid() !== pid) {
        sub.dispose();
        resolve();
      }
    });
  });
  process.kill(pid, 'SIGKILL');
  await restarted;
  assert.notEqual(a.serverPid(), pid);
  const uri = workspaceUri('app.py');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  // A fresh server re-lints the open documents: wait for a new publication, not for the old diagnostics.
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(6, 0), '\n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  await waitForDiagnostics(uri, (ds) => ds.length === 1, 'the finding after the crash');
  const undo = new vscode.WorkspaceEdit();
  undo.delete(uri, new vscode.Range(6, 0, 7, 0));
  assert.ok(await vscode.workspace.applyEdit(undo));
});

test('a Jupyter notebook: its code cell gets the diagnostic, the quick fix and the per-cell fix-all', async () => {
  const nb = await vscode.workspace.openNotebookDocument(workspaceUri('analysis.ipynb'));
  await vscode.window.showNotebookDocument(nb);
  const cell = nb.cellAt(1).document;
  assert.equal(cell.uri.scheme, 'vscode-notebook-cell');
  assert.equal(cell.languageId, 'python');
  const [d] = await waitForDiagnostics(cell.uri, (ds) => ds.length === 1, 'the finding in the code cell');
  assert.equal(ruleOf(d), RULE);
  assert.equal(cell.getText(d.range), 'verify=False');
  assert.equal(d.range.start.line, 2);
  assert.deepEqual(tlslintDiagnostics(nb.cellAt(2).document.uri), [], 'the clean cell has none');
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    cell.uri,
    d.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  assert.deepEqual(
    actions.map((a) => a.title),
    [
      'Fix: verify certificates (verify=True)',
      `Disable ${RULE} for this line`,
      `Disable ${RULE} for the entire cell`,
      `Show documentation for ${RULE}`,
    ],
  );
  const fixAll = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    cell.uri,
    new vscode.Range(0, 0, 0, 0),
    'source.fixAll.tlslint',
  );
  assert.equal(fixAll.length, 1);
  assert.ok(fixAll[0].edit && (await vscode.workspace.applyEdit(fixAll[0].edit)));
  assert.match(cell.getText(), /verify=True\)$/);
  await waitForDiagnostics(cell.uri, (ds) => ds.length === 0, 'no findings after the per-cell fix-all');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('"TLS Lint: Show Runtime TLS Versions" reports Node\'s OpenSSL and never fails on a missing program', async () => {
  const probes = await vscode.commands.executeCommand<
    { runtime: string; output?: string; missing?: boolean; error?: string }[]
  >('tlslint.showRuntimeTlsVersions');
  assert.ok(probes, 'the workspace is trusted, so the command runs');
  assert.equal(probes.length, 3);
  assert.equal(probes[2].output, process.versions.openssl);
  for (const p of probes) assert.ok(p.output !== undefined || p.missing || p.error !== undefined, JSON.stringify(p));
  // A read-only preview of a virtual document: no untitled buffer, nothing to save, no text editor left.
  await waitForTab(() => markdownPreviewTab('Runtime TLS Versions'), 'the report in the Markdown preview');
  // The built-in Markdown extension may run in another extension host: read the document here.
  const report = await vscode.workspace.openTextDocument(vscode.Uri.parse('tlslint-report:/Runtime TLS Versions.md'));
  assert.equal(report.isDirty, false);
  assert.equal(report.isUntitled, false);
  assert.match(report.getText(), /^[\x20-\x7e\n]*$/, 'plain text status words, no glyphs that need an emoji font');
  assert.match(report.getText(), /\| (supported|\*\*end of life\*\*|unknown) \|/);
  assert.ok(report.getText().includes(process.versions.openssl));
  assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled), 'no untitled document');
  assert.ok(
    !allTabs().some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'tlslint-report'),
    'no text editor on the report',
  );
  await closeTabs((t) => t === markdownPreviewTab('Runtime TLS Versions'));
});
