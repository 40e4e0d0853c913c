//! `workspace/executeCommand`: `studylog.stats` (the CLI's stats JSON) and
//! `studylog.newEntry` (an edit inserting today's entry, which the client
//! applies: the server never writes files itself).

use jiff::civil::Date;

use crate::syntax::{EntryKind, JournalFile};
use crate::workspace::Workspace;

pub const STATS: &str = "studylog.stats";
pub const NEW_ENTRY: &str = "studylog.newEntry";

/// Every command the server executes.
pub const ALL: [&str; 2] = [STATS, NEW_ENTRY];

/// An insertion of a new entry: at byte `offset` of the file, `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Insertion {
    pub offset: usize,
    pub text: String,
}

/// The fields a new entry starts with: the journal's required ones.
fn field_lines(ws: &Workspace, newline: &str) -> String {
    let mut out = String::new();
    for kind in &ws.config().required {
        let name = kind.name();
        if !name.is_empty() {
            out.push_str(name);
            out.push_str(":: ");
            out.push_str(newline);
        }
    }
    out
}

/// Where and what to insert for a new entry dated `today` in `file`: a
/// dated heading at the level the file's entries use, at the end of the
/// file, or at its top when the file runs newest first.
pub fn entry_insertion(ws: &Workspace, file: &JournalFile, today: Date) -> Insertion {
    let text = &*file.text;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let level = file
        .entries
        .iter()
        .rev()
        .find_map(|e| match e.kind {
            EntryKind::Heading { level, .. } => Some(level),
            EntryKind::DailyNote => None,
        })
        .unwrap_or(2);
    let hashes = "#".repeat(usize::from(level.clamp(1, 6)));
    let body = format!(
        "{hashes} {today}{newline}{newline}{}",
        field_lines(ws, newline)
    );
    let headed: Vec<_> = file
        .entries
        .iter()
        .filter(|e| matches!(e.kind, EntryKind::Heading { .. }))
        .collect();
    if let (Some(first), Some(last)) = (headed.first(), headed.last()) {
        if headed.len() > 1 && first.date > last.date {
            return Insertion {
                offset: first.anchor.start,
                text: format!("{body}{newline}"),
            };
        }
    }
    let separator = if text.is_empty() || text.ends_with(&format!("{newline}{newline}")) {
        ""
    } else if text.ends_with('\n') || text.ends_with('\r') {
        newline
    } else {
        &format!("{newline}{newline}")
    };
    Insertion {
        offset: text.len(),
        text: format!("{separator}{body}"),
    }
}

/// The content of a new daily note for `today`.
pub fn daily_note(ws: &Workspace, today: Date) -> String {
    format!("# {today}\n\n{}", field_lines(ws, "\n"))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn insertion(text: &str) -> Insertion {
        let mut ws = Workspace::default();
        let file = ws.set_file("log.md", Arc::from(text));
        entry_insertion(&ws, &file, jiff::civil::date(2026, 11, 26))
    }

    #[test]
    fn appends_after_a_blank_line_with_the_required_fields() {
        let got = insertion("# Log\n\nsome text");
        assert_eq!(got.offset, "# Log\n\nsome text".len());
        assert_eq!(got.text, "\n\n## 2026-11-26\n\ntopic:: \ntime:: \n");
        assert_eq!(insertion("").text, "## 2026-11-26\n\ntopic:: \ntime:: \n");
        assert_eq!(
            insertion("x\r\n").text,
            "\r\n## 2026-11-26\r\n\r\ntopic:: \r\ntime:: \r\n"
        );
    }
}
