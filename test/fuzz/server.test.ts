// Fuzzing the language server: mutated fixtures opened, edited and fixed over stdio with the real
// dist/server.js. Every open publishes diagnostics with ranges inside the document, hovers and code
// actions answer, and the server shuts down cleanly (no crash, nothing on stderr but warnings).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { ROOT } from '../helpers';
import { LspClient, uriOf } from '../lsp/lsp-client';
import { Rng, SLOW_KOTLIN, fixtureFiles, mutate } from './mutate';

const SEED = 90210;
/** Documents opened: every STRIDE-th fixture, mutated. */
const STRIDE = 10;

function inRange(d: Diagnostic, lines: string[]): boolean {
  const ok = (p: { line: number; character: number }) =>
    p.line >= 0 && p.line < lines.length + 1 && p.character >= 0 && p.character <= (lines[p.line]?.length ?? 0);
  return ok(d.range.start) && ok(d.range.end);
}

describe('fuzz: language server', () => {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-fuzz-lsp-')));
    client = await LspClient.start({ workspaceFolders: [dir] });
  });

  after(async () => {
    if (client) await client.stop().catch(() => client.kill());
  });

  it(
    'publishes for every fuzzed document, answers hovers and code actions, survives edits',
    { timeout: 180_000 },
    async () => {
      const r = new Rng(SEED);
      let docs = 0;
      let diagnostics = 0;
      for (const [n, file] of fixtureFiles().entries()) {
        if (n % STRIDE !== 0) continue;
        const m = mutate(fs.readFileSync(path.join(ROOT, file), 'utf8'), r);
        // The fixture's folder and name decide the language (apache/, haproxy/, Dockerfile...); 'plaintext' defers to the path.
        const uri = uriOf(path.join(dir, path.basename(path.dirname(file)), `${n}-${path.basename(file)}`));
        const published = await client.open(uri, m.text, 'plaintext', 1);
        docs++;
        diagnostics += published.diagnostics.length;
        const lines = m.text.split(/\r\n|\r|\n/);
        for (const d of published.diagnostics)
          assert.ok(inRange(d, lines), `${file} [${m.ops.join(', ')}]: ${JSON.stringify(d.range)}`);
        const at = published.diagnostics[0]?.range.start ?? { line: 0, character: 0 };
        await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: at });
        const actions = await client.conn.sendRequest<CodeAction[] | null>('textDocument/codeAction', {
          textDocument: { uri },
          range: published.diagnostics[0]?.range ?? { start: at, end: at },
          context: { diagnostics: published.diagnostics.slice(0, 1), only: ['quickfix', 'source.fixAll.tlslint'] },
        });
        assert.ok(actions === null || Array.isArray(actions));
        // An edit that breaks the text more: the server re-lints version 2.
        const before = client.published(uri);
        const broken = mutate(m.text, r).text;
        await client.change(uri, 2, [{ text: broken }]);
        const again = await client.nextDiagnostics(uri, before, (p) => p.version === undefined || p.version === 2);
        const brokenLines = broken.split(/\r\n|\r|\n/);
        for (const d of again.diagnostics) assert.ok(inRange(d, brokenLines), `${file} v2: ${JSON.stringify(d.range)}`);
        await client.close(uri);
      }
      assert.doesNotMatch(client.stderr, /Error|internal/i, client.stderr);
      assert.ok(!client.logs.some((l) => /lint failed|failed:/.test(l)), client.logs.join('\n'));
      console.log(`fuzz server: ${docs} documents opened and edited, ${diagnostics} diagnostics`);
    },
  );

  it(
    'abandons a file over the time budget with one warning and no diagnostics, and stays responsive',
    { timeout: 60_000 },
    async () => {
      const uri = uriOf(path.join(dir, 'slow.kt'));
      const started = Date.now();
      const published = await client.open(uri, SLOW_KOTLIN, 'kotlin', 1);
      assert.deepEqual(published.diagnostics, []);
      await client.waitFor(
        () =>
          client.logs.some((l) =>
            /slow\.kt: abandoned after \d+ ms: time budget of \d+ ms exceeded; the file is not linted/.test(l),
          ),
        'the budget warning',
      );
      const hover = await client.conn.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 0 },
      });
      assert.equal(hover, null);
      // Another document is linted as usual right after.
      const ok = await client.open(
        uriOf(path.join(dir, 'ok.py')),
        'import requests\nrequests.get(u, verify=False)\n',
        'python',
        1,
      );
      assert.equal(ok.diagnostics.length, 1);
      console.log(`fuzz server: slow.kt abandoned and published in ${Date.now() - started} ms`);
    },
  );
});
