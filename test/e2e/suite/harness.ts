/**
 * @fileoverview A minimal test runner and waiting helpers for the suite that runs inside the VS Code
 * extension host (no mocha here). Waits are event-driven (`onDidChangeDiagnostics`); the only timers
 * are failure deadlines, never sleeps.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TlsLintApi } from '../../../client/src/api';

export interface TestCase {
  name: string;
  fn: () => Promise<void>;
}

const cases: TestCase[] = [];

/** Registers a test; tests run in registration order, sharing one workbench. */
export function test(name: string, fn: () => Promise<void>): void {
  cases.push({ name, fn });
}

/** Runs every registered test, logs one line per test, throws if any failed. */
export async function runAll(): Promise<void> {
  let failed = 0;
  const started = Date.now();
  for (const c of cases) {
    const t0 = Date.now();
    try {
      await c.fn();
      console.log(`[e2e]  ✔ ${c.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.error(
        `[e2e]  ✘ ${c.name} (${Date.now() - t0} ms)\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
    }
  }
  console.log(`[e2e] ${cases.length - failed} passed, ${failed} failed, ${Date.now() - started} ms`);
  if (failed) throw new Error(`${failed} of ${cases.length} e2e tests failed`);
}

export const EXTENSION_ID = 'tlslint.tlslint';
const DEADLINE_MS = 30_000;

/** The extension's API (activating it if needed), once its language server runs. */
export async function api(): Promise<TlsLintApi> {
  const ext = vscode.extensions.getExtension<TlsLintApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const a = ext.isActive ? ext.exports : await ext.activate();
  await a.ready();
  return a;
}

/** A file in the first workspace folder (`main`), or in the folder with the given index. */
export function workspaceUri(rel: string, folderIndex = 0): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[folderIndex];
  if (!folder) throw new Error(`no workspace folder ${folderIndex} open`);
  return vscode.Uri.joinPath(folder.uri, rel);
}

/** tlslint's diagnostics for a file. */
export function tlslintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tlslint');
}

/** The rule id of a diagnostic (`code` is `{ value, target }` when the server sends codeDescription). */
export function ruleOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

/**
 * Resolves with the file's tlslint diagnostics as soon as `accept` holds for them: checked now, then on
 * every `onDidChangeDiagnostics` event for that file. Rejects after a deadline with what was last seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = tlslintDiagnostics(uri);
      if (!accept(ds)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      const seen = tlslintDiagnostics(uri).map(
        (d) => `${ruleOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`,
      );
      reject(
        new Error(
          `timed out after ${DEADLINE_MS / 1000} s waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; last seen: [${seen.join(', ')}]`,
        ),
      );
    }, DEADLINE_MS);
    check();
  });
}

/** Resolves when the extension's status reaches `state` (event-driven through the API). */
export function waitForState(a: TlsLintApi, state: ReturnType<TlsLintApi['state']>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (a.state() === state) return resolve();
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`status did not become ${state} (is ${a.state()}: "${a.statusText()}")`));
    }, DEADLINE_MS);
    const sub = a.onDidChangeState((s) => {
      if (s !== state) return;
      sub.dispose();
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Asks the launcher (scripts/vscode-launcher.mjs) to save a screenshot of the workbench now, while the
 * extension host runs, and resolves when the file exists. Without the launcher (desktop VS Code) it does nothing.
 */
export function requestScreenshot(): Promise<string | undefined> {
  const target = process.env.TLSLINT_E2E_SCREENSHOT;
  if (!target) return Promise.resolve(undefined);
  // The output folder is git-ignored, so a fresh clone does not have it.
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(target, { force: true });
  return new Promise((resolve, reject) => {
    const watcher = fs.watch(path.dirname(target), () => {
      if (fs.existsSync(target)) finish();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`no screenshot at ${target} within ${DEADLINE_MS / 1000} s`));
    }, DEADLINE_MS);
    function finish(): void {
      watcher.close();
      clearTimeout(timer);
      resolve(target);
    }
    console.log('[e2e] screenshot-request');
  });
}
