//! Entry templates: the fields a new entry starts with, as plain text for
//! edits and as LSP snippets (with tab stops) for completions and for the
//! new-entry command, which follows the journal's own habit.

use jiff::civil::Date;

use crate::config::Config;
use crate::journal::Journal;
use crate::syntax::{Entry, FieldKind, TopicSource};

/// The fields a new entry starts with in a journal without entries: the
/// required ones in config order, then `practiced` (what was done), each once.
pub(crate) fn template_fields(config: &Config) -> Vec<FieldKind> {
    let mut fields: Vec<FieldKind> = Vec::new();
    for kind in config
        .required
        .iter()
        .copied()
        .chain([FieldKind::Practiced])
    {
        if kind != FieldKind::Other && !fields.contains(&kind) {
            fields.push(kind);
        }
    }
    fields
}

/// The placeholder a field's snippet suggests.
pub(crate) fn placeholder(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Time => "30m",
        FieldKind::Topics => "topic",
        FieldKind::Confidence => "3",
        _ => "",
    }
}

/// The snippet body of one field line: `time:: ${1:30m}`.
pub(crate) fn field_snippet(kind: FieldKind, tab_stop: usize) -> String {
    let name = kind.name();
    match (kind, placeholder(kind)) {
        (FieldKind::Confidence, _) => format!("{name}:: ${{{tab_stop}|1,2,3,4,5|}}"),
        (_, "") => format!("{name}:: ${tab_stop}"),
        (_, p) => format!("{name}:: ${{{tab_stop}:{p}}}"),
    }
}

/// The field lines of a new entry as plain text, each ending in a newline.
#[cfg(test)]
pub(crate) fn body_text(config: &Config) -> String {
    template_fields(config)
        .into_iter()
        .map(|k| format!("{}:: \n", k.name()))
        .collect()
}

/// The field lines of a new entry as a snippet, tab stops from `first_stop`.
pub(crate) fn body_snippet(config: &Config, first_stop: usize) -> String {
    template_fields(config)
        .into_iter()
        .enumerate()
        .map(|(i, k)| format!("{}\n", field_snippet(k, first_stop + i)))
        .collect()
}

/// Where the journal's entries name their topics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TopicStyle {
    /// `## 2026-11-20 Consistent hashing #load-balancing`
    HeadingTag,
    /// A `#tag` in the entry's text.
    BodyTag,
    /// A `topic::` field.
    Field,
}

/// How the journal's recent entries are written, for a new one to follow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EntryHabit {
    pub topics: TopicStyle,
    /// Fields a new entry starts with (never `topic` with a tag style).
    pub fields: Vec<FieldKind>,
}

/// How many of the latest entries make a habit: enough to outvote a few odd
/// ones, few enough to follow a journal that changed its style.
const HABIT_SAMPLE: usize = 30;

/// The habit of the (at most [`HABIT_SAMPLE`]) latest entries up to `until`:
/// the topic style most of them use (fields on a tie), and the fields at
/// least half of them have, after the required ones. A journal without
/// entries gets the plain template: `topic::` and [`template_fields`].
pub(crate) fn entry_habit(ws: &Journal, until: Date) -> EntryHabit {
    let sample: Vec<(&str, &Entry)> = ws
        .timeline()
        .range(..=until)
        .rev()
        .flat_map(|(_, refs)| refs.iter().rev())
        .filter_map(|r| ws.entry(r))
        .filter(|(_, e)| !e.is_empty)
        .map(|(f, e)| (&*f.text, e))
        .take(HABIT_SAMPLE)
        .collect();
    let config = ws.config();
    if sample.is_empty() {
        return EntryHabit {
            topics: TopicStyle::Field,
            fields: template_fields(config),
        };
    }
    let (mut heading, mut body, mut field) = (0, 0, 0);
    for (_, e) in &sample {
        let tags_in_heading = e
            .topics
            .iter()
            .any(|t| t.source == TopicSource::Tag && e.anchor.touches(t.span.start()));
        if tags_in_heading {
            heading += 1;
        } else if e.topics.iter().any(|t| t.source == TopicSource::Tag) {
            body += 1;
        } else if e.topics.iter().any(|t| t.source == TopicSource::Field) {
            field += 1;
        }
    }
    let topics = if heading > body.max(field) {
        TopicStyle::HeadingTag
    } else if body > field {
        TopicStyle::BodyTag
    } else {
        TopicStyle::Field
    };
    let mut fields: Vec<FieldKind> = Vec::new();
    let push = |kind: FieldKind, fields: &mut Vec<FieldKind>| {
        let is_tag_topic = kind == FieldKind::Topics && topics != TopicStyle::Field;
        if kind != FieldKind::Other && !is_tag_topic && !fields.contains(&kind) {
            fields.push(kind);
        }
    };
    if topics == TopicStyle::Field {
        push(FieldKind::Topics, &mut fields);
    }
    for kind in &config.required {
        push(*kind, &mut fields);
    }
    // Habitual fields in the order the latest entry writes them, then the rest.
    let mut counted: Vec<(FieldKind, usize)> = Vec::new();
    for (_, e) in &sample {
        let mut seen: Vec<FieldKind> = Vec::new();
        for f in &e.fields {
            if !seen.contains(&f.kind) {
                seen.push(f.kind);
                match counted.iter_mut().find(|(k, _)| *k == f.kind) {
                    Some((_, n)) => *n += 1,
                    None => counted.push((f.kind, 1)),
                }
            }
        }
    }
    for (kind, n) in counted {
        if n * 2 >= sample.len() {
            push(kind, &mut fields);
        }
    }
    EntryHabit { topics, fields }
}

/// A new entry as a snippet and as plain text (the snippet with its tab stops
/// left empty), each ending in a newline. `heading` is the heading line's
/// start (`## 2026-11-26`), `None` for a daily note without one. The first
/// tab stop is the heading's title, or the first field's value.
pub(crate) struct EntryTemplate {
    pub snippet: String,
    pub plain: String,
    /// Where the cursor goes in `plain`: where the snippet's first tab stop is.
    pub cursor: usize,
}

pub(crate) fn entry_template(habit: &EntryHabit, heading: Option<&str>) -> EntryTemplate {
    let mut snippet = String::new();
    let mut plain = String::new();
    let mut cursor = None;
    let mut stop = 1;
    if let Some(h) = heading {
        snippet.push_str(&escape_snippet(h));
        plain.push_str(h);
        snippet.push_str(&format!(" ${stop}"));
        stop += 1;
        if habit.topics == TopicStyle::HeadingTag {
            snippet.push_str(&format!(" #${stop}"));
            stop += 1;
        }
        snippet.push_str("\n\n");
        plain.push_str("\n\n");
    }
    if habit.topics == TopicStyle::BodyTag {
        snippet.push_str(&format!("#${stop}\n"));
        stop += 1;
    }
    for kind in &habit.fields {
        let line = format!("{}:: ", kind.name());
        snippet.push_str(&format!("{line}${stop}\n"));
        plain.push_str(&line);
        cursor.get_or_insert(plain.len());
        plain.push('\n');
        stop += 1;
    }
    snippet.push_str("$0");
    // Without snippets there is no title to type first: start at a field.
    let cursor = cursor.or(heading.map(str::len)).unwrap_or(plain.len());
    EntryTemplate {
        snippet,
        cursor,
        plain,
    }
}

/// `text` as literal snippet text: `$`, `}` and `\\` escaped.
pub(crate) fn escape_snippet(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_follow_the_required_fields() {
        let config = Config::default();
        assert_eq!(body_text(&config), "topic:: \ntime:: \npracticed:: \n");
        assert_eq!(
            body_snippet(&config, 2),
            "topic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n"
        );
        assert_eq!(
            field_snippet(FieldKind::Confidence, 1),
            "confidence:: ${1|1,2,3,4,5|}"
        );
    }
}
