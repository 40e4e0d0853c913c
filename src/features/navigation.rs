//! Navigation: go to definition (a topic's note or config entry, a link's
//! note or heading), find references (every mention of a topic, every link to
//! a note) and rename a topic across the whole journal.

use std::collections::BTreeSet;

use crate::config::LinkStyle;
use crate::diagnostic::TextEdit;
use crate::journal::{Journal, logseq_page_name};
use crate::syntax::{JournalFile, LinkKind};
use crate::text::Span;
use crate::topic::topic_key;

use super::journal::topic_note_of;
use super::lookup::{Mention, Target, link_destinations, linked_note, mentions, target_at};
use super::{FileRename, Location, clamp_offset};

/// Where the thing at `offset` is defined: a topic's note in the topics
/// folder and its entry in `studylog.toml` (`config_text`, when the journal
/// has one), or a link's note or heading.
pub fn definition(
    ws: &Journal,
    path: &str,
    offset: usize,
    config_text: Option<&str>,
) -> Vec<Location> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let offset = clamp_offset(&file.text, offset);
    match target_at(file, offset) {
        Some(Target::Topic(m)) => {
            let id = ws.resolve_topic(&m.key);
            let mut out = Vec::new();
            if let Some(note) = topic_note_of(ws, &id) {
                out.push(Location {
                    path: note.to_string(),
                    span: Span::empty(0),
                });
            }
            if let Some(config) = config_text {
                let keys = [id.as_str(), m.key.as_str(), m.written.as_str()];
                let mut seen = BTreeSet::new();
                for key in keys {
                    if let Some(span) = config_topic_key(config, key) {
                        if seen.insert(span) {
                            out.push(Location {
                                path: crate::config::CONFIG_FILE.to_string(),
                                span,
                            });
                        }
                    }
                }
            }
            out
        }
        Some(Target::Link(link)) => link_destinations(ws, file, link),
        _ => Vec::new(),
    }
}

/// The span of `key` as a key under a `[topics...]` table of `studylog.toml`
/// (`custom` or `aliases`, inline or as their own tables).
fn config_topic_key(config: &str, key: &str) -> Option<Span> {
    if key.is_empty() {
        return None;
    }
    let mut in_topics = false;
    let mut at = 0;
    for line in config.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            let table = trimmed.trim_matches(['[', ']', ' ']);
            in_topics = table == "topics" || table.starts_with("topics.");
            continue;
        }
        if !in_topics {
            continue;
        }
        for quoted in [format!("\"{key}\""), format!("'{key}'"), key.to_string()] {
            let mut from = 0;
            while let Some(i) = line.get(from..).and_then(|l| l.find(&quoted)) {
                let s = from + i;
                let e = s + quoted.len();
                let before_ok = line[..s]
                    .trim_end()
                    .chars()
                    .last()
                    .is_none_or(|c| c == '{' || c == ',');
                let after_ok = line[e..].trim_start().starts_with('=');
                if before_ok && after_ok {
                    let inner = if quoted.len() > key.len() { 1 } else { 0 };
                    return Some(Span::new(start + s + inner, start + s + inner + key.len()));
                }
                from = e;
            }
        }
    }
    None
}

/// Every place that refers to the thing at `offset`: for a topic, each of its
/// mentions across the journal (tags, `topic::` values, frontmatter); for a
/// link, or anywhere else in a note, each link to that note.
/// `include_declaration` adds the topic note or the note itself.
pub fn references(
    ws: &Journal,
    path: &str,
    offset: usize,
    include_declaration: bool,
) -> Vec<Location> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let offset = clamp_offset(&file.text, offset);
    let mut out = match target_at(file, offset) {
        Some(Target::Topic(m)) => {
            let id = ws.resolve_topic(&m.key);
            let mut out: Vec<Location> = topic_mentions(ws, |c| ws.resolve_topic(c) == id)
                .into_iter()
                .map(|(f, m)| Location {
                    path: f.path.clone(),
                    span: m.span,
                })
                .collect();
            if include_declaration {
                if let Some(note) = topic_note_of(ws, &id) {
                    out.push(Location {
                        path: note.to_string(),
                        span: Span::empty(0),
                    });
                }
            }
            out
        }
        Some(Target::Link(link)) => match linked_note(ws, file, link) {
            Some(note) => note_references(ws, note, include_declaration),
            None => Vec::new(),
        },
        _ => note_references(ws, file, include_declaration),
    };
    out.sort();
    out.dedup();
    out
}

/// Every mention, across the journal, whose topic key passes `wanted`.
fn topic_mentions(
    ws: &Journal,
    mut wanted: impl FnMut(&str) -> bool,
) -> Vec<(&JournalFile, Mention)> {
    let mut out = Vec::new();
    for f in ws.files() {
        for m in mentions(f) {
            if wanted(&m.key) {
                out.push((f.as_ref(), m));
            }
        }
    }
    out
}

/// Every link to `note`.
fn note_references(ws: &Journal, note: &JournalFile, include_declaration: bool) -> Vec<Location> {
    let mut out = Vec::new();
    for f in ws.files() {
        for link in &f.links {
            if link.target.is_empty() {
                continue;
            }
            if linked_note(ws, f, link).is_some_and(|n| n.path == note.path) {
                out.push(Location {
                    path: f.path.clone(),
                    span: link.span,
                });
            }
        }
    }
    if include_declaration {
        out.push(Location {
            path: note.path.clone(),
            span: Span::empty(0),
        });
    }
    out
}

/// What a rename would change: the span under the cursor and the name to
/// start editing from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameTarget {
    pub span: Span,
    pub placeholder: String,
}

/// The edits a rename makes: text edits per path, plus the topic note's
/// file rename.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenameEdits {
    /// Sorted by path, then span; spans never overlap within a path.
    pub edits: Vec<TextEdit>,
    pub file_renames: Vec<FileRename>,
}

const NOT_A_TOPIC: &str = "Only topics can be renamed: put the cursor on a #tag, a `topic::` value or a frontmatter topic.";

/// Whether the cursor sits on a topic that can be renamed, and which span.
pub fn prepare_rename(ws: &Journal, path: &str, offset: usize) -> Result<RenameTarget, String> {
    let file = ws
        .file(path)
        .ok_or_else(|| format!("{path} is not part of the journal."))?;
    let offset = clamp_offset(&file.text, offset);
    match target_at(file, offset) {
        Some(Target::Topic(m)) => Ok(RenameTarget {
            span: m.name_span,
            placeholder: ws.shown_topic(&ws.resolve_topic(&m.key)),
        }),
        _ => Err(NOT_A_TOPIC.to_string()),
    }
}

/// A new topic name as it will be written (without `#`), or why it cannot
/// be one: it must be a tag as written, with a letter.
fn valid_topic_name(new_name: &str) -> Result<String, String> {
    // A tag cannot hold a space: each run of white space becomes a `-`.
    let raw = new_name
        .trim()
        .trim_start_matches('#')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    let raw = raw.as_str();
    let ok_chars = raw
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/'));
    let has_letter = raw
        .chars()
        .any(|c| !c.is_ascii_digit() && !matches!(c, '-' | '_' | '/'));
    let ok_segments = raw.split('/').all(|s| !topic_key(s).is_empty());
    if raw.is_empty() || !ok_chars || !has_letter || !ok_segments {
        return Err(format!(
            "`{new_name}` cannot be a topic name: use letters, digits, `-` and `/` (at least one letter), e.g. `load-balancing`."
        ));
    }
    Ok(raw.to_string())
}

/// Renames the topic at `offset` across the whole journal: tags, `topic::`
/// values and frontmatter, whatever form they were written in, all become
/// the new name as given, white space made `-` (a nested topic is its full
/// path, and only mentions of that path are renamed).
/// The topic note (if any) is renamed with it, and links to it follow.
pub fn rename(
    ws: &Journal,
    path: &str,
    offset: usize,
    new_name: &str,
) -> Result<RenameEdits, String> {
    let file = ws
        .file(path)
        .ok_or_else(|| format!("{path} is not part of the journal."))?;
    let offset = clamp_offset(&file.text, offset);
    let Some(Target::Topic(at)) = target_at(file, offset) else {
        return Err(NOT_A_TOPIC.to_string());
    };
    let new = valid_topic_name(new_name)?;
    let id = ws.resolve_topic(&at.key);
    let mut result = RenameEdits::default();
    for (f, m) in topic_mentions(ws, |c| ws.resolve_topic(c) == id) {
        let span = m.name_span;
        if span.slice(&f.text) != new {
            result.edits.push(TextEdit {
                path: f.path.clone(),
                span,
                new_text: new.clone(),
            });
        }
    }
    if let Some(note) = topic_note_of(ws, &id).and_then(|p| ws.file(p)) {
        let folder = super::lookup::folder_of(&note.path);
        let ext = note.path.rsplit('.').next().unwrap_or("md");
        // Logseq stores the page `A/B` as `A___B.md`.
        let stem = if ws.link_style() == LinkStyle::Logseq {
            new.replace('/', "___")
        } else {
            new.clone()
        };
        let to = if folder.is_empty() {
            format!("{stem}.{ext}")
        } else {
            format!("{folder}/{stem}.{ext}")
        };
        if to != note.path && ws.file(&to).is_none() {
            rename_links_to(ws, note, &stem, &mut result.edits);
            result.file_renames.push(FileRename {
                from: note.path.clone(),
                to,
            });
        }
    }
    result
        .edits
        .sort_by(|a, b| (&a.path, a.span).cmp(&(&b.path, b.span)));
    result
        .edits
        .dedup_by(|a, b| a.path == b.path && a.span == b.span);
    Ok(result)
}

/// Edits every link to `note` so it names the note's new stem: the stem
/// where a link writes it, else (a Logseq `[[A/B]]` to `A___B.md`) the page
/// name the stem encodes.
fn rename_links_to(ws: &Journal, note: &JournalFile, new_stem: &str, edits: &mut Vec<TextEdit>) {
    let old_stem = note.stem();
    let old_page = logseq_page_name(old_stem);
    let new_page = logseq_page_name(new_stem).unwrap_or_else(|| new_stem.to_string());
    for f in ws.files() {
        for link in &f.links {
            if link.target.is_empty()
                || linked_note(ws, f, link).is_none_or(|n| n.path != note.path)
            {
                continue;
            }
            let target_text = link.target_span.slice(&f.text);
            let lower = target_text.to_lowercase();
            // A markdown link names the file (`stem.md`), or in Obsidian
            // the note alone (`stem`).
            let has_extension = lower.rsplit('/').next().is_some_and(|l| l.contains('.'));
            let needle = match link.kind {
                LinkKind::Markdown if has_extension => format!("{}.", old_stem.to_lowercase()),
                LinkKind::Wiki | LinkKind::Markdown => old_stem.to_lowercase(),
            };
            // The stem is the target's last segment; ASCII lowering keeps offsets.
            if lower.len() != target_text.len() {
                continue;
            }
            let found = match lower.rfind(&needle) {
                Some(i) => Some((i, old_stem.len(), new_stem)),
                None => old_page
                    .as_deref()
                    .filter(|_| link.kind == LinkKind::Wiki)
                    .and_then(|page| {
                        let page_lower = page.to_lowercase();
                        if page_lower.len() != page.len() {
                            return None;
                        }
                        let i = lower.rfind(&page_lower)?;
                        Some((i, page.len(), new_page.as_str()))
                    }),
            };
            if let Some((i, len, new_text)) = found {
                let start = link.target_span.start() + i;
                edits.push(TextEdit {
                    path: f.path.clone(),
                    span: Span::new(start, start + len),
                    new_text: new_text.to_string(),
                });
            }
        }
    }
}
