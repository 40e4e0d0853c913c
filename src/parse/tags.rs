//! `#tags`: `#` followed by letters, digits, `-`, `_` and `/`, with at least
//! one letter or digit and at least one character that is not a digit,
//! preceded by the start of a line, a blank or `(`. A trailing `/` is not
//! part of the tag (`#rust/` is `rust`).

use super::regions::Regions;
use crate::text::Span;

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '/')
}

/// Byte length of the tag name at the start of `s` (after its `#`), 0 when
/// there is none.
pub(crate) fn tag_len(s: &str) -> usize {
    let run = s.find(|c: char| !is_tag_char(c)).unwrap_or(s.len());
    let name = s.get(..run).unwrap_or("").trim_end_matches('/');
    let has_alnum = name.chars().any(char::is_alphanumeric);
    let has_non_digit = name.chars().any(|c| !c.is_ascii_digit());
    if has_alnum && has_non_digit {
        name.len()
    } else {
        0
    }
}

/// Every tag in `text[range]` outside the skipped regions: (name, span with `#`).
pub(crate) fn scan_tags<'t>(
    text: &'t str,
    range: Span,
    excluded: &Regions,
    topic_values: &Regions,
) -> Vec<(&'t str, Span)> {
    let mut out = Vec::new();
    let hay = range.slice(text);
    for (i, _) in hay.match_indices('#') {
        let at = range.start() + i;
        let preceded_ok = text
            .get(..at)
            .and_then(|before| before.chars().next_back())
            .is_none_or(|c| c.is_whitespace() || c == '(' || c == '\u{feff}');
        if !preceded_ok {
            continue;
        }
        let after = hay.get(i + 1..).unwrap_or("");
        let len = tag_len(after);
        if len == 0 {
            continue;
        }
        let span = Span::new(at, at + 1 + len);
        if excluded.overlaps(span) || topic_values.overlaps(span) {
            continue;
        }
        out.push((after.get(..len).unwrap_or(""), span));
    }
    out
}
