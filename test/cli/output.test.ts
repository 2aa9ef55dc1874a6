// The ruff-like text output and fix loop: source frames with fix hints, hidden unsafe fixes counted,
// --diff, --statistics, --exit-zero, --format concise|github; --version/-V/-v, `tlslint rule`, and
// "did you mean" for mistyped flags, commands and rule ids.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './helpers';

const APP = [
  'import ssl',
  'import requests',
  '',
  'def get(url):',
  '\treturn requests.get(url, verify=False)',
  '',
  'def ctx():',
  '    return ssl.SSLContext(ssl.PROTOCOL_TLSv1)',
  '',
].join('\n');

function workspace(): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'app.py'), APP);
  fs.writeFileSync(path.join(dir, 'ok.py'), 'import requests\nrequests.get(u, verify=True)  # verify=False\n');
  return dir;
}

describe('text output', () => {
  it('a source frame under each finding: the line, a caret underline (tabs expanded), the fix as a hint', async () => {
    const dir = workspace();
    const r = await runCli(['scan', '.'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const expected = [
      "app.py:5:27  error  cert-verification-disabled  `requests.get` is called with `verify=False`: the server's certificate is not verified.",
      '  |',
      '5 |     return requests.get(url, verify=False)',
      '  |                              ^^^^^^^^^^^^',
      '  = fix available: Verify certificates (`verify=True`)',
      '',
      'app.py:8:27  warning  legacy-protocol  `ssl.PROTOCOL_TLSv1` pins TLS 1.0, a legacy protocol version: use TLS 1.2 or later.',
      '  |',
      '8 |     return ssl.SSLContext(ssl.PROTOCOL_TLSv1)',
      '  |                           ^^^^^^^^^^^^^^^^^^',
      '  = (unsafe) fix available with --unsafe-fixes: Use `PROTOCOL_TLS_CLIENT` (negotiates TLS 1.2 or later; also turns on certificate and host name checks)',
      '',
      '2 findings (1 error, 1 warning) in 2 files, 1 fixable with --fix, 1 more fixable with --fix --unsafe-fixes.',
      '',
    ].join('\n');
    assert.equal(r.stdout, expected);
    assert.ok(!r.stdout.includes('\x1b['), 'no colours without a terminal');
  });

  it('after --fix, the findings only an unsafe fix resolves are counted as "more fixable with --unsafe-fixes"', async () => {
    const dir = workspace();
    const r = await runCli(['scan', '.', '--fix'], { cwd: dir });
    assert.match(r.stdout, /Fixed 1 finding, 1 finding \(1 warning\) in 2 files, 1 fixable with --unsafe-fixes\.\n$/);
    assert.match(r.stdout, /= \(unsafe\) fix available with --unsafe-fixes: /);
  });

  it('--color paints the frame; --format concise keeps one line per finding', async () => {
    const dir = workspace();
    const c = await runCli(['scan', '.', '--color'], { cwd: dir });
    assert.ok(c.stdout.includes(`\x1b[31m${'^'.repeat(12)}\x1b[0m`), c.stdout);
    const concise = await runCli(['scan', '.', '--format', 'concise'], { cwd: dir });
    assert.deepEqual(
      concise.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split('  ')[0]),
      [
        'app.py:5:27',
        'app.py:8:27',
        '2 findings (1 error, 1 warning) in 2 files, 1 fixable with --fix, 1 more fixable with --fix --unsafe-fixes.',
      ],
    );
  });

  it('a long minified line shows a window around the finding', async () => {
    const dir = tempDir();
    const pad = 'var a=1;'.repeat(100);
    fs.writeFileSync(
      path.join(dir, 'min.js'),
      `${pad}new (require('https').Agent)({rejectUnauthorized:false});${pad}\n`,
    );
    const r = await runCli(['scan', '.', '--format', 'text'], { cwd: dir });
    const lines = r.stdout.split('\n');
    const src = lines.find((l) => l.startsWith('1 | '))!;
    assert.ok(src.length < 140, src);
    const caret = lines[lines.indexOf(src) + 1];
    const at = caret.indexOf('^');
    assert.equal(src.slice(at, at + 'rejectUnauthorized:false'.length), 'rejectUnauthorized:false');
  });
});

describe('--diff, --statistics, --exit-zero, --format github', () => {
  it('--diff prints unified diffs, writes nothing and exits 1; with nothing to fix it exits 0', async () => {
    const dir = workspace();
    const r = await runCli(['scan', '.', '--diff'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      [
        '--- a/app.py',
        '+++ b/app.py',
        '@@ -2,7 +2,7 @@',
        ' import requests',
        ' ',
        ' def get(url):',
        '-\treturn requests.get(url, verify=False)',
        '+\treturn requests.get(url, verify=True)',
        ' ',
        ' def ctx():',
        '     return ssl.SSLContext(ssl.PROTOCOL_TLSv1)',
        '',
      ].join('\n'),
    );
    assert.equal(r.stderr, 'Would fix 1 finding in 1 file.\n');
    assert.equal(fs.readFileSync(path.join(dir, 'app.py'), 'utf8'), APP, 'nothing written');
    const unsafe = await runCli(['scan', '.', '--diff', '--unsafe-fixes'], { cwd: dir });
    assert.match(unsafe.stdout, /^\+ {4}return ssl\.SSLContext\(ssl\.PROTOCOL_TLS_CLIENT\)$/m);
    fs.rmSync(path.join(dir, 'app.py'));
    const none = await runCli(['scan', '.', '--diff'], { cwd: dir });
    assert.equal(none.code, 0);
    assert.equal(none.stdout, '');
    const both = await runCli(['scan', '.', '--diff', '--fix'], { cwd: dir });
    assert.equal(both.code, 2);
  });

  it('--diff on standard input', async () => {
    const r = await runCli(['scan', '--stdin-filename', 'x.py', '--diff'], { input: APP });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^--- a\/x\.py\n\+\+\+ b\/x\.py\n/);
  });

  it('--statistics counts per rule and detector, [*] fixable, [-] unsafe fix only; JSON too', async () => {
    const dir = workspace();
    const r = await runCli(['scan', '.', '--statistics'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      '1  cert-verification-disabled  python.requests-verify      [*]\n1  legacy-protocol             python.ssl-legacy-protocol  [-]\n',
    );
    const j = await runCli(['scan', '.', '--statistics', '--format', 'json'], { cwd: dir });
    assert.deepEqual(JSON.parse(j.stdout)[0], {
      count: 1,
      rule: 'cert-verification-disabled',
      detector: 'python.requests-verify',
      fixable: 1,
      unsafeFixable: 0,
    });
  });

  it('--exit-zero exits 0 with findings; usage errors still exit 2', async () => {
    const dir = workspace();
    assert.equal((await runCli(['scan', '.', '--exit-zero'], { cwd: dir })).code, 0);
    assert.equal((await runCli(['scan', '.', '--exit-zero', '--bogus'], { cwd: dir })).code, 2);
  });

  it('--format github: one workflow annotation per finding, properties and data escaped', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'a,b'));
    fs.writeFileSync(path.join(dir, 'a,b', 'x:y.py'), 'import requests\nrequests.get(u, verify=False)\n');
    const r = await runCli(['scan', '.', '--format', 'github'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      "::error file=a%2Cb/x%3Ay.py,line=2,col=17,endLine=2,endColumn=29,title=tlslint (cert-verification-disabled)::cert-verification-disabled: `requests.get` is called with `verify=False`: the server's certificate is not verified.\n",
    );
  });
});

describe('version, rule, did you mean', () => {
  it('--version, -V, `version` and a lone -v print the version; -v with a command is --verbose', async () => {
    for (const args of [['--version'], ['-V'], ['-v'], ['version']]) {
      const r = await runCli(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.stdout, /^tlslint \d+\.\d+\.\d+\S*\n$/);
    }
    const dir = workspace();
    const v = await runCli(['scan', '.', '-v'], { cwd: dir });
    assert.match(v.stderr, /no \.tlslint\.json found|using /);
  });

  it('`tlslint rule ID` explains a rule: summary, docs, per-language detectors; a detector id shows its examples', async () => {
    const r = await runCli(['rule', 'cert-verification-disabled']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# cert-verification-disabled \(CWE-295, default severity: error\)\n/);
    for (const h of [
      '## What it does',
      '## Why is this bad?',
      '## How to fix',
      '## When not to use it',
      '## References',
    ])
      assert.ok(r.stdout.includes(`\n${h}\n`), h);
    assert.match(r.stdout, /^- python\.requests-verify \(python; fix sometimes available\): /m);
    assert.match(r.stdout, /^- go\.tls-insecure-skip-verify \(go;/m);
    const d = await runCli(['rule', 'python.requests-verify']);
    assert.match(
      d.stdout,
      /^# python\.requests-verify \(rule cert-verification-disabled\)\n[\s\S]*## Flagged\n```\n[\s\S]*verify=False/,
    );
    const list = await runCli(['rule']);
    assert.match(list.stdout, /^cert-verification-disabled {2,}\S/m);
    assert.match(list.stdout, /^unused-suppression {2,}/m);
    const j = JSON.parse((await runCli(['rule', 'legacy-protocol', '--format', 'json'])).stdout) as {
      id: string;
      detectors: unknown[];
    };
    assert.equal(j.id, 'legacy-protocol');
    assert.ok(j.detectors.length > 5);
  });

  for (const [args, pattern] of [
    [['rule', 'cert-verfication-disabled'], /did you mean 'cert-verification-disabled'\?/],
    [['rule', 'python.request-verify'], /did you mean 'python\.requests-verify'\?/],
    [['scan', '--rule', 'legacy-protocl'], /did you mean 'legacy-protocol'\?/],
    [['scan', '--disable', 'weak-ciphers'], /did you mean 'weak-cipher'\?/],
    [['scan', '--fxi'], /unknown option '--fxi'; did you mean '--fix'\?/],
    [['scan', '--unsafe-fix'], /did you mean '--unsafe-fixes'\?/],
    [['scan', '--exitzero'], /did you mean '--exit-zero'\?/],
    [['sacn'], /unknown command 'sacn'; did you mean 'scan'\?/],
  ] as [string[], RegExp][]) {
    it(`did you mean: ${args.join(' ')}`, async () => {
      const r = await runCli(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    });
  }

  it('no suggestion for a word far from every name', async () => {
    const r = await runCli(['scan', '--zzzzzzzz']);
    assert.doesNotMatch(r.stderr, /did you mean/);
  });
});
