//! Symbols: a file's outline (entries with their titles and topics, nested
//! under the headings they sit in) and the journal's symbols (entries by date
//! and title, topics), filtered by a query.

use jiff::civil::Date;

use crate::duration::format_minutes;
use crate::journal::Journal;
use crate::syntax::{Entry, EntryKind};
use crate::text::Span;

use super::Location;
use super::journal::{Fuzzy, entries, known_topics};
use super::lookup::mentions;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// A dated entry.
    Entry,
    /// A heading that is not an entry.
    Heading,
    Topic,
}

/// One node of a file's outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    /// For an entry: its topics and time.
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole section (heading to the end of its body).
    pub span: Span,
    /// The heading line (what the editor highlights).
    pub selection_span: Span,
    pub children: Vec<DocumentSymbol>,
}

/// The outline of the file at `path`: its headings as a tree, entries marked
/// as such; a daily note is one entry holding its headings.
pub fn document_symbols(ws: &Journal, path: &str) -> Vec<DocumentSymbol> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let text_len = file.text.len();
    let mut roots: Vec<DocumentSymbol> = Vec::new();
    // Open sections, innermost last, with their heading levels.
    let mut stack: Vec<(u8, DocumentSymbol)> = Vec::new();
    let close = |stack: &mut Vec<(u8, DocumentSymbol)>, roots: &mut Vec<DocumentSymbol>| {
        if let Some((_, done)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => parent.children.push(done),
                None => roots.push(done),
            }
        }
    };
    for (i, h) in file.headings.iter().enumerate() {
        while stack.last().is_some_and(|(level, _)| *level >= h.level) {
            close(&mut stack, &mut roots);
        }
        let end = file
            .headings
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .find(|next| next.level <= h.level)
            .map_or(text_len, |next| next.line.start());
        let entry = file.entries.iter().find(|e| {
            matches!(e.kind, EntryKind::Heading { level, heading }
                if level == h.level && heading as usize == i)
        });
        let symbol = match entry {
            Some(e) => DocumentSymbol {
                name: entry_name(e),
                detail: entry_detail(ws, e),
                kind: SymbolKind::Entry,
                span: Span::new(h.line.start(), e.span.end().max(h.line.end())),
                selection_span: h.line,
                children: Vec::new(),
            },
            None => DocumentSymbol {
                name: if h.text(&file.text).is_empty() {
                    "(empty heading)".to_string()
                } else {
                    h.text(&file.text).to_string()
                },
                detail: None,
                kind: SymbolKind::Heading,
                span: Span::new(h.line.start(), end.max(h.line.end())),
                selection_span: h.line,
                children: Vec::new(),
            },
        };
        stack.push((h.level, symbol));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    if let Some(daily) = file.entries.iter().find(|e| e.kind == EntryKind::DailyNote) {
        return vec![DocumentSymbol {
            name: entry_name(daily),
            detail: entry_detail(ws, daily),
            kind: SymbolKind::Entry,
            span: Span::new(0, text_len),
            selection_span: daily.anchor,
            children: roots,
        }];
    }
    roots
}

fn entry_name(e: &Entry) -> String {
    if e.title.is_empty() {
        e.date.to_string()
    } else {
        format!("{} {}", e.date, e.title)
    }
}

/// An entry's topics (as shown: catalog names, else the journal's most
/// written forms) and its time.
fn entry_detail(ws: &Journal, e: &Entry) -> Option<String> {
    let topics = e.topic_keys().into_iter().map(|k| ws.resolve_topic(k));
    let mut parts: Vec<String> = crate::syntax::distinct_owned(topics)
        .iter()
        .map(|t| format!("#{}", ws.shown_topic(t)))
        .collect();
    let minutes = e.minutes();
    if minutes > 0 {
        parts.push(format_minutes(minutes));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// One symbol of the whole journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: SymbolKind,
    pub location: Location,
    /// For an entry: the topics; for a topic: its description.
    pub detail: Option<String>,
}

/// At most this many symbols are returned: editors show a few dozen, and the
/// cap bounds the reply on a journal of tens of thousands of entries.
const MAX_WORKSPACE_SYMBOLS: usize = 500;

/// Entries (by date and title) and topics matching `query` (fuzzy; an
/// empty query lists everything, newest entries first).
pub fn workspace_symbols(ws: &Journal, query: &str) -> Vec<WorkspaceSymbol> {
    let mut fuzzy = Fuzzy::new(query);
    // (score, newest-first key, symbol)
    let mut scored: Vec<(u32, Option<Date>, WorkspaceSymbol)> = Vec::new();
    for (file, e) in entries(ws) {
        let name = entry_name(e);
        if let Some(score) = fuzzy.score(&name) {
            scored.push((
                score,
                Some(e.date),
                WorkspaceSymbol {
                    name,
                    kind: SymbolKind::Entry,
                    location: Location {
                        path: file.path.clone(),
                        span: e.anchor,
                    },
                    detail: entry_detail(ws, e),
                },
            ));
        }
    }
    let used = ws.topics_in_use().map(|(topic, _)| topic);
    for topic in known_topics(ws, used).into_values() {
        let Some(score) = fuzzy.score(&topic.name) else {
            continue;
        };
        let location = match &topic.note {
            Some(note) => Some(Location {
                path: note.clone(),
                span: Span::empty(0),
            }),
            None => first_mention(ws, &topic.id),
        };
        let Some(location) = location else {
            // A catalog topic never used has no place in the journal to go to.
            continue;
        };
        scored.push((
            score,
            None,
            WorkspaceSymbol {
                name: format!("#{}", topic.name),
                kind: SymbolKind::Topic,
                location,
                detail: topic.description,
            },
        ));
    }
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.name.cmp(&b.2.name))
            .then(a.2.location.cmp(&b.2.location))
    });
    scored
        .into_iter()
        .take(MAX_WORKSPACE_SYMBOLS)
        .map(|(_, _, s)| s)
        .collect()
}

/// Where a topic (a resolved name) is first mentioned inside an entry: in
/// the first file (by path) of its entries, the first such mention.
fn first_mention(ws: &Journal, topic: &str) -> Option<Location> {
    let first = ws.topic_uses(topic).first()?;
    let (file, _) = ws.entry(first)?;
    mentions(file)
        .into_iter()
        .find(|m| m.in_entry && ws.resolve_topic(&m.key) == topic)
        .map(|m| Location {
            path: file.path.clone(),
            span: m.span,
        })
}
