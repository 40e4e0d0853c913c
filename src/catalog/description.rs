//! A topic note's description: its first paragraph of prose, as one plain line.

/// Descriptions longer than this are cut at a word boundary: they are shown
/// in completion details and hovers, where a paragraph-long line is noise.
const MAX_DESCRIPTION_CHARS: usize = 280;

/// The first paragraph of a note as one line of plain text: frontmatter,
/// headings (ATX and setext), code blocks, rules, tag-only lines and inline
/// field lines are skipped; the paragraph's lines are joined with spaces and
/// simple markdown (emphasis, code, links, wiki links, quote and list
/// markers) is stripped. Empty when the note has no prose.
pub fn note_description(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Lines break on LF, CRLF and a lone CR, as everywhere in studylog.
    let normalized = text.replace("\r\n", "\n");
    let lines: Vec<&str> = normalized.split(['\n', '\r']).collect();
    let mut i = skip_frontmatter(&lines);
    let mut fence: Option<&str> = None;
    while i < lines.len() {
        let line = lines.get(i).copied().unwrap_or("").trim();
        i += 1;
        if let Some(marker) = fence {
            if line.starts_with(marker) {
                fence = None;
            }
            continue;
        }
        if let Some(marker) = fence_marker(line) {
            fence = Some(marker);
            continue;
        }
        if line.is_empty() || is_heading(line) || is_rule(line) || is_skippable(line) {
            continue;
        }
        // A paragraph starts here: gather it up to a blank line or a block.
        let mut paragraph = vec![line];
        while let Some(next) = lines.get(i).map(|l| l.trim()) {
            if next.is_empty() || is_heading(next) || fence_marker(next).is_some() {
                break;
            }
            if is_setext_underline(next) {
                // The "paragraph" was a setext heading; look further.
                paragraph.clear();
                i += 1;
                break;
            }
            paragraph.push(next);
            i += 1;
        }
        if paragraph.is_empty() {
            continue;
        }
        let joined = paragraph
            .iter()
            .map(|l| strip_line_marker(l))
            .collect::<Vec<_>>()
            .join(" ");
        let plain = strip_inline_markdown(&joined);
        if !plain.is_empty() {
            return shorten(&plain);
        }
    }
    String::new()
}

/// Index of the first line after a leading `---` ... `---` (or `...`) block.
fn skip_frontmatter(lines: &[&str]) -> usize {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    for (i, line) in lines.iter().enumerate().skip(1) {
        let line = line.trim_end();
        if line == "---" || line == "..." {
            return i + 1;
        }
    }
    0
}

fn fence_marker(line: &str) -> Option<&'static str> {
    if line.starts_with("```") {
        Some("```")
    } else if line.starts_with("~~~") {
        Some("~~~")
    } else {
        None
    }
}

/// An ATX heading: 1 to 6 `#` then a space or the end of the line.
fn is_heading(line: &str) -> bool {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    (1..=6).contains(&hashes)
        && line
            .get(hashes..)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

fn is_rule(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && ["-", "*", "_"]
            .iter()
            .any(|m| compact.chars().all(|c| c.to_string() == *m))
}

fn is_setext_underline(line: &str) -> bool {
    !line.is_empty() && (line.chars().all(|c| c == '=') || line.chars().all(|c| c == '-'))
}

/// Lines that are not prose: only tags, an inline field, an HTML comment or
/// tag, or an image.
fn is_skippable(line: &str) -> bool {
    let only_tags = line
        .split_whitespace()
        .all(|w| w.starts_with('#') && w.len() > 1);
    let field = line
        .split_once("::")
        .is_some_and(|(key, _)| !key.is_empty() && !key.contains(char::is_whitespace));
    only_tags || field || line.starts_with('<') || line.starts_with("![")
}

/// A leading quote marker, list marker or task box.
fn strip_line_marker(line: &str) -> &str {
    let mut line = line.trim_start();
    while let Some(rest) = line.strip_prefix('>') {
        line = rest.trim_start();
    }
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            line = rest.trim_start();
            break;
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = line.get(digits..).and_then(|r| r.strip_prefix(". ")) {
            line = rest.trim_start();
        }
    }
    for task in ["[ ] ", "[x] ", "[X] "] {
        if let Some(rest) = line.strip_prefix(task) {
            line = rest;
        }
    }
    line
}

/// Links become their text, wiki links their alias or target, emphasis and
/// code markers go; whitespace is collapsed.
fn strip_inline_markdown(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // [[target|alias]] -> alias, [[target]] -> target
        if c == '[' && chars.get(i + 1) == Some(&'[') {
            if let Some(close) = find(&chars, i + 2, &[']', ']']) {
                let inner: String = chars[i + 2..close].iter().collect();
                let shown = match inner.split_once('|') {
                    Some((_, alias)) => alias.to_string(),
                    None => inner.split('#').next().unwrap_or("").to_string(),
                };
                out.push_str(&shown);
                i = close + 2;
                continue;
            }
        }
        // [text](url) -> text
        if c == '[' {
            if let Some(close) = find(&chars, i + 1, &[']', '(']) {
                if let Some(end) = find(&chars, close + 2, &[')']) {
                    let inner: String = chars[i + 1..close].iter().collect();
                    out.push_str(&inner);
                    i = end + 1;
                    continue;
                }
            }
        }
        if matches!(c, '*' | '`') || (c == '_' && is_emphasis_underscore(&chars, i)) {
            i += 1;
            continue;
        }
        if c == '~' && chars.get(i + 1) == Some(&'~') {
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `_` marks emphasis when it is not inside a word (`snake_case` keeps it).
fn is_emphasis_underscore(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).and_then(|b| chars.get(b));
    let after = chars.get(i + 1);
    let wordy = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    !(wordy(before) && wordy(after))
}

/// Index of the first occurrence of `pattern` at or after `from`.
fn find(chars: &[char], from: usize, pattern: &[char]) -> Option<usize> {
    if from > chars.len() {
        return None;
    }
    (from..chars.len()).find(|&i| chars.get(i..i + pattern.len()) == Some(pattern))
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_DESCRIPTION_CHARS {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(MAX_DESCRIPTION_CHARS).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    cut.push('…');
    cut
}
