// outdated-tls-library: version orderings, range semantics, the advisory table, manifest parsing
// errors, and every version-bump fix applied, re-parsed and re-linted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  TABLE,
  assessRange,
  assessVersion,
  eolStatus,
  staleNoticeAnchors,
  staleTableNotice,
  tableAgeMonths,
} from '../../server/src/engine/deps/advisories';
import { dockerFrom, goMod, poetryClauses, requirementsTxt } from '../../server/src/engine/deps/manifests';
import { compareMaven, compareOpenSsl, compareVersions, lineOf } from '../../server/src/engine/deps/versions';
import { applyEdits, syntaxErrorCount } from '../../server/src/engine/fix';
import { languageOf } from '../../server/src/engine/languages';
import { lint } from '../../server/src/engine/lint';
import { DETECTORS } from '../../server/src/engine/registry';
import type { LanguageId } from '../../server/src/engine/types';
import { ROOT, getGrammars } from '../helpers';

describe('Maven ordering (ComparableVersion)', () => {
  const ordered = [
    '1.0-alpha1',
    '1.0-alpha2',
    '1.0-beta1',
    '1.0-milestone1',
    '1.0-rc1',
    '1.0-SNAPSHOT',
    '1.0',
    '1.0-sp1',
    '1.0.1',
    '1.1',
    '4.1.94.Final',
    '4.1.100.Final',
  ];
  it('orders qualifiers and numbers as Maven does', () => {
    for (let i = 0; i + 1 < ordered.length; i++)
      assert.ok(compareMaven(ordered[i], ordered[i + 1]) < 0, `${ordered[i]} < ${ordered[i + 1]}`);
  });
  it('treats trailing zeros, ga/final/release and case as equal', () => {
    assert.equal(compareMaven('1.0', '1'), 0);
    assert.equal(compareMaven('1.0.0', '1'), 0);
    assert.equal(compareMaven('1-ga', '1'), 0);
    assert.equal(compareMaven('1.0.Final', '1.0'), 0);
    assert.equal(compareMaven('1.0-RC1', '1.0-cr1'), 0);
    assert.equal(compareMaven('1.78', '1.78.0'), 0);
  });
  it('compares 1.78.1 above 1.78 and 1.100 above 1.99', () => {
    assert.ok(compareMaven('1.78.1', '1.78') > 0);
    assert.ok(compareMaven('1.100', '1.99') > 0);
  });
});

describe('OpenSSL ordering', () => {
  it('orders letter releases (z < za < zh) and numeric series', () => {
    assert.ok(compareOpenSsl('1.1.1w', '1.1.1za')! < 0);
    assert.ok(compareOpenSsl('1.1.1', '1.1.1a')! < 0);
    assert.ok(compareOpenSsl('1.1.1za', '1.1.1zh')! < 0);
    assert.ok(compareOpenSsl('3.0.9', '3.0.13')! < 0);
    assert.equal(compareOpenSsl('garbage', '3.0.0'), undefined);
  });
  it('puts 3.x lines at major.minor and 1.x at major.minor.patch', () => {
    assert.equal(lineOf('OpenSSL', '3.0.13'), '3.0');
    assert.equal(lineOf('OpenSSL', '1.1.1w'), '1.1.1');
  });
});

describe('other orderings and release lines', () => {
  it('uses PEP 440 for Python (pre-releases before releases, epochs, post releases)', () => {
    assert.ok(compareVersions('PyPI', '19.7.0rc1', '19.7.0')! < 0);
    assert.ok(compareVersions('PyPI', '1.26.18', '1.26.4')! > 0);
    assert.ok(compareVersions('PyPI', '1.0.post1', '1.0')! > 0);
    assert.equal(compareVersions('PyPI', 'not a version', '1.0'), undefined);
  });
  it('reads Go versions and pseudo-versions as semver', () => {
    assert.ok(compareVersions('Go', '1.21', '1.21.0-0')! > 0);
    assert.ok(compareVersions('Go', '1.21rc2', '1.21.0')! < 0);
    assert.ok(compareVersions('Go', 'v0.0.0-20190308221718-c2843e01d9a2', '0.0.0-20200124225646-8b5121be2f68')! < 0);
  });
  it("keeps Cargo's 0.x caret lines apart", () => {
    assert.equal(lineOf('crates.io', '0.10.50'), '0.10');
    assert.equal(lineOf('crates.io', '111.22.0+1.1.1q'), '111');
    assert.equal(lineOf('npm', '1.2.1'), '1');
  });
});

describe('advisory matching', () => {
  it('finds the advisories of a pinned version and the first fix in its line', () => {
    const a = assessVersion('PyPI', 'PyOpenSSL', '17.4.0')!;
    assert.deepEqual(a.matches.map((m) => m.advisory.id).sort(), ['PYSEC-2018-23', 'PYSEC-2018-24']);
    assert.equal(a.fixedInLine, '17.5.0');
    assert.equal(assessVersion('PyPI', 'pyopenssl', '17.5.0'), undefined);
  });
  it('climbs past a fix that still carries a later advisory of the same line', () => {
    const a = assessVersion('crates.io', 'openssl', '0.10.50')!;
    assert.ok(a.matches.length > 1);
    assert.equal(assessVersion('crates.io', 'openssl', a.fixedInLine!), undefined);
  });
  it('says when no release of the line fixes everything', () => {
    const a = assessVersion('Go', 'stdlib', '1.21')!;
    assert.equal(a.fixedInLine, undefined);
  });
  it('reports a range that allows a vulnerable version, and not one above every fix', () => {
    assert.equal(
      assessRange('PyPI', 'urllib3', [
        { op: '>=', version: '1.24' },
        { op: '<', version: '2' },
      ])?.version,
      '1.24',
    );
    assert.equal(
      assessRange('PyPI', 'urllib3', [
        { op: '>=', version: '1.26.5' },
        { op: '<', version: '2' },
      ]),
      undefined,
    );
    // A range that starts below an advisory's introduced version but reaches into it (BC: 1.61 to 1.78).
    assert.equal(
      assessRange('Maven', 'org.bouncycastle:bcprov-jdk18on', [
        { op: '>=', version: '1.50' },
        { op: '<', version: '1.65' },
      ])?.version,
      '1.61',
    );
    assert.equal(
      assessRange('Maven', 'org.bouncycastle:bcprov-jdk18on', [
        { op: '>=', version: '1.50' },
        { op: '<', version: '1.60' },
      ]),
      undefined,
    );
    assert.deepEqual(poetryClauses('^19.2'), [
      { op: '>=', version: '19.2' },
      { op: '<', version: '20' },
    ]);
    assert.deepEqual(poetryClauses('^0.7.3'), [
      { op: '>=', version: '0.7.3' },
      { op: '<', version: '0.8' },
    ]);
  });
  it('ignores packages the table does not track', () => {
    assert.equal(assessVersion('PyPI', 'pyopenssl-stubs', '1.0'), undefined);
  });
});

describe('the advisory table', () => {
  it('records its build date and the commit of every source', () => {
    assert.match(TABLE.built, /^\d{4}-\d{2}-\d{2}$/);
    for (const s of TABLE.sources) {
      if (s.files) for (const f of s.files) assert.match(f.commit, /^[0-9a-f]{40}$/);
      else assert.match(s.commit ?? '', /^[0-9a-f]{40}$/, s.name);
    }
  });
  it('gives every advisory an id, a one-line summary and affected versions', () => {
    for (const a of TABLE.advisories) {
      assert.match(a.id, /^(GHSA|CVE|RUSTSEC|GO|PYSEC)-/);
      assert.ok(a.summary && !a.summary.includes('\n'), a.id);
      assert.ok(a.affected.length > 0 && a.affected.every((p) => (p.ranges?.length ?? 0) > 0 || p.req), a.id);
    }
  });
  it('is stale after six months, once, at information level', () => {
    assert.equal(tableAgeMonths(new Date('2027-06-02T00:00:00Z'), '2026-12-03'), 5);
    assert.equal(staleTableNotice(new Date('2027-06-02T00:00:00Z'), '2026-12-03'), undefined);
    assert.match(staleTableNotice(new Date('2027-06-03T00:00:00Z'), '2026-12-03') ?? '', /6 months ago/);
  });
  it('the stale notice goes once per folder, at the first outdated-tls-library finding of each', () => {
    const f = (path: string, rule: string) => ({ path, rule });
    const findings = [
      f('a/app.py', 'cert-verification-disabled'),
      f('a/requirements.txt', 'outdated-tls-library'),
      f('a/sub/requirements.txt', 'outdated-tls-library'),
      f('b/go.mod', 'outdated-tls-library'),
      f('c/app.py', 'weak-cipher'),
    ];
    const folderOf = (x: { path: string }) => x.path.split('/')[0];
    assert.deepEqual(
      staleNoticeAnchors(findings, folderOf).map((x) => x.path),
      ['a/requirements.txt', 'b/go.mod'],
    );
    assert.deepEqual(
      staleNoticeAnchors(findings, () => 'one folder').map((x) => x.path),
      ['a/requirements.txt'],
    );
  });
  it('knows end of life, with Debian LTS as support for Debian images', () => {
    const day = new Date('2026-01-01T00:00:00Z');
    assert.equal(eolStatus('debian', 'bullseye', day)?.ended, true);
    assert.equal(eolStatus('debian', 'bullseye', day, true)?.ended, false);
    assert.equal(eolStatus('nodejs', '16', day)?.ended, true);
    assert.equal(eolStatus('openssl', '3.0', day)?.ended, false);
    assert.equal(eolStatus('openssl', '3.0', new Date('2026-09-08T00:00:00Z'))?.ended, true);
  });
});

describe('manifest parsing', () => {
  it('reads pip options, markers, extras and continuation lines', () => {
    const deps = requirementsTxt(
      '-r base.txt\ncryptography[ssh]==41.0.1 ; python_version >= "3.8" \\\n    --hash=sha256:00\n# pyopenssl==1\n',
    );
    assert.deepEqual(
      deps.map((d) => [d.name, d.version]),
      [['cryptography', '41.0.1']],
    );
  });
  it('reads go, toolchain and require directives', () => {
    const m = goMod('module m\n\ngo 1.22.3 // comment\ntoolchain go1.23.1\nrequire golang.org/x/crypto v0.1.0\n');
    assert.equal(m.go?.version, '1.22.3');
    assert.equal(m.toolchain?.version, '1.23.1');
    assert.equal(m.requires[0].version, 'v0.1.0');
  });
  it('reads FROM images past flags and stage names', () => {
    const images = dockerFrom(
      'FROM --platform=$BUILDPLATFORM node:14 AS b\nFROM b\nFROM docker.io/library/debian:buster@sha256:00\n',
    );
    assert.deepEqual(
      images.map((i) => `${i.image}:${i.tag}`),
      ['node:14', 'docker.io/library/debian:buster'],
    );
  });
  it('reports a broken manifest as an error and loses nothing else', async () => {
    const grammars = await getGrammars();
    for (const [p, text] of [
      ['package-lock.json', '{ "packages": { "node_modules/node-forge": { "version": "1.2.1" '],
      ['poetry.lock', '[[package]]\nname = "pyopenssl"\nversion = \n'],
      ['pom.xml', '<project><dependencies><dependency><artifactId>bcprov-jdk18on</artifactId></project>'],
    ]) {
      const r = lint({ text, path: p }, grammars);
      assert.equal(r.findings.length, 0, p);
      // A broken manifest is a syntax error of the file (as a broken Python file is), not a detector failure.
      assert.deepEqual(r.errors, [], p);
      assert.equal(r.syntaxErrors, true, p);
      assert.equal(syntaxErrorCount(text, r.language!, grammars), 1, p);
    }
  });
  it('knows every manifest by its file name', () => {
    const names: Record<string, LanguageId> = {
      'requirements.txt': 'pip-requirements',
      'requirements-dev.txt': 'pip-requirements',
      'constraints.txt': 'pip-requirements',
      'Pipfile.lock': 'pipfile-lock',
      'poetry.lock': 'poetry-lock',
      'uv.lock': 'uv-lock',
      'pyproject.toml': 'pyproject',
      'package-lock.json': 'npm-lock',
      'npm-shrinkwrap.json': 'npm-lock',
      'yarn.lock': 'yarn-lock',
      'pnpm-lock.yaml': 'pnpm-lock',
      'package.json': 'package-json',
      '.nvmrc': 'nvmrc',
      '.node-version': 'nvmrc',
      'go.mod': 'gomod',
      'Cargo.lock': 'cargo-lock',
      'pom.xml': 'maven-pom',
      'gradle.lockfile': 'gradle-lockfile',
    };
    for (const [n, lang] of Object.entries(names)) assert.equal(languageOf(`svc/${n}`), lang, n);
    assert.equal(languageOf('svc/notes.txt'), undefined);
  });
});

describe('version-bump fixes', () => {
  const dir = path.join(ROOT, 'test', 'fixtures', 'deps');
  for (const f of fs.readdirSync(dir)) {
    if (f.includes('.fixed.')) continue;
    it(`${f}: each fix is unsafe, applies, re-parses and clears its finding`, async () => {
      const grammars = await getGrammars();
      const file = path.join(dir, f);
      const text = fs.readFileSync(file, 'utf8');
      const detector = f.slice(0, f.indexOf('.'));
      const owner = DETECTORS.find((d) => d.id === `deps.${detector}`);
      assert.ok(owner, `no detector deps.${detector}`);
      const input = { text, path: file, language: languageOf(file) ?? owner.languages[0] };
      const first = lint(input, grammars);
      for (const finding of first.findings.filter((x) => x.detector === `deps.${detector}`)) {
        for (const fix of finding.fixes) {
          assert.equal(fix.safety, 'unsafe', fix.title);
          const out = applyEdits(text, fix.edits);
          const again = lint({ ...input, text: out }, grammars);
          assert.deepEqual(again.errors, [], fix.title);
          assert.equal(again.syntaxErrors, false, `${fix.title}: the fixed file no longer parses`);
          assert.equal(syntaxErrorCount(out, input.language, grammars), 0, fix.title);
          const line = text.slice(0, finding.start).split('\n').length;
          assert.ok(
            !again.findings.some((x) => x.rule === finding.rule && out.slice(0, x.start).split('\n').length === line),
            `${fix.title}: the finding is still there`,
          );
        }
      }
    });
  }
});
