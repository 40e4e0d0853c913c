//! The one place where protocol positions meet the core's byte offsets: LSP
//! `Position`/`Range` in the negotiated encoding <-> byte offsets and
//! [`Span`]s, via [`crate::text::LineIndex`] (for parsed text) or a rope (for
//! incremental edits of open documents). Also URIs <-> paths.

use std::path::{Path, PathBuf};

use ropey::Rope;
use tower_lsp_server::ls_types::{ClientCapabilities, Position, PositionEncodingKind, Range, Uri};

use crate::text::{ColumnUnit, LineCol, LineIndex, Span};

/// The position encoding to use with a client: UTF-8 when it offers it (no
/// conversion at all, and what Neovim offers), else the protocol's default,
/// UTF-16 (what VS Code speaks).
pub fn negotiate_encoding(caps: &ClientCapabilities) -> (ColumnUnit, PositionEncodingKind) {
    let offered = caps
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&PositionEncodingKind::UTF8) => {
            (ColumnUnit::Utf8, PositionEncodingKind::UTF8)
        }
        _ => (ColumnUnit::Utf16, PositionEncodingKind::UTF16),
    }
}

/// The protocol position of byte `offset` in `text`.
pub fn position(index: &LineIndex, text: &str, offset: usize, unit: ColumnUnit) -> Position {
    let LineCol { line, col } = index.position(text, offset, unit);
    Position::new(line, col)
}

/// The protocol range of byte span `span` in `text`.
pub fn range(index: &LineIndex, text: &str, span: Span, unit: ColumnUnit) -> Range {
    Range::new(
        position(index, text, span.start(), unit),
        position(index, text, span.end(), unit),
    )
}

/// The byte offset of a protocol position; out-of-range positions clamp (see
/// [`LineIndex::offset`]), so a bad position from a client never fails.
pub fn offset(index: &LineIndex, text: &str, pos: Position, unit: ColumnUnit) -> usize {
    index.offset(
        text,
        LineCol {
            line: pos.line,
            col: pos.character,
        },
        unit,
    )
}

/// The byte span of a protocol range; a reversed range is put in order.
pub fn span(index: &LineIndex, text: &str, range: Range, unit: ColumnUnit) -> Span {
    let a = offset(index, text, range.start, unit);
    let b = offset(index, text, range.end, unit);
    Span::new(a.min(b), a.max(b))
}

/// The byte offset of a protocol position in a rope, with the same clamping
/// rules as [`LineIndex::offset`]: a column past the line's end clamps to the
/// end of the line (before its terminator), a line past the end clamps to the
/// end of the text, a column inside a character snaps to its start.
pub fn rope_offset(rope: &Rope, pos: Position, unit: ColumnUnit) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start = rope.line_to_byte(line);
    let mut at = line_start;
    let mut remaining = pos.character as usize;
    for ch in rope.line(line).chars() {
        if ch == '\n' || ch == '\r' || remaining == 0 {
            break;
        }
        let width = match unit {
            ColumnUnit::Utf8 => ch.len_utf8(),
            ColumnUnit::Utf16 => ch.len_utf16(),
            ColumnUnit::Scalar => 1,
        };
        if remaining < width {
            break;
        }
        remaining -= width;
        at += ch.len_utf8();
    }
    at
}

/// The local path of a `file:` URI, or `None` for any other scheme.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let scheme = uri.scheme().as_str();
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The `file:` URI of an absolute path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

/// `path` relative to `root` with `/` separators, when `path` lies below `root`.
pub fn relative_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut out = String::new();
    for part in rel.components() {
        let std::path::Component::Normal(name) = part else {
            return None;
        };
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(name.to_str()?);
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNITS: [ColumnUnit; 2] = [ColumnUnit::Utf8, ColumnUnit::Utf16];

    #[test]
    fn utf8_wins_when_offered_else_utf16() {
        let mut caps = ClientCapabilities::default();
        assert_eq!(negotiate_encoding(&caps).0, ColumnUnit::Utf16);
        caps.general = Some(tower_lsp_server::ls_types::GeneralClientCapabilities {
            position_encodings: Some(vec![
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8,
            ]),
            ..Default::default()
        });
        assert_eq!(negotiate_encoding(&caps).0, ColumnUnit::Utf8);
        caps.general = Some(tower_lsp_server::ls_types::GeneralClientCapabilities {
            position_encodings: Some(vec![PositionEncodingKind::UTF32]),
            ..Default::default()
        });
        assert_eq!(negotiate_encoding(&caps).1, PositionEncodingKind::UTF16);
    }

    #[test]
    fn rope_and_line_index_agree_on_every_position() {
        let text = "## 2026-11-26 — 学习 😀\r\n#tag é\rlast\n\nx😀y";
        let rope = Rope::from_str(text);
        let index = LineIndex::new(text);
        for unit in UNITS {
            for line in 0..8u32 {
                for col in 0..40u32 {
                    let pos = Position::new(line, col);
                    assert_eq!(
                        rope_offset(&rope, pos, unit),
                        offset(&index, text, pos, unit),
                        "{pos:?} in {unit:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn positions_round_trip_on_char_boundaries() {
        let text = "a😀b\r\n中文\rend";
        let index = LineIndex::new(text);
        for unit in UNITS {
            for (at, ch) in text.char_indices() {
                // Between the CR and LF of a CRLF is no position at all.
                if ch == '\n' && text[..at].ends_with('\r') {
                    continue;
                }
                let pos = position(&index, text, at, unit);
                assert_eq!(offset(&index, text, pos, unit), at, "{at} in {unit:?}");
            }
        }
    }

    #[test]
    fn emoji_column_differs_by_unit() {
        let text = "x😀#t";
        let index = LineIndex::new(text);
        let at = text.find('#').expect("tag");
        assert_eq!(
            position(&index, text, at, ColumnUnit::Utf8),
            Position::new(0, 5)
        );
        assert_eq!(
            position(&index, text, at, ColumnUnit::Utf16),
            Position::new(0, 3)
        );
        // A UTF-16 column inside the surrogate pair snaps to the emoji's start.
        assert_eq!(
            offset(&index, text, Position::new(0, 2), ColumnUnit::Utf16),
            1
        );
    }

    #[test]
    fn relative_paths_use_slashes_and_stay_below_root() {
        let root = Path::new("/j");
        assert_eq!(
            relative_path(root, Path::new("/j/a/b.md")).as_deref(),
            Some("a/b.md")
        );
        assert_eq!(relative_path(root, Path::new("/k/b.md")), None);
        assert_eq!(relative_path(root, Path::new("/j")), None);
    }

    #[test]
    fn file_uris_map_to_paths_and_back() {
        let path = Path::new("/tmp/my journal/2026-11-26.md");
        let uri = path_to_uri(path).expect("absolute path");
        assert_eq!(uri.as_str(), "file:///tmp/my%20journal/2026-11-26.md");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        let other: Uri = "untitled:Untitled-1".parse().expect("uri");
        assert_eq!(uri_to_path(&other), None);
    }
}
