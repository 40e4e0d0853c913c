//! Day arithmetic for cadence, streaks and messages: dates as day numbers
//! (days since 1970-01-01), so that gaps, weekdays and ISO weeks are integer
//! arithmetic that cannot fail.

use jiff::civil::Date;

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
    fn weekdays_are_counted() {
        let mon = day_num(Date::constant(2026, 11, 23));
        assert_eq!(weekdays_between(mon, mon + 7), 5);
        assert_eq!(weekdays_between(mon + 4, mon + 8), 2);
        assert_eq!(weekdays_between(mon, mon + 19), 15);
        assert_eq!(weekdays_between(mon + 5, mon + 7), 0);
        assert_eq!(weekdays_between(mon + 5, mon), 0);
    }
}
