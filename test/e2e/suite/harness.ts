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

/**
 * Runs every registered test, logs one line per test, throws if any failed. TLSLINT_E2E_GREP=<regexp>
 * runs only the tests whose names match (while working on one; tests may build on earlier ones' state).
 */
export async function runAll(): Promise<void> {
  let failed = 0;
  const started = Date.now();
  const grep = process.env.TLSLINT_E2E_GREP ? new RegExp(process.env.TLSLINT_E2E_GREP) : undefined;
  const selected = grep ? cases.filter((c) => grep.test(c.name)) : cases;
  if (selected.length === 0) throw new Error(`no e2e test matches TLSLINT_E2E_GREP=${process.env.TLSLINT_E2E_GREP}`);
  for (const c of selected) {
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
  const skipped = cases.length - selected.length;
  console.log(
    `[e2e] ${selected.length - failed} passed, ${failed} failed${skipped ? `, ${skipped} not selected` : ''}, ${Date.now() - started} ms`,
  );
  if (failed) throw new Error(`${failed} of ${selected.length} e2e tests failed`);
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

/** Waits for a file the launcher writes (atomically) beside the screenshot; undefined without the launcher. */
function launcherFile(file: string, request: string): Promise<string | undefined> {
  const target = process.env.TLSLINT_E2E_SCREENSHOT;
  if (!target) return Promise.resolve(undefined);
  const dir = path.dirname(target);
  const wanted = path.join(dir, file);
  // The output folder is git-ignored, so a fresh clone does not have it.
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(wanted, { force: true });
  return new Promise((resolve, reject) => {
    const watcher = fs.watch(dir, () => {
      if (fs.existsSync(wanted)) finish();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`no ${wanted} within ${DEADLINE_MS / 1000} s`));
    }, DEADLINE_MS);
    function finish(): void {
      watcher.close();
      clearTimeout(timer);
      resolve(wanted);
    }
    console.log(`[e2e] ${request}`);
  });
}

/**
 * Asks the launcher (scripts/vscode-launcher.mjs) to save a screenshot of the workbench now, while the
 * extension host runs, and resolves with its path when the file exists: the default screenshot, or
 * `<name>.png` beside it. Without the launcher (desktop VS Code) it does nothing.
 */
export function requestScreenshot(name?: string): Promise<string | undefined> {
  const target = process.env.TLSLINT_E2E_SCREENSHOT;
  if (!target) return Promise.resolve(undefined);
  return launcherFile(name ? `${name}.png` : path.basename(target), `screenshot-request${name ? ` ${name}` : ''}`);
}

let domRequests = 0;

/**
 * The innerText of the workbench elements a CSS selector matches, read by the launcher through the page:
 * UI the extension API cannot see (notification toasts). Undefined without the launcher.
 */
export async function workbenchTexts(selector: string): Promise<string[] | undefined> {
  const id = `${process.pid}-${++domRequests}`;
  const file = await launcherFile(`dom-${id}.json`, `dom-request ${id} ${selector}`);
  if (!file) return undefined;
  const texts = JSON.parse(fs.readFileSync(file, 'utf8')) as string[] | { error: string };
  fs.rmSync(file, { force: true });
  if (!Array.isArray(texts)) throw new Error(`the launcher could not read ${selector}: ${texts.error}`);
  return texts;
}

/** Resolves with `find()`'s first defined result, checked now and on every change of the editor tabs. */
export function waitForTab<T>(find: () => T | undefined, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const found = find();
      if (found === undefined) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(found);
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      sub.dispose();
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
      reject(new Error(`timed out after ${DEADLINE_MS / 1000} s waiting for ${what}; tabs: ${JSON.stringify(tabs)}`));
    }, DEADLINE_MS);
    check();
  });
}

/** Every open tab. */
export function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

/** The Markdown preview tab whose label mentions `name`, if open. */
export function markdownPreviewTab(name: string): vscode.Tab | undefined {
  return allTabs().find(
    (t) =>
      t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && t.label.includes(name),
  );
}

/** Closes every tab that `match` selects. */
export async function closeTabs(match: (t: vscode.Tab) => boolean): Promise<void> {
  const tabs = allTabs().filter(match);
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
