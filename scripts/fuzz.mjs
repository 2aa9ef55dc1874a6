// `npm run fuzz`: longer fuzz runs than the bounded suite in `npm test` (test/fuzz/). Mutates the fixtures
// with a seeded generator and checks the engine's invariants on each input (test/fuzz/mutate.ts).
//
//   npm run fuzz -- [--seed N] [--iterations N | --minutes M] [--fix-every K] [--budget MS] [--no-build]
//                   [--verbose] (progress every 2 s) [--trace] (keeps the input being checked in fuzz-failures/current-*)
//   npm run fuzz -- --replay fuzz-failures/<file>      (re-checks one saved input; its name keeps the language)
//   npm run fuzz -- --incremental [--seed N] [--iterations N | --minutes M] [--steps S] [--files a.py,b.py]
//                   [--budget MS] (random edit sequences on the engine document: after every step its findings
//                   must equal a lint from scratch, both linted under the budget, 3000 ms by default; a step
//                   where either runs past it is not compared and ends its sequence; every fixture, plus any --files such as CPython's
//                   test_ssl.py; a failure is saved with a replayable .json of its last lints)
//   npm run fuzz -- --incremental --replay fuzz-failures/incremental-<seed>-<n>.json
//
// Prints inputs (per language), findings, broken invariants, abandoned files, the slowest file and its
// time, and peak memory (RSS, which includes tree-sitter's wasm heap; the JS heap). Every failing input is
// saved to fuzz-failures/ (gitignored) with a .txt note of what broke (SLOW: only abandoned at the budget).
// Exit code 1 when an invariant broke.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    iterations: { type: 'string' },
    minutes: { type: 'string' },
    'fix-every': { type: 'string' },
    budget: { type: 'string' },
    replay: { type: 'string' },
    'no-build': { type: 'boolean' },
    verbose: { type: 'boolean' },
    trace: { type: 'boolean' },
    incremental: { type: 'boolean' },
    steps: { type: 'string' },
    files: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    readFileSync(new URL(import.meta.url), 'utf8')
      .split('\n')
      .slice(0, 17)
      .join('\n'),
  );
  process.exit(0);
}

if (!values['no-build']) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { Rng, checkInput, fixtureFiles, mutate, failureName } = require(join(root, 'out/test/fuzz/mutate.js'));
const { getGrammars } = require(join(root, 'out/test/helpers.js'));
const { DEFAULT_BUDGET_MS } = require(join(root, 'out/server/src/engine/types.js'));
const grammars = await getGrammars();
const budgetMs = values.budget ? Number(values.budget) : undefined;
const failDir = join(root, 'fuzz-failures');

if (values.replay && !values.incremental) {
  const file = values.replay;
  const text = readFileSync(file, 'utf8');
  // Saved as <seed>-<index>-<fixture name>: the fixture's name decides the language.
  const asPath = basename(file).replace(/^\d+-\d+-/, '');
  const res = checkInput(text, asPath, grammars, { fix: true, budgetMs });
  console.log(
    `${file} as ${asPath} (${res.language}): ${res.findings} findings, ${res.ms.toFixed(0)} ms${res.abandoned ? ', abandoned' : ''}`,
  );
  for (const p of res.problems) console.log(`  ${p}`);
  process.exit(res.problems.length ? 1 : 0);
}

if (values.incremental) {
  const { checkSequence, randomStep, statementStep, minimizeTrail, replayTrail } = require(
    join(root, 'out/test/fuzz/incremental.js'),
  );
  // Both lints of a step (the document's and the one from scratch) under the host's budget: tree-sitter-kotlin's
  // error recovery can take minutes on a broken text, with or without an edited tree.
  const incrementalBudget = budgetMs ?? DEFAULT_BUDGET_MS;
  if (values.replay) {
    const trail = JSON.parse(readFileSync(values.replay, 'utf8'));
    const mismatch = replayTrail(trail, grammars, undefined, incrementalBudget);
    console.log(mismatch ?? `${values.replay}: ${trail.groups.length} lints, all equal to a lint from scratch`);
    process.exit(mismatch ? 1 : 0);
  }
  // Every other Python sequence edits mostly single statements inside function bodies (what the document
  // may take as confined to one statement, engine/document.ts `confine`).
  const statements = (text, rng, removed) =>
    rng.int(4) === 0 ? randomStep(text, rng, removed) : statementStep(text, rng);
  const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
  const until = values.minutes !== undefined ? Date.now() + Number(values.minutes) * 60_000 : Infinity;
  const iterations =
    values.iterations !== undefined ? Number(values.iterations) : values.minutes !== undefined ? Infinity : 200;
  const steps = values.steps !== undefined ? Number(values.steps) : 60;
  const files = [...fixtureFiles().map((f) => join(root, f)), ...(values.files ? values.files.split(',') : [])];
  const r = new Rng(seed);
  console.log(`fuzz --incremental: seed ${seed}, ${steps} steps per sequence, ${files.length} files`);
  let sequences = 0;
  let failedSequences = 0;
  let cutSequences = 0;
  let findingsSeen = 0;
  const started = Date.now();
  for (let i = 0; i < iterations && Date.now() < until; i++) {
    const file = r.pick(files);
    if (process.env.TLSLINT_FUZZ_VERBOSE) console.log(`sequence ${i}: ${file}`);
    const stepper = file.endsWith('.py') && i % 2 === 1 ? statements : randomStep;
    const res = checkSequence(
      readFileSync(file, 'utf8'),
      file,
      grammars,
      r,
      steps,
      undefined,
      stepper,
      incrementalBudget,
    );
    sequences++;
    if (res.cut) cutSequences++;
    findingsSeen += res.findings;
    if (res.mismatch) {
      failedSequences++;
      mkdirSync(failDir, { recursive: true });
      const name = `incremental-${seed}-${i}.txt`;
      writeFileSync(join(failDir, name), `file: ${file}\nseed: ${seed}\nsequence: ${i}\n\n${res.mismatch}\n`);
      // The sequence as the document saw it, cut to the fewest lints that still differ: replayable alone.
      const trail = minimizeTrail(res.trail, grammars, undefined, incrementalBudget);
      writeFileSync(join(failDir, name.replace(/\.txt$/, '.json')), `${JSON.stringify(trail, null, 1)}\n`);
      console.log(
        `FAIL ${file} (sequence ${i}; saved fuzz-failures/${name}, replay: --incremental --replay fuzz-failures/${name.replace(/\.txt$/, '.json')}, ${trail.groups.length} lints):\n  ${res.mismatch.split('\n')[0]}`,
      );
    }
  }
  console.log(
    `\nfuzz --incremental: seed ${seed}: ${sequences} sequences (${sequences * steps} steps) in ${((Date.now() - started) / 1000).toFixed(1)} s; findings seen ${findingsSeen}; failing sequences ${failedSequences}; sequences ended at a step not compared (a lint past its ${incrementalBudget} ms budget) ${cutSequences}`,
  );
  process.exit(failedSequences ? 1 : 0);
}

const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const iterations =
  values.iterations !== undefined ? Number(values.iterations) : values.minutes !== undefined ? Infinity : 5000;
const until = values.minutes !== undefined ? Date.now() + Number(values.minutes) * 60_000 : Infinity;
const fixEvery = values['fix-every'] !== undefined ? Number(values['fix-every']) : 3;
console.log(
  `fuzz: seed ${seed}, ${Number.isFinite(iterations) ? `${iterations} iterations` : `${values.minutes} minutes`}, fixAll every ${fixEvery}`,
);

const files = fixtureFiles();
const texts = new Map(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));
const r = new Rng(seed);
const perLanguage = new Map();
let inputs = 0;
let findings = 0;
let failed = 0;
let abandoned = 0;
let slowest = { ms: 0, what: '' };
let slowestDone = { ms: 0, what: '' };
let peakRss = 0;
let peakHeap = 0;
const started = Date.now();
let lastReport = started;
// Some inputs are mutants of mutants: damage accumulates beyond four mutations.
let previous;

for (let i = 0; i < iterations && Date.now() < until; i++) {
  const file = previous && r.int(4) === 0 ? previous.file : r.pick(files);
  const base = previous && previous.file === file ? previous.text : texts.get(file);
  const m = mutate(base, r);
  previous = r.int(3) === 0 ? { file, text: m.text } : undefined;
  if (values.trace) {
    // The input being checked, so a hang (or a crash of the process) leaves it behind.
    mkdirSync(failDir, { recursive: true });
    writeFileSync(join(failDir, `current-${failureName(file, seed, i)}`), m.text);
    writeFileSync(
      join(failDir, 'current.txt'),
      `fixture: ${file}\nseed: ${seed}\niteration: ${i}\nmutations: ${m.ops.join(', ')}\nfile: current-${failureName(file, seed, i)}\n`,
    );
  }
  const res = checkInput(m.text, file, grammars, { fix: fixEvery > 0 && i % fixEvery === 0, budgetMs });
  if (values.trace) rmSync(join(failDir, `current-${failureName(file, seed, i)}`));
  inputs++;
  findings += res.findings;
  if (res.abandoned) abandoned++;
  perLanguage.set(res.language ?? '?', (perLanguage.get(res.language ?? '?') ?? 0) + 1);
  if (res.ms > slowest.ms)
    slowest = { ms: res.ms, what: `${file} (iteration ${i}: ${m.ops.join(', ')}, ${m.text.length} chars)` };
  if (!res.abandoned && res.ms > slowestDone.ms)
    slowestDone = { ms: res.ms, what: `${file} (iteration ${i}: ${m.ops.join(', ')}, ${m.text.length} chars)` };
  const mem = process.memoryUsage();
  peakRss = Math.max(peakRss, mem.rss);
  peakHeap = Math.max(peakHeap, mem.heapUsed);
  // An input abandoned at the time budget and nothing else is saved too, but counted apart: tree-sitter-kotlin's
  // error recovery takes minutes on a few small broken files (see test/fuzz/pathological.test.ts).
  const slowOnly = res.abandoned && res.problems.length === 1;
  if (res.problems.length) {
    if (!slowOnly) failed++;
    mkdirSync(failDir, { recursive: true });
    const name = failureName(file, seed, i);
    writeFileSync(join(failDir, name), m.text);
    writeFileSync(
      join(failDir, `${name}.txt`),
      `fixture: ${file}\nseed: ${seed}\niteration: ${i}\nmutations: ${m.ops.join(', ')}\n\n${res.problems.join('\n')}\n`,
    );
    console.log(
      `${slowOnly ? 'SLOW' : 'FAIL'} ${file} (iteration ${i}; saved fuzz-failures/${name}):\n  ${res.problems.join('\n  ')}`,
    );
  }
  if (Date.now() - lastReport > (values.verbose ? 2_000 : 30_000)) {
    lastReport = Date.now();
    console.log(
      `  ... ${inputs} inputs, ${failed} failing, ${((Date.now() - started) / 1000).toFixed(0)} s, RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`,
    );
  }
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;
console.log(`\nfuzz: seed ${seed}: ${inputs} inputs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(
  `  per language: ${[...perLanguage]
    .sort((a, b) => b[1] - a[1])
    .map(([l, n]) => `${l} ${n}`)
    .join(', ')}`,
);
console.log(`  findings: ${findings}; failing inputs: ${failed}; abandoned (time budget): ${abandoned}`);
console.log(`  slowest: ${slowest.ms.toFixed(0)} ms, ${slowest.what}`);
if (abandoned) console.log(`  slowest not abandoned: ${slowestDone.ms.toFixed(0)} ms, ${slowestDone.what}`);
console.log(`  peak memory: RSS ${mb(peakRss)} (includes the wasm heap), JS heap used ${mb(peakHeap)}`);
process.exit(failed ? 1 : 0);
