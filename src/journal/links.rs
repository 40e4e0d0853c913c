//! Link resolution: where a wiki link or a relative markdown link leads, by
//! the rules of the vault's tool ([`LinkStyle`]). The one resolver behind
//! `broken-link` / `unresolved-link`, go-to-definition, references, `[[`
//! completion and the server's reverse link index.
//!
//! Every lookup is hashed: note names by lower-case stem, Obsidian aliases
//! and Logseq page names each have their own map in the workspace facts, so
//! a link costs its own candidates, never a walk over every note. Headings
//! are matched in the target note only.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;

use super::{Journal, LinkResolution, LinkTarget};
use crate::config::LinkStyle;
use crate::parse::dates;
use crate::parse::name_pattern::NamePattern;
use crate::syntax::{JournalFile, Link, LinkKind, note_path_stem};
use crate::text::Span;

impl Journal {
    /// The style links resolve by: `[links] style`, else the style of the
    /// vault's tool when one was detected, else `markdown`.
    pub fn link_style(&self) -> LinkStyle {
        self.config.effective_link_style()
    }

    /// The frontmatter `aliases:` (as written, with their note's path) that
    /// a `[[link]]` reaches their note by: in Obsidian style only, and only
    /// where no note's name takes the alias first. From the maintained
    /// alias map, so the cost follows the notes with aliases.
    pub fn link_aliases(&self) -> Vec<(&str, &Arc<str>)> {
        if self.link_style() != LinkStyle::Obsidian {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (key, paths) in &self.facts.note_aliases {
            for path in paths {
                let Some(file) = self.files.get(&**path) else {
                    continue;
                };
                let Some(written) = aliases_of(file).find(|a| a.to_lowercase() == *key) else {
                    continue;
                };
                let reaches = self
                    .wiki_candidates(written)
                    .first()
                    .is_some_and(|f| f.path == **path);
                if reaches {
                    out.push((written, path));
                }
            }
        }
        out.sort();
        out
    }

    /// Where `link`, written in the file at `from`, leads, by the rules of
    /// [`Journal::link_style`]:
    ///
    /// - A wiki link `[[x]]` names a note whose path without extension is `x`
    ///   or ends with `/x` (whole segments, any case; shortest path first);
    ///   in Obsidian also a note with `x` among its frontmatter `aliases:`; in
    ///   Logseq also the page `x` however its file name encodes namespaces
    ///   (`A___B.md`, `A%2FB.md`, the older `A.B.md` for `[[A/B]]`). A date
    ///   (`[[2026-11-20]]`, `[[2025-03-23 Sun]]`, `[[May 3rd, 2021]]`) with
    ///   no note of that name names that day's entries.
    /// - A markdown link is relative to the linking file's folder (in
    ///   Obsidian, a path from the vault's root too).
    /// - A `#heading` must match a heading of the note: its text (any case),
    ///   its GitHub anchor (duplicates numbered `-1`, `-2`), and outside plain
    ///   markdown its text as Obsidian compares it (punctuation dropped).
    ///
    /// A wiki link to a note that does not exist is [`LinkResolution::Unwritten`]
    /// in the styles where linking a note before writing it is normal
    /// (Obsidian, Logseq, Dendron), [`LinkResolution::MissingNote`] otherwise.
    pub fn resolve_link(&self, from: &str, link: &Link) -> LinkResolution {
        let style = self.link_style();
        let candidates: Vec<&Arc<JournalFile>> = match link.kind {
            _ if link.target.is_empty() => self.files.get(from).into_iter().collect(),
            LinkKind::Wiki => {
                let notes = self.wiki_candidates(&link.target);
                if notes.is_empty() {
                    // Dendron's hierarchy names (`a.b.c`) are full of dots.
                    if style != LinkStyle::Dendron && has_foreign_extension(&link.target) {
                        return LinkResolution::NotANote;
                    }
                    let dated = self
                        .link_date(link)
                        .map(|d| self.entries_on(d))
                        .unwrap_or(&[]);
                    if let Some(first) = dated.first() {
                        // A date link lands on the entry itself.
                        let Some(heading) = &link.heading else {
                            return match self.entry(first) {
                                Some((file, e)) => LinkResolution::Resolved(LinkTarget {
                                    path: file.path.clone(),
                                    span: e.anchor,
                                }),
                                None => LinkResolution::MissingNote,
                            };
                        };
                        let files: Vec<&Arc<JournalFile>> = dated
                            .iter()
                            .filter_map(|r| self.files.get(&*r.path))
                            .collect();
                        return find_heading(&files, heading, style, link.kind);
                    }
                    return if style.allows_unwritten_notes() {
                        LinkResolution::Unwritten
                    } else {
                        LinkResolution::MissingNote
                    };
                }
                notes
            }
            LinkKind::Markdown => {
                let target = link.target.trim();
                let with_md;
                let mut by_name = false;
                let target = if note_path_stem(target).len() == target.len() {
                    // Without an extension, only Obsidian reads a note name:
                    // the note at that path, else as `[[target]]` would.
                    if style != LinkStyle::Obsidian {
                        return LinkResolution::NotANote;
                    }
                    by_name = true;
                    with_md = format!("{target}.md");
                    with_md.as_str()
                } else {
                    target
                };
                let Some(path) = join_relative(from, target) else {
                    return LinkResolution::MissingNote;
                };
                let mut found = match self.files.get(&path) {
                    Some(f) => vec![f],
                    None => self.files_ignoring_ascii_case(&path),
                };
                if found.is_empty() && style == LinkStyle::Obsidian {
                    // Obsidian also writes paths from the vault's root.
                    let from_root = target.trim_start_matches("./");
                    found = match self.files.get(from_root) {
                        Some(f) => vec![f],
                        None => self.files_ignoring_ascii_case(from_root),
                    };
                }
                if found.is_empty() && by_name {
                    found = self.wiki_candidates(&link.target);
                    if found.is_empty() {
                        return LinkResolution::Unwritten;
                    }
                }
                found
            }
        };
        let Some(first) = candidates.first() else {
            return LinkResolution::MissingNote;
        };
        match &link.heading {
            None => LinkResolution::Resolved(LinkTarget {
                path: first.path.clone(),
                span: Span::empty(0),
            }),
            Some(heading) => find_heading(&candidates, heading, style, link.kind),
        }
    }

    /// The path a relative markdown link in `from` names (joined and
    /// normalised: `sub/log.md` for `log.md` written in `sub/a.md`), or its
    /// target as written when it climbs out of the journal.
    pub fn markdown_link_path(&self, from: &str, link: &Link) -> String {
        join_relative(from, link.target.trim()).unwrap_or_else(|| link.target.trim().to_string())
    }

    /// The day a wiki link names (`[[2026-11-20]]`, `[[2025-03-23 Sun]]`,
    /// `[[May 3rd, 2021]]`, and in a Logseq graph any title in its
    /// `:journal/page-title-format`), whether or not a note has that name.
    pub fn link_date(&self, link: &Link) -> Option<Date> {
        (link.kind == LinkKind::Wiki)
            .then(|| day_link_date(&link.target, self.day_title_format()))
            .flatten()
    }

    /// The title format of the vault's day pages (Logseq's
    /// `:journal/page-title-format`), when the vault has one.
    pub fn day_title_format(&self) -> Option<&NamePattern> {
        self.config.vault.page_title_format.as_ref()
    }

    /// The notes a wiki link target names, shortest path first: by path
    /// (whole trailing segments, any case), then by the style's other names
    /// (Obsidian aliases, Logseq page names).
    pub fn wiki_candidates(&self, target: &str) -> Vec<&Arc<JournalFile>> {
        let wanted = note_path_stem(target.trim().trim_start_matches('/')).to_lowercase();
        let stem = wanted.rsplit('/').next().unwrap_or(&wanted);
        let mut paths: Vec<&Arc<str>> = self
            .facts
            .notes_by_stem
            .get(stem)
            .into_iter()
            .flatten()
            .filter(|p| wiki_name_matches(p, &wanted))
            .collect();
        let extra = match self.link_style() {
            LinkStyle::Obsidian => self.facts.note_aliases.get(wanted.as_str()),
            LinkStyle::Logseq => self.facts.page_names.get(wanted.as_str()),
            LinkStyle::Dendron | LinkStyle::Markdown => None,
        };
        if paths.is_empty() {
            paths.extend(extra.into_iter().flatten());
        }
        let mut found: Vec<&Arc<JournalFile>> =
            paths.iter().filter_map(|p| self.files.get(&***p)).collect();
        found.sort_by(|a, b| (a.path.len(), &a.path).cmp(&(b.path.len(), &b.path)));
        found.dedup_by(|a, b| a.path == b.path);
        found
    }

    /// The files whose path equals `path` ignoring ASCII case, sorted by
    /// path. Found through the stem index rather than by visiting every
    /// file: a file matching `name` has the stem `name` or `name` without its
    /// `.md` / `.markdown`, whatever the case of those.
    fn files_ignoring_ascii_case(&self, path: &str) -> Vec<&Arc<JournalFile>> {
        let name = path.rsplit('/').next().unwrap_or(path);
        let stems = [name.to_lowercase(), note_path_stem(name).to_lowercase()];
        let mut found: Vec<&Arc<JournalFile>> = stems
            .iter()
            .filter_map(|stem| self.facts.notes_by_stem.get(stem))
            .flatten()
            .filter(|p| p.eq_ignore_ascii_case(path))
            .filter_map(|p| self.files.get(&**p))
            .collect();
        found.sort_by(|a, b| a.path.cmp(&b.path));
        found.dedup_by(|a, b| a.path == b.path);
        found
    }

    /// The name `[[` completion offers for the note at `path` among the
    /// notes of its stem `group`: in Logseq the page name its file encodes
    /// (`A/B` for `A___B.md`), else the shortest trailing part of its path
    /// that names it alone.
    pub(super) fn completion_name(&self, path: &str, group: &[Arc<str>]) -> String {
        if self.link_style() == LinkStyle::Logseq {
            let stem = note_path_stem(path.rsplit('/').next().unwrap_or(path));
            if let Some(name) = logseq_page_name(stem) {
                return name;
            }
        }
        shortest_name(path, group)
    }
}

impl LinkStyle {
    /// Whether the tool lets a link name a note before the note is written
    /// (the link is then unresolved, not broken).
    pub fn allows_unwritten_notes(self) -> bool {
        !matches!(self, LinkStyle::Markdown)
    }
}

/// A name map of the facts: lower-case name -> the paths known by it.
pub(super) type NameMap = HashMap<String, Vec<Arc<str>>>;

/// Adds `path` under each of `names` (lower-cased).
pub(super) fn add_names<'a>(
    map: &mut NameMap,
    names: impl Iterator<Item = &'a str>,
    path: &Arc<str>,
) {
    for name in names {
        let list = map.entry(name.to_lowercase()).or_default();
        if !list.contains(path) {
            list.push(path.clone());
        }
    }
}

/// Removes `path` from under each of `names` (lower-cased).
pub(super) fn remove_names<'a>(
    map: &mut NameMap,
    names: impl Iterator<Item = &'a str>,
    path: &str,
) {
    for name in names {
        let key = name.to_lowercase();
        if let Some(list) = map.get_mut(&key) {
            list.retain(|p| &**p != path);
            if list.is_empty() {
                map.remove(&key);
            }
        }
    }
}

/// The frontmatter `aliases:` of a note.
pub(super) fn aliases_of(file: &JournalFile) -> impl Iterator<Item = &str> {
    file.frontmatter
        .iter()
        .flat_map(|fm| fm.aliases.iter().map(|a| a.as_str()))
}

/// The Logseq page name a file stem encodes, when it differs from the stem:
/// `A___B` (the current format), `A%2FB` (percent-encoded) and the older
/// `A.B` all name the page `A/B`.
pub(crate) fn logseq_page_name(stem: &str) -> Option<String> {
    let name = if stem.contains("___") {
        crate::parse::percent_decode(&stem.replace("___", "/"))
    } else if stem.contains('%') {
        crate::parse::percent_decode(stem)
    } else if stem.contains('.') && !stem.starts_with('.') && !stem.ends_with('.') {
        stem.replace('.', "/")
    } else {
        return None;
    };
    (name != stem && !name.is_empty()).then_some(name)
}

/// The keys under which links can reach `file`, for the server's reverse
/// link index: the last segment of each name the note answers to (its stem,
/// its Logseq page name, its aliases), lower case.
pub fn note_keys(file: &JournalFile) -> Vec<String> {
    let stem = file.stem();
    let mut keys = vec![last_segment_key(stem)];
    if let Some(page) = logseq_page_name(stem) {
        keys.push(last_segment_key(&page));
    }
    keys.extend(aliases_of(file).map(last_segment_key));
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The keys a link is filed under in the reverse link index: the last
/// segment of what it names (lower case, no note extension) and, for a date
/// link, the date as `YYYY-MM-DD` (`title`: the vault's day title format,
/// [`Journal::day_title_format`]). Resolution itself is
/// [`Journal::resolve_link`]'s; the keys only find the files whose links
/// may resolve differently after a change.
pub fn link_keys(link: &Link, title: Option<&NamePattern>) -> Vec<String> {
    let target = link.target.trim();
    if target.is_empty() {
        return Vec::new();
    }
    let mut keys = vec![last_segment_key(target)];
    if link.kind == LinkKind::Wiki {
        if let Some(date) = day_link_date(target, title) {
            keys.push(date.to_string());
        }
    }
    keys
}

fn last_segment_key(name: &str) -> String {
    let last = name
        .trim()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    note_path_stem(last).to_lowercase()
}

/// The shortest trailing part of `path` (without extension) that names it
/// among the notes of its stem `group`.
fn shortest_name(path: &str, group: &[Arc<str>]) -> String {
    let without = note_path_stem(path);
    let segments: Vec<&str> = without.split('/').collect();
    for k in 1..=segments.len() {
        let candidate = segments.get(segments.len() - k..).unwrap_or(&[]).join("/");
        let wanted = candidate.to_lowercase();
        let clashes = group
            .iter()
            .any(|other| **other != *path && wiki_name_matches(other, &wanted));
        if !clashes {
            return candidate;
        }
    }
    without.to_string()
}

/// Whether a wiki link naming `wanted` (lower case, no extension) reaches the
/// note at `path`: its path without extension is the name or ends with `/name`.
fn wiki_name_matches(path: &str, wanted: &str) -> bool {
    let without = note_path_stem(path).to_lowercase();
    without == wanted
        || without
            .strip_suffix(wanted)
            .is_some_and(|head| head.ends_with('/'))
}

/// True when a wiki target names a file that is not a note (`diagram.png`):
/// a last segment ending in a short alphanumeric extension other than md.
/// Asked only when no note has the name, so `[[node.js]]` or Dendron's
/// `[[a.b.c]]` reach their notes first.
pub(super) fn has_foreign_extension(target: &str) -> bool {
    let name = target.rsplit('/').next().unwrap_or(target);
    match name.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext.chars().any(|c| c.is_ascii_alphabetic())
                && !ext.eq_ignore_ascii_case("md")
                && !ext.eq_ignore_ascii_case("markdown")
        }
        None => false,
    }
}

/// The day a wiki link's target names: in a Logseq graph, a whole target in
/// the graph's `:journal/page-title-format` (`title`), else the forms
/// [`dates::link_date`] reads (`2026-11-20`, `2025-03-23 Sun`,
/// `May 3rd, 2021`). The one reading behind resolution and the link index.
pub(crate) fn day_link_date(target: &str, title: Option<&NamePattern>) -> Option<Date> {
    let target = target.trim();
    title
        .and_then(|t| t.date_of_whole(target))
        .or_else(|| dates::link_date(target))
}

/// `target` relative to the folder of `from`, normalised (`.`/`..` applied,
/// a leading `/` meaning the workspace root); `None` when it climbs out.
pub(crate) fn join_relative(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    if !target.starts_with('/') {
        parts.extend(from.split('/'));
        parts.pop(); // the linking file's own name
    }
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// A heading's anchor as GitHub renders it: the heading's text as plain
/// text (links become their text, code its content, emphasis markers go),
/// lower case, every character but letters, digits, `-`, `_` and spaces
/// dropped, spaces to `-`. `## [Clear instructions](#x)` is
/// `clear-instructions`; ``## Using `foo()` today`` is `using-foo-today`.
/// Duplicates are numbered by [`heading_slugs`].
pub fn heading_slug(text: &str) -> String {
    plain_text(text)
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a file's headings in document order, as GitHub numbers
/// them: the second `## Notes` is `notes-1`, the third `notes-2`.
pub fn heading_slugs<'a>(headings: impl Iterator<Item = &'a str>) -> Vec<String> {
    // Per anchor handed out, how many times its base was seen again.
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for text in headings {
        let base = heading_slug(text);
        let mut slug = base.clone();
        while taken.contains_key(&slug) {
            let count = taken.entry(base.clone()).or_insert(0);
            *count += 1;
            slug = format!("{base}-{count}");
        }
        taken.insert(slug.clone(), 0);
        out.push(slug);
    }
    out
}

/// The plain text of inline markdown: what a reader sees of a heading.
fn plain_text(text: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    if !text.contains(['[', '`', '*', '_', '<', '\\', '&', '~']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for event in Parser::new(text) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// A heading as Obsidian compares it when it matches `[[note#Heading]]`:
/// the characters it drops from headings in links (`:`, `.`, `,`, `(`, `)`,
/// `#`, `|`, `^`, `[`, `]`, `\`, `%`) removed, runs of blanks made one
/// space, any case.
pub fn obsidian_heading_key(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ':' | '.' | ',' | '(' | ')' | '#' | '|' | '^' | '[' | ']' | '\\' | '%'
            )
        })
        .collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The heading a link's `#heading` names in the first of `files` that has
/// it. `[[note#A#B]]` (Obsidian's heading path) names `B`.
fn find_heading(
    files: &[&Arc<JournalFile>],
    heading: &str,
    style: LinkStyle,
    kind: LinkKind,
) -> LinkResolution {
    let wanted = match kind {
        LinkKind::Wiki => heading.rsplit('#').next().unwrap_or(heading),
        LinkKind::Markdown => heading,
    }
    .trim();
    let wanted_lower = wanted.to_lowercase();
    let wanted_obsidian = (style != LinkStyle::Markdown).then(|| obsidian_heading_key(wanted));
    for file in files {
        let slugs = heading_slugs(file.headings.iter().map(|h| h.text(&file.text)));
        let found = file.headings.iter().zip(&slugs).find(|(h, slug)| {
            let text = h.text(&file.text);
            text.to_lowercase() == wanted_lower
                || **slug == wanted_lower
                || wanted_obsidian
                    .as_deref()
                    .is_some_and(|w| !w.is_empty() && obsidian_heading_key(text) == w)
        });
        if let Some((h, _)) = found {
            return LinkResolution::Resolved(LinkTarget {
                path: file.path.clone(),
                span: h.line,
            });
        }
    }
    match files.first() {
        Some(f) => LinkResolution::MissingHeading {
            path: f.path.clone(),
        },
        None => LinkResolution::MissingNote,
    }
}

#[cfg(test)]
mod tests;
