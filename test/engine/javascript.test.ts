// The JavaScript/TypeScript name-resolution model, and detector behaviour the fixtures cannot express
// (languages, fix application across forms).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../../server/src/engine/fix';
import {
  calleeName,
  flowsInto,
  isFalsyConstant,
  objectMembers,
  memberName,
  stringValue,
} from '../../server/src/engine/languages/javascript';
import { lint } from '../../server/src/engine/lint';
import { defineDetector } from '../../server/src/engine/detector';
import type { SourceFile } from '../../server/src/engine/types';
import { check, getGrammars } from '../helpers';

/** Runs `probe` on the parsed file, through the engine, and returns what it gives. */
async function withFile<T>(text: string, path: string, probe: (file: SourceFile) => T): Promise<T> {
  let out: T | undefined;
  const d = defineDetector({
    id: 'test.probe',
    rule: 'cert-verification-disabled',
    languages: ['javascript', 'typescript', 'tsx'],
    apis: [],
    tokens: [],
    fixAvailability: 'none',
    summary: 'A probe of the name model.',
    docs: '',
    examples: {},
    detect(file) {
      out = probe(file);
    },
  });
  const r = lint({ text, path }, await getGrammars(), [d]);
  assert.deepEqual(r.errors, []);
  return out as T;
}

async function callees(text: string, path = 'a.ts'): Promise<(string | undefined)[]> {
  return withFile(text, path, (file) =>
    file.nodes('call_expression', 'new_expression').map((c) => calleeName(file, c)),
  );
}

describe('javascript model: import and require bindings', () => {
  it('resolves namespace, named, aliased and default imports with node: prefixes', async () => {
    const text = [
      "import * as t from 'node:tls';",
      "import { connect as c, createServer } from 'tls';",
      "import https from 'https';",
      "import axios from 'axios';",
      't.connect(1); c(2); createServer(); https.get(u); axios.create();',
    ].join('\n');
    assert.deepEqual(await callees(text), [
      'tls.connect',
      'tls.connect',
      'tls.createServer',
      'https.get',
      'axios.create',
    ]);
  });
  it('resolves require, destructuring with renames, member requires and TS import = require', async () => {
    const text = [
      "const tls = require('node:tls');",
      "const { Agent, request: req } = require('https');",
      "const UA = require('undici').Agent;",
      "import h2 = require('http2');",
      "tls.connect(); new Agent(); req(); new UA(); h2.connect(); require('tls').createSecurePair();",
    ].join('\n');
    const names = await callees(text);
    assert.ok(names.includes('tls.connect'));
    assert.ok(names.includes('https.Agent'));
    assert.ok(names.includes('https.request'));
    assert.ok(names.includes('undici.Agent'));
    assert.ok(names.includes('http2.connect'));
    assert.ok(names.includes('tls.createSecurePair'));
  });
  it('follows a variable bound once to a call or new, and destructuring from a resolved object', async () => {
    const text = [
      "const https = require('https');",
      'const agent = new https.Agent({});',
      'agent.destroy();',
      'const { env } = process;',
      'env.toString();',
    ].join('\n');
    const names = await callees(text, 'a.js');
    assert.ok(names.includes('https.Agent().destroy'));
    assert.ok(names.includes('process.env.toString'));
  });
  it('treats a name assigned twice as unknown', async () => {
    const names = await callees("let t = require('tls');\nt = other;\nt.connect();\n", 'a.js');
    assert.ok(!names.includes('tls.connect'));
  });
});

describe('javascript model: values and objects', () => {
  it('knows falsy constants, strings and joined cipher lists', async () => {
    const text =
      "const F = false;\nconst o = { a: false, b: 0, c: !1, d: F, e: true, f: 'x', g: 'a' + `b`, h: ['A', 'B'].join(':'), i: null, j: !0 };\n";
    const got = await withFile(text, 'a.js', (file) => {
      const obj = file.nodes('object')[0];
      return Object.fromEntries(
        objectMembers(file, obj).map((m) => [
          memberName(m),
          [isFalsyConstant(file, m.childForFieldName('value')), stringValue(file, m.childForFieldName('value'))],
        ]),
      );
    });
    assert.deepEqual(got, {
      a: [true, undefined],
      b: [true, undefined],
      c: [true, undefined],
      d: [true, undefined],
      e: [false, undefined],
      f: [false, 'x'],
      g: [false, 'ab'],
      h: [false, 'A:B'],
      i: [true, undefined],
      j: [false, undefined],
    });
  });
  it('inlines spread const objects and finds the call an options object flows into', async () => {
    const text = [
      "const https = require('https');",
      'const base = { rejectUnauthorized: false };',
      "https.request({ ...base, host: 'h' });",
    ].join('\n');
    const got = await withFile(text, 'a.js', (file) => {
      const [base, call] = file.nodes('object');
      return { into: flowsInto(file, base)?.name, members: objectMembers(file, call).map((m) => memberName(m)) };
    });
    assert.deepEqual(got, { into: 'https.request', members: ['rejectUnauthorized', 'host'] });
  });
  it('follows nested option objects up to the call (undici connect, axios httpsAgent)', async () => {
    const text = "import { Agent } from 'undici';\nnew Agent({ connect: { rejectUnauthorized: false } });\n";
    const into = await withFile(text, 'a.mjs', (file) => flowsInto(file, file.nodes('object')[1])?.name);
    assert.equal(into, 'undici.Agent');
  });
});

describe('javascript detectors across languages', () => {
  it('flag the same code in .js, .jsx, .ts, .tsx, .mjs and .cjs', async () => {
    const text = "const https = require('https');\nhttps.get(u, { rejectUnauthorized: false });\n";
    for (const path of ['a.js', 'a.jsx', 'a.ts', 'a.tsx', 'a.mjs', 'a.cjs']) {
      const r = await check(text, path);
      assert.deepEqual(
        r.findings.map((f) => f.detector),
        ['javascript.tls-reject-unauthorized'],
        path,
      );
    }
  });
  it('leave interface and type members alone', async () => {
    const text =
      'interface O { rejectUnauthorized?: false; checkServerIdentity?: () => undefined; minVersion?: "TLSv1" }\n';
    const r = await check(text, 'a.ts');
    assert.deepEqual(r.findings, []);
  });
  it('fix everything safe in one pass and leave parseable code', async () => {
    const text = [
      "import * as tls from 'node:tls';",
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
      "tls.connect({ host: 'h', rejectUnauthorized: false, minVersion: 'TLSv1', checkServerIdentity: () => undefined });",
      '',
    ].join('\n');
    const out = fixAll({ text, path: 'a.ts' }, await getGrammars());
    assert.equal(
      out.text,
      "import * as tls from 'node:tls';\ntls.connect({ host: 'h', rejectUnauthorized: true, minVersion: 'TLSv1.2' });\n",
    );
    const again = await check(out.text, 'a.ts');
    assert.deepEqual(again.findings, []);
  });
  it('a suppression comment silences a finding', async () => {
    const text =
      '// tlslint-disable-next-line cert-verification-disabled -- test server with a self-signed cert\nhttps.get(u, { rejectUnauthorized: false });\n';
    const r = await check(text, 'a.js');
    assert.equal(r.findings.length, 0);
    assert.equal(r.suppressed.length, 1);
  });
});
