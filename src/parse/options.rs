//! The per-journal settings the parser reads ([`ParseOptions`]): everything
//! that makes the same text parse differently in two journals. Built from the
//! journal's [`Config`] by the workspace, the scanner and the server; the
//! default is what a journal without a `studylog.toml` gets.

use std::sync::{Arc, LazyLock};

use crate::config::Config;
use crate::parse::name_pattern::{NamePattern, default_patterns};

/// How one journal's files are parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// How numeric dates whose order is ambiguous (`01/12/2018`) are read.
    pub date_order: DateOrder,
    /// The name patterns that make a file a daily note.
    pub daily_notes: DailyNoteNames,
}

/// The daily-note name patterns of a journal, shared by every parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DailyNoteNames(Arc<[NamePattern]>);

static DEFAULT_NAMES: LazyLock<Arc<[NamePattern]>> =
    LazyLock::new(|| Arc::from(default_patterns()));

impl Default for DailyNoteNames {
    fn default() -> Self {
        DailyNoteNames(DEFAULT_NAMES.clone())
    }
}

impl DailyNoteNames {
    pub fn new(patterns: &[NamePattern]) -> Self {
        DailyNoteNames(Arc::from(patterns))
    }

    pub fn patterns(&self) -> &[NamePattern] {
        &self.0
    }
}

/// The order of the day and the month in a numeric date such as `01/12/2018`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// `MM/DD/YYYY`: `01/12/2018` is January 12th.
    #[default]
    MonthFirst,
    /// `DD/MM/YYYY`: `01/12/2018` is December 1st.
    DayFirst,
}

impl ParseOptions {
    /// The options a journal with `config` parses its files with.
    pub fn from_config(config: &Config) -> Self {
        let patterns = config.daily_note_patterns();
        let daily_notes = if patterns == &**DEFAULT_NAMES {
            DailyNoteNames::default()
        } else {
            DailyNoteNames::new(patterns)
        };
        ParseOptions {
            daily_notes,
            ..ParseOptions::default()
        }
    }
}
