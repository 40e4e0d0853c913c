//! `missed-days`: gaps in the journal's timeline larger than the cadence
//! allows, between the first entry (or `start`, when later) and the last
//! entry of the whole workspace. Days after yesterday are never missed, and a
//! week is not judged before it ends.

use jiff::civil::Date;

use super::calendar::{Missed, day_num, day_num_label, from_day_num, monday_of, week_of};
use super::list_with_count;
use crate::config::Cadence;
use crate::diagnostic::{Code, Diagnostic};
use crate::journal::{EntryRef, Journal};

/// How many missed dates (or weeks) a message names before it gives a count.
const NAMED_IN_MESSAGE: usize = 3;

pub(super) fn missed_days(ws: &Journal, today: Date) -> Vec<Diagnostic> {
    let cadence = ws.config().cadence;
    let practised: Vec<i64> = ws.timeline().keys().map(|d| day_num(*d)).collect();
    let (Some(&first), Some(&last)) = (practised.first(), practised.last()) else {
        return Vec::new();
    };
    let from = ws.config().start.map_or(first, |s| day_num(s).max(first));
    let yesterday = day_num(today) - 1;
    if from > last {
        return Vec::new();
    }
    let week_hint = "log more practice days in such weeks, or relax `cadence` in studylog.toml";
    let mut out = Vec::new();
    match cadence {
        Cadence::Off => {}
        Cadence::Daily | Cadence::Weekdays => {
            let mut cursor = from;
            for &p in practised.iter().filter(|&&p| p >= from) {
                out.extend(daily_gap(ws, cursor, p, yesterday));
                cursor = p + 1;
            }
        }
        Cadence::PerWeek(n) => {
            let needed = usize::from(n.clamp(1, 7));
            let mut empty_weeks: Vec<i64> = Vec::new();
            let mut days = practised.iter().copied().peekable();
            for week in week_of(from)..=week_of(last) {
                let monday = monday_of(week);
                while days.next_if(|&d| d < monday).is_some() {}
                let mut in_week = Vec::new();
                while let Some(d) = days.next_if(|&d| d < monday + 7) {
                    in_week.push(d);
                }
                // The current week (and later ones) is judged once it has ended.
                let judged = monday + 6 <= yesterday;
                let (Some(&first_day), Some(&last_day)) = (in_week.first(), in_week.last()) else {
                    if judged {
                        empty_weeks.push(week);
                    }
                    continue;
                };
                if !empty_weeks.is_empty() {
                    let named: Vec<String> = empty_weeks
                        .iter()
                        .take(NAMED_IN_MESSAGE)
                        .map(|&w| day_num_label(monday_of(w)))
                        .collect();
                    let what = if empty_weeks.len() == 1 {
                        "the week of"
                    } else {
                        "the weeks of"
                    };
                    let message = format!(
                        "No practice logged in {what} {} (cadence: {cadence}); {week_hint}",
                        list_with_count(&named, empty_weeks.len(), ("week", "weeks"))
                    );
                    out.extend(on_entry(ws, first_day, First, message));
                    empty_weeks.clear();
                }
                if judged && in_week.len() < needed {
                    let message = format!(
                        "Only {} practice day{} in the week of {} (cadence: {cadence} asks for {needed}); {week_hint}",
                        in_week.len(),
                        if in_week.len() == 1 { "" } else { "s" },
                        day_num_label(monday),
                    );
                    out.extend(on_entry(ws, last_day, Last, message));
                }
            }
        }
    }
    out
}

/// `missed-days` on the given dates only, as [`missed_days`] reports them
/// there: for a `daily` or `weekdays` cadence each practised date's message
/// depends only on the practised date before it, so re-checking one file
/// costs its dates, not the timeline. Weekly cadences fall back to the whole
/// pass.
pub(super) fn missed_days_on(ws: &Journal, today: Date, dates: &[Date]) -> Vec<Diagnostic> {
    let cadence = ws.config().cadence;
    if !matches!(cadence, Cadence::Daily | Cadence::Weekdays) {
        return missed_days(ws, today);
    }
    let timeline = ws.timeline();
    let (Some((&first, _)), Some((&last, _))) =
        (timeline.first_key_value(), timeline.last_key_value())
    else {
        return Vec::new();
    };
    let (first, last) = (day_num(first), day_num(last));
    let from = ws.config().start.map_or(first, |s| day_num(s).max(first));
    if from > last {
        return Vec::new();
    }
    let yesterday = day_num(today) - 1;
    let mut dates: Vec<Date> = dates.to_vec();
    dates.sort_unstable();
    dates.dedup();
    let mut out = Vec::new();
    // Dates per timeline date above which one walk of the timeline is
    // cheaper than two tree searches per date (a search costs about as much
    // as visiting a few dozen dates in order).
    const WALK_RATIO: usize = 32;
    let walk = dates.len().saturating_mul(WALK_RATIO) >= timeline.len();
    for (date, before) in with_practised_day_before(timeline, &dates, walk) {
        let p = day_num(date);
        if p < from {
            continue;
        }
        let before = before.map(|d| day_num(d) + 1);
        let cursor = before.map_or(from, |b| b.max(from));
        out.extend(daily_gap(ws, cursor, p, yesterday));
    }
    out
}

/// Each of `dates` (sorted, distinct) that has entries, with the practised
/// date before it: by two searches per date (for a few dates, as for one
/// edited note of a large journal), or with `walk` by one walk of the
/// timeline (for many, as for a large single-file journal).
fn with_practised_day_before<V>(
    timeline: &std::collections::BTreeMap<Date, V>,
    dates: &[Date],
    walk: bool,
) -> Vec<(Date, Option<Date>)> {
    let mut out = Vec::with_capacity(dates.len());
    if !walk {
        for &date in dates {
            if timeline.contains_key(&date) {
                let before = timeline.range(..date).next_back().map(|(d, _)| *d);
                out.push((date, before));
            }
        }
        return out;
    }
    let mut wanted = dates.iter().copied().peekable();
    let mut before = None;
    for &date in timeline.keys() {
        while wanted.next_if(|&w| w < date).is_some() {}
        if wanted.next_if_eq(&date).is_some() {
            out.push((date, before));
        }
        if wanted.peek().is_none() {
            break;
        }
        before = Some(date);
    }
    out
}

/// The `missed-days` diagnostic of practice day `p` for a daily or weekdays
/// cadence: the days from `cursor` up to `p` (none after yesterday) that
/// the cadence expected.
fn daily_gap(ws: &Journal, cursor: i64, p: i64, yesterday: i64) -> Option<Diagnostic> {
    let cadence = ws.config().cadence;
    let fix_hint = "add entries for those days, or relax `cadence` in studylog.toml";
    let gap = Missed::between(cadence, None, cursor - 1, p.min(yesterday + 1));
    let missing = gap.count();
    if missing == 0 {
        return None;
    }
    let named: Vec<String> = gap
        .days()
        .take(NAMED_IN_MESSAGE)
        .map(day_num_label)
        .collect();
    let message = format!(
        "No practice logged on {} (cadence: {cadence}); {fix_hint}",
        list_with_count(&named, missing as usize, ("day", "days"))
    );
    on_entry(ws, p, First, message)
}

/// Which of a day's entries a diagnostic sits on.
#[derive(Clone, Copy)]
enum Which {
    First,
    Last,
}
use Which::{First, Last};

fn on_entry(ws: &Journal, day: i64, which: Which, message: String) -> Option<Diagnostic> {
    let entries = ws.entries_on(from_day_num(day)?);
    let r: &EntryRef = match which {
        First => entries.first()?,
        Last => entries.last()?,
    };
    let (file, entry) = ws.entry(r)?;
    Some(Diagnostic::new(
        Code::MissedDays,
        file.path.clone(),
        entry.date_span,
        message,
    ))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Walking the timeline and searching it find the same days before.
        #[test]
        fn walking_and_searching_agree(
            practised in prop::collection::btree_set(0i64..400, 0..80),
            asked in prop::collection::btree_set(0i64..400, 0..80),
        ) {
            let day = |n: i64| {
                Date::constant(2026, 1, 1)
                    .checked_add(jiff::Span::new().days(n))
                    .unwrap_or(Date::constant(2026, 1, 1))
            };
            let timeline: BTreeMap<Date, ()> = practised.iter().map(|&n| (day(n), ())).collect();
            let dates: Vec<Date> = asked.iter().map(|&n| day(n)).collect();
            prop_assert_eq!(
                with_practised_day_before(&timeline, &dates, true),
                with_practised_day_before(&timeline, &dates, false)
            );
        }
    }
}
