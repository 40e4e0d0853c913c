//! YAML frontmatter: a `---` block at the very start of a file (after an
//! optional BOM), closed by `---` or `...`. Parsed with saphyr; its marked
//! nodes give each value's position.

use compact_str::CompactString;
use saphyr::{LoadableYamlNode, MarkedYaml, Marker, Scalar, YamlData};

use crate::syntax::{Field, FieldKind, Frontmatter, TopicRef, TopicSource};
use crate::text::{LineIndex, Span};
use crate::topic::topic_key_compact;

/// A frontmatter block found at the start of a file.
pub(crate) struct Block {
    pub frontmatter: Frontmatter,
    /// Where the markdown after the block starts.
    pub markdown_start: usize,
    /// True when the YAML is a mapping with at least one key (content, for a daily note).
    pub has_keys: bool,
    /// The `frontmatter-syntax` problem: the offending line and a message.
    pub error: Option<(Span, String)>,
}

/// True for a fence line: `fence` and then only blanks.
fn is_fence(line: &str, fence: &str) -> bool {
    line.strip_prefix(fence)
        .is_some_and(|rest| rest.trim_matches([' ', '\t']).is_empty())
}

/// Finds and parses the frontmatter block; `base` is the offset after a BOM.
pub(crate) fn frontmatter(text: &str, base: usize, lines: &LineIndex) -> Option<Block> {
    let first = lines.line_span(text, 0);
    if !is_fence(Span::new(base, first.end()).slice(text), "---") {
        return None;
    }
    let close = (1..lines.line_count()).find(|&l| {
        let line = lines.line_span(text, l).slice(text);
        is_fence(line, "---") || is_fence(line, "...")
    })?;
    let yaml_span = Span::new(lines.line_start(1), lines.line_start(close));
    let span = Span::new(base, lines.line_span(text, close).end());
    let markdown_start = lines.line_start(close + 1);
    let yaml = yaml_span.slice(text);
    let mut block = Block {
        frontmatter: Frontmatter {
            span,
            valid: true,
            ..Frontmatter::default()
        },
        markdown_start,
        has_keys: false,
        error: None,
    };
    // saphyr counts lines from 1 within the YAML, which starts on file line 1 (0-based).
    let error_line = |yaml_line: usize| yaml_line.clamp(1, close.saturating_sub(1).max(1));
    if let Some(too_deep) = nesting_too_deep(yaml) {
        block.frontmatter.valid = false;
        block.error = Some((
            lines.line_span(text, error_line(too_deep.line)),
            too_deep.message(),
        ));
        return Some(block);
    }
    let docs = match MarkedYaml::load_from_str(yaml) {
        Ok(docs) => docs,
        Err(e) => {
            block.frontmatter.valid = false;
            block.error = Some((
                lines.line_span(text, error_line(e.marker().line())),
                format!(
                    "frontmatter is not valid YAML: {}; fix this line or quote the value",
                    e.info()
                ),
            ));
            return Some(block);
        }
    };
    let Some(YamlData::Mapping(map)) = docs.first().map(|d| &d.data) else {
        return Some(block);
    };
    block.has_keys = !map.is_empty();
    let pos = Positions::new(text, yaml_span);
    for (key, value) in map.iter() {
        let Some(key_name) = scalar_text(key, &pos) else {
            continue;
        };
        let key_span = pos.span(key);
        let lower = key_name.trim().to_ascii_lowercase();
        if matches!(lower.as_str(), "topics" | "topic" | "tags") {
            collect_topics(value, &pos, &mut block.frontmatter.topics);
        }
        if matches!(lower.as_str(), "aliases" | "alias") {
            collect_aliases(value, &pos, &mut block.frontmatter.aliases);
            continue;
        }
        // The keys people date a note with; `date` wins over the others.
        if matches!(lower.as_str(), "date" | "created" | "date created") {
            if let Some(v) = scalar_text(value, &pos) {
                if lower == "date" || block.frontmatter.date.is_none() {
                    block.frontmatter.date = Some((v.into(), pos.span(value)));
                }
            }
            continue;
        }
        let kind = FieldKind::from_key(&key_name);
        if kind == FieldKind::Other {
            continue;
        }
        let value_text = scalar_text(value, &pos).unwrap_or_else(|| list_text(value, &pos));
        let value_span = if is_null(value) {
            Span::empty(key_span.end())
        } else {
            pos.span(value)
        };
        block.frontmatter.fields.push(Field {
            kind,
            written: (key_name != key_span.slice(text)
                || value_text.trim() != value_span.slice(text))
            .then(|| {
                Box::new((
                    CompactString::from(key_name),
                    CompactString::from(value_text.trim()),
                ))
            }),
            key_span,
            value_span,
            line: lines.line_span(text, lines.line_of(key_span.start())),
            from_frontmatter: true,
        });
    }
    Some(block)
}

/// How deep YAML collections may nest. saphyr's loader builds a document by
/// recursion, one stack frame per level, so a deep enough block list
/// (`- - - - ... x`) would overflow the stack; no journal's frontmatter comes
/// near this depth.
pub(crate) const MAX_YAML_DEPTH: usize = 64;

/// YAML nested deeper than [`MAX_YAML_DEPTH`]: where it went too deep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooDeep {
    /// The line (1-based within the YAML) of the collection that went too deep.
    pub line: usize,
}

impl TooDeep {
    pub(crate) fn message(self) -> String {
        format!(
            "frontmatter is nested more than {MAX_YAML_DEPTH} levels deep; \
             flatten the lists and mappings"
        )
    }
}

/// Walks the YAML's events (saphyr's event parser keeps its own stack on the
/// heap, so any depth is safe here) and reports the first collection nested
/// deeper than [`MAX_YAML_DEPTH`]. Syntax errors are left to the loader,
/// which reports them with its message.
pub(crate) fn nesting_too_deep(yaml: &str) -> Option<TooDeep> {
    if !may_nest_too_deep(yaml) {
        return None;
    }
    let mut depth = 0usize;
    for event in saphyr_parser::Parser::new_from_str(yaml) {
        let Ok((event, span)) = event else {
            return None;
        };
        match event {
            saphyr_parser::Event::SequenceStart(..) | saphyr_parser::Event::MappingStart(..) => {
                depth += 1;
                if depth > MAX_YAML_DEPTH {
                    return Some(TooDeep {
                        line: span.start.line(),
                    });
                }
            }
            saphyr_parser::Event::SequenceEnd | saphyr_parser::Event::MappingEnd => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    None
}

/// Whether `yaml` holds enough collection indicators to nest deeper than
/// [`MAX_YAML_DEPTH`]. Every collection YAML opens starts at one of them: a
/// flow `[` or `{`, a block sequence's `-`, a block mapping's `:` (or `?`,
/// for an explicit key), so their count bounds the depth. A frontmatter of
/// a few keys has a handful; this byte count spares it a second parse.
fn may_nest_too_deep(yaml: &str) -> bool {
    let indicators = yaml
        .bytes()
        .filter(|b| matches!(b, b'[' | b'{' | b'-' | b':' | b'?'))
        .count();
    indicators > MAX_YAML_DEPTH
}

fn is_null(node: &MarkedYaml<'_>) -> bool {
    matches!(node.data, YamlData::Value(Scalar::Null))
}

/// Names of an `aliases:` value: a list, or a string (comma-separated when
/// it holds commas, as older Obsidian vaults write them).
fn collect_aliases(value: &MarkedYaml<'_>, pos: &Positions<'_>, out: &mut Vec<CompactString>) {
    let mut push = |name: &str| {
        let name = name.trim();
        if !name.is_empty() {
            out.push(CompactString::from(name));
        }
    };
    match &value.data {
        YamlData::Sequence(items) => {
            for item in items {
                if let Some(written) = scalar_text(item, pos) {
                    push(&written);
                }
            }
        }
        YamlData::Tagged(_, inner) => collect_aliases(inner, pos, out),
        _ => {
            if let Some(written) = scalar_text(value, pos) {
                written.split(',').for_each(&mut push);
            }
        }
    }
}

/// Topics of a `topics:` / `tags:` value: a list, or a comma/space-separated string.
fn collect_topics(value: &MarkedYaml<'_>, pos: &Positions<'_>, out: &mut Vec<TopicRef>) {
    match &value.data {
        YamlData::Sequence(items) => {
            for item in items {
                if let Some(written) = scalar_text(item, pos) {
                    push_topics(&written, pos.span(item), pos, out);
                }
            }
        }
        YamlData::Tagged(_, inner) => collect_topics(inner, pos, out),
        _ => {
            if let Some(written) = scalar_text(value, pos) {
                push_topics(&written, pos.span(value), pos, out);
            }
        }
    }
}

/// Splits a string value into topics, each spanned on its own text where it
/// can be found in the source (else on the whole value).
fn push_topics(value: &str, span: Span, pos: &Positions<'_>, out: &mut Vec<TopicRef>) {
    let source = span.slice(pos.text);
    let mut search_from = 0;
    // Commas separate names that may hold spaces (`load balancing, testing`);
    // without a comma, blanks separate them (`load-balancing testing`).
    let pieces: Vec<&str> = if value.contains(',') {
        value.split(',').collect()
    } else {
        value.split_whitespace().collect()
    };
    for piece in pieces {
        let written = piece.trim().trim_start_matches('#');
        if written.is_empty() {
            continue;
        }
        let found = source.get(search_from..).and_then(|s| s.find(written));
        let piece_span = match found {
            Some(i) => {
                let start = span.start() + search_from + i;
                search_from += i + written.len();
                Span::new(start, start + written.len())
            }
            None => span,
        };
        out.push(TopicRef {
            written: written.into(),
            key: topic_key_compact(written),
            span: piece_span,
            source: TopicSource::Frontmatter,
        });
    }
}

/// A list's scalar items joined by `, ` (what a list value says, as text).
fn list_text(node: &MarkedYaml<'_>, pos: &Positions<'_>) -> String {
    match &node.data {
        YamlData::Sequence(items) => items
            .iter()
            .filter_map(|item| scalar_text(item, pos))
            .collect::<Vec<_>>()
            .join(", "),
        YamlData::Tagged(_, inner) => list_text(inner, pos),
        _ => String::new(),
    }
}

/// A scalar node's value as text (`null` as ""), or None for collections.
fn scalar_text(node: &MarkedYaml<'_>, pos: &Positions<'_>) -> Option<String> {
    match &node.data {
        YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
        YamlData::Value(Scalar::Null) => Some(String::new()),
        YamlData::Value(Scalar::Integer(i)) => Some(i.to_string()),
        // Floats and booleans: as written (`1.50` stays `1.50`).
        YamlData::Value(_) => Some(pos.span(node).slice(pos.text).trim().to_string()),
        YamlData::Representation(s, _, _) => Some(s.to_string()),
        YamlData::Tagged(_, inner) => scalar_text(inner, pos),
        _ => None,
    }
}

/// Converts saphyr's markers (character indices into the YAML) to byte spans
/// into the file.
struct Positions<'a> {
    text: &'a str,
    /// Byte offset of the YAML's start in `text`.
    start: usize,
    /// Byte offset of each character of the YAML (plus its end); empty when
    /// the YAML is ASCII and character indices are byte indices.
    char_bytes: Vec<usize>,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str, yaml_span: Span) -> Self {
        let start = yaml_span.start();
        let yaml = yaml_span.slice(text);
        let char_bytes = if yaml.is_ascii() {
            Vec::new()
        } else {
            yaml.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(yaml.len()))
                .collect()
        };
        Positions {
            text,
            start,
            char_bytes,
        }
    }

    fn offset(&self, marker: &Marker) -> usize {
        let i = marker.index();
        let local = if self.char_bytes.is_empty() {
            i
        } else {
            self.char_bytes
                .get(i)
                .or(self.char_bytes.last())
                .copied()
                .unwrap_or(0)
        };
        (self.start + local).min(self.text.len())
    }

    fn span(&self, node: &MarkedYaml<'_>) -> Span {
        let start = self.offset(&node.span.start);
        let mut end = self.offset(&node.span.end).max(start);
        // saphyr ends a flow collection at its last item: take in the bracket.
        if let YamlData::Sequence(_) | YamlData::Mapping(_) = node.data {
            let rest = self.text.get(end..).unwrap_or("");
            let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            if rest[blanks..].starts_with([']', '}']) {
                end += blanks + 1;
            }
        }
        // Trailing line breaks or blanks saphyr may include are not the value.
        let s = self.text.get(start..end).unwrap_or("");
        Span::new(start, start + s.trim_end().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The deepest collection nesting of `yaml`'s events (up to its first
    /// syntax error).
    fn max_depth(yaml: &str) -> usize {
        let (mut depth, mut max) = (0usize, 0usize);
        for event in saphyr_parser::Parser::new_from_str(yaml) {
            let Ok((event, _)) = event else { break };
            match event {
                saphyr_parser::Event::SequenceStart(..)
                | saphyr_parser::Event::MappingStart(..) => {
                    depth += 1;
                    max = max.max(depth);
                }
                saphyr_parser::Event::SequenceEnd | saphyr_parser::Event::MappingEnd => {
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            }
        }
        max
    }

    fn indicators(yaml: &str) -> usize {
        yaml.bytes()
            .filter(|b| matches!(b, b'[' | b'{' | b'-' | b':' | b'?'))
            .count()
    }

    #[test]
    fn every_form_of_deep_nesting_passes_the_byte_pre_check() {
        let deep = MAX_YAML_DEPTH + 1;
        let mut block_map = String::new();
        for level in 0..deep {
            block_map.push_str(&" ".repeat(level));
            block_map.push_str("k:\n");
        }
        let mut explicit = String::new();
        for level in 0..deep {
            explicit.push_str(&" ".repeat(level * 2));
            explicit.push_str("? \n");
        }
        for yaml in [
            format!("{}x\n", "- ".repeat(deep)),
            format!("{}x{}\n", "[".repeat(deep), "]".repeat(deep)),
            format!("{}{}\n", "{a: ".repeat(deep), "}".repeat(deep)),
            block_map,
            explicit,
        ] {
            assert!(max_depth(&yaml) > MAX_YAML_DEPTH, "{yaml}");
            assert!(nesting_too_deep(&yaml).is_some(), "{yaml}");
        }
        assert_eq!(nesting_too_deep("date: 2024-01-15\ntags: [a, b]\n"), None);
    }

    proptest::proptest! {
        /// The pre-check's premise: no YAML nests deeper than it has
        /// collection indicators.
        #[test]
        fn nesting_never_exceeds_the_indicator_count(
            yaml in "([-:?,\\[\\]{}]|k|x |\n|  |\"a\"|'b'|&a |\\*a|!!map |# c){0,60}"
        ) {
            proptest::prop_assert!(max_depth(&yaml) <= indicators(&yaml), "{:?}", yaml);
        }
    }
}
