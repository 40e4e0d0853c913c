//! Checkable links: wiki links (`[[x]]`, `[[x#h]]`, `[[x|alias]]`, `[[#h]]`;
//! Dendron's `[[label|x]]`) and relative markdown links (`[t](path.md#h)`,
//! `[t](#h)`).
//!
//! Not checked, so not recorded: URLs with a scheme (`https:`, `mailto:`),
//! absolute paths, markdown links to anything but `.md` / `.markdown` files
//! (or, in Obsidian style, extension-less note names),
//! wiki links to attachments (`![[pic.png]]`, `[[slides.pdf]]`), and block
//! references (`[[x#^id]]` keeps its note but drops the `^id` part).

use std::sync::LazyLock;

use compact_str::CompactString;
use regex::Regex;

use super::regions::Regions;
use crate::syntax::{Link, LinkKind};
use crate::text::Span;

/// `[[...]]` on one line, without brackets inside; an optional `!` (embed) before.
static WIKI_LINK: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"!?\[\[([^\[\]\r\n]*)\]\]").ok());

/// File extensions that name attachments rather than notes. A list rather than
/// "anything with a dot", so that `[[node.js]]` or `[[v1.2]]` stay note links.
const ATTACHMENT_EXTENSIONS: &[&str] = &[
    "png",
    "jpg",
    "jpeg",
    "gif",
    "svg",
    "webp",
    "bmp",
    "avif",
    "ico",
    "tif",
    "tiff",
    "heic",
    "pdf",
    "mp3",
    "wav",
    "ogg",
    "m4a",
    "flac",
    "webm",
    "mp4",
    "mov",
    "mkv",
    "avi",
    "ogv",
    "zip",
    "canvas",
    "excalidraw",
    "csv",
    "txt",
    "json",
    "html",
    "htm",
    "docx",
    "xlsx",
    "pptx",
];

/// Every wiki link in `text[range]` that is not inside an excluded region,
/// attachments included (callers filter them with [`is_checkable_wiki`]).
/// `label_first`: the target follows the `|` (Dendron's `[[label|target]]`).
pub(crate) fn wiki_links(
    text: &str,
    range: Span,
    excluded: &Regions,
    label_first: bool,
) -> Vec<Link> {
    let Some(re) = WIKI_LINK.as_ref() else {
        return Vec::new();
    };
    let hay = range.slice(text);
    let mut out = Vec::new();
    for caps in re.captures_iter(hay) {
        let (Some(whole), Some(inner)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let bang = usize::from(whole.as_str().starts_with('!'));
        let span = Span::new(
            range.start() + whole.start() + bang,
            range.start() + whole.end(),
        );
        if excluded.overlaps(span) {
            continue;
        }
        let mut inner = Span::new(range.start() + inner.start(), range.start() + inner.end());
        if label_first {
            if let Some(pipe) = inner.slice(text).find('|') {
                inner = Span::new(inner.start() + pipe + 1, inner.end());
            }
        }
        out.push(wiki_link(text, span, inner));
    }
    out
}

/// Splits `target#heading|alias` (a `\|` as in tables counts as `|`).
pub(crate) fn wiki_link(text: &str, span: Span, inner: Span) -> Link {
    let s = inner.slice(text);
    let before_alias = s.find('|').map_or(s, |i| &s[..i]);
    let before_alias = before_alias.strip_suffix('\\').unwrap_or(before_alias);
    let (target, heading) = match before_alias.find('#') {
        Some(i) => (&before_alias[..i], Some(&before_alias[i + 1..])),
        None => (before_alias, None),
    };
    let lead = target.len() - target.trim_start().len();
    let target_trimmed = target.trim();
    let target_start = inner.start() + lead;
    Link {
        kind: LinkKind::Wiki,
        target: target_trimmed.into(),
        heading: heading
            .map(str::trim)
            .filter(|h| !h.is_empty() && !h.starts_with('^'))
            .map(CompactString::from),
        span,
        target_span: Span::new(target_start, target_start + target_trimmed.len()),
    }
}

/// False for links to attachments (`pic.png`) and empty links (`[[]]`).
pub(crate) fn is_checkable_wiki(link: &Link) -> bool {
    if link.target.is_empty() {
        return link.heading.is_some();
    }
    let name = link.target.rsplit('/').next().unwrap_or(&link.target);
    match name.rsplit_once('.') {
        Some((_, ext)) => !ATTACHMENT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()),
        None => true,
    }
}

/// A relative markdown link, or None when it is not checkable. `span` is the
/// whole link, `dest` what follows its `](`, `dest_url` pulldown-cmark's
/// unescaped destination; with `extensionless`, a path whose last segment
/// has no extension (`notes/setup`) names a note too.
pub(crate) fn markdown_link(
    text: &str,
    span: Span,
    dest: Span,
    dest_url: &str,
    extensionless: bool,
) -> Option<Link> {
    if dest_url.is_empty() || dest_url.starts_with('/') || has_scheme(dest_url) {
        return None;
    }
    let decoded = percent_decode(dest_url);
    let (path, heading) = match decoded.split_once('#') {
        Some((p, h)) => (p, Some(h)),
        None => (decoded.as_str(), None),
    };
    let lower = path.to_ascii_lowercase();
    let last = lower.rsplit('/').next().unwrap_or(&lower);
    let no_extension = extensionless && !last.is_empty() && !last.contains('.');
    if !(path.is_empty() || no_extension || lower.ends_with(".md") || lower.ends_with(".markdown"))
    {
        return None;
    }
    if path.is_empty() && heading.is_none_or(str::is_empty) {
        return None;
    }
    // The written destination: after blanks, inside `<...>` or up to a blank / `)`.
    let raw = dest.slice(text);
    let lead = raw.len() - raw.trim_start().len();
    let raw_rest = &raw[lead..];
    let (open, body) = match raw_rest.strip_prefix('<') {
        Some(b) => (1, b.find('>').map_or(b, |i| &b[..i])),
        None => (
            0,
            raw_rest
                .find(|c: char| c.is_whitespace())
                .map_or(raw_rest.strip_suffix(')').unwrap_or(raw_rest), |i| {
                    &raw_rest[..i]
                }),
        ),
    };
    let path_len = body.find('#').unwrap_or(body.len());
    let target_start = dest.start() + lead + open;
    Some(Link {
        kind: LinkKind::Markdown,
        target: path.into(),
        heading: heading.filter(|h| !h.is_empty()).map(CompactString::from),
        span,
        target_span: Span::new(target_start, target_start + path_len),
    })
}

/// `scheme:` as in RFC 3986 (`https:`, `mailto:`, `obsidian:`).
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Decodes `%XX` escapes; invalid UTF-8 after decoding is replaced, bad escapes kept.
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let decoded = match (bytes.get(i), bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(b'%'), Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match decoded {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.extend(bytes.get(i).copied());
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}
