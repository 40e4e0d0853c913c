//! Finds the `studylog` binary: the `studylog.server.path` setting, else the
//! binary bundled in a platform `.vsix` (`server/studylog`), else `studylog`
//! on PATH. Pure: the file system and environment are injected.

/** The setting that names the binary. */
export const SERVER_PATH_SETTING = 'studylog.server.path';

/** What the resolver may look at. */
export interface ResolveEnv {
  /** `process.platform`: decides the PATH separator and executable suffixes. */
  readonly platform: string;
  /** Environment variables (PATH, PATHEXT, HOME/USERPROFILE). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether `path` is an existing file this user may execute. */
  readonly isExecutable: (path: string) => boolean;
  /** The first workspace folder's path: relative settings resolve against it. */
  readonly workspaceFolder?: string;
  /** The extension's own folder: a platform `.vsix` carries the binary under `server/`. */
  readonly extensionPath?: string;
}

/** Where the binary came from. */
export type ServerSource = 'setting' | 'bundled' | 'path';

export type Resolution =
  | { readonly kind: 'found'; readonly path: string; readonly source: ServerSource }
  | { readonly kind: 'bad-setting'; readonly configured: string; readonly resolved: string }
  | { readonly kind: 'not-on-path' };

/** The binary's name, without a platform suffix. */
const BINARY = 'studylog';

/** Where a platform `.vsix` puts the binary, relative to the extension's folder. */
export const BUNDLED_DIR = 'server';

/**
 * Resolves the server binary: the setting, then the bundled binary, then
 * PATH. A configured path that does not point at an executable is an error
 * of its own (no silent fallback: the user asked for that binary and should
 * learn that it is missing).
 */
export function resolveServerPath(configured: string | undefined, ctx: ResolveEnv): Resolution {
  const windows = ctx.platform === 'win32';
  const setting = configured?.trim() ?? '';
  if (setting !== '') {
    const resolved = expandPath(setting, ctx);
    for (const candidate of withSuffixes(resolved, ctx)) {
      if (ctx.isExecutable(candidate)) {
        return { kind: 'found', path: candidate, source: 'setting' };
      }
    }
    return { kind: 'bad-setting', configured: setting, resolved };
  }
  if (ctx.extensionPath !== undefined) {
    const bundled = joinPath(joinPath(ctx.extensionPath, BUNDLED_DIR, windows), BINARY, windows);
    for (const candidate of withSuffixes(bundled, ctx)) {
      if (ctx.isExecutable(candidate)) {
        return { kind: 'found', path: candidate, source: 'bundled' };
      }
    }
  }
  const pathVar = ctx.env.PATH ?? ctx.env.Path ?? '';
  for (const dir of pathVar.split(windows ? ';' : ':')) {
    if (dir === '') {
      continue;
    }
    const base = joinPath(dir.replace(/^"(.*)"$/, '$1'), BINARY, windows);
    for (const candidate of withSuffixes(base, ctx)) {
      if (ctx.isExecutable(candidate)) {
        return { kind: 'found', path: candidate, source: 'path' };
      }
    }
  }
  return { kind: 'not-on-path' };
}

/** Expands `~` and `${workspaceFolder}`, and makes a relative path absolute against the workspace. */
export function expandPath(setting: string, ctx: ResolveEnv): string {
  const windows = ctx.platform === 'win32';
  let path = setting;
  const home = ctx.env.HOME ?? ctx.env.USERPROFILE;
  if (home !== undefined && (path === '~' || path.startsWith('~/') || (windows && path.startsWith('~\\')))) {
    path = home + path.slice(1);
  }
  if (ctx.workspaceFolder !== undefined) {
    path = path.split('${workspaceFolder}').join(ctx.workspaceFolder);
    if (!isAbsolute(path, windows)) {
      path = joinPath(ctx.workspaceFolder, path, windows);
    }
  }
  return path;
}

function isAbsolute(path: string, windows: boolean): boolean {
  if (windows) {
    return /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\') || path.startsWith('/');
  }
  return path.startsWith('/');
}

function joinPath(dir: string, name: string, windows: boolean): string {
  const sep = windows ? '\\' : '/';
  return dir.endsWith('/') || dir.endsWith('\\') ? dir + name : dir + sep + name;
}

/** `path` itself, then (on Windows, when it has no extension) `path` + each PATHEXT suffix. */
function withSuffixes(path: string, ctx: ResolveEnv): string[] {
  if (ctx.platform !== 'win32' || /\.[^\\/.]+$/.test(path)) {
    return [path];
  }
  const exts = (ctx.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '');
  return [...exts.map((e) => path + e.toLowerCase()), path];
}

/** The user-facing message for a failed resolution. */
export function notFoundMessage(res: Exclude<Resolution, { kind: 'found' }>): string {
  if (res.kind === 'bad-setting') {
    return (
      `studylog: the setting studylog.server.path is "${res.configured}", but ${res.resolved} ` +
      'is not an executable file. Fix the path or clear the setting to use `studylog` from PATH.'
    );
  }
  return (
    'studylog: the `studylog` language server was not found: this extension has no bundled ' +
    'binary and there is none on PATH. Install the .vsix for your platform, put `studylog` ' +
    'on PATH, or set studylog.server.path.'
  );
}

/** How the output names where the started binary came from. */
export function describeSource(source: ServerSource): string {
  switch (source) {
    case 'setting':
      return `from the setting ${SERVER_PATH_SETTING}`;
    case 'bundled':
      return 'bundled with the extension';
    case 'path':
      return 'found on PATH';
  }
}

/**
 * The command (and its argument) that opens the Settings editor on the tab
 * that holds `studylog.server.path`, filtered to it. The setting is
 * machine-scoped: in a remote window (code-server, Remote-SSH, WSL,
 * Codespaces; `vscode.env.remoteName` set) it lives on the Remote tab, and
 * the User tab would show "No Settings Found".
 */
export function openSettingsCommand(remoteName: string | undefined): { command: string; args: { query: string } } {
  const remote = remoteName !== undefined && remoteName !== '';
  return {
    command: remote ? 'workbench.action.openRemoteSettings' : 'workbench.action.openGlobalSettings',
    args: { query: SERVER_PATH_SETTING },
  };
}
