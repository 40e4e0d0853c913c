//! Byte spans and the one place that converts byte offsets to line/column positions.
//!
//! The core works on byte offsets into a file's text. Editors and the CLI want
//! (line, column) pairs whose column unit differs: UTF-8 bytes or UTF-16 code
//! units for the language server (negotiated), Unicode scalar values for the
//! CLI. Lines break on LF, CRLF and CR only, as editors do.

use std::ops::Range;

/// A half-open byte range `start..end` into a file's text.
///
/// The offsets are stored as `u32`: a journal keeps every span of every
/// parsed file in memory, and every text is far below 4 GiB (the scanner
/// skips files over 8 MiB). Offsets beyond `u32::MAX` saturate, so an
/// impossibly large text gives spans that slice to "" rather than a panic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: u32,
    end: u32,
}

/// An offset as stored in a [`Span`] or a [`LineIndex`] (saturating; see [`Span`]).
const fn narrow(offset: usize) -> u32 {
    if offset > u32::MAX as usize {
        u32::MAX
    } else {
        offset as u32
    }
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span {
            start: narrow(start),
            end: narrow(end),
        }
    }

    pub const fn empty(at: usize) -> Self {
        Span::new(at, at)
    }

    /// The byte offset where the span starts.
    pub const fn start(&self) -> usize {
        self.start as usize
    }

    /// The byte offset just past the span's end.
    pub const fn end(&self) -> usize {
        self.end as usize
    }

    pub const fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `offset` lies inside the span or touches its end (cursor semantics).
    pub const fn touches(&self, offset: usize) -> bool {
        self.start() <= offset && offset <= self.end()
    }

    pub const fn contains_span(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start()..self.end()
    }

    /// The text of the span, or "" when the span does not fit the text.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.range()).unwrap_or("")
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// The unit in which a column counts characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColumnUnit {
    /// UTF-8 code units (bytes): what Neovim offers.
    Utf8,
    /// UTF-16 code units: the LSP default, what VS Code uses.
    #[default]
    Utf16,
    /// Unicode scalar values: what the CLI prints.
    Scalar,
}

/// A zero-based line and column, the column counted in some [`ColumnUnit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Line starts of one text, for offset <-> (line, column) conversion.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset where each line starts; always begins with 0. Stored as
    /// `u32` to halve the index of a large journal: every text is far below
    /// 4 GiB (the scanner skips files over 8 MiB); offsets beyond saturate.
    line_starts: Vec<u32>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        // memchr finds the line ends many bytes at a time.
        let mut ends = memchr::memchr2_iter(b'\n', b'\r', bytes).peekable();
        while let Some(i) = ends.next() {
            let next = if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
                // CRLF is one line end: skip its LF.
                ends.next_if_eq(&(i + 1));
                i + 2
            } else {
                i + 1
            };
            line_starts.push(narrow(next));
        }
        line_starts.shrink_to_fit();
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    /// The index of an edited text, from this index of the old text and an
    /// index of the edited stretch: the old lines before offset `start` (a
    /// line start the edit left alone), then `window`'s lines moved to
    /// `start`, then the old lines starting after offset `rest_after`, moved
    /// by the change in length to `new_len`. The window must run from
    /// `start` to the end of the line at `rest_after` in the new text (or to
    /// its end, with `rest_after` past the old text's end). Saves scanning a
    /// large file for line ends on every keystroke.
    pub(crate) fn spliced(
        &self,
        start: usize,
        window: &LineIndex,
        rest_after: usize,
        new_len: usize,
    ) -> LineIndex {
        let before = self.line_starts.partition_point(|&s| (s as usize) < start);
        let rest = self
            .line_starts
            .partition_point(|&s| (s as usize) <= rest_after);
        let mut line_starts = Vec::with_capacity(
            before + window.line_starts.len() + self.line_starts.len().saturating_sub(rest),
        );
        line_starts.extend_from_slice(self.line_starts.get(..before).unwrap_or(&[]));
        line_starts.extend(
            window
                .line_starts
                .iter()
                .map(|&s| narrow(s as usize + start)),
        );
        line_starts.extend(
            self.line_starts
                .get(rest..)
                .unwrap_or(&[])
                .iter()
                .map(|&s| narrow((s as usize + new_len).saturating_sub(self.len))),
        );
        LineIndex {
            line_starts,
            len: new_len,
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Zero-based line number of the line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.line_starts.binary_search(&narrow(offset)) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where zero-based `line` starts, or the text's end past the last line.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .map_or(self.len, |&start| start as usize)
    }

    /// Byte span of `line` without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1).min(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// Converts a byte offset to a position. Offsets inside a character or past
    /// the end are clamped to the nearest earlier character boundary.
    pub fn position(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let prefix = &text[start..offset];
        LineCol {
            line: line as u32,
            col: column_width(prefix, unit) as u32,
        }
    }

    /// Converts a position to a byte offset. A column past the line's end
    /// clamps to the end of the line (before its terminator); a line past the
    /// end clamps to the end of the text; a column inside a character snaps to
    /// its start.
    pub fn offset(&self, text: &str, pos: LineCol, unit: ColumnUnit) -> usize {
        let line = pos.line as usize;
        if line >= self.line_starts.len() {
            return text.len();
        }
        let span = self.line_span(text, line);
        let line_text = span.slice(text);
        let mut remaining = pos.col as usize;
        for (i, ch) in line_text.char_indices() {
            let w = char_width(ch, unit);
            if remaining < w {
                return span.start() + i;
            }
            remaining -= w;
            if remaining == 0 {
                return span.start() + i + ch.len_utf8();
            }
        }
        span.end()
    }
}

fn char_width(ch: char, unit: ColumnUnit) -> usize {
    match unit {
        ColumnUnit::Utf8 => ch.len_utf8(),
        ColumnUnit::Utf16 => ch.len_utf16(),
        ColumnUnit::Scalar => 1,
    }
}

/// Width of `s` in the given column unit.
pub fn column_width(s: &str, unit: ColumnUnit) -> usize {
    match unit {
        ColumnUnit::Utf8 => s.len(),
        ColumnUnit::Utf16 => s.encode_utf16().count(),
        ColumnUnit::Scalar => s.chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_on_lf_crlf_and_cr_only() {
        let text = "a\nb\r\nc\rd\u{2028}e\x0cf";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_span(text, 1).slice(text), "b");
        assert_eq!(idx.line_span(text, 2).slice(text), "c");
        assert_eq!(idx.line_span(text, 3).slice(text), "d\u{2028}e\x0cf");
    }

    #[test]
    fn columns_in_each_unit() {
        let text = "x\né😀中b";
        let idx = LineIndex::new(text);
        let b = text.find('b').expect("b is in the text");
        let at = |unit| idx.position(text, b, unit);
        assert_eq!(at(ColumnUnit::Utf8), LineCol { line: 1, col: 9 });
        assert_eq!(at(ColumnUnit::Utf16), LineCol { line: 1, col: 4 });
        assert_eq!(at(ColumnUnit::Scalar), LineCol { line: 1, col: 3 });
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Scalar] {
            assert_eq!(idx.offset(text, at(unit), unit), b);
        }
    }

    #[test]
    fn span_offsets_past_u32_saturate_and_slice_to_nothing() {
        let span = Span::new(3, usize::MAX);
        assert_eq!((span.start(), span.end()), (3, u32::MAX as usize));
        assert_eq!(span.slice("abcdef"), "");
        assert_eq!(Span::new(1, 4).slice("abcdef"), "bcd");
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\r\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 99 }, ColumnUnit::Utf16),
            2
        );
        assert_eq!(
            idx.offset(text, LineCol { line: 9, col: 0 }, ColumnUnit::Utf16),
            6
        );
        assert_eq!(
            idx.position(text, 99, ColumnUnit::Scalar),
            LineCol { line: 1, col: 2 }
        );
    }
}
