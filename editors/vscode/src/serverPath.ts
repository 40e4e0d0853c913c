//! Finds the `studylog` binary: the `studylog.server.path` setting, else
//! `studylog` on PATH. Pure: the file system and environment are injected.

/** The project's home; the README's `## Install` section has the install steps. */
export const REPOSITORY_URL = 'https://github.com/studylog/studylog';

/** Where the install instructions live (opened by the "not found" error's button). */
export const INSTALL_URL = `${REPOSITORY_URL}#install`;

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
}

export type Resolution =
  | { readonly kind: 'found'; readonly path: string; readonly source: 'setting' | 'path' }
  | { readonly kind: 'bad-setting'; readonly configured: string; readonly resolved: string }
  | { readonly kind: 'not-on-path' };

/** The binary's name, without a platform suffix. */
const BINARY = 'studylog';

/**
 * Resolves the server binary. A configured path that does not point at an
 * executable is an error of its own (no silent fallback to PATH: the user
 * asked for that binary and should learn that it is missing).
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
    'studylog: the `studylog` language server was not found on PATH. Install it ' +
    '(`cargo install --path .` in a studylog checkout) or set studylog.server.path.'
  );
}
