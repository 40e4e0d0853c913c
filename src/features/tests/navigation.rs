//! Navigation fixtures: definitions, references, prepare-rename and rename
//! (rendered as the edited files).

use expect_test::{Expect, expect};

use crate::features::navigation::{definition, prepare_rename, references, rename};
use crate::test_fixture::{self as fixture, edited_files, loc, text_of};

fn locations(f: &fixture::Fixture, locs: &[crate::features::Location]) -> String {
    let mut out = String::new();
    for l in locs {
        if l.path == crate::config::CONFIG_FILE {
            let text = f.config_text.as_deref().unwrap_or("");
            let line = text
                .get(..l.span.start())
                .map_or(0, |t| t.matches('\n').count())
                + 1;
            out.push_str(&format!("{}:{line} {:?}\n", l.path, l.span.slice(text)));
        } else {
            let text = text_of(&f.ws, &l.path);
            out.push_str(&format!(
                "{} {:?}\n",
                loc(&f.ws, &l.path, l.span),
                l.span.slice(text)
            ));
        }
    }
    if out.is_empty() {
        out.push_str("nothing\n");
    }
    out
}

fn check_definition(fixture: &str, expect: Expect) {
    let f = fixture::parse(fixture);
    let locs = definition(&f.ws, &f.path, f.offset, f.config_text.as_deref());
    expect.assert_eq(&locations(&f, &locs));
}

fn check_references(fixture: &str, expect: Expect) {
    let f = fixture::parse(fixture);
    let locs = references(&f.ws, &f.path, f.offset, true);
    expect.assert_eq(&locations(&f, &locs));
}

/// Renders the prepare-rename answer, then every edited file in full.
fn check_rename(fixture: &str, new_name: &str, expect: Expect) {
    let f = fixture::parse(fixture);
    let mut out = match prepare_rename(&f.ws, &f.path, f.offset) {
        Ok(t) => format!(
            "prepare: {} placeholder {:?}\n",
            loc(&f.ws, &f.path, t.span),
            t.placeholder
        ),
        Err(e) => format!("prepare: error {e}\n"),
    };
    match rename(&f.ws, &f.path, f.offset, new_name) {
        Ok(result) => {
            out.push_str(&edited_files(&f.ws, &result.edits));
            for r in &result.file_renames {
                out.push_str(&format!("--- rename {} -> {}\n", r.from, r.to));
            }
        }
        Err(e) => out.push_str(&format!("rename: error {e}\n")),
    }
    expect.assert_eq(&out);
}

const JOURNAL: &str = r#"
//- studylog.toml
[journal]
cadence = "daily"

[topics]
custom = { "chaos-engineering" = "Breaking things on purpose" }
aliases = { "lb" = "load-balancing" }
//- topics/load-balancing.md
# Load balancing

Spreading requests across servers.

## Round robin
//- journal/2026-11-24.md
---
topics: [load-balancing, chaos-engineering]
---
Tried weighted round robin. #LoadBalancing
time:: 30m
//- journal/log.md
## 2026-11-25
topic:: load_balancing, [[chaos-engineering]]
See [[load-balancing#Round robin]] and [notes](../topics/load-balancing.md).
time:: 45m
"#;

#[test]
fn definition_of_a_topic_is_its_note() {
    check_definition(
        &format!("{JOURNAL}\n## 2026-11-26\n#load-$0balancing\n"),
        expect![[r#"
            topics/load-balancing.md:1:1 ""
        "#]],
    );
}

#[test]
fn definition_of_a_config_topic_is_its_config_entry() {
    check_definition(
        &format!("{JOURNAL}\n## 2026-11-26\n#chaos$0-engineering\n"),
        expect![[r#"
            studylog.toml:5 "chaos-engineering"
        "#]],
    );
}

#[test]
fn definition_of_links() {
    check_definition(
        &JOURNAL.replace(
            "[[load-balancing#Round robin]]",
            "[[load-balancing#Round $0robin]]",
        ),
        expect![[r###"
            topics/load-balancing.md:5:1-15 "## Round robin"
        "###]],
    );
    check_definition(
        &JOURNAL.replace("[notes](../topics", "[no$0tes](../topics"),
        expect![[r#"
            topics/load-balancing.md:1:1 ""
        "#]],
    );
}

#[test]
fn definition_of_a_date_link_is_the_entry() {
    check_definition(
        &format!("{JOURNAL}\n## 2026-11-26\nSee [[2026-11-$025]].\n"),
        expect![[r###"
            journal/log.md:1:1-14 "## 2026-11-25"
        "###]],
    );
}

#[test]
fn references_of_a_topic_across_forms_and_files() {
    check_references(
        &format!("{JOURNAL}\n## 2026-11-26\n#load-$0balancing\n"),
        expect![[r##"
            journal/2026-11-24.md:2:10-24 "load-balancing"
            journal/2026-11-24.md:4:29-43 "#LoadBalancing"
            journal/log.md:2:9-23 "load_balancing"
            journal/log.md:7:1-16 "#load-balancing"
            topics/load-balancing.md:1:1 ""
        "##]],
    );
}

#[test]
fn references_of_a_note_are_its_links() {
    check_references(
        &JOURNAL.replace("# Load balancing", "# Load $0balancing"),
        expect![[r#"
            journal/log.md:3:5-35 "[[load-balancing#Round robin]]"
            journal/log.md:3:40-76 "[notes](../topics/load-balancing.md)"
            topics/load-balancing.md:1:1 ""
        "#]],
    );
}

#[test]
fn rename_a_topic_everywhere_as_given() {
    check_rename(
        &format!("{JOURNAL}\n## 2026-11-26\nMore #load-ba$0lancing and #dev/load-balancing.\n"),
        "Traffic Routing",
        expect![[r#"
            prepare: journal/log.md:7:7-21 placeholder "load-balancing"
            --- journal/2026-11-24.md
            ---
            topics: [Traffic-Routing, chaos-engineering]
            ---
            Tried weighted round robin. #Traffic-Routing
            time:: 30m
            --- journal/log.md
            ## 2026-11-25
            topic:: Traffic-Routing, [[chaos-engineering]]
            See [[Traffic-Routing#Round robin]] and [notes](../topics/Traffic-Routing.md).
            time:: 45m

            ## 2026-11-26
            More #Traffic-Routing and #dev/load-balancing.
            --- rename topics/load-balancing.md -> topics/Traffic-Routing.md
        "#]],
    );
}

#[test]
fn rename_in_logseq_follows_namespaced_pages_and_their_links() {
    // `pages/Rust___Ownership.md` is the page (and topic) `Rust/Ownership`.
    check_rename(
        r#"
//- studylog.toml
[journal]
topics-dir = "pages"

[links]
style = "logseq"
//- pages/Rust___Ownership.md
- Who frees what, and when.
//- log.md
## 2026-11-24
Practised #Rust/Owner$0ship, see [[Rust/Ownership]] and [[rust/ownership]].
time:: 1h
"#,
        "Rust/Borrowing",
        expect![[r#"
            prepare: log.md:2:12-26 placeholder "Rust/Ownership"
            --- log.md
            ## 2026-11-24
            Practised #Rust/Borrowing, see [[Rust/Borrowing]] and [[Rust/Borrowing]].
            time:: 1h
            --- rename pages/Rust___Ownership.md -> pages/Rust___Borrowing.md
        "#]],
    );
}

#[test]
fn rename_follows_obsidian_links_without_an_extension() {
    check_rename(
        r#"
//- studylog.toml
[links]
style = "obsidian"
//- topics/caching.md
Keeping copies close.
//- log.md
## 2026-11-24
Practised #cach$0ing, see [notes](topics/caching) and [[caching]].
time:: 1h
"#,
        "memoization-notes",
        expect![[r#"
            prepare: log.md:2:12-19 placeholder "caching"
            --- log.md
            ## 2026-11-24
            Practised #memoization-notes, see [notes](topics/memoization-notes) and [[memoization-notes]].
            time:: 1h
            --- rename topics/caching.md -> topics/memoization-notes.md
        "#]],
    );
}

#[test]
fn rename_rejects_invalid_names() {
    check_rename(
        &format!("{JOURNAL}\n## 2026-11-26\n#load-ba$0lancing\n"),
        "a, b",
        expect![[r#"
            prepare: journal/log.md:7:2-16 placeholder "load-balancing"
            rename: error `a, b` cannot be a topic name: use letters, digits, `-` and `/` (at least one letter), e.g. `load-balancing`.
        "#]],
    );
    check_rename(
        &format!("{JOURNAL}\n## 2026-11-26\n#load-ba$0lancing\n"),
        "2026",
        expect![[r#"
            prepare: journal/log.md:7:2-16 placeholder "load-balancing"
            rename: error `2026` cannot be a topic name: use letters, digits, `-` and `/` (at least one letter), e.g. `load-balancing`.
        "#]],
    );
}

#[test]
fn rename_outside_a_topic_is_refused() {
    check_rename(
        &format!("{JOURNAL}\n## 2026-11-26\nplain $0text\n"),
        "x",
        expect![[r#"
            prepare: error Only topics can be renamed: put the cursor on a #tag, a `topic::` value or a frontmatter topic.
            rename: error Only topics can be renamed: put the cursor on a #tag, a `topic::` value or a frontmatter topic.
        "#]],
    );
}

#[test]
fn unicode_topics_rename() {
    check_rename(
        r#"
//- log.md
## 2026-11-25 Übung 😀
#löten 😀 #Löten
time:: 30m

## 2026-11-26
topics:: lö$0ten, «x»
"#,
        "schweißen",
        expect![[r#"
            prepare: log.md:6:10-15 placeholder "löten"
            --- log.md
            ## 2026-11-25 Übung 😀
            #schweißen 😀 #schweißen
            time:: 30m

            ## 2026-11-26
            topics:: schweißen, «x»
        "#]],
    );
}

#[test]
fn bad_positions_never_panic() {
    let f = fixture::parse(JOURNAL);
    for path in ["journal/log.md", "journal/2026-11-24.md", "nope.md"] {
        let len = text_of(&f.ws, path).len();
        for offset in (0..len + 3).step_by(3) {
            let _ = definition(&f.ws, path, offset, f.config_text.as_deref());
            let _ = references(&f.ws, path, offset, true);
            let _ = prepare_rename(&f.ws, path, offset);
            let _ = rename(&f.ws, path, offset, "x");
        }
    }
}
