// Across files (engine/workspace + host/workspace-index): the multi-file fixture folders under
// test/fixtures/crossfile/<language>/, annotated like the detector fixtures, linted the way both hosts lint
// (SummaryStore: lint, load what it asked for, lint again), with paths relative to the fixture folder.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { lint, prefilterTokens } from '../../server/src/engine/lint';
import { summarize, summaryHash, type FileSummary } from '../../server/src/engine/workspace';
import { DEFAULT_SETTINGS, type LintResult } from '../../server/src/engine/types';
import { SummaryStore } from '../../server/src/host/workspace-index';
import { ROOT, getGrammars, lineOf } from '../helpers';
import {
  pythonAssignedNames,
  pythonConstantTexts,
  pythonFunctionSpans,
  pythonImports,
  namesBefore,
} from '../../server/src/engine/calls/python';
import { parseAnnotations } from '../engine/annotations';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'crossfile');

function filesOf(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(py|js|ts|go|java|kt|rs|cs)$/.test(f))
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
              // A call of this file's own function names its sink here; anything else rests on another file.
              const ownCall = /is called with .* \(line \d+\)/.test(hits[0].f.message);
              const elsewhere = hits[0].f.related?.find((r) => (ownCall ? !r.file : r.file));
              assert.ok(elsewhere, `${where}: no related location in another file (or at the own sink)`);
              if (!elsewhere.file) continue;
              assert.ok(fs.existsSync(path.join(root, elsewhere.file.path)), `${where}: ${elsewhere.file.path}`);
              // Its fix would edit the other file's value at this file's offsets: none. A literal of this file
              // that also reaches another file's sink (`open({ rejectUnauthorized: false })`) keeps its own fix.
              const sinkOnly = / reaches `/.test(elsewhere.message ?? '') && !/is called with/.test(hits[0].f.message);
              if (!sinkOnly) assert.deepEqual(hits[0].f.fixes, [], `${where}: fixes`);
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

  it('a call site with no TLS word is linted, and re-linted when the function it calls changes', async () => {
    const grammars = await getGrammars();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-calls-'));
    try {
      fs.cpSync(path.join(FIXTURES, 'python'), dir, { recursive: true });
      const text = 'from .http import make_session\n\nmake_session("https://example.com", False)\n';
      fs.writeFileSync(path.join(dir, 'wrap', 'plain.py'), text);
      // No detector's words: only the relative import lets the hosts' pre-filter through.
      const tokens = prefilterTokens('python', DEFAULT_SETTINGS)!;
      assert.deepEqual(
        tokens.filter((t) => text.includes(t)),
        ['from .'],
      );
      assert.equal(lint({ text, path: 'wrap/plain.py' }, grammars).findings.length, 0);
      const store = new SummaryStore(grammars);
      const r = await lintIn(dir, 'wrap/plain.py', store);
      assert.deepEqual(
        r.findings.map(
          (f) => `${lineOf(text, f.start)} ${f.rule} ${f.related?.[0]?.file?.path}:${f.related?.[0]?.file?.line}`,
        ),
        ['3 cert-verification-disabled wrap/http.py:8'],
      );
      // The wrapper stops passing its parameter on: the caller is named for a re-lint, and is then clean.
      const http = path.join(dir, 'wrap', 'http.py');
      fs.writeFileSync(http, fs.readFileSync(http, 'utf8').replace('verify=verify)', 'verify=True)'));
      assert.deepEqual(store.invalidate(http), [path.join(dir, 'wrap', 'plain.py')]);
      assert.equal((await lintIn(dir, 'wrap/plain.py', store)).findings.length, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a call site into modules with no TLS word is decided from their text screens, and re-linted when one gains a sink', async () => {
    const grammars = await getGrammars();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-screen-'));
    try {
      fs.mkdirSync(path.join(dir, 'pkg'));
      fs.writeFileSync(path.join(dir, 'pkg', '__init__.py'), 'from .base import *\n');
      fs.writeFileSync(path.join(dir, 'pkg', 'base.py'), 'def fetch(url, check=True):\n    return open(url)\n');
      const text = 'from . import fetch\n\nfetch("https://example.com", False)\n';
      fs.writeFileSync(path.join(dir, 'pkg', 'caller.py'), text);
      const store = new SummaryStore(grammars);
      const before = await lintIn(dir, 'pkg/caller.py', store);
      assert.equal(before.findings.length, 0);
      // Decided from the screens of the package and the module it re-exports from (no summary was made).
      assert.deepEqual(
        (before.dependsOn ?? []).filter((d) => d.hash).map((d) => `${d.path} ${d.hash!.slice(0, 7)}`),
        ['pkg/__init__.py screen:', 'pkg/base.py screen:'],
      );
      // The re-exported function now passes its parameter to a sink: the caller is named, and reported.
      const base = path.join(dir, 'pkg', 'base.py');
      fs.writeFileSync(
        base,
        'import requests\n\n\ndef fetch(url, check=True):\n    return requests.get(url, verify=check)\n',
      );
      assert.deepEqual(store.invalidate(base), [path.join(dir, 'pkg', 'caller.py')]);
      const after = await lintIn(dir, 'pkg/caller.py', store);
      assert.deepEqual(
        after.findings.map((f) => `${lineOf(text, f.start)} ${f.rule} ${f.related?.[0]?.file?.path}`),
        ['3 cert-verification-disabled pkg/base.py'],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('text screens read import statements without parsing: every name and module, never fewer', () => {
    const { names, statements } = pythonImports(
      [
        'import os.path, json as j',
        'from .a import (b,',
        '    c as d)  # e',
        'from ..x.y import \\',
        '    z',
        'from . import *',
        'if t: from m import n',
      ].join('\n'),
    );
    for (const n of ['os', 'path', 'json', 'j', 'b', 'c', 'd', 'z', '*', 'n']) assert.ok(names.includes(n), n);
    assert.deepEqual(
      statements.map((s) => `${s.level}:${s.module}:${s.plain ? 'plain' : s.star ? '*' : s.names.join(',')}`),
      ['0:os.path:plain', '0:json:plain', '0:as:plain', '0:j:plain', '1:a:b,c,as,d', '2:x.y:z', '1::*', '0:m:n'],
    );
  });

  it('text screens read top-level functions and constant texts without parsing', () => {
    const text = [
      'import ssl',
      'MODE = ssl.CERT_NONE',
      'NAME: str = "x"  # c',
      'def plain(a):',
      '    return a',
      '',
      '@decorated',
      'async def fetch(url, verify=True):',
      '    s = """',
      '  inner text',
      '"""',
      '    return get(url, verify=verify)',
      '\fclass C:',
      '    def method(self, x):',
      '        X = 1',
      'LONG = \\',
      '    "CERT_NONE"',
    ].join('\n');
    const spans = pythonFunctionSpans(text).map((f) => `${f.name}:${JSON.stringify(text.slice(f.start, f.end))}`);
    assert.deepEqual(spans, [
      `plain:${JSON.stringify('def plain(a):\n    return a\n\n')}`,
      `fetch:${JSON.stringify('async def fetch(url, verify=True):\n    s = """\n  inner text\n"""\n    return get(url, verify=verify)\n')}`,
    ]);
    assert.deepEqual(pythonConstantTexts(text), [' ssl.CERT_NONE', ' "x"  # c', ' \\\n    "CERT_NONE"']);
    // The names assigned at the top level (a summary's constants are among them), after a semicolon too.
    assert.deepEqual(pythonAssignedNames(`${text}\nplain_name = 1; Semi: str = "CERT_NONE"\nplain_name == 2\n`), [
      'MODE',
      'NAME',
      'LONG',
      'plain_name',
      'Semi',
    ]);
  });

  it('a declaration file (.pyi, .d.ts) runs nothing: no call site in it is reported', async () => {
    const grammars = await getGrammars();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-stubs-'));
    try {
      fs.mkdirSync(path.join(dir, 'pkg'));
      fs.writeFileSync(
        path.join(dir, 'pkg', 'base.py'),
        'import requests\n\n\ndef fetch(url, check=True):\n    return requests.get(url, verify=check)\n',
      );
      const text = 'from .base import fetch\n\nfetch("https://example.com", False)\n';
      const found: string[] = [];
      for (const rel of ['pkg/use.py', 'pkg/use.pyi']) {
        fs.writeFileSync(path.join(dir, rel), text);
        const store = new SummaryStore(grammars);
        const r = await lintIn(dir, rel, store);
        found.push(`${rel} ${r.findings.map((f) => `${lineOf(text, f.start)} ${f.rule}`).join(',')}`);
      }
      assert.deepEqual(found, ['pkg/use.py 3 cert-verification-disabled', 'pkg/use.pyi ']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a call site with no TLS word is parsed only when a function it names may hold a sink', async () => {
    const grammars = await getGrammars();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-spans-'));
    try {
      fs.mkdirSync(path.join(dir, 'pkg'));
      // The sink is in `fetch`; `helper` and the module's other text name no detector's word.
      fs.writeFileSync(
        path.join(dir, 'pkg', 'base.py'),
        'import requests\n\n\ndef helper(flag):\n    return flag\n\n\ndef fetch(url, check=True):\n    return requests.get(url, verify=check)\n',
      );
      fs.writeFileSync(path.join(dir, 'pkg', '__init__.py'), 'from .base import fetch as get, helper\n');
      const calls = {
        'pkg/a.py': 'from .base import helper\n\nhelper(False)\n',
        'pkg/b.py': 'from . import base\n\nbase.helper(False)\n',
        'pkg/c.py': 'from . import get\n\nget("https://example.com", False)\n',
        'pkg/d.py': 'from .base import fetch\n\nfetch(\n    "https://example.com",\n    False,\n)\n',
      };
      for (const [rel, text] of Object.entries(calls)) fs.writeFileSync(path.join(dir, rel), text);
      // A name imported from a module that assigns no such name is no constant: read from its screen, no summary.
      fs.writeFileSync(path.join(dir, 'pkg', 'names.py'), 'OTHER = "x"\n\n\ndef LABEL():\n    return OTHER\n');
      const e = 'from .base import fetch\nfrom .names import LABEL\n\nfetch(LABEL, False)\n';
      fs.writeFileSync(path.join(dir, 'pkg', 'e.py'), e);
      const store = new SummaryStore(grammars);
      const fromE = await lintIn(dir, 'pkg/e.py', store);
      assert.deepEqual(
        (fromE.dependsOn ?? [])
          .filter((d) => d.path === 'pkg/names.py' || d.path === 'pkg/base.py')
          .map((d) => `${d.path} ${d.hash?.startsWith('screen:') ? 'screen' : 'summary'}`)
          .sort(),
        ['pkg/base.py summary', 'pkg/names.py screen'],
      );
      assert.deepEqual(
        fromE.findings.map((f) => `${lineOf(e, f.start)} ${f.rule}`),
        ['4 cert-verification-disabled'],
      );
      const out: string[] = [];
      for (const [rel, text] of Object.entries(calls)) {
        const r = await lintIn(dir, rel, store);
        const summaries = (r.dependsOn ?? []).filter((d) => d.hash && !d.hash.startsWith('screen:'));
        out.push(
          `${rel} ${summaries.length ? 'parsed' : 'screened'} ${r.findings.map((f) => `${lineOf(text, f.start)} ${f.rule}`).join(',')}`,
        );
      }
      assert.deepEqual(out, [
        'pkg/a.py screened ',
        'pkg/b.py screened ',
        'pkg/c.py parsed 3 cert-verification-disabled',
        'pkg/d.py parsed 5 cert-verification-disabled',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("one store's text screens serve another (a scan's threads share them): same findings, no second read", async () => {
    const grammars = await getGrammars();
    const root = path.join(FIXTURES, 'python');
    const reads: string[] = [];
    const counting = (into: string[]) => ({
      read: (abs: string) => {
        into.push(abs);
        try {
          return fs.readFileSync(abs, 'utf8');
        } catch {
          return undefined;
        }
      },
      list: (dir: string) => {
        try {
          return fs.readdirSync(dir);
        } catch {
          return undefined;
        }
      },
    });
    const first = new SummaryStore(grammars, counting([]), false);
    const rels = filesOf(root);
    const alone = rels.map((rel) => {
      const abs = path.join(root, rel);
      return first.lintWithIndex(abs, rel, (index) =>
        lint({ text: fs.readFileSync(abs, 'utf8'), path: rel, index }, grammars),
      );
    });
    const made = first.takeScreens();
    assert.ok(made.length > 0, 'the lints screened modules');
    assert.deepEqual(first.takeScreens(), [], 'each screen is handed out once');
    const second = new SummaryStore(grammars, counting(reads), false);
    second.addScreens(made);
    const shared = rels.map((rel) => {
      const abs = path.join(root, rel);
      return second.lintWithIndex(abs, rel, (index) =>
        lint({ text: fs.readFileSync(abs, 'utf8'), path: rel, index }, grammars),
      );
    });
    const show = (rs: LintResult[]) => rs.map((r) => r.findings.map((f) => `${f.rule}@${f.start}`).join(','));
    assert.deepEqual(show(shared), show(alone));
    const screened = new Set(made.map(([key]) => key.split('\0')[0]));
    // Only summaries (a parse) read a screened file again; its screen is never made twice.
    assert.deepEqual(
      second.takeScreens().filter(([key]) => screened.has(key.split('\0')[0])),
      [],
    );
    assert.ok(reads.length < rels.length * 4, `${reads.length} reads`);
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
    // Go: a variable's one write at the top of init() is its value; any other write makes it no constant.
    const init = sum(
      'package p\nvar A = false\nvar B bool\nvar C = true\nvar D = 1\nfunc init() {\n\tA = true\n\tB = true\n\tif x {\n\t\tC = false\n\t}\n}\nfunc f() { D++ }\n',
      'p/b.go',
    );
    assert.deepEqual(Object.fromEntries(Object.entries(init.constants).map(([k, v]) => [k, v.text])), {
      A: 'true',
      B: 'true',
    });
    // go.mod: the module path; Java and Kotlin: the package and what each named class does to trust.
    assert.equal(sum('module example.com/app // the app\n\ngo 1.22\n', 'go.mod').package, 'example.com/app');
    const java = sum(
      'package a.b;\nclass V implements javax.net.ssl.HostnameVerifier {\n  public boolean verify(String h, javax.net.ssl.SSLSession s) { return true; }\n}\nclass W implements HostnameVerifier {\n  public boolean verify(String h, SSLSession s) { return h.equals("x"); }\n}\n',
      'a/b/V.java',
    );
    assert.equal(java.package, 'a.b');
    assert.deepEqual(Object.keys(java.types ?? {}), ['V']);
    assert.equal(java.types!.V[0].kind, 'accepts-any-host');
    assert.equal(java.types!.V[0].at.line, 2);
    const kt = sum(
      'package a.b\nobject T : X509TrustManager {\n  override fun checkServerTrusted(c: Array<X509Certificate>, a: String) {}\n}\n',
      'a/b/T.kt',
    );
    assert.deepEqual(
      kt.types?.T.map((t) => [t.kind, t.object]),
      [['trusts-any-chain', true]],
    );
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

  it('summaries: the functions a JavaScript module exports, by the names importers call them', async () => {
    const grammars = await getGrammars();
    const fns = (text: string) => summarize({ text, path: 'm.ts' }, grammars)!.functions?.sort();
    // Exported functions with parameters; a local one, one without parameters and one bound twice are not.
    assert.deepEqual(
      fns(
        'export function a(x) {}\nexport const b = (y) => y;\nfunction c(z) {}\nfunction d() {}\nexport { c as e, d };\n' +
          'export default function f(v) {}\nfunction local(w) {}\nexport let g = (x) => x;\ng = null;\n',
      ),
      ['a', 'b', 'default', 'e', 'f'],
    );
    // CommonJS: the whole module, and its members.
    assert.deepEqual(
      fns('function h(x) {}\nmodule.exports = function (opts) {};\nmodule.exports.h = h;\nexports.i = (v) => v;\n'),
      ['default', 'h', 'i'],
    );
    assert.deepEqual(fns('function h(x) {}\nfunction k(y) {}\nmodule.exports = { h, kk: k, m(z) {} };\n'), [
      'h',
      'kk',
      'm',
    ]);
  });
});

describe('namesBefore', () => {
  // The definition it implements: a run of name characters (`\w`, or non-ASCII that is no white space as
  // `\s` has it), then white space, then `.` (dotted) or `(` (called).
  function reference(text: string): { dotted: Set<string>; called: Set<string> } {
    const space = (c: string) => /\s/.test(c);
    const name = (c: string) => /\w/.test(c) || (c.charCodeAt(0) >= 0x80 && !space(c));
    const dotted = new Set<string>();
    const called = new Set<string>();
    for (let i = 0; i < text.length;) {
      if (!name(text[i])) {
        i++;
        continue;
      }
      const start = i;
      while (i < text.length && name(text[i])) i++;
      let j = i;
      while (j < text.length && space(text[j])) j++;
      if (text[j] === '.') dotted.add(text.slice(start, i));
      else if (text[j] === '(') called.add(text.slice(start, i));
      i = j;
    }
    return { dotted, called };
  }

  it('finds what the definition finds, on seeded random texts with non-ASCII names and spaces', () => {
    const pieces = [
      'a',
      'ssl',
      '_x9',
      'é',
      '名',
      '\u00a0',
      '\u2003',
      '\ufeff',
      ' ',
      '\t',
      '\n',
      '.',
      '(',
      ')',
      '#',
      '"',
      '\ud83d\ude00',
      '-',
    ];
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 2000; round++) {
      let text = '';
      const n = Math.floor(next() * 30);
      for (let i = 0; i < n; i++) text += pieces[Math.floor(next() * pieces.length)];
      const got = namesBefore(text);
      const want = reference(text);
      assert.deepEqual([...got.dotted].sort(), [...want.dotted].sort(), JSON.stringify(text));
      assert.deepEqual([...got.called].sort(), [...want.called].sort(), JSON.stringify(text));
    }
  });
});
