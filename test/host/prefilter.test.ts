// The byte pre-filter of scans: one search over raw bytes for the engine's tokens must answer exactly
// like `text.includes` on the decoded text, a file it rejects must be one the engine reports nothing
// in, and readers must neither decode such a file nor change what counts as skipped.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintFileSync, lintText, type ScanSettings } from '../../server/src/cli/scan';
import { LANGUAGES, languageOf } from '../../server/src/engine/languages';
import { prefilterTokens, screenText, screenWordsOf } from '../../server/src/engine/lint';
import { DEFAULT_SETTINGS, type LanguageId } from '../../server/src/engine/types';
import { readSourceFile, readSourceFileSync } from '../../server/src/host/files';
import { byteTestFor, compileByteTest } from '../../server/src/host/prefilter';
import { fastLanguageOf } from '../../server/src/host/walk';
import { ROOT, getGrammars } from '../helpers';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-prefilter-'));
}

/** A small deterministic random generator (tests must not flake). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const OPTS: ScanSettings = { settings: DEFAULT_SETTINGS, maxBytes: 1024 * 1024, fix: false, unsafeFixes: false };

describe('byte pre-filter', () => {
  it('answers like text.includes for every language, on random text seeded with token pieces', () => {
    const random = rng(42);
    const filler = [
      'a',
      'e',
      's',
      'l',
      '_',
      ' ',
      '\n',
      '.',
      '(',
      'é',
      '日本',
      '😀',
      'S',
      'L',
      'T',
      '=',
      '"',
      'v',
      'c',
      'x',
    ];
    for (const id of Object.keys(LANGUAGES) as LanguageId[]) {
      const tokens = prefilterTokens(id, DEFAULT_SETTINGS);
      if (!tokens) continue;
      const test = compileByteTest(tokens);
      for (let n = 0; n < 400; n++) {
        let text = '';
        const parts = Math.floor(random() * 40);
        for (let k = 0; k < parts; k++) {
          const r = random();
          if (r < 0.08) text += tokens[Math.floor(random() * tokens.length)];
          else if (r < 0.3) {
            // A token cut short or with one byte changed: the near misses a bad table would accept.
            const t = tokens[Math.floor(random() * tokens.length)];
            const cut = Math.floor(random() * t.length);
            text += random() < 0.5 ? t.slice(0, cut) : t.slice(0, cut) + 'Q' + t.slice(cut + 1);
          } else text += filler[Math.floor(random() * filler.length)];
        }
        const sample = text;
        const expected: boolean = tokens.some((t) => sample.includes(t));
        assert.equal(test(Buffer.from(sample, 'utf8')), expected, `${id}: ${JSON.stringify(sample)}`);
      }
    }
  });

  it('finds tokens at the very start and end, and short and one-byte tokens', () => {
    const test = compileByteTest(['ssl', 'verify_mode', 'x', 'CERT_NONE']);
    assert.equal(test(Buffer.from('verify_mode')), true);
    assert.equal(test(Buffer.from('aaaaaaaaaaaaaaaCERT_NONE')), true);
    assert.equal(test(Buffer.from('ssl')), true);
    assert.equal(test(Buffer.from('x')), true);
    assert.equal(test(Buffer.from('verify_mod CERT_NON')), false);
    assert.equal(test(Buffer.from('')), false);
    const long = compileByteTest(['abcdefghij', 'ZYXWVUTSRQ']);
    for (let pad = 0; pad < 12; pad++) {
      assert.equal(long(Buffer.from('-'.repeat(pad) + 'abcdefghij' + '-'.repeat(pad))), true, `pad ${pad}`);
      assert.equal(long(Buffer.from('-'.repeat(pad) + 'abcdefghiJ' + '-'.repeat(pad))), false, `pad ${pad}`);
    }
    assert.equal(compileByteTest(['', 'x'])(Buffer.from('abc')), true, 'an empty token matches everything');
    // Works on plain Uint8Arrays too (not only Buffers), at any offset.
    const bytes = new Uint8Array(Buffer.from('__ssl__'));
    assert.equal(test(bytes.subarray(1)), true);
  });

  it('a file it rejects is one the engine reports nothing in (fixtures and this repository)', async () => {
    const grammars = await getGrammars();
    const files = [
      ...filesUnder(path.join(ROOT, 'test', 'fixtures')),
      ...filesUnder(path.join(ROOT, 'server', 'src')),
      ...filesUnder(path.join(ROOT, 'test', 'cli', 'tree')),
    ];
    let untouched = 0;
    let linted = 0;
    for (const abs of files) {
      const rel = path.relative(ROOT, abs).split(path.sep).join('/');
      if (!languageOf(rel)) continue;
      const viaBytes = lintFileSync(abs, rel, grammars, OPTS);
      const text = fs.readFileSync(abs, 'utf8').replace(/^\ufeff/, '');
      const direct = lintText(text, abs, rel, grammars, OPTS);
      if (viaBytes.untouched) untouched++;
      else linted++;
      delete viaBytes.untouched;
      assert.deepEqual(viaBytes, direct, rel);
    }
    assert.ok(untouched > 20 && linted > 100, `both paths exercised (${untouched} untouched, ${linted} linted)`);
  });

  it('is compiled once per settings and language; undefined only when a detector has no tokens', () => {
    const a = byteTestFor('python', DEFAULT_SETTINGS);
    assert.ok(a);
    assert.equal(byteTestFor('python', DEFAULT_SETTINGS), a);
    assert.notEqual(byteTestFor('javascript', DEFAULT_SETTINGS), a);
  });
});

describe('fastLanguageOf', () => {
  it('agrees with languageOf on relative and absolute paths, special folders included', () => {
    const names = [
      'a.py',
      'x.tsx',
      'Dockerfile',
      'Dockerfile.dev',
      '.env',
      'settings.env',
      'nginx.conf',
      'site.conf',
      'ssl.conf',
      '.htaccess',
      'haproxy.cfg',
      'config',
      'x.yml',
      'notes.txt',
      'a.H',
    ];
    const dirs = [
      '',
      'src',
      'src/deep',
      'nginx',
      'etc/nginx/sites-enabled',
      'apache2/conf-enabled',
      'httpd',
      'haproxy',
      '.kube',
      '/w',
      '/w/nginx',
      '/home/u/.kube',
    ];
    for (const d of dirs) {
      for (const n of names) {
        const p = d ? `${d}/${n}` : n;
        assert.equal(fastLanguageOf(p), languageOf(p), p);
      }
    }
  });
});

describe('readers with a byte test', () => {
  const wanted = compileByteTest(['verify']);

  it('a file without any token is not decoded (untouched), one with a token is', async () => {
    const dir = tmp();
    const plain = path.join(dir, 'plain.py');
    const tls = path.join(dir, 'tls.py');
    fs.writeFileSync(plain, 'x = "é"\n');
    fs.writeFileSync(tls, 'requests.get(u, verify=False)\n');
    for (const r of [readSourceFileSync(plain, 1024, wanted), await readSourceFile(plain, 1024, wanted)]) {
      assert.deepEqual(r, { ok: true, untouched: true, bytes: Buffer.byteLength('x = "é"\n') });
    }
    for (const r of [readSourceFileSync(tls, 1024, wanted), await readSourceFile(tls, 1024, wanted)]) {
      assert.ok(r.ok && !r.untouched && r.text === 'requests.get(u, verify=False)\n');
    }
  });

  it('skip reasons do not depend on the test: binary and too large files are skipped with or without tokens; non-UTF-8 ones are read', async () => {
    const dir = tmp();
    const write = (name: string, data: Buffer | string) => {
      fs.writeFileSync(path.join(dir, name), data);
      return path.join(dir, name);
    };
    const cases: [string, string][] = [
      [write('latin1.py', Buffer.from('x = "caf\xe9"\n', 'latin1')), 'ok'],
      [write('latin1-token.py', Buffer.from('verify = "caf\xe9"\n', 'latin1')), 'ok'],
      [write('bin.py', Buffer.from([0x61, 0, 0x62])), 'binary'],
      [write('bin-token.py', Buffer.concat([Buffer.from('verify'), Buffer.from([0])])), 'binary'],
      [write('big.py', 'x'.repeat(2000)), 'too-large'],
      [write('big-token.py', 'verify'.repeat(400)), 'too-large'],
    ];
    for (const [p, reason] of cases) {
      for (const r of [
        readSourceFileSync(p, 1024, wanted),
        await readSourceFile(p, 1024, wanted),
        readSourceFileSync(p, 1024),
      ]) {
        assert.equal(r.ok ? 'ok' : r.reason, reason, p);
      }
    }
  });

  it(
    'an endless file (a device, a log being written) is read at most one byte over the cap',
    { skip: !fs.existsSync('/dev/zero') },
    () => {
      const r = readSourceFileSync('/dev/zero', 4096, wanted);
      assert.equal(r.ok ? 'ok' : r.reason, 'too-large');
      assert.match(r.ok ? '' : r.message, /file is 4097 bytes, over the 4096-byte cap/);
    },
  );

  it('a scanned file without tokens is reported clean and untouched; the same bytes with a token are linted', async () => {
    const grammars = await getGrammars();
    const dir = tmp();
    const clean = path.join(dir, 'clean.py');
    const bad = path.join(dir, 'bad.py');
    fs.writeFileSync(clean, 'import os\nprint(os.getcwd())\n');
    fs.writeFileSync(bad, 'import requests\nrequests.get(u, verify=False)\n');
    const a = lintFileSync(clean, 'clean.py', grammars, OPTS);
    assert.equal(a.untouched, true);
    assert.deepEqual([a.findings, a.suppressed, a.errors, a.syntaxErrors, a.skipped], [[], [], [], false, undefined]);
    const b = lintFileSync(bad, 'bad.py', grammars, OPTS);
    assert.equal(b.untouched, undefined);
    assert.deepEqual(
      b.findings.map((f) => f.rule),
      ['cert-verification-disabled'],
    );
  });
});

describe('text screens from bytes', () => {
  it("a text whose bytes hold no screen word has the screen it would have had (screenText's wordless)", () => {
    const dir = path.join(ROOT, 'test', 'fixtures');
    const files = fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(py|go|js|ts)$/.test(f))
      .map((f) => path.join(dir, f));
    let wordless = 0;
    for (const abs of files) {
      const language = languageOf(abs)!;
      const bytes = fs.readFileSync(abs);
      const text = bytes.toString('utf8');
      // Comment lines of their own: a wordless text grows words, one with words may keep them only there.
      for (const variant of [text, text.replace(/^(\s*)(\S)/gm, '$1# $2'), `${text}\n# verify insecure\n`]) {
        const b = Buffer.from(variant, 'utf8');
        const none = !compileByteTest(screenWordsOf(language))(b);
        if (none) wordless++;
        const full = screenText({ text: variant, path: `p/x${path.extname(abs)}` });
        const fast = screenText({ text: variant, path: `p/x${path.extname(abs)}`, wordless: none });
        assert.deepEqual(fast, full, abs);
      }
    }
    assert.ok(wordless > 0 && wordless < files.length * 3, `${wordless} wordless of ${files.length * 3}`);
  });
});
