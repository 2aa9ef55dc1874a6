// Every source file is read: by BOM, by a declared encoding (PEP 263), else UTF-8, else lossily with a
// warning; and written back by --fix in the encoding it was read in, never after a lossy decode.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  declaredEncoding,
  decodeSource,
  encodeSource,
  encodingLabel,
  notWritableReason,
  readSourceFileSync,
  type ReadResult,
} from '../../server/src/host/files';
import { runCli } from '../cli/helpers';

const VERIFY = 'import requests\nrequests.get("https://example.com", verify=False)\n';

function decoded(buf: Buffer): Extract<ReadResult, { ok: true }> {
  const r = decodeSource(buf);
  assert.ok(r.ok, 'decoded');
  return r;
}

/** Decoding and encoding back give the same bytes. */
function roundTrips(buf: Buffer): void {
  const r = decoded(buf);
  assert.equal(notWritableReason(r), undefined);
  assert.deepEqual(encodeSource(r.text, r.bom, r.encoding), buf);
}

describe('decodeSource', () => {
  it('UTF-8, with and without a BOM', () => {
    const plain = decoded(Buffer.from('x = "é"\n'));
    assert.deepEqual([plain.encoding, plain.source, plain.bom, plain.text], ['utf-8', 'default', false, 'x = "é"\n']);
    const bom = decoded(Buffer.from('\ufeffx = "é"\n'));
    assert.deepEqual([bom.encoding, bom.source, bom.bom, bom.text], ['utf-8', 'bom', true, 'x = "é"\n']);
    roundTrips(Buffer.from('\ufeffx = "é"\n'));
  });

  it('UTF-16 LE and BE by their BOM (NUL bytes do not make them binary)', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VERIFY, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(VERIFY, 'utf16le').swap16()]);
    for (const [buf, enc] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ] as const) {
      const r = decoded(buf);
      assert.deepEqual([r.encoding, r.source, r.bom, r.text, r.lossy], [enc, 'bom', true, VERIFY, undefined]);
      roundTrips(buf);
    }
  });

  it('a PEP 263 cookie on the first or second line: latin-1 is ISO-8859-1 byte for byte', () => {
    const buf = Buffer.from('# -*- coding: latin-1 -*-\n# caf\xe9 \x85\n' + VERIFY, 'latin1');
    const r = decoded(buf);
    assert.deepEqual([r.encoding, r.source, r.lossy, r.warning], ['latin1', 'cookie', undefined, undefined]);
    // 0x85 is U+0085 in ISO-8859-1 (WHATWG's "latin1" would make it an ellipsis).
    assert.ok(r.text.includes('café \u0085'));
    roundTrips(buf);
    const second = Buffer.from('#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-15 :\nx = "\xa4"\n', 'latin1');
    const r2 = decoded(second);
    assert.deepEqual([r2.encoding, r2.text.includes('x = "€"')], ['iso-8859-15', true]);
    roundTrips(second);
    // Not a cookie: on the third line, or after code on the first line.
    assert.equal(declaredEncoding(Buffer.from('#!/bin/sh\n\n# coding: latin-1\n')), undefined);
    assert.equal(declaredEncoding(Buffer.from('x = 1\n# coding: latin-1\n')), undefined);
  });

  it("Python's codec names map to decoder labels", () => {
    assert.equal(encodingLabel('latin_1'), 'latin1');
    assert.equal(encodingLabel('ISO8859-1'), 'latin1');
    assert.equal(encodingLabel('cp1252'), 'windows-1252');
    assert.equal(encodingLabel('utf8'), 'utf-8');
    assert.equal(encodingLabel('euc_jp'), 'euc-jp');
    assert.equal(encodingLabel('sjis'), 'shift_jis');
    const cp = Buffer.from('# coding: cp1252\nx = "\x80"\n', 'latin1');
    assert.ok(decoded(cp).text.includes('x = "€"'));
    roundTrips(cp);
  });

  it('a multi-byte legacy encoding is read but not written back (Node has no encoder for it)', () => {
    // "テスト" in Shift_JIS.
    const buf = Buffer.concat([
      Buffer.from('# coding: shift_jis\n# '),
      Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]),
      Buffer.from('\n' + VERIFY),
    ]);
    const r = decoded(buf);
    assert.equal(r.encoding, 'shift_jis');
    assert.ok(r.text.includes('# テスト'));
    assert.match(notWritableReason(r) ?? '', /cannot write shift_jis/);
  });

  it('an unknown declared encoding is read as UTF-8 with a warning', () => {
    const r = decoded(Buffer.from('# coding: klingon\n' + VERIFY));
    assert.deepEqual([r.encoding, r.lossy], ['utf-8', undefined]);
    assert.match(r.warning ?? '', /unknown encoding 'klingon'/);
  });

  it('one stray byte: decoded lossily (U+FFFD), with a warning, never written back', () => {
    const r = decoded(Buffer.from('import requests\n# stray \xff byte\nrequests.get(u, verify=False)\n', 'latin1'));
    assert.equal(r.lossy, true);
    assert.ok(r.text.includes('# stray \ufffd byte'));
    assert.match(r.warning ?? '', /decoded lossily: not valid UTF-8/);
    assert.match(notWritableReason(r) ?? '', /lossy decode/);
  });
});

describe('--fix and encodings', () => {
  it('writes a latin-1 file back in latin-1 and a UTF-16 file in UTF-16; leaves a lossy one alone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-decode-'));
    const latin = Buffer.from('# -*- coding: latin-1 -*-\n# caf\xe9\n' + VERIFY, 'latin1');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VERIFY, 'utf16le')]);
    const lossy = Buffer.from('# caf\xe9\n' + VERIFY, 'latin1');
    fs.writeFileSync(path.join(dir, 'latin.py'), latin);
    fs.writeFileSync(path.join(dir, 'utf16.py'), utf16);
    fs.writeFileSync(path.join(dir, 'lossy.py'), lossy);
    const r = await runCli(['scan', '--fix', '.'], { cwd: dir });
    assert.match(r.stderr, /tlslint: warning: lossy\.py: decoded lossily/);
    assert.match(r.stderr, /tlslint: warning: lossy\.py: not fixed: lossy decode/);
    assert.deepEqual(
      fs.readFileSync(path.join(dir, 'latin.py')),
      Buffer.from(latin.toString('latin1').replace('verify=False', 'verify=True'), 'latin1'),
    );
    const fixed16 = fs.readFileSync(path.join(dir, 'utf16.py'));
    assert.deepEqual([...fixed16.subarray(0, 2)], [0xff, 0xfe]);
    assert.equal(fixed16.subarray(2).toString('utf16le'), VERIFY.replace('verify=False', 'verify=True'));
    assert.deepEqual(fs.readFileSync(path.join(dir, 'lossy.py')), lossy);
    // All three were linted: the lossy file's finding is still reported.
    assert.match(r.stdout, /lossy\.py:3:/);
    const again = readSourceFileSync(path.join(dir, 'latin.py'), 1 << 20);
    assert.ok(again.ok && !again.untouched && again.encoding === 'latin1');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('SARIF carries a lossy decode as a warning notification', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-decode-'));
    fs.writeFileSync(path.join(dir, 'lossy.py'), Buffer.from('# caf\xe9\n' + VERIFY, 'latin1'));
    const r = await runCli(['scan', '.', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(r.stdout) as {
      runs: { invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[];
    };
    const notes = log.runs[0].invocations[0].toolExecutionNotifications;
    assert.ok(notes.some((n) => n.level === 'warning' && /decoded lossily/.test(n.message.text)));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
