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
