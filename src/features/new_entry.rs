//! "New entry for today", shared by the source code action and the server's
//! `studylog.newEntry` command: where today's entry goes (in the file's
//! date order and at its heading level, or as a new daily note in the folder
//! where daily notes live), with the journal's entry template.

use jiff::civil::Date;

use crate::diagnostic::{Code, Diagnostic, Severity, TextEdit};
use crate::journal::Journal;
use crate::syntax::{Entry, EntryKind, JournalFile};
use crate::text::Span;

use super::lookup::folder_of;
use super::template::{EntryHabit, entry_habit, entry_template};
use super::{FileCreate, Location};

/// What creating today's entry takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewEntry {
    /// Insert an entry into an existing file. `cursor` is where to put the
    /// cursor afterwards, as an offset into the file once edited. `snippet`
    /// is `edit.new_text` as an LSP snippet (tab stops where the plain text
    /// leaves blanks), for editors that expand it at `edit.span`.
    Insert {
        edit: TextEdit,
        cursor: usize,
        snippet: String,
    },
    /// Create a daily note. `cursor` is an offset into `file.content`;
    /// `snippet` is the content as an LSP snippet.
    Create {
        file: FileCreate,
        cursor: usize,
        snippet: String,
    },
    /// Today already has an entry there: go to it instead of adding a duplicate.
    Exists { location: Location },
}

/// How to add an entry dated `date` (usually today), starting from the file
/// at `path` (the one the user is in; it need not be part of the journal).
/// A date that already has an entry gets [`NewEntry::Exists`], never a
/// second entry (which `duplicate-date` would flag).
/// The entry follows the journal's habit ([`entry_habit`]): its topics as
/// heading tags, body tags or a `topic::` field, and the fields its latest
/// entries usually have.
///
/// - A file with dated headings gets today's entry there, in the file's date
///   order, at the level of its latest entry.
/// - A daily note, or any other file of a daily-notes journal, leads to a new
///   `YYYY-MM-DD.md` in the folder of the latest daily note.
/// - Otherwise the file of the journal's latest entry gets it, or, in an empty
///   journal, the file at `path` itself.
pub fn new_entry(ws: &Journal, path: &str, today: Date) -> NewEntry {
    let habit = entry_habit(ws, today);
    let file = ws.file(path);
    let insert_into = |f: &JournalFile| insert_into(f, today, &habit);
    if let Some(f) = file.filter(|f| has_heading_entries(f)) {
        return insert_into(f);
    }
    // The latest entry up to today; of a date's entries, the last by path and position.
    let latest = ws
        .timeline()
        .range(..=today)
        .next_back()
        .and_then(|(_, refs)| ws.entry(refs.last()?))
        .map(|(f, e)| (f.as_ref(), e));
    let daily_notes = file.is_some_and(|f| f.name_date.is_some())
        || latest.is_some_and(|(_, e)| e.kind == EntryKind::DailyNote);
    if daily_notes {
        let folder = match (file.filter(|f| f.name_date.is_some()), latest) {
            (Some(f), _) => folder_of(&f.path),
            (None, Some((f, _))) => folder_of(&f.path),
            (None, None) => folder_of(path),
        };
        return create_daily_note(ws, folder, today, latest.map(|(_, e)| e), &habit);
    }
    if let Some((f, _)) = latest.filter(|(f, _)| has_heading_entries(f)) {
        return insert_into(f);
    }
    match file {
        Some(f) => insert_into(f),
        None => create_daily_note(ws, folder_of(path), today, None, &habit),
    }
}

fn has_heading_entries(f: &JournalFile) -> bool {
    f.entries
        .iter()
        .any(|e| matches!(e.kind, EntryKind::Heading { .. }))
}

fn heading_level(e: &Entry) -> Option<u8> {
    match e.kind {
        EntryKind::Heading { level, .. } => Some(level),
        EntryKind::DailyNote => None,
    }
}

/// Whether the file's entries run newest first (more descending than
/// ascending neighbours; ascending on a tie, as the checks decide).
pub(crate) fn is_descending(f: &JournalFile) -> bool {
    let dates: Vec<Date> = f
        .entries
        .iter()
        .filter(|e| heading_level(e).is_some())
        .map(|e| e.date)
        .collect();
    let (mut up, mut down) = (0, 0);
    for w in dates.windows(2) {
        match w[0].cmp(&w[1]) {
            std::cmp::Ordering::Less => up += 1,
            std::cmp::Ordering::Greater => down += 1,
            std::cmp::Ordering::Equal => {}
        }
    }
    down > up
}

/// Where an entry dated `date` goes in `f` to keep its order: an offset at
/// the start of a line, and the heading level to use.
pub(crate) fn insertion_point(f: &JournalFile, date: Date) -> (usize, u8) {
    let heading_entries: Vec<&Entry> = f
        .entries
        .iter()
        .filter(|e| heading_level(e).is_some())
        .collect();
    let level = heading_entries
        .iter()
        .max_by_key(|e| e.date)
        .and_then(|e| heading_level(e))
        .unwrap_or(2);
    let descending = is_descending(f);
    let goes_before = |e: &&&Entry| {
        if descending {
            e.date < date
        } else {
            e.date > date
        }
    };
    let at = match heading_entries.iter().find(goes_before) {
        Some(e) => e.anchor.start(),
        None => heading_entries
            .last()
            .map_or(f.text.len(), |e| e.span.end().min(f.text.len())),
    };
    (at, level)
}

/// `block` (ending in a newline) placed at `at` in `text`, padded with
/// newlines so that a blank line separates it from what comes before and after.
pub(crate) fn padded(text: &str, at: usize, block: &str) -> (String, usize) {
    let before = text.get(..at).unwrap_or(text);
    let after = text.get(at..).unwrap_or("");
    let mut out = String::new();
    if !before.is_empty() {
        if !before.ends_with('\n') {
            out.push('\n');
        }
        if !before.ends_with("\n\n") && !before.ends_with("\r\n\r\n") {
            out.push('\n');
        }
    }
    let block_start = out.len();
    out.push_str(block);
    if !after.is_empty() && !after.starts_with('\n') && !after.starts_with("\r\n") {
        out.push('\n');
    }
    (out, block_start)
}

/// The text of a heading entry dated `date` at `level` following `habit`,
/// as plain text and as a snippet, and the offset of the cursor in the plain text.
pub(crate) fn heading_entry(habit: &EntryHabit, level: u8, date: Date) -> (String, String, usize) {
    let heading = format!("{} {date}", "#".repeat(usize::from(level.clamp(1, 6))));
    let t = entry_template(habit, Some(&heading));
    (t.plain, t.snippet, t.cursor)
}

fn insert_into(f: &JournalFile, date: Date, habit: &EntryHabit) -> NewEntry {
    if let Some(e) = f.entries.iter().find(|e| e.date == date) {
        return NewEntry::Exists {
            location: Location {
                path: f.path.clone(),
                span: e.anchor,
            },
        };
    }
    let (at, level) = insertion_point(f, date);
    let (block, block_snippet, cursor_in_block) = heading_entry(habit, level, date);
    let (new_text, block_start) = padded(&f.text, at, &block);
    let snippet = format!(
        "{}{block_snippet}{}",
        new_text.get(..block_start).unwrap_or(""),
        new_text.get(block_start + block.len()..).unwrap_or("")
    );
    NewEntry::Insert {
        edit: TextEdit {
            path: f.path.clone(),
            span: Span::empty(at),
            new_text,
        },
        cursor: at + block_start + cursor_in_block,
        snippet,
    }
}

/// The path of the daily note for `date` in `folder`.
pub(crate) fn daily_note_path(folder: &str, date: Date) -> String {
    if folder.is_empty() {
        format!("{date}.md")
    } else {
        format!("{folder}/{date}.md")
    }
}

/// The content of a new daily note: a dated heading when the journal's daily
/// notes have one, then the entry template.
/// Plain text, snippet, and the cursor's offset in the plain text.
pub(crate) fn daily_note_content(
    habit: &EntryHabit,
    date: Date,
    with_heading: bool,
) -> (String, String, usize) {
    if with_heading {
        heading_entry(habit, 1, date)
    } else {
        let t = entry_template(habit, None);
        (t.plain, t.snippet, t.cursor)
    }
}

fn create_daily_note(
    ws: &Journal,
    folder: &str,
    today: Date,
    latest: Option<&Entry>,
    habit: &EntryHabit,
) -> NewEntry {
    let path = daily_note_path(folder, today);
    if let Some(existing) = ws.file(&path) {
        let span = existing
            .entries
            .iter()
            .find(|e| e.date == today)
            .map_or(Span::empty(0), |e| e.anchor);
        return NewEntry::Exists {
            location: Location { path, span },
        };
    }
    if let Some((f, e)) = ws.entries_on(today).first().and_then(|r| ws.entry(r)) {
        return NewEntry::Exists {
            location: Location {
                path: f.path.clone(),
                span: e.anchor,
            },
        };
    }
    // Daily notes in this journal have no heading unless the latest one has.
    let with_heading = latest.is_some_and(|e| e.kind != EntryKind::DailyNote);
    let (content, snippet, cursor) = daily_note_content(habit, today, with_heading);
    NewEntry::Create {
        file: FileCreate { path, content },
        cursor,
        snippet,
    }
}

/// The rule for an entry being filled in: in the file at `path`, findings
/// about the blanks of an entry dated `today` (an `empty-entry`, a
/// `missing-field`, and an `invalid-field` or `invalid-duration` on a field
/// whose value is still empty) become hints. The caller decides when the entry counts as being
/// filled in (the language server: its document is open with unsaved
/// changes); once saved, the findings get their own severity back. A
/// finding switched off in `[severity]` never reaches this point, and
/// anything else (a wrong date, a misspelt topic, a duration that is there
/// but wrong) keeps its severity.
pub fn soften_entry_in_progress(
    ws: &Journal,
    path: &str,
    today: Date,
    diagnostics: &mut [Diagnostic],
) {
    let Some(file) = ws.file(path) else {
        return;
    };
    let text: &str = &file.text;
    for entry in file.entries.iter().filter(|e| e.date == today) {
        for d in diagnostics.iter_mut().filter(|d| d.path == path) {
            let blank = match d.code {
                Code::MissingField | Code::EmptyEntry => entry.anchor.touches(d.span.start()),
                Code::InvalidField | Code::InvalidDuration => entry
                    .fields
                    .iter()
                    .any(|f| f.line.touches(d.span.start()) && f.value(text).trim().is_empty()),
                _ => false,
            };
            if blank {
                d.severity = Severity::Hint;
            }
        }
    }
}
