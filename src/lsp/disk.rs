//! Reading single journal files and the config from disk after a change, and
//! deciding which paths belong to a journal. The initial walk of a folder is
//! [`crate::scan::load_workspace`]; this is for one path at a time.

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::config::Config;
use crate::scan::MAX_FILE_BYTES;

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

/// Reads a file as journal text: skipped when too large, binary (NUL bytes)
/// or not UTF-8, as the workspace scan does.
pub fn read_text(path: &Path) -> DiskText {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return DiskText::Missing,
        Err(e) => return DiskText::Skipped(format!("cannot read: {e}")),
    };
    if !meta.is_file() {
        return DiskText::Missing;
    }
    if meta.len() > MAX_FILE_BYTES {
        return DiskText::Skipped(format!("larger than {} MiB", MAX_FILE_BYTES >> 20));
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return DiskText::Missing,
        Err(e) => return DiskText::Skipped(format!("cannot read: {e}")),
    };
    if bytes.contains(&0) {
        return DiskText::Skipped("binary file".to_string());
    }
    match String::from_utf8(bytes) {
        Ok(text) => DiskText::Text(text),
        Err(_) => DiskText::Skipped("not valid UTF-8".to_string()),
    }
}

/// True for a markdown file name (`.md`, `.markdown`, any case).
pub fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Which workspace-relative paths belong to a journal: markdown files
/// matching `include` and not `exclude`, outside hidden files and
/// folders and `node_modules` (as the workspace scan walks).
#[derive(Clone, Debug)]
pub struct JournalPaths {
    include: GlobSet,
    exclude: GlobSet,
}

impl JournalPaths {
    pub fn new(config: &Config) -> Self {
        JournalPaths {
            include: glob_set(&config.include),
            exclude: glob_set(&config.exclude),
        }
    }

    pub fn contains(&self, rel: &str) -> bool {
        if !is_markdown(rel) {
            return false;
        }
        if rel
            .split('/')
            .any(|part| part.starts_with('.') || part == "node_modules")
        {
            return false;
        }
        (self.include.is_empty() || self.include.is_match(rel)) && !self.exclude.is_match(rel)
    }
}

fn glob_set(patterns: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        match Glob::new(pattern) {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(e) => tracing::warn!("ignoring glob {pattern:?}: {e}"),
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_paths_follow_globs_and_skip_hidden_folders() {
        let config = Config {
            exclude: vec!["templates/**".to_string()],
            ..Config::default()
        };
        let paths = JournalPaths::new(&config);
        assert!(paths.contains("2026-11-26.md"));
        assert!(paths.contains("log/week.markdown"));
        assert!(!paths.contains("templates/day.md"));
        assert!(!paths.contains(".obsidian/x.md"));
        assert!(!paths.contains("node_modules/pkg/readme.md"));
        assert!(!paths.contains("studylog.toml"));
    }

    #[test]
    fn binary_and_missing_files_are_not_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bin = dir.path().join("b.md");
        std::fs::write(&bin, b"a\0b").expect("write");
        assert!(matches!(read_text(&bin), DiskText::Skipped(_)));
        assert!(matches!(read_text(&dir.path().join("none.md")), DiskText::Missing));
        let ok = dir.path().join("ok.md");
        std::fs::write(&ok, "# hi").expect("write");
        assert!(matches!(read_text(&ok), DiskText::Text(t) if t == "# hi"));
    }
}
