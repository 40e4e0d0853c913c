//! The journal parser: markdown text in, a [`JournalFile`] out. Never fails;
//! what is malformed becomes a problem diagnostic on the file.

use std::sync::Arc;

use crate::syntax::JournalFile;
use crate::text::LineIndex;

/// Parses one file. `path` is workspace-relative with `/` separators (its
/// file name decides whether the file is a daily note).
pub fn parse_file(path: &str, text: Arc<str>) -> JournalFile {
    JournalFile {
        path: path.to_string(),
        line_index: LineIndex::new(&text),
        text,
        name_date: None,
        frontmatter: None,
        headings: Vec::new(),
        entries: Vec::new(),
        tags: Vec::new(),
        links: Vec::new(),
        problems: Vec::new(),
    }
}
