//! Hover fixtures: the span hovered and the markdown shown.

use expect_test::{Expect, expect};

use crate::features::hover::{hover, sparkline};
use crate::test_fixture::{self as fixture, TODAY, loc};

fn check(fixture: &str, expect: Expect) {
    let f = fixture::parse(fixture);
    let out = match hover(&f.ws, &f.path, f.offset, TODAY) {
        Some(h) => format!("{}\n{}\n", loc(&f.ws, &f.path, h.span), h.markdown),
        None => "no hover\n".to_string(),
    };
    expect.assert_eq(&out);
}

const JOURNAL: &str = r#"
//- topics/load-balancing.md
---
aliases: [lb]
---
# Load balancing

Spreading requests across servers.
//- journal/log.md
## 2026-10-01
#load-balancing
time:: 2h

## 2026-11-23
#load-balancing #automated-testing
time:: 30m

## 2026-11-24
#load-balancing
time:: 1h 30m

## 2026-11-25
#automated-testing
time:: 45m
"#;

#[test]
fn topic_tag() {
    check(
        &format!("{JOURNAL}\n## 2026-11-26\n#load-ba$0lancing\ntime:: 20m\n"),
        expect![[r#"
            journal/log.md:18:1-16
            **load-balancing** · topic note

            Spreading requests across servers.

            4 sessions, 4h 20m in all  
            First 2026-10-01, last 2026-11-26  
            Current streak: 1 day

            `▁▁▁▇▁▁▁▁▁▁▁█` minutes per week, last 12 weeks
        "#]],
    );
}

#[test]
fn topic_written_in_another_form() {
    check(
        &format!("{JOURNAL}\n## 2026-11-26\ntopic:: Automated_Testing$0\n"),
        expect![[r#"
            journal/log.md:18:9-26
            **automated-testing** (written `Automated_Testing`)

            Known by use, not in the catalog: a note `topics/automated-testing.md` would describe it.

            3 sessions, 1h 15m in all  
            First 2026-11-23, last 2026-11-26  
            Current streak: 2 days

            `▁▁▁▁▁▁▁▁▁▁▁█` minutes per week, last 12 weeks
        "#]],
    );
}

#[test]
fn topic_never_practised_and_unknown() {
    check(
        r#"
//- notes.md
Some #new-topic$0 outside any entry.
"#,
        expect![[r#"
            notes.md:1:6-16
            **new-topic**

            Not a known topic: not in the catalog, and used in fewer than 2 entries.

            Not practised yet.
        "#]],
    );
}

#[test]
fn entry_date() {
    check(
        &format!("{JOURNAL}\n## 2026-11-2$04\n"),
        expect![[r#"
            journal/log.md:17:4-14
            **Tuesday, 2026-11-24**

            1h 30m practised that day (2 entries)  
            Journal streak on that day: 2 days  
            Next entry: 2026-11-25

            Fields:  
            `topic`: required by default (the journal has 5 entries; from 20 on, its habit decides)  
            `time`: required by default (the journal has 5 entries; from 20 on, its habit decides)
        "#]],
    );
}

#[test]
fn entry_date_of_the_latest_entry_shows_the_lapse() {
    check(
        r#"
//- log.md
## 2026-11-20
#testing
time:: 1h

## 2026-11-2$01
#testing
time:: 1h
"#,
        expect![[r#"
            log.md:5:4-14
            **Saturday, 2026-11-21**

            1h practised that day (1 entry)  
            Journal streak on that day: 2 days  
            The latest entry: 5 days ago

            Fields:  
            `topic`: required by default (the journal has 2 entries; from 20 on, its habit decides)  
            `time`: required by default (the journal has 2 entries; from 20 on, its habit decides)
        "#]],
    );
}

#[test]
fn future_entry_date() {
    check(
        "//- log.md\n## 2026-12-0$01\n#testing\n",
        expect![[r#"
            log.md:1:4-14
            **Tuesday, 2026-12-01**

            In the future: not counted until the day comes.
        "#]],
    );
}

#[test]
fn durations() {
    check(
        "//- log.md\n## 2026-11-26\ntime:: 1h 3$00m\n",
        expect![[r#"
            log.md:2:8-14
            `1h 30m` = 90 minutes
        "#]],
    );
    check(
        "//- log.md\n## 2026-11-26\ntime:: 9$0 parsecs\n",
        expect![[r#"
            log.md:2:8-17
            Not a duration. Write e.g. `45m`, `1h30m`, `1.5h`, `2 hours` or `1:30`.
        "#]],
    );
}

#[test]
fn nothing_on_plain_text_or_bad_offsets() {
    check(
        "//- log.md\n## 2026-11-26\nplain $0text\n",
        expect![[r#"
            no hover
        "#]],
    );
    let f = fixture::parse("//- log.md\n## 2026-11-26 😀\n#lö$0\ntime:: 1h\n");
    let len = f.ws.file(&f.path).map_or(0, |x| x.text.len());
    for offset in 0..len + 3 {
        let _ = hover(&f.ws, &f.path, offset, TODAY);
    }
    assert!(hover(&f.ws, "nope.md", 0, TODAY).is_none());
}

#[test]
fn sparkline_levels() {
    assert_eq!(sparkline(&[0, 1, 30, 60, 0]), "▁▂▅█▁");
    assert_eq!(sparkline(&[0, 0]), "▁▁");
    assert_eq!(sparkline(&[]), "");
}

#[test]
fn builtin_topic_through_an_alias() {
    check(
        r#"
//- studylog.toml
[journal]
cadence = "daily"
//- log.md
## 2026-11-25
#k8s$0
time:: 40m
"#,
        expect![[r#"
            log.md:2:1-5
            **container-orchestration** · built-in (written `k8s`)

            Scheduling and running containers across a cluster: Kubernetes, deployments, services

            1 session, 40m in all  
            First 2026-11-25, last 2026-11-25  
            Current streak: 1 day

            `▁▁▁▁▁▁▁▁▁▁▁█` minutes per week, last 12 weeks
        "#]],
    );
}

#[test]
fn month_file_heading_says_what_the_file_covers() {
    check(
        r#"
//- til/2024-03.md
# Ma$0rch notes

## 29 Fri - Borrow checker
#rust
time:: 25m

## Sat 30
time:: 00:20:00

## 31st
#sql
time:: 15m
"#,
        expect![[r#"
            til/2024-03.md:1:1-14
            **March 2024** · month file

            3 day entries on 3 days, 1h in all  
            From 2024-03-29 to 2024-03-31
        "#]],
    );
    // The month named by the first heading, in a file named otherwise.
    check(
        "//- til/april.md\n# April 2$0024\n\n## 2nd\ntime:: 10m\n",
        expect![[r#"
            til/april.md:1:1-13
            **April 2024** · month file

            1 day entry, 10m in all
        "#]],
    );
    check(
        "//- til/2024.md\n# 20$024\n",
        expect![[r#"
            til/2024.md:1:1-7
            **2024** · year file

            No day entries yet: each day is a heading such as `## 03-05`.

            ---

            **studylog:** No journal entries recognised in 1 markdown file (studylog looked for dated headings such as `## 2024-01-15 Title` and daily notes named `YYYY-MM-DD`, `YYYY_MM_DD`, `YYYYMMDD`, `[daily.journal.]YYYY.MM.DD`, `YYYY-MM-DD ddd`, `YYYY-MM-DD dddd`, `YY-MM-DD ddd`, `YYYY/MM/DD`, `YYYY/MM/YYYY-MM-DD`). Start an entry with a dated heading (`## 2024-01-15 What I practised`), or name a daily note after its date (`2024-01-15.md`).
        "#]],
    );
    // A day heading is an entry (its date's hover), and other files say nothing.
    check(
        "//- til/notes.md\n# Not$0es\n\n## 2024-03-05\n",
        expect![[r#"
            no hover
        "#]],
    );
}
