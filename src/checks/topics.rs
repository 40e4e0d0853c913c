//! Topic checks on entries: `unknown-topic` (a warning with a did-you-mean
//! fix when a known topic is close, information otherwise) and
//! `topic-spelling` (a `#tag` written otherwise than its topic is shown:
//! its catalog name, or the form the journal writes most). Tags outside
//! entries are neither checked nor counted.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::diagnostic::{Code, Diagnostic, Fix, Severity, TextEdit};
use crate::journal::{Journal, Spelling};
use crate::syntax::{JournalFile, TopicRef, TopicSource};
use crate::topic::{last_segment, parent, topic_key};

/// A name of at most this many letters is short: nearly every short name is
/// one edit from another, so it gets a did-you-mean only from a catalog topic
/// the journal practises.
const SHORT_NAME: usize = 4;

/// From this many letters a name may be two edits (or one substitution) from
/// its suggestion; below, only one inserted, dropped or swapped letter.
const LONG_NAME: usize = 8;

/// A name the journal uses in this many entries is deliberate, not a typo:
/// it gets no did-you-mean.
const DELIBERATE_USES: usize = 2;

/// A known name a did-you-mean may suggest.
#[derive(Clone, Debug)]
pub(super) struct Candidate {
    /// The key of the name's last segment: what is compared.
    key: String,
    /// The key of the name's parent (nested names are compared only with
    /// their siblings).
    parent: Option<String>,
    /// How the name is suggested: the topic's shown form, or the alias.
    shown: String,
    /// An alias (suggested after topics at the same distance).
    alias: bool,
    /// The topic the name resolves to (two names of one topic never tie).
    topic: String,
    /// A catalog topic (not an alias) that the journal uses: the only kind a
    /// short name may be corrected to.
    used_catalog_topic: bool,
    /// Characters in `key`.
    chars: usize,
    /// Character counts of `key` by a hash of the character, for
    /// [`Bag::distance`].
    bag: Bag,
}

impl Candidate {
    fn new(
        key: &str,
        shown: String,
        alias: bool,
        topic: &str,
        used_catalog_topic: bool,
    ) -> Candidate {
        let last = last_segment(key);
        Candidate {
            key: last.to_string(),
            parent: parent(key).map(str::to_string),
            shown,
            alias,
            topic: topic.to_string(),
            used_catalog_topic,
            chars: last.chars().count(),
            bag: Bag::of(last),
        }
    }
}

/// The known names, grouped by the length of their key in characters: a
/// did-you-mean is at most two edits away, so only names within two
/// characters of the typed one's length are compared at all.
#[derive(Debug, Default)]
pub(super) struct KnownNames {
    by_chars: Vec<Vec<Candidate>>,
}

impl KnownNames {
    fn new(names: Vec<Candidate>) -> Self {
        let mut by_chars: Vec<Vec<Candidate>> = Vec::new();
        for candidate in names {
            if by_chars.len() <= candidate.chars {
                by_chars.resize_with(candidate.chars + 1, Vec::new);
            }
            if let Some(group) = by_chars.get_mut(candidate.chars) {
                group.push(candidate);
            }
        }
        KnownNames { by_chars }
    }

    /// The names whose key's length is within `reach` characters of `chars`.
    fn near(&self, chars: usize, reach: usize) -> impl Iterator<Item = &Candidate> {
        let low = chars.saturating_sub(reach).min(self.by_chars.len());
        let high = chars
            .saturating_add(reach)
            .saturating_add(1)
            .min(self.by_chars.len());
        self.by_chars
            .get(low..high)
            .unwrap_or_default()
            .iter()
            .flatten()
    }
}

/// How often each character occurs in a key, counted in 16 buckets by a
/// hash of the character. One edit (insert, delete, replace or swap)
/// changes the counts by at most one up and one down, so [`Bag::distance`]
/// never exceeds the edit distance: names whose bags differ by more than
/// the allowed edits are skipped without computing it.
#[derive(Clone, Copy, Debug, Default)]
struct Bag([u8; 16]);

impl Bag {
    fn of(key: &str) -> Bag {
        let mut counts = [0u8; 16];
        for c in key.chars() {
            let bucket = (u32::from(c).wrapping_mul(0x9E37_79B9) >> 28) as usize;
            if let Some(count) = counts.get_mut(bucket) {
                *count = count.saturating_add(1);
            }
        }
        Bag(counts)
    }

    /// A lower bound of the edit distance between the two keys (counts
    /// that saturated at 255 only make it smaller).
    fn distance(&self, other: &Bag) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.0.iter().zip(other.0.iter()) {
            if a > b {
                more += usize::from(a - b);
            } else {
                fewer += usize::from(b - a);
            }
        }
        more.max(fewer)
    }
}

/// Known names for did-you-mean, built at most once per check run (lazily:
/// most journals have few unknown topics) and shared by every file.
pub(super) type Candidates = OnceLock<KnownNames>;

pub(super) fn check(
    ws: &Journal,
    file: &JournalFile,
    candidates: &Candidates,
    out: &mut Vec<Diagnostic>,
) {
    // Known-ness and spelling per key, asked once per file: a journal
    // repeats a few topics thousands of times, and each answer costs several
    // map lookups (aliases, catalog, uses, forms).
    let mut known: HashMap<&str, bool> = HashMap::new();
    let mut spellings: HashMap<&str, Option<Spelling>> = HashMap::new();
    // With `unknown-topic` off its findings would be dropped: skip them,
    // and with them the did-you-mean search.
    let unknown_on = ws
        .config()
        .severity_of(Code::UnknownTopic, Severity::Warning)
        .is_some();
    for entry in &file.entries {
        for topic in &entry.topics {
            let key = topic.key.as_str();
            if key.is_empty() {
                continue;
            }
            if topic.source == TopicSource::Tag {
                let wanted = spellings
                    .entry(key)
                    .or_insert_with(|| ws.topic_spelling(key));
                if let Some(wanted) = wanted {
                    if topic.written != wanted.form {
                        out.push(spelling(file, topic, wanted));
                    }
                }
            }
            if !unknown_on {
                continue;
            }
            let is_known = *known.entry(key).or_insert_with(|| ws.is_known_topic(key));
            if is_known {
                continue;
            }
            let candidates = candidates.get_or_init(|| known_names(ws));
            out.push(unknown(ws, file, topic, candidates));
        }
    }
}

/// Known topic names and aliases, for did-you-mean.
fn known_names(ws: &Journal) -> KnownNames {
    let catalog = ws.catalog();
    let mut names: Vec<Candidate> = ws
        .known_topics()
        .into_iter()
        .map(|t| {
            let used = catalog.contains(t) && !ws.topic_uses(t).is_empty();
            Candidate::new(&topic_key(t), ws.shown_topic(t), false, t, used)
        })
        .collect();
    names.extend(
        catalog
            .aliases()
            .map(|(a, t)| Candidate::new(&topic_key(a), a.to_string(), true, t, false)),
    );
    KnownNames::new(names)
}

/// How `topic` is shown in a message: `#tag` for tags, the bare name otherwise.
fn shown(topic: &TopicRef) -> String {
    match topic.source {
        TopicSource::Tag => format!("#{}", topic.written),
        _ => topic.written.to_string(),
    }
}

/// The mention's text with its name replaced by `name`.
fn replaced(file: &JournalFile, topic: &TopicRef, name: &str) -> String {
    let written = &topic.written;
    let original = topic.span.slice(&file.text);
    if !written.is_empty() && original.contains(written.as_str()) {
        original.replacen(written.as_str(), name, 1)
    } else if topic.source == TopicSource::Tag {
        format!("#{name}")
    } else {
        name.to_string()
    }
}

fn spelling(file: &JournalFile, topic: &TopicRef, wanted: &Spelling) -> Diagnostic {
    let form = format!("#{}", wanted.form);
    let written = &topic.written;
    let message = if wanted.catalog {
        format!("`#{written}` is the catalog's `{form}`; write it as `{form}`")
    } else {
        format!("`#{written}` is spelt `{form}` in most of this journal; write it as `{form}`")
    };
    Diagnostic::new(Code::TopicSpelling, file.path.clone(), topic.span, message).with_fix(Fix {
        title: format!("Write `{form}`"),
        edits: vec![TextEdit {
            path: file.path.clone(),
            span: topic.span,
            new_text: form,
        }],
    })
}

fn unknown(
    ws: &Journal,
    file: &JournalFile,
    topic: &TopicRef,
    candidates: &KnownNames,
) -> Diagnostic {
    let shown_name = shown(topic);
    match suggest(ws, &topic.key, candidates) {
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
            let resolved = ws.resolve_topic(&topic.key);
            let uses = ws.topic_uses(&resolved).len();
            let dir = ws.config().topics_dir.trim_end_matches('/');
            // A topic note is named by its stem; a nested topic gets the
            // description of its last segment's note.
            let shown_topic = ws.shown_topic(&resolved);
            let note = last_segment(&shown_topic);
            Diagnostic::new(
                Code::UnknownTopic,
                file.path.clone(),
                topic.span,
                format!(
                    "Unknown topic `{shown_name}`: not in the catalog and used in {uses} entr{} (min-uses: {}); add a note `{dir}/{note}.md` to catalog it, or check the spelling",
                    if uses == 1 { "y" } else { "ies" },
                    ws.config().min_uses,
                ),
            )
            .with_severity(Severity::Information)
        }
    }
}

/// The did-you-mean for an unknown topic (by its key), if any: compared on
/// the last segment with the known names of the same parent only (a nested
/// tag is corrected within its parent, never across: `#meeting/indeed` is
/// never `#meeting/indexes`, nor `#emotion/hapy` `#feeling/happy`); none
/// for a name the journal uses on purpose.
fn suggest<'a>(ws: &Journal, key: &str, candidates: &'a KnownNames) -> Option<&'a str> {
    if ws.topic_uses(&ws.resolve_topic(key)).len() >= DELIBERATE_USES {
        return None;
    }
    did_you_mean(last_segment(key), parent(key), candidates)
}

/// The known name `key` (the last segment's key of an unknown name under
/// `parent`) was most likely meant to be, when it is clearly closer than
/// chance:
/// - names of 2 to 4 letters: one edit from a catalog topic the journal
///   practises (`#gti` -> `#git`), never from an alias (`#rust` is not
///   `#rest`, `#go` is not `#gc`); a nested name's last segment is
///   compared with its siblings alone, so it is held to the next rule
///   (`#emotion/hapy` -> `#emotion/happy`, `#emotion/mad` is not `sad`);
/// - 5 to 7 letters: one letter inserted, dropped or swapped with its
///   neighbour (`#cachign`), not replaced (`#flask` is not `#flags`);
/// - 8 letters or more: at most two edits of any kind (`#kubernets`).
///
/// Keys have no separators, so every character is a letter. The nearest
/// name wins, topics before aliases; two different topics at the same
/// distance are no suggestion.
fn did_you_mean<'a>(
    key: &str,
    parent: Option<&str>,
    candidates: &'a KnownNames,
) -> Option<&'a str> {
    let key_letters = key.chars().count();
    if key_letters < 2 {
        return None;
    }
    let key_len = key_letters;
    let key_bag = Bag::of(key);
    // No rule allows more than two edits, and a length difference is at
    // least that many edits.
    let found: Vec<(usize, bool, &Candidate)> = candidates
        .near(key_len, 2)
        .filter(|c| c.key != key && c.parent.as_deref() == parent)
        .filter_map(|c| {
            let name_len = c.chars;
            let shortest = key_letters.min(name_len);
            // A nested name is compared with its few siblings only, where a
            // chance match is rare: a short one is treated like a middling
            // one (one letter inserted, dropped or swapped).
            let short = key_letters <= SHORT_NAME && parent.is_none();
            let limit = if short {
                if !c.used_catalog_topic {
                    return None;
                }
                1
            } else if shortest < LONG_NAME {
                1
            } else {
                2
            };
            // Cheap lower bounds first: the edit distance dominates when
            // there are many names.
            if key_len.abs_diff(name_len) > limit || key_bag.distance(&c.bag) > limit {
                return None;
            }
            let distance = strsim::damerau_levenshtein(key, &c.key);
            if distance > limit {
                return None;
            }
            let replaced_letter = key_len == name_len && !is_swap(key, &c.key);
            if !short && shortest < LONG_NAME && replaced_letter {
                return None;
            }
            Some((distance, c.alias, c))
        })
        .collect();
    closest(found)
}

/// The nearest of the candidates found (distance, alias, candidate):
/// topics before aliases at one distance, then by shown form; `None` when
/// two different topics are equally near (no guess between them).
fn closest(mut found: Vec<(usize, bool, &Candidate)>) -> Option<&str> {
    found.sort_by(|a, b| (a.0, a.1, &a.2.shown).cmp(&(b.0, b.1, &b.2.shown)));
    let (distance, _, best) = *found.first()?;
    let tie = found
        .iter()
        .any(|(d, _, c)| *d == distance && c.topic != best.topic);
    (!tie).then_some(best.shown.as_str())
}

/// True when `b` is `a` with two neighbouring characters swapped.
fn is_swap(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let differ: Vec<usize> = (0..a.len().min(b.len()))
        .filter(|&i| a.get(i) != b.get(i))
        .collect();
    match differ.as_slice() {
        [i, j] => {
            *j == i + 1 && a.len() == b.len() && a.get(*i) == b.get(*j) && a.get(*j) == b.get(*i)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::test_fixture::workspace;

    /// A journal that practises `git`, `sql`, caching and a homelab (known by
    /// use), with nested tags of people and meetings; min-uses 3, so a tag
    /// used twice is still unknown (and deliberate).
    fn journal() -> Journal {
        let mut ws = workspace(
            r#"
//- log.md
## 2026-11-20
#git #sql #caching #homelab #meeting/standup #person/alice #networks
time:: 1h
## 2026-11-21
#git #homelab #meeting/standup #emotion/happy #terraform-cloud #networks
time:: 1h
## 2026-11-22
#homelab #meeting/retro #terraform-cloud
time:: 1h
"#,
        );
        let config = Config {
            min_uses: 3,
            ..Config::default()
        };
        ws.set_config(config, Vec::new());
        ws
    }

    fn suggestion_for(ws: &Journal, candidates: &KnownNames, tag: &str) -> Option<String> {
        let key = topic_key(tag.trim_start_matches('#'));
        assert!(!ws.is_known_topic(&key), "{tag} must be unknown here");
        suggest(ws, &key, candidates).map(|s| format!("#{s}"))
    }

    /// Real-world tags: the ones that must get no did-you-mean (languages,
    /// tools, clouds, people's nested tags, short names), and typos that
    /// must get the right one.
    #[test]
    fn did_you_mean_table() {
        let no_suggestion = [
            "#rust",
            "#go",
            "#java",
            "#ruby",
            "#swift",
            "#kotlin",
            "#python",
            "#cpp",
            "#aws",
            "#gcp",
            "#azure",
            "#linux",
            "#bash",
            "#vim",
            "#emacs",
            "#react",
            "#vue",
            "#svelte",
            "#django",
            "#rails",
            "#flask",
            "#nodejs",
            "#deno",
            "#helm",
            "#ansible",
            "#jenkins",
            "#github",
            "#gitlab",
            "#nginx",
            "#redis",
            "#sqlite",
            "#mongodb",
            "#grafana",
            "#lambda",
            "#leetcode",
            "#reading",
            "#writing",
            "#math",
            "#meeting/indeed",
            "#emotion/hapy",
            "#person/bob",
            "#book/ddia",
            "#work/payroll",
            "#terraform-cloud",
        ];
        let right = [
            ("#load-balacing", "#load-balancing"),
            ("#laod-balancing", "#load-balancing"),
            ("#LoadBalacing", "#load-balancing"),
            ("#cachign", "#caching"),
            ("#cahcing", "#caching"),
            ("#kubernets", "#kubernetes"),
            ("#kuberentes", "#kubernetes"),
            ("#dockr", "#docker"),
            ("#grapql", "#graphql"),
            ("#graphlq", "#graphql"),
            ("#terrafrom", "#terraform"),
            ("#obervability", "#observability"),
            ("#observabilty", "#observability"),
            ("#microservies", "#microservices"),
            ("#refactorng", "#refactoring"),
            ("#debuging", "#debugging"),
            ("#loging", "#logging"),
            ("#idempotncy", "#idempotency"),
            ("#concurency", "#concurrency"),
            ("#serialisation", "#serialization"),
            ("#authentification", "#authentication"),
            ("#authorisation", "#authorization"),
            ("#static-anaylsis", "#static-analysis"),
            ("#shardng", "#sharding"),
            ("#consensys", "#consensus"),
            ("#postgress", "#postgres"),
            ("#rabitmq", "#rabbitmq"),
            ("#opentelemtry", "#opentelemetry"),
            ("#feature-flgs", "#feature-flags"),
            ("#rate-limitng", "#rate-limiting"),
            ("#code-reveiw", "#code-review"),
            ("#gti", "#git"),
            ("#sqll", "#sql"),
            ("#networkign", "#networking"),
            ("#profilng", "#profiling"),
            ("#hmelab", "#homelab"),
        ];
        assert!(no_suggestion.len() + right.len() >= 60);
        let ws = journal();
        let candidates = known_names(&ws);
        let mut wrong = Vec::new();
        for tag in no_suggestion {
            if let Some(got) = suggestion_for(&ws, &candidates, tag) {
                wrong.push(format!("{tag}: no suggestion wanted, got {got}"));
            }
        }
        for (tag, want) in right {
            let got = suggestion_for(&ws, &candidates, tag);
            if got.as_deref() != Some(want) {
                wrong.push(format!("{tag}: wanted {want}, got {got:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn short_names_need_a_practised_catalog_topic() {
        // `gti` is one swap from `git`, which this journal does not use.
        let ws = workspace("//- log.md\n## 2026-11-20\n#caching\ntime:: 1h\n");
        let candidates = known_names(&ws);
        assert_eq!(suggestion_for(&ws, &candidates, "#gti"), None);
        // Used once, `#networks` is a likely slip for the alias `network`.
        assert_eq!(
            suggestion_for(&ws, &candidates, "#networks"),
            Some("#network".into())
        );
        assert_eq!(
            suggestion_for(&ws, &candidates, "#cachign"),
            Some("#caching".into())
        );
    }

    #[test]
    fn nested_tags_are_corrected_within_their_parent_only() {
        // `emotion/happy` and `emotion/anxious` are known by use (min-uses 2),
        // `feeling/calm` too; `person/` has no known child.
        let ws = workspace(
            r#"
//- log.md
## 2026-11-20
#emotion/happy #emotion/anxious #feeling/calm #LoadBalancing
time:: 1h
## 2026-11-21
#Emotion/Happy #emotion/anxious #feeling/calm
time:: 1h
"#,
        );
        let candidates = known_names(&ws);
        let table = [
            ("#emotion/hapy", Some("#emotion/happy")),
            ("#Emotion/Hapyp", Some("#emotion/happy")),
            ("#emotion/anxiuos", Some("#emotion/anxious")),
            // Never across parents, nor from a nested name to a top-level one.
            ("#feeling/hapy", None),
            ("#person/happy", None),
            ("#emotion/calmm", None),
            // A replaced letter is another word, not a typo.
            ("#emotion/anxiocs", None),
            ("#work/load-balacing", None),
            // A top-level name is never corrected to a nested one.
            ("#anxiuos", None),
            ("#load-balacing", Some("#load-balancing")),
        ];
        for (tag, want) in table {
            assert_eq!(
                suggestion_for(&ws, &candidates, tag).as_deref(),
                want,
                "{tag}"
            );
        }
    }

    #[test]
    fn swaps_are_told_from_replacements() {
        assert!(is_swap("cahcing", "caching"));
        assert!(!is_swap("flask", "flags"));
        assert!(!is_swap("abc", "abc"));
        assert!(!is_swap("abcd", "badc"));
    }

    /// The did-you-mean rules as a plain scan of every known name, without
    /// the length index or the bag bound: what the indexed search must
    /// answer.
    fn did_you_mean_by_scan<'a>(
        key: &str,
        parent: Option<&str>,
        candidates: &'a KnownNames,
    ) -> Option<&'a str> {
        let key_len = key.chars().count();
        if key_len < 2 {
            return None;
        }
        let found: Vec<(usize, bool, &Candidate)> = candidates
            .by_chars
            .iter()
            .flatten()
            .filter(|c| c.key != key && c.parent.as_deref() == parent)
            .filter_map(|c| {
                let name_len = c.key.chars().count();
                let shortest = key_len.min(name_len);
                let short = key_len <= SHORT_NAME && parent.is_none();
                let limit = match () {
                    () if short && !c.used_catalog_topic => return None,
                    () if short || shortest < LONG_NAME => 1,
                    () => 2,
                };
                let distance = strsim::damerau_levenshtein(key, &c.key);
                let replaced_letter = key_len == name_len && !is_swap(key, &c.key);
                if distance > limit || (!short && shortest < LONG_NAME && replaced_letter) {
                    return None;
                }
                Some((distance, c.alias, c))
            })
            .collect();
        closest(found)
    }

    /// With `unknown-topic` off nothing is searched: the check itself
    /// reports no unknown topic (instead of leaving them to be dropped).
    #[test]
    fn unknown_topic_off_skips_the_search() {
        let mut ws = journal();
        let config = Config {
            min_uses: 3,
            severity: [(Code::UnknownTopic, crate::config::SeverityOverride::Off)].into(),
            ..Config::default()
        };
        ws.set_config(config, Vec::new());
        let Some(file) = ws.file("log.md").cloned() else {
            panic!("log.md is in the journal");
        };
        let candidates = Candidates::new();
        let mut out = Vec::new();
        check(&ws, &file, &candidates, &mut out);
        assert!(out.iter().all(|d| d.code != Code::UnknownTopic), "{out:?}");
        assert!(candidates.get().is_none(), "the known names were built");
    }

    proptest::proptest! {
        /// Known names (top-level and nested) with up to three random edits,
        /// and random words: the indexed search answers exactly what a scan
        /// of every name does.
        #[test]
        fn the_index_answers_like_a_scan_of_every_name(
            pick in proptest::prelude::any::<proptest::sample::Index>(),
            edits in proptest::collection::vec((0usize..40, 0u8..4, "[a-z\\-é]"), 0..4),
            word in "[a-z]{0,12}",
        ) {
            let ws = journal();
            let known = known_names(&ws);
            let names: Vec<&Candidate> = known.by_chars.iter().flatten().collect();
            let picked = names[pick.index(names.len())];
            let mut key: Vec<char> = picked.key.chars().collect();
            for (at, kind, letter) in edits {
                let at = at % (key.len() + 1);
                let letter = letter.chars().next().unwrap_or('x');
                match kind {
                    0 => key.insert(at, letter),
                    1 if at < key.len() => { key.remove(at); }
                    2 if at < key.len() => key[at] = letter,
                    _ if at + 1 < key.len() => key.swap(at, at + 1),
                    _ => {}
                }
            }
            let key: String = key.into_iter().collect();
            for (key, parent) in [
                (key.as_str(), picked.parent.as_deref()),
                (word.as_str(), None),
            ] {
                proptest::prop_assert_eq!(
                    did_you_mean(key, parent, &known),
                    did_you_mean_by_scan(key, parent, &known),
                    "{}", key
                );
            }
        }
    }
}
