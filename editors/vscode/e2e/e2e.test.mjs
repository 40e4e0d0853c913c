// The studylog extension in a real VS Code: code-server (VS Code 1.100.3) in
// headless Chromium. Installs the packed .vsix, opens a copy of
// examples/journal with "today" pinned, and checks what a user sees against
// the CLI's own answers. Run by .ci/vscode-e2e.sh, which installs everything
// and sets STUDYLOG_E2E_* (the .vsix, the studylog binary, the screenshot
// folder, Chromium).

import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..', '..');
const CODE_SERVER = path.join(HERE, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const VSIX = required('STUDYLOG_E2E_VSIX');
const BINARY = required('STUDYLOG_E2E_BINARY');
const SHOTS = required('STUDYLOG_E2E_SHOTS');
const CHROMIUM = process.env.STUDYLOG_E2E_CHROMIUM ?? '/usr/bin/chromium';
/** The pinned "today": the day after the example's last entry, so the streak is still running. */
const TODAY = '2026-11-21';
/** How long one thing a user waits for may take on a loaded 2-core machine. */
const PATIENCE = 60_000;

function required(name) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set; run .ci/vscode-e2e.sh`);
  }
  return value;
}

/** The CLI's answers, the reference for what the editor shows. */
function cli(...args) {
  try {
    return execFileSync(BINARY, args, { env: { ...process.env, STUDYLOG_TODAY: TODAY }, encoding: 'utf8' });
  } catch (err) {
    // Exit status 1: findings that fail (an error); the output is the answer all the same.
    if (err.status === 1 && typeof err.stdout === 'string') {
      return err.stdout;
    }
    throw err;
  }
}

let tmp;
let journal;
let userData;
let server;
let browser;
let page;
let shot = 0;

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A screenshot of the whole window, numbered in step order. */
async function screenshot(name) {
  shot += 1;
  const file = path.join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

/** Runs a command from the palette by its full title. */
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: PATIENCE });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: PATIENCE });
  await input.press('Enter');
}

/** Opens a file of the journal with Quick Open. */
async function openFile(relative) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: PATIENCE });
  await input.fill(relative);
  const row = page.locator('.quick-input-list .monaco-list-row').first();
  await row.waitFor({ state: 'visible', timeout: PATIENCE });
  await page.waitForTimeout(300);
  await input.press('Enter');
  await page.locator(`.tab.active[data-resource-name="${path.basename(relative)}"]`).first().waitFor({ timeout: PATIENCE });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: PATIENCE });
}

/** Moves the cursor to a 1-based line and column with "Go to Line". */
async function goTo(line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: PATIENCE });
  await input.fill(`:${line}:${column}`);
  await page.waitForTimeout(200);
  await input.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: PATIENCE });
}

/** The stats the status bar and the stats page must agree with. */
function cliStats() {
  return JSON.parse(cli('stats', journal, '--format', 'json'));
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'studylog-vscode-e2e-'));
  journal = path.join(tmp, 'journal');
  fs.cpSync(path.join(REPO, 'examples', 'journal'), journal, { recursive: true });
  userData = path.join(tmp, 'user-data');
  const extensions = path.join(tmp, 'extensions');
  writeJson(path.join(userData, 'User', 'settings.json'), {
    'files.autoSave': 'off',
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'editor.hover.delay': 300,
    // Inlay hints off: the steps read the editor's lines as text.
    'editor.inlayHints.enabled': 'off',
    'window.commandCenter': false,
    'chat.commandCenter.enabled': false,
    'workbench.colorTheme': 'Default Light Modern',
  });
  const env = {
    ...process.env,
    STUDYLOG_TODAY: TODAY,
    // No studylog on PATH: the extension must start the binary it carries.
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: path.join(tmp, 'home'),
    XDG_CONFIG_HOME: path.join(tmp, 'config'),
    XDG_DATA_HOME: path.join(tmp, 'data'),
  };
  fs.mkdirSync(env.HOME, { recursive: true });
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  execFileSync(process.execPath, [CODE_SERVER, ...common, '--install-extension', VSIX], { env, stdio: 'inherit' });

  const port = await freePort();
  // Its own process group, so that the end of the test ends it and every
  // process it started (extension host, language server).
  server = spawn(
    process.execPath,
    [
      CODE_SERVER,
      ...common,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      journal,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = fs.createWriteStream(path.join(SHOTS, 'code-server.log'));
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start')), PATIENCE);
    const onData = (chunk) => {
      if (String(chunk).includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout.on('data', onData);
    server.once('exit', (code) => reject(new Error(`code-server exited with ${code}`)));
  });

  // A fresh profile; Debian's Chromium, never a downloaded browser.
  browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(journal)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: PATIENCE });
  await page.locator('.statusbar').waitFor({ timeout: PATIENCE });
});

after(async () => {
  await browser?.close().catch(() => undefined);
  if (server?.pid !== undefined) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  if (tmp !== undefined) {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the Problems panel shows the CLI findings', async () => {
  await openFile('log/2026-11.md');
  const expected = JSON.parse(cli('check', journal, '--format', 'json'));
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ timeout: PATIENCE });
  for (const finding of expected) {
    await panel.locator('.monaco-list-row', { hasText: finding.message }).first().waitFor({ timeout: PATIENCE });
  }
  await screenshot('problems');
  const rows = await panel.locator('.monaco-list-row .marker-message-details, .monaco-list-row .marker-message').allInnerTexts();
  const messages = rows.filter((text) => expected.some((f) => text.includes(f.message)));
  assert.equal(messages.length, expected.length, rows.join('\n'));
  const badge = await page.locator('.statusbar-item[id="status.problems"]').innerText();
  assert.match(badge.replace(/\s+/g, ' '), new RegExp(`0\\D+${expected.length}`), badge);
});

/** The streak status bar item's text, once it shows `expected`. */
async function waitForStreak(expected) {
  const item = page.locator('.statusbar-item', { hasText: /\d+ (day|week)s?$/ }).filter({ has: page.locator('.codicon-flame') });
  await page.waitForFunction(
    (want) =>
      [...document.querySelectorAll('.statusbar-item')].some(
        (el) => el.querySelector('.codicon-flame') !== null && el.textContent.trim() === want,
      ),
    expected,
    { timeout: PATIENCE },
  );
  return (await item.first().innerText()).trim();
}

/** "1 day", "33 days". */
function streakText(stats) {
  const unit = stats.streak_unit === 'weeks' ? 'week' : 'day';
  return `${stats.current_streak} ${stats.current_streak === 1 ? unit : `${unit}s`}`;
}

function formatMinutes(total) {
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h === 0 ? `${m}m` : m === 0 ? `${h}h` : `${h}h ${m}m`;
}

test('the status bar shows the CLI streak once the journal is indexed', async () => {
  const stats = cliStats();
  assert.ok(stats.current_streak > 1, 'the pinned day keeps a streak running');
  const text = await waitForStreak(streakText(stats));
  assert.equal(text, streakText(stats));
  await screenshot('status-bar');
});

test('the palette lists the commands', async () => {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: PATIENCE });
  await input.fill('>studylog: ');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: 'studylog: Restart server' }).first().waitFor({ timeout: PATIENCE });
  const labels = (await rows.allInnerTexts()).map((t) => t.split('\n')[0].trim());
  await screenshot('palette');
  await page.keyboard.press('Escape');
  for (const title of ['New entry for today', 'Show practice stats', 'Explain a check', 'Restart server']) {
    assert.ok(labels.includes(`studylog: ${title}`), `${title} in ${labels.join(' | ')}`);
  }
});

test('hovering a misspelt tag shows the finding and the topic hover', async () => {
  await goTo(42, 58);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:visible').first();
  await hover.waitFor({ timeout: PATIENCE });
  await page.waitForFunction(() => document.querySelector('.monaco-hover')?.textContent.includes('did you mean'), null, {
    timeout: PATIENCE,
  });
  const text = await hover.innerText();
  assert.match(text, /Unknown topic `#static-anaylsis`; did you mean `#static-analysis`\?/);
  await screenshot('hover');
  await page.keyboard.press('Escape');
});

test('a known tag hovers with its description and practice', async () => {
  await goTo(5, 50);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await page.waitForFunction(() => /load-balancing/.test(document.querySelector('.monaco-hover')?.textContent ?? ''), null, {
    timeout: PATIENCE,
  });
  const text = await page.locator('.monaco-hover:visible').first().innerText();
  const topic = cliStats().topics.find((t) => t.topic === 'load-balancing');
  assert.ok(topic);
  assert.match(text, /load-balancing/);
  assert.match(text, new RegExp(`${topic.sessions} sessions?`), text);
  await page.keyboard.press('Escape');
});

/** The frame of the stats webview, once it shows its summary. */
async function statsFrame() {
  const deadline = Date.now() + PATIENCE;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if ((await frame.locator('.summary').count().catch(() => 0)) > 0) {
        return frame;
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the stats page did not show');
}

test('the stats page shows the CLI numbers and the latest week of the heatmap', async () => {
  await runCommand('studylog: Show practice stats');
  const frame = await statsFrame();
  const stats = cliStats();
  const cards = Object.fromEntries(
    await frame.locator('.card').evaluateAll((els) =>
      els.map((el) => [el.querySelector('.name').textContent, el.querySelector('.value').textContent]),
    ),
  );
  assert.deepEqual(cards, {
    Entries: String(stats.entries),
    'Practice days': String(stats.days),
    'Total time': formatMinutes(stats.total_minutes),
    'Current streak': streakText(stats),
    'Longest streak': `${stats.longest_streak} days`,
  });
  const geometry = await frame.locator('.heatmap-scroll').evaluate((box) => {
    const cells = box.querySelectorAll('rect');
    const last = cells[cells.length - 1].getBoundingClientRect();
    const view = box.getBoundingClientRect();
    return { last: [last.left, last.right], view: [view.left, view.right], page: document.documentElement.clientWidth };
  });
  assert.ok(geometry.last[0] >= geometry.view[0] && geometry.last[1] <= geometry.view[1], JSON.stringify(geometry));
  assert.ok(geometry.view[1] <= geometry.page, JSON.stringify(geometry));
  await screenshot('stats');
});

test('the server log reaches the output channel at its own levels', async () => {
  const files = fs
    .readdirSync(path.join(userData, 'logs'), { recursive: true })
    .filter((f) => /studylog\.log$/.test(f));
  assert.ok(files.length > 0, 'the studylog output channel has a log file');
  const text = fs.readFileSync(path.join(userData, 'logs', files[0]), 'utf8');
  assert.match(text, /\[info\] starting .*studylog lsp \(bundled with the extension\)/);
  assert.match(text, /\[info\] initialize: 1 folder/);
  assert.doesNotMatch(text, /\[error\]/);
});

test('restarting the server brings the same streak back', async () => {
  await runCommand('studylog: Restart server');
  const text = await waitForStreak(streakText(cliStats()));
  assert.equal(text, streakText(cliStats()));
});

/** The focused editor's lines on screen, top to bottom (non-breaking spaces as spaces). */
async function screenLines() {
  return page.locator('.monaco-editor.focused .view-lines .view-line').evaluateAll((els) =>
    els
      .map((el) => ({ top: parseFloat(el.style.top), text: el.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
}

/** Waits until a line on screen of the focused editor satisfies `want` (a RegExp) and returns it. */
async function waitForLine(want) {
  const deadline = Date.now() + PATIENCE;
  let lines = [];
  while (Date.now() < deadline) {
    lines = await screenLines();
    const found = lines.find((l) => want.test(l));
    if (found !== undefined) {
      return found;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no line matches ${want} on screen:\n${lines.join('\n')}`);
}

/** The findings listed in the Problems panel (file headers left out: a finding ends with its place). */
async function problemRows() {
  const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  return rows.map((r) => r.replace(/\s+/g, ' ').trim()).filter((r) => /\[Ln \d+, Col \d+\]$/.test(r));
}

test('"New entry for today" inserts a snippet whose blanks are hints, not errors, while unsaved', async () => {
  // Back to the monthly log (the stats page had the focus), with the Problems panel open.
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout: PATIENCE });
  await openFile('log/2026-11.md');
  const before = fs.readFileSync(path.join(journal, 'log', '2026-11.md'), 'utf8');
  const expected = JSON.parse(cli('check', journal, '--format', 'json'));
  await runCommand('studylog: New entry for today');
  // The journal puts its topics as #tags in headings: `## DATE $1 #$2`, then its usual fields.
  await waitForLine(new RegExp(`^## ${TODAY} +#$`));
  await waitForLine(/^time:: ?$/);
  // The blanks (no topic, no time yet) are hints: drawn in the editor, not
  // listed in the Problems panel, nothing added to its counts.
  await page.locator('.monaco-editor.focused .squiggly-hint').first().waitFor({ timeout: PATIENCE });
  await page.waitForTimeout(1000);
  const rows = await problemRows();
  assert.equal(rows.length, expected.length, rows.join('\n'));
  const badge = await page.locator('.statusbar-item[id="status.problems"]').innerText();
  assert.match(badge.replace(/\s+/g, ' '), new RegExp(`0\\D+${expected.length}`), badge);
  // Inserted by the extension, not written by the server: the file on disk is unchanged.
  assert.equal(fs.readFileSync(path.join(journal, 'log', '2026-11.md'), 'utf8'), before);
  await screenshot('new-entry-hints');
});

test('the new entry\'s tab stops: the cursor starts in the title, Tab goes to the topic', async () => {
  await page.keyboard.type('Snippets');
  await waitForLine(new RegExp(`^## ${TODAY} Snippets #$`));
  await page.keyboard.press('Tab');
  await page.keyboard.type('caching');
  const heading = await waitForLine(new RegExp(`^## ${TODAY} Snippets #`));
  assert.equal(heading, `## ${TODAY} Snippets #caching`);
  await screenshot('new-entry-snippet');
});

test('saved with a blank left, the entry is checked as the CLI checks it', async () => {
  // `time::` stays empty: once saved it is a finding at its own severity.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+S');
  await page.waitForFunction(() => document.querySelector('.tab.active.dirty') === null, null, { timeout: PATIENCE });
  const saved = fs.readFileSync(path.join(journal, 'log', '2026-11.md'), 'utf8');
  assert.match(saved, new RegExp(`\\n## ${TODAY} Snippets #caching\\n\\ntime:: ?\\n`), saved.slice(-300));
  const after = JSON.parse(cli('check', journal, '--format', 'json'));
  assert.ok(after.some((f) => f.line > 150), 'the CLI flags the empty time:: of the saved entry');
  const deadline = Date.now() + PATIENCE;
  let shown = [];
  while (Date.now() < deadline) {
    shown = await problemRows();
    if (shown.length === after.length && after.every((f) => shown.some((r) => r.includes(f.message)))) {
      break;
    }
    await page.waitForTimeout(250);
  }
  assert.equal(shown.length, after.length, `${shown.join('\n')}\nCLI:\n${after.map((f) => f.message).join('\n')}`);
  await screenshot('new-entry-saved');
});

/** The rows of the suggest widget once it lists `expected`: label, labelDetails and all. */
async function suggestRows(expected) {
  const widget = page.locator('.editor-widget.suggest-widget');
  const row = widget.locator('.monaco-list-row', { hasText: expected }).first();
  // Typing a trigger character (`#`, the space after `::`) opens the widget by itself.
  try {
    await row.waitFor({ timeout: 10_000 });
  } catch {
    throw new Error(`the suggest widget did not open by itself with ${expected}`);
  }
  return widget.locator('.monaco-list-row').evaluateAll((els) =>
    els.map((el) => ({
      label: el.querySelector('.label-name')?.textContent ?? '',
      where: el.querySelector('.signature-label')?.textContent?.trim() ?? '',
      entries: el.querySelector('.details-label')?.textContent?.trim() ?? '',
      top: parseFloat(el.style.top),
    })).sort((a, b) => a.top - b.top),
  );
}

/** `N entries` as the server writes it. */
function entries(n) {
  return n === 1 ? '1 entry' : `${n} entries`;
}

test('completion after #load: the topics a user sees, where each comes from and its entries', async () => {
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('#load');
  const rows = await suggestRows('load-balancing');
  const stats = cliStats();
  const sessions = (name) => stats.topics.find((t) => t.topic === name)?.sessions ?? 0;
  assert.deepEqual(rows[0], { ...rows[0], label: 'load-balancing', where: 'your notes', entries: entries(sessions('load-balancing')) });
  for (const row of rows) {
    assert.match(row.where, /^(catalog|your notes|studylog\.toml|history)$/, JSON.stringify(row));
    assert.match(row.entries, /^\d+ entr(y|ies)$/, JSON.stringify(row));
  }
  await screenshot('completion-tag');
  await page.keyboard.press('Escape');
});

test('completion after topic:: offers known topics, most practised first', async () => {
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('topic:: ');
  const rows = await suggestRows('load-balancing');
  const known = cliStats().topics;
  assert.ok(rows.length >= 3, JSON.stringify(rows));
  // Never the misspelt topic the checks flag.
  assert.ok(!rows.some((r) => r.label === 'static-anaylsis'), JSON.stringify(rows));
  const practised = rows.filter((r) => known.some((t) => t.topic === r.label));
  assert.ok(practised.length >= 3, JSON.stringify(rows));
  // The entry being written does not count itself: its own topic (#caching) aside.
  for (const row of practised.filter((r) => r.label !== 'caching')) {
    const topic = known.find((t) => t.topic === row.label);
    assert.equal(row.entries, entries(topic.sessions), JSON.stringify(row));
  }
  await screenshot('completion-topic');
  await page.keyboard.press('Escape');
});

test('a server path that does not exist: no restart while typing, then the error and its buttons', async () => {
  // Machine settings: the Remote tab of a code-server window.
  writeJson(path.join(userData, 'Machine', 'settings.json'), { 'studylog.server.path': '/nowhere/studylog' });
  await page.waitForTimeout(3000);
  assert.equal(await page.locator('.notification-toast', { hasText: 'studylog.server.path' }).count(), 0);
  await runCommand('studylog: Restart server');
  const toast = page.locator('.notification-toast', { hasText: 'studylog.server.path' }).first();
  await toast.waitFor({ timeout: PATIENCE });
  const buttons = await toast.locator('.monaco-button').allInnerTexts();
  assert.deepEqual(buttons.map((b) => b.trim()).filter((b) => b !== ''), ['How to install', 'Open settings']);
  await screenshot('not-found');
  await toast.locator('.monaco-button', { hasText: 'Open settings' }).click();
  const editor = page.locator('.settings-editor');
  await editor.waitFor({ timeout: PATIENCE });
  await editor.locator('.setting-item-contents', { hasText: 'Server: Path' }).first().waitFor({ timeout: PATIENCE });
  assert.equal(await editor.locator('.no-results-message:visible').count(), 0);
  const tab = await editor.locator('.settings-tab-widget .action-item.checked, .settings-tabs-widget .checked').first().innerText();
  assert.match(tab, /Remote/);
  await screenshot('open-settings');
});
