//! Test fixtures: a whole journal written as one string, each file introduced
//! by a `//- path` line, loaded into a [`Workspace`]; and a compact rendering
//! of diagnostics (`path:line: severity[code] message`) for snapshots.

use std::sync::Arc;

use jiff::civil::Date;

use crate::config::{CONFIG_FILE, parse_config};
use crate::diagnostic::Diagnostic;
use crate::workspace::Workspace;

/// The day fixture tests run on: Thursday 2026-11-26.
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
pub fn workspace(fixture: &str) -> Workspace {
    let files = files(fixture);
    let (config, problems) = files
        .iter()
        .find(|(path, _)| path == CONFIG_FILE)
        .map(|(_, text)| parse_config(text))
        .unwrap_or_default();
    let mut ws = Workspace::new(config, problems);
    for (path, text) in files.iter().filter(|(path, _)| path != CONFIG_FILE) {
        ws.set_file(path, Arc::from(text.as_str()));
    }
    ws
}

/// One line per diagnostic: `path:line: severity[code] message`, lines 1-based.
pub fn render(ws: &Workspace, fixture: &str, diagnostics: &[Diagnostic]) -> String {
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
pub fn apply_fixes(ws: &Workspace, path: &str, diagnostics: &[Diagnostic]) -> String {
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
