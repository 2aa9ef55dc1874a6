// The incremental document (engine/document.ts) where tree-sitter's error recovery is in play: cases the long
// fuzz (`npm run fuzz -- --incremental`) found, cut down to one change on a small text. Each must give the
// findings of a lint from scratch.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { Parser } from 'web-tree-sitter';
import { openDocument } from '../../server/src/engine/document';
import { lint } from '../../server/src/engine/lint';
import { Deadline, ParserFailed, parse } from '../../server/src/engine/parser';
import { comparable } from '../fuzz/incremental';
import { countingDetectors, getGrammars, ROOT } from '../helpers';

/** Opens `text`, lints, applies `change`, lints: the second lint against a lint from scratch of the new text. */
async function afterChange(
  text: string,
  path: string,
  change: { start: number; end: number; text: string },
): Promise<{ incremental: string; scratch: string; outcome: string }> {
  const grammars = await getGrammars();
  const doc = openDocument(text, path);
  try {
    doc.lint(grammars);
    doc.applyChange(change);
    const incremental = comparable(doc.lint(grammars));
    return {
      incremental,
      scratch: comparable(lint({ text: doc.text, path }, grammars)),
      outcome: doc.lastOutcome,
    };
  } finally {
    doc.dispose();
  }
}

describe('engine document with syntax errors', () => {
  it('does not take a blank line deleted as inert while the tree has an error (recovery weighs skipped lines)', async () => {
    // Java with unclosed calls: whether the parser recovers into the `property` method, where the finding is,
    // depends on how many lines the error skips.
    const text = [
      '    void socket(SSLSocket socket) {',
      '        socket.setEnabledCipherSuites(new String[] {',
      '        socket.setEnabledCipherSuit(new String[] {',
      '        });',
      '    }',
      '    void parameters(SSLParameters params) {',
      '                CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,',
      '',
      '                // ruleid: weak-cipher',
      '                CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA)',
      '            .build();',
      '    }',
      '',
      '    static void property() {',
      '        System.setProperty("https.cipherSuites", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_NULL_SHA256");',
      '',
    ].join('\n');
    const blank = text.indexOf('\n\n') + 1;
    const grammars = await getGrammars();
    // The premise: the two texts give different findings from scratch.
    const before = lint({ text, path: 'Ciphers.java' }, grammars).findings.length;
    const after = lint({ text: text.slice(0, blank) + text.slice(blank + 1), path: 'Ciphers.java' }, grammars);
    assert.notEqual(after.findings.length, before, 'the blank line decides the recovery');
    const r = await afterChange(text, 'Ciphers.java', { start: blank, end: blank + 1, text: '' });
    assert.equal(r.incremental, r.scratch);
    assert.match(r.outcome, /^ran:/, 'the detectors ran');
  });

  it('parses afresh where the reparse from the edited tree recovers from an error differently (C)', async () => {
    // An unterminated string in a parameter list: reparsed from the edited tree, the recovery keeps the
    // function, and the call with MBEDTLS_SSL_VERIFY_NONE inside it is not seen as a call of `setup_pki`.
    const text = [
      "/* A helper that sets the mode from the caller's setting, called after a provisional OPTIONAL. */",
      'static int setup_pki(mbedtls_ssl_conf"ig *conf, const struct options *opts)',
      '                                                 : MBEDTLS_SSL_VERIFY_NONE);',
      '    return 0;',
      '',
    ].join('\n');
    const at = text.indexOf('\n');
    const r = await afterChange(text, 'wrappers.c', { start: at, end: at, text: 'False' });
    assert.equal(r.incremental, r.scratch);
    assert.ok(JSON.parse(r.scratch).findings.length > 0, 'the finding the edited tree lost');
  });

  it(
    'parses afresh with a new parser when tree-sitter fails inside a parse, and keeps its wasm stack',
    { timeout: 60_000 },
    async () => {
      const grammars = await getGrammars();
      const rel = 'test/fixtures/python/ssl-verify-mode.py';
      // Long enough for tree-sitter to call the progress callback during a parse.
      const text = fs.readFileSync(path.join(ROOT, rel), 'utf8').repeat(20);
      const proto = Parser.prototype as { parse: Parser['parse'] };
      const original = proto.parse;
      /** How many of the next parses fail: an exception thrown from inside tree-sitter, as a wasm abort is. */
      let failing = 0;
      proto.parse = function (this: Parser, input, old, options) {
        if (failing === 0) return original.call(this, input, old, options);
        failing--;
        let calls = 0;
        return original.call(this, input, old, {
          progressCallback: () => {
            if (++calls === 3) throw new Error('Aborted()');
            return false;
          },
        });
      };
      const doc = openDocument(text, rel);
      try {
        const expected = lint({ text, path: rel }, grammars);
        assert.ok(expected.findings.length > 0);
        assert.equal(comparable(doc.lint(grammars)), comparable(expected));
        // The reparse from the edited tree fails: the document parses afresh with a new parser.
        const at = text.indexOf('verify_mode');
        doc.applyChange({ start: at, end: at, text: 'x' });
        failing = 1;
        const after = doc.lint(grammars);
        assert.equal(failing, 0, 'the reparse failed');
        assert.equal(comparable(after), comparable(lint({ text: doc.text, path: rel }, grammars)));
        // A lint whose parse fails reports it, and does not throw (the detector that asked for the tree failed; the
        // next one's parse, with a new parser, succeeds).
        failing = 1;
        const failed = lint({ text, path: rel }, grammars);
        assert.match(failed.errors[0]?.message ?? '', /parser failed: Aborted\(\)/);
        // Each failure left the wasm stack pointer where tree-sitter was when it failed: after about 75 the stack
        // ran into the module's data, and tree-sitter hung or failed for the rest of the process.
        const python = grammars.get('python')!;
        for (let i = 0; i < 200; i++) {
          failing = 1;
          assert.throws(() => parse(python, text, undefined, Deadline.NONE), ParserFailed);
        }
        assert.equal(comparable(lint({ text, path: rel }, grammars)), comparable(expected));
        doc.applyChange({ start: at, end: at + 1, text: '' });
        assert.equal(comparable(doc.lint(grammars)), comparable(expected));
      } finally {
        proto.parse = original;
        doc.dispose();
      }
    },
  );

  it('reuses the findings for a blank typed at a line end while the tree has an error, once a parse from scratch agrees', async () => {
    const grammars = await getGrammars();
    const { detectors: counted, runs } = countingDetectors();
    const text = [
      'import requests',
      '',
      'def fetch(u):',
      '    return requests.get(u, verify=False)',
      '',
      'def broken(:',
      '    pass',
      '',
      'def other():',
      '    total = 1',
      '    return total',
      '',
    ].join('\n');
    const doc = openDocument(text, 'app/client.py', undefined, counted);
    try {
      assert.equal(doc.lint(grammars).syntaxErrors, true);
      const before = runs();
      const at = doc.text.indexOf('total = 1') + 'total = 1'.length;
      doc.applyChange({ start: at, end: at, text: ' ' });
      const after = doc.lint(grammars);
      assert.equal(runs(), before, `no detector ran (${doc.lastOutcome})`);
      assert.equal(comparable(after), comparable(lint({ text: doc.text, path: 'app/client.py' }, grammars)));
      assert.equal(after.findings.length, 1);
    } finally {
      doc.dispose();
    }
  });
});
