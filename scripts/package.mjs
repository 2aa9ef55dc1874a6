// `npm run package`: builds tlslint.vsix with @vscode/vsce, offline. vsce matches every file under its
// working folder against .vscodeignore, which takes most of a minute with node_modules/ and .tools/
// present, so the candidates are copied to a scratch folder first; .vscodeignore still decides.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const out = join(root, 'tlslint.vsix');
const stage = mkdtempSync(join(tmpdir(), 'tlslint-vsix-'));
try {
  for (const f of [
    'package.json',
    '.vscodeignore',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    'dist',
    'syntaxes',
    'schemas',
    'images',
  ]) {
    if (existsSync(join(root, f))) cpSync(join(root, f), join(stage, f), { recursive: true });
  }
  // package.json's "files" decides what `npm pack` ships (the CLI); vsce refuses "files" beside a
  // .vscodeignore, and the .vsix is decided by .vscodeignore alone.
  const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
  delete manifest.files;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out],
    {
      cwd: stage,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) process.exit(r.status || 1);
  console.log(`tlslint.vsix: ${(statSync(out).size / 1024 / 1024).toFixed(2)} MB`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
