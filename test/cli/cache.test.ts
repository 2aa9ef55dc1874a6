// The results cache: .tlslint_cache/ under the scan root (git-ignored), reused when content and settings
// are unchanged, invalidated by edits and by settings, bypassed by --no-cache, and safe with --fix.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './helpers';

const BAD = 'import requests\nrequests.get(u, verify=False)\n';
const GOOD = 'import requests\nrequests.get(u, verify=True)\n';

function tree(): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'bad.py'), BAD);
  fs.writeFileSync(path.join(dir, 'good.py'), GOOD);
  fs.writeFileSync(path.join(dir, 'plain.py'), 'print("hello")\n');
  // Older than the racy window, so the second run may trust size and modification time.
  const old = new Date(Date.now() - 60_000);
  for (const f of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, f), old, old);
  return dir;
}

const reused = (stderr: string) => Number(/cache: (\d+) files reused, (\d+) linted/.exec(stderr)?.[1]);

describe('results cache', () => {
  it('is written to .tlslint_cache/ (git-ignored) and reused with identical output', async () => {
    const dir = tree();
    const cold = await runCli(['scan', '.', '--verbose'], { cwd: dir });
    assert.equal(reused(cold.stderr), 0);
    assert.equal(fs.readFileSync(path.join(dir, '.tlslint_cache', '.gitignore'), 'utf8').split('\n')[1], '*');
    assert.ok(fs.existsSync(path.join(dir, '.tlslint_cache', 'CACHEDIR.TAG')));
    const warm = await runCli(['scan', '.', '--verbose'], { cwd: dir });
    assert.equal(reused(warm.stderr), 3);
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(warm.code, 1);
    const json = await runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    const nocache = await runCli(['scan', '.', '--format', 'json', '--no-cache'], { cwd: dir });
    const strip = (s: string) => s.replace(/"durationMs": \d+/, '');
    assert.equal(strip(json.stdout), strip(nocache.stdout));
  });

  it('an edited file is linted again; other settings use their own cache', async () => {
    const dir = tree();
    await runCli(['scan', '.'], { cwd: dir });
    fs.writeFileSync(path.join(dir, 'good.py'), GOOD + 'requests.post(u, verify=False)\n');
    const r = await runCli(['scan', '.', '--verbose', '--format', 'concise'], { cwd: dir });
    assert.equal(reused(r.stderr), 2);
    assert.match(r.stdout, /^good\.py:3:18 {2}error/m);
    // Same bytes, new modification time: the content hash taken when good.py changed still matches.
    const now = new Date();
    fs.utimesSync(path.join(dir, 'good.py'), now, now);
    const touched = await runCli(['scan', '.', '--verbose'], { cwd: dir });
    assert.equal(reused(touched.stderr), 3);
    const other = await runCli(['scan', '.', '--verbose', '--disable', 'cert-verification-disabled'], { cwd: dir });
    assert.equal(reused(other.stderr), 0);
    assert.match(other.stdout, /^No findings/);
  });

  it('--no-cache neither reads nor writes it; --cache-dir moves it', async () => {
    const dir = tree();
    await runCli(['scan', '.', '--no-cache'], { cwd: dir });
    assert.ok(!fs.existsSync(path.join(dir, '.tlslint_cache')));
    const elsewhere = path.join(tempDir(), 'c');
    await runCli(['scan', '.', '--cache-dir', elsewhere], { cwd: dir });
    assert.ok(fs.existsSync(path.join(elsewhere, '.gitignore')));
    assert.ok(!fs.existsSync(path.join(dir, '.tlslint_cache')));
  });

  it('--fix lints afresh (no cache); --diff takes cached results only for files with nothing to fix', async () => {
    const dir = tree();
    await runCli(['scan', '.'], { cwd: dir });
    const diff = await runCli(['scan', '.', '--diff', '--verbose'], { cwd: dir });
    assert.equal(diff.code, 1);
    assert.equal(reused(diff.stderr), 2, 'the two clean files');
    assert.match(diff.stdout, /^\+requests\.get\(u, verify=True\)$/m);
    const fix = await runCli(['scan', '.', '--fix', '--verbose'], { cwd: dir });
    assert.equal(fix.code, 0, fix.stdout);
    assert.doesNotMatch(fix.stderr, /cache:/);
    assert.equal(fs.readFileSync(path.join(dir, 'bad.py'), 'utf8'), GOOD);
    const after = await runCli(['scan', '.', '--verbose', '--format', 'json'], { cwd: dir });
    assert.equal(after.code, 0, 'the fixed file is not taken from the cache');
  });

  it('a corrupt cache file is ignored and replaced', async () => {
    const dir = tree();
    await runCli(['scan', '.'], { cwd: dir });
    const versionDir = path.join(
      dir,
      '.tlslint_cache',
      fs.readdirSync(path.join(dir, '.tlslint_cache')).find((f) => /^\d/.test(f))!,
    );
    for (const f of fs.readdirSync(versionDir)) fs.writeFileSync(path.join(versionDir, f), '{not json');
    const r = await runCli(['scan', '.', '--verbose'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(reused(r.stderr), 0);
    assert.equal(reused((await runCli(['scan', '.', '--verbose'], { cwd: dir })).stderr), 3);
  });
});
