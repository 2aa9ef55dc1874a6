// Workspace scans under stress, with the real CLI and the real server: a 100,000-file tree (CLI counts;
// server scan cancelled mid-way with hovers answered throughout), files deleted and growing during a scan.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { ScanWorkspaceResult } from '../../server/src/lsp/protocol';
import { CLI, runCli } from '../cli/helpers';
import { LspClient, uriOf } from './lsp-client';

const BAD = 'import requests\n\ndef f(u):\n    return requests.get(u, verify=False)\n';

interface Tree {
  dir: string;
  /** Files the walker yields (supported languages). */
  supported: number;
  findings: number;
}

/**
 * 100 folders x 10 subfolders x 100 files: mostly one-line files without any TLS token, in eight
 * extensions (two of them unsupported), and a finding in one file in a thousand.
 */
function hugeTree(): Tree {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-100k-')));
  const exts = ['.py', '.js', '.go', '.java', '.rb', '.txt', '.md', '.yaml'];
  let n = 0;
  let supported = 0;
  let findings = 0;
  for (let a = 0; a < 100; a++) {
    for (let b = 0; b < 10; b++) {
      const sub = path.join(dir, `d${a}`, `e${b}`);
      fs.mkdirSync(sub, { recursive: true });
      for (let c = 0; c < 100; c++) {
        const i = n++;
        const ext = exts[i % exts.length];
        let text = `x = ${i}\n`;
        if (ext === '.py' && i % 1000 === 8) {
          text = BAD;
          findings++;
        }
        if (ext !== '.txt' && ext !== '.md') supported++;
        fs.writeFileSync(path.join(sub, `f${i}${ext}`), text);
      }
    }
  }
  return { dir, supported, findings };
}

describe('a 100,000-file tree', () => {
  let tree: Tree;
  let generatedMs = 0;
  before(() => {
    const started = Date.now();
    tree = hugeTree();
    generatedMs = Date.now() - started;
  });
  after(() => fs.rmSync(tree.dir, { recursive: true, force: true }));

  it('the CLI scans it completely with the right counts', async (t) => {
    const started = Date.now();
    const r = await runCli(['scan', '.', '--format', 'json'], { cwd: tree.dir });
    const ms = Date.now() - started;
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as {
      findings: { rule: string }[];
      summary: { files: number; skipped: number; findings: number };
    };
    assert.deepEqual(report.summary.files, tree.supported);
    assert.equal(report.summary.skipped, 0);
    assert.equal(report.summary.findings, tree.findings);
    assert.ok(report.findings.every((f) => f.rule === 'cert-verification-disabled'));
    t.diagnostic(
      `generated 100,000 files in ${generatedMs} ms; CLI: ${tree.supported} files, ${tree.findings} findings in ${ms} ms wall`,
    );
  });

  it('the server scan answers hovers throughout and stops promptly when cancelled', async (t) => {
    const client = await LspClient.start({ workspaceFolders: [tree.dir] });
    try {
      const uri = uriOf(path.join(tree.dir, 'open.py'));
      await client.open(uri, BAD);
      const hoverMs = async () => {
        const started = Date.now();
        const h = await client.conn.sendRequest('textDocument/hover', {
          textDocument: { uri },
          position: { line: 3, character: 30 },
        });
        assert.ok(h, 'hover answered');
        return Date.now() - started;
      };
      const source = new CancellationTokenSource();
      const started = Date.now();
      let scanEnded = 0;
      const scanning = client.conn
        .sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', { workDoneToken: 'big' }, source.token)
        .then(
          (r) => ((scanEnded = Date.now()), r),
          (e: Error) => ((scanEnded = Date.now()), { error: e.message }),
        );
      // While the files are being collected (the walk of 100,000 entries, before any "n of m" report).
      const linting = () =>
        client.progress.some(
          (p) => p.token === 'big' && p.value.kind === 'report' && / of \d+ files$/.test(p.value.message ?? ''),
        );
      const duringWalk: number[] = [];
      while (duringWalk.length < 20) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (linting()) break;
        duringWalk.push(await hoverMs());
      }
      t.diagnostic(`hovers during the walk: ${duringWalk.join(', ')} ms`);
      assert.ok(duringWalk.length >= 2, 'hovers were sent during the walk');
      await client.waitFor(
        () =>
          client.progress.some(
            (p) =>
              p.token === 'big' && p.value.kind === 'report' && /^[1-9]\d* of \d+ files$/.test(p.value.message ?? ''),
          ),
        'lint progress',
        120_000,
      );
      const total = Number(
        /of (\d+) files/.exec(
          client.progress.filter((p) => p.token === 'big' && p.value.kind === 'report').at(-1)!.value.message!,
        )![1],
      );
      assert.equal(total, tree.supported + 0, 'the walk found every supported file');
      const latencies: number[] = [...duringWalk];
      for (let i = 0; i < 5; i++) latencies.push(await hoverMs());
      assert.equal(scanEnded, 0, 'the scan was still running during the hovers');
      const cancelAt = Date.now();
      source.cancel();
      const r = await scanning;
      const stopMs = Date.now() - cancelAt;
      if ('error' in r) assert.match(r.error, /cancel/i);
      else {
        assert.equal(r.cancelled, true);
        assert.ok(r.files < tree.supported, `files ${r.files}`);
      }
      await client.waitFor(
        () => client.progress.some((p) => p.token === 'big' && p.value.kind === 'end'),
        'progress end',
      );
      assert.ok(stopMs < 2000, `the scan stopped ${stopMs} ms after the cancel`);
      for (const ms of latencies) assert.ok(ms < 1000, `hover latencies during the scan: ${latencies.join(', ')} ms`);
      // Still serving afterwards.
      latencies.push(await hoverMs());
      t.diagnostic(
        `server: walk+first lint progress after ${Date.now() - started} ms; hover latencies ${latencies.join(', ')} ms; stopped ${stopMs} ms after cancel`,
      );
    } finally {
      await client.stop();
    }
  });
});

/**
 * 10 folders x 200 files, each with one finding. Walk order (and, with one job, lint order) is by
 * name, so the last folder is read last: the test changes it once the walk is over.
 */
function churnTree(): { dir: string; first: string; deleted: string[]; huge: string[]; grown: string[] } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-churn-')));
  for (let a = 0; a < 10; a++) {
    fs.mkdirSync(path.join(dir, `a${a}`));
    for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(dir, `a${a}`, `f${String(i).padStart(3, '0')}.py`), BAD);
  }
  const last = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => path.join(dir, 'a9', `f${String(from + i).padStart(3, '0')}.py`));
  const first = path.join(dir, 'a0', 'f000.py');
  // The CLI's read of the first file updates its access time (relatime): then the walk is over.
  const st = fs.statSync(first);
  fs.utimesSync(first, new Date(st.mtimeMs - 60_000), st.mtime);
  return { dir, first, deleted: last(100, 150), huge: last(150, 175), grown: last(175, 200) };
}

/** Deletes some files, grows some over the 1 MiB cap and some by one more finding. */
function churn(t: ReturnType<typeof churnTree>): void {
  for (const f of t.deleted) fs.rmSync(f);
  const pad = `# ${'x'.repeat(1020)}\n`.repeat(1100);
  for (const f of t.huge) fs.appendFileSync(f, pad);
  for (const f of t.grown) fs.appendFileSync(f, 'requests.get("https://y", verify=False)\n');
}

describe('files deleted and growing during a scan', () => {
  it('the CLI finishes, counts the deleted and oversized files as skipped and says why', async () => {
    const t = churnTree();
    try {
      const atime = fs.statSync(t.first).atimeMs;
      const child = spawn(process.execPath, [CLI, 'scan', '.', '--jobs', '1', '--format', 'json', '--verbose'], {
        cwd: t.dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
      child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
      let exited = false;
      const done = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => ((exited = true), resolve(code))),
      );
      while (!exited && fs.statSync(t.first).atimeMs === atime) await new Promise((resolve) => setTimeout(resolve, 1));
      assert.equal(exited, false, 'changed the tree while the CLI ran');
      churn(t);
      assert.equal(await done, 1, stderr);
      const report = JSON.parse(stdout) as { summary: { files: number; skipped: number; findings: number } };
      assert.deepEqual(report.summary.files, 2000 - 75);
      assert.equal(report.summary.skipped, 75);
      assert.equal(report.summary.findings, 2000 - 75 + 25);
      for (const f of t.deleted)
        assert.match(stderr, new RegExp(`skipped ${path.relative(t.dir, f)}: unreadable: .*ENOENT`));
      for (const f of t.huge) assert.match(stderr, new RegExp(`skipped ${path.relative(t.dir, f)}: too-large`));
    } finally {
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });

  it('the server scan finishes, counts them as skipped, logs why, and publishes the rest', async () => {
    const t = churnTree();
    const client = await LspClient.start({ workspaceFolders: [t.dir] });
    try {
      const scanning = client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {
        workDoneToken: 'churn',
      });
      // The first "n of m files" report comes once the walk is over and before the last folder is read.
      await client.waitFor(
        () => client.progress.some((p) => p.token === 'churn' && / of 2000 files$/.test(p.value.message ?? '')),
        'lint progress',
      );
      churn(t);
      const r = await scanning;
      assert.deepEqual(
        { files: r.files, skipped: r.skipped, findings: r.findings, cancelled: r.cancelled },
        { files: 2000 - 75, skipped: 75, findings: 2000 - 75 + 25, cancelled: false },
      );
      await client.waitFor(() => client.logs.some((l) => /workspace scan skipped 25 more files/.test(l)), 'skip log');
      const skippedLog = client.logs.filter((l) => l.includes('workspace scan skipped '));
      assert.ok(
        skippedLog.some((l) => l.includes(t.deleted[0]) && /unreadable/.test(l)),
        skippedLog.join('\n'),
      );
      assert.equal(client.latest(uriOf(t.grown[0]))?.diagnostics.length, 2, 'a grown file is linted whole');
      assert.equal(client.latest(uriOf(t.deleted[0])), undefined, 'nothing published for a deleted file');
      // Still serving.
      const again = await client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {});
      assert.deepEqual({ files: again.files, skipped: again.skipped }, { files: 2000 - 75, skipped: 25 });
    } finally {
      await client.stop();
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });
});
