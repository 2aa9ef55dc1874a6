// The built CLI (dist/cli.js) as users run it: output formats (snapshots), exit codes, flags, config,
// standard input, worker threads and skipped files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { makeTree, matchSnapshot, normalize, runCli, tempDir, type JsonReport } from './helpers';

describe('cli output', () => {
  it('text: one line per finding and a summary; ignored, binary, non-UTF-8 files and symlink loops are handled', async () => {
    const dir = makeTree();
    const r = await runCli(['scan'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    // A file with a stray non-UTF-8 byte is linted, and the lossy decode is said without --verbose.
    assert.equal(
      r.stderr,
      'tlslint: warning: latin1.py: decoded lossily: not valid UTF-8 (invalid bytes read as U+FFFD)\n',
    );
    matchSnapshot('tree.text', normalize(r.stdout, dir));
    assert.match(r.stdout, /^latin1\.py:3:/m);
    assert.doesNotMatch(r.stdout, /ignored_secret|vendor\/|binary\.py|suppressed\.py/);
    assert.match(r.stdout, /^app\.py:7:30 {2}error {2}cert-verification-disabled {2}/m);
  });

  it('json: the spec shape, paths relative to the scan root, skipped files counted', async () => {
    const dir = makeTree();
    const r = await runCli(['scan', dir, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.version, 1);
    assert.deepEqual(Object.keys(report.summary).slice(0, 4), ['files', 'skipped', 'findings', 'durationMs']);
    assert.equal(report.summary.findings, report.findings.length);
    // binary.py and the loop nested/loop -> .. (latin1.py is decoded lossily and linted)
    assert.equal(report.summary.skipped, 2);
    for (const f of report.findings) {
      assert.deepEqual(Object.keys(f), [
        'path',
        'line',
        'column',
        'endLine',
        'endColumn',
        'rule',
        'severity',
        'message',
        'detector',
        'fixes',
      ]);
      assert.ok(!path.isAbsolute(f.path) && !f.path.startsWith('..'), f.path);
    }
    matchSnapshot('tree.json', normalize(r.stdout, dir));
  });

  it('columns are 1-based UTF-16 code units', async () => {
    const dir = tempDir();
    // "😀" is two UTF-16 code units: the finding's column counts both.
    fs.writeFileSync(path.join(dir, 'emoji.py'), 'import requests\nx = "😀"; requests.get(u, verify=False)\n');
    const r = await runCli(['scan', dir, '--format', 'json']);
    const f = (JSON.parse(r.stdout) as JsonReport).findings[0];
    assert.equal(f.line, 2);
    assert.equal(f.column, 'x = "😀"; requests.get(u, '.length + 1);
  });

  it('--verbose: one line per skipped file with its reason', async () => {
    const dir = makeTree();
    const r = await runCli(['scan', '--verbose'], { cwd: dir });
    assert.match(r.stderr, /^tlslint: skipped binary\.py: binary: /m);
    assert.doesNotMatch(r.stderr, /skipped latin1\.py/);
    assert.match(r.stderr, /^tlslint: warning: latin1\.py: decoded lossily: not valid UTF-8/m);
    assert.match(r.stderr, /^tlslint: skipped nested\/loop: symbolic link loop/m);
    assert.match(r.stderr, /^tlslint: broken\.py: syntax errors/m);
    assert.match(r.stderr, /using .*\.tlslint\.json/);
  });

  it('--quiet prints findings only', async () => {
    const dir = makeTree();
    const r = await runCli(['scan', '--quiet'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, /in \d+ files/);
    // Seven findings (one is latin1.py's, decoded lossily) and the unused suppression.
    assert.equal(r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+ {2}/.test(l)).length, 8);
    assert.equal(r.stderr, '', '--quiet: not even the lossy-decode warning');
  });

  it('colours only when asked (or on a terminal): --color forces them, --no-color and files never get them', async () => {
    const dir = makeTree();
    const on = await runCli(['scan', '--color', 'app.py'], { cwd: dir });
    assert.ok(on.stdout.includes('\x1b[31merror\x1b[0m'), on.stdout);
    const off = await runCli(['scan', '--no-color', 'app.py'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    assert.ok(!off.stdout.includes('\x1b['), off.stdout);
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const dir = makeTree();
    const out = path.join(tempDir(), 'report.json');
    const r = await runCli(['scan', dir, '--format', 'json', '--output', out]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal((JSON.parse(fs.readFileSync(out, 'utf8')) as JsonReport).version, 1);
  });

  it('--jobs 2 gives the same findings as one thread', async () => {
    const dir = makeTree();
    const strip = (s: string) => JSON.stringify({ ...(JSON.parse(s) as JsonReport), summary: undefined });
    const one = await runCli(['scan', dir, '--format', 'json', '--jobs', '1']);
    const two = await runCli(['scan', dir, '--format', 'json', '--jobs', '2']);
    assert.equal(two.code, 1, two.stderr);
    assert.equal(strip(two.stdout), strip(one.stdout));
  });

  it('--max-file-size skips larger files and counts them', async () => {
    const dir = makeTree();
    const r = await runCli(['scan', dir, '--format', 'json', '--max-file-size', '100', '--verbose']);
    assert.match(r.stderr, /skipped app\.py: too-large/);
    assert.ok((JSON.parse(r.stdout) as JsonReport).summary.skipped > 3);
  });
});

describe('cli exit codes and flags', () => {
  it('0 for a clean tree, 1 for findings at or above --fail-on', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ok.py'), 'import ssl\nctx = ssl.create_default_context()\n');
    assert.equal((await runCli(['scan', dir])).code, 0);
    const tree = makeTree();
    assert.equal((await runCli(['scan', tree, '--rule', 'legacy-protocol'])).code, 1);
    assert.equal((await runCli(['scan', tree, '--rule', 'legacy-protocol', '--fail-on', 'error'])).code, 0);
    const unused = path.join(tree, 'unused.py');
    assert.equal((await runCli(['scan', unused])).code, 0, 'information does not fail by default');
    assert.equal((await runCli(['scan', unused, '--fail-on', 'information'])).code, 1);
  });

  it('--severity hides findings below it; --rule and --disable select rules', async () => {
    const tree = makeTree();
    const json = async (...args: string[]) =>
      JSON.parse((await runCli(['scan', tree, '--format', 'json', ...args])).stdout) as JsonReport;
    assert.ok((await json('--severity', 'error')).findings.every((f) => f.severity === 'error'));
    assert.deepEqual(
      [...new Set((await json('--rule', 'legacy-protocol')).findings.map((f) => f.rule))],
      ['legacy-protocol'],
    );
    assert.ok(
      !(await json('--disable', 'cert-verification-disabled')).findings.some(
        (f) => f.rule === 'cert-verification-disabled',
      ),
    );
    const both = await json('--rule', 'cert-verification-disabled', '--rule', 'unused-suppression');
    assert.deepEqual([...new Set(both.findings.map((f) => f.rule))].sort(), [
      'cert-verification-disabled',
      'unused-suppression',
    ]);
  });

  for (const [args, pattern] of [
    [['scan', '--rule', 'legacy-protocl'], /^tlslint: unknown rule id 'legacy-protocl' in --rule/],
    [['scan', '--disable', 'nope'], /^tlslint: unknown rule id 'nope' in --disable/],
    [['scan', '--format', 'xml'], /^tlslint: invalid --format 'xml'/],
    [['scan', '--bogus'], /^tlslint: unknown option '--bogus'/],
    [['scan', '--jobs', '0'], /^tlslint: invalid --jobs '0'/],
    [['scan', '--severity', 'fatal'], /^tlslint: invalid --severity 'fatal'/],
    [['scan', '--unsafe-fixes'], /^tlslint: --unsafe-fixes needs --fix/],
    [['scan', 'does/not/exist'], /^tlslint: path not found: does\/not\/exist/],
    [['lint'], /^tlslint: unknown command 'lint'/],
    [['scan', '--config', 'missing.json'], /^tlslint: config file not found: missing\.json/],
  ] as [string[], RegExp][]) {
    it(`usage error → exit 2 with one line: ${args.join(' ')}`, async () => {
      const r = await runCli(args, { cwd: makeTree() });
      assert.equal(r.code, 2);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
    });
  }

  it('--version and --help exit 0', async () => {
    const v = await runCli(['--version']);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^tlslint \d+\.\d+\.\d+/);
    const h = await runCli(['--help']);
    assert.equal(h.code, 0);
    for (const flag of [
      '--format',
      '--output',
      '--rule',
      '--disable',
      '--severity',
      '--fail-on',
      '--config',
      '--fix',
      '--unsafe-fixes',
      '--stdin-filename',
      '--jobs',
      '--quiet',
      '--verbose',
      '--max-file-size',
    ]) {
      assert.ok(h.stdout.includes(flag), flag);
    }
  });
});

describe('cli standard input', () => {
  const source = 'import requests\n\nrequests.get(url, verify=False)\n';

  it('--stdin-filename lints stdin as that file', async () => {
    const r = await runCli(['scan', '--stdin-filename', 'pkg/client.py', '--format', 'json'], {
      input: source,
      cwd: tempDir(),
    });
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.findings[0].path, 'pkg/client.py');
    assert.equal(report.findings[0].line, 3);
    assert.equal(report.summary.files, 1);
  });

  it('the name decides the language', async () => {
    const r = await runCli(['scan', '--stdin-filename', 'notes.txt'], { input: source, cwd: tempDir() });
    assert.equal(r.code, 0);
  });

  it('--fix with stdin prints the fixed source', async () => {
    const r = await runCli(['scan', '--stdin-filename', 'client.py', '--fix'], { input: source, cwd: tempDir() });
    assert.equal(r.stdout, source.replace('verify=False', 'verify=True'));
    assert.equal(r.code, 0);
  });
});
