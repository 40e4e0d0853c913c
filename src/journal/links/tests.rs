//! Unit tests of link resolution per style, the GitHub slugger, Obsidian's
//! heading comparison and the date forms of links.

use std::sync::Arc;

use jiff::civil::Date;

use super::*;
use crate::config::Config;
use crate::test_fixture::files;

fn journal(style: LinkStyle, fixture: &str) -> Journal {
    let config = Config {
        link_style: Some(style),
        ..Config::default()
    };
    let mut ws = Journal::new(config, Vec::new());
    for (path, text) in files(fixture) {
        ws.set_file(&path, Arc::from(text));
    }
    ws
}

/// How every wiki link of `from` resolves, one line each.
fn resolutions(ws: &Journal, from: &str) -> Vec<String> {
    let Some(file) = ws.file(from) else {
        return Vec::new();
    };
    file.links
        .iter()
        .map(|link| {
            let written = link.span.slice(&file.text);
            let outcome = match ws.resolve_link(from, link) {
                LinkResolution::Resolved(t) => {
                    let line = ws
                        .file(&t.path)
                        .map_or(0, |f| f.line_index.line_of(t.span.start()) + 1);
                    format!("{}:{line}", t.path)
                }
                other => format!("{other:?}"),
            };
            format!("{written} -> {outcome}")
        })
        .collect()
}

#[test]
fn github_slugs_render_links_and_code_and_number_duplicates() {
    assert_eq!(
        heading_slug("What I learned: Caching!"),
        "what-i-learned-caching"
    );
    assert_eq!(
        heading_slug("[Clear instructions](#clear-instructions)"),
        "clear-instructions"
    );
    assert_eq!(heading_slug("Using `foo()` today"), "using-foo-today");
    assert_eq!(
        heading_slug("**Bold** and _soft_ Ünïcode"),
        "bold-and-soft-ünïcode"
    );
    let slugs = heading_slugs(["Notes", "Notes", "Notes-1", "Notes"].into_iter());
    assert_eq!(slugs, ["notes", "notes-1", "notes-1-1", "notes-2"]);
}

#[test]
fn obsidian_drops_punctuation_when_it_matches_headings() {
    assert_eq!(
        obsidian_heading_key("Step 1: Install (the easy way), v2.0"),
        "step 1 install the easy way v20"
    );
    assert_eq!(obsidian_heading_key("  A   [b]  #c^d|e "), "a b cde");
}

#[test]
fn link_dates_in_the_forms_journals_title_days() {
    let d = |y, m, d| Some(Date::constant(y, m, d));
    let read = |text: &str| day_link_date(text, None);
    assert_eq!(read("2025-03-23"), d(2025, 3, 23));
    assert_eq!(read(" 2025-03-23 Sun "), d(2025, 3, 23));
    assert_eq!(read("May 3rd, 2021"), d(2021, 5, 3));
    assert_eq!(read("2025-03-23 notes"), None);
    assert_eq!(read("notes/2025-03-23"), None);
}

#[test]
fn a_logseq_title_format_reads_day_links_in_that_format() {
    let title = |format: &str| {
        crate::parse::name_pattern::NamePattern::parse(
            format,
            crate::parse::name_pattern::Dialect::Unicode,
        )
        .unwrap()
    };
    let d = |y, m, d| Some(Date::constant(y, m, d));
    let dotted = title("EEE, dd.MM.yyyy");
    assert_eq!(
        day_link_date("Sun, 23.03.2025", Some(&dotted)),
        d(2025, 3, 23)
    );
    // The generic forms still read beside the graph's own.
    assert_eq!(day_link_date("2025-03-23", Some(&dotted)), d(2025, 3, 23));
    assert_eq!(day_link_date("Sun, 23.03.2025", None), None);
    assert_eq!(day_link_date("Sun, 32.03.2025", Some(&dotted)), None);
    let slashed = title("MM/dd/yyyy");
    assert_eq!(day_link_date("03/23/2025", Some(&slashed)), d(2025, 3, 23));
    // A folder before a whole title is a note path, not a day.
    let named = title("MMM do, yyyy");
    assert_eq!(day_link_date("notes/Mar 23rd, 2025", Some(&named)), None);
}

#[test]
fn a_logseq_graph_resolves_day_links_written_in_its_title_format() {
    let mut config = Config {
        link_style: Some(LinkStyle::Logseq),
        ..Config::default()
    };
    config.vault.page_title_format = crate::parse::name_pattern::NamePattern::parse(
        "EEE, dd.MM.yyyy",
        crate::parse::name_pattern::Dialect::Unicode,
    )
    .ok();
    let mut ws = Journal::new(config, Vec::new());
    for (path, text) in files(
        r#"
//- journals/2025_03_23.md
- practised #rust
//- journals/2025_03_24.md
- [[Sun, 23.03.2025]] [[Sat, 22.03.2025]] [[Sun, 23.03.2025#Moves]]
"#,
    ) {
        ws.set_file(&path, Arc::from(text));
    }
    expect_test::expect![[r#"
        [
            "[[Sun, 23.03.2025]] -> journals/2025_03_23.md:1",
            "[[Sat, 22.03.2025]] -> Unwritten",
            "[[Sun, 23.03.2025#Moves]] -> MissingHeading { path: \"journals/2025_03_23.md\" }",
        ]
    "#]]
    .assert_debug_eq(&resolutions(&ws, "journals/2025_03_24.md"));
    let link = &ws.file("journals/2025_03_24.md").unwrap().links[1];
    assert_eq!(
        link_keys(link, ws.day_title_format()),
        ["sat, 22.03.2025", "2025-03-22"]
    );
}

#[test]
fn logseq_file_names_encode_namespaces() {
    assert_eq!(logseq_page_name("A___B").as_deref(), Some("A/B"));
    assert_eq!(logseq_page_name("A%2FB").as_deref(), Some("A/B"));
    assert_eq!(logseq_page_name("A.B").as_deref(), Some("A/B"));
    assert_eq!(logseq_page_name("plain"), None);
    assert_eq!(logseq_page_name(".hidden"), None);
}

#[test]
fn obsidian_resolves_paths_aliases_and_normalised_headings() {
    let ws = journal(
        LinkStyle::Obsidian,
        r#"
//- notes/Deep/Caching.md
---
aliases: [Cache notes, memo]
---
# Caching
## Step 1: Install (the easy way)
//- other/Caching.md
//- log.md
## 2026-11-20
[[caching]] [[Deep/Caching]] [[cache notes]] [[Memo#step 1 install the easy way]]
[[Deep/Caching#Step 1: Install (the easy way)]] [[Deep/Caching#Caching#Step 1 Install the easy way]]
[[Deep/Caching#Nope]] [[not written yet]] [[2026-11-20]] [[2026-11-21]] [[photo.jpg]]
[c](notes/Deep/Caching.md) [c](gone.md) [c](notes/Deep/Caching) [c](Deep/Caching#Caching)
[c](other/Caching) [c](Cache%20notes) [c](not-yet) [c](diagram.png)
"#,
    );
    expect_test::expect![[r#"
        [
            "[[caching]] -> other/Caching.md:1",
            "[[Deep/Caching]] -> notes/Deep/Caching.md:1",
            "[[cache notes]] -> notes/Deep/Caching.md:1",
            "[[Memo#step 1 install the easy way]] -> notes/Deep/Caching.md:5",
            "[[Deep/Caching#Step 1: Install (the easy way)]] -> notes/Deep/Caching.md:5",
            "[[Deep/Caching#Caching#Step 1 Install the easy way]] -> notes/Deep/Caching.md:5",
            "[[Deep/Caching#Nope]] -> MissingHeading { path: \"notes/Deep/Caching.md\" }",
            "[[not written yet]] -> Unwritten",
            "[[2026-11-20]] -> log.md:1",
            "[[2026-11-21]] -> Unwritten",
            "[c](notes/Deep/Caching.md) -> notes/Deep/Caching.md:1",
            "[c](gone.md) -> MissingNote",
            "[c](notes/Deep/Caching) -> notes/Deep/Caching.md:1",
            "[c](Deep/Caching#Caching) -> notes/Deep/Caching.md:4",
            "[c](other/Caching) -> other/Caching.md:1",
            "[c](Cache%20notes) -> notes/Deep/Caching.md:1",
            "[c](not-yet) -> Unwritten",
        ]
    "#]]
    .assert_debug_eq(&resolutions(&ws, "log.md"));
}

#[test]
fn markdown_links_without_an_extension_are_notes_in_obsidian_only() {
    let fixture = "//- notes/setup.md\n# Setup\n//- log.md\n## 2026-11-20\n[s](notes/setup) [s](setup#Setup)\n";
    let obsidian = journal(LinkStyle::Obsidian, fixture);
    assert_eq!(
        resolutions(&obsidian, "log.md"),
        [
            "[s](notes/setup) -> notes/setup.md:1",
            "[s](setup#Setup) -> notes/setup.md:1"
        ]
    );
    // Elsewhere such a link is not read as one (a file without extension).
    for style in [LinkStyle::Markdown, LinkStyle::Logseq, LinkStyle::Dendron] {
        let ws = journal(style, fixture);
        assert!(resolutions(&ws, "log.md").is_empty(), "{style:?}");
    }
}

#[test]
fn logseq_resolves_namespaces_pages_without_files_and_day_links() {
    let ws = journal(
        LinkStyle::Logseq,
        r#"
//- pages/Rust___Ownership.md
- borrowing rules
//- pages/Web%2FHTTP.md
- status codes
//- pages/tools.git.md
- rebase
//- journals/2025-03-23.md
- practised #rust
//- journals/2025-03-24.md
- [[Rust/Ownership]] [[web/http]] [[Tools/Git]] [[A page with no file]]
- [[2025-03-23 Sun]] [[Mar 23rd, 2025]] [[Mar 22nd, 2025]] [[Rust/Ownership#Moves]]
"#,
    );
    expect_test::expect![[r#"
        [
            "[[Rust/Ownership]] -> pages/Rust___Ownership.md:1",
            "[[web/http]] -> pages/Web%2FHTTP.md:1",
            "[[Tools/Git]] -> pages/tools.git.md:1",
            "[[A page with no file]] -> Unwritten",
            "[[2025-03-23 Sun]] -> journals/2025-03-23.md:1",
            "[[Mar 23rd, 2025]] -> journals/2025-03-23.md:1",
            "[[Mar 22nd, 2025]] -> Unwritten",
            "[[Rust/Ownership#Moves]] -> MissingHeading { path: \"pages/Rust___Ownership.md\" }",
        ]
    "#]]
    .assert_debug_eq(&resolutions(&ws, "journals/2025-03-24.md"));
    let names: Vec<&str> = ws.note_names().values().map(String::as_str).collect();
    assert!(names.contains(&"Rust/Ownership"), "{names:?}");
}

#[test]
fn dendron_reads_the_target_after_the_pipe_and_hierarchy_names() {
    let ws = journal(
        LinkStyle::Dendron,
        r#"
//- notes/lang.rust.ownership.md
# Ownership
## Moves
//- notes/daily.journal.md
## 2026-11-20
[[ownership rules|lang.rust.ownership]] [[lang.rust.ownership#moves]] [[see|lang.rust.traits]]
"#,
    );
    expect_test::expect![[r#"
        [
            "[[ownership rules|lang.rust.ownership]] -> notes/lang.rust.ownership.md:1",
            "[[lang.rust.ownership#moves]] -> notes/lang.rust.ownership.md:2",
            "[[see|lang.rust.traits]] -> Unwritten",
        ]
    "#]]
    .assert_debug_eq(&resolutions(&ws, "notes/daily.journal.md"));
}

#[test]
fn markdown_resolves_relative_paths_and_github_anchors() {
    let ws = journal(
        LinkStyle::Markdown,
        r#"
//- guide.md
## [Clear instructions](#clear-instructions)
## Using `foo()` today
## Notes
## Notes
//- sub/a.md
## 2026-11-20
[a](../guide.md#clear-instructions) [b](../guide.md#using-foo-today) [c](../guide.md#notes-1)
[d](../guide.md#notes-2) [e](log.md) [[not written yet]]
"#,
    );
    expect_test::expect![[r#"
        [
            "[a](../guide.md#clear-instructions) -> guide.md:1",
            "[b](../guide.md#using-foo-today) -> guide.md:2",
            "[c](../guide.md#notes-1) -> guide.md:4",
            "[d](../guide.md#notes-2) -> MissingHeading { path: \"guide.md\" }",
            "[e](log.md) -> MissingNote",
            "[[not written yet]] -> MissingNote",
        ]
    "#]]
    .assert_debug_eq(&resolutions(&ws, "sub/a.md"));
    let file = ws.file("sub/a.md").map(Arc::clone);
    let missing = file.as_ref().and_then(|f| f.links.get(4));
    assert_eq!(
        missing
            .map(|l| ws.markdown_link_path("sub/a.md", l))
            .as_deref(),
        Some("sub/log.md")
    );
}

#[test]
fn note_names_ignore_the_case_of_the_extension() {
    let ws = journal(
        LinkStyle::Markdown,
        "//- Notes.MD\n# Notes\n//- b.md\n[[notes]]\n",
    );
    assert_eq!(resolutions(&ws, "b.md"), ["[[notes]] -> Notes.MD:1"]);
    let names: Vec<&str> = ws.note_names().values().map(String::as_str).collect();
    assert_eq!(names, ["Notes", "b"]);
}
