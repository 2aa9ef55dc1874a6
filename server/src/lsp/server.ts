// The tlslint language server: connection, capabilities and lifecycle. Transport from argv
// (`--stdio` or `--node-ipc`). Handlers live in their own files; this one wires them.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  WatchKind,
  WorkDoneProgressCancelNotification,
  createConnection,
  type Diagnostic,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'path';
import { CONFIG_FILE_NAME, type ConfigError } from '../host/config';
import { languageOf } from '../engine/languages';
import { installFaultInjection } from '../host/fault-injection';
import { GrammarLoader } from '../host/grammars';
import { VERSION } from '../version';
import { CODE_ACTION_KINDS, codeActions } from './code-actions';
import { SOURCE } from './diagnostics';
import { LiveLinter, OpenDocuments, type ServerContext } from './documents';
import { hover } from './hover';
import {
  ClearWorkspaceFindingsRequest,
  ScanWorkspaceRequest,
  StatusNotification,
  type ClearWorkspaceFindingsResult,
  type ScanWorkspaceParams,
  type StatusParams,
} from './protocol';
import { SettingsStore, openDocument, pathToUri, trackOpen, uriToPath } from './settings';
import { FrameFilter, consoleToClient } from './stdio';
import { WorkspaceScanner } from './workspace-scan';

// On stdio, the input passes through a filter that drops malformed frames and resynchronizes, so a
// client's bad bytes cost one message, not the connection (see stdio.ts).
const connection = process.argv.includes('--stdio')
  ? createConnection(
      ProposedFeatures.all,
      process.stdin.pipe(new FrameFilter((problem) => log(`protocol: ${problem}`))),
      process.stdout,
    )
  : createConnection(ProposedFeatures.all);
if (process.argv.includes('--stdio')) consoleToClient(connection.console);
// Resilience tests only: TLSLINT_FAULT_INJECT makes chosen detectors throw (see host/fault-injection).
const faultInjection = installFaultInjection();
// Changes go through the open documents one by one, so each engine document follows the edits and
// reparses incrementally.
const trees = new OpenDocuments();
const documents = new TextDocuments<TextDocument>({
  create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
  update: (doc, changes, version) => {
    for (const change of changes) {
      trees.edit(doc, change);
      TextDocument.update(doc, [change], version);
    }
    return doc;
  },
});

function log(message: string): void {
  connection.console.log(`[tlslint] ${message}`);
}

// Each grammar is compiled when a file that needs it is first linted; a failure is logged and shown once.
const grammarLoader = new GrammarLoader((e) => {
  log(`grammar: ${e}`);
  status({ state: 'error', message: `a grammar failed to load: ${e}` });
});

function status(p: StatusParams): void {
  void connection.sendNotification(StatusNotification, p);
}

/** Config files whose errors are currently published, by path. */
const configDiagnostics = new Map<string, string>();

function reportConfig(configPath: string, text: string | undefined, errors: ConfigError[]): void {
  const uri = configDiagnostics.get(configPath) ?? openDocument(documents, configPath)?.uri ?? pathToUri(configPath);
  if (errors.length === 0) {
    if (configDiagnostics.delete(configPath)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  const lines = text?.split(/\r\n|\r|\n/);
  const diagnostics: Diagnostic[] = errors.map((e) => {
    const line = Math.max(0, e.line - 1);
    const character = Math.max(0, e.column - 1);
    // Underline the rest of the key or value token when the text is at hand; else one character.
    const rest = lines?.[line]?.slice(character) ?? '';
    const token = /^("(?:[^"\\]|\\.)*"|[^\s,:}\]]+)/.exec(rest)?.[0].length ?? 1;
    return {
      range: { start: { line, character }, end: { line, character: character + Math.max(1, token) } },
      severity: 1,
      source: SOURCE,
      message: `${CONFIG_FILE_NAME}: ${e.key ? `${e.key}: ` : ''}${e.message} (linting goes on with defaults for this part)`,
    };
  });
  configDiagnostics.set(configPath, uri);
  void connection.sendDiagnostics({ uri, diagnostics });
}

const settings = new SettingsStore(connection, documents, reportConfig);
const ctx: ServerContext = {
  connection,
  documents,
  settings,
  grammarsFor: (filePath, languageId) => grammarLoader.forLanguage(languageOf(filePath, languageId)),
  scanOwned: new Map(),
  documentChangesSupported: false,
  log,
};
const linter = new LiveLinter(ctx, trees);
const scanner = new WorkspaceScanner(ctx, linter);

let dynamicWatchers = false;
let dynamicConfiguration = false;
let workspaceFoldersSupported = false;

function isConfigFile(uri: string): boolean {
  return path.basename(uriToPath(uri) ?? uri) === CONFIG_FILE_NAME;
}

connection.onInitialize((params): InitializeResult => {
  // The tree-sitter runtime starts now; grammars follow the files that need them.
  void grammarLoader.warm();
  const caps = params.capabilities;
  settings.configurationSupported = caps.workspace?.configuration === true;
  ctx.documentChangesSupported = caps.workspace?.workspaceEdit?.documentChanges === true;
  dynamicWatchers = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  dynamicConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  workspaceFoldersSupported = caps.workspace?.workspaceFolders === true;
  scanner.progressSupported = caps.window?.workDoneProgress === true;
  const folders: WorkspaceFolder[] =
    params.workspaceFolders ??
    (params.rootUri
      ? [{ uri: params.rootUri, name: 'root' }]
      : params.rootPath
        ? [{ uri: pathToUri(params.rootPath), name: 'root' }]
        : []);
  settings.setFolders(folders);
  settings.pushed = params.initializationOptions?.settings;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'tlslint', version: VERSION },
  };
});

connection.onInitialized(() => {
  // Progress cancellation for scans, with client- or server-created tokens (replaces the library's
  // handler, which only knows the reporters it created itself).
  connection.onNotification(WorkDoneProgressCancelNotification.type, (p) => scanner.cancelProgress(p.token));
  if (dynamicConfiguration)
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tlslint' });
  if (dynamicWatchers) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
        { globPattern: `**/${CONFIG_FILE_NAME}` },
        // Scan-owned files: refresh on change, clear on delete.
        { globPattern: '**/*', kind: WatchKind.Change | WatchKind.Delete },
      ],
    });
  }
  if (workspaceFoldersSupported) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const current = settings.workspaceFolders().map((f) => ({ uri: f.uri, name: f.path }));
      const removed = new Set(e.removed.map((f) => f.uri));
      settings.setFolders([...current.filter((f) => !removed.has(f.uri)), ...e.added]);
      for (const f of e.removed) {
        const p = uriToPath(f.uri);
        if (p) scanner.onDeleted(p);
      }
      linter.relintAll();
    });
  }
  if (faultInjection) log(faultInjection);
  status({ state: 'idle' });
  void scanOnStartup();
});

async function scanOnStartup(): Promise<void> {
  const folders = settings.workspaceFolders();
  const wanted: string[] = [];
  for (const f of folders) {
    const s = await settings.get(f.uri).catch(() => undefined);
    if (s?.editor.scanOnStartup && s.editor.enable) wanted.push(f.path);
  }
  if (wanted.length) {
    await scanner.scan(
      { folders: wanted },
      { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) },
    );
  }
}

connection.onDidChangeConfiguration((change) => {
  settings.pushed = change.settings;
  settings.invalidate();
  linter.relintAll();
});

connection.onDidChangeWatchedFiles((params) => {
  let configChanged = false;
  for (const change of params.changes) {
    const p = uriToPath(change.uri);
    if (!p) continue;
    if (path.basename(p) === CONFIG_FILE_NAME) {
      configChanged = true;
      if (change.type === FileChangeType.Deleted && configDiagnostics.has(p)) {
        void connection.sendDiagnostics({ uri: configDiagnostics.get(p)!, diagnostics: [] });
        configDiagnostics.delete(p);
      }
      continue;
    }
    if (change.type === FileChangeType.Deleted) scanner.onDeleted(p);
    else if (change.type === FileChangeType.Changed) scanner.onChanged(p);
  }
  if (configChanged) {
    settings.invalidate();
    linter.relintAll();
  }
});

documents.onDidOpen((e) => {
  trackOpen(e.document.uri, true);
  if (isConfigFile(e.document.uri)) {
    settings.invalidate();
    linter.relintAll();
    return;
  }
  linter.onOpen(e.document);
});

documents.onDidChangeContent((e) => {
  if (isConfigFile(e.document.uri)) {
    // The open config file's text is the truth while it is being edited.
    settings.invalidate();
    linter.relintAll();
    return;
  }
  void linter.onChange(e.document);
});

documents.onDidSave((e) => {
  if (!isConfigFile(e.document.uri)) linter.onSave(e.document);
});

documents.onDidClose((e) => {
  trackOpen(e.document.uri, false);
  if (isConfigFile(e.document.uri)) {
    settings.invalidate();
    linter.relintAll();
    return;
  }
  linter.onClose(e.document);
});

connection.onCodeAction((params) => codeActions(ctx, params));
connection.onHover((params) => hover(ctx, linter, params));

connection.onRequest(ScanWorkspaceRequest, (params: ScanWorkspaceParams | null, token) => scanner.scan(params, token));
connection.onRequest(ClearWorkspaceFindingsRequest, (): ClearWorkspaceFindingsResult => ({ cleared: scanner.clear() }));

connection.onShutdown(() => {
  linter.dispose();
  scanner.cancelRunning();
});
connection.onExit(() => {
  linter.dispose();
});

// Unexpected errors are logged, never fatal: a bad file must not take the editor's linter down.
// A failing log write (the client is gone) must not re-enter this handler forever.
let reporting = false;
function logFault(what: string, e: unknown): void {
  if (reporting) return;
  reporting = true;
  try {
    log(`${what}: ${(e as Error)?.stack ?? String(e)}`);
  } catch {
    // Nowhere left to report to.
  } finally {
    reporting = false;
  }
}
process.on('uncaughtException', (e) => logFault('uncaught exception', e));
process.on('unhandledRejection', (e) => logFault('unhandled rejection', e));

documents.listen(connection);
connection.listen();
