// Helpers for CLI tests: run the built dist/cli.js as a child process, build temp trees, snapshots.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, assertSnapshot } from '../helpers';

export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const TREE = path.join(ROOT, 'test', 'cli', 'tree');
const SNAPSHOTS = path.join(ROOT, 'test', 'cli', 'snapshots');

/** The JSON report (`--format json`) as the tests read it. */
export interface JsonReport {
  version: number;
  findings: {
    path: string;
    line: number;
    column: number;
    rule: string;
    severity: string;
    fixes: { safety: string }[];
  }[];
  summary: { files: number; skipped: number; findings: number; durationMs: number };
  configErrors?: { path: string; line: number; column: number; key?: string; message: string }[];
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI (no TTY, no colours) and collects its output. */
export function runCli(
  args: string[],
  opts: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...(opts.env ?? {}) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.end(opts.input ?? '');
  });
}

export function tempDir(prefix = 'tlslint-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A copy of test/cli/tree plus what git cannot hold well: a binary file, a non-UTF-8 file, a file the
 * tree's .gitignore ignores, and a symbolic link loop.
 */
export function makeTree(): string {
  const dir = tempDir();
  fs.cpSync(TREE, dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'binary.py'),
    Buffer.from('import requests\x00\x01\x02requests.get(u, verify=False)\n', 'latin1'),
  );
  fs.writeFileSync(
    path.join(dir, 'latin1.py'),
    Buffer.from('# caf\xe9\nimport requests\nrequests.get(u, verify=False)\n', 'latin1'),
  );
  fs.writeFileSync(path.join(dir, 'ignored_secret.py'), 'import requests\nrequests.get(u, verify=False)\n');
  fs.mkdirSync(path.join(dir, 'nested'));
  fs.symlinkSync('..', path.join(dir, 'nested', 'loop'));
  return dir;
}

/** Compares with test/cli/snapshots/<name>; see assertSnapshot (a `.snap.new`-style review loop). */
export function matchSnapshot(name: string, actual: string): void {
  assertSnapshot(path.join(SNAPSHOTS, name), actual);
}

/** Makes run-dependent values stable: durations, the version, the temp folder. */
export function normalize(text: string, dir: string): string {
  return text
    .split(pathToFileURL(dir).href)
    .join('file:///TREE')
    .split(dir)
    .join('<TREE>')
    .replace(/"durationMs": \d+/g, '"durationMs": 0')
    .replace(/"(version|semanticVersion)": "(\d+\.\d+\.\d+[^"]*)"/g, (m, k: string, v: string) =>
      v === '2.1.0' ? m : `"${k}": "X.Y.Z"`,
    );
}
