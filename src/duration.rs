//! Durations of practice as written in `time::` fields (`45m`, `1h30m`, `1:30`, ...).
//!
//! Accepted forms (case-insensitive, spaces optional between parts):
//! `45m`, `45 min`, `90 minutes`, `1h`, `1h30m`, `1h 30m`, `1h30`, `1.5h`,
//! `2 hours`, `1:30` (h:mm), with seconds `1h 00m 36s`, `45m 10s`,
//! `00:45:10` (h:mm:ss); units `m`, `min`, `mins`, `minute`, `minutes`,
//! `h`, `hr`, `hrs`, `hour`, `hours`, `s`, `sec`, `secs`, `second`, `seconds`.
//! The total is rounded to the nearest minute, half a minute up (`45m 30s` is
//! 46 minutes, `45m 29s` is 45); a total under half a minute is zero. A bare
//! number (`45`) is not accepted: its unit is ambiguous.

/// The longest duration one `time` value (or one day) may hold: 24 hours.
pub const MAX_MINUTES: u32 = 24 * 60;

/// Why a `time` value is not a usable duration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DurationError {
    /// Not a duration in any accepted form.
    Unparsable,
    /// Parses, but is zero.
    Zero,
    /// Parses, but exceeds 24 hours (the minutes it came to).
    TooLong(u32),
}

/// Minutes in a duration value. Accepts every form in the format contract.
pub fn parse_minutes(value: &str) -> Result<u32, DurationError> {
    let value = value.trim();
    let minutes = clock_minutes(value)
        .or_else(|| unit_minutes(value))
        .ok_or(DurationError::Unparsable)?;
    let rounded = minutes.round();
    if rounded <= 0.0 {
        Err(DurationError::Zero)
    } else if rounded > f64::from(MAX_MINUTES) {
        // `as` saturates on overflow, which is what a "too long" report wants.
        Err(DurationError::TooLong(rounded as u32))
    } else {
        Ok(rounded as u32)
    }
}

/// `h:mm` (`1:30`, `0:45`) and `h:mm:ss` (`00:45:10`).
fn clock_minutes(value: &str) -> Option<f64> {
    let (h, rest) = value.split_once(':')?;
    let (m, s) = match rest.split_once(':') {
        Some((m, s)) => (m, Some(s)),
        None => (rest, None),
    };
    let two_digits = |p: &str| p.len() == 2 && all_digits(p);
    if h.is_empty() || !all_digits(h) || !two_digits(m) || s.is_some_and(|s| !two_digits(s)) {
        return None;
    }
    let h: f64 = h.parse().ok()?;
    let m: f64 = m.parse().ok()?;
    let s: f64 = s.map_or(Some(0.0), |s| s.parse().ok())?;
    (m < 60.0 && s < 60.0).then_some(h * 60.0 + m + s / 60.0)
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// A sequence of `number unit` parts (`1h 30m`, `1.5 hours`), optionally
/// ending in a bare number of minutes after an hours part (`1h30`).
fn unit_minutes(value: &str) -> Option<f64> {
    let lower = value.to_ascii_lowercase();
    let mut rest = lower.as_str();
    let mut total = 0.0;
    let mut parts = 0;
    let mut last_was_hours = false;
    while !rest.is_empty() {
        let (number, after) = split_number(rest)?;
        let after = after.trim_start();
        let unit_len = after
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_len);
        let factor = match unit {
            "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0 / 60.0,
            // `1h30`: a bare number of minutes, only as the last part after hours.
            "" if last_was_hours && after.trim().is_empty() && !number.contains('.') => 1.0,
            _ => return None,
        };
        total += number.parse::<f64>().ok()? * factor;
        parts += 1;
        last_was_hours = factor == 60.0;
        rest = after.trim_start();
    }
    (parts > 0).then_some(total)
}

/// Splits a leading decimal number (`12`, `1.5`) off `s`.
fn split_number(s: &str) -> Option<(&str, &str)> {
    let int_len = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if int_len == 0 {
        return None;
    }
    let mut len = int_len;
    if let Some(frac) = s.get(int_len..).and_then(|r| r.strip_prefix('.')) {
        let frac_len = frac
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(frac.len());
        if frac_len == 0 {
            return None;
        }
        len += 1 + frac_len;
    }
    Some(s.split_at(len))
}

/// A duration rendered for people: `45m`, `2h`, `2h 45m`.
pub fn format_minutes(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_table() {
        use DurationError::*;
        let table: &[(&str, Result<u32, DurationError>)] = &[
            ("45m", Ok(45)),
            ("45 min", Ok(45)),
            ("45 mins", Ok(45)),
            ("45min", Ok(45)),
            ("90 minutes", Ok(90)),
            ("1 minute", Ok(1)),
            ("1h", Ok(60)),
            ("1 hr", Ok(60)),
            ("2hrs", Ok(120)),
            ("1h30m", Ok(90)),
            ("1h 30m", Ok(90)),
            ("1h30", Ok(90)),
            ("1.5h", Ok(90)),
            ("1.5 h", Ok(90)),
            ("2 hours", Ok(120)),
            ("1 hour 15 minutes", Ok(75)),
            ("1:30", Ok(90)),
            ("0:45", Ok(45)),
            ("  45M  ", Ok(45)),
            ("1H30M", Ok(90)),
            ("0.5m", Ok(1)),
            ("2.4m", Ok(2)),
            ("24h", Ok(1440)),
            ("0m", Err(Zero)),
            ("0h 0m", Err(Zero)),
            ("0:00", Err(Zero)),
            ("0.2m", Err(Zero)),
            ("25h", Err(TooLong(1500))),
            ("24h 1m", Err(TooLong(1441))),
            ("99999999999999999999h", Err(TooLong(u32::MAX))),
            ("45", Err(Unparsable)),
            ("", Err(Unparsable)),
            ("soon", Err(Unparsable)),
            ("1:3", Err(Unparsable)),
            ("1:75", Err(Unparsable)),
            (":30", Err(Unparsable)),
            ("1.h", Err(Unparsable)),
            ("1h30.5", Err(Unparsable)),
            ("30 30m", Err(Unparsable)),
            ("1d", Err(Unparsable)),
            ("-5m", Err(Unparsable)),
            ("45m extra", Err(Unparsable)),
            ("1h 30", Ok(90)),
            ("30m 1", Err(Unparsable)),
            ("1h 00m 36s", Ok(61)),
            ("45m 10s", Ok(45)),
            ("45m 30s", Ok(46)),
            ("45m 29s", Ok(45)),
            ("90 seconds", Ok(2)),
            ("30s", Ok(1)),
            ("20 sec", Err(Zero)),
            ("00:45:10", Ok(45)),
            ("1:00:36", Ok(61)),
            ("0:00:20", Err(Zero)),
            ("00:45:70", Err(Unparsable)),
            ("00:45:1", Err(Unparsable)),
            ("1:2:03", Err(Unparsable)),
        ];
        for (value, want) in table {
            assert_eq!(&parse_minutes(value), want, "parse_minutes({value:?})");
        }
    }

    #[test]
    fn formats_minutes() {
        assert_eq!(format_minutes(45), "45m");
        assert_eq!(format_minutes(120), "2h");
        assert_eq!(format_minutes(165), "2h 45m");
    }
}
