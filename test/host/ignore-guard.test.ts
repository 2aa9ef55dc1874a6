// Hostile ignore patterns and deep trees: node-ignore matched `**/a/**/a/**/b` against one 40-folder
// path in 43 s, so a repository's .gitignore could hang the walk. Such patterns are dropped and
// reported, the walk stops at MAX_WALK_DEPTH, and CLI and server scans of such a tree finish at once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ScanWorkspaceResult } from '../../server/src/lsp/protocol';
import { MAX_WALK_DEPTH, guardIgnoreText, innerGlobstars } from '../../server/src/host/ignore-guard';
import { walkFiles } from '../../server/src/host/walk';
import { runCli } from '../cli/helpers';
import { LspClient } from '../lsp/lsp-client';

const BAD = 'import requests\nrequests.get(u, verify=False)\n';
const HOSTILE = '**/a/**/a/**/a/**/b';

/** A chain of 300 nested folders `a/a/a/...`, each with a finding, under a .gitignore with a hostile pattern. */
function deepTree(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-deep-')));
  fs.writeFileSync(path.join(dir, '.gitignore'), `${HOSTILE}\n**/a/**/skipme.py\n# a comment\nbuild/\n`);
  fs.mkdirSync(path.join(dir, 'build'));
  fs.writeFileSync(path.join(dir, 'build', 'gen.py'), BAD);
  let d = dir;
  for (let i = 0; i < 300; i++) {
    d = path.join(d, 'a');
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, 'm.py'), BAD);
  }
  fs.writeFileSync(path.join(dir, 'a', 'a', 'skipme.py'), BAD);
  return dir;
}

describe('ignore guard', () => {
  it('counts the ** between segments', () => {
    assert.equal(innerGlobstars('**/node_modules'), 0);
    assert.equal(innerGlobstars('build/**'), 0);
    assert.equal(innerGlobstars('/**/x/**'), 0);
    assert.equal(innerGlobstars('src/**/gen'), 1);
    assert.equal(innerGlobstars('!**/a/**/b/**/c'), 2);
    assert.equal(innerGlobstars(HOSTILE), 3);
    const g = guardIgnoreText(`# ${HOSTILE}\n${HOSTILE}\nkeep/**\r\nsrc/**/x\n`);
    assert.deepEqual(g.dropped, [HOSTILE]);
    assert.equal(g.text, `# ${HOSTILE}\nkeep/**\nsrc/**/x\n`);
  });

  it('the walker drops the costly pattern, keeps the others, stops at the depth limit and reports both', async () => {
    const dir = deepTree();
    try {
      const started = Date.now();
      const files: string[] = [];
      const skips: { path: string; reason: string }[] = [];
      for await (const ev of walkFiles([dir])) {
        if (ev.kind === 'file') files.push(ev.path);
        else skips.push(ev);
      }
      const ms = Date.now() - started;
      assert.ok(ms < 10_000, `walk took ${ms} ms`);
      assert.equal(files.length, MAX_WALK_DEPTH, 'm.py in every folder down to the limit');
      assert.ok(
        !files.some((f) => f.includes(`${path.sep}build${path.sep}`) || f.endsWith('skipme.py')),
        'the safe patterns still apply',
      );
      assert.ok(
        skips.some((s) => s.reason.includes(HOSTILE) && /dropped/.test(s.reason)),
        JSON.stringify(skips),
      );
      assert.ok(skips.some((s) => /nested deeper than 128 levels/.test(s.reason)));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a costly pattern in .tlslint.json: the CLI reports it and finishes', async () => {
    const dir = deepTree();
    try {
      fs.writeFileSync(
        path.join(dir, '.tlslint.json'),
        JSON.stringify({ ignore: ['**/x/**/y/**/z/**/q', 'build/**'] }),
      );
      const started = Date.now();
      const r = await runCli(['scan', '.', '--format', 'json', '--verbose'], { cwd: dir });
      assert.ok(Date.now() - started < 30_000);
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout) as { summary: { files: number; skipped: number } };
      assert.equal(report.summary.files, MAX_WALK_DEPTH);
      assert.equal(report.summary.skipped, 3);
      assert.match(r.stderr, /ignore pattern "\*\*\/x\/\*\*\/y\/\*\*\/z\/\*\*\/q" dropped/);
      assert.match(r.stderr, /ignore pattern dropped \(\.gitignore: \*\*\/a\/\*\*\/a\/\*\*\/a\/\*\*\/b\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the server scan of the same tree, with a costly pattern in the editor settings, finishes', async () => {
    const dir = deepTree();
    const client = await LspClient.start({
      workspaceFolders: [dir],
      settings: (section) => (section === 'tlslint' ? { ignore: ['**/q/**/r/**/s'] } : null),
    });
    try {
      const r = await client.conn.sendRequest<ScanWorkspaceResult>('tlslint/scanWorkspace', {});
      assert.equal(r.files, MAX_WALK_DEPTH);
      assert.equal(r.cancelled, false);
      assert.ok(r.skipped >= 2, `skipped ${r.skipped}`);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
