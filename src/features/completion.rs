//! Completion: topics (after `#`, in `topic::` values, in frontmatter
//! `topics:`/`tags:`), field names at the start of a line inside an entry,
//! dates and entry templates after a heading marker (or at the top of a daily
//! note), notes after `[[` and their headings after `[[note#`.
//!
//! Every item carries the span it replaces: the whole word under the cursor
//! (typed prefix included), so accepting an item never duplicates the prefix.
//! The server ranks and filters topics and notes itself (fuzzy, by use and
//! recency) and sets `sort_text` so that clients keep that order.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use crate::duration::format_minutes;
use crate::journal::Journal;
use crate::syntax::{EntryKind, FieldKind, JournalFile};
use crate::text::Span;

use super::clamp_offset;
use super::journal::{
    Fuzzy, KnownTopic, TopicUsage, known_topics, latest_missed, topic_usage, weekday_short,
};
use super::template::{body_snippet, field_snippet};

/// What a completion item stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Topic,
    Field,
    Date,
    Note,
    Heading,
}

/// A replacement: `span` (bytes of the completed file) becomes `new_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replace {
    pub span: Span,
    pub new_text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    /// A short line shown beside the label.
    pub detail: Option<String>,
    /// What editors show right after the label in the menu (LSP
    /// `labelDetails`): for a topic, where it comes from and its entry count.
    pub label_details: Option<LabelDetails>,
    /// Markdown.
    pub documentation: Option<String>,
    pub edit: Replace,
    /// Whether `edit.new_text` is an LSP snippet (tab stops `$1`, `${1:x}`).
    pub is_snippet: bool,
    /// Zero-padded rank: clients sort by it, keeping the server's order.
    pub sort_text: String,
    /// What clients match the typed prefix against.
    pub filter_text: String,
}

/// The two short texts an editor shows beside an item's label: `detail`
/// just after it (`catalog`), `description` further right (`12 entries`).
/// Plain words; the server adds the space the protocol leaves to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelDetails {
    pub detail: String,
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompletionList {
    pub items: Vec<Completion>,
    /// True when the list was cut short: the client must ask again as the user types.
    pub is_incomplete: bool,
}

/// At most this many topics or notes are sent: more than any menu shows, and
/// it keeps a response small on a journal with tens of thousands of notes.
const MAX_ITEMS: usize = 100;

/// Missed days offered as dates after a heading marker: a week back covers a
/// usual lapse; older gaps are for the "insert missed days" code action.
const MAX_MISSED_DATES: usize = 7;

/// Completions at `offset` of the file at `path`, as of `today`.
pub fn completions(ws: &Journal, path: &str, offset: usize, today: Date) -> CompletionList {
    let Some(file) = ws.file(path) else {
        return CompletionList::default();
    };
    let text: &str = &file.text;
    let offset = clamp_offset(text, offset);
    let line_no = file.line_index.line_of(offset);
    let line = file.line_index.line_span(text, line_no);
    let offset = offset.min(line.end()).max(line.start());
    let cx = Cursor {
        ws,
        file,
        offset,
        line,
        before: text.get(line.start()..offset).unwrap_or(""),
        after: text.get(offset..line.end()).unwrap_or(""),
        today,
    };
    if let Some(fm) = frontmatter_body(file) {
        if fm.touches(offset) && line.start() >= fm.start() {
            return cx.frontmatter_topics().unwrap_or_default();
        }
        if line.start() < fm.start() {
            return CompletionList::default();
        }
    }
    if in_code_block(text, line.start(), file) || in_code_span(cx.before) {
        return CompletionList::default();
    }
    cx.field_value_topics()
        .or_else(|| cx.heading_dates())
        .or_else(|| cx.link())
        .or_else(|| cx.tag())
        .or_else(|| cx.daily_note_top())
        .or_else(|| cx.field_names())
        .unwrap_or_default()
}

struct Cursor<'a> {
    ws: &'a Journal,
    file: &'a JournalFile,
    offset: usize,
    line: Span,
    /// The line's text before the cursor.
    before: &'a str,
    /// The line's text after the cursor.
    after: &'a str,
    today: Date,
}

static TOPIC_FIELD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*)?(?i:topics?)(?:\*\*)?::").ok()
});
static FIELD_NAME: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(\*\*)?([A-Za-z]*)$").ok());
static HEADING_DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^ {0,3}(#{1,6}) +(\[\[)?([0-9-]*)$").ok());
static FM_KEY: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z_][\w-]*)\s*:(.*)$").ok());

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '/')
}

/// The span of the frontmatter's inside (between the fences), if the file has one.
fn frontmatter_body(file: &JournalFile) -> Option<Span> {
    let fm = file.frontmatter.as_ref()?;
    let text: &str = &file.text;
    let first = file.line_index.line_of(fm.span.start());
    let last = file
        .line_index
        .line_of(fm.span.end().saturating_sub(1).max(fm.span.start()));
    let start = file.line_index.line_start(first + 1);
    let end = file.line_index.line_span(text, last).start();
    (start <= end).then_some(Span::new(start, end))
}

/// Whether the line starting at `line_start` sits inside a fenced code
/// block: read by pulldown-cmark from the last heading before the line (a
/// code block never holds a heading, so none is open there), or from the
/// end of the frontmatter.
fn in_code_block(text: &str, line_start: usize, file: &JournalFile) -> bool {
    let after_frontmatter = file.frontmatter.as_ref().map_or(0, |fm| fm.span.end());
    let last_heading = file
        .headings
        .iter()
        .map(|h| h.line.start())
        .take_while(|&start| start < line_start)
        .last()
        .unwrap_or(0);
    crate::parse::markdown::line_in_fenced_code(
        text,
        after_frontmatter.max(last_heading),
        line_start,
    )
}

/// Whether the cursor sits inside an inline code span (an odd number of backticks before it).
fn in_code_span(before: &str) -> bool {
    before.matches('`').count() % 2 == 1
}

fn sort_text(rank: usize) -> String {
    format!("{rank:04}")
}

/// One line summing up how a topic was practised.
fn practice_summary(usage: Option<&TopicUsage<'_>>) -> String {
    match usage {
        Some(u) if u.sessions > 0 => {
            let sessions = if u.sessions == 1 {
                "1 session".to_string()
            } else {
                format!("{} sessions", u.sessions)
            };
            let mut s = format!("{sessions}, {} in all", format_minutes(u.minutes));
            if let Some(last) = u.last {
                s.push_str(&format!("; last on {last}"));
            }
            s
        }
        _ => "Not practised yet".to_string(),
    }
}

/// The few words shown beside a topic in the menu: how often and how long it
/// was practised. The description goes to the documentation, where it has room.
fn short_summary(usage: Option<&TopicUsage<'_>>) -> String {
    match usage {
        Some(u) if u.sessions == 1 => format!("1 session · {}", format_minutes(u.minutes)),
        Some(u) if u.sessions > 1 => {
            format!("{} sessions · {}", u.sessions, format_minutes(u.minutes))
        }
        _ => "not practised yet".to_string(),
    }
}

/// Where a topic comes from (the built-in catalog, your topic notes,
/// `studylog.toml`, or only your entries' history) and how many entries
/// name it: short enough to sit beside the label in any menu.
fn topic_label_details(topic: &KnownTopic, usage: Option<&TopicUsage<'_>>) -> LabelDetails {
    let detail = match topic.origin {
        Some("built-in") => "catalog",
        Some("topic note") => "your notes",
        Some(other) => other,
        None => "history",
    };
    let entries = usage.map_or(0, |u| u.sessions);
    LabelDetails {
        detail: detail.to_string(),
        description: match entries {
            1 => "1 entry".to_string(),
            n => format!("{n} entries"),
        },
    }
}

fn topic_documentation(topic: &KnownTopic, usage: Option<&TopicUsage<'_>>) -> String {
    let mut doc = format!("**{}**", topic.name);
    if let Some(origin) = topic.origin {
        doc.push_str(&format!(" · {origin}"));
    }
    if let Some(d) = &topic.description {
        doc.push_str(&format!("\n\n{d}"));
    }
    doc.push_str(&format!("\n\n{}", practice_summary(usage)));
    if !topic.aliases.is_empty() {
        let aliases: Vec<String> = topic.aliases.iter().map(|a| format!("`{a}`")).collect();
        doc.push_str(&format!("\n\nAliases: {}", aliases.join(", ")));
    }
    doc
}

/// The documentation of the topic item labelled `label` that
/// [`completions`] at `offset` of `path` gives, computed alone: for clients
/// that fetch an item's documentation when it is selected
/// (`completionItem/resolve`), so the list itself stays small. `None` when
/// no such topic is known (any more).
pub fn topic_documentation_of(
    ws: &Journal,
    path: &str,
    offset: usize,
    today: Date,
    label: &str,
) -> Option<String> {
    let typing = ws
        .file(path)
        .map(|file| (&**file, clamp_offset(&file.text, offset)));
    let usage = topic_usage(ws, today, typing);
    let used = usage.keys().copied().filter(|t| ws.is_known_topic(t));
    let topics = known_topics(ws, used);
    let topic = topics.values().find(|t| t.name == label)?;
    Some(topic_documentation(topic, usage.get(topic.id.as_str())))
}

impl Cursor<'_> {
    fn text(&self) -> &str {
        &self.file.text
    }

    /// Topic items replacing `span`, matched against `prefix`; `suffix` is
    /// appended to each inserted name (e.g. `]]` to close a link).
    fn topic_items(&self, prefix: &str, span: Span, suffix: &str) -> CompletionList {
        let usage = topic_usage(self.ws, self.today, Some((self.file, self.offset)));
        // A used topic the checks flag as unknown (not in the catalog, used
        // fewer than `min-uses` times) is often a misspelling: never offer it.
        let used = usage.keys().copied().filter(|t| self.ws.is_known_topic(t));
        let topics = known_topics(self.ws, used);
        let mut fuzzy = Fuzzy::new(prefix);
        let mut scored: Vec<(u32, u64, &KnownTopic, String)> = Vec::new();
        for topic in topics.values() {
            let mut best: Option<(u32, &str)> = None;
            for name in std::iter::once(&topic.name).chain(&topic.aliases) {
                if let Some(s) = fuzzy.score(name) {
                    if best.is_none_or(|(b, _)| s > b) {
                        best = Some((s, name));
                    }
                }
            }
            if let Some((score, matched)) = best {
                let frecency = usage.get(topic.id.as_str()).map_or(0, |u| u.frecency);
                scored.push((score, frecency, topic, matched.to_string()));
            }
        }
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(a.2.name.cmp(&b.2.name))
        });
        let is_incomplete = scored.len() > MAX_ITEMS;
        let items = scored
            .into_iter()
            .take(MAX_ITEMS)
            .enumerate()
            .map(|(rank, (_, _, topic, matched))| {
                let u = usage.get(topic.id.as_str());
                Completion {
                    label: topic.name.clone(),
                    kind: CompletionKind::Topic,
                    detail: Some(short_summary(u)),
                    label_details: Some(topic_label_details(topic, u)),
                    documentation: Some(topic_documentation(topic, u)),
                    edit: Replace {
                        span,
                        new_text: format!("{}{suffix}", topic.name),
                    },
                    is_snippet: false,
                    sort_text: sort_text(rank),
                    filter_text: matched,
                }
            })
            .collect();
        CompletionList {
            items,
            is_incomplete,
        }
    }

    /// The value item under the cursor in a comma-separated list starting at
    /// `list_start`: (prefix, span to replace, suffix to append).
    fn list_item(&self, list_start: usize) -> (String, Span, &'static str) {
        let text = self.text();
        let head = text.get(list_start..self.offset).unwrap_or("");
        let mut start = list_start + head.rfind(',').map_or(0, |i| i + 1);
        let typed = text.get(start..self.offset).unwrap_or("");
        start += typed.len() - typed.trim_start().len();
        let mut suffix = "";
        let typed = text.get(start..self.offset).unwrap_or("");
        if typed.starts_with("[[") {
            start += 2;
            if !self.after.trim_start_matches(is_tag_char).starts_with("]]") {
                suffix = "]]";
            }
        } else if typed.starts_with('[') {
            // A YAML flow list: `tags: [a, b]`.
            start += 1;
        }
        let typed = text.get(start..self.offset).unwrap_or("");
        let marker = typed.len() - typed.trim_start_matches(['#', '"', '\'']).len();
        start += marker;
        let rest = self.after;
        let end_in_rest = rest.find([',', ']', '"', '\'']).unwrap_or(rest.len());
        let end = self.offset + rest.get(..end_in_rest).unwrap_or("").trim_end().len();
        let prefix = text.get(start..self.offset).unwrap_or("").to_string();
        (prefix, Span::new(start.min(self.offset), end), suffix)
    }

    /// In the value of a `topic::` / `topics::` field.
    fn field_value_topics(&self) -> Option<CompletionList> {
        let m = TOPIC_FIELD.as_ref()?.find(self.before)?;
        let list_start = self.line.start() + m.end();
        let (prefix, span, suffix) = self.list_item(list_start);
        Some(self.topic_items(&prefix, span, suffix))
    }

    /// In frontmatter: a `topics:` / `tags:` value, inline or as a list item.
    fn frontmatter_topics(&self) -> Option<CompletionList> {
        let text = self.text();
        let key_of = |line: &str| -> Option<(String, usize)> {
            let caps = FM_KEY.as_ref()?.captures(line)?;
            let key = caps.get(1)?.as_str().to_ascii_lowercase();
            Some((key, caps.get(2)?.start()))
        };
        let list_start = if let Some((key, value_at)) = key_of(self.before) {
            if key != "topics" && key != "tags" {
                return None;
            }
            self.line.start() + value_at
        } else {
            let trimmed = self.before.trim_start();
            let item = trimmed.strip_prefix('-')?;
            if !item.is_empty() && !item.starts_with(' ') {
                return None;
            }
            // The list belongs to the nearest key above at the left margin.
            let mut line_no = self.file.line_index.line_of(self.line.start());
            let key = loop {
                if line_no == 0 {
                    return None;
                }
                line_no -= 1;
                let l = self.file.line_index.line_span(text, line_no).slice(text);
                if l.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                    break key_of(l)?.0;
                }
            };
            if key != "topics" && key != "tags" {
                return None;
            }
            self.line.start() + (self.before.len() - item.len())
        };
        let (prefix, span, suffix) = self.list_item(list_start);
        Some(self.topic_items(&prefix, span, suffix))
    }

    /// After `#` (a tag being typed).
    fn tag(&self) -> Option<CompletionList> {
        let word_len: usize = self
            .before
            .chars()
            .rev()
            .take_while(|&c| is_tag_char(c))
            .map(char::len_utf8)
            .sum();
        let hash_at = self.before.len() - word_len;
        let head = self.before.get(..hash_at)?;
        let head = head.strip_suffix('#')?;
        if !(head.is_empty() || head.ends_with(|c: char| c.is_whitespace() || c == '(')) {
            return None;
        }
        let start = self.line.start() + hash_at;
        let after_len: usize = self
            .after
            .chars()
            .take_while(|&c| is_tag_char(c))
            .map(char::len_utf8)
            .sum();
        let prefix = self.before.get(hash_at..).unwrap_or("");
        Some(self.topic_items(prefix, Span::new(start, self.offset + after_len), ""))
    }

    /// After a heading marker: today, yesterday and missed days, each also as
    /// an entry template.
    fn heading_dates(&self) -> Option<CompletionList> {
        let caps = HEADING_DATE.as_ref()?.captures(self.before)?;
        let link = caps.get(2).is_some();
        let prefix_m = caps.get(3)?;
        let prefix = prefix_m.as_str();
        let start = self.line.start() + prefix_m.start();
        let tail_len = self
            .after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '-')
            .count();
        let span = Span::new(start, self.offset + tail_len);
        let rest_of_line_empty = self
            .after
            .get(tail_len..)
            .is_some_and(|r| r.trim().is_empty());
        let dates = self.candidate_dates();
        let mut items = Vec::new();
        for (date, why) in dates {
            let date_text = date.to_string();
            if !date_text.starts_with(prefix) {
                continue;
            }
            let detail = format!("{why} · {}", weekday_short(date));
            let close = if link
                && !self
                    .after
                    .get(tail_len..)
                    .is_some_and(|r| r.starts_with("]]"))
            {
                "]]"
            } else {
                ""
            };
            items.push(Completion {
                label: date_text.clone(),
                kind: CompletionKind::Date,
                label_details: None,
                detail: Some(detail.clone()),
                documentation: None,
                edit: Replace {
                    span,
                    new_text: format!("{date_text}{close}"),
                },
                is_snippet: false,
                sort_text: String::new(),
                filter_text: date_text.clone(),
            });
            if rest_of_line_empty {
                let body = body_snippet(self.ws.config(), 2);
                items.push(Completion {
                    label: format!("{date_text} entry"),
                    kind: CompletionKind::Date,
                    label_details: None,
                    detail: Some(format!("{detail}: a whole entry")),
                    documentation: Some(format!(
                        "```markdown\n{date_text}{close} …\n\n{}```",
                        plain(&body)
                    )),
                    edit: Replace {
                        span,
                        new_text: format!("{date_text}{close} $1\n\n{body}"),
                    },
                    is_snippet: true,
                    sort_text: String::new(),
                    filter_text: date_text,
                });
            }
        }
        for (rank, item) in items.iter_mut().enumerate() {
            item.sort_text = sort_text(rank);
        }
        Some(CompletionList {
            items,
            is_incomplete: false,
        })
    }

    /// The dates worth offering for a new entry heading, with why.
    fn candidate_dates(&self) -> Vec<(Date, String)> {
        if let Some(d) = self.file.name_date {
            // A daily note's entries carry its own date; any other is a mismatch.
            return vec![(d, "this note's date".to_string())];
        }
        let in_file: BTreeSet<Date> = self.file.entries.iter().map(|e| e.date).collect();
        let mut out: Vec<(Date, String)> = Vec::new();
        let yesterday = self.today.yesterday().ok();
        for (d, why) in [(Some(self.today), "today"), (yesterday, "yesterday")] {
            if let Some(d) = d.filter(|d| !in_file.contains(d)) {
                out.push((d, why.to_string()));
            }
        }
        for d in latest_missed(self.ws, self.today, MAX_MISSED_DATES + 1) {
            if Some(d) != yesterday && out.len() < MAX_MISSED_DATES + 2 {
                out.push((d, "missed".to_string()));
            }
        }
        out
    }

    /// At the top of a daily note: the whole entry for the note's date.
    fn daily_note_top(&self) -> Option<CompletionList> {
        let date = self.file.name_date?;
        if self
            .file
            .entries
            .iter()
            .any(|e| matches!(e.kind, EntryKind::Heading { .. }))
        {
            return None;
        }
        let first_line = self.file.frontmatter.as_ref().map_or(0, |fm| {
            self.file
                .line_index
                .line_of(fm.span.end().saturating_sub(1))
                + 1
        });
        let line_no = self.file.line_index.line_of(self.line.start());
        let text = self.text();
        let lines_above_blank = (first_line..line_no).all(|l| {
            self.file
                .line_index
                .line_span(text, l)
                .slice(text)
                .trim()
                .is_empty()
        });
        if !lines_above_blank
            || !self.before.trim().chars().all(|c| c == '#')
            || !self.after.trim().is_empty()
        {
            return None;
        }
        let body = body_snippet(self.ws.config(), 2);
        let date_text = date.to_string();
        let new_text = format!("# {date_text} $1\n\n{body}");
        Some(CompletionList {
            items: vec![Completion {
                label: format!("{date_text} entry"),
                kind: CompletionKind::Date,
                label_details: None,
                detail: Some(format!(
                    "this note's date · {}: a whole entry",
                    weekday_short(date)
                )),
                documentation: Some(format!(
                    "```markdown\n# {date_text} …\n\n{}```",
                    plain(&body)
                )),
                edit: Replace {
                    span: self.line,
                    new_text,
                },
                is_snippet: true,
                sort_text: sort_text(0),
                filter_text: format!("{}{date_text}", self.before.trim()),
            }],
            is_incomplete: false,
        })
    }

    /// At the start of a line inside an entry: field names as snippets.
    fn field_names(&self) -> Option<CompletionList> {
        let caps = FIELD_NAME.as_ref()?.captures(self.before)?;
        if self.after.contains("::") {
            return None;
        }
        let entry = match self.file.entry_at(self.offset) {
            Some((_, e)) => e,
            None => return None,
        };
        if entry.anchor.touches(self.offset) && matches!(entry.kind, EntryKind::Heading { .. }) {
            return None;
        }
        let bold = caps.get(1).is_some();
        let word = caps.get(2)?;
        let start = self.line.start() + word.start();
        let tail: usize = self
            .after
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .count();
        let span = Span::new(start, self.offset + tail);
        let required = &self.ws.config().required;
        let mut kinds: Vec<(u8, FieldKind)> = FieldKind::KNOWN
            .into_iter()
            .map(|k| {
                let rank = match (entry.has_field(k), required.contains(&k)) {
                    (false, true) => 0,
                    (false, false) => 1,
                    (true, _) => 2,
                };
                (rank, k)
            })
            .collect();
        kinds.sort_by_key(|(rank, _)| *rank);
        let items = kinds
            .into_iter()
            .enumerate()
            .map(|(i, (rank, kind))| {
                let snippet = field_snippet(kind, 1);
                let new_text = if bold {
                    snippet.replacen("::", "**::", 1)
                } else {
                    snippet
                };
                let detail = match rank {
                    0 => "required, missing",
                    1 => "missing",
                    _ => "already set",
                };
                Completion {
                    label: format!("{}::", kind.name()),
                    kind: CompletionKind::Field,
                    label_details: None,
                    detail: Some(detail.to_string()),
                    documentation: Some(field_doc(kind).to_string()),
                    edit: Replace { span, new_text },
                    is_snippet: true,
                    sort_text: sort_text(i),
                    filter_text: kind.name().to_string(),
                }
            })
            .collect();
        Some(CompletionList {
            items,
            is_incomplete: false,
        })
    }

    /// After `[[`: notes, or after `[[note#` that note's headings.
    fn link(&self) -> Option<CompletionList> {
        let open = self.before.rfind("[[")?;
        let inner = self.before.get(open + 2..)?;
        if inner.contains("]]") || inner.contains('|') {
            return None;
        }
        let inner_start = self.line.start() + open + 2;
        let rest_len = self.after.find(['|', ']', '#']).unwrap_or(self.after.len());
        let closes = self
            .after
            .get(rest_len..)
            .is_some_and(|r| r.starts_with(']') || r.starts_with('|') || r.starts_with('#'));
        let suffix = if closes { "" } else { "]]" };
        if let Some(hash) = inner.find('#') {
            let note_name = inner.get(..hash).unwrap_or("");
            let prefix = inner.get(hash + 1..).unwrap_or("");
            let start = inner_start + hash + 1;
            let rest_len = self.after.find(['|', ']']).unwrap_or(self.after.len());
            let closes = self
                .after
                .get(rest_len..)
                .is_some_and(|r| r.starts_with(']') || r.starts_with('|'));
            let suffix = if closes { "" } else { "]]" };
            let span = Span::new(start, self.offset + rest_len);
            return Some(self.heading_items(note_name, prefix, span, suffix));
        }
        let span = Span::new(inner_start, self.offset + rest_len);
        Some(self.note_items(inner, span, suffix))
    }

    fn note_items(&self, prefix: &str, span: Span, suffix: &str) -> CompletionList {
        let mut fuzzy = Fuzzy::new(prefix);
        let mut scored: Vec<(u32, &str, &str)> = Vec::new();
        for (path, name) in self.ws.note_names() {
            if **path == *self.file.path {
                continue;
            }
            if let Some(s) = fuzzy.score(name) {
                scored.push((s, name, path));
            }
        }
        // Obsidian reaches a note by its frontmatter `aliases:` too.
        for (alias, path) in self.ws.link_aliases() {
            if **path == *self.file.path {
                continue;
            }
            if let Some(s) = fuzzy.score(alias) {
                scored.push((s, alias, path));
            }
        }
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(a.1.len().cmp(&b.1.len()))
                .then(a.1.cmp(b.1))
        });
        let is_incomplete = scored.len() > MAX_ITEMS;
        let items = scored
            .into_iter()
            .take(MAX_ITEMS)
            .enumerate()
            .map(|(rank, (_, name, path))| Completion {
                label: name.to_string(),
                kind: CompletionKind::Note,
                label_details: None,
                detail: Some(path.to_string()),
                documentation: self
                    .ws
                    .file(path)
                    .and_then(|f| super::journal::first_paragraph(&f.text)),
                edit: Replace {
                    span,
                    new_text: format!("{name}{suffix}"),
                },
                is_snippet: false,
                sort_text: sort_text(rank),
                filter_text: name.to_string(),
            })
            .collect();
        CompletionList {
            items,
            is_incomplete,
        }
    }

    fn heading_items(
        &self,
        note_name: &str,
        prefix: &str,
        span: Span,
        suffix: &str,
    ) -> CompletionList {
        let note: Option<&JournalFile> = if note_name.trim().is_empty() {
            Some(self.file)
        } else {
            self.ws
                .wiki_candidates(note_name)
                .into_iter()
                .next()
                .map(|f| f.as_ref())
        };
        let Some(note) = note else {
            return CompletionList::default();
        };
        let mut fuzzy = Fuzzy::new(prefix);
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut items = Vec::new();
        for h in &note.headings {
            let heading_text = h.text(&note.text);
            if heading_text.is_empty()
                || !seen.insert(heading_text)
                || fuzzy.score(heading_text).is_none()
            {
                continue;
            }
            // Only the heading being typed in this very file is left out.
            if note.path == self.file.path && h.line.touches(self.offset) {
                continue;
            }
            items.push(Completion {
                label: heading_text.to_string(),
                kind: CompletionKind::Heading,
                label_details: None,
                detail: Some(format!(
                    "{} {}",
                    "#".repeat(usize::from(h.level)),
                    note.path
                )),
                documentation: None,
                edit: Replace {
                    span,
                    new_text: format!("{heading_text}{suffix}"),
                },
                is_snippet: false,
                sort_text: sort_text(items.len()),
                filter_text: heading_text.to_string(),
            });
        }
        CompletionList {
            items,
            is_incomplete: false,
        }
    }
}

/// A snippet shown as plain text: each tab stop becomes its placeholder
/// (or the first choice), bare tab stops vanish.
fn plain(snippet: &str) -> String {
    static STOP: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"\$\{\d+:([^}]*)\}|\$\{\d+\|([^,|]*)[^}]*\}|\$\d+").ok());
    let Some(stop) = STOP.as_ref() else {
        return snippet.to_string();
    };
    stop.replace_all(snippet, |c: &regex::Captures<'_>| {
        c.get(1)
            .or_else(|| c.get(2))
            .map_or(String::new(), |m| m.as_str().to_string())
    })
    .into_owned()
}

fn field_doc(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Time => "How long you practised: `45m`, `1h30m`, `1.5h`, `1:30`.",
        FieldKind::Topics => {
            "What you practised: topic names, `#tags` or `[[links]]`, comma-separated."
        }
        FieldKind::Practiced => "What you did.",
        FieldKind::Learned => "What you learned or noticed.",
        FieldKind::Next => "The next step.",
        FieldKind::Confidence => "How sure you feel, 1 to 5.",
        FieldKind::Source => "Where the material came from: a link or free text.",
        FieldKind::Other => "",
    }
}
