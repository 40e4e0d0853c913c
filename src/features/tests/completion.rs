//! Completion fixtures: each renders the items (label, kind, detail, the span
//! replaced and the text inserted), and the line once the first item is applied.

use expect_test::{Expect, expect};

use crate::features::completion::{CompletionList, completions, topic_documentation_of};
use crate::test_fixture::{self as fixture, TODAY, apply, loc, text_of};

fn render(ws: &crate::journal::Journal, path: &str, list: &CompletionList) -> String {
    let mut out = String::new();
    if list.is_incomplete {
        out.push_str("(incomplete)\n");
    }
    for item in &list.items {
        out.push_str(&format!(
            "{} {:?}{} [{}] {} <- {:?}{}\n",
            item.sort_text,
            item.kind,
            if item.label == item.filter_text {
                format!(" {}", item.label)
            } else {
                format!(" {} (filter {})", item.label, item.filter_text)
            },
            item.detail.as_deref().unwrap_or(""),
            loc(ws, path, item.edit.span),
            item.edit.new_text,
            if item.is_snippet { " snippet" } else { "" },
        ));
    }
    out
}

/// Renders every item, then the cursor's line with the first item applied.
fn check(fixture: &str, expect: Expect) {
    let f = fixture::parse(fixture);
    let list = completions(&f.ws, &f.path, f.offset, TODAY);
    let mut out = render(&f.ws, &f.path, &list);
    if let Some(first) = list.items.first() {
        let text = text_of(&f.ws, &f.path);
        let applied = apply(text, &[(first.edit.span, first.edit.new_text.clone())]);
        let line_start = text
            .get(..f.offset)
            .map_or(0, |t| t.rfind('\n').map_or(0, |i| i + 1));
        let shown: String = applied
            .get(line_start..)
            .unwrap_or("")
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        out.push_str(&format!("=> {shown}\n"));
    }
    expect.assert_eq(&out);
}

const HISTORY: &str = r#"
//- journal/log.md
## 2026-11-02
Read about #automated-testing.
time:: 20m

## 2026-11-20 Consistent hashing
Practised #load-balancing and #automated-testing.
time:: 30m

## 2026-11-25
More #LoadBalancing.
time:: 45m
"#;

#[test]
fn tag_prefix_is_replaced_not_duplicated() {
    check(
        &format!("{HISTORY}\n## 2026-11-26\nToday #lo$0\n"),
        expect![[r#"
            0000 Topic load-balancing [2 sessions · 1h 15m] journal/log.md:14:8-10 <- "load-balancing"
            => Today #load-balancing
        "#]],
    );
}

#[test]
fn tag_word_after_the_cursor_is_replaced_too() {
    check(
        &format!("{HISTORY}\n## 2026-11-26\nToday #lo$0ad and more\n"),
        expect![[r#"
            0000 Topic load-balancing [2 sessions · 1h 15m] journal/log.md:14:8-12 <- "load-balancing"
            => Today #load-balancing and more
        "#]],
    );
}

#[test]
fn bare_hash_ranks_by_use_and_recency() {
    check(
        &format!("{HISTORY}\n## 2026-11-26\nToday (#$0\n"),
        expect![[r#"
            0000 Topic load-balancing [2 sessions · 1h 15m] journal/log.md:14:9 <- "load-balancing"
            0001 Topic automated-testing [2 sessions · 50m] journal/log.md:14:9 <- "automated-testing"
            => Today (#load-balancing
        "#]],
    );
}

#[test]
fn fuzzy_matching_reaches_inside_names() {
    check(
        &format!("{HISTORY}\n## 2026-11-26\nToday #bal$0\n"),
        expect![[r#"
            0000 Topic load-balancing [2 sessions · 1h 15m] journal/log.md:14:8-11 <- "load-balancing"
            => Today #load-balancing
        "#]],
    );
}

#[test]
fn no_topics_where_a_hash_is_not_a_tag() {
    for (case, text) in [
        ("C sharp", "Wrote C#$0"),
        ("code span", "Ran `grep #lo$0"),
        ("heading marker", "##$0"),
    ] {
        let fixture = format!("{HISTORY}\n## 2026-11-26\n{text}\n");
        let f = fixture::parse(&fixture);
        let list = completions(&f.ws, &f.path, f.offset, TODAY);
        assert!(
            list.items
                .iter()
                .all(|i| i.kind != crate::features::completion::CompletionKind::Topic),
            "{case}: {list:?}"
        );
    }
}

#[test]
fn no_completion_in_fenced_code() {
    check(
        &format!("{HISTORY}\n## 2026-11-26\n```sh\necho #lo$0\n```\n"),
        expect![""],
    );
}

#[test]
fn topic_field_values() {
    check(
        &format!("{HISTORY}\n## 2026-11-26\ntopics:: load-balancing, aut$0\n"),
        expect![[r#"
            0000 Topic automated-testing [2 sessions · 50m] journal/log.md:14:26-29 <- "automated-testing"
            => topics:: load-balancing, automated-testing
        "#]],
    );
}

#[test]
fn topic_field_link_value_gets_closed() {
    check(
        &format!("{HISTORY}\n## 2026-11-26\n- **topic**:: [[load$0\n"),
        expect![[r#"
            0000 Topic load-balancing [2 sessions · 1h 15m] journal/log.md:14:17-21 <- "load-balancing]]"
            => - **topic**:: [[load-balancing]]
        "#]],
    );
}

#[test]
fn frontmatter_inline_list() {
    check(
        &format!(
            "{HISTORY}\n//- journal/2026-11-26.md\n---\ntags: [load-balancing, au$0]\n---\nNotes.\n"
        ),
        expect![[r#"
            0000 Topic automated-testing [2 sessions · 50m] journal/2026-11-26.md:2:24-26 <- "automated-testing"
            => tags: [load-balancing, automated-testing]
        "#]],
    );
}

#[test]
fn frontmatter_block_list() {
    check(
        &format!(
            "{HISTORY}\n//- journal/2026-11-26.md\n---\ntopics:\n  - \"lo$0\"\ntime: 30m\n---\nNotes.\n"
        ),
        expect![[r#"
            0000 Topic load-balancing [2 sessions · 1h 15m] journal/2026-11-26.md:3:6-8 <- "load-balancing"
            =>   - "load-balancing"
        "#]],
    );
}

#[test]
fn other_frontmatter_keys_get_nothing() {
    check(
        &format!("{HISTORY}\n//- journal/2026-11-26.md\n---\nsource: lo$0\n---\nNotes.\n"),
        expect![""],
    );
}

#[test]
fn field_names_at_line_start_missing_ones_first() {
    check(
        r#"
//- log.md
## 2026-11-26
practiced:: drills
ti$0
"#,
        expect![[r#"
            0000 Field time:: (filter time) [required, missing] log.md:3:1-3 <- "time:: ${1:30m}" snippet
            0001 Field topic:: (filter topic) [required, missing] log.md:3:1-3 <- "topic:: ${1:topic}" snippet
            0002 Field learned:: (filter learned) [missing] log.md:3:1-3 <- "learned:: $1" snippet
            0003 Field next:: (filter next) [missing] log.md:3:1-3 <- "next:: $1" snippet
            0004 Field confidence:: (filter confidence) [missing] log.md:3:1-3 <- "confidence:: ${1|1,2,3,4,5|}" snippet
            0005 Field source:: (filter source) [missing] log.md:3:1-3 <- "source:: $1" snippet
            0006 Field practiced:: (filter practiced) [already set] log.md:3:1-3 <- "practiced:: $1" snippet
            => time:: ${1:30m}
        "#]],
    );
}

#[test]
fn field_names_after_list_marker_and_bold() {
    check(
        r#"
//- log.md
## 2026-11-26
- **con$0
"#,
        expect![[r#"
            0000 Field time:: (filter time) [required, missing] log.md:2:5-8 <- "time**:: ${1:30m}" snippet
            0001 Field topic:: (filter topic) [required, missing] log.md:2:5-8 <- "topic**:: ${1:topic}" snippet
            0002 Field practiced:: (filter practiced) [missing] log.md:2:5-8 <- "practiced**:: $1" snippet
            0003 Field learned:: (filter learned) [missing] log.md:2:5-8 <- "learned**:: $1" snippet
            0004 Field next:: (filter next) [missing] log.md:2:5-8 <- "next**:: $1" snippet
            0005 Field confidence:: (filter confidence) [missing] log.md:2:5-8 <- "confidence**:: ${1|1,2,3,4,5|}" snippet
            0006 Field source:: (filter source) [missing] log.md:2:5-8 <- "source**:: $1" snippet
            => - **time**:: ${1:30m}
        "#]],
    );
}

#[test]
fn no_field_names_outside_entries() {
    check(
        r#"
//- notes.md
# Reading list
ti$0
"#,
        expect![""],
    );
}

#[test]
fn dates_after_a_heading_marker() {
    check(
        r#"
//- log.md
## 2026-11-20
#testing
time:: 30m

## 2026-11-25
#testing
time:: 30m

## $0
"#,
        expect![[r#"
            0000 Date 2026-11-26 [today · Thu] log.md:9:4 <- "2026-11-26"
            0001 Date 2026-11-26 entry (filter 2026-11-26) [today · Thu: a whole entry] log.md:9:4 <- "2026-11-26 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0002 Date 2026-11-24 [missed · Tue] log.md:9:4 <- "2026-11-24"
            0003 Date 2026-11-24 entry (filter 2026-11-24) [missed · Tue: a whole entry] log.md:9:4 <- "2026-11-24 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0004 Date 2026-11-23 [missed · Mon] log.md:9:4 <- "2026-11-23"
            0005 Date 2026-11-23 entry (filter 2026-11-23) [missed · Mon: a whole entry] log.md:9:4 <- "2026-11-23 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0006 Date 2026-11-22 [missed · Sun] log.md:9:4 <- "2026-11-22"
            0007 Date 2026-11-22 entry (filter 2026-11-22) [missed · Sun: a whole entry] log.md:9:4 <- "2026-11-22 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0008 Date 2026-11-21 [missed · Sat] log.md:9:4 <- "2026-11-21"
            0009 Date 2026-11-21 entry (filter 2026-11-21) [missed · Sat: a whole entry] log.md:9:4 <- "2026-11-21 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            => ## 2026-11-26
        "#]],
    );
}

#[test]
fn typed_date_prefix_filters_and_is_replaced() {
    check(
        r#"
//- log.md
## 2026-11-20
#testing
time:: 30m

### 2026-11-2$0
"#,
        expect![[r#"
            0000 Date 2026-11-26 [today · Thu] log.md:5:5-14 <- "2026-11-26"
            0001 Date 2026-11-26 entry (filter 2026-11-26) [today · Thu: a whole entry] log.md:5:5-14 <- "2026-11-26 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0002 Date 2026-11-25 [yesterday · Wed] log.md:5:5-14 <- "2026-11-25"
            0003 Date 2026-11-25 entry (filter 2026-11-25) [yesterday · Wed: a whole entry] log.md:5:5-14 <- "2026-11-25 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0004 Date 2026-11-24 [missed · Tue] log.md:5:5-14 <- "2026-11-24"
            0005 Date 2026-11-24 entry (filter 2026-11-24) [missed · Tue: a whole entry] log.md:5:5-14 <- "2026-11-24 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0006 Date 2026-11-23 [missed · Mon] log.md:5:5-14 <- "2026-11-23"
            0007 Date 2026-11-23 entry (filter 2026-11-23) [missed · Mon: a whole entry] log.md:5:5-14 <- "2026-11-23 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0008 Date 2026-11-22 [missed · Sun] log.md:5:5-14 <- "2026-11-22"
            0009 Date 2026-11-22 entry (filter 2026-11-22) [missed · Sun: a whole entry] log.md:5:5-14 <- "2026-11-22 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0010 Date 2026-11-21 [missed · Sat] log.md:5:5-14 <- "2026-11-21"
            0011 Date 2026-11-21 entry (filter 2026-11-21) [missed · Sat: a whole entry] log.md:5:5-14 <- "2026-11-21 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            => ### 2026-11-26
        "#]],
    );
}

#[test]
fn weekday_cadence_offers_only_missed_weekdays() {
    check(
        r#"
//- studylog.toml
[journal]
cadence = "weekdays"
//- log.md
## 2026-11-19
#testing
time:: 30m

## 2026-11-2$0
"#,
        expect![[r#"
            0000 Date 2026-11-26 [today · Thu] log.md:5:4-13 <- "2026-11-26"
            0001 Date 2026-11-26 entry (filter 2026-11-26) [today · Thu: a whole entry] log.md:5:4-13 <- "2026-11-26 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0002 Date 2026-11-25 [yesterday · Wed] log.md:5:4-13 <- "2026-11-25"
            0003 Date 2026-11-25 entry (filter 2026-11-25) [yesterday · Wed: a whole entry] log.md:5:4-13 <- "2026-11-25 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0004 Date 2026-11-24 [missed · Tue] log.md:5:4-13 <- "2026-11-24"
            0005 Date 2026-11-24 entry (filter 2026-11-24) [missed · Tue: a whole entry] log.md:5:4-13 <- "2026-11-24 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0006 Date 2026-11-23 [missed · Mon] log.md:5:4-13 <- "2026-11-23"
            0007 Date 2026-11-23 entry (filter 2026-11-23) [missed · Mon: a whole entry] log.md:5:4-13 <- "2026-11-23 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            0008 Date 2026-11-20 [missed · Fri] log.md:5:4-13 <- "2026-11-20"
            0009 Date 2026-11-20 entry (filter 2026-11-20) [missed · Fri: a whole entry] log.md:5:4-13 <- "2026-11-20 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            => ## 2026-11-26
        "#]],
    );
}

#[test]
fn top_of_an_empty_daily_note() {
    check(
        r#"
//- journal/2026-11-25.md
#testing
time:: 30m
//- journal/2026-11-26.md
$0
"#,
        expect![[r##"
            0000 Date 2026-11-26 entry (filter 2026-11-26) [this note's date · Thu: a whole entry] journal/2026-11-26.md:1:1 <- "# 2026-11-26 $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            => # 2026-11-26 $1
        "##]],
    );
}

#[test]
fn link_completes_notes_by_shortest_unique_name() {
    check(
        r#"
//- topics/load-balancing.md
Spreading requests across servers.
//- notes/a/queue.md
# Queue A
//- notes/b/queue.md
# Queue B
//- log.md
## 2026-11-26
See [[qu$0
"#,
        expect![[r#"
            0000 Note a/queue [notes/a/queue.md] log.md:2:7-9 <- "a/queue]]"
            0001 Note b/queue [notes/b/queue.md] log.md:2:7-9 <- "b/queue]]"
            => See [[a/queue]]
        "#]],
    );
}

const OBSIDIAN_ALIASES: &str = r#"
//- studylog.toml
[links]
style = "obsidian"
//- notes/message-queues.md
---
aliases: [Kafka notes, Queue]
---
# Message queues
//- notes/queue.md
# Queue
//- log.md
## 2026-11-26
See [[kaf$0
"#;

#[test]
fn link_completes_obsidian_aliases_of_notes() {
    // An alias is offered where Obsidian resolves it: `Queue` is also the
    // stem of notes/queue.md, which `[[Queue]]` reaches first.
    check(
        OBSIDIAN_ALIASES,
        expect![[r#"
            0000 Note Kafka notes [notes/message-queues.md] log.md:2:7-10 <- "Kafka notes]]"
            => See [[Kafka notes]]
        "#]],
    );
    check(
        &OBSIDIAN_ALIASES.replace("[[kaf", "[[queu"),
        expect![[r#"
            0000 Note queue [notes/queue.md] log.md:2:7-11 <- "queue]]"
            0001 Note message-queues [notes/message-queues.md] log.md:2:7-11 <- "message-queues]]"
            => See [[queue]]
        "#]],
    );
}

#[test]
fn link_to_a_heading() {
    check(
        r#"
//- topics/load-balancing.md
# Load balancing
## Round robin
## Least connections
//- log.md
## 2026-11-26
See [[load-balancing#le$0]]
"#,
        expect![[r#"
            0000 Heading Least connections [## topics/load-balancing.md] log.md:2:22-24 <- "Least connections"
            => See [[load-balancing#Least connections]]
        "#]],
    );
}

#[test]
fn unicode_around_the_cursor() {
    check(
        r#"
//- log.md
## 2026-11-24 Übung 😀
#löten-für-anfänger
time:: 20m

## 2026-11-25 Übung 😀
#löten-für-anfänger
time:: 30m

## 2026-11-26
Wieder «geübt» 😀 #lö$0 und #für
"#,
        expect![[r#"
            0000 Topic löten-für-anfänger [2 sessions · 50m] log.md:10:19-21 <- "löten-für-anfänger"
            => Wieder «geübt» 😀 #löten-für-anfänger und #für
        "#]],
    );
}

#[test]
fn offsets_out_of_range_or_inside_a_character_never_panic() {
    let f = fixture::parse("//- log.md\n## 2026-11-26 é😀\n#lö$0\n");
    let text = text_of(&f.ws, &f.path).to_string();
    for offset in 0..text.len() + 5 {
        let list = completions(&f.ws, &f.path, offset, TODAY);
        for item in &list.items {
            assert!(item.edit.span.start() <= item.edit.span.end());
            assert!(text.is_char_boundary(item.edit.span.start().min(text.len())));
            assert!(text.is_char_boundary(item.edit.span.end().min(text.len())));
        }
    }
    assert!(completions(&f.ws, "missing.md", 3, TODAY).items.is_empty());
}

#[test]
fn topic_documentation_has_description_and_practice() {
    let f = fixture::parse(&format!(
        "{HISTORY}\n//- topics/load-balancing.md\nSpreading requests across servers.\n//- today.md\n## 2026-11-26\n#load$0\n"
    ));
    let list = completions(&f.ws, &f.path, f.offset, TODAY);
    let doc = list
        .items
        .first()
        .and_then(|i| i.documentation.clone())
        .unwrap_or_default();
    expect![[r#"
        **load-balancing** · topic note

        Spreading requests across servers.

        2 sessions, 1h 15m in all; last on 2026-11-25"#]]
    .assert_eq(&doc);
}

#[test]
fn a_topic_item_documentation_computed_alone_is_the_one_in_the_list() {
    let f = fixture::parse(&format!(
        "{HISTORY}\n//- topics/load-balancing.md\nSpreading requests across servers.\n//- today.md\n## 2026-11-26\n#$0\n"
    ));
    let list = completions(&f.ws, &f.path, f.offset, TODAY);
    assert!(list.items.len() >= 2, "{list:?}");
    for item in &list.items {
        let alone = topic_documentation_of(&f.ws, &f.path, f.offset, TODAY, &item.label);
        assert_eq!(alone, item.documentation, "{}", item.label);
    }
    assert_eq!(
        topic_documentation_of(&f.ws, &f.path, f.offset, TODAY, "no-such-topic"),
        None
    );
}

#[test]
fn builtin_catalog_and_aliases_complete() {
    check(
        r#"
//- studylog.toml
[topics]
aliases = { "lb" = "load-balancing" }
//- log.md
## 2026-11-26
#k8$0
"#,
        expect![[r#"
            0000 Topic container-orchestration (filter k8s) [not practised yet] log.md:2:2-4 <- "container-orchestration"
            => #container-orchestration
        "#]],
    );
    check(
        r#"
//- studylog.toml
[topics]
aliases = { "lb" = "load-balancing" }
//- log.md
## 2026-11-26
topic:: lb$0
"#,
        expect![[r#"
            0000 Topic load-balancing (filter lb) [not practised yet] log.md:2:9-11 <- "load-balancing"
            0001 Topic debugging (filter lldb) [not practised yet] log.md:2:9-11 <- "debugging"
            0002 Topic grpc (filter protocol-buffers) [not practised yet] log.md:2:9-11 <- "grpc"
            0003 Topic sql (filter relational-databases) [not practised yet] log.md:2:9-11 <- "sql"
            => topic:: load-balancing
        "#]],
    );
}

#[test]
fn dates_in_a_wiki_link_heading() {
    check(
        r#"
//- log.md
## 2026-11-25
#testing

## [[2026-11-2$0
"#,
        expect![[r#"
            0000 Date 2026-11-26 [today · Thu] log.md:4:6-15 <- "2026-11-26]]"
            0001 Date 2026-11-26 entry (filter 2026-11-26) [today · Thu: a whole entry] log.md:4:6-15 <- "2026-11-26]] $1\n\ntopic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n" snippet
            => ## [[2026-11-26]]
        "#]],
    );
}

#[test]
fn a_topic_flagged_unknown_is_not_offered() {
    // `static-anaylsis` is used once and is in no catalog: the checks flag it
    // as unknown, so an empty `topic::` must not suggest it.
    check(
        &format!(
            "{HISTORY}\n## 2026-11-23\ntopic:: static-anaylsis\ntime:: 10m\n\n## 2026-11-26\ntopic:: $0\n"
        ),
        expect![[r#"
            0000 Topic load-balancing [2 sessions · 1h 15m] journal/log.md:18:9 <- "load-balancing"
            0001 Topic automated-testing [2 sessions · 50m] journal/log.md:18:9 <- "automated-testing"
            => topic:: load-balancing
        "#]],
    );
}

#[test]
fn a_long_description_goes_to_the_documentation_not_the_detail() {
    let f = fixture::parse(
        "//- studylog.toml\n[topics]\ncustom = { caching = \"Keeping copies of data close to where it is read, so that repeated reads are cheap; invalidation, eviction and warming.\" }\n//- journal/log.md\n## 2026-11-25\ntopic:: caching\ntime:: 40m\n\n## 2026-11-26\ntopic:: cach$0\n",
    );
    let list = completions(&f.ws, &f.path, f.offset, TODAY);
    let item = list.items.iter().find(|i| i.label == "caching");
    let detail = item.and_then(|i| i.detail.as_deref()).unwrap_or("");
    let doc = item.and_then(|i| i.documentation.as_deref()).unwrap_or("");
    assert_eq!(detail, "1 session · 40m");
    assert!(doc.contains("Keeping copies of data"), "{doc}");
}

#[test]
fn topic_label_details_say_where_a_topic_comes_from_and_its_entries() {
    let f = fixture::parse(
        "//- studylog.toml\n[topics]\ncustom = { chaos-drills = \"Breaking things on purpose.\" }\n\
         //- topics/rate-limiting.md\nKeeping callers within a budget.\n\
         //- journal/log.md\n## 2026-11-24\ntopic:: load-balancing, pairing-notes\ntime:: 20m\n\n\
         ## 2026-11-25\ntopic:: pairing-notes\ntime:: 40m\n\n## 2026-11-26\ntopic:: $0\n",
    );
    let list = completions(&f.ws, &f.path, f.offset, TODAY);
    let shown = |label: &str| {
        let item = list.items.iter().find(|i| i.label == label);
        item.and_then(|i| i.label_details.as_ref())
            .map(|l| format!("{} | {}", l.detail, l.description))
            .unwrap_or_else(|| format!("{label} not offered with label details"))
    };
    assert_eq!(shown("load-balancing"), "catalog | 1 entry");
    assert_eq!(shown("rate-limiting"), "your notes | 0 entries");
    assert_eq!(shown("chaos-drills"), "studylog.toml | 0 entries");
    assert_eq!(shown("pairing-notes"), "history | 2 entries");
    let item = list.items.iter().find(|i| i.label == "pairing-notes");
    assert_eq!(
        item.and_then(|i| i.detail.as_deref()),
        Some("2 sessions · 1h"),
        "the detail stays"
    );
}
