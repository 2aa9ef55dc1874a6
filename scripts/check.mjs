// `npm run check`: the fast gate before a commit (aim: under a minute on a warm cache). Types, lint
// (with eslint's cache: a typed rule may miss a change in another file, which `npm test` catches), the
// format check, the docs check and the unit tests (engine, host, client); no bundle, no CLI or
// editor processes. `--unit` runs only the type-check and the unit tests (`npm run test:unit`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const UNIT_DIRS = ['engine', 'host', 'client'];
const unitOnly = process.argv.includes('--unit');

function run(label, args) {
  const started = Date.now();
  console.log(`\n> ${label}`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✘ ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? testFiles(p) : f.endsWith('.test.js') ? [p] : [];
  });
}

const started = Date.now();
run('tsc -b (type-check)', [join(root, 'node_modules/typescript/bin/tsc'), '-b']);
if (!unitOnly) {
  run('eslint --cache .', [
    join(root, 'node_modules/eslint/bin/eslint.js'),
    '--cache',
    '--cache-location',
    join(root, 'out', '.eslintcache'),
    '.',
  ]);
  run('prettier --check .', [
    join(root, 'node_modules/prettier/bin/prettier.cjs'),
    '--check',
    '--log-level',
    'warn',
    '.',
  ]);
  run('gen:docs --check', [join(root, 'scripts/gen-docs.mjs'), '--check']);
}
const files = UNIT_DIRS.flatMap((d) => testFiles(join(root, 'out', 'test', d)));
run(`node --test (${files.length} unit test files: ${UNIT_DIRS.join(', ')})`, [
  '--test',
  '--test-reporter=dot',
  '--test-concurrency=2',
  ...files,
]);
console.log(`\n✔ ${unitOnly ? 'unit tests' : 'check'} passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
