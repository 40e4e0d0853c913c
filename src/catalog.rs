//! The topic catalog: built-in topics, topic notes, `[topics]` in config, and
//! aliases that resolve to their topic everywhere.

use std::collections::BTreeMap;

use crate::config::Config;

/// A topic that ships with studylog.
#[derive(Clone, Copy, Debug)]
pub struct BuiltinTopic {
    pub name: &'static str,
    pub description: &'static str,
    pub aliases: &'static [&'static str],
}

/// The built-in catalog (switched off by `[topics] builtin = false`).
pub static BUILTIN: &[BuiltinTopic] = &[];

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
    pub fn build(config: &Config, notes: &[TopicNote<'_>]) -> Catalog {
        let _ = (config, notes);
        Catalog::default()
    }

    /// The topic a canonical name stands for: its alias target, or itself.
    /// Nested names (`dev/load-balancing`) resolve by their last segment.
    pub fn resolve<'a>(&'a self, canonical: &'a str) -> &'a str {
        canonical
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
