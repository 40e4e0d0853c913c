//! Code actions for a range of a file: the quick fixes the checks attach to
//! their diagnostics, "add `x` to the topic catalog" for a topic the journal
//! does not know, "create note" for a link to a note that does not exist,
//! "insert an entry for each missed day" before an entry that follows a gap,
//! and the source action "new entry for today".

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::diagnostic::{Code, Diagnostic, TextEdit};
use crate::journal::{Journal, LinkResolution, join_relative};
use crate::syntax::{EntryKind, JournalFile, LinkKind};
use crate::text::Span;

use super::journal::{known_topics, missed_before, topic_usage_of};
use super::lookup::{Target, folder_of, target_at};
use super::new_entry::{
    NewEntry, daily_note_content, daily_note_path, heading_entry, insertion_point, is_descending,
    new_entry, padded,
};
use super::template::entry_habit;
use super::{FileCreate, clamp_offset};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    /// Applies to the whole file (LSP `source`).
    Source,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    pub kind: ActionKind,
    /// Text edits, possibly in several files.
    pub edits: Vec<TextEdit>,
    /// Files to create (before the edits apply).
    pub creates: Vec<FileCreate>,
    /// The diagnostic the action resolves, if any.
    pub diagnostic: Option<Diagnostic>,
    pub is_preferred: bool,
}

/// At most this many missed days get an entry from one action: a month of
/// templates is already a lot to fill in; larger gaps are better left alone.
const MAX_MISSED_ENTRIES: usize = 31;

/// The actions for `range` of the file at `path`. `diagnostics` are the
/// diagnostics the editor has for the file (their fixes become quick fixes
/// when they touch the range).
pub fn code_actions(
    ws: &Journal,
    path: &str,
    range: Span,
    diagnostics: &[Diagnostic],
    today: Date,
) -> Vec<CodeAction> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let text: &str = &file.text;
    let range = Span::new(
        clamp_offset(text, range.start()),
        clamp_offset(text, range.end().max(range.start())),
    );
    let mut out = Vec::new();
    let touching: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| {
            d.path == path && d.span.start() <= range.end() && range.start() <= d.span.end()
        })
        .collect();
    for d in &touching {
        for fix in &d.fixes {
            out.push(CodeAction {
                title: fix.title.clone(),
                kind: ActionKind::QuickFix,
                edits: fix.edits.clone(),
                creates: Vec::new(),
                diagnostic: Some((*d).clone()),
                is_preferred: d.fixes.len() == 1,
            });
        }
    }
    if let Some(action) = add_to_catalog(ws, file, range, &touching, today) {
        out.push(action);
    }
    if let Some(action) = create_linked_note(ws, file, range, &touching) {
        out.push(action);
    }
    if let Some(action) = insert_missed_days(ws, file, range, &touching, today) {
        out.push(action);
    }
    if let Some(action) = new_entry_action(ws, path, today) {
        out.push(action);
    }
    out
}

/// "Create note": the missing note a link under the cursor points to. A wiki
/// link's note goes where its target says from the journal's root (wiki
/// links resolve by name anywhere, so `[[weighted-rr]]` becomes
/// `weighted-rr.md` at the root); a markdown link's path is relative to the
/// linking file. Date links are left alone: their fix is an entry that day.
fn create_linked_note(
    ws: &Journal,
    file: &JournalFile,
    range: Span,
    touching: &[&Diagnostic],
) -> Option<CodeAction> {
    let Some(Target::Link(link)) = target_at(file, range.start()) else {
        return None;
    };
    let target = link.target.trim();
    let missing = matches!(
        ws.resolve_link(&file.path, link),
        LinkResolution::MissingNote | LinkResolution::Unwritten
    );
    if target.is_empty() || !missing {
        return None;
    }
    let path = match link.kind {
        LinkKind::Wiki => {
            if ws.link_date(link).is_some() {
                return None;
            }
            let name = target.trim_start_matches('/');
            let lower = name.to_ascii_lowercase();
            if lower.ends_with(".md") || lower.ends_with(".markdown") {
                name.to_string()
            } else {
                format!("{name}.md")
            }
        }
        LinkKind::Markdown => join_relative(&file.path, target)?,
    };
    let stem = path.rsplit('/').next().unwrap_or(&path);
    let title = crate::syntax::note_path_stem(stem);
    if path.is_empty() || title.is_empty() || ws.file(&path).is_some() {
        return None;
    }
    let mut content = format!("# {title}\n");
    if let Some(heading) = link.heading.as_deref().filter(|h| !h.trim().is_empty()) {
        content.push_str(&format!("\n## {}\n", heading.trim()));
    }
    let diagnostic = touching
        .iter()
        .find(|d| d.code == Code::BrokenLink && d.span.touches(link.span.start()))
        .map(|d| (*d).clone());
    Some(CodeAction {
        title: format!("Create note {path}"),
        kind: ActionKind::QuickFix,
        edits: Vec::new(),
        creates: vec![FileCreate { path, content }],
        is_preferred: diagnostic.is_some(),
        diagnostic,
    })
}

/// "Add `x` to the topic catalog": a new note in the topics folder.
fn add_to_catalog(
    ws: &Journal,
    file: &JournalFile,
    range: Span,
    touching: &[&Diagnostic],
    today: Date,
) -> Option<CodeAction> {
    let Some(Target::Topic(mention)) = target_at(file, range.start()) else {
        return None;
    };
    let id = ws.resolve_topic(&mention.key);
    let sessions = topic_usage_of(ws, &id, today).map_or(0, |u| u.sessions);
    let topics = known_topics(ws, (sessions > 0).then_some(id.as_str()));
    // Only a topic the journal does not know: not catalogued, and used in
    // fewer entries than `min-uses`.
    if topics.get(&id).is_some_and(|t| t.origin.is_some()) || sessions >= ws.config().min_uses {
        return None;
    }
    // A topic note is named by its stem; a nested topic is described by its
    // last segment's note.
    let shown = ws.shown_topic(&id);
    let name = crate::topic::last_segment(&shown);
    let dir = ws.config().topics_dir.trim_matches('/');
    let path = if dir.is_empty() {
        format!("{name}.md")
    } else {
        format!("{dir}/{name}.md")
    };
    if ws.file(&path).is_some() {
        return None;
    }
    let diagnostic = touching
        .iter()
        .find(|d| d.code == Code::UnknownTopic && d.span.touches(mention.span.start()))
        .map(|d| (*d).clone());
    Some(CodeAction {
        title: format!("Add `{name}` to the topic catalog (create {path})"),
        kind: ActionKind::QuickFix,
        edits: Vec::new(),
        creates: vec![FileCreate {
            path,
            content: format!("# {name}\n\nWhat {name} is about, in one line.\n"),
        }],
        diagnostic,
        is_preferred: false,
    })
}

/// "Insert an entry for each missed day": for the entry at the range, the
/// days its gap left out, each as an entry template in the file's order (or
/// as daily notes, for a daily note).
fn insert_missed_days(
    ws: &Journal,
    file: &JournalFile,
    range: Span,
    touching: &[&Diagnostic],
    today: Date,
) -> Option<CodeAction> {
    let (_, entry) = file.entry_at(range.start())?;
    if entry.date > today {
        return None;
    }
    let missed = missed_before(ws, entry.date, MAX_MISSED_ENTRIES);
    if missed.is_empty() {
        return None;
    }
    let diagnostic = touching
        .iter()
        .find(|d| d.code == Code::MissedDays)
        .map(|d| (*d).clone());
    let count = missed.len();
    let named: Vec<String> = missed.iter().take(3).map(Date::to_string).collect();
    let title = match count {
        1 => format!("Insert an entry for the missed day {}", named.join("")),
        2 | 3 => format!("Insert an entry for each missed day: {}", named.join(", ")),
        _ => format!(
            "Insert an entry for each missed day: {} and {} more",
            named.join(", "),
            count - 3
        ),
    };
    let mut action = CodeAction {
        title,
        kind: ActionKind::QuickFix,
        edits: Vec::new(),
        creates: Vec::new(),
        diagnostic,
        is_preferred: false,
    };
    let habit = entry_habit(ws, today);
    if entry.kind == EntryKind::DailyNote {
        let folder = folder_of(&file.path);
        for d in missed {
            let path = daily_note_path(folder, d);
            if ws.file(&path).is_none() {
                let (content, _, _) = daily_note_content(&habit, d, false);
                action.creates.push(FileCreate { path, content });
            }
        }
        return (!action.creates.is_empty()).then_some(action);
    }
    // Entries that land at the same place are joined in the file's order.
    let descending = is_descending(file);
    let mut at_offset: BTreeMap<usize, Vec<(Date, u8)>> = BTreeMap::new();
    for d in missed {
        let (at, level) = insertion_point(file, d);
        at_offset.entry(at).or_default().push((d, level));
    }
    for (at, mut dates) in at_offset {
        dates.sort();
        if descending {
            dates.reverse();
        }
        let mut block = String::new();
        for (i, (d, level)) in dates.iter().enumerate() {
            if i > 0 {
                block.push('\n');
            }
            block.push_str(&heading_entry(&habit, *level, *d).0);
        }
        let (new_text, _) = padded(&file.text, at, &block);
        action.edits.push(TextEdit {
            path: file.path.clone(),
            span: Span::empty(at),
            new_text,
        });
    }
    Some(action)
}

/// The source action "New entry for today".
fn new_entry_action(ws: &Journal, path: &str, today: Date) -> Option<CodeAction> {
    let (edits, creates) = match new_entry(ws, path, today) {
        NewEntry::Insert { edit, .. } => (vec![edit], Vec::new()),
        NewEntry::Create { file, .. } => (Vec::new(), vec![file]),
        NewEntry::Exists { .. } => return None,
    };
    Some(CodeAction {
        title: format!("New entry for today ({today})"),
        kind: ActionKind::Source,
        edits,
        creates,
        diagnostic: None,
        is_preferred: false,
    })
}
