//! "New entry for today" fixtures: the edited or created file in full.

use expect_test::{Expect, expect};

use crate::features::new_entry::{NewEntry, new_entry, soften_entry_in_progress};
use crate::test_fixture::{self as fixture, TODAY, apply, loc, text_of};

fn check(fixture: &str, expect: Expect) {
    check_with(fixture, false, expect);
}

/// Renders the edited or created file (`|` at the cursor); with `snippets`,
/// the snippet instead.
fn check_with(fixture: &str, snippets: bool, expect: Expect) {
    let f = fixture::parse(fixture);
    let out = match new_entry(&f.ws, &f.path, TODAY) {
        NewEntry::Insert { snippet, .. } | NewEntry::Create { snippet, .. } if snippets => {
            format!("snippet\n{snippet}")
        }
        NewEntry::Insert { edit, cursor, .. } => {
            let edited = apply(text_of(&f.ws, &edit.path), &[(edit.span, edit.new_text)]);
            let (head, tail) = edited.split_at(cursor.min(edited.len()));
            format!("insert into {}\n{head}|{tail}", edit.path)
        }
        NewEntry::Create { file, cursor, .. } => {
            let (head, tail) = file.content.split_at(cursor.min(file.content.len()));
            format!("create {}\n{head}|{tail}", file.path)
        }
        NewEntry::Exists { location } => {
            format!("exists at {}\n", loc(&f.ws, &location.path, location.span))
        }
    };
    expect.assert_eq(&out);
}

#[test]
fn ascending_file_appends_at_its_level() {
    check(
        r#"
//- log.md
# Log
### 2026-11-24
#testing
time:: 30m

### 2026-11-25
#testing
time:: 30m$0
"#,
        expect![[r#"
            insert into log.md
            # Log
            ### 2026-11-24
            #testing
            time:: 30m

            ### 2026-11-25
            #testing
            time:: 30m

            ### 2026-11-26

            time:: |
        "#]],
    );
}

#[test]
fn descending_file_inserts_at_the_top_of_its_entries() {
    check(
        r#"
//- log.md
# Log

## 2026-11-25
#testing

## 2026-11-24
#testing

## 2026-11-20
#testing$0
"#,
        expect![[r#"
            insert into log.md
            # Log

            ## 2026-11-26

            time:: |

            ## 2026-11-25
            #testing

            ## 2026-11-24
            #testing

            ## 2026-11-20
            #testing
        "#]],
    );
}

#[test]
fn ascending_file_with_a_later_entry_inserts_before_it() {
    check(
        r#"
//- log.md
## 2026-11-24
#testing

## 2026-11-30
Planned.

# Appendix
Links.$0
"#,
        expect![[r#"
            insert into log.md
            ## 2026-11-24
            #testing

            ## 2026-11-26

            time:: |

            ## 2026-11-30
            Planned.

            # Appendix
            Links.
        "#]],
    );
}

#[test]
fn todays_entry_already_there() {
    check(
        "//- log.md\n## 2026-11-24\n#testing\n\n## 2026-11-26\n#testing$0\n",
        expect![[r#"
            exists at log.md:4:1-14
        "#]],
    );
}

#[test]
fn daily_notes_journal_gets_a_new_note_beside_the_latest() {
    check(
        r#"
//- README.md
# My journal$0
//- daily/2026/2026-11-24.md
#testing
time:: 30m
//- daily/2026/2026-11-25.md
#testing
time:: 30m
"#,
        expect![[r#"
            create daily/2026/2026-11-26.md
            time:: |
        "#]],
    );
}

#[test]
fn empty_journal_uses_the_current_file() {
    check(
        "//- notes.md\nSome text.$0",
        expect![[r#"
            insert into notes.md
            Some text.

            ## 2026-11-26

            topic:: |
            time:: 
            practiced:: 
        "#]],
    );
}

const TAGS_IN_HEADINGS: &str = r#"
//- log.md
# Log

## 2026-11-23 Ring hashing #load-balancing
time:: 40m
confidence:: 3

## 2026-11-24 Retries #resilience
time:: 30m
learned:: budgets
confidence:: 4

## 2026-11-25 Maglev #load-balancing
time:: 1h
confidence:: 4$0
"#;

#[test]
fn the_template_follows_tags_in_headings_and_the_usual_fields() {
    check(
        TAGS_IN_HEADINGS,
        expect![[r#"
            insert into log.md
            # Log

            ## 2026-11-23 Ring hashing #load-balancing
            time:: 40m
            confidence:: 3

            ## 2026-11-24 Retries #resilience
            time:: 30m
            learned:: budgets
            confidence:: 4

            ## 2026-11-25 Maglev #load-balancing
            time:: 1h
            confidence:: 4

            ## 2026-11-26

            time:: |
            confidence:: 
        "#]],
    );
    check_with(
        TAGS_IN_HEADINGS,
        true,
        expect![[r#"
            snippet

            ## 2026-11-26 $1 #$2

            time:: $3
            confidence:: $4
            $0"#]],
    );
}

#[test]
fn the_template_follows_topic_fields() {
    check_with(
        r#"
//- log.md
## 2026-11-24
topic:: resilience
time:: 30m
next:: read the SRE chapter

## 2026-11-25
topic:: load-balancing
time:: 45m
next:: try Maglev$0
"#,
        true,
        expect![[r#"
            snippet

            ## 2026-11-26 $1

            topic:: $2
            time:: $3
            next:: $4
            $0"#]],
    );
}

#[test]
fn a_day_with_an_entry_gets_no_second_one() {
    check(
        "//- log.md\n## 2026-11-25 Retries #resilience\ntime:: 30m\n\n## 2026-11-26 Ring hashing #load-balancing\ntime:: 40m$0\n",
        expect![[r#"
            exists at log.md:4:1-43
        "#]],
    );
}

#[test]
fn blanks_of_the_entry_being_filled_in_are_hints() {
    let f = fixture::parse(
        "//- log.md\n## 2026-11-25\ntopic:: \ntime:: \n\n## 2026-11-26 $0\n\ntopic:: \nconfidence:: 9\n\n## 2026-11-26 Second\ntime:: \n\n## 2026-11-26 Third\n",
    );
    let mut diagnostics = crate::checks::check_files(&f.ws, &[f.path.as_str()], TODAY);
    soften_entry_in_progress(&f.ws, &f.path, TODAY, &mut diagnostics);
    let mut shown: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {} {:?}",
                loc(&f.ws, &d.path, d.span),
                d.code,
                d.severity
            )
        })
        .collect();
    shown.sort();
    expect![[r#"
        log.md:10:1-21 missing-field Hint
        log.md:10:4-14 duplicate-date Warning
        log.md:11:1-8 invalid-duration Hint
        log.md:13:1-20 empty-entry Hint
        log.md:13:4-14 duplicate-date Warning
        log.md:2:1-9 invalid-field Warning
        log.md:3:1-8 invalid-duration Error
        log.md:5:1-15 missing-field Hint
        log.md:7:1-9 invalid-field Hint
        log.md:8:14-15 invalid-field Warning
    "#]]
    .assert_eq(&(shown.join("\n") + "\n"));
}
