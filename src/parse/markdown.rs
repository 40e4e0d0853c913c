//! The markdown structure of a file, from pulldown-cmark: headings (ATX and
//! setext, with levels and spans), the regions where nothing is read (code
//! spans and blocks, HTML, link destinations, link reference definitions,
//! images) and the relative markdown links.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

use super::links::markdown_link;
use super::regions::Regions;
use crate::syntax::{Heading, Link};
use crate::text::{LineIndex, Span};

/// What pulldown-cmark tells about one file's markdown (after its frontmatter).
pub(crate) struct Outline {
    pub headings: Vec<Heading>,
    /// Where tags, wiki links and fields are never read.
    pub excluded: Regions,
    /// Relative markdown links (`[t](x.md#h)`, `[t](#h)`), in document order.
    pub links: Vec<Link>,
}

/// Runs pulldown-cmark over `text[base..]`; every span is an offset into `text`.
/// `extensionless`: a relative markdown link without a file extension
/// (`[t](notes/setup)`) names a note, as in Obsidian.
pub(crate) fn outline(text: &str, base: usize, lines: &LineIndex, extensionless: bool) -> Outline {
    let markdown = text.get(base..).unwrap_or("");
    // pulldown-cmark ends lines at LF only, while markdown (and the rest of
    // the parser) also ends them at a lone CR. A lone CR becomes an LF in a
    // copy of the same length, so every offset still points into `text`.
    let lf_only = lone_cr_as_lf(markdown);
    let markdown = lf_only.as_deref().unwrap_or(markdown);
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut events = Parser::new_ext(markdown, options).into_offset_iter();
    let mut headings = Vec::new();
    let mut excluded = Vec::new();
    let mut links = Vec::new();
    let shift = |r: std::ops::Range<usize>| Span::new(r.start + base, r.end + base);
    for (event, range) in events.by_ref() {
        let span = shift(range);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                headings.push(heading(text, lines, span, level as u8));
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Image { .. })
            | Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_) => excluded.push(span),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => match link_type {
                // A citation-style link (`[[1]](https://...)`, `[[RFC3986]][ref]`)
                // is a markdown link whose text is `[1]`, not a wiki link.
                _ if span.slice(text).starts_with("[[") && citation_link(link_type) => {
                    excluded.push(span);
                    if link_type == LinkType::Inline {
                        let dest_start = span
                            .slice(text)
                            .rfind("](")
                            .map_or(span.end(), |i| span.start() + i + 2);
                        let dest = Span::new(dest_start, span.end());
                        if let Some(link) =
                            markdown_link(text, span, dest, &dest_url, extensionless)
                        {
                            links.push(link);
                        }
                    }
                }
                LinkType::Inline => {
                    // The destination (and title) follow the last `](` of the link.
                    let dest_start = span
                        .slice(text)
                        .rfind("](")
                        .map_or(span.end(), |i| span.start() + i + 2);
                    let dest = Span::new(dest_start, span.end());
                    excluded.push(dest);
                    if let Some(link) = markdown_link(text, span, dest, &dest_url, extensionless) {
                        links.push(link);
                    }
                }
                LinkType::Autolink | LinkType::Email => excluded.push(span),
                _ => {}
            },
            _ => {}
        }
    }
    for (_, def) in events.reference_definitions().iter() {
        excluded.push(shift(def.span.clone()));
    }
    Outline {
        headings,
        excluded: Regions::new(excluded),
        links,
    }
}

/// Whether the line starting at `line_start` lies inside a fenced code block,
/// as pulldown-cmark reads it. Only the stretch from `from` (a place no
/// block is open at: the end of the frontmatter, or the start of a heading
/// line, which no code block can hold) to that line is read, followed by a
/// probe line: an open fence swallows the probe.
pub(crate) fn line_in_fenced_code(text: &str, from: usize, line_start: usize) -> bool {
    let Some(before) = text.get(from.min(line_start)..line_start) else {
        return false;
    };
    if !before.contains("```") && !before.contains("~~~") {
        return false;
    }
    let lf_only = lone_cr_as_lf(before);
    let before = lf_only.as_deref().unwrap_or(before);
    let mut probed = String::with_capacity(before.len() + 3);
    probed.push_str(before);
    if !probed.is_empty() && !probed.ends_with('\n') {
        probed.push('\n');
    }
    let probe = probed.len();
    probed.push_str("x\n");
    Parser::new(&probed)
        .into_offset_iter()
        .any(|(event, range)| {
            matches!(
                event,
                Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(_)))
            ) && range.start < probe
                && probe < range.end
        })
}

/// `text` with each CR that is not followed by an LF replaced by an LF, or
/// `None` when it has no lone CR. Replacing one ASCII byte by another keeps
/// the length and the UTF-8.
fn lone_cr_as_lf(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let has_lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    if !has_lone_cr {
        return None;
    }
    let mut copy = bytes.to_vec();
    for i in memchr::memchr_iter(b'\r', bytes) {
        if bytes.get(i + 1) != Some(&b'\n') {
            copy[i] = b'\n';
        }
    }
    String::from_utf8(copy).ok()
}

/// Link kinds whose text is followed by a destination or a label
/// (`[text](url)`, `[text][ref]`, `[text][]`): with a bracketed text they are
/// citations, never wiki links. A shortcut `[[x]]` stays a wiki link.
fn citation_link(link_type: LinkType) -> bool {
    matches!(
        link_type,
        LinkType::Inline | LinkType::Reference | LinkType::Collapsed
    )
}

/// Builds a [`Heading`] from the span pulldown-cmark gives it.
fn heading(text: &str, lines: &LineIndex, span: Span, level: u8) -> Heading {
    let first_line = lines.line_of(span.start());
    let line = lines.line_span(text, first_line);
    let from_start = Span::new(span.start(), line.end());
    let atx = is_atx(from_start.slice(text));
    let text_span = if atx {
        atx_text(text, from_start)
    } else {
        // Setext: every line of the span but the underline.
        let last_line = lines.line_of(span.end().saturating_sub(1).max(span.start()));
        let end = if last_line > first_line {
            lines.line_span(text, last_line - 1).end()
        } else {
            line.end()
        };
        trim_span(text, Span::new(span.start(), end.max(span.start())))
    };
    Heading {
        level,
        line,
        text_span,
        atx,
    }
}

/// True when `s` opens an ATX heading: up to 3 spaces, 1 to 6 `#`, then a
/// space, tab or the line's end.
fn is_atx(s: &str) -> bool {
    let s = s.trim_start_matches(' ');
    let hashes = s.len() - s.trim_start_matches('#').len();
    (1..=6).contains(&hashes)
        && s.get(hashes..)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// The text of an ATX heading line: markers, closing sequence and blanks removed.
fn atx_text(text: &str, line: Span) -> Span {
    let s = line.slice(text);
    let open = s.len() - s.trim_start_matches(' ').trim_start_matches('#').len();
    let inner = trim_span(text, Span::new(line.start() + open, line.end()));
    let t = inner.slice(text);
    let without_hashes = t.trim_end_matches('#');
    // A closing sequence counts only when it is the whole text or follows a blank.
    if without_hashes.len() < t.len()
        && (without_hashes.is_empty() || without_hashes.ends_with([' ', '\t']))
    {
        trim_span(
            text,
            Span::new(inner.start(), inner.start() + without_hashes.len()),
        )
    } else {
        inner
    }
}

/// `span` without leading and trailing whitespace.
pub(crate) fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let start = span.start() + (s.len() - s.trim_start().len());
    let end = span.start() + s.trim_end().len();
    Span::new(start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::line_in_fenced_code;

    /// The offset of the line holding `marker`, and the text without it.
    fn at(text: &str) -> (String, usize) {
        let marker = text.find('|').expect("a | marks the line");
        let line_start = text[..marker].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        (text.replacen('|', "", 1), line_start)
    }

    #[test]
    fn lines_inside_and_after_fences() {
        for (case, inside) in [
            ("```sh\n|echo #lo\n", true),
            ("```sh\necho\n```\n|#lo\n", false),
            ("~~~\n```\n|#lo\n", true),
            ("````\n```\n|#lo\n", true),
            ("   ```\n|#lo\n", true),
            ("    ```\n|#lo\n", false),
            ("> ```\n|#lo\n", false),
            ("text ``` inline\n|#lo\n", false),
            ("```\r|#lo\n", true),
            ("|#lo\n", false),
        ] {
            let (text, line) = at(case);
            assert_eq!(line_in_fenced_code(&text, 0, line), inside, "{case:?}");
        }
    }
}
