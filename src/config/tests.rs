//! Tests of `studylog.toml` parsing, settings layering and the journal filter.

use expect_test::{Expect, expect};

use super::*;
use crate::text::{ColumnUnit, LineIndex};

/// Parses `text` and renders each diagnostic as `line:col: message` (1-based)
/// with the text it sits on.
fn check_problems(text: &str, expect: Expect) {
    let (_, diagnostics) = parse_config(text);
    expect.assert_eq(&render(text, &diagnostics));
}

fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in diagnostics {
        assert_eq!(d.code, Code::ConfigError);
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.path, CONFIG_FILE);
        let pos = index.position(text, d.span.start(), ColumnUnit::Scalar);
        out.push_str(&format!(
            "{}:{}: `{}` {}\n",
            pos.line + 1,
            pos.col + 1,
            d.span.slice(text),
            d.message
        ));
    }
    out
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn empty_file_is_all_defaults() {
    let (config, diagnostics) = parse_config("");
    assert_eq!(config, file_defaults());
    assert!(diagnostics.is_empty());
}

#[test]
fn every_key_applies() {
    let text = r#"
[journal]
include = ["journal/**/*.md", "*.markdown"]
exclude = ["templates/**"]
cadence = "3/week"
start = "2026-01-01"
required = ["Topics", "duration", "reflection"]
topics-dir = "./notes/topics/"
min-uses = 3

[topics]
builtin = false
custom = { "Chaos Engineering" = "Injecting faults on purpose", "EventSourcing" = " Events as truth " }
aliases = { "CE" = "chaos_engineering", "lb" = "load-balancing" }

[severity]
missed-days = "information"
topic-spelling = "off"
empty-entry = "Error"

[editor]
inlay-hints = false
"#;
    let (config, diagnostics) = parse_config(text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(config.include, ["journal/**/*.md", "*.markdown"]);
    assert_eq!(config.exclude, ["templates/**"]);
    assert_eq!(config.cadence, Cadence::PerWeek(3));
    assert_eq!(config.start, Some(date("2026-01-01")));
    assert_eq!(
        config.required,
        [FieldKind::Topics, FieldKind::Time, FieldKind::Learned]
    );
    assert_eq!(config.topics_dir, "notes/topics");
    assert_eq!(config.min_uses, 3);
    assert!(!config.builtin_topics);
    let custom: Vec<(&str, &str)> = config
        .custom_topics
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        custom,
        [
            (
                crate::topic::as_tag("Chaos Engineering").as_str(),
                "Injecting faults on purpose"
            ),
            (
                crate::topic::as_tag("EventSourcing").as_str(),
                "Events as truth"
            ),
        ]
    );
    assert_eq!(
        config.aliases.get("lb").map(String::as_str),
        Some("load-balancing")
    );
    assert_eq!(
        config.aliases.get("CE").map(String::as_str),
        Some(crate::topic::as_tag("chaos_engineering").as_str())
    );
    assert_eq!(
        config.severity.get(&Code::MissedDays),
        Some(&SeverityOverride::Set(Severity::Information))
    );
    assert_eq!(
        config.severity.get(&Code::EmptyEntry),
        Some(&SeverityOverride::Set(Severity::Error))
    );
    assert!(!config.inlay_hints);
}

#[test]
fn severity_off_removes_the_check() {
    let (config, diagnostics) = parse_config("[severity]\nmissed-days = \"off\"\n");
    assert!(diagnostics.is_empty());
    assert_eq!(
        config.severity_of(Code::MissedDays, Severity::Warning),
        None
    );
    assert_eq!(
        config.severity_of(Code::FutureDate, Severity::Warning),
        Some(Severity::Warning)
    );
}

#[test]
fn cadences() {
    for (text, cadence) in [
        ("daily", Some(Cadence::Daily)),
        ("Weekdays", Some(Cadence::Weekdays)),
        ("off", Some(Cadence::Off)),
        ("1/week", Some(Cadence::PerWeek(1))),
        (" 7 / week ", Some(Cadence::PerWeek(7))),
        ("0/week", None),
        ("8/week", None),
        ("3/day", None),
        ("x/week", None),
        ("sometimes", None),
        ("", None),
    ] {
        assert_eq!(parse_cadence(text), cadence, "{text:?}");
    }
}

#[test]
fn start_accepts_a_toml_date_and_only_real_padded_dates() {
    let (config, diagnostics) = parse_config("[journal]\nstart = 2026-03-01\n");
    assert!(diagnostics.is_empty());
    assert_eq!(config.start, Some(date("2026-03-01")));
    assert_eq!(apply::parse_date("2026-1-05"), None);
    assert_eq!(apply::parse_date("2026-02-30"), None);
    assert_eq!(apply::parse_date("2026-02-28x"), None);
    assert_eq!(apply::parse_date("２０２６-02-28"), None);
}

#[test]
fn bad_values_are_reported_on_their_line_and_replaced_by_the_default() {
    let text = r#"[journal]
include = []
exclude = "templates/[**"
cadence = "sometimes"
start = "2026-02-30"
required = ["topic", "mood", 3]
topics-dir = "../elsewhere"
min-uses = 0

[topics]
builtin = "yes"
custom = { "chaos" = 1, "---" = "nothing" }
aliases = { "lb" = 5 }

[severity]
missed-days = "loud"

[editor]
inlay-hints = "on"
"#;
    let (config, diagnostics) = parse_config(text);
    let mut expected = file_defaults();
    expected.custom_topics.clear();
    assert_eq!(config, expected);
    expect![[r#"
        2:11: `[]` `include = []` would leave the journal empty: give at least one glob, e.g. "**/*.md"; using the default
        3:11: `"templates/[**"` `exclude`: "templates/[**" is not a valid glob (unclosed character class; missing ']'); it is ignored
        4:11: `"sometimes"` `cadence = "sometimes"` is not a cadence: use "daily", "weekdays", "off" or "N/week" with N from 1 to 7; using the default "daily"
        5:9: `"2026-02-30"` `start = "2026-02-30"` is not valid: `start` accepts a real calendar date written YYYY-MM-DD, e.g. "2026-01-01"; using the default
        6:22: `"mood"` `required`: "mood" is not a known field; `required` accepts a list of field names: time (or duration, spent), topic (or topics), practiced, learned (or reflection, lesson), next, confidence, source; using the default ["topic", "time"]
        6:30: `3` `required`: 3 is not a known field; `required` accepts a list of field names: time (or duration, spent), topic (or topics), practiced, learned (or reflection, lesson), next, confidence, source; using the default ["topic", "time"]
        7:14: `"../elsewhere"` `topics-dir = "../elsewhere"` is not valid: `topics-dir` accepts a folder relative to the workspace, e.g. "topics" (not empty, not absolute, no `..`); using the default
        8:12: `0` `min-uses = 0` is not valid: `min-uses` accepts a whole number of entries, 1 or more (default 2); using the default
        11:11: `"yes"` `builtin = "yes"` is not valid: `builtin` accepts true or false; using the default
        12:22: `1` `custom`: the description of `chaos` must be a string, not 1; `custom` accepts a table of topic names and one-line descriptions, e.g. { "chaos-engineering" = "Injecting faults on purpose" }, or a list of topic names
        12:25: `"---"` "---" is not a topic name: a topic needs letters or digits, e.g. "load-balancing"; it is ignored
        13:20: `5` `aliases`: alias `lb` must name a topic as a string, e.g. "load-balancing", not 5
        16:15: `"loud"` `missed-days = "loud"` is not a severity: use "error", "warning", "information", "hint" or "off"; `missed-days` keeps its default (warning)
        19:15: `"on"` `inlay-hints = "on"` is not valid: `inlay-hints` accepts true or false; using the default
    "#]]
    .assert_eq(&render(text, &diagnostics));
}

#[test]
fn a_bad_value_leaves_the_rest_of_the_file_in_force() {
    let text =
        "[journal]\ncadence = \"never\"\nmin-uses = 4\n\n[severity]\nfuture-date = \"error\"\n";
    let (config, diagnostics) = parse_config(text);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(config.cadence, Cadence::Daily);
    assert_eq!(config.min_uses, 4);
    assert_eq!(
        config.severity.get(&Code::FutureDate),
        Some(&SeverityOverride::Set(Severity::Error))
    );
}

#[test]
fn unknown_keys_and_sections_suggest_the_right_name() {
    check_problems(
        r#"cadence = "daily"
[journl]
x = 1
[journal]
cadance = "daily"
topics_dir = "t"
colour = "blue"
[topics]
alias = { "lb" = "load-balancing" }
[severity]
missed-day = "off"
made-up-check = "off"
[editor]
inlay_hint = true
[ui]
"#,
        expect![[r#"
            1:1: `cadence` unknown setting `cadence`: `cadence` belongs in the `[journal]` section
            2:2: `journl` unknown setting `journl`: did you mean `[journal]`?
            5:1: `cadance` unknown key `cadance` in `[journal]`; did you mean `cadence`? the keys of `[journal]` are include, exclude, cadence, start, required, topics-dir, min-uses, max-files, date-order, daily-note-format
            6:1: `topics_dir` unknown key `topics_dir` in `[journal]`; did you mean `topics-dir`? the keys of `[journal]` are include, exclude, cadence, start, required, topics-dir, min-uses, max-files, date-order, daily-note-format
            7:1: `colour` unknown key `colour` in `[journal]`; the keys of `[journal]` are include, exclude, cadence, start, required, topics-dir, min-uses, max-files, date-order, daily-note-format
            9:1: `alias` unknown key `alias` in `[topics]`; did you mean `aliases`? the keys of `[topics]` are builtin, custom, aliases
            11:1: `missed-day` unknown check `missed-day` in `[severity]`; did you mean `missed-days`? the checks are invalid-date, date-mismatch, future-date, duplicate-date, date-order, missed-days, empty-entry, missing-field, field-habit, invalid-duration, day-overflow, invalid-field, unknown-topic, topic-spelling, broken-link, unresolved-link, frontmatter-syntax, config-error
            12:1: `made-up-check` unknown check `made-up-check` in `[severity]`; the checks are invalid-date, date-mismatch, future-date, duplicate-date, date-order, missed-days, empty-entry, missing-field, field-habit, invalid-duration, day-overflow, invalid-field, unknown-topic, topic-spelling, broken-link, unresolved-link, frontmatter-syntax, config-error
            14:1: `inlay_hint` unknown key `inlay_hint` in `[editor]`; did you mean `inlay-hints`? the keys of `[editor]` are inlay-hints, docs-url
            15:2: `ui` unknown setting `ui`: the sections are [journal], [topics], [links], [fields], [severity] and [editor]
        "#]],
    );
}

#[test]
fn misspelt_values_get_a_suggestion() {
    check_problems(
        "[journal]\ncadence = \"weekday\"\nrequired = [\"tiem\"]\n",
        expect![[r#"
            2:11: `"weekday"` `cadence = "weekday"` is not a cadence (did you mean "weekdays"?): use "daily", "weekdays", "off" or "N/week" with N from 1 to 7; using the default "daily"
            3:13: `"tiem"` `required`: "tiem" is not a known field (did you mean "time"?); `required` accepts a list of field names: time (or duration, spent), topic (or topics), practiced, learned (or reflection, lesson), next, confidence, source; using the default ["topic", "time"]
        "#]],
    );
}

#[test]
fn a_section_that_is_not_a_table() {
    check_problems(
        "journal = \"daily\"\n",
        expect![[r#"
            1:11: `"daily"` `journal` must be a table (a `[journal]` section), not "daily"
        "#]],
    );
}

#[test]
fn syntax_error_is_reported_where_it_is_and_all_defaults_apply() {
    let text = "[journal]\ncadence = \"weekdays\"\nmin-uses = = 3\n";
    let (config, diagnostics) = parse_config(text);
    assert_eq!(config, file_defaults());
    assert!(!diagnostics.is_empty());
    expect![[r#"
        3:12: `=` studylog.toml is not valid TOML: extra `=`, expected nothing; every setting of the file is at its default until this is fixed
    "#]].assert_eq(&render(text, &diagnostics));
}

#[test]
fn duplicate_keys_are_a_syntax_error() {
    let text = "[journal]\nmin-uses = 3\nmin-uses = 4\n";
    let (config, diagnostics) = parse_config(text);
    assert_eq!(config, file_defaults());
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(LineIndex::new(text).line_of(diagnostics[0].span.start()), 2);
}

#[test]
fn a_bom_does_not_shift_positions() {
    let text = "\u{feff}[journal]\ncadence = \"nope\"\n";
    let (_, diagnostics) = parse_config(text);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].span.slice(text), "\"nope\"");
}

#[test]
fn custom_topics_as_a_list_of_names() {
    let (config, diagnostics) = parse_config("[topics]\ncustom = [\"chaos\", \"#fuzzing\"]\n");
    assert!(diagnostics.is_empty());
    let names: Vec<&str> = config.custom_topics.keys().map(String::as_str).collect();
    assert_eq!(names, ["chaos", "fuzzing"]);
}

fn settings(json_like_toml: &str) -> toml::Table {
    json_like_toml.parse().unwrap()
}

#[test]
fn settings_apply_when_there_is_no_file() {
    let s = settings(
        "journal = { cadence = \"weekdays\", min-uses = 5 }\nseverity = { missed-days = \"hint\" }\n",
    );
    let (config, diagnostics, warnings) = resolve_config(None, Some(&s));
    assert!(diagnostics.is_empty() && warnings.is_empty());
    assert_eq!(config.cadence, Cadence::Weekdays);
    assert_eq!(config.min_uses, 5);
    assert_eq!(
        config.severity_of(Code::MissedDays, Severity::Warning),
        Some(Severity::Hint)
    );
}

#[test]
fn the_file_wins_key_by_key_over_settings() {
    let s = settings(
        r#"
journal = { cadence = "weekdays", min-uses = 5 }
topics = { aliases = { "lb" = "logging", "k" = "kafka" } }
severity = { missed-days = "hint", future-date = "error" }
editor = { inlay-hints = false }
"#,
    );
    let file = "[journal]\ncadence = \"2/week\"\n[topics]\naliases = { \"lb\" = \"load-balancing\" }\n[severity]\nmissed-days = \"off\"\n";
    let (config, diagnostics, warnings) = resolve_config(Some(file), Some(&s));
    assert!(diagnostics.is_empty() && warnings.is_empty());
    assert_eq!(config.cadence, Cadence::PerWeek(2), "file wins");
    assert_eq!(config.min_uses, 5, "only in settings");
    assert_eq!(
        config.aliases.get("lb").map(String::as_str),
        Some("load-balancing")
    );
    assert_eq!(config.aliases.get("k").map(String::as_str), Some("kafka"));
    assert_eq!(
        config.severity_of(Code::MissedDays, Severity::Warning),
        None
    );
    assert_eq!(
        config.severity_of(Code::FutureDate, Severity::Warning),
        Some(Severity::Error)
    );
    assert!(!config.inlay_hints);
}

#[test]
fn bad_settings_are_plain_warnings_and_a_broken_file_keeps_the_settings() {
    let s = settings("journal = { cadence = \"often\", cadense = \"daily\" }\nfoo = 1\n");
    let (config, diagnostics, warnings) = resolve_config(Some("[journal"), Some(&s));
    assert_eq!(config.cadence, Cadence::Daily);
    assert_eq!(diagnostics.len(), 1);
    expect![[r#"
        studylog setting `foo`: unknown setting `foo`: the sections are [journal], [topics], [links], [fields], [severity] and [editor]
        studylog setting `journal.cadence`: `cadence = "often"` is not a cadence: use "daily", "weekdays", "off" or "N/week" with N from 1 to 7; using the default "daily"
        studylog setting `journal.cadense`: unknown key `cadense` in `[journal]`; did you mean `cadence`? the keys of `[journal]` are include, exclude, cadence, start, required, topics-dir, min-uses, max-files, date-order, daily-note-format
    "#]]
    .assert_eq(&(warnings.join("\n") + "\n"));

    let s = settings("editor = { inlayHints = false }\n");
    let (_, _, warnings) = resolve_config(None, Some(&s));
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].contains("did you mean `inlay-hints`?"),
        "{}",
        warnings[0]
    );

    let s = settings("journal = { min-uses = 7 }\n");
    let (config, _, _) = resolve_config(Some("[journal"), Some(&s));
    assert_eq!(config.min_uses, 7);
}

#[test]
fn journal_filter_default() {
    let filter = JournalFilter::default();
    for (path, expected) in [
        ("2026-11-26.md", true),
        ("journal/2026/11/2026-11-26.md", true),
        ("notes/Week.MARKDOWN", true),
        ("notes\\windows.md", true),
        ("./top.md", true),
        ("notes.txt", false),
        ("README", false),
        (".md", false),
        (".obsidian/workspace.md", false),
        ("a/.trash/old.md", false),
        (".hidden.md", false),
        ("node_modules/pkg/README.md", false),
        ("a/node_modules/x.md", false),
        ("logseq/bak/pages/x.md", false),
        ("graph/logseq/version-files/journals/2024_01_15.md", false),
        ("logseq/.recycle/pages/x.md", false),
        ("logseq/custom.md", true),
        ("bak/x.md", true),
    ] {
        assert_eq!(filter.is_journal_path(path), expected, "{path}");
    }
}

#[test]
fn journal_filter_include_and_exclude() {
    let (config, diagnostics) = parse_config(
        "[journal]\ninclude = [\"journal/**/*.md\", \"*.md\"]\nexclude = [\"journal/templates\", \"**/draft-*.md\"]\n",
    );
    assert!(diagnostics.is_empty());
    let filter = JournalFilter::new(&config);
    for (path, expected) in [
        ("top.md", true),
        ("journal/2026-11-26.md", true),
        ("journal/2026/2026-11-26.md", true),
        ("other/2026-11-26.md", false),
        ("journal/templates/daily.md", false),
        ("journal/templates-old/daily.md", true),
        ("journal/draft-x.md", false),
        ("draft-y.md", false),
        ("journal/x.markdown", false),
        ("topics/caching.md", true),
        ("topics/draft-caching.md", false),
    ] {
        assert_eq!(filter.is_journal_path(path), expected, "{path}");
    }
}

#[test]
fn daily_note_format_compiles_patterns_and_reports_bad_ones() {
    let (config, diagnostics) =
        parse_config("[journal]\ndaily-note-format = [\"YYYY-MM-DD [Standup]\", \"YYYY-MM\", 3]\n");
    let written: Vec<&str> = config
        .daily_note_patterns()
        .iter()
        .map(|p| p.as_str())
        .collect();
    assert_eq!(written, ["YYYY-MM-DD [Standup]"]);
    expect![[r#"
        2:46: `"YYYY-MM"` `daily-note-format`: `YYYY-MM` has no day token, so it cannot name a day (e.g. "YYYY-MM-DD"); this pattern is ignored
        2:57: `3` `daily-note-format`: 3 is not a pattern; `daily-note-format` accepts a list of daily-note name patterns in moment.js tokens, e.g. ["YYYY-MM-DD", "YYYY_MM_DD", "[daily.journal.]YYYY.MM.DD"]
    "#]]
    .assert_eq(&render(
        "[journal]\ndaily-note-format = [\"YYYY-MM-DD [Standup]\", \"YYYY-MM\", 3]\n",
        &diagnostics,
    ));
    // All bad: the default list stays; a single string is a list of one.
    let (config, diagnostics) = parse_config("[journal]\ndaily-note-format = \"MM-DD\"\n");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(config.daily_note_format, None);
    assert_eq!(
        config.daily_note_patterns().len(),
        crate::parse::name_pattern::DEFAULT_DAILY_NOTE_FORMATS.len()
    );
    let (config, _) = parse_config("[journal]\ndaily-note-format = []\n");
    assert!(config.daily_note_patterns().is_empty());
}

#[test]
fn the_vault_tool_supplies_defaults_the_file_overrides() {
    let vault_pattern = crate::parse::name_pattern::NamePattern::parse(
        "yyyy_MM_dd",
        crate::parse::name_pattern::Dialect::Unicode,
    )
    .unwrap();
    let vault = crate::vault::VaultSettings {
        tool: crate::vault::VaultTool::Logseq,
        daily_note_formats: vec![vault_pattern],
        excluded_folders: vec!["[arch]ive".to_string()],
        ..Default::default()
    };
    let (config, _, _) = resolve_config_over(Config::for_vault(vault.clone()), None, None);
    assert_eq!(config.daily_note_patterns()[0].as_str(), "yyyy_MM_dd");
    let filter = JournalFilter::new(&config);
    assert!(!filter.is_journal_path("[arch]ive/2024_01_15.md"));
    assert!(filter.is_journal_path("archive/2024_01_15.md"));
    let (config, _, _) = resolve_config_over(
        Config::for_vault(vault),
        Some("[journal]\ndaily-note-format = [\"YYYY-MM-DD\"]\n"),
        None,
    );
    assert_eq!(config.daily_note_patterns()[0].as_str(), "YYYY-MM-DD");
}

proptest::proptest! {
    #[test]
    fn parse_config_never_panics(text in "(\\[[a-z]{0,8}\\]|[a-z_-]{1,10} = (\"[^\"]{0,12}\"|[0-9-]{1,6}|true|\\[\\]|\\{\\})|#.*|\\PC{0,20})(\n[^\n]{0,30}){0,6}") {
        let (_, diagnostics) = parse_config(&text);
        for d in diagnostics {
            proptest::prop_assert!(d.span.end() <= text.len());
            proptest::prop_assert!(text.is_char_boundary(d.span.start()) && text.is_char_boundary(d.span.end()));
        }
    }

    #[test]
    fn note_description_and_filter_never_panic(text in "\\PC{0,200}") {
        let description = crate::catalog::note_description(&text);
        proptest::prop_assert!(!description.contains('\n') && !description.contains('\r'));
        if JournalFilter::default().is_journal_path(&text) {
            let lower = text.to_lowercase();
            proptest::prop_assert!(lower.ends_with(".md") || lower.ends_with(".markdown"));
        }
    }
}

#[test]
fn alias_cycles_are_config_errors_and_their_aliases_are_dropped() {
    let text = "[topics]\naliases = { \"b\" = \"c\", \"a\" = \"b\", \"c\" = \"a\", \"x\" = \"a\", \"lb\" = \"load-balancing\" }\n";
    check_problems(
        text,
        expect![[r#"
            2:24: `"a"` `aliases`: the aliases a -> b -> c -> a form a cycle and never reach a topic; point one of them at a topic: these aliases are ignored meanwhile
        "#]],
    );
    let (config, _) = parse_config(text);
    let aliases: Vec<(&str, &str)> = config
        .aliases
        .iter()
        .map(|(a, t)| (a.as_str(), t.as_str()))
        .collect();
    assert_eq!(aliases, [("lb", "load-balancing"), ("x", "a")]);
}

#[test]
fn an_alias_cycle_closed_by_settings_and_file_together_is_found() {
    let s = settings("topics = { aliases = { \"b\" = \"a\" } }\n");
    let file = "[topics]\naliases = { \"a\" = \"b\" }\n";
    let (config, diagnostics, _) = resolve_config(Some(file), Some(&s));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(diagnostics[0].message.contains("a -> b -> a"));
    assert!(config.aliases.is_empty());
    // A cycle among settings alone is a warning for the log.
    let s = settings("topics = { aliases = { \"p\" = \"q\", \"q\" = \"p\" } }\n");
    let (config, diagnostics, warnings) = resolve_config(None, Some(&s));
    assert!(diagnostics.is_empty() && config.aliases.is_empty());
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("p -> q -> p"), "{warnings:?}");
}

#[test]
fn a_long_alias_chain_is_settled_in_linear_time() {
    // 20,000 links: quadratic work would take minutes, cubic far longer.
    let links = 20_000;
    let mut text = String::from("[topics.aliases]\n");
    for i in 0..links {
        text.push_str(&format!("a{i} = \"a{}\"\n", i + 1));
    }
    let (config, diagnostics) = parse_config(&text);
    assert!(diagnostics.is_empty());
    let catalog = crate::catalog::Catalog::build(&config, &[]);
    assert_eq!(catalog.resolve("a0"), format!("a{links}"));
    assert_eq!(catalog.resolve("a12345"), format!("a{links}"));
    // Closing the chain into a cycle: one finding, no alias left.
    text.push_str(&format!("a{links} = \"a0\"\n"));
    let (config, diagnostics) = parse_config(&text);
    assert_eq!(diagnostics.len(), 1);
    assert!(config.aliases.is_empty());
}

#[test]
fn date_order_and_field_aliases() {
    let (config, diagnostics) = parse_config(
        "[journal]\ndate-order = \"DMY\"\n[fields]\naliases = { \"What I Built\" = \"practiced\", \"mood\" = \"learned\" }\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(config.date_order, Some(DateOrder::DayFirst));
    assert_eq!(
        config.field_aliases.get("what i built"),
        Some(&FieldKind::Practiced)
    );
    assert_eq!(parse_config("").0.date_order, None);
    check_problems(
        "[journal]\ndate-order = \"ymd\"\n[fields]\naliases = { \"mood\" = \"feelings\", \"x\" = \"lerned\" }\ncolor = 1\n",
        expect![[r#"
            2:14: `"ymd"` `date-order = "ymd"` is not valid: `date-order` accepts "dmy" (01/12/2018 is December 1st) or "mdy" (January 12th); unset, the order is inferred from the journal's dates; using the default
            4:22: `"feelings"` `aliases`: `mood`: "feelings" is not a known field; `aliases` accepts a table of labels and the fields they stand for, e.g. { "what i built" = "practiced" }; the fields are time, topic, practiced, learned, next, confidence, source
            4:40: `"lerned"` `aliases`: `x`: "lerned" is not a known field (did you mean "learned"?); `aliases` accepts a table of labels and the fields they stand for, e.g. { "what i built" = "practiced" }; the fields are time, topic, practiced, learned, next, confidence, source
            5:1: `color` unknown key `color` in `[fields]`; the keys of `[fields]` are aliases
        "#]],
    );
}

/// The defaults, as the config of a journal that has a `studylog.toml`.
fn file_defaults() -> Config {
    Config {
        has_file: true,
        ..Config::default()
    }
}

#[test]
fn docs_url_is_an_http_address_or_nothing() {
    let (config, diagnostics, _) = resolve_config(None, None);
    assert_eq!(config.docs_url, None, "no address is assumed");
    assert!(diagnostics.is_empty());

    let file = "[editor]\ndocs-url = \"https://example.com/studylog/checks.html\"\n";
    let (config, diagnostics, _) = resolve_config(Some(file), None);
    assert!(diagnostics.is_empty());
    assert_eq!(
        config.docs_url.as_deref(),
        Some("https://example.com/studylog/checks.html")
    );

    let (config, diagnostics, _) = resolve_config(Some("[editor]\ndocs-url = \"\"\n"), None);
    assert!(diagnostics.is_empty());
    assert_eq!(config.docs_url, None);

    let (config, diagnostics, _) =
        resolve_config(Some("[editor]\ndocs-url = \"checks.md\"\n"), None);
    assert_eq!(config.docs_url, None);
    assert_eq!(diagnostics.len(), 1);
    assert!(
        diagnostics[0].message.contains("an http(s) address"),
        "{}",
        diagnostics[0].message
    );
}
