//! Tests of the topic catalog: built-ins, topic notes, config, aliases.

use std::collections::BTreeSet;

use expect_test::expect;

use super::*;
use crate::config::parse_config;

fn config(text: &str) -> Config {
    let (config, diagnostics) = parse_config(text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    config
}

#[test]
fn builtins_are_many_described_canonical_and_unique() {
    assert!(BUILTIN.len() >= 45, "{}", BUILTIN.len());
    let mut seen = BTreeSet::new();
    let mut keys = BTreeSet::new();
    for topic in BUILTIN {
        assert!(
            !topic.description.trim().is_empty() && !topic.description.contains('\n'),
            "{}",
            topic.name
        );
        assert!(!topic.aliases.is_empty(), "{} has no alias", topic.name);
        for name in std::iter::once(&topic.name).chain(topic.aliases) {
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{name} is not canonical"
            );
            assert!(seen.insert(*name), "{name} appears twice");
            assert!(keys.insert(topic_key(name)), "{name}'s key appears twice");
        }
    }
    let names: Vec<&str> = BUILTIN.iter().map(|t| t.name).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "BUILTIN is kept sorted by name");
}

#[test]
fn the_contract_topics_and_aliases_are_built_in() {
    let catalog = Catalog::build(&Config::default(), &[]);
    for name in [
        "load-balancing",
        "static-analysis",
        "build-optimization",
        "container-orchestration",
        "code-splitting",
        "automated-testing",
        "caching",
        "database-indexing",
        "observability",
        "distributed-tracing",
        "rate-limiting",
        "message-queues",
        "api-design",
        "concurrency",
        "ci-cd",
        "infrastructure-as-code",
    ] {
        let info = catalog.get(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(info.origin, TopicOrigin::Builtin);
        assert!(!info.description.is_empty());
    }
    assert_eq!(catalog.resolve("k8s"), "container-orchestration");
    assert_eq!(catalog.resolve("kubernetes"), "container-orchestration");
    assert_eq!(catalog.resolve("lb"), "load-balancing");
    assert_eq!(
        catalog.get("container-orchestration").unwrap().aliases,
        ["k8s", "kubernetes", "nomad", "orchestration"]
    );
    assert_eq!(catalog.topics().count(), BUILTIN.len());
}

#[test]
fn nested_names_are_topics_of_their_own_described_by_their_last_segment() {
    let catalog = Catalog::build(&Config::default(), &[]);
    assert_eq!(catalog.resolve("load-balancing"), "load-balancing");
    assert_eq!(catalog.resolve("LoadBalancing"), "load-balancing");
    assert_eq!(catalog.resolve("load_balancing"), "load-balancing");
    assert_eq!(catalog.resolve("dev/load-balancing"), "dev/loadbalancing");
    assert_eq!(catalog.resolve("ops/k8s"), "ops/k8s");
    assert_eq!(catalog.resolve("made-up"), "madeup");
    assert_eq!(catalog.resolve("area/made-up"), "area/madeup");
    assert_eq!(
        catalog
            .describe("dev/LoadBalancing")
            .map(|t| t.name.as_str()),
        Some("load-balancing")
    );
    assert_eq!(
        catalog.describe("ops/k8s").map(|t| t.name.as_str()),
        Some("container-orchestration")
    );
    assert!(catalog.knows("ops/k8s"));
    assert!(catalog.knows("caching"));
    assert!(catalog.knows("Caching"));
    assert!(!catalog.knows("made-up"));
    assert!(!catalog.knows("area/made-up"));
}

#[test]
fn builtin_false_switches_the_builtins_off() {
    let catalog = Catalog::build(&config("[topics]\nbuiltin = false\n"), &[]);
    assert_eq!(catalog.topics().count(), 0);
    assert_eq!(catalog.aliases().count(), 0);
    assert_eq!(catalog.resolve("k8s"), "k8s");
}

#[test]
fn topic_notes_add_and_refine_topics() {
    let notes = [
        TopicNote {
            path: "topics/chaos-engineering.md",
            stem: "chaos-engineering",
            text: "---\naliases: [chaos]\n---\n# Chaos engineering\n\nInjecting **faults** on\npurpose, to learn.\n\nMore.\n",
        },
        TopicNote {
            path: "topics/caching.md",
            stem: "caching",
            text: "# Caching\n\nMy own notes on [[cache invalidation|invalidation]].\n",
        },
        TopicNote {
            path: "topics/Empty Note.md",
            stem: "Empty Note",
            text: "# Only a heading\n",
        },
        TopicNote {
            path: "topics/k8s.md",
            stem: "k8s",
            text: "Kubernetes, my way.",
        },
    ];
    let catalog = Catalog::build(&Config::default(), &notes);
    let chaos = catalog.get("chaos-engineering").unwrap();
    assert_eq!(chaos.description, "Injecting faults on purpose, to learn.");
    assert_eq!(
        chaos.origin,
        TopicOrigin::Note {
            path: "topics/chaos-engineering.md".to_string()
        }
    );
    let caching = catalog.get("caching").unwrap();
    assert_eq!(caching.description, "My own notes on invalidation.");
    assert!(
        caching.aliases.contains(&"cache".to_string()),
        "built-in aliases stay"
    );
    let empty_name = crate::topic::as_tag("Empty Note");
    assert_eq!(catalog.get(&empty_name).unwrap().description, "");
    // A note named like a built-in alias is its own topic.
    assert_eq!(catalog.resolve("k8s"), "k8s");
    assert_eq!(
        catalog.get("k8s").unwrap().description,
        "Kubernetes, my way."
    );
    assert_eq!(catalog.resolve("kubernetes"), "container-orchestration");
}

#[test]
fn config_topics_and_aliases() {
    let config = config(
        r#"[topics]
custom = { "chaos-engineering" = "Injecting faults on purpose", "caching" = "Config words" }
aliases = { "chaos" = "chaos-engineering", "ce" = "chaos", "ghost" = "not-a-topic", "lb" = "logging", "observability" = "logging" }
"#,
    );
    let catalog = Catalog::build(&config, &[]);
    let chaos = catalog.get("chaos-engineering").unwrap();
    assert_eq!(chaos.origin, TopicOrigin::Config);
    assert_eq!(chaos.aliases, ["ce", "chaos"]);
    assert_eq!(
        catalog.resolve("ce"),
        "chaos-engineering",
        "alias of an alias"
    );
    assert_eq!(catalog.get("caching").unwrap().description, "Config words");
    // A target outside the catalog is its key, spelt as the config writes it.
    assert_eq!(catalog.resolve("ghost"), "notatopic");
    assert_eq!(catalog.spelling("notatopic"), Some("not-a-topic"));
    assert!(catalog.knows("ghost"));
    assert_eq!(
        catalog.resolve("lb"),
        "logging",
        "config alias beats built-in alias"
    );
    assert_eq!(catalog.resolve("observability"), "logging");
    assert!(!catalog.contains("observability"));
}

#[test]
fn alias_cycles_terminate() {
    // The config drops the aliases of a cycle (a `config-error`); the
    // catalog must end even when handed one.
    let mut config = Config::default();
    config.aliases.insert("a".into(), "b".into());
    config.aliases.insert("b".into(), "a".into());
    config.aliases.insert("c".into(), "a".into());
    let catalog = Catalog::build(&config, &[]);
    assert_eq!(catalog.resolve("c"), "a");
    let a = catalog.resolve("a");
    assert!(a == "a" || a == "b");
}

#[test]
fn topic_note_paths() {
    let config = Config::default();
    assert_eq!(
        topic_note_stem(&config, "topics/caching.md"),
        Some("caching")
    );
    assert_eq!(
        topic_note_stem(&config, "topics/infra/k8s.markdown"),
        Some("k8s")
    );
    assert_eq!(topic_note_stem(&config, "topicsx/caching.md"), None);
    assert_eq!(topic_note_stem(&config, "journal/caching.md"), None);
    assert_eq!(topic_note_stem(&config, "topics/.md"), None);
}

#[test]
fn descriptions() {
    let cases = [
        "Plain first line.\nSecond line.\n\nSecond paragraph.",
        "\u{feff}---\ntitle: x\n---\n\n# Heading\n\n## Sub\nThe `first` *real* __paragraph__ with a [link](https://x.y) and [[Note#h]].\n",
        "Setext\n======\n\n> Quoted _emphasis_ keeps snake_case.\n",
        "#topic #tag\naliases:: lb\n\n```\ncode\n```\n\n- A list item\n- another\n",
        "---\nunclosed: frontmatter\nstill text\n",
        "# Only headings\n\n## Here\n",
        "# Old Mac\r\rFirst\rsecond\r\rthird",
        "",
    ];
    let out: Vec<String> = cases.iter().map(|c| note_description(c)).collect();
    expect![[r#"
        [
            "Plain first line. Second line.",
            "The first real paragraph with a link and Note.",
            "Quoted emphasis keeps snake_case.",
            "A list item another",
            "unclosed: frontmatter still text",
            "",
            "First second",
            "",
        ]
    "#]]
    .assert_debug_eq(&out);
}

#[test]
fn long_descriptions_are_cut_at_a_word() {
    let long = "word ".repeat(200);
    let d = note_description(&long);
    assert!(d.chars().count() <= 281 && d.ends_with('…'), "{d}");
}

#[test]
fn a_config_alias_closing_a_cycle_with_a_builtin_alias_leaves_no_alias_loop() {
    // Built in, `k8s` is an alias of `container-orchestration`; the config
    // makes that topic an alias of `k8s`. The resolution ends at one of
    // the two instead of going round.
    let config = config("[topics]\naliases = { \"container-orchestration\" = \"k8s\" }\n");
    let catalog = Catalog::build(&config, &[]);
    for name in ["k8s", "container-orchestration"] {
        let resolved = catalog.resolve(name);
        assert!(
            resolved == "k8s" || resolved == "containerorchestration",
            "{name} -> {resolved}"
        );
        assert!(
            catalog.spelling(&resolved).is_some(),
            "{resolved} keeps its name"
        );
    }
}

// ----- incremental updates -----

/// Every observable of a catalog, for comparing an updated one with a
/// fresh build: its topics (names, descriptions, aliases, origins), its
/// aliases, and every lookup of each name in `probes`.
fn observed(catalog: &Catalog, probes: &[&str]) -> String {
    let topics: Vec<&TopicInfo> = catalog.topics().collect();
    let aliases: Vec<(&str, &str)> = catalog.aliases().collect();
    let lookups: Vec<_> = probes
        .iter()
        .map(|name| {
            (
                name,
                catalog.resolve(name),
                catalog.knows(name),
                catalog.contains(name),
                catalog.get(name).cloned(),
                catalog.describe(name).map(|t| t.name.clone()),
                catalog.spelling(&topic_key(name)),
            )
        })
        .collect();
    format!("{topics:#?}\n{aliases:#?}\n{lookups:#?}")
}

/// The catalog a build makes of a journal's topic notes as they are now.
fn fresh(ws: &crate::journal::Journal) -> Catalog {
    let named: Vec<(&str, String, &str)> = ws
        .topic_notes()
        .filter_map(|path| {
            let file = ws.file(path)?;
            let name = topic_note_name(ws.config(), path)?.into_owned();
            Some((path, name, &*file.text))
        })
        .collect();
    let notes: Vec<TopicNote<'_>> = named
        .iter()
        .map(|(path, stem, text)| TopicNote { path, stem, text })
        .collect();
    Catalog::build(ws.config(), &notes)
}

/// Topic note paths whose names collide in every way a catalog meets:
/// a built-in's name in other spellings and folders, built-in aliases (one
/// in a config cycle), config aliases and their targets, custom topics,
/// two notes of one key, a name that is no name.
const NOTE_PATHS: &[&str] = &[
    "topics/caching.md",
    "topics/Caching.md",
    "topics/deep/caching.md",
    "topics/cache.md",
    "topics/k8s.md",
    "topics/kube/K8s.md",
    "topics/chaos.md",
    "topics/chaos-engineering.md",
    "topics/ce.md",
    "topics/not-a-topic.md",
    "topics/Rust Lang.md",
    "topics/rust_lang.md",
    "topics/lb.md",
    "topics/logging.md",
    "topics/---.md",
];

const NOTE_TEXTS: &[&str] = &[
    "",
    "# Heading only\n",
    "# Caching\n\nFirst words on it.\n",
    "Other words, on **this**.\n",
    "---\ntitle: x\n---\nFrom the frontmatter on.\n",
];

/// Names looked up in every comparison: the notes' names, the configs'
/// names, built-in names and aliases, nested names.
const PROBES: &[&str] = &[
    "caching",
    "Caching",
    "cache",
    "k8s",
    "K8s",
    "kubernetes",
    "container-orchestration",
    "chaos",
    "chaos-engineering",
    "ce",
    "ghost",
    "not-a-topic",
    "notatopic",
    "rust-lang",
    "RustLang",
    "lb",
    "logging",
    "observability",
    "load-balancing",
    "backend/caching",
    "area/cache",
    "made-up",
    "---",
];

const CONFIGS: &[&str] = &[
    "",
    r#"[topics]
custom = { "chaos-engineering" = "Injecting faults on purpose", "caching" = "Config words", "Rust Lang" = "" }
aliases = { "chaos" = "chaos-engineering", "ce" = "chaos", "ghost" = "not-a-topic", "lb" = "logging", "observability" = "logging", "container-orchestration" = "k8s" }
"#,
    r#"[topics]
builtin = false
custom = { "logging" = "Logs" }
aliases = { "lb" = "logging", "cache" = "caching" }
"#,
];

#[derive(Clone, Debug)]
enum Step {
    /// Writes a topic note (a new one or a new version).
    Topic(usize, usize),
    /// Deletes a topic note.
    RemoveTopic(usize),
    /// Writes an ordinary note that mentions topics.
    Ordinary(usize, usize),
    RemoveOrdinary(usize),
}

fn ordinary_path(i: usize) -> String {
    format!("journal/2026-11-{:02}.md", i + 1)
}

fn ordinary_text(i: usize) -> String {
    let tags = [
        "#caching",
        "#cache #k8s",
        "#chaos #ce",
        "#rust-lang #lb",
        "#logging #ghost",
    ];
    format!(
        "## 2026-11-{:02}\n\ntopic:: {}\ntime:: 30m\n",
        i + 1,
        tags[i % tags.len()]
    )
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        4 => (0..NOTE_PATHS.len(), 0..NOTE_TEXTS.len()).prop_map(|(p, t)| Step::Topic(p, t)),
        2 => (0..NOTE_PATHS.len()).prop_map(Step::RemoveTopic),
        1 => (0..4usize, 0..5usize).prop_map(|(p, t)| Step::Ordinary(p, t)),
        1 => (0..4usize).prop_map(Step::RemoveOrdinary),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

    /// After any sequence of topic-note writes and deletions (and ordinary
    /// notes around them), the journal's catalog, updated note by note, is
    /// the catalog a build makes of the final files, and the topic facts
    /// that follow it are those of a journal loaded afresh.
    #[test]
    fn updated_catalog_equals_a_fresh_build(
        config_at in 0..CONFIGS.len(),
        initial in proptest::collection::vec((0..NOTE_PATHS.len(), 0..NOTE_TEXTS.len()), 0..6),
        steps in proptest::collection::vec(step(), 1..24),
    ) {
        let config = config(CONFIGS[config_at]);
        let mut ws = crate::journal::Journal::new(config.clone(), Vec::new());
        for (p, t) in initial {
            ws.set_file(NOTE_PATHS[p], std::sync::Arc::from(NOTE_TEXTS[t]));
        }
        for step in steps {
            match step {
                Step::Topic(p, t) => {
                    ws.set_file(NOTE_PATHS[p], std::sync::Arc::from(NOTE_TEXTS[t]));
                }
                Step::RemoveTopic(p) => {
                    ws.remove_file(NOTE_PATHS[p]);
                }
                Step::Ordinary(p, t) => {
                    ws.set_file(&ordinary_path(p), std::sync::Arc::from(ordinary_text(t)));
                }
                Step::RemoveOrdinary(p) => {
                    ws.remove_file(&ordinary_path(p));
                }
            }
        }
        proptest::prop_assert_eq!(observed(ws.catalog(), PROBES), observed(&fresh(&ws), PROBES));
        let mut loaded = crate::journal::Journal::new(config, Vec::new());
        loaded.insert_parsed_many(ws.files().cloned().collect::<Vec<_>>());
        proptest::prop_assert_eq!(ws.known_topics(), loaded.known_topics());
        for name in PROBES {
            let topic = ws.resolve_topic(name);
            proptest::prop_assert_eq!(&topic, &loaded.resolve_topic(name));
            proptest::prop_assert_eq!(ws.topic_uses(&topic), loaded.topic_uses(&topic));
            proptest::prop_assert_eq!(ws.shown_topic(&topic), loaded.shown_topic(&topic));
        }
    }
}

/// A journal of `config` holding the topic notes `notes` (path, text).
fn journal_with(config_text: &str, notes: &[(&str, &str)]) -> crate::journal::Journal {
    let mut ws = crate::journal::Journal::new(config(config_text), Vec::new());
    for (path, text) in notes {
        ws.set_file(path, std::sync::Arc::from(*text));
    }
    ws
}

/// Checks a journal's catalog against a fresh build of its notes.
fn assert_fresh(ws: &crate::journal::Journal) {
    assert_eq!(observed(ws.catalog(), PROBES), observed(&fresh(ws), PROBES));
}

#[test]
fn topic_note_edits_after_load_build_no_whole_catalog() {
    let mut ws = journal_with(
        "",
        &[
            ("topics/caching.md", "# Caching\n\nMine.\n"),
            ("topics/k8s.md", "Kubernetes, my way.\n"),
            (
                "journal/2026-11-01.md",
                "## 2026-11-01\n\ntopic:: #caching\n",
            ),
        ],
    );
    let before = FULL_BUILDS.with(std::cell::Cell::get);
    assert!(before > 0, "loading the journal built its catalog");
    // A keystroke, a new note, a note named like a built-in alias going,
    // a note's removal.
    ws.set_file(
        "topics/caching.md",
        std::sync::Arc::from("# Caching\n\nMine!\n"),
    );
    ws.set_file("topics/rust.md", std::sync::Arc::from("Rust.\n"));
    ws.remove_file("topics/k8s.md");
    ws.remove_file("topics/rust.md");
    assert_eq!(
        FULL_BUILDS.with(std::cell::Cell::get),
        before,
        "no whole catalog was built"
    );
    assert_eq!(
        ws.catalog().get("caching").map(|t| t.description.as_str()),
        Some("Mine!")
    );
    assert_eq!(ws.catalog().resolve("k8s"), "container-orchestration");
    assert_fresh(&ws);
}

#[test]
fn a_description_edit_leaves_the_names_revision() {
    let mut ws = journal_with("", &[("topics/caching.md", "# Caching\n\nMine.\n")]);
    let revision = ws.catalog().names_revision();
    ws.set_file(
        "topics/caching.md",
        std::sync::Arc::from("# Caching\n\nOther words.\n"),
    );
    assert_eq!(ws.catalog().names_revision(), revision);
    ws.set_file("topics/rust.md", std::sync::Arc::from("Rust.\n"));
    assert_ne!(
        ws.catalog().names_revision(),
        revision,
        "a new topic moves it"
    );
    assert_fresh(&ws);
}

#[test]
fn two_notes_of_one_key_keep_the_first_name_and_the_last_description() {
    let mut ws = journal_with(
        "",
        &[
            ("topics/b/rust_lang.md", "Second words.\n"),
            ("topics/a/Rust Lang.md", "First words.\n"),
        ],
    );
    let rust = ws.catalog().get("rust-lang").cloned();
    assert_eq!(rust.as_ref().map(|t| t.name.as_str()), Some("Rust-Lang"));
    assert_eq!(
        rust.as_ref().map(|t| t.description.as_str()),
        Some("Second words.")
    );
    assert_fresh(&ws);
    // The later note says nothing: the earlier one's words show, its
    // origin stays the later note's.
    ws.set_file(
        "topics/b/rust_lang.md",
        std::sync::Arc::from("# Only a heading\n"),
    );
    let rust = ws.catalog().get("rust-lang").cloned();
    assert_eq!(
        rust.as_ref().map(|t| t.description.as_str()),
        Some("First words.")
    );
    assert_eq!(
        rust.map(|t| t.origin),
        Some(TopicOrigin::Note {
            path: "topics/b/rust_lang.md".to_string()
        })
    );
    assert_fresh(&ws);
    // The first note goes: the name is the other note's.
    ws.remove_file("topics/a/Rust Lang.md");
    assert_eq!(
        ws.catalog().get("rust-lang").map(|t| t.name.as_str()),
        Some("rust_lang")
    );
    assert_fresh(&ws);
}

#[test]
fn a_note_refining_a_builtin_keeps_its_name_and_aliases_and_gives_them_back() {
    let mut ws = journal_with("", &[("topics/Caching.md", "")]);
    let caching = ws.catalog().get("caching").cloned();
    assert_eq!(caching.as_ref().map(|t| t.name.as_str()), Some("caching"));
    assert!(
        caching.as_ref().is_some_and(|t| !t.description.is_empty()),
        "the built-in's words stay"
    );
    assert!(caching.is_some_and(|t| t.aliases.contains(&"cache".to_string())));
    ws.remove_file("topics/Caching.md");
    assert_eq!(
        ws.catalog().get("caching").map(|t| t.origin.clone()),
        Some(TopicOrigin::Builtin)
    );
    assert_fresh(&ws);
}

#[test]
fn a_note_named_like_a_builtin_alias_takes_it_over_and_gives_it_back() {
    let mut ws = journal_with("", &[]);
    assert_eq!(ws.catalog().resolve("cache"), "caching");
    ws.set_file("topics/cache.md", std::sync::Arc::from("My cache notes.\n"));
    assert_eq!(ws.catalog().resolve("cache"), "cache");
    assert!(
        ws.catalog()
            .get("caching")
            .is_some_and(|t| !t.aliases.contains(&"cache".to_string()))
    );
    assert_fresh(&ws);
    ws.remove_file("topics/cache.md");
    assert_eq!(ws.catalog().resolve("cache"), "caching");
    assert_fresh(&ws);
}

#[test]
fn config_aliases_win_over_notes_of_their_name_and_gain_a_topic_from_a_note() {
    let config_text = "[topics]\naliases = { \"ce\" = \"chaos\", \"ghost\" = \"not-a-topic\", \"container-orchestration\" = \"k8s\" }\n";
    let mut ws = journal_with(config_text, &[("topics/ce.md", "Mine.\n")]);
    assert!(
        !ws.catalog().contains("ce"),
        "the config's alias holds the name"
    );
    assert_eq!(ws.catalog().spelling("notatopic"), Some("not-a-topic"));
    // The target of a config alias becomes a topic, with the alias listed.
    ws.set_file(
        "topics/Not a Topic.md",
        std::sync::Arc::from("Now it is.\n"),
    );
    let target = ws.catalog().get("not-a-topic").cloned();
    assert_eq!(
        target.as_ref().map(|t| t.aliases.clone()),
        Some(vec!["ghost".to_string()])
    );
    assert_eq!(ws.catalog().spelling("notatopic"), Some("Not-a-Topic"));
    assert_fresh(&ws);
    // A note breaks the config's cycle with the built-in alias `k8s`.
    ws.set_file("topics/k8s.md", std::sync::Arc::from("Kubernetes.\n"));
    assert_eq!(ws.catalog().resolve("container-orchestration"), "k8s");
    assert_fresh(&ws);
    ws.remove_file("topics/k8s.md");
    ws.remove_file("topics/Not a Topic.md");
    assert_eq!(ws.catalog().spelling("notatopic"), Some("not-a-topic"));
    assert_fresh(&ws);
}
