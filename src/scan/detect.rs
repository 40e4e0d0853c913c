//! Reading a vault's own tool settings at the journal root (the I/O half of
//! auto-detection; `vault.rs` interprets what is read here): Logseq's
//! `logseq/config.edn` (EDN), Obsidian's `.obsidian/*.json`, Dendron's
//! `dendron.yml` (YAML) and Foam's `.foam/` or `.vscode/settings.json`
//! (JSON with comments). A file that cannot be read or parsed is a
//! `config-error` on that file (on its line when the parser says), and the
//! tool's defaults apply: never a failed load.

use std::path::Path;

use clojure_reader::edn::Edn;
use saphyr::{LoadableYamlNode, Yaml};

use super::{Refusal, read_regular};

use crate::diagnostic::{Code, Diagnostic};
use crate::text::{ColumnUnit, LineCol, LineIndex, Span};
use crate::vault::{
    self, DendronSettings, FoamSettings, Located, LogseqSettings, ObsidianSettings, VaultSettings,
};

/// Tool settings files are small; anything larger is not one.
const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;

pub const LOGSEQ_CONFIG: &str = "logseq/config.edn";
pub const OBSIDIAN_DIR: &str = ".obsidian";
pub const OBSIDIAN_DAILY_NOTES: &str = ".obsidian/daily-notes.json";
pub const OBSIDIAN_PERIODIC_NOTES: &str = ".obsidian/plugins/periodic-notes/data.json";
pub const OBSIDIAN_TEMPLATES: &str = ".obsidian/templates.json";
pub const OBSIDIAN_TEMPLATER: &str = ".obsidian/plugins/templater-obsidian/data.json";
pub const DENDRON_CONFIG: &str = "dendron.yml";
pub const FOAM_DIR: &str = ".foam";
pub const VSCODE_SETTINGS: &str = ".vscode/settings.json";

/// What was detected at a root, and what was wrong with the files read.
#[derive(Clone, Debug, Default)]
pub struct Detection {
    pub vault: VaultSettings,
    pub problems: Vec<Diagnostic>,
    /// The text of each tool file with a problem, by workspace-relative
    /// path: what the server places those problems' spans in (the CLI reads
    /// them when it renders). Empty when nothing is wrong.
    pub texts: Vec<(String, std::sync::Arc<str>)>,
}

/// Detects the vault's tool at `root`. When several tools' files are there,
/// the first of Logseq, Obsidian, Dendron, Foam wins (a Logseq graph inside
/// an Obsidian vault is read as Logseq: its config names the journals).
pub fn detect_vault(root: &Path) -> Detection {
    let mut problems = Vec::new();
    let vault = if root.join(LOGSEQ_CONFIG).is_file() {
        logseq(root, &mut problems)
    } else if root.join(OBSIDIAN_DIR).is_dir() {
        obsidian(root, &mut problems)
    } else if root.join(DENDRON_CONFIG).is_file() {
        dendron(root, &mut problems)
    } else if let Some(sources) = foam_sources(root) {
        foam(root, sources, &mut problems)
    } else {
        VaultSettings::default()
    };
    Detection {
        vault,
        problems,
        texts: Vec::new(),
    }
}

/// Reads a settings file as text; `None` when it is absent or a folder.
/// Unreadable, oversized, non-UTF-8 or non-regular files (a FIFO, a device)
/// are a problem and `None`. Read through `read_regular`, which checks the
/// opened file itself, so a file swapped between a look at its path and
/// the read cannot slip past the checks.
fn read(root: &Path, rel: &str, problems: &mut Vec<Diagnostic>) -> Option<String> {
    let problem = |why: String| {
        Diagnostic::new(
            Code::ConfigError,
            rel,
            Span::empty(0),
            format!("{rel} {why}; studylog uses its defaults for this vault"),
        )
    };
    match read_regular(&root.join(rel), MAX_SETTINGS_BYTES) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(e) => {
                problems.push(problem(format!(
                    "is not valid UTF-8 (bad byte at offset {})",
                    e.utf8_error().valid_up_to()
                )));
                None
            }
        },
        Err(Refusal::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(Refusal::NotRegular("a folder")) => None,
        Err(Refusal::NotRegular(kind)) => {
            problems.push(problem(format!("is {kind}, not a regular file")));
            None
        }
        Err(Refusal::TooLarge(len)) => {
            problems.push(problem(format!(
                "is larger than 1 MiB ({len} bytes), too large for a settings file"
            )));
            None
        }
        Err(Refusal::Io(e)) => {
            problems.push(problem(format!("cannot be read ({e})")));
            None
        }
    }
}

/// The span of the first line holding `needle` (a key as written), or an
/// empty span at the start when it is not found.
fn line_of(text: &str, needle: &str) -> Span {
    let Some(at) = text.find(needle) else {
        return Span::empty(0);
    };
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    Span::new(start, end)
}

/// A 1-based line and column (as parsers report them) as a one-character span.
fn point(text: &str, line: usize, column: usize) -> Span {
    let index = LineIndex::new(text);
    let line = line
        .saturating_sub(1)
        .min(index.line_count().saturating_sub(1));
    let at = index.offset(
        text,
        LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(column.saturating_sub(1)).unwrap_or(u32::MAX),
        },
        ColumnUnit::Scalar,
    );
    widen(text, at)
}

fn widen(text: &str, at: usize) -> Span {
    let at = at.min(text.len());
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c) if c != '\n' && c != '\r' => Span::new(at, at + c.len_utf8()),
        _ => Span::empty(at),
    }
}

fn syntax_problem(rel: &str, span: Span, what: &str, why: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::new(
        Code::ConfigError,
        rel,
        span,
        format!("{rel} is not valid {what}: {why}; studylog uses its defaults for this vault"),
    )
}

// ---------------------------------------------------------------- Logseq

fn logseq(root: &Path, problems: &mut Vec<Diagnostic>) -> VaultSettings {
    let mut settings = LogseqSettings::default();
    if let Some(text) = read(root, LOGSEQ_CONFIG, problems) {
        match &clojure_reader::edn::read_string(&text) {
            Ok(Edn::Map(map)) => {
                let string = |key: &str| -> Option<Located> {
                    match map.get(&Edn::Key(key.into())) {
                        Some(Edn::Str(s)) => Some(Located {
                            value: s.to_string(),
                            path: LOGSEQ_CONFIG.to_string(),
                            span: line_of(&text, &format!(":{key}")),
                        }),
                        _ => None,
                    }
                };
                settings.file_name_format = string("journal/file-name-format");
                settings.page_title_format = string("journal/page-title-format");
                settings.journals_directory = string("journals-directory");
                settings.pages_directory = string("pages-directory");
                if let Some(Edn::Vector(items) | Edn::List(items)) =
                    map.get(&Edn::Key("hidden".into()))
                {
                    let span = line_of(&text, ":hidden");
                    for item in items {
                        if let Edn::Str(s) = item {
                            settings.hidden.push(Located {
                                value: s.to_string(),
                                path: LOGSEQ_CONFIG.to_string(),
                                span,
                            });
                        }
                    }
                }
            }
            Ok(_) => problems.push(syntax_problem(
                LOGSEQ_CONFIG,
                Span::empty(0),
                "Logseq config",
                "it must be one map, `{...}`",
            )),
            Err(e) => {
                let span = match (e.ptr, e.line, e.column) {
                    (Some(ptr), _, _) => widen(&text, ptr),
                    (None, Some(line), Some(column)) => point(&text, line, column),
                    _ => Span::empty(0),
                };
                problems.push(syntax_problem(
                    LOGSEQ_CONFIG,
                    span,
                    "EDN",
                    words(&format!("{:?}", e.code)),
                ));
            }
        }
    }
    vault::logseq(&settings, vec![LOGSEQ_CONFIG.to_string()], problems)
}

/// An error code's name as words: `UnexpectedEOF` → `unexpected end of file`.
fn words(code: &str) -> String {
    let code = code.replace("EOF", "EndOfFile");
    let mut out = String::new();
    for c in code.chars() {
        if c.is_uppercase() && !out.is_empty() {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

// -------------------------------------------------------------- Obsidian

/// Parses a JSON settings file into a value, or reports why not.
fn json(
    root: &Path,
    rel: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<(String, serde_json::Value)> {
    let text = read(root, rel, problems)?;
    let cleaned = strip_jsonc(&text);
    match serde_json::from_str::<serde_json::Value>(&cleaned) {
        Ok(value) => Some((text, value)),
        Err(e) => {
            let span = point(&text, e.line(), e.column());
            problems.push(syntax_problem(rel, span, "JSON", e));
            None
        }
    }
}

/// A string member `key` of `object` (a JSON object), located on its line.
fn json_string(text: &str, rel: &str, object: &serde_json::Value, key: &str) -> Option<Located> {
    let value = object.get(key)?.as_str()?;
    Some(Located {
        value: value.to_string(),
        path: rel.to_string(),
        span: line_of(text, &format!("\"{key}\"")),
    })
}

fn obsidian(root: &Path, problems: &mut Vec<Diagnostic>) -> VaultSettings {
    let mut settings = ObsidianSettings::default();
    let mut sources = vec![format!("{OBSIDIAN_DIR}/")];
    if let Some((text, value)) = json(root, OBSIDIAN_DAILY_NOTES, problems) {
        sources.push(OBSIDIAN_DAILY_NOTES.to_string());
        settings.daily_format = json_string(&text, OBSIDIAN_DAILY_NOTES, &value, "format");
        settings.daily_folder = json_string(&text, OBSIDIAN_DAILY_NOTES, &value, "folder");
    }
    if let Some((text, value)) = json(root, OBSIDIAN_PERIODIC_NOTES, problems) {
        // Periodic Notes keeps one object per period; the daily one counts
        // when it is enabled (or says nothing about it).
        if let Some(daily) = value.get("daily").filter(|d| {
            d.get("enabled")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(true)
        }) {
            sources.push(OBSIDIAN_PERIODIC_NOTES.to_string());
            settings.periodic_format = json_string(&text, OBSIDIAN_PERIODIC_NOTES, daily, "format")
                .filter(|f| !f.value.trim().is_empty());
            settings.periodic_folder = json_string(&text, OBSIDIAN_PERIODIC_NOTES, daily, "folder");
        }
    }
    if let Some((text, value)) = json(root, OBSIDIAN_TEMPLATES, problems) {
        sources.push(OBSIDIAN_TEMPLATES.to_string());
        settings
            .templates_folders
            .extend(json_string(&text, OBSIDIAN_TEMPLATES, &value, "folder"));
    }
    if let Some((text, value)) = json(root, OBSIDIAN_TEMPLATER, problems) {
        if let Some(folder) = json_string(&text, OBSIDIAN_TEMPLATER, &value, "templates_folder") {
            sources.push(OBSIDIAN_TEMPLATER.to_string());
            settings.templates_folders.push(folder);
        }
    }
    vault::obsidian(&settings, sources, problems)
}

/// JSON with comments and trailing commas (VS Code's settings) as plain
/// JSON: comments and those commas become spaces, so offsets, lines and
/// columns stay those of the original text.
fn strip_jsonc(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    let mut in_string = false;
    // The position of the last comma outside strings, while only blanks and
    // comments followed it.
    let mut pending_comma: Option<usize> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                pending_comma = None;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    blank(&mut out, i);
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = text
                    .get(i + 2..)
                    .and_then(|rest| rest.find("*/"))
                    .map_or(bytes.len(), |e| i + 2 + e + 2);
                for j in i..end {
                    blank(&mut out, j);
                }
                i = end;
                continue;
            }
            b',' => pending_comma = Some(i),
            b'}' | b']' => {
                if let Some(c) = pending_comma.take() {
                    out[c] = b' ';
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => pending_comma = None,
        }
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII spaces (multi-byte characters
    // inside comments keep their bytes' count as spaces): still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Blanks one byte of a comment, keeping line breaks.
fn blank(out: &mut [u8], i: usize) {
    if let Some(b) = out.get_mut(i) {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

// --------------------------------------------------------------- Dendron

fn dendron(root: &Path, problems: &mut Vec<Diagnostic>) -> VaultSettings {
    let mut settings = DendronSettings::default();
    if let Some(text) = read(root, DENDRON_CONFIG, problems) {
        // saphyr's loader recurses once per nesting level: a deep enough
        // file would overflow the stack.
        let too_deep = crate::parse::nesting_too_deep(&text);
        match too_deep.map_or_else(|| Yaml::load_from_str(&text).map(Some), |_| Ok(None)) {
            Ok(None) => {
                let line = too_deep.map_or(1, |d| d.line);
                problems.push(syntax_problem(
                    DENDRON_CONFIG,
                    point(&text, line, 1),
                    "YAML",
                    format!(
                        "it is nested more than {} levels deep",
                        crate::parse::MAX_YAML_DEPTH
                    ),
                ));
            }
            Ok(Some(docs)) => {
                let doc = docs.first();
                // Version 5 moved `journal` under `workspace`.
                let journal = doc
                    .and_then(|d| d.as_mapping_get("workspace"))
                    .and_then(|w| w.as_mapping_get("journal"))
                    .or_else(|| doc.and_then(|d| d.as_mapping_get("journal")));
                if let Some(journal) = journal {
                    let string = |key: &str| {
                        journal
                            .as_mapping_get(key)
                            .and_then(|v| v.as_str())
                            .map(|v| Located {
                                value: v.to_string(),
                                path: DENDRON_CONFIG.to_string(),
                                span: line_of(&text, &format!("{key}:")),
                            })
                    };
                    settings.daily_domain = string("dailyDomain");
                    settings.name = string("name");
                    settings.date_format = string("dateFormat");
                    settings.add_behavior = string("addBehavior");
                }
            }
            Err(e) => {
                let marker = e.marker();
                let span = point(&text, marker.line(), marker.col() + 1);
                problems.push(syntax_problem(DENDRON_CONFIG, span, "YAML", e.info()));
            }
        }
    }
    vault::dendron(&settings, vec![DENDRON_CONFIG.to_string()], problems)
}

// ------------------------------------------------------------------ Foam

/// The files that make `root` a Foam workspace: a `.foam/` folder, or
/// `foam.*` keys in `.vscode/settings.json`.
fn foam_sources(root: &Path) -> Option<Vec<String>> {
    let mut sources = Vec::new();
    if root.join(FOAM_DIR).is_dir() {
        sources.push(format!("{FOAM_DIR}/"));
    }
    let settings = root.join(VSCODE_SETTINGS);
    if read_regular(&settings, MAX_SETTINGS_BYTES)
        .is_ok_and(|bytes| memchr::memmem::find(&bytes, b"\"foam.").is_some())
    {
        sources.push(VSCODE_SETTINGS.to_string());
    }
    (!sources.is_empty()).then_some(sources)
}

fn foam(root: &Path, sources: Vec<String>, problems: &mut Vec<Diagnostic>) -> VaultSettings {
    let mut settings = FoamSettings::default();
    if sources.iter().any(|s| s == VSCODE_SETTINGS) {
        if let Some((text, value)) = json(root, VSCODE_SETTINGS, problems) {
            settings.directory = json_string(
                &text,
                VSCODE_SETTINGS,
                &value,
                "foam.openDailyNote.directory",
            );
            settings.filename_format = json_string(
                &text,
                VSCODE_SETTINGS,
                &value,
                "foam.openDailyNote.filenameFormat",
            );
        }
    }
    vault::foam(&settings, sources, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonc_comments_and_trailing_commas_become_blanks() {
        let text = "{\n  // a comment, with \"quotes\"\n  \"a\": \"x // y\", /* é */\n  \"b\": [1, 2,],\n}\n";
        let cleaned = strip_jsonc(text);
        assert_eq!(cleaned.len(), text.len());
        let value: serde_json::Value = serde_json::from_str(&cleaned).unwrap();
        assert_eq!(value["a"], "x // y");
        assert_eq!(value["b"][1], 2);
    }

    #[test]
    fn line_of_finds_the_key_line() {
        let text = "{\n  \"format\": \"YYYY\"\n}";
        assert_eq!(
            line_of(text, "\"format\"").slice(text),
            "  \"format\": \"YYYY\""
        );
        assert_eq!(line_of(text, "\"folder\""), Span::empty(0));
    }
}
