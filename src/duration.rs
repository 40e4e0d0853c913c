//! Durations of practice as written in `time::` fields (`45m`, `1h30m`, `1:30`, ...).

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
    let _ = value;
    Err(DurationError::Unparsable)
}

/// A duration rendered for people: `45m`, `2h`, `2h 45m`.
pub fn format_minutes(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    }
}
