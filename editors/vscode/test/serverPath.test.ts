//! Server binary resolution with an injected file system and environment.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  describeSource,
  expandPath,
  notFoundMessage,
  openSettingsCommand,
  resolveServerPath,
  type ResolveEnv,
} from '../src/serverPath';

function unix(executables: string[], env: Record<string, string> = {}, workspaceFolder?: string): ResolveEnv {
  const set = new Set(executables);
  return {
    platform: 'linux',
    env: { PATH: '/usr/local/bin:/usr/bin:/home/me/.cargo/bin', HOME: '/home/me', ...env },
    isExecutable: (p) => set.has(p),
    workspaceFolder,
  };
}

test('the setting wins over PATH', () => {
  const ctx = unix(['/opt/studylog/bin/studylog', '/usr/bin/studylog']);
  assert.deepEqual(resolveServerPath('/opt/studylog/bin/studylog', ctx), {
    kind: 'found',
    path: '/opt/studylog/bin/studylog',
    source: 'setting',
  });
});

test('an empty setting falls back to the first match on PATH', () => {
  const ctx = unix(['/usr/bin/studylog', '/home/me/.cargo/bin/studylog']);
  assert.deepEqual(resolveServerPath('', ctx), { kind: 'found', path: '/usr/bin/studylog', source: 'path' });
  assert.deepEqual(resolveServerPath(undefined, ctx), {
    kind: 'found',
    path: '/usr/bin/studylog',
    source: 'path',
  });
  assert.deepEqual(resolveServerPath('   ', ctx), { kind: 'found', path: '/usr/bin/studylog', source: 'path' });
});

test('a setting that points nowhere is its own error, without falling back to PATH', () => {
  const ctx = unix(['/usr/bin/studylog']);
  const res = resolveServerPath('~/bin/studylog', ctx);
  if (res.kind === 'found') {
    assert.fail('resolved to a binary');
  }
  assert.deepEqual(res, { kind: 'bad-setting', configured: '~/bin/studylog', resolved: '/home/me/bin/studylog' });
  assert.match(notFoundMessage(res), /studylog\.server\.path.*\/home\/me\/bin\/studylog/);
});

test('not bundled, not on PATH: a clear message naming the ways out', () => {
  const res = resolveServerPath('', { ...unix([]), extensionPath: '/ext/studylog-0.1.0' });
  if (res.kind === 'found') {
    assert.fail('resolved to a binary');
  }
  assert.deepEqual(res, { kind: 'not-on-path' });
  assert.match(notFoundMessage(res), /not found.*\.vsix for your platform.*PATH.*studylog\.server\.path/);
});

test('the bundled binary comes after the setting and before PATH', () => {
  const ext = '/ext/studylog-0.1.0';
  const ctx = { ...unix(['/ext/studylog-0.1.0/server/studylog', '/usr/bin/studylog', '/opt/s']), extensionPath: ext };
  assert.deepEqual(resolveServerPath('', ctx), {
    kind: 'found',
    path: '/ext/studylog-0.1.0/server/studylog',
    source: 'bundled',
  });
  assert.deepEqual(resolveServerPath('/opt/s', ctx), { kind: 'found', path: '/opt/s', source: 'setting' });
  const unbundled = { ...unix(['/usr/bin/studylog']), extensionPath: ext };
  assert.deepEqual(resolveServerPath('', unbundled), { kind: 'found', path: '/usr/bin/studylog', source: 'path' });
  assert.equal(describeSource('bundled'), 'bundled with the extension');
  assert.equal(describeSource('setting'), 'from the setting studylog.server.path');
  assert.equal(describeSource('path'), 'found on PATH');
});

test('"Open settings" opens the Remote tab in a remote window, the User tab otherwise', () => {
  assert.deepEqual(openSettingsCommand('ssh-remote'), {
    command: 'workbench.action.openRemoteSettings',
    args: { query: 'studylog.server.path' },
  });
  assert.deepEqual(openSettingsCommand(undefined), {
    command: 'workbench.action.openGlobalSettings',
    args: { query: 'studylog.server.path' },
  });
});

test('no message or constant points at a website', () => {
  const source = require('node:fs').readFileSync(require('node:path').join(__dirname, '..', '..', 'src', 'serverPath.ts'), 'utf8');
  assert.doesNotMatch(source, /https?:\/\//);
});

test('relative paths and ${workspaceFolder} resolve against the workspace folder', () => {
  const ctx = unix(['/work/journal/target/debug/studylog'], {}, '/work/journal');
  assert.equal(expandPath('target/debug/studylog', ctx), '/work/journal/target/debug/studylog');
  assert.equal(expandPath('${workspaceFolder}/target/debug/studylog', ctx), '/work/journal/target/debug/studylog');
  assert.equal(expandPath('~/x', ctx), '/home/me/x');
  assert.equal(resolveServerPath('target/debug/studylog', ctx).kind, 'found');
});

test('Windows: ; separates PATH, PATHEXT suffixes are tried, quoted entries work', () => {
  const ctx: ResolveEnv = {
    platform: 'win32',
    env: { Path: 'C:\\Windows;"C:\\Users\\me\\.cargo\\bin"', PATHEXT: '.COM;.EXE;.BAT', USERPROFILE: 'C:\\Users\\me' },
    isExecutable: (p) => p === 'C:\\Users\\me\\.cargo\\bin\\studylog.exe',
  };
  assert.deepEqual(resolveServerPath('', ctx), {
    kind: 'found',
    path: 'C:\\Users\\me\\.cargo\\bin\\studylog.exe',
    source: 'path',
  });
  assert.deepEqual(resolveServerPath('~\\.cargo\\bin\\studylog', ctx), {
    kind: 'found',
    path: 'C:\\Users\\me\\.cargo\\bin\\studylog.exe',
    source: 'setting',
  });
});
