/**
 * @fileoverview The configuration's language status item (as ESLint and ruff show theirs) and one
 * notification per distinct configuration error, both driven by the server's `tlslint/configStatus`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConfigErrorInfo, ConfigStatusParams } from '../../server/src/lsp/protocol';
import { documentSelector } from './document-selector';

const OPEN = 'Open Configuration';

function describe(e: ConfigErrorInfo): string {
  const file = path.basename(vscode.Uri.parse(e.uri).fsPath);
  return `${file}:${e.line}:${e.column}: ${e.key ? `${e.key}: ` : ''}${e.message}`;
}

function openAt(e: ConfigErrorInfo): Thenable<unknown> {
  const at = new vscode.Position(Math.max(0, e.line - 1), Math.max(0, e.column - 1));
  return vscode.window.showTextDocument(vscode.Uri.parse(e.uri), { selection: new vscode.Range(at, at) });
}

export class ConfigStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  /** Errors already notified (by identity), so each distinct error is notified once while it lasts. */
  private readonly notified = new Set<string>();
  private errors: ConfigErrorInfo[] = [];
  /** Notifications shown so far (for tests). */
  notifications = 0;

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.item = vscode.languages.createLanguageStatusItem('tlslint.configuration', documentSelector());
    this.item.name = 'TLS Lint configuration';
    this.update({ errors: [] });
  }

  /** What the item shows (for tests). */
  snapshot(): { text: string; detail: string | undefined; severity: 'error' | 'ok'; errors: number } {
    return {
      text: this.item.text,
      detail: this.item.detail,
      severity: this.item.severity === vscode.LanguageStatusSeverity.Error ? 'error' : 'ok',
      errors: this.errors.length,
    };
  }

  update(params: ConfigStatusParams): void {
    this.errors = params.errors;
    const item = this.item;
    const first = this.errors[0];
    if (!first) {
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.text = '$(check) TLS Lint';
      item.detail = 'configuration valid';
      item.command = { title: 'Show Output', command: 'tlslint.showOutput' };
    } else {
      item.severity = vscode.LanguageStatusSeverity.Error;
      item.text = '$(error) TLS Lint: configuration error';
      item.detail = `${describe(first)}${this.errors.length > 1 ? ` (and ${this.errors.length - 1} more)` : ''}; files under it are not linted`;
      item.command = { title: OPEN, command: 'vscode.open', arguments: [vscode.Uri.parse(first.uri)] };
    }
    const ids = new Set(this.errors.map((e) => JSON.stringify(e)));
    for (const id of [...this.notified]) if (!ids.has(id)) this.notified.delete(id);
    for (const e of this.errors) {
      const id = JSON.stringify(e);
      if (this.notified.has(id)) continue;
      this.notified.add(id);
      this.notifications++;
      this.output.error(
        `Invalid configuration: ${vscode.Uri.parse(e.uri).fsPath}:${e.line}:${e.column}: ${e.key ? `${e.key}: ` : ''}${e.message}`,
      );
      void vscode.window
        .showErrorMessage(`TLS Lint: invalid configuration ${describe(e)}. Files under it are not linted.`, OPEN)
        .then((choice) => (choice === OPEN ? openAt(e) : undefined));
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
