// The incremental document (engine/document.ts): after every step of seeded random edit sequences its
// findings equal a lint from scratch, and the edits it claims to reuse findings for run no detector.
// Bounded here; `npm run fuzz -- --incremental` runs longer sequences.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { openDocument } from '../../server/src/engine/document';
import { lint } from '../../server/src/engine/lint';
import { Rng } from '../fuzz/mutate';
import { checkSequence, comparable, randomStep, statementStep } from '../fuzz/incremental';
import { countingDetectors, getGrammars, ROOT } from '../helpers';

const SEED = 20261203;
const STEPS = 30;
/** Real-ish files: TLS-heavy fixtures of several languages, one with suppression comments. */
const FILES = [
  'test/fixtures/python/requests-verify.py',
  'test/fixtures/python/ssl-verify-mode.py',
  'test/fixtures/python/ssl-wrap-socket.py',
  'test/fixtures/python/stdlib-deprecated-params.py',
  'test/fixtures/javascript/node-tls-reject-unauthorized-env.js',
  'test/fixtures/go/tls-insecure-skip-verify.go',
  'test/fixtures/javascript/tls-reject-unauthorized.tsx',
  'test/fixtures/yaml/insecure-skip-tls-verify.yaml',
];

function read(rel: string): string {
  return fs.readFileSync(path.join(ROOT, rel), 'utf8');
}

/** A generated TLS-heavy test module: `classes` test classes of methods that make and use contexts and sockets. */
function tlsTestModule(classes: number): string {
  const out = [
    'import os',
    'import ssl',
    'import socket',
    'import subprocess',
    'import requests',
    '',
    'CERTFILE = os.path.join(HERE, "cert.pem")',
    'PROTOCOLS = [ssl.PROTOCOL_TLS_CLIENT, ssl.PROTOCOL_TLS_SERVER]',
    '',
    'def testing_context(mode=ssl.CERT_REQUIRED):',
    '    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)',
    '    ctx.verify_mode = mode',
    '    return ctx',
    '',
    'def fetch(url, verify=True):',
    '    return requests.get(url, verify=verify)',
    '',
    'def run_tool(url):',
    "    subprocess.run(['curl', '-s', url])",
    '',
  ];
  for (let c = 0; c < classes; c++) {
    out.push(`class Test${c}(unittest.TestCase):`, '');
    out.push(
      '    def test_context(self):',
      '        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)',
      '        self.assertEqual(ctx.verify_mode, ssl.CERT_REQUIRED)',
      '        ctx.check_hostname = False',
      '        ctx.verify_mode = ssl.CERT_NONE',
      '        values = [1, 2, 3]',
      '        self.assertEqual(len(values), 3)',
      '',
      '    def test_socket(self):',
      '        s = socket.socket()',
      '        self.addCleanup(s.close)',
      '        context = testing_context()',
      '        with context.wrap_socket(s) as ss:',
      '            self.assertTrue(ss.getpeercert())',
      '        data = b"abc" * 3',
      '        self.assertIn(b"a", data)',
      '',
      '    def test_helpers(self):',
      `        fetch("https://example.com/${c}", verify=False)`,
      '        testing_context(ssl.CERT_NONE)',
      '        options = {"cert_reqs": ssl.CERT_NONE}',
      '        self.assertIsNotNone(options)',
      '        run_tool("https://example.com")',
      '        count = sum(range(10))',
      '        print("count", count)',
      '',
      '    def test_plain(self):',
      '        total = 0',
      '        for i in range(3):',
      '            total += i',
      '        self.assertEqual(total, 3)',
      '        name = "x" + str(total)',
      '        self.assertTrue(name.startswith("x"))',
      '',
      '    def test_strings(self):',
      '        parts = "a,b,c".split(",")',
      '        self.assertEqual(len(parts), 3)',
      '        joined = "-".join(parts)',
      '        self.assertEqual(joined, "a-b-c")',
      '        upper = joined.upper()',
      '        print(upper)',
      '',
      '    def test_numbers(self):',
      '        a = 2',
      '        b = a * 21',
      '        self.assertEqual(b, 42)',
      '        helper(a, b)',
      '        log(b, 2)',
      '',
    );
  }
  return out.join('\n');
}

describe('engine document', () => {
  for (const rel of FILES.filter((f) => fs.existsSync(path.join(ROOT, f)))) {
    it(`equals a lint from scratch after each of ${STEPS} random edits: ${rel}`, async () => {
      const grammars = await getGrammars();
      const r = new Rng(SEED + rel.length);
      const result = checkSequence(read(rel), rel, grammars, r, STEPS);
      assert.equal(result.mismatch, undefined, result.mismatch);
      assert.ok(result.findings > 0, 'the sequence saw findings');
    });
  }

  it('equals a lint from scratch when imports, module constants and flags read by other definitions change', async () => {
    const grammars = await getGrammars();
    // Whole-file facts: the imports every name resolves through, a module flag that a default and a call
    // read, a context made in one function and weakened in another, a constant used far from its line, an
    // own function whose parameter reaches a sink, called with a constant from another definition.
    const text = [
      'import ssl',
      'import requests',
      'from urllib3 import PoolManager',
      '',
      'VERIFY = True',
      'MODE = ssl.CERT_REQUIRED',
      'CTX = None',
      '',
      'def make():',
      '    global CTX',
      '    CTX = ssl.create_default_context()',
      '    return CTX',
      '',
      'def weaken():',
      '    CTX.check_hostname = False',
      '    CTX.verify_mode = MODE',
      '',
      'def fetch(u, verify=VERIFY):',
      '    return requests.get(u, verify=verify)',
      '',
      'def use(u):',
      '    requests.get(u, verify=VERIFY)',
      '    return PoolManager(cert_reqs=MODE)',
      '',
      'class Client:',
      '    def __init__(self):',
      '        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)',
      '',
      '    def insecure(self):',
      '        self.ctx.verify_mode = ssl.CERT_NONE',
      '        return self.ctx',
      '',
      'def wrap(sock, mode):',
      '    """Wraps a socket."""',
      '    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)',
      '    ctx.verify_mode = mode',
      '    return ctx.wrap_socket(sock)',
      '',
      'def caller(sock):',
      '    # a constant that reaches the sink of wrap',
      '    return wrap(sock, ssl.CERT_NONE)',
      '',
    ].join('\n');
    for (let seed = 0; seed < 4; seed++) {
      const result = checkSequence(text, 'app/client.py', grammars, new Rng(SEED + seed), STEPS);
      assert.equal(result.mismatch, undefined, result.mismatch);
      assert.ok(result.findings > 0, 'the sequence saw findings');
    }
  });

  it('equals a lint from scratch after edits of statements inside the methods of a TLS-heavy test module', async () => {
    const grammars = await getGrammars();
    // A test module in the manner of a TLS library's own tests: contexts, sockets and servers named alike in
    // every method, module helpers called with constants, command lines, option dictionaries, most
    // statements binding nothing TLS-related (what a change confined to one statement is taken on for).
    const text = tlsTestModule(12);
    const steps = (t: string, r: Rng, removed: string[]) =>
      r.int(4) === 0 ? randomStep(t, r, removed) : statementStep(t, r);
    for (let seed = 0; seed < 3; seed++) {
      const result = checkSequence(
        text,
        'tests/test_tls.py',
        grammars,
        new Rng(SEED + 100 + seed),
        STEPS,
        undefined,
        steps,
      );
      assert.equal(result.mismatch, undefined, result.mismatch);
      assert.ok(result.findings > 0, 'the sequence saw findings');
    }
  });

  it('runs no detector for an edit confined to a statement nothing read, and does for one a finding reads', async () => {
    const grammars = await getGrammars();
    const { detectors: counted, runs } = countingDetectors();
    const text = [
      'import ssl',
      '',
      'def test_one(sock):',
      '    ctx = ssl.create_default_context()',
      '    ctx.check_hostname = False',
      '    total = compute(1, 2)',
      '    print(total)',
      '    return ctx.wrap_socket(sock)',
      '',
    ].join('\n');
    const doc = openDocument(text, 'app/client.py', undefined, counted);
    try {
      const before = doc.lint(grammars);
      assert.ok(before.findings.length > 0);
      let ran = runs();
      // A letter typed in `print(total)`: no answer read that statement.
      const at = doc.text.indexOf('print(total)') + 'print(tot'.length;
      doc.applyChange({ start: at, end: at, text: 'a' });
      const after = doc.lint(grammars);
      assert.equal(runs(), ran, 'no detector ran');
      assert.equal(comparable(after), comparable(lint({ text: doc.text, path: 'app/client.py' }, grammars)));
      // `ctx` typed into it: a name the findings read, so the detectors run again.
      ran = runs();
      const close = doc.text.indexOf(')', at);
      doc.applyChange({ start: close, end: close, text: ', ctx' });
      const again = doc.lint(grammars);
      assert.ok(runs() > ran, 'the detectors ran');
      assert.equal(comparable(again), comparable(lint({ text: doc.text, path: 'app/client.py' }, grammars)));
    } finally {
      doc.dispose();
    }
  });

  it('runs no detector for a statement deleted, one begun on a blank line, a letter beside a word a finding reads, or a header edited', async () => {
    const grammars = await getGrammars();
    const { detectors: counted, runs } = countingDetectors();
    const text = [
      'import ssl',
      '',
      'def test_one(sock, flag):',
      '    ctx = ssl.create_default_context()',
      '    ctx.check_hostname = False',
      '    total = compute(1, 2)',
      '',
      '    print(total)',
      '    if flag > 2:',
      '        log(ctx.protocol, total)',
      '    return ctx.wrap_socket(sock)',
      '',
    ].join('\n');
    const doc = openDocument(text, 'app/client.py', undefined, counted);
    const scratch = () => comparable(lint({ text: doc.text, path: 'app/client.py' }, grammars));
    try {
      assert.ok(doc.lint(grammars).findings.length > 0);
      const at = (s: string) => doc.text.indexOf(s);
      for (const [what, change] of [
        ['a statement deleted', () => ({ start: at('    print(total)'), end: at('    print(total)') + 17, text: '' })],
        [
          'a statement begun on a blank line',
          () => ({ start: at('2)\n\n') + 3, end: at('2)\n\n') + 3, text: '    helper(1)' }),
        ],
        [
          'a letter typed beside a word a finding reads',
          () => ({ start: at('total)') + 5, end: at('total)') + 5, text: 'x' }),
        ],
        ['a header edited', () => ({ start: at('> 2') + 2, end: at('> 2') + 3, text: '3' })],
      ] as const) {
        const ran = runs();
        doc.applyChange(change());
        const after = doc.lint(grammars);
        assert.equal(runs(), ran, `no detector ran for ${what} (${doc.lastOutcome})`);
        assert.equal(comparable(after), scratch(), what);
      }
      // `ctx` typed next to `ctx`: a word a finding reads changes, so the detectors run.
      const ran = runs();
      const p = at('ctx.protocol');
      doc.applyChange({ start: p, end: p, text: 'x' });
      const again = doc.lint(grammars);
      assert.ok(runs() > ran, 'the detectors ran');
      assert.equal(comparable(again), scratch());
    } finally {
      doc.dispose();
    }
  });

  it('equals a lint from scratch with suppression comments and a rule turned off', async () => {
    const grammars = await getGrammars();
    const text =
      'import requests\n\n' +
      'def f(u):\n' +
      '    # tlslint-disable-next-line cert-verification-disabled -- test server\n' +
      '    requests.get(u, verify=False)\n' +
      '    requests.post(u, verify=False)  # tlslint-disable-line legacy-protocol\n';
    const r = new Rng(SEED);
    for (const settings of [
      undefined,
      { rules: { 'legacy-protocol': 'off' as const }, testFiles: 'report' as const, languages: {} },
    ]) {
      const result = checkSequence(text.repeat(3), 'app/client.py', grammars, r, STEPS, settings);
      assert.equal(result.mismatch, undefined, result.mismatch);
    }
  });

  it('reuses the findings for whitespace typed at a line end, shifted, without running a detector', async () => {
    const grammars = await getGrammars();
    const { detectors: counted, runs } = countingDetectors();
    const text = 'import requests\n\nx = 1\nrequests.get(u, verify=False)\n';
    const doc = openDocument(text, 'a.py', undefined, counted);
    try {
      const before = doc.lint(grammars);
      assert.equal(before.findings.length, 1);
      const ran = runs();
      assert.ok(ran > 0);
      // "x = 1" -> "x = 1   ": trailing whitespace before the finding.
      doc.applyChange({ start: 22, end: 22, text: '   ' });
      const after = doc.lint(grammars);
      assert.equal(runs(), ran, 'no detector ran');
      assert.equal(after.findings[0].start, before.findings[0].start + 3);
      assert.equal(comparable(after), comparable(lint({ text: doc.text, path: 'a.py' }, grammars)));
      // Two changes before a lint: whitespace at the end of "x = 1", then at the end of the finding's own
      // line, which is not inert (a fix may reach the line's end): found where the first change moved it.
      const findingLineEnd = doc.text.indexOf('\n', after.findings[0].start);
      doc.applyChange({ start: 25, end: 25, text: '  ' });
      doc.applyChange({ start: findingLineEnd + 2, end: findingLineEnd + 2, text: ' ' });
      const both = doc.lint(grammars);
      assert.ok(runs() > ran, 'detectors ran for whitespace at the end of a finding line');
      assert.equal(comparable(both), comparable(lint({ text: doc.text, path: 'a.py' }, grammars)));
      // A letter typed there is not inert: the detectors run again.
      doc.applyChange({ start: 22, end: 22, text: 'y' });
      doc.lint(grammars);
      assert.ok(runs() > ran, 'detectors ran after a code change');
    } finally {
      doc.dispose();
    }
  });

  it('reuses the findings for blank lines added or deleted between statements, without running a detector', async () => {
    const grammars = await getGrammars();
    const { detectors: counted, runs } = countingDetectors();
    const text = [
      'import requests',
      '',
      'def get(u):',
      '    x = 1',
      '    y = 2',
      '    # about the call',
      '    return requests.get(u, verify=False)',
      '',
      'z = 3',
      'w = (1,',
      '     2)',
      '',
    ].join('\n');
    const doc = openDocument(text, 'a.py', undefined, counted);
    const scratch = () => comparable(lint({ text: doc.text, path: 'a.py' }, grammars));
    const at = (s: string) => doc.text.indexOf(s) + s.length;
    try {
      const first = doc.lint(grammars);
      assert.equal(first.findings.length, 1);
      let ran = runs();
      // Enter after "x = 1" (the new line indented), and an empty line deleted: between statements.
      doc.applyChange({ start: at('x = 1'), end: at('x = 1'), text: '\n    ' });
      let after = doc.lint(grammars);
      assert.equal(runs(), ran, 'no detector ran for Enter between statements');
      assert.equal(after.findings[0].start, first.findings[0].start + 5);
      assert.equal(comparable(after), scratch());
      doc.applyChange({ start: at('import requests\n'), end: at('import requests\n\n'), text: '' });
      after = doc.lint(grammars);
      assert.equal(runs(), ran, 'no detector ran for an empty line deleted');
      assert.equal(comparable(after), scratch());
      // Between a definition's header and its body.
      doc.applyChange({ start: at('def get(u):'), end: at('def get(u):'), text: '\n\n' });
      after = doc.lint(grammars);
      assert.equal(runs(), ran, 'no detector ran for blank lines after a header');
      assert.equal(comparable(after), scratch());
      // Inside a parenthesised expression: not blank lines between statements, but a change confined to a
      // statement nothing read (the detectors may or may not run; the findings are those of a lint from scratch).
      doc.applyChange({ start: at('w = (1,'), end: at('w = (1,'), text: '\n' });
      assert.equal(comparable(doc.lint(grammars)), scratch());
      // Not inert: after "y = 2" (the next line is a comment, which describes the code below it), after a
      // finding's line, and in the middle of a line.
      for (const change of [
        { start: at('verify=False)\n'), end: at('verify=False)\n'), text: '\n' },
        { start: at('y = 2'), end: at('y = 2'), text: '\n' },
        { start: at('z ='), end: at('z ='), text: '\n' },
      ]) {
        ran = runs();
        doc.applyChange(change);
        after = doc.lint(grammars);
        assert.ok(
          runs() > ran,
          `detectors ran for ${JSON.stringify(doc.text.slice(change.start - 5, change.start + 5))}`,
        );
        assert.equal(comparable(after), scratch());
      }
    } finally {
      doc.dispose();
    }
  });

  it('reuses the findings for prose typed in a comment or docstring, and runs the detectors when a scan could see it', async () => {
    const grammars = await getGrammars();
    const { detectors: counted, runs } = countingDetectors();
    const text = [
      'import requests',
      '',
      '',
      'def fetch(u):',
      '    """Fetch a page."""',
      '    # plain words here',
      '    return requests.get(u, verify=False)',
      '',
      '',
      '# the end',
      'x = 1',
      '',
    ].join('\n');
    const doc = openDocument(text, 'a.py', undefined, counted);
    const same = () =>
      assert.equal(comparable(doc.lint(grammars)), comparable(lint({ text: doc.text, path: 'a.py' }, grammars)));
    const at = (s: string) => doc.text.indexOf(s) + s.length;
    try {
      assert.equal(doc.lint(grammars).findings.length, 1);
      let ran = runs();
      // Typed into a docstring and a comment (at the end of its line and inside it), and deleted again.
      for (const [where, typed] of [
        ['Fetch a', ' web'],
        ['# the end', ' of it'],
        ['# the', 'n'],
        ['"""Fetch a web page', '\n    More'],
      ] as const) {
        doc.applyChange({ start: at(where), end: at(where), text: typed });
        same();
        assert.equal(runs(), ran, `no detector ran for ${JSON.stringify(typed)}`);
      }
      doc.applyChange({ start: at('# then'), end: at('# then') + 4, text: '' });
      same();
      assert.equal(runs(), ran, 'no detector ran for a deletion in a comment');
      // What a whole-file scan or a pre-filter reads: the detectors run (and agree with a lint from scratch).
      for (const [where, typed] of [
        ['# plain words', ' for u'],
        ['# plain words', ' tlslint-disable'],
        ['# plain words', ' CERT_NONE'],
        ['"""Fetch a', ' ssl_context'],
        ['"""Fetch a', '"'],
        ['# the', '\nprint(1)'],
      ] as const) {
        doc.applyChange({ start: at(where), end: at(where), text: typed });
        same();
        assert.ok(runs() > ran, `the detectors ran for ${JSON.stringify(typed)}`);
        ran = runs();
      }
    } finally {
      doc.dispose();
    }
  });

  it('moves no line in a docstring while a finding names one, and types letters into it without running a detector', async () => {
    const grammars = await getGrammars();
    const { detectors: counted, runs } = countingDetectors();
    const text = [
      'import ssl',
      '',
      'def caller(sock):',
      '    """Calls wrap."""',
      '    return wrap(sock, ssl.CERT_NONE)',
      '',
      'def wrap(sock, mode):',
      '    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)',
      '    ctx.verify_mode = mode',
      '    return ctx.wrap_socket(sock)',
      '',
    ].join('\n');
    const doc = openDocument(text, 'app/client.py', undefined, counted);
    const same = () =>
      assert.equal(
        comparable(doc.lint(grammars)),
        comparable(lint({ text: doc.text, path: 'app/client.py' }, grammars)),
      );
    try {
      const first = doc.lint(grammars);
      assert.ok(
        first.findings.some((f) => /\(line \d+\)/.test(f.message)),
        'a call-site finding names the sink line',
      );
      const ran = runs();
      const at = doc.text.indexOf('Calls') + 5;
      doc.applyChange({ start: at, end: at, text: ' it' });
      same();
      assert.equal(runs(), ran, 'no detector ran for letters in the docstring');
      doc.applyChange({ start: at, end: at, text: '\n    and more' });
      same();
      assert.ok(runs() > ran, 'the detectors ran: the sink line named in a message moved');
    } finally {
      doc.dispose();
    }
  });

  it('moves no line while a finding names one: a blank line added runs the detectors', async () => {
    const grammars = await getGrammars();
    const { detectors: counted, runs } = countingDetectors();
    const text =
      'import requests\n\ndef get(u, verify=False):\n    x = 1\n    y = 2\n    return requests.get(u, verify=verify)\n';
    const doc = openDocument(text, 'a.py', undefined, counted);
    try {
      const first = doc.lint(grammars);
      assert.match(first.findings[0]?.message ?? '', /line 3/);
      const ran = runs();
      const at = text.indexOf('x = 1') + 5;
      doc.applyChange({ start: at, end: at, text: '\n' });
      const after = doc.lint(grammars);
      assert.ok(runs() > ran, 'detectors ran');
      assert.equal(comparable(after), comparable(lint({ text: doc.text, path: 'a.py' }, grammars)));
    } finally {
      doc.dispose();
    }
  });

  it('answers a text linted before (undo, redo, a typo deleted) from that lint, without running a detector', async () => {
    const grammars = await getGrammars();
    const { detectors: counted, runs } = countingDetectors();
    const text = 'import requests\n\nx = 1\nrequests.get(u, verify=False)\n';
    const doc = openDocument(text, 'a.py', undefined, counted);
    try {
      const scratch = () => comparable(lint({ text: doc.text, path: 'a.py' }, grammars));
      const original = doc.lint(grammars);
      assert.equal(original.findings.length, 1);
      // "verify=False" -> "verify=Falsey": a code change, so the detectors run.
      const at = text.indexOf('False') + 5;
      doc.applyChange({ start: at, end: at, text: 'y' });
      let ran = runs();
      const typo = doc.lint(grammars);
      assert.ok(runs() > ran, 'detectors ran after a code change');
      assert.equal(comparable(typo), scratch());
      // Deleted again: the text of the first lint, answered from it.
      doc.applyChange({ start: at, end: at + 1, text: '' });
      ran = runs();
      const undone = doc.lint(grammars);
      assert.equal(runs(), ran, 'no detector ran for a text linted before');
      assert.equal(comparable(undone), comparable(original));
      assert.equal(comparable(undone), scratch());
      // Redone: the typo's lint.
      doc.applyChange({ start: at, end: at, text: 'y' });
      const redone = doc.lint(grammars);
      assert.equal(runs(), ran, 'no detector ran for the redone text');
      assert.equal(comparable(redone), comparable(typo));
      // A typo that breaks the syntax, deleted again: answered from the first lint without a reparse; the
      // whitespace typed next is judged on a reparsed tree, not on the one parsed with the typo.
      doc.applyChange({ start: at, end: at + 1, text: '' });
      doc.lint(grammars);
      doc.applyChange({ start: at, end: at, text: '(' });
      assert.equal(doc.lint(grammars).syntaxErrors, true);
      doc.applyChange({ start: at, end: at + 1, text: '' });
      assert.equal(doc.lint(grammars).syntaxErrors, false);
      const xEnd = doc.text.indexOf('x = 1') + 5;
      doc.applyChange({ start: xEnd, end: xEnd, text: '  ' });
      const spaced = doc.lint(grammars);
      assert.equal(spaced.syntaxErrors, false);
      assert.equal(comparable(spaced), scratch());
      // Under other settings the earlier lints do not count.
      doc.lint(grammars, { settings: { rules: {}, testFiles: 'report', languages: {} } });
      assert.ok(runs() > ran, 'detectors ran under other settings');
    } finally {
      doc.dispose();
    }
  });

  it('answers a text linted before with what its detectors read besides findings: a manifest that does not parse', async () => {
    const grammars = await getGrammars();
    const text = read('test/fixtures/deps/package-lock.json');
    const doc = openDocument(text, 'package-lock.json');
    try {
      const scratch = () => comparable(lint({ text: doc.text, path: 'package-lock.json' }, grammars));
      assert.equal(doc.lint(grammars).syntaxErrors, false);
      // A brace deleted: the lock file no longer parses (its own parser says so, not a tree).
      const brace = text.indexOf('{', 1);
      doc.applyChange({ start: brace, end: brace + 1, text: '' });
      const broken = doc.lint(grammars);
      assert.equal(broken.syntaxErrors, true);
      doc.applyChange({ start: 0, end: 0, text: ' ' });
      doc.lint(grammars);
      // The space taken out again: the broken text comes back, and so does its flag.
      doc.applyChange({ start: 0, end: 1, text: '' });
      const again = doc.lint(grammars);
      assert.equal(again.syntaxErrors, true);
      assert.equal(comparable(again), scratch());
    } finally {
      doc.dispose();
    }
  });

  it('keeps a full-text replacement and a change outside the text apart', async () => {
    const grammars = await getGrammars();
    const doc = openDocument('import requests\n', 'a.py');
    try {
      assert.throws(() => doc.applyChange({ start: 5, end: 100, text: '' }), RangeError);
      doc.setText('import requests\nrequests.get(u, verify=False)\n');
      assert.equal(doc.lint(grammars).findings.length, 1);
    } finally {
      doc.dispose();
    }
  });
});
