// `.tlslint.json` in the language server, over a real LSP connection: a configuration error stays on the
// configuration file as a diagnostic (never replaced by an empty list), files under it are not linted with
// defaults, `tlslint/configStatus` tells the client; nested files, root and extends resolve as in the CLI.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ROOT } from '../helpers';
import { LspClient, uriOf } from './lsp-client';

/** A diagnostic's message as text (LSP 3.18 allows markup). */
function textOf(m: string | { value: string } | undefined): string {
  return typeof m === 'string' ? m : (m?.value ?? '');
}

const BAD =
  'import ssl\nimport requests\nrequests.get(u, verify=False)\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\nctx.set_ciphers("RC4-SHA")\n';

function tempDir(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-lspcfg-')));
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const short = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1} ${String(d.code)} ${d.severity}`).sort();

describe('language server: configuration errors', () => {
  it('stay as a diagnostic on the config file through re-lints; files under it are not linted; the client is told', async () => {
    const dir = tempDir({
      '.tlslint.json': '{\n  // team rules\n  "rules": {\n    "cert-verification-disabled": "loud",\n  },\n}\n',
      'a.py': BAD,
      'b.py': BAD,
    });
    const client = await LspClient.start({ workspaceFolders: [dir] });
    const configUri = uriOf(path.join(dir, '.tlslint.json'));
    try {
      // Reported at start-up, before any file is opened.
      const c = await client.nextDiagnostics(configUri, 0);
      const expected: Diagnostic = {
        range: { start: { line: 3, character: 34 }, end: { line: 3, character: 40 } },
        severity: 1,
        source: 'tlslint',
        code: 'invalid-configuration',
        message:
          'rules.cert-verification-disabled: bad severity (expected one of "off", "information", "warning", "error"). Files under this configuration are not linted until it is fixed.',
      };
      assert.deepEqual(c.diagnostics, [expected]);
      await client.waitFor(() => client.configStatus.length > 0, 'configStatus');
      assert.deepEqual(client.configStatus.at(-1), {
        errors: [
          {
            uri: configUri,
            line: 4,
            column: 35,
            key: 'rules.cert-verification-disabled',
            message: 'bad severity (expected one of "off", "information", "warning", "error")',
          },
        ],
      });
      // Not linted with defaults.
      const a = await client.open(uriOf(path.join(dir, 'a.py')), BAD);
      assert.deepEqual(a.diagnostics, []);
      // The config file opened in the editor, edited (still broken), other files opened: every re-lint
      // leaves its diagnostic in place.
      await client.conn.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri: configUri,
          languageId: 'jsonc',
          version: 1,
          text: fs.readFileSync(path.join(dir, '.tlslint.json'), 'utf8'),
        },
      });
      await client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: configUri, version: 2 },
        contentChanges: [{ text: '{\n  "rules": { "weak-cipher": "off" }\n}\n,,\n' }],
      });
      const syntax = await client.nextDiagnostics(configUri, 1, (p) =>
        /syntax error/.test(textOf(p.diagnostics[0]?.message)),
      );
      assert.deepEqual(syntax.diagnostics[0].range.start, { line: 3, character: 0 });
      assert.match(textOf(syntax.diagnostics[0].message), /^syntax error: end of file expected/);
      const b = await client.open(uriOf(path.join(dir, 'b.py')), BAD);
      assert.deepEqual(b.diagnostics, []);
      await new Promise((r) => setTimeout(r, 300));
      for (const p of client.diagnostics.get(configUri) ?? [])
        assert.ok(p.diagnostics.length > 0, 'never an empty list while broken');

      // Fixed in the buffer: the error goes, the files are linted under the config, the client is told.
      const beforeA = client.published(uriOf(path.join(dir, 'a.py')));
      const statuses = client.configStatus.length;
      await client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: configUri, version: 3 },
        contentChanges: [{ text: '{ "rules": { "weak-cipher": "off", }, } // fine\n' }],
      });
      const cleared = await client.nextDiagnostics(configUri, 0, (p) => p.diagnostics.length === 0);
      assert.deepEqual(cleared.diagnostics, []);
      const relinted = await client.nextDiagnostics(
        uriOf(path.join(dir, 'a.py')),
        beforeA,
        (p) => p.diagnostics.length > 0,
      );
      assert.deepEqual(short(relinted.diagnostics), ['3 cert-verification-disabled 1', '4 legacy-protocol 2']);
      await client.waitFor(
        () => client.configStatus.slice(statuses).some((s) => s.errors.length === 0),
        'configStatus ok',
      );
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an error in an extended file is shown on that file; an extends cycle on the extends value', async () => {
    const dir = tempDir({
      '.tlslint.json': '{ "extends": "shared/base.json" }',
      'shared/base.json': '{\n  "rules": { "weak-ciper": "off" }\n}\n',
      'a.py': BAD,
    });
    const client = await LspClient.start({ workspaceFolders: [dir] });
    try {
      const baseUri = uriOf(path.join(dir, 'shared/base.json'));
      const e = await client.nextDiagnostics(baseUri, 0);
      assert.equal(e.diagnostics.length, 1);
      assert.match(textOf(e.diagnostics[0].message), /^rules\.weak-ciper: unknown rule id/);
      assert.deepEqual(e.diagnostics[0].range.start, { line: 1, character: 13 });
      assert.deepEqual((await client.open(uriOf(path.join(dir, 'a.py')), BAD)).diagnostics, []);
      // A cycle, reported through the file watcher.
      fs.writeFileSync(path.join(dir, 'shared/base.json'), '{ "extends": "../.tlslint.json" }');
      const configUri = uriOf(path.join(dir, '.tlslint.json'));
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: baseUri, type: 2 }] });
      const cycle = await client.nextDiagnostics(baseUri, 0, (p) => /cycle/.test(textOf(p.diagnostics[0]?.message)));
      assert.match(
        textOf(cycle.diagnostics[0].message),
        /^extends: extends cycle: \.\.\/\.tlslint\.json -> base\.json -> \.\.\/\.tlslint\.json\./,
      );
      assert.deepEqual(client.latest(configUri)?.diagnostics ?? [], []);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the workspace scan skips files under a broken nested config and lints the rest', async () => {
    const dir = tempDir({ 'app.py': BAD, 'sub/.tlslint.json': '{ "rules": [] }', 'sub/app.py': BAD });
    const client = await LspClient.start({ workspaceFolders: [dir] });
    try {
      const result = await client.conn.sendRequest<{ files: number; skipped: number }>('tlslint/scanWorkspace', {});
      assert.deepEqual([result.files, result.skipped], [1, 1]);
      assert.equal(client.latest(uriOf(path.join(dir, 'app.py')))?.diagnostics.length, 3);
      assert.equal(client.latest(uriOf(path.join(dir, 'sub/app.py'))), undefined);
      const c = await client.nextDiagnostics(uriOf(path.join(dir, 'sub/.tlslint.json')), 0);
      assert.match(textOf(c.diagnostics[0].message), /^rules: must be object/);
      await client.waitFor(
        () =>
          client.logs.some((l) =>
            /sub\/app\.py: not linted, configuration error in .*sub\/\.tlslint\.json:1:12/.test(l),
          ),
        'log',
      );
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: hierarchical configuration, as the CLI', () => {
  it('nested configs, root, ignore and test files give the same findings as the CLI', async () => {
    const dir = tempDir({
      '.tlslint.json': '{ "rules": { "weak-cipher": "off" }, "ignore": ["gen/**"], "testFiles": "ignore" }',
      'app.py': BAD,
      'gen/out.py': BAD,
      'sub/.tlslint.json': '{ "rules": { "legacy-protocol": "off" } }',
      'sub/app.py': BAD,
      'sub/tests/helper.py': BAD,
      'iso/.tlslint.json': '{ "root": true }',
      'iso/app.py': BAD,
    });
    // The workspace folder is `sub`: the configuration above it still applies (as for the CLI).
    const client = await LspClient.start({ workspaceFolders: [path.join(dir, 'sub'), path.join(dir, 'iso')] });
    try {
      const files = ['app.py', 'gen/out.py', 'sub/app.py', 'sub/tests/helper.py', 'iso/app.py'];
      const server: string[] = [];
      for (const f of files) {
        const p = await client.open(uriOf(path.join(dir, f)), BAD);
        server.push(...short(p.diagnostics).map((d) => `${f}:${d}`));
      }
      // Named files: --force-exclude makes the CLI skip the ignored ones, as the editor always does (ruff's
      // server and CLI behave the same way).
      const cli = spawnSync(
        process.execPath,
        [path.join(ROOT, 'dist/cli.js'), 'scan', '--force-exclude', '--format', 'json', ...files],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        },
      );
      // From another working folder, naming files relative to it.
      const cliOut = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'dist/cli.js'),
          'scan',
          '--force-exclude',
          '--format',
          'json',
          ...files.map((f) => path.join(dir, f)),
        ],
        { cwd: os.tmpdir(), encoding: 'utf8' },
      );
      for (const r of [cli, cliOut]) {
        assert.ok(r.status === 1, r.stderr);
      }
      const sev = { error: 1, warning: 2, information: 3 } as Record<string, number>;
      const fromCli = (out: string, cwd: string) =>
        (JSON.parse(out) as { findings: { path: string; line: number; rule: string; severity: string }[] }).findings
          .map((f) => `${path.relative(dir, path.resolve(cwd, f.path))}:${f.line} ${f.rule} ${sev[f.severity]}`)
          .sort();
      assert.deepEqual(server.sort(), [
        'app.py:3 cert-verification-disabled 1',
        'app.py:4 legacy-protocol 2',
        'iso/app.py:3 cert-verification-disabled 1',
        'iso/app.py:4 legacy-protocol 2',
        'iso/app.py:5 weak-cipher 2',
        'sub/app.py:3 cert-verification-disabled 1',
      ]);
      // The same findings from the project folder with relative names and from elsewhere with absolute ones.
      assert.deepEqual(fromCli(cli.stdout, dir), server);
      assert.deepEqual(fromCli(cliOut.stdout, os.tmpdir()), server);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
