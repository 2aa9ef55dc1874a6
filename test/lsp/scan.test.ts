// Protocol tests of `tlslint/scanWorkspace` and `tlslint/clearWorkspaceFindings`: ignores, progress,
// cancellation, responsiveness during a scan, ownership of diagnostics by the scan.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { ScanWorkspaceResult } from '../../server/src/lsp/protocol';
import { ROOT } from '../helpers';
import { LspClient, uriOf } from './lsp-client';

const BAD = 'import requests\n\ndef f(u):\n    return requests.get(u, verify=False)\n';
const CLEAN = 'import requests\n\ndef f(u):\n    return requests.get(u)\n';

function tempDir(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-scan-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A folder with many files, so a scan takes long enough to be cancelled or interleaved. */
function bigDir(n: number): string {
  const files: Record<string, string> = {};
  const filler = Array.from(
    { length: 10 },
    (_, i) => `def g${i}(session, url):\n    return session.get(url, timeout=${i})\n`,
  ).join('');
  for (let i = 0; i < n; i++)
    files[`pkg${i % 10}/m${i}.py`] = `import requests\n${filler}\nrequests.get("https://x/${i}", verify=False)\n`;
  return tempDir(files);
}

describe('workspace scan', () => {
  it('walks the folder honouring .gitignore, .tlslint.json ignores and files.exclude, with progress and totals', async () => {
    const dir = tempDir({
      'a.py': BAD,
      'clean.py': CLEAN,
      'sub/c.py': BAD,
      'ignored/d.py': BAD,
      '.gitignore': 'ignored/\n',
      '.tlslint.json': '{ "ignore": ["vendor/**"] }\n',
      'vendor/e.py': BAD,
      'excluded/f.py': BAD,
      'binary.py': Buffer.from([0x69, 0x6d, 0x70, 0x00, 0x01, 0x02]),
      'notes.txt': 'verify=False',
    });
    const client = await LspClient.start({
      workspaceFolders: [dir],
      settings: (section) => (section === 'files' ? { exclude: { '**/excluded': true, '**/.git': true } } : {}),
    });
    try {
      const result = await client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {
        workDoneToken: 'scan-1',
      });
      assert.deepEqual(
        { ...result, durationMs: 0 },
        { files: 3, findings: 2, skipped: 1, cancelled: false, durationMs: 0 },
      );
      assert.ok(result.durationMs >= 0);
      for (const f of ['a.py', 'sub/c.py']) {
        const p = client.latest(uriOf(path.join(dir, f)));
        assert.equal(p?.diagnostics.length, 1, f);
        assert.equal(p?.diagnostics[0].code, 'cert-verification-disabled');
        assert.equal((p?.diagnostics[0].data as { version: unknown }).version, null);
      }
      for (const f of ['clean.py', 'ignored/d.py', 'vendor/e.py', 'excluded/f.py', 'binary.py']) {
        assert.equal(client.latest(uriOf(path.join(dir, f))), undefined, f);
      }
      // Progress with the client's token: begin, "n of m files" reports, end with the summary.
      const mine = client.progress.filter((p) => p.token === 'scan-1').map((p) => p.value);
      assert.equal(mine[0].kind, 'begin');
      assert.equal(mine[0].title, 'TLS Lint: scanning the workspace');
      assert.ok(
        mine.some((v) => v.kind === 'report' && /^\d+ of 4 files$/.test(v.message ?? '')),
        JSON.stringify(mine),
      );
      assert.deepEqual(mine.at(-1), { kind: 'end', message: '3 files, 2 findings, 1 skipped' });
      assert.equal(client.createdTokens.length, 0);
      // Status notifications for the client's status bar.
      assert.ok(client.status.some((s) => s.state === 'scanning'));
      assert.equal(client.status.at(-1)?.state, 'idle');

      // Without a token the server creates one (window/workDoneProgress/create).
      const again = await client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {});
      assert.equal(again.findings, 2);
      assert.equal(client.createdTokens.length, 1);
      assert.ok(client.progress.some((p) => p.token === client.createdTokens[0] && p.value.kind === 'end'));

      // Editing an open file replaces its scanned findings; closing it shows the file on disk again.
      const aUri = uriOf(path.join(dir, 'a.py'));
      const opened = await client.open(aUri, CLEAN);
      assert.deepEqual(opened.diagnostics, []);
      let before = client.published(aUri);
      await client.close(aUri);
      const reopened = await client.nextDiagnostics(aUri, before);
      assert.equal(reopened.diagnostics.length, 1, 'scan-owned file shows its on-disk findings after close');

      // A deleted file's findings are cleared.
      const cUri = uriOf(path.join(dir, 'sub/c.py'));
      fs.rmSync(path.join(dir, 'sub/c.py'));
      before = client.published(cUri);
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cUri, type: 3 }] });
      assert.deepEqual((await client.nextDiagnostics(cUri, before)).diagnostics, []);

      // A changed scan-owned file is re-linted from disk.
      fs.writeFileSync(path.join(dir, 'a.py'), CLEAN);
      before = client.published(aUri);
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: aUri, type: 2 }] });
      assert.deepEqual((await client.nextDiagnostics(aUri, before)).diagnostics, []);

      // clearWorkspaceFindings clears what the scan published.
      fs.writeFileSync(path.join(dir, 'a.py'), BAD);
      await client.conn.sendRequest('tlslint/scanWorkspace', {});
      assert.equal(client.latest(aUri)?.diagnostics.length, 1);
      before = client.published(aUri);
      const cleared = await client.conn.sendRequest<{ cleared: number }>('tlslint/clearWorkspaceFindings', {});
      assert.deepEqual(cleared, { cleared: 1 });
      assert.deepEqual((await client.nextDiagnostics(aUri, before)).diagnostics, []);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tlslint.scanOnStartup scans after initialization', async () => {
    const dir = tempDir({ 'x.py': BAD });
    const client = await LspClient.start({
      workspaceFolders: [dir],
      settings: (section) => (section === 'tlslint' ? { scanOnStartup: true } : null),
    });
    try {
      const p = await client.nextDiagnostics(uriOf(path.join(dir, 'x.py')), 0);
      assert.equal(p.diagnostics.length, 1);
      await client.waitFor(
        () => client.status.some((s) => s.state === 'idle' && s.total === 1),
        'idle status after the startup scan',
      );
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('folders can be named by URI or path', async () => {
    const a = tempDir({ 'x.py': BAD });
    const b = tempDir({ 'y.py': BAD, 'z.py': BAD });
    const client = await LspClient.start({ workspaceFolders: [a, b] });
    try {
      const all = await client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {});
      assert.equal(all.findings, 3);
      const one = await client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {
        folders: [uriOf(b)],
      });
      assert.equal(one.files, 2);
      const byPath = await client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', { folders: [a] });
      assert.equal(byPath.files, 1);
    } finally {
      await client.stop();
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });

  it('is cancellable with $/cancelRequest and with window/workDoneProgress/cancel, and stays responsive', async () => {
    const dir = bigDir(400);
    const client = await LspClient.start({ workspaceFolders: [dir] });
    try {
      // A hover on an open document is answered while a scan runs.
      const uri = uriOf(path.join(dir, 'open.py'));
      await client.open(uri, BAD);
      const scanning = client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {
        workDoneToken: 'slow',
      });
      let scanDone = false;
      void scanning.then(() => (scanDone = true));
      await client.waitFor(
        () =>
          client.progress.some(
            (p) => p.token === 'slow' && p.value.kind === 'report' && /^[1-9]\d* of/.test(p.value.message ?? ''),
          ),
        'scan progress',
      );
      const hover = await client.conn.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 3, character: 30 },
      });
      assert.ok(hover, 'hover answered during the scan');
      assert.equal(scanDone, false, 'the hover was answered before the scan ended');
      const full = await scanning;
      assert.deepEqual(
        { files: full.files, findings: full.findings, cancelled: full.cancelled },
        { files: 400, findings: 400, cancelled: false },
      );

      // $/cancelRequest.
      const source = new CancellationTokenSource();
      const cancelled = client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {}, source.token);
      const tokenCount = client.createdTokens.length;
      await client.waitFor(() => client.createdTokens.length > tokenCount, 'server-created progress token');
      const token = client.createdTokens.at(-1)!;
      await client.waitFor(
        () =>
          client.progress.some(
            (p) => p.token === token && p.value.kind === 'report' && /^[1-9]\d* of/.test(p.value.message ?? ''),
          ),
        'progress',
      );
      source.cancel();
      const r1 = await cancelled.catch((e: Error) => ({ error: e.message }) as never);
      if ('error' in r1) {
        assert.match((r1 as { error: string }).error, /cancel/i);
      } else {
        assert.equal(r1.cancelled, true);
        assert.ok(r1.files < 400, `files ${r1.files}`);
      }
      await client.waitFor(
        () => client.progress.some((p) => p.token === token && p.value.kind === 'end'),
        'progress end after cancel',
      );

      // window/workDoneProgress/cancel on the client's token.
      const viaProgress = client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {
        workDoneToken: 'cancel-me',
      });
      await client.waitFor(
        () =>
          client.progress.some(
            (p) => p.token === 'cancel-me' && p.value.kind === 'report' && /^[1-9]\d* of/.test(p.value.message ?? ''),
          ),
        'progress',
      );
      await client.conn.sendNotification('window/workDoneProgress/cancel', { token: 'cancel-me' });
      const r2 = await viaProgress;
      assert.equal(r2.cancelled, true);
      assert.ok(r2.files < 400, `files ${r2.files}`);
      assert.equal(client.progress.filter((p) => p.token === 'cancel-me').at(-1)?.value.kind, 'end');
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('workspace scan: a stale advisory table', () => {
  const OUTDATED = 'pyOpenSSL==17.4.0\n';
  it('is said once per workspace folder: on its first file with an outdated-tls-library finding, else in the log', async () => {
    const withDeps = tempDir({ 'a/requirements.txt': OUTDATED, 'b/requirements.txt': OUTDATED, 'c.py': BAD });
    const withDeps2 = tempDir({ 'requirements.txt': OUTDATED });
    const without = tempDir({ 'c.py': BAD });
    // The server's clock, a year after the table was built (the same engine function the CLI uses decides).
    const built = (
      JSON.parse(fs.readFileSync(path.join(ROOT, 'server/src/engine/advisories.json'), 'utf8')) as { built: string }
    ).built;
    const now = new Date(`${built}T12:00:00Z`);
    now.setUTCFullYear(now.getUTCFullYear() + 1);
    const client = await LspClient.start({
      workspaceFolders: [withDeps, withDeps2, without],
      execArgv: ['--require', path.join(ROOT, 'out/test/lsp/fake-clock.js')],
      env: { TLSLINT_TEST_NOW: now.toISOString() },
    });
    try {
      await client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {});
      const notices = (dir: string, files: string[]) =>
        files.flatMap((f) =>
          (client.latest(uriOf(path.join(dir, f)))?.diagnostics ?? [])
            .filter((d) => /advisory table/.test(d.message as string))
            .map((d) => ({ f, d })),
        );
      const inFirst = notices(withDeps, ['a/requirements.txt', 'b/requirements.txt', 'c.py']);
      assert.equal(inFirst.length, 1, JSON.stringify(inFirst));
      const [{ f, d }] = inFirst;
      assert.match(f, /requirements\.txt$/);
      assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.equal(d.severity, 3, 'information');
      assert.equal(d.code, 'outdated-tls-library');
      assert.match(d.message as string, new RegExp(`built on ${built} \\(12 months ago\\)`));
      // The file's own finding is still there, beside the notice.
      assert.equal(client.latest(uriOf(path.join(withDeps, f)))?.diagnostics.length, 2);
      assert.equal(notices(withDeps2, ['requirements.txt']).length, 1, 'the second folder has its own');
      // A folder without a dependency finding: one note in the log, no diagnostic.
      assert.deepEqual(notices(without, ['c.py']), []);
      const notes = client.logs.filter((l) => /advisory table/.test(l));
      assert.equal(notes.length, 1, JSON.stringify(notes));
      assert.ok(notes[0].includes(`note: ${without}:`), notes[0]);
      // A second scan says it again, once per folder, not twice per file.
      await client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {});
      assert.equal(notices(withDeps, ['a/requirements.txt', 'b/requirements.txt']).length, 1);
    } finally {
      await client.stop().catch(() => client.kill());
      for (const d of [withDeps, withDeps2, without]) fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
