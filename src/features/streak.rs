//! Streaks as the features show them: the journal's streak at a given date
//! and a topic's current streak, both counted per the journal's cadence.
//! `stats::compute_stats` reports the journal's current streak for the CLI;
//! the features need a streak *at any date* and *per topic*, so the counting
//! rule lives here once, over a plain set of practice days.

use std::collections::BTreeSet;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::config::Cadence;

/// A streak length and the unit it counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Streak {
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

fn is_weekday(d: Date) -> bool {
    !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

fn previous_weekday(mut d: Date) -> Option<Date> {
    // At most three steps back (Monday -> Friday).
    for _ in 0..3 {
        d = d.yesterday().ok()?;
        if is_weekday(d) {
            return Some(d);
        }
    }
    None
}

/// The Monday of `d`'s ISO week.
pub(crate) fn week_start(d: Date) -> Date {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(back.days()).unwrap_or(d)
}

/// The streak that runs up to `at`: the number of consecutive practised
/// units (days, weekdays or weeks that met the cadence) ending at `at`'s
/// unit. When `at`'s own unit is not (yet) practised, counting starts at the
/// unit before it, as a day that is not over does not break a streak.
/// `days` are the practice days; days after `at` are ignored.
pub(crate) fn streak_at(days: &BTreeSet<Date>, cadence: Cadence, at: Date) -> Streak {
    match cadence {
        Cadence::Daily | Cadence::Off => Streak {
            count: daily(days, at),
            weeks: false,
        },
        Cadence::Weekdays => Streak {
            count: weekdays(days, at),
            weeks: false,
        },
        Cadence::PerWeek(n) => Streak {
            count: weekly(days, u32::from(n.max(1)), at),
            weeks: true,
        },
    }
}

fn daily(days: &BTreeSet<Date>, at: Date) -> u32 {
    let mut d = at;
    if !days.contains(&d) {
        match d.yesterday() {
            Ok(y) => d = y,
            Err(_) => return 0,
        }
    }
    let mut count = 0;
    while days.contains(&d) {
        count += 1;
        match d.yesterday() {
            Ok(y) => d = y,
            Err(_) => break,
        }
    }
    count
}

fn weekdays(days: &BTreeSet<Date>, at: Date) -> u32 {
    let mut d = at;
    if !is_weekday(d) {
        // A weekend neither breaks nor extends: judge from the Friday before,
        // which is over, so no grace applies to it.
        match previous_weekday(d) {
            Some(p) => d = p,
            None => return 0,
        }
    } else if !days.contains(&d) {
        match previous_weekday(d) {
            Some(p) => d = p,
            None => return 0,
        }
    }
    let mut count = 0;
    while days.contains(&d) {
        count += 1;
        match previous_weekday(d) {
            Some(p) => d = p,
            None => break,
        }
    }
    count
}

fn weekly(days: &BTreeSet<Date>, needed: u32, at: Date) -> u32 {
    let practised_in = |monday: Date, last: Date| -> u32 {
        days.range(monday..=last)
            .count()
            .try_into()
            .unwrap_or(u32::MAX)
    };
    let mut monday = week_start(at);
    let mut count = 0;
    if practised_in(monday, at) >= needed {
        count += 1;
    }
    // The week of `at` is not over, so falling short in it breaks nothing.
    loop {
        let Ok(prev) = monday.checked_sub(7.days()) else {
            break;
        };
        monday = prev;
        let sunday = monday.checked_add(6.days()).unwrap_or(monday);
        if practised_in(monday, sunday) >= needed {
            count += 1;
        } else {
            break;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn set(ds: &[Date]) -> BTreeSet<Date> {
        ds.iter().copied().collect()
    }

    #[test]
    fn daily_counts_back_with_grace_for_the_day_itself() {
        let days = set(&[date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)]);
        assert_eq!(daily(&days, date(2026, 11, 25)), 3);
        assert_eq!(daily(&days, date(2026, 11, 26)), 3);
        assert_eq!(daily(&days, date(2026, 11, 27)), 0);
        assert_eq!(daily(&days, date(2026, 11, 24)), 2);
    }

    #[test]
    fn weekdays_skip_weekends() {
        // Thu 19, Fri 20, (weekend), Mon 23.
        let days = set(&[date(2026, 11, 19), date(2026, 11, 20), date(2026, 11, 23)]);
        assert_eq!(weekdays(&days, date(2026, 11, 23)), 3);
        assert_eq!(weekdays(&days, date(2026, 11, 24)), 3);
        assert_eq!(weekdays(&days, date(2026, 11, 22)), 2);
        assert_eq!(weekdays(&days, date(2026, 11, 25)), 0);
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
        assert_eq!(weekly(&days, 2, date(2026, 11, 24)), 2);
        assert_eq!(weekly(&days, 1, date(2026, 11, 24)), 3);
        assert_eq!(weekly(&days, 3, date(2026, 11, 24)), 0);
        assert_eq!(
            streak_at(&days, Cadence::PerWeek(2), date(2026, 11, 24)).to_string(),
            "2 weeks"
        );
    }
}
