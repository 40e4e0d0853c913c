//! Editor features as pure functions over the workspace: completion, hover,
//! navigation, symbols, code actions, folding and inlay hints. Each returns
//! domain values; the LSP adapter turns them into protocol types.
//!
//! Entry points (one per feature file):
//! - [`completion::completions`]
//! - [`hover::hover`]
//! - [`navigation::definition`], [`navigation::references`],
//!   [`navigation::prepare_rename`], [`navigation::rename`]
//! - [`symbols::document_symbols`], [`symbols::workspace_symbols`]
//! - [`actions::code_actions`]
//! - [`new_entry::new_entry`]
//! - [`folding::folding_ranges`]
//! - [`inlay::inlay_hints`]
//! - [`missed_days`]
//!
//! Every entry point takes byte offsets, clamps them to the text and to a
//! character boundary, and never panics on a position that does not fit.

pub mod actions;
pub mod completion;
pub mod folding;
pub mod hover;
pub mod inlay;
pub mod navigation;
pub mod new_entry;
pub mod symbols;

mod journal;
mod lookup;
mod template;

#[cfg(test)]
mod tests;

use crate::text::Span;

/// The latest days before `today` that the cadence expected and the journal
/// missed, latest first, at most `limit`; none for a weekly cadence, whose
/// misses are weeks, not days (the editors' "missed days" pickers).
pub fn missed_days(
    ws: &crate::journal::Journal,
    today: jiff::civil::Date,
    limit: usize,
) -> Vec<jiff::civil::Date> {
    journal::latest_missed(ws, today, limit)
}

/// A place in the workspace: a file and a byte span in it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Journal-relative path with `/` separators.
    pub path: String,
    pub span: Span,
}

/// A file the editor should create (through a workspace edit), with its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileCreate {
    /// Journal-relative path with `/` separators.
    pub path: String,
    pub content: String,
}

/// A file the editor should rename (through a workspace edit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRename {
    pub from: String,
    pub to: String,
}

/// Clamps `offset` to `text` and moves it back to a character boundary, so a
/// position from an editor that does not fit the text never panics.
pub(crate) fn clamp_offset(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
