//! Folding ranges: each dated entry (heading to the last line of its body)
//! and the frontmatter block.

use crate::journal::Journal;
use crate::syntax::{EntryKind, JournalFile};
use crate::text::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Entry,
    Frontmatter,
}

/// One foldable region: from the start of its first line to the end of its
/// last non-blank line (always more than one line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fold {
    pub span: Span,
    pub kind: FoldKind,
}

/// The folding ranges of the file at `path`, in document order.
pub fn folding_ranges(ws: &Journal, path: &str) -> Vec<Fold> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(fm) = &file.frontmatter {
        push_fold(file, fm.span, FoldKind::Frontmatter, &mut out);
    }
    for e in &file.entries {
        // A daily note is the whole file: nothing to fold it into.
        if matches!(e.kind, EntryKind::Heading { .. }) {
            push_fold(
                file,
                Span::new(e.anchor.start(), e.span.end()),
                FoldKind::Entry,
                &mut out,
            );
        }
    }
    out.sort_by_key(|f| f.span);
    out
}

fn push_fold(file: &JournalFile, span: Span, kind: FoldKind, out: &mut Vec<Fold>) {
    let text: &str = &file.text;
    let trimmed = span.slice(text).trim_end();
    let end = span.start() + trimmed.len();
    let first = file.line_index.line_of(span.start());
    let last = file.line_index.line_of(end);
    if last > first {
        out.push(Fold {
            span: Span::new(span.start(), end),
            kind,
        });
    }
}
