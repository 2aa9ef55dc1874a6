// Code actions, built statelessly from the Diagnostic.data the client sends back: a quick fix per fix,
// "Disable <rule> for this line" / "for the entire file", "Show documentation for <rule>", and
// `source.fixAll.tlslint` (all safe fixes, computed on the current text).
// Titles are plain text in one voice (menus do not render Markdown): "Fix: ...", "Fix (unsafe): ...".
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll } from '../engine/fix';
import { DEFAULT_BUDGET_MS } from '../engine/types';
import { isDocumentedRule } from '../host/docs';
import { diagnosticData } from './diagnostics';
import { ShowDocumentationCommand } from './protocol';
import { shouldLint, type ServerContext } from './documents';
import { NOTEBOOK_CELL_SCHEME, documentPath } from './settings';

export const FIX_ALL_KIND = 'source.fixAll.tlslint';

/** Every kind the server produces, advertised in `codeActionProvider.codeActionKinds`. */
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND];

/** Whether `kind` is requested by `only` (a requested kind covers its sub-kinds). */
function wanted(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => o === '' || kind === o || kind.startsWith(o + '.'));
}

function workspaceEdit(ctx: ServerContext, doc: TextDocument, version: number, edits: TextEdit[]): WorkspaceEdit {
  if (ctx.documentChangesSupported) {
    return { documentChanges: [{ textDocument: { uri: doc.uri, version }, edits }] };
  }
  return { changes: { [doc.uri]: edits } };
}

/** The smallest single edit that turns `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(doc: TextDocument, before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  // Do not split a surrogate pair or a CRLF.
  while (
    start > 0 &&
    (isLowSurrogate(before.charCodeAt(start)) || (before[start] === '\n' && before[start - 1] === '\r'))
  )
    start--;
  return {
    range: { start: doc.positionAt(start), end: doc.positionAt(endBefore) },
    newText: after.slice(start, endAfter),
  };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * A fix's title as a menu item: Markdown code spans lose their backticks (menus show them literally),
 * the first word is lower-cased after the "Fix:" prefix (not an acronym or a code name), and unsafe
 * fixes say so up front.
 */
export function fixTitle(title: string, safety: 'safe' | 'unsafe'): string {
  let plain = title.replace(/`+([^`]*)`+/g, '$1').replace(/`/g, '');
  if (/^[A-Z][a-z]/.test(plain)) plain = plain[0].toLowerCase() + plain.slice(1);
  return `${safety === 'safe' ? 'Fix' : 'Fix (unsafe)'}: ${plain}`;
}

function quickFixes(ctx: ServerContext, doc: TextDocument, d: Diagnostic): CodeAction[] {
  const data = diagnosticData(d);
  if (!data) return [];
  // Edits were computed for one version; on another they would land in the wrong place.
  if (data.version !== null && data.version !== doc.version) return [];
  const version = doc.version;
  const rule = String(d.code ?? '');
  const out: CodeAction[] = [];
  for (const fix of data.fixes) {
    const safe = fix.safety === 'safe';
    const action: CodeAction = {
      title: fixTitle(fix.title, fix.safety),
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: workspaceEdit(ctx, doc, version, fix.edits),
    };
    // Only a safe fix may be applied without a look (VS Code's "auto fix" takes the preferred one).
    if (safe) action.isPreferred = true;
    out.push(action);
  }
  if (data.suppressEdit) {
    out.push({
      title: `Disable ${rule} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: workspaceEdit(ctx, doc, version, [data.suppressEdit]),
    });
  }
  if (data.suppressFileEdit) {
    out.push({
      // In a notebook each cell is linted as a file of its own: the comment goes at the top of the cell.
      title: `Disable ${rule} for the entire ${doc.uri.startsWith(`${NOTEBOOK_CELL_SCHEME}:`) ? 'cell' : 'file'}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: workspaceEdit(ctx, doc, version, [data.suppressFileEdit]),
    });
  }
  if (isDocumentedRule(rule)) {
    const title = `Show documentation for ${rule}`;
    out.push({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      command: { title, command: ShowDocumentationCommand, arguments: [rule] },
    });
  }
  return out;
}

/** The fix-all action for a document, or undefined when no safe fix changes it. */
async function fixAllAction(ctx: ServerContext, doc: TextDocument): Promise<CodeAction | undefined> {
  const filePath = documentPath(doc.uri) ?? doc.uri;
  const [s, grammars] = await Promise.all([ctx.settings.get(doc.uri), ctx.grammarsFor(filePath, doc.languageId)]);
  const text = doc.getText();
  if (!shouldLint(s, filePath, text)) return undefined;
  let fixed: string;
  try {
    fixed = fixAll(
      { text, path: s.lintPath(filePath), languageId: doc.languageId, settings: s.lint, budgetMs: DEFAULT_BUDGET_MS },
      grammars,
    ).text;
  } catch (e) {
    ctx.log(`fix-all failed for ${filePath}: ${(e as Error)?.message ?? String(e)}`);
    return undefined;
  }
  if (fixed === text) return undefined;
  return {
    title: 'Fix all safe tlslint problems in this file',
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(ctx, doc, doc.version, [minimalEdit(doc, text, fixed)]),
  };
}

export async function codeActions(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc) return [];
  const only = params.context.only;
  const out: CodeAction[] = [];
  const ours = params.context.diagnostics.filter((d) => diagnosticData(d) !== undefined);
  if (wanted(only, CodeActionKind.QuickFix)) {
    for (const d of ours) out.push(...quickFixes(ctx, doc, d));
  }
  // Explicitly requested (codeActionsOnSave, "Fix all" command), or offered next to a safe quick fix.
  const explicit = !!only && only.length > 0 && wanted(only, FIX_ALL_KIND);
  const offered = !only && ours.some((d) => diagnosticData(d)!.fixes.some((f) => f.safety === 'safe'));
  if (explicit || offered) {
    const action = await fixAllAction(ctx, doc);
    if (action && ctx.documents.get(doc.uri)?.version === doc.version) out.push(action);
  }
  return out;
}
