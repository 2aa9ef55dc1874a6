// Across files (engine/workspace + host/workspace-index): the multi-file fixture folders under
// test/fixtures/crossfile/<language>/, annotated like the detector fixtures, linted the way both hosts lint
// (SummaryStore: lint, load what it asked for, lint again), with paths relative to the fixture folder.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { summarize, summaryHash, type FileSummary } from '../../server/src/engine/workspace';
import type { LintResult } from '../../server/src/engine/types';
import { SummaryStore } from '../../server/src/host/workspace-index';
import { ROOT, getGrammars, lineOf } from '../helpers';
import { parseAnnotations } from '../engine/annotations';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'crossfile');

function filesOf(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(py|js|ts|go|java|kt)$/.test(f))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

async function lintIn(root: string, rel: string, store: SummaryStore): Promise<LintResult> {
  const grammars = await getGrammars();
  const abs = path.join(root, rel);
  const text = fs.readFileSync(abs, 'utf8');
  return store.lintWithIndex(abs, rel, (index) => lint({ text, path: rel, index }, grammars));
}

describe('across files: fixture folders', () => {
  for (const language of fs.readdirSync(FIXTURES).sort()) {
    const root = path.join(FIXTURES, language);
    it(`${language}: every annotation holds`, async () => {
      const store = new SummaryStore(await getGrammars());
      let positives = 0;
      for (const rel of filesOf(root)) {
        const text = fs.readFileSync(path.join(root, rel), 'utf8');
        const result = await lintIn(root, rel, store);
        const found = result.findings.map((f) => ({ f, line: lineOf(text, f.start) }));
        for (const e of parseAnnotations(text)) {
          const hits = found.filter((x) => x.line === e.line && x.f.rule === e.rule);
          const where = `${language}/${rel}:${e.line} ${e.kind}: ${e.rule}`;
          if (e.kind === 'ruleid') {
            positives++;
            assert.ok(hits.length > 0, `${where}: no finding`);
            assert.equal(hits[0].f.kind === 'opt-in', e.optIn, `${where}: opt-in kind`);
            // A value from another file names its definition there; an opt-in its flag.
            if (!e.optIn) {
              const elsewhere = hits[0].f.related?.find((r) => r.file);
              assert.ok(elsewhere, `${where}: no related location in another file`);
              assert.ok(fs.existsSync(path.join(root, elsewhere.file!.path)), `${where}: ${elsewhere.file!.path}`);
              // Its fix would edit the other file's value at this file's offsets: none.
              assert.deepEqual(hits[0].f.fixes, [], `${where}: fixes`);
            }
          } else {
            assert.equal(hits.length, 0, `${where}: unexpected ${hits.map((h) => h.f.message).join('; ')}`);
          }
        }
      }
      assert.ok(positives >= 2, 'each folder has positives');
    });
  }

  it('without summaries a lint sees its file alone and says what it would read', async () => {
    const grammars = await getGrammars();
    const rel = 'app/client.py';
    const text = fs.readFileSync(path.join(FIXTURES, 'python', rel), 'utf8');
    const alone = lint({ text, path: rel }, grammars);
    assert.equal(alone.findings.length, 0);
    assert.deepEqual(
      alone.wanted?.map((d) => (d.kind === 'module' ? d.candidates[0] : d.folder)),
      ['app/settings.py', 'app/reexport.py'],
    );
  });

  it('a cycle of imports is joined without recursion (each file is summarised on its own)', async () => {
    const store = new SummaryStore(await getGrammars());
    const root = path.join(FIXTURES, 'python');
    const a = await lintIn(root, 'cyc/a.py', store);
    const b = await lintIn(root, 'cyc/b.py', store);
    assert.deepEqual(
      [...a.findings, ...b.findings].map((f) => f.related?.[0]?.file?.path),
      ['cyc/b.py', 'cyc/a.py'],
    );
  });

  it('an edit re-summarises one file: its importers see the new value, the summary hash says so', async () => {
    const grammars = await getGrammars();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-crossfile-'));
    try {
      fs.cpSync(path.join(FIXTURES, 'python'), dir, { recursive: true });
      const store = new SummaryStore(grammars);
      const before = await lintIn(dir, 'app/absolute.py', store);
      assert.equal(before.findings.length, 1);
      const settings = path.join(dir, 'app', 'settings.py');
      const old = summarize({ text: fs.readFileSync(settings, 'utf8'), path: 'app/settings.py' }, grammars)!;
      fs.writeFileSync(settings, fs.readFileSync(settings, 'utf8').replace('VERIFY_SSL = False', 'VERIFY_SSL = True'));
      const now = summarize({ text: fs.readFileSync(settings, 'utf8'), path: 'app/settings.py' }, grammars)!;
      assert.notEqual(summaryHash(old), summaryHash(now));
      // The store answers from what it read until told the file changed; then its importer is named.
      assert.equal((await lintIn(dir, 'app/absolute.py', store)).findings.length, 1);
      assert.deepEqual(store.invalidate(settings), [path.join(dir, 'app', 'absolute.py')]);
      assert.equal((await lintIn(dir, 'app/absolute.py', store)).findings.length, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('summaries: module-level constants only, a name bound twice left out, Go package names', async () => {
    const grammars = await getGrammars();
    const sum = (text: string, p: string): FileSummary => summarize({ text, path: p }, grammars)!;
    const py = sum('A = False\nB = f()\nC = 1\nC = 2\ndef g():\n    D = False\nE: bool = True\n', 'm.py');
    assert.deepEqual(Object.keys(py.constants).sort(), ['A', 'E']);
    const js = sum('export const a = false;\nconst b = 0;\nexport { b as c };\nexports.d = "x";\nlet e = 1;\n', 'm.js');
    assert.deepEqual(Object.keys(js.constants).sort(), ['a', 'c', 'd']);
    const go = sum('package p\nconst (\n\tA = true\n\tB = 1\n)\nvar C = f()\n', 'p/a.go');
    assert.equal(go.package, 'p');
    assert.deepEqual(Object.keys(go.constants).sort(), ['A', 'B']);
    assert.equal(sum('X = 1', 'm.py').constants.X.at.line, 0);
  });

  it('summaries: re-exports, star re-exports, __all__, nested object members', async () => {
    const grammars = await getGrammars();
    const sum = (text: string, p: string): FileSummary => summarize({ text, path: p }, grammars)!;
    const py = sum('from .base import A, B as C\nfrom .other import *\n__all__ = ["A", "C"]\nB = 1\n', 'pkg/m.py');
    assert.deepEqual(py.reexports, {
      A: { candidates: ['pkg/base.py', 'pkg/base/__init__.py'], name: 'A' },
      C: { candidates: ['pkg/base.py', 'pkg/base/__init__.py'], name: 'B' },
    });
    assert.deepEqual(py.stars, [['pkg/other.py', 'pkg/other/__init__.py']]);
    assert.deepEqual(py.all, ['A', 'C']);
    // A name both imported and assigned is neither.
    assert.deepEqual(Object.keys(sum('from .base import A\nA = False\n', 'm.py').constants), []);
    const js = sum(
      "export { a as b } from './base';\nexport * from '../all';\nexport * from 'pkg';\nmodule.exports = { tls: { insecure: true }, x: 1 };\n",
      'src/m.js',
    );
    assert.equal(js.reexports?.b.name, 'a');
    assert.equal(js.reexports?.b.candidates[0], 'src/base.ts');
    assert.deepEqual(
      js.stars?.map((c) => c[0]),
      ['all.ts'],
    );
    assert.deepEqual(Object.keys(js.constants).sort(), ['tls.insecure', 'x']);
    const dflt = sum('const c = { tls: { rejectUnauthorized: false } };\nexport default c;\n', 'd.ts');
    assert.deepEqual(Object.keys(dflt.constants), ['tls.rejectUnauthorized']);
  });
});
