// The declarative fixture harness: every detector's fixtures, annotated with Semgrep's words
// (`ruleid:`, `ok:`, `todoruleid:`, `todook:`), its `.fixed` expectation, its snapshot, its examples.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { applyEdits, fixAll, syntaxErrorCount } from '../../server/src/engine/fix';
import { isTestFile, languageOf } from '../../server/src/engine/languages';
import { lint } from '../../server/src/engine/lint';
import { DETECTORS } from '../../server/src/engine/registry';
import type { Detector, DetectorExample, Finding, LanguageId } from '../../server/src/engine/types';
import { ROOT, assertSnapshot, getGrammars, lineOf } from '../helpers';
import { lintPathOf, parseAnnotations } from './annotations';

function folderOf(d: Detector): string {
  return d.id.slice(0, d.id.indexOf('.'));
}
function nameOf(d: Detector): string {
  return d.id.slice(d.id.indexOf('.') + 1);
}

/** The fixture files of a detector: test/fixtures/<prefix>/<name>.* except .fixed and sidecars. */
export function fixturesOf(d: Detector): string[] {
  const dir = path.join(ROOT, 'test', 'fixtures', folderOf(d));
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(nameOf(d) + '.') && !f.includes('.fixed.') && !f.endsWith('.expect.json'))
    .map((f) => path.join(dir, f));
}

function fixedPathOf(fixture: string): string {
  const base = path.basename(fixture);
  const dot = base.indexOf('.');
  return path.join(path.dirname(fixture), base.slice(0, dot) + '.fixed' + base.slice(dot));
}

function languageFor(d: Detector, file: string): LanguageId {
  return languageOf(file) ?? d.languages[0];
}

/** A file name per language for running `examples` (nginx and friends are known by their paths). */
const EXAMPLE_PATHS: Record<LanguageId, string> = {
  python: 'example.py',
  javascript: 'example.js',
  typescript: 'example.ts',
  tsx: 'example.tsx',
  go: 'example.go',
  gomod: 'go.mod',
  java: 'Example.java',
  kotlin: 'Example.kt',
  csharp: 'Example.cs',
  c: 'example.c',
  cpp: 'example.cpp',
  ruby: 'example.rb',
  php: 'example.php',
  rust: 'example.rs',
  shell: 'example.sh',
  dockerfile: 'Dockerfile',
  yaml: 'example.yaml',
  dotenv: '.env',
  nginx: 'nginx.conf',
  apache: 'httpd.conf',
  haproxy: 'haproxy.cfg',
  'json-config': 'appsettings.json',
  properties: 'application.properties',
  'pip-requirements': 'requirements.txt',
  'pipfile-lock': 'Pipfile.lock',
  'poetry-lock': 'poetry.lock',
  'uv-lock': 'uv.lock',
  pyproject: 'pyproject.toml',
  'npm-lock': 'package-lock.json',
  'yarn-lock': 'yarn.lock',
  'pnpm-lock': 'pnpm-lock.yaml',
  'package-json': 'package.json',
  nvmrc: '.nvmrc',
  'cargo-lock': 'Cargo.lock',
  'maven-pom': 'pom.xml',
  'gradle-lockfile': 'gradle.lockfile',
};

/** The finding's first line with a caret underline, as a reviewer reads it (insta/ruff style). */
function frameOf(text: string, f: Finding): string[] {
  const lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
  const nl = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, nl < 0 ? text.length : nl).replace(/\r$/, '');
  const from = f.start - lineStart;
  const to = Math.min(line.length, Math.max(from + 1, f.end - lineStart));
  return [`  | ${line}`, `  | ${' '.repeat(from)}${'^'.repeat(to - from)}`];
}

function snapshotOf(text: string, findings: Finding[]): string {
  const out: string[] = [];
  for (const f of findings) {
    const line = lineOf(text, f.start);
    const col = f.start - text.lastIndexOf('\n', f.start - 1);
    out.push(`${line}:${col} ${f.rule} ${f.detector}${f.kind ? ` [${f.kind}]` : ''} ${f.message}`);
    for (const r of f.related ?? [])
      out.push(`  related ${lineOf(text, r.start)}: ${JSON.stringify(text.slice(r.start, r.end))} ${r.message}`);
    out.push(...frameOf(text, f));
    for (const fix of f.fixes) {
      out.push(`  fix (${fix.safety}): ${fix.title}`);
      for (const e of fix.edits)
        out.push(
          `    ${lineOf(text, e.start)}: ${JSON.stringify(text.slice(e.start, e.end))} -> ${JSON.stringify(e.newText)}`,
        );
    }
  }
  return out.join('\n') + '\n';
}

/**
 * `TLSLINT_DETECTORS=a.b,c.d`: only these detectors' fixtures (npm run check sets it when the change
 * touches nothing but those detectors, their fixtures and snapshots; `npm test` runs them all).
 */
const ONLY = process.env.TLSLINT_DETECTORS?.split(',').filter(Boolean);

describe('detector fixtures', () => {
  for (const detector of ONLY ? DETECTORS.filter((d) => ONLY.includes(d.id)) : DETECTORS) {
    describe(detector.id, () => {
      const fixtures = fixturesOf(detector);
      it('has a fixture with ruleid and ok annotations', () => {
        assert.ok(fixtures.length > 0, `no fixture test/fixtures/${folderOf(detector)}/${nameOf(detector)}.*`);
        const all = fixtures.flatMap((f) => parseAnnotations(fs.readFileSync(f, 'utf8')));
        assert.ok(
          all.some((a) => a.kind === 'ruleid' && a.rule === detector.rule),
          'no ruleid annotation for its rule',
        );
        assert.ok(
          all.some((a) => a.kind === 'ok'),
          'no ok annotation',
        );
      });

      for (const fixture of fixtures) {
        const rel = path.relative(ROOT, fixture);
        it(`${rel}: annotations hold`, async () => {
          const text = fs.readFileSync(fixture, 'utf8');
          const language = languageFor(detector, fixture);
          const result = lint({ text, path: lintPathOf(fixture), language }, await getGrammars());
          assert.deepEqual(result.errors, []);
          const all = [...result.findings, ...result.suppressed];
          const at = (rule: string, line: number) =>
            all.filter((f) => f.rule === rule && lineOf(text, f.start) === line);
          const problems: string[] = [];
          const expected = parseAnnotations(text);
          for (const e of expected) {
            const hits = at(e.rule, e.line);
            if ((e.kind === 'ruleid' || e.kind === 'todook') && hits.length === 0)
              problems.push(`line ${e.line}: expected ${e.rule} (${e.kind})`);
            if ((e.kind === 'ok' || e.kind === 'todoruleid') && hits.length > 0)
              problems.push(`line ${e.line}: unexpected ${e.rule} (${e.kind}): ${hits[0].message}`);
            if (e.kind === 'ruleid' && hits.length > 0 && hits.some((h) => (h.kind === 'opt-in') !== e.optIn))
              problems.push(`line ${e.line}: ${e.rule} is ${e.optIn ? 'not ' : ''}reported as an opt-in path`);
          }
          // Every finding of this detector must be expected: no unannotated false positives.
          for (const f of all.filter((x) => x.detector === detector.id)) {
            const line = lineOf(text, f.start);
            if (
              !expected.some(
                (e) => (e.kind === 'ruleid' || e.kind === 'todook') && e.rule === f.rule && e.line === line,
              )
            ) {
              problems.push(`line ${line}: unannotated ${f.rule} finding: ${f.message}`);
            }
          }
          assert.deepEqual(problems, []);
        });

        it(`${rel}: fixes are honest and every fix re-parses`, async () => {
          const text = fs.readFileSync(fixture, 'utf8');
          const language = languageFor(detector, fixture);
          const grammars = await getGrammars();
          const result = lint({ text, path: lintPathOf(fixture), language }, grammars);
          const mine = result.findings.filter((f) => f.detector === detector.id);
          const baseline = syntaxErrorCount(text, language, grammars);
          for (const f of mine) {
            // A call site (engine/calls) has no fix of its own: the sink is in the function it calls.
            if (detector.fixAvailability === 'always' && !/ is called with /.test(f.message))
              assert.ok(f.fixes.length > 0, `line ${lineOf(text, f.start)}: declared 'always' but no fix`);
            if (detector.fixAvailability === 'none')
              assert.equal(f.fixes.length, 0, `declared 'none' but offers a fix`);
            // Fix safety (rules.md §Fixes): never safe on an opt-in path or in test code.
            if (f.kind === 'opt-in' || isTestFile(lintPathOf(fixture)))
              assert.ok(
                f.fixes.every((x) => x.safety === 'unsafe'),
                `line ${lineOf(text, f.start)}: a safe fix on an opt-in path or in test code`,
              );
            assert.ok(f.kind !== 'opt-in' || f.severity === 'information', 'an opt-in finding above information');
            assert.ok(f.kind !== 'opt-in' || (f.related?.length ?? 0) > 0, 'an opt-in finding without its flag');
            for (const fix of f.fixes) {
              const out = applyEdits(text, fix.edits);
              assert.notEqual(out, text, `fix '${fix.title}' changes nothing`);
              if (baseline >= 0) {
                assert.ok(
                  syntaxErrorCount(out, language, grammars) <= baseline,
                  `fix '${fix.title}' at line ${lineOf(text, f.start)} breaks the syntax`,
                );
              }
            }
          }
          if (detector.fixAvailability === 'sometimes' && mine.length > 0) {
            assert.ok(
              mine.some((f) => f.fixes.length > 0),
              "declared 'sometimes' but no finding has a fix",
            );
          }
        });

        it(`${rel}: safe fixes give the .fixed file and converge`, async () => {
          const text = fs.readFileSync(fixture, 'utf8');
          const language = languageFor(detector, fixture);
          const grammars = await getGrammars();
          const result = lint({ text, path: lintPathOf(fixture), language }, grammars);
          const hasSafe = result.findings.some(
            (f) => f.detector === detector.id && f.fixes.some((x) => x.safety === 'safe'),
          );
          const fixedPath = fixedPathOf(fixture);
          if (!hasSafe) {
            assert.ok(!fs.existsSync(fixedPath), `${path.relative(ROOT, fixedPath)} exists but no safe fix applies`);
            return;
          }
          const fixed = fixAll({ text, path: lintPathOf(fixture), language }, grammars);
          assert.ok(fixed.converged, 'fixing did not converge');
          if (process.env.UPDATE_SNAPSHOTS) fs.writeFileSync(fixedPath, fixed.text);
          assert.ok(fs.existsSync(fixedPath), `missing ${path.relative(ROOT, fixedPath)}`);
          assert.equal(fixed.text, fs.readFileSync(fixedPath, 'utf8'));
          const baseline = syntaxErrorCount(text, language, grammars);
          if (baseline >= 0) assert.ok(syntaxErrorCount(fixed.text, language, grammars) <= baseline);
          const again = lint({ text: fixed.text, path: lintPathOf(fixture), language }, grammars);
          assert.ok(
            !again.findings.some((f) => f.detector === detector.id && f.fixes.some((x) => x.safety === 'safe')),
            'a safe fix remains after fixing',
          );
          assert.equal(
            fixAll({ text: fixed.text, path: lintPathOf(fixture), language }, grammars).text,
            fixed.text,
            'fixing is not idempotent',
          );
        });

        it(`${rel}: snapshot`, async () => {
          const text = fs.readFileSync(fixture, 'utf8');
          const language = languageFor(detector, fixture);
          const result = lint({ text, path: lintPathOf(fixture), language }, await getGrammars());
          const snap = snapshotOf(
            text,
            result.findings.filter((f) => f.detector === detector.id),
          );
          const snapPath = path.join(ROOT, 'test', 'snapshots', folderOf(detector), path.basename(fixture) + '.snap');
          assertSnapshot(snapPath, snap);
        });
      }

      it('examples: every bad gives exactly one finding, every good none', async () => {
        const grammars = await getGrammars();
        const examples = Object.entries(detector.examples);
        assert.ok(examples.length > 0, 'no examples');
        for (const [lang, example] of examples as [LanguageId, DetectorExample][]) {
          assert.ok(detector.languages.includes(lang), `an example in ${lang}, not one of its languages`);
          const p = EXAMPLE_PATHS[lang];
          const mine = (text: string) =>
            lint({ text, path: p, language: lang }, grammars).findings.filter((f) => f.detector === detector.id);
          assert.equal(mine(example.bad).length, 1, `examples.${lang}.bad gives ${mine(example.bad).length} findings`);
          assert.equal(
            mine(example.good).length,
            0,
            `examples.${lang}.good gives ${mine(example.good).length} findings`,
          );
        }
      });
    });
  }
});
