//! Test fixtures, the one module every unit test builds journals with: a
//! whole journal written as one string, each file introduced by a `//- path`
//! line, loaded into a [`Journal`]; a cursor `$0` (or a range between two
//! `$0` markers) for the editor features ([`parse`]); a compact rendering of
//! diagnostics (`path:line: severity[code] message`) and of places and edits
//! for snapshots.

use std::sync::Arc;

use jiff::civil::Date;

use crate::config::{CONFIG_FILE, Config, parse_config};
use crate::diagnostic::Diagnostic;
use crate::journal::Journal;
use crate::text::Span;

/// The day fixture tests run on: Thursday 2026-11-26 (also the date the
/// integration tests' `tests/support` pins).
pub const TODAY: Date = Date::constant(2026, 11, 26);

/// Splits a fixture into `(path, text)` pairs. Text before the first `//-`
/// line is ignored; each file's text keeps its final newline.
pub fn files(fixture: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in fixture.split_inclusive('\n') {
        if let Some(path) = line.strip_prefix("//- ") {
            out.push((path.trim().to_string(), String::new()));
        } else if let Some((_, text)) = out.last_mut() {
            text.push_str(line);
        }
    }
    out
}

/// A workspace holding the fixture's files; a `studylog.toml` among them is
/// parsed as the config.
pub fn workspace(fixture: &str) -> Journal {
    let files = files(fixture);
    let (config, problems) = files
        .iter()
        .find(|(path, _)| path == CONFIG_FILE)
        .map(|(_, text)| parse_config(text))
        .unwrap_or_default();
    let mut ws = Journal::new(config, problems);
    for (path, text) in files.iter().filter(|(path, _)| path != CONFIG_FILE) {
        ws.set_file(path, Arc::from(text.as_str()));
    }
    ws
}

/// One line per diagnostic: `path:line: severity[code] message`, lines 1-based.
pub fn render(ws: &Journal, fixture: &str, diagnostics: &[Diagnostic]) -> String {
    let config_text = files(fixture)
        .into_iter()
        .find(|(path, _)| path == CONFIG_FILE)
        .map(|(_, text)| text)
        .unwrap_or_default();
    let mut out = String::new();
    for d in diagnostics {
        let line = match ws.file(&d.path) {
            Some(file) => file.line_index.line_of(d.span.start()) + 1,
            None => crate::text::LineIndex::new(&config_text).line_of(d.span.start()) + 1,
        };
        out.push_str(&format!(
            "{}:{line}: {}[{}] {}\n",
            d.path,
            d.severity.as_str(),
            d.code,
            d.message
        ));
        for related in &d.related {
            let line = ws
                .file(&related.path)
                .map_or(0, |f| f.line_index.line_of(related.span.start()) + 1);
            out.push_str(&format!(
                "  related {}:{line}: {}\n",
                related.path, related.message
            ));
        }
        for fix in &d.fixes {
            out.push_str(&format!("  fix: {}\n", fix.title));
        }
    }
    out
}

/// The text of `path` after applying every edit of the first fix of each
/// diagnostic that has one (edits to that file only, applied back to front).
pub fn apply_fixes(ws: &Journal, path: &str, diagnostics: &[Diagnostic]) -> String {
    let Some(file) = ws.file(path) else {
        return String::new();
    };
    let mut edits: Vec<&crate::diagnostic::TextEdit> = diagnostics
        .iter()
        .filter_map(|d| d.fixes.first())
        .flat_map(|f| f.edits.iter())
        .filter(|e| e.path == path)
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.span.start(), e.span.end())));
    let mut text = file.text.to_string();
    for edit in edits {
        text.replace_range(edit.span.range(), &edit.new_text);
    }
    text
}

/// A fixture parsed for an editor feature: the workspace and the cursor.
pub(crate) struct Fixture {
    pub ws: Journal,
    /// The file holding the cursor.
    pub path: String,
    /// The cursor (the start of the range when there are two markers).
    pub offset: usize,
    pub range: Span,
    pub config_text: Option<String>,
}

const CURSOR: &str = "$0";

fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(line.get(indent..).unwrap_or(line.trim_start()));
        out.push('\n');
    }
    out
}

/// Parses a fixture into a workspace and the cursor's place.
pub(crate) fn parse(fixture: &str) -> Fixture {
    let fixture = dedent(fixture.trim_start_matches('\n'));
    let head = fixture.split("//- ").next().unwrap_or("");
    assert!(
        head.trim().is_empty(),
        "fixture text before the first `//- path`: {head:?}"
    );
    let files = files(&fixture);
    // Without a `studylog.toml`, the built-in catalog is off, so that the
    // fixture's own topics are the whole universe of a test.
    let mut ws = Journal::default();
    let quiet = Config {
        builtin_topics: false,
        ..Config::default()
    };
    ws.set_config(quiet, Vec::new());
    let mut cursor: Option<(String, usize, Span)> = None;
    let mut config_text = None;
    let last_path = files.last().map(|(p, _)| p.clone()).unwrap_or_default();
    for (path, mut text) in files {
        if let Some(start) = text.find(CURSOR) {
            text.replace_range(start..start + CURSOR.len(), "");
            let end = match text.find(CURSOR) {
                Some(end) => {
                    text.replace_range(end..end + CURSOR.len(), "");
                    end
                }
                None => start,
            };
            cursor = Some((path.clone(), start, Span::new(start, end)));
        }
        if path == crate::config::CONFIG_FILE {
            let (config, problems) = parse_config(&text);
            ws.set_config(config, problems);
            config_text = Some(text);
        } else {
            ws.set_file(&path, Arc::from(text.as_str()));
        }
    }
    // Without a cursor, the fixture's last file is the one under test.
    let (path, offset, range) = cursor.unwrap_or((last_path, 0, Span::default()));
    Fixture {
        ws,
        path,
        offset,
        range,
        config_text,
    }
}

/// The text of a file of the workspace.
pub(crate) fn text_of<'a>(ws: &'a Journal, path: &str) -> &'a str {
    ws.file(path).map_or("", |f| &f.text)
}

/// `path:line:col` (1-based, columns in characters) of an offset, for snapshots.
pub(crate) fn loc(ws: &Journal, path: &str, span: Span) -> String {
    let text = text_of(ws, path);
    let idx = crate::text::LineIndex::new(text);
    let start = idx.position(text, span.start(), crate::text::ColumnUnit::Scalar);
    let end = idx.position(text, span.end(), crate::text::ColumnUnit::Scalar);
    if start == end {
        format!("{path}:{}:{}", start.line + 1, start.col + 1)
    } else if start.line == end.line {
        format!(
            "{path}:{}:{}-{}",
            start.line + 1,
            start.col + 1,
            end.col + 1
        )
    } else {
        format!(
            "{path}:{}:{}-{}:{}",
            start.line + 1,
            start.col + 1,
            end.line + 1,
            end.col + 1
        )
    }
}

/// Every file `edits` touch (in the order they come), each as `--- path`
/// and its text with its edits applied.
pub(crate) fn edited_files(ws: &Journal, edits: &[crate::diagnostic::TextEdit]) -> String {
    let mut paths: Vec<&str> = edits.iter().map(|e| e.path.as_str()).collect();
    paths.dedup();
    let mut out = String::new();
    for path in paths {
        let in_path: Vec<(Span, String)> = edits
            .iter()
            .filter(|e| e.path == path)
            .map(|e| (e.span, e.new_text.clone()))
            .collect();
        out.push_str(&format!(
            "--- {path}\n{}",
            apply(text_of(ws, path), &in_path)
        ));
    }
    out
}

/// Applies edits (spans into `text`) and returns the new text.
pub(crate) fn apply(text: &str, edits: &[(Span, String)]) -> String {
    let mut edits: Vec<&(Span, String)> = edits.iter().collect();
    edits.sort_by_key(|(s, _)| (s.start(), s.end()));
    let mut out = String::new();
    let mut at = 0;
    for (span, new_text) in edits {
        out.push_str(text.get(at..span.start()).unwrap_or(""));
        out.push_str(new_text);
        at = span.end().max(at);
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}
