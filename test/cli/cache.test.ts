// The results cache: .tlslint_cache/ under the scan root (git-ignored), reused when content and settings
// are unchanged, invalidated by edits and by settings, bypassed by --no-cache, and safe with --fix;
// pruned of deleted files, other tool versions and old or oversized run keys.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ResultCache } from '../../server/src/cli/cache';
import { VERSION } from '../../server/src/version';
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
  /** The paths the cache file of the current version holds entries for. */
  const cachedPaths = (dir: string) => {
    const versionDir = path.join(dir, '.tlslint_cache', VERSION);
    const files = fs.readdirSync(versionDir).filter((f) => f.endsWith('.json'));
    assert.equal(files.length, 1, files.join(', '));
    const data = JSON.parse(fs.readFileSync(path.join(versionDir, files[0]), 'utf8')) as {
      entries: Record<string, unknown>;
    };
    return Object.keys(data.entries).sort();
  };

  it('prunes the entries of deleted files; a run over one named file keeps the others', async () => {
    const dir = tree();
    await runCli(['scan', '.'], { cwd: dir });
    assert.deepEqual(cachedPaths(dir), ['bad.py', 'good.py', 'plain.py']);
    await runCli(['scan', 'good.py'], { cwd: dir });
    assert.deepEqual(cachedPaths(dir), ['bad.py', 'good.py', 'plain.py']);
    assert.equal(reused((await runCli(['scan', '.', '--verbose'], { cwd: dir })).stderr), 3);
    fs.unlinkSync(path.join(dir, 'bad.py'));
    await runCli(['scan', 'good.py'], { cwd: dir });
    assert.deepEqual(cachedPaths(dir), ['good.py', 'plain.py']);
  });

  it("removes other tlslint versions' folders and other run keys unused for 30 days", async () => {
    const dir = tree();
    const cache = path.join(dir, '.tlslint_cache');
    const oldVersion = path.join(cache, '0.0.1');
    fs.mkdirSync(oldVersion, { recursive: true });
    fs.writeFileSync(path.join(oldVersion, 'k.json'), '{}');
    fs.mkdirSync(path.join(cache, VERSION), { recursive: true });
    const stale = path.join(cache, VERSION, 'stale.json');
    const recent = path.join(cache, VERSION, 'recent.json');
    fs.writeFileSync(stale, '{}');
    fs.writeFileSync(recent, '{}');
    const longAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    fs.utimesSync(stale, longAgo, longAgo);
    const notes = path.join(cache, 'notes');
    fs.mkdirSync(notes);
    await runCli(['scan', '.'], { cwd: dir });
    assert.ok(!fs.existsSync(oldVersion), 'another version');
    assert.ok(!fs.existsSync(stale), 'a run key unused for 31 days');
    assert.ok(fs.existsSync(recent), 'a run key used lately (another set of options)');
    assert.ok(fs.existsSync(notes), 'a folder that is not a version is left alone');
  });

  it("keeps the folder under its size cap by removing other run keys' files, oldest first, never the current one", async () => {
    const dir = tree();
    const cacheDir = path.join(dir, 'c');
    const versionDir = path.join(cacheDir, VERSION);
    fs.mkdirSync(versionDir, { recursive: true });
    const hour = 3600 * 1000;
    for (const [name, age] of [
      ['a.json', 3],
      ['b.json', 2],
      ['c.json', 1],
    ] as const) {
      const f = path.join(versionDir, name);
      fs.writeFileSync(f, 'x'.repeat(400));
      const t = new Date(Date.now() - age * hour);
      fs.utimesSync(f, t, t);
    }
    const cache = ResultCache.open(cacheDir, 'current', 1024 * 1024, dir, 700);
    cache.lookup(path.join(dir, 'bad.py'), 'bad.py', 'k');
    assert.equal(await cache.save(), undefined);
    const left = fs.readdirSync(versionDir).sort();
    assert.ok(left.includes('current.json'));
    // 3 × 400 bytes and the current file are over 700 bytes: the two oldest go.
    assert.deepEqual(
      left.filter((f) => f !== 'current.json'),
      ['c.json'],
    );
  });
});
