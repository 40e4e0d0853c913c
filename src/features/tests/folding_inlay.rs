//! Folding and inlay hint fixtures.

use expect_test::{Expect, expect};

use crate::features::folding::folding_ranges;
use crate::features::inlay::inlay_hints;
use crate::test_fixture::{self as fixture, TODAY, loc, text_of};
use crate::text::Span;

fn check_folding(fixture: &str, expect: Expect) {
    let f = fixture::parse(fixture);
    let mut out = String::new();
    for fold in folding_ranges(&f.ws, &f.path) {
        out.push_str(&format!(
            "{:?} {}\n",
            fold.kind,
            loc(&f.ws, &f.path, fold.span)
        ));
    }
    expect.assert_eq(&out);
}

fn check_inlay(fixture: &str, expect: Expect) {
    let f = fixture::parse(fixture);
    let whole = Span::new(0, text_of(&f.ws, &f.path).len());
    let mut out = String::new();
    for hint in inlay_hints(&f.ws, &f.path, whole, TODAY) {
        out.push_str(&format!(
            "{} {:?} ({})\n",
            loc(&f.ws, &f.path, Span::empty(hint.offset)),
            hint.label,
            hint.tooltip.unwrap_or_default()
        ));
    }
    expect.assert_eq(&out);
}

#[test]
fn folds_entries_and_frontmatter() {
    check_folding(
        r#"
//- log.md
---
title: Log
---
# Log
## 2026-11-24
#testing
time:: 30m

## 2026-11-25 one line

## 2026-11-26
Übung 😀

"#,
        expect![[r#"
            Frontmatter log.md:1:1-3:4
            Entry log.md:5:1-7:11
            Entry log.md:11:1-12:8
        "#]],
    );
}

#[test]
fn inlay_hints_show_day_total_and_streak() {
    check_inlay(
        r#"
//- other.md
## 2026-11-24
time:: 15m
//- log.md
## 2026-11-23
time:: 30m

## 2026-11-24 😀 Übung
time:: 1h

## 2026-11-26
time:: 10m

## 2026-12-01
"#,
        expect![[r#"
            log.md:1:14 "30m · streak 1 day" (30m on 2026-11-23; the journal's streak (daily) that day: 1 day)
            log.md:4:22 "1h 15m · streak 2 days" (1h 15m in 2 entries on 2026-11-24; the journal's streak (daily) that day: 2 days)
            log.md:7:14 "10m · streak 1 day" (10m on 2026-11-26; the journal's streak (daily) that day: 1 day)
            log.md:10:14 "future" (2026-12-01 is after today: not counted yet)
        "#]],
    );
}

#[test]
fn inlay_hints_only_in_range() {
    let f = fixture::parse("//- log.md\n## 2026-11-25\ntime:: 1h\n\n## 2026-11-26\ntime:: 1h\n$0");
    let hints = inlay_hints(&f.ws, &f.path, Span::new(30, 40), TODAY);
    assert_eq!(hints.len(), 1);
    assert!(inlay_hints(&f.ws, &f.path, Span::new(500, 900), TODAY).is_empty());
}
