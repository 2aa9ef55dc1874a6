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
  type CancellationToken,
  type Diagnostic,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE_NAME, type ConfigError, type ResolvedConfig } from '../host/config';
import { languageOf } from '../engine/languages';
import { installFaultInjection } from '../host/fault-injection';
import { ruleDocPath } from '../host/docs';
import { GrammarLoader } from '../host/grammars';
import { DISK, SummaryStore } from '../host/workspace-index';
import { VERSION } from '../version';
import { CODE_ACTION_KINDS, codeActions } from './code-actions';
import { SOURCE } from './diagnostics';
import { LiveLinter, OpenDocuments, type ServerContext } from './documents';
import { hover } from './hover';
import {
  ConfigStatusNotification,
  type ConfigErrorInfo,
  type ConfigStatusParams,
  ClearWorkspaceFindingsRequest,
  ScanWorkspaceRequest,
  ShowDocumentationCommand,
  StatusNotification,
  type ClearWorkspaceFindingsResult,
  type ScanWorkspaceParams,
  type StatusParams,
} from './protocol';
import { SettingsStore, openDocument, pathToUri, trackOpen, uriToPath } from './settings';
import { FrameFilter, consoleToClient } from './stdio';
import { warmUp, workspaceLanguages } from './warm-up';
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

/** Configuration files with errors: their errors, and the URI their diagnostics were published under. */
const configErrors = new Map<string, { uri: string; errors: ConfigError[]; key: string }>();

function configDiagnostic(e: ConfigError, lines: string[] | undefined): Diagnostic {
  const line = Math.max(0, e.line - 1);
  const character = Math.max(0, e.column - 1);
  // Underline the rest of the key or value token when the text is at hand; else one character.
  const rest = lines?.[line]?.slice(character) ?? '';
  const token = /^("(?:[^"\\]|\\.)*"|[^\s,:}\]]+)/.exec(rest)?.[0].length ?? 1;
  return {
    range: { start: { line, character }, end: { line, character: character + Math.max(1, token) } },
    severity: 1,
    source: SOURCE,
    code: 'invalid-configuration',
    message: `${e.key ? `${e.key}: ` : ''}${e.message}. Files under this configuration are not linted until it is fixed.`,
  };
}

/** Sends the client the current list of configuration errors (drives its status item and notifications). */
function sendConfigStatus(): void {
  const errors: ConfigErrorInfo[] = [];
  for (const { uri, errors: list } of configErrors.values()) {
    for (const e of list)
      errors.push({ uri, line: e.line, column: e.column, ...(e.key ? { key: e.key } : {}), message: e.message });
  }
  void connection.sendNotification(ConfigStatusNotification, { errors } satisfies ConfigStatusParams);
}

/**
 * Publishes the errors of each file of a resolved configuration as diagnostics on that file (and clears
 * a file's diagnostics once it is valid). Only a change is published; the status follows.
 */
function reportConfig(config: ResolvedConfig): void {
  let changed = false;
  for (const file of config.files) {
    const errors = config.errors.filter((e) => e.file === file).map((e) => e.error);
    const key = JSON.stringify(errors);
    const prev = configErrors.get(file);
    if ((prev?.key ?? '[]') === key) continue;
    changed = true;
    const open = openDocument(documents, file);
    const uri = prev?.uri ?? open?.uri ?? pathToUri(file);
    if (errors.length === 0) {
      configErrors.delete(file);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      continue;
    }
    configErrors.set(file, { uri, errors, key });
    const lines = settings.resolver.textOf(file)?.split(/\r\n|\r|\n/);
    void connection.sendDiagnostics({ uri, diagnostics: errors.map((e) => configDiagnostic(e, lines)) });
  }
  if (changed) sendConfigStatus();
}

/** A configuration file was deleted: its errors go. */
function forgetConfig(file: string): void {
  const prev = configErrors.get(file);
  if (!prev) return;
  configErrors.delete(file);
  void connection.sendDiagnostics({ uri: prev.uri, diagnostics: [] });
  sendConfigStatus();
}

/** A configuration file changed (typed, saved, created, deleted): re-resolve and re-lint. */
function configChanged(file: string): void {
  settings.invalidate();
  if (fs.existsSync(file) || openDocument(documents, file)) settings.configOf(path.dirname(file));
  else forgetConfig(file);
  // The folders' own configurations again (an extended file changed: its extenders).
  for (const f of settings.workspaceFolders()) settings.configOf(f.path);
  linter.relintAll();
}

const settings = new SettingsStore(connection, documents, reportConfig);
const ctx: ServerContext = {
  connection,
  documents,
  settings,
  grammarsFor: (filePath, languageId) => grammarLoader.forLanguage(languageOf(filePath, languageId)),
  // Other files' summaries: an open document's text is the truth while it is open, the disk otherwise.
  summaries: new SummaryStore(grammarLoader, {
    read: (abs) => openDocument(documents, abs)?.getText() ?? DISK.read(abs),
    list: (folder) => DISK.list(folder),
    listFolders: (folder) => DISK.listFolders?.(folder),
  }),
  scanOwned: new Map(),
  documentChangesSupported: false,
  log,
};
const linter = new LiveLinter(ctx, trees);
const scanner = new WorkspaceScanner(ctx, linter);

let dynamicWatchers = false;
let dynamicConfiguration = false;
let workspaceFoldersSupported = false;
let showDocumentSupported = false;

function isConfigFile(uri: string): boolean {
  const p = uriToPath(uri);
  return p !== undefined && settings.isConfigFile(p);
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
  showDocumentSupported = caps.window?.showDocument?.support === true;
  scanner.progressSupported = caps.window?.workDoneProgress === true;
  const folders: WorkspaceFolder[] =
    params.workspaceFolders ??
    (params.rootUri
      ? [{ uri: params.rootUri, name: 'root' }]
      : params.rootPath
        ? [{ uri: pathToUri(params.rootPath), name: 'root' }]
        : []);
  settings.setFolders(folders);
  settings.pushed = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
      hoverProvider: true,
      executeCommandProvider: { commands: [ShowDocumentationCommand] },
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
  // Each folder's configuration now, so its errors show before any file is opened.
  for (const f of settings.workspaceFolders()) settings.configOf(f.path);
  status({ state: 'idle' });
  logStartup();
  void scanOnStartup();
  void warmUpEngine();
});

let shuttingDown = false;

/** Compiles the engine and the grammars of the workspace's main languages before a file asks for them. */
async function warmUpEngine(): Promise<void> {
  const languages = await workspaceLanguages(settings.workspaceFolders().map((f) => f.path));
  await warmUp(languages, {
    grammarsFor: (language) => grammarLoader.forLanguage(language),
    nodeTypes: trees.nodeTypes,
    running: () => !shuttingDown,
  });
}

/** One line at start: the version, the runtime and the config files the workspace folders use. */
function logStartup(): void {
  const folders = settings.workspaceFolders();
  const configs: string[] = [];
  for (const f of folders) {
    for (const file of settings.configOf(f.path).files) if (!configs.includes(file)) configs.push(file);
  }
  log(
    `tlslint ${VERSION} started (Node.js ${process.version}); ${folders.length} workspace folder${folders.length === 1 ? '' : 's'}; config files: ${configs.length ? configs.join(', ') : 'none (defaults)'}`,
  );
}

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
  const configs = new Set<string>();
  for (const change of params.changes) {
    const p = uriToPath(change.uri);
    if (!p) continue;
    if (settings.isConfigFile(p)) {
      configs.add(p);
      continue;
    }
    if (change.type === FileChangeType.Deleted) scanner.onDeleted(p);
    else if (change.type === FileChangeType.Changed) scanner.onChanged(p);
    // A module other files import from (created, changed, deleted): they are linted again.
    if (!openDocument(documents, p)) linter.summaryChanged(p, 0);
  }
  // The open document's text is the truth while it is open; the disk counts once it is closed.
  for (const p of configs) if (!openDocument(documents, p)) configChanged(p);
});

documents.onDidOpen((e) => {
  trackOpen(e.document.uri, true);
  if (isConfigFile(e.document.uri)) {
    configChanged(uriToPath(e.document.uri)!);
    return;
  }
  linter.onOpen(e.document);
});

documents.onDidChangeContent((e) => {
  if (isConfigFile(e.document.uri)) {
    // The open config file's text is the truth while it is being edited.
    configChanged(uriToPath(e.document.uri)!);
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
    // Closed without saving: the disk is the truth again.
    configChanged(uriToPath(e.document.uri)!);
    return;
  }
  linter.onClose(e.document);
});

connection.onCodeAction((params) => codeActions(ctx, params));
connection.onHover((params) => hover(ctx, linter, params));
connection.onExecuteCommand(async (params) => {
  if (params.command !== ShowDocumentationCommand) return null;
  const id = String(params.arguments?.[0] ?? '');
  const file = ruleDocPath(id);
  if (!file) {
    void connection.window.showErrorMessage(`tlslint: there is no documentation for rule '${id}'.`);
    return null;
  }
  // The bundled page, offline; a client that cannot show documents gets its path.
  if (showDocumentSupported) await connection.window.showDocument({ uri: pathToUri(file) });
  else void connection.window.showInformationMessage(`tlslint: the documentation of ${id} is ${file}`);
  return null;
});

connection.onRequest(ScanWorkspaceRequest, (params: ScanWorkspaceParams | null, token: CancellationToken) =>
  scanner.scan(params, token),
);
connection.onRequest(ClearWorkspaceFindingsRequest, (): ClearWorkspaceFindingsResult => ({ cleared: scanner.clear() }));

connection.onShutdown(() => {
  shuttingDown = true;
  linter.dispose();
  scanner.cancelRunning();
});
connection.onExit(() => {
  shuttingDown = true;
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
