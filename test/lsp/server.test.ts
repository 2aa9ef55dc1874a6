// Protocol tests of the bundled language server over stdio: diagnostics, code actions, fix-all, hover,
// settings and .tlslint.json, robustness and lifecycle. Whole Diagnostic and CodeAction objects are asserted.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type {
  CodeAction,
  Diagnostic,
  DiagnosticSeverity,
  Hover,
  MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { DETECTORS_BY_ID } from '../../server/src/engine/registry';
import { ROOT } from '../helpers';
import { LspClient, applyLspEdits, uriOf } from './lsp-client';

const BAD = 'import requests\n\ndef f(u):\n    return requests.get(u, verify=False)\n';
/** Links go to our own rule pages, bundled beside dist/ (the server under test is dist/server.js). */
const docUri = (rule: string) => uriOf(path.join(ROOT, 'docs', 'rules', `${rule}.md`));
const MESSAGE = "`requests.get` is called with `verify=False`: the server's certificate is not verified.";

function tempDir(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-lsp-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function expectedDiagnostic(version: number | null, severity: DiagnosticSeverity = 1): Diagnostic {
  return {
    range: { start: { line: 3, character: 27 }, end: { line: 3, character: 39 } },
    severity,
    code: 'cert-verification-disabled',
    source: 'tlslint',
    message: MESSAGE,
    codeDescription: { href: docUri('cert-verification-disabled') },
    data: {
      detector: 'python.requests-verify',
      version,
      fixes: [
        {
          title: 'Verify certificates (`verify=True`)',
          safety: 'safe',
          edits: [{ range: { start: { line: 3, character: 34 }, end: { line: 3, character: 39 } }, newText: 'True' }],
        },
      ],
      suppressEdit: {
        range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
        newText: '    # tlslint-disable-next-line cert-verification-disabled -- reason: <why this is acceptable>\n',
      },
      suppressFileEdit: {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        newText: '# tlslint-disable-file cert-verification-disabled -- reason: <why this is acceptable>\n',
      },
    },
  };
}

function wholeRange(text: string) {
  const lines = text.split('\n');
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines.at(-1)!.length } };
}

describe('language server over stdio', () => {
  let dir: string;
  let client: LspClient;
  let settings: Record<string, unknown> = {};

  before(async () => {
    dir = tempDir({ 'app.py': BAD });
    client = await LspClient.start({
      workspaceFolders: [dir],
      settings: (section) =>
        section === 'tlslint' ? { debounceMs: 0, ...settings } : section === 'files' ? { exclude: {} } : null,
    });
  });
  after(async () => {
    await client.stop().catch(() => client.kill());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('advertises its capabilities', () => {
    assert.deepEqual(client.initializeResult.capabilities, {
      textDocumentSync: { openClose: true, change: 2, save: { includeText: false } },
      codeActionProvider: {
        codeActionKinds: ['quickfix', 'source.fixAll', 'source.fixAll.tlslint'],
        resolveProvider: false,
      },
      hoverProvider: true,
      executeCommandProvider: { commands: ['tlslint.showDocumentation'] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    });
    assert.equal(client.initializeResult.serverInfo?.name, 'tlslint');
    assert.match(client.initializeResult.serverInfo?.version ?? '', /^\d+\.\d+\.\d+/);
  });

  it('registers watchers for .tlslint.json and deleted files, and configuration changes', async () => {
    await client.waitFor(() => client.registrations.length >= 2, 'registrations');
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watch?.registerOptions, {
      watchers: [{ globPattern: '**/.tlslint.json' }, { globPattern: '**/*', kind: 6 }],
    });
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
  });

  it('publishes whole diagnostics on open', async () => {
    const uri = uriOf(path.join(dir, 'app.py'));
    const p = await client.open(uri, BAD);
    assert.deepEqual(p, { uri, version: 1, diagnostics: [expectedDiagnostic(1)] });
  });

  it('re-lints on an incremental change, superseding older versions', async () => {
    const uri = uriOf(path.join(dir, 'change.py'));
    await client.open(uri, 'import requests\n');
    const before = client.published(uri);
    // Two quick changes: the result must be for the newest version.
    await client.change(uri, 2, [
      {
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
        text: '\ndef f(u):\n    return requests.get(u, verify=False)\n',
      },
    ]);
    await client.change(uri, 3, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' },
    ]);
    const p = await client.nextDiagnostics(uri, before, (x) => x.version === 3);
    assert.deepEqual(p.diagnostics, [expectedDiagnostic(3)]);
    // Removing the bad argument clears it.
    const cleared = client.published(uri);
    await client.change(uri, 4, [
      { range: { start: { line: 3, character: 26 }, end: { line: 3, character: 40 } }, text: '' },
    ]);
    const q = await client.nextDiagnostics(uri, cleared, (x) => x.version === 4);
    assert.deepEqual(q.diagnostics, []);
    await client.close(uri);
  });

  it('incremental reparsing gives the same diagnostics as a fresh parse after every edit', async () => {
    let text =
      'import requests\n\n# héllo 😀\ndef f(u):\n    requests.get(u, verify=False)\n    return requests.post(u, verify=False)\n';
    const uri = uriOf(path.join(dir, 'incremental.py'));
    await client.open(uri, text);
    type Change = {
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
      text: string;
    };
    const at = (line: number, character: number) => ({ line, character });
    const steps: Change[][] = [
      [{ range: { start: at(0, 0), end: at(0, 0) }, text: 'import os\n' }],
      [{ range: { start: at(5, 4), end: at(5, 4) }, text: '"😀😀"; ' }],
      [{ range: { start: at(3, 0), end: at(4, 0) }, text: '' }],
      [
        {
          range: { start: at(5, 0), end: at(5, 0) },
          text: '    x = 1\n    requests.get(\n        u,\n        verify=False,\n    )\n',
        },
      ],
      [{ range: { start: at(4, 36), end: at(4, 41) }, text: '0' }],
      [
        { range: { start: at(0, 0), end: at(1, 0) }, text: '' },
        { range: { start: at(0, 15), end: at(0, 15) }, text: ', ssl' },
      ],
      [{ range: { start: at(2, 0), end: at(2, 0) }, text: 'def g(u):\n    return requests.get(u, verify=False)\n' }],
    ];
    const strip = (ds: Diagnostic[]) => ds.map((d) => ({ ...d, data: { ...(d.data as object), version: 0 } }));
    let version = 1;
    for (const [i, changes] of steps.entries()) {
      version++;
      for (const c of changes) text = applyLspEdits(text, [{ range: c.range, newText: c.text }]);
      const before = client.published(uri);
      await client.change(uri, version, changes);
      const v = version;
      const live = await client.nextDiagnostics(uri, before, (p) => p.version === v);
      const freshUri = uriOf(path.join(dir, `fresh-${i}.py`));
      const fresh = await client.open(freshUri, text);
      await client.close(freshUri);
      assert.deepEqual(strip(live.diagnostics), strip(fresh.diagnostics), `step ${i}:\n${text}`);
      assert.ok(live.diagnostics.length > 0, `step ${i} has findings`);
    }
    await client.close(uri);
  });

  it('offers the fix, line and file suppressions and the documentation, in one voice; the fix re-diagnoses clean', async () => {
    const uri = uriOf(path.join(dir, 'fix.py'));
    const p = await client.open(uri, BAD);
    const d = p.diagnostics[0];
    const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    });
    assert.deepEqual(actions, [
      {
        title: 'Fix: verify certificates (verify=True)',
        kind: 'quickfix',
        diagnostics: [d],
        isPreferred: true,
        edit: {
          documentChanges: [
            { textDocument: { uri, version: 1 }, edits: (d.data as { fixes: { edits: unknown[] }[] }).fixes[0].edits },
          ],
        },
      },
      {
        title: 'Disable cert-verification-disabled for this line',
        kind: 'quickfix',
        diagnostics: [d],
        edit: {
          documentChanges: [
            { textDocument: { uri, version: 1 }, edits: [(d.data as { suppressEdit: unknown }).suppressEdit] },
          ],
        },
      },
      {
        title: 'Disable cert-verification-disabled for the entire file',
        kind: 'quickfix',
        diagnostics: [d],
        edit: {
          documentChanges: [
            {
              textDocument: { uri, version: 1 },
              edits: [(d.data as { suppressFileEdit: unknown }).suppressFileEdit],
            },
          ],
        },
      },
      {
        title: 'Show documentation for cert-verification-disabled',
        kind: 'quickfix',
        diagnostics: [d],
        command: {
          title: 'Show documentation for cert-verification-disabled',
          command: 'tlslint.showDocumentation',
          arguments: ['cert-verification-disabled'],
        },
      },
    ]);
    // No title carries Markdown.
    for (const a of actions) assert.doesNotMatch(a.title, /`/);
    const fixEdits = (actions[0].edit!.documentChanges[0] as { edits: Parameters<typeof applyLspEdits>[1] }).edits;
    const fixed = applyLspEdits(BAD, fixEdits);
    assert.equal(fixed, BAD.replace('verify=False', 'verify=True'));
    const before = client.published(uri);
    await client.change(uri, 2, [{ range: wholeRange(BAD), text: fixed }]);
    const q = await client.nextDiagnostics(uri, before, (x) => x.version === 2);
    assert.deepEqual(q.diagnostics, []);

    // A code action for a diagnostic of an older version is not offered (its edits would misfire).
    const stale = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    assert.deepEqual(stale, []);
    await client.close(uri);
  });

  it('unsafe fixes say so and are not preferred; deprecated APIs carry the Deprecated tag', async () => {
    const text = 'import ssl\ns = ssl.wrap_socket(sock)\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n';
    const uri = uriOf(path.join(dir, 'unsafe.py'));
    const p = await client.open(uri, text);
    const byRule = new Map(p.diagnostics.map((d) => [d.code, d]));
    const dep = byRule.get('deprecated-api');
    assert.ok(dep, JSON.stringify(p.diagnostics));
    assert.deepEqual(dep.tags, [2]);
    assert.equal(dep.codeDescription?.href, docUri('deprecated-api'));
    const legacy = byRule.get('legacy-protocol');
    assert.ok(legacy);
    assert.equal(legacy.tags, undefined);
    const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: legacy.range,
      context: { diagnostics: [legacy], only: ['quickfix'] },
    });
    const fixes = actions.filter((a) => a.title.startsWith('Fix'));
    assert.ok(fixes.length >= 1);
    for (const a of fixes) {
      assert.ok(a.title.startsWith('Fix (unsafe): '), a.title);
      assert.doesNotMatch(a.title, /`/);
      assert.equal(a.isPreferred, undefined);
    }
    await client.close(uri);
  });

  it('a stale suppression is an Unnecessary information diagnostic with a removal fix and no suppress action', async () => {
    const text =
      'import requests\n# tlslint-disable-next-line cert-verification-disabled -- old\nrequests.get("https://a")\n';
    const uri = uriOf(path.join(dir, 'stale.py'));
    const p = await client.open(uri, text);
    assert.equal(p.diagnostics.length, 1);
    const d = p.diagnostics[0];
    assert.deepEqual(
      [d.code, d.severity, d.tags, d.codeDescription],
      ['unused-suppression', 3, [1], { href: docUri('unused-suppression') }],
    );
    const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Fix: remove unused suppression', true],
        ['Show documentation for unused-suppression', undefined],
      ],
    );
    const edits = (actions[0].edit!.documentChanges![0] as { edits: Parameters<typeof applyLspEdits>[1] }).edits;
    assert.equal(applyLspEdits(text, edits), 'import requests\nrequests.get("https://a")\n');
    await client.close(uri);
  });

  it('the suppress action writes the comment with the right indentation and silences the finding', async () => {
    const text =
      'import requests\n\nclass A:\n    def f(self, u):\n        if u:\n            requests.post(u, verify=False)\n';
    const uri = uriOf(path.join(dir, 'suppress.py'));
    const p = await client.open(uri, text);
    assert.equal(p.diagnostics.length, 1);
    const d = p.diagnostics[0];
    const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const suppress = actions.find((a) => a.title === 'Disable cert-verification-disabled for this line');
    assert.ok(suppress, JSON.stringify(actions));
    const edits = (suppress.edit!.documentChanges![0] as { edits: Parameters<typeof applyLspEdits>[1] }).edits;
    const after = applyLspEdits(text, edits);
    assert.equal(
      after,
      'import requests\n\nclass A:\n    def f(self, u):\n        if u:\n            # tlslint-disable-next-line cert-verification-disabled -- reason: <why this is acceptable>\n            requests.post(u, verify=False)\n',
    );
    const before = client.published(uri);
    await client.change(uri, 2, [{ range: wholeRange(text), text: after }]);
    const q = await client.nextDiagnostics(uri, before, (x) => x.version === 2);
    assert.deepEqual(q.diagnostics, []);
    await client.close(uri);
  });

  it('"Disable for the entire file" writes tlslint-disable-file after the shebang and silences every finding of the rule', async () => {
    const text =
      '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport requests\nrequests.get("https://a", verify=False)\nrequests.post("https://b", verify=False)\n';
    const uri = uriOf(path.join(dir, 'suppress-file.py'));
    const p = await client.open(uri, text);
    assert.equal(p.diagnostics.length, 2);
    const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: p.diagnostics[1].range,
      context: { diagnostics: [p.diagnostics[1]], only: ['quickfix'] },
    });
    const file = actions.find((a) => a.title === 'Disable cert-verification-disabled for the entire file');
    assert.ok(file, JSON.stringify(actions.map((a) => a.title)));
    const edits = (file.edit!.documentChanges![0] as { edits: Parameters<typeof applyLspEdits>[1] }).edits;
    const after = applyLspEdits(text, edits);
    assert.equal(
      after,
      text.replace(
        'import requests',
        '# tlslint-disable-file cert-verification-disabled -- reason: <why this is acceptable>\nimport requests',
      ),
    );
    const before = client.published(uri);
    await client.change(uri, 2, [{ range: wholeRange(text), text: after }]);
    const q = await client.nextDiagnostics(uri, before, (x) => x.version === 2);
    assert.deepEqual(q.diagnostics, []);
    await client.close(uri);
  });

  it('tlslint.showDocumentation asks the client to show the bundled rule page', async () => {
    const before = client.shownDocuments.length;
    await client.conn.sendRequest('workspace/executeCommand', {
      command: 'tlslint.showDocumentation',
      arguments: ['weak-cipher'],
    });
    assert.deepEqual(client.shownDocuments.slice(before), [{ uri: docUri('weak-cipher') }]);
    assert.ok(fs.existsSync(path.join(ROOT, 'docs', 'rules', 'weak-cipher.md')));
    // An unknown rule shows nothing (the server reports an error message instead).
    await client.conn.sendRequest('workspace/executeCommand', {
      command: 'tlslint.showDocumentation',
      arguments: ['no-such-rule'],
    });
    assert.equal(client.shownDocuments.length, before + 1);
  });

  it('source.fixAll.tlslint applies every safe fix in one minimal edit', async () => {
    const text =
      'import requests\nimport httpx\n\nrequests.get("https://a", verify=False)\nx = 1\nhttpx.get("https://b", verify=False)\n';
    const uri = uriOf(path.join(dir, 'fixall.py'));
    const p = await client.open(uri, text);
    assert.equal(p.diagnostics.length, 2);
    for (const only of [['source.fixAll'], ['source.fixAll.tlslint'], ['source']]) {
      const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only, triggerKind: 2 },
      });
      assert.equal(actions.length, 1, `only=${only.join(',')}`);
      assert.equal(actions[0].kind, 'source.fixAll.tlslint');
      assert.equal(actions[0].title, 'Fix all safe tlslint problems in this file');
      const edits = (
        actions[0].edit!.documentChanges![0] as {
          textDocument: { version: number };
          edits: Parameters<typeof applyLspEdits>[1];
        }
      ).edits;
      assert.equal(edits.length, 1);
      // Minimal: the edit spans from the first to the last change only.
      assert.deepEqual(edits[0].range, { start: { line: 3, character: 33 }, end: { line: 5, character: 34 } });
      assert.equal(applyLspEdits(text, edits), text.replaceAll('verify=False', 'verify=True'));
    }
    // Not offered for quick-fix-only requests; nothing to do on a clean file.
    const quick = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: p.diagnostics[0].range,
      context: { diagnostics: [p.diagnostics[0]], only: ['quickfix'] },
    });
    assert.ok(quick.every((a) => a.kind === 'quickfix'));
    await client.close(uri);
  });

  it('hover on a finding: the flagged code, why, the fix as a diff of this line, our page then the CWE', async () => {
    const uri = uriOf(path.join(dir, 'hover.py'));
    await client.open(uri, BAD);
    const h = await client.conn.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 3, character: 30 },
    });
    assert.deepEqual(h.range, { start: { line: 3, character: 27 }, end: { line: 3, character: 39 } });
    const md = h.contents as MarkupContent;
    assert.equal(md.kind, 'markdown');
    assert.equal(
      md.value,
      [
        '**cert-verification-disabled** (error) · detector `python.requests-verify`',
        '',
        'Flagged on line 4: `verify=False`',
        '',
        '**Quick fix**: Verify certificates (verify=True)',
        '',
        '```diff',
        '-    return requests.get(u, verify=False)',
        '+    return requests.get(u, verify=True)',
        '```',
        '',
        '**Why it matters.** Without chain verification anyone on the network path can present their own certificate and read or change the traffic: TLS then encrypts the connection to the attacker. The encryption gives a false sense of safety while the authentication it depends on is gone.',
        '',
        `[Rule documentation](${docUri('cert-verification-disabled')}) · [CWE-295](https://cwe.mitre.org/data/definitions/295.html)`,
      ].join('\n'),
    );
    // The diagnostic message is shown by the editor above the hover: not repeated.
    assert.ok(!md.value.includes(MESSAGE));
    const none = await client.conn.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 2 },
    });
    assert.equal(none, null);
    await client.close(uri);
  });

  it("hover without a fix shows the detector's secure form in the file's language, no other language's idiom", async () => {
    const detector = DETECTORS_BY_ID.get('java.trust-all-manager')!;
    assert.equal(detector.fixAvailability, 'none');
    const uri = uriOf(path.join(dir, 'Trust.java'));
    const p = await client.open(uri, detector.examples.java!.bad, 'java');
    const d = p.diagnostics.find((x) => (x.data as { detector?: string }).detector === detector.id);
    assert.ok(d, JSON.stringify(p.diagnostics));
    const h = await client.conn.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: d.range.start,
    });
    const md = (h.contents as MarkupContent).value;
    assert.match(md, /\*\*No automatic fix\.\*\* The secure form, for this API:\n\n```java\n/);
    assert.ok(md.includes(detector.examples.java!.good.split('\n')[0]), md);
    for (const foreign of ['rejectUnauthorized', 'InsecureSkipVerify', 'verify=True', 'SSL_VERIFY_PEER', '```diff'])
      assert.ok(!md.includes(foreign), `${foreign} in:\n${md}`);
    await client.close(uri);
  });

  it('Jupyter notebook cells (vscode-notebook-cell:): diagnostics, fixes, per-cell suppression and fix-all, hover', async () => {
    const nb = path.join(dir, 'analysis.ipynb');
    const cell = (n: number) => `vscode-notebook-cell:${uriOf(nb).slice('file:'.length)}#W${n}sZmlsZQ%3D%3D`;
    const text =
      'import requests\nr = requests.get("https://internal", verify=False)\ns = requests.get("https://b", verify=False)\n';
    const p = await client.open(cell(0), text);
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, d.range.start.line]),
      [
        ['cert-verification-disabled', 1],
        ['cert-verification-disabled', 2],
      ],
    );
    const d = p.diagnostics[0];
    const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: cell(0) },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Fix: verify certificates (verify=True)',
        'Disable cert-verification-disabled for this line',
        'Disable cert-verification-disabled for the entire cell',
        'Show documentation for cert-verification-disabled',
      ],
    );
    // The cell-wide suppression goes at the top of the cell and silences both findings of this cell only.
    const cellWide = (actions[2].edit!.documentChanges![0] as { edits: Parameters<typeof applyLspEdits>[1] }).edits;
    const suppressed = applyLspEdits(text, cellWide);
    assert.ok(suppressed.startsWith('# tlslint-disable-file cert-verification-disabled -- reason: '), suppressed);
    const other = await client.open(cell(1), 'import requests\nrequests.post("https://c", verify=False)\n');
    assert.equal(other.diagnostics.length, 1);
    const before = client.published(cell(0));
    await client.change(cell(0), 2, [{ range: wholeRange(text), text: suppressed }]);
    const q = await client.nextDiagnostics(cell(0), before, (x) => x.version === 2);
    assert.deepEqual(q.diagnostics, []);
    assert.equal(client.latest(cell(1))?.diagnostics.length, 1, 'the other cell keeps its finding');
    // Fix-all works per cell.
    const fixAll = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: cell(1) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.tlslint'] },
    });
    assert.equal(fixAll.length, 1);
    const fixEdits = (fixAll[0].edit!.documentChanges![0] as { edits: Parameters<typeof applyLspEdits>[1] }).edits;
    assert.equal(
      applyLspEdits('import requests\nrequests.post("https://c", verify=False)\n', fixEdits),
      'import requests\nrequests.post("https://c", verify=True)\n',
    );
    const h = await client.conn.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri: cell(1) },
      position: { line: 1, character: 34 },
    });
    assert.match(
      (h.contents as MarkupContent).value,
      /```diff\n-requests\.post\("https:\/\/c", verify=False\)\n\+requests/,
    );
    await client.close(cell(0));
    await client.close(cell(1));
  });

  it("a notebook's cells follow the notebook's path: an ignored .ipynb is not linted", async () => {
    const sub = tempDir({
      '.tlslint.json': '{ "ignore": ["notebooks/**"] }',
    });
    const c = await LspClient.start({ workspaceFolders: [sub] });
    try {
      const cellUri = `vscode-notebook-cell:${uriOf(path.join(sub, 'notebooks', 'x.ipynb')).slice('file:'.length)}#W0sZmlsZQ%3D%3D`;
      const p = await c.open(cellUri, BAD);
      assert.deepEqual(p.diagnostics, []);
      const kept = `vscode-notebook-cell:${uriOf(path.join(sub, 'y.ipynb')).slice('file:'.length)}#W0sZmlsZQ%3D%3D`;
      const q = await c.open(kept, BAD);
      assert.equal(q.diagnostics.length, 1);
    } finally {
      await c.stop();
      fs.rmSync(sub, { recursive: true, force: true });
    }
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = uriOf(path.join(dir, 'closing.py'));
    await client.open(uri, BAD);
    const before = client.published(uri);
    await client.close(uri);
    const p = await client.nextDiagnostics(uri, before);
    assert.deepEqual(p.diagnostics, []);
  });

  it('re-lints open documents when settings change (editor rules override per rule)', async () => {
    const uri = uriOf(path.join(dir, 'settings.py'));
    await client.open(uri, BAD);
    settings = { rules: { 'cert-verification-disabled': 'warning' } };
    let before = client.published(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    let p = await client.nextDiagnostics(uri, before);
    assert.deepEqual(p.diagnostics, [expectedDiagnostic(1, 2)]);
    settings = { rules: { 'cert-verification-disabled': 'off' } };
    before = client.published(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    p = await client.nextDiagnostics(uri, before);
    assert.deepEqual(p.diagnostics, []);
    settings = { enable: false };
    before = client.published(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    p = await client.nextDiagnostics(uri, before);
    assert.deepEqual(p.diagnostics, []);
    settings = {};
    before = client.published(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    p = await client.nextDiagnostics(uri, before);
    assert.deepEqual(p.diagnostics, [expectedDiagnostic(1)]);
    await client.close(uri);
  });

  it('caches settings per folder: keystrokes do not ask for configuration', async () => {
    const uri = uriOf(path.join(dir, 'cached.py'));
    await client.open(uri, BAD);
    const asked = client.configurationRequests;
    let before = client.published(uri);
    for (let v = 2; v <= 6; v++) {
      await client.change(uri, v, [
        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '#' },
      ]);
    }
    await client.nextDiagnostics(uri, before, (p) => p.version === 6);
    assert.equal(client.configurationRequests, asked);
    // tlslint.ignore and maxFileSizeKb apply to open documents too.
    settings = { ignore: ['cached.py'] };
    before = client.published(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await client.nextDiagnostics(uri, before)).diagnostics, []);
    settings = { maxFileSizeKb: 0.01 };
    before = client.published(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await client.nextDiagnostics(uri, before)).diagnostics, []);
    settings = {};
    before = client.published(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await client.nextDiagnostics(uri, before)).diagnostics.length, 1);
    await client.close(uri);
  });

  it('run: onSave lints on open and save only', async () => {
    settings = { run: 'onSave' };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const uri = uriOf(path.join(dir, 'onsave.py'));
    await client.open(uri, 'import requests\n');
    const before = client.published(uri);
    await client.change(uri, 2, [{ range: wholeRange('import requests\n'), text: BAD }]);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.published(uri), before, 'no lint on change with run: onSave');
    await client.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const p = await client.nextDiagnostics(uri, before);
    assert.deepEqual(p.diagnostics, [expectedDiagnostic(2)]);
    settings = {};
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.close(uri);
  });

  it('answers requests about unknown documents and unknown methods without crashing', async () => {
    const uri = uriOf(path.join(dir, 'never-opened.py'));
    assert.equal(
      await client.conn.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 0 },
      }),
      null,
    );
    assert.deepEqual(
      await client.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: wholeRange(''),
        context: { diagnostics: [expectedDiagnostic(1)] },
      }),
      [],
    );
    await assert.rejects(client.conn.sendRequest('tlslint/noSuchThing', {}), /Unhandled method|not found/i);
    // Garbage diagnostics data and a change for an unknown document are survived.
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 9 },
      contentChanges: [{ text: 'x' }],
    });
    const docUri = uriOf(path.join(dir, 'robust.py'));
    await client.open(docUri, BAD);
    const bogus = { ...expectedDiagnostic(1), data: { fixes: 'nope' } };
    assert.deepEqual(
      await client.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri: docUri },
        range: wholeRange(''),
        context: { diagnostics: [bogus] },
      }),
      [],
    );
    // Binary-ish and unsupported documents give no findings and no crash.
    const odd = uriOf(path.join(dir, 'weird.py'));
    const p = await client.open(odd, '\u0000\uffff def ((( requests.get(verify=False');
    assert.ok(Array.isArray(p.diagnostics));
    const txt = uriOf(path.join(dir, 'notes.txt'));
    const q = await client.open(txt, 'verify=False', 'plaintext');
    assert.deepEqual(q.diagnostics, []);
    await client.close(docUri);
    // Still alive.
    const h = await client.conn.sendRequest('textDocument/hover', {
      textDocument: { uri: odd },
      position: { line: 0, character: 0 },
    });
    assert.ok(h === null || typeof h === 'object');
  });
});

describe('.tlslint.json', () => {
  it('a client without workspace/configuration gets defaults plus the project config (zero configuration)', async () => {
    const dir = tempDir({
      '.tlslint.json': '{ "rules": { "cert-verification-disabled": "information" }, "ignore": ["gen/"] }\n',
    });
    const client = await LspClient.start({
      workspaceFolders: [dir],
      configuration: false,
      progress: false,
      documentChanges: false,
    });
    try {
      const uri = uriOf(path.join(dir, 'a.py'));
      const p = await client.open(uri, BAD);
      assert.deepEqual(p.diagnostics, [expectedDiagnostic(1, 3)]);
      assert.equal(client.configurationRequests, 0);
      // Ignored by the config's globs.
      const g = await client.open(uriOf(path.join(dir, 'gen', 'b.py')), BAD);
      assert.deepEqual(g.diagnostics, []);
      // Without documentChanges support, edits come as `changes`.
      const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: p.diagnostics[0].range,
        context: { diagnostics: p.diagnostics, only: ['quickfix'] },
      });
      assert.deepEqual(Object.keys(actions[0].edit!), ['changes']);
      // Settings pushed with didChangeConfiguration are used by such clients.
      const before = client.published(uri);
      await client.conn.sendNotification('workspace/didChangeConfiguration', {
        settings: { tlslint: { rules: { 'cert-verification-disabled': 'off' } } },
      });
      const q = await client.nextDiagnostics(uri, before);
      assert.deepEqual(q.diagnostics, []);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('multi-root: each folder uses its own config', async () => {
    const a = tempDir({ '.tlslint.json': '{ "rules": { "cert-verification-disabled": "warning" } }' });
    // Folder b lives under a `tests/` folder: test-file detection must look at the path inside the
    // folder (as the CLI does relative to its scan root), not at the absolute path.
    const outer = tempDir({ 'tests/proj/.tlslint.json': '{ "testFiles": "ignore" }' });
    const b = path.join(outer, 'tests', 'proj');
    const client = await LspClient.start({ workspaceFolders: [a, b] });
    try {
      const pa = await client.open(uriOf(path.join(a, 'x.py')), BAD);
      assert.deepEqual(
        pa.diagnostics.map((d) => d.severity),
        [2],
      );
      const pb = await client.open(uriOf(path.join(b, 'x.py')), BAD);
      assert.deepEqual(
        pb.diagnostics.map((d) => d.severity),
        [1],
      );
      const tb = await client.open(uriOf(path.join(b, 'tests', 'test_x.py')), BAD);
      assert.deepEqual(tb.diagnostics, []);
      // Folder a keeps the default for test code: downgraded to information.
      const ta = await client.open(uriOf(path.join(a, 'tests', 'test_x.py')), BAD);
      assert.deepEqual(
        ta.diagnostics.map((d) => d.severity),
        [3],
      );
      // The start-up line names the version and both config files.
      await client.waitFor(() => client.logs.some((l) => l.includes(' started (')), 'the start-up log line');
      const started = client.logs.find((l) => l.includes(' started ('))!;
      assert.match(
        started,
        /^\[tlslint\] tlslint \d+\.\d+\.\d+\S* started \(Node\.js v\d+[^)]*\); 2 workspace folders; config files: /,
      );
      assert.ok(
        started.includes(path.join(a, '.tlslint.json')) && started.includes(path.join(b, '.tlslint.json')),
        started,
      );
    } finally {
      await client.stop();
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(outer, { recursive: true, force: true });
    }
  });
});

describe('workspace folders', () => {
  it('a folder added later brings its own config', async () => {
    const a = tempDir({});
    const b = tempDir({ '.tlslint.json': '{ "rules": { "cert-verification-disabled": "information" } }' });
    const client = await LspClient.start({ workspaceFolders: [a] });
    try {
      await client.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: uriOf(b), name: 'b' }], removed: [] },
      });
      const p = await client.open(uriOf(path.join(b, 'x.py')), BAD);
      assert.deepEqual(
        p.diagnostics.map((d) => d.severity),
        [3],
      );
      const q = await client.open(uriOf(path.join(a, 'x.py')), BAD);
      assert.deepEqual(
        q.diagnostics.map((d) => d.severity),
        [1],
      );
    } finally {
      await client.stop();
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });
});

describe('lifecycle', () => {
  it('serves over node IPC too (the transport of the VS Code client)', async () => {
    const client = await LspClient.start({ transport: 'ipc' });
    const p = await client.open(uriOf(path.join(os.tmpdir(), 'ipc.py')), BAD);
    assert.deepEqual(p.diagnostics, [expectedDiagnostic(1)]);
    assert.equal(await client.stop(3000), 0);
  });

  it('shutdown and exit end the process promptly with code 0', async () => {
    const client = await LspClient.start();
    await client.open(uriOf(path.join(os.tmpdir(), 'lifecycle.py')), BAD);
    const started = Date.now();
    const code = await client.stop(3000);
    assert.equal(code, 0);
    assert.ok(Date.now() - started < 3000);
  });

  it('exit without shutdown ends the process with code 1', async () => {
    const client = await LspClient.start();
    await client.conn.sendNotification('exit');
    const code = await new Promise<number | null>((resolve) => client.proc.on('exit', resolve));
    assert.equal(code, 1);
    client.kill();
  });
});
