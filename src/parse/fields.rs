//! Dataview-style inline fields (`key:: value`) and the topics named in
//! `topic::` / `topics::` values.
//!
//! A field sits at the start of a line, after optional indentation, an
//! optional list marker (`-`, `*`, `+`, `1.`, `1)`) and an optional bold key
//! (`**key**::`). The `::` must be followed by a blank or the line's end, so
//! that prose like `std::vector` at the start of a line is not a field.

use std::sync::LazyLock;

use regex::Regex;

use super::links::wiki_link;
use super::regions::Regions;
use super::tags::tag_len;
use crate::syntax::{Field, FieldKind, TopicRef, TopicSource};
use crate::text::{LineIndex, Span};
use crate::topic::canonicalize;

/// Group 1: a bold key; group 2: a plain key. The match ends after `::`.
static FIELD_LINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\*\*([^*\r\n:]+?)\*\*::|([\p{L}\p{N}_][\p{L}\p{N}_ ./-]*?)::)(?:[ \t]|$)",
    )
    .ok()
});

/// One inline field and, for `topic::` fields, the topics in its value.
pub(crate) struct InlineField {
    pub field: Field,
    pub topics: Vec<TopicRef>,
}

/// Every inline field on the lines starting at or after `from`, except where
/// the key lies in an excluded region (code, HTML).
pub(crate) fn inline_fields(
    text: &str,
    lines: &LineIndex,
    from: usize,
    excluded: &Regions,
) -> Vec<InlineField> {
    let Some(re) = FIELD_LINE.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line_no in lines.line_of(from)..lines.line_count() {
        let line = lines.line_span(text, line_no);
        if line.start < from {
            continue;
        }
        let line_text = line.slice(text);
        if !line_text.contains("::") {
            continue;
        }
        let Some(caps) = re.captures(line_text) else {
            continue;
        };
        let (Some(whole), Some(key)) = (caps.get(0), caps.get(1).or_else(|| caps.get(2))) else {
            continue;
        };
        let key_span = Span::new(line.start + key.start(), line.start + key.end());
        if excluded.overlaps(key_span) {
            continue;
        }
        let raw_value = Span::new(line.start + whole.end(), line.end);
        let value_span = super::markdown::trim_span(text, raw_value);
        let kind = FieldKind::from_key(key.as_str());
        let topics = if kind == FieldKind::Topics {
            topic_values(text, value_span)
        } else {
            Vec::new()
        };
        out.push(InlineField {
            field: Field {
                key: key.as_str().to_string(),
                kind,
                value: value_span.slice(text).to_string(),
                key_span,
                value_span,
                line,
                from_frontmatter: false,
            },
            topics,
        });
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
        let piece_start = value.start + offset;
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
            let inner_span = Span::new(span.start + 2, span.start + 2 + inner.len());
            let link = wiki_link(text, span, inner_span);
            if !link.target.is_empty() {
                out.push(topic(link.target, link.target_span));
            }
        } else {
            out.push(topic(trimmed.to_string(), span));
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
            let start = piece.start + i;
            let written = s.get(i + 1..i + 1 + len).unwrap_or("");
            out.push(topic(
                written.to_string(),
                Span::new(start, start + 1 + len),
            ));
        }
    }
}

fn topic(written: String, span: Span) -> TopicRef {
    TopicRef {
        canonical: canonicalize(&written),
        written,
        span,
        source: TopicSource::Field,
    }
}
