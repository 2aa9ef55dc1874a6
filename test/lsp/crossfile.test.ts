// Across files in the language server: an open document's finding on an imported constant carries the
// definition as `relatedInformation` in the other file, the findings equal the CLI's on the same files, and
// editing the module (open in the editor, unsaved) re-lints the documents that import from it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ROOT } from '../helpers';
import { LspClient, uriOf } from './lsp-client';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'crossfile');
const LANGUAGE_IDS: Record<string, string> = {
  py: 'python',
  js: 'javascript',
  ts: 'typescript',
  go: 'go',
  java: 'java',
  kt: 'kotlin',
  rs: 'rust',
  cs: 'csharp',
};

function copyAll(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-lspcross-')));
  fs.cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(py|js|ts|go|java|kt|rs|cs)$/.test(f))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

/** `line rule related-file:line` per diagnostic, the related file relative to `dir`. */
function keysOf(rel: string, ds: Diagnostic[], dir: string): string[] {
  return ds.map((d) => {
    const related = (d.relatedInformation ?? [])
      .filter((r) => r.location.uri !== uriOf(path.join(dir, rel)))
      .map((r) => `${path.relative(dir, new URL(r.location.uri).pathname)}:${r.location.range.start.line + 1}`);
    return `${rel}:${d.range.start.line + 1} ${String(d.code)} ${related.join(',')}`;
  });
}

describe('language server: across files', () => {
  it('gives the CLI findings, with related locations in the other files', async () => {
    const dir = copyAll();
    const client = await LspClient.start({ workspaceFolders: [dir] });
    try {
      const server: string[] = [];
      for (const rel of sourceFiles(dir)) {
        const p = await client.open(
          uriOf(path.join(dir, rel)),
          fs.readFileSync(path.join(dir, rel), 'utf8'),
          LANGUAGE_IDS[rel.slice(rel.lastIndexOf('.') + 1)],
        );
        server.push(...keysOf(rel, p.diagnostics, dir));
      }
      assert.ok(
        server.some((k) => k.startsWith('python/app/client.py:10 cert-verification-disabled python/app/settings.py:2')),
      );
      assert.ok(server.some((k) => k.startsWith('go/pkg/client.go:10 legacy-protocol go/pkg/consts.go:7')));
      assert.ok(
        server.some((k) =>
          k.startsWith(
            'kotlin/src/main/kotlin/com/acme/client/Client.kt:14 hostname-verification-disabled kotlin/src/main/kotlin/com/acme/tls/Verifiers.kt:11',
          ),
        ),
      );
      const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'scan', '--format', 'json', '.'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      assert.equal(cli.status, 1, cli.stderr);
      const fromCli = (
        JSON.parse(cli.stdout) as {
          findings: { path: string; line: number; rule: string; related?: { path?: string; line: number }[] }[];
        }
      ).findings.map(
        (f) =>
          `${f.path}:${f.line} ${f.rule} ${(f.related ?? [])
            .filter((r) => r.path)
            .map((r) => `${r.path}:${r.line}`)
            .join(',')}`,
      );
      assert.deepEqual(server.sort(), fromCli.sort());
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('editing the imported module (unsaved) re-lints the open document that imports from it', async () => {
    const dir = copyAll();
    const client = await LspClient.start({ workspaceFolders: [dir] });
    try {
      const importer = uriOf(path.join(dir, 'python/app/absolute.py'));
      const settingsPath = path.join(dir, 'python/app/settings.py');
      const settings = uriOf(settingsPath);
      const first = await client.open(importer, fs.readFileSync(path.join(dir, 'python/app/absolute.py'), 'utf8'));
      assert.equal(first.diagnostics.length, 1);
      const related = first.diagnostics[0].relatedInformation?.[0];
      assert.equal(related?.location.uri, settings);
      assert.deepEqual(related?.location.range.start, { line: 1, character: 13 });
      await client.open(settings, fs.readFileSync(settingsPath, 'utf8'));
      const before = client.published(importer);
      await client.change(settings, 2, [
        {
          range: { start: { line: 1, character: 13 }, end: { line: 1, character: 18 } },
          text: 'True',
        },
      ]);
      const after = await client.nextDiagnostics(importer, before);
      assert.deepEqual(after.diagnostics, []);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
