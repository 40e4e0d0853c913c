//! Reading single journal files and the config from disk after a change.
//! The initial walk of a folder is [`crate::scan::load_workspace`]; this is
//! for one path at a time, after a change.

use std::path::Path;

use crate::scan::read_journal_text;

/// What a path holds on disk right now.
#[derive(Debug)]
pub enum DiskText {
    /// A readable UTF-8 text file.
    Text(String),
    /// Nothing (deleted, or never there).
    Missing,
    /// Present but not usable as a journal file; the reason goes to the log.
    Skipped(String),
}

/// Reads a file as journal text with the scanner's skip rules (too large,
/// binary, not UTF-8, unreadable).
pub fn read_text(path: &Path) -> DiskText {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => match read_journal_text(path) {
            Ok(text) => DiskText::Text(text),
            Err(reason) if path.exists() => DiskText::Skipped(reason),
            Err(_) => DiskText::Missing,
        },
        Ok(_) => DiskText::Missing,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => DiskText::Missing,
        Err(e) => DiskText::Skipped(format!("cannot read: {e}")),
    }
}

/// True for a markdown file name (`.md`, `.markdown`, any case).
pub fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_missing_files_are_not_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bin = dir.path().join("b.md");
        std::fs::write(&bin, b"a\0b").expect("write");
        assert!(matches!(read_text(&bin), DiskText::Skipped(_)));
        assert!(matches!(
            read_text(&dir.path().join("none.md")),
            DiskText::Missing
        ));
        let ok = dir.path().join("ok.md");
        std::fs::write(&ok, "# hi").expect("write");
        assert!(matches!(read_text(&ok), DiskText::Text(t) if t == "# hi"));
    }
}
