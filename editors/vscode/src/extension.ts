//! The VS Code side of studylog: starts `studylog lsp` (the configured,
//! bundled or PATH binary), serves the flat `studylog.*` settings to it in the
//! server's nested shape, and adds the commands, the check explanations, the
//! stats webview and the streak status bar item, which follows the server's
//! `studylog/statsChanged` signal.

import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  State,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { applyNewEntryPlan, newEntryArgument } from './newEntry';
import { DebouncedRestart, RESTART_DEBOUNCE_MS } from './restart';
import { describeSource, notFoundMessage, openSettingsCommand, resolveServerPath, type Resolution } from './serverPath';
import { DIAGNOSTIC_CODES, toServerSettings, type ServerSettings } from './settings';
import { parseDate, parseStats, renderStatsHtml, statusBarText, statusBarTooltip, type Stats } from './stats';

const SECTION = 'studylog';
/** Commands the server executes (workspace/executeCommand). */
const SERVER_NEW_ENTRY = 'studylog.newEntry';
const SERVER_STATS = 'studylog.stats';
const SERVER_EXPLAIN = 'studylog.explain';
/** The server's signal that a journal's stats may have changed (indexing ended, an edit). */
const STATS_CHANGED = 'studylog/statsChanged';
/**
 * Waiting after a signal before asking for stats again: a burst of signals
 * (a "save all", a folder of changed files) then costs one request.
 */
const STATS_DEBOUNCE_MS = 250;
/**
 * Asking for stats this long after start even without a signal, for a server
 * that does not send one.
 */
const STATS_FALLBACK_MS = 10_000;
/** The scheme of the read-only check explanations shown in the Markdown preview. */
const EXPLAIN_SCHEME = 'studylog-explain';
/** The first buttons of the "server not found" error. */
export const HOW_TO_INSTALL = 'How to install';
export const OPEN_SETTINGS = 'Open settings';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let statusItem: vscode.StatusBarItem;
let statsPanel: vscode.WebviewPanel | undefined;
let statsTimer: NodeJS.Timeout | undefined;
let fallbackTimer: NodeJS.Timeout | undefined;
let extensionUri: vscode.Uri | undefined;
let serverPathRestart: DebouncedRestart;
/** Explanations fetched from the server, by `studylog-explain:` URI. */
const explanations = new Map<string, string>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionUri = context.extensionUri;
  output = vscode.window.createOutputChannel('studylog', { log: true });
  statusItem = vscode.window.createStatusBarItem('studylog.streak', vscode.StatusBarAlignment.Left, 10);
  statusItem.name = 'studylog streak';
  statusItem.command = 'studylog.showStats';
  serverPathRestart = new DebouncedRestart(
    {
      delayMs: RESTART_DEBOUNCE_MS,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
      resolves: (value) => resolveServer(value).kind === 'found',
      restart: () => void restartServer(),
      skipped: (value) =>
        output.warn(`studylog.server.path is "${value}", which is not an executable file; the server was not restarted`),
    },
    configuredServerPath(),
  );
  context.subscriptions.push(
    serverPathRestart,
    output,
    statusItem,
    vscode.commands.registerCommand('studylog.restartServer', restartServer),
    vscode.commands.registerCommand('studylog.newEntryForToday', newEntryForToday),
    vscode.commands.registerCommand('studylog.showStats', showStats),
    vscode.commands.registerCommand('studylog.explainCheck', explain),
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, {
      provideTextDocumentContent: (uri) => explanations.get(uri.toString()) ?? '',
    }),
    vscode.languages.registerCodeActionsProvider(
      [{ language: 'markdown' }, { pattern: '**/studylog.toml' }],
      { provideCodeActions: explainActions },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    vscode.workspace.onDidChangeConfiguration(onConfigurationChanged),
    { dispose: () => void stopClient() },
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

// ---- the language client ----

/** The server settings for `scope` (a folder or file URI; none = the window's). */
function serverSettings(scope?: vscode.Uri): ServerSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope ?? null);
  return toServerSettings((key) => config.get(key));
}

function configuredServerPath(): string {
  return (vscode.workspace.getConfiguration(SECTION).get<string>('server.path') ?? '').trim();
}

/** The binary `configured` (a `studylog.server.path` value) leads to. */
function resolveServer(configured: string): Resolution {
  return resolveServerPath(configured, {
    platform: process.platform,
    env: process.env,
    isExecutable: isExecutableFile,
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    extensionPath: extensionUri?.fsPath,
  });
}

async function startClient(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const configured = configuredServerPath();
  serverPathRestart.started(configured);
  const resolution = resolveServer(configured);
  if (resolution.kind !== 'found') {
    const message = notFoundMessage(resolution);
    output.error(message);
    void vscode.window.showErrorMessage(message, HOW_TO_INSTALL, OPEN_SETTINGS).then((choice) => {
      if (choice === HOW_TO_INSTALL && extensionUri !== undefined) {
        // The extension's own README says how; no website is needed.
        void vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(extensionUri, 'README.md'));
      } else if (choice === OPEN_SETTINGS) {
        const open = openSettingsCommand(vscode.env.remoteName);
        void vscode.commands.executeCommand(open.command, open.args);
      }
    });
    statusItem.hide();
    return;
  }
  output.info(`starting ${resolution.path} lsp (${describeSource(resolution.source)})`);

  const serverOptions: ServerOptions = {
    command: resolution.path,
    args: ['lsp'],
    options: { cwd: folder, env: process.env },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    outputChannel: output,
    initializationOptions: () => serverSettings(),
    middleware: {
      workspace: {
        // The server asks for section `studylog`; VS Code would answer with the
        // flat camelCase tree (`journal.topicsDir`, `server.path`), so answer
        // with the server's nested shape instead, per requested scope.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, i) =>
            item.section === SECTION
              ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
              : answers[i],
          );
        },
      },
    },
  };
  const newClient = new LanguageClient('studylog', 'studylog', serverOptions, clientOptions);
  // Registered before start so that the signal sent when indexing ends is never missed.
  newClient.onNotification(STATS_CHANGED, () => {
    clearFallback();
    scheduleStatsRefresh();
  });
  newClient.onDidChangeState((e) => {
    if (e.newState === State.Stopped) {
      statusItem.hide();
    }
  });
  client = newClient;
  try {
    await newClient.start();
  } catch (err) {
    output.error(`the server did not start: ${String(err)}`);
    void vscode.window.showErrorMessage(`studylog: the language server did not start (${String(err)}). See the 'studylog' output.`);
    return;
  }
  // The stats are asked for when the server says it has indexed the journal
  // (before that they would count only part of it); this is for a server
  // that never says so.
  clearFallback();
  fallbackTimer = setTimeout(() => {
    fallbackTimer = undefined;
    scheduleStatsRefresh(0);
  }, STATS_FALLBACK_MS);
}

function clearFallback(): void {
  if (fallbackTimer !== undefined) {
    clearTimeout(fallbackTimer);
    fallbackTimer = undefined;
  }
}

function isExecutableFile(path: string): boolean {
  try {
    if (!fs.statSync(path).isFile()) {
      return false;
    }
    fs.accessSync(path, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function stopClient(): Promise<void> {
  clearFallback();
  const old = client;
  client = undefined;
  if (old !== undefined) {
    try {
      await old.stop();
    } catch (err) {
      output.warn(`stopping the server: ${String(err)}`);
    }
  }
}

async function restartServer(): Promise<void> {
  await stopClient();
  await startClient();
}

function onConfigurationChanged(e: vscode.ConfigurationChangeEvent): void {
  if (!e.affectsConfiguration(SECTION)) {
    return;
  }
  if (e.affectsConfiguration('studylog.server.path')) {
    // Once the typing stopped, and only for a binary that exists.
    serverPathRestart.changed(configuredServerPath());
    return;
  }
  if (client?.isRunning()) {
    // Push the whole section in the server's shape; a server that pulls
    // instead gets the same through the configuration middleware.
    void client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { [SECTION]: serverSettings() },
    });
  }
  scheduleStatsRefresh();
}

/** The client when it runs, else a message telling why there is none. */
function runningClient(): LanguageClient | undefined {
  if (client?.isRunning()) {
    return client;
  }
  void vscode.window.showWarningMessage('studylog: the language server is not running. Run "studylog: Restart server".');
  return undefined;
}

/** The URI the server should resolve the journal from: the active markdown file, else the first folder. */
function journalUri(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc !== undefined && doc.languageId === 'markdown' && doc.uri.scheme === 'file') {
    return doc.uri;
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

// ---- commands ----

/** Shows the explanation of a check (`code`, else one picked from the list) in the Markdown preview. */
async function explain(code?: unknown): Promise<void> {
  let picked = typeof code === 'string' ? code : undefined;
  if (picked === undefined) {
    picked = await vscode.window.showQuickPick([...DIAGNOSTIC_CODES], { placeHolder: 'Explain which check?' });
    if (picked === undefined) {
      return;
    }
  }
  const c = runningClient();
  if (c === undefined) {
    return;
  }
  let text: unknown;
  try {
    text = await c.sendRequest(ExecuteCommandRequest.type, { command: SERVER_EXPLAIN, arguments: [picked] });
  } catch (err) {
    void vscode.window.showErrorMessage(`studylog: no explanation for ${picked}: ${String(err)}`);
    return;
  }
  if (typeof text !== 'string') {
    void vscode.window.showErrorMessage(`studylog: the server sent no explanation for ${picked}.`);
    return;
  }
  const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${picked}.md` });
  explanations.set(uri.toString(), text);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}

/** The check code of a studylog diagnostic, if it is one. */
function studylogCode(d: vscode.Diagnostic): string | undefined {
  if (d.source !== 'studylog') {
    return undefined;
  }
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return typeof code === 'string' ? code : undefined;
}

/** An "Explain" action for each studylog check among the diagnostics at the cursor. */
function explainActions(
  _doc: vscode.TextDocument,
  _range: vscode.Range | vscode.Selection,
  context: vscode.CodeActionContext,
): vscode.CodeAction[] {
  const codes = new Set<string>();
  for (const d of context.diagnostics) {
    const code = studylogCode(d);
    if (code !== undefined) {
      codes.add(code);
    }
  }
  return [...codes].map((code) => {
    const action = new vscode.CodeAction(`Explain ${code}`, vscode.CodeActionKind.QuickFix);
    action.command = { command: 'studylog.explainCheck', title: `Explain ${code}`, arguments: [code] };
    return action;
  });
}

async function newEntryForToday(): Promise<void> {
  const c = runningClient();
  if (c === undefined) {
    return;
  }
  const uri = journalUri();
  let plan: unknown;
  try {
    // The plan only (`apply: false`): the entry is inserted here, as a snippet.
    plan = await c.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_NEW_ENTRY,
      arguments: [newEntryArgument(uri?.toString())],
    });
  } catch (err) {
    void vscode.window.showErrorMessage(`studylog: could not add an entry: ${String(err)}`);
    return;
  }
  await applyNewEntryPlan<vscode.TextEditor>(plan, {
    createFile: async (target) => {
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(vscode.Uri.parse(target), { ignoreIfExists: true });
      await vscode.workspace.applyEdit(edit);
    },
    open: async (target) => vscode.window.showTextDocument(vscode.Uri.parse(target)),
    lineCount: (editor) => editor.document.lineCount,
    lineLength: (editor, line) => editor.document.lineAt(line).text.length,
    insertSnippet: async (editor, snippet, at) =>
      editor.insertSnippet(new vscode.SnippetString(snippet), new vscode.Position(at.line, at.character)),
    reveal: (editor, at) => {
      const position = new vscode.Position(at.line, at.character);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    },
    info: (message) => void vscode.window.showInformationMessage(message),
    error: (message) => void vscode.window.showErrorMessage(message),
  });
}

async function fetchStats(c: LanguageClient): Promise<Stats | undefined> {
  const uri = journalUri();
  const json: unknown = await c.sendRequest(ExecuteCommandRequest.type, {
    command: SERVER_STATS,
    arguments: uri === undefined ? [] : [uri.toString()],
  });
  return parseStats(json);
}

/** Today's local date as a day number, or `STUDYLOG_TODAY` as the server reads it. */
function today(): number {
  const fromEnv = process.env.STUDYLOG_TODAY;
  const parsed = fromEnv === undefined ? undefined : parseDate(fromEnv);
  if (parsed !== undefined) {
    return parsed;
  }
  const now = new Date();
  return Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86_400_000);
}

async function showStats(): Promise<void> {
  const c = runningClient();
  if (c === undefined) {
    return;
  }
  let stats: Stats | undefined;
  try {
    stats = await fetchStats(c);
  } catch (err) {
    void vscode.window.showErrorMessage(`studylog: could not compute stats: ${String(err)}`);
    return;
  }
  if (stats === undefined) {
    void vscode.window.showErrorMessage('studylog: the server sent no stats.');
    return;
  }
  updateStatus(stats);
  if (statsPanel === undefined) {
    statsPanel = vscode.window.createWebviewPanel('studylog.stats', 'studylog stats', vscode.ViewColumn.Beside, {
      enableScripts: false,
      localResourceRoots: [],
    });
    statsPanel.onDidDispose(() => {
      statsPanel = undefined;
    });
  } else {
    statsPanel.reveal(undefined, true);
  }
  const uri = journalUri();
  const folder = uri === undefined ? undefined : vscode.workspace.getWorkspaceFolder(uri);
  statsPanel.webview.html = renderStatsHtml(stats, {
    nonce: nonce(),
    cspSource: statsPanel.webview.cspSource,
    today: today(),
    journal: folder?.name ?? 'journal',
  });
}

function nonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

// ---- status bar ----

function scheduleStatsRefresh(delay = STATS_DEBOUNCE_MS): void {
  if (statsTimer !== undefined) {
    clearTimeout(statsTimer);
  }
  statsTimer = setTimeout(() => {
    statsTimer = undefined;
    void refreshStatus();
  }, delay);
}

async function refreshStatus(): Promise<void> {
  const c = client;
  const enabled = vscode.workspace.getConfiguration(SECTION).get<boolean>('statusBar.streak', true);
  if (c === undefined || !c.isRunning() || !enabled) {
    statusItem.hide();
    return;
  }
  try {
    const stats = await fetchStats(c);
    if (stats !== undefined) {
      updateStatus(stats);
    }
  } catch (err) {
    output.warn(`stats for the status bar: ${String(err)}`);
  }
}

function updateStatus(stats: Stats): void {
  const enabled = vscode.workspace.getConfiguration(SECTION).get<boolean>('statusBar.streak', true);
  if (!enabled) {
    statusItem.hide();
    return;
  }
  statusItem.text = statusBarText(stats);
  statusItem.tooltip = statusBarTooltip(stats);
  statusItem.show();
}
