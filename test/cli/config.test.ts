// `.tlslint.json` as the CLI reads it: errors named by file, position and key; an invalid configuration
// stops the run (exit 2) before any source file is read or written, in every output format.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { makeTree, runCli, tempDir } from './helpers';
import { sarifProblems } from './sarif-validate';

interface JsonReport {
  version: number;
  findings: { path: string; line: number; column: number; rule: string; severity: string; fixes: unknown[] }[];
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

const UNKNOWN_RULE =
  'rules.legacy-protocl: unknown rule id (expected one of cert-verification-disabled, hostname-verification-disabled, legacy-protocol, weak-cipher, deprecated-api, insecure-default-context, insecure-warning-suppressed, unused-suppression)';

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
    const before = await json();
    assert.ok(before.findings.some((f) => f.path === 'tests/test_client.py' && f.severity === 'error'));
    assert.ok(!before.findings.some((f) => f.path.startsWith('vendor/')), 'config ignore');
    fs.writeFileSync(
      path.join(dir, '.tlslint.json'),
      JSON.stringify({ testFiles: 'downgrade', rules: { 'legacy-protocol': 'error' } }),
    );
    const down = await json();
    assert.ok(down.findings.some((f) => f.path === 'tests/test_client.py' && f.severity === 'information'));
    assert.ok(
      down.findings.some((f) => f.path.startsWith('vendor/')),
      'no ignore any more',
    );
    assert.ok(down.findings.filter((f) => f.rule === 'legacy-protocol').every((f) => f.severity === 'error'));
    fs.writeFileSync(
      path.join(dir, '.tlslint.json'),
      JSON.stringify({ testFiles: 'ignore', rules: { 'legacy-protocol': 'off' } }),
    );
    const ignored = await json();
    assert.ok(!ignored.findings.some((f) => f.path.startsWith('tests/') || f.rule === 'legacy-protocol'));
  });
});
