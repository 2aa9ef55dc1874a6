// A second third-party LSP client: headless Emacs with eglot (Debian's emacs-nox 28 and elpa-eglot 1.9),
// set up as docs/editors.md says, must show through Flymake the findings `node dist/cli.js scan --format
// json` reports for the same file. One Emacs per file: eglot 1.9 in batch mode hands diagnostics to Flymake
// only in the buffer it connected from. Missing Emacs skips locally but FAILS in CI (process.env.CI).
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';
import { SERVER } from './lsp-client';

const FILES: Record<string, string> = {
  'client.py':
    'import requests\nimport ssl\n\nrequests.get("https://a", verify=False)\n# tlslint-disable-next-line cert-verification-disabled -- test server\nrequests.post("https://b", verify=False)\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n',
  'client.go':
    'package main\n\nimport "crypto/tls"\n\nvar c = &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS10}\n',
  'agent.js': "const https = require('https');\nconst agent = new https.Agent({ rejectUnauthorized: false });\n",
  'fetch.sh': '#!/bin/sh\ncurl -k https://example.com/install.sh | sh\n',
};

const SEVERITY: Record<string, string> = {
  'eglot-error': 'error',
  'eglot-warning': 'warning',
  'eglot-note': 'information',
};

function emacsWithEglot(): boolean {
  const r = spawnSync('emacs', ['--batch', '-Q', '-l', path.join(ROOT, 'test', 'lsp', 'eglot-probe.el')], {
    encoding: 'utf8',
  });
  return r.status === 0 && /eglot ok/.test(r.stdout + r.stderr);
}

function runEmacs(dir: string, file: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('emacs', ['--batch', '-Q', '-l', path.join(ROOT, 'test', 'lsp', 'eglot.el')], {
      cwd: dir,
      env: { ...process.env, HOME: dir, TLSLINT_SERVER: SERVER, LSP_FILES: file, LSP_TIMEOUT_S: '30' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('Emacs eglot (third-party LSP client)', () => {
  it('shows in Flymake the findings the CLI reports, file by file', async (t) => {
    if (process.env.TLSLINT_SKIP_E2E === '1') {
      t.skip('editor tests skipped (TLSLINT_SKIP_E2E=1)');
      return;
    }
    if (!emacsWithEglot()) {
      if (process.env.CI)
        assert.fail(
          'emacs with eglot is not installed, but CI must run this test (apt-get install -y emacs-nox elpa-eglot)',
        );
      t.skip('emacs with eglot not installed (apt-get install -y emacs-nox elpa-eglot)');
      return;
    }
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tlslint-eglot-')));
    try {
      for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
      const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'scan', dir, '--format', 'json'], {
        cwd: dir,
        encoding: 'utf8',
      });
      assert.ok(cli.status === 0 || cli.status === 1, `cli exit ${cli.status}: ${cli.stderr}`);
      const report = JSON.parse(cli.stdout) as {
        findings: { path: string; line: number; column: number; rule: string; severity: string; message: string }[];
      };
      for (const name of Object.keys(FILES)) {
        const expected = report.findings
          .filter((f) => f.path === name)
          .map((f) => `${f.line}:${f.column} ${f.severity} [${f.rule}] ${f.message}`)
          .sort();
        assert.ok(expected.length >= 1, `${name} has findings`);
        const run = await runEmacs(dir, path.join(dir, name));
        assert.equal(run.code, 0, `emacs exit ${run.code} for ${name}:\n${run.out}`);
        const actual = run.out
          .split('\n')
          .map((l) => /^DIAG (.+?):(\d+):(\d+): (\S+) tlslint \[([^\]]+)\]: (.*)$/.exec(l))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => `${m[2]}:${m[3]} ${SEVERITY[m[4]] ?? m[4]} [${m[5]}] ${m[6]}`)
          .sort();
        assert.deepEqual(actual, expected, `Flymake in Emacs for ${name}:\n${run.out}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
