//! The parsed form of one journal file: entries, headings, tags, fields, links
//! and frontmatter, each with its byte span. Produced by [`crate::parse`],
//! consumed by the checks, the stats and the editor features.

use std::sync::Arc;

use compact_str::CompactString;
use jiff::civil::Date;

use crate::diagnostic::Diagnostic;
use crate::text::{LineIndex, Span};

/// One parsed markdown file of the journal.
#[derive(Clone, Debug)]
pub struct JournalFile {
    /// Journal-relative path with `/` separators.
    pub path: String,
    pub text: Arc<str>,
    pub line_index: LineIndex,
    /// The date in the file name when it is `YYYY-MM-DD.md` (a daily note's name).
    pub name_date: Option<Date>,
    /// Boxed: most files have none, and a journal keeps every file in memory.
    pub frontmatter: Option<Box<Frontmatter>>,
    /// Every heading (ATX and setext), in document order.
    pub headings: Vec<Heading>,
    /// Every entry, in document order.
    pub entries: Vec<Entry>,
    /// Every tag in the file, inside entries or not, in document order.
    pub tags: Vec<Tag>,
    /// Every checkable link (wiki links and relative markdown links), in
    /// document order. Links inside `topic::` values are topics, not links.
    pub links: Vec<Link>,
    /// Problems found while parsing: `invalid-date`, `date-mismatch`,
    /// `frontmatter-syntax`, with default severities.
    pub problems: Vec<Diagnostic>,
    /// The numeric day/month dates (`01/12/2018`) at the start of the file's
    /// headings, counted whichever order they were read in: what a journal's
    /// date order is inferred from.
    pub numeric_dates: NumericDates,
}

/// Counts of numeric day/month dates in one file's headings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NumericDates {
    /// Every such date.
    pub count: u32,
    /// Those whose first part is over 12, so can only be day-first (`13.01.2018`).
    pub day_first: u32,
}

impl JournalFile {
    /// The file stem (`notes/load-balancing.md` -> `load-balancing`;
    /// `Notes.MD` -> `Notes`).
    pub fn stem(&self) -> &str {
        note_path_stem(self.path.rsplit('/').next().unwrap_or(&self.path))
    }

    /// The entry whose span holds `offset`, if any.
    pub fn entry_at(&self, offset: usize) -> Option<(usize, &Entry)> {
        self.entries
            .iter()
            .enumerate()
            .find(|(_, e)| e.span.touches(offset))
    }
}

/// A note's path or name without its note extension, `.md` or `.markdown`
/// in any case (`notes/Caching.MD` -> `notes/Caching`); anything else is
/// returned whole. The one rule for note names: stems, wiki link names,
/// completion names and the link index all use it.
pub fn note_path_stem(path: &str) -> &str {
    for ext in [".markdown", ".md"] {
        let cut = path.len().saturating_sub(ext.len());
        if let (Some(stem), Some(tail)) = (path.get(..cut), path.get(cut..)) {
            if tail.eq_ignore_ascii_case(ext) {
                return stem;
            }
        }
    }
    path
}

/// A YAML frontmatter block at the very start of a file.
#[derive(Clone, Debug, Default)]
pub struct Frontmatter {
    /// The whole block, fences included.
    pub span: Span,
    /// False when the YAML did not parse; it then contributes nothing.
    pub valid: bool,
    /// `date:` value as written (or `created:` / `date created:` when there
    /// is no `date:`), with the span of the value.
    pub date: Option<(CompactString, Span)>,
    /// Topics from `topics:` / `tags:` (a list or a string), each on its own span.
    pub topics: Vec<TopicRef>,
    /// Known fields (`time:`, `confidence:`, ...) found as top-level keys.
    pub fields: Vec<Field>,
    /// Other names of the note from `aliases:` (a list or a string), as
    /// written: Obsidian resolves `[[alias]]` to the note.
    pub aliases: Vec<CompactString>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's whole first line, without its terminator.
    pub line: Span,
    /// The span of the heading's text (see [`Heading::text`]).
    pub text_span: Span,
    /// True for `#` headings, false for setext (underlined) ones.
    pub atx: bool,
}

impl Heading {
    /// The heading's text, trimmed, closing `#`s removed; `source` is the
    /// file's text. Read from the text rather than copied: a journal keeps
    /// every heading of every file in memory.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        self.text_span.slice(source)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// An ATX heading that begins with a date; `heading` indexes
    /// `JournalFile::headings` (a `u32`, like the offsets of a [`Span`]: it
    /// halves the kind, and a file has far fewer headings).
    Heading { level: u8, heading: u32 },
    /// A `YYYY-MM-DD.md` file without dated headings: the whole file is the entry.
    DailyNote,
}

/// One dated practice record.
#[derive(Clone, Debug)]
pub struct Entry {
    pub date: Date,
    pub kind: EntryKind,
    /// What follows the date in the heading, separators trimmed ("" for none).
    pub title: CompactString,
    /// The heading line (or line 1 of a daily note), without its terminator.
    pub anchor: Span,
    /// The date's text inside the heading (for a daily note: the anchor).
    pub date_span: Span,
    /// The whole entry: the anchor's start to the end of its body.
    pub span: Span,
    /// The content after the heading line (a daily note: the whole file).
    pub body: Span,
    /// Topics from tags (heading and body), `topic::` fields and, for a daily
    /// note, frontmatter; in document order, duplicates kept.
    pub topics: Vec<TopicRef>,
    /// Inline fields in the body and, for a daily note, known frontmatter fields.
    pub fields: Vec<Field>,
    /// True when the entry has no content at all (only blank lines).
    pub is_empty: bool,
    /// The sum of the valid `time` fields, in minutes, computed by the parser
    /// (a field's value is read from the file's text; see [`Entry::minutes`]).
    pub total_minutes: u32,
}

impl Entry {
    pub fn fields_of(&self, kind: FieldKind) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(move |f| f.kind == kind)
    }

    pub fn has_field(&self, kind: FieldKind) -> bool {
        self.fields_of(kind).next().is_some()
    }

    /// The entry's topics as distinct topic keys, in first-seen order.
    pub fn topic_keys(&self) -> Vec<&str> {
        distinct(self.topics.iter().map(|t| t.key.as_str()))
    }

    /// The sum of the entry's valid `time` fields, in minutes (invalid ones add nothing).
    pub fn minutes(&self) -> u32 {
        self.total_minutes
    }
}

/// The distinct items, in first-seen order, in linear time: an entry can
/// hold tens of thousands of tags.
pub fn distinct<T: Eq + std::hash::Hash + Copy>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    items.filter(|item| seen.insert(*item)).collect()
}

/// The distinct owned items, in first-seen order.
pub fn distinct_owned<T: Eq + std::hash::Hash + Clone>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    items.filter(|item| seen.insert(item.clone())).collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopicSource {
    /// A `#tag` in the body or the heading.
    Tag,
    /// A value of a `topic::` / `topics::` inline field.
    Field,
    /// A `topics:` / `tags:` frontmatter value.
    Frontmatter,
}

/// One mention of a topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicRef {
    /// As written, without a leading `#` or `[[ ]]`.
    pub written: CompactString,
    /// The topic key (see [`crate::topic::topic_key`]); aliases not yet resolved.
    pub key: CompactString,
    /// Span of the mention (for a tag, including its `#`). Otherwise it covers
    /// exactly `written`: a `[[link]]` in a `topic::` value is spanned on its
    /// target, a quoted frontmatter value on the text inside the quotes.
    pub span: Span,
    pub source: TopicSource,
}

/// A `#tag` anywhere in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// Span including the `#` (see [`Tag::written`]).
    pub span: Span,
    /// Index into `JournalFile::entries` of the entry holding the tag (a
    /// `u32`, like the offsets of a [`Span`]: it halves the tag, and a file
    /// has far fewer entries).
    pub entry: Option<u32>,
}

impl Tag {
    /// The tag as written, without the `#`; `source` is the file's text. Read
    /// from the text rather than copied: a journal keeps every tag of every
    /// file in memory.
    pub fn written<'a>(&self, source: &'a str) -> &'a str {
        let tag = self.span.slice(source);
        tag.strip_prefix('#').unwrap_or(tag)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    Time,
    Topics,
    Practiced,
    Learned,
    Next,
    Confidence,
    Source,
    /// A key of the user's own; never reported.
    Other,
}

impl FieldKind {
    /// The kind for a key (case-insensitive, aliases included).
    pub fn from_key(key: &str) -> FieldKind {
        // Compared in place rather than lower-cased into a new string: this
        // runs for every field of every file.
        const KEYS: [(&str, FieldKind); 12] = [
            ("time", FieldKind::Time),
            ("duration", FieldKind::Time),
            ("spent", FieldKind::Time),
            ("topic", FieldKind::Topics),
            ("topics", FieldKind::Topics),
            ("practiced", FieldKind::Practiced),
            ("learned", FieldKind::Learned),
            ("reflection", FieldKind::Learned),
            ("lesson", FieldKind::Learned),
            ("next", FieldKind::Next),
            ("confidence", FieldKind::Confidence),
            ("source", FieldKind::Source),
        ];
        let key = key.trim();
        KEYS.iter()
            .find(|(name, _)| key.eq_ignore_ascii_case(name))
            .map_or(FieldKind::Other, |&(_, kind)| kind)
    }

    /// The canonical key users write, as named in `required` and completions.
    pub const fn name(self) -> &'static str {
        match self {
            FieldKind::Time => "time",
            FieldKind::Topics => "topic",
            FieldKind::Practiced => "practiced",
            FieldKind::Learned => "learned",
            FieldKind::Next => "next",
            FieldKind::Confidence => "confidence",
            FieldKind::Source => "source",
            FieldKind::Other => "",
        }
    }

    pub const KNOWN: [FieldKind; 7] = [
        FieldKind::Time,
        FieldKind::Topics,
        FieldKind::Practiced,
        FieldKind::Learned,
        FieldKind::Next,
        FieldKind::Confidence,
        FieldKind::Source,
    ];
}

/// A `key:: value` inline field, or a known key of a daily note's frontmatter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub kind: FieldKind,
    /// The key and the value when they differ from the text at `key_span` and
    /// `value_span` (a quoted or list value in frontmatter); `None` for the
    /// usual case, where both are read from the file's text. Use
    /// [`Field::key`] and [`Field::value`].
    pub written: Option<Box<(CompactString, CompactString)>>,
    pub key_span: Span,
    pub value_span: Span,
    /// The field's whole line, without its terminator.
    pub line: Span,
    pub from_frontmatter: bool,
}

impl Field {
    /// The key as written (without `**` and `::`); `source` is the file's
    /// text. Keys and values are read from the text rather than copied: a
    /// journal keeps every field of every file in memory.
    pub fn key<'a>(&'a self, source: &'a str) -> &'a str {
        match &self.written {
            Some(written) => &written.0,
            None => self.key_span.slice(source),
        }
    }

    /// The value, trimmed; `source` is the file's text.
    pub fn value<'a>(&'a self, source: &'a str) -> &'a str {
        match &self.written {
            Some(written) => &written.1,
            None => self.value_span.slice(source),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// `[[target]]`, `[[target#heading]]`, `[[target|alias]]`.
    Wiki,
    /// `[text](relative/path.md#heading)`.
    Markdown,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    /// The note part: a wiki name or a relative path (percent-decoded), "" for a
    /// same-file `#heading` link.
    pub target: CompactString,
    /// The `#heading` part, if any.
    pub heading: Option<CompactString>,
    /// The whole link (`[[...]]` or `[...](...)`).
    pub span: Span,
    /// The target text inside the link (what a rename or completion replaces).
    pub target_span: Span,
}
