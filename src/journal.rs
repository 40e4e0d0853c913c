//! One journal in memory: its config and the parsed summary of every file.
//! Journal-wide facts (catalog, timeline, minutes per day, topic uses, note
//! names for links) are derived from the per-file summaries, never by
//! re-reading files, and are kept up to date incrementally: replacing one file
//! withdraws that file's contributions and adds the new ones, so an edit costs
//! the size of the edited file, not of the journal.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use compact_str::CompactString;
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;

use crate::catalog::{Catalog, Moves, TopicNote, topic_note_name, topic_note_stem};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::parse::{DateOrder, ParseOptions, parse_file};
use crate::required::{FieldCounts, FieldRule, field_mask, field_rules};
use crate::syntax::{Entry, JournalFile, TopicSource};
use crate::text::Span;
use crate::topic::{ancestors, kebab, kebab_cow, topic_key_cow, trim_segments};

mod links;

pub(crate) use links::{join_relative, logseq_page_name};

pub use links::{heading_slug, heading_slugs, link_keys, note_keys, obsidian_heading_key};

/// One entry of the journal: the file holding it and its index in
/// `JournalFile::entries`. Valid until that file is replaced.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryRef {
    pub path: Arc<str>,
    pub index: usize,
}

/// Where a link leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkTarget {
    pub path: String,
    /// The heading line (or entry anchor) the link names; empty at 0 for a whole note.
    pub span: Span,
}

/// The outcome of resolving a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkResolution {
    Resolved(LinkTarget),
    /// No note (and, for a date, no entry) matches the link.
    MissingNote,
    /// The note exists but has no heading with the linked text.
    MissingHeading {
        path: String,
    },
    /// Not a link to a note (an attachment such as `[[diagram.png]]`): not checked.
    NotANote,
    /// No note has the name, in a style where linking a note before it is
    /// written is normal (Obsidian, Logseq, Dendron): `unresolved-link`.
    Unwritten,
}

/// How a topic mention should be written (see [`Journal::topic_spelling`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spelling {
    pub form: String,
    /// The catalog names it so (else it is the journal's most written form).
    pub catalog: bool,
}

/// Entries and their minutes on one date (of the whole journal, or of one topic).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayTotal {
    pub entries: u32,
    /// Minutes of the entries' valid `time` fields.
    pub minutes: u32,
}

/// How one topic was practised: per date and in all (future dates included).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TopicPractice {
    /// Date -> the entries using the topic that day; only dates with entries.
    pub days: BTreeMap<Date, DayTotal>,
    /// The sum of `days`.
    pub total: DayTotal,
}

impl TopicPractice {
    /// The entries and minutes up to and including `date` (later ones are
    /// usually few: only future entries are left out).
    pub fn until(&self, date: Date) -> DayTotal {
        let mut total = self.total;
        if let Ok(next) = date.tomorrow() {
            for day in self.days.range(next..).map(|(_, d)| d) {
                total.entries = total.entries.saturating_sub(day.entries);
                total.minutes = total.minutes.saturating_sub(day.minutes);
            }
        }
        total
    }

    fn add(&mut self, date: Date, minutes: u32) {
        for total in [self.days.entry(date).or_default(), &mut self.total] {
            total.entries += 1;
            total.minutes = total.minutes.saturating_add(minutes);
        }
    }

    fn remove(&mut self, date: Date, minutes: u32) {
        if let Some(day) = self.days.get_mut(&date) {
            day.entries = day.entries.saturating_sub(1);
            day.minutes = day.minutes.saturating_sub(minutes);
            if day.entries == 0 {
                self.days.remove(&date);
            }
        }
        self.total.entries = self.total.entries.saturating_sub(1);
        self.total.minutes = self.total.minutes.saturating_sub(minutes);
    }
}

/// Facts derived from every file's summary, maintained incrementally.
#[derive(Clone, Debug, Default)]
struct Facts {
    catalog: Catalog,
    /// Date -> every entry with that date, sorted by path then index.
    timeline: BTreeMap<Date, Vec<EntryRef>>,
    /// Date -> minutes of the valid `time` fields of that date's entries.
    day_minutes: BTreeMap<Date, u32>,
    /// Resolved topic -> the entries using it (each entry once), sorted.
    topic_uses: BTreeMap<String, Vec<EntryRef>>,
    /// Resolved topic -> its entries and minutes per date (kept with `topic_uses`).
    topic_practice: BTreeMap<String, TopicPractice>,
    /// Topic key -> how often the journal's entries write each form of it
    /// (a tag as written, a plain name in kebab-case; a nested tag's
    /// leading segments count for its parents): what a topic outside the
    /// catalog is shown as.
    topic_forms: HashMap<String, HashMap<CompactString, u32>>,
    /// The topic notes: markdown files below the topics folder.
    topic_notes: BTreeSet<Arc<str>>,
    /// Lower-case file stem -> paths of the notes with that stem (wiki link lookup).
    notes_by_stem: HashMap<String, Vec<Arc<str>>>,
    /// Lower-case frontmatter alias -> the notes naming themselves so (Obsidian).
    note_aliases: links::NameMap,
    /// Lower-case Logseq page name encoded by a file stem (`a/b` for
    /// `A___B.md`) -> those notes; only names that differ from the stem.
    page_names: links::NameMap,
    /// How many entries have each known field (the journal's habit).
    field_counts: FieldCounts,
}

/// A journal: config plus parsed files, keyed by workspace-relative path.
#[derive(Clone, Debug)]
pub struct Journal {
    config: Config,
    /// The parser settings the files are parsed with, from `config` and,
    /// for an unset `date-order`, the order inferred from the files.
    parse_options: ParseOptions,
    /// Files with numeric day/month dates in their headings, and those with
    /// one that can only be day-first (`13/01/2018`).
    numeric_files: usize,
    day_first_files: usize,
    /// `config-error` diagnostics of `studylog.toml`.
    config_problems: Vec<Diagnostic>,
    files: BTreeMap<String, Arc<JournalFile>>,
    facts: Facts,
    /// Path -> the shortest wiki name of the note, computed on first use and
    /// dropped when a path appears or goes (names depend on paths alone, so
    /// an edit of a file's text keeps them).
    note_names: OnceLock<BTreeMap<Arc<str>, String>>,
}

impl Default for Journal {
    fn default() -> Self {
        Journal::new(Config::default(), Vec::new())
    }
}

impl Journal {
    pub fn new(config: Config, config_problems: Vec<Diagnostic>) -> Self {
        let mut ws = Journal {
            parse_options: ParseOptions::from_config(&config),
            numeric_files: 0,
            day_first_files: 0,
            config,
            config_problems,
            files: BTreeMap::new(),
            facts: Facts::default(),
            note_names: OnceLock::new(),
        };
        ws.rebuild_facts();
        ws
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn config_problems(&self) -> &[Diagnostic] {
        &self.config_problems
    }

    /// The settings every file of this journal is parsed with.
    pub fn parse_options(&self) -> &ParseOptions {
        &self.parse_options
    }

    /// The order numeric dates (`01/12/2018`) are read in, and whether it was
    /// inferred (no `date-order` in the config): day-first when some such
    /// date in any file has a first part over 12, else month-first.
    pub fn date_order(&self) -> (DateOrder, bool) {
        (
            self.parse_options.date_order,
            self.config.date_order.is_none(),
        )
    }

    /// How many files have numeric day/month dates in their headings.
    pub fn numeric_date_files(&self) -> usize {
        self.numeric_files
    }

    /// The date order the config sets, or the one the files imply.
    fn wanted_date_order(&self) -> DateOrder {
        self.config
            .date_order
            .unwrap_or(if self.day_first_files > 0 {
                DateOrder::DayFirst
            } else {
                DateOrder::MonthFirst
            })
    }

    /// Counts (or with `add` false, uncounts) a file's numeric dates.
    fn count_numeric(&mut self, file: &JournalFile, add: bool) {
        let counts = [
            (&mut self.numeric_files, file.numeric_dates.count > 0),
            (&mut self.day_first_files, file.numeric_dates.day_first > 0),
        ];
        for (counter, has) in counts {
            if has {
                *counter = if add {
                    *counter + 1
                } else {
                    counter.saturating_sub(1)
                };
            }
        }
    }

    /// When the journal's inferred date order changed, parses again the
    /// files holding numeric dates (the only ones it changes) and rebuilds
    /// the facts. Returns whether it did. The counts do not move: a file's
    /// numeric dates are counted whatever the order.
    fn settle_date_order(&mut self) -> bool {
        let order = self.wanted_date_order();
        if order == self.parse_options.date_order {
            return false;
        }
        self.parse_options.date_order = order;
        for file in self.files.values_mut() {
            if file.numeric_dates.count > 0 {
                *file = Arc::new(parse_file(
                    &file.path,
                    file.text.clone(),
                    &self.parse_options,
                ));
            }
        }
        self.rebuild_facts();
        true
    }

    pub fn set_config(&mut self, config: Config, problems: Vec<Diagnostic>) {
        let mut options = ParseOptions::from_config(&config);
        if config.date_order.is_none() {
            options.date_order = if self.day_first_files > 0 {
                DateOrder::DayFirst
            } else {
                DateOrder::MonthFirst
            };
        }
        self.config = config;
        self.config_problems = problems;
        // Completion names follow the link style.
        self.note_names = OnceLock::new();
        if options != self.parse_options {
            // The same text now parses differently: every file is parsed
            // again from the text it holds.
            self.parse_options = options;
            for file in self.files.values_mut() {
                *file = Arc::new(parse_file(
                    &file.path,
                    file.text.clone(),
                    &self.parse_options,
                ));
            }
            self.note_names = OnceLock::new();
        }
        // The topics folder, `[topics]` and `min-uses` may all have changed: a
        // config change is rare enough to recount everything.
        self.rebuild_facts();
    }

    /// Parses `text` as the file at `path` and stores it, replacing any previous version.
    pub fn set_file(&mut self, path: &str, text: Arc<str>) -> Arc<JournalFile> {
        let file = Arc::new(parse_file(path, text, &self.parse_options));
        self.store(file.clone());
        // Storing it may have changed the journal's date order, and with it
        // this file's parse.
        self.files.get(path).cloned().unwrap_or(file)
    }

    /// Stores an already parsed file (e.g. parsed in parallel by the scanner).
    pub fn insert_parsed(&mut self, file: JournalFile) {
        self.store(Arc::new(file));
    }

    /// Stores many already parsed files at once (the scanner's initial load),
    /// replacing any previous versions. The derived facts are rebuilt once at
    /// the end: file by file, every topic note would rebuild the catalog.
    pub fn insert_parsed_many(&mut self, files: impl IntoIterator<Item = Arc<JournalFile>>) {
        for file in files {
            self.files.insert(file.path.clone(), file);
        }
        self.note_names = OnceLock::new();
        self.numeric_files = 0;
        self.day_first_files = 0;
        let counts: Vec<_> = self.files.values().map(|f| f.numeric_dates).collect();
        for numeric in counts {
            self.numeric_files += usize::from(numeric.count > 0);
            self.day_first_files += usize::from(numeric.day_first > 0);
        }
        if !self.settle_date_order() {
            self.rebuild_facts();
        }
    }

    pub fn remove_file(&mut self, path: &str) -> Option<Arc<JournalFile>> {
        let old = self.files.remove(path)?;
        self.count_numeric(&old, false);
        self.unindex(&old);
        self.note_names = OnceLock::new();
        if self.facts.topic_notes.remove(path) {
            let moves = self.facts.catalog.remove_note(path);
            self.move_topic_uses(&moves);
        }
        self.settle_date_order();
        Some(old)
    }

    pub fn file(&self, path: &str) -> Option<&Arc<JournalFile>> {
        self.files.get(path)
    }

    /// Every file, sorted by path.
    /// The files at and after `from`, in path order (a cursor over the
    /// journal, for work done in slices).
    pub fn files_from(&self, from: &str) -> impl Iterator<Item = &Arc<JournalFile>> {
        use std::ops::Bound;
        self.files
            .range::<str, _>((Bound::Included(from), Bound::Unbounded))
            .map(|(_, f)| f)
    }

    pub fn files(&self) -> impl Iterator<Item = &Arc<JournalFile>> {
        self.files.values()
    }

    /// The topic catalog of this journal (built-ins, topic notes, config).
    pub fn catalog(&self) -> &Catalog {
        &self.facts.catalog
    }

    /// Every diagnostic of the journal (config included), severity overrides
    /// applied and `off` checks removed, sorted by path then position.
    pub fn diagnostics(&self, today: Date) -> Vec<Diagnostic> {
        crate::checks::check_workspace(self, today)
    }

    // ----- entries and the timeline -----

    /// The entry an [`EntryRef`] points at.
    pub fn entry(&self, entry: &EntryRef) -> Option<(&Arc<JournalFile>, &Entry)> {
        let file = self.files.get(&*entry.path)?;
        let e = file.entries.get(entry.index)?;
        Some((file, e))
    }

    /// Every dated entry of the journal by date (future ones included).
    pub fn timeline(&self) -> &BTreeMap<Date, Vec<EntryRef>> {
        &self.facts.timeline
    }

    /// The entries dated `date`, sorted by path then position.
    pub fn entries_on(&self, date: Date) -> &[EntryRef] {
        self.facts.timeline.get(&date).map_or(&[], Vec::as_slice)
    }

    /// Minutes logged on `date` across the journal (valid `time` values only).
    pub fn minutes_on(&self, date: Date) -> u32 {
        self.facts.day_minutes.get(&date).copied().unwrap_or(0)
    }

    /// Minutes per date, for every date with an entry.
    pub fn day_minutes(&self) -> &BTreeMap<Date, u32> {
        &self.facts.day_minutes
    }

    // ----- required fields -----

    /// How many entries the journal has, and how many have each known field.
    pub fn field_counts(&self) -> &FieldCounts {
        &self.facts.field_counts
    }

    /// Which fields entries must have here, and why; also the default fields
    /// left out because the journal rarely records them (`required: false`).
    pub fn field_rules(&self) -> Vec<FieldRule> {
        field_rules(&self.config, &self.facts.field_counts)
    }

    /// Where a finding about the journal as a whole sits: `studylog.toml`
    /// when there is one, else the anchor of the first entry (by date, then
    /// path and position); `None` for a journal without either.
    pub fn journal_anchor(&self) -> Option<(String, Span)> {
        if self.config.has_file {
            return Some((crate::config::CONFIG_FILE.to_string(), Span::empty(0)));
        }
        let first = self.facts.timeline.values().next()?.first()?;
        let (file, entry) = self.entry(first)?;
        Some((file.path.clone(), entry.anchor))
    }

    // ----- topics -----

    /// The topic a name (any spelling) stands for: its catalog name (an
    /// alias's topic's), else its topic key. This is the topic's identity in
    /// the workspace's facts; [`Journal::shown_topic`] is how it is shown.
    pub fn resolve_topic(&self, name: &str) -> String {
        resolve_with(&self.facts.catalog, name)
    }

    /// How a topic (a resolved name) is shown: its catalog name, else the
    /// form the journal's entries write most often, ties going to the
    /// kebab-case form (the one keeping the most word breaks, then the
    /// first in byte order); the topic itself when nothing names it.
    pub fn shown_topic(&self, topic: &str) -> String {
        self.shown_form(topic).unwrap_or_else(|| topic.to_string())
    }

    /// [`Journal::shown_topic`], or `None` for a topic no entry writes and
    /// the catalog does not name.
    pub fn shown_form(&self, topic: &str) -> Option<String> {
        let key = topic_key_cow(topic);
        if let Some(info) = self.facts.catalog.get(&key) {
            return Some(info.name.clone());
        }
        self.most_written(&key)
            .or_else(|| self.facts.catalog.spelling(&key).map(str::to_string))
    }

    /// The form of a topic key the journal writes most (see [`Journal::shown_topic`]).
    fn most_written(&self, key: &str) -> Option<String> {
        let forms = self.facts.topic_forms.get(key)?;
        let most = forms.values().copied().max()?;
        let tied: Vec<&str> = forms
            .iter()
            .filter(|(_, n)| **n == most)
            .map(|(f, _)| f.as_str())
            .collect();
        if let [only] = tied.as_slice() {
            return Some((*only).to_string());
        }
        tied.into_iter().map(kebab).min_by(|a, b| {
            let breaks = |s: &str| s.matches('-').count();
            breaks(b).cmp(&breaks(a)).then_with(|| a.cmp(b))
        })
    }

    /// How a mention with topic key `key` should be written: the catalog's
    /// spelling of the name (a topic's or an alias's), else the topic's
    /// shown form. `None` when the key names no topic.
    pub fn topic_spelling(&self, key: &str) -> Option<Spelling> {
        if key.is_empty() {
            return None;
        }
        let catalog = &self.facts.catalog;
        if let Some(name) = catalog.spelling(key) {
            if catalog.get(key).is_some() || catalog.resolve(key) != key {
                return Some(Spelling {
                    form: name.to_string(),
                    catalog: true,
                });
            }
        }
        let form = self.shown_form(&self.resolve_topic(key))?;
        Some(Spelling {
            form,
            catalog: false,
        })
    }

    /// The entries using `topic` (a resolved name), each once, sorted.
    pub fn topic_uses(&self, topic: &str) -> &[EntryRef] {
        self.facts.topic_uses.get(topic).map_or(&[], Vec::as_slice)
    }

    /// How `topic` (a resolved name) was practised, if any entry uses it.
    pub fn topic_practice(&self, topic: &str) -> Option<&TopicPractice> {
        self.facts.topic_practice.get(topic)
    }

    /// Every topic used in at least one entry, with how it was practised.
    pub fn topics_practised(&self) -> impl Iterator<Item = (&str, &TopicPractice)> {
        self.facts
            .topic_practice
            .iter()
            .map(|(t, p)| (t.as_str(), p))
    }

    /// Every topic used in at least one entry, with its entries.
    pub fn topics_in_use(&self) -> impl Iterator<Item = (&str, &[EntryRef])> {
        self.facts
            .topic_uses
            .iter()
            .map(|(t, uses)| (t.as_str(), uses.as_slice()))
    }

    /// True when a name (any spelling) is a known topic: one the catalog
    /// knows (directly, by alias, or a nested name by its last segment) or
    /// used in at least `min-uses` entries.
    pub fn is_known_topic(&self, name: &str) -> bool {
        // Resolved without allocating for a key: this runs for every mention.
        let catalog = &self.facts.catalog;
        catalog.knows(name) || self.is_known_by_use(&catalog.resolve(name))
    }

    /// True when a resolved topic is used in at least `min-uses` entries.
    pub fn is_known_by_use(&self, topic: &str) -> bool {
        self.topic_uses(topic).len() >= self.config.min_uses.max(1) as usize
    }

    /// Every known topic (catalog and by use), sorted, without aliases.
    pub fn known_topics(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .facts
            .catalog
            .topics()
            .map(|t| t.name.as_str())
            .collect();
        names.extend(
            self.facts
                .topic_uses
                .iter()
                .filter(|(t, uses)| {
                    uses.len() >= self.config.min_uses.max(1) as usize
                        && self
                            .facts
                            .catalog
                            .get(t)
                            .is_none_or(|info| info.name != **t)
                })
                .map(|(t, _)| t.as_str()),
        );
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The journal's shared copy of a file's path (its facts hold one for
    /// every file), so that another index of the files need not allocate
    /// its own: at 50,000 notes that is megabytes.
    pub fn shared_path(&self, path: &str) -> Option<Arc<str>> {
        let stem = self.files.get(path)?.stem().to_lowercase();
        let paths = self.facts.notes_by_stem.get(&stem)?;
        paths.iter().find(|p| &***p == path).cloned()
    }

    /// True when `path` is a topic note: a markdown file below the topics
    /// folder (its notes define topics).
    pub fn is_topic_note(&self, path: &str) -> bool {
        topic_note_stem(&self.config, path).is_some()
    }

    /// The paths of the topic notes, sorted.
    pub fn topic_notes(&self) -> impl Iterator<Item = &str> {
        self.facts.topic_notes.iter().map(|p| &**p)
    }

    // ----- links -----

    /// Every note (sorted by path) with the shortest name that a `[[link]]`
    /// resolves to it alone, as Obsidian offers it: its file stem when no
    /// other note shares it, else enough trailing folders to tell it apart.
    pub fn note_names(&self) -> &BTreeMap<Arc<str>, String> {
        self.note_names.get_or_init(|| {
            let mut names = BTreeMap::new();
            for group in self.facts.notes_by_stem.values() {
                for path in group {
                    names.insert(path.clone(), self.completion_name(path, group));
                }
            }
            names
        })
    }

    // ----- maintenance -----

    fn store(&mut self, file: Arc<JournalFile>) {
        let path = file.path.clone();
        self.count_numeric(&file, true);
        if let Some(old) = self.files.get(&path).cloned() {
            self.count_numeric(&old, false);
        }
        match self.files.remove(&file.path) {
            // Same entries, same refs: only the entries whose facts moved are
            // withdrawn and added again, so typing in one entry of a
            // 5,000-entry file touches one entry's facts, not 10,000.
            Some(old) if old.entries.len() == file.entries.len() => {
                self.facts.replace_entries(&old, &file);
                if !links::aliases_of(&old).eq(links::aliases_of(&file)) {
                    let path = file.path.as_str();
                    links::remove_names(
                        &mut self.facts.note_aliases,
                        links::aliases_of(&old),
                        path,
                    );
                    let path: Arc<str> = Arc::from(path);
                    links::add_names(
                        &mut self.facts.note_aliases,
                        links::aliases_of(&file),
                        &path,
                    );
                }
            }
            Some(old) => {
                self.unindex(&old);
                self.index(&file);
            }
            None => {
                self.note_names = OnceLock::new();
                self.index(&file);
            }
        }
        self.files.insert(path.clone(), file);
        if self.is_topic_note(&path) {
            self.facts.topic_notes.insert(Arc::from(path.as_str()));
            self.refresh_catalog_note(&path);
        }
        self.settle_date_order();
    }

    /// Puts a topic note's new version in the catalog (only that note's
    /// topic is recomputed), and moves the topic uses of the entries whose
    /// topics now resolve differently.
    fn refresh_catalog_note(&mut self, path: &str) {
        let moves = match self.files.get(path) {
            Some(file) => match topic_note_name(&self.config, &file.path) {
                Some(name) => self.facts.catalog.set_note(&TopicNote {
                    path: &file.path,
                    stem: &name,
                    text: &file.text,
                }),
                None => self.facts.catalog.remove_note(path),
            },
            None => self.facts.catalog.remove_note(path),
        };
        self.move_topic_uses(&moves);
    }

    /// Moves the uses and practice of every entry naming a key of `moves`
    /// (or a nested topic below one) from the topics the catalog resolved
    /// them to before its change to the ones it does now. Every topic an
    /// entry is counted under is the resolution of one of its keys or of a
    /// parent's, so the entries are found in the old topics' uses; an entry
    /// none of whose keys moved keeps its topics. The forms written do not
    /// depend on the catalog and stay.
    fn move_topic_uses(&mut self, moves: &Moves) {
        if moves.is_empty() {
            return;
        }
        let facts = &mut self.facts;
        let before = Resolution {
            catalog: &facts.catalog,
            before: Some(moves),
        };
        let mut affected: BTreeSet<EntryRef> = BTreeSet::new();
        for old in moves.values() {
            if let Some(uses) = facts.topic_uses.get(old) {
                affected.extend(uses.iter().cloned());
            }
        }
        let entry_of = |r: &EntryRef| {
            self.files
                .get(&*r.path)
                .and_then(|file| file.entries.get(r.index))
        };
        let mut withdrawn: BTreeMap<String, BTreeSet<&EntryRef>> = BTreeMap::new();
        for r in &affected {
            let Some(entry) = entry_of(r) else { continue };
            let topics = entry_topics(before, entry);
            withdraw_practice(&mut facts.topic_practice, &topics, entry);
            for topic in topics {
                withdrawn.entry(topic.into_owned()).or_default().insert(r);
            }
        }
        for (topic, refs) in withdrawn {
            if let Some(uses) = facts.topic_uses.get_mut(&topic) {
                uses.retain(|r| !refs.contains(r));
                if uses.is_empty() {
                    facts.topic_uses.remove(&topic);
                }
            }
        }
        for r in &affected {
            if let Some(entry) = entry_of(r) {
                facts.count_uses(r, entry);
            }
        }
    }

    fn build_catalog(&self) -> Catalog {
        let named: Vec<(&JournalFile, std::borrow::Cow<'_, str>)> = self
            .facts
            .topic_notes
            .iter()
            .filter_map(|path| {
                let f = self.files.get(&**path)?;
                Some((&**f, topic_note_name(&self.config, &f.path)?))
            })
            .collect();
        let notes: Vec<TopicNote<'_>> = named
            .iter()
            .map(|(f, name)| TopicNote {
                path: &f.path,
                stem: name,
                text: &f.text,
            })
            .collect();
        Catalog::build(&self.config, &notes)
    }

    fn rebuild_facts(&mut self) {
        let previous = std::mem::take(&mut self.facts.catalog);
        self.facts = Facts {
            topic_notes: self
                .files
                .keys()
                .filter(|p| self.is_topic_note(p))
                .map(|p| Arc::from(p.as_str()))
                .collect(),
            ..Facts::default()
        };
        let mut catalog = self.build_catalog();
        catalog.follow(&previous);
        self.facts.catalog = catalog;
        for file in self.files.values() {
            self.facts.index_file(file);
        }
    }

    fn index(&mut self, file: &JournalFile) {
        self.facts.index_file(file);
    }

    fn unindex(&mut self, file: &JournalFile) {
        let path = file.path.as_str();
        let facts = &mut self.facts;
        // Each topic's uses lose this file's refs in one pass, not one pass
        // per entry: a large single-file journal would be quadratic.
        let mut topics: BTreeSet<String> = BTreeSet::new();
        for entry in &file.entries {
            remove_path(&mut facts.timeline, &entry.date, path);
            if let Some(minutes) = facts.day_minutes.get_mut(&entry.date) {
                *minutes = minutes.saturating_sub(entry.minutes());
                if !facts.timeline.contains_key(&entry.date) {
                    facts.day_minutes.remove(&entry.date);
                }
            }
            topics.extend(facts.uncount_practice(entry));
            facts.field_counts.remove(entry);
        }
        for topic in &topics {
            remove_path(&mut facts.topic_uses, topic, path);
        }
        let stem = file.stem().to_lowercase();
        if let Some(paths) = facts.notes_by_stem.get_mut(&stem) {
            paths.retain(|p| &**p != path);
            if paths.is_empty() {
                facts.notes_by_stem.remove(&stem);
            }
        }
        links::remove_names(&mut facts.note_aliases, links::aliases_of(file), path);
        let page = links::logseq_page_name(file.stem());
        links::remove_names(&mut facts.page_names, page.as_deref().into_iter(), path);
    }
}

impl Facts {
    /// Adds one file's contributions to the facts.
    fn index_file(&mut self, file: &JournalFile) {
        let path: Arc<str> = Arc::from(file.path.as_str());
        for (index, entry) in file.entries.iter().enumerate() {
            let r = EntryRef {
                path: path.clone(),
                index,
            };
            insert_sorted(self.timeline.entry(entry.date).or_default(), r.clone());
            let minutes = self.day_minutes.entry(entry.date).or_default();
            *minutes = minutes.saturating_add(entry.minutes());
            self.count_topics(&r, entry);
            self.field_counts.add(entry);
        }
        links::add_names(&mut self.note_aliases, links::aliases_of(file), &path);
        let page = links::logseq_page_name(file.stem());
        links::add_names(&mut self.page_names, page.as_deref().into_iter(), &path);
        let stem = file.stem().to_lowercase();
        match self.notes_by_stem.get_mut(&stem) {
            Some(paths) => paths.push(path),
            None => {
                self.notes_by_stem.insert(stem, vec![path]);
            }
        }
    }

    /// Replaces `old`'s contributions with `new`'s, for two versions of one
    /// file with as many entries: the refs `(path, index)` stay valid, so an
    /// entry whose date, minutes and topics are unchanged is left alone.
    fn replace_entries(&mut self, old: &JournalFile, new: &JournalFile) {
        let mut path: Option<Arc<str>> = None;
        for (index, (before, after)) in old.entries.iter().zip(&new.entries).enumerate() {
            if same_facts(before, after) {
                continue;
            }
            let r = EntryRef {
                path: path
                    .get_or_insert_with(|| Arc::from(new.path.as_str()))
                    .clone(),
                index,
            };
            remove_ref(&mut self.timeline, &before.date, &r);
            if let Some(minutes) = self.day_minutes.get_mut(&before.date) {
                *minutes = minutes.saturating_sub(before.minutes());
                if !self.timeline.contains_key(&before.date) {
                    self.day_minutes.remove(&before.date);
                }
            }
            for topic in self.uncount_practice(before) {
                remove_ref(&mut self.topic_uses, &topic, &r);
            }
            insert_sorted(self.timeline.entry(after.date).or_default(), r.clone());
            let minutes = self.day_minutes.entry(after.date).or_default();
            *minutes = minutes.saturating_add(after.minutes());
            self.count_topics(&r, after);
            self.field_counts.remove(before);
            self.field_counts.add(after);
        }
    }

    /// Adds an entry's topics to the topic facts.
    fn count_topics(&mut self, r: &EntryRef, entry: &Entry) {
        self.count_forms(entry, true);
        self.count_uses(r, entry);
    }

    /// Adds an entry to the uses and practice of the topics it resolves to.
    fn count_uses(&mut self, r: &EntryRef, entry: &Entry) {
        let minutes = entry.minutes();
        let Facts {
            catalog,
            topic_uses,
            topic_practice,
            ..
        } = self;
        for topic in entry_topics(Resolution::now(catalog), entry) {
            // Most topics are known already: looked up before a key is copied.
            match topic_uses.get_mut(topic.as_ref()) {
                Some(uses) => insert_sorted(uses, r.clone()),
                None => {
                    topic_uses.insert(topic.to_string(), vec![r.clone()]);
                }
            }
            match topic_practice.get_mut(topic.as_ref()) {
                Some(practice) => practice.add(entry.date, minutes),
                None => topic_practice
                    .entry(topic.into_owned())
                    .or_default()
                    .add(entry.date, minutes),
            }
        }
    }

    /// Withdraws an entry from the per-topic practice (not from the uses);
    /// returns its topics.
    fn uncount_practice(&mut self, entry: &Entry) -> Vec<String> {
        self.count_forms(entry, false);
        let topics = entry_topics(Resolution::now(&self.catalog), entry);
        withdraw_practice(&mut self.topic_practice, &topics, entry);
        topics.into_iter().map(Cow::into_owned).collect()
    }
}

/// Withdraws an entry from the practice of its `topics`.
fn withdraw_practice(
    practice: &mut BTreeMap<String, TopicPractice>,
    topics: &[Cow<'_, str>],
    entry: &Entry,
) {
    let minutes = entry.minutes();
    for topic in topics {
        if let Some(days) = practice.get_mut(topic.as_ref()) {
            days.remove(entry.date, minutes);
            if days.total.entries == 0 {
                practice.remove(topic.as_ref());
            }
        }
    }
}

impl Facts {
    /// Counts (or with `add` false, uncounts) the forms an entry writes its
    /// topics in: each mention votes for its form under its key, and a
    /// nested one for its leading segments under its parents' keys.
    fn count_forms(&mut self, entry: &Entry, add: bool) {
        for topic in &entry.topics {
            if topic.key.is_empty() {
                continue;
            }
            // Most tags are counted as written, without a copy.
            let form = match topic.source {
                TopicSource::Tag => trim_segments(&topic.written),
                TopicSource::Field | TopicSource::Frontmatter => kebab_cow(&topic.written),
            };
            let key = topic.key.as_str();
            let votes =
                std::iter::once((key, form.as_ref())).chain(ancestors(key).zip(ancestors(&form)));
            for (key, form) in votes {
                if add {
                    let forms = match self.topic_forms.get_mut(key) {
                        Some(forms) => forms,
                        None => self.topic_forms.entry(key.to_string()).or_default(),
                    };
                    match forms.get_mut(form) {
                        Some(n) => *n += 1,
                        None => {
                            forms.insert(CompactString::from(form), 1);
                        }
                    }
                } else if let Some(forms) = self.topic_forms.get_mut(key) {
                    if let Some(n) = forms.get_mut(form) {
                        *n = n.saturating_sub(1);
                        if *n == 0 {
                            forms.remove(form);
                        }
                    }
                    if forms.is_empty() {
                        self.topic_forms.remove(key);
                    }
                }
            }
        }
    }
}

fn resolve_with(catalog: &Catalog, name: &str) -> String {
    catalog.resolve(name).into_owned()
}

/// The distinct resolved topics of an entry, in first-seen order: each
/// mention's topic, then the parents of a nested one (`emotion/happy`, then
/// `emotion`). Borrowed from the catalog or the entry where they can be.
fn entry_topics<'a>(resolution: Resolution<'a>, entry: &'a Entry) -> Vec<Cow<'a, str>> {
    let mut topics: Vec<Cow<'a, str>> = Vec::with_capacity(entry.topics.len());
    // Most entries name a handful of topics: a linear look is cheaper than
    // a set. An entry holding many (a hostile or generated one) gets a
    // set, so it stays linear.
    let mut seen: Option<std::collections::HashSet<String>> =
        (entry.topics.len() > FEW_TOPICS).then(std::collections::HashSet::new);
    let mut push = |name: Cow<'a, str>, topics: &mut Vec<Cow<'a, str>>| {
        if name.is_empty() {
            return;
        }
        let new = match seen.as_mut() {
            Some(seen) => !seen.contains(name.as_ref()) && seen.insert(name.to_string()),
            None => !topics.contains(&name),
        };
        if new {
            topics.push(name);
        }
    };
    // A key written twice resolves twice to one topic, which `push` drops:
    // cheaper than making the keys distinct first.
    for mention in &entry.topics {
        let topic = resolution.key(mention.key.as_str());
        push(Cow::Borrowed(topic), &mut topics);
        if topic.contains('/') {
            for parent in ancestors(topic) {
                push(resolution.name(parent), &mut topics);
            }
        }
    }
    topics
}

/// How topic keys resolve: as the catalog does now, or as it did before a
/// change that moved some keys (`before`: those keys and their old topics).
#[derive(Clone, Copy)]
struct Resolution<'a> {
    catalog: &'a Catalog,
    before: Option<&'a Moves>,
}

impl<'a> Resolution<'a> {
    fn now(catalog: &'a Catalog) -> Self {
        Resolution {
            catalog,
            before: None,
        }
    }

    /// The topic of a key.
    fn key(self, key: &'a str) -> &'a str {
        match self.before.and_then(|moves| moves.get(key)) {
            Some(old) => old,
            None => self.catalog.resolve_key(key),
        }
    }

    /// The topic of a name in any spelling (as [`Catalog::resolve`]).
    fn name(self, name: &'a str) -> Cow<'a, str> {
        match topic_key_cow(name) {
            Cow::Borrowed(key) => Cow::Borrowed(self.key(key)),
            Cow::Owned(key) => Cow::Owned(self.key(&key).to_string()),
        }
    }
}

/// Up to this many topic mentions, an entry's topics are de-duplicated by
/// a linear look.
const FEW_TOPICS: usize = 16;

fn insert_sorted(list: &mut Vec<EntryRef>, r: EntryRef) {
    // Files are indexed in path order, so a new ref almost always goes last.
    if list.last().is_none_or(|last| *last < r) {
        list.push(r);
        return;
    }
    if let Err(at) = list.binary_search(&r) {
        list.insert(at, r);
    }
}

/// Whether two versions of an entry contribute the same facts: date,
/// minutes, the known fields it has and topic mentions (in order, keys and
/// written forms; the catalog resolves both alike).
fn same_facts(a: &Entry, b: &Entry) -> bool {
    a.date == b.date
        && a.minutes() == b.minutes()
        && field_mask(a) == field_mask(b)
        && a.topics.len() == b.topics.len()
        && a.topics
            .iter()
            .zip(&b.topics)
            .all(|(x, y)| x.key == y.key && x.written == y.written && x.source == y.source)
}

/// Removes the ref `r` from `map[key]` (kept sorted), dropping the key when
/// nothing is left.
fn remove_ref<K: Ord>(map: &mut BTreeMap<K, Vec<EntryRef>>, key: &K, r: &EntryRef) {
    if let Some(list) = map.get_mut(key) {
        if let Ok(at) = list.binary_search(r) {
            list.remove(at);
        }
        if list.is_empty() {
            map.remove(key);
        }
    }
}

/// Removes `path`'s refs from `map[key]`, dropping the key when nothing is left.
fn remove_path<K: Ord + Clone>(map: &mut BTreeMap<K, Vec<EntryRef>>, key: &K, path: &str) {
    if let Some(list) = map.get_mut(key) {
        list.retain(|r| &*r.path != path);
        if list.is_empty() {
            map.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::links::{has_foreign_extension, heading_slug, join_relative};

    #[test]
    fn relative_paths_join_from_the_linking_folder() {
        assert_eq!(
            join_relative("a/b/c.md", "d.md").as_deref(),
            Some("a/b/d.md")
        );
        assert_eq!(
            join_relative("a/b/c.md", "../d.md").as_deref(),
            Some("a/d.md")
        );
        assert_eq!(
            join_relative("a/b/c.md", "./x/d.md").as_deref(),
            Some("a/b/x/d.md")
        );
        assert_eq!(join_relative("c.md", "/x/d.md").as_deref(), Some("x/d.md"));
        assert_eq!(
            join_relative("journal/2026/c.md", "../topics/x.md").as_deref(),
            Some("journal/topics/x.md")
        );
        assert_eq!(join_relative("c.md", "../d.md"), None);
    }

    #[test]
    fn foreign_extensions_are_attachments() {
        assert!(has_foreign_extension("diagram.png"));
        assert!(has_foreign_extension("docs/spec.pdf"));
        assert!(!has_foreign_extension("note.md"));
        assert!(!has_foreign_extension("load-balancing"));
        assert!(!has_foreign_extension("v1.2"));
    }

    #[test]
    fn slugs_follow_github() {
        assert_eq!(
            heading_slug("What I learned: Caching!"),
            "what-i-learned-caching"
        );
    }
}

#[cfg(test)]
mod incremental_tests {
    use super::*;
    use crate::syntax::{Link, LinkKind};
    use crate::test_fixture::files;

    /// Everything derived, in a comparable form.
    fn facts(ws: &Journal) -> String {
        let shown: Vec<(&str, String)> = ws
            .topics_in_use()
            .map(|(t, _)| (t, ws.shown_topic(t)))
            .collect();
        let mut forms: Vec<_> = ws
            .facts
            .topic_forms
            .iter()
            .map(|(k, f)| (k, f.iter().collect::<BTreeMap<_, _>>()))
            .collect();
        forms.sort();
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{shown:?}\n{forms:?}",
            ws.timeline(),
            ws.day_minutes(),
            ws.topics_in_use().collect::<Vec<_>>(),
            ws.topics_practised().collect::<Vec<_>>(),
            ws.known_topics(),
            ws.catalog().topics().map(|t| &t.name).collect::<Vec<_>>(),
            ws.topic_notes().collect::<Vec<_>>(),
            ws.note_names(),
        )
    }

    fn fresh(fixture: &str, config: &Config) -> Journal {
        let mut ws = Journal::new(config.clone(), Vec::new());
        for (path, text) in files(fixture) {
            ws.set_file(&path, Arc::from(text));
        }
        ws
    }

    #[test]
    fn edits_leave_the_same_facts_as_a_fresh_load() {
        let before = r#"
//- a.md
## 2026-11-20
#homelab #caching #JavaScript #Emotion/Happy
time:: 1h
## 2026-11-21
#homelab #JavaScript
time:: 2h
//- b.md
## 2026-11-21
#lb #javascript #emotion/sad
time:: 30m
//- gone.md
## 2026-11-22
#homelab
time:: 1h
//- notes/gone.md
//- other/a.md
"#;
        let after = r#"
//- a.md
## 2026-11-20
#caching #javascript #emotion/happy
time:: 1h
## 2026-11-23
#homelab #JavaScript
time:: 3h
//- b.md
## 2026-11-21
#lb #homelab #javascript #Emotion/Sad
time:: 45m
//- topics/homelab.md
Running servers at home.
//- other/a.md
//- notes/a.md
"#;
        let mut config = Config::default();
        let mut ws = fresh(before, &config);
        assert_eq!(ws.topic_uses("homelab").len(), 3);
        // One topic however it is cased; shown as written most.
        assert_eq!(ws.topic_uses("javascript").len(), 3);
        assert_eq!(ws.shown_topic("javascript"), "JavaScript");
        // A nested tag is its own topic, and its parent one too.
        assert_eq!(ws.topic_uses("emotion/happy").len(), 1);
        assert_eq!(ws.topic_uses("emotion").len(), 2);
        assert_eq!(ws.shown_topic("emotion"), "emotion");
        // Names computed before the edits must not go stale.
        assert_eq!(
            ws.note_names().get("gone.md").map(String::as_str),
            Some("gone")
        );
        ws.remove_file("gone.md");
        ws.remove_file("notes/gone.md");
        for (path, text) in files(after) {
            ws.set_file(&path, Arc::from(text));
        }
        assert_eq!(facts(&ws), facts(&fresh(after, &config)));
        assert_eq!(ws.minutes_on(Date::constant(2026, 11, 21)), 45);
        // Written `javascript` twice and `JavaScript` once now.
        assert_eq!(ws.shown_topic("javascript"), "javascript");
        // `Emotion` once, `emotion` once: a tie goes to kebab-case.
        assert_eq!(ws.shown_topic("emotion"), "emotion");
        assert_eq!(ws.shown_topic("emotion/sad"), "Emotion/Sad");
        assert!(ws.is_known_topic("homelab"));
        let homelab = ws
            .topic_practice("homelab")
            .map(|p| (p.total, p.days.len()));
        let total = DayTotal {
            entries: 2,
            minutes: 225,
        };
        assert_eq!(homelab, Some((total, 2)));
        assert_eq!(
            ws.note_names().get("notes/a.md").map(String::as_str),
            Some("notes/a")
        );

        // A config alias changes how names resolve: uses are recounted.
        config.aliases.insert("lb".into(), "load-balancing".into());
        ws.set_config(config.clone(), Vec::new());
        assert_eq!(facts(&ws), facts(&fresh(after, &config)));
        assert_eq!(ws.topic_uses("load-balancing").len(), 1);

        // Removing the topic note takes the topic out of the catalog.
        ws.remove_file("topics/homelab.md");
        let mut without_note = fresh(after, &config);
        without_note.remove_file("topics/homelab.md");
        assert_eq!(facts(&ws), facts(&without_note));
    }

    /// A file of a few entries whose tags are drawn from spellings of a
    /// few topics (cased, separated, nested): edits that move the shown
    /// forms back and forth.
    fn spelt_file() -> impl proptest::strategy::Strategy<Value = String> {
        file_of_tags(vec![
            "#JavaScript",
            "#javascript",
            "#java_script",
            "#LoadBalancing",
            "#load-balancing",
            "#k8s",
            "#Emotion/Happy",
            "#emotion/happy",
            "#emotion",
            "#Emotion/sad",
            "#a/b/c",
        ])
    }

    /// A file of a few dated entries, each with up to three of `tags`.
    fn file_of_tags(tags: Vec<&'static str>) -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let entry = (
            1u8..4,
            prop::collection::vec(prop::sample::select(tags), 0..4),
        );
        prop::collection::vec(entry, 0..4).prop_map(|entries| {
            entries
                .into_iter()
                .map(|(day, tags)| format!("## 2026-11-0{day}\n{}\ntime:: 1h\n", tags.join(" ")))
                .collect()
        })
    }

    /// One step of a topic-note property test: a journal file rewritten, a
    /// topic note written or a topic note removed.
    #[derive(Clone, Debug)]
    enum NoteEdit {
        Journal(usize, String),
        WriteNote(&'static str),
        RemoveNote(&'static str),
    }

    fn note_edit() -> impl proptest::strategy::Strategy<Value = NoteEdit> {
        use proptest::prelude::*;
        // Topic notes that take over a built-in alias (`k8s`, `lb`), rename a
        // topic's case (`JavaScript`), add a topic (`homelab`) or a nested
        // tag's parent (`Emotion`).
        let note = prop::sample::select(vec![
            "k8s",
            "lb",
            "JavaScript",
            "homelab",
            "HomeLab",
            "Emotion",
        ]);
        prop_oneof![
            (0usize..2, tagged_file()).prop_map(|(which, text)| NoteEdit::Journal(which, text)),
            note.clone().prop_map(NoteEdit::WriteNote),
            note.prop_map(NoteEdit::RemoveNote),
        ]
    }

    fn tagged_file() -> impl proptest::strategy::Strategy<Value = String> {
        file_of_tags(vec![
            "#k8s",
            "#kubernetes",
            "#lb",
            "#load-balancing",
            "#JavaScript",
            "#javascript",
            "#homelab",
            "#emotion/happy",
            "#Emotion",
            "#k8s/pods",
            "#kube",
            "#hl",
            "#HomeLab",
        ])
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Topic notes coming and going change how tags resolve; the uses
        /// and practice moved for the entries they touch must equal the
        /// facts built from scratch (the scanner's one-pass rebuild).
        #[test]
        fn topic_notes_coming_and_going_leave_the_facts_of_a_rebuild(
            edits in proptest::collection::vec(note_edit(), 1..12),
            aliased in proptest::bool::ANY,
        ) {
            let mut config = Config::default();
            if aliased {
                // An alias of an alias a topic note can take over, and an
                // alias to a topic a note may name (`HomeLab`).
                config.aliases.insert("kube".into(), "k8s".into());
                config.aliases.insert("hl".into(), "homelab".into());
            }
            let mut ws = Journal::new(config.clone(), Vec::new());
            for edit in edits {
                match edit {
                    NoteEdit::Journal(which, text) => {
                        ws.set_file(["a.md", "b.md"][which], Arc::from(text.as_str()));
                    }
                    NoteEdit::WriteNote(name) => {
                        ws.set_file(&format!("topics/{name}.md"), Arc::from("A topic.\n"));
                    }
                    NoteEdit::RemoveNote(name) => {
                        ws.remove_file(&format!("topics/{name}.md"));
                    }
                }
            }
            let mut rebuilt = Journal::new(config, Vec::new());
            let options = rebuilt.parse_options().clone();
            rebuilt.insert_parsed_many(ws.files().map(|f| {
                Arc::new(crate::parse::parse_file(&f.path, f.text.clone(), &options))
            }));
            proptest::prop_assert_eq!(facts(&ws), facts(&rebuilt));
            for topic in ["container-orchestration", "kubernetes", "k8s", "lb", "load-balancing", "javascript", "emotion", "homelab", "HomeLab"] {
                proptest::prop_assert_eq!(
                    ws.topic_practice(topic).map(|p| (p.total, p.days.clone())),
                    rebuilt.topic_practice(topic).map(|p| (p.total, p.days.clone()))
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        #[test]
        fn edited_topic_spellings_leave_the_facts_of_a_fresh_load(
            a in spelt_file(),
            b in spelt_file(),
            edits in proptest::collection::vec((0usize..2, spelt_file()), 1..5),
        ) {
            let config = Config::default();
            let paths = ["a.md", "b.md"];
            let mut texts = [a, b];
            let mut ws = Journal::new(config.clone(), Vec::new());
            for (path, text) in paths.iter().zip(&texts) {
                ws.set_file(path, Arc::from(text.as_str()));
            }
            for (which, text) in edits {
                ws.set_file(paths[which], Arc::from(text.as_str()));
                texts[which] = text;
            }
            let mut loaded = Journal::new(config, Vec::new());
            for (path, text) in paths.iter().zip(&texts) {
                loaded.set_file(path, Arc::from(text.as_str()));
            }
            proptest::prop_assert_eq!(facts(&ws), facts(&loaded));
        }
    }

    #[test]
    fn wiki_names_match_whole_trailing_segments() {
        let fixture = "//- notes/Load-Balancing.md\n//- notes/a/b.md\n//- notes/xb.md\n";
        let ws = fresh(fixture, &Config::default());
        let found = |name: &str| -> Vec<&str> {
            let notes = ws.wiki_candidates(name);
            notes.iter().map(|f| f.path.as_str()).collect()
        };
        assert_eq!(found("load-balancing"), ["notes/Load-Balancing.md"]);
        assert_eq!(found("A/B"), ["notes/a/b.md"]);
        assert_eq!(found("b.md"), ["notes/a/b.md"]);
        assert_eq!(found("xb"), ["notes/xb.md"]);
        assert!(found("").is_empty());
        let names: Vec<&str> = ws.note_names().values().map(String::as_str).collect();
        assert_eq!(names, ["Load-Balancing", "b", "xb"]);
    }

    #[test]
    fn links_resolve_like_obsidian() {
        let fixture = r#"
//- notes/Deep/Caching.md
# Caching
## What it is
//- caching-old.md
//- log.md
## 2026-11-20
"#;
        let ws = fresh(fixture, &Config::default());
        let wiki = |target: &str, heading: Option<&str>| Link {
            kind: LinkKind::Wiki,
            target: target.into(),
            heading: heading.map(Into::into),
            span: Span::default(),
            target_span: Span::default(),
        };
        let resolved = |link: &Link| match ws.resolve_link("log.md", link) {
            LinkResolution::Resolved(t) => format!("{}@{}", t.path, t.span.start()),
            other => format!("{other:?}"),
        };
        assert_eq!(resolved(&wiki("caching", None)), "notes/Deep/Caching.md@0");
        assert_eq!(
            resolved(&wiki("deep/caching.md", None)),
            "notes/Deep/Caching.md@0"
        );
        assert_eq!(resolved(&wiki("eep/caching", None)), "MissingNote");
        assert_eq!(
            resolved(&wiki("caching", Some("what-it-is"))),
            "notes/Deep/Caching.md@10"
        );
        assert_eq!(
            resolved(&wiki("caching", Some("how"))),
            "MissingHeading { path: \"notes/Deep/Caching.md\" }"
        );
        assert_eq!(resolved(&wiki("2026-11-20", None)), "log.md@0");
        assert_eq!(resolved(&wiki("2026-11-21", None)), "MissingNote");
        assert_eq!(resolved(&wiki("photo.jpg", None)), "NotANote");
    }
}

#[cfg(test)]
mod date_order_tests {
    use super::*;

    fn dates(ws: &Journal) -> Vec<String> {
        ws.timeline().keys().map(Date::to_string).collect()
    }

    /// The order is the journal's, not the file's: a day-first date in one
    /// file re-reads the ambiguous dates of another, and going away undoes it.
    #[test]
    fn the_date_order_is_inferred_from_every_file() {
        let mut ws = Journal::default();
        ws.set_file("a.md", Arc::from("## 01/02/2018\n"));
        assert_eq!(ws.date_order(), (DateOrder::MonthFirst, true));
        assert_eq!(dates(&ws), ["2018-01-02"]);
        ws.set_file("b.md", Arc::from("## 13/02/2018\n"));
        assert_eq!(ws.date_order(), (DateOrder::DayFirst, true));
        assert_eq!(dates(&ws), ["2018-02-01", "2018-02-13"]);
        ws.remove_file("b.md");
        assert_eq!(dates(&ws), ["2018-01-02"]);

        // Loaded at once, as the scanner does: the same outcome.
        let options = ParseOptions::default();
        let mut loaded = Journal::default();
        loaded.insert_parsed_many(["a.md", "b.md"].map(|p| {
            let text = if p == "a.md" {
                "## 01/02/2018\n"
            } else {
                "## 13/02/2018\n"
            };
            Arc::new(parse_file(p, Arc::from(text), &options))
        }));
        assert_eq!(dates(&loaded), ["2018-02-01", "2018-02-13"]);
        assert_eq!(loaded.numeric_date_files(), 2);
    }

    #[test]
    fn a_configured_date_order_wins() {
        let config = Config {
            date_order: Some(DateOrder::MonthFirst),
            ..Config::default()
        };
        let mut ws = Journal::new(config, Vec::new());
        ws.set_file("a.md", Arc::from("## 01/02/2018\n## 13/02/2018\n"));
        assert_eq!(ws.date_order(), (DateOrder::MonthFirst, false));
        assert_eq!(dates(&ws), ["2018-01-02"]);
        ws.set_config(
            Config {
                date_order: Some(DateOrder::DayFirst),
                ..Config::default()
            },
            Vec::new(),
        );
        assert_eq!(dates(&ws), ["2018-02-01", "2018-02-13"]);
    }
}
