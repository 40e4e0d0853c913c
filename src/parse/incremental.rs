//! Re-parsing a large file after an edit: only the stretch between two
//! headings around the change is parsed again; the rest of the old parse is
//! kept, moved by the edit's length. The result is exactly what
//! [`parse_file`] gives for the new text (a property test holds the two
//! equal), so callers may use either.
//!
//! Why a stretch between headings can be parsed alone:
//!
//! - An ATX heading that starts a line (no indentation, no container marker)
//!   closes every open markdown block: whatever came before it, the markdown
//!   parser is at the top of the document after that line. The old parse
//!   proves such a heading *before* the change is still one (the text up to
//!   it and the heading line are unchanged); for the heading *after* the
//!   change the window's own parse proves it (it is parsed with the window).
//! - Tags, fields and wiki links never cross a line break, and a code span
//!   or inline link never crosses a block.
//! - The one document-wide thing in markdown is link reference definitions
//!   (`[label]: dest`, `[^note]:`); a file holding `]:` anywhere is parsed
//!   whole.
//! - Entries: an entry's body ends at the next heading of the same or a
//!   higher level, so the window must not cut an entry in two. A boundary is
//!   "clean" when no entry crosses it, in the old parse and in the new one;
//!   otherwise another heading is tried, and after a few the file is parsed
//!   whole.
//! - Daily notes (a `YYYY-MM-DD.md` name) get their frontmatter counted for
//!   their first entry and are small: they are always parsed whole.

use std::sync::Arc;

use memchr::memmem;

use super::{ParseOptions, Parser, parse_file, shrink};
use crate::diagnostic::Diagnostic;
use crate::syntax::{Entry, EntryKind, Heading, JournalFile, Link, Tag};
use crate::text::{LineIndex, Span};

/// Below this size a file is parsed whole: it takes well under a
/// millisecond, and the window bookkeeping would not pay.
pub const MIN_INCREMENTAL_BYTES: usize = 32 * 1024;

/// How many headings on each side are tried as a window boundary before
/// giving up and parsing the whole file (a boundary fails when an entry of a
/// higher level spans it, e.g. one `# 2026` entry holding everything).
const MAX_BOUNDARY_TRIES: usize = 16;

/// The parse of `new_text`, which replaced `old.text` in the same file:
/// equal to `parse_file(&old.path, new_text, options)`, computed by
/// re-parsing only the changed stretch of a large file. `old` must have been
/// parsed with the same `options`.
pub fn reparse(old: &JournalFile, new_text: Arc<str>, options: &ParseOptions) -> JournalFile {
    reparse_above(old, new_text, MIN_INCREMENTAL_BYTES, options)
}

/// [`reparse`] with the size threshold as a parameter (the tests use 0 to
/// exercise the window on small files).
pub(crate) fn reparse_above(
    old: &JournalFile,
    new_text: Arc<str>,
    min_bytes: usize,
    options: &ParseOptions,
) -> JournalFile {
    if new_text.len() >= min_bytes && old.name_date.is_none() {
        if let Some(mut file) = window_reparse(old, &new_text, options) {
            file.text = new_text;
            shrink(&mut file);
            return file;
        }
    }
    parse_file(&old.path, new_text, options)
}

/// The window re-parse, or `None` when the file must be parsed whole. The
/// result's text is the old one; the caller sets it.
fn window_reparse(old: &JournalFile, new: &str, options: &ParseOptions) -> Option<JournalFile> {
    let old_text: &str = &old.text;
    // A month or year file dates its day headings by its name or first
    // heading, and numeric dates count towards the journal's date order:
    // both are read from the whole file.
    if old.numeric_dates.count > 0 || is_period_file(old) {
        return None;
    }
    // A file opening with a `---` fence that nothing closes has no
    // frontmatter yet: a `---` line typed anywhere below would close it and
    // turn everything above into a frontmatter block.
    if old.frontmatter.is_none() && opens_with_a_fence(old_text) {
        return None;
    }
    if memmem::find(old_text.as_bytes(), b"]:").is_some()
        || memmem::find(new.as_bytes(), b"]:").is_some()
    {
        return None;
    }
    let prefix = common_prefix(old_text.as_bytes(), new.as_bytes());
    let max_suffix = old_text.len().min(new.len()) - prefix;
    let suffix = common_suffix(old_text.as_bytes(), new.as_bytes()).min(max_suffix);
    let old_change_end = old_text.len() - suffix;

    let window_start = window_start(old, prefix)?;
    let end = window_end(old, old_change_end, window_start);
    let moved = Move::new(old_text.len(), new.len());

    // The window in the new text: from the start heading to the end of the
    // end heading's line (that heading is parsed too, to prove it still is
    // one), or to the end of the file. `local_cut`: where the window's own
    // items stop being used, relative to its start; `old_end`: where the old
    // items taken again after the window start.
    let (window_end, local_cut, old_end) = match &end {
        Some(end) => (
            moved.offset(end.line.end()),
            moved.offset(end.line.start()) - window_start,
            end.line.start(),
        ),
        None => (new.len(), usize::MAX, usize::MAX),
    };
    let window_text = new.get(window_start..window_end)?;
    let window_lines = LineIndex::new(window_text);
    let parsed = Parser::new(&old.path, window_text, &window_lines, options).run();
    if parsed.numeric_dates.count > 0 {
        return None;
    }
    // The window's parse reads its own first heading as the file's: when
    // that is a `## 2026-11` month heading further down, the window would
    // date `## 05` headings by it, and the whole file does not.
    let window_is_file_start = !old.headings.iter().any(|h| h.line.start() < window_start);
    let window_opens_a_period = parsed
        .headings
        .first()
        .is_some_and(|h| super::dates::heading_period(h.text(window_text)).is_some());
    if !window_is_file_start && window_opens_a_period {
        return None;
    }
    if let Some(end) = &end {
        let proves = parsed.headings.iter().any(|h| {
            h.line == Span::new(local_cut, window_end - window_start)
                && h.atx
                && h.level == end.level
        });
        let nothing_crosses = parsed
            .entries
            .iter()
            .filter(|e| e.span.start() < local_cut)
            .all(|e| e.span.end() <= local_cut);
        if !proves || !nothing_crosses {
            return None;
        }
    }

    // Counts of what the old parse holds before the window and before its end.
    let headings_before = count_before(&old.headings, window_start, |h| h.line.start());
    let headings_to_end = count_before(&old.headings, old_end, |h| h.line.start());
    let entries_before = count_before(&old.entries, window_start, |e| e.span.start());
    let entries_to_end = count_before(&old.entries, old_end, |e| e.span.start());
    let kept_headings = count_before(&parsed.headings, local_cut, |h| h.line.start());
    let kept_entries = count_before(&parsed.entries, local_cut, |e| e.span.start());

    let splice = Splice {
        start: window_start,
        old_end,
        local_cut,
        into_window: Move::forward(window_start),
        after_window: moved,
    };
    let heading_index = |i: usize| i - headings_to_end + headings_before + kept_headings;
    let entry_index = |i: usize| i - entries_to_end + entries_before + kept_entries;

    let headings = splice.moved(
        &old.headings,
        parsed.headings,
        |h| h.line.start(),
        move_heading,
    );
    let entries = splice.mapped(
        &old.entries,
        parsed.entries,
        |e| e.span.start(),
        |mut e: Entry| {
            move_entry(&mut e, splice.into_window);
            if let EntryKind::Heading { heading, .. } = &mut e.kind {
                *heading = stored_index(*heading as usize + headings_before);
            }
            e
        },
        |mut e: Entry| {
            move_entry(&mut e, moved);
            if let EntryKind::Heading { heading, .. } = &mut e.kind {
                *heading = stored_index(heading_index(*heading as usize));
            }
            e
        },
    );
    let tags = splice.mapped(
        &old.tags,
        parsed.tags,
        |t| t.span.start(),
        |mut t: Tag| {
            t.span = splice.into_window.span(t.span);
            t.entry = t.entry.map(|i| stored_index(i as usize + entries_before));
            t
        },
        |mut t: Tag| {
            t.span = moved.span(t.span);
            t.entry = t.entry.map(|i| stored_index(entry_index(i as usize)));
            t
        },
    );
    let links = splice.moved(&old.links, parsed.links, |l| l.span.start(), move_link);
    let problems = splice.moved(
        &old.problems,
        parsed.problems,
        |d| d.span.start(),
        |d, m| move_diagnostic(d, m, &old.path),
    );
    let rest_after = end.as_ref().map_or(usize::MAX, |e| e.line.end());
    Some(JournalFile {
        path: old.path.clone(),
        text: old.text.clone(),
        line_index: old
            .line_index
            .spliced(window_start, &window_lines, rest_after, new.len()),
        name_date: old.name_date,
        frontmatter: old.frontmatter.clone(),
        headings,
        entries,
        tags,
        links,
        problems,
        numeric_dates: old.numeric_dates,
    })
}

/// A heading or entry index as the model stores it (`u32`, saturating; see
/// [`EntryKind::Heading`] and [`Tag::entry`]).
fn stored_index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The last clean boundary heading whose line, terminator included, lies
/// in the unchanged prefix: the window's start.
fn window_start(old: &JournalFile, prefix: usize) -> Option<usize> {
    let text: &str = &old.text;
    old.headings
        .iter()
        .rev()
        .filter(|h| h.line.end() < prefix && is_boundary(text, h))
        .take(MAX_BOUNDARY_TRIES)
        .find(|h| is_clean_cut(&old.entries, h.line.start()))
        .map(|h| h.line.start())
}

/// True when the first line (after a BOM) is a `---` fence, as a
/// frontmatter block opens.
fn opens_with_a_fence(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.split(['\n', '\r']).next().unwrap_or("");
    first
        .strip_prefix("---")
        .is_some_and(|rest| rest.trim_matches([' ', '\t']).is_empty())
}

/// A month or year file: named `2024-03.md` / `2024.md`, or opening with a
/// `# March 2024` heading (which a window never changes: it starts after a
/// heading line that is unchanged).
fn is_period_file(file: &JournalFile) -> bool {
    super::dates::file_name_period(&file.path).is_some()
        || file
            .headings
            .first()
            .is_some_and(|h| super::dates::heading_period(h.text(&file.text)).is_some())
}

/// The first clean boundary heading whose line, and the line break before
/// it, lie in the unchanged suffix (which starts at `change_end` in the old
/// text). `None`: the window runs to the end of the file (also when no
/// heading close by is clean: still correct, only larger).
fn window_end(old: &JournalFile, change_end: usize, start: usize) -> Option<&Heading> {
    let text: &str = &old.text;
    old.headings
        .iter()
        .filter(|h| h.line.start() > change_end && h.line.start() > start && is_boundary(text, h))
        .take(MAX_BOUNDARY_TRIES)
        .find(|h| is_clean_cut(&old.entries, h.line.start()))
}

/// An ATX heading at the very start of its line: outside any list item or
/// block quote, so it closes every open block.
fn is_boundary(text: &str, heading: &Heading) -> bool {
    heading.atx && text.as_bytes().get(heading.line.start()) == Some(&b'#')
}

/// True when no entry starts before `offset` and ends after it.
fn is_clean_cut(entries: &[Entry], offset: usize) -> bool {
    entries
        .iter()
        .take_while(|e| e.span.start() < offset)
        .all(|e| e.span.end() <= offset)
}

/// How many items (sorted by `key`) lie before `offset`.
fn count_before<T>(items: &[T], offset: usize, key: impl Fn(&T) -> usize) -> usize {
    items.partition_point(|item| key(item) < offset)
}

/// Where the window sits, for putting the old items and the window's
/// together: the old items before the window, the window's items before
/// its cut, and the old items from the window's end on, each moved into
/// place.
#[derive(Clone, Copy)]
struct Splice {
    /// The window's start (an offset in both texts).
    start: usize,
    /// Where the old items kept after the window start, in the old text.
    old_end: usize,
    /// Where the window's own items stop being used, relative to its start.
    local_cut: usize,
    /// From the window's offsets to the new text's.
    into_window: Move,
    /// From the old text's offsets after the change to the new text's.
    after_window: Move,
}

impl Splice {
    /// The items, each moved by `move_item`.
    fn moved<T: Clone>(
        self,
        old: &[T],
        window: Vec<T>,
        key: impl Fn(&T) -> usize,
        move_item: impl Fn(&mut T, Move),
    ) -> Vec<T> {
        self.mapped(
            old,
            window,
            key,
            |mut item| {
                move_item(&mut item, self.into_window);
                item
            },
            |mut item| {
                move_item(&mut item, self.after_window);
                item
            },
        )
    }

    /// The items, with one mapping for the window's and one for the old
    /// ones after it (for indexes that move as well as offsets).
    fn mapped<T: Clone>(
        self,
        old: &[T],
        window: Vec<T>,
        key: impl Fn(&T) -> usize,
        map_window: impl Fn(T) -> T,
        map_after: impl Fn(T) -> T,
    ) -> Vec<T> {
        let before = count_before(old, self.start, &key);
        let after = count_before(old, self.old_end, &key);
        let mut out = Vec::with_capacity(old.len() + window.len());
        out.extend_from_slice(old.get(..before).unwrap_or(&[]));
        out.extend(
            window
                .into_iter()
                .take_while(|item| key(item) < self.local_cut)
                .map(map_window),
        );
        out.extend(
            old.get(after..)
                .unwrap_or(&[])
                .iter()
                .cloned()
                .map(map_after),
        );
        out
    }
}

/// Moves an offset by a signed distance, kept as two unsigned parts so that
/// no offset arithmetic can underflow: `offset + add - sub`.
#[derive(Clone, Copy, Debug)]
struct Move {
    add: usize,
    sub: usize,
}

impl Move {
    /// From the old file's length to the new one's: what the text after the
    /// change moved by.
    fn new(old_len: usize, new_len: usize) -> Move {
        Move {
            add: new_len.saturating_sub(old_len),
            sub: old_len.saturating_sub(new_len),
        }
    }

    fn forward(by: usize) -> Move {
        Move { add: by, sub: 0 }
    }

    fn offset(self, offset: usize) -> usize {
        (offset + self.add).saturating_sub(self.sub)
    }

    fn span(self, span: Span) -> Span {
        Span::new(self.offset(span.start()), self.offset(span.end()))
    }
}

fn move_heading(heading: &mut Heading, by: Move) {
    heading.line = by.span(heading.line);
    heading.text_span = by.span(heading.text_span);
}

fn move_entry(entry: &mut Entry, by: Move) {
    entry.anchor = by.span(entry.anchor);
    entry.date_span = by.span(entry.date_span);
    entry.span = by.span(entry.span);
    entry.body = by.span(entry.body);
    for topic in &mut entry.topics {
        topic.span = by.span(topic.span);
    }
    for field in &mut entry.fields {
        field.key_span = by.span(field.key_span);
        field.value_span = by.span(field.value_span);
        field.line = by.span(field.line);
    }
}

fn move_link(link: &mut Link, by: Move) {
    link.span = by.span(link.span);
    link.target_span = by.span(link.target_span);
}

/// Moves a parse problem; its fixes and related places in the same file
/// move with it.
fn move_diagnostic(diagnostic: &mut Diagnostic, by: Move, path: &str) {
    diagnostic.span = by.span(diagnostic.span);
    for related in &mut diagnostic.related {
        if related.path == path {
            related.span = by.span(related.span);
        }
    }
    for edit in diagnostic.fixes.iter_mut().flat_map(|f| f.edits.iter_mut()) {
        if edit.path == path {
            edit.span = by.span(edit.span);
        }
    }
}

/// The length of the longest common prefix of `a` and `b`, compared a block
/// at a time (a whole 1 MB file in well under a millisecond).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + BLOCK <= len && a.get(at..at + BLOCK) == b.get(at..at + BLOCK) {
        at += BLOCK;
    }
    while at < len && a.get(at) == b.get(at) {
        at += 1;
    }
    at
}

/// The length of the longest common suffix of `a` and `b`.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let len = a.len().min(b.len());
    let (a_len, b_len) = (a.len(), b.len());
    let mut at = 0;
    while at + BLOCK <= len
        && a.get(a_len - at - BLOCK..a_len - at) == b.get(b_len - at - BLOCK..b_len - at)
    {
        at += BLOCK;
    }
    while at < len && a.get(a_len - at - 1) == b.get(b_len - at - 1) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Lines that stress the window's assumptions: dated and undated headings
    /// at every level, headings that are not at a line's start (indented, in
    /// a quote or a list), fences and HTML blocks that swallow headings,
    /// setext underlines, tables, fields, tags, links, and the occasional
    /// reference definition.
    const LINES: &[&str] = &[
        "## 2026-11-02",
        "## 2026-11-03 Load balancing #caching",
        "# 2026-11-04",
        "### 2026-11-05 sub entry",
        "#### 2026-13-45 not a date",
        "## 2026-1-5 unpadded",
        "# Notes",
        "## Notes #rust",
        "  ## 2026-11-06 indented",
        "> ## 2026-11-07 quoted",
        "- ## 2026-11-08 listed",
        "```",
        "~~~",
        "```rust",
        "<div>",
        "</div>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "time:: 30m",
        "time:: 1h 20m",
        "time:: soon",
        "topic:: #caching, [[load balancing]]",
        "- confidence:: 3",
        "**learned**:: x",
        "#rust #load-balancing text",
        "text #tag (#other) a#b",
        "[[note]] and [[other#head]] ![[pic.png]]",
        "[link](other.md#x) `#code` <span>#html</span>",
        "Setext heading",
        "===",
        "---",
        "| a | b |",
        "|---|---|",
        "",
        "",
        "",
        "    indented code #tag",
        "* item #tag",
        "1. item",
        "café #thé",
    ];

    /// Reference definitions: rare, since a file holding one is parsed whole.
    const DEFINITIONS: &[&str] = &["[ref]: other.md", "[^1]: a note", "[ref]"];

    /// Text an edit puts in.
    const INSERTS: &[&str] = &[
        "",
        "\n",
        "#",
        "## 2026-11-09\n",
        "```\n",
        "time:: 2h",
        "x",
        "\n## Notes\n",
        "<div>\n",
        "\r",
        "é",
        " #tag",
        "\n\n",
        "===\n",
        "[[n",
        "]]",
        "- ",
        "# March 2026\n",
        "\n## 05\n",
        "\n## 13/01/2026\n",
        "**Time:** 5m\n",
    ];

    fn document() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(prop::sample::select(LINES), 0..60),
            prop::option::weighted(0.1, (prop::sample::select(DEFINITIONS), 0usize..60)),
            prop::bool::ANY,
        )
            .prop_map(|(mut lines, definition, crlf)| {
                if let Some((line, at)) = definition {
                    lines.insert(at.min(lines.len()), line);
                }
                lines.join(if crlf { "\r\n" } else { "\n" })
            })
    }

    /// A replacement of `text[a..b]` (snapped to char boundaries).
    fn edit(text: &str, a: usize, b: usize, insert: &str) -> String {
        let snap = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (a, b) = (snap(a.min(b)), snap(a.max(b)));
        format!("{}{insert}{}", &text[..a], &text[b..])
    }

    fn same(a: &JournalFile, b: &JournalFile) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Re-parsing after any edit gives exactly the full parse.
        #[test]
        fn equals_a_full_parse_after_any_edit(
            text in document(),
            edits in prop::collection::vec(
                (0usize..4000, 0usize..40, prop::sample::select(INSERTS)),
                1..4,
            ),
        ) {
            let mut current = parse_file("journal.md", Arc::from(text.as_str()), &ParseOptions::default());
            for (at, len, insert) in edits {
                let at = at % (current.text.len() + 1);
                let next = edit(&current.text, at, at + len, insert);
                let incremental = reparse_above(&current, Arc::from(next.as_str()), 0, &ParseOptions::default());
                let full = parse_file("journal.md", Arc::from(next.as_str()), &ParseOptions::default());
                prop_assert!(same(&incremental, &full), "after an edit at {at}: {next:?}");
                current = incremental;
            }
        }
    }

    proptest! {
        /// Any text and any edit, unicode and stray markup included: the
        /// result is the full parse, and nothing panics.
        #[test]
        fn equals_a_full_parse_on_arbitrary_text(
            text in "(## 2026-11-0[1-9]\n|[#`<>\\[\\]:*\\- \r\n]|\\PC){0,200}",
            at in 0usize..400,
            len in 0usize..20,
            insert in "(\n|#|`|\\PC){0,6}",
        ) {
            let old = parse_file("journal.md", Arc::from(text.as_str()), &ParseOptions::default());
            let next = edit(&text, at, at + len, &insert);
            let incremental = reparse_above(&old, Arc::from(next.as_str()), 0, &ParseOptions::default());
            let full = parse_file("journal.md", Arc::from(next.as_str()), &ParseOptions::default());
            prop_assert!(same(&incremental, &full), "{text:?} -> {next:?}");
        }
    }

    /// Typing in one entry of a flat journal re-parses only that entry's
    /// stretch: the window path is taken, not the whole-file fallback.
    #[test]
    fn typing_in_a_flat_journal_takes_the_window() {
        let mut text = String::new();
        for day in 1..=28 {
            text.push_str(&format!("## 2026-11-{day:02}\n#caching\ntime:: 30m\n\n"));
        }
        let old = parse_file(
            "journal.md",
            Arc::from(text.as_str()),
            &ParseOptions::default(),
        );
        for (at, insert) in [(text.len() / 2, "#rust "), (text.len(), "#r"), (20, "x")] {
            let new = edit(&text, at, at, insert);
            let window = window_reparse(&old, &new, &ParseOptions::default());
            assert!(window.is_some(), "edit at {at} fell back to a full parse");
            let incremental =
                reparse_above(&old, Arc::from(new.as_str()), 0, &ParseOptions::default());
            let full = parse_file(
                "journal.md",
                Arc::from(new.as_str()),
                &ParseOptions::default(),
            );
            assert!(same(&incremental, &full));
        }
    }

    /// What the window must not be used for: a file with a reference
    /// definition, a daily note, and a change before the first heading.
    #[test]
    fn falls_back_where_the_window_cannot_be_trusted() {
        let journal = "intro\n## 2026-11-02\n#a\n## 2026-11-03\n#b\n";
        let old = parse_file("journal.md", Arc::from(journal), &ParseOptions::default());
        assert!(
            window_reparse(
                &old,
                "intra\n## 2026-11-02\n#a\n## 2026-11-03\n#b\n",
                &ParseOptions::default()
            )
            .is_none()
        );
        assert!(
            window_reparse(
                &old,
                &format!("{journal}[x]: y.md\n"),
                &ParseOptions::default()
            )
            .is_none()
        );
        let daily = parse_file(
            "2026-11-02.md",
            Arc::from(journal),
            &ParseOptions::default(),
        );
        let changed = format!("{journal}more\n");
        let reparsed = reparse_above(
            &daily,
            Arc::from(changed.as_str()),
            0,
            &ParseOptions::default(),
        );
        assert!(same(
            &reparsed,
            &parse_file(
                "2026-11-02.md",
                Arc::from(changed.as_str()),
                &ParseOptions::default()
            )
        ));
    }

    /// A month heading below the file's first heading dates nothing (only a
    /// file's first heading names its month), so a window that starts at it
    /// must not read it as the file's month. Found by the property test.
    #[test]
    fn a_month_heading_inside_the_file_does_not_date_the_window() {
        let journal = "# Log\n\n## 2026-11\nsome notes\n";
        let old = parse_file("journal.md", Arc::from(journal), &ParseOptions::default());
        let typed = format!("{journal}## 05\nbalancing #caching\n");
        let reparsed = reparse_above(&old, Arc::from(typed.as_str()), 0, &ParseOptions::default());
        let full = parse_file(
            "journal.md",
            Arc::from(typed.as_str()),
            &ParseOptions::default(),
        );
        assert!(full.entries.is_empty());
        assert!(same(&reparsed, &full));
    }

    /// A `---` typed under a file whose opening fence was never closed
    /// closes it: everything above becomes frontmatter, which a window
    /// cannot see. Found by the `reparse` fuzz target.
    #[test]
    fn closing_an_open_frontmatter_fence_is_parsed_whole() {
        let journal = "---\nnot closed\n\n# Autoscaling\n\n## 2026-11-20\ntext #caching\n";
        let old = parse_file("journal.md", Arc::from(journal), &ParseOptions::default());
        assert!(old.frontmatter.is_none());
        let typed = journal.replace("text #caching", "text\n---\n#caching");
        let reparsed = reparse_above(&old, Arc::from(typed.as_str()), 0, &ParseOptions::default());
        let full = parse_file(
            "journal.md",
            Arc::from(typed.as_str()),
            &ParseOptions::default(),
        );
        assert!(full.frontmatter.is_some());
        assert!(same(&reparsed, &full));
    }
}
