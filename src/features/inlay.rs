//! Inlay hints after each entry's heading: that day's total time across the
//! journal and the journal's streak at that date.

use jiff::civil::Date;

use crate::duration::format_minutes;
use crate::text::Span;
use crate::workspace::Workspace;

use super::journal::Timeline;
use super::streak::streak_at;

/// A label shown at `offset` (the end of an entry's heading line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
    pub tooltip: Option<String>,
}

/// Hints for the entries whose heading lies in `range` of the file at `path`.
/// (The server leaves them out when `inlay_hints` is off in the config.)
pub fn inlay_hints(ws: &Workspace, path: &str, range: Span, today: Date) -> Vec<InlayHint> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let in_range: Vec<_> = file
        .entries
        .iter()
        .filter(|e| e.anchor.start <= range.end && range.start <= e.anchor.end)
        .collect();
    if in_range.is_empty() {
        return Vec::new();
    }
    let timeline = Timeline::build(ws);
    let practised = timeline.practice_days(today);
    let cadence = ws.config().cadence;
    in_range
        .into_iter()
        .map(|e| {
            let total = timeline.total(e.date);
            if e.date > today {
                return InlayHint {
                    offset: e.anchor.end,
                    label: "future".to_string(),
                    tooltip: Some(format!("{} is after today: not counted yet", e.date)),
                };
            }
            let streak = streak_at(&practised, cadence, e.date);
            let entries = if total.entries == 1 {
                String::new()
            } else {
                format!(" in {} entries", total.entries)
            };
            InlayHint {
                offset: e.anchor.end,
                label: format!("{} · streak {streak}", format_minutes(total.minutes)),
                tooltip: Some(format!(
                    "{}{entries} on {}; the journal's streak ({cadence}) that day: {streak}",
                    format_minutes(total.minutes),
                    e.date
                )),
            }
        })
        .collect()
}
