//! Loads the real bundle (dist/extension.js) against a stand-in `vscode`
//! module: the bundle resolves, activation registers the contributed
//! commands, and a missing server gives the error with the install button.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Module from 'node:module';

const ROOT = path.join(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'dist', 'extension.js');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

interface Recorded {
  commands: string[];
  errors: { message: string; items: string[] }[];
  executed: { command: string; args: unknown[] }[];
}

/** Anything not modelled below: a callable, constructible, indexable no-op. */
function anything(): unknown {
  const fn = function () {
    return proxy;
  };
  const proxy: unknown = new Proxy(fn, {
    get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : proxy),
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy;
}

interface FakeOptions {
  serverPath: string;
  /** `vscode.env.remoteName`. */
  remoteName?: string;
  /** The button the user clicks on an error message. */
  click?: string;
}

function fakeVscode(rec: Recorded, opts: FakeOptions): unknown {
  const disposable = { dispose: () => undefined };
  const channel = { info: () => undefined, warn: () => undefined, error: () => undefined, dispose: () => undefined };
  const statusItem = { show: () => undefined, hide: () => undefined, dispose: () => undefined };
  const api: Record<string, unknown> = {
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Beside: -2 },
    CodeActionKind: { QuickFix: { value: 'quickfix' } },
    Uri: { parse: (s: string) => ({ toString: () => s }) },
    window: {
      createOutputChannel: () => channel,
      createStatusBarItem: () => statusItem,
      showErrorMessage: (message: string, ...items: string[]) => {
        rec.errors.push({ message, items });
        return Promise.resolve(opts.click);
      },
    },
    env: { remoteName: opts.remoteName },
    commands: {
      registerCommand: (id: string) => {
        rec.commands.push(id);
        return disposable;
      },
      executeCommand: (command: string, ...args: unknown[]) => {
        rec.executed.push({ command, args });
        return Promise.resolve(undefined);
      },
    },
    languages: { registerCodeActionsProvider: () => disposable },
    workspace: {
      workspaceFolders: undefined,
      registerTextDocumentContentProvider: () => disposable,
      getConfiguration: () => ({ get: (key: string) => (key === 'server.path' ? opts.serverPath : undefined) }),
      onDidChangeConfiguration: () => disposable,
      onDidSaveTextDocument: () => disposable,
      onDidChangeWorkspaceFolders: () => disposable,
    },
  };
  return new Proxy(api, { get: (t, key: string) => (key in t ? t[key] : anything()) });
}

/** Loads a fresh copy of the bundle against `vscode`, activates it, runs `check`, deactivates. */
async function withActivated(vscode: unknown, check: () => Promise<void> | void): Promise<void> {
  assert.ok(fs.existsSync(BUNDLE), 'run `npm run build` first');
  const load = (Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: unknown })._load = (req: string, ...rest: unknown[]) =>
    req === 'vscode' ? vscode : load(req, ...rest);
  delete require.cache[BUNDLE];
  try {
    const ext = require(BUNDLE) as { activate: (ctx: unknown) => Promise<void>; deactivate: () => Promise<void> };
    await ext.activate({ subscriptions: [], extensionUri: { fsPath: path.join(ROOT, 'no-such-extension-dir') } });
    // Let the error message's `.then` run.
    await new Promise((resolve) => setImmediate(resolve));
    await check();
    await ext.deactivate();
  } finally {
    (Module as unknown as { _load: unknown })._load = load;
  }
}

test('the bundle activates, registers the contributed commands, and reports a missing server', async () => {
  const rec: Recorded = { commands: [], errors: [], executed: [] };
  await withActivated(fakeVscode(rec, { serverPath: path.join(ROOT, 'no-such-dir', 'studylog') }), () => {
    const contributed = PACKAGE.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual([...rec.commands].sort(), contributed);
    assert.equal(rec.errors.length, 1);
    assert.match(rec.errors[0].message, /studylog\.server\.path.*not an executable file/);
    assert.deepEqual(rec.errors[0].items, ['How to install', 'Open settings']);
  });
});

test('"Open settings" opens the Remote settings tab in a remote window, filtered to the setting', async () => {
  const rec: Recorded = { commands: [], errors: [], executed: [] };
  const vscode = fakeVscode(rec, {
    serverPath: path.join(ROOT, 'no-such-dir', 'studylog'),
    remoteName: 'ssh-remote',
    click: 'Open settings',
  });
  await withActivated(vscode, () => {
    assert.deepEqual(rec.executed, [
      { command: 'workbench.action.openRemoteSettings', args: [{ query: 'studylog.server.path' }] },
    ]);
  });
});

test('"Open settings" opens the User settings tab in a local window', async () => {
  const rec: Recorded = { commands: [], errors: [], executed: [] };
  const vscode = fakeVscode(rec, { serverPath: path.join(ROOT, 'no-such-dir', 'studylog'), click: 'Open settings' });
  await withActivated(vscode, () => {
    assert.deepEqual(rec.executed, [
      { command: 'workbench.action.openGlobalSettings', args: [{ query: 'studylog.server.path' }] },
    ]);
  });
});

test('the package has an icon: a 128x128 PNG made from the SVG source', () => {
  assert.equal(PACKAGE.icon, 'media/icon.png');
  const png = fs.readFileSync(path.join(ROOT, PACKAGE.icon));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);
  assert.ok(fs.existsSync(path.join(ROOT, 'media', 'icon.svg')));
  const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
  assert.match(ignore, /^!media\/icon\.png$/m);
});

test('the manifest names no website that does not exist', () => {
  const text = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
  assert.doesNotMatch(text, /github\.com\/studylog/);
});

test('no contributed command has the name of a server command (the language client registers those itself)', () => {
  const server = ['studylog.newEntry', 'studylog.stats', 'studylog.explain'];
  for (const c of PACKAGE.contributes.commands as { command: string }[]) {
    assert.ok(!server.includes(c.command), `${c.command} clashes with the server's command`);
  }
});
