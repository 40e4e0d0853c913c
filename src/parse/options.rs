//! The per-journal settings the parser reads ([`ParseOptions`]): everything
//! that makes the same text parse differently in two journals. Built from the
//! journal's [`Config`] by the workspace, the scanner and the server; the
//! default is what a journal without a `studylog.toml` gets.

use crate::config::Config;

/// How one journal's files are parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// How numeric dates whose order is ambiguous (`01/12/2018`) are read.
    pub date_order: DateOrder,
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
    pub fn from_config(_config: &Config) -> Self {
        ParseOptions::default()
    }
}
