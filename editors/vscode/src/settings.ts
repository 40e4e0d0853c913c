//! Maps the extension's flat VS Code settings (`studylog.journal.cadence`, ...)
//! to the nested structure the server reads, which mirrors `studylog.toml`.
// Pure: no `vscode` import, so it runs under node's test runner.

/** One contributed setting that the server understands. */
export interface SettingKey {
  /** The VS Code setting, relative to the `studylog` section. */
  readonly setting: string;
  /** Where the value goes in the server's settings: [table, key]. */
  readonly path: readonly [string, string] | readonly [string];
}

/**
 * Every contributed setting the server reads, in `studylog.toml` order.
 * `severity` is a whole table (code -> level), so its path has one element.
 */
export const SERVER_SETTINGS: readonly SettingKey[] = [
  { setting: 'journal.include', path: ['journal', 'include'] },
  { setting: 'journal.exclude', path: ['journal', 'exclude'] },
  { setting: 'journal.cadence', path: ['journal', 'cadence'] },
  { setting: 'journal.start', path: ['journal', 'start'] },
  { setting: 'journal.required', path: ['journal', 'required'] },
  { setting: 'journal.topicsDir', path: ['journal', 'topics-dir'] },
  { setting: 'journal.minUses', path: ['journal', 'min-uses'] },
  { setting: 'topics.builtin', path: ['topics', 'builtin'] },
  { setting: 'topics.custom', path: ['topics', 'custom'] },
  { setting: 'topics.aliases', path: ['topics', 'aliases'] },
  { setting: 'severity', path: ['severity'] },
  { setting: 'editor.inlayHints', path: ['editor', 'inlay-hints'] },
  { setting: 'editor.docsUrl', path: ['editor', 'docs-url'] },
];

/** The diagnostic codes of the contract, each configurable under `studylog.severity`. */
export const DIAGNOSTIC_CODES: readonly string[] = [
  'invalid-date',
  'date-mismatch',
  'future-date',
  'duplicate-date',
  'date-order',
  'missed-days',
  'empty-entry',
  'missing-field',
  'field-habit',
  'invalid-duration',
  'day-overflow',
  'invalid-field',
  'unknown-topic',
  'topic-spelling',
  'broken-link',
  'frontmatter-syntax',
  'config-error',
];

export const SEVERITY_LEVELS: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

/** The server's settings: `{ journal: {...}, topics: {...}, severity: {...}, editor: {...} }`. */
export type ServerSettings = Record<string, Record<string, unknown>>;

/**
 * Builds the server's settings from a reader of flat settings (`get('journal.cadence')`).
 *
 * Values that say "not set" are left out so that the server's own defaults
 * (and `studylog.toml`) apply: `undefined`/`null`, an empty `start` date, and
 * empty `topics.custom` / `topics.aliases` / `severity` tables. Values of the
 * wrong JSON type are left out too: the server would only reject them.
 */
export function toServerSettings(get: (setting: string) => unknown): ServerSettings {
  const out: ServerSettings = {};
  for (const key of SERVER_SETTINGS) {
    const value = cleanValue(key.setting, get(key.setting));
    if (value === undefined) {
      continue;
    }
    const [table, field] = key.path;
    if (field === undefined) {
      out[table] = value as Record<string, unknown>;
    } else {
      (out[table] ??= {})[field] = value;
    }
  }
  return out;
}

/** The value to send for `setting`, or `undefined` to leave it to the server. */
function cleanValue(setting: string, value: unknown): unknown {
  if (value === undefined || value === null) {
    return undefined;
  }
  switch (setting) {
    case 'journal.include':
    case 'journal.exclude':
    case 'journal.required':
      return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : undefined;
    case 'journal.cadence':
    case 'journal.topicsDir':
    case 'editor.docsUrl':
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    case 'journal.start':
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    case 'journal.minUses':
      return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : undefined;
    case 'topics.builtin':
    case 'editor.inlayHints':
      return typeof value === 'boolean' ? value : undefined;
    case 'topics.custom':
    case 'topics.aliases':
    case 'severity':
      return stringTable(value);
    default:
      return undefined;
  }
}

/** A `{ string: string }` table without its non-string entries; `undefined` when empty. */
function stringTable(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const table: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') {
      table[k] = v;
    }
  }
  return Object.keys(table).length > 0 ? table : undefined;
}
