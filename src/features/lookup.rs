//! What sits at a position of a file (a topic mention, a link, an entry's
//! date, a duration), every topic mention of a file, and where links lead.

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::syntax::{Entry, EntryKind, Field, FieldKind, JournalFile, Link, LinkKind, TopicSource};
use crate::text::Span;
use crate::topic::canonicalize;
use crate::workspace::Workspace;

use super::Location;

/// One mention of a topic in a file: a tag, a `topic::` value or a frontmatter topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    /// The mention as the parser spans it (a tag includes its `#`).
    pub span: Span,
    /// Just the name as written: no `#`, `[[ ]]` or quotes.
    pub name_span: Span,
    pub written: String,
    pub canonical: String,
    pub source: TopicSource,
    /// Whether the mention sits inside an entry (only those count as practice).
    pub in_entry: bool,
}

impl Mention {
    /// The span of the name's last `/` segment: what names a nested topic.
    pub fn last_segment_span(&self) -> Span {
        match self.written.rfind('/') {
            Some(i) if self.name_span.len() == self.written.len() => {
                Span::new(self.name_span.start + i + 1, self.name_span.end)
            }
            _ => self.name_span,
        }
    }
}

fn name_span_in(text: &str, span: Span, written: &str) -> Span {
    let slice = span.slice(text);
    if !written.is_empty() {
        if let Some(i) = slice.rfind(written) {
            return Span::new(span.start + i, span.start + i + written.len());
        }
    }
    // Fall back to trimming the markers around the name.
    let trimmed_start = slice.len() - slice.trim_start_matches(['#', '[', '"', '\'']).len();
    let inner = &slice[trimmed_start..];
    let inner_len = inner.trim_end_matches([']', '"', '\'']).len();
    Span::new(
        span.start + trimmed_start,
        span.start + trimmed_start + inner_len,
    )
}

/// Every topic mention in a file, in document order, each once.
pub(crate) fn mentions(file: &JournalFile) -> Vec<Mention> {
    let text: &str = &file.text;
    let mut seen: BTreeSet<Span> = BTreeSet::new();
    let mut out = Vec::new();
    for tag in &file.tags {
        if seen.insert(tag.span) {
            let name_span = if tag.span.slice(text).starts_with('#') {
                Span::new(tag.span.start + 1, tag.span.end)
            } else {
                name_span_in(text, tag.span, &tag.written)
            };
            out.push(Mention {
                span: tag.span,
                name_span,
                written: tag.written.clone(),
                canonical: canonicalize(&tag.written),
                source: TopicSource::Tag,
                in_entry: tag.entry.is_some(),
            });
        }
    }
    let entry_refs = file
        .entries
        .iter()
        .flat_map(|e| e.topics.iter().map(|t| (t, true)));
    let fm_refs = file
        .frontmatter
        .iter()
        .flat_map(|fm| fm.topics.iter().map(|t| (t, false)));
    for (topic, in_entry) in entry_refs.chain(fm_refs) {
        if seen.insert(topic.span) {
            out.push(Mention {
                span: topic.span,
                name_span: name_span_in(text, topic.span, &topic.written),
                written: topic.written.clone(),
                canonical: topic.canonical.clone(),
                source: topic.source,
                in_entry,
            });
        }
    }
    out.sort_by_key(|m| m.span);
    out
}

/// What the cursor is on.
#[derive(Clone, Debug)]
pub(crate) enum Target<'a> {
    Topic(Mention),
    Link(&'a Link),
    Duration(&'a Field),
    EntryDate(&'a Entry),
}

/// The most specific thing at `offset` (already clamped) in `file`.
pub(crate) fn target_at(file: &JournalFile, offset: usize) -> Option<Target<'_>> {
    if let Some(m) = mentions(file).into_iter().find(|m| m.span.touches(offset)) {
        return Some(Target::Topic(m));
    }
    if let Some(link) = file.links.iter().find(|l| l.span.touches(offset)) {
        return Some(Target::Link(link));
    }
    let fields = file
        .entries
        .iter()
        .flat_map(|e| e.fields.iter())
        .chain(file.frontmatter.iter().flat_map(|fm| fm.fields.iter()));
    for field in fields {
        if field.kind == FieldKind::Time && field.value_span.touches(offset) {
            return Some(Target::Duration(field));
        }
    }
    file.entries
        .iter()
        .find(|e| matches!(e.kind, EntryKind::Heading { .. }) && e.date_span.touches(offset))
        .map(Target::EntryDate)
}

/// A path without its markdown extension.
pub(crate) fn strip_md(path: &str) -> &str {
    path.strip_suffix(".markdown")
        .or_else(|| path.strip_suffix(".md"))
        .unwrap_or(path)
}

/// Whether the note at `path` answers to the wiki name `name`: its path
/// without extension equals the name or ends with `/name` (whole segments,
/// case-insensitive).
pub(crate) fn note_matches(path: &str, name: &str) -> bool {
    let name = strip_md(name.trim().trim_matches('/'));
    if name.is_empty() {
        return false;
    }
    let stem = strip_md(path).to_lowercase();
    let name = name.to_lowercase();
    stem == name || stem.ends_with(&format!("/{name}"))
}

/// The folder of a workspace-relative path ("" at the root).
pub(crate) fn folder_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Joins a relative link path onto a folder, resolving `.` and `..`.
fn join_relative(folder: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = if rel.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The note a link names, if it exists (the linking file itself for a
/// same-file `#heading` link).
pub(crate) fn linked_note<'a>(
    ws: &'a Workspace,
    from: &'a JournalFile,
    link: &Link,
) -> Option<&'a JournalFile> {
    if link.target.is_empty() {
        return Some(from);
    }
    match link.kind {
        LinkKind::Wiki => ws
            .files()
            .filter(|f| note_matches(&f.path, &link.target))
            .min_by_key(|f| (f.path.len(), f.path.clone()))
            .map(|f| f.as_ref()),
        LinkKind::Markdown => {
            let joined = join_relative(folder_of(&from.path), &link.target);
            ws.file(&joined)
                .or_else(|| ws.file(&format!("{joined}.md")))
                .or_else(|| ws.files().find(|f| f.path.eq_ignore_ascii_case(&joined)))
                .map(|f| f.as_ref())
        }
    }
}

/// The heading of `note` whose text is `heading` (case-insensitive).
pub(crate) fn heading_span(note: &JournalFile, heading: &str) -> Option<Span> {
    let wanted = heading.trim().to_lowercase();
    note.headings
        .iter()
        .find(|h| h.text.to_lowercase() == wanted)
        .map(|h| h.line)
}

/// Where a link leads: the note (its start, or the heading it names), or,
/// for `[[YYYY-MM-DD]]` with no such note, every entry of that date.
pub(crate) fn link_destinations(ws: &Workspace, from: &JournalFile, link: &Link) -> Vec<Location> {
    if let Some(note) = linked_note(ws, from, link) {
        let span = link
            .heading
            .as_deref()
            .and_then(|h| heading_span(note, h))
            .unwrap_or_default();
        return vec![Location {
            path: note.path.clone(),
            span,
        }];
    }
    if link.kind == LinkKind::Wiki {
        if let Ok(date) = link.target.trim().parse::<Date>() {
            return super::journal::entries(ws)
                .filter(|(_, e)| e.date == date)
                .map(|(f, e)| Location {
                    path: f.path.clone(),
                    span: e.anchor,
                })
                .collect();
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wiki_names_match_whole_trailing_segments() {
        assert!(note_matches("notes/Load-Balancing.md", "load-balancing"));
        assert!(note_matches("notes/a/b.md", "A/B"));
        assert!(note_matches("b.md", "b.md"));
        assert!(!note_matches("notes/xb.md", "b"));
        assert!(!note_matches("notes/b.md", ""));
    }

    #[test]
    fn relative_paths_resolve_dots() {
        assert_eq!(
            join_relative("journal/2026", "../topics/x.md"),
            "journal/topics/x.md"
        );
        assert_eq!(join_relative("a", "./b.md"), "a/b.md");
        assert_eq!(join_relative("a", "/b.md"), "b.md");
        assert_eq!(join_relative("", "../../b.md"), "b.md");
    }
}
