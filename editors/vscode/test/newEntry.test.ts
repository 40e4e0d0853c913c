//! "New entry for today": the server is asked for its plan without applying
//! it, and the entry goes in as a snippet at the planned place, with a fake
//! editor recording what the user would see.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyNewEntryPlan, newEntryArgument, parsePlan, type NewEntryEditor, type PlanPosition } from '../src/newEntry';

/** A document: its lines, by URI. */
interface FakeDoc {
  uri: string;
  lines: string[];
}

interface Recorded {
  created: string[];
  opened: string[];
  snippets: { uri: string; snippet: string; at: PlanPosition }[];
  revealed: { uri: string; at: PlanPosition }[];
  info: string[];
  errors: string[];
}

function fakeEditor(files: Record<string, string[]>, inserts = true): { editor: NewEntryEditor<FakeDoc>; rec: Recorded } {
  const rec: Recorded = { created: [], opened: [], snippets: [], revealed: [], info: [], errors: [] };
  const editor: NewEntryEditor<FakeDoc> = {
    createFile: async (uri) => {
      rec.created.push(uri);
      files[uri] ??= [''];
    },
    open: async (uri) => {
      rec.opened.push(uri);
      const lines = files[uri];
      assert.ok(lines !== undefined, `${uri} opened before it exists`);
      return { uri, lines };
    },
    lineCount: (doc) => doc.lines.length,
    lineLength: (doc, line) => doc.lines[line].length,
    insertSnippet: async (doc, snippet, at) => {
      rec.snippets.push({ uri: doc.uri, snippet, at });
      return inserts;
    },
    reveal: (doc, at) => rec.revealed.push({ uri: doc.uri, at }),
    info: (m) => rec.info.push(m),
    error: (m) => rec.errors.push(m),
  };
  return { editor, rec };
}

const LOG = 'file:///journal/log/2026-11.md';
/** What the server plans for the example journal's monthly log (a `topic::` journal). */
const SNIPPET = '## 2026-11-21 ${1:title}\n\ntopic:: ${2:topic}\ntime:: ${3|30m,45m,1h|}\n$0\n';

test('the server is asked for the plan only: apply is false, so it edits nothing itself', () => {
  assert.deepEqual(newEntryArgument(LOG), { uri: LOG, apply: false });
  assert.deepEqual(newEntryArgument(undefined), { apply: false });
  assert.deepEqual(newEntryArgument(LOG, '2026-11-19'), { uri: LOG, date: '2026-11-19', apply: false });
});

test('a new entry is inserted as a snippet at the planned position, with tab stops', async () => {
  const { editor, rec } = fakeEditor({ [LOG]: ['# November', '', '## 2026-11-20', 'topic:: caching', ''] });
  await applyNewEntryPlan(
    {
      action: 'insert',
      date: '2026-11-21',
      uri: LOG,
      position: { line: 4, character: 0 },
      snippet: SNIPPET,
      edit: { changes: {} },
      cursor: { line: 4, character: 14 },
      message: 'New entry for 2026-11-21 in log/2026-11.md',
    },
    editor,
  );
  assert.deepEqual(rec.created, []);
  assert.deepEqual(rec.opened, [LOG]);
  assert.deepEqual(rec.snippets, [{ uri: LOG, snippet: SNIPPET, at: { line: 4, character: 0 } }]);
  // The first placeholder is the title: the cursor lands there.
  assert.match(rec.snippets[0].snippet, /^## 2026-11-21 \$\{1:title\}/);
  assert.deepEqual(rec.info, ['studylog: New entry for 2026-11-21 in log/2026-11.md (Tab: next field)']);
  assert.deepEqual(rec.errors, []);
});

test('a new daily note is created empty, then filled with the snippet', async () => {
  const note = 'file:///journal/daily/2026-11-21.md';
  const { editor, rec } = fakeEditor({});
  await applyNewEntryPlan(
    {
      action: 'create',
      date: '2026-11-21',
      uri: note,
      position: { line: 0, character: 0 },
      snippet: '# 2026-11-21\n\n#${1:topic}\ntime:: $2\n',
      message: 'New daily note daily/2026-11-21.md for 2026-11-21',
    },
    editor,
  );
  assert.deepEqual(rec.created, [note]);
  assert.deepEqual(rec.snippets, [{ uri: note, snippet: '# 2026-11-21\n\n#${1:topic}\ntime:: $2\n', at: { line: 0, character: 0 } }]);
});

test('a day that has its entry: the cursor goes to it and the server says so; nothing is inserted', async () => {
  const { editor, rec } = fakeEditor({ [LOG]: ['# November', '', '## 2026-11-21', ''] });
  await applyNewEntryPlan(
    {
      action: 'exists',
      date: '2026-11-21',
      uri: LOG,
      position: { line: 2, character: 0 },
      snippet: null,
      message: '2026-11-21 already has an entry: log/2026-11.md, line 3',
    },
    editor,
  );
  assert.deepEqual(rec.snippets, []);
  assert.deepEqual(rec.revealed, [{ uri: LOG, at: { line: 2, character: 0 } }]);
  assert.deepEqual(rec.info, ['studylog: 2026-11-21 already has an entry: log/2026-11.md, line 3']);
});

test('a position past the last line goes to the end, on a line of its own', async () => {
  const { editor, rec } = fakeEditor({ [LOG]: ['## 2026-11-20', 'time:: 1h'] });
  await applyNewEntryPlan(
    { action: 'insert', date: '2026-11-21', uri: LOG, position: { line: 2, character: 0 }, snippet: SNIPPET, message: 'm' },
    editor,
  );
  assert.deepEqual(rec.snippets, [{ uri: LOG, snippet: `\n${SNIPPET}`, at: { line: 1, character: 9 } }]);
});

test('an answer that is not a plan (an old server applying the edit itself) is an error, not a silent no-op', async () => {
  const { editor, rec } = fakeEditor({});
  // What `studylog.newEntry` answers when it applies the edit: the WorkspaceEdit.
  await applyNewEntryPlan({ changes: { [LOG]: [] } }, editor);
  assert.deepEqual(rec.snippets, []);
  assert.equal(rec.errors.length, 1);
  assert.equal(parsePlan(null), undefined);
  assert.equal(parsePlan({ action: 'insert', uri: LOG, position: { line: 0, character: 0 }, message: 'no snippet' }), undefined);
});

test('an editor that refuses the snippet is reported', async () => {
  const { editor, rec } = fakeEditor({ [LOG]: ['', ''] }, false);
  await applyNewEntryPlan(
    { action: 'insert', date: '2026-11-21', uri: LOG, position: { line: 1, character: 0 }, snippet: SNIPPET, message: 'm' },
    editor,
  );
  assert.deepEqual(rec.info, []);
  assert.match(rec.errors[0], /could not be inserted/);
});
