//! Reading the stats JSON and rendering it: escaping, CSP, heatmap layout.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  escapeHtml,
  formatMinutes,
  heatLevel,
  HEATMAP_WEEKS,
  parseDate,
  parseStats,
  renderHeatmap,
  renderStatsHtml,
  statusBarText,
  type Stats,
} from '../src/stats';

const SAMPLE = {
  entries: 3,
  days: 2,
  total_minutes: 150,
  current_streak: 2,
  longest_streak: 5,
  streak_unit: 'days',
  topics: [
    { topic: 'load-balancing', sessions: 2, minutes: 105, first: '2026-11-01', last: '2026-11-02' },
    { topic: '<script>alert("x")</script>', sessions: 1, minutes: 45, first: '2026-11-02', last: '2026-11-02' },
  ],
  calendar: [
    { date: '2026-11-01', minutes: 60 },
    { date: '2026-11-02', minutes: 90 },
  ],
};

function render(stats: Stats, journal = 'journal'): string {
  return renderStatsHtml(stats, {
    nonce: 'abc123',
    cspSource: 'vscode-resource:',
    today: parseDate('2026-11-02') ?? 0,
    journal,
  });
}

test('parseStats reads the server JSON', () => {
  const stats = parseStats(SAMPLE);
  assert.ok(stats);
  assert.equal(stats.totalMinutes, 150);
  assert.equal(stats.currentStreak, 2);
  assert.equal(stats.topics.length, 2);
  assert.deepEqual(stats.calendar[1], { date: '2026-11-02', minutes: 90 });
});

test('parseStats survives missing and mistyped fields', () => {
  assert.equal(parseStats(null), undefined);
  assert.equal(parseStats([1, 2]), undefined);
  const stats = parseStats({ entries: '3', topics: [null, { topic: 5 }], calendar: [{ date: 'nope' }, 7] });
  assert.ok(stats);
  assert.equal(stats.entries, 0);
  assert.deepEqual(stats.topics, [{ topic: '', sessions: 0, minutes: 0, first: '', last: '' }]);
  assert.deepEqual(stats.calendar, []);
  assert.equal(stats.streakUnit, 'days');
  assert.equal(statusBarText(stats), '$(flame) 0 days');
});

test('every server string is escaped; no script can run', () => {
  const stats = parseStats(SAMPLE);
  assert.ok(stats);
  const html = render(stats, 'my "journal" & <notes>');
  assert.ok(!html.includes('<script'), 'no script tag');
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
  assert.ok(html.includes('my &quot;journal&quot; &amp; &lt;notes&gt;'));
  assert.equal(escapeHtml(`<a href='x'>&</a>`), '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
});

test('the CSP allows nothing but the nonce-tagged style', () => {
  const stats = parseStats(SAMPLE);
  assert.ok(stats);
  const html = render(stats);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(csp);
  assert.match(csp[1], /default-src 'none'/);
  assert.match(csp[1], /style-src 'nonce-abc123'/);
  assert.ok(!csp[1].includes('unsafe-inline'));
  assert.ok(!csp[1].includes('script-src'));
  assert.ok(html.includes('<style nonce="abc123">'));
  assert.ok(!/ style="/.test(html), 'no inline style attributes (the CSP would block them)');
});

test('summary and topic table show the numbers', () => {
  const stats = parseStats(SAMPLE);
  assert.ok(stats);
  const html = render(stats);
  assert.ok(html.includes('2h 30m'));
  assert.ok(html.includes('<td class="topic">load-balancing</td><td class="num">2</td><td class="num">1h 45m</td>'));
  assert.ok(html.includes('5 days'));
});

test('heatmap: 52 weeks, Monday on top, ends today, levels by minutes', () => {
  const today = parseDate('2026-11-04'); // a Wednesday
  assert.ok(today !== undefined);
  const svg = renderHeatmap(
    [
      { date: '2026-11-02', minutes: 150 },
      { date: '2026-11-03', minutes: 0 },
      { date: '2025-01-01', minutes: 60 }, // older than the window
    ],
    today,
  );
  const cells = [...svg.matchAll(/<rect class="l(\d)"[^>]*><title>([^<]*)<\/title>/g)];
  // 51 whole weeks before this one, plus Monday to Wednesday of this week.
  assert.equal(cells.length, (HEATMAP_WEEKS - 1) * 7 + 3);
  const last = cells.slice(-3).map((c) => [c[1], c[2]]);
  assert.deepEqual(last, [
    ['4', '2026-11-02: 2h 30m'],
    ['1', '2026-11-03: 0m'],
    ['0', '2026-11-04: no practice'],
  ]);
  assert.equal(cells[0][2], '2025-11-10: no practice'); // the Monday 51 weeks before 2026-11-02
  assert.equal(cells.filter((c) => c[1] !== '0').length, 2);
});

test('levels and durations', () => {
  assert.deepEqual(
    [heatLevel(0, false), heatLevel(0, true), heatLevel(29, true), heatLevel(30, true), heatLevel(60, true), heatLevel(120, true)],
    [0, 1, 1, 2, 3, 4],
  );
  assert.deepEqual([formatMinutes(0), formatMinutes(45), formatMinutes(60), formatMinutes(165)], ['0m', '45m', '1h', '2h 45m']);
  assert.equal(parseDate('2026-02-30'), undefined);
  assert.equal(parseDate('2026-1-5'), undefined);
});

test('weekly streaks say weeks', () => {
  const stats = parseStats({ ...SAMPLE, current_streak: 1, streak_unit: 'weeks' });
  assert.ok(stats);
  assert.equal(statusBarText(stats), '$(flame) 1 week');
});

test('the heatmap scrolls inside the panel and starts at its latest week', () => {
  const stats = parseStats(SAMPLE);
  assert.ok(stats);
  const html = render(stats);
  // The SVG (fixed cell size, wider than a narrow panel) sits in a scroll box
  // whose right-to-left direction shows its right end, the latest weeks, first.
  assert.match(html, /<div class="heatmap-scroll"><svg class="heatmap"[^]*<\/svg><\/div>/);
  const css = /<style[^>]*>([^]*)<\/style>/.exec(html);
  assert.ok(css);
  assert.match(css[1], /\.heatmap-scroll \{[^}]*overflow-x: auto;[^}]*direction: rtl;/);
  assert.match(css[1], /\.heatmap-scroll > svg \{[^}]*direction: ltr;/);
});
