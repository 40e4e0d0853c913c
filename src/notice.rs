//! "Never a silent zero": when a journal folder holds markdown but studylog
//! recognises no entry in it (or entries in under a tenth of its files while
//! other headings or names look dated), one notice says what was looked for,
//! what was found instead, and the setting that would fit. Computed here,
//! pure; the command line prints it on stderr and in `stats`, the language
//! server shows it once and in the hover of the first heading.

use std::collections::HashMap;

use crate::journal::Journal;
use crate::parse::dates::{MONTHS, WEEKDAYS};
use crate::parse::name_pattern::{Dialect, NamePattern};
use crate::text::Span;

/// Under this share of files holding entries (1 in N), a journal whose other
/// notes look dated gets the notice: a vault of ordinary notes with a few
/// journal entries is normal, one where most dated-looking notes were missed
/// is not.
const ENTRY_SHARE: usize = 10;

/// Headings and names longer than this are not read for date shapes.
const MAX_SHAPE_INPUT: usize = 80;

/// The notice for one journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// One paragraph: what was looked for, what was found, what would fit.
    pub message: String,
    /// The first heading of the journal (path and heading line), where the
    /// editor shows the notice in hover.
    pub first_heading: Option<(String, Span)>,
}

/// A shape seen several times, with its first example.
struct Seen {
    count: usize,
    example: String,
}

/// The notice for `ws`, or `None` when its entries are as expected.
pub fn silent_zero(ws: &Journal) -> Option<Notice> {
    silent_zero_in(ws, None)
}

/// [`silent_zero`] over the files of `ws`, or over the one file `only`
/// (`studylog check FILE.md`, where the folder's other notes are link
/// targets, not journal).
pub fn silent_zero_in(ws: &Journal, only: Option<&str>) -> Option<Notice> {
    let journal = || ws.files().filter(move |f| only.is_none_or(|o| f.path == o));
    let files = journal().count();
    if files == 0 {
        return None;
    }
    let with_entries = journal().filter(|f| !f.entries.is_empty()).count();
    // Enough entries: no notice whatever the other files look like, so
    // their headings and names are not examined (the usual journal).
    if with_entries > 0 && with_entries * ENTRY_SHARE >= files {
        return None;
    }
    let mut headings: HashMap<String, Seen> = HashMap::new();
    let mut names: HashMap<String, Seen> = HashMap::new();
    let mut first_heading = None;
    for file in journal() {
        if let Some(h) = file.headings.first() {
            first_heading.get_or_insert_with(|| (file.path.clone(), h.line));
        }
        if !file.entries.is_empty() {
            continue;
        }
        for heading in &file.headings {
            let text = heading.text(&file.text);
            if let Some(shape) = date_shape(text) {
                let hashes = "#".repeat(usize::from(heading.level.clamp(1, 6)));
                let seen = headings.entry(shape).or_insert_with(|| Seen {
                    count: 0,
                    example: format!("{hashes} {}", text.trim()),
                });
                seen.count += 1;
            }
        }
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        if let Some(shape) = date_shape(stem) {
            let seen = names.entry(shape).or_insert_with(|| Seen {
                count: 0,
                example: name.to_string(),
            });
            seen.count += 1;
        }
    }
    let lookalikes = !headings.is_empty() || !names.is_empty();
    if with_entries > 0 && !lookalikes {
        return None;
    }

    let patterns: Vec<String> = ws
        .config()
        .daily_note_patterns()
        .iter()
        .map(|p| format!("`{p}`"))
        .collect();
    let headline = if with_entries == 0 {
        format!(
            "No journal entries recognised in {files} markdown file{}",
            plural(files)
        )
    } else {
        format!("Journal entries recognised in only {with_entries} of {files} markdown files")
    };
    let mut message = format!(
        "{headline} (studylog looked for dated headings such as `## 2024-01-15 Title` and daily notes named {}).",
        if patterns.is_empty() {
            "by no pattern, as `daily-note-format = []` says".to_string()
        } else {
            patterns.join(", ")
        }
    );
    let top_heading = most_common(&headings);
    let top_name = most_common(&names);
    if let Some((count, example)) = top_heading {
        message.push_str(&format!(
            " {count} heading{} look{} dated but {} not read as entries, such as `{example}`.",
            plural(count),
            if count == 1 { "s" } else { "" },
            if count == 1 { "is" } else { "are" },
        ));
    }
    if let Some((count, example)) = top_name {
        message.push_str(&format!(
            " {count} file name{} look{} dated, such as `{example}`.",
            plural(count),
            if count == 1 { "s" } else { "" },
        ));
        let stems: Vec<&str> = names
            .values()
            .map(|s| {
                s.example
                    .rsplit_once('.')
                    .map_or(s.example.as_str(), |(stem, _)| stem)
            })
            .collect();
        if let Some(pattern) = fitting_pattern(&stems) {
            message.push_str(&format!(
                " To read them as daily notes, set `daily-note-format = [\"{pattern}\"]` in the `[journal]` section of studylog.toml."
            ));
        }
    }
    if top_heading.is_some() {
        message.push_str(
            " To make a heading an entry, start it with its date: `## 2019-09-21 Day 12`.",
        );
    }
    if !lookalikes {
        message.push_str(
            " Start an entry with a dated heading (`## 2024-01-15 What I practised`), or name a daily note after its date (`2024-01-15.md`).",
        );
    }
    Some(Notice {
        message,
        first_heading,
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The most frequent shape (ties: the smallest example, for a stable result).
fn most_common(seen: &HashMap<String, Seen>) -> Option<(usize, &str)> {
    seen.values()
        .max_by(|a, b| {
            a.count
                .cmp(&b.count)
                .then_with(|| b.example.cmp(&a.example))
        })
        .map(|s| (s.count, s.example.as_str()))
}

fn is_month(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .any(|m| *m == w || (w.len() >= 3 && m.starts_with(&w) && w.len() <= 4))
}

fn is_weekday(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    WEEKDAYS
        .iter()
        .any(|d| *d == w || (w.len() == 3 && d.starts_with(&w)))
}

/// The shape of a text that holds a date (`Day N: Month N, YYYY`,
/// `N.N.YYYY`), or `None` when nothing in it looks like one. Words before
/// the first date part are kept as a label; the shape ends after the last
/// date part.
fn date_shape(text: &str) -> Option<String> {
    let text = text.get(..MAX_SHAPE_INPUT.min(text.len())).unwrap_or(text);
    let mut shape = String::new();
    let mut end_of_date = 0;
    let (mut year, mut month, mut numbers) = (false, false, 0);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let run = rest.bytes().take_while(u8::is_ascii_digit).count();
            let digits = &rest[..run];
            if run == 4
                && digits
                    .parse::<u16>()
                    .is_ok_and(|y| (1900..=2100).contains(&y))
            {
                shape.push_str("YYYY");
                year = true;
            } else if run <= 2 {
                shape.push('N');
                numbers += 1;
            } else {
                shape.push_str(&"N".repeat(run.min(8)));
                numbers += 1;
            }
            rest = &rest[run..];
            end_of_date = shape.len();
        } else if c.is_alphabetic() {
            let run: usize = rest
                .chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum();
            let word = &rest[..run];
            let ordinal = end_of_date == shape.len()
                && shape.ends_with('N')
                && matches!(
                    word.to_ascii_lowercase().as_str(),
                    "st" | "nd" | "rd" | "th"
                );
            if ordinal {
                shape.push_str(word);
                end_of_date = shape.len();
            } else if is_month(word) {
                shape.push_str("Month");
                month = true;
                end_of_date = shape.len();
            } else if is_weekday(word) {
                shape.push_str("Weekday");
            } else if end_of_date == 0 {
                shape.push_str(word);
            } else {
                break;
            }
            rest = &rest[run..];
        } else {
            shape.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    let dated = (year && (month || numbers >= 2)) || (month && numbers >= 1);
    if !dated {
        return None;
    }
    shape.truncate(end_of_date);
    Some(shape.trim().to_string())
}

/// A daily-note pattern (moment.js tokens) that reads every one of `stems`
/// as a real date, when one exists: digit runs become year, month and day
/// tokens in each order, other text stays literal.
fn fitting_pattern(stems: &[&str]) -> Option<String> {
    let first = stems.first()?;
    let mut candidates = Vec::new();
    for order in [
        ["YYYY", "MM", "DD"],
        ["DD", "MM", "YYYY"],
        ["MM", "DD", "YYYY"],
        ["YYYY", "DD", "MM"],
    ] {
        if let Some(p) = candidate(first, &order) {
            candidates.push(p);
        }
    }
    candidates.into_iter().find(|p| {
        NamePattern::parse(p, Dialect::Moment)
            .is_ok_and(|pattern| stems.iter().all(|s| pattern.date_of(s).is_some()))
    })
}

/// `stem` with its three digit runs replaced by `order`'s tokens (a run of
/// four digits must take `YYYY`, of one or two a month or day), other text
/// as a `[literal]`.
fn candidate(stem: &str, order: &[&str; 3]) -> Option<String> {
    let mut out = String::new();
    let mut literal = String::new();
    let mut next = 0;
    let mut rest = stem;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let run = rest.bytes().take_while(u8::is_ascii_digit).count();
            let token = *order.get(next)?;
            let fits = match token {
                "YYYY" => run == 4,
                _ => run == 2 || run == 1,
            };
            if !fits {
                return None;
            }
            if !literal.is_empty() {
                if literal
                    .chars()
                    .all(|c| matches!(c, '-' | '_' | '.' | ' ' | '/'))
                {
                    out.push_str(&literal);
                } else {
                    out.push_str(&format!("[{literal}]"));
                }
                literal.clear();
            }
            out.push_str(if run == 1 { &token[..1] } else { token });
            next += 1;
            rest = &rest[run..];
        } else {
            literal.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if next != 3 {
        return None;
    }
    if !literal.is_empty() {
        out.push_str(&format!("[{literal}]"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::config::Config;

    fn journal(files: &[(&str, &str)]) -> Journal {
        let mut ws = Journal::new(Config::default(), Vec::new());
        for (path, text) in files {
            ws.set_file(path, Arc::from(*text));
        }
        ws
    }

    #[test]
    fn shapes_of_dated_texts() {
        assert_eq!(
            date_shape("Day 12: September 21, 2019").as_deref(),
            Some("Day N: Month N, YYYY")
        );
        assert_eq!(date_shape("15.01.2024").as_deref(), Some("N.N.YYYY"));
        assert_eq!(
            date_shape("Sunday February 6th, 2022 - notes").as_deref(),
            Some("Weekday Month Nth, YYYY")
        );
        assert_eq!(date_shape("Notes on caching"), None);
        assert_eq!(date_shape("Top 10 tips"), None);
        assert_eq!(date_shape("Release 2024"), None);
    }

    #[test]
    fn a_journal_with_entries_has_no_notice() {
        let ws = journal(&[("2024-01-15.md", "#x\n"), ("notes.md", "# Notes\n")]);
        assert_eq!(silent_zero(&ws), None);
        assert_eq!(silent_zero(&journal(&[])), None);
    }

    #[test]
    fn no_entries_says_what_was_looked_for_and_found() {
        let ws = journal(&[(
            "log.md",
            "# Log\n\n### Session 1 - September 10, 2019\nx\n### Session 2 - September 11, 2019\ny\n",
        )]);
        let notice = silent_zero(&ws).unwrap();
        assert!(
            notice.message.starts_with(
                "No journal entries recognised in 1 markdown file (studylog looked for"
            ),
            "{}",
            notice.message
        );
        assert!(
            notice.message.contains("2 headings look dated but are not read as entries, such as `### Session 1 - September 10, 2019`"),
            "{}",
            notice.message
        );
        assert!(notice.message.contains("`YYYY_MM_DD`"));
        assert_eq!(
            notice.first_heading,
            Some(("log.md".to_string(), Span::new(0, 5)))
        );
    }

    #[test]
    fn dated_file_names_get_a_fitting_setting() {
        let ws = journal(&[
            ("15.01.2024.md", "worked\n"),
            ("16.01.2024.md", "worked\n"),
            ("31.01.2024.md", "worked\n"),
        ]);
        let notice = silent_zero(&ws).unwrap();
        assert!(
            notice
                .message
                .contains("set `daily-note-format = [\"DD.MM.YYYY\"]`"),
            "{}",
            notice.message
        );
    }

    #[test]
    fn plain_notes_get_the_how_to_start_line() {
        let ws = journal(&[("a.md", "# Ideas\n"), ("b.md", "text\n")]);
        let notice = silent_zero(&ws).unwrap();
        assert!(
            notice
                .message
                .starts_with("No journal entries recognised in 2 markdown files")
        );
        assert!(
            notice
                .message
                .contains("Start an entry with a dated heading")
        );
    }

    #[test]
    fn few_entries_among_many_lookalikes() {
        let mut files: Vec<(String, String)> = (1..=12)
            .map(|d| {
                (
                    format!("log-{d}.md"),
                    format!("## Session {d} - January {d}, 2024\n"),
                )
            })
            .collect();
        files.push(("2024-02-01.md".to_string(), "#x\n".to_string()));
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let notice = silent_zero(&journal(&refs)).unwrap();
        assert!(
            notice
                .message
                .starts_with("Journal entries recognised in only 1 of 13 markdown files"),
            "{}",
            notice.message
        );
        // Many ordinary notes beside a few entries are no reason for a notice.
        let mut plain: Vec<(String, String)> = (1..=12)
            .map(|d| (format!("n{d}.md"), "# Idea\n".to_string()))
            .collect();
        plain.push(("2024-02-01.md".to_string(), "#x\n".to_string()));
        let refs: Vec<(&str, &str)> = plain
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(silent_zero(&journal(&refs)), None);
    }
}
