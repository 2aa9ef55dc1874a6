// The source frame's caret lines up under what it marks in a terminal: wide characters (CJK, fullwidth),
// emoji (ZWJ sequences, flags, U+FE0F presentations) take two columns, combining marks none, tabs four,
// and control characters are shown as control pictures rather than sent to the terminal.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_PAINT, sourceFrame } from '../../server/src/cli/format/frame';
import { clusterWidth, displayWidth } from '../../server/src/cli/format/width';
import type { OutFinding } from '../../server/src/cli/scan';

/** A finding on `needle` in the one-line source `line`. */
function finding(line: string, needle: string): OutFinding {
  const at = line.indexOf(needle);
  assert.ok(at >= 0);
  return {
    path: 'a.py',
    line: 3,
    column: at + 1,
    endLine: 3,
    endColumn: at + needle.length + 1,
    rule: 'cert-verification-disabled',
    severity: 'error',
    message: 'm',
    detector: 'python.requests-verify',
    fixes: [],
    lineText: line.trim(),
    context: '',
    source: [line],
  };
}

/** The frame's source and caret lines, without the gutter. */
function frame(line: string, needle: string): { text: string; caret: string } {
  const [, src, caret] = sourceFrame(finding(line, needle), NO_PAINT, { unsafeFixes: false });
  return { text: src.slice('3 | '.length), caret: caret.slice('  | '.length) };
}

describe('display width', () => {
  it('counts terminal columns per grapheme cluster', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('日本語'), 6);
    assert.equal(displayWidth('ＡＢ'), 4, 'fullwidth forms');
    assert.equal(displayWidth('한국어'), 6);
    assert.equal(displayWidth('🙂'), 2);
    assert.equal(clusterWidth('👨‍👩‍👧'), 2, 'a ZWJ family is one emoji');
    assert.equal(clusterWidth('🇫🇷'), 2, 'a flag');
    assert.equal(clusterWidth('☺️'), 2, 'a text pictograph with U+FE0F');
    assert.equal(clusterWidth('☺'), 1, 'the same without it');
    assert.equal(clusterWidth('e\u0301'), 1, 'e + combining acute');
    assert.equal(displayWidth('a\u200bb'), 2, 'a zero-width space');
    assert.equal(displayWidth('\tx'), 5);
  });
});

describe('source frame alignment', () => {
  const cases: [line: string, column: number, sum: string][] = [
    ['requests.get("日本語", verify=False)', 23, '13 + 1 + 3×2 + 3'],
    ['requests.get("ｕｒｌ", verify=False)', 23, '13 + 1 + 3×2 (fullwidth) + 3'],
    ['requests.get("👨‍👩‍👧🇫🇷e\u0301", verify=False)', 22, '13 + 1 + 2 (family) + 2 (flag) + 1 (e + accent) + 3'],
    ['requests.get("☺️ café", verify=False)', 24, '13 + 1 + 2 (emoji presentation) + 5 + 3'],
    ['requests.get(u,\tverify=False)', 19, '15 + 4 (tab)'],
    ['\t\trequests.get(u, verify=False)', 24, '2×4 (tabs) + 16'],
  ];
  for (const [line, col, sum] of cases) {
    it(`caret under verify=False at column ${col} (${sum}) in ${JSON.stringify(line)}`, () => {
      const f = frame(line, 'verify=False');
      assert.equal(f.caret, ' '.repeat(col) + '^'.repeat('verify=False'.length));
      // What precedes the caret in the shown line takes exactly its indent.
      const shownBefore = f.text.slice(0, f.text.indexOf('verify=False'));
      assert.equal(displayWidth(shownBefore), col);
    });
  }

  it('a caret on a wide character is two columns wide; a span ending inside a cluster covers it', () => {
    const f = frame('x = "中" + y', '中');
    assert.equal(f.caret, '     ^^');
    const line = 'x = "👨‍👩‍👧"';
    const at = line.indexOf('👨');
    const g = sourceFrame({ ...finding(line, '👨'), endColumn: at + 3 }, NO_PAINT, { unsafeFixes: false });
    assert.equal(g[2], '  |      ^^');
  });

  it('control characters are shown as control pictures, one column each, never raw', () => {
    const f = frame('requests.get("\x1b[31m\x07", verify=False)', 'verify=False');
    assert.equal(f.text, 'requests.get("␛[31m␇", verify=False)');
    assert.ok(!f.text.includes('\x1b'));
    assert.equal(f.caret, ' '.repeat(23) + '^'.repeat(12));
  });
});
