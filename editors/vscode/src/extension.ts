//! The VS Code side of studylog: starts `studylog lsp`, serves the flat
//! `studylog.*` settings to it in the server's nested shape, and adds the
//! commands, the stats webview and the streak status bar item.

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
import { INSTALL_URL, notFoundMessage, resolveServerPath } from './serverPath';
import { toServerSettings, type ServerSettings } from './settings';
import { parseDate, parseStats, renderStatsHtml, statusBarText, statusBarTooltip, type Stats } from './stats';

const SECTION = 'studylog';
/** Commands the server executes (workspace/executeCommand). */
const SERVER_NEW_ENTRY = 'studylog.newEntry';
const SERVER_STATS = 'studylog.stats';
/**
 * Waiting after a save before asking for stats again: a "save all" or an
 * auto-save burst then costs one request, and the server has re-indexed by then.
 */
const STATS_DEBOUNCE_MS = 750;

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let statusItem: vscode.StatusBarItem;
let statsPanel: vscode.WebviewPanel | undefined;
let statsTimer: NodeJS.Timeout | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('studylog', { log: true });
  statusItem = vscode.window.createStatusBarItem('studylog.streak', vscode.StatusBarAlignment.Left, 10);
  statusItem.name = 'studylog streak';
  statusItem.command = 'studylog.showStats';
  context.subscriptions.push(
    output,
    statusItem,
    vscode.commands.registerCommand('studylog.restartServer', restartServer),
    vscode.commands.registerCommand('studylog.newEntryForToday', newEntryForToday),
    vscode.commands.registerCommand('studylog.showStats', showStats),
    vscode.workspace.onDidChangeConfiguration(onConfigurationChanged),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.languageId === 'markdown' || doc.fileName.endsWith('studylog.toml')) {
        scheduleStatsRefresh();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => scheduleStatsRefresh()),
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

async function startClient(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const configured = vscode.workspace.getConfiguration(SECTION).get<string>('server.path');
  const resolution = resolveServerPath(configured, {
    platform: process.platform,
    env: process.env,
    isExecutable: isExecutableFile,
    workspaceFolder: folder,
  });
  if (resolution.kind !== 'found') {
    const message = notFoundMessage(resolution);
    output.error(message);
    void vscode.window.showErrorMessage(message, 'Install instructions', 'Open settings').then((choice) => {
      if (choice === 'Install instructions') {
        void vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
      } else if (choice === 'Open settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'studylog.server.path');
      }
    });
    statusItem.hide();
    return;
  }
  output.info(`starting ${resolution.path} lsp (from ${resolution.source === 'setting' ? 'studylog.server.path' : 'PATH'})`);

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
  scheduleStatsRefresh(0);
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
    void restartServer();
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

async function newEntryForToday(): Promise<void> {
  const c = runningClient();
  if (c === undefined) {
    return;
  }
  const uri = journalUri();
  // The server answers with a workspace/applyEdit; show the document it edits.
  let edited: vscode.Uri | undefined;
  const watch = vscode.workspace.onDidChangeTextDocument((e) => {
    if (edited === undefined && e.document.languageId === 'markdown' && e.contentChanges.length > 0) {
      edited = e.document.uri;
    }
  });
  try {
    await c.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_NEW_ENTRY,
      arguments: uri === undefined ? [] : [uri.toString()],
    });
  } catch (err) {
    void vscode.window.showErrorMessage(`studylog: could not add an entry: ${String(err)}`);
    return;
  } finally {
    watch.dispose();
  }
  if (edited !== undefined) {
    const editor = await vscode.window.showTextDocument(edited);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    editor.revealRange(new vscode.Range(end, end));
  }
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
