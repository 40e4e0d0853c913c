//! The TextMate injection grammar, tokenized for real: VS Code's own engine
//! (vscode-textmate + Oniguruma) with the markdown grammar, so the test sees
//! what the editor shows, including how markdown's rules and ours interact.

import { test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const ROOT = path.join(__dirname, '..', '..');
const INJECTION = path.join(ROOT, 'syntaxes', 'studylog.injection.tmLanguage.json');
const MARKDOWN = require.resolve('tm-grammars/grammars/markdown.json');

let markdown: vsctm.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const file =
        scopeName === 'text.html.markdown'
          ? MARKDOWN
          : scopeName === 'studylog.markdown.injection'
            ? INJECTION
            : undefined;
      if (file === undefined) {
        return null; // embedded languages (yaml, html, ...) are not needed here
      }
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
    getInjections: (scopeName: string) =>
      scopeName === 'text.html.markdown' ? ['studylog.markdown.injection'] : undefined,
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  assert.ok(grammar, 'markdown grammar loads');
  markdown = grammar;
});

interface Token {
  text: string;
  scopes: string[];
}

/** Tokenizes a whole document; returns its lines' tokens. */
function tokenize(doc: string): Token[][] {
  let state = vsctm.INITIAL;
  return doc.split('\n').map((line) => {
    const r = markdown.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The texts of the tokens on which some scope starts with `prefix`, across the document. */
function textsWith(doc: string, prefix: string): string[] {
  return tokenize(doc)
    .flat()
    .filter((t) => t.scopes.some((s) => s.startsWith(prefix)))
    .map((t) => t.text);
}

/** Joins adjacent tokens with the scope into whole matches (e.g. `#` + `load-balancing`). */
function matchesWith(doc: string, scope: string): string[] {
  const out: string[] = [];
  for (const line of tokenize(doc)) {
    let current: string | undefined;
    for (const t of line) {
      if (t.scopes.some((s) => s.startsWith(scope))) {
        current = (current ?? '') + t.text;
      } else if (current !== undefined) {
        out.push(current);
        current = undefined;
      }
    }
    if (current !== undefined) {
      out.push(current);
    }
  }
  return out;
}

test('tags: the contract cases', () => {
  const doc = [
    'Practised #load-balancing and #k8s today (#static-analysis).',
    '#nested/topic at the start of a line, #LoadBalancing, #snake_case',
    'Not tags: C# and issue #123 and a#b and http://x.org/#frag and [a](b.md#heading)',
  ].join('\n');
  assert.deepEqual(matchesWith(doc, 'entity.name.tag.topic.studylog'), [
    '#load-balancing',
    '#k8s',
    '#static-analysis',
    '#nested/topic',
    '#LoadBalancing',
    '#snake_case',
  ]);
});

test('tags: never inside code spans, fenced code, indented code or HTML comments', () => {
  const doc = [
    'Some text with `#not-a-tag` inline.',
    '',
    '```',
    '#not-a-tag in a fence',
    '```',
    '',
    '    #not-a-tag indented',
    '',
    '<!-- #not-a-tag in a comment -->',
    '',
    'a real #tag',
  ].join('\n');
  assert.deepEqual(matchesWith(doc, 'entity.name.tag.topic.studylog'), ['#tag']);
});

test('headings: the heading marker is not a tag, but tags in headings are', () => {
  const doc = ['# Title', '', '## Notes on #rust', '', '#title-tag'].join('\n');
  assert.deepEqual(matchesWith(doc, 'entity.name.tag.topic.studylog'), ['#rust', '#title-tag']);
  assert.deepEqual(textsWith(doc, 'markup.heading.markdown').join('|').includes('Title'), true);
});

test('dated headings: the date is marked, the rest stays a heading', () => {
  const doc = [
    '## 2026-11-02 Load balancing drills #load-balancing',
    '',
    '### [[2026-11-03]] - wiki form',
    '',
    '# 2026-11-04',
    '',
    '## 2026-11-05T10:30 with a time',
  ].join('\n');
  assert.deepEqual(matchesWith(doc, 'constant.numeric.date.studylog'), [
    '2026-11-02',
    '[[2026-11-03]]',
    '2026-11-04',
    '2026-11-05',
  ]);
  // The whole line keeps the markdown heading scope, and tags in the title are tags.
  const line = tokenize(doc)[0];
  assert.ok(line.every((t) => t.scopes.includes('markup.heading.markdown')));
  assert.deepEqual(matchesWith(doc, 'entity.name.tag.topic.studylog'), ['#load-balancing']);
});

test('dated headings: not entries are not marked', () => {
  const doc = [
    '## Week 48',
    '',
    '## 2026-11-20foo glued text',
    '',
    'A paragraph mentioning 2026-11-02.',
    '',
    '```',
    '## 2026-11-02 inside a fence',
    '```',
  ].join('\n');
  assert.deepEqual(matchesWith(doc, 'constant.numeric.date.studylog'), []);
});

test('inline fields: plain, in lists, bold, and continuation lines', () => {
  const doc = [
    '## 2026-11-02',
    'topic:: load-balancing',
    'time:: 45m',
    '',
    '- practiced:: weighted round robin',
    '* **learned**:: health checks matter',
    '1. next:: try least-connections',
  ].join('\n');
  assert.deepEqual(matchesWith(doc, 'support.type.property-name.field.studylog'), [
    'topic',
    'time',
    'practiced',
    'learned',
    'next',
  ]);
  assert.equal(matchesWith(doc, 'punctuation.separator.key-value.studylog').length, 5);
  // List bullets keep markdown's list scope.
  assert.ok(textsWith(doc, 'punctuation.definition.list.begin.markdown').includes('-'));
});

test('inline fields: not in code, not mid-sentence, not a URL scheme', () => {
  const doc = [
    'A sentence, then key:: value in the middle.',
    'Ratio 3:2 and C++::std are not fields.',
    'See https://example.org for more.',
    '',
    '```',
    'time:: 45m',
    '```',
  ].join('\n');
  assert.deepEqual(matchesWith(doc, 'support.type.property-name.field.studylog'), []);
});
