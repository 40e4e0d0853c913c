//! Topic checks on entries: `unknown-topic` (a warning with a did-you-mean
//! fix when a known topic is close, information otherwise) and
//! `topic-spelling` (a `#tag` not written in canonical form). Tags outside
//! entries are neither checked nor counted.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::diagnostic::{Code, Diagnostic, Fix, Severity, TextEdit};
use crate::syntax::{JournalFile, TopicRef, TopicSource};
use crate::topic::match_key;
use crate::workspace::Workspace;

/// Names shorter than this get a did-you-mean only at distance 1: at distance
/// 2 most short names are close to some other short name.
const SHORT_NAME: usize = 6;

/// Known names for did-you-mean, built at most once per check run (lazily:
/// most journals have few unknown topics) and shared by every file.
pub(super) type Candidates = OnceLock<Vec<(String, bool)>>;

pub(super) fn check(
    ws: &Workspace,
    file: &JournalFile,
    candidates: &Candidates,
    out: &mut Vec<Diagnostic>,
) {
    // Known-ness per name, asked once per file: a journal repeats a few
    // topics thousands of times, and each answer costs several ordered-map
    // lookups (aliases, catalog, uses).
    let mut known: HashMap<&str, bool> = HashMap::new();
    for entry in &file.entries {
        for topic in &entry.topics {
            let key = match_key(&topic.canonical);
            if key.is_empty() {
                continue;
            }
            if topic.source == TopicSource::Tag && topic.written != topic.canonical {
                out.push(spelling(file, topic));
            }
            let is_known = *known
                .entry(topic.canonical.as_str())
                .or_insert_with(|| ws.is_known_topic(&topic.canonical));
            if is_known {
                continue;
            }
            let candidates = candidates.get_or_init(|| known_names(ws));
            out.push(unknown(ws, file, topic, key, candidates));
        }
    }
}

/// Known topic names and aliases (`true` for an alias), for did-you-mean.
fn known_names(ws: &Workspace) -> Vec<(String, bool)> {
    let mut names: Vec<(String, bool)> = ws
        .known_topics()
        .into_iter()
        .map(|t| (t.to_string(), false))
        .collect();
    names.extend(ws.catalog().aliases().map(|(a, _)| (a.to_string(), true)));
    names
}

/// How `topic` is shown in a message: `#tag` for tags, the bare name otherwise.
fn shown(topic: &TopicRef) -> String {
    match topic.source {
        TopicSource::Tag => format!("#{}", topic.written),
        _ => topic.written.to_string(),
    }
}

/// The mention's text with its name's last segment replaced by `name`.
fn replaced(file: &JournalFile, topic: &TopicRef, name: &str) -> String {
    let written = &topic.written;
    let new_written = match written.rsplit_once('/') {
        Some((prefix, _)) => format!("{prefix}/{name}"),
        None => name.to_string(),
    };
    let original = topic.span.slice(&file.text);
    if !written.is_empty() && original.contains(written.as_str()) {
        original.replacen(written.as_str(), &new_written, 1)
    } else if topic.source == TopicSource::Tag {
        format!("#{new_written}")
    } else {
        new_written
    }
}

fn spelling(file: &JournalFile, topic: &TopicRef) -> Diagnostic {
    let canonical = format!("#{}", topic.canonical);
    Diagnostic::new(
        Code::TopicSpelling,
        file.path.clone(),
        topic.span,
        format!(
            "`#{}` is not in canonical form; write it as `{canonical}`",
            topic.written
        ),
    )
    .with_fix(Fix {
        title: format!("Write `{canonical}`"),
        edits: vec![TextEdit {
            path: file.path.clone(),
            span: topic.span,
            new_text: canonical,
        }],
    })
}

fn unknown(
    ws: &Workspace,
    file: &JournalFile,
    topic: &TopicRef,
    key: &str,
    candidates: &[(String, bool)],
) -> Diagnostic {
    let shown_name = shown(topic);
    match did_you_mean(key, candidates) {
        Some(name) => {
            let suggestion = if topic.source == TopicSource::Tag {
                format!("#{name}")
            } else {
                name.to_string()
            };
            Diagnostic::new(
                Code::UnknownTopic,
                file.path.clone(),
                topic.span,
                format!("Unknown topic `{shown_name}`; did you mean `{suggestion}`?"),
            )
            .with_fix(Fix {
                title: format!("Change to `{suggestion}`"),
                edits: vec![TextEdit {
                    path: file.path.clone(),
                    span: topic.span,
                    new_text: replaced(file, topic, name),
                }],
            })
        }
        None => {
            let resolved = ws.resolve_topic(&topic.canonical);
            let uses = ws.topic_uses(&resolved).len();
            let dir = ws.config().topics_dir.trim_end_matches('/');
            Diagnostic::new(
                Code::UnknownTopic,
                file.path.clone(),
                topic.span,
                format!(
                    "Unknown topic `{shown_name}`: not in the catalog and used in {uses} entr{} (min-uses: {}); add a note `{dir}/{resolved}.md` to catalog it, or check the spelling",
                    if uses == 1 { "y" } else { "ies" },
                    ws.config().min_uses,
                ),
            )
            .with_severity(Severity::Information)
        }
    }
}

/// The closest known name within the did-you-mean distance: at most 2 edits
/// (1 for short names), the nearest first, topics before aliases, then A to Z.
fn did_you_mean<'a>(key: &str, candidates: &'a [(String, bool)]) -> Option<&'a str> {
    let key_len = key.chars().count();
    candidates
        .iter()
        .filter(|(name, _)| name != key)
        .filter_map(|(name, alias)| {
            let name_len = name.chars().count();
            let limit = if key_len.min(name_len) < SHORT_NAME {
                1
            } else {
                2
            };
            // Lengths this far apart cannot be within the limit: skip the
            // edit distance, which dominates when there are many names.
            if key_len.abs_diff(name_len) > limit {
                return None;
            }
            let distance = strsim::damerau_levenshtein(key, name);
            (distance <= limit).then_some((distance, *alias, name.as_str()))
        })
        .min()
        .map(|(_, _, name)| name)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn close_names_are_suggested() {
        let known: Vec<(String, bool)> =
            [("load-balancing", false), ("k8s", true), ("caching", false)]
                .iter()
                .map(|(n, a)| (n.to_string(), *a))
                .collect();
        assert_eq!(
            did_you_mean("load-balacing", &known),
            Some("load-balancing")
        );
        assert_eq!(
            did_you_mean("laod-balancing", &known),
            Some("load-balancing")
        );
        assert_eq!(did_you_mean("k8z", &known), Some("k8s"));
        assert_eq!(did_you_mean("k9z", &known), None);
        assert_eq!(did_you_mean("cachign", &known), Some("caching"));
        assert_eq!(did_you_mean("rust", &known), None);
    }
}
