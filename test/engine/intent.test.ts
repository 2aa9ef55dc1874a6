// Intent fixtures (rules.md §Intent, §Fixes): opt-in paths, assertions, test tables and test code, per
// language, in test/fixtures/intent/ (files under tests/ are test code). Annotations as in the detector
// fixtures; `ruleid: <rule> (opt-in)` must be an opt-in finding. No safe fix on an opt-in path or in tests.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { isTestFile, languageOf } from '../../server/src/engine/languages';
import { lint } from '../../server/src/engine/lint';
import { ROOT, check, getGrammars, lineOf } from '../helpers';
import { lintPathOf, parseAnnotations } from './annotations';

const DIR = path.join(ROOT, 'test', 'fixtures', 'intent');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('intent fixtures', () => {
  for (const file of files(DIR)) {
    const rel = lintPathOf(file);
    it(rel, async () => {
      const text = fs.readFileSync(file, 'utf8');
      const language = languageOf(file);
      assert.ok(language, `no language for ${rel}`);
      const result = lint({ text, path: rel, language }, await getGrammars());
      assert.deepEqual(result.errors, []);
      const problems: string[] = [];
      const expected = parseAnnotations(text);
      assert.ok(expected.length > 0, 'no annotations');
      for (const e of expected) {
        const hits = result.findings.filter((f) => f.rule === e.rule && lineOf(text, f.start) === e.line);
        if (e.kind === 'ruleid' && hits.length === 0) problems.push(`line ${e.line}: expected ${e.rule}`);
        if (e.kind === 'ok' && hits.length > 0)
          problems.push(`line ${e.line}: unexpected ${e.rule}: ${hits[0].message}`);
        if (e.kind === 'ruleid' && hits.some((h) => (h.kind === 'opt-in') !== e.optIn))
          problems.push(`line ${e.line}: ${e.rule} is ${e.optIn ? 'not ' : ''}an opt-in`);
      }
      for (const f of result.findings) {
        const line = lineOf(text, f.start);
        if (!expected.some((e) => e.kind === 'ruleid' && e.rule === f.rule && e.line === line))
          problems.push(`line ${line}: unannotated ${f.rule}: ${f.message}`);
        if ((f.kind === 'opt-in' || isTestFile(rel)) && f.fixes.some((x) => x.safety === 'safe'))
          problems.push(`line ${line}: a safe fix on an opt-in path or in test code`);
        if (f.kind === 'opt-in' && (f.severity !== 'information' || !f.related?.length))
          problems.push(`line ${line}: an opt-in must be information with its flag as related location`);
        if (isTestFile(rel) && f.severity !== 'information')
          problems.push(`line ${line}: test code is downgraded by default`);
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('test inputs', () => {
  it('a configuration file under testdata/ is data a test reads: nothing is reported', async () => {
    const yaml = 'tls_config:\n  insecure_skip_verify: true\n';
    assert.equal((await check(yaml, 'config/testdata/tls_config.insecure.yml')).findings.length, 0);
    assert.equal((await check(yaml, 'deploy/prometheus.yml')).findings.length, 1);
    const nginx = 'server {\n  listen 443 ssl;\n  ssl_protocols TLSv1 TLSv1.2;\n}\n';
    assert.equal((await check(nginx, 'testdata/nginx.conf')).findings.length, 0);
  });

  it('connection URIs in YAML tables under test or spec folders are data a spec runner parses', async () => {
    const yaml =
      'tests:\n  - description: insecure\n    uri: "mongodb://example.com/?tls=true&tlsInsecure' +
      '=true"\n    valid: true\n';
    assert.equal((await check(yaml, 'spec/uri-options/tls-options.yml')).findings.length, 0);
    assert.equal((await check(yaml, 'test/spec/uri-options/tls-options.yml')).findings.length, 0);
    assert.equal((await check(yaml, 'deploy/app.yml')).findings.length, 1);
  });

  it('code under testdata/ is still linted as test code', async () => {
    const go = 'package p\nimport "crypto/tls"\nvar c = &tls.Config{InsecureSkipVerify: true}\n';
    const r = await check(go, 'pkg/testdata/client.go');
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0]?.severity, 'information');
  });
});
