//! Journal facts as the features show them, read from the Journal's
//! incrementally maintained indexes (never by a pass over every file): topic
//! usage as of a date, the known topics with their descriptions, topic notes,
//! and the latest missed days. Each request costs the size of its answer
//! (the number of topics, the days walked back), not of the journal.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32Str};

use crate::catalog::TopicOrigin;
use crate::checks::calendar::{Missed, day_num, from_day_num, names_days};
use crate::journal::{DayTotal, Journal, TopicPractice};
use crate::syntax::{Entry, JournalFile};
use crate::topic::topic_key;

/// Every entry of the workspace with the file that holds it.
pub(crate) fn entries(ws: &Journal) -> impl Iterator<Item = (&JournalFile, &Entry)> {
    ws.files()
        .flat_map(|f| f.entries.iter().map(move |e| (f.as_ref(), e)))
}

/// How one topic has been practised (entries dated after today excluded).
#[derive(Clone, Debug)]
pub(crate) struct TopicUsage<'a> {
    pub sessions: u32,
    pub minutes: u32,
    pub first: Option<Date>,
    pub last: Option<Date>,
    /// The topic's entries and minutes per date, future dates included
    /// (callers stop at today). A day with an entry counts even at 0 minutes.
    pub days: &'a BTreeMap<Date, DayTotal>,
    /// Use weighted by recency: ranks completions.
    pub frecency: u64,
}

/// Recency weights for ranking: a session in the last week counts 8, in the
/// last month 4, in the last quarter 2, older 1; so a topic practised a few
/// times lately outranks one practised often long ago.
fn recency_weight(age_days: i64) -> u64 {
    match age_days {
        ..=7 => 8,
        8..=30 => 4,
        31..=90 => 2,
        _ => 1,
    }
}

/// The oldest age [`recency_weight`] tells apart from "older".
const RECENT_DAYS: i64 = 90;

/// An entry not to count for a topic: the one whose mention is being typed.
#[derive(Clone, Copy, Debug)]
struct Uncounted {
    date: Date,
    minutes: u32,
}

/// A topic's usage as of `today` from its practice facts, leaving out the
/// `uncounted` entries; `None` when no session is left.
fn usage_of<'a>(
    practice: &'a TopicPractice,
    today: Date,
    uncounted: &[Uncounted],
) -> Option<TopicUsage<'a>> {
    let uncounted_on = |d: Date| -> u32 {
        let n = uncounted.iter().filter(|u| u.date == d).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    let counted = |(d, t): &(&Date, &DayTotal)| t.entries > uncounted_on(**d);
    let until = practice.until(today);
    let left_out = uncounted.iter().filter(|u| u.date <= today);
    let sessions = until
        .entries
        .saturating_sub(u32::try_from(left_out.clone().count()).unwrap_or(u32::MAX));
    if sessions == 0 {
        return None;
    }
    let minutes = left_out.fold(until.minutes, |m, u| m.saturating_sub(u.minutes));
    let mut practised = practice.days.range(..=today);
    let first = practised.clone().find(counted).map(|(d, _)| *d);
    let last = practised.rfind(counted).map(|(d, _)| *d);
    let recent_from = today.checked_sub(RECENT_DAYS.days()).unwrap_or(Date::MIN);
    let (mut frecency, mut recent_sessions) = (0u64, 0u64);
    for (d, t) in practice.days.range(recent_from..=today) {
        let n = u64::from(t.entries.saturating_sub(uncounted_on(*d)));
        frecency += n * recency_weight(day_num(today) - day_num(*d));
        recent_sessions += n;
    }
    frecency += u64::from(sessions).saturating_sub(recent_sessions);
    Some(TopicUsage {
        sessions,
        minutes,
        first,
        last,
        days: &practice.days,
        frecency,
    })
}

/// The usage of `topic` (a resolved name) as of `today`, if it was practised.
pub(crate) fn topic_usage_of<'a>(
    ws: &'a Journal,
    topic: &str,
    today: Date,
) -> Option<TopicUsage<'a>> {
    usage_of(ws.topic_practice(topic)?, today, &[])
}

/// Usage of every practised topic, keyed by resolved topic. `typing` names a
/// position (a file and an offset) whose topic mention is not counted: the
/// word being typed at the cursor is not yet a use.
pub(crate) fn topic_usage<'a>(
    ws: &'a Journal,
    today: Date,
    typing: Option<(&JournalFile, usize)>,
) -> BTreeMap<&'a str, TopicUsage<'a>> {
    let mut uncounted: BTreeMap<String, Vec<Uncounted>> = BTreeMap::new();
    if let Some((file, at)) = typing {
        for entry in &file.entries {
            let mut kept: Vec<String> = Vec::new();
            let mut typed: Vec<String> = Vec::new();
            for topic in &entry.topics {
                let id = ws.resolve_topic(&topic.key);
                if topic.span.touches(at) {
                    typed.push(id);
                } else {
                    kept.push(id);
                }
            }
            for id in typed {
                if !kept.contains(&id) {
                    let entry_uncounted = Uncounted {
                        date: entry.date,
                        minutes: entry.minutes(),
                    };
                    uncounted.entry(id).or_default().push(entry_uncounted);
                }
            }
        }
    }
    ws.topics_practised()
        .filter_map(|(topic, practice)| {
            let skip = uncounted.get(topic).map_or(&[][..], Vec::as_slice);
            Some((topic, usage_of(practice, today, skip)?))
        })
        .collect()
}

/// A topic the journal knows: from the catalog, a topic note, the config or
/// use in entries.
#[derive(Clone, Debug, Default)]
pub(crate) struct KnownTopic {
    /// The resolved topic: its identity in the workspace's facts.
    pub id: String,
    /// How it is shown (see [`Journal::shown_topic`]).
    pub name: String,
    pub description: Option<String>,
    /// Canonical aliases that resolve to it.
    pub aliases: Vec<String>,
    /// Where it is defined: "built-in", "topic note", "studylog.toml", or
    /// `None` when known only by use.
    pub origin: Option<&'static str>,
    pub note: Option<String>,
}

/// Every known topic, by resolved name: catalog topics, topic notes, config
/// topics, and the `used` topics (resolved names).
pub(crate) fn known_topics<'u>(
    ws: &Journal,
    used: impl IntoIterator<Item = &'u str>,
) -> BTreeMap<String, KnownTopic> {
    let catalog = ws.catalog();
    let mut topics: BTreeMap<String, KnownTopic> = BTreeMap::new();
    for info in catalog.topics() {
        let (origin, note) = match &info.origin {
            TopicOrigin::Builtin => ("built-in", None),
            TopicOrigin::Note { path } => ("topic note", Some(path.clone())),
            TopicOrigin::Config => ("studylog.toml", None),
        };
        topics.insert(
            info.name.clone(),
            KnownTopic {
                id: info.name.clone(),
                name: info.name.clone(),
                description: Some(info.description.clone()).filter(|d| !d.is_empty()),
                aliases: info.aliases.clone(),
                origin: Some(origin),
                note,
            },
        );
    }
    for (alias, target) in catalog.aliases() {
        if let Some(t) = topics.get_mut(target) {
            if !t.aliases.iter().any(|a| a == alias) {
                t.aliases.push(alias.to_string());
            }
        }
    }
    for (path, name) in topic_notes(ws) {
        let id = ws.resolve_topic(&name);
        let t = topics.entry(id.clone()).or_insert_with(|| KnownTopic {
            name: ws.shown_topic(&id),
            id,
            ..KnownTopic::default()
        });
        if t.note.is_none() {
            t.note = Some(path.to_string());
        }
        if t.origin.is_none() {
            t.origin = Some("topic note");
        }
        if t.description.is_none() {
            t.description = ws.file(path).and_then(|f| first_paragraph(&f.text));
        }
    }
    for (name, description) in &ws.config().custom_topics {
        let id = ws.resolve_topic(name);
        let t = topics.entry(id.clone()).or_insert_with(|| KnownTopic {
            name: ws.shown_topic(&id),
            id,
            ..KnownTopic::default()
        });
        if t.origin.is_none() {
            t.origin = Some("studylog.toml");
        }
        if t.description.is_none() && !description.is_empty() {
            t.description = Some(description.clone());
        }
    }
    for name in used {
        topics
            .entry(name.to_string())
            .or_insert_with(|| KnownTopic {
                id: name.to_string(),
                name: ws.shown_topic(name),
                ..KnownTopic::default()
            });
    }
    topics
}

/// The notes of the topics folder with the key of the topic each names (as
/// the catalog reads them).
pub(crate) fn topic_notes(ws: &Journal) -> impl Iterator<Item = (&str, String)> {
    ws.topic_notes().filter_map(move |path| {
        let name = crate::catalog::topic_note_name(ws.config(), path)?;
        Some((path, topic_key(&name)))
    })
}

/// The topic note of a topic (a resolved name), if the topics folder has one.
pub(crate) fn topic_note_of<'a>(ws: &'a Journal, topic: &str) -> Option<&'a str> {
    topic_notes(ws)
        .find(|(_, name)| ws.resolve_topic(name) == topic)
        .map(|(p, _)| p)
}

/// The description of a note: its first paragraph of prose, if it has one.
pub(crate) fn first_paragraph(text: &str) -> Option<String> {
    Some(crate::catalog::note_description(text)).filter(|d| !d.is_empty())
}

/// The latest days before `before` that the cadence expected and the
/// journal missed, latest first, at most `limit`: walks back through the
/// gaps between practice days, never before the first one or `start`.
pub(crate) fn latest_missed(ws: &Journal, before: Date, limit: usize) -> Vec<Date> {
    let (cadence, start) = (ws.config().cadence, ws.config().start);
    let mut out = Vec::new();
    if !names_days(cadence) {
        return out;
    }
    let mut next = day_num(before);
    for date in ws.timeline().range(..before).map(|(d, _)| *d).rev() {
        let practised = day_num(date);
        let gap = Missed::between(cadence, start, practised, next);
        let room = limit.saturating_sub(out.len());
        out.extend(gap.days().rev().take(room).filter_map(from_day_num));
        if out.len() >= limit || start.is_some_and(|s| date < s) {
            break;
        }
        next = practised;
    }
    out
}

/// The days between the practice day before `date` and `date` that the
/// cadence expected, earliest first, at most the latest `limit` of them.
pub(crate) fn missed_before(ws: &Journal, date: Date, limit: usize) -> Vec<Date> {
    let Some((previous, _)) = ws.timeline().range(..date).next_back() else {
        return Vec::new();
    };
    let gap = Missed::between(
        ws.config().cadence,
        ws.config().start,
        day_num(*previous),
        day_num(date),
    );
    let mut missed: Vec<Date> = gap
        .days()
        .rev()
        .take(limit)
        .filter_map(from_day_num)
        .collect();
    missed.reverse();
    missed
}

/// The weekday's short English name.
pub(crate) fn weekday_short(d: Date) -> &'static str {
    match d.weekday() {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    }
}

/// The weekday's full English name.
pub(crate) fn weekday_long(d: Date) -> &'static str {
    match d.weekday() {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// Fuzzy matching with nucleo; an empty pattern matches everything with score 0.
pub(crate) struct Fuzzy {
    matcher: Matcher,
    pattern: Option<Pattern>,
    buf: Vec<char>,
}

impl Fuzzy {
    pub fn new(pattern: &str) -> Fuzzy {
        let pattern = pattern.trim();
        Fuzzy {
            matcher: Matcher::new(nucleo_matcher::Config::DEFAULT),
            pattern: (!pattern.is_empty()).then(|| {
                Pattern::new(
                    pattern,
                    CaseMatching::Ignore,
                    Normalization::Smart,
                    AtomKind::Fuzzy,
                )
            }),
            buf: Vec::new(),
        }
    }

    pub fn score(&mut self, haystack: &str) -> Option<u32> {
        match &self.pattern {
            None => Some(0),
            Some(p) => p.score(Utf32Str::new(haystack, &mut self.buf), &mut self.matcher),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Cadence, Config};
    use crate::test_fixture::files;
    use jiff::civil::date;
    use std::sync::Arc;

    #[test]
    fn missed_days_follow_cadence_start_and_limit() {
        let mut config = Config::default();
        let journal = |config: &Config| {
            let mut ws = Journal::new(config.clone(), Vec::new());
            for (path, text) in files("//- a.md\n## 2026-11-18\n## 2026-11-26\n") {
                ws.set_file(&path, Arc::from(text));
            }
            ws
        };
        let today = date(2026, 11, 26);
        let all = latest_missed(&journal(&config), today, 10);
        assert_eq!(all.first(), Some(&date(2026, 11, 25)));
        assert_eq!(all.len(), 7);
        assert_eq!(latest_missed(&journal(&config), today, 2).len(), 2);
        assert_eq!(
            missed_before(&journal(&config), today, 2),
            [date(2026, 11, 24), date(2026, 11, 25)]
        );
        config.cadence = Cadence::Weekdays;
        assert_eq!(latest_missed(&journal(&config), today, 10).len(), 5);
        config.start = Some(date(2026, 11, 24));
        assert_eq!(
            latest_missed(&journal(&config), today, 10),
            vec![date(2026, 11, 25), date(2026, 11, 24)]
        );
        config.cadence = Cadence::PerWeek(3);
        assert!(latest_missed(&journal(&config), today, 10).is_empty());
        assert!(missed_before(&journal(&config), today, 10).is_empty());
    }
}
