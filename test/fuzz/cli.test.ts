// Fuzzing the CLI: a folder of mutated fixtures (text and byte-level damage) through the built
// dist/cli.js. JSON and SARIF stay valid, the exit code is 0 or 1 (never 2: no crash, no usage error),
// every file is counted as scanned or skipped, and `--fix` on a copy leaves every file parsing no worse
// and a second `--fix` changes nothing.
import { before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { syntaxErrorCount } from '../../server/src/engine/fix';
import { languageOf } from '../../server/src/engine/languages';
import { runCli, tempDir } from '../cli/helpers';
import { getGrammars, ROOT } from '../helpers';
import { Rng, fixtureFiles, mutate, mutateBytes } from './mutate';

const SEED = 7211;
/** Every STRIDE-th fixture, mutated once (the engine suite mutates all of them). */
const STRIDE = 4;

/** Decodes as the CLI does for what it lints: UTF-8 without its BOM; undefined when not valid UTF-8 text. */
function decode(buf: Buffer): string | undefined {
  if (buf.includes(0)) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  if (text.includes('\ufffd') && !buf.includes(Buffer.from('\ufffd'))) return undefined;
  return text.replace(/^\ufeff/, '');
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('fuzz: CLI', () => {
  let dir: string;
  let written = 0;

  before(() => {
    dir = tempDir('tlslint-fuzz-cli-');
    const r = new Rng(SEED);
    fixtureFiles().forEach((file, n) => {
      if (n % STRIDE !== 0) return;
      const original = fs.readFileSync(path.join(ROOT, file), 'utf8');
      // Keep the fixture's folder (apache/, haproxy/ decide the language) and its name.
      const sub = path.join(dir, path.basename(path.dirname(file)));
      fs.mkdirSync(sub, { recursive: true });
      for (let i = 0; i < 1; i++) {
        let bytes: Buffer = Buffer.from(mutate(original, r).text, 'utf8');
        if (r.int(4) === 0) bytes = mutateBytes(bytes, r);
        // A folder per mutant keeps the file's own name, which decides the language of manifests
        // (`requirements.txt`, `package-lock.json`); the folder path still decides apache/ and haproxy/.
        fs.mkdirSync(path.join(sub, `${n}-${i}`), { recursive: true });
        fs.writeFileSync(path.join(sub, `${n}-${i}`, path.basename(file)), bytes);
        written++;
      }
    });
  });

  it(
    'scans the fuzzed folder: valid JSON and SARIF, exit 0 or 1, every file counted',
    { timeout: 180_000 },
    async () => {
      const json = await runCli(['scan', dir, '--format', 'json', '--verbose']);
      assert.ok(json.code === 0 || json.code === 1, `exit ${json.code}\n${json.stderr}`);
      assert.doesNotMatch(json.stderr, /internal error|lint failed|failed:/);
      const out = JSON.parse(json.stdout) as {
        findings: { path: string; line: number; column: number }[];
        summary: { files: number; skipped: number; findings: number };
      };
      assert.equal(out.summary.files + out.summary.skipped, written, json.stderr);
      assert.equal(out.findings.length, out.summary.findings);
      for (const f of out.findings) assert.ok(f.line >= 1 && f.column >= 1, JSON.stringify(f));
      const sarif = await runCli(['scan', dir, '--format', 'sarif']);
      assert.ok(sarif.code === 0 || sarif.code === 1, `exit ${sarif.code}\n${sarif.stderr}`);
      const log = JSON.parse(sarif.stdout) as { runs: { results: unknown[] }[] };
      assert.equal(log.runs[0].results.length >= out.summary.findings, true);
      console.log(
        `fuzz CLI: ${written} files, ${out.summary.files} scanned, ${out.summary.skipped} skipped, ${out.summary.findings} findings`,
      );
    },
  );

  it('lints and fixes fuzzed standard input (--stdin-filename), bytes in and out', { timeout: 120_000 }, async () => {
    const r = new Rng(SEED + 1);
    const files = fixtureFiles();
    for (let k = 0; k < 4; k++) {
      const file = files[r.int(files.length)];
      let bytes: Buffer = Buffer.from(mutate(fs.readFileSync(path.join(ROOT, file), 'utf8'), r).text, 'utf8');
      if (k % 2) bytes = mutateBytes(bytes, r);
      const name = path.basename(path.dirname(file)) + '/' + path.basename(file);
      const lintRun = await runCli(['scan', '--stdin-filename', name, '--format', 'json'], { input: bytes });
      assert.ok(lintRun.code === 0 || lintRun.code === 1, `${file}: exit ${lintRun.code}\n${lintRun.stderr}`);
      JSON.parse(lintRun.stdout);
      const fixRun = await runCli(['scan', '--stdin-filename', name, '--fix'], { input: bytes });
      assert.ok(fixRun.code === 0 || fixRun.code === 1, `${file}: exit ${fixRun.code}\n${fixRun.stderr}`);
      assert.doesNotMatch(fixRun.stderr, /internal error/);
    }
  });

  it('--fix on a copy parses no worse, and a second --fix changes nothing', { timeout: 180_000 }, async () => {
    const grammars = await getGrammars();
    const copy = tempDir('tlslint-fuzz-fix-');
    fs.cpSync(dir, copy, { recursive: true });
    const first = await runCli(['scan', copy, '--fix', '--unsafe-fixes', '--format', 'json']);
    assert.ok(first.code === 0 || first.code === 1, `exit ${first.code}\n${first.stderr}`);
    const fixed = (JSON.parse(first.stdout) as { summary: { fixed: number } }).summary.fixed;
    let changed = 0;
    const worse: string[] = [];
    for (const rel of listFiles(copy)) {
      const before = fs.readFileSync(path.join(dir, rel));
      const after = fs.readFileSync(path.join(copy, rel));
      if (before.equals(after)) continue;
      changed++;
      const language = languageOf(rel);
      const a = decode(before);
      const b = decode(after);
      assert.ok(language && a !== undefined && b !== undefined, `${rel}: a file the CLI skips was rewritten`);
      const was = syntaxErrorCount(a, language, grammars);
      const now = syntaxErrorCount(b, language, grammars);
      if (now > was) worse.push(`${rel}: ${was} -> ${now} syntax errors`);
    }
    assert.deepEqual(worse, []);
    const snapshot = new Map(listFiles(copy).map((rel) => [rel, fs.readFileSync(path.join(copy, rel))]));
    const second = await runCli(['scan', copy, '--fix', '--unsafe-fixes', '--format', 'json']);
    assert.ok(second.code === 0 || second.code === 1, `exit ${second.code}\n${second.stderr}`);
    const again = [...snapshot]
      .filter(([rel, buf]) => !buf.equals(fs.readFileSync(path.join(copy, rel))))
      .map(([rel]) => rel);
    assert.deepEqual(again, [], 'a second --fix changed files');
    console.log(`fuzz CLI --fix: ${fixed} fixes in ${changed} files, none parses worse; second run changed nothing`);
  });
});
