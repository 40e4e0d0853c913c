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

function fakeVscode(rec: Recorded, serverPath: string): unknown {
  const disposable = { dispose: () => undefined };
  const channel = { info: () => undefined, warn: () => undefined, error: () => undefined, dispose: () => undefined };
  const statusItem = { show: () => undefined, hide: () => undefined, dispose: () => undefined };
  const api: Record<string, unknown> = {
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Beside: -2 },
    Uri: { parse: (s: string) => ({ toString: () => s }) },
    window: {
      createOutputChannel: () => channel,
      createStatusBarItem: () => statusItem,
      showErrorMessage: (message: string, ...items: string[]) => {
        rec.errors.push({ message, items });
        return Promise.resolve(undefined);
      },
    },
    commands: {
      registerCommand: (id: string) => {
        rec.commands.push(id);
        return disposable;
      },
    },
    workspace: {
      workspaceFolders: undefined,
      getConfiguration: () => ({ get: (key: string) => (key === 'server.path' ? serverPath : undefined) }),
      onDidChangeConfiguration: () => disposable,
      onDidSaveTextDocument: () => disposable,
      onDidChangeWorkspaceFolders: () => disposable,
    },
  };
  return new Proxy(api, { get: (t, key: string) => (key in t ? t[key] : anything()) });
}

test('the bundle activates, registers the contributed commands, and reports a missing server', async () => {
  assert.ok(fs.existsSync(BUNDLE), 'run `npm run build` first');
  const rec: Recorded = { commands: [], errors: [] };
  const vscode = fakeVscode(rec, path.join(ROOT, 'no-such-dir', 'studylog'));
  const load = (Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: unknown })._load = (req: string, ...rest: unknown[]) =>
    req === 'vscode' ? vscode : load(req, ...rest);
  try {
    const ext = require(BUNDLE) as { activate: (ctx: unknown) => Promise<void>; deactivate: () => Promise<void> };
    await ext.activate({ subscriptions: [] });
    const contributed = PACKAGE.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual([...rec.commands].sort(), contributed);
    assert.equal(rec.errors.length, 1);
    assert.match(rec.errors[0].message, /studylog\.server\.path.*not an executable file/);
    assert.deepEqual(rec.errors[0].items, ['Install instructions', 'Open settings']);
    await ext.deactivate();
  } finally {
    (Module as unknown as { _load: unknown })._load = load;
  }
});
