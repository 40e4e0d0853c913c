//! What sits at a position of a file (a topic mention, a link, an entry's
//! date, a duration), every topic mention of a file, and where links lead.

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::journal::{Journal, LinkResolution};
use crate::syntax::{Entry, EntryKind, Field, FieldKind, JournalFile, Link, LinkKind, TopicSource};
use crate::text::Span;
use crate::topic::topic_key;

use super::Location;

/// One mention of a topic in a file: a tag, a `topic::` value or a frontmatter topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    /// The mention as the parser spans it (a tag includes its `#`).
    pub span: Span,
    /// Just the name as written: no `#`, `[[ ]]` or quotes.
    pub name_span: Span,
    pub written: String,
    pub key: String,
    pub source: TopicSource,
    /// Whether the mention sits inside an entry (only those count as practice).
    pub in_entry: bool,
}

fn name_span_in(text: &str, span: Span, written: &str) -> Span {
    let slice = span.slice(text);
    if !written.is_empty() {
        if let Some(i) = slice.rfind(written) {
            return Span::new(span.start() + i, span.start() + i + written.len());
        }
    }
    // Fall back to trimming the markers around the name.
    let trimmed_start = slice.len() - slice.trim_start_matches(['#', '[', '"', '\'']).len();
    let inner = &slice[trimmed_start..];
    let inner_len = inner.trim_end_matches([']', '"', '\'']).len();
    Span::new(
        span.start() + trimmed_start,
        span.start() + trimmed_start + inner_len,
    )
}

/// Every topic mention in a file, in document order, each once.
pub(crate) fn mentions(file: &JournalFile) -> Vec<Mention> {
    mentions_where(file, |_| true)
}

/// The topic mentions of a file whose span satisfies `keep`, in document
/// order, each once: what a lookup at one offset builds instead of every
/// mention of a 5,000-entry file.
fn mentions_where(file: &JournalFile, keep: impl Fn(Span) -> bool) -> Vec<Mention> {
    let text: &str = &file.text;
    let mut seen: BTreeSet<Span> = BTreeSet::new();
    let mut out = Vec::new();
    for tag in &file.tags {
        if keep(tag.span) && seen.insert(tag.span) {
            let name_span = if tag.span.slice(text).starts_with('#') {
                Span::new(tag.span.start() + 1, tag.span.end())
            } else {
                name_span_in(text, tag.span, tag.written(text))
            };
            out.push(Mention {
                span: tag.span,
                name_span,
                written: tag.written(text).to_string(),
                key: topic_key(tag.written(text)),
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
        if keep(topic.span) && seen.insert(topic.span) {
            out.push(Mention {
                span: topic.span,
                name_span: name_span_in(text, topic.span, &topic.written),
                written: topic.written.to_string(),
                key: topic.key.to_string(),
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
    let touching = mentions_where(file, |span| span.touches(offset));
    if let Some(m) = touching.into_iter().next() {
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
    // A daily note's date is its name: its first line stands for the day.
    file.entries
        .iter()
        .find(|e| match e.kind {
            EntryKind::Heading { .. } => e.date_span.touches(offset),
            EntryKind::DailyNote => e.anchor.touches(offset),
        })
        .map(Target::EntryDate)
}

/// The folder of a workspace-relative path ("" at the root).
pub(crate) fn folder_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// The date a wiki link names (`[[2026-11-20]]`, `[[May 3rd, 2021]]`) when
/// no note has that name: it stands for every entry of that date.
fn entries_date(ws: &Journal, link: &Link) -> Option<Date> {
    if link.kind != LinkKind::Wiki || link.heading.is_some() {
        return None;
    }
    let date = ws.link_date(link)?;
    ws.wiki_candidates(&link.target).is_empty().then_some(date)
}

/// The note a link names, if it exists (the linking file itself for a
/// same-file `#heading` link), as [`Journal::resolve_link`] finds it; a
/// missing `#heading` still names its note.
pub(crate) fn linked_note<'a>(
    ws: &'a Journal,
    from: &JournalFile,
    link: &Link,
) -> Option<&'a JournalFile> {
    let path = match ws.resolve_link(&from.path, link) {
        LinkResolution::Resolved(_) if entries_date(ws, link).is_some() => return None,
        LinkResolution::Resolved(target) => target.path,
        LinkResolution::MissingHeading { path } => path,
        LinkResolution::MissingNote | LinkResolution::NotANote | LinkResolution::Unwritten => {
            return None;
        }
    };
    ws.file(&path).map(|f| f.as_ref())
}

/// Where a link leads: the heading it names, or its note's start when the
/// heading is missing; for `[[YYYY-MM-DD]]` with no such note, every entry
/// of that date.
pub(crate) fn link_destinations(ws: &Journal, from: &JournalFile, link: &Link) -> Vec<Location> {
    if let Some(date) = entries_date(ws, link) {
        return ws
            .entries_on(date)
            .iter()
            .filter_map(|r| ws.entry(r))
            .map(|(f, e)| Location {
                path: f.path.clone(),
                span: e.anchor,
            })
            .collect();
    }
    match ws.resolve_link(&from.path, link) {
        LinkResolution::Resolved(target) => vec![Location {
            path: target.path,
            span: target.span,
        }],
        LinkResolution::MissingHeading { path } => vec![Location {
            path,
            span: Span::empty(0),
        }],
        LinkResolution::MissingNote | LinkResolution::NotANote | LinkResolution::Unwritten => {
            Vec::new()
        }
    }
}
