//! Dataview-style inline fields (`key:: value`), bold-label fields
//! (`**Time:** 1h`, `**Today's Progress**: ...`) and the topics named in
//! `topic::` / `topics::` values.
//!
//! A field sits at the start of a line, after optional indentation, an
//! optional list marker (`-`, `*`, `+`, `1.`, `1)`) and an optional bold key
//! (`**key**::`). The `::` must be followed by a blank or the line's end, so
//! that prose like `std::vector` at the start of a line is not a field.
//!
//! A bold label with one colon, inside or after the bold (`**Label:**`,
//! `**Label**:`), is a field only when the label names a known field, by
//! [`LABELS`] or `[fields] aliases`: bold text opening a paragraph is common
//! prose, and an unknown label would only add noise.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::links::wiki_link;
use super::regions::Regions;
use super::tags::tag_len;
use crate::syntax::{Field, FieldKind, TopicRef, TopicSource};
use crate::text::Span;
use crate::topic::topic_key_compact;

/// The field-line grammar as a regex. Group 1: a bold key; group 2: a plain
/// key. The match ends after `::` and the blank that follows it. The byte
/// scanner [`scan_field_line`] decides ASCII lines itself (the common case,
/// several times faster); this regex decides the rest, and is the reference
/// the scanner is tested against.
static FIELD_LINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\*\*([^*\r\n:]+?)\*\*::|([\p{L}\p{N}_][\p{L}\p{N}_ ./-]*?)::)(?:[ \t]|$)",
    )
    .ok()
});

/// The built-in labels people give their fields (lower case, `'` for any
/// apostrophe), beyond the field names themselves and their aliases
/// (`duration`, `reflection`, ...): the #100DaysOfCode log template's bold
/// labels and common variants. `[fields] aliases` adds to it and wins.
pub(crate) const LABELS: [(&str, FieldKind); 27] = [
    ("time spent", FieldKind::Time),
    ("time today", FieldKind::Time),
    ("hours", FieldKind::Time),
    ("hours coded", FieldKind::Time),
    ("practised", FieldKind::Practiced),
    ("today's progress", FieldKind::Practiced),
    ("todays progress", FieldKind::Practiced),
    ("progress", FieldKind::Practiced),
    ("what i did", FieldKind::Practiced),
    ("worked on", FieldKind::Practiced),
    ("learnt", FieldKind::Learned),
    ("lessons", FieldKind::Learned),
    ("thoughts", FieldKind::Learned),
    ("what i learned", FieldKind::Learned),
    ("what i learnt", FieldKind::Learned),
    ("today i learned", FieldKind::Learned),
    ("til", FieldKind::Learned),
    ("next steps", FieldKind::Next),
    ("tomorrow", FieldKind::Next),
    ("plan for tomorrow", FieldKind::Next),
    ("link to work", FieldKind::Source),
    ("link", FieldKind::Source),
    ("links", FieldKind::Source),
    ("sources", FieldKind::Source),
    ("resources", FieldKind::Source),
    ("reference", FieldKind::Source),
    ("references", FieldKind::Source),
];

/// The field a key or label stands for: `[fields] aliases` first, then the
/// field names and their aliases, then [`LABELS`]; case-insensitive, any
/// apostrophe (`’`) read as `'`.
pub(crate) fn label_kind(label: &str, aliases: &BTreeMap<String, FieldKind>) -> FieldKind {
    let label = label.trim();
    if aliases.is_empty() {
        let kind = FieldKind::from_key(label);
        if kind != FieldKind::Other {
            return kind;
        }
    }
    let lower = label.to_lowercase().replace(['’', '‘', '`'], "'");
    if let Some(kind) = aliases.get(&lower) {
        return *kind;
    }
    let kind = FieldKind::from_key(&lower);
    if kind != FieldKind::Other {
        return kind;
    }
    LABELS
        .iter()
        .find(|(name, _)| *name == lower)
        .map_or(FieldKind::Other, |&(_, kind)| kind)
}

/// One inline field and, for `topic::` fields, the topics in its value.
pub(crate) struct InlineField {
    pub field: Field,
    pub topics: Vec<TopicRef>,
}

/// Where a field line's parts lie, as byte offsets into the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FieldMatch {
    key_start: usize,
    key_end: usize,
    /// The end of the match: after `::` and the one blank that follows it.
    end: usize,
}

/// What the byte scanner makes of a line.
#[derive(Debug, PartialEq, Eq)]
enum Scan {
    Field(FieldMatch),
    NotAField,
    /// Non-ASCII text before the first `:`: Unicode letter and digit classes
    /// decide, so the regex does.
    Unsure,
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// [`FIELD_LINE`] for a line whose text before its first `:` is ASCII.
///
/// Neither key form can hold a `:`, so a field's `::` is always the line's
/// first `:`; everything before it must be indentation, an optional list
/// marker and the key, which makes the decision a left-to-right byte scan.
fn scan_field_line(line: &str) -> Scan {
    let b = line.as_bytes();
    let Some(colon) = b.iter().position(|&c| c == b':') else {
        return Scan::NotAField;
    };
    let prefix = &b[..colon];
    if !prefix.is_ascii() {
        return Scan::Unsure;
    }
    if b.get(colon + 1) != Some(&b':') {
        return Scan::NotAField;
    }
    let end = match b.get(colon + 2) {
        None => colon + 2,
        Some(&c) if is_blank(c) => colon + 3,
        Some(_) => return Scan::NotAField,
    };
    let mut i = 0;
    while prefix.get(i).copied().is_some_and(is_blank) {
        i += 1;
    }
    // With a list marker first (the regex prefers it), then without.
    let after_marker = list_marker(prefix, i).and_then(|m| {
        let mut j = m;
        while prefix.get(j).copied().is_some_and(is_blank) {
            j += 1;
        }
        (j > m).then_some(j)
    });
    for start in after_marker.into_iter().chain([i]) {
        if let Some((key_start, key_end)) = key_before_colon(prefix, start) {
            return Scan::Field(FieldMatch {
                key_start,
                key_end,
                end,
            });
        }
    }
    Scan::NotAField
}

/// The end of a list marker (`-`, `*`, `+`, `1.`, `1)`) starting at `i`.
fn list_marker(prefix: &[u8], i: usize) -> Option<usize> {
    match prefix.get(i)? {
        b'-' | b'*' | b'+' => Some(i + 1),
        c if c.is_ascii_digit() => {
            let digits = prefix
                .get(i..)?
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let after = i + digits;
            ((1..=9).contains(&digits) && matches!(prefix.get(after), Some(b'.' | b')')))
                .then_some(after + 1)
        }
        _ => None,
    }
}

/// The key filling `prefix[start..]` exactly: `**bold**` or a plain key.
fn key_before_colon(prefix: &[u8], start: usize) -> Option<(usize, usize)> {
    let rest = prefix.get(start..)?;
    if let Some(bold) = rest.strip_prefix(b"**") {
        let inner = bold.strip_suffix(b"**")?;
        return (!inner.is_empty() && !inner.contains(&b'*'))
            .then_some((start + 2, start + 2 + inner.len()));
    }
    let (&first, tail) = rest.split_first()?;
    let plain = (first.is_ascii_alphanumeric() || first == b'_')
        && tail
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b' ' | b'.' | b'/' | b'-'));
    plain.then_some((start, prefix.len()))
}

/// The field on `line`, by the scanner or, when it is unsure, the regex.
fn match_field_line(line: &str) -> Option<FieldMatch> {
    match scan_field_line(line) {
        Scan::Field(m) => Some(m),
        Scan::NotAField => None,
        Scan::Unsure => regex_field_line(line),
    }
}

fn regex_field_line(line: &str) -> Option<FieldMatch> {
    let caps = FIELD_LINE.as_ref()?.captures(line)?;
    let whole = caps.get(0)?;
    let key = caps.get(1).or_else(|| caps.get(2))?;
    Some(FieldMatch {
        key_start: key.start(),
        key_end: key.end(),
        end: whole.end(),
    })
}

/// Every inline and bold-label field on the lines starting at or after
/// `from`, in document order, except where the key lies in an excluded
/// region (code, HTML).
pub(crate) fn inline_fields(
    text: &str,
    from: usize,
    excluded: &Regions,
    aliases: &BTreeMap<String, FieldKind>,
) -> Vec<InlineField> {
    let mut out = colon_fields(text, from, excluded, aliases);
    let bold = bold_label_fields(text, from, excluded, aliases);
    if !bold.is_empty() {
        out.extend(bold);
        out.sort_by_key(|f| f.field.line.start());
    }
    out
}

/// The line around byte `hit`.
fn line_around(text: &str, hit: usize) -> Span {
    let bytes = text.as_bytes();
    let start = bytes
        .get(..hit)
        .and_then(|before| memchr::memrchr2(b'\n', b'\r', before))
        .map_or(0, |i| i + 1);
    let end = bytes
        .get(hit..)
        .and_then(|after| memchr::memchr2(b'\n', b'\r', after))
        .map_or(text.len(), |i| hit + i);
    Span::new(start, end)
}

/// `**Label:** value` and `**Label**: value` lines whose label names a known
/// field. Only lines holding `:**` or `**:` are looked at.
fn bold_label_fields(
    text: &str,
    from: usize,
    excluded: &Regions,
    aliases: &BTreeMap<String, FieldKind>,
) -> Vec<InlineField> {
    let mut out = Vec::new();
    let mut search = from;
    let finder = memchr::memmem::Finder::new(b"**");
    while let Some(found) = text
        .get(search..)
        .and_then(|rest| finder.find(rest.as_bytes()))
    {
        let hit = search + found;
        let line = line_around(text, hit);
        search = line.end().max(hit + 2);
        if line.start() < from {
            continue;
        }
        let Some((key, value)) = bold_label(line.slice(text)) else {
            continue;
        };
        let key_span = Span::new(line.start() + key.start, line.start() + key.end);
        if excluded.overlaps(key_span) {
            continue;
        }
        let kind = label_kind(key_span.slice(text), aliases);
        if kind == FieldKind::Other {
            continue;
        }
        let value_span =
            super::markdown::trim_span(text, Span::new(line.start() + value, line.end()));
        out.push(inline_field(text, kind, key_span, value_span, line));
    }
    out
}

/// A bold label at the start of `line` (after indentation and an optional
/// list marker) with exactly one colon, inside or right after the bold: the
/// label's range (without the colon) and where the value starts.
fn bold_label(line: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let b = line.as_bytes();
    let mut i = 0;
    while b.get(i).copied().is_some_and(is_blank) {
        i += 1;
    }
    if let Some(m) = list_marker(b, i).filter(|&m| b.get(m).copied().is_some_and(is_blank)) {
        i = m;
        while b.get(i).copied().is_some_and(is_blank) {
            i += 1;
        }
    }
    let open = i;
    if b.get(open..open + 2) != Some(b"**") {
        return None;
    }
    let label_start = open + 2;
    let close = label_start + line.get(label_start..)?.find("**")?;
    let inner = line.get(label_start..close)?;
    let after = close + 2;
    let (label, value) = if let Some(label) = inner.strip_suffix(':') {
        (label, after)
    } else if b.get(after) == Some(&b':') {
        (inner, after + 1)
    } else {
        return None;
    };
    let label_trimmed = label.trim();
    if label_trimmed.is_empty()
        || label.contains([':', '*'])
        || b.get(value) == Some(&b':')
        || label_trimmed.chars().count() > 40
    {
        return None;
    }
    let lead = label.len() - label.trim_start().len();
    let start = label_start + lead;
    Some((start..start + label_trimmed.len(), value))
}

/// The `key:: value` fields.
fn colon_fields(
    text: &str,
    from: usize,
    excluded: &Regions,
    aliases: &BTreeMap<String, FieldKind>,
) -> Vec<InlineField> {
    let mut out = Vec::new();
    // Only lines holding `::` can be fields: jump from one to the next
    // instead of visiting every line.
    // The line around a hit is found by scanning the bytes next to it (lines
    // are short), not by a binary search of the line index per hit.
    let mut search = from;
    while let Some(found) = text.get(search..).and_then(|rest| rest.find("::")) {
        let hit = search + found;
        let line = line_around(text, hit);
        search = line.end().max(hit + 2);
        if line.start() < from {
            continue;
        }
        let line_text = line.slice(text);
        let Some(m) = match_field_line(line_text) else {
            continue;
        };
        let key_span = Span::new(line.start() + m.key_start, line.start() + m.key_end);
        if excluded.overlaps(key_span) {
            continue;
        }
        let key = key_span.slice(text);
        let raw_value = Span::new(line.start() + m.end, line.end());
        let value_span = super::markdown::trim_span(text, raw_value);
        let kind = label_kind(key, aliases);
        out.push(inline_field(text, kind, key_span, value_span, line));
    }
    out
}

/// The topics of a `topic::` value: comma-separated plain names, `#tags`
/// (several may share a piece, space-separated) or `[[links]]`.
///
/// Spans: a plain name or a link's target covers exactly the written name; a
/// tag's span includes its `#`, as for tags in the body.
fn topic_values(text: &str, value: Span) -> Vec<TopicRef> {
    let mut out = Vec::new();
    let s = value.slice(text);
    let mut offset = 0;
    for piece in s.split(',') {
        let piece_start = value.start() + offset;
        offset += piece.len() + 1;
        let span =
            super::markdown::trim_span(text, Span::new(piece_start, piece_start + piece.len()));
        let trimmed = span.slice(text);
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('#') {
            push_tags(text, span, &mut out);
        } else if let Some(inner) = trimmed
            .strip_prefix("[[")
            .and_then(|t| t.strip_suffix("]]"))
        {
            let inner_span = Span::new(span.start() + 2, span.start() + 2 + inner.len());
            let link = wiki_link(text, span, inner_span);
            if !link.target.is_empty() {
                out.push(topic(&link.target, link.target_span));
            }
        } else {
            out.push(topic(trimmed, span));
        }
    }
    out
}

/// `#a #b` inside one comma-separated piece.
fn push_tags(text: &str, piece: Span, out: &mut Vec<TopicRef>) {
    let s = piece.slice(text);
    for (i, _) in s.match_indices('#') {
        let preceded_ok = s[..i].chars().next_back().is_none_or(char::is_whitespace);
        let len = s.get(i + 1..).map_or(0, tag_len);
        if preceded_ok && len > 0 {
            let start = piece.start() + i;
            let written = s.get(i + 1..i + 1 + len).unwrap_or("");
            out.push(topic(written, Span::new(start, start + 1 + len)));
        }
    }
}

fn topic(written: &str, span: Span) -> TopicRef {
    TopicRef {
        key: topic_key_compact(written),
        written: written.into(),
        span,
        source: TopicSource::Field,
    }
}

/// One inline field found on `line`; a `topic::` value's topics are read out.
fn inline_field(
    text: &str,
    kind: FieldKind,
    key_span: Span,
    value_span: Span,
    line: Span,
) -> InlineField {
    let topics = if kind == FieldKind::Topics {
        topic_values(text, value_span)
    } else {
        Vec::new()
    };
    InlineField {
        field: Field {
            kind,
            written: None,
            key_span,
            value_span,
            line,
            from_frontmatter: false,
        },
        topics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanner_agrees_with_the_regex_on_tricky_lines() {
        for line in [
            "time:: 45m",
            "  - Duration:: 1h",
            "* **Confidence**:: 4/5",
            "***k**:: v",
            "**k**::v",
            "** k **:: v",
            "1. next:: x",
            "2) source:: [[Book]]",
            "1234567890. x:: y",
            "123456789. x:: y",
            "1.5:: y",
            "-foo:: x",
            "- :: x",
            "my own key:: whatever",
            "empty::",
            "std::vector",
            "a:b:: x",
            "a::b:: x",
            "_x:: y",
            "x :: y",
            "x::\ty",
            "\t+\t\tk/v.w-z:: y",
            "- - k:: v",
            "-  ",
            "",
            ":: x",
            "été:: x",
            "- é:: x",
            "k:: é",
            "١. k:: v",
        ] {
            let expected = regex_field_line(line);
            assert_eq!(match_field_line(line), expected, "{line:?}");
            if line.split(':').next().is_some_and(str::is_ascii) {
                assert_ne!(scan_field_line(line), Scan::Unsure, "{line:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn scanner_agrees_with_the_regex(line in "[ \t*+\\-1.)a-z_/:éé١]{0,14}") {
            proptest::prop_assert_eq!(match_field_line(&line), regex_field_line(&line));
        }
    }
}
