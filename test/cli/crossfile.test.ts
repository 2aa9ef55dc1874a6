// Across files in the CLI: a constant imported from another module is reported where it is used, with its
// definition as a related location in the text, JSON and SARIF outputs; the cache re-lints a file whose
// imported module changed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers';
import { runCli, tempDir } from './helpers';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'crossfile');

function copy(language: string): string {
  const dir = tempDir('tlslint-crossfile-');
  fs.cpSync(path.join(FIXTURES, language), dir, { recursive: true });
  // Older than the cache's racy window, so a second run may trust size and modification time.
  const old = new Date(Date.now() - 60_000);
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }))
    fs.utimesSync(path.join(dir, f), old, old);
  return dir;
}

interface JsonFinding {
  path: string;
  line: number;
  rule: string;
  related?: { path?: string; line: number; column: number; message: string }[];
  fixes: unknown[];
}

describe('across files: CLI outputs', () => {
  it('text shows the definition in the other file under the finding', async () => {
    const dir = copy('python');
    const r = await runCli(['scan', 'app/absolute.py', '--no-cache'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^app\/absolute\.py:6:37 {2}error {2}cert-verification-disabled/m);
    assert.match(r.stdout, /^ {2}= related: app\/settings\.py:2:14: `VERIFY_SSL` is `False` in app\/settings\.py$/m);
  });

  it('JSON names the related file relative to the scan root, and from another working folder too', async () => {
    const dir = copy('python');
    const here = await runCli(['scan', '.', '--format', 'json', '--no-cache'], { cwd: dir });
    const findings = (JSON.parse(here.stdout) as { findings: JsonFinding[] }).findings;
    const absolute = findings.find((f) => f.path === 'app/absolute.py')!;
    assert.deepEqual(
      absolute.related?.map((x) => `${x.path}:${x.line}:${x.column}`),
      ['app/settings.py:2:14'],
    );
    assert.deepEqual(absolute.fixes, []);
    // The same findings, related paths included, when the tree is named from its parent folder.
    const parent = await runCli(['scan', path.basename(dir), '--format', 'json', '--no-cache'], {
      cwd: path.dirname(dir),
    });
    const fromParent = (JSON.parse(parent.stdout) as { findings: JsonFinding[] }).findings;
    const key = (f: JsonFinding) =>
      `${f.line} ${f.rule} ${(f.related ?? []).map((x) => `${x.path}:${x.line}`).join(',')}`;
    assert.deepEqual(fromParent.map(key), findings.map(key));
  });

  it('SARIF relatedLocations point into the other file', async () => {
    const dir = copy('go');
    const r = await runCli(['scan', '.', '--format', 'sarif', '--no-cache'], { cwd: dir });
    const sarif = JSON.parse(r.stdout) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
          relatedLocations?: {
            physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } };
            message: { text: string };
          }[];
        }[];
      }[];
    };
    const legacy = sarif.runs[0].results.find(
      (x) => x.ruleId === 'legacy-protocol' && x.locations[0].physicalLocation.artifactLocation.uri === 'pkg/client.go',
    )!;
    assert.equal(legacy.locations[0].physicalLocation.artifactLocation.uri, 'pkg/client.go');
    const rel = legacy.relatedLocations![0];
    assert.deepEqual(rel.physicalLocation.artifactLocation, { uri: 'pkg/consts.go', uriBaseId: 'SRCROOT' });
    assert.equal(rel.physicalLocation.region.startLine, 7);
    assert.match(rel.message.text, /`minVersion` is `tls\.VersionTLS10` in pkg\/consts\.go/);
  });

  it('the cache re-lints a file when a module it imports from changes, and only then', async () => {
    const dir = copy('javascript');
    const count = (out: string) => (JSON.parse(out) as { findings: JsonFinding[] }).findings.length;
    const cold = await runCli(['scan', '.', '--format', 'json', '--verbose'], { cwd: dir });
    const warm = await runCli(['scan', '.', '--format', 'json', '--verbose'], { cwd: dir });
    assert.match(warm.stderr, /cache: (\d+) files reused, 0 linted/);
    assert.equal(count(warm.stdout), count(cold.stdout));
    // `insecure` becomes true in config.js: client.ts's finding on it goes, without client.ts changing.
    const config = path.join(dir, 'src', 'config.js');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('insecure = false', 'insecure = true'));
    const after = await runCli(['scan', '.', '--format', 'json', '--verbose'], { cwd: dir });
    assert.equal(count(after.stdout), count(cold.stdout) - 1);
    const fresh = await runCli(['scan', '.', '--format', 'json', '--no-cache'], { cwd: dir });
    const strip = (s: string) => s.replace(/"durationMs": \d+/, '');
    assert.equal(strip(after.stdout), strip(fresh.stdout));
    // A clean file that imports a constant is re-linted too when the module changes the other way.
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('strict = true', 'strict = false'));
    const again = await runCli(['scan', '.', '--format', 'json', '--verbose'], { cwd: dir });
    assert.equal(count(again.stdout), count(after.stdout) + 1);
  });
});
