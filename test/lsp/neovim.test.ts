// A real third-party LSP client: headless Neovim (Debian's 0.7, `vim.lsp.start_client`) runs the bundled
// server with zero configuration and must get the same findings as `node dist/cli.js scan --format json`
// for the same files. Missing nvim skips locally but FAILS in CI (process.env.CI), where it must exist.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { ROOT } from '../helpers';
import { SERVER } from './lsp-client';

/** Fixtures in several languages (those that exist are used), plus inline files written below. */
const FIXTURES = [
  'python/requests-verify.py',
  'python/aiohttp-ssl.py',
  'go/tls-insecure-skip-verify.go',
  'c/openssl-verify.c',
  'javascript/tls-reject-unauthorized.ts',
  'javascript/tls-reject-unauthorized.js',
  'java/trust-all-manager.java',
  'shell/curl-insecure.sh',
  'shell/curl-insecure.Dockerfile',
  'shell/curl-insecure.yaml',
];

const INLINE: Record<string, string> = {
  'inline.py':
    'import requests\nimport ssl\n\n# tlslint-disable-next-line cert-verification-disabled -- test server\nrequests.get("https://a", verify=False)\nrequests.post("https://b", verify=False)  # tlslint-disable-line legacy-protocol\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n',
  'clean.py': 'import requests\nrequests.get("https://a")\n',
};

interface Row {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
  detector: string;
}

function nvimAvailable(): boolean {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && /NVIM v/.test(r.stdout);
}

function sortRows(rows: Row[]): Row[] {
  return [...rows].sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      a.line - b.line ||
      a.column - b.column ||
      a.rule.localeCompare(b.rule) ||
      a.detector.localeCompare(b.detector),
  );
}

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

function runNeovim(dir: string, files: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      'nvim',
      [
        '--headless',
        '-u',
        'NONE',
        '-i',
        'NONE',
        '--cmd',
        'filetype on',
        '-c',
        `luafile ${path.join(ROOT, 'test', 'lsp', 'neovim.lua')}`,
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          LSP_CMD: `${process.execPath} ${SERVER} --stdio`,
          LSP_ROOT: dir,
          LSP_FILES: files.join('\n'),
          HOME: dir,
          XDG_STATE_HOME: dir,
          XDG_DATA_HOME: dir,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('Neovim (third-party LSP client)', () => {
  it('gets the same findings as the CLI for the same files', async (t) => {
    if (process.env.TLSLINT_SKIP_E2E === '1') {
      t.skip('editor tests skipped (TLSLINT_SKIP_E2E=1)');
      return;
    }
    if (!nvimAvailable()) {
      if (process.env.CI)
        assert.fail(
          'nvim is not installed, but CI must run the Neovim test (apt-get install -y neovim; scripts/e2e-setup.sh installs it)',
        );
      t.skip('nvim not installed (apt-get install -y neovim)');
      return;
    }
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-nvim-')));
    try {
      const files: string[] = [];
      for (const f of FIXTURES) {
        const src = path.join(ROOT, 'test', 'fixtures', f);
        if (!fs.existsSync(src)) continue;
        const dest = path.join(dir, path.basename(f));
        fs.copyFileSync(src, dest);
        files.push(dest);
      }
      for (const [name, text] of Object.entries(INLINE)) {
        fs.writeFileSync(path.join(dir, name), text);
        files.push(path.join(dir, name));
      }
      assert.ok(files.length >= 4, 'enough files to compare');

      // The CLI's view.
      const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'scan', dir, '--format', 'json'], {
        cwd: dir,
        encoding: 'utf8',
      });
      assert.ok(cli.status === 0 || cli.status === 1, `cli exit ${cli.status}: ${cli.stderr}`);
      const report = JSON.parse(cli.stdout) as { findings: Row[]; summary: { files: number } };
      assert.equal(report.summary.files, files.length, 'the CLI scanned every file');
      const expected = sortRows(
        report.findings.map((f) => ({
          path: f.path,
          line: f.line,
          column: f.column,
          endLine: f.endLine,
          endColumn: f.endColumn,
          rule: f.rule,
          severity: f.severity,
          message: f.message,
          detector: f.detector,
        })),
      );

      // Neovim's view.
      const run = await runNeovim(dir, files);
      assert.equal(run.code, 0, `nvim exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
      const latest = new Map<
        string,
        {
          diagnostics: {
            range: { start: { line: number; character: number }; end: { line: number; character: number } };
            code: string;
            severity: number;
            message: string;
            source: string;
            data: { detector: string };
          }[];
        }
      >();
      for (const line of run.stdout.split('\n')) {
        if (!line.startsWith('DIAG ')) continue;
        const p = JSON.parse(line.slice(5)) as { uri: string; diagnostics: never[] };
        latest.set(p.uri, p);
      }
      // Neovim reports the languages it detected; the server must have been told a language id.
      assert.match(run.stdout, /OPEN .*requests-verify\.py filetype=python/);
      assert.equal(latest.size, files.length, `diagnostics for every file:\n${run.stdout}`);
      const actual: Row[] = [];
      for (const [uri, p] of latest) {
        const rel = path.relative(dir, fileURLToPath(uri)).split(path.sep).join('/');
        for (const d of p.diagnostics) {
          assert.equal(d.source, 'tlslint');
          actual.push({
            path: rel,
            line: d.range.start.line + 1,
            column: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
            rule: d.code,
            severity: SEVERITY[d.severity],
            message: d.message,
            detector: d.data.detector,
          });
        }
      }
      assert.ok(expected.length >= 5, `the files have findings (${expected.length})`);
      assert.deepEqual(sortRows(actual), expected);
      // Suppressed lines stay hidden and the stale suppression is reported in both.
      assert.ok(expected.some((r) => r.path === 'inline.py' && r.rule === 'unused-suppression'));
      assert.ok(!expected.some((r) => r.path === 'inline.py' && r.line === 5));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
