//! Code action fixtures: each action's title and kind, then its edits applied
//! (per file) and the files it creates.

use expect_test::{Expect, expect};

use crate::diagnostic::{Code, Diagnostic, Fix, TextEdit};
use crate::features::actions::code_actions;
use crate::test_fixture::{self as fixture, TODAY, edited_files, text_of};
use crate::text::Span;

fn check(fixture: &str, diagnostics: &[Diagnostic], expect: Expect) {
    let f = fixture::parse(fixture);
    let mut out = String::new();
    for action in code_actions(&f.ws, &f.path, f.range, diagnostics, TODAY) {
        out.push_str(&format!(
            "== {:?} {}{}{}\n",
            action.kind,
            action.title,
            if action.is_preferred {
                " (preferred)"
            } else {
                ""
            },
            action
                .diagnostic
                .as_ref()
                .map(|d| format!(" [fixes {}]", d.code))
                .unwrap_or_default()
        ));
        for c in &action.creates {
            out.push_str(&format!("--- create {}\n{}", c.path, c.content));
        }
        out.push_str(&edited_files(&f.ws, &action.edits));
    }
    expect.assert_eq(&out);
}

#[test]
fn quick_fixes_come_from_the_diagnostics_at_the_range() {
    let fixture = "//- log.md\n## 2026-11-26\n#load-balacing$0\ntime:: 30m\n";
    let tag = Span::new(14, 28);
    let fix = Fix {
        title: "Change to `#load-balancing`".to_string(),
        edits: vec![TextEdit {
            path: "log.md".to_string(),
            span: tag,
            new_text: "#load-balancing".to_string(),
        }],
    };
    let here = Diagnostic::new(Code::UnknownTopic, "log.md", tag, "Unknown topic").with_fix(fix);
    let elsewhere =
        Diagnostic::new(Code::UnknownTopic, "log.md", Span::new(40, 44), "x").with_fix(Fix {
            title: "not this one".to_string(),
            edits: Vec::new(),
        });
    let other_file = Diagnostic::new(Code::UnknownTopic, "other.md", tag, "x").with_fix(Fix {
        title: "nor this one".to_string(),
        edits: Vec::new(),
    });
    check(
        fixture,
        &[here, elsewhere, other_file],
        expect![[r#"
            == QuickFix Change to `#load-balancing` (preferred) [fixes unknown-topic]
            --- log.md
            ## 2026-11-26
            #load-balancing
            time:: 30m
            == QuickFix Add `load-balacing` to the topic catalog (create topics/load-balacing.md) [fixes unknown-topic]
            --- create topics/load-balacing.md
            # load-balacing

            What load-balacing is about, in one line.
        "#]],
    );
}

#[test]
fn known_topics_get_no_catalog_action() {
    check(
        "//- topics/testing.md\nTests.\n//- log.md\n## 2026-11-26\n#test$0ing\ntime:: 30m\n",
        &[],
        expect![""],
    );
}

#[test]
fn missed_days_are_inserted_in_date_order() {
    check(
        r#"
//- log.md
## 2026-11-20
#testing
time:: 30m

## 2026-11-23$0
#testing
time:: 30m
"#,
        &[],
        expect![[r#"
            == QuickFix Insert an entry for each missed day: 2026-11-21, 2026-11-22
            --- log.md
            ## 2026-11-20
            #testing
            time:: 30m

            ## 2026-11-21

            time:: 

            ## 2026-11-22

            time:: 

            ## 2026-11-23
            #testing
            time:: 30m
            == Source New entry for today (2026-11-26)
            --- log.md
            ## 2026-11-20
            #testing
            time:: 30m

            ## 2026-11-23
            #testing
            time:: 30m

            ## 2026-11-26

            time:: 
        "#]],
    );
}

#[test]
fn missed_days_in_a_descending_file() {
    check(
        r#"
//- log.md
## 2026-11-26
#testing
time:: 30m

## 2026-11-2$04
#testing
time:: 30m

## 2026-11-21
#testing
time:: 30m
"#,
        &[],
        expect![[r#"
            == QuickFix Insert an entry for each missed day: 2026-11-22, 2026-11-23
            --- log.md
            ## 2026-11-26
            #testing
            time:: 30m

            ## 2026-11-24
            #testing
            time:: 30m

            ## 2026-11-23

            time:: 

            ## 2026-11-22

            time:: 

            ## 2026-11-21
            #testing
            time:: 30m
        "#]],
    );
}

#[test]
fn missed_days_of_daily_notes_become_notes() {
    check(
        r#"
//- journal/2026-11-22.md
#testing
time:: 30m
//- journal/2026-11-25.md
#testing$0
time:: 30m
"#,
        &[],
        expect![[r#"
            == QuickFix Insert an entry for each missed day: 2026-11-23, 2026-11-24
            --- create journal/2026-11-23.md
            time:: 
            --- create journal/2026-11-24.md
            time:: 
            == Source New entry for today (2026-11-26)
            --- create journal/2026-11-26.md
            time:: 
        "#]],
    );
}

#[test]
fn range_selection_and_bad_ranges() {
    let f = fixture::parse("//- log.md\n## 2026-11-26 😀\n$0#tést$0\n");
    assert!(f.range.end() > f.range.start());
    let len = text_of(&f.ws, &f.path).len();
    for start in 0..len + 2 {
        for end in [0, start, start + 1, len + 10] {
            let _ = code_actions(&f.ws, &f.path, Span::new(start, end), &[], TODAY);
        }
    }
    assert!(code_actions(&f.ws, "nope.md", Span::new(0, 1), &[], TODAY).is_empty());
}

#[test]
fn a_broken_wiki_link_gets_a_create_note_fix() {
    let fixture = "//- log/2026-11.md\n## 2026-11-26\nRead [[weigh$0ted-rr]] and [[balancing#Weights]].\ntime:: 30m\n";
    let link = Span::new(19, 34);
    let broken = Diagnostic::new(Code::BrokenLink, "log/2026-11.md", link, "No note");
    check(
        fixture,
        &[broken],
        expect![[r#"
            == QuickFix Create note weighted-rr.md (preferred) [fixes broken-link]
            --- create weighted-rr.md
            # weighted-rr
        "#]],
    );
}

#[test]
fn a_broken_link_with_a_heading_or_a_relative_path() {
    check(
        "//- log/2026-11.md\n## 2026-11-26\nRead [[balancing#Wei$0ghts]].\ntime:: 30m\n",
        &[],
        expect![[r#"
            == QuickFix Create note balancing.md
            --- create balancing.md
            # balancing

            ## Weights
        "#]],
    );
    check(
        "//- log/2026-11.md\n## 2026-11-26\nSee [notes](../notes/rr$0.md).\ntime:: 30m\n",
        &[],
        expect![[r#"
            == QuickFix Create note notes/rr.md
            --- create notes/rr.md
            # rr
        "#]],
    );
}

#[test]
fn links_that_resolve_or_name_a_date_get_no_create_note() {
    check(
        "//- rr.md\n# RR\n//- log.md\n## 2026-11-26\nRead [[r$0r]] and [[2026-11-02]].\ntime:: 30m\n",
        &[],
        expect![""],
    );
    check(
        "//- log.md\n## 2026-11-26\nRead [[2026-11-0$02]].\ntime:: 30m\n",
        &[],
        expect![""],
    );
}
