//! The core diagnostics of the open documents as last checked (by the
//! diagnostics worker, a pull or a code action), with the fixes they carry:
//! code actions answer from them instead of checking the file again, whose
//! `missed-days` pass reads the whole timeline.
//!
//! An entry is current while the state is the one it was computed on: it is
//! stamped with the state lock's generation (every exclusive lock counts
//! one, see [`super::state_lock::StateLock::generation`]) and the date, and
//! entries of an older generation are dropped as soon as a newer one comes
//! in. So only the open documents' diagnostics of the current state are
//! held, and an entry can never be stale: any change at all (an edit of
//! this document or of another file, a setting, a rescan) retires it.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;

use super::state::FolderId;
use crate::diagnostic::Diagnostic;

/// The open documents' diagnostics of one state generation.
#[derive(Debug, Default)]
pub(super) struct LastChecked {
    generation: u64,
    today: Option<Date>,
    files: HashMap<(FolderId, String), Arc<[Diagnostic]>>,
}

impl LastChecked {
    /// Keeps the diagnostics of `path` as computed on state `generation`
    /// for `today`. Older than what is held: ignored (a newer state exists).
    pub(super) fn keep(
        &mut self,
        generation: u64,
        today: Date,
        id: FolderId,
        path: String,
        diagnostics: Vec<Diagnostic>,
    ) {
        if generation < self.generation {
            return;
        }
        if generation > self.generation || self.today != Some(today) {
            self.files.clear();
            self.generation = generation;
            self.today = Some(today);
        }
        self.files.insert((id, path), diagnostics.into());
    }

    /// The diagnostics of `path` when they were computed on state
    /// `generation` for `today`.
    pub(super) fn get(
        &self,
        generation: u64,
        today: Date,
        id: FolderId,
        path: &str,
    ) -> Option<Arc<[Diagnostic]>> {
        if generation != self.generation || self.today != Some(today) {
            return None;
        }
        self.files.get(&(id, path.to_string())).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::text::Span;

    fn one(message: &str) -> Vec<Diagnostic> {
        vec![Diagnostic::new(
            Code::EmptyEntry,
            "a.md",
            Span::new(0, 1),
            message,
        )]
    }

    #[test]
    fn entries_hold_for_their_generation_and_date_only() {
        let today: Date = "2026-11-26".parse().expect("date");
        let mut kept = LastChecked::default();
        kept.keep(3, today, 1, "a.md".into(), one("first"));
        assert_eq!(
            kept.get(3, today, 1, "a.md").map(|d| d[0].message.clone()),
            Some("first".to_string())
        );
        assert!(kept.get(4, today, 1, "a.md").is_none(), "a newer state");
        assert!(
            kept.get(3, today.tomorrow().expect("date"), 1, "a.md")
                .is_none()
        );
        assert!(kept.get(3, today, 2, "a.md").is_none(), "another journal");

        // A result of an older state never replaces a newer one.
        kept.keep(5, today, 1, "b.md".into(), Vec::new());
        kept.keep(4, today, 1, "a.md".into(), one("old"));
        assert!(kept.get(5, today, 1, "a.md").is_none());
        assert_eq!(kept.get(5, today, 1, "b.md").map(|d| d.len()), Some(0));
        assert_eq!(
            kept.files.len(),
            1,
            "the older generation's entries are gone"
        );
    }
}
