/**
 * @fileoverview "TLS Lint: Show Runtime TLS Versions": reports the OpenSSL behind the `openssl` CLI,
 * Python's `ssl.OPENSSL_VERSION` and Node's `process.versions.openssl`, each marked supported or end-of-life.
 * It runs programs, so only in a trusted workspace; each runs from a fixed argv, without a shell, with a timeout.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientContext } from '../context';
import { openMarkdownPreview, type VirtualMarkdown } from '../docs';
import { parseOsRelease, renderRuntimeReport, type Distribution, type RuntimeProbe } from '../tls-versions';

/** Folders whose programs belong to the OS distribution's package manager (not /usr/local, not a venv). */
const DISTRO_DIRS = new Set(['/usr/bin', '/bin', '/usr/sbin', '/sbin']);

/** The distribution that built `program`, when PATH resolves it into a distribution folder on Linux. */
function distributionOf(program: string, osRelease: Distribution | undefined): Distribution | undefined {
  if (!osRelease || process.platform !== 'linux') return undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, program);
    if (!fs.existsSync(candidate)) continue;
    let real = candidate;
    try {
      real = fs.realpathSync(candidate);
    } catch {
      // a dangling link: judge by where PATH found it
    }
    return DISTRO_DIRS.has(path.dirname(real)) || DISTRO_DIRS.has(dir) ? osRelease : undefined;
  }
  return undefined;
}

function readOsRelease(): Distribution | undefined {
  for (const f of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return parseOsRelease(fs.readFileSync(f, 'utf8'));
    } catch {
      // not this one
    }
  }
  return undefined;
}

const TIMEOUT_MS = 5000;

/** Runs `file argv` without a shell, from the home folder (never the workspace), and reports what it printed. */
function probe(runtime: string, file: string, argv: string[]): Promise<RuntimeProbe> {
  const command = [file, ...argv.map((a) => (a.includes(' ') ? JSON.stringify(a) : a))].join(' ');
  return new Promise((resolve) => {
    execFile(
      file,
      argv,
      { shell: false, timeout: TIMEOUT_MS, cwd: os.homedir(), windowsHide: true, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') return resolve({ runtime, command, missing: true });
          return resolve({
            runtime,
            command,
            error: err.killed ? `timed out after ${TIMEOUT_MS / 1000} s` : (stderr || err.message).trim(),
          });
        }
        resolve({ runtime, command, output: stdout.trim().split(/\r?\n/)[0] });
      },
    );
  });
}

/** The three probes, in the order shown. */
export async function probeRuntimes(): Promise<RuntimeProbe[]> {
  const [openssl, pythonProbe] = await Promise.all([
    probe('openssl CLI', 'openssl', ['version']),
    probe('Python ssl module', process.platform === 'win32' ? 'python' : 'python3', [
      '-c',
      'import ssl; print(ssl.OPENSSL_VERSION)',
    ]),
  ]);
  // Distribution builds (Debian's openssl 3.0.x with backports) are judged by the distribution's support.
  const osRelease = process.platform === 'linux' ? readOsRelease() : undefined;
  const python = process.platform === 'win32' ? 'python' : 'python3';
  if (!openssl.missing) openssl.distribution = distributionOf('openssl', osRelease);
  if (!pythonProbe.missing) pythonProbe.distribution = distributionOf(python, osRelease);
  const node: RuntimeProbe = {
    runtime: `Node.js ${process.version} (VS Code extension host)`,
    command: 'process.versions.openssl',
    output: process.versions.openssl,
  };
  return [openssl, pythonProbe, node];
}

/** The report's read-only virtual document: no file, nothing to save, refreshed on each run. */
export const REPORT_SCHEME = 'tlslint-report';
export const REPORT_URI = `${REPORT_SCHEME}:/Runtime TLS Versions.md`;

export function showRuntimeTlsVersions(ctx: ClientContext, reports: VirtualMarkdown) {
  return async (): Promise<RuntimeProbe[] | undefined> => {
    if (!vscode.workspace.isTrusted) {
      const choice = await vscode.window.showWarningMessage(
        'TLS Lint: "Show Runtime TLS Versions" runs programs (openssl, python3), so it is available only in a trusted workspace.',
        'Manage Workspace Trust',
      );
      if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    const probes = await probeRuntimes();
    const uri = vscode.Uri.parse(REPORT_URI);
    reports.set(uri, renderRuntimeReport(probes));
    // One line in Output; the report itself is in the preview.
    ctx.output.info(
      `Runtime TLS versions: ${probes.map((p) => `${p.runtime}: ${p.missing ? 'not found' : (p.output ?? 'error')}`).join('; ')}`,
    );
    await openMarkdownPreview(uri);
    return probes;
  };
}
