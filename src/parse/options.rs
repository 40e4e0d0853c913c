//! The per-journal settings the parser reads ([`ParseOptions`]): everything
//! that makes the same text parse differently in two journals. Built from the
//! journal's [`Config`] by the workspace, the scanner and the server; the
//! default is what a journal without a `studylog.toml` gets.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use crate::config::{Config, LinkStyle};
use crate::parse::name_pattern::{NamePattern, default_patterns};
use crate::syntax::FieldKind;

/// How one journal's files are parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// How numeric dates whose order is ambiguous (`01/12/2018`) are read:
    /// `[journal] date-order`, or when unset the order the workspace
    /// inferred from every file's numeric dates.
    pub date_order: DateOrder,
    /// How wiki links are read: Dendron writes `[[label|target]]`, the
    /// others `[[target|label]]`.
    pub link_style: LinkStyle,
    /// `[fields] aliases`: lower-case label -> field, beside the built-in
    /// label table.
    pub field_aliases: BTreeMap<String, FieldKind>,
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
    /// An unset `date-order` starts month-first; the workspace settles it
    /// once it has seen the files.
    pub fn from_config(config: &Config) -> Self {
        let patterns = config.daily_note_patterns();
        let daily_notes = if patterns == &**DEFAULT_NAMES {
            DailyNoteNames::default()
        } else {
            DailyNoteNames::new(patterns)
        };
        ParseOptions {
            date_order: config.date_order.unwrap_or_default(),
            field_aliases: config.field_aliases.clone(),
            daily_notes,
            link_style: config.effective_link_style(),
        }
    }
}

impl DateOrder {
    /// How the order is written in `studylog.toml` and in `stats`.
    pub const fn name(self) -> &'static str {
        match self {
            DateOrder::MonthFirst => "mdy",
            DateOrder::DayFirst => "dmy",
        }
    }
}
