// Baselines: --write-baseline records today's findings, --baseline hides them; fingerprints survive lines
// moving and a new identical finding elsewhere is still reported. SARIF carries the same fingerprints.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './helpers';

const LEGACY = [
  'import requests',
  '',
  'def fetch(url):',
  '    return requests.get(url, verify=False)',
  '',
  'def push(url, data):',
  '    return requests.post(url, data=data, verify=False)',
  '',
].join('\n');

function legacy(): { dir: string; file: string; base: string } {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'src'));
  const file = path.join(dir, 'src', 'legacy.py');
  fs.writeFileSync(file, LEGACY);
  return { dir, file, base: path.join(dir, 'tlslint-baseline.json') };
}

interface Json {
  findings: { path: string; line: number }[];
  summary: { findings: number; baselined?: number };
}

async function scanJson(args: string[], cwd: string): Promise<{ code: number | null; report: Json }> {
  const r = await runCli(['scan', ...args, '--format', 'json'], { cwd });
  assert.notEqual(r.code, 2, r.stderr);
  return { code: r.code, report: JSON.parse(r.stdout) as Json };
}

describe('baseline', () => {
  it('--write-baseline records the findings; --baseline then reports none and counts them', async () => {
    const { dir, base } = legacy();
    const w = await runCli(['scan', '.', '--write-baseline', base], { cwd: dir });
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stderr, /wrote 2 findings to /);
    const saved = JSON.parse(fs.readFileSync(base, 'utf8')) as { version: number; findings: { path: string }[] };
    assert.equal(saved.version, 1);
    assert.deepEqual(
      saved.findings.map((f) => f.path),
      ['src/legacy.py', 'src/legacy.py'],
    );
    const r = await runCli(['scan', '.', '--baseline', base], { cwd: dir });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, 'No findings in 1 file, 2 in the baseline.\n');
  });

  it('lines inserted above (even right above) a baselined finding: still not reported', async () => {
    const { dir, file, base } = legacy();
    await runCli(['scan', '.', '--write-baseline', base], { cwd: dir });
    const moved = LEGACY.replace('import requests\n', 'import requests\nimport os\n\n\nTIMEOUT = 3\n').replace(
      '    return requests.post',
      '    # posted to the legacy endpoint\n    return requests.post',
    );
    fs.writeFileSync(file, moved);
    const { code, report } = await scanJson(['.', '--baseline', base], dir);
    assert.equal(code, 0);
    assert.deepEqual(report.findings, []);
    assert.equal(report.summary.baselined, 2);
  });

  it('a new identical finding elsewhere in the file is reported; the baselined ones are not', async () => {
    const { dir, file, base } = legacy();
    await runCli(['scan', '.', '--write-baseline', base], { cwd: dir });
    fs.writeFileSync(file, LEGACY + '\ndef fetch_again(url):\n    return requests.get(url, verify=False)\n');
    const { code, report } = await scanJson(['.', '--baseline', base], dir);
    assert.equal(code, 1);
    assert.deepEqual(
      report.findings.map((f) => [f.path, f.line]),
      [['src/legacy.py', 10]],
    );
    // The same line twice, right next to each other: one is new.
    fs.writeFileSync(
      file,
      LEGACY.replace(
        '    return requests.get(url, verify=False)',
        '    requests.get(url, verify=False)\n    return requests.get(url, verify=False)',
      ),
    );
    const twice = await scanJson(['.', '--baseline', base], dir);
    assert.equal(twice.report.findings.length, 1);
  });

  it('paths are relative to the baseline file: the same baseline works from another folder or scan root', async () => {
    const { dir, base } = legacy();
    await runCli(['scan', '.', '--write-baseline', base], { cwd: dir });
    const { code, report } = await scanJson([path.join(dir, 'src'), '--baseline', base], path.join(dir, 'src'));
    assert.equal(code, 0);
    assert.equal(report.summary.baselined, 2);
  });

  it('a missing or malformed baseline stops the run with exit 2 before --fix writes anything', async () => {
    const { dir, file, base } = legacy();
    fs.writeFileSync(base, '{"findings": []}');
    const bad = await runCli(['scan', '.', '--fix', '--baseline', base], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^tlslint: invalid --baseline .*not a tlslint baseline/);
    assert.equal(fs.readFileSync(file, 'utf8'), LEGACY);
    const missing = await runCli(['scan', '.', '--baseline', 'nope.json'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read --baseline nope\.json: ENOENT/);
    const both = await runCli(['scan', '.', '--baseline', base, '--write-baseline', base], { cwd: dir });
    assert.equal(both.code, 2);
  });

  it('SARIF: partialFingerprints are the baseline fingerprints; baselined results are suppressed (external)', async () => {
    const { dir, file, base } = legacy();
    await runCli(['scan', '.', '--write-baseline', base], { cwd: dir });
    const saved = JSON.parse(fs.readFileSync(base, 'utf8')) as { findings: { fingerprint: string }[] };
    const before = await runCli(['scan', '.', '--format', 'sarif'], { cwd: dir });
    type Result = { partialFingerprints: Record<string, string>; suppressions?: { kind: string }[] };
    const prints = (JSON.parse(before.stdout).runs[0].results as Result[]).map(
      (r) => r.partialFingerprints['tlslintFindingHash/v2'],
    );
    assert.deepEqual(prints.sort(), saved.findings.map((f) => f.fingerprint).sort());
    fs.writeFileSync(file, '# moved\n\n\n' + LEGACY);
    const after = await runCli(['scan', '.', '--format', 'sarif', '--baseline', base], { cwd: dir });
    const results = JSON.parse(after.stdout).runs[0].results as Result[];
    assert.deepEqual(
      results.map((r) => r.partialFingerprints['tlslintFindingHash/v2']).sort(),
      prints.sort(),
      'moving lines does not change the fingerprints',
    );
    assert.deepEqual(
      results.map((r) => r.suppressions?.[0].kind),
      ['external', 'external'],
    );
  });
});
