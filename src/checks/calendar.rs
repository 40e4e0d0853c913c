//! Day arithmetic for cadence, streaks and messages: dates as day numbers
//! (days since 1970-01-01), so that gaps, weekdays and ISO weeks are integer
//! arithmetic that cannot fail. Also the one rule for which days a gap in
//! practice missed, shared by `missed-days`, completion and code actions.

use jiff::civil::Date;

use crate::config::Cadence;

const EPOCH: Date = Date::constant(1970, 1, 1);
const SECONDS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01 (negative before).
pub(crate) fn day_num(date: Date) -> i64 {
    date.duration_since(EPOCH)
        .as_secs()
        .div_euclid(SECONDS_PER_DAY)
}

/// The date of a day number, if it is a representable date.
pub(crate) fn from_day_num(n: i64) -> Option<Date> {
    let span = jiff::Span::new().try_days(n).ok()?;
    EPOCH.checked_add(span).ok()
}

/// 0 for Monday to 6 for Sunday (1970-01-01 was a Thursday).
pub(crate) fn weekday_of(n: i64) -> i64 {
    (n + 3).rem_euclid(7)
}

/// The ISO week a day falls in, as a number of weeks (weeks start on Monday).
pub(crate) fn week_of(n: i64) -> i64 {
    (n + 3).div_euclid(7)
}

/// The day number of the Monday of week `w`.
pub(crate) fn monday_of(w: i64) -> i64 {
    w * 7 - 3
}

/// A day for people: `Tue 2026-11-24`.
pub(crate) fn day_label(date: Date) -> String {
    date.strftime("%a %Y-%m-%d").to_string()
}

/// [`day_label`] of a day number.
pub(crate) fn day_num_label(n: i64) -> String {
    from_day_num(n).map_or_else(|| n.to_string(), day_label)
}

/// True for Monday to Friday.
pub(crate) fn is_weekday(n: i64) -> bool {
    weekday_of(n) < 5
}

/// Weekdays in `from..to` (day numbers, `to` exclusive).
pub(crate) fn weekdays_between(from: i64, to: i64) -> i64 {
    if to <= from {
        return 0;
    }
    let days = to - from;
    let mut count = days / 7 * 5;
    let mut n = from + days / 7 * 7;
    while n < to {
        count += i64::from(is_weekday(n));
        n += 1;
    }
    count
}

/// Whether `cadence` expects practice on day `n` itself: every day for
/// `daily`, Monday to Friday for `weekdays`; `N/week` and `off` name no day.
pub(crate) fn is_due(cadence: Cadence, n: i64) -> bool {
    match cadence {
        Cadence::Daily => true,
        Cadence::Weekdays => is_weekday(n),
        Cadence::PerWeek(_) | Cadence::Off => false,
    }
}

/// Whether `cadence` expects practice on particular days at all.
pub(crate) fn names_days(cadence: Cadence) -> bool {
    matches!(cadence, Cadence::Daily | Cadence::Weekdays)
}

/// The days a gap in practice missed: the due days of `from..to` (day
/// numbers, `to` exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Missed {
    cadence: Cadence,
    from: i64,
    to: i64,
}

impl Missed {
    /// The due days strictly between the practice days `after` and `before`,
    /// none before `start`.
    pub fn between(cadence: Cadence, start: Option<Date>, after: i64, before: i64) -> Missed {
        let from = start.map_or(after + 1, |s| day_num(s).max(after + 1));
        Missed {
            cadence,
            from,
            to: before,
        }
    }

    /// How many days were missed, without walking the gap.
    pub fn count(self) -> i64 {
        match self.cadence {
            Cadence::Daily => (self.to - self.from).max(0),
            Cadence::Weekdays => weekdays_between(self.from, self.to),
            Cadence::PerWeek(_) | Cadence::Off => 0,
        }
    }

    /// The missed days, earliest first (`.rev()` for the latest first).
    pub fn days(self) -> impl DoubleEndedIterator<Item = i64> {
        let to = if names_days(self.cadence) {
            self.to
        } else {
            self.from
        };
        (self.from..to).filter(move |&n| is_due(self.cadence, n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_know_weekdays() {
        let thu = Date::constant(2026, 11, 26);
        let n = day_num(thu);
        assert_eq!(from_day_num(n), Some(thu));
        assert_eq!(weekday_of(n), 3);
        assert_eq!(day_num_label(n), "Thu 2026-11-26");
        assert_eq!(
            from_day_num(monday_of(week_of(n))),
            Some(Date::constant(2026, 11, 23))
        );
        assert_eq!(day_num(Date::constant(1969, 12, 31)), -1);
        assert_eq!(weekday_of(-1), 2);
    }

    #[test]
    fn missed_days_follow_cadence_and_start() {
        let (after, before) = (
            day_num(Date::constant(2026, 11, 18)),
            day_num(Date::constant(2026, 11, 26)),
        );
        let labels = |m: Missed| m.days().rev().map(day_num_label).collect::<Vec<_>>();
        let daily = Missed::between(Cadence::Daily, None, after, before);
        assert_eq!(daily.count(), 7);
        assert_eq!(
            labels(daily).first().map(String::as_str),
            Some("Wed 2026-11-25")
        );
        let weekdays = Missed::between(Cadence::Weekdays, None, after, before);
        assert_eq!(weekdays.count(), 5);
        assert_eq!(weekdays.days().count(), 5);
        let started = Missed::between(
            Cadence::Daily,
            Some(Date::constant(2026, 11, 24)),
            after,
            before,
        );
        assert_eq!(labels(started), ["Wed 2026-11-25", "Tue 2026-11-24"]);
        let weekly = Missed::between(Cadence::PerWeek(3), None, after, before);
        assert_eq!((weekly.count(), weekly.days().count()), (0, 0));
        assert_eq!(
            Missed::between(Cadence::Daily, None, before, after).count(),
            0
        );
    }

    #[test]
    fn weekdays_are_counted() {
        let mon = day_num(Date::constant(2026, 11, 23));
        assert_eq!(weekdays_between(mon, mon + 7), 5);
        assert_eq!(weekdays_between(mon + 4, mon + 8), 2);
        assert_eq!(weekdays_between(mon, mon + 19), 15);
        assert_eq!(weekdays_between(mon + 5, mon + 7), 0);
        assert_eq!(weekdays_between(mon + 5, mon), 0);
    }
}
