//! Fixture tests for the parser: a compact rendering of what it finds, as
//! expect-test snapshots.

use std::fmt::Write;
use std::sync::Arc;

use expect_test::{Expect, expect};

use super::parse_file;
use crate::syntax::{EntryKind, JournalFile, TopicSource};
use crate::text::Span;

fn line(file: &JournalFile, span: Span) -> usize {
    file.line_index.line_of(span.start) + 1
}

fn render(file: &JournalFile) -> String {
    let text = &*file.text;
    let s = |span: Span| format!("{:?}", span.slice(text));
    let mut out = String::new();
    if let Some(fm) = &file.frontmatter {
        let _ = writeln!(
            out,
            "frontmatter valid={} lines {}-{}",
            fm.valid,
            line(file, fm.span),
            file.line_index.line_of(fm.span.end) + 1
        );
        if let Some((date, span)) = &fm.date {
            let _ = writeln!(out, "  date {date:?} @{}", s(*span));
        }
    }
    for e in &file.entries {
        let kind = match e.kind {
            EntryKind::Heading { level, .. } => format!("h{level}"),
            EntryKind::DailyNote => "daily".to_string(),
        };
        let _ = writeln!(
            out,
            "entry {} {kind} L{} title={:?} date@{} body={}{}",
            e.date,
            line(file, e.anchor),
            e.title,
            s(e.date_span),
            if e.body.is_empty() {
                "none".to_string()
            } else {
                format!(
                    "L{}-L{}",
                    line(file, e.body),
                    file.line_index.line_of(e.body.end - 1) + 1
                )
            },
            if e.is_empty { " EMPTY" } else { "" },
        );
        for t in &e.topics {
            let source = match t.source {
                TopicSource::Tag => "tag",
                TopicSource::Field => "field",
                TopicSource::Frontmatter => "frontmatter",
            };
            let _ = writeln!(
                out,
                "  topic {source} {} -> {} L{}",
                s(t.span),
                t.canonical,
                line(file, t.span)
            );
        }
        for f in &e.fields {
            let _ = writeln!(
                out,
                "  field {:?} {} = {} L{}{}",
                f.kind,
                s(f.key_span),
                s(f.value_span),
                line(file, f.line),
                if f.from_frontmatter {
                    " (frontmatter)"
                } else {
                    ""
                },
            );
        }
    }
    for t in &file.tags {
        if t.entry.is_none() {
            let _ = writeln!(
                out,
                "tag outside entries {} L{}",
                s(t.span),
                line(file, t.span)
            );
        }
    }
    for l in &file.links {
        let _ = writeln!(
            out,
            "link {:?} {} target={:?}@{} heading={:?}",
            l.kind,
            s(l.span),
            l.target,
            s(l.target_span),
            l.heading
        );
    }
    for p in &file.problems {
        let _ = writeln!(
            out,
            "problem L{} {}: {}",
            line(file, p.span),
            p.code,
            p.message
        );
        for fix in &p.fixes {
            for edit in &fix.edits {
                let _ = writeln!(
                    out,
                    "  fix {:?}: {} -> {:?}",
                    fix.title,
                    s(edit.span),
                    edit.new_text
                );
            }
        }
    }
    out
}

fn check_path(path: &str, text: &str, expect: Expect) {
    let file = parse_file(path, Arc::from(text));
    expect.assert_eq(&render(&file));
}

fn check(text: &str, expect: Expect) {
    check_path("notes/journal.md", text, expect);
}

#[test]
fn dated_headings_and_titles() {
    check(
        "# Journal\n\
         ## 2026-11-20 – Load balancers #load-balancing\n\
         time:: 45m\n\
         ## [[2026-11-21]] Static analysis\n\
         ## 2026-11-22: Colon\n\
         ## 2026-11-23 · Dot | pipe\n\
         ## 2026-11-24 10:30 - With time\n\
         ## 2026-11-25T10:30 Glued time\n\
         ## 2026-11-26\n\
         ## Week 48\n\
         ### 2026-11-27 — nested\n",
        expect![[r##"
            entry 2026-11-20 h2 L2 title="Load balancers #load-balancing" date@"2026-11-20" body=L3-L3
              topic tag "#load-balancing" -> load-balancing L2
              field Time "time" = "45m" L3
            entry 2026-11-21 h2 L4 title="Static analysis" date@"2026-11-21" body=none EMPTY
            entry 2026-11-22 h2 L5 title="Colon" date@"2026-11-22" body=none EMPTY
            entry 2026-11-23 h2 L6 title="Dot | pipe" date@"2026-11-23" body=none EMPTY
            entry 2026-11-24 h2 L7 title="With time" date@"2026-11-24" body=none EMPTY
            entry 2026-11-25 h2 L8 title="Glued time" date@"2026-11-25" body=none EMPTY
            entry 2026-11-26 h2 L9 title="" date@"2026-11-26" body=none EMPTY
            entry 2026-11-27 h3 L11 title="nested" date@"2026-11-27" body=none EMPTY
            link Wiki "[[2026-11-21]]" target="2026-11-21"@"2026-11-21" heading=None
        "##]],
    );
}
