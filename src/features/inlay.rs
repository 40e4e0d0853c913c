//! Inlay hints after each entry's heading: that day's total time across the
//! journal and the journal's streak at that date.

use jiff::civil::Date;

use crate::duration::format_minutes;
use crate::journal::Journal;
use crate::stats::streak_at;
use crate::text::Span;

/// A label shown at `offset` (the end of an entry's heading line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
    pub tooltip: Option<String>,
}

/// Hints for the entries whose heading lies in `range` of the file at `path`.
/// (The server leaves them out when `inlay_hints` is off in the config.)
pub fn inlay_hints(ws: &Journal, path: &str, range: Span, today: Date) -> Vec<InlayHint> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let in_range: Vec<_> = file
        .entries
        .iter()
        .filter(|e| e.anchor.start() <= range.end() && range.start() <= e.anchor.end())
        .collect();
    if in_range.is_empty() {
        return Vec::new();
    }
    let cadence = ws.config().cadence;
    in_range
        .into_iter()
        .map(|e| {
            let minutes = ws.minutes_on(e.date);
            let entries_that_day = ws.entries_on(e.date).len();
            if e.date > today {
                return InlayHint {
                    offset: e.anchor.end(),
                    label: "future".to_string(),
                    tooltip: Some(format!("{} is after today: not counted yet", e.date)),
                };
            }
            let streak = streak_at(ws, e.date);
            let entries = if entries_that_day == 1 {
                String::new()
            } else {
                format!(" in {entries_that_day} entries")
            };
            InlayHint {
                offset: e.anchor.end(),
                label: format!("{} · streak {streak}", format_minutes(minutes)),
                tooltip: Some(format!(
                    "{}{entries} on {}; the journal's streak ({cadence}) that day: {streak}",
                    format_minutes(minutes),
                    e.date
                )),
            }
        })
        .collect()
}
