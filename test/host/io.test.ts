// The node I/O layer: reading source files, .tlslint.json parsing and settings, atomic writes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FileChangedError, writeFileAtomic } from '../../server/src/host/atomic';
import {
  CONFIG_FILE_NAME,
  findConfigFile,
  loadConfigFile,
  parseConfig,
  toLintSettings,
} from '../../server/src/host/config';
import { readSourceFile, readSourceFileSync } from '../../server/src/host/files';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-node-'));
}

describe('readSourceFile', () => {
  it('reads UTF-8, strips and remembers a BOM, tells the line break', async () => {
    const dir = tmp();
    const f = path.join(dir, 'a.py');
    fs.writeFileSync(f, '\ufeffx = "é"\r\ny = 1\r\n');
    const r = await readSourceFile(f, 1024);
    assert.ok(r.ok);
    assert.equal(r.text, 'x = "é"\r\ny = 1\r\n');
    assert.equal(r.bom, true);
    assert.equal(r.eol, '\r\n');
    assert.equal(r.bytes, Buffer.byteLength('\ufeffx = "é"\r\ny = 1\r\n'));
    fs.writeFileSync(f, 'a\nb\n');
    const lf = await readSourceFile(f, 1024);
    assert.ok(lf.ok && !lf.bom && lf.eol === '\n');
  });

  it('refuses binary, too large and missing files with a reason; reads non-UTF-8 ones lossily', async () => {
    const dir = tmp();
    const write = (name: string, data: Buffer | string) => {
      fs.writeFileSync(path.join(dir, name), data);
      return path.join(dir, name);
    };
    const reason = async (p: string, max = 1024) => {
      const r = await readSourceFile(p, max);
      const sync = readSourceFileSync(p, max);
      assert.equal(sync.ok ? 'ok' : sync.reason, r.ok ? 'ok' : r.reason, `sync and async agree on ${p}`);
      return r.ok ? 'ok' : r.reason;
    };
    assert.equal(await reason(write('bin.py', Buffer.from([0x61, 0x00, 0x62]))), 'binary');
    assert.equal(await reason(write('big.py', 'x'.repeat(2000))), 'too-large');
    assert.equal(await reason(write('latin1.py', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]))), 'ok');
    assert.equal(await reason(path.join(dir, 'missing.py')), 'unreadable');
    assert.equal(await reason(dir), 'unreadable');
    // A NUL after the first 8 KB does not make a file binary (only the sniffed prefix counts).
    assert.equal(await reason(write('late-nul.py', 'x'.repeat(9000) + '\0'), 1e6), 'ok');
  });
});

describe('parseConfig', () => {
  it('accepts a valid config and maps it to settings', () => {
    const { config, errors } = parseConfig(
      JSON.stringify({
        $schema: './x.json',
        rules: { 'weak-cipher': 'off', 'unused-suppression': 'warning' },
        ignore: ['gen/**'],
        testFiles: 'downgrade',
        languages: { python: { version: '3.12' } },
      }),
    );
    assert.deepEqual(errors, []);
    const s = toLintSettings(config, { rules: { 'legacy-protocol': 'error' } });
    assert.deepEqual(s.rules, { 'legacy-protocol': 'error', 'weak-cipher': 'off', 'unused-suppression': 'warning' });
    assert.equal(s.testFiles, 'downgrade');
    assert.deepEqual(s.languages, { python: { version: '3.12' } });
    assert.deepEqual(config.ignore, ['gen/**']);
  });

  it('reports unknown rule ids, bad severities and unknown keys with line, column and key; keeps the valid parts', () => {
    const text =
      '{\n  "rules": {\n    "legacy-protocl": "error",\n    "weak-cipher": "fatal",\n    "deprecated-api": "off"\n  },\n  "testFiles": "sometimes",\n  "colour": true\n}\n';
    const { config, errors } = parseConfig(text);
    const short = errors.map((e) => `${e.line}:${e.column} ${e.key} ${e.message.split(' (')[0]}`).sort();
    assert.deepEqual(short, [
      '3:5 rules.legacy-protocl unknown rule id',
      '4:20 rules.weak-cipher bad severity',
      '7:16 testFiles bad value',
      '8:3 colour unknown key',
    ]);
    assert.deepEqual(config, { rules: { 'deprecated-api': 'off' } });
  });

  it('reads JSONC: comments and trailing commas are allowed', () => {
    const { config, errors } = parseConfig(
      '\ufeff// team settings\n{\n  /* legacy hosts */\n  "rules": { "weak-cipher": "off", },\n  "ignore": ["gen/**",],\n}\n',
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(config, { rules: { 'weak-cipher': 'off' }, ignore: ['gen/**'] });
    assert.deepEqual(parseConfig('// nothing yet\n').errors, []);
    assert.deepEqual(parseConfig('').errors, []);
  });

  it('reports the first syntax error with its line and column', () => {
    const cases: [string, number, number, RegExp][] = [
      ['{\n  "rules": {,\n}\n', 2, 13, /^syntax error: value expected/],
      ['{ "ignore": ["a"] }\n}\n', 2, 1, /^syntax error: end of file expected/],
      ['{\n  "testFiles": "report"\n  "rules": {}\n}', 3, 3, /^syntax error: comma expected/],
      ['{ "rules": { /* open', 1, 14, /^syntax error: unterminated comment/],
    ];
    for (const [text, line, column, message] of cases) {
      const { config, errors } = parseConfig(text);
      assert.equal(errors.length, 1, text);
      assert.deepEqual([errors[0].line, errors[0].column], [line, column], text);
      assert.match(errors[0].message, message, text);
      assert.deepEqual(config, {});
    }
    assert.equal(parseConfig('[]').errors[0].message, 'must be object');
  });

  it('validates root and extends', () => {
    const ok = parseConfig('{ "root": true, "extends": ["../base.json", "./team.json"] }');
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.config, { root: true, extends: ['../base.json', './team.json'] });
    assert.deepEqual(
      ok.extendsRefs.map((r) => [r.value, r.line, r.column]),
      [
        ['../base.json', 1, 29],
        ['./team.json', 1, 45],
      ],
    );
    const bad = parseConfig('{\n  "root": "yes",\n  "extends": 3\n}');
    assert.deepEqual(
      bad.errors.map((e) => `${e.line}:${e.column} ${e.key} ${e.message}`),
      ['2:11 root must be boolean', '3:14 extends expected a relative path, or a list of them'],
    );
  });

  it('rejects a bad language version and a non-array ignore', () => {
    const { errors } = parseConfig('{"languages": {"python": {"version": "three"}}, "ignore": "x"}');
    assert.deepEqual(errors.map((e) => e.key).sort(), ['ignore', 'languages.python.version']);
  });

  it('findConfigFile looks upwards and stops at stopDir or a repository root', async () => {
    const root = tmp();
    const sub = path.join(root, 'a', 'b');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(root, CONFIG_FILE_NAME), '{}');
    assert.equal(findConfigFile(sub), path.join(root, CONFIG_FILE_NAME));
    assert.equal(findConfigFile(sub, path.join(root, 'a')), undefined);
    fs.mkdirSync(path.join(root, 'a', '.git'));
    assert.equal(findConfigFile(sub), undefined);
    const loaded = await loadConfigFile(path.join(root, 'nope.json'));
    assert.match(loaded.errors[0].message, /^cannot read/);
  });
});

describe('writeFileAtomic', () => {
  it('replaces content, keeps the mode, leaves no temp file', async () => {
    const dir = tmp();
    const f = path.join(dir, 'a.sh');
    fs.writeFileSync(f, 'old');
    fs.chmodSync(f, 0o750);
    await writeFileAtomic(f, 'new');
    assert.equal(fs.readFileSync(f, 'utf8'), 'new');
    assert.equal(fs.statSync(f).mode & 0o777, 0o750);
    assert.deepEqual(fs.readdirSync(dir), ['a.sh']);
    await writeFileAtomic(path.join(dir, 'fresh.txt'), Buffer.from('x'));
    assert.equal(fs.readFileSync(path.join(dir, 'fresh.txt'), 'utf8'), 'x');
  });

  it('refuses when the file changed since it was read', async () => {
    const dir = tmp();
    const f = path.join(dir, 'a.py');
    fs.writeFileSync(f, 'one');
    const st = fs.statSync(f);
    fs.writeFileSync(f, 'three');
    await assert.rejects(
      writeFileAtomic(f, 'two', { expectedMtimeMs: st.mtimeMs, expectedSize: st.size }),
      FileChangedError,
    );
    assert.equal(fs.readFileSync(f, 'utf8'), 'three');
    assert.deepEqual(fs.readdirSync(dir), ['a.py']);
  });

  it('writes through a symbolic link, keeping the link', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'real.py'), 'a');
    fs.symlinkSync('real.py', path.join(dir, 'link.py'));
    await writeFileAtomic(path.join(dir, 'link.py'), 'b');
    assert.ok(fs.lstatSync(path.join(dir, 'link.py')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(dir, 'real.py'), 'utf8'), 'b');
  });
});
