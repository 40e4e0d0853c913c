//! Which files' diagnostics an edit can change. Most checks read only the
//! edited file; the workspace-wide ones read maintained facts (entries and
//! minutes per date, topic use counts around `min-uses`, the known topics for
//! did-you-mean, note names and headings for links). An edit is probed before
//! and after it is applied, and only the files that depend on a fact that
//! moved are re-checked, so the cost of an edit follows the edited file, not
//! the journal.

use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use jiff::civil::Date;

use crate::journal::{Journal, link_keys, note_keys};
use crate::parse::name_pattern::NamePattern;
use crate::syntax::{Entry, JournalFile, LinkKind};

/// Files to re-check in one journal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Every file of the journal (a config change, a rescan, a catalog change).
    pub all: bool,
    /// These files (workspace-relative paths).
    pub paths: BTreeSet<String>,
    /// Every file whose published diagnostics hold an `unknown-topic` (the set
    /// of known topics changed, so did-you-mean suggestions may have).
    pub unknown_topic_holders: bool,
}

impl Scope {
    pub fn all() -> Scope {
        Scope {
            all: true,
            ..Scope::default()
        }
    }

    pub fn merge(&mut self, other: Scope) {
        self.all |= other.all;
        self.unknown_topic_holders |= other.unknown_topic_holders;
        if self.all {
            self.paths.clear();
            self.unknown_topic_holders = false;
        } else {
            self.paths.extend(other.paths);
        }
    }
}

/// The facts around one file that other files' diagnostics read, taken just
/// before the file is replaced and compared just after.
pub struct Probe {
    path: String,
    /// The catalog's names revision (its topics' names and aliases decide
    /// which topics are known).
    catalog: u64,
    /// Date -> (entries that day, minutes that day).
    dates: HashMap<Date, (usize, u32)>,
    /// Resolved topic -> (uses, known, shown form).
    topics: HashMap<String, TopicState>,
    /// The file as it was (its headings are compared after the change).
    old: Option<Arc<JournalFile>>,
    /// The required-field rules and the counts they came from (the
    /// journal's habit), and where the `field-habit` findings sit.
    habit: Habit,
}

/// What `missing-field` and `field-habit` read from the whole journal.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Habit {
    /// (field, required) per rule: a change moves `missing-field` anywhere.
    rules: Vec<(crate::syntax::FieldKind, bool)>,
    /// The counts in the `field-habit` messages (only when there are any).
    counts: Option<crate::required::FieldCounts>,
    anchor: Option<String>,
}

impl Habit {
    fn of(ws: &Journal) -> Habit {
        let rules = ws.field_rules();
        let rare = rules.iter().any(|r| !r.required);
        Habit {
            rules: rules.iter().map(|r| (r.kind, r.required)).collect(),
            counts: rare.then(|| *ws.field_counts()),
            anchor: ws.journal_anchor().map(|(path, _)| path),
        }
    }
}

/// Whether the two versions' headings differ as sets of lower-cased texts;
/// the same texts in the same order (the usual keystroke) need no sets.
fn headings_differ(old: Option<&JournalFile>, new: Option<&JournalFile>) -> bool {
    if let (Some(a), Some(b)) = (old, new) {
        let same_in_order = a.headings.len() == b.headings.len()
            && a.headings
                .iter()
                .zip(&b.headings)
                .all(|(x, y)| x.text(&a.text) == y.text(&b.text));
        if same_in_order {
            return false;
        }
    }
    headings_of(old) != headings_of(new)
}

fn headings_of(file: Option<&JournalFile>) -> BTreeSet<String> {
    file.map(|f| {
        f.headings
            .iter()
            .map(|h| h.text(&f.text).to_lowercase())
            .collect()
    })
    .unwrap_or_default()
}

/// The entries of `old` and `new` that differ: what lies between their
/// common first and last entries (same text). Typing inside one entry of a
/// 5,000-entry file probes that one entry, not 10,000.
fn changed<'a>(old: Option<&'a JournalFile>, new: Option<&'a JournalFile>) -> Vec<&'a Entry> {
    let (Some(old), Some(new)) = (old, new) else {
        return old
            .or(new)
            .map(|f| f.entries.iter().collect())
            .unwrap_or_default();
    };
    // Date and topics compared too: a daily note takes them from its name
    // and frontmatter, outside the entry's text.
    let same = |a: &Entry, b: &Entry| {
        a.date == b.date
            && a.topics.len() == b.topics.len()
            && a.topics.iter().zip(&b.topics).all(|(x, y)| x.key == y.key)
            && a.span.slice(&old.text) == b.span.slice(&new.text)
    };
    let prefix = old
        .entries
        .iter()
        .zip(&new.entries)
        .take_while(|(a, b)| same(a, b))
        .count();
    let old_rest = old.entries.get(prefix..).unwrap_or(&[]);
    let new_rest = new.entries.get(prefix..).unwrap_or(&[]);
    let suffix = old_rest
        .iter()
        .rev()
        .zip(new_rest.iter().rev())
        .take_while(|(a, b)| same(a, b))
        .count();
    let old_mid = old_rest.get(..old_rest.len() - suffix).unwrap_or(&[]);
    let new_mid = new_rest.get(..new_rest.len() - suffix).unwrap_or(&[]);
    old_mid.iter().chain(new_mid).collect()
}

/// The topics of the entries, nested ones' parents included.
fn topics_of(ws: &Journal, entries: &[&Entry]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for entry in entries {
        for name in entry.topic_keys() {
            let topic = ws.resolve_topic(name);
            let parents: Vec<String> = crate::topic::ancestors(&topic)
                .map(|p| ws.resolve_topic(p))
                .collect();
            for topic in std::iter::once(topic).chain(parents) {
                if !topic.is_empty() && !out.contains(&topic) {
                    out.push(topic);
                }
            }
        }
    }
    out
}

/// What other files read of one topic: its use count, whether it is known,
/// and the form it is shown in (their `topic-spelling` findings and
/// did-you-mean suggestions name it).
#[derive(Clone, Debug, PartialEq, Eq)]
struct TopicState {
    uses: usize,
    known: bool,
    shown: String,
}

fn topic_state(ws: &Journal, topic: &str) -> TopicState {
    TopicState {
        uses: ws.topic_uses(topic).len(),
        known: ws.catalog().contains(topic) || ws.is_known_by_use(topic),
        shown: ws.shown_topic(topic),
    }
}

impl Probe {
    /// Records the facts `path` contributes to before it changes; `new` is the
    /// file about to replace it (its dates and topics are probed too).
    pub fn before(ws: &Journal, path: &str, new: Option<&JournalFile>) -> Probe {
        let old = ws.file(path).map(|f| &**f);
        let entries = changed(old, new);
        let mut dates = HashMap::new();
        for date in entries.iter().map(|e| e.date) {
            dates
                .entry(date)
                .or_insert_with(|| (ws.entries_on(date).len(), ws.minutes_on(date)));
        }
        let mut topics = HashMap::new();
        for topic in topics_of(ws, &entries) {
            let state = topic_state(ws, &topic);
            topics.entry(topic).or_insert(state);
        }
        Probe {
            path: path.to_string(),
            catalog: ws.catalog().names_revision(),
            dates,
            topics,
            old: ws.file(path).cloned(),
            habit: Habit::of(ws),
        }
    }

    /// The files whose diagnostics may differ now that the file was replaced
    /// (the file itself included).
    pub fn after(self, ws: &Journal, links: &LinkIndex) -> Scope {
        let mut scope = Scope::default();
        scope.paths.insert(self.path.clone());
        if self.catalog != ws.catalog().names_revision() {
            return Scope::all();
        }
        // Which fields are required follows journal-wide counts (from 20
        // entries): when one edit flips a rule, every entry's
        // `missing-field` may change. The `field-habit` findings name the
        // counts, so their holder is re-checked whenever those move.
        let habit = Habit::of(ws);
        if habit.rules != self.habit.rules {
            return Scope::all();
        }
        if habit != self.habit {
            scope.paths.extend(self.habit.anchor.iter().cloned());
            scope.paths.extend(habit.anchor.iter().cloned());
        }
        let new = ws.file(&self.path).map(|f| &**f);
        let mut link_keys: Vec<String> = Vec::new();
        let headings_changed = headings_differ(self.old.as_deref(), new);
        let names_changed = self.old.as_deref().map(note_keys) != new.map(note_keys);
        if self.old.is_some() != new.is_some() || headings_changed || names_changed {
            // Every name the note was or is known by: its stem, its Logseq
            // page name, its aliases.
            for file in self.old.as_deref().into_iter().chain(new) {
                link_keys.extend(note_keys(file));
            }
        }
        for (date, (entries, minutes)) in &self.dates {
            let now = (ws.entries_on(*date).len(), ws.minutes_on(*date));
            if now != (*entries, *minutes) {
                add_entries_on(ws, *date, &mut scope);
            }
            if (now.0 == 0) != (*entries == 0) {
                neighbours(ws, *date, &mut scope);
                link_keys.push(date.to_string());
            } else if headings_changed {
                link_keys.push(date.to_string());
            }
        }
        // Topics the new text names that were not probed (the catalog moved
        // under them) are covered by `all` above; here the counts.
        for (topic, before) in &self.topics {
            let now = topic_state(ws, topic);
            if now.known != before.known {
                scope.unknown_topic_holders = true;
                add_topic_users(ws, topic, &mut scope);
            } else if now.shown != before.shown {
                // Every mention's `topic-spelling` compares with the shown
                // form; a did-you-mean may suggest it.
                scope.unknown_topic_holders |= now.known;
                add_topic_users(ws, topic, &mut scope);
            } else if !now.known && now.uses != before.uses {
                add_topic_users(ws, topic, &mut scope);
            }
        }
        for key in link_keys {
            scope
                .paths
                .extend(links.linking_to(&key).map(|p| p.to_string()));
        }
        scope
    }
}

fn add_entries_on(ws: &Journal, date: Date, scope: &mut Scope) {
    scope
        .paths
        .extend(ws.entries_on(date).iter().map(|r| r.path.to_string()));
}

fn add_topic_users(ws: &Journal, topic: &str, scope: &mut Scope) {
    scope
        .paths
        .extend(ws.topic_uses(topic).iter().map(|r| r.path.to_string()));
}

/// A date appeared in or vanished from the timeline: `missed-days` may move
/// on the entries of that week, and on the next practised day after it (the
/// first day after a gap carries the gap's message) and that day's week (a
/// weekly cadence reports on a week's first and last practised days).
fn neighbours(ws: &Journal, date: Date, scope: &mut Scope) {
    let weekday = i64::from(date.weekday().to_monday_zero_offset());
    let (Ok(monday), Ok(sunday)) = (
        date.checked_sub(jiff::Span::new().days(weekday)),
        date.checked_add(jiff::Span::new().days(6 - weekday)),
    ) else {
        return;
    };
    let timeline = ws.timeline();
    for (_, refs) in timeline.range(monday..=sunday) {
        scope.paths.extend(refs.iter().map(|r| r.path.to_string()));
    }
    let Ok(after_week) = sunday.tomorrow() else {
        return;
    };
    if let Some((&next, _)) = timeline.range(after_week..).next() {
        let weekday = i64::from(next.weekday().to_monday_zero_offset());
        let end = next
            .checked_add(jiff::Span::new().days(6 - weekday))
            .unwrap_or(next);
        for (_, refs) in timeline.range(next..=end) {
            scope.paths.extend(refs.iter().map(|r| r.path.to_string()));
        }
    }
}

/// What replacing a file's text did to its journal.
#[derive(Debug, PartialEq)]
pub enum Replaced {
    /// The journal did not hold the file and still does not.
    Nothing,
    /// The text is over [`crate::scan::MAX_FILE_BYTES`]: the file is left
    /// out of the journal (removed if it was in), as a scan leaves it out.
    TooLarge(Scope),
    /// The file was replaced, added or removed: the files to re-check.
    Changed(Scope),
}

/// The edit pipeline: sets (or with `None`, removes) the text of the
/// journal file `rel`, keeping the reverse link index in step, and says
/// which files' diagnostics the change can move. A large file is
/// re-parsed around the change only ([`crate::parse::reparse`]); the
/// workspace updates only the entries whose facts moved, and the link
/// index only when the file's links did. The file is probed before and
/// after ([`Probe`]); a change of the journal's inferred date order
/// re-dates numeric dates everywhere, so everything is re-checked then.
pub fn replace_file(
    ws: &mut Journal,
    links: &mut LinkIndex,
    rel: &str,
    text: Option<Arc<str>>,
) -> Replaced {
    // The same text again (an editor opening a file as it is on disk, a
    // watcher reporting a save the editor already sent): nothing to parse
    // or index again; only the file itself is checked (an open document's
    // diagnostics carry its version). A 1 MB journal opened in the editor
    // was parsed and indexed twice at start.
    if let (Some(text), Some(old)) = (&text, ws.file(rel)) {
        if *old.text == **text {
            return Replaced::Changed(Scope {
                paths: BTreeSet::from([rel.to_string()]),
                ..Scope::default()
            });
        }
    }
    let too_large = text
        .as_ref()
        .is_some_and(|t| t.len() as u64 > crate::scan::MAX_FILE_BYTES);
    let new = match text {
        Some(text) if !too_large => {
            let options = ws.parse_options();
            Some(match ws.file(rel) {
                Some(old) => crate::parse::reparse(old, text, options),
                None => crate::parse::parse_file(rel, text, options),
            })
        }
        _ => None,
    };
    if new.is_none() && ws.file(rel).is_none() {
        return if too_large {
            Replaced::TooLarge(Scope::default())
        } else {
            Replaced::Nothing
        };
    }
    let probe = Probe::before(ws, rel, new.as_ref());
    let order = ws.date_order();
    match new {
        Some(new) => {
            let old = ws.file(rel).cloned();
            links.replace(old.as_deref(), &new);
            ws.insert_parsed(new);
        }
        None => {
            if let Some(old) = ws.remove_file(rel) {
                links.remove(&old);
            }
        }
    }
    let scope = if ws.date_order() == order {
        probe.after(ws, links)
    } else {
        Scope::all()
    };
    if too_large {
        Replaced::TooLarge(scope)
    } else {
        Replaced::Changed(scope)
    }
}

/// Which files link to which names: the reverse of every file's links, kept
/// up to date as files change, so that a change to a note's headings or to
/// the dates of the journal re-checks only the files linking there.
///
/// Stored as one ordered set of (hash of a link key, linking file) pairs:
/// at 50,000 notes a map of key strings to sets of paths took 13 MiB, most of
/// it small allocations. A hash collision only re-checks a file more, which
/// finds the diagnostics it already has. An ordered set rather than a sorted
/// vector: a file's change adds and removes its pairs in O(log n) each,
/// where inserting into the vector moved every pair after it (typing in a
/// `[[...]]` at 50,000 notes shifted the whole list on each keystroke).
#[derive(Clone, Debug, Default)]
pub struct LinkIndex {
    pairs: BTreeSet<(u64, Arc<str>)>,
    /// The vault's day title format the keys were read with (Logseq's
    /// `:journal/page-title-format`); the index is rebuilt with the config.
    day_title: Option<NamePattern>,
}

fn key_hash(key: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
}

impl LinkIndex {
    pub fn build(ws: &Journal) -> LinkIndex {
        let mut index = LinkIndex {
            pairs: BTreeSet::new(),
            day_title: ws.day_title_format().cloned(),
        };
        let mut pairs = Vec::new();
        for file in ws.files() {
            let path = ws
                .shared_path(&file.path)
                .unwrap_or_else(|| Arc::from(file.path.as_str()));
            pairs.extend(index.keys(file).into_iter().map(|k| (k, path.clone())));
        }
        // Sorted first: the set is then built in one pass.
        pairs.sort_unstable();
        index.pairs = pairs.into_iter().collect();
        index
    }

    /// The day title format the keys were read with.
    pub fn day_title(&self) -> Option<&NamePattern> {
        self.day_title.as_ref()
    }

    /// The hashes of a file's distinct link keys.
    fn keys(&self, file: &JournalFile) -> Vec<u64> {
        let mut keys: Vec<u64> = file
            .links
            .iter()
            .filter(|l| matches!(l.kind, LinkKind::Wiki | LinkKind::Markdown))
            .flat_map(|l| link_keys(l, self.day_title.as_ref()))
            .map(|k| key_hash(&k))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The files linking to `key` (and, rarely, to a key of the same hash).
    fn linking_to(&self, key: &str) -> impl Iterator<Item = &Arc<str>> {
        let hash = key_hash(key);
        // The empty path sorts first among the pairs of one hash.
        let from: (u64, Arc<str>) = (hash, Arc::from(""));
        self.pairs
            .range(from..)
            .take_while(move |(h, _)| *h == hash)
            .map(|(_, path)| path)
    }

    pub fn add(&mut self, file: &JournalFile) {
        let path: Arc<str> = Arc::from(file.path.as_str());
        for key in self.keys(file) {
            self.pairs.insert((key, path.clone()));
        }
    }

    /// Replaces `old`'s links (if any) with `new`'s; nothing to do when both
    /// name the same targets (typing that does not touch a link).
    pub fn replace(&mut self, old: Option<&JournalFile>, new: &JournalFile) {
        if let Some(old) = old {
            let same = old.links.len() == new.links.len()
                && old
                    .links
                    .iter()
                    .zip(&new.links)
                    .all(|(a, b)| a.kind == b.kind && a.target == b.target);
            if same {
                return;
            }
            self.remove(old);
        }
        self.add(new);
    }

    pub fn remove(&mut self, file: &JournalFile) {
        let path: Arc<str> = Arc::from(file.path.as_str());
        for key in self.keys(file) {
            self.pairs.remove(&(key, path.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixture::files;

    fn journal(fixture: &str) -> (Journal, LinkIndex) {
        let mut ws = Journal::default();
        for (path, text) in files(fixture) {
            ws.set_file(&path, Arc::from(text));
        }
        let links = LinkIndex::build(&ws);
        (ws, links)
    }

    /// Applies an edit as the server does and returns what it re-checks.
    fn edit(ws: &mut Journal, links: &mut LinkIndex, path: &str, text: &str) -> Scope {
        match replace_file(ws, links, path, Some(Arc::from(text))) {
            Replaced::Changed(scope) => scope,
            other => panic!("an edit of {path} changed nothing: {other:?}"),
        }
    }

    const JOURNAL: &str = r#"
//- a.md
## 2026-11-20
#caching
time:: 1h
//- b.md
## 2026-11-22
#caching
time:: 1h
See [[a#Notes]].
//- c.md
## 2026-12-20
#rare-topic
time:: 1h
//- d.md
Nothing dated here.
"#;

    fn paths(scope: &Scope) -> Vec<&str> {
        scope.paths.iter().map(String::as_str).collect()
    }

    /// A journal of `n` daily entries in November, each with a topic and no time.
    fn untimed(n: u32) -> (Journal, LinkIndex) {
        let fixture: String = (1..=n)
            .map(|day| format!("//- log/2026-11-{day:02}.md\n#caching\n"))
            .collect();
        journal(&fixture)
    }

    #[test]
    fn the_same_text_again_is_neither_parsed_nor_indexed_and_rechecks_the_file() {
        let (mut ws, mut links) = journal(JOURNAL);
        let before = ws.file("b.md").cloned().expect("b.md");
        let text = before.text.to_string();
        let scope = edit(&mut ws, &mut links, "b.md", &text);
        assert_eq!(paths(&scope), ["b.md"]);
        assert!(!scope.all);
        let after = ws.file("b.md").expect("b.md");
        assert!(Arc::ptr_eq(&before, after), "b.md was parsed again");
        // A real change still goes through the pipeline.
        edit(&mut ws, &mut links, "b.md", &format!("{text}#extra\n"));
        assert!(!Arc::ptr_eq(&before, ws.file("b.md").expect("b.md")));
    }

    #[test]
    fn the_entry_that_flips_the_habit_rechecks_everything() {
        let (mut ws, mut links) = untimed(19);
        assert!(ws.field_rules().iter().all(|r| r.required));
        // The 20th entry: `time` is now judged by habit, and no entry has it.
        let scope = edit(&mut ws, &mut links, "log/2026-11-20.md", "#caching\n");
        assert!(scope.all);
        assert!(ws.field_rules().iter().any(|r| !r.required));
        // One more entry keeps the rules but moves the counts the
        // `field-habit` finding names: its holder (the first entry) is
        // re-checked with the edited file (and that day's week, for
        // `missed-days`), not the rest of the journal.
        let scope = edit(&mut ws, &mut links, "log/2026-11-21.md", "#caching\n");
        assert!(!scope.all);
        let rechecked = paths(&scope);
        assert!(rechecked.contains(&"log/2026-11-01.md"), "{rechecked:?}");
        assert!(rechecked.contains(&"log/2026-11-21.md"), "{rechecked:?}");
        assert!(!rechecked.contains(&"log/2026-11-05.md"), "{rechecked:?}");
    }

    #[test]
    fn a_new_page_or_alias_rechecks_the_files_linking_to_its_names() {
        let (mut ws, mut links) =
            journal("//- j.md\n[[Rust/Ownership]] [[borrowing]]\n//- k.md\nNo links.\n");
        // A Logseq page file for `[[Rust/Ownership]]`.
        let scope = edit(
            &mut ws,
            &mut links,
            "pages/Rust___Ownership.md",
            "- moves\n",
        );
        assert_eq!(paths(&scope), ["j.md", "pages/Rust___Ownership.md"]);
        // An alias added to an existing note, without any other change.
        let scope = edit(
            &mut ws,
            &mut links,
            "k.md",
            "---\naliases: [borrowing]\n---\nNo links.\n",
        );
        assert_eq!(paths(&scope), ["j.md", "k.md"]);
    }

    #[test]
    fn a_body_edit_rechecks_only_the_edited_file() {
        let (mut ws, mut links) = journal(JOURNAL);
        let scope = edit(
            &mut ws,
            &mut links,
            "a.md",
            "## 2026-11-20\n#caching\ntime:: 1h\nMore words.\n",
        );
        assert_eq!(paths(&scope), ["a.md"]);
        assert!(!scope.all && !scope.unknown_topic_holders);
    }

    #[test]
    fn a_new_date_rechecks_the_next_practised_day_and_links_to_the_heading() {
        let (mut ws, mut links) = journal(JOURNAL);
        let scope = edit(
            &mut ws,
            &mut links,
            "a.md",
            "## 2026-11-20\n#caching\ntime:: 1h\n## 2026-11-21\n## Notes\n",
        );
        // b.md: the day after the gap (same week), and its link to a#Notes;
        // c.md: the first practised day after that week (a weekly cadence
        // reports there). d.md has no entries and no links: untouched.
        assert_eq!(paths(&scope), ["a.md", "b.md", "c.md"]);
    }

    #[test]
    fn a_new_shown_form_rechecks_the_topics_users() {
        let (mut ws, mut links) = journal(
            "//- a.md\n## 2026-11-20\n#JavaScript\ntime:: 1h\n## 2026-11-21\n#JavaScript\ntime:: 1h\n\
             //- b.md\n## 2026-11-22\n#javascript\ntime:: 1h\n//- c.md\n## 2026-11-23\n#caching\ntime:: 1h\n",
        );
        assert_eq!(ws.shown_topic("javascript"), "JavaScript");
        // Rewording around the tag keeps the spelling: a.md alone.
        let same =
            "## 2026-11-20\n#JavaScript again\ntime:: 1h\n## 2026-11-21\n#JavaScript\ntime:: 1h\n";
        assert_eq!(paths(&edit(&mut ws, &mut links, "a.md", same)), ["a.md"]);
        // The journal now writes `javascript` most: b.md's hint goes.
        let lower =
            "## 2026-11-20\n#javascript again\ntime:: 1h\n## 2026-11-21\n#JavaScript\ntime:: 1h\n";
        let scope = edit(&mut ws, &mut links, "a.md", lower);
        assert_eq!(ws.shown_topic("javascript"), "javascript");
        assert_eq!(paths(&scope), ["a.md", "b.md"]);
        assert!(scope.unknown_topic_holders, "did-you-mean may name it");
    }

    #[test]
    fn a_topic_notes_words_recheck_it_alone_and_a_new_topic_rechecks_everything() {
        let (mut ws, mut links) = journal(&format!(
            "{JOURNAL}//- topics/rare-topic.md\n# Rare\n\nSeldom practised.\n"
        ));
        let revision = ws.catalog().names_revision();
        // Typing in the description: the catalog's names stay.
        let text = "# Rare\n\nSeldom practised, yet.\n";
        let scope = edit(&mut ws, &mut links, "topics/rare-topic.md", text);
        assert_eq!(paths(&scope), ["topics/rare-topic.md"]);
        assert!(!scope.all && !scope.unknown_topic_holders);
        assert_eq!(ws.catalog().names_revision(), revision);
        assert_eq!(
            ws.catalog()
                .get("rare-topic")
                .map(|t| t.description.as_str()),
            Some("Seldom practised, yet.")
        );
        // A note describing a built-in topic names nothing new.
        let scope = edit(&mut ws, &mut links, "topics/sharding.md", "Mine.\n");
        assert_eq!(paths(&scope), ["topics/sharding.md"]);
        // A new topic note makes a topic known: every file may change.
        let scope = edit(
            &mut ws,
            &mut links,
            "topics/yak-shaving.md",
            "Splitting data.\n",
        );
        assert!(scope.all);
        // Its deletion too.
        let Replaced::Changed(scope) =
            replace_file(&mut ws, &mut links, "topics/yak-shaving.md", None)
        else {
            panic!("deleting a topic note changed nothing");
        };
        assert!(scope.all);
    }

    #[test]
    fn a_topic_crossing_min_uses_rechecks_its_users_and_unknown_topics() {
        let (mut ws, mut links) = journal(JOURNAL);
        let scope = edit(
            &mut ws,
            &mut links,
            "d.md",
            "## 2026-12-01\n#rare-topic\ntime:: 1h\n",
        );
        assert!(scope.unknown_topic_holders);
        assert_eq!(paths(&scope), ["c.md", "d.md"]);
    }
}
