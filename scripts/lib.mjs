// What scripts/test.mjs and scripts/check.mjs share: the repository root, a step runner that stops at the
// first failure, and the compiled test files under a folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const root = join(dirname(new URL(import.meta.url).pathname), '..');

/** Runs one step (stdio inherited); a failure ends the process with its exit code. */
export function run(label, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n> ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✘ ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** A tool from node_modules, run by this Node. */
export function runTool(label, script, args) {
  run(label, process.execPath, [join(root, script), ...args]);
}

/** The compiled test files (`*.test.js`) under a folder, recursively. */
export function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? testFiles(p) : f.endsWith('.test.js') ? [p] : [];
  });
}

/**
 * Removes compiled files under out/ whose TypeScript source is gone: tsc -b never deletes them, and a
 * stale `languages/python.js` would shadow the `languages/python/` folder a moved module now lives in
 * (require resolves a file before a folder), so tests would run yesterday's code.
 */
export function pruneStaleOutputs(dir = join(root, 'out')) {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) {
      pruneStaleOutputs(p);
      continue;
    }
    const m = /^(.*)\.(?:js|js\.map|d\.ts)$/.exec(f);
    if (!m) continue;
    const source = join(root, relative(join(root, 'out'), dir), m[1]);
    if (!existsSync(`${source}.ts`) && !existsSync(`${source}.tsx`)) rmSync(p);
  }
}

export const TSC = 'node_modules/typescript/bin/tsc';
export const ESLINT = 'node_modules/eslint/bin/eslint.js';
export const PRETTIER = 'node_modules/prettier/bin/prettier.cjs';

/**
 * Runs steps at the same time (each a Node script with its arguments), printing each one's output when
 * it ends; any failure ends the process once all have ended.
 */
export async function runTogether(steps) {
  const started = Date.now();
  const results = await Promise.all(
    steps.map(
      ({ label, script, args }) =>
        new Promise((done) => {
          const child = spawn(process.execPath, [join(root, script), ...args], { cwd: root, env: process.env });
          let output = '';
          child.stdout.on('data', (d) => (output += d));
          child.stderr.on('data', (d) => (output += d));
          child.on('close', (code, signal) => {
            console.log(`\n> ${label}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
            if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : output + '\n');
            if (code !== 0) console.error(`✘ ${label} failed (exit ${code ?? signal})`);
            done(code ?? 1);
          });
        }),
    ),
  );
  const failed = results.find((c) => c !== 0);
  if (failed !== undefined) process.exit(failed || 1);
}
