// The package as users install it: `npm pack` ships only the bundles, grammars, docs and assets (the
// "files" list), and `npm i -g ./tlslint-*.tgz` gives a working `tlslint` command without the network.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers';
import { tempDir } from './helpers';

function npm(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', ...env },
  });
  assert.equal(r.status, 0, `npm ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('npm package', () => {
  it('npm pack ships the CLI and extension only; the tarball installs offline and `tlslint scan` works', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    // Everything is bundled: an install has nothing to fetch.
    assert.equal(manifest.dependencies, undefined, 'runtime dependencies would need the network at install');
    const tmp = tempDir('tlslint-pack-');
    // --ignore-scripts: pack the build `npm test` just made (prepack would rebuild dist/ under other tests).
    const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = packed[0].files.map((f) => f.path);
    assert.ok(files.includes('dist/cli.js') && files.includes('dist/server.js') && files.includes('dist/extension.js'));
    assert.ok(files.includes('dist/grammars/tree-sitter-python.wasm') && files.includes('dist/web-tree-sitter.wasm'));
    const stray = files.filter((f) => /^(test|server|client|scripts|bench|node_modules)\/|\.map$|\.ts$/.test(f));
    assert.deepEqual(stray, [], 'sources, tests and source maps stay out of the package');
    assert.ok(files.length < 60, `${files.length} files packed`);

    // An empty npm cache and --offline: the install fails if anything would be downloaded.
    const prefix = path.join(tmp, 'prefix');
    npm(['install', '-g', '--prefix', prefix, '--offline', '--no-audit', path.join(tmp, packed[0].filename)], tmp, {
      npm_config_cache: path.join(tmp, 'cache'),
    });
    const bin = path.join(prefix, 'bin', 'tlslint');
    assert.ok(fs.statSync(bin).mode & 0o111, 'the installed command is executable');

    const ws = path.join(tmp, 'ws');
    fs.mkdirSync(ws);
    fs.writeFileSync(path.join(ws, 'app.py'), 'import requests\n\nrequests.get(url, verify=False)\n');
    fs.writeFileSync(path.join(ws, 'ok.py'), 'import requests\n\nrequests.get(url, verify=True)\n');
    const env = { ...process.env, NO_COLOR: '1' };
    const scan = spawnSync(bin, ['scan', ws, '--format', 'json'], { cwd: tmp, encoding: 'utf8', env });
    assert.equal(scan.status, 1, scan.stderr);
    const report = JSON.parse(scan.stdout) as { findings: { path: string; line: number; rule: string }[] };
    assert.deepEqual(
      report.findings.map((f) => [f.path, f.line, f.rule]),
      [['app.py', 3, 'cert-verification-disabled']],
    );
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8', env });
    assert.equal(version.stdout.trim(), `tlslint ${manifest.version as string}`);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
