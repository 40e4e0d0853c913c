//! Workspace facts the features share, derived from the parsed files on each
//! request: the practice timeline, per-topic usage, the topic candidates with
//! their descriptions, topic notes, and missed days per cadence.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, Weekday};

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32Str};

use crate::catalog::{Catalog, TopicOrigin};
use crate::config::{Cadence, Config};
use crate::syntax::{Entry, JournalFile};
use crate::topic::{canonicalize, match_key};
use crate::workspace::Workspace;

use super::streak::{Streak, streak_at};

/// The identity of a topic: its canonical form, matched on its last segment
/// (nested tags) and with aliases resolved.
pub(crate) fn topic_id(catalog: &Catalog, canonical: &str) -> String {
    catalog.resolve(match_key(canonical)).to_string()
}

/// Minutes and entries logged on one date, across the workspace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DayTotal {
    pub minutes: u32,
    pub entries: u32,
}

/// Every entry date of the journal with its totals (future dates included;
/// callers that count practice filter them).
#[derive(Clone, Debug, Default)]
pub(crate) struct Timeline {
    pub days: BTreeMap<Date, DayTotal>,
}

impl Timeline {
    pub fn build(ws: &Workspace) -> Timeline {
        let mut days: BTreeMap<Date, DayTotal> = BTreeMap::new();
        for (_, entry) in entries(ws) {
            let day = days.entry(entry.date).or_default();
            day.minutes = day.minutes.saturating_add(entry.minutes());
            day.entries += 1;
        }
        Timeline { days }
    }

    pub fn total(&self, date: Date) -> DayTotal {
        self.days.get(&date).copied().unwrap_or_default()
    }

    /// Practice days up to and including `today` (future entries never count).
    pub fn practice_days(&self, today: Date) -> BTreeSet<Date> {
        self.days.range(..=today).map(|(d, _)| *d).collect()
    }

    pub fn streak_at(&self, cadence: Cadence, at: Date, today: Date) -> Streak {
        streak_at(&self.practice_days(today), cadence, at)
    }
}

/// Every entry of the workspace with the file that holds it.
pub(crate) fn entries(ws: &Workspace) -> impl Iterator<Item = (&JournalFile, &Entry)> {
    ws.files()
        .flat_map(|f| f.entries.iter().map(move |e| (f.as_ref(), e)))
}

/// How one topic has been practised (entries dated after today excluded).
#[derive(Clone, Debug, Default)]
pub(crate) struct TopicUsage {
    pub sessions: u32,
    pub minutes: u32,
    pub first: Option<Date>,
    pub last: Option<Date>,
    /// Minutes per practice day on this topic (a day with an entry counts even at 0 minutes).
    pub days: BTreeMap<Date, u32>,
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

/// Usage of every topic that appears in an entry, keyed by topic id.
/// `skip` names a mention not to count (`path`, offset): the word being
/// typed at the cursor is not yet a use.
pub(crate) fn topic_usage(
    ws: &Workspace,
    catalog: &Catalog,
    today: Date,
    skip: Option<(&str, usize)>,
) -> BTreeMap<String, TopicUsage> {
    let mut usage: BTreeMap<String, TopicUsage> = BTreeMap::new();
    for (file, entry) in entries(ws) {
        if entry.date > today {
            continue;
        }
        let minutes = entry.minutes();
        let mut seen: Vec<String> = Vec::new();
        for topic in &entry.topics {
            if skip.is_some_and(|(p, at)| p == file.path && topic.span.touches(at)) {
                continue;
            }
            let id = topic_id(catalog, &topic.canonical);
            if id.is_empty() || seen.contains(&id) {
                continue;
            }
            let u = usage.entry(id.clone()).or_default();
            seen.push(id);
            u.sessions += 1;
            u.minutes = u.minutes.saturating_add(minutes);
            u.first = Some(u.first.map_or(entry.date, |f| f.min(entry.date)));
            u.last = Some(u.last.map_or(entry.date, |l| l.max(entry.date)));
            let day = u.days.entry(entry.date).or_default();
            *day = day.saturating_add(minutes);
            let age = entry
                .date
                .until(today)
                .map(|s| i64::from(s.get_days()))
                .unwrap_or(0);
            u.frecency += recency_weight(age);
        }
    }
    usage
}

/// A topic the journal knows: from the catalog, a topic note, the config or
/// use in entries.
#[derive(Clone, Debug, Default)]
pub(crate) struct KnownTopic {
    pub name: String,
    pub description: Option<String>,
    /// Canonical aliases that resolve to it.
    pub aliases: Vec<String>,
    /// Where it is defined: "built-in", "topic note", "studylog.toml", or
    /// `None` when known only by use.
    pub origin: Option<&'static str>,
    pub note: Option<String>,
}

/// Every known topic, by name: catalog topics, topic notes, and every topic
/// used in an entry.
pub(crate) fn known_topics(
    ws: &Workspace,
    catalog: &Catalog,
    usage: &BTreeMap<String, TopicUsage>,
) -> BTreeMap<String, KnownTopic> {
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
        let id = topic_id(catalog, &name);
        let t = topics.entry(id.clone()).or_insert_with(|| KnownTopic {
            name: id,
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
        let id = topic_id(catalog, &canonicalize(name));
        let t = topics.entry(id.clone()).or_insert_with(|| KnownTopic {
            name: id,
            ..KnownTopic::default()
        });
        if t.origin.is_none() {
            t.origin = Some("studylog.toml");
        }
        if t.description.is_none() && !description.is_empty() {
            t.description = Some(description.clone());
        }
    }
    for name in usage.keys() {
        topics.entry(name.clone()).or_insert_with(|| KnownTopic {
            name: name.clone(),
            ..KnownTopic::default()
        });
    }
    topics
}

/// The notes of the topics folder with the canonical topic each names (as
/// the catalog reads them).
pub(crate) fn topic_notes(ws: &Workspace) -> impl Iterator<Item = (&str, String)> {
    ws.files().filter_map(move |f| {
        let stem = crate::catalog::topic_note_stem(ws.config(), &f.path)?;
        Some((f.path.as_str(), canonicalize(stem)))
    })
}

/// The topic note of a topic, if the topics folder has one.
pub(crate) fn topic_note_of<'a>(
    ws: &'a Workspace,
    catalog: &Catalog,
    topic: &str,
) -> Option<&'a str> {
    topic_notes(ws)
        .find(|(_, name)| topic_id(catalog, name) == topic)
        .map(|(p, _)| p)
}

/// The description of a note: its first paragraph of prose, if it has one.
pub(crate) fn first_paragraph(text: &str) -> Option<String> {
    Some(crate::catalog::note_description(text)).filter(|d| !d.is_empty())
}

/// Whether the cadence expects practice on `date` specifically (`N/week`
/// and `off` name no particular day).
fn day_is_due(cadence: Cadence, date: Date) -> bool {
    match cadence {
        Cadence::Daily => true,
        Cadence::Weekdays => !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday),
        Cadence::PerWeek(_) | Cadence::Off => false,
    }
}

/// Missed days strictly between `after` and `before` that the cadence
/// expected, latest first, at most `limit` of them; never before `start`.
pub(crate) fn missed_between(
    config: &Config,
    practised: &BTreeSet<Date>,
    after: Date,
    before: Date,
    limit: usize,
) -> Vec<Date> {
    let mut out = Vec::new();
    let mut d = before;
    while out.len() < limit {
        let Ok(prev) = d.yesterday() else { break };
        d = prev;
        if d <= after || config.start.is_some_and(|s| d < s) {
            break;
        }
        if day_is_due(config.cadence, d) && !practised.contains(&d) {
            out.push(d);
        }
    }
    out
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
    use jiff::civil::date;

    #[test]
    fn missed_days_follow_cadence_start_and_limit() {
        let practised: BTreeSet<Date> = [date(2026, 11, 18), date(2026, 11, 26)]
            .into_iter()
            .collect();
        let (after, before) = (date(2026, 11, 18), date(2026, 11, 26));
        let mut config = Config::default();
        let all = missed_between(&config, &practised, after, before, 10);
        assert_eq!(all.first(), Some(&date(2026, 11, 25)));
        assert_eq!(all.len(), 7);
        assert_eq!(
            missed_between(&config, &practised, after, before, 2).len(),
            2
        );
        config.cadence = Cadence::Weekdays;
        assert_eq!(
            missed_between(&config, &practised, after, before, 10).len(),
            5
        );
        config.start = Some(date(2026, 11, 24));
        assert_eq!(
            missed_between(&config, &practised, after, before, 10),
            vec![date(2026, 11, 25), date(2026, 11, 24)]
        );
        config.cadence = Cadence::PerWeek(3);
        assert!(missed_between(&config, &practised, after, before, 10).is_empty());
    }
}
