// The CLI's scan pipeline: files linted while the walk goes on, worker threads started as the count
// grows, clean files counted rather than reported, the byte pre-filter. Same findings and counts
// whatever the threads, and `summary.files` keeps its meaning (every file read and not skipped).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './helpers';

interface Json {
  findings: { path: string; line: number; rule: string }[];
  summary: { files: number; skipped: number; findings: number; suppressed: number };
}

/** A tree of `n` clean files, a few with findings, one suppressed, and files every reader must skip. */
function makeBigTree(n: number): string {
  const dir = tempDir('tlslint-pool-');
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, `pkg${i % 7}`, `mod${i % 3}`);
    fs.mkdirSync(sub, { recursive: true });
    let text = `import os\n\ndef f${i}(x):\n    return os.path.join(x, "${i}")\n`;
    if (i % 97 === 0) text += `\nimport requests\nrequests.get(x, verify=False)\n`;
    if (i % 211 === 0)
      text += `\nimport requests\nrequests.post(x, verify=False)  # tlslint-disable-line cert-verification-disabled -- test double\n`;
    fs.writeFileSync(path.join(sub, `m${i}.py`), text);
  }
  // Not UTF-8 (decoded lossily when it holds a token, untouched otherwise), binary (skipped).
  fs.writeFileSync(path.join(dir, 'latin1.py'), Buffer.from('x = "caf\xe9"\n', 'latin1'));
  fs.writeFileSync(path.join(dir, 'latin1_tls.py'), Buffer.from('verify = "caf\xe9"\n', 'latin1'));
  fs.writeFileSync(path.join(dir, 'binary.py'), Buffer.from([0x61, 0, 0x62]));
  return dir;
}

async function scan(dir: string, extra: string[]): Promise<Json> {
  const r = await runCli(['scan', dir, '--format', 'json', ...extra]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as Json;
}

describe('cli scan pipeline', () => {
  it('one thread, two and three threads and the automatic choice give the same findings and counts', async () => {
    const dir = makeBigTree(1300);
    const one = await scan(dir, ['--jobs', '1']);
    const two = await scan(dir, ['--jobs', '2']);
    const three = await scan(dir, ['--jobs', '3']);
    const auto = await scan(dir, []);
    // 1300 modules, latin1.py and latin1_tls.py (read: not UTF-8 is no reason to skip); binary.py is skipped.
    assert.equal(one.summary.files, 1302);
    assert.equal(one.summary.skipped, 1);
    assert.equal(one.findings.length, 14);
    assert.equal(one.summary.suppressed, 7);
    for (const other of [two, three, auto]) {
      assert.deepEqual(other.findings, one.findings);
      assert.deepEqual({ ...other.summary, durationMs: 0 }, { ...one.summary, durationMs: 0 });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--verbose says how many files held no TLS token (read, never parsed), and skips stay skips', async () => {
    const dir = makeBigTree(30);
    const r = await runCli(['scan', dir, '--verbose', '--format', 'json']);
    assert.match(r.stderr, /tlslint: 30 of 32 files hold no TLS-related token: read, not parsed/);
    assert.doesNotMatch(r.stderr, /skipped latin1/);
    assert.match(r.stderr, /skipped binary\.py: binary/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
