/**
 * @fileoverview Rule documentation in VS Code: the pages ship inside the extension (docs/rules/<id>.md)
 * and open in the Markdown preview, offline. Links reach them as `tlslint-docs:/<id>.md`, a read-only
 * virtual document: the diagnostic's code link (Problems panel, hover, peek) and the hover's link are
 * rewritten to it, and a text editor opened on it is turned into the preview. The server's own links are
 * `file:` URIs of the same pages, which other editors open as they are.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const DOCS_SCHEME = 'tlslint-docs';

const RULE_ID = /^[a-z][a-z0-9-]*$/;

/** The `tlslint-docs:` URI of a rule's page. */
export function ruleDocUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: DOCS_SCHEME, path: `/${id}.md` });
}

/** The rule id a `tlslint-docs:` URI or a `file:` URI of a bundled page names, if any. */
export function ruleOfDocUri(uri: vscode.Uri, docsDir: string): string | undefined {
  const base = path.posix.basename(uri.path, '.md');
  if (!RULE_ID.test(base) || !uri.path.endsWith('.md')) return undefined;
  if (uri.scheme === DOCS_SCHEME) return base;
  if (uri.scheme === 'file' && path.dirname(uri.fsPath) === docsDir) return base;
  return undefined;
}

/** The documented rule ids: the pages present in the extension. */
export function documentedRules(docsDir: string): string[] {
  try {
    return fs
      .readdirSync(docsDir)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => f.slice(0, -3))
      .sort();
  } catch {
    return [];
  }
}

/** Read-only Markdown documents under one URI scheme, with a change event to refresh an open preview. */
export class VirtualMarkdown implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly texts = new Map<string, string>();

  constructor(private readonly read?: (uri: vscode.Uri) => string | undefined) {}

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? this.read?.(uri) ?? `No such page: ${uri.path}`;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * Opens a Markdown document in the preview of VS Code's built-in Markdown extension (running the command
 * activates it). False when that extension is unavailable (disabled): the caller shows the text instead.
 */
export async function tryMarkdownPreview(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return true;
  } catch {
    return false;
  }
}

/** Opens a Markdown document in the preview; as read-only text when the preview is unavailable. */
export async function openMarkdownPreview(uri: vscode.Uri): Promise<void> {
  if (await tryMarkdownPreview(uri)) return;
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
}

/** Registers the `tlslint-docs:` provider and turns text editors on its documents into the preview. */
export function registerDocs(context: vscode.ExtensionContext, schemes: string[]): vscode.Disposable[] {
  const docsDir = context.asAbsolutePath(path.join('docs', 'rules'));
  const provider = new VirtualMarkdown((uri) => {
    const id = ruleOfDocUri(uri, docsDir);
    if (!id) return undefined;
    try {
      return fs.readFileSync(path.join(docsDir, `${id}.md`), 'utf8');
    } catch {
      return undefined;
    }
  });
  // A link opened from a hover or the Problems panel arrives as a text editor: show the preview instead.
  const swapping = new Set<string>();
  const swap = vscode.window.tabGroups.onDidChangeTabs(async (e) => {
    for (const tab of [...e.opened, ...e.changed]) {
      const input = tab.input;
      if (!(input instanceof vscode.TabInputText) || !schemes.includes(input.uri.scheme)) continue;
      const key = input.uri.toString();
      if (swapping.has(key)) continue;
      swapping.add(key);
      try {
        // Without the built-in Markdown extension the text stays: it is still the page, read-only.
        if (await tryMarkdownPreview(input.uri)) await vscode.window.tabGroups.close(tab).then(undefined, () => false);
      } finally {
        swapping.delete(key);
      }
    }
  });
  return [provider, vscode.workspace.registerTextDocumentContentProvider(DOCS_SCHEME, provider), swap];
}

/** "Show documentation for <rule>": the page in the preview; with no id, a pick of every rule. */
export async function showDocumentation(context: vscode.ExtensionContext, id?: unknown): Promise<boolean> {
  const docsDir = context.asAbsolutePath(path.join('docs', 'rules'));
  const rules = documentedRules(docsDir);
  let rule = typeof id === 'string' ? id : undefined;
  if (rule === undefined) {
    rule = await vscode.window.showQuickPick(rules, { placeHolder: 'Show the documentation of a TLS Lint rule' });
    if (!rule) return false;
  }
  if (!rules.includes(rule)) {
    void vscode.window.showErrorMessage(`TLS Lint: there is no documentation for rule '${rule}'.`);
    return false;
  }
  await openMarkdownPreview(ruleDocUri(rule));
  return true;
}
