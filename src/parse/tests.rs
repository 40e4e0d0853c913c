//! Fixture tests for the parser: a compact rendering of what it finds, as
//! expect-test snapshots.

use std::fmt::Write;
use std::sync::Arc;

use expect_test::{Expect, expect};

use super::{ParseOptions, parse_file};
use crate::syntax::{EntryKind, JournalFile, TopicSource};
use crate::text::Span;

fn line(file: &JournalFile, span: Span) -> usize {
    file.line_index.line_of(span.start()) + 1
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
            file.line_index.line_of(fm.span.end()) + 1
        );
        if let Some((date, span)) = &fm.date {
            let _ = writeln!(out, "  date {date:?} @{}", s(*span));
        }
        if !fm.aliases.is_empty() {
            let _ = writeln!(out, "  aliases {:?}", fm.aliases);
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
                    file.line_index.line_of(e.body.end() - 1) + 1
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
                t.key,
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
    let file = parse_file(path, Arc::from(trim_indent(text)), &ParseOptions::default());
    expect.assert_eq(&render(&file));
}

fn check(text: &str, expect: Expect) {
    check_path("notes/journal.md", text, expect);
}

/// A fixture written indented in a raw string: the first line break and the
/// common indentation go.
fn trim_indent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| {
            l.get(indent..)
                .unwrap_or("")
                .trim_end_matches(' ')
                .to_string()
                + "\n"
        })
        .collect()
}

#[test]
fn dated_headings_and_titles() {
    check(
        r##"
        # Journal
        ## 2026-11-20 – Load balancers #load-balancing
        time:: 45m
        ## [[2026-11-21]] Static analysis
        ## 2026-11-22: Colon
        ## 2026-11-23 · Dot | pipe
        ## 2026-11-24 10:30 - With time
        ## 2026-11-25T10:30 Glued time
        ## 2026-11-26
        ## Week 48
        ### 2026-11-27 — nested
        "##,
        expect![[r##"
            entry 2026-11-20 h2 L2 title="Load balancers #load-balancing" date@"2026-11-20" body=L3-L3
              topic tag "#load-balancing" -> loadbalancing L2
              field Time "time" = "45m" L3
            entry 2026-11-21 h2 L4 title="Static analysis" date@"2026-11-21" body=none EMPTY
            entry 2026-11-22 h2 L5 title="Colon" date@"2026-11-22" body=none EMPTY
            entry 2026-11-23 h2 L6 title="Dot | pipe" date@"2026-11-23" body=none EMPTY
            entry 2026-11-24 h2 L7 title="With time" date@"2026-11-24" body=none EMPTY
            entry 2026-11-25 h2 L8 title="Glued time" date@"2026-11-25" body=none EMPTY
            entry 2026-11-26 h2 L9 title="" date@"2026-11-26" body=none EMPTY
            entry 2026-11-27 h3 L11 title="nested" date@"2026-11-27" body=L12-L12 EMPTY
            link Wiki "[[2026-11-21]]" target="2026-11-21"@"2026-11-21" heading=None
        "##]],
    );
}

#[test]
fn invalid_dates() {
    check(
        r##"
        ## 2026-1-5 Unpadded
        ## 2026-02-30 Not a day
        ## 2026-13-01
        ## 2026-11-20foo
        ## 2026-11-200
        ## 2026-02-00
        ## [[2026-11-20 unclosed
        ## 2026-11-20T Glued T
        ## 12026-11-20 not date-like
        ## 2026-123-4 not date-like
        Setext 2026-11-20
        ===
        2026-11-21 setext is no entry
        ---
        "##,
        expect![[r#"
            problem L1 invalid-date: `2026-1-5` is not a valid date: dates are written zero-padded, as `2026-01-05`
              fix "Write the date as 2026-01-05": "2026-1-5" -> "2026-01-05"
            problem L2 invalid-date: `2026-02-30` is not a calendar date: February 2026 has 28 days
            problem L3 invalid-date: `2026-13-01` is not a calendar date: there is no month 13
            problem L4 invalid-date: `2026-11-20foo` is not a valid date: `foo` is glued to the date; put a space between the date and the title
              fix "Put a space after the date": "" -> " "
            problem L5 invalid-date: `2026-11-200` is not a valid date: write dates as YYYY-MM-DD
            problem L6 invalid-date: `2026-02-00` is not a calendar date: there is no day 0; February 2026 has 28 days
            problem L7 invalid-date: `[[2026-11-20` is not a date link: close it with `]]` right after the date
            problem L8 invalid-date: `2026-11-20T` is not a valid date: `T` is glued to the date; put a space between the date and the title
              fix "Put a space after the date": "" -> " "
        "#]],
    );
}

#[test]
fn bodies_end_at_same_or_higher_headings() {
    check(
        r##"
        # 2026-11-20 Outer
        outer #a
        ## Sub
        still outer #b
        ## 2026-11-21 Inner
        inner #c
        ### Deeper
        inner too #d
        Setext two
        ----------
        outer again #e

        Setext one
        ==========
        outside #f
        # 2026-11-22
        ## Only a sub-heading
        "##,
        expect![[r##"
            entry 2026-11-20 h1 L1 title="Outer" date@"2026-11-20" body=L2-L12
              topic tag "#a" -> a L2
              topic tag "#b" -> b L4
              topic tag "#d" -> d L8
              topic tag "#e" -> e L11
            entry 2026-11-21 h2 L5 title="Inner" date@"2026-11-21" body=L6-L7
              topic tag "#c" -> c L6
            entry 2026-11-22 h1 L16 title="" date@"2026-11-22" body=L17-L18
            tag outside entries "#f" L15
        "##]],
    );
}

#[test]
fn not_tags() {
    check(
        r##"
        ## 2026-11-20
        #tag at start, (#paren) and #nested/tag/ and #with_underscore-dash
        C# and x#y and #123 and #2026 and #_ and #- and #/ are not tags; #2026-11 is
        `#code` span and ``#double `code` #x`` spans
        <span title="#html">#inside-html</span> <!-- #comment -->
        [text #linktext](https://example.com/#frag) [a](notes.md#heading) <https://x.y/#auto>
        ![alt #img](pic.png#x) https://example.com/page#fragment

        [ref]: #refdef

        ```
        #fenced
        ```

            #indented code

        <div>
        #htmlblock
        </div>

        ~~~python
        # a comment
        ~~~
        \#escaped and #ünïcödé and #日本
        "##,
        expect![[r##"
            entry 2026-11-20 h2 L1 title="" date@"2026-11-20" body=L2-L25
              topic tag "#tag" -> tag L2
              topic tag "#paren" -> paren L2
              topic tag "#nested/tag" -> nested/tag L2
              topic tag "#with_underscore-dash" -> withunderscoredash L2
              topic tag "#2026-11" -> 202611 L3
              topic tag "#linktext" -> linktext L6
              topic tag "#ünïcödé" -> ünïcödé L24
              topic tag "#日本" -> 日本 L24
            link Markdown "[a](notes.md#heading)" target="notes.md"@"notes.md" heading=Some("heading")
        "##]],
    );
}

#[test]
fn fields_with_markers_and_bold_keys() {
    check(
        r##"
        ## 2026-11-20
        time:: 45m
        - Duration:: 1h
        * **Confidence**:: 4/5
        + learned::   trailing space
        1. next:: read the paper
        2) source:: [[Book]]
          - practiced:: nested list item
        my own key:: whatever
        empty::
        std::vector is not a field
        not at start time:: 5m
        `time:: 5m` in code

        ```
        time:: 9h
        ```

            time:: 8h indented code
        "##,
        expect![[r#"
            entry 2026-11-20 h2 L1 title="" date@"2026-11-20" body=L2-L20
              field Time "time" = "45m" L2
              field Time "Duration" = "1h" L3
              field Confidence "Confidence" = "4/5" L4
              field Learned "learned" = "trailing space" L5
              field Next "next" = "read the paper" L6
              field Source "source" = "[[Book]]" L7
              field Practiced "practiced" = "nested list item" L8
              field Other "my own key" = "whatever" L9
              field Other "empty" = "" L10
              field Other "not at start time" = "5m" L12
            link Wiki "[[Book]]" target="Book"@"Book" heading=None
        "#]],
    );
}

#[test]
fn topic_field_values() {
    check(
        r##"
        ## 2026-11-20
        topics:: Load Balancing, #StaticAnalysis #k8s, [[Code Splitting]], [[notes/testing|Testing]],,
        - **topic**:: build_optimization
        #body-tag
        "##,
        expect![[r##"
            entry 2026-11-20 h2 L1 title="" date@"2026-11-20" body=L2-L5
              topic field "Load Balancing" -> loadbalancing L2
              topic field "#StaticAnalysis" -> staticanalysis L2
              topic field "#k8s" -> k8s L2
              topic field "Code Splitting" -> codesplitting L2
              topic field "notes/testing" -> notes/testing L2
              topic field "build_optimization" -> buildoptimization L3
              topic tag "#body-tag" -> bodytag L4
              field Topics "topics" = "Load Balancing, #StaticAnalysis #k8s, [[Code Splitting]], [[notes/testing|Testing]],," L2
              field Topics "topic" = "build_optimization" L3
        "##]],
    );
}

#[test]
fn links_of_each_kind() {
    check(
        r##"
        ## 2026-11-20
        [[Note]] [[folder/Note#Heading]] [[Note|alias]] [[#Local heading]] [[x#^block]]
        [[table\|alias]] ![[embedded note]] ![[pic.png]] [[slides.pdf]] [[node.js]] [[]]
        [t](other.md) [t](sub/other%20note.md#Some%20Heading) [t](#local) [t](<spaced name.md>)
        [t](https://x.y/a.md) [t](mailto:a@b.c) [t](/abs.md) [t](file.pdf) [t](folder/) [t]()
        `[[code]]` <span title="[[html]]">text</span>
        [t](other.MARKDOWN "title")
        "##,
        expect![[r#"
            entry 2026-11-20 h2 L1 title="" date@"2026-11-20" body=L2-L8
            link Wiki "[[Note]]" target="Note"@"Note" heading=None
            link Wiki "[[folder/Note#Heading]]" target="folder/Note"@"folder/Note" heading=Some("Heading")
            link Wiki "[[Note|alias]]" target="Note"@"Note" heading=None
            link Wiki "[[#Local heading]]" target=""@"" heading=Some("Local heading")
            link Wiki "[[x#^block]]" target="x"@"x" heading=None
            link Wiki "[[table\\|alias]]" target="table"@"table" heading=None
            link Wiki "[[embedded note]]" target="embedded note"@"embedded note" heading=None
            link Wiki "[[node.js]]" target="node.js"@"node.js" heading=None
            link Markdown "[t](other.md)" target="other.md"@"other.md" heading=None
            link Markdown "[t](sub/other%20note.md#Some%20Heading)" target="sub/other note.md"@"sub/other%20note.md" heading=Some("Some Heading")
            link Markdown "[t](#local)" target=""@"" heading=Some("local")
            link Markdown "[t](<spaced name.md>)" target="spaced name.md"@"spaced name.md" heading=None
            link Markdown "[t](other.MARKDOWN \"title\")" target="other.MARKDOWN"@"other.MARKDOWN" heading=None
        "#]],
    );
}

#[test]
fn daily_note_with_frontmatter() {
    check_path(
        "journal/2026-11-20.md",
        r##"
        ---
        date: 2026-11-20
        tags: [LoadBalancing, "#k8s"]
        time: 45m
        confidence: 4
        mood: fine
        ---
        Practised #static-analysis
        learned:: lints
        "##,
        expect![[r##"
            frontmatter valid=true lines 1-7
              date "2026-11-20" @"2026-11-20"
            entry 2026-11-20 daily L1 title="" date@"---" body=L1-L10
              topic frontmatter "LoadBalancing" -> loadbalancing L3
              topic frontmatter "k8s" -> k8s L3
              topic tag "#static-analysis" -> staticanalysis L8
              field Time "time" = "45m" L4 (frontmatter)
              field Confidence "confidence" = "4" L5 (frontmatter)
              field Learned "learned" = "lints" L9
        "##]],
    );
}

#[test]
fn daily_note_topics_as_string_and_mismatched_date() {
    check_path(
        "2026-11-20.markdown",
        r##"
        ---
        date: 2026-11-21
        topics: load balancing, code_splitting
        time:
        ---
        "##,
        expect![[r#"
            frontmatter valid=true lines 1-5
              date "2026-11-21" @"2026-11-21"
            entry 2026-11-20 daily L1 title="" date@"---" body=L1-L6
              topic frontmatter "load balancing" -> loadbalancing L3
              topic frontmatter "code_splitting" -> codesplitting L3
              field Topics "topics" = "load balancing, code_splitting" L3 (frontmatter)
              field Time "time" = "" L4 (frontmatter)
            problem L2 date-mismatch: frontmatter says `date: 2026-11-21` but the file is the daily note of 2026-11-20; change the date to 2026-11-20 or rename the file to 2026-11-21.md
        "#]],
    );
}

#[test]
fn empty_daily_notes() {
    check_path(
        "2026-11-20.md",
        "",
        expect![[r#"
        entry 2026-11-20 daily L1 title="" date@"" body=none EMPTY
    "#]],
    );
    check_path(
        "2026-11-20.md",
        "\u{feff}\n  \n",
        expect![[r#"
        entry 2026-11-20 daily L1 title="" date@"\u{feff}" body=L1-L2 EMPTY
    "#]],
    );
    check_path(
        "2026-11-20.md",
        "---\n---\n\n",
        expect![[r#"
        frontmatter valid=true lines 1-2
        entry 2026-11-20 daily L1 title="" date@"---" body=L1-L3 EMPTY
    "#]],
    );
    check_path(
        "2026-11-20.md",
        "# Notes\n",
        expect![[r##"
        entry 2026-11-20 daily L1 title="" date@"# Notes" body=L1-L1
    "##]],
    );
}

#[test]
fn invalid_frontmatter_contributes_nothing() {
    check_path(
        "2026-11-20.md",
        r##"
        ---
        time: 45m
        tags: [unclosed
        other: x
        ---
        #tag
        "##,
        expect![[r##"
            frontmatter valid=false lines 1-5
            entry 2026-11-20 daily L1 title="" date@"---" body=L1-L7
              topic tag "#tag" -> tag L6
            problem L4 frontmatter-syntax: frontmatter is not valid YAML: illegal placement of ':' indicator; fix this line or quote the value
        "##]],
    );
}

#[test]
fn date_named_file_with_dated_headings() {
    check_path(
        "2026-11-20.md",
        r##"
        ---
        topics: [testing]
        time: 30m
        ---
        ## 2026-11-20 Morning
        time:: 15m
        ## 2026-11-21 Wrong day
        "##,
        expect![[r#"
            frontmatter valid=true lines 1-4
            entry 2026-11-20 h2 L5 title="Morning" date@"2026-11-20" body=L6-L6
              topic frontmatter "testing" -> testing L2
              field Topics "topics" = "[testing]" L2 (frontmatter)
              field Time "time" = "30m" L3 (frontmatter)
              field Time "time" = "15m" L6
            entry 2026-11-21 h2 L7 title="Wrong day" date@"2026-11-21" body=L8-L8 EMPTY
            problem L7 date-mismatch: this heading is dated 2026-11-21 but the file is the daily note of 2026-11-20; change the heading's date or move the entry to 2026-11-21.md
        "#]],
    );
}

#[test]
fn frontmatter_of_other_files_counts_for_no_entry() {
    check(
        r##"
        ---
        tags: [x]
        time: 1h
        ---
        ## 2026-11-20
        "##,
        expect![[r#"
            frontmatter valid=true lines 1-4
            entry 2026-11-20 h2 L5 title="" date@"2026-11-20" body=L6-L6 EMPTY
        "#]],
    );
}

#[test]
fn bom_crlf_and_cr() {
    let crlf = "\u{feff}## 2026-11-20 Title\r\ntime:: 45m\r\n#tag [[Link]]\r\n## 2026-1-5\r\n";
    check(
        crlf,
        expect![[r##"
        entry 2026-11-20 h2 L1 title="Title" date@"2026-11-20" body=L2-L3
          topic tag "#tag" -> tag L3
          field Time "time" = "45m" L2
        link Wiki "[[Link]]" target="Link"@"Link" heading=None
        problem L4 invalid-date: `2026-1-5` is not a valid date: dates are written zero-padded, as `2026-01-05`
          fix "Write the date as 2026-01-05": "2026-1-5" -> "2026-01-05"
    "##]],
    );
    let cr = "## 2026-11-20 Title\rtime:: 45m\r#tag\r\rSetext\r===\r#outside\r";
    check(
        cr,
        expect![[r##"
        entry 2026-11-20 h2 L1 title="Title" date@"2026-11-20" body=L2-L4
          topic tag "#tag" -> tag L3
          field Time "time" = "45m" L2
        tag outside entries "#outside" L7
    "##]],
    );
    check_path(
        "2026-11-20.md",
        "\u{feff}---\r\ndate: 2026-11-20\r\ntags: [a]\r\nbad: [\r\n---\r\nbody\r\n",
        expect![[r#"
            frontmatter valid=false lines 1-5
            entry 2026-11-20 daily L1 title="" date@"\u{feff}---" body=L1-L6
            problem L4 frontmatter-syntax: frontmatter is not valid YAML: while parsing a node, did not find expected node content; fix this line or quote the value
        "#]],
    );
    check_path(
        "2026-11-20.md",
        "\u{feff}---\rtags: [a, b]\rtime: 5m\r---\r#c\r",
        expect![[r##"
        frontmatter valid=true lines 1-4
        entry 2026-11-20 daily L1 title="" date@"\u{feff}---" body=L1-L5
          topic frontmatter "a" -> a L2
          topic frontmatter "b" -> b L2
          topic tag "#c" -> c L5
          field Time "time" = "5m" L3 (frontmatter)
    "##]],
    );
}

#[test]
fn headings_atx_and_setext() {
    let text = trim_indent(
        r##"
        # Title ##
        ## 2026-11-20 closing # hashes ###
        #not-a-heading
        ####### seven is text
        Setext *one*
        spanning lines
        ===
        Two
        ---
        > ## 2026-11-21 quoted
        - ### 2026-11-22 in a list
        #
        "##,
    );
    let file = parse_file("h.md", Arc::from(text.as_str()), &ParseOptions::default());
    let rendered: String = file
        .headings
        .iter()
        .map(|h| {
            format!(
                "h{} {} L{} text={:?} line={:?}\n",
                h.level,
                if h.atx { "atx" } else { "setext" },
                line(&file, h.line),
                h.text(&text),
                h.line.slice(&text)
            )
        })
        .collect();
    let dates: Vec<String> = file
        .entries
        .iter()
        .map(|e| format!("{} {:?}", e.date, e.title))
        .collect();
    expect![[r###"
        h1 atx L1 text="Title" line="# Title ##"
        h2 atx L2 text="2026-11-20 closing # hashes" line="## 2026-11-20 closing # hashes ###"
        h1 setext L3 text="#not-a-heading\n####### seven is text\nSetext *one*\nspanning lines" line="#not-a-heading"
        h2 setext L8 text="Two" line="Two"
        h2 atx L10 text="2026-11-21 quoted" line="> ## 2026-11-21 quoted"
        h3 atx L11 text="2026-11-22 in a list" line="- ### 2026-11-22 in a list"
        h1 atx L12 text="" line="#"
        2026-11-20 "closing # hashes"
        2026-11-21 "quoted"
        2026-11-22 "in a list"
    "###]].assert_eq(&format!("{rendered}{}\n", dates.join("\n")));
}

/// The `frontmatter-syntax` problems of a parsed file, as `line: message`.
fn frontmatter_problems(file: &JournalFile) -> Vec<(usize, String)> {
    file.problems
        .iter()
        .filter(|p| p.code == crate::diagnostic::Code::FrontmatterSyntax)
        .map(|p| (line(file, p.span), p.message.clone()))
        .collect()
}

#[test]
fn deeply_nested_block_list_in_frontmatter_is_a_finding_not_a_crash() {
    let text = format!("---\n{}x\n---\n# 2026-11-20\n", "- ".repeat(5000));
    let file = parse_file("2026-11-20.md", text.into(), &ParseOptions::default());
    let problems = frontmatter_problems(&file);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, 2);
    assert!(
        problems[0].1.contains("nested more than 64 levels"),
        "{problems:?}"
    );
    assert!(!file.frontmatter.as_ref().is_some_and(|f| f.valid));
}

#[test]
fn deeply_nested_block_mapping_in_frontmatter_is_a_finding_not_a_crash() {
    let mut yaml = String::new();
    for depth in 0..2500 {
        yaml.push_str(&" ".repeat(depth));
        yaml.push_str("k:\n");
    }
    let text = format!("---\n{yaml}---\nbody\n");
    let file = parse_file("notes/deep.md", text.into(), &ParseOptions::default());
    let problems = frontmatter_problems(&file);
    assert_eq!(problems.len(), 1, "{problems:?}");
    // The 65th mapping opens on the 65th key's line (file line 66, after `---`).
    assert_eq!(problems[0].0, 66);
}

#[test]
fn frontmatter_nested_up_to_the_limit_still_parses() {
    let text = format!("---\n{}x\n---\n", "- ".repeat(64));
    let file = parse_file("notes/ok.md", text.into(), &ParseOptions::default());
    assert!(frontmatter_problems(&file).is_empty());
    assert!(file.frontmatter.as_ref().is_some_and(|f| f.valid));
}

#[test]
fn lone_cr_line_ends_read_blocks_like_lf() {
    let lf = "## 2026-11-20\ntime:: 30m\n```\n#not-a-tag\n## 2026-13-01\n```\n#real-tag\n\n## 2026-02-30\n";
    let summary = |text: &str| {
        let file = parse_file("journal.md", text.into(), &ParseOptions::default());
        let tags: Vec<String> = file
            .entries
            .iter()
            .flat_map(|e| e.topics.iter().map(|t| t.key.to_string()))
            .collect();
        let problems: Vec<(usize, &str)> = file
            .problems
            .iter()
            .map(|p| (line(&file, p.span), p.code.as_str()))
            .collect();
        let headings: Vec<usize> = file.headings.iter().map(|h| line(&file, h.line)).collect();
        format!("{tags:?} {problems:?} {headings:?}")
    };
    let expected = summary(lf);
    assert_eq!(expected, r#"["realtag"] [(9, "invalid-date")] [1, 9]"#);
    assert_eq!(summary(&lf.replace('\n', "\r")), expected);
    assert_eq!(summary(&lf.replace('\n', "\r\n")), expected);
}

#[test]
fn tens_of_thousands_of_distinct_tags_in_one_entry_stay_linear() {
    let mut text = String::from("## 2026-11-20\ntime:: 30m\n");
    for i in 0..32_000 {
        text.push_str(&format!("#t{i} "));
    }
    text.push_str("#t0 #t1\n");
    let file = parse_file("journal.md", text.into(), &ParseOptions::default());
    let names = file.entries[0].topic_keys();
    assert_eq!(names.len(), 32_000);
    assert_eq!(names[..3], ["t0", "t1", "t2"]);
}

#[test]
fn citation_links_are_markdown_links_not_wiki_links() {
    check(
        r##"
        ## 2026-11-20
        As shown in [[1]](https://example.org) and [[RFC3986]][ref], see [[2]](notes.md).
        A real one: [[Note]] and [[Other]] [aside].

        [ref]: https://www.rfc-editor.org/rfc/rfc3986
        "##,
        expect![[r#"
            entry 2026-11-20 h2 L1 title="" date@"2026-11-20" body=L2-L6
            link Markdown "[[2]](notes.md)" target="notes.md"@"notes.md" heading=None
            link Wiki "[[Note]]" target="Note"@"Note" heading=None
            link Wiki "[[Other]]" target="Other"@"Other" heading=None
        "#]],
    );
}

#[test]
fn frontmatter_dates_that_are_not_dates() {
    check(
        r##"
        ---
        date: yesterday
        ---
        "##,
        expect![[r#"
            frontmatter valid=true lines 1-3
              date "yesterday" @"yesterday"
            problem L2 invalid-date: frontmatter `date: yesterday` is not a date; write it as YYYY-MM-DD (e.g. 2026-11-20)
        "#]],
    );
    check_path(
        "journal/2022-06-14.md",
        r##"
        ---
        date: 2022--06--14
        aliases: [Tuesday, "Second day"]
        ---
        Practised #rust
        "##,
        expect![[r##"
            frontmatter valid=true lines 1-4
              date "2022--06--14" @"2022--06--14"
              aliases ["Tuesday", "Second day"]
            entry 2022-06-14 daily L1 title="" date@"---" body=L1-L6
              topic tag "#rust" -> rust L5
            problem L2 invalid-date: frontmatter `date: 2022--06--14` is not a date; write it as YYYY-MM-DD (e.g. 2026-11-20)
        "##]],
    );
    // Dates in forms this check does not read are left alone.
    check(
        "---\ndate: June 14, 2022\n---\n",
        expect![[r#"
            frontmatter valid=true lines 1-3
              date "June 14, 2022" @"June 14, 2022"
        "#]],
    );
}

#[test]
fn pages_of_empty_bullets_are_empty_entries() {
    check_path(
        "journals/2025-03-23.md",
        "-\n- \n\n",
        expect![[r#"
            entry 2025-03-23 daily L1 title="" date@"-" body=L1-L3 EMPTY
        "#]],
    );
    check_path(
        "journals/2025-03-24.md",
        "- read about #rust\n-\n",
        expect![[r##"
            entry 2025-03-24 daily L1 title="" date@"- read about #rust" body=L1-L2
              topic tag "#rust" -> rust L1
        "##]],
    );
}

#[test]
fn hundred_days_of_code_log() {
    check_path(
        "r1-log.md",
        r##"
        # 100 Days Of Code - Log

        ### Day 0: February 30, 2016 (Example 1)

        **Today's Progress**: Fixed CSS, worked on canvas functionality.

        ### Day 1: June 27, 2016

        **Today's Progress:** Set up the project. #javascript
        **Time:** 1h 00m 36s
        **Thoughts:** Canvas is still new to me.
        **Link to work:** [Calculator App](https://example.com)
        **Mood:** good

        ### R1D2 - 2016-06-28

        **Note:** bold prose, not a field
        ```
        **Time:** 5m
        ```
        "##,
        expect![[r##"
            entry 2016-06-27 h3 L7 title="Day 1" date@"June 27, 2016" body=L8-L14
              topic tag "#javascript" -> javascript L9
              field Practiced "Today's Progress" = "Set up the project. #javascript" L9
              field Time "Time" = "1h 00m 36s" L10
              field Learned "Thoughts" = "Canvas is still new to me." L11
              field Source "Link to work" = "[Calculator App](https://example.com)" L12
            entry 2016-06-28 h3 L15 title="R1D2" date@"2016-06-28" body=L16-L21
            problem L3 invalid-date: `February 30, 2016` is not a calendar date: February 2016 has 29 days
        "##]],
    );
}

#[test]
fn month_file_day_headings() {
    check_path(
        "til/2024-03.md",
        r##"
        # March 2024
        ## 05
        time:: 45m 10s
        ## Tue 12 - Lifetimes
        ## 3 things I learned
        ## 32
        "##,
        expect![[r#"
            entry 2024-03-05 h2 L2 title="" date@"05" body=L3-L3
              field Time "time" = "45m 10s" L3
            entry 2024-03-12 h2 L4 title="Lifetimes" date@"12" body=none EMPTY
            problem L6 invalid-date: `32` is not a day of March 2024: March 2024 has 31 days
        "#]],
    );
    // The first heading names the month when the file name does not.
    check_path(
        "til/march.md",
        r##"
        # March 2024
        ## 5th
        "##,
        expect![[r#"
            entry 2024-03-05 h2 L2 title="" date@"5th" body=L3-L3 EMPTY
        "#]],
    );
    check_path(
        "log/2024.md",
        r##"
        ## 03-05 Tue
        ## 02-30
        "##,
        expect![[r#"
            entry 2024-03-05 h2 L1 title="" date@"03-05" body=none EMPTY
            problem L2 invalid-date: `02-30` is not a calendar date: February 2024 has 29 days (in the year file of 2024)
        "#]],
    );
}

#[test]
fn dates_inside_sentences_and_week_headings_make_no_entry() {
    check(
        r##"
        ## Notes on the 2019-09-10 outage
        ## Week 3 – 2024-01-15
        # March 2024
        ## Sunday February 6, 2022
        ## [[May 3rd, 2021]] Ownership
        "##,
        expect![[r#"
            entry 2022-02-06 h2 L4 title="" date@"February 6, 2022" body=none EMPTY
            entry 2021-05-03 h2 L5 title="Ownership" date@"May 3rd, 2021" body=L6-L6 EMPTY
            link Wiki "[[May 3rd, 2021]]" target="May 3rd, 2021"@"May 3rd, 2021" heading=None
        "#]],
    );
}

#[test]
fn field_aliases_from_the_config_extend_the_labels() {
    let mut options = ParseOptions::default();
    options.field_aliases.insert(
        "what i built".to_string(),
        crate::syntax::FieldKind::Practiced,
    );
    let text = "## 2026-11-20\n**What I built:** a parser\nWhat I built:: more\n";
    let file = parse_file("j.md", Arc::from(text), &options);
    let kinds: Vec<_> = file.entries[0].fields.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [
            crate::syntax::FieldKind::Practiced,
            crate::syntax::FieldKind::Practiced
        ]
    );
    let plain = parse_file("j.md", Arc::from(text), &ParseOptions::default());
    assert_eq!(
        plain.entries[0].fields.len(),
        1,
        "unknown bold labels are prose"
    );
}

#[test]
fn frontmatter_created_dates_a_note() {
    check_path(
        "2026-11-20.md",
        "---\ncreated: 2026-11-21\n---\n#a\n",
        expect![[r##"
            frontmatter valid=true lines 1-3
              date "2026-11-21" @"2026-11-21"
            entry 2026-11-20 daily L1 title="" date@"---" body=L1-L4
              topic tag "#a" -> a L4
            problem L2 date-mismatch: frontmatter says `date: 2026-11-21` but the file is the daily note of 2026-11-20; change the date to 2026-11-20 or rename the file to 2026-11-21.md
        "##]],
    );
}
