//! Hover: what a topic stands for and how it has been practised (with a
//! sparkline of the last 12 weeks), what an entry's date amounts to (weekday,
//! the day's total, the journal's streak then), and what a duration comes to.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::checks::calendar::{day_num, from_day_num, monday_of, week_of};
use crate::duration::{DurationError, format_minutes, parse_minutes};
use crate::journal::Journal;
use crate::parse::dates::{Period, file_name_period, heading_period};
use crate::stats::{streak_at, topic_streak_at};
use crate::syntax::{Field, JournalFile, distinct};
use crate::text::Span;

use super::clamp_offset;
use super::journal::{TopicUsage, known_topics, topic_usage_of, weekday_long};
use super::lookup::{Mention, Target, target_at};

/// Markdown to show for the span under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub span: Span,
    pub markdown: String,
}

/// Weeks the sparkline covers: a quarter, enough to see a habit form or lapse.
const SPARK_WEEKS: usize = 12;

/// The hover at `offset` of the file at `path`, as of `today`.
pub fn hover(ws: &Journal, path: &str, offset: usize, today: Date) -> Option<Hover> {
    let file = ws.file(path)?;
    let offset = clamp_offset(&file.text, offset);
    let found = match target_at(file, offset) {
        Some(Target::Topic(m)) => Some(topic_hover(ws, &m, today)),
        Some(Target::Duration(field)) => Some(duration_hover(field, &file.text)),
        Some(Target::EntryDate(entry)) => {
            let mut hover = date_hover(ws, entry.date, entry.date_span, today);
            hover
                .markdown
                .push_str(&date_order_note(ws, entry.date_span.slice(&file.text)));
            Some(hover)
        }
        Some(Target::Link(_)) => None,
        None => period_hover(file, offset),
    };
    with_notice(ws, path, offset, found)
}

/// On the heading that opens a month or year file (`2024-03.md`, or a file
/// whose first heading is `# March 2024`): the period it covers, its day
/// entries and their total time. Only that first heading, and only when it
/// is not itself an entry.
fn period_hover(file: &JournalFile, offset: usize) -> Option<Hover> {
    if file.name_date.is_some() {
        return None;
    }
    let first = file.headings.first()?;
    if !first.line.touches(offset) || file.entries.iter().any(|e| e.anchor == first.line) {
        return None;
    }
    let period = file_name_period(&file.path).or_else(|| heading_period(first.text(&file.text)))?;
    let (title, kind) = match period {
        Period::Month { year, month } => (
            Date::new(year, month, 1)
                .ok()?
                .strftime("%B %Y")
                .to_string(),
            "month",
        ),
        Period::Year(year) => (year.to_string(), "year"),
    };
    let entries = file.entries.len();
    let days = distinct(file.entries.iter().map(|e| e.date)).len();
    let minutes: u32 = file.entries.iter().map(|e| e.minutes()).sum();
    let mut md = format!("**{title}** · {kind} file");
    md.push_str(&match entries {
        0 => format!(
            "\n\nNo day entries yet: each day is a heading such as {}.",
            if kind == "year" {
                "`## 03-05`"
            } else {
                "`## 05` or `## 5th`"
            }
        ),
        1 => format!("\n\n1 day entry, {} in all", format_minutes(minutes)),
        n => format!(
            "\n\n{n} day entries on {days} day{}, {} in all",
            if days == 1 { "" } else { "s" },
            format_minutes(minutes)
        ),
    });
    if let (Some(first), Some(last)) = (
        file.entries.iter().map(|e| e.date).min(),
        file.entries.iter().map(|e| e.date).max(),
    ) {
        if first != last {
            md.push_str(&format!("  \nFrom {first} to {last}"));
        }
    }
    Some(Hover {
        span: first.line,
        markdown: md,
    })
}

/// On the journal's first heading, the "never a silent zero" notice joins
/// (or is) the hover. Checked only there, so other hovers cost nothing.
fn with_notice(ws: &Journal, path: &str, offset: usize, found: Option<Hover>) -> Option<Hover> {
    let first = ws
        .files()
        .find_map(|f| f.headings.first().map(|h| (f.path.as_str(), h.line)));
    let on_first_heading = first.is_some_and(|(p, line)| p == path && line.touches(offset));
    if !on_first_heading {
        return found;
    }
    let Some(notice) = crate::notice::silent_zero(ws) else {
        return found;
    };
    let text = format!("**studylog:** {}", notice.message);
    Some(match found {
        Some(mut hover) => {
            hover.markdown.push_str("\n\n---\n\n");
            hover.markdown.push_str(&text);
            hover
        }
        None => Hover {
            span: notice
                .first_heading
                .map_or(Span::empty(offset), |(_, line)| line),
            markdown: text,
        },
    })
}

fn topic_hover(ws: &Journal, mention: &Mention, today: Date) -> Hover {
    let id = ws.resolve_topic(&mention.key);
    let shown = ws
        .shown_form(&id)
        .unwrap_or_else(|| crate::topic::trim_segments(&mention.written).into_owned());
    let usage = topic_usage_of(ws, &id, today);
    let topics = known_topics(ws, usage.as_ref().map(|_| id.as_str()));
    let known = topics.get(&id);
    let mut md = format!("**{shown}**");
    if let Some(origin) = known.and_then(|k| k.origin) {
        md.push_str(&format!(" · {origin}"));
    }
    if mention.written != shown {
        md.push_str(&format!(" (written `{}`)", mention.written));
    }
    if let Some(parent) = crate::topic::parent(&id) {
        md.push_str(&format!(" · in `{}`", ws.shown_topic(parent)));
    }
    let sessions = usage.as_ref().map_or(0, |u| u.sessions);
    let min_uses = ws.config().min_uses;
    let dir = ws.config().topics_dir.trim_matches('/');
    // A nested topic outside the catalog takes its last segment's description.
    let description = known.and_then(|k| k.description.clone()).or_else(|| {
        let info = ws.catalog().describe(&mention.key)?;
        Some(format!("`{}`: {}", info.name, info.description))
            .filter(|_| !info.description.is_empty())
    });
    match description {
        Some(d) => md.push_str(&format!("\n\n{d}")),
        None if known.and_then(|k| k.origin).is_some() => {}
        None if sessions >= min_uses => md.push_str(&format!(
            "\n\nKnown by use, not in the catalog: a note `{dir}/{}.md` would describe it.",
            crate::topic::last_segment(&shown)
        )),
        None => md.push_str(&format!(
            "\n\nNot a known topic: not in the catalog, and used in fewer than {min_uses} entr{}.",
            if min_uses == 1 { "y" } else { "ies" }
        )),
    }
    md.push_str("\n\n");
    match &usage {
        Some(u) if u.sessions > 0 => md.push_str(&practice_table(ws, &id, u, today)),
        _ => md.push_str("Not practised yet."),
    }
    Hover {
        span: mention.span,
        markdown: md,
    }
}

fn practice_table(ws: &Journal, topic: &str, u: &TopicUsage<'_>, today: Date) -> String {
    let streak = topic_streak_at(ws, topic, today);
    let sessions = if u.sessions == 1 {
        "1 session".to_string()
    } else {
        format!("{} sessions", u.sessions)
    };
    let mut s = format!("{sessions}, {} in all", format_minutes(u.minutes));
    if let (Some(first), Some(last)) = (u.first, u.last) {
        s.push_str(&format!("  \nFirst {first}, last {last}"));
    }
    s.push_str(&format!("  \nCurrent streak: {streak}"));
    s.push_str(&format!(
        "\n\n`{}` minutes per week, last {SPARK_WEEKS} weeks",
        sparkline(&weekly_minutes(u, today))
    ));
    s
}

/// Minutes on the topic in each of the last [`SPARK_WEEKS`] ISO weeks, oldest
/// first, the current week last.
fn weekly_minutes(u: &TopicUsage<'_>, today: Date) -> Vec<u32> {
    let this_week = week_of(day_num(today));
    (0..SPARK_WEEKS)
        .rev()
        .map(|back| {
            let weeks = i64::try_from(back).unwrap_or(0);
            let Some(monday) = from_day_num(monday_of(this_week - weeks)) else {
                return 0;
            };
            // Entries after today are not practice yet.
            let sunday = monday.checked_add(6.days()).unwrap_or(monday).min(today);
            if sunday < monday {
                return 0;
            }
            u.days.range(monday..=sunday).map(|(_, d)| d.minutes).sum()
        })
        .collect()
}

/// A sparkline: `▁` for nothing, then seven levels up to the busiest value.
pub(crate) fn sparkline(values: &[u32]) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            if v == 0 || max == 0 {
                LEVELS[0]
            } else {
                // 1..=7, so that any practice shows above an empty week.
                let level = 1 + u64::from(v) * 6 / u64::from(max);
                LEVELS[usize::try_from(level).unwrap_or(7).min(7)]
            }
        })
        .collect()
}

fn duration_hover(field: &Field, text: &str) -> Hover {
    let markdown = match parse_minutes(field.value(text)) {
        Ok(m) => {
            let minutes = if m == 1 {
                "1 minute".to_string()
            } else {
                format!("{m} minutes")
            };
            format!("`{}` = {minutes}", format_minutes(m))
        }
        Err(DurationError::Zero) => {
            "A zero duration adds nothing; write the time spent, e.g. `30m`.".to_string()
        }
        Err(DurationError::TooLong(m)) => format!(
            "{} is more than a day: no entry can take over 24h.",
            format_minutes(m)
        ),
        Err(DurationError::Unparsable) => {
            "Not a duration. Write e.g. `45m`, `1h30m`, `1.5h`, `2 hours` or `1:30`.".to_string()
        }
    };
    Hover {
        span: field.value_span,
        markdown,
    }
}

/// For a numeric day/month date (`01/12/2018`): which order it was read in
/// and why; empty for any other date.
fn date_order_note(ws: &Journal, written: &str) -> String {
    if !crate::parse::is_numeric_date(written) {
        return String::new();
    }
    let (order, inferred) = ws.date_order();
    let read = match order {
        crate::parse::DateOrder::DayFirst => "day first (DD/MM/YYYY)",
        crate::parse::DateOrder::MonthFirst => "month first (MM/DD/YYYY)",
    };
    let why = if inferred {
        "inferred from this journal's dates; `[journal] date-order` in studylog.toml sets it"
    } else {
        "set by `[journal] date-order`"
    };
    format!("\n\n`{written}` is read {read}: {why}")
}

fn date_hover(ws: &Journal, date: Date, span: Span, today: Date) -> Hover {
    let entries_that_day = ws.entries_on(date).len();
    let mut md = format!("**{}, {date}**", weekday_long(date));
    if date > today {
        md.push_str("\n\nIn the future: not counted until the day comes.");
        return Hover { span, markdown: md };
    }
    let entries = if entries_that_day == 1 {
        "1 entry".to_string()
    } else {
        format!("{entries_that_day} entries")
    };
    md.push_str(&format!(
        "\n\n{} practised that day ({entries})",
        format_minutes(ws.minutes_on(date))
    ));
    let streak = streak_at(ws, date);
    md.push_str(&format!("  \nJournal streak on that day: {streak}"));
    // (`BTreeMap::range` panics on an inverted range: check the bounds first.)
    let later = match date.tomorrow() {
        Ok(next) if next <= today => ws.timeline().range(next..=today).next(),
        _ => None,
    };
    match later {
        Some((next, _)) => md.push_str(&format!("  \nNext entry: {next}")),
        None => {
            // The latest entry: say how long ago it was, so a lapse shows.
            let lapse = date.until(today).map(|s| s.get_days()).unwrap_or(0);
            if lapse > 1 {
                md.push_str(&format!("  \nThe latest entry: {lapse} days ago"));
            }
        }
    }
    md.push_str(&required_fields(ws));
    let vault = &ws.config().vault;
    if vault.tool != crate::vault::VaultTool::Plain {
        md.push_str(&format!("\n\nVault: {}", vault.describe()));
    }
    Hover { span, markdown: md }
}

/// Which fields entries must have in this journal, and why (the config, the
/// defaults, or the journal's habit).
fn required_fields(ws: &Journal) -> String {
    let rules = ws.field_rules();
    if rules.is_empty() {
        return "\n\nNo field is required.".to_string();
    }
    let mut md = String::from("\n\nFields:");
    for rule in rules {
        md.push_str("  \n");
        md.push_str(&rule.explain());
    }
    md
}
