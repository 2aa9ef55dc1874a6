/**
 * @fileoverview Custom LSP messages between the tlslint VS Code client and the tlslint language server.
 * Types and method names only: the client includes this file by relative path and esbuild bundles it,
 * so it must import nothing at runtime (no vscode, no vscode-languageserver).
 */

/**
 * `tlslint/scanWorkspace` — request, client → server.
 * Walks the given workspace folders (all workspace folders when `folders` is omitted), lints every file
 * and publishes diagnostics for files that are not open.
 * Progress is reported with `$/progress` work-done progress: the client may pass a `workDoneToken`
 * in the params; otherwise the server creates one with `window/workDoneProgress/create` when the client
 * supports it. Progress messages read "n of m files". Cancellable with `$/cancelRequest` or by cancelling
 * the progress; a cancelled scan answers with `cancelled: true` and the totals so far.
 */
export const ScanWorkspaceRequest = 'tlslint/scanWorkspace' as const;

/** Params of `tlslint/scanWorkspace`. */
export interface ScanWorkspaceParams {
  /** Folder URIs (`file://…`) or absolute paths to scan; default: every workspace folder. */
  folders?: string[];
  /** Work-done progress token supplied by the client (LSP `WorkDoneProgressParams`). */
  workDoneToken?: string | number;
}

/** Result of `tlslint/scanWorkspace`. */
export interface ScanWorkspaceResult {
  /** Files linted. */
  files: number;
  /** Findings reported (after settings and suppressions). */
  findings: number;
  /** Files skipped (binary, not UTF-8, over the size cap, unreadable). */
  skipped: number;
  /** True when the scan was cancelled before it finished. */
  cancelled: boolean;
  /** Wall time of the scan in milliseconds. */
  durationMs: number;
}

/**
 * `tlslint/clearWorkspaceFindings` — request, client → server.
 * Clears every diagnostic owned by a workspace scan (open documents keep their live diagnostics).
 */
export const ClearWorkspaceFindingsRequest = 'tlslint/clearWorkspaceFindings' as const;

/** Params of `tlslint/clearWorkspaceFindings` (none needed). */
export type ClearWorkspaceFindingsParams = Record<string, never> | null | undefined;

/** Result of `tlslint/clearWorkspaceFindings`. */
export interface ClearWorkspaceFindingsResult {
  /** Number of files whose scan diagnostics were cleared. */
  cleared: number;
}

/**
 * `tlslint/status` — notification, server → client.
 * Drives the client's status bar item.
 */
export const StatusNotification = 'tlslint/status' as const;

/** State shown by the client's status bar. */
export type ServerState = 'idle' | 'linting' | 'scanning' | 'error';

/** Params of `tlslint/status`. */
export interface StatusParams {
  state: ServerState;
  /** Files done so far (scanning). */
  done?: number;
  /** Total files (scanning), when known. */
  total?: number;
  /** Human-readable detail (e.g. an error message). */
  message?: string;
}

/**
 * `tlslint/configStatus` — notification, server → client.
 * The errors of every configuration file the server has read (`.tlslint.json` and the files they extend),
 * sent whenever that list changes; an empty list means every configuration is valid. Files under a
 * configuration with errors are not linted until it is fixed; the errors are also published as
 * diagnostics on the configuration files. Drives the client's language status item and its one
 * notification per distinct error.
 */
export const ConfigStatusNotification = 'tlslint/configStatus' as const;

/** One configuration error. */
export interface ConfigErrorInfo {
  /** The configuration file's URI. */
  uri: string;
  /** 1-based line and column (UTF-16) in that file. */
  line: number;
  column: number;
  /** Dotted key path (`rules.weak-ciper`, `extends`), absent for syntax errors. */
  key?: string;
  message: string;
}

/** Params of `tlslint/configStatus`. */
export interface ConfigStatusParams {
  errors: ConfigErrorInfo[];
}

/**
 * `data` attached to every tlslint Diagnostic, so code actions are stateless: the server keeps no cache of
 * findings and rebuilds actions from the diagnostic the client sends back.
 * Edits are LSP TextEdits (UTF-16 line/character ranges) against the document version that was linted.
 */
export interface DiagnosticData {
  detector: string;
  /** Document version the diagnostic was computed for (null for files that are not open). */
  version: number | null;
  fixes: DiagnosticFix[];
  /** Inserts `tlslint-disable-next-line <rule>` above the finding. */
  suppressEdit?: LspTextEdit;
  /** Inserts `tlslint-disable-file <rule>` at the top of the file (after a shebang or encoding line). */
  suppressFileEdit?: LspTextEdit;
}

/** One fix carried in `DiagnosticData`. */
export interface DiagnosticFix {
  title: string;
  safety: 'safe' | 'unsafe';
  edits: LspTextEdit[];
}

/** Structural copy of LSP's TextEdit, so this file needs no runtime import. */
export interface LspTextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

/**
 * `tlslint.showDocumentation` — a `workspace/executeCommand` command, arguments `[ruleId]`.
 * The server answers by asking the client to show the rule's bundled page (`window/showDocument` with its
 * `file:` URI). The VS Code client handles the command itself and opens the page in the Markdown preview.
 */
export const ShowDocumentationCommand = 'tlslint.showDocumentation' as const;
