// `npm run package`: builds tlslint.vsix with @vscode/vsce, offline. vsce matches every file under its
// working folder against .vscodeignore, which takes most of a minute with node_modules/ and .tools/
// present, so the candidates are copied to a scratch folder first; .vscodeignore still decides.
//
// Usage: node scripts/package.mjs [--dist=<built dist folder>] [--out=<file.vsix>]
// (defaults: dist/ and tlslint.vsix; the package test builds into a scratch folder instead).
//
// README links: the README links the rule pages relatively (docs/rules/<id>.md), and those pages ship in
// the .vsix, so vsce is told not to rewrite relative links (--no-rewrite-relative-links) rather than being
// given a public base URL this project does not have. In VS Code's extension view they resolve against
// the installed extension's folder; there is no repository URL to invent, so none is declared.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const dist = resolve(arg('dist') ?? join(root, 'dist'));
const out = resolve(arg('out') ?? join(root, 'tlslint.vsix'));
if (!existsSync(join(dist, 'extension.js'))) {
  console.error(`package: ${dist}/extension.js is missing; run the build first (npm run package does)`);
  process.exit(1);
}
const stage = mkdtempSync(join(tmpdir(), 'tlslint-vsix-'));
try {
  for (const f of [
    'package.json',
    '.vscodeignore',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    'syntaxes',
    'schemas',
    'images',
    'docs',
  ]) {
    if (existsSync(join(root, f))) cpSync(join(root, f), join(stage, f), { recursive: true });
  }
  cpSync(dist, join(stage, 'dist'), { recursive: true });
  // package.json's "files" decides what `npm pack` ships (the CLI); vsce refuses "files" beside a
  // .vscodeignore, and the .vsix is decided by .vscodeignore alone.
  const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
  delete manifest.files;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(
    process.execPath,
    [
      vsce,
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--no-rewrite-relative-links',
      '--skip-license',
      '-o',
      out,
    ],
    { cwd: stage, stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status || 1);
  console.log(`${out}: ${(statSync(out).size / 1024 / 1024).toFixed(2)} MB`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
