//! A topic note's change applied to a built catalog: its old
//! contribution withdrawn and its new one added, recomputing only the
//! topics it named from the sources that name them.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use super::{
    BUILTIN, BuiltinTopic, Catalog, NoteTopic, TopicInfo, TopicNote, TopicOrigin, note_description,
    topic_name,
};
use crate::topic::topic_key;

/// Where a source's contribution to a topic comes from, borrowed.
#[derive(Clone, Copy)]
enum SourceOf<'a> {
    Builtin,
    Note(&'a str),
    Config,
}

/// A built-in name by key: a topic, or an alias of one.
enum BuiltinName {
    Topic(&'static BuiltinTopic),
    Alias {
        name: &'static str,
        of: &'static BuiltinTopic,
    },
}

/// Every built-in topic and alias by key (keys are unique across the list;
/// a test checks).
fn builtin_names() -> &'static HashMap<String, BuiltinName> {
    static NAMES: OnceLock<HashMap<String, BuiltinName>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = HashMap::new();
        for topic in BUILTIN {
            names.insert(topic_key(topic.name), BuiltinName::Topic(topic));
            for alias in topic.aliases {
                names.insert(
                    topic_key(alias),
                    BuiltinName::Alias {
                        name: alias,
                        of: topic,
                    },
                );
            }
        }
        names
    })
}

/// Topic keys a catalog change resolves differently, each with the topic it
/// resolved to before the change.
pub type Moves = BTreeMap<String, String>;

impl Catalog {
    /// Puts the topic note `note` in the catalog, replacing what its
    /// earlier version contributed: only the topics of its old and new name
    /// are recomputed, from the sources naming them (a build's rules: first
    /// name, last non-empty description, last origin). Returns the topic
    /// keys it resolves differently now, each with the topic it resolved
    /// to before (what the journal's topic uses must move from); the names
    /// revision moves on when the names changed (see
    /// [`Catalog::names_revision`]).
    ///
    /// A note whose name is a built-in alias turns that alias into its
    /// topic when it is the first to name it (and back when the last one
    /// goes): then every alias chain is settled again, linear in the number
    /// of aliases; an edit of such a note changes no alias.
    pub fn set_note(&mut self, note: &TopicNote<'_>) -> Moves {
        let old_key = self.withdraw_note(note.path);
        let name = topic_name(note.stem);
        let new_key = (!name.is_empty()).then(|| {
            let key = topic_key(&name);
            let description = note_description(note.text);
            let path = note.path.to_string();
            self.sources.note_keys.insert(path.clone(), key.clone());
            let of_key = self.sources.notes.entry(key.clone()).or_default();
            of_key.insert(path, NoteTopic { name, description });
            key
        });
        let mut before = Moves::new();
        let mut changed = false;
        if let Some(key) = &old_key {
            changed |= self.refresh_key(key, &mut before);
        }
        if let Some(key) = new_key.as_ref().filter(|k| old_key.as_ref() != Some(*k)) {
            changed |= self.refresh_key(key, &mut before);
        }
        self.names_revision += u64::from(changed);
        self.moved(before)
    }

    /// Takes the topic note at `path` out of the catalog (as
    /// [`Catalog::set_note`], with the same answer).
    pub fn remove_note(&mut self, path: &str) -> Moves {
        let Some(key) = self.withdraw_note(path) else {
            return Moves::new();
        };
        let mut before = Moves::new();
        let changed = self.refresh_key(&key, &mut before);
        self.names_revision += u64::from(changed);
        self.moved(before)
    }

    /// The remembered keys that resolve differently now.
    fn moved(&self, mut before: Moves) -> Moves {
        before.retain(|key, old| self.resolve_key(key) != old.as_str());
        before
    }

    /// Remembers how `key` and the aliases ending at it resolve (their
    /// resolution reads `key`'s topic), unless remembered already: the
    /// first resolution seen is the one before the change.
    fn remember(&self, key: &str, before: &mut Moves) {
        let ends = self.alias_ends.get(key).into_iter().flatten();
        for key in std::iter::once(key).chain(ends.map(String::as_str)) {
            if !before.contains_key(key) {
                before.insert(key.to_string(), self.resolve_key(key).to_string());
            }
        }
    }

    /// A number that changes whenever the catalog's names change (a topic
    /// appears, goes or is renamed, an alias moves): what other files'
    /// findings read. A description alone leaves it.
    pub fn names_revision(&self) -> u64 {
        self.names_revision
    }

    /// Carries the names revision over from the catalog this one replaces,
    /// moved on when the names differ.
    pub fn follow(&mut self, previous: &Catalog) {
        let same = self
            .topics()
            .map(|t| &t.name)
            .eq(previous.topics().map(|t| &t.name))
            && self.aliases().eq(previous.aliases());
        self.names_revision = previous.names_revision + u64::from(!same);
    }

    /// Removes a topic note's contribution from the sources; the key it named.
    fn withdraw_note(&mut self, path: &str) -> Option<String> {
        let key = self.sources.note_keys.remove(path)?;
        if let Some(of_key) = self.sources.notes.get_mut(&key) {
            of_key.remove(path);
            if of_key.is_empty() {
                self.sources.notes.remove(&key);
            }
        }
        Some(key)
    }

    /// Recomputes the topic of `key` from its sources, and the aliases when
    /// whether `key` is a built-in alias changed; true when the names
    /// changed. The resolutions it may change are remembered in `before`.
    fn refresh_key(&mut self, key: &str, before: &mut Moves) -> bool {
        self.remember(key, before);
        let name_before = self.topics.get(key).map(|t| t.name.clone());
        match self.topic_from_sources(key) {
            Some(mut info) => {
                info.aliases = self.alias_list(key);
                self.topics.insert(key.to_string(), info);
            }
            None => {
                self.topics.remove(key);
            }
        }
        let mut changed = name_before.as_deref() != self.topics.get(key).map(|t| t.name.as_str());
        if self.refresh_raw_alias(key) {
            // Every alias may settle elsewhere. Only `key`'s topic changed
            // above, and its aliases are remembered already, so the others
            // still resolve as before the change.
            let keys = self.aliases.keys().chain(self.sources.raw_aliases.keys());
            for alias in keys {
                if !before.contains_key(alias) {
                    before.insert(alias.clone(), self.resolve_key(alias).to_string());
                }
            }
            let pairs_before: Vec<(String, String)> = self.alias_pairs();
            self.aliases = self.sources.raw_aliases.clone();
            self.alias_names = self.sources.raw_alias_names.clone();
            self.target_names = self.sources.raw_target_names.clone();
            self.settle_aliases();
            changed |= pairs_before != self.alias_pairs();
        }
        changed
    }

    fn alias_pairs(&self) -> Vec<(String, String)> {
        self.aliases()
            .map(|(alias, topic)| (alias.to_string(), topic.to_string()))
            .collect()
    }

    /// The topic of `key` as a build makes it: the built-in, the topic
    /// notes in path order, then the config's custom topics; the first
    /// gives the name, the last non-empty description wins, the last
    /// source is the origin. None when no source names it or the config
    /// makes the key an alias.
    fn topic_from_sources(&self, key: &str) -> Option<TopicInfo> {
        if self.sources.config_aliases.contains(key) {
            return None;
        }
        let builtin = self
            .sources
            .builtin
            .then(|| builtin_names().get(key))
            .flatten()
            .and_then(|name| match name {
                BuiltinName::Topic(topic) => {
                    Some((topic.name, topic.description, SourceOf::Builtin))
                }
                BuiltinName::Alias { .. } => None,
            });
        let notes = self
            .sources
            .notes
            .get(key)
            .into_iter()
            .flatten()
            .map(|(path, note)| {
                (
                    note.name.as_str(),
                    note.description.as_str(),
                    SourceOf::Note(path),
                )
            });
        let custom = self
            .sources
            .custom
            .get(key)
            .into_iter()
            .flatten()
            .map(|(name, description)| (name.as_str(), description.as_str(), SourceOf::Config));
        let mut sources = builtin.into_iter().chain(notes).chain(custom);
        let (name, mut description, mut origin) = sources.next()?;
        for (_, later, source) in sources {
            if !later.is_empty() {
                description = later;
            }
            origin = source;
        }
        Some(TopicInfo {
            name: name.to_string(),
            description: description.to_string(),
            aliases: Vec::new(),
            origin: match origin {
                SourceOf::Builtin => TopicOrigin::Builtin,
                SourceOf::Note(path) => TopicOrigin::Note {
                    path: path.to_string(),
                },
                SourceOf::Config => TopicOrigin::Config,
            },
        })
    }

    /// Makes `key`'s entry among the aliases before settling what a build
    /// gives it; true when that changed. Only a built-in alias can come
    /// and go with the topic notes: the config's aliases hold their keys
    /// whatever names them, and a custom topic always takes its key.
    fn refresh_raw_alias(&mut self, key: &str) -> bool {
        let sources = &mut self.sources;
        if sources.config_aliases.contains(key) {
            return false;
        }
        let named = sources.notes.contains_key(key) || sources.custom.contains_key(key);
        let builtin_alias = match builtin_names().get(key) {
            Some(BuiltinName::Alias { name, of }) if sources.builtin && !named => {
                Some((*name, *of))
            }
            _ => None,
        };
        match builtin_alias {
            Some(_) if sources.raw_aliases.contains_key(key) => false,
            Some((name, of)) => {
                sources
                    .raw_aliases
                    .insert(key.to_string(), topic_key(of.name));
                sources
                    .raw_alias_names
                    .insert(key.to_string(), name.to_string());
                true
            }
            None => {
                sources.raw_alias_names.remove(key);
                sources.raw_aliases.remove(key).is_some()
            }
        }
    }

    /// The names of the aliases ending at `key`, in key order.
    fn alias_list(&self, key: &str) -> Vec<String> {
        self.alias_ends
            .get(key)
            .into_iter()
            .flatten()
            .map(|alias| self.alias_names.get(alias).unwrap_or(alias).clone())
            .collect()
    }
}
