// `.tlslint.json` as the CLI reads it: errors named by file, position and key; an invalid configuration
// stops the run (exit 2) before any source file is read or written, in every output format.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CONFIGURABLE_RULE_IDS } from '../../server/src/host/config-schema';
import { makeTree, runCli, tempDir } from './helpers';
import { sarifProblems } from './sarif-validate';

interface JsonReport {
  version: number;
  findings: {
    path: string;
    line: number;
    column: number;
    rule: string;
    severity: string;
    fixes: { safety: string }[];
  }[];
  summary: { files: number; skipped: number; findings: number; durationMs: number };
  configErrors?: { path: string; line: number; column: number; key?: string; message: string }[];
}

/** Every file under `dir` (relative path → sha256 of its bytes), links not followed. */
function fingerprint(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile())
        out.set(path.relative(dir, p), crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

const UNKNOWN_RULE = `rules.legacy-protocl: unknown rule id (expected one of ${CONFIGURABLE_RULE_IDS.join(', ')})`;

describe('cli: an invalid configuration stops the run', () => {
  it('exit 2, one line naming file:line:col and the key, and nothing linted with defaults', async () => {
    const dir = makeTree();
    fs.writeFileSync(path.join(dir, '.tlslint.json'), '{\n  "rules": {\n    "legacy-protocl": "off"\n  }\n}\n');
    const r = await runCli(['scan'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      `tlslint: invalid configuration: .tlslint.json:3:5: ${UNKNOWN_RULE}`,
      'tlslint: no file was linted or changed; fix the configuration and run again',
    ]);
    assert.equal(r.stdout, '', 'no findings under defaults');
    const quiet = await runCli(['scan', '--quiet'], { cwd: dir });
    assert.equal(quiet.stderr, `tlslint: invalid configuration: .tlslint.json:3:5: ${UNKNOWN_RULE}\n`);
  });

  it('--fix under a config with trailing garbage leaves every file byte-identical', async () => {
    const dir = makeTree();
    // The config ignores vendor/: fixing with defaults would rewrite vendor/lib.py.
    fs.writeFileSync(path.join(dir, '.tlslint.json'), '{ "ignore": ["vendor/**"] }\n}\n');
    const before = fingerprint(dir);
    for (const args of [['--fix'], ['--fix', '--unsafe-fixes'], ['--fix', '--format', 'sarif']]) {
      const r = await runCli(['scan', ...args], { cwd: dir });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^tlslint: invalid configuration: \.tlslint\.json:2:1: /);
      assert.deepEqual(fingerprint(dir), before, `${args.join(' ')}: no file changed, no temp file left`);
    }
  });

  it('standard input is not read, nor echoed fixed, under an invalid config', async () => {
    const dir = makeTree();
    fs.writeFileSync(path.join(dir, '.tlslint.json'), '{ "testFiles": "sometimes" }');
    const r = await runCli(['scan', '--stdin-filename', 'a.py', '--fix'], {
      cwd: dir,
      input: 'import requests\nrequests.get(u, verify=False)\n',
    });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /\.tlslint\.json:1:16: testFiles: bad value/);
  });

  it('SARIF: executionSuccessful false, a toolConfigurationNotification at the config file, no results', async () => {
    const dir = makeTree();
    fs.writeFileSync(path.join(dir, '.tlslint.json'), '{\n  "rules": { "weak-cipher": "fatal" }\n}\n');
    const r = await runCli(['scan', dir, '--format', 'sarif']);
    assert.equal(r.code, 2);
    const run = JSON.parse(r.stdout).runs[0];
    assert.deepEqual(run.results, []);
    const inv = run.invocations[0];
    assert.equal(inv.executionSuccessful, false);
    assert.deepEqual(inv.toolConfigurationNotifications, [
      {
        level: 'error',
        descriptor: { id: 'invalid-configuration' },
        message: {
          text: 'Invalid configuration: rules.weak-cipher: bad severity (expected one of "off", "information", "warning", "error").',
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: '.tlslint.json', uriBaseId: 'SRCROOT' },
              region: { startLine: 2, startColumn: 29 },
            },
          },
        ],
      },
    ]);
  });

  it('the SARIF of a failed run passes the SARIF Multitool validator (GitHub and SARIF rules)', async () => {
    const dir = makeTree();
    fs.writeFileSync(path.join(dir, '.tlslint.json'), '{ "rules": [] }');
    const out = path.join(tempDir(), 'config-error.sarif');
    const r = await runCli(['scan', dir, '--format', 'sarif', '--output', out]);
    assert.equal(r.code, 2);
    assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).runs[0].invocations[0].executionSuccessful, false);
    assert.deepEqual(sarifProblems(out), []);
  });

  it('JSON: configErrors carries each error with path, position and key', async () => {
    const dir = makeTree();
    fs.writeFileSync(path.join(dir, 'other.json'), '{ "rules": { "weak-cipher": "fatal" } }');
    const r = await runCli(['scan', '--config', 'other.json', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 2);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.findings, []);
    assert.equal(report.summary.files, 0);
    assert.deepEqual(report.configErrors, [
      {
        path: 'other.json',
        line: 1,
        column: 29,
        key: 'rules.weak-cipher',
        message: 'bad severity (expected one of "off", "information", "warning", "error")',
      },
    ]);
    assert.match(r.stderr, /other\.json:1:29: rules\.weak-cipher: bad severity/);
  });
});

describe('cli configuration', () => {
  it('rules, ignore and testFiles are honoured', async () => {
    const dir = makeTree();
    const json = async () =>
      JSON.parse((await runCli(['scan', '--format', 'json'], { cwd: dir })).stdout) as JsonReport;
    // Test code is downgraded to information by default.
    const before = await json();
    assert.ok(before.findings.some((f) => f.path === 'tests/test_client.py' && f.severity === 'information'));
    assert.ok(!before.findings.some((f) => f.path.startsWith('vendor/')), 'config ignore');
    fs.writeFileSync(
      path.join(dir, '.tlslint.json'),
      JSON.stringify({ testFiles: 'report', rules: { 'legacy-protocol': 'error' } }),
    );
    const reported = await json();
    assert.ok(reported.findings.some((f) => f.path === 'tests/test_client.py' && f.severity === 'error'));
    // Its fixes are never safe, whatever the policy.
    assert.ok(
      reported.findings
        .filter((f) => f.path === 'tests/test_client.py')
        .every((f) => f.fixes.every((x) => x.safety === 'unsafe')),
    );
    assert.ok(
      reported.findings.some((f) => f.path.startsWith('vendor/')),
      'no ignore any more',
    );
    assert.ok(reported.findings.filter((f) => f.rule === 'legacy-protocol').every((f) => f.severity === 'error'));
    fs.writeFileSync(
      path.join(dir, '.tlslint.json'),
      JSON.stringify({ testFiles: 'ignore', rules: { 'legacy-protocol': 'off' } }),
    );
    const ignored = await json();
    assert.ok(!ignored.findings.some((f) => f.path.startsWith('tests/') || f.rule === 'legacy-protocol'));
  });
});

const SOURCE =
  'import ssl\nimport requests\nrequests.get(u, verify=False)\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\nctx.set_ciphers("RC4-SHA")\n';

/** Writes files (path → text) under a fresh folder holding `.git` (a repository root, as in real use). */
function project(files: Record<string, string>): string {
  const dir = tempDir('tlslint-config-');
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Findings as "path:line rule severity", paths made relative to `base` (so runs from any folder compare). */
async function findings(args: string[], cwd: string, base: string): Promise<string[]> {
  const r = await runCli(['scan', '--format', 'json', ...args], { cwd });
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as JsonReport;
  // JSON paths are relative to the scan root: the folder named, else the working folder.
  const root =
    args.length === 1 && fs.statSync(path.resolve(cwd, args[0])).isDirectory() ? path.resolve(cwd, args[0]) : cwd;
  return report.findings
    .map((f) => `${path.relative(base, path.join(root, f.path))}:${f.line} ${f.rule} ${f.severity}`)
    .sort();
}

describe('cli: hierarchical configuration', () => {
  const files = {
    '.tlslint.json': '// the project\n{ "rules": { "weak-cipher": "off", }, "ignore": ["gen/**"] }\n',
    'app.py': SOURCE,
    'gen/out.py': SOURCE,
    'sub/.tlslint.json': '{ "rules": { "legacy-protocol": "off" }, "ignore": ["fixtures/**"] }',
    'sub/app.py': SOURCE,
    'sub/gen/out.py': SOURCE,
    'sub/fixtures/f.py': SOURCE,
    'fixtures/f.py': SOURCE,
    'tests/helper.py': SOURCE,
  };

  it('each file gets the nearest config on top of those above it; ignore globs are relative to their own file', async () => {
    const dir = project(files);
    const all = await findings(['.'], dir, dir);
    assert.deepEqual(all, [
      'app.py:3 cert-verification-disabled error',
      'app.py:4 legacy-protocol warning',
      'fixtures/f.py:3 cert-verification-disabled error',
      'fixtures/f.py:4 legacy-protocol warning',
      'sub/app.py:3 cert-verification-disabled error',
      // "gen/**" is anchored to the folder of the file that says it (gitignore semantics): sub/gen/ is linted.
      'sub/gen/out.py:3 cert-verification-disabled error',
      // Test code is downgraded to information by default (testFiles "downgrade").
      'tests/helper.py:3 cert-verification-disabled information',
      'tests/helper.py:4 legacy-protocol information',
    ]);
    // The same answer for every way of naming the files, from every working folder.
    const sub = all.filter((f) => f.startsWith('sub/app.py'));
    const subTree = all.filter((f) => f.startsWith('sub/'));
    assert.deepEqual(await findings(['sub'], dir, dir), subTree);
    assert.deepEqual(await findings(['.'], path.join(dir, 'sub'), dir), subTree);
    assert.deepEqual(await findings(['app.py'], path.join(dir, 'sub'), dir), sub);
    assert.deepEqual(await findings([path.join(dir, 'sub/app.py')], os.tmpdir(), dir), sub);
    const top = all.filter((f) => f.startsWith('app.py'));
    assert.deepEqual(await findings(['app.py'], dir, dir), top);
    assert.deepEqual(await findings([path.join(path.basename(dir), 'app.py')], path.dirname(dir), dir), top);
  });

  it('a path the configuration ignores is linted when named; --force-exclude skips it (as ruff)', async () => {
    const dir = project({ ...files, '.tlslintignore': 'tests/\n', 'vendor/lib.py': SOURCE });
    fs.writeFileSync(
      path.join(dir, '.tlslint.json'),
      '{ "rules": { "weak-cipher": "off" }, "ignore": ["gen/**", "vendor/"] }',
    );
    const summary = async (args: string[], cwd: string) => {
      const r = await runCli(['scan', '--no-cache', '--format', 'json', ...args], { cwd });
      const report = JSON.parse(r.stdout) as JsonReport;
      return [report.findings.length > 0, report.summary.skipped];
    };
    for (const [cwd, name] of [
      [dir, 'gen/out.py'],
      [path.join(dir, 'sub'), 'fixtures/f.py'],
      [path.join(dir, 'gen'), 'out.py'],
      [dir, 'tests/helper.py'],
      [dir, 'vendor'],
    ]) {
      assert.deepEqual(await summary([name], cwd), [true, 0], `${name} named: linted`);
      assert.deepEqual(
        await summary(['--force-exclude', name], cwd),
        [false, 1],
        `${name} with --force-exclude: skipped`,
      );
    }
    // Not named: the exclusions hold whatever the flag.
    for (const flags of [[], ['--force-exclude']]) {
      const r = await runCli(['scan', '--no-cache', '--format', 'json', ...flags, '.'], { cwd: dir });
      const paths = (JSON.parse(r.stdout) as JsonReport).findings.map((f) => f.path);
      assert.deepEqual(
        [...new Set(paths)],
        ['app.py', 'fixtures/f.py', 'sub/app.py', 'sub/gen/out.py'],
        flags.join(' '),
      );
    }
    // A named folder is walked whole but for the exclusions inside it.
    fs.writeFileSync(path.join(dir, 'vendor', '.tlslintignore'), 'skip.py\n');
    fs.writeFileSync(path.join(dir, 'vendor', 'skip.py'), SOURCE);
    assert.deepEqual(
      (await runCli(['scan', '--no-cache', '--format', 'concise', 'vendor'], { cwd: dir })).stdout.match(
        /^vendor\/\S+?:/gm,
      ),
      ['vendor/lib.py:', 'vendor/lib.py:'],
    );
    // The text output says why a named file was skipped (with --verbose) and that nothing was linted.
    const v = await runCli(['scan', '--no-cache', '--force-exclude', '-v', 'gen/out.py'], { cwd: dir });
    assert.equal(v.code, 0);
    assert.match(
      v.stderr,
      /skipped gen\/out\.py: excluded by the configuration \(ignore or \.tlslintignore\) and --force-exclude/,
    );
  });

  it('--stdin-filename: linted under an excluded name, unless --force-exclude (then --fix echoes it back)', async () => {
    const dir = project(files);
    const linted = await runCli(['scan', '--stdin-filename', 'gen/new.py', '--fix'], { cwd: dir, input: SOURCE });
    assert.notEqual(linted.stdout, SOURCE, 'fixed');
    const stdin = await runCli(['scan', '--stdin-filename', 'gen/new.py', '--fix', '--force-exclude'], {
      cwd: dir,
      input: SOURCE,
    });
    assert.equal(stdin.stdout, SOURCE, 'with --fix an excluded file comes back unchanged');
    const report = await runCli(['scan', '--stdin-filename', 'gen/new.py', '--force-exclude', '--format', 'json'], {
      cwd: dir,
      input: SOURCE,
    });
    assert.deepEqual((JSON.parse(report.stdout) as JsonReport).findings, []);
  });

  it('test files are recognised from the project folder, whatever the working folder', async () => {
    const dir = project({ ...files, '.tlslint.json': '{ "testFiles": "ignore" }' });
    assert.deepEqual(await findings(['tests/helper.py'], dir, dir), []);
    assert.deepEqual(await findings(['helper.py'], path.join(dir, 'tests'), dir), []);
  });

  it('"root": true stops the search for configuration files above', async () => {
    const dir = project({ ...files, 'sub/.tlslint.json': '{ "root": true, "rules": { "legacy-protocol": "off" } }' });
    assert.deepEqual(await findings(['app.py'], path.join(dir, 'sub'), dir), [
      'sub/app.py:3 cert-verification-disabled error',
      'sub/app.py:5 weak-cipher warning',
    ]);
    // And so does a repository root: nothing above it applies.
    const outer = tempDir('tlslint-outer-');
    fs.writeFileSync(path.join(outer, '.tlslint.json'), '{ "rules": { "cert-verification-disabled": "off" } }');
    fs.mkdirSync(path.join(outer, 'repo', '.git'), { recursive: true });
    fs.writeFileSync(path.join(outer, 'repo', 'app.py'), SOURCE);
    assert.equal((await findings(['app.py'], path.join(outer, 'repo'), outer)).length, 3);
  });

  it('"extends" applies another file first (its ignore globs stay relative to it); nearer settings win', async () => {
    const dir = project({
      'shared/base.json': '{ "rules": { "weak-cipher": "off", "legacy-protocol": "error" } }',
      'svc/.tlslint.json':
        '{ "root": true, "extends": "../shared/base.json", "rules": { "legacy-protocol": "warning" } }',
      'svc/app.py': SOURCE,
    });
    assert.deepEqual(await findings(['.'], path.join(dir, 'svc'), dir), [
      'svc/app.py:3 cert-verification-disabled error',
      'svc/app.py:4 legacy-protocol warning',
    ]);
  });

  it('an extends cycle or a missing extended file is a configuration error, named at the extends value', async () => {
    const dir = project({
      '.tlslint.json': '{\n  "extends": "a.json"\n}\n',
      'a.json': '{ "extends": ["./b.json"] }',
      'b.json': '{ "extends": "a.json" }',
      'app.py': SOURCE,
    });
    const r = await runCli(['scan', '--fix'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^tlslint: invalid configuration: b\.json:1:14: extends: extends cycle: a\.json -> b\.json -> a\.json$/m,
    );
    assert.equal(fs.readFileSync(path.join(dir, 'app.py'), 'utf8'), SOURCE);
    fs.writeFileSync(path.join(dir, '.tlslint.json'), '{\n  "extends": "missing.json"\n}\n');
    const missing = await runCli(['scan'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /^tlslint: invalid configuration: \.tlslint\.json:2:14: extends: cannot read "missing\.json"/m,
    );
  });

  it('a broken nested config stops `scan .` and `--fix` before any file is read or written', async () => {
    const dir = project({ ...files, 'sub/.tlslint.json': '{ "rules": { "legacy-protocol": "off" } }\n,garbage\n' });
    const before = fingerprint(dir);
    for (const cwd of [dir, path.join(dir, 'sub')]) {
      const r = await runCli(['scan', '.', '--fix', '--unsafe-fixes'], { cwd });
      assert.equal(r.code, 2, r.stderr);
      assert.match(
        r.stderr.split('\n')[0],
        /^tlslint: invalid configuration: (sub\/)?\.tlslint\.json:2:1: syntax error: end of file expected/,
      );
      assert.deepEqual(fingerprint(dir), before);
    }
    // A file whose own folder's configuration is fine still stops: the run covers the broken folder too.
    const top = await runCli(['scan', 'app.py', 'sub/app.py', '--fix'], { cwd: dir });
    assert.equal(top.code, 2);
    assert.deepEqual(fingerprint(dir), before);
  });
});
