//! Fuzz target bodies for the pure core: the parser, incremental re-parsing,
//! `studylog.toml` and the frontmatter reader (the server's target is
//! `lsp::fuzzing`, since it needs the protocol edge).
//!
//! Why this is library code: the same bodies run under `cargo fuzz` (the
//! `fuzz/` crate, nightly) and as bounded property tests on stable
//! (`tests/fuzz_props.rs`), so CI exercises the targets with or without a
//! nightly toolchain. The module is `#[doc(hidden)]`: it is no part of the
//! API, and it exposes nothing of the crate's internals, only functions
//! from bytes to `()`.
//!
//! Each target takes any bytes and panics when a property fails (the panic
//! is how a fuzzer or a property test learns of the failure); on correct
//! code it returns. Invalid UTF-8 is read lossily, since the scanner
//! refuses such files before the parser sees them and the server only gets
//! JSON strings.

use std::sync::Arc;

use jiff::civil::Date;

use crate::config::{parse_config, resolve_config};
use crate::journal::Journal;
use crate::parse::{ParseOptions, parse_file, read_frontmatter, reparse_above};
use crate::syntax::JournalFile;
use crate::text::{LineIndex, Span};

/// The "today" every target checks against.
pub(crate) const TODAY: Date = jiff::civil::date(2026, 11, 26);

/// Paths a parsed text may have: a plain note, daily notes of several
/// tools' name shapes, a note in a folder, a month file.
const PATHS: &[&str] = &[
    "journal.md",
    "2026-11-26.md",
    "journals/2026_11_26.md",
    "notes/topic.md",
    "2026-11.md",
];

/// Text that random edits put in: the constructs the incremental parser's
/// window must respect, so that short inputs reach them.
const INSERTS: &[&str] = &[
    "\n",
    "## 2026-11-09\n",
    "# 2026-11-10\n",
    "```\n",
    "~~~\n",
    "<div>\n",
    "-->\n",
    "time:: 2h\n",
    "#tag ",
    "[[note]]",
    "===\n",
    "---\n",
    "> ",
    "- ",
    "\r",
    "\r\n",
    "é",
    "[ref]: x.md\n",
    "# March 2026\n",
    "\n## 05\n",
];

/// A little reader of fuzz bytes: numbers and slices off the front, zeros
/// and empty slices once they run out.
pub struct Bytes<'a> {
    rest: &'a [u8],
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { rest: data }
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    pub fn u8(&mut self) -> u8 {
        match self.rest.split_first() {
            Some((&b, rest)) => {
                self.rest = rest;
                b
            }
            None => 0,
        }
    }

    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }

    /// Up to `n` bytes.
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let (taken, rest) = self.rest.split_at(n.min(self.rest.len()));
        self.rest = rest;
        taken
    }

    /// Everything left.
    pub fn rest(&mut self) -> &'a [u8] {
        self.take(self.rest.len())
    }

    /// Up to `n` bytes as text (invalid UTF-8 replaced).
    pub fn text(&mut self, n: usize) -> String {
        String::from_utf8_lossy(self.take(n)).into_owned()
    }
}

/// Any bytes as a file of the journal: the parse holds its invariants, and
/// a workspace holding it runs every check without panicking.
pub fn parse(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let path = pick(PATHS, bytes.u8());
    let text = String::from_utf8_lossy(bytes.rest());
    let file = parse_checked(path, &text);
    let mut ws = Journal::default();
    ws.insert_parsed(file);
    ws.diagnostics(TODAY);
}

/// Any text and a series of edits: after each one, `reparse` (forced to use
/// its window even on short texts) equals a full parse of the new text.
pub fn reparse(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let path = pick(PATHS, bytes.u8());
    let len = usize::from(bytes.u16() % 2048);
    let text = bytes.text(len);
    let options = ParseOptions::default();
    let mut current = parse_file(path, Arc::from(text.as_str()), &options);
    while !bytes.is_empty() {
        let at = usize::from(bytes.u16());
        let removed = usize::from(bytes.u8() % 64);
        let kind = usize::from(bytes.u8());
        let inserted = match INSERTS.get(kind) {
            Some(insert) => (*insert).to_string(),
            None => bytes.text(kind % 8),
        };
        let next = replace(&current.text, at, removed, &inserted);
        let incremental = reparse_above(&current, Arc::from(next.as_str()), 0, &options);
        let full = parse_file(path, Arc::from(next.as_str()), &options);
        assert!(
            same(&incremental, &full),
            "reparse differs from a full parse after replacing {removed} bytes at {at} \
             with {inserted:?}\nbefore: {:?}\nafter: {next:?}",
            current.text
        );
        current = incremental;
    }
}

/// Any bytes as `studylog.toml`, and as the editor's settings: the config
/// parses, its problems point into the text, and a journal checks under it.
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (config, problems) = parse_config(&text);
    for problem in &problems {
        assert_in(&text, problem.span, "config problem");
    }
    if let Ok(settings) = text.parse::<toml::Table>() {
        resolve_config(None, Some(&settings));
        resolve_config(Some(&text), Some(&settings));
    }
    let mut ws = Journal::new(config, problems);
    for (path, text) in [
        (
            "2026-11-25.md",
            "---\ntopics: [caching]\n---\ntime:: 30m\n#rust [[notes/topic]]\n",
        ),
        (
            "journal.md",
            "## 2026-11-26\ntime:: 1h\n#load-balancing #cachng [[2026-11-25]]\n",
        ),
        ("notes/topic.md", "# Topic\nA topic note.\n"),
    ] {
        ws.set_file(path, Arc::from(text));
    }
    ws.diagnostics(TODAY);
}

/// Any bytes as YAML frontmatter, fenced and unfenced: the reader returns
/// spans inside the text, and the parse of a daily note holding it keeps
/// its invariants.
pub fn frontmatter(data: &[u8]) {
    let yaml = String::from_utf8_lossy(data);
    for text in [format!("---\n{yaml}\n---\n#tag\n"), yaml.into_owned()] {
        let lines = LineIndex::new(&text);
        if let Some(block) = read_frontmatter(&text, 0, &lines) {
            assert_in(&text, block.frontmatter.span, "frontmatter");
            assert!(block.markdown_start <= text.len());
            if let Some((span, _)) = block.error {
                assert_in(&text, span, "frontmatter error");
            }
        }
        let file = parse_checked("2026-11-26.md", &text);
        let mut ws = Journal::default();
        ws.insert_parsed(file);
        ws.diagnostics(TODAY);
    }
}

fn pick<'a>(choices: &[&'a str], byte: u8) -> &'a str {
    choices
        .get(usize::from(byte) % choices.len().max(1))
        .copied()
        .unwrap_or_default()
}

/// `text` with `removed` bytes at `at` replaced by `inserted`, both ends
/// moved back to character boundaries.
fn replace(text: &str, at: usize, removed: usize, inserted: &str) -> String {
    let snap = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = snap(at % (text.len() + 1));
    let end = snap(start + removed);
    let mut out = String::with_capacity(text.len() + inserted.len());
    out.push_str(text.get(..start).unwrap_or_default());
    out.push_str(inserted);
    out.push_str(text.get(end..).unwrap_or_default());
    out
}

/// Equal parses: the `Debug` forms compare every field, text included.
fn same(a: &JournalFile, b: &JournalFile) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

fn assert_in(text: &str, span: Span, what: &str) {
    assert!(
        span.start() <= span.end()
            && span.end() <= text.len()
            && text.is_char_boundary(span.start())
            && text.is_char_boundary(span.end()),
        "{what}: {span:?} is not a span of the {} bytes of text",
        text.len()
    );
}

/// Parses and checks that every span the file holds lies on character
/// boundaries inside its text (and the few shapes spans must have: a
/// heading's level, a tag's `#`). The parser's property tests use it too.
pub fn parse_checked(path: &str, text: &str) -> JournalFile {
    let file = parse_file(path, Arc::from(text), &ParseOptions::default());
    let t = &*file.text;
    for heading in &file.headings {
        assert_in(t, heading.line, "heading line");
        assert_in(t, heading.text_span, "heading text");
        assert!((1..=6).contains(&heading.level), "heading level");
    }
    for entry in &file.entries {
        for span in [entry.anchor, entry.date_span, entry.span, entry.body] {
            assert_in(t, span, "entry");
        }
        assert!(
            entry.span.contains_span(entry.body),
            "body outside its entry"
        );
        for topic in &entry.topics {
            assert_in(t, topic.span, "topic");
        }
        for field in &entry.fields {
            for span in [field.key_span, field.value_span, field.line] {
                assert_in(t, span, "field");
            }
        }
    }
    for tag in &file.tags {
        assert_in(t, tag.span, "tag");
        assert!(tag.span.slice(t).starts_with('#'), "tag without its #");
        assert!(tag.entry.is_none_or(|i| (i as usize) < file.entries.len()));
    }
    for link in &file.links {
        assert_in(t, link.span, "link");
        assert_in(t, link.target_span, "link target");
    }
    if let Some(fm) = &file.frontmatter {
        assert_in(t, fm.span, "frontmatter");
        if let Some((_, span)) = &fm.date {
            assert_in(t, *span, "frontmatter date");
        }
        for topic in &fm.topics {
            assert_in(t, topic.span, "frontmatter topic");
        }
    }
    for problem in &file.problems {
        assert_in(t, problem.span, "problem");
        for fix in &problem.fixes {
            for edit in &fix.edits {
                assert_in(t, edit.span, "fix edit");
            }
        }
    }
    file
}
