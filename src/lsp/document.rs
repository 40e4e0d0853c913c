//! An open document: the editor's unsaved text in a rope, with its version.
//! Incremental edits apply to the rope in protocol positions (converted in
//! [`super::convert`]); the flat text the core parses is rebuilt once per
//! `didChange`, not once per edit.

use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use super::convert;
use crate::text::ColumnUnit;

#[derive(Clone, Debug)]
pub struct Document {
    /// The version the editor gave with the last open or change.
    pub version: i32,
    /// True after a change the editor has not saved yet (`didChange` since
    /// the last `didOpen` or `didSave`).
    pub unsaved: bool,
    rope: Rope,
    /// The rope's text, rebuilt after each batch of edits.
    text: Arc<str>,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Self {
        Document {
            version,
            unsaved: false,
            rope: Rope::from_str(text),
            text: Arc::from(text),
        }
    }

    /// The current text.
    pub fn text(&self) -> Arc<str> {
        self.text.clone()
    }

    /// Applies one `didChange` batch in order: whole-text replacements and
    /// ranged edits (positions in `unit`, clamped to the text, so a bad range
    /// edits the nearest valid place rather than failing).
    pub fn apply_changes(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        unit: ColumnUnit,
    ) {
        self.unsaved = true;
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let a = convert::rope_offset(&self.rope, range.start, unit);
                    let b = convert::rope_offset(&self.rope, range.end, unit);
                    let (start, end) = (a.min(b), a.max(b));
                    // Offsets come from char walks, so they are char
                    // boundaries and the conversions cannot fail.
                    let start_char = self.rope.byte_to_char(start);
                    let end_char = self.rope.byte_to_char(end);
                    self.rope.remove(start_char..end_char);
                    self.rope.insert(start_char, &change.text);
                }
            }
        }
        self.version = version;
        self.text = Arc::from(String::from(&self.rope));
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tower_lsp_server::ls_types::Range;

    use super::*;
    use crate::text::LineIndex;

    fn edit(range: Option<Range>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn ranged_edits_and_full_replacement_apply_in_order() {
        let mut doc = Document::new("ab\r\ncd", 1);
        let at = |l, c| tower_lsp_server::ls_types::Position::new(l, c);
        doc.apply_changes(
            vec![
                edit(Some(Range::new(at(1, 0), at(1, 1))), "X😀"),
                edit(Some(Range::new(at(1, 3), at(1, 3))), "!"),
            ],
            2,
            ColumnUnit::Utf16,
        );
        assert_eq!(&*doc.text(), "ab\r\nX😀!d");
        assert_eq!(doc.version, 2);
        doc.apply_changes(vec![edit(None, "new")], 3, ColumnUnit::Utf16);
        assert_eq!(&*doc.text(), "new");
    }

    #[test]
    fn out_of_range_edits_clamp_instead_of_failing() {
        let mut doc = Document::new("ab", 1);
        let at = |l, c| tower_lsp_server::ls_types::Position::new(l, c);
        doc.apply_changes(
            vec![edit(Some(Range::new(at(9, 9), at(0, 1))), "Z")],
            2,
            ColumnUnit::Utf8,
        );
        assert_eq!(&*doc.text(), "aZ");
    }

    /// Text made of the characters that make positions hard: multi-byte,
    /// astral (two UTF-16 units) and every kind of line break.
    fn tricky_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec!["a", "é", "中", "😀", "\n", "\r\n", "\r", " ", "#"]),
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    /// One edit as byte positions into the current text (picked on char
    /// boundaries at apply time) and the text to insert.
    fn edits() -> impl Strategy<Value = Vec<(usize, usize, String)>> {
        proptest::collection::vec((0usize..200, 0usize..200, tricky_text()), 1..12)
    }

    proptest! {
        #[test]
        fn random_edits_match_the_same_edits_on_a_string(
            initial in tricky_text(),
            edits in edits(),
            utf8 in any::<bool>(),
        ) {
            let unit = if utf8 { ColumnUnit::Utf8 } else { ColumnUnit::Utf16 };
            let mut expected = initial.clone();
            let mut doc = Document::new(&initial, 0);
            for (version, (a, b, insert)) in edits.into_iter().enumerate() {
                let bounds: Vec<usize> = expected
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([expected.len()])
                    .collect();
                let mut start = bounds[a % bounds.len()];
                let mut end = bounds[b % bounds.len()];
                if start > end {
                    std::mem::swap(&mut start, &mut end);
                }
                // A position cannot point between the CR and LF of a CRLF;
                // move such an end onto the CR so the edit is expressible.
                let fix = |at: usize| {
                    if at > 0
                        && expected.as_bytes().get(at - 1) == Some(&b'\r')
                        && expected.as_bytes().get(at) == Some(&b'\n')
                    {
                        at - 1
                    } else {
                        at
                    }
                };
                let (start, end) = (fix(start), fix(end));
                let index = LineIndex::new(&expected);
                let range = convert::range(
                    &index,
                    &expected,
                    crate::text::Span::new(start, end),
                    unit,
                );
                expected.replace_range(start..end, &insert);
                doc.apply_changes(vec![edit(Some(range), &insert)], version as i32 + 1, unit);
                prop_assert_eq!(&*doc.text(), expected.as_str());
            }
        }
    }
}
