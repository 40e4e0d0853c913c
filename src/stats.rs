//! What was practised: entries, days, minutes, streaks and per-topic totals,
//! as `studylog stats` and the editor's stats command report them. Future
//! entries (after today) are not counted; aliases resolve to their topic; an
//! entry with two topics counts fully for both, and once in the totals.

use std::collections::BTreeSet;

use jiff::civil::Date;
use serde::Serialize;

use crate::checks::calendar::{day_num, is_weekday, week_of};
use crate::config::Cadence;
use crate::workspace::Workspace;

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
}

/// Computes the journal's stats as of `today` (future entries are not counted).
pub fn compute_stats(ws: &Workspace, today: Date) -> Stats {
    let mut entries = 0u32;
    let mut total_minutes = 0u32;
    let mut days: Vec<i64> = Vec::new();
    for (date, refs) in ws.timeline().range(..=today) {
        days.push(day_num(*date));
        for r in refs {
            if let Some((_, entry)) = ws.entry(r) {
                entries += 1;
                total_minutes = total_minutes.saturating_add(entry.minutes());
            }
        }
    }

    let mut topics: Vec<TopicStats> = Vec::new();
    for (topic, uses) in ws.topics_in_use() {
        let mut stats = TopicStats {
            topic: topic.to_string(),
            sessions: 0,
            minutes: 0,
            first: String::new(),
            last: String::new(),
        };
        let mut first: Option<Date> = None;
        let mut last: Option<Date> = None;
        for (_, entry) in uses.iter().filter_map(|r| ws.entry(r)) {
            if entry.date > today {
                continue;
            }
            stats.sessions += 1;
            stats.minutes = stats.minutes.saturating_add(entry.minutes());
            first = Some(first.map_or(entry.date, |d| d.min(entry.date)));
            last = Some(last.map_or(entry.date, |d| d.max(entry.date)));
        }
        if let (Some(first), Some(last)) = (first, last) {
            stats.first = first.to_string();
            stats.last = last.to_string();
            topics.push(stats);
        }
    }
    topics.sort_by(|a, b| {
        b.minutes
            .cmp(&a.minutes)
            .then_with(|| a.topic.cmp(&b.topic))
    });

    let streaks = streaks(ws.config().cadence, &days, day_num(today));
    Stats {
        entries,
        days: u32::try_from(days.len()).unwrap_or(u32::MAX),
        total_minutes,
        current_streak: streaks.current,
        longest_streak: streaks.longest,
        streak_unit: match ws.config().cadence {
            Cadence::PerWeek(_) => "weeks",
            _ => "days",
        },
        topics,
    }
}

/// Current and longest streak, in the cadence's unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Streaks {
    pub current: u32,
    pub longest: u32,
}

/// Streaks over practice days (sorted day numbers, none after `today`):
/// consecutive calendar days (`daily`, `off`), consecutive weekdays
/// (`weekdays`: weekends neither break nor extend), or consecutive ISO weeks
/// with at least N practice days (`N/week`). The current streak counts back
/// from today, or from the previous day (week) while today (this week) is
/// not done yet.
pub(crate) fn streaks(cadence: Cadence, days: &[i64], today: i64) -> Streaks {
    match cadence {
        Cadence::Daily | Cadence::Off => units_streaks(days, today, |d| d - 1),
        Cadence::Weekdays => {
            let weekdays: Vec<i64> = days.iter().copied().filter(|&d| is_weekday(d)).collect();
            // The weekday before d, skipping the weekend.
            let previous = |d: i64| {
                let mut p = d - 1;
                while !is_weekday(p) {
                    p -= 1;
                }
                p
            };
            // From a weekend or an unpractised weekday, the streak runs back
            // from the weekday before.
            units_streaks(&weekdays, today, previous)
        }
        Cadence::PerWeek(n) => {
            let needed = usize::from(n.clamp(1, 7));
            let mut met: Vec<i64> = Vec::new();
            let mut i = 0;
            while let Some(&d) = days.get(i) {
                let week = week_of(d);
                let in_week = days[i..]
                    .iter()
                    .take_while(|&&x| week_of(x) == week)
                    .count();
                if in_week >= needed {
                    met.push(week);
                }
                i += in_week.max(1);
            }
            units_streaks(&met, week_of(today), |w| w - 1)
        }
    }
}

/// Streaks over sorted units (days or weeks) where `previous` gives the unit
/// before another: the longest run, and the run ending at `now` (or at the
/// unit before it when `now` is not in the set yet).
fn units_streaks(units: &[i64], now: i64, previous: impl Fn(i64) -> i64) -> Streaks {
    let mut longest = 0u32;
    let mut run = 0u32;
    let mut last: Option<i64> = None;
    for &u in units {
        run = match last {
            Some(l) if l == u => run,
            Some(l) if previous(u) == l => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        last = Some(u);
    }
    let set: BTreeSet<i64> = units.iter().copied().collect();
    let start = if set.contains(&now) {
        now
    } else {
        previous(now)
    };
    let current = count_back_set(&set, start, &previous);
    Streaks { current, longest }
}

fn count_back_set(set: &BTreeSet<i64>, start: i64, previous: &impl Fn(i64) -> i64) -> u32 {
    let mut count = 0u32;
    let mut unit = start;
    while set.contains(&unit) {
        count += 1;
        unit = previous(unit);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> i64 {
        day_num(s.parse().expect("a date"))
    }

    fn run(cadence: Cadence, days: &[&str], today: &str) -> (u32, u32) {
        let days: Vec<i64> = days.iter().map(|s| d(s)).collect();
        let s = streaks(cadence, &days, d(today));
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
