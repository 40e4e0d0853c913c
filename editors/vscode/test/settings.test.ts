//! The flat VS Code settings -> nested server settings mapping.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIAGNOSTIC_CODES, SERVER_SETTINGS, SEVERITY_LEVELS, toServerSettings } from '../src/settings';

const PACKAGE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const CONTRIBUTED: Record<string, { default?: unknown; description?: string; markdownDescription?: string }> =
  PACKAGE.contributes.configuration.properties;

/** A reader over a flat map of settings, as `WorkspaceConfiguration.get` would be. */
function reader(values: Record<string, unknown>): (key: string) => unknown {
  return (key) => values[key];
}

/** The contributed defaults, keyed without the `studylog.` prefix. */
function defaults(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(CONTRIBUTED)) {
    out[key.replace(/^studylog\./, '')] = schema.default;
  }
  return out;
}

test('every setting maps to its studylog.toml key', () => {
  const settings = toServerSettings(
    reader({
      'journal.include': ['notes/**/*.md'],
      'journal.exclude': ['templates/**'],
      'journal.cadence': '3/week',
      'journal.start': '2026-01-01',
      'journal.required': ['topic', 'time', 'learned'],
      'journal.topicsDir': 'areas',
      'journal.minUses': 3,
      'topics.builtin': false,
      'topics.custom': { 'chaos-engineering': 'Injecting faults on purpose' },
      'topics.aliases': { lb: 'load-balancing' },
      severity: { 'missed-days': 'information', 'topic-spelling': 'off' },
      'editor.inlayHints': false,
      'editor.docsUrl': 'https://example.com/studylog/checks.html',
    }),
  );
  assert.deepEqual(settings, {
    journal: {
      include: ['notes/**/*.md'],
      exclude: ['templates/**'],
      cadence: '3/week',
      start: '2026-01-01',
      required: ['topic', 'time', 'learned'],
      'topics-dir': 'areas',
      'min-uses': 3,
    },
    topics: {
      builtin: false,
      custom: { 'chaos-engineering': 'Injecting faults on purpose' },
      aliases: { lb: 'load-balancing' },
    },
    severity: { 'missed-days': 'information', 'topic-spelling': 'off' },
    editor: { 'inlay-hints': false, 'docs-url': 'https://example.com/studylog/checks.html' },
  });
});

test('the contributed defaults equal the server defaults and leave "unset" values out', () => {
  assert.deepEqual(toServerSettings(reader(defaults())), {
    journal: {
      include: ['**/*.md', '**/*.markdown'],
      exclude: [],
      cadence: 'daily',
      required: ['topic', 'time'],
      'topics-dir': 'topics',
      'min-uses': 2,
    },
    topics: { builtin: true },
    editor: { 'inlay-hints': true },
  });
});

test('nothing set gives an empty object (the server keeps its defaults)', () => {
  assert.deepEqual(toServerSettings(reader({})), {});
});

test('values of the wrong type are dropped, not passed on', () => {
  const settings = toServerSettings(
    reader({
      'journal.include': 'not-a-list',
      'journal.exclude': ['ok/**', 7],
      'journal.cadence': 42,
      'journal.start': '   ',
      'journal.minUses': Number.NaN,
      'topics.builtin': 'yes',
      'topics.custom': ['a'],
      'topics.aliases': { lb: 'load-balancing', bad: 3 },
      severity: null,
      'editor.inlayHints': 1,
    }),
  );
  assert.deepEqual(settings, {
    journal: { exclude: ['ok/**'] },
    topics: { aliases: { lb: 'load-balancing' } },
  });
});

test('package.json contributes every mapped setting with a description and a default', () => {
  for (const key of SERVER_SETTINGS) {
    const schema = CONTRIBUTED[`studylog.${key.setting}`];
    assert.ok(schema, `studylog.${key.setting} is contributed`);
    assert.ok(schema.description ?? schema.markdownDescription, `studylog.${key.setting} has a description`);
    assert.ok('default' in schema, `studylog.${key.setting} has a default`);
  }
});

test('studylog.severity lists every diagnostic code with the five levels', () => {
  const severity = PACKAGE.contributes.configuration.properties['studylog.severity'];
  assert.deepEqual(Object.keys(severity.properties).sort(), [...DIAGNOSTIC_CODES].sort());
  for (const code of DIAGNOSTIC_CODES) {
    assert.deepEqual(severity.properties[code].enum, SEVERITY_LEVELS);
  }
  assert.equal(severity.additionalProperties, false);
});
