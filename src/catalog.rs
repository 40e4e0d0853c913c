//! The topic catalog: built-in topics, topic notes, `[topics]` in config, and
//! aliases that resolve to their topic everywhere.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::topic::{canonicalize, match_key};

mod builtin;
mod description;
#[cfg(test)]
mod tests;

pub use builtin::BUILTIN;
pub use description::note_description;

/// A topic that ships with studylog.
#[derive(Clone, Copy, Debug)]
pub struct BuiltinTopic {
    pub name: &'static str,
    pub description: &'static str,
    pub aliases: &'static [&'static str],
}

/// Where a catalog topic comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TopicOrigin {
    Builtin,
    /// A note in the topics folder (workspace-relative path).
    Note {
        path: String,
    },
    /// `[topics] custom` in `studylog.toml`.
    Config,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicInfo {
    /// Canonical name.
    pub name: String,
    pub description: String,
    /// Canonical aliases that resolve to this topic.
    pub aliases: Vec<String>,
    pub origin: TopicOrigin,
}

/// A topic note found in the topics folder.
#[derive(Clone, Debug)]
pub struct TopicNote<'a> {
    pub path: &'a str,
    pub stem: &'a str,
    /// The note's full text (its first paragraph becomes the description).
    pub text: &'a str,
}

/// Every catalogued topic and alias of one journal.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    topics: BTreeMap<String, TopicInfo>,
    /// Canonical alias -> canonical topic name.
    aliases: BTreeMap<String, String>,
}

impl Catalog {
    /// Builds the catalog from the built-ins (unless switched off), topic
    /// notes and the config's `[topics]`; later sources refine earlier ones.
    ///
    /// A topic note or custom topic whose name is a built-in alias takes that
    /// name over (the user's own topic wins over a shipped alias); a config
    /// alias wins over everything, even a topic of the same name. Aliases of
    /// aliases are followed to the topic they end at.
    pub fn build(config: &Config, notes: &[TopicNote<'_>]) -> Catalog {
        let mut catalog = Catalog::default();
        if config.builtin_topics {
            for topic in BUILTIN {
                catalog.topics.insert(
                    topic.name.to_string(),
                    TopicInfo {
                        name: topic.name.to_string(),
                        description: topic.description.to_string(),
                        aliases: Vec::new(),
                        origin: TopicOrigin::Builtin,
                    },
                );
                for alias in topic.aliases {
                    catalog
                        .aliases
                        .insert((*alias).to_string(), topic.name.to_string());
                }
            }
        }
        for note in notes {
            let name = topic_name(note.stem);
            if name.is_empty() {
                continue;
            }
            let origin = TopicOrigin::Note {
                path: note.path.to_string(),
            };
            catalog.add_topic(name, note_description(note.text), origin);
        }
        for (name, description) in &config.custom_topics {
            let name = topic_name(name);
            if name.is_empty() {
                continue;
            }
            catalog.add_topic(name, description.trim().to_string(), TopicOrigin::Config);
        }
        for (alias, target) in &config.aliases {
            let alias = topic_name(alias);
            let target = topic_name(target);
            if alias.is_empty() || target.is_empty() || alias == target {
                continue;
            }
            catalog.topics.remove(&alias);
            catalog.aliases.insert(alias, target);
        }
        catalog.settle_aliases();
        catalog
    }

    /// Adds a topic, or refines the one of that name: a non-empty description
    /// replaces the earlier one and the origin becomes the later source.
    fn add_topic(&mut self, name: String, description: String, origin: TopicOrigin) {
        self.aliases.remove(&name);
        match self.topics.get_mut(&name) {
            Some(info) => {
                if !description.is_empty() {
                    info.description = description;
                }
                info.origin = origin;
            }
            None => {
                self.topics.insert(
                    name.clone(),
                    TopicInfo {
                        name,
                        description,
                        aliases: Vec::new(),
                        origin,
                    },
                );
            }
        }
    }

    /// Points every alias at the end of its chain (`a -> b -> topic`) and
    /// lists each topic's aliases, in time linear in the number of aliases:
    /// each chain is walked once and every alias on it settled at once. The
    /// aliases of a cycle (the config reports one as a `config-error`; a
    /// config alias can still close one with a built-in alias) are no
    /// aliases: each stays a name of its own, and chains into the cycle end
    /// at the alias where they enter it.
    fn settle_aliases(&mut self) {
        let mut settled: BTreeMap<String, String> = BTreeMap::new();
        let mut in_cycle: std::collections::HashSet<&str> = std::collections::HashSet::new();
        // One walk's names, reused from walk to walk: most walks are one
        // step (an alias naming a topic), cheaper than a fresh map each.
        let mut path: Vec<&str> = Vec::new();
        let mut on_path: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (start, target) in &self.aliases {
            // Most aliases name a topic: settled as they are, no walk.
            if !self.aliases.contains_key(target) {
                settled.insert(start.clone(), target.clone());
                continue;
            }
            if settled.contains_key(start) || in_cycle.contains(start.as_str()) {
                continue;
            }
            // Walk until a name that is no alias, one already settled, or
            // one already on this walk (a cycle).
            path.clear();
            on_path.clear();
            let mut current: &str = start;
            let end: String = loop {
                if let Some(end) = settled.get(current) {
                    break end.clone();
                }
                if in_cycle.contains(current) {
                    break current.to_string();
                }
                if let Some(&at) = on_path.get(current) {
                    for member in path.drain(at..) {
                        in_cycle.insert(member);
                    }
                    break current.to_string();
                }
                match self.aliases.get_key_value(current) {
                    Some((alias, target)) => {
                        on_path.insert(alias.as_str(), path.len());
                        path.push(alias.as_str());
                        current = target.as_str();
                    }
                    None => break current.to_string(),
                }
            };
            for alias in path.drain(..) {
                settled.insert(alias.to_string(), end.clone());
            }
        }
        self.aliases = settled;
        for info in self.topics.values_mut() {
            info.aliases.clear();
        }
        for (alias, target) in &self.aliases {
            if let Some(info) = self.topics.get_mut(target) {
                info.aliases.push(alias.clone());
            }
        }
    }

    /// The topic a canonical name stands for: its alias target, or itself.
    /// Nested names (`dev/load-balancing`) resolve by their last segment:
    /// first the whole name as an alias or topic, then the last segment as
    /// an alias, else the last segment itself.
    pub fn resolve<'a>(&'a self, canonical: &'a str) -> &'a str {
        if let Some(target) = self.aliases.get(canonical) {
            return target;
        }
        if self.topics.contains_key(canonical) {
            return canonical;
        }
        let key = match_key(canonical);
        match self.aliases.get(key) {
            Some(target) => target,
            None => key,
        }
    }

    /// True when `canonical` names a catalog topic or an alias (directly or
    /// by its last segment).
    pub fn knows(&self, canonical: &str) -> bool {
        self.topics.contains_key(self.resolve(canonical))
            || self.aliases.contains_key(canonical)
            || self.aliases.contains_key(match_key(canonical))
    }

    pub fn get(&self, name: &str) -> Option<&TopicInfo> {
        self.topics.get(name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.topics.contains_key(name)
    }

    pub fn topics(&self) -> impl Iterator<Item = &TopicInfo> {
        self.topics.values()
    }

    /// Every alias with the topic it resolves to.
    pub fn aliases(&self) -> impl Iterator<Item = (&str, &str)> {
        self.aliases.iter().map(|(a, t)| (a.as_str(), t.as_str()))
    }
}

/// A topic name from a note's stem or from config, canonical and without the
/// stray `#`, `-` or `/` around it.
fn topic_name(written: &str) -> String {
    canonicalize(written.trim().trim_start_matches('#'))
        .trim_matches(|c| c == '-' || c == '/')
        .to_string()
}

/// The stem of `path` when it is a topic note of `config`: a markdown file
/// anywhere below the topics folder (`topics/load-balancing.md` ->
/// `load-balancing`).
pub fn topic_note_stem<'p>(config: &Config, path: &'p str) -> Option<&'p str> {
    let dir = config.topics_dir.trim_matches('/');
    let rest = path.strip_prefix(dir)?.strip_prefix('/')?;
    let name = rest.rsplit('/').next().unwrap_or(rest);
    let (stem, ext) = name.rsplit_once('.')?;
    let markdown = ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown");
    (markdown && !stem.is_empty()).then_some(stem)
}
