// outdated-tls-library in the editor: a manifest's diagnostic sits on the pinned version, its bump is
// an unsafe quick fix, and a JSON lock file (no comments) gets no suppress-comment action.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LspClient, applyLspEdits, uriOf } from './lsp-client';

describe('language server: dependency manifests', () => {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-lsp-deps-')));
    client = await LspClient.start({
      workspaceFolders: [dir],
      settings: (section) => (section === 'tlslint' ? { debounceMs: 0 } : section === 'files' ? { exclude: {} } : null),
    });
  });
  after(async () => {
    await client.stop().catch(() => client.kill());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a pinned requirement on its version, with an unsafe, non-preferred bump', async () => {
    const text = 'requests==2.32.3\npyOpenSSL==17.4.0\n';
    const uri = uriOf(path.join(dir, 'requirements.txt'));
    const p = await client.open(uri, text, 'pip-requirements');
    assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics));
    const d = p.diagnostics[0];
    assert.equal(d.code, 'outdated-tls-library');
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 17 } });
    assert.match(typeof d.message === 'string' ? d.message : d.message.value, /PYSEC-2018-23/);
    const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    });
    const bump = actions.find((a) => /upgrade `?pyOpenSSL`? to 17\.5\.0/i.test(a.title));
    assert.ok(bump, JSON.stringify(actions.map((a) => a.title)));
    assert.match(bump.title, /unsafe/);
    assert.notEqual(bump.isPreferred, true);
    const edits = (bump.edit!.documentChanges![0] as { edits: Parameters<typeof applyLspEdits>[1] }).edits;
    assert.equal(applyLspEdits(text, edits), 'requests==2.32.3\npyOpenSSL==17.5.0\n');
    assert.ok(actions.some((a) => a.title.startsWith('Disable outdated-tls-library')));
    await client.close(uri);
  });

  it('reports a lock file without a fix, and offers no comment in JSON', async () => {
    const text =
      '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/node-forge": { "version": "1.2.1" }\n  }\n}\n';
    const uri = uriOf(path.join(dir, 'package-lock.json'));
    const p = await client.open(uri, text, 'json');
    assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics));
    assert.equal(p.diagnostics[0].range.start.line, 3);
    const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: p.diagnostics[0].range,
      context: { diagnostics: p.diagnostics, only: ['quickfix'] },
    });
    // No fix (lock files are regenerated) and no comment to write into JSON.
    assert.deepEqual(
      actions.filter((a) => /upgrade|disable/i.test(a.title)).map((a) => a.title),
      [],
    );
    await client.close(uri);
  });
});
