// `npm run check`: the fast gate before a commit, under a minute on a warm cache. It checks what changed
// since HEAD (staged, unstaged and untracked files; `--since REV` for everything since REV, `--all` for the
// whole tree), with no editor and no CLI processes:
//   types      tsc -b, incremental: projects without a changed file are not type-checked again;
//   lint       eslint --cache on the changed files (a typed rule may see a change in another file
//              differently; `npm test` lints everything);
//   format     prettier --cache --check on the changed files;
//   docs       gen:docs --check (well under a second);
//   unit tests the engine, host and client test files that load a changed module, directly or not
//              (read from the compiled require graph), all of them when fixtures, snapshots or the build
//              configuration changed; when the change touches nothing but some detectors (their files,
//              fixtures and snapshots), the fixture harness runs only theirs (TLSLINT_DETECTORS), since
//              it is most of the unit tests' time. `npm test` runs every fixture: a detector's change
//              can still show in another detector's fixture of the same rule.
// `--unit` (npm run test:unit): the type-check, the build and every unit test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLINT, PRETTIER, TSC, pruneStaleOutputs, root, run, runTogether, runTool, testFiles } from './lib.mjs';

const UNIT_DIRS = ['engine', 'host', 'client'];
const argv = process.argv.slice(2);
const unitOnly = argv.includes('--unit');
const all = unitOnly || argv.includes('--all');
const sinceAt = argv.indexOf('--since');
const since = sinceAt >= 0 ? argv[sinceAt + 1] : undefined;
if (sinceAt >= 0 && !since) {
  console.error('usage: npm run check [-- --all | --since REV | --unit]');
  process.exit(2);
}

function git(args) {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`git ${args.join(' ')} failed: ${r.stderr.trim()}`);
    process.exit(2);
  }
  return r.stdout.split('\n').filter(Boolean);
}

/** Files changed since HEAD (or since the merge base with REV), untracked ones included; existing only. */
function changedFiles() {
  const base = since ? git(['merge-base', since, 'HEAD'])[0] : 'HEAD';
  const names = [...git(['diff', '--name-only', base]), ...git(['ls-files', '--others', '--exclude-standard'])];
  return [...new Set(names)].filter((f) => existsSync(join(root, f)));
}

/** Changes after which every unit test runs: inputs the require graph does not show. */
const EVERYTHING =
  /^(package(-lock)?\.json|tsconfig[^/]*\.json|[^/]+\/tsconfig\.json|scripts\/esbuild\.mjs|test\/(fixtures|snapshots)\/)/;

/**
 * The detectors a change touches when it touches nothing else that fixtures depend on: each changed file
 * is a detector (`server/src/detectors/<lang>/<name>.ts`, not a support/ or index file), a fixture
 * (`test/fixtures/<lang>/<name>.*`), a snapshot, or no code at all (Markdown, docs). Undefined otherwise.
 */
function changedDetectors(files) {
  const ids = new Set();
  for (const f of files) {
    const m =
      /^server\/src\/detectors\/([a-z]+)\/([a-z0-9-]+)\.ts$/.exec(f) ??
      /^test\/(?:fixtures|snapshots)\/([a-z]+)\/([a-z0-9-]+)\./.exec(f);
    if (m && m[2] !== 'index') ids.add(`${m[1]}.${m[2]}`);
    else if (!/\.md$|^docs\//.test(f)) return undefined;
  }
  return ids.size ? [...ids] : undefined;
}

/** The compiled output of a source file (`server/src/a.ts` → `out/server/src/a.js`), or undefined. */
function compiled(file) {
  if (/\.d\.ts$/.test(file)) return undefined;
  if (/^(server|client|test)\/.*\.ts$/.test(file)) return join(root, 'out', file.replace(/\.ts$/, '.js'));
  if (/^server\/src\/.*\.json$/.test(file)) return join(root, 'out', file);
  return undefined;
}

/** The unit test files that load (directly or through other modules) one of `modules`. */
function affectedTests(tests, modules) {
  // Who requires whom, from the tests down (the compiled CommonJS names its dependencies literally).
  const requiredBy = new Map();
  const stack = [...tests];
  const seen = new Set(stack);
  while (stack.length) {
    const file = stack.pop();
    if (!file.endsWith('.js') || !existsSync(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const target = resolve(dirname(file), m[1]);
      const dep = [target, `${target}.js`, join(target, 'index.js')].find((p) => existsSync(p) && statSync(p).isFile());
      if (!dep) continue;
      if (!requiredBy.has(dep)) requiredBy.set(dep, []);
      requiredBy.get(dep).push(file);
      if (!seen.has(dep)) {
        seen.add(dep);
        stack.push(dep);
      }
    }
  }
  // Up from the changed modules to the tests.
  const reached = new Set(modules);
  const up = [...modules];
  while (up.length) {
    for (const parent of requiredBy.get(up.pop()) ?? []) {
      if (reached.has(parent)) continue;
      reached.add(parent);
      up.push(parent);
    }
  }
  return tests.filter((t) => reached.has(t));
}

const started = Date.now();
const changed = all ? [] : changedFiles();
if (!all) {
  const what = since ? `since ${since}` : 'since HEAD';
  console.log(
    `${changed.length} file${changed.length === 1 ? '' : 's'} changed ${what}${changed.length ? '' : ' (--all checks everything)'}`,
  );
}

runTool('tsc -b (type-check, changed projects)', TSC, ['-b']);
pruneStaleOutputs();

const unitTests = UNIT_DIRS.flatMap((d) => testFiles(join(root, 'out', 'test', d)));
let files = unitTests;
if (!all) {
  if (changed.some((f) => EVERYTHING.test(f))) files = unitTests;
  else {
    const modules = new Set(changed.map(compiled).filter(Boolean));
    files = modules.size ? affectedTests(unitTests, modules) : [];
  }
}

// Lint, format, docs and the build do not depend on each other: at the same time.
const steps = [];
if (!unitOnly) {
  const lintable = changed.filter((f) => /\.(ts|mjs|js)$/.test(f));
  const eslintCache = ['--cache', '--cache-location', join(root, 'out', '.eslintcache')];
  if (all) steps.push({ label: 'eslint --cache .', script: ESLINT, args: [...eslintCache, '.'] });
  else if (lintable.length)
    steps.push({
      label: `eslint --cache (${lintable.length} files)`,
      script: ESLINT,
      args: [...eslintCache, '--no-warn-ignored', ...lintable],
    });
  const prettier = ['--cache', '--check', '--log-level', 'warn', '--ignore-unknown'];
  if (all) steps.push({ label: 'prettier --cache --check .', script: PRETTIER, args: [...prettier, '.'] });
  else if (changed.length)
    steps.push({
      label: `prettier --cache --check (${changed.length} files)`,
      script: PRETTIER,
      args: [...prettier, ...changed],
    });
  steps.push({ label: 'gen:docs --check', script: 'scripts/gen-docs.mjs', args: ['--check'] });
}
// Some host tests run the bundled CLI (dist/).
if (files.length) steps.push({ label: 'build (esbuild)', script: 'scripts/esbuild.mjs', args: [] });
await runTogether(steps);

const detectorsOnly = all ? undefined : changedDetectors(changed);
if (files.length) {
  const which =
    files.length === unitTests.length
      ? 'all'
      : `${files.length} of ${unitTests.length}, those loading a changed module`;
  const fixturesOf = detectorsOnly ? `; fixtures of ${detectorsOnly.join(', ')}` : '';
  run(
    `node --test (unit tests: ${which}${fixturesOf})`,
    process.execPath,
    ['--test', '--test-reporter=dot', '--test-concurrency=2', ...files],
    detectorsOnly ? { TLSLINT_DETECTORS: detectorsOnly.join(',') } : {},
  );
  if (files.length < unitTests.length)
    console.log(`  ${files.map((f) => relative(join(root, 'out', 'test'), f)).join(', ')}`);
} else {
  console.log('\n> unit tests: none loads a changed module');
}
console.log(`\n✔ ${unitOnly ? 'unit tests' : 'check'} passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
