//! Symbol fixtures: the outline as an indented tree, workspace symbols as a list.

use expect_test::{Expect, expect};

use crate::features::symbols::{DocumentSymbol, document_symbols, workspace_symbols};
use crate::test_fixture::{self as fixture, loc};

fn render_tree(f: &fixture::Fixture, symbols: &[DocumentSymbol], depth: usize, out: &mut String) {
    for s in symbols {
        out.push_str(&format!(
            "{}{:?} {}{} @ {} sel {}\n",
            "  ".repeat(depth),
            s.kind,
            s.name,
            s.detail
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default(),
            loc(&f.ws, &f.path, s.span),
            loc(&f.ws, &f.path, s.selection_span),
        ));
        render_tree(f, &s.children, depth + 1, out);
    }
}

fn check_outline(fixture: &str, expect: Expect) {
    let f = fixture::parse(fixture);
    let mut out = String::new();
    render_tree(&f, &document_symbols(&f.ws, &f.path), 0, &mut out);
    expect.assert_eq(&out);
}

fn check_workspace(fixture: &str, query: &str, expect: Expect) {
    let f = fixture::parse(fixture);
    let mut out = String::new();
    for s in workspace_symbols(&f.ws, query) {
        out.push_str(&format!(
            "{:?} {}{} @ {}\n",
            s.kind,
            s.name,
            s.detail.map(|d| format!(" ({d})")).unwrap_or_default(),
            loc(&f.ws, &s.location.path, s.location.span)
        ));
    }
    expect.assert_eq(&out);
}

const LOG: &str = r#"
//- log.md
# November
## Week 47
### 2026-11-20 — Consistent hashing
#load-balancing
time:: 30m
#### Notes
Ring sizes.
### 2026-11-21
topic:: testing
time:: 1h
## Week 48
### 2026-11-24 Übung 😀
#testing
# Reading
Some $0notes.
"#;

#[test]
fn outline_nests_entries_under_headings() {
    check_outline(
        LOG,
        expect![[r#"
            Heading November @ log.md:1:1-14:1 sel log.md:1:1-11
              Heading Week 47 @ log.md:2:1-11:1 sel log.md:2:1-11
                Entry 2026-11-20 Consistent hashing (#load-balancing 30m) @ log.md:3:1-8:1 sel log.md:3:1-36
                  Heading Notes @ log.md:6:1-8:1 sel log.md:6:1-11
                Entry 2026-11-21 (#testing 1h) @ log.md:8:1-11:1 sel log.md:8:1-15
              Heading Week 48 @ log.md:11:1-14:1 sel log.md:11:1-11
                Entry 2026-11-24 Übung 😀 (#testing) @ log.md:12:1-14:1 sel log.md:12:1-23
            Heading Reading @ log.md:14:1-16:1 sel log.md:14:1-10
        "#]],
    );
}

#[test]
fn outline_of_a_daily_note() {
    check_outline(
        r#"
//- 2026-11-26.md
---
topics: [testing]
---
Did things.$0
## Details
More.
"#,
        expect![[r#"
            Entry 2026-11-26 (#testing) @ 2026-11-26.md:1:1-7:1 sel 2026-11-26.md:1:1-4
              Heading Details @ 2026-11-26.md:5:1-7:1 sel 2026-11-26.md:5:1-11
        "#]],
    );
}

#[test]
fn workspace_symbols_by_query() {
    check_workspace(
        LOG,
        "hash",
        expect![[r#"
            Entry 2026-11-20 Consistent hashing (#load-balancing 30m) @ log.md:3:1-36
        "#]],
    );
    check_workspace(
        LOG,
        "test",
        expect![[r#"
            Topic #testing @ log.md:9:9-16
        "#]],
    );
}

#[test]
fn workspace_symbols_without_query_newest_first() {
    check_workspace(
        LOG,
        "",
        expect![[r#"
            Entry 2026-11-24 Übung 😀 (#testing) @ log.md:12:1-23
            Entry 2026-11-21 (#testing 1h) @ log.md:8:1-15
            Entry 2026-11-20 Consistent hashing (#load-balancing 30m) @ log.md:3:1-36
            Topic #load-balancing @ log.md:4:1-16
            Topic #testing @ log.md:9:9-16
        "#]],
    );
}
