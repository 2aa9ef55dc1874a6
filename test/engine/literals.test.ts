// The literal set's answers against the plain definition (`includes`, every occurrence by `indexOf`), on
// seeded random texts built from the detectors' own words: every atom length, overlapping occurrences,
// occurrences at a text's start and end, non-ASCII characters whose low bytes collide with ASCII ones.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LiteralSet, inLineComment } from '../../server/src/engine/literals';
import { detectorLiterals } from '../../server/src/engine/lint';
import { LANGUAGES } from '../../server/src/engine/languages';
import type { LanguageId } from '../../server/src/engine/types';

const LANGUAGE_IDS = Object.keys(LANGUAGES) as LanguageId[];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

/** A text of fragments of the literals (whole, cut, run together), filler and characters that collide. */
function textOf(literals: string[], next: () => number): string {
  const filler = [' ', '\n', 'a', '_', '.', '(', '"', 'ſ', '\u0173', '\u4e00', 'x = 1\n'];
  let out = '';
  const n = Math.floor(next() * 40);
  for (let i = 0; i < n; i++) {
    const r = next();
    const l = literals[Math.floor(next() * literals.length)];
    if (r < 0.35) out += l;
    else if (r < 0.6) out += l.slice(Math.floor(next() * l.length));
    else if (r < 0.8) out += l.slice(0, Math.floor(next() * l.length));
    else out += filler[Math.floor(next() * filler.length)];
  }
  return out;
}

function occurrences(text: string, l: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(l); i >= 0; i = text.indexOf(l, i + 1)) at.push(i);
  return at;
}

describe('LiteralSet', () => {
  for (const language of LANGUAGE_IDS) {
    it(`answers as includes does for ${language}'s literals`, () => {
      const literals = detectorLiterals(language);
      if (!literals.length) return;
      const set = new LiteralSet(literals);
      const next = random(language.length * 7919);
      for (let round = 0; round < 300; round++) {
        const text = textOf(literals, next);
        const has = set.scan(text);
        for (const l of literals)
          assert.equal(has(l), text.includes(l), `${JSON.stringify(l)} in ${JSON.stringify(text)}`);
        // Spans: a literal is in a span when one of its occurrences lies wholly within it.
        const a = Math.floor(next() * (text.length + 1));
        const b = a + Math.floor(next() * (text.length + 1 - a));
        const spans = [
          { start: 0, end: text.length },
          { start: a, end: b },
        ];
        const got = set.spanWords(text, literals, spans);
        spans.forEach((s, i) => {
          const want = literals.filter((l) =>
            occurrences(text, l).some((at) => at >= s.start && at + l.length <= s.end),
          );
          assert.deepEqual([...got[i]].sort(), want.sort(), `span ${s.start}-${s.end} of ${JSON.stringify(text)}`);
        });
      }
    });
  }

  it('finds short and long atoms at a text edge and overlapping', () => {
    const set = new LiteralSet(['ssl', 'wrap_socket', 'ssl_version', 'cert_reqs', 'xx_cert_reqs_yy']);
    const has = set.scan('ssl_versionwrap_socketcert_reqs');
    assert.ok(has('ssl') && has('ssl_version') && has('wrap_socket') && has('cert_reqs'));
    assert.ok(!has('xx_cert_reqs_yy'));
    assert.ok(!set.scan('ss')('ssl'));
    assert.deepEqual(set.spanWords('wrap_socket', ['wrap_socket'], [{ start: 0, end: 10 }]), [[]]);
  });

  for (const marker of ['#', '//']) {
    it(`counts only occurrences outside ${marker} line comments, as inLineComment defines them`, () => {
      const literals = [...detectorLiterals(marker === '#' ? 'python' : 'javascript'), 'tlslint-disable'];
      const set = new LiteralSet(literals, marker);
      const next = random(marker.length * 104729);
      const pieces = [...literals, ` ${marker} `, marker, '"', "'", '`', '\n', ' ', 'https://', 'a'];
      for (let round = 0; round < 300; round++) {
        const text = textOf(pieces, next);
        const has = set.scan(text);
        const counts = (l: string, at: number) => l.startsWith('tlslint') || !inLineComment(text, at, marker);
        for (const l of literals)
          assert.equal(
            has(l),
            occurrences(text, l).some((at) => counts(l, at)),
            `${JSON.stringify(l)} in ${JSON.stringify(text)}`,
          );
        const spans = [{ start: 0, end: text.length }];
        const want = literals.filter((l) => occurrences(text, l).some((at) => counts(l, at)));
        assert.deepEqual([...set.spanWords(text, literals, spans)[0]].sort(), want.sort());
      }
    });
  }

  it('tells a line comment from a marker in a string or a URL', () => {
    const at = (text: string, word: string, marker = '#') => inLineComment(text, text.indexOf(word), marker);
    assert.ok(at('x = 1  # verify=False', 'verify'));
    assert.ok(at('a = 1\n    # verify=False', 'verify'));
    assert.ok(at('# verify', 'verify'));
    assert.ok(!at('x = "# not a comment" + verify', 'verify'));
    assert.ok(!at("x = '#' ; verify", 'verify'));
    assert.ok(!at('x = f(a)#verify', 'verify'));
    assert.ok(!at('verify  # later', 'verify'));
    assert.ok(!at('fetch(url) // https://x', 'fetch', '//'));
    assert.ok(!at('u = https://host/rejectUnauthorized', 'rejectUnauthorized', '//'));
    assert.ok(at('x(); // rejectUnauthorized: false', 'rejectUnauthorized', '//'));
    assert.ok(!at('`\n https://a rejectUnauthorized', 'rejectUnauthorized', '//'));
    const set = new LiteralSet(['verify', 'tlslint-disable'], '#');
    assert.ok(!set.scan('# verify only here\nx = 1')('verify'));
    assert.ok(set.scan('x = 1  # tlslint-disable')('tlslint-disable'));
  });
});
