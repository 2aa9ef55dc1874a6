// The README's first command: `tlslint scan examples` prints what the README shows, and the repository's
// .tlslintignore keeps its own test inputs out of `tlslint scan .`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers';
import { runCli } from './helpers';

describe('README quick start', () => {
  it('`scan examples` prints exactly the output block the README shows under its first command', async () => {
    const r = await runCli(['scan', 'examples'], { cwd: ROOT });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /node dist\/cli\.js scan examples[^\n]*\n[^`]*```\n\n```text\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'the README shows the output of its first command in a text block');
    assert.equal(r.stdout, block[1]);
  });

  it('`scan .` at the repository root reports no test input: .tlslintignore keeps them out', async () => {
    const r = await runCli(['scan', '.', '--format', 'json', '--no-cache'], { cwd: ROOT });
    const paths = new Set((JSON.parse(r.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path));
    assert.ok([...paths].some((p) => p.startsWith('examples/')));
    for (const p of paths) assert.doesNotMatch(p, /^(test|bench)\//);
  });
});
