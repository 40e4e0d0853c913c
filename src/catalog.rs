//! The topic catalog: built-in topics, topic notes, `[topics]` in config, and
//! aliases that resolve to their topic everywhere.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::config::Config;
use crate::topic::{as_tag, last_segment, topic_key, topic_key_cow};

mod builtin;
mod description;
mod incremental;
#[cfg(test)]
mod tests;

pub use builtin::BUILTIN;
pub use description::note_description;
pub use incremental::Moves;

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
    /// The name the topic is shown under: as its source writes it, white
    /// space made `-` (`Chaos Engineering` -> `Chaos-Engineering`).
    pub name: String,
    pub description: String,
    /// The names of the aliases that resolve to this topic.
    pub aliases: Vec<String>,
    pub origin: TopicOrigin,
}

/// A topic note found in the topics folder.
#[derive(Clone, Debug)]
pub struct TopicNote<'a> {
    pub path: &'a str,
    /// The topic the note names (see [`topic_note_name`]).
    pub stem: &'a str,
    /// The note's full text (its first paragraph becomes the description).
    pub text: &'a str,
}

/// Every catalogued topic and alias of one journal, looked up by topic key
/// (see [`topic_key`]), so that every spelling of a name finds it.
///
/// Built whole from the config and the topic notes ([`Catalog::build`]);
/// a topic note that changes afterwards is withdrawn and added again
/// ([`Catalog::set_note`], [`Catalog::remove_note`]), which recomputes
/// only the topic of that note's name from the sources that name it: the
/// catalog keeps each source's contribution by key for that.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// Topic key -> the topic.
    topics: BTreeMap<String, TopicInfo>,
    /// Alias key -> the key of the name it stands for (chains followed).
    aliases: BTreeMap<String, String>,
    /// Alias key -> the alias's name, as shown.
    alias_names: BTreeMap<String, String>,
    /// Key -> name of an alias target as the config writes it, or of an
    /// alias of a cycle; read only for keys that are no catalog topic.
    target_names: BTreeMap<String, String>,
    /// Key an alias ends at -> the aliases ending there, in key order
    /// (a topic's alias list, also for a name that becomes a topic later).
    alias_ends: HashMap<String, Vec<String>>,
    sources: Sources,
    /// Counts the changes of the catalog's names (its topics' names and
    /// its aliases): what decides how every topic mention resolves.
    names_revision: u64,
}

/// What each source contributes, by key: what a topic is recomputed from
/// when one topic note changes.
#[derive(Clone, Debug, Default)]
struct Sources {
    /// The built-in topics are in (`[topics] builtin`).
    builtin: bool,
    /// Topic key -> the topic notes naming it, by path (the order of a build).
    notes: HashMap<String, BTreeMap<String, NoteTopic>>,
    /// Topic note path -> the key it names.
    note_keys: HashMap<String, String>,
    /// Topic key -> the config's custom topics of that key, in config order.
    custom: HashMap<String, Vec<(String, String)>>,
    /// Keys the config makes aliases (no topic of such a key survives).
    config_aliases: HashSet<String>,
    /// The aliases, their names and the config's target names before the
    /// chains are followed: what a change of which names are aliases
    /// settles again.
    raw_aliases: BTreeMap<String, String>,
    raw_alias_names: BTreeMap<String, String>,
    raw_target_names: BTreeMap<String, String>,
}

/// What one topic note says about its topic.
#[derive(Clone, Debug)]
struct NoteTopic {
    name: String,
    description: String,
}

#[cfg(test)]
thread_local! {
    /// How many whole catalogs this thread built (tests check that a topic
    /// note's edit builds none).
    pub(crate) static FULL_BUILDS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl Catalog {
    /// Builds the catalog from the built-ins (unless switched off), topic
    /// notes and the config's `[topics]`; later sources refine earlier ones.
    ///
    /// A topic note or custom topic whose name is a built-in alias takes that
    /// name over (the user's own topic wins over a shipped alias); a config
    /// alias wins over everything, even a topic of the same name. Aliases of
    /// aliases are followed to the topic they end at. A topic keeps the
    /// name its first source gives it (`topics/LoadBalancing.md` describes
    /// the built-in `load-balancing`).
    ///
    /// The topic notes are taken in path order, the order incremental
    /// updates keep.
    pub fn build(config: &Config, notes: &[TopicNote<'_>]) -> Catalog {
        #[cfg(test)]
        FULL_BUILDS.with(|builds| builds.set(builds.get() + 1));
        let mut catalog = Catalog::default();
        catalog.sources.builtin = config.builtin_topics;
        if config.builtin_topics {
            for topic in BUILTIN {
                let key = topic_key(topic.name);
                for alias in topic.aliases {
                    catalog.add_alias(alias, key.clone());
                }
                catalog.topics.insert(
                    key,
                    TopicInfo {
                        name: topic.name.to_string(),
                        description: topic.description.to_string(),
                        aliases: Vec::new(),
                        origin: TopicOrigin::Builtin,
                    },
                );
            }
        }
        let mut notes: Vec<&TopicNote<'_>> = notes.iter().collect();
        notes.sort_by(|a, b| a.path.cmp(b.path));
        for note in notes {
            let name = topic_name(note.stem);
            if name.is_empty() {
                continue;
            }
            let description = note_description(note.text);
            let key = topic_key(&name);
            let path = note.path.to_string();
            catalog.sources.note_keys.insert(path.clone(), key.clone());
            let of_key = catalog.sources.notes.entry(key).or_default();
            of_key.insert(
                path.clone(),
                NoteTopic {
                    name: name.clone(),
                    description: description.clone(),
                },
            );
            catalog.add_topic(name, description, TopicOrigin::Note { path });
        }
        for (name, description) in &config.custom_topics {
            let name = topic_name(name);
            if name.is_empty() {
                continue;
            }
            let description = description.trim().to_string();
            let of_key = catalog.sources.custom.entry(topic_key(&name)).or_default();
            of_key.push((name.clone(), description.clone()));
            catalog.add_topic(name, description, TopicOrigin::Config);
        }
        for (alias, target) in &config.aliases {
            let alias = topic_name(alias);
            let target_name = topic_name(target);
            let target = topic_key(&target_name);
            if alias.is_empty() || target.is_empty() || topic_key(&alias) == target {
                continue;
            }
            catalog.topics.remove(&topic_key(&alias));
            catalog.sources.config_aliases.insert(topic_key(&alias));
            catalog.add_alias(&alias, target.clone());
            catalog.target_names.entry(target).or_insert(target_name);
        }
        catalog.sources.raw_aliases = catalog.aliases.clone();
        catalog.sources.raw_alias_names = catalog.alias_names.clone();
        catalog.sources.raw_target_names = catalog.target_names.clone();
        catalog.settle_aliases();
        catalog
    }

    fn add_alias(&mut self, name: &str, target: String) {
        let key = topic_key(name);
        self.alias_names.insert(key.clone(), name.to_string());
        self.aliases.insert(key, target);
    }

    /// Adds a topic, or refines the one of that key: a non-empty description
    /// replaces the earlier one and the origin becomes the later source.
    fn add_topic(&mut self, name: String, description: String, origin: TopicOrigin) {
        let key = topic_key(&name);
        self.aliases.remove(&key);
        self.alias_names.remove(&key);
        match self.topics.get_mut(&key) {
            Some(info) => {
                if !description.is_empty() {
                    info.description = description;
                }
                info.origin = origin;
            }
            None => {
                self.topics.insert(
                    key,
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
        let cycle: Vec<String> = in_cycle.iter().map(|k| k.to_string()).collect();
        for key in cycle {
            // No alias any more: a name of its own, still shown as written.
            if let Some(name) = self.alias_names.remove(&key) {
                self.target_names.insert(key, name);
            }
        }
        self.aliases = settled;
        self.alias_ends.clear();
        for (alias, end) in &self.aliases {
            self.alias_ends
                .entry(end.clone())
                .or_default()
                .push(alias.clone());
        }
        let (ends, names) = (&self.alias_ends, &self.alias_names);
        for (key, info) in &mut self.topics {
            info.aliases = ends
                .get(key)
                .into_iter()
                .flatten()
                .map(|alias| names.get(alias).unwrap_or(alias).clone())
                .collect();
        }
    }

    /// The topic a name stands for (any spelling: it is looked up by its
    /// key): the catalog name of its topic (through an alias, or by itself),
    /// else its key. A nested name is a topic of its own (`backend/caching`
    /// is not `caching`), unless the whole name is an alias.
    pub fn resolve<'a>(&'a self, name: &'a str) -> Cow<'a, str> {
        let key = topic_key_cow(name);
        let target = match self.aliases.get(key.as_ref()) {
            Some(target) => target.as_str(),
            None => match self.topics.get(key.as_ref()) {
                Some(info) => return Cow::Borrowed(info.name.as_str()),
                None => return key,
            },
        };
        match self.topics.get(target) {
            Some(info) => Cow::Borrowed(info.name.as_str()),
            None => Cow::Borrowed(target),
        }
    }

    /// [`Catalog::resolve`] of a name that is a topic key already (the
    /// parsed model keeps every mention's key), without keying it again.
    pub fn resolve_key<'a>(&'a self, key: &'a str) -> &'a str {
        let target = match self.aliases.get(key) {
            Some(target) => target.as_str(),
            None => match self.topics.get(key) {
                Some(info) => return info.name.as_str(),
                None => return key,
            },
        };
        self.topics
            .get(target)
            .map_or(target, |info| info.name.as_str())
    }

    /// True when a name (any spelling) is a catalog topic or an alias,
    /// directly or, for a nested name, by its last segment (which gives
    /// `#backend/caching` the description of `caching`).
    pub fn knows(&self, name: &str) -> bool {
        self.describe(name).is_some()
            || self.is_alias_key(&topic_key_cow(name))
            || self.is_alias_key(last_segment(&topic_key_cow(name)))
    }

    fn is_alias_key(&self, key: &str) -> bool {
        self.aliases.contains_key(key)
    }

    /// The catalog topic describing a name: its own, or for a nested name
    /// not catalogued whole, its last segment's.
    pub fn describe(&self, name: &str) -> Option<&TopicInfo> {
        let key = topic_key_cow(name);
        self.get(&self.resolve(&key))
            .or_else(|| self.get(&self.resolve(last_segment(&key))))
    }

    /// The catalog topic of a name (any spelling).
    pub fn get(&self, name: &str) -> Option<&TopicInfo> {
        self.topics.get(topic_key_cow(name).as_ref())
    }

    /// True when a name (any spelling) is a catalog topic (not an alias).
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    pub fn topics(&self) -> impl Iterator<Item = &TopicInfo> {
        self.topics.values()
    }

    /// Every alias's name with the topic it resolves to (as [`Catalog::resolve`]).
    pub fn aliases(&self) -> impl Iterator<Item = (&str, &str)> {
        self.aliases.iter().map(|(key, target)| {
            let name = self.alias_names.get(key).unwrap_or(key);
            let topic = self.topics.get(target).map_or(target.as_str(), |t| &t.name);
            (name.as_str(), topic)
        })
    }

    /// How a name of this catalog is spelt: a topic's name, an alias's name,
    /// or the name a config alias gives its target; `None` for a key the
    /// catalog does not name.
    pub fn spelling(&self, key: &str) -> Option<&str> {
        if let Some(info) = self.topics.get(key) {
            return Some(&info.name);
        }
        self.alias_names
            .get(key)
            .or_else(|| self.target_names.get(key))
            .map(String::as_str)
    }
}

/// A topic name from a note's stem or from config, as a tag writes it (see
/// [`as_tag`]).
fn topic_name(written: &str) -> String {
    as_tag(written)
}

/// The topic a topic note names: its stem, or in a Logseq journal the page
/// name the stem encodes (`Rust___Ownership.md` is the page, and topic,
/// `Rust/Ownership`, as `#[[Rust/Ownership]]` and `#Rust/Ownership` are).
pub fn topic_note_name<'p>(config: &Config, path: &'p str) -> Option<Cow<'p, str>> {
    let stem = topic_note_stem(config, path)?;
    if config.effective_link_style() == crate::config::LinkStyle::Logseq {
        if let Some(page) = crate::journal::logseq_page_name(stem) {
            return Some(Cow::Owned(page));
        }
    }
    Some(Cow::Borrowed(stem))
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
