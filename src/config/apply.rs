//! Applying one source of settings (the file, or the editor's settings) onto a
//! [`Config`], key by key: a bad key or value becomes a [`Problem`] naming the
//! key, the bad value and what is accepted, and leaves that one setting as it
//! was.

use jiff::civil::Date;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Config, LinkStyle, SeverityOverride, parse_cadence};
use crate::diagnostic::{Code, Severity};
use crate::parse::DateOrder;
use crate::parse::name_pattern::{Dialect, NamePattern};
use crate::syntax::FieldKind;
use crate::text::Span;
use crate::topic::as_tag;

/// A settings value from either source; spans only when it comes from the file.
#[derive(Clone, Debug)]
pub(super) enum Value {
    Str(String),
    /// `None` when the integer does not fit an `i64`.
    Int(Option<i64>),
    Float(String),
    Bool(bool),
    Datetime(String),
    Array(Vec<Item>),
    Table(Vec<Entry>),
}

#[derive(Clone, Debug)]
pub(super) struct Item {
    value: Value,
    span: Option<Span>,
}

#[derive(Clone, Debug)]
pub(super) struct Entry {
    key: String,
    key_span: Option<Span>,
    item: Item,
}

/// What is wrong with one setting.
#[derive(Clone, Debug)]
pub(super) struct Problem {
    /// Dotted path of the setting, e.g. `journal.cadence`.
    pub key_path: String,
    pub span: Option<Span>,
    pub message: String,
}

impl Value {
    /// Parses the file. On a syntax error, the first error with its span
    /// (the ones after it are mostly echoes of the first).
    pub(super) fn from_file(text: &str) -> Result<Item, (Span, String)> {
        let root = DeTable::parse(text).map_err(|e| {
            let span = e
                .span()
                .map(|r| widen_empty(text, Span::from(r)))
                .unwrap_or_default();
            (span, e.message().trim().to_string())
        })?;
        let span = Span::from(root.span());
        Ok(Item {
            value: Value::Table(de_table(root.get_ref())),
            span: Some(span),
        })
    }

    pub(super) fn from_settings(table: &toml::Table) -> Item {
        Item {
            value: Value::Table(settings_table(table)),
            span: None,
        }
    }

    /// How the value reads in a message: strings quoted, others by kind.
    fn show(&self) -> String {
        match self {
            Value::Str(s) => format!("{s:?}"),
            Value::Int(Some(n)) => n.to_string(),
            Value::Int(None) => "a very large integer".to_string(),
            Value::Float(f) => f.clone(),
            Value::Bool(b) => b.to_string(),
            Value::Datetime(d) => d.clone(),
            Value::Array(_) => "an array".to_string(),
            Value::Table(_) => "a table".to_string(),
        }
    }
}

/// The cycles among `aliases` (alias -> target), each as its aliases in
/// chain order starting from the smallest name; in time linear in the number
/// of aliases (every alias is walked once).
pub(super) fn alias_cycles(
    aliases: &std::collections::BTreeMap<String, String>,
) -> Vec<Vec<String>> {
    use std::collections::HashMap;
    // 0: not walked yet; n: walked by the walk that started n-th.
    let mut walked: HashMap<&str, usize> = HashMap::new();
    let mut cycles = Vec::new();
    for (walk, start) in aliases.keys().enumerate() {
        let walk = walk + 1;
        let mut current = start.as_str();
        let mut path: Vec<&str> = Vec::new();
        loop {
            match walked.get(current) {
                Some(&w) if w == walk => {
                    let at = path.iter().position(|p| *p == current).unwrap_or(0);
                    let mut cycle: Vec<String> = path[at..].iter().map(|s| s.to_string()).collect();
                    let smallest = cycle
                        .iter()
                        .enumerate()
                        .min_by(|a, b| a.1.cmp(b.1))
                        .map_or(0, |(i, _)| i);
                    cycle.rotate_left(smallest);
                    cycles.push(cycle);
                    break;
                }
                Some(_) => break,
                None => {}
            }
            let Some(next) = aliases.get(current) else {
                break;
            };
            walked.insert(current, walk);
            path.push(current);
            current = next.as_str();
        }
    }
    cycles
}

/// An empty error span becomes the character it points at, so it is visible.
fn widen_empty(text: &str, span: Span) -> Span {
    if !span.is_empty() {
        return span;
    }
    match text
        .get(span.start()..)
        .and_then(|rest| rest.chars().next())
    {
        Some(ch) if ch != '\n' && ch != '\r' => {
            Span::new(span.start(), span.start() + ch.len_utf8())
        }
        _ => span,
    }
}

fn de_table(table: &DeTable<'_>) -> Vec<Entry> {
    table
        .iter()
        .map(|(key, value)| Entry {
            key: key.get_ref().to_string(),
            key_span: Some(Span::from(key.span())),
            item: de_item(value),
        })
        .collect()
}

fn de_item(value: &Spanned<DeValue<'_>>) -> Item {
    let converted = match value.get_ref() {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => Value::Int(i64::from_str_radix(i.as_str(), i.radix()).ok()),
        DeValue::Float(f) => Value::Float(f.as_str().to_string()),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(a) => Value::Array(a.iter().map(de_item).collect()),
        DeValue::Table(t) => Value::Table(de_table(t)),
    };
    Item {
        value: converted,
        span: Some(Span::from(value.span())),
    }
}

fn settings_table(table: &toml::Table) -> Vec<Entry> {
    table
        .iter()
        .map(|(key, value)| Entry {
            key: key.clone(),
            key_span: None,
            item: settings_item(value),
        })
        .collect()
}

fn settings_item(value: &toml::Value) -> Item {
    let converted = match value {
        toml::Value::String(s) => Value::Str(s.clone()),
        toml::Value::Integer(i) => Value::Int(Some(*i)),
        toml::Value::Float(f) => Value::Float(f.to_string()),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::Datetime(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(settings_item).collect()),
        toml::Value::Table(t) => Value::Table(settings_table(t)),
    };
    Item {
        value: converted,
        span: None,
    }
}

/// The sections and the keys each accepts.
const SECTIONS: &[(&str, &[&str])] = &[
    (
        "journal",
        &[
            "include",
            "exclude",
            "cadence",
            "start",
            "required",
            "topics-dir",
            "min-uses",
            "max-files",
            "date-order",
            "daily-note-format",
        ],
    ),
    ("topics", &["builtin", "custom", "aliases"]),
    ("links", &["style"]),
    ("fields", &["aliases"]),
    ("severity", &[]),
    ("editor", &["inlay-hints", "docs-url"]),
];

const LINK_STYLE_ACCEPTS: &str = "\"obsidian\", \"logseq\", \"dendron\" or \"markdown\"";
const CADENCE_ACCEPTS: &str = "\"daily\", \"weekdays\", \"off\" or \"N/week\" with N from 1 to 7";
const SEVERITY_ACCEPTS: &str = "\"error\", \"warning\", \"information\", \"hint\" or \"off\"";

/// The closest of `candidates` to `word`, when it is close enough to be a
/// likely misspelling (`_`, `-` and camelCase humps count as the same, so
/// `topics_dir` and `topicsDir` both find `topics-dir`).
pub(super) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let norm = |s: &str| {
        let mut out = String::with_capacity(s.len() + 2);
        let mut prev_lower = false;
        for c in s.chars() {
            if c.is_uppercase() && prev_lower {
                out.push('-');
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            out.extend(c.to_lowercase());
        }
        out.replace('_', "-")
    };
    let word = norm(word);
    // Short names tolerate one typo, longer ones two (the longer of the two
    // names counts, so a truncated `alias` still finds `aliases`).
    candidates
        .into_iter()
        .map(|c| {
            let candidate = norm(c);
            let longest = word.chars().count().max(candidate.chars().count());
            let max = if longest < 6 { 1 } else { 2 };
            (strsim::damerau_levenshtein(&word, &candidate), max, c)
        })
        .filter(|(d, max, _)| d <= max)
        .map(|(d, _, c)| (d, c))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Applies every setting of `root` (a table) onto `config`.
pub(super) fn apply_root(config: &mut Config, root: &Item) -> Applied {
    let mut applier = Applier {
        config,
        applied: Applied::default(),
    };
    if let Value::Table(entries) = &root.value {
        for entry in entries {
            applier.section(entry);
        }
    }
    applier.applied
}

/// What applying one source reported.
#[derive(Debug, Default)]
pub(super) struct Applied {
    pub problems: Vec<Problem>,
    /// Where each alias this source set is written (canonical alias -> the
    /// span of its key), for problems found after both sources are layered.
    pub alias_spans: std::collections::BTreeMap<String, Option<Span>>,
}

struct Applier<'c> {
    config: &'c mut Config,
    applied: Applied,
}

impl Applier<'_> {
    fn problem(&mut self, key_path: String, span: Option<Span>, message: String) {
        self.applied.problems.push(Problem {
            key_path,
            span,
            message,
        });
    }

    fn section(&mut self, entry: &Entry) {
        let name = entry.key.as_str();
        if !SECTIONS.iter().any(|(s, _)| *s == name) {
            self.unknown_section(entry);
            return;
        }
        let Value::Table(entries) = &entry.item.value else {
            self.problem(
                name.to_string(),
                entry.item.span.or(entry.key_span),
                format!(
                    "`{name}` must be a table (a `[{name}]` section), not {}",
                    entry.item.value.show()
                ),
            );
            return;
        };
        for e in entries {
            let path = format!("{name}.{}", e.key);
            match name {
                "journal" => self.journal(&path, e),
                "topics" => self.topics(&path, e),
                "links" => self.links(&path, e),
                "fields" => self.fields(&path, e),
                "severity" => self.severity(&path, e),
                _ => self.editor(&path, e),
            }
        }
    }

    fn unknown_section(&mut self, entry: &Entry) {
        let name = entry.key.as_str();
        let home = SECTIONS
            .iter()
            .find(|(_, keys)| keys.contains(&name))
            .map(|(s, _)| *s);
        let hint = if let Some(section) = home {
            format!("`{name}` belongs in the `[{section}]` section")
        } else if let Some(s) = did_you_mean(name, SECTIONS.iter().map(|(s, _)| *s)) {
            format!("did you mean `[{s}]`?")
        } else if Code::parse(name).is_some() {
            format!("severities go in the `[severity]` section: `[severity] {name} = \"warning\"`")
        } else {
            "the sections are [journal], [topics], [links], [fields], [severity] and [editor]"
                .to_string()
        };
        self.problem(
            name.to_string(),
            entry.key_span.or(entry.item.span),
            format!("unknown setting `{name}`: {hint}"),
        );
    }

    fn unknown_key(&mut self, path: &str, entry: &Entry, section: &str) {
        let keys = SECTIONS
            .iter()
            .find(|(s, _)| *s == section)
            .map(|(_, k)| *k)
            .unwrap_or(&[]);
        let hint = match did_you_mean(&entry.key, keys.iter().copied()) {
            Some(k) => format!("did you mean `{k}`? "),
            None => String::new(),
        };
        self.problem(
            path.to_string(),
            entry.key_span.or(entry.item.span),
            format!(
                "unknown key `{}` in `[{section}]`; {hint}the keys of `[{section}]` are {}",
                entry.key,
                keys.join(", ")
            ),
        );
    }

    /// A value of the wrong kind: names the key, the value and what it accepts.
    fn bad_value(&mut self, path: &str, entry_key: &str, item: &Item, accepts: &str) {
        self.problem(
            path.to_string(),
            item.span,
            format!(
                "`{entry_key} = {}` is not valid: `{entry_key}` accepts {accepts}; using the default",
                item.value.show()
            ),
        );
    }

    fn journal(&mut self, path: &str, e: &Entry) {
        let item = &e.item;
        match e.key.as_str() {
            "include" => {
                if let Some(globs) = self.globs(path, e) {
                    if globs.is_empty() {
                        if item_is_empty_list(item) {
                            self.problem(
                                path.to_string(),
                                item.span,
                                "`include = []` would leave the journal empty: give at least one glob, e.g. \"**/*.md\"; using the default".to_string(),
                            );
                        }
                    } else {
                        self.config.include = globs;
                    }
                }
            }
            "exclude" => {
                if let Some(globs) = self.globs(path, e) {
                    if !globs.is_empty() || item_is_empty_list(item) {
                        self.config.exclude = globs;
                    }
                }
            }
            "cadence" => match &item.value {
                Value::Str(s) => match parse_cadence(s) {
                    Some(c) => self.config.cadence = c,
                    None => self.bad_cadence(path, s, item),
                },
                _ => self.bad_value(path, "cadence", item, CADENCE_ACCEPTS),
            },
            "start" => {
                let date = match &item.value {
                    Value::Str(s) => parse_date(s),
                    Value::Datetime(d) => parse_date(d),
                    _ => None,
                };
                match date {
                    Some(d) => self.config.start = Some(d),
                    None => self.bad_value(
                        path,
                        "start",
                        item,
                        "a real calendar date written YYYY-MM-DD, e.g. \"2026-01-01\"",
                    ),
                }
            }
            "required" => self.required(path, item),
            "topics-dir" => {
                let dir = match &item.value {
                    Value::Str(s) => normalize_dir(s),
                    _ => None,
                };
                match dir {
                    Some(d) => self.config.topics_dir = d,
                    None => self.bad_value(
                        path,
                        "topics-dir",
                        item,
                        "a folder relative to the workspace, e.g. \"topics\" (not empty, not absolute, no `..`)",
                    ),
                }
            }
            "min-uses" => match &item.value {
                Value::Int(Some(n)) if *n >= 1 && u32::try_from(*n).is_ok() => {
                    self.config.min_uses = *n as u32;
                }
                _ => self.bad_value(
                    path,
                    "min-uses",
                    item,
                    "a whole number of entries, 1 or more (default 2)",
                ),
            },
            "max-files" => match &item.value {
                Value::Int(Some(n)) if *n >= 1 && usize::try_from(*n).is_ok() => {
                    self.config.max_files = usize::try_from(*n).unwrap_or(usize::MAX);
                }
                _ => self.bad_value(
                    path,
                    "max-files",
                    item,
                    "a whole number of files, 1 or more (default 100000)",
                ),
            },
            "date-order" => {
                let order = match &item.value {
                    Value::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
                        "dmy" => Some(DateOrder::DayFirst),
                        "mdy" => Some(DateOrder::MonthFirst),
                        _ => None,
                    },
                    _ => None,
                };
                match order {
                    Some(order) => self.config.date_order = Some(order),
                    None => self.bad_value(
                        path,
                        "date-order",
                        item,
                        "\"dmy\" (01/12/2018 is December 1st) or \"mdy\" (January 12th); \
                         unset, the order is inferred from the journal's dates",
                    ),
                }
            }
            "daily-note-format" => self.daily_note_format(path, item),
            _ => self.unknown_key(path, e, "journal"),
        }
    }

    /// `[fields]`: `aliases = { "my label" = "learned" }`.
    fn fields(&mut self, path: &str, e: &Entry) {
        if e.key != "aliases" {
            self.unknown_key(path, e, "fields");
            return;
        }
        let accepts = "a table of labels and the fields they stand for, \
                       e.g. { \"what i built\" = \"practiced\" }; the fields are \
                       time, topic, practiced, learned, next, confidence, source";
        let Value::Table(entries) = &e.item.value else {
            self.bad_value(path, "aliases", &e.item, accepts);
            return;
        };
        for entry in entries {
            let label = entry.key.trim().to_lowercase();
            let kind = match &entry.item.value {
                Value::Str(target) => FieldKind::from_key(target),
                _ => FieldKind::Other,
            };
            if label.is_empty() || kind == FieldKind::Other {
                let hint = match &entry.item.value {
                    Value::Str(t) => did_you_mean(t.trim(), FieldKind::KNOWN.map(FieldKind::name))
                        .map(|k| format!(" (did you mean \"{k}\"?)"))
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                let why = if label.is_empty() {
                    "an empty label stands for nothing".to_string()
                } else {
                    format!("{} is not a known field{hint}", entry.item.value.show())
                };
                self.problem(
                    format!("{path}.{}", entry.key),
                    entry.item.span.or(entry.key_span),
                    format!(
                        "`aliases`: `{}`: {why}; `aliases` accepts {accepts}",
                        entry.key
                    ),
                );
                continue;
            }
            self.config.field_aliases.insert(label, kind);
        }
    }

    /// A list of moment.js-style patterns (a single string counts as a list
    /// of one). A bad pattern is reported and dropped; when none is left of
    /// a non-empty list, the previous setting stays. `[]`: no file is a daily
    /// note by its name.
    fn daily_note_format(&mut self, path: &str, item: &Item) {
        let accepts = "a list of daily-note name patterns in moment.js tokens, \
                       e.g. [\"YYYY-MM-DD\", \"YYYY_MM_DD\", \"[daily.journal.]YYYY.MM.DD\"]";
        let items: Vec<&Item> = match &item.value {
            Value::Array(items) => items.iter().collect(),
            Value::Str(_) => vec![item],
            _ => {
                self.bad_value(path, "daily-note-format", item, accepts);
                return;
            }
        };
        let mut patterns = Vec::new();
        for element in &items {
            match &element.value {
                Value::Str(s) => match NamePattern::parse(s, Dialect::Moment) {
                    Ok(p) => patterns.push(p),
                    Err(why) => self.problem(
                        path.to_string(),
                        element.span,
                        format!("`daily-note-format`: {why}; this pattern is ignored"),
                    ),
                },
                other => self.problem(
                    path.to_string(),
                    element.span,
                    format!(
                        "`daily-note-format`: {} is not a pattern; `daily-note-format` accepts {accepts}",
                        other.show()
                    ),
                ),
            }
        }
        if !patterns.is_empty() || items.is_empty() {
            self.config.daily_note_format = Some(patterns);
        }
    }

    fn bad_cadence(&mut self, path: &str, written: &str, item: &Item) {
        let lower = written.trim().to_ascii_lowercase();
        let extra = match did_you_mean(&lower, ["daily", "weekdays", "off"]) {
            Some(c) if !lower.contains('/') => format!(" (did you mean \"{c}\"?)"),
            _ => String::new(),
        };
        self.problem(
            path.to_string(),
            item.span,
            format!(
                "`cadence = {written:?}` is not a cadence{extra}: use {CADENCE_ACCEPTS}; using the default \"daily\""
            ),
        );
    }

    /// A list of globs (a single string counts as a list of one). Bad globs
    /// are reported and dropped; `None` when the value is not a list at all.
    fn globs(&mut self, path: &str, e: &Entry) -> Option<Vec<String>> {
        let accepts = "a list of globs relative to the workspace, e.g. [\"journal/**/*.md\"]";
        let items: Vec<&Item> = match &e.item.value {
            Value::Array(items) => items.iter().collect(),
            Value::Str(_) => vec![&e.item],
            _ => {
                self.bad_value(path, &e.key, &e.item, accepts);
                return None;
            }
        };
        let mut globs = Vec::new();
        for item in items {
            match &item.value {
                Value::Str(s) => match globset::Glob::new(s) {
                    Ok(_) => globs.push(s.clone()),
                    Err(err) => self.problem(
                        path.to_string(),
                        item.span,
                        format!(
                            "`{}`: {:?} is not a valid glob ({}); it is ignored",
                            e.key,
                            s,
                            glob_error_reason(&err)
                        ),
                    ),
                },
                _ => self.problem(
                    path.to_string(),
                    item.span,
                    format!(
                        "`{}`: {} is not a glob: `{}` accepts {accepts}; it is ignored",
                        e.key,
                        item.value.show(),
                        e.key
                    ),
                ),
            }
        }
        Some(globs)
    }

    fn required(&mut self, path: &str, item: &Item) {
        let accepts = "a list of field names: time (or duration, spent), topic (or topics), \
                       practiced, learned (or reflection, lesson), next, confidence, source";
        let items: Vec<&Item> = match &item.value {
            Value::Array(items) => items.iter().collect(),
            Value::Str(_) => vec![item],
            _ => {
                self.bad_value(path, "required", item, accepts);
                return;
            }
        };
        let mut fields = Vec::new();
        let mut ok = true;
        for element in items {
            let kind = match &element.value {
                Value::Str(s) => FieldKind::from_key(s),
                _ => FieldKind::Other,
            };
            if kind == FieldKind::Other {
                ok = false;
                let known = [
                    "time",
                    "duration",
                    "spent",
                    "topic",
                    "topics",
                    "practiced",
                    "learned",
                    "reflection",
                    "lesson",
                    "next",
                    "confidence",
                    "source",
                ];
                let hint = match &element.value {
                    Value::Str(s) => did_you_mean(s.trim(), known)
                        .map(|k| format!(" (did you mean \"{k}\"?)"))
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                self.problem(
                    path.to_string(),
                    element.span,
                    format!(
                        "`required`: {} is not a known field{hint}; `required` accepts {accepts}; using the default [\"topic\", \"time\"]",
                        element.value.show()
                    ),
                );
            } else if !fields.contains(&kind) {
                fields.push(kind);
            }
        }
        if ok {
            self.config.required = fields;
            self.config.required_explicit = true;
        }
    }

    fn topics(&mut self, path: &str, e: &Entry) {
        let item = &e.item;
        match e.key.as_str() {
            "builtin" => match item.value {
                Value::Bool(b) => self.config.builtin_topics = b,
                _ => self.bad_value(path, "builtin", item, "true or false"),
            },
            "custom" => self.custom(path, item),
            "aliases" => self.aliases(path, item),
            _ => self.unknown_key(path, e, "topics"),
        }
    }

    fn custom(&mut self, path: &str, item: &Item) {
        let accepts = "a table of topic names and one-line descriptions, \
                       e.g. { \"chaos-engineering\" = \"Injecting faults on purpose\" }, \
                       or a list of topic names";
        match &item.value {
            Value::Table(entries) => {
                for entry in entries {
                    let Some(name) = self.topic_name(path, &entry.key, entry.key_span) else {
                        continue;
                    };
                    match &entry.item.value {
                        Value::Str(d) => {
                            self.config.custom_topics.insert(name, d.trim().to_string());
                        }
                        other => self.problem(
                            format!("{path}.{}", entry.key),
                            entry.item.span,
                            format!(
                                "`custom`: the description of `{}` must be a string, not {}; \
                                 `custom` accepts {accepts}",
                                entry.key,
                                other.show()
                            ),
                        ),
                    }
                }
            }
            Value::Array(items) => {
                for element in items {
                    match &element.value {
                        Value::Str(s) => {
                            if let Some(name) = self.topic_name(path, s, element.span) {
                                self.config.custom_topics.entry(name).or_default();
                            }
                        }
                        other => self.problem(
                            path.to_string(),
                            element.span,
                            format!(
                                "`custom`: {} is not a topic name; `custom` accepts {accepts}",
                                other.show()
                            ),
                        ),
                    }
                }
            }
            _ => self.bad_value(path, "custom", item, accepts),
        }
    }

    /// A topic name from config as a tag writes it, or a problem when it has none.
    fn topic_name(&mut self, path: &str, written: &str, span: Option<Span>) -> Option<String> {
        let name = as_tag(written);
        if name.is_empty() {
            self.problem(
                path.to_string(),
                span,
                format!(
                    "{written:?} is not a topic name: a topic needs letters or digits, e.g. \"load-balancing\"; it is ignored"
                ),
            );
            None
        } else {
            Some(name)
        }
    }

    fn aliases(&mut self, path: &str, item: &Item) {
        let Value::Table(entries) = &item.value else {
            self.bad_value(
                path,
                "aliases",
                item,
                "a table of aliases and the topics they stand for, e.g. { \"lb\" = \"load-balancing\" }",
            );
            return;
        };
        for entry in entries {
            let Some(alias) = self.topic_name(path, &entry.key, entry.key_span) else {
                continue;
            };
            let target = match &entry.item.value {
                Value::Str(t) => {
                    self.topic_name(&format!("{path}.{}", entry.key), t, entry.item.span)
                }
                other => {
                    self.problem(
                        format!("{path}.{}", entry.key),
                        entry.item.span,
                        format!(
                            "`aliases`: alias `{}` must name a topic as a string, e.g. \"load-balancing\", not {}",
                            entry.key,
                            other.show()
                        ),
                    );
                    None
                }
            };
            if let Some(target) = target {
                if target != alias {
                    self.applied
                        .alias_spans
                        .insert(alias.clone(), entry.key_span);
                    self.config.aliases.insert(alias, target);
                }
            }
        }
    }

    fn severity(&mut self, path: &str, e: &Entry) {
        let Some(code) = Code::parse(e.key.trim()) else {
            let hint = match did_you_mean(&e.key, Code::ALL.iter().map(|c| c.as_str())) {
                Some(c) => format!("did you mean `{c}`? "),
                None => String::new(),
            };
            let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            self.problem(
                path.to_string(),
                e.key_span.or(e.item.span),
                format!(
                    "unknown check `{}` in `[severity]`; {hint}the checks are {}",
                    e.key,
                    codes.join(", ")
                ),
            );
            return;
        };
        let parsed = match &e.item.value {
            Value::Str(s) => {
                let s = s.trim().to_ascii_lowercase();
                if s == "off" {
                    Some(SeverityOverride::Off)
                } else {
                    Severity::parse(&s).map(SeverityOverride::Set)
                }
            }
            _ => None,
        };
        match parsed {
            Some(o) => {
                self.config.severity.insert(code, o);
            }
            None => {
                let default = code.default_severity().as_str();
                self.problem(
                    path.to_string(),
                    e.item.span,
                    format!(
                        "`{} = {}` is not a severity: use {SEVERITY_ACCEPTS}; `{}` keeps its default ({default})",
                        e.key,
                        e.item.value.show(),
                        e.key
                    ),
                );
            }
        }
    }

    fn links(&mut self, path: &str, e: &Entry) {
        match e.key.as_str() {
            "style" => match &e.item.value {
                Value::Str(s) => match LinkStyle::parse(s) {
                    Some(style) => self.config.link_style = Some(style),
                    None => self.bad_value(path, "style", &e.item, LINK_STYLE_ACCEPTS),
                },
                _ => self.bad_value(path, "style", &e.item, LINK_STYLE_ACCEPTS),
            },
            _ => self.unknown_key(path, e, "links"),
        }
    }

    fn editor(&mut self, path: &str, e: &Entry) {
        match e.key.as_str() {
            "inlay-hints" => match e.item.value {
                Value::Bool(b) => self.config.inlay_hints = b,
                _ => self.bad_value(path, "inlay-hints", &e.item, "true or false"),
            },
            "docs-url" => match &e.item.value {
                Value::Str(url) if url.trim().is_empty() => self.config.docs_url = None,
                Value::Str(url) if url.starts_with("https://") || url.starts_with("http://") => {
                    self.config.docs_url = Some(url.trim().to_string());
                }
                _ => self.bad_value(
                    path,
                    "docs-url",
                    &e.item,
                    "an http(s) address, or \"\" for none",
                ),
            },
            _ => self.unknown_key(path, e, "editor"),
        }
    }
}

fn item_is_empty_list(item: &Item) -> bool {
    matches!(&item.value, Value::Array(a) if a.is_empty())
}

fn glob_error_reason(err: &globset::Error) -> String {
    err.kind().to_string()
}

/// A strictly zero-padded `YYYY-MM-DD` calendar date.
pub(super) fn parse_date(text: &str) -> Option<Date> {
    crate::parse::dates::parse_strict(text.trim())
}

/// A workspace-relative folder with `/` separators and no trailing slash;
/// `None` when it is empty, absolute or climbs out with `..`.
pub(super) fn normalize_dir(text: &str) -> Option<String> {
    let text = text.trim().replace('\\', "/");
    if text.starts_with('/') || text.get(1..2) == Some(":") {
        return None;
    }
    let mut parts = Vec::new();
    for part in text.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("/"))
    }
}
