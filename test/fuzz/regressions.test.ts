// Inputs the fuzzer found that broke an invariant, reduced by hand; each must now pass every check of
// test/fuzz/mutate.ts (lint, offsets, fixes, fixAll). Add new ones here with the seed that found them.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { syntaxErrorCount } from '../../server/src/engine/fix';
import { getGrammars } from '../helpers';
import { checkInput } from './mutate';

const CASES: { name: string; path: string; text: string }[] = [
  {
    // seed 1, iteration 2068: removeListElementEdit read the element before the first one.
    name: 'java.cipher-suites fix on a first array element without a comma after it',
    path: 'C.java',
    text: 'class C { void f(SSLSocket s) { s.setEnabledCipherSuites(new String[] {"SSL_RSA_WITH_RC4_128_MD5" x, "TLS_AES_128_GCM_SHA256"}); } }\n',
  },
  {
    // The same shape in Kotlin's removeArgumentEdits (found by reading after the Java case).
    name: 'kotlin.tls-protocols fix on a first argument without a comma after it',
    path: 'C.kt',
    text: 'fun f(s: javax.net.ssl.SSLSocket) {\n    s.enabledProtocols = arrayOf("TLSv1" x, "TLSv1.2")\n}\n',
  },
  {
    // seed 1, iteration 5932: a form feed made parseLines push empty tokens forever (out of memory).
    name: 'apache: a form feed inside a directive',
    path: 'apache/ssl.conf',
    text: '<VirtualHost *:443>\n    SS\fLProtocol all -SSLv3\n    SSLProtocol TLSv1\v\n</VirtualHost>\n',
  },
  {
    name: 'haproxy: a form feed and a vertical tab inside a directive',
    path: 'haproxy/haproxy.cfg',
    text: 'global\n    ssl-default-bind-options\fssl-min-ver TLSv1.0\v\nbackend b\n    server s 10.0.0.1:443 ssl verify none\n',
  },
  {
    name: 'nginx: a form feed inside a directive',
    path: 'nginx.conf',
    text: 'server {\n    ssl_protocols\fTLSv1 TLSv1.2;\v\n}\n',
  },
  // seed 2, iteration 3929: a MISSING identifier (empty text) from error recovery sent wordOccurrences
  // into an endless loop ('abc'.indexOf('', 9) is 3, never -1) until the heap ran out.
  ...['x.js', 'x.ts', 'x.tsx'].map((p) => ({
    name: `${p}: a call on a MISSING identifier with a rejectUnauthorized object`,
    path: p,
    text: '.A({rejectUnauthorized:false})}',
  })),
  {
    // seed 4, iteration 19866: a raw line break in a quoted cipher string; the value read up to the break
    // and the fix appended to the whole literal, so every fixAll pass appended the same exclusions again.
    name: 'javascript.tls-weak-ciphers: a quoted string broken by a line break',
    path: 'x.js',
    text: "tls.createServer({ ciphers: 'ALL:!aNULL:!EXP\nEOF\nORT:!RC4:!DES:!3DES:!RC2:!IDEA:!SEED:!MD5' });\n",
  },
];

describe('fuzz: regressions', () => {
  it('syntaxErrorCount counts a MISSING hidden token (a lone CR line break in Python)', async () => {
    // seed 6, iteration 7358: the tree had an error (MISSING _newline, which no cursor walk visits) and
    // the count was 0, so "parses no worse" could not see a fix adding or keeping such an error.
    assert.equal(syntaxErrorCount('def f():\n    x = 1\r    return x\n', 'python', await getGrammars()), 1);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const res = checkInput(c.text, c.path, await getGrammars(), { fix: true });
      assert.deepEqual(res.problems, []);
    });
  }
});
