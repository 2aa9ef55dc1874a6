// Shared test helpers: the repository root, grammars loaded once, and a `check()` over the engine.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { lint, type LintInput } from '../server/src/engine/lint';
import type { Grammars } from '../server/src/engine/parser';
import { DETECTORS } from '../server/src/engine/registry';
import type { Detector, LintResult } from '../server/src/engine/types';
import { loadGrammars } from '../server/src/host/grammars';

/** The repository root (tests run from out/test/...). */
export const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'server'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
})();

let grammars: Promise<Grammars> | undefined;

export function getGrammars(): Promise<Grammars> {
  grammars ??= loadGrammars().then(({ grammars, errors }) => {
    if (errors.length) throw new Error(errors.join('\n'));
    return grammars;
  });
  return grammars;
}

/** Lints text as if it were the file at `filePath`. */
export async function check(text: string, filePath: string, extra: Partial<LintInput> = {}): Promise<LintResult> {
  return lint({ text, path: filePath, ...extra }, await getGrammars());
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** mulberry32: a small seeded generator of floats in [0, 1), so a test's random choices reproduce. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * insta's review loop: a snapshot that is missing or differs fails, and the new text is left beside it
 * as `.snap.new` to diff; `UPDATE_SNAPSHOTS=1` accepts it (and removes the `.snap.new`).
 */
export function assertSnapshot(snapPath: string, snap: string): void {
  const pending = snapPath + '.new';
  if (process.env.UPDATE_SNAPSHOTS) {
    fs.mkdirSync(path.dirname(snapPath), { recursive: true });
    fs.writeFileSync(snapPath, snap);
    fs.rmSync(pending, { force: true });
    return;
  }
  const current = fs.existsSync(snapPath) ? fs.readFileSync(snapPath, 'utf8') : undefined;
  if (current === snap) {
    fs.rmSync(pending, { force: true });
    return;
  }
  fs.mkdirSync(path.dirname(snapPath), { recursive: true });
  fs.writeFileSync(pending, snap);
  const rel = path.relative(ROOT, snapPath);
  assert.fail(
    `${current === undefined ? `snapshot ${rel} is missing` : `snapshot ${rel} changed`}: review ${rel}.new ` +
      `(diff ${rel} ${rel}.new), then accept with UPDATE_SNAPSHOTS=1`,
  );
}

/** Every detector, each run counted: `runs()` is how many detector runs there have been so far. */
export function countingDetectors(): { detectors: Detector[]; runs: () => number } {
  let n = 0;
  const detectors = DETECTORS.map((d): Detector => ({
    ...d,
    detect: (file, report) => {
      n++;
      d.detect(file, report);
    },
  }));
  return { detectors, runs: () => n };
}
