//! "Today" for the server, and the watch that moves it on at local midnight
//! with no edit: future dates and missed days depend on the date, so a
//! journal left open overnight is checked again when the day changes.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::ZonedDateTime;
use jiff::civil::Date;
use tokio::sync::Notify;

use super::shared::Shared;
use super::state_lock::lock;
use super::supervise::Worker;

/// The longest the watch sleeps before it looks at the date again: a
/// suspended laptop or a clock set by hand can move the date while it
/// sleeps, and a timer does not notice either.
const MAX_NAP: Duration = Duration::from_secs(60);

/// A moment after midnight, so that the wake-up lands on the new day even
/// where the timer fires a little early.
const PAST_MIDNIGHT: Duration = Duration::from_millis(500);

/// Where the server reads "today": a fixed date (tests, `STUDYLOG_TODAY`),
/// else the local clock at each use.
#[derive(Debug, Default)]
pub(super) struct Clock {
    fixed: Mutex<Option<Date>>,
    /// Signalled when a test moves the fixed date, as the clock passing
    /// midnight would.
    moved: Notify,
}

impl Clock {
    pub(super) fn new(fixed: Option<Date>) -> Self {
        Clock {
            fixed: Mutex::new(fixed),
            moved: Notify::new(),
        }
    }

    pub(super) fn today(&self) -> Date {
        (*lock(&self.fixed)).unwrap_or_else(super::today)
    }

    /// Sets the fixed date (a test standing in for the night passing).
    pub(super) fn set(&self, date: Date) {
        *lock(&self.fixed) = Some(date);
        self.moved.notify_one();
    }
}

/// How long from `now` until just after the next local midnight (the start
/// of tomorrow in `now`'s time zone, which a DST change may move off 00:00).
pub(super) fn until_next_midnight(now: &ZonedDateTime) -> Duration {
    let next_day = now
        .date()
        .tomorrow()
        .and_then(|tomorrow| tomorrow.to_zoned_datetime(now.time_zone().clone()));
    match next_day {
        Ok(start) => {
            let left = now.duration_until(&start);
            Duration::try_from(left).unwrap_or(Duration::ZERO) + PAST_MIDNIGHT
        }
        // The end of jiff's calendar: nothing to wait for.
        Err(_) => MAX_NAP,
    }
}

/// Watches the date: when it changes (midnight passed, the machine woke up
/// on another day), every journal is checked again and the inlay hints,
/// which count today's minutes, are refreshed.
pub(super) async fn midnight_watch(shared: Arc<Shared>) {
    let mut seen = shared.today();
    loop {
        let nap = until_next_midnight(&ZonedDateTime::now()).min(MAX_NAP);
        tokio::select! {
            () = tokio::time::sleep(nap) => {}
            () = shared.clock.moved.notified() => {}
        }
        shared.faults.fail_if_asked(Worker::Clock);
        let today = shared.today();
        if today != seen {
            seen = today;
            tracing::info!("the date is now {today}: checking the journals again");
            // The diagnostics worker sees the new date when it wakes and
            // queues every journal.
            shared.dirty.notify_one();
            shared.refresh_inlay_hints();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Central European time by its POSIX rule (no time zone database
    /// needed on the test machine): clocks go forward on the last Sunday
    /// of March.
    fn berlin(date: &str, time: &str) -> ZonedDateTime {
        let tz = jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").expect("a POSIX rule");
        let civil: jiff::civil::DateTime = format!("{date}T{time}").parse().expect("a date-time");
        civil.to_zoned_datetime(tz).expect("a zoned time")
    }

    #[test]
    fn sleeps_until_just_after_the_next_midnight() {
        let left = until_next_midnight(&berlin("2026-12-02", "23:59:30"));
        assert_eq!(left, Duration::from_secs(30) + PAST_MIDNIGHT);
        let left = until_next_midnight(&berlin("2026-12-02", "00:00:00"));
        assert_eq!(left, Duration::from_secs(24 * 3600) + PAST_MIDNIGHT);
    }

    #[test]
    fn a_day_that_loses_an_hour_is_shorter() {
        let left = until_next_midnight(&berlin("2026-03-29", "00:00:00"));
        assert_eq!(left, Duration::from_secs(23 * 3600) + PAST_MIDNIGHT);
    }

    #[test]
    fn a_fixed_date_moves_only_when_set() {
        let clock = Clock::new(Some(Date::constant(2026, 11, 26)));
        assert_eq!(clock.today(), Date::constant(2026, 11, 26));
        clock.set(Date::constant(2026, 11, 27));
        assert_eq!(clock.today(), Date::constant(2026, 11, 27));
    }
}
