// `tlslint scan --fix` interrupted and raced: a SIGKILL at any moment leaves every file byte-identical
// to its old or its fully fixed content (and the temp files a kill can leave are hidden, never linted,
// and removed by the next --fix run); a file edited on disk while --fix runs keeps the edit.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TEMP_FILE_PATTERN } from '../../server/src/host/atomic';
import { seededRandom } from '../helpers';
import { CLI, runCli, tempDir } from './helpers';

const FILES = 300;

/** Fixable Python files (two findings each), some CRLF, some with a BOM, some executable, some clean. */
function writeTree(dir: string): void {
  for (let i = 0; i < FILES; i++) {
    const sub = path.join(dir, `pkg${i % 6}`);
    fs.mkdirSync(sub, { recursive: true });
    let text =
      i % 10 === 9
        ? `import requests\n\ndef clean${i}(u):\n    return requests.get(u, timeout=${i})\n`
        : `import requests\n\n\ndef get${i}(u):\n    return requests.get(u, verify=False)\n\n\ndef post${i}(u, body):\n    r = requests.post(u, data=body,\n                      verify=False)\n    return r.json()  # é ✓\n`;
    if (i % 3 === 1) text = text.replace(/\n/g, '\r\n');
    const bytes = Buffer.from((i % 5 === 2 ? '\ufeff' : '') + text, 'utf8');
    const file = path.join(sub, `mod_${i}.py`);
    fs.writeFileSync(file, bytes);
    if (i % 7 === 3) fs.chmodSync(file, 0o755);
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath, e.name)));
  }
  return out.sort();
}

function snapshot(dir: string): Map<string, { bytes: Buffer; mode: number }> {
  return new Map(
    listFiles(dir).map((f) => [
      f,
      { bytes: fs.readFileSync(path.join(dir, f)), mode: fs.statSync(path.join(dir, f)).mode & 0o777 },
    ]),
  );
}

/** Calls `onWrite` once, at the first change in the tree's package folders (the first rename of --fix). */
function onFirstWrite(dir: string, onWrite: () => void): () => void {
  let fired = false;
  const watchers = fs.readdirSync(dir).map((sub) =>
    fs.watch(path.join(dir, sub), () => {
      if (fired) return;
      fired = true;
      onWrite();
    }),
  );
  return () => watchers.forEach((w) => w.close());
}

/**
 * Starts `scan --fix` and SIGKILLs it `ms` after it starts (`from: 'start'`) or after its first write
 * (`from: 'write'`), so the kill lands in the write phase however slow the machine is.
 */
function killAfter(
  dir: string,
  ms: number,
  jobs: number,
  from: 'start' | 'write',
): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const child = spawn(process.execPath, [CLI, 'scan', '.', '--fix', '--quiet', '--jobs', String(jobs)], {
      cwd: dir,
      stdio: 'ignore',
    });
    const arm = () => (timer = setTimeout(() => child.kill('SIGKILL'), ms));
    const stopWatching = from === 'write' ? onFirstWrite(dir, arm) : (arm(), () => undefined);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      stopWatching();
      resolve({ code, signal });
    });
  });
}

describe('cli --fix interrupted', () => {
  it('SIGKILL at seeded moments leaves each file old or fully fixed; the next run finishes the job and removes stale temp files', async (t) => {
    const pristine = tempDir('tlslint-kill-');
    writeTree(pristine);
    const old = snapshot(pristine);

    // The expected result: --fix run to completion on a copy.
    const full = tempDir('tlslint-kill-');
    fs.cpSync(pristine, full, { recursive: true });
    const started = Date.now();
    let firstWrite = 0;
    const stopWatching = onFirstWrite(full, () => (firstWrite = Date.now()));
    const done = await runCli(['scan', '.', '--fix', '--format', 'json', '--jobs', '1'], { cwd: full });
    stopWatching();
    const fullMs = Date.now() - started;
    const writeMs = Date.now() - firstWrite;
    assert.equal(done.code, 0, done.stderr);
    assert.equal((JSON.parse(done.stdout) as { summary: { fixed: number } }).summary.fixed, 2 * (FILES - FILES / 10));
    const fixed = snapshot(full);
    assert.deepEqual([...fixed.keys()], [...old.keys()], 'a complete run leaves no extra file');
    const changedNames = [...old.keys()].filter((f) => !old.get(f)!.bytes.equals(fixed.get(f)!.bytes));
    assert.equal(changedNames.length, FILES - FILES / 10);

    const random = seededRandom(0x7151);
    const ROUNDS = 6;
    const figures: string[] = [];
    let tempsSeen = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const dir = tempDir('tlslint-kill-');
      fs.cpSync(pristine, dir, { recursive: true });
      // One kill during startup (before any write), the others spread over the write phase.
      const ms = Math.round(round === 0 ? 300 * random() : (writeMs * (round - 1 + random())) / (ROUNDS - 1));
      const jobs = round % 2 === 0 ? 1 : 2;
      const ended = await killAfter(dir, ms, jobs, round === 0 ? 'start' : 'write');

      let asOld = 0;
      let asFixed = 0;
      const temps: string[] = [];
      for (const f of listFiles(dir)) {
        const base = path.basename(f);
        if (TEMP_FILE_PATTERN.test(base)) {
          temps.push(f);
          continue;
        }
        const now = fs.readFileSync(path.join(dir, f));
        const o = old.get(f);
        assert.ok(o, `round ${round}: unexpected file ${f}`);
        const isOld = now.equals(o.bytes);
        const isFixed = now.equals(fixed.get(f)!.bytes);
        assert.ok(
          isOld || isFixed,
          `round ${round} (killed after ${ms} ms): ${f} is neither its old nor its fixed content`,
        );
        assert.equal(fs.statSync(path.join(dir, f)).mode & 0o777, o.mode, `round ${round}: ${f} keeps its mode`);
        if (isOld && !isFixed) asOld++;
        else if (isFixed && !isOld) asFixed++;
      }
      assert.equal(asOld + asFixed, changedNames.length);
      for (const temp of temps) {
        // A kill between creating and renaming the temp file: hidden, beside its target, never a lint target.
        assert.ok(
          old.has(
            path.join(path.dirname(temp), path.basename(temp).replace(/^\.(.+)\.tlslint-\d+-[0-9a-f]{8}\.tmp$/, '$1')),
          ),
          temp,
        );
      }
      tempsSeen += temps.length;
      figures.push(
        `round ${round}: jobs ${jobs}, killed ${ms} ms after its ${round === 0 ? 'start' : 'first write'} (${ended.signal ?? `exit ${ended.code}`}), ${asFixed} fixed, ${asOld} old, ${temps.length} temp`,
      );

      // The next run completes the job: every file fixed, stale temp files gone, nothing else left.
      const resume = await runCli(['scan', '.', '--fix'], { cwd: dir });
      assert.equal(resume.code, 0, resume.stdout + resume.stderr);
      const after = snapshot(dir);
      assert.deepEqual([...after.keys()], [...fixed.keys()], `round ${round}: no temp file left after the next run`);
      for (const [f, v] of after)
        assert.ok(v.bytes.equals(fixed.get(f)!.bytes), `round ${round}: ${f} fixed after the next run`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    t.diagnostic(
      `full run ${fullMs} ms, writes over the last ${writeMs} ms; ${figures.join('; ')}; temp files left by kills: ${tempsSeen}`,
    );
    fs.rmSync(pristine, { recursive: true, force: true });
    fs.rmSync(full, { recursive: true, force: true });
  });

  it('removes temp files of dead writers only, never a live process’s', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.py'), 'import requests\nrequests.get(u, verify=False)\n');
    // A pid that surely ended: a child we waited for.
    const dead = await new Promise<number>((resolve) => {
      const c = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
      c.on('exit', () => resolve(c.pid!));
    });
    const stale = `.a.py.tlslint-${dead}-0123abcd.tmp`;
    const live = `.a.py.tlslint-${process.pid}-89abcdef.tmp`;
    fs.writeFileSync(path.join(dir, stale), 'half');
    fs.writeFileSync(path.join(dir, live), 'busy');
    // A plain scan never touches them (nor lints them).
    const scan = await runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    assert.equal((JSON.parse(scan.stdout) as { summary: { files: number } }).summary.files, 1);
    assert.ok(fs.existsSync(path.join(dir, stale)));
    const r = await runCli(['scan', '.', '--fix'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    // (The plain scan left its results cache, which is not a temp file.)
    assert.deepEqual(
      fs
        .readdirSync(dir)
        .filter((f) => f !== '.tlslint_cache')
        .sort(),
      [live, 'a.py'].sort(),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

/** A file whose lint and fix take a second or more, so an edit surely lands between --fix's read and write. */
function slowFile(dir: string): string {
  let text = 'import requests\n\n';
  for (let i = 0; i < 1500; i++) text += `def f${i}(u):\n    return requests.get(u, verify=False)\n\n`;
  const file = path.join(dir, 'slow.py');
  fs.writeFileSync(file, text);
  // An access time older than the modification time: the CLI's read updates it (relatime), which is
  // how the test knows the file has been read.
  const st = fs.statSync(file);
  fs.utimesSync(file, new Date(st.mtimeMs - 60_000), st.mtime);
  return file;
}

/** Runs --fix on the folder (no time budget: a loaded machine must not abandon the slow file) and calls `edit` as soon as the CLI has read `file`. */
async function fixWhileEditing(
  dir: string,
  file: string,
  edit: () => void,
): Promise<{ code: number | null; stderr: string; edited: boolean }> {
  const atime = fs.statSync(file).atimeMs;
  const child = spawn(process.execPath, [CLI, 'scan', '.', '--fix', '--time-budget', '0'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
  child.stdout.resume();
  let exited = false;
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => ((exited = true), resolve(code))));
  let edited = false;
  while (!exited && !edited) {
    if (fs.statSync(file).atimeMs !== atime) {
      edit();
      edited = true;
    } else await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return { code: await done, stderr, edited };
}

describe('cli --fix racing an editor', () => {
  it('a file edited (size changed) between --fix reading and writing it keeps the edit and is reported', async () => {
    const dir = tempDir('tlslint-race-');
    const file = slowFile(dir);
    const edit = '# edited in the editor meanwhile\n';
    const r = await fixWhileEditing(dir, file, () => fs.appendFileSync(file, edit));
    assert.ok(r.edited, 'the CLI read the file (access time changed)');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /slow\.py: not fixed: .*changed on disk since it was read; not overwriting it/);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.endsWith(edit), 'the edit is kept');
    assert.equal(text.match(/verify=False/g)?.length, 1500, 'nothing was fixed over the edit');
    assert.deepEqual(fs.readdirSync(dir), ['slow.py'], 'no temp file left');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a same-size edit whose modification time looks unchanged is caught by the content check', async () => {
    const dir = tempDir('tlslint-race-');
    const file = slowFile(dir);
    const r = await fixWhileEditing(dir, file, () => {
      const st = fs.statSync(file);
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, text.replace('def f0(u):', 'def g0(u):'));
      // As if the edit fell within the file system's timestamp granularity.
      fs.utimesSync(file, st.atime, st.mtime);
    });
    assert.ok(r.edited);
    assert.match(r.stderr, /slow\.py: not fixed: .*changed on disk since it was read/);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /def g0\(u\):/, 'the edit is kept');
    assert.equal(text.match(/verify=False/g)?.length, 1500);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('cli --fix and symbolic links', () => {
  it('never writes through a link to a file outside the folders named; a file named itself is fixed', async () => {
    const outside = tempDir('tlslint-outside-');
    const dir = tempDir('tlslint-links-');
    const BAD = 'import requests\nrequests.get(u, verify=False)\n';
    fs.writeFileSync(path.join(outside, 'bashrc.py'), BAD);
    fs.mkdirSync(path.join(outside, 'lib'));
    fs.writeFileSync(path.join(outside, 'lib', 'other.py'), BAD);
    fs.writeFileSync(path.join(dir, 'inside.py'), BAD);
    fs.symlinkSync(path.join(outside, 'bashrc.py'), path.join(dir, 'looks_local.py'));
    fs.symlinkSync(path.join(outside, 'lib'), path.join(dir, 'vendored'));
    fs.symlinkSync('inside.py', path.join(dir, 'alias.py'));
    try {
      const r = await runCli(['scan', '.', '--fix', '--format', 'json'], { cwd: dir });
      assert.equal(r.code, 1, r.stderr);
      assert.equal(fs.readFileSync(path.join(dir, 'inside.py'), 'utf8'), BAD.replace('False', 'True'));
      assert.equal(fs.readFileSync(path.join(outside, 'bashrc.py'), 'utf8'), BAD, 'the file outside is untouched');
      assert.equal(
        fs.readFileSync(path.join(outside, 'lib', 'other.py'), 'utf8'),
        BAD,
        'files under a linked folder outside are untouched',
      );
      assert.match(
        r.stderr,
        /looks_local\.py: not fixed: .*symbolic link to .*bashrc\.py, outside the scanned folders/,
      );
      assert.match(r.stderr, /vendored\/other\.py: not fixed: .*outside the scanned folders/);
      // Still linted and reported.
      const report = JSON.parse(r.stdout) as { findings: { path: string }[] };
      assert.deepEqual(report.findings.map((f) => f.path).sort(), ['looks_local.py', 'vendored/other.py']);
      // Named on the command line, the link's target is what was asked for.
      const named = await runCli(['scan', 'looks_local.py', '--fix'], { cwd: dir });
      assert.equal(named.code, 0, named.stdout + named.stderr);
      assert.equal(fs.readFileSync(path.join(outside, 'bashrc.py'), 'utf8'), BAD.replace('False', 'True'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
