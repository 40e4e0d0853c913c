//! The `studylog.stats` result: read defensively from the server's JSON and
//! rendered as the stats webview's HTML (summary, per-topic table, heatmap)
//! and as the status bar's streak text. Pure: no `vscode` import.

export interface TopicStats {
  topic: string;
  sessions: number;
  minutes: number;
  first: string;
  last: string;
}

export interface CalendarDay {
  /** `YYYY-MM-DD`. */
  date: string;
  minutes: number;
}

export interface Stats {
  entries: number;
  days: number;
  totalMinutes: number;
  currentStreak: number;
  longestStreak: number;
  /** `days` or `weeks` (cadence `N/week`). */
  streakUnit: string;
  topics: TopicStats[];
  calendar: CalendarDay[];
}

/** Reads the server's stats JSON; missing or mistyped values become 0 / empty. `undefined` if it is not an object. */
export function parseStats(json: unknown): Stats | undefined {
  if (!isRecord(json)) {
    return undefined;
  }
  const topics = Array.isArray(json.topics) ? json.topics.filter(isRecord) : [];
  const calendar = Array.isArray(json.calendar) ? json.calendar.filter(isRecord) : [];
  return {
    entries: num(json.entries),
    days: num(json.days),
    totalMinutes: num(json.total_minutes),
    currentStreak: num(json.current_streak),
    longestStreak: num(json.longest_streak),
    streakUnit: json.streak_unit === 'weeks' ? 'weeks' : 'days',
    topics: topics.map((t) => ({
      topic: str(t.topic),
      sessions: num(t.sessions),
      minutes: num(t.minutes),
      first: str(t.first),
      last: str(t.last),
    })),
    calendar: calendar
      .map((d) => ({ date: str(d.date), minutes: num(d.minutes) }))
      .filter((d) => parseDate(d.date) !== undefined),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `0m`, `45m`, `2h`, `2h 45m`. */
export function formatMinutes(minutes: number): string {
  const total = Math.round(minutes);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) {
    return `${m}m`;
  }
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

/** `1 day`, `5 days`, `2 weeks`. */
export function formatStreak(count: number, unit: string): string {
  const singular = unit === 'weeks' ? 'week' : 'day';
  return `${count} ${count === 1 ? singular : `${singular}s`}`;
}

/** The status bar item's text (codicon `$(flame)` then the streak). */
export function statusBarText(stats: Stats): string {
  return `$(flame) ${formatStreak(stats.currentStreak, stats.streakUnit)}`;
}

export function statusBarTooltip(stats: Stats): string {
  return (
    `studylog: current streak ${formatStreak(stats.currentStreak, stats.streakUnit)}, ` +
    `longest ${formatStreak(stats.longestStreak, stats.streakUnit)}; ` +
    `${stats.entries} entries, ${formatMinutes(stats.totalMinutes)} in all. Click for stats.`
  );
}

// ---- dates (UTC-based civil dates: no time zone can shift a day) ----

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` as a day number (days since 1970-01-01), or `undefined` if it is not a real date. */
export function parseDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) {
    return undefined;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return undefined;
  }
  return Math.round(ms / DAY_MS);
}

export function formatDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday ... 6 = Sunday (ISO). */
function weekday(day: number): number {
  // 1970-01-01 was a Thursday (ISO index 3).
  return (((day + 3) % 7) + 7) % 7;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Heatmap width: 52 weeks back, like GitHub's contribution graph. */
export const HEATMAP_WEEKS = 52;

/**
 * A heatmap cell's level from a day's minutes. The thresholds are the common
 * practice-session lengths (under half an hour, an hour, two hours), so a
 * typical daily session lands in the middle levels. A practice day without a
 * logged `time` still shows as level 1: the day counts.
 */
export function heatLevel(minutes: number, practised: boolean): number {
  if (!practised) {
    return 0;
  }
  if (minutes < 30) {
    return 1;
  }
  if (minutes < 60) {
    return 2;
  }
  if (minutes < 120) {
    return 3;
  }
  return 4;
}

/** Cell size and gap of the heatmap's SVG, in CSS pixels (GitHub's proportions). */
const CELL = 11;
const GAP = 3;
const LEFT = 30;
const TOP = 16;

/**
 * The heatmap SVG: one column per ISO week (Monday on top) for the
 * [`HEATMAP_WEEKS`] weeks ending with the week of `today`; days after today
 * are left out.
 */
export function renderHeatmap(calendar: readonly CalendarDay[], today: number): string {
  const minutesByDay = new Map<number, number>();
  for (const d of calendar) {
    const day = parseDate(d.date);
    if (day !== undefined) {
      minutesByDay.set(day, (minutesByDay.get(day) ?? 0) + d.minutes);
    }
  }
  const firstMonday = today - weekday(today) - (HEATMAP_WEEKS - 1) * 7;
  const width = LEFT + HEATMAP_WEEKS * (CELL + GAP);
  const height = TOP + 7 * (CELL + GAP);
  const parts: string[] = [];
  parts.push(
    `<svg class="heatmap" role="img" aria-label="Practice days, last ${HEATMAP_WEEKS} weeks" ` +
      `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">`,
  );
  for (const [row, label] of [
    [0, 'Mon'],
    [2, 'Wed'],
    [4, 'Fri'],
  ] as const) {
    parts.push(`<text class="label" x="0" y="${TOP + row * (CELL + GAP) + CELL - 1}">${label}</text>`);
  }
  let lastMonth = -1;
  for (let week = 0; week < HEATMAP_WEEKS; week++) {
    const monday = firstMonday + week * 7;
    const x = LEFT + week * (CELL + GAP);
    const month = new Date(monday * DAY_MS).getUTCMonth();
    if (month !== lastMonth) {
      // Label a month at its first full column, but not in the very first
      // column when the next label would overlap it.
      if (week > 0 || new Date((monday + 7) * DAY_MS).getUTCMonth() === month) {
        parts.push(`<text class="label" x="${x}" y="${TOP - 5}">${MONTHS[month]}</text>`);
      }
      lastMonth = month;
    }
    for (let row = 0; row < 7; row++) {
      const day = monday + row;
      if (day > today) {
        break;
      }
      const minutes = minutesByDay.get(day);
      const level = heatLevel(minutes ?? 0, minutes !== undefined);
      const title =
        minutes === undefined
          ? `${formatDate(day)}: no practice`
          : `${formatDate(day)}: ${formatMinutes(minutes)}`;
      parts.push(
        `<rect class="l${level}" x="${x}" y="${TOP + row * (CELL + GAP)}" width="${CELL}" height="${CELL}" rx="2">` +
          `<title>${escapeHtml(title)}</title></rect>`,
      );
    }
  }
  parts.push('</svg>');
  return parts.join('');
}

export interface RenderOptions {
  /** A fresh random nonce for this render, allowed by the CSP for the one `<style>`. */
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
  /** Today as a day number ([`parseDate`]): the heatmap's last day. */
  today: number;
  /** The journal's name (workspace folder), shown in the title. */
  journal: string;
}

/** The stats webview's whole HTML document. Every server-provided string is escaped; no scripts run. */
export function renderStatsHtml(stats: Stats, opts: RenderOptions): string {
  const nonce = escapeHtml(opts.nonce);
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `img-src ${opts.cspSource} data:`,
    `font-src ${opts.cspSource}`,
  ].join('; ');
  const unit = stats.streakUnit;
  const summary: [string, string][] = [
    ['Entries', String(stats.entries)],
    ['Practice days', String(stats.days)],
    ['Total time', formatMinutes(stats.totalMinutes)],
    ['Current streak', formatStreak(stats.currentStreak, unit)],
    ['Longest streak', formatStreak(stats.longestStreak, unit)],
  ];
  const rows = stats.topics
    .map(
      (t) =>
        `<tr><td class="topic">${escapeHtml(t.topic)}</td><td class="num">${t.sessions}</td>` +
        `<td class="num">${escapeHtml(formatMinutes(t.minutes))}</td><td>${escapeHtml(t.first)}</td>` +
        `<td>${escapeHtml(t.last)}</td></tr>`,
    )
    .join('\n');
  const topicTable =
    stats.topics.length === 0
      ? '<p class="empty">No topics yet: tag entries with <code>#topic</code> or <code>topic::</code>.</p>'
      : `<table class="topics"><thead><tr><th>Topic</th><th class="num">Sessions</th><th class="num">Time</th>` +
        `<th>First</th><th>Last</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>studylog stats</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 2em; }
h1 { font-size: 1.4em; font-weight: 600; }
h2 { font-size: 1.1em; font-weight: 600; margin-top: 1.8em; }
.summary { display: flex; flex-wrap: wrap; gap: 1em; }
.card { border: 1px solid var(--vscode-panel-border, #8884); border-radius: 6px; padding: 0.6em 1em; min-width: 8em; }
.card .value { font-size: 1.5em; font-weight: 600; }
.card .name { opacity: 0.8; }
table.topics { border-collapse: collapse; }
table.topics th, table.topics td { padding: 0.25em 0.9em; border-bottom: 1px solid var(--vscode-panel-border, #8884); text-align: left; }
table.topics .num { text-align: right; font-variant-numeric: tabular-nums; }
/* The heatmap keeps its cell size and scrolls sideways in a narrow panel.
   A right-to-left scroll box starts at its right end, so the latest weeks
   are what shows first at any width (no script is needed, none may run). */
.heatmap-scroll { max-width: 100%; overflow-x: auto; overflow-y: hidden; direction: rtl; }
.heatmap-scroll > svg { direction: ltr; display: block; }
.heatmap .label { font-size: 9px; fill: var(--vscode-descriptionForeground, currentColor); }
.heatmap rect.l0 { fill: var(--vscode-editorWidget-border, #8883); }
.heatmap rect.l1 { fill: var(--vscode-charts-green, #2da44e); fill-opacity: 0.3; }
.heatmap rect.l2 { fill: var(--vscode-charts-green, #2da44e); fill-opacity: 0.55; }
.heatmap rect.l3 { fill: var(--vscode-charts-green, #2da44e); fill-opacity: 0.8; }
.heatmap rect.l4 { fill: var(--vscode-charts-green, #2da44e); fill-opacity: 1; }
.legend { font-size: 0.85em; opacity: 0.8; }
</style>
</head>
<body>
<h1>Practice stats: ${escapeHtml(opts.journal)}</h1>
<div class="summary">
${summary.map(([name, value]) => `<div class="card"><div class="value">${escapeHtml(value)}</div><div class="name">${escapeHtml(name)}</div></div>`).join('\n')}
</div>
<h2>Last ${HEATMAP_WEEKS} weeks</h2>
<div class="heatmap-scroll">${renderHeatmap(stats.calendar, opts.today)}</div>
<p class="legend">Darker is longer: under 30 minutes, under 1 hour, under 2 hours, 2 hours or more. Through ${escapeHtml(formatDate(opts.today))}.</p>
<h2>Topics</h2>
${topicTable}
</body>
</html>
`;
}
