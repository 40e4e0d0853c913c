//! What was practised: entries, days, minutes, streaks and per-topic totals,
//! as `studylog stats` and the editor's stats command report them.

use jiff::civil::Date;
use serde::Serialize;

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
    let _ = (ws, today);
    Stats {
        entries: 0,
        days: 0,
        total_minutes: 0,
        current_streak: 0,
        longest_streak: 0,
        streak_unit: "days",
        topics: Vec::new(),
    }
}
