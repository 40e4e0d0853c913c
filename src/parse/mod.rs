//! The journal parser: markdown text in, a [`JournalFile`] out. Never fails;
//! what is malformed becomes a problem diagnostic on the file.
//!
//! How the format contract's rules are read here (decisions where the
//! contract is silent are marked *decision*):
//!
//! - Offsets are byte offsets into the original text, BOM included; lines
//!   end at LF, CRLF or CR.
//! - pulldown-cmark finds headings (ATX and setext), code spans and blocks,
//!   HTML, link destinations, link reference definitions and images; tags,
//!   wiki links and fields are never read there.
//! - Entries are ATX headings whose text begins with a valid, zero-padded
//!   date. A body ends at the next heading (ATX or setext) of the same or a
//!   higher level. *Decision:* when dated headings nest (`# 2026-11-20`
//!   holding `## 2026-11-21`), a tag or field belongs to the innermost entry.
//! - A file whose name is a daily-note name (`YYYY-MM-DD.md` and the other
//!   patterns of `name_pattern.rs`) without a dated heading is one entry: the
//!   whole file, anchored on line 1, its frontmatter part of it.
//! - *Decision:* a date-named file that does have dated headings has those
//!   headings as its entries, each with its own date; each one whose date
//!   differs from the file name is a `date-mismatch` on its heading, and the
//!   frontmatter's topics and known fields count for the file's first entry.
//! - A frontmatter `date:` of a date-named file that differs from the name is
//!   a `date-mismatch` on the `date:` line. A `date:` that is plainly not a
//!   date (a word such as `yesterday`, or a broken `YYYY-MM-DD` such as
//!   `2022--06--14`) is an `invalid-date` on its line, in any file.
//!   *Decision:* other values with digits (`June 14, 2022`) are left alone.
//! - *Decision:* empty list bullets (`-`, `- `, `*`, `+`) are no content, so
//!   an entry holding only them (a Logseq journal page nobody filled in) is
//!   empty.
//! - Frontmatter of other files is parsed (and `frontmatter-syntax` reported)
//!   but its topics and fields count for no entry.
//! - *Decision:* `#tags` inside a `topic::` value are topics of that field
//!   (source `Field`) and not also body tags, so each is counted and checked
//!   once; `[[links]]` there are topics, not links.
//! - `is_empty`: the body holds nothing but blanks (a sub-heading is
//!   content). For a daily note, a frontmatter with keys (or one that is not
//!   valid YAML) is content.

pub(crate) mod dates;
mod fields;
mod frontmatter;
pub(crate) use frontmatter::{MAX_YAML_DEPTH, frontmatter as read_frontmatter, nesting_too_deep};
mod incremental;
mod links;
pub(crate) mod markdown;
pub mod name_pattern;
mod options;
mod regions;
mod tags;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use compact_str::CompactString;

pub(crate) use self::dates::is_numeric_date;
use self::dates::{HeadingContext, HeadingDate};
pub use self::incremental::reparse;
pub(crate) use self::incremental::reparse_above;
pub(crate) use self::links::percent_decode;
pub use self::options::{DateOrder, ParseOptions};
use self::regions::Regions;
use crate::diagnostic::{Code, Diagnostic, Fix, TextEdit};
use crate::syntax::{
    Entry, EntryKind, Field, FieldKind, JournalFile, NumericDates, Tag, TopicRef, TopicSource,
};
use crate::text::{LineIndex, Span};
use crate::topic::topic_key_compact;

const BOM: &str = "\u{feff}";

/// Parses one file. `path` is workspace-relative with `/` separators (its
/// file name decides whether the file is a daily note); `options` are the
/// journal's parser settings.
pub fn parse_file(path: &str, text: Arc<str>, options: &ParseOptions) -> JournalFile {
    let lines = LineIndex::new(&text);
    let parsed = Parser::new(path, &text, &lines, options).run();
    let mut file = JournalFile {
        path: path.to_string(),
        line_index: lines,
        text,
        name_date: parsed.name_date,
        frontmatter: parsed.frontmatter.map(Box::new),
        headings: parsed.headings,
        entries: parsed.entries,
        tags: parsed.tags,
        links: parsed.links,
        problems: parsed.problems,
        numeric_dates: parsed.numeric_dates,
    };
    shrink(&mut file);
    file
}

/// Drops the spare capacity the parse left in every list. A journal keeps
/// tens of thousands of files in memory, most with one entry, one heading
/// and a few tags and fields: a `Vec` grown by `push` holds room for four,
/// which would more than double the memory of the parsed summaries.
fn shrink(file: &mut JournalFile) {
    file.path.shrink_to_fit();
    file.headings.shrink_to_fit();
    file.tags.shrink_to_fit();
    file.links.shrink_to_fit();
    file.problems.shrink_to_fit();
    file.entries.shrink_to_fit();
    for entry in &mut file.entries {
        entry.topics.shrink_to_fit();
        entry.fields.shrink_to_fit();
    }
    if let Some(fm) = &mut file.frontmatter {
        fm.topics.shrink_to_fit();
        fm.fields.shrink_to_fit();
        fm.aliases.shrink_to_fit();
    }
}

/// Everything [`parse_file`] learns, before it is packed into a [`JournalFile`].
struct Parsed {
    name_date: Option<jiff::civil::Date>,
    frontmatter: Option<crate::syntax::Frontmatter>,
    headings: Vec<crate::syntax::Heading>,
    entries: Vec<Entry>,
    tags: Vec<Tag>,
    links: Vec<crate::syntax::Link>,
    problems: Vec<Diagnostic>,
    numeric_dates: NumericDates,
}

struct Parser<'a> {
    path: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
    options: &'a ParseOptions,
    problems: Vec<Diagnostic>,
    numeric_dates: NumericDates,
}

impl<'a> Parser<'a> {
    fn new(path: &'a str, text: &'a str, lines: &'a LineIndex, options: &'a ParseOptions) -> Self {
        Parser {
            path,
            text,
            lines,
            options,
            problems: Vec::new(),
            numeric_dates: NumericDates::default(),
        }
    }

    fn problem(&mut self, code: Code, span: Span, message: String) -> &mut Diagnostic {
        self.problems
            .push(Diagnostic::new(code, self.path, span, message));
        let last = self.problems.len() - 1;
        &mut self.problems[last]
    }

    fn run(mut self) -> Parsed {
        let text = self.text;
        let lines = self.lines;
        let base = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let name_date =
            name_pattern::daily_note_date(self.path, self.options.daily_notes.patterns());

        let block = frontmatter::frontmatter(text, base, lines);
        let markdown_start = block.as_ref().map_or(base, |b| b.markdown_start);
        if let Some((span, message)) = block.as_ref().and_then(|b| b.error.clone()) {
            self.problem(Code::FrontmatterSyntax, span, message);
        }
        // Obsidian resolves a markdown link written without `.md` as a note.
        let extensionless = self.options.link_style == crate::config::LinkStyle::Obsidian;
        let outline = markdown::outline(text, markdown_start, lines, extensionless);
        let markdown = Span::new(markdown_start.min(text.len()), text.len());

        // Fields first: `topic::` values are where tags and links are not read.
        let inline_fields = fields::inline_fields(
            text,
            markdown_start,
            &outline.excluded,
            &self.options.field_aliases,
        );
        let topic_values = Regions::new(
            inline_fields
                .iter()
                .filter(|f| !f.topics.is_empty())
                .map(|f| f.field.value_span)
                .collect(),
        );
        let found_tags = tags::scan_tags(text, markdown, &outline.excluded, &topic_values);
        let label_first = self.options.link_style == crate::config::LinkStyle::Dendron;
        let mut all_links: Vec<_> =
            links::wiki_links(text, markdown, &outline.excluded, label_first)
                .into_iter()
                .filter(|l| !topic_values.overlaps(l.span) && links::is_checkable_wiki(l))
                .chain(outline.links)
                .collect();
        all_links.sort_by_key(|l| l.span.start());

        let mut entries = self.heading_entries(&outline.headings, name_date);
        if let (Some(date), true) = (name_date, entries.is_empty()) {
            entries.push(self.daily_note(date, block.as_ref(), markdown));
        }
        if let (Some(name), Some(block)) = (name_date, block.as_ref()) {
            self.check_frontmatter_date(name, block);
        }
        if let Some(block) = block.as_ref() {
            self.check_frontmatter_date_value(block);
        }

        // Who holds what: the innermost entry around each tag and field.
        let spans: Vec<Span> = entries.iter().map(|e| e.span).collect();
        let tag_owners = owners(&spans, found_tags.iter().map(|(_, s)| s.start()));
        let field_owners = owners(&spans, inline_fields.iter().map(|f| f.field.line.start()));
        let mut tags = Vec::with_capacity(found_tags.len());
        for ((written, span), owner) in found_tags.into_iter().zip(tag_owners) {
            if let Some(entry) = owner.and_then(|i| entries.get_mut(i)) {
                entry.topics.push(TopicRef {
                    written: written.into(),
                    key: topic_key_compact(written),
                    span,
                    source: TopicSource::Tag,
                });
            }
            let entry = owner.map(|i| u32::try_from(i).unwrap_or(u32::MAX));
            tags.push(Tag { span, entry });
        }
        for (inline, owner) in inline_fields.into_iter().zip(field_owners) {
            if let Some(entry) = owner.and_then(|i| entries.get_mut(i)) {
                entry.topics.extend(inline.topics);
                entry.fields.push(inline.field);
            }
        }
        // The frontmatter of a date-named file counts for its (first) entry.
        if let (Some(_), Some(block), Some(first)) =
            (name_date, block.as_ref(), entries.first_mut())
        {
            let fm = &block.frontmatter;
            first.topics.extend(fm.topics.iter().cloned());
            let inline = std::mem::take(&mut first.fields);
            first.fields = fm
                .fields
                .iter()
                .cloned()
                .chain(inline)
                .collect::<Vec<Field>>();
        }
        for entry in &mut entries {
            entry.topics.sort_by_key(|t| t.span.start());
            entry.total_minutes = entry
                .fields_of(FieldKind::Time)
                .filter_map(|f| crate::duration::parse_minutes(f.value(text)).ok())
                .sum();
        }

        self.problems.sort_by_key(|d| (d.span.start(), d.code));
        Parsed {
            name_date,
            frontmatter: block.map(|b| b.frontmatter),
            headings: outline.headings,
            entries,
            tags,
            links: all_links,
            problems: self.problems,
            numeric_dates: self.numeric_dates,
        }
    }

    /// Entries from dated ATX headings; `invalid-date` and heading
    /// `date-mismatch` problems along the way.
    fn heading_entries(
        &mut self,
        headings: &[crate::syntax::Heading],
        name_date: Option<jiff::civil::Date>,
    ) -> Vec<Entry> {
        let text = self.text;
        let ctx = HeadingContext {
            order: self.options.date_order,
            period: self.period(headings, name_date),
        };
        let mut entries = Vec::new();
        for (index, heading) in headings.iter().enumerate() {
            if !heading.atx {
                continue;
            }
            let found = dates::heading_date(text, heading.text_span, &ctx, &mut self.numeric_dates);
            let (date, date_span, title) = match found {
                HeadingDate::NotDated => continue,
                HeadingDate::Invalid { message, fix } => {
                    let path = self.path.to_string();
                    let diagnostic = self.problem(Code::InvalidDate, heading.line, message);
                    if let Some((span, new_text)) = fix {
                        let title = if new_text.trim().is_empty() {
                            "Put a space after the date".to_string()
                        } else {
                            format!("Write the date as {new_text}")
                        };
                        diagnostic.fixes.push(Fix {
                            title,
                            edits: vec![TextEdit {
                                path,
                                span,
                                new_text,
                            }],
                        });
                    }
                    continue;
                }
                HeadingDate::Valid {
                    date,
                    date_span,
                    title,
                } => (date, date_span, CompactString::from(title)),
            };
            if let Some(name) = name_date.filter(|&n| n != date) {
                self.problem(
                    Code::DateMismatch,
                    heading.line,
                    format!(
                        "this heading is dated {date} but the file is the daily note of {name}; \
                         change the heading's date or move the entry to {date}.md"
                    ),
                );
            }
            // The body ends where a heading of the same or a higher level starts.
            let end = headings
                .get(index + 1..)
                .unwrap_or(&[])
                .iter()
                .find(|h| h.level <= heading.level)
                .map_or(text.len(), |h| h.line.start().max(heading.line.end()));
            let body_start = self
                .lines
                .line_start(self.lines.line_of(heading.line.start()) + 1)
                .clamp(heading.line.end(), end.max(heading.line.end()));
            let body = Span::new(body_start, end.max(body_start));
            entries.push(Entry {
                date,
                kind: EntryKind::Heading {
                    level: heading.level,
                    heading: u32::try_from(index).unwrap_or(u32::MAX),
                },
                title,
                anchor: heading.line,
                date_span,
                span: Span::new(heading.line.start(), body.end()),
                body,
                topics: Vec::new(),
                fields: Vec::new(),
                is_empty: is_blank(body.slice(text)),
                total_minutes: 0,
            });
        }
        entries
    }

    /// The month or year a file covers: from its name (`2024-03.md`,
    /// `2024.md`), else from its first heading (`# March 2024`). A daily
    /// note covers its day, not a period.
    fn period(
        &self,
        headings: &[crate::syntax::Heading],
        name_date: Option<jiff::civil::Date>,
    ) -> Option<dates::Period> {
        if name_date.is_some() {
            return None;
        }
        dates::file_name_period(self.path).or_else(|| {
            headings
                .first()
                .and_then(|h| dates::heading_period(h.text(self.text)))
        })
    }

    /// The one entry of a date-named file without dated headings.
    fn daily_note(
        &self,
        date: jiff::civil::Date,
        block: Option<&frontmatter::Block>,
        markdown: Span,
    ) -> Entry {
        let text = self.text;
        let anchor = self.lines.line_span(text, 0);
        let frontmatter_is_content = block.is_some_and(|b| !b.frontmatter.valid || b.has_keys);
        Entry {
            date,
            kind: EntryKind::DailyNote,
            title: CompactString::default(),
            anchor,
            date_span: anchor,
            span: Span::new(0, text.len()),
            body: Span::new(0, text.len()),
            topics: Vec::new(),
            fields: Vec::new(),
            is_empty: !frontmatter_is_content && is_blank(markdown.slice(text)),
            total_minutes: 0,
        }
    }

    /// `invalid-date` for a frontmatter `date:` that is not a date, on its line.
    fn check_frontmatter_date_value(&mut self, block: &frontmatter::Block) {
        let Some((value, span)) = &block.frontmatter.date else {
            return;
        };
        if !frontmatter_date_is_wrong(value) {
            return;
        }
        let line = self
            .lines
            .line_span(self.text, self.lines.line_of(span.start()));
        self.problem(
            Code::InvalidDate,
            line,
            format!(
                "frontmatter `date: {}` is not a date; write it as YYYY-MM-DD (e.g. 2026-11-20)",
                value.trim()
            ),
        );
    }

    /// `date-mismatch` for a frontmatter `date:` that differs from the file name.
    fn check_frontmatter_date(&mut self, name: jiff::civil::Date, block: &frontmatter::Block) {
        let Some((value, span)) = &block.frontmatter.date else {
            return;
        };
        let Some(date) = dates::parse_frontmatter_date(value) else {
            return;
        };
        if date != name {
            let line = self
                .lines
                .line_span(self.text, self.lines.line_of(span.start()));
            self.problem(
                Code::DateMismatch,
                line,
                format!(
                    "frontmatter says `date: {date}` but the file is the daily note of {name}; \
                     change the date to {name} or rename the file to {date}.md"
                ),
            );
        }
    }
}

/// True when `s` holds no content: nothing but whitespace (a BOM counts as
/// whitespace) and empty list bullets (`-`, `- `, `*`, `+`), which is what
/// Logseq writes into a journal page nobody filled in.
fn is_blank(s: &str) -> bool {
    s.lines().all(|line| {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        line.is_empty() || matches!(line, "-" | "*" | "+")
    })
}

/// Whether a frontmatter `date:` value is plainly not a date: a word
/// without digits (`yesterday`), or a `YYYY-...` that is not a real,
/// zero-padded `YYYY-MM-DD` (`2022--06--14`, `2026-02-30`). Other forms with
/// digits (`June 14, 2022`, `14/06/2022`, `[[2022-06-14]]`) are left alone:
/// they may be dates in a form this check does not read.
fn frontmatter_date_is_wrong(value: &str) -> bool {
    let value = value.trim();
    if value.is_empty() || dates::parse_frontmatter_date(value).is_some() {
        return false;
    }
    if !value.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let b = value.as_bytes();
    b.len() > 4 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

/// For each offset (ascending), the index of the innermost entry span
/// holding it. Entry spans are sorted by start and nest or are disjoint.
fn owners(spans: &[Span], offsets: impl Iterator<Item = usize>) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    for offset in offsets {
        while let Some(span) = spans.get(next).filter(|s| s.start() <= offset) {
            // A new entry closes the ones that ended before it starts.
            while stack
                .last()
                .is_some_and(|&top| spans.get(top).is_none_or(|t| t.end() <= span.start()))
            {
                stack.pop();
            }
            stack.push(next);
            next += 1;
        }
        while stack
            .last()
            .is_some_and(|&top| spans.get(top).is_none_or(|t| t.end() <= offset))
        {
            stack.pop();
        }
        out.push(stack.last().copied());
    }
    out
}
