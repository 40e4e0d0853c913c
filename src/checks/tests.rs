//! Fixture tests of the checks: a journal as one string, its diagnostics
//! rendered one per line (with related locations and fix titles) and compared
//! with a snapshot. Today is always [`TODAY`], Thursday 2026-11-26.

use expect_test::{Expect, expect};

use crate::config::{Cadence, Config, SeverityOverride};
use crate::diagnostic::{Code, Severity};
use crate::test_fixture::{TODAY, apply_fixes, render, workspace};

use super::check_file;

fn check(fixture: &str, expect: Expect) {
    check_with(None, fixture, expect);
}

fn check_with(config: Option<Config>, fixture: &str, expect: Expect) {
    let mut ws = workspace(fixture);
    if let Some(config) = config {
        ws.set_config(config, Vec::new());
    }
    let diagnostics = ws.diagnostics(TODAY);
    expect.assert_eq(&render(&ws, fixture, &diagnostics));
}

fn cadence(cadence: Cadence) -> Option<Config> {
    Some(Config {
        cadence,
        ..Config::default()
    })
}

#[test]
fn a_clean_journal_with_every_not_a_tag_case_gives_nothing() {
    let fixture = r#"
//- journal/2026-11-24.md
---
date: 2026-11-24
topics: [load-balancing]
time: 30m
---
# Tuesday

Read about `#not-a-tag` in code, C# and issue #123 and the url
https://example.com/page#anchor and [a link](https://example.com/#frag).

```
#not-a-tag-either
```

    #indented-code

<span>#html-tag</span>
practiced:: round robin vs least connections
learned::
confidence:: 4/5
//- journal/2026-11.md
# November
Intro text with #random-tag outside any entry.

## 2026-11-25 – Caching
#caching and #load-balancing
- time:: 1h 30m
- **Confidence**:: 3
- source:: [[caching]]
- next::

## 2026-11-26: Testing
topic:: automated-testing, [[static-analysis]]
time:: 1:15
See [the caching note](../topics/caching.md#what-it-is) and [[2026-11-25]],
[[topics/caching#What it is]] and [[#November]], and [[diagram.png]].
//- topics/caching.md
# Caching

Keeping results close to where they are used.

## What it is
"#;
    check(fixture, expect![[r#""#]]);
    // Not vacuous: the three entries and their topics were all read.
    let ws = workspace(fixture);
    let dates: Vec<String> = ws.timeline().keys().map(|d| d.to_string()).collect();
    assert_eq!(dates, ["2026-11-24", "2026-11-25", "2026-11-26"]);
    let topics: Vec<&str> = ws.topics_in_use().map(|(t, _)| t).collect();
    assert_eq!(
        topics,
        [
            "automated-testing",
            "caching",
            "load-balancing",
            "static-analysis"
        ]
    );
}

#[test]
fn future_dates() {
    check(
        r#"
//- journal/log.md
## 2026-11-26 today is fine
#caching
time:: 1h
## 2026-11-27 tomorrow is not
#caching
time:: 1h
//- journal/2026-12-24.md
#caching
time:: 1h
"#,
        expect![[r#"
            journal/2026-12-24.md:1: warning[future-date] Entry dated Thu 2026-12-24 is in the future (today is Thu 2026-11-26); correct the date, or write this entry on that day
            journal/log.md:4: warning[future-date] Entry dated Fri 2026-11-27 is in the future (today is Thu 2026-11-26); correct the date, or write this entry on that day
        "#]],
    );
}

#[test]
fn duplicate_dates_in_one_file_point_at_the_first() {
    check(
        r#"
//- journal/log.md
## 2026-11-25 morning
#caching
time:: 1h
## 2026-11-25 evening
#caching
time:: 1h
## 2026-11-26
#caching
time:: 1h
## 2026-11-25 third
#caching
time:: 1h
//- journal/other.md
## 2026-11-26 another file may share a date
#caching
time:: 1h
"#,
        expect![[r#"
            journal/log.md:4: warning[duplicate-date] Another entry for Wed 2026-11-25 in this file (the first is on line 1); merge the two, or correct this date
              related journal/log.md:1: first entry for 2026-11-25
            journal/log.md:10: warning[duplicate-date] Another entry for Wed 2026-11-25 in this file (the first is on line 1); merge the two, or correct this date
              related journal/log.md:1: first entry for 2026-11-25
            journal/log.md:10: warning[date-order] Entry 2026-11-25 is out of order: this file runs oldest first, but it sits after 2026-11-26 (line 7); move the entry to its place
        "#]],
    );
}

#[test]
fn date_order_keeps_the_longer_order() {
    check(
        r#"
//- ascending.md
## 2026-11-20
#caching
time:: 1h
## 2026-11-24
#caching
time:: 1h
## 2026-11-21
#caching
time:: 1h
## 2026-11-22
#caching
time:: 1h
## 2026-11-23
#caching
time:: 1h
//- descending.md
## 2026-11-26
#caching
time:: 1h
## 2026-11-25
#caching
time:: 1h
## 2026-11-19
#caching
time:: 1h
## 2026-11-24
#caching
time:: 1h
//- tie.md
## 2026-11-22
#caching
time:: 1h
## 2026-11-21
#caching
time:: 1h
## 2026-11-23
#caching
time:: 1h
"#,
        expect![[r#"
            ascending.md:4: warning[date-order] Entry 2026-11-24 is out of order: this file runs oldest first, but it sits before 2026-11-21 (line 7); move the entry to its place
            descending.md:10: warning[date-order] Entry 2026-11-24 is out of order: this file runs newest first, but it sits after 2026-11-19 (line 7); move the entry to its place
            tie.md:4: warning[date-order] Entry 2026-11-21 is out of order: this file runs oldest first, but it sits after 2026-11-22 (line 1); move the entry to its place
        "#]],
    );
}

#[test]
fn equal_dates_never_break_order() {
    let config = Some(Config {
        cadence: Cadence::Off,
        severity: [(Code::DuplicateDate, SeverityOverride::Off)].into(),
        ..Config::default()
    });
    check_with(
        config,
        r#"
//- log.md
## 2026-11-20
#caching
time:: 1h
## 2026-11-20
#caching
time:: 1h
## 2026-11-21
#caching
time:: 1h
## 2026-11-21
#caching
time:: 1h
"#,
        expect![[r#""#]],
    );
}

/// Entries on the given dates, each complete, one daily note per date.
fn daily_notes(dates: &[&str]) -> String {
    dates
        .iter()
        .map(|d| format!("//- journal/{d}.md\n#caching\ntime:: 30m\n"))
        .collect()
}

#[test]
fn missed_days_daily() {
    // 11-10..11-12 missed (3 days), 11-14..11-19 missed (6 days), 11-21 and
    // 11-22 then yesterday (11-25) missed before today's entry.
    let fixture = daily_notes(&[
        "2026-11-09",
        "2026-11-13",
        "2026-11-20",
        "2026-11-23",
        "2026-11-24",
        "2026-11-26",
    ]);
    check(
        &fixture,
        expect![[r#"
            journal/2026-11-13.md:1: warning[missed-days] No practice logged on Tue 2026-11-10, Wed 2026-11-11 and Thu 2026-11-12 (cadence: daily); add entries for those days, or relax `cadence` in studylog.toml
            journal/2026-11-20.md:1: warning[missed-days] No practice logged on Sat 2026-11-14, Sun 2026-11-15, Mon 2026-11-16 and 3 more days (cadence: daily); add entries for those days, or relax `cadence` in studylog.toml
            journal/2026-11-23.md:1: warning[missed-days] No practice logged on Sat 2026-11-21 and Sun 2026-11-22 (cadence: daily); add entries for those days, or relax `cadence` in studylog.toml
            journal/2026-11-26.md:1: warning[missed-days] No practice logged on Wed 2026-11-25 (cadence: daily); add entries for those days, or relax `cadence` in studylog.toml
        "#]],
    );
}

#[test]
fn missed_days_are_never_after_yesterday_or_after_the_last_entry() {
    // Nothing logged since 11-20: the lapse is not a gap (no entry after it).
    check(
        &daily_notes(&["2026-11-19", "2026-11-20"]),
        expect![[r#""#]],
    );
    // Today is never missed; a future entry only brings the days up to yesterday.
    check(
        &daily_notes(&["2026-11-22", "2026-11-30"]),
        expect![[r#"
            journal/2026-11-30.md:1: warning[future-date] Entry dated Mon 2026-11-30 is in the future (today is Thu 2026-11-26); correct the date, or write this entry on that day
            journal/2026-11-30.md:1: warning[missed-days] No practice logged on Mon 2026-11-23, Tue 2026-11-24 and Wed 2026-11-25 (cadence: daily); add entries for those days, or relax `cadence` in studylog.toml
        "#]],
    );
}

#[test]
fn missed_days_start_later_than_the_first_entry() {
    let config = Some(Config {
        start: Some(jiff::civil::date(2026, 11, 15)),
        ..Config::default()
    });
    check_with(
        config,
        &daily_notes(&["2026-11-01", "2026-11-10", "2026-11-18", "2026-11-19"]),
        expect![[r#"
            journal/2026-11-18.md:1: warning[missed-days] No practice logged on Sun 2026-11-15, Mon 2026-11-16 and Tue 2026-11-17 (cadence: daily); add entries for those days, or relax `cadence` in studylog.toml
        "#]],
    );
}

#[test]
fn missed_days_weekdays() {
    // Fri 11-13, Mon 11-16 (weekend free), Tue 11-17, Thu 11-19 (Wed missed),
    // Tue 11-24 (Fri 11-20 and Mon 11-23 missed; Sat 11-21 practised).
    check_with(
        cadence(Cadence::Weekdays),
        &daily_notes(&[
            "2026-11-13",
            "2026-11-16",
            "2026-11-17",
            "2026-11-19",
            "2026-11-21",
            "2026-11-24",
        ]),
        expect![[r#"
            journal/2026-11-19.md:1: warning[missed-days] No practice logged on Wed 2026-11-18 (cadence: weekdays); add entries for those days, or relax `cadence` in studylog.toml
            journal/2026-11-21.md:1: warning[missed-days] No practice logged on Fri 2026-11-20 (cadence: weekdays); add entries for those days, or relax `cadence` in studylog.toml
            journal/2026-11-24.md:1: warning[missed-days] No practice logged on Mon 2026-11-23 (cadence: weekdays); add entries for those days, or relax `cadence` in studylog.toml
        "#]],
    );
}

#[test]
fn missed_days_per_week() {
    // Week of 11-02: 3 days (met). Week of 11-09: 1 day (short, on its last
    // entry). Weeks of 11-16: none (on the first entry after). Week of 11-23:
    // the current week, not judged yet although it has 1 day so far.
    check_with(
        cadence(Cadence::PerWeek(3)),
        &daily_notes(&[
            "2026-11-02",
            "2026-11-03",
            "2026-11-05",
            "2026-11-10",
            "2026-11-24",
        ]),
        expect![[r#"
            journal/2026-11-10.md:1: warning[missed-days] Only 1 practice day in the week of Mon 2026-11-09 (cadence: 3/week asks for 3); log more practice days in such weeks, or relax `cadence` in studylog.toml
            journal/2026-11-24.md:1: warning[missed-days] No practice logged in the week of Mon 2026-11-16 (cadence: 3/week); log more practice days in such weeks, or relax `cadence` in studylog.toml
        "#]],
    );
}

#[test]
fn missed_days_off() {
    check_with(
        cadence(Cadence::Off),
        &daily_notes(&["2026-11-01", "2026-11-20"]),
        expect![[r#""#]],
    );
}

#[test]
fn empty_entries_and_missing_fields() {
    check(
        r#"
//- log.md
## 2026-11-24 empty

## 2026-11-25 no time
#caching
## 2026-11-26 nothing required
practiced:: reading
//- 2026-11-23.md
"#,
        expect![[r#"
            2026-11-23.md:1: warning[empty-entry] The entry for Mon 2026-11-23 is empty; write what you practised (a topic and the time spent), or remove it
            log.md:1: warning[empty-entry] The entry for Tue 2026-11-24 is empty; write what you practised (a topic and the time spent), or remove it
            log.md:3: warning[missing-field] The entry for Wed 2026-11-25 has no `time`; add a line such as `time:: 45m`
              fix: Add `time::`
            log.md:5: warning[missing-field] The entry for Thu 2026-11-26 has no topic; add a #tag or a line `topic:: ...`
              fix: Add `topic::`
            log.md:5: warning[missing-field] The entry for Thu 2026-11-26 has no `time`; add a line such as `time:: 45m`
              fix: Add `time::`
        "#]],
    );
}

#[test]
fn missing_field_fixes_insert_after_the_anchor() {
    let fixture = "
//- log.md
## 2026-11-25 no time
#caching
## 2026-11-26
practiced:: reading
//- 2026-11-24.md
---
confidence: 3
---
practiced:: reading
//- 2026-11-23.md
# Monday\r
#caching\r
";
    let ws = workspace(fixture);
    let diagnostics = ws.diagnostics(TODAY);
    let fixed: String = ["log.md", "2026-11-24.md", "2026-11-23.md"]
        .iter()
        .map(|path| format!("--- {path}\n{}", apply_fixes(&ws, path, &diagnostics)))
        .collect();
    expect![[r#"
        --- log.md
        ## 2026-11-25 no time
        time:: 
        #caching
        ## 2026-11-26
        time:: 
        topic:: 
        practiced:: reading
        --- 2026-11-24.md
        ---
        confidence: 3
        ---
        time:: 
        topic:: 
        practiced:: reading
        --- 2026-11-23.md
        # Monday\r
        time:: \r
        #caching\r
    "#]]
    .assert_eq(&fixed.replace('\r', "\\r"));
}

#[test]
fn invalid_durations() {
    check(
        r#"
//- log.md
## 2026-11-22
#caching
time:: forty minutes
## 2026-11-23
#caching
time:: 0m
## 2026-11-24
#caching
duration:: 25h
## 2026-11-25
#caching
time::
## 2026-11-26 valid forms
#caching
time:: 45m
spent:: 1h30m
time:: 1.5h
time:: 1:30
"#,
        expect![[r#"
            log.md:3: error[invalid-duration] `forty minutes` is not a duration; write it as `45m`, `1h30m`, `1.5h`, `2 hours` or `1:30`
            log.md:6: error[invalid-duration] `time:: 0m` is zero; write the time you spent, or remove the field
            log.md:9: error[invalid-duration] `25h` is 25h, more than a day; a single entry holds at most 24h, so correct the value
            log.md:12: error[invalid-duration] `time` has no value; write the time spent, such as `45m`, `1h30m` or `1:30`
        "#]],
    );
}

#[test]
fn day_overflow_sums_the_date_across_files() {
    check(
        r#"
//- a.md
## 2026-11-25
#caching
time:: 20h
time:: nonsense
## 2026-11-26 exactly a day is fine
#caching
time:: 23h
//- b.md
## 2026-11-25
#caching
time:: 4h 30m
## 2026-11-26
#caching
time:: 1h
"#,
        expect![[r#"
            a.md:3: error[day-overflow] The time logged for Wed 2026-11-25 adds up to 24h 30m across 2 entries, more than 24h; correct the `time` values of that day
            a.md:4: error[invalid-duration] `nonsense` is not a duration; write it as `45m`, `1h30m`, `1.5h`, `2 hours` or `1:30`
            b.md:3: error[day-overflow] The time logged for Wed 2026-11-25 adds up to 24h 30m across 2 entries, more than 24h; correct the `time` values of that day
        "#]],
    );
}

#[test]
fn invalid_fields() {
    check(
        r#"
//- log.md
## 2026-11-20
#caching
time:: 1h
confidence:: 7
## 2026-11-21
#caching
time:: 1h
confidence:: 3/10
## 2026-11-22
#caching
time:: 1h
confidence:: high
## 2026-11-23
time:: 1h
topic::
## 2026-11-24 fine
#caching
time:: 1h
confidence:: 5
## 2026-11-25 fine
#caching
time:: 1h
confidence:: 2/5
my-own-key:: anything at all
## 2026-11-26 fine
#caching
time:: 1h
confidence::
learned::
"#,
        expect![[r#"
            log.md:4: warning[invalid-field] Confidence `7` is not valid; write a whole number from 1 to 5, or `N/5`
            log.md:8: warning[invalid-field] Confidence `3/10` is not valid; write a whole number from 1 to 5, or `N/5`
            log.md:12: warning[invalid-field] Confidence `high` is not valid; write a whole number from 1 to 5, or `N/5`
            log.md:15: warning[invalid-field] `topic` names no topic; write one, such as `topic:: load-balancing`, or remove the field
        "#]],
    );
}

#[test]
fn unknown_topics() {
    check(
        r#"
//- log.md
# Notes with #made-up-outside-entries are not checked
## 2026-11-23
#load-balacing #k8s #dev/load-balancing
time:: 1h
## 2026-11-24
#kafka-streams
time:: 1h
## 2026-11-25
topic:: statik-analysis, [[cachign]]
time:: 1h
## 2026-11-26
#homelab #homelab and #hmelab
time:: 1h
//- 2026-11-22.md
---
topics:
  - homelab
  - load-balancin
time: 1h
---
"#,
        expect![[r#"
            2026-11-22.md:4: warning[unknown-topic] Unknown topic `load-balancin`; did you mean `load-balancing`?
              fix: Change to `load-balancing`
            log.md:3: warning[unknown-topic] Unknown topic `#load-balacing`; did you mean `#load-balancing`?
              fix: Change to `#load-balancing`
            log.md:6: information[unknown-topic] Unknown topic `#kafka-streams`: not in the catalog and used in 1 entry (min-uses: 2); add a note `topics/kafka-streams.md` to catalog it, or check the spelling
            log.md:9: warning[unknown-topic] Unknown topic `statik-analysis`; did you mean `static-analysis`?
              fix: Change to `static-analysis`
            log.md:9: warning[unknown-topic] Unknown topic `cachign`; did you mean `caching`?
              fix: Change to `caching`
            log.md:12: warning[unknown-topic] Unknown topic `#hmelab`; did you mean `#homelab`?
              fix: Change to `#homelab`
        "#]],
    );
}

#[test]
fn topic_spelling() {
    // Catalog topics are spelt as the catalog names them; others as the
    // journal writes them most (`#JavaScript` twice, `#javascript` once),
    // a tie going to kebab-case (`emotion/happy`). Aliases keep their own
    // name (`#k8s`, not `#container-orchestration`); fields are never
    // reported; a nested tag's parent is spelt by its leading segment.
    check(
        r#"
//- log.md
# #NotInAnEntry
## 2026-11-25
#LoadBalancing #load_balancing #Dev/StaticAnalysis #K8s #k8s
#JavaScript #Emotion/Happy
time:: 1h
## 2026-11-26
topic:: Load Balancing, Static_Analysis, java script
#JavaScript #javascript #emotion/happy #Emotion
time:: 1h
"#,
        expect![[r#"
            log.md:3: hint[topic-spelling] `#LoadBalancing` is the catalog's `#load-balancing`; write it as `#load-balancing`
              fix: Write `#load-balancing`
            log.md:3: hint[topic-spelling] `#load_balancing` is the catalog's `#load-balancing`; write it as `#load-balancing`
              fix: Write `#load-balancing`
            log.md:3: hint[topic-spelling] `#K8s` is the catalog's `#k8s`; write it as `#k8s`
              fix: Write `#k8s`
            log.md:4: hint[topic-spelling] `#Emotion/Happy` is spelt `#emotion/happy` in most of this journal; write it as `#emotion/happy`
              fix: Write `#emotion/happy`
            log.md:8: hint[topic-spelling] `#javascript` is spelt `#JavaScript` in most of this journal; write it as `#JavaScript`
              fix: Write `#JavaScript`
        "#]],
    );
}

#[test]
fn topic_fixes_replace_the_mention() {
    let fixture = r#"
//- log.md
## 2026-11-26
#LoadBalancing #dev/load-balacing
topic:: automated-testin
time:: 1h
"#;
    let ws = workspace(fixture);
    let diagnostics = ws.diagnostics(TODAY);
    // A nested tag gets no did-you-mean (it would cross its parent), so no fix.
    expect![[r#"
        ## 2026-11-26
        #load-balancing #dev/load-balacing
        topic:: automated-testing
        time:: 1h
    "#]]
    .assert_eq(&apply_fixes(&ws, "log.md", &diagnostics));
}

#[test]
fn broken_links() {
    check(
        r#"
//- journal/log.md
## 2026-11-26
#caching
time:: 1h
[[caching]] [[Topics/Caching]] [[CACHING#what it is]] [[ching]]
[[nowhere]] [[caching#No such heading]] [[2026-11-20]] [[2026-11-26]]
[ok](../topics/caching.md) [gone](../topics/gone.md) [bad](caching.md)
[anchor](../topics/caching.md#what-it-is) [no anchor](../topics/caching.md#nope)
[[#2026-11-26]] [[#Missing here]] `[[in-code]]`
topic:: [[not-a-link-check]]
//- topics/caching.md
# Caching
## What it is
"#,
        expect![[r#"
            journal/log.md:4: warning[broken-link] No note matches `[[ching]]`; create `ching.md`, or correct the link
            journal/log.md:5: warning[broken-link] No note matches `[[nowhere]]`; create `nowhere.md`, or correct the link
            journal/log.md:5: warning[broken-link] `topics/caching.md` has no heading `No such heading` (link `[[caching#No such heading]]`); add the heading, or correct the link
            journal/log.md:5: warning[broken-link] No note or entry matches `[[2026-11-20]]`; write an entry for 2026-11-20, or correct the date
            journal/log.md:6: warning[broken-link] `topics/gone.md` does not exist (link `[gone](../topics/gone.md)`); create it, or correct the path
            journal/log.md:6: warning[broken-link] `journal/caching.md` does not exist (link `[bad](caching.md)`); create it, or correct the path
            journal/log.md:7: warning[broken-link] `topics/caching.md` has no heading `nope` (link `[no anchor](../topics/caching.md#nope)`); add the heading, or correct the link
            journal/log.md:8: warning[broken-link] This note has no heading `Missing here` (link `[[#Missing here]]`); add the heading, or correct the link
            journal/log.md:9: information[unknown-topic] Unknown topic `not-a-link-check`: not in the catalog and used in 1 entry (min-uses: 2); add a note `topics/not-a-link-check.md` to catalog it, or check the spelling
        "#]],
    );
}

#[test]
fn severity_overrides_and_off() {
    let config = Some(Config {
        severity: [
            (Code::MissingField, SeverityOverride::Set(Severity::Error)),
            (Code::InvalidDate, SeverityOverride::Set(Severity::Hint)),
            (Code::MissedDays, SeverityOverride::Off),
            (Code::UnknownTopic, SeverityOverride::Set(Severity::Warning)),
        ]
        .into(),
        ..Config::default()
    });
    check_with(
        config,
        r#"
//- log.md
## 2026-11-20
#caching
## 2026-02-30 not a date
## 2026-11-26
#zzz-unheard-of
time:: 1h
"#,
        expect![[r#"
            log.md:1: error[missing-field] The entry for Fri 2026-11-20 has no `time`; add a line such as `time:: 45m`
              fix: Add `time::`
            log.md:3: hint[invalid-date] `2026-02-30` is not a calendar date: February 2026 has 28 days
            log.md:5: warning[unknown-topic] Unknown topic `#zzz-unheard-of`: not in the catalog and used in 1 entry (min-uses: 2); add a note `topics/zzz-unheard-of.md` to catalog it, or check the spelling
        "#]],
    );
}

#[test]
fn check_file_matches_the_workspace_check() {
    let fixture = r#"
//- a.md
## 2026-11-20
#caching
time:: 20h
[[b]] [[nowhere]]
## 2026-11-24
#cachng
time:: 1h
//- b.md
## 2026-11-20
#caching
time:: 5h
//- topics/x.md
# X
"#;
    let ws = workspace(fixture);
    let all = ws.diagnostics(TODAY);
    assert!(!all.is_empty());
    for file in ws.files() {
        let expected: Vec<_> = all
            .iter()
            .filter(|d| d.path == file.path)
            .cloned()
            .collect();
        assert_eq!(
            check_file(&ws, &file.path, TODAY),
            expected,
            "{}",
            file.path
        );
    }
}

#[test]
fn config_problems_go_through_the_same_severity_pass() {
    check(
        r#"
//- studylog.toml
[journal]
cadence = "sometimes"
required = ["time"]

[severity]
config-error = "warning"
empty-entry = "off"
//- log.md
## 2026-11-24
#caching
## 2026-11-25
## 2026-11-26
time:: 1h
"#,
        expect![[r#"
            log.md:1: warning[missing-field] The entry for Tue 2026-11-24 has no `time`; add a line such as `time:: 45m`
              fix: Add `time::`
            studylog.toml:2: warning[config-error] `cadence = "sometimes"` is not a cadence: use "daily", "weekdays", "off" or "N/week" with N from 1 to 7; using the default "daily"
        "#]],
    );
}

mod never_panic {
    use proptest::prelude::*;

    use crate::stats::compute_stats;
    use crate::test_fixture::{TODAY, workspace};

    /// Journal-like lines: dated headings, tags, fields, links, fences, noise.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            "## 2026-1[01]-[0-3][0-9]( [a-z ]{0,8})?",
            "# 2026-0[0-9]-[0-9]{1,2}",
            "#[A-Za-z_/-]{1,12}( #[a-z]{1,6})?",
            "(time|duration|confidence|topic|topics|learned):: ?[0-9a-z:./ #\\[\\]]{0,10}",
            "\\[\\[[a-z0-9#/ -]{0,12}\\]\\]",
            "\\[x\\]\\((\\.\\./)?[a-z/]{0,8}\\.md(#[a-z]{0,5})?\\)",
            "```|---|    code|<b>",
            "\\PC{0,20}",
        ]
    }

    fn file() -> impl Strategy<Value = String> {
        prop::collection::vec(line(), 0..12).prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn checks_and_stats_never_panic(a in file(), b in file(), name in "2026-11-[0-3][0-9]") {
            let fixture = format!("//- log.md\n{a}\n//- {name}.md\n{b}\n//- topics/x.md\n{b}\n");
            let ws = workspace(&fixture);
            let diagnostics = ws.diagnostics(TODAY);
            for d in &diagnostics {
                let text = ws.file(&d.path).map(|f| f.text.len()).unwrap_or(0);
                prop_assert!(d.span.start() <= d.span.end() && d.span.end() <= text);
            }
            let stats = compute_stats(&ws, TODAY);
            prop_assert!(stats.days <= stats.entries);
        }
    }
}

#[test]
fn files_without_entries_never_fail_the_build_by_default() {
    let fixture = r#"
//- templates/daily.md
---
tags: [a
---
## {{date}}
See [[nowhere]].
//- journal/2026-11-25.md
---
topics: [caching
---
## 2026-02-30 typo
//- reference/dates.md
## 2026-1-5 release notes
"#;
    check(
        fixture,
        expect![[r#"
            journal/2026-11-25.md:1: warning[missing-field] The entry for Wed 2026-11-25 has no topic; add a #tag or a line `topic:: ...`
              fix: Add `topic::`
            journal/2026-11-25.md:1: warning[missing-field] The entry for Wed 2026-11-25 has no `time`; add a line such as `time:: 45m`
              fix: Add `time::`
            journal/2026-11-25.md:2: error[frontmatter-syntax] frontmatter is not valid YAML: while parsing a flow sequence, expected ',' or ']'; fix this line or quote the value
            journal/2026-11-25.md:4: error[invalid-date] `2026-02-30` is not a calendar date: February 2026 has 28 days
            reference/dates.md:1: error[invalid-date] `2026-1-5` is not a valid date: dates are written zero-padded, as `2026-01-05`
              fix: Write the date as 2026-01-05
            templates/daily.md:2: warning[frontmatter-syntax] frontmatter is not valid YAML: while parsing a flow sequence, expected ',' or ']'; fix this line or quote the value
            templates/daily.md:5: warning[broken-link] No note matches `[[nowhere]]`; create `nowhere.md`, or correct the link
        "#]],
    );
    // An explicit severity wins over the cap.
    let mut config = Config::default();
    config.severity.insert(
        Code::FrontmatterSyntax,
        SeverityOverride::Set(Severity::Error),
    );
    let ws = {
        let mut ws = workspace(fixture);
        ws.set_config(config, Vec::new());
        ws
    };
    let template = check_file(&ws, "templates/daily.md", TODAY);
    assert_eq!(template[0].code, Code::FrontmatterSyntax);
    assert_eq!(template[0].severity, Severity::Error);
}

/// A journal of `n` entries in one file (cadence `off`), one per day from
/// 2026-10-01: each has a topic; `time` on the first `timed`, `learned` on
/// the first `learned` entries.
fn habit_journal(n: usize, timed: usize, learned: usize, config: &str) -> String {
    let mut log = String::from("//- log.md\n");
    let mut day = Date::constant(2026, 10, 1);
    for i in 0..n {
        log.push_str(&format!("## {day}\n#caching\n"));
        if i < timed {
            log.push_str("time:: 30m\n");
        }
        if i < learned {
            log.push_str("learned:: something\n");
        }
        day = day.tomorrow().unwrap();
    }
    format!("//- studylog.toml\n[journal]\ncadence = \"off\"\n{config}{log}")
}

use jiff::civil::Date;

#[test]
fn required_fields_follow_the_journal_habit() {
    // 21 entries: `time` on 1 (dropped: one finding on studylog.toml instead
    // of 20 `missing-field`), `learned` on 17 (81%: required, so the 4 gaps
    // are flagged).
    let fixture = habit_journal(21, 1, 17, "");
    let ws = workspace(&fixture);
    let diagnostics = ws.diagnostics(TODAY);
    let codes: Vec<(Code, usize)> = [Code::FieldHabit, Code::MissingField]
        .into_iter()
        .map(|c| (c, diagnostics.iter().filter(|d| d.code == c).count()))
        .collect();
    assert_eq!(codes, [(Code::FieldHabit, 1), (Code::MissingField, 4)]);
    let habit = diagnostics
        .iter()
        .find(|d| d.code == Code::FieldHabit)
        .unwrap();
    assert_eq!(habit.path, "studylog.toml");
    assert_eq!(habit.severity, Severity::Information);
    assert_eq!(
        habit.message,
        "20 of 21 entries have no `time`, so it is not required here; add `required = [\"topic\", \"time\", \"learned\"]` to studylog.toml to check it"
    );
    assert!(
        diagnostics
            .iter()
            .filter(|d| d.code == Code::MissingField)
            .all(|d| d.message.contains("no `learned`")),
    );
    // The same finding from the per-file check the editor uses.
    assert_eq!(check_file(&ws, "studylog.toml", TODAY).len(), 1);

    // Without a studylog.toml it sits on the first entry.
    let bare = fixture.replace("//- studylog.toml\n[journal]\ncadence = \"off\"\n", "");
    let ws = workspace(&bare);
    let habit: Vec<_> = ws
        .diagnostics(TODAY)
        .into_iter()
        .filter(|d| d.code == Code::FieldHabit)
        .collect();
    assert_eq!(habit.len(), 1);
    assert_eq!(
        (habit[0].path.as_str(), habit[0].span.start()),
        ("log.md", 0)
    );
}

#[test]
fn small_journals_and_explicit_required_keep_todays_rules() {
    let missing = |fixture: &str| -> (usize, usize) {
        let diagnostics = workspace(fixture).diagnostics(TODAY);
        let count = |c: Code| diagnostics.iter().filter(|d| d.code == c).count();
        (count(Code::MissingField), count(Code::FieldHabit))
    };
    // 19 entries: too few to judge; every untimed entry is reported.
    assert_eq!(missing(&habit_journal(19, 1, 19, "")), (18, 0));
    // An explicit `required` is the rule, whatever the habit.
    assert_eq!(
        missing(&habit_journal(21, 1, 21, "required = [\"time\"]\n")),
        (20, 0)
    );
    // Half the entries with `time` keep it required.
    assert_eq!(missing(&habit_journal(20, 10, 0, "")), (10, 0));
}
