//! The commands the server executes (`workspace/executeCommand`):
//! `studylog.stats` (the CLI's stats JSON) and `studylog.newEntry` (an edit
//! adding today's entry, which the client applies: the server never writes
//! files itself).

pub const STATS: &str = "studylog.stats";
pub const NEW_ENTRY: &str = "studylog.newEntry";

/// Every command the server executes.
pub const ALL: [&str; 2] = [STATS, NEW_ENTRY];
