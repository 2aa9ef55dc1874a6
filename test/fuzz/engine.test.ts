// Fuzzing the engine: every fixture (all languages), mutated with a fixed seed and count, through lint()
// and fixAll(). No exception escapes, no engine error, offsets stay in range, no file runs past the time
// budget, fixes never corrupt untouched text, fixAll parses no worse, converges and is idempotent.
// Longer runs: `npm run fuzz -- --seed N --minutes M`.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { getGrammars, ROOT } from '../helpers';
import { Rng, checkInput, fixtureFiles, mutate } from './mutate';

const SEED = 20261127;
/** Mutants per fixture file; every fourth also goes through fixAll. */
const PER_FILE = 3;

describe('fuzz: engine', () => {
  it(`lints and fixes ${PER_FILE} mutants of every fixture (seed ${SEED})`, { timeout: 240_000 }, async () => {
    const grammars = await getGrammars();
    const r = new Rng(SEED);
    const failures: string[] = [];
    const perLanguage = new Map<string, number>();
    let inputs = 0;
    let findings = 0;
    let fixed = 0;
    let slowest = { ms: 0, what: '' };
    for (const file of fixtureFiles()) {
      const original = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (let i = 0; i < PER_FILE; i++) {
        const m = mutate(original, r);
        const fix = (inputs & 3) === 0;
        const res = checkInput(m.text, file, grammars, { fix });
        inputs++;
        if (fix) fixed++;
        findings += res.findings;
        perLanguage.set(res.language ?? '?', (perLanguage.get(res.language ?? '?') ?? 0) + 1);
        if (res.ms > slowest.ms) slowest = { ms: res.ms, what: `${file} #${i} (${m.ops.join(', ')})` };
        for (const p of res.problems) failures.push(`${file} #${i} [${m.ops.join(', ')}]: ${p}`);
      }
    }
    const langs = [...perLanguage].map(([l, n]) => `${l} ${n}`).join(', ');
    console.log(
      `fuzz engine: ${inputs} inputs (${fixed} also fixed), ${findings} findings; ${langs}; slowest ${slowest.ms.toFixed(0)} ms: ${slowest.what}`,
    );
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} broken invariants`);
  });
});
