//! Checks on entry contents: `empty-entry`, `missing-field` (with a fix that
//! inserts the field), `invalid-duration`, `invalid-field` and the
//! workspace-wide `day-overflow`.
//!
//! Field rules beyond the contract's table: an empty `time::` is an
//! `invalid-duration` (the entry has no usable time, and `missing-field` does
//! not apply to a field that is present); an empty `topic::` is an
//! `invalid-field` for the same reason; an empty `confidence::` and empty
//! free-text fields (`practiced`, `learned`, `next`, `source`) are
//! placeholders, not errors.

use crate::diagnostic::{Code, Diagnostic, Fix, Severity, TextEdit};
use crate::duration::{DurationError, format_minutes, parse_minutes};
use crate::journal::Journal;
use crate::required::{Why, has_known_field};
use crate::syntax::{Entry, EntryKind, Field, FieldKind, JournalFile};
use crate::text::Span;

use super::calendar::day_label;

/// Minutes in a day: the most one date's entries can add up to.
const MINUTES_PER_DAY: u32 = 24 * 60;

pub(super) fn check(ws: &Journal, file: &JournalFile, out: &mut Vec<Diagnostic>) {
    // The rules depend on journal-wide counts: read them once per file.
    let required: Vec<FieldKind> = if file.entries.is_empty() {
        Vec::new()
    } else {
        ws.field_rules()
            .into_iter()
            .filter(|r| r.required)
            .map(|r| r.kind)
            .collect()
    };
    for entry in &file.entries {
        if entry.is_empty {
            out.push(Diagnostic::new(
                Code::EmptyEntry,
                file.path.clone(),
                entry.anchor,
                format!(
                    "The entry for {} is empty; write what you practised (a topic and the time spent), or remove it",
                    day_label(entry.date)
                ),
            ));
        } else {
            missing_fields(&required, file, entry, out);
        }
        for field in &entry.fields {
            check_field(file, field, out);
        }
        day_overflow(ws, file, entry, out);
    }
}

/// The `field-habit` findings: one per default field that the journal's
/// habit leaves out, on `studylog.toml` (or the first entry).
pub(super) fn habit_findings(ws: &Journal) -> Vec<Diagnostic> {
    let rules = ws.field_rules();
    let rare: Vec<_> = rules.iter().filter(|r| r.why == Why::Rare).collect();
    if rare.is_empty() {
        return Vec::new();
    }
    let Some((path, span)) = ws.journal_anchor() else {
        return Vec::new();
    };
    rare.iter()
        .map(|rule| {
            let name = rule.kind.name();
            let mut listed: Vec<String> = rules
                .iter()
                .filter(|r| r.required || r.kind == rule.kind)
                .map(|r| format!("\"{}\"", r.kind.name()))
                .collect();
            listed.dedup();
            let without = rule.entries - rule.with;
            Diagnostic::new(
                Code::FieldHabit,
                path.clone(),
                span,
                format!(
                    "{without} of {} entries have no `{name}`, so it is not required here; add `required = [{}]` to studylog.toml to check it",
                    rule.entries,
                    listed.join(", "),
                ),
            )
            .with_severity(Severity::Information)
        })
        .collect()
}

fn missing_fields(
    required: &[FieldKind],
    file: &JournalFile,
    entry: &Entry,
    out: &mut Vec<Diagnostic>,
) {
    for &kind in required {
        if has_known_field(entry, kind) {
            continue;
        }
        let name = kind.name();
        let how = match kind {
            FieldKind::Topics => "add a #tag or a line `topic:: ...`".to_string(),
            FieldKind::Time => "add a line such as `time:: 45m`".to_string(),
            _ => format!("add a line `{name}:: ...`"),
        };
        let what = if kind == FieldKind::Topics {
            "no topic".to_string()
        } else {
            format!("no `{name}`")
        };
        let mut diagnostic = Diagnostic::new(
            Code::MissingField,
            file.path.clone(),
            entry.anchor,
            format!("The entry for {} has {what}; {how}", day_label(entry.date)),
        );
        if let Some(edit) = insert_field_edit(file, entry, name) {
            diagnostic = diagnostic.with_fix(Fix {
                title: format!("Add `{name}::`"),
                edits: vec![edit],
            });
        }
        out.push(diagnostic);
    }
}

/// An edit inserting `key:: ` on a new line after the entry's anchor (after
/// the frontmatter, for a daily note that has one), in the file's line ending.
fn insert_field_edit(file: &JournalFile, entry: &Entry, key: &str) -> Option<TextEdit> {
    let text: &str = &file.text;
    let after = match (entry.kind, &file.frontmatter) {
        (EntryKind::DailyNote, Some(fm)) => fm.span.end(),
        _ => entry.anchor.end(),
    };
    let eol = if text.contains("\r\n") {
        "\r\n"
    } else if text.contains('\r') {
        "\r"
    } else {
        "\n"
    };
    let field = format!("{key}:: ");
    let ends_line = after > 0 && matches!(text.as_bytes().get(after - 1), Some(b'\n' | b'\r'));
    let (at, new_text) = if ends_line {
        (after, format!("{field}{eol}"))
    } else {
        let line = file.line_index.line_of(after);
        let end = file.line_index.line_span(text, line).end();
        (end, format!("{eol}{field}"))
    };
    (at <= text.len()).then(|| TextEdit {
        path: file.path.clone(),
        span: Span::empty(at),
        new_text,
    })
}

/// Where a field diagnostic sits: the value, or the whole line when it is empty.
fn field_span(field: &Field) -> Span {
    if field.value_span.is_empty() {
        field.line
    } else {
        field.value_span
    }
}

fn check_field(file: &JournalFile, field: &Field, out: &mut Vec<Diagnostic>) {
    let key = field.key(&file.text);
    let value = field.value(&file.text).trim();
    let message = match field.kind {
        FieldKind::Time => {
            let message = match parse_minutes(value) {
                Ok(_) => return,
                Err(_) if value.is_empty() => format!(
                    "`{key}` has no value; write the time spent, such as `45m`, `1h30m` or `1:30`"
                ),
                Err(DurationError::Unparsable) => format!(
                    "`{value}` is not a duration; write it as `45m`, `1h30m`, `1.5h`, `2 hours` or `1:30`"
                ),
                Err(DurationError::Zero) => format!(
                    "`{key}:: {value}` is zero; write the time you spent, or remove the field"
                ),
                Err(DurationError::TooLong(minutes)) => format!(
                    "`{value}` is {}, more than a day; a single entry holds at most 24h, so correct the value",
                    format_minutes(minutes)
                ),
            };
            out.push(Diagnostic::new(
                Code::InvalidDuration,
                file.path.clone(),
                field_span(field),
                message,
            ));
            return;
        }
        FieldKind::Confidence => {
            if value.is_empty() || confidence(value).is_some() {
                return;
            }
            format!("Confidence `{value}` is not valid; write a whole number from 1 to 5, or `N/5`")
        }
        FieldKind::Topics => {
            if !value.is_empty() {
                return;
            }
            format!(
                "`{key}` names no topic; write one, such as `{key}:: load-balancing`, or remove the field"
            )
        }
        _ => return,
    };
    out.push(Diagnostic::new(
        Code::InvalidField,
        file.path.clone(),
        field_span(field),
        message,
    ));
}

/// A confidence value: `1` to `5`, or `N/5` with N from 1 to 5.
pub(crate) fn confidence(value: &str) -> Option<u8> {
    let value = value.trim();
    let number = match value.split_once('/') {
        Some((n, of)) if of.trim() == "5" => n.trim(),
        Some(_) => return None,
        None => value,
    };
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number.parse::<u8>().ok().filter(|n| (1..=5).contains(n))
}

fn day_overflow(ws: &Journal, file: &JournalFile, entry: &Entry, out: &mut Vec<Diagnostic>) {
    let total = ws.minutes_on(entry.date);
    if total <= MINUTES_PER_DAY {
        return;
    }
    let entries = ws.entries_on(entry.date).len();
    for field in entry.fields_of(FieldKind::Time) {
        if parse_minutes(field.value(&file.text)).is_err() {
            continue;
        }
        out.push(Diagnostic::new(
            Code::DayOverflow,
            file.path.clone(),
            field_span(field),
            format!(
                "The time logged for {} adds up to {} across {entries} entr{}, more than 24h; correct the `time` values of that day",
                day_label(entry.date),
                format_minutes(total),
                if entries == 1 { "y" } else { "ies" },
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::confidence;

    #[test]
    fn confidence_values() {
        for ok in ["1", "5", " 3 ", "4/5", "4 / 5", "5/5"] {
            assert!(confidence(ok).is_some(), "{ok}");
        }
        for bad in [
            "0", "6", "7", "3.5", "6/5", "3/10", "/5", "high", "-1", "+3",
        ] {
            assert_eq!(confidence(bad), None, "{bad}");
        }
    }
}
