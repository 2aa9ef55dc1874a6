// `npm test`: type-check, lint, build, the docs check, then every test file under one Node test run
// (engine, CLI, LSP over stdio, Neovim, and real VS Code headless), so CI reads one summary.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLINT, PRETTIER, TSC, pruneStaleOutputs, root, run, runTool, testFiles } from './lib.mjs';

const only = process.argv.slice(2);
runTool('tsc -b (type-check)', TSC, ['-b']);
pruneStaleOutputs();
runTool('eslint .', ESLINT, ['.']);
runTool('prettier --check .', PRETTIER, ['--check', '--log-level', 'warn', '.']);
runTool('build (esbuild)', 'scripts/esbuild.mjs', []);
runTool('gen:docs --check', 'scripts/gen-docs.mjs', ['--check']);
const files = testFiles(join(root, 'out', 'test')).filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
if (files.length === 0) {
  // `node --test` with no files would discover tests on its own, across the whole tree (bench/corpus too).
  console.error(`\n✘ no test file under out/test matches ${only.map((o) => JSON.stringify(o)).join(' or ')}`);
  process.exit(1);
}
// Editor tests (headless VS Code, Neovim) need tools that scripts/e2e-setup.sh installs into .tools/ once
// (cached). TLSLINT_SKIP_E2E=1 skips them (the tests report themselves skipped); under CI a failed
// setup fails the run, elsewhere the tests that need the tools skip.
const tools = process.env.TLSLINT_TOOLS_DIR ?? join(root, '.tools');
const hasNvim = () => spawnSync('sh', ['-c', 'command -v nvim'], { stdio: 'ignore' }).status === 0;
const hasEmacs = () => spawnSync('sh', ['-c', 'command -v emacs'], { stdio: 'ignore' }).status === 0;
const toolsReady = () =>
  existsSync(tools) && readdirSync(tools).some((f) => f.startsWith('.ready-code-server-')) && hasNvim() && hasEmacs();
if (process.env.TLSLINT_SKIP_E2E !== '1' && files.some((f) => /[\\/]e2e[\\/]|neovim|eglot/.test(f)) && !toolsReady()) {
  console.log('\n> bash scripts/e2e-setup.sh (headless VS Code, Chromium, Neovim into .tools/)');
  const started = Date.now();
  const r = spawnSync('bash', [join(root, 'scripts/e2e-setup.sh')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✘ e2e setup failed (exit ${r.status ?? r.signal})`);
    if (process.env.CI === 'true') process.exit(r.status || 1);
  }
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
run(`node --test (${files.length} files)`, process.execPath, [
  '--test',
  '--test-reporter=spec',
  '--test-concurrency=2',
  ...files,
]);
