//! What was practised: entries, days, minutes, streaks and per-topic totals,
//! as `studylog stats` and the editor's stats command report them. Future
//! entries (after today) are not counted; aliases resolve to their topic; an
//! entry with two topics counts fully for both, and once in the totals.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::checks::calendar::{day_num, from_day_num, is_weekday, monday_of, week_of};
use crate::config::Cadence;
use crate::journal::Journal;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TopicStats {
    pub topic: String,
    pub sessions: u32,
    pub minutes: u32,
    pub first: String,
    pub last: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub entries: u32,
    pub days: u32,
    pub total_minutes: u32,
    pub current_streak: u32,
    pub longest_streak: u32,
    /// `"days"`, or `"weeks"` for an `N/week` cadence.
    pub streak_unit: &'static str,
    pub topics: Vec<TopicStats>,
    /// For a journal with numeric day/month dates (`01/12/2018`): the order
    /// they are read in (`"dmy"` or `"mdy"`) and whether it was inferred.
    pub date_order: Option<(&'static str, bool)>,
    /// Which fields entries must have, and the default fields the journal's
    /// habit left out (`required: false`).
    pub fields: Vec<FieldStats>,
}

/// One field rule of the journal (see [`crate::required`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldStats {
    pub field: &'static str,
    pub required: bool,
    /// `config`, `default`, `habit` or `rare`.
    pub reason: &'static str,
    /// Entries that have the field (future ones included).
    pub entries_with: usize,
    /// The rule in words, for people.
    pub why: String,
}

/// Computes the journal's stats as of `today` (future entries are not counted).
pub fn compute_stats(ws: &Journal, today: Date) -> Stats {
    let mut entries = 0u32;
    let mut days = 0u32;
    for refs in ws.timeline().range(..=today).map(|(_, refs)| refs) {
        days += 1;
        entries += u32::try_from(refs.len()).unwrap_or(u32::MAX);
    }
    let total_minutes = ws
        .day_minutes()
        .range(..=today)
        .fold(0u32, |sum, (_, m)| sum.saturating_add(*m));

    let mut topics: Vec<TopicStats> = Vec::new();
    for (topic, practice) in ws.topics_practised() {
        let mut practised = practice.days.range(..=today).map(|(d, _)| *d);
        let Some(first) = practised.next() else {
            continue;
        };
        let last = practised.next_back().unwrap_or(first);
        let until = practice.until(today);
        topics.push(TopicStats {
            topic: ws.shown_topic(topic),
            sessions: until.entries,
            minutes: until.minutes,
            first: first.to_string(),
            last: last.to_string(),
        });
    }
    topics.sort_by(|a, b| {
        b.minutes
            .cmp(&a.minutes)
            .then_with(|| a.topic.cmp(&b.topic))
    });

    let cadence = ws.config().cadence;
    let streaks = streaks(ws.timeline(), cadence, today);
    Stats {
        entries,
        days,
        total_minutes,
        current_streak: streaks.current,
        longest_streak: streaks.longest,
        streak_unit: match cadence {
            Cadence::PerWeek(_) => "weeks",
            _ => "days",
        },
        topics,
        date_order: (ws.numeric_date_files() > 0).then(|| {
            let (order, inferred) = ws.date_order();
            (order.name(), inferred)
        }),
        fields: ws
            .field_rules()
            .into_iter()
            .map(|rule| FieldStats {
                field: rule.kind.name(),
                required: rule.required,
                reason: rule.why.as_str(),
                entries_with: rule.with,
                why: rule.explain(),
            })
            .collect(),
    }
}

/// A streak length and the unit it counts: days, or weeks for `N/week`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Streak {
    pub count: u32,
    pub weeks: bool,
}

impl std::fmt::Display for Streak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = match (self.weeks, self.count == 1) {
            (true, true) => "week",
            (true, false) => "weeks",
            (false, true) => "day",
            (false, false) => "days",
        };
        write!(f, "{} {unit}", self.count)
    }
}

/// The journal's streak at `at` (see [`streak_over`]).
pub fn streak_at(ws: &Journal, at: Date) -> Streak {
    streak_over(ws.timeline(), ws.config().cadence, at)
}

/// A topic's streak at `at`, counted over the entries using it (a resolved name).
pub fn topic_streak_at(ws: &Journal, topic: &str, at: Date) -> Streak {
    let cadence = ws.config().cadence;
    match ws.topic_practice(topic) {
        Some(practice) => streak_over(&practice.days, cadence, at),
        None => streak_over(&BTreeMap::<Date, ()>::new(), cadence, at),
    }
}

/// The streak that runs up to `at` over practice `days` (the keys; days
/// after `at` are ignored): consecutive calendar days (`daily`, `off`),
/// consecutive weekdays (`weekdays`: weekends neither break nor extend), or
/// consecutive ISO weeks with at least N practice days (`N/week`). When
/// `at`'s own unit is not (yet) met, counting starts at the unit before: a
/// day (week) that is not over does not break a streak. Costs the streak's
/// length, not the journal's.
pub(crate) fn streak_over<V>(days: &BTreeMap<Date, V>, cadence: Cadence, at: Date) -> Streak {
    let units = Units::of(cadence);
    let last = day_num(at);
    let now = units.unit_of(last);
    let mut unit = if units.met(days, now, last) {
        now
    } else {
        units.previous(now)
    };
    let mut count = 0u32;
    while units.met(days, unit, last) {
        count += 1;
        unit = units.previous(unit);
    }
    Streak {
        count,
        weeks: matches!(units, Units::Weeks(_)),
    }
}

/// Current and longest streak, in the cadence's unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Streaks {
    pub current: u32,
    pub longest: u32,
}

/// The current streak at `today` and the longest one up to it, over practice `days`.
pub(crate) fn streaks<V>(days: &BTreeMap<Date, V>, cadence: Cadence, today: Date) -> Streaks {
    let units = Units::of(cadence);
    let last = day_num(today);
    let mut longest = 0u32;
    let mut run = 0u32;
    // The latest unit that met the cadence.
    let mut previous_met: Option<i64> = None;
    for date in days.range(..=today).map(|(d, _)| *d) {
        let unit = units.unit_of(day_num(date));
        if previous_met == Some(unit) || !units.met(days, unit, last) {
            continue;
        }
        run = if previous_met == Some(units.previous(unit)) {
            run + 1
        } else {
            1
        };
        longest = longest.max(run);
        previous_met = Some(unit);
    }
    Streaks {
        current: streak_over(days, cadence, today).count,
        longest,
    }
}

/// How a cadence cuts time into the units a streak counts: days (day
/// numbers), weekdays (day numbers of Monday to Friday) or ISO weeks (week
/// numbers) with the practice days a week needs.
#[derive(Clone, Copy, Debug)]
enum Units {
    Days,
    Weekdays,
    Weeks(usize),
}

impl Units {
    fn of(cadence: Cadence) -> Units {
        match cadence {
            Cadence::Daily | Cadence::Off => Units::Days,
            Cadence::Weekdays => Units::Weekdays,
            Cadence::PerWeek(n) => Units::Weeks(usize::from(n.clamp(1, 7))),
        }
    }

    /// The unit of a day (under `weekdays`, a weekend day stands for itself
    /// and never meets the cadence).
    fn unit_of(self, day: i64) -> i64 {
        match self {
            Units::Weeks(_) => week_of(day),
            Units::Days | Units::Weekdays => day,
        }
    }

    fn previous(self, unit: i64) -> i64 {
        match self {
            Units::Days | Units::Weeks(_) => unit - 1,
            Units::Weekdays => {
                let mut p = unit - 1;
                while !is_weekday(p) {
                    p -= 1;
                }
                p
            }
        }
    }

    /// Whether `unit` met the cadence, counting practice days up to `last` only.
    fn met<V>(self, days: &BTreeMap<Date, V>, unit: i64, last: i64) -> bool {
        let practised =
            |n: i64| n <= last && from_day_num(n).is_some_and(|d| days.contains_key(&d));
        match self {
            Units::Days => practised(unit),
            Units::Weekdays => is_weekday(unit) && practised(unit),
            Units::Weeks(needed) => {
                let monday = monday_of(unit);
                let (Some(from), Some(to)) =
                    (from_day_num(monday), from_day_num((monday + 6).min(last)))
                else {
                    return false;
                };
                from <= to && days.range(from..=to).take(needed).count() >= needed
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("a date")
    }

    fn run(cadence: Cadence, days: &[&str], today: &str) -> (u32, u32) {
        let days: BTreeMap<Date, ()> = days.iter().map(|s| (d(s), ())).collect();
        let s = streaks(&days, cadence, d(today));
        (s.current, s.longest)
    }

    #[test]
    fn daily_streaks() {
        let days = [
            "2026-11-01",
            "2026-11-02",
            "2026-11-03",
            "2026-11-05",
            "2026-11-06",
        ];
        // Today practised: counts from today.
        assert_eq!(run(Cadence::Daily, &days, "2026-11-06"), (2, 3));
        // Today not yet: counts from yesterday.
        assert_eq!(run(Cadence::Daily, &days, "2026-11-07"), (2, 3));
        // Yesterday missed too: broken.
        assert_eq!(run(Cadence::Daily, &days, "2026-11-08"), (0, 3));
        assert_eq!(run(Cadence::Off, &days, "2026-11-06"), (2, 3));
        assert_eq!(run(Cadence::Daily, &[], "2026-11-06"), (0, 0));
    }

    #[test]
    fn weekday_streaks_skip_weekends() {
        // Thu 2026-11-19 .. Tue 2026-11-24, weekend unpractised.
        let days = ["2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24"];
        assert_eq!(run(Cadence::Weekdays, &days, "2026-11-24"), (4, 4));
        assert_eq!(run(Cadence::Weekdays, &days, "2026-11-25"), (4, 4));
        assert_eq!(run(Cadence::Weekdays, &days, "2026-11-26"), (0, 4));
        // Over a weekend the Friday streak holds.
        let fri = ["2026-11-19", "2026-11-20"];
        assert_eq!(run(Cadence::Weekdays, &fri, "2026-11-21"), (2, 2));
        assert_eq!(run(Cadence::Weekdays, &fri, "2026-11-22"), (2, 2));
        assert_eq!(run(Cadence::Weekdays, &fri, "2026-11-23"), (2, 2));
        assert_eq!(run(Cadence::Weekdays, &fri, "2026-11-24"), (0, 2));
        // Weekend practice neither extends nor breaks.
        let with_sat = ["2026-11-20", "2026-11-21", "2026-11-23"];
        assert_eq!(run(Cadence::Weekdays, &with_sat, "2026-11-23"), (2, 2));
    }

    #[test]
    fn weekly_streaks_count_weeks_that_met_n() {
        let days = [
            // week of Mon 11-02: 3 days (met)
            "2026-11-02",
            "2026-11-04",
            "2026-11-06",
            // week of 11-09: 2 days (short)
            "2026-11-09",
            "2026-11-10",
            // week of 11-16: 3 (met)
            "2026-11-16",
            "2026-11-17",
            "2026-11-18",
            // week of 11-23: 3 (met)
            "2026-11-23",
            "2026-11-24",
            "2026-11-25",
        ];
        assert_eq!(run(Cadence::PerWeek(3), &days, "2026-11-26"), (2, 2));
        // The next week has not met 3 yet: the streak runs to last week.
        assert_eq!(run(Cadence::PerWeek(3), &days, "2026-12-01"), (2, 2));
        assert_eq!(run(Cadence::PerWeek(3), &days, "2026-12-08"), (0, 2));
        assert_eq!(run(Cadence::PerWeek(2), &days, "2026-11-26"), (4, 4));
    }
}

#[cfg(test)]
mod streak_at_tests {
    use super::*;
    use jiff::civil::date;

    fn set(ds: &[Date]) -> BTreeMap<Date, ()> {
        ds.iter().map(|d| (*d, ())).collect()
    }

    fn count(days: &BTreeMap<Date, ()>, cadence: Cadence, at: Date) -> u32 {
        streak_over(days, cadence, at).count
    }

    #[test]
    fn daily_counts_back_with_grace_for_the_day_itself() {
        let days = set(&[date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)]);
        assert_eq!(count(&days, Cadence::Daily, date(2026, 11, 25)), 3);
        assert_eq!(count(&days, Cadence::Daily, date(2026, 11, 26)), 3);
        assert_eq!(count(&days, Cadence::Daily, date(2026, 11, 27)), 0);
        assert_eq!(count(&days, Cadence::Daily, date(2026, 11, 24)), 2);
    }

    #[test]
    fn weekdays_skip_weekends() {
        // Thu 19, Fri 20, (weekend), Mon 23.
        let days = set(&[date(2026, 11, 19), date(2026, 11, 20), date(2026, 11, 23)]);
        assert_eq!(count(&days, Cadence::Weekdays, date(2026, 11, 23)), 3);
        assert_eq!(count(&days, Cadence::Weekdays, date(2026, 11, 24)), 3);
        assert_eq!(count(&days, Cadence::Weekdays, date(2026, 11, 22)), 2);
        assert_eq!(count(&days, Cadence::Weekdays, date(2026, 11, 25)), 0);
    }

    #[test]
    fn weekly_counts_weeks_that_met_the_cadence() {
        // Week of Mon 9th: 2 days; week of 16th: 2 days; week of 23rd: 1 so far.
        let days = set(&[
            date(2026, 11, 9),
            date(2026, 11, 10),
            date(2026, 11, 16),
            date(2026, 11, 18),
            date(2026, 11, 23),
        ]);
        assert_eq!(count(&days, Cadence::PerWeek(2), date(2026, 11, 24)), 2);
        assert_eq!(count(&days, Cadence::PerWeek(1), date(2026, 11, 24)), 3);
        assert_eq!(count(&days, Cadence::PerWeek(3), date(2026, 11, 24)), 0);
        assert_eq!(
            streak_over(&days, Cadence::PerWeek(2), date(2026, 11, 24)).to_string(),
            "2 weeks"
        );
    }
}

#[cfg(test)]
mod fixture_tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::config::Config;
    use crate::test_fixture::{TODAY, workspace};

    fn check(cadence: Cadence, fixture: &str, expect: Expect) {
        let mut ws = workspace(fixture);
        ws.set_config(
            Config {
                cadence,
                ..Config::default()
            },
            Vec::new(),
        );
        let s = compute_stats(&ws, TODAY);
        let mut out = format!(
            "entries {} days {} minutes {} streak {}/{} {}\n",
            s.entries, s.days, s.total_minutes, s.current_streak, s.longest_streak, s.streak_unit
        );
        for t in &s.topics {
            out.push_str(&format!(
                "{} sessions {} minutes {} {}..{}\n",
                t.topic, t.sessions, t.minutes, t.first, t.last
            ));
        }
        expect.assert_eq(&out);
    }

    const JOURNAL: &str = r#"
//- journal/2026-11-23.md
#load-balancing
time:: 30m
//- journal/2026-11-24.md
---
topics: [k8s]
time: 1h
---
//- journal/log.md
## 2026-11-25 two topics, two times
#caching #load-balancing #LoadBalancing
time:: 1h
time:: 30m
## 2026-11-25 an invalid time adds nothing
#caching
time:: a while
## 2026-11-26
#k8s
time:: 45m
## 2026-11-30 future entries are not counted
#caching
time:: 2h
"#;

    #[test]
    fn totals_topics_and_daily_streaks() {
        check(
            Cadence::Daily,
            JOURNAL,
            expect![[r#"
                entries 5 days 4 minutes 225 streak 4/4 days
                load-balancing sessions 2 minutes 120 2026-11-23..2026-11-25
                container-orchestration sessions 2 minutes 105 2026-11-24..2026-11-26
                caching sessions 2 minutes 90 2026-11-25..2026-11-25
            "#]],
        );
    }

    #[test]
    fn weekday_and_weekly_units() {
        // Mon 11-16 .. Wed 11-18 and Fri 11-20, then Mon 11-23 .. Wed 11-25;
        // nothing today (Thu 11-26) yet.
        let days = [
            "2026-11-16",
            "2026-11-17",
            "2026-11-18",
            "2026-11-20",
            "2026-11-23",
            "2026-11-24",
            "2026-11-25",
        ];
        let fixture: String = days
            .iter()
            .map(|d| format!("//- {d}.md\n#caching\ntime:: 1h\n"))
            .collect();
        check(
            Cadence::Weekdays,
            &fixture,
            expect![[r#"
            entries 7 days 7 minutes 420 streak 4/4 days
            caching sessions 7 minutes 420 2026-11-16..2026-11-25
        "#]],
        );
        check(
            Cadence::PerWeek(3),
            &fixture,
            expect![[r#"
            entries 7 days 7 minutes 420 streak 2/2 weeks
            caching sessions 7 minutes 420 2026-11-16..2026-11-25
        "#]],
        );
        check(
            Cadence::PerWeek(4),
            &fixture,
            expect![[r#"
            entries 7 days 7 minutes 420 streak 1/1 weeks
            caching sessions 7 minutes 420 2026-11-16..2026-11-25
        "#]],
        );
        check(
            Cadence::Daily,
            &fixture,
            expect![[r#"
            entries 7 days 7 minutes 420 streak 3/3 days
            caching sessions 7 minutes 420 2026-11-16..2026-11-25
        "#]],
        );
    }
}
