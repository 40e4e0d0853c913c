//! Journals kept in other people's styles, read with no configuration: the
//! fixture journals under `tests/fixtures/` (one folder per style, each with
//! a README naming its convention) give exactly the expected findings and
//! stats through the CLI, and their entries through the language server.
//! Plus the journal-wide date order of numeric dates, on temporary journals.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};
use support::{Journal, TestServer, pos};
use tower_lsp_server::ls_types::*;

/// "Today" for the fixtures: after every entry they hold.
const FIXTURE_TODAY: &str = "2024-04-10";

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn studylog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_studylog"))
        .env_remove("STUDYLOG_TODAY")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// `check --format json`: each finding as `path:line severity code: message`.
fn check_json(root: &str) -> (Vec<String>, i32) {
    let out = studylog(&["check", root, "--format", "json", "--today", FIXTURE_TODAY]);
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("a JSON array");
    let lines = findings
        .iter()
        .map(|d| {
            format!(
                "{}:{} {} {}: {}",
                d["path"].as_str().unwrap_or(""),
                d["line"],
                d["severity"].as_str().unwrap_or(""),
                d["code"].as_str().unwrap_or(""),
                d["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    (lines, out.status.code().unwrap_or(-1))
}

fn stats_json(root: &str) -> Value {
    let out = studylog(&["stats", root, "--format", "json", "--today", FIXTURE_TODAY]);
    serde_json::from_slice(&out.stdout).expect("a JSON document")
}

#[test]
fn hundred_days_of_code_log() {
    let root = fixture("hundred-days");
    let (findings, status) = check_json(&root);
    assert_eq!(
        findings,
        [
            "r1-log.md:3 error invalid-date: `February 30, 2016` is not a calendar date: February 2016 has 29 days",
            "r1-log.md:27 warning missing-field: The entry for Wed 2024-03-06 has no `time`; add a line such as `time:: 45m`",
        ]
    );
    assert_eq!(
        status, 1,
        "the template's impossible example date is an error"
    );
    assert_eq!(
        stats_json(&root),
        json!({
            "entries": 3,
            "days": 3,
            "total_minutes": 106,
            "current_streak": 0,
            "longest_streak": 3,
            "streak_unit": "days",
            "topics": [
                {"topic": "rust", "sessions": 2, "minutes": 106, "first": "2024-03-04", "last": "2024-03-05"},
                {"topic": "automated-testing", "sessions": 1, "minutes": 0, "first": "2024-03-06", "last": "2024-03-06"}
            ],
            "required_fields": [
                {"field": "topic", "required": true, "reason": "default", "entries_with": 3},
                {"field": "time", "required": true, "reason": "default", "entries_with": 2}
            ]
        })
    );
}

#[test]
fn hundred_days_of_code_rounds_and_ranges() {
    let root = fixture("hundred-days-rounds");
    let (findings, status) = check_json(&root);
    assert_eq!(findings, Vec::<String>::new());
    assert_eq!(status, 0);
    assert_eq!(
        stats_json(&root),
        json!({
            "entries": 3,
            "days": 3,
            "total_minutes": 145,
            "current_streak": 0,
            "longest_streak": 3,
            "streak_unit": "days",
            "topics": [
                {"topic": "javascript", "sessions": 3, "minutes": 145, "first": "2024-03-04", "last": "2024-03-06"}
            ],
            "required_fields": [
                {"field": "topic", "required": true, "reason": "default", "entries_with": 3},
                {"field": "time", "required": true, "reason": "default", "entries_with": 3}
            ]
        })
    );
}

#[test]
fn til_month_files() {
    let root = fixture("til-months");
    let (findings, status) = check_json(&root);
    assert_eq!(
        findings,
        ["april.md:11 error invalid-date: `31` is not a day of April 2024: April 2024 has 30 days"]
    );
    assert_eq!(status, 1);
    assert_eq!(
        stats_json(&root),
        json!({
            "entries": 5,
            "days": 5,
            "total_minutes": 101,
            "current_streak": 0,
            "longest_streak": 5,
            "streak_unit": "days",
            "topics": [
                {"topic": "sql", "sessions": 3, "minutes": 56, "first": "2024-03-31", "last": "2024-04-02"},
                {"topic": "rust", "sessions": 2, "minutes": 45, "first": "2024-03-29", "last": "2024-03-30"}
            ],
            "required_fields": [
                {"field": "topic", "required": true, "reason": "default", "entries_with": 5},
                {"field": "time", "required": true, "reason": "default", "entries_with": 5}
            ]
        })
    );
}

/// Copies a fixture's markdown files into a temporary journal.
fn fixture_journal(name: &str, files: &[&str]) -> Journal {
    let root = fixture(name);
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(Path::new(&root).join(f)).expect("fixture file");
            (f.to_string(), text)
        })
        .collect();
    let pairs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Journal::new(&pairs)
}

fn symbol_names(server: &mut TestServer, uri: &Uri) -> Vec<String> {
    let symbols = server
        .request::<request::DocumentSymbolRequest>(DocumentSymbolParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .expect("symbols");
    let DocumentSymbolResponse::Nested(symbols) = symbols else {
        panic!("nested symbols");
    };
    fn walk(symbols: &[DocumentSymbol], out: &mut Vec<String>) {
        for s in symbols {
            out.push(s.name.clone());
            walk(s.children.as_deref().unwrap_or(&[]), out);
        }
    }
    let mut names = Vec::new();
    walk(&symbols, &mut names);
    names
}

fn hover_text(server: &mut TestServer, uri: &Uri, at: Position) -> String {
    let hover = server
        .request::<request::HoverRequest>(HoverParams {
            text_document_position_params: TextDocumentPositionParams::new(
                TextDocumentIdentifier::new(uri.clone()),
                at,
            ),
            work_done_progress_params: Default::default(),
        })
        .expect("a hover");
    let HoverContents::Markup(content) = hover.contents else {
        panic!("markdown");
    };
    content.value
}

#[test]
fn the_language_server_shows_the_entries_of_each_style() {
    let journal = fixture_journal("hundred-days", &["r1-log.md"]);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("r1-log.md");
    let names = symbol_names(&mut server, &uri);
    for entry in ["2024-03-04 Day 1", "2024-03-05 Day 2", "2024-03-06 Day 3"] {
        assert!(names.iter().any(|n| n == entry), "{entry} in {names:?}");
    }
    // Line 9 is `### Day 1: March 4, 2024`; the date starts at column 11.
    let hover = hover_text(&mut server, &uri, pos(8, 14));
    assert!(hover.contains("Monday, 2024-03-04"), "{hover}");
    server.shutdown();

    let journal = fixture_journal("til-months", &["2024-03.md", "april.md"]);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("april.md");
    let names = symbol_names(&mut server, &uri);
    for entry in ["2024-04-01 Window functions", "2024-04-02"] {
        assert!(names.iter().any(|n| n == entry), "{entry} in {names:?}");
    }
    // `## 2nd` on line 7: the day number is the date.
    let hover = hover_text(&mut server, &uri, pos(6, 3));
    assert!(hover.contains("Tuesday, 2024-04-02"), "{hover}");
    server.shutdown();
}

#[test]
fn numeric_dates_follow_the_journal_order_shown_in_stats_and_hover() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write =
        |path: &str, text: &str| std::fs::write(dir.path().join(path), text).expect("write");
    write("a.md", "## 01/02/2024\n#rust\ntime:: 10m\n");
    let root = dir.path().to_str().expect("utf-8 path");
    let stats = stats_json(root);
    assert_eq!(stats["topics"][0]["first"], "2024-01-02");
    assert_eq!(stats["date_order"], "mdy");
    assert_eq!(stats["date_order_inferred"], true);

    // A day-first date in another file makes the whole journal day-first.
    write("b.md", "## 13/02/2024\n#rust\ntime:: 10m\n");
    let stats = stats_json(root);
    assert_eq!(stats["topics"][0]["first"], "2024-02-01");
    assert_eq!(stats["date_order"], "dmy");
    let text = studylog(&["stats", root, "--today", FIXTURE_TODAY]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Numeric dates   day first (DD/MM/YYYY), inferred"),
        "{text}"
    );

    // The setting wins, and a date it cannot read is an invalid-date.
    write("studylog.toml", "[journal]\ndate-order = \"mdy\"\n");
    let stats = stats_json(root);
    assert_eq!(stats["date_order"], "mdy");
    assert_eq!(stats["date_order_inferred"], false);
    let (findings, _) = check_json(root);
    assert!(
        findings
            .iter()
            .any(|f| f.starts_with("b.md:1 error invalid-date: `13/02/2024`")),
        "{findings:?}"
    );

    // A journal without numeric dates does not mention the order.
    let plain = stats_json(&fixture("til-months"));
    assert!(plain.get("date_order").is_none(), "{plain}");

    // Hover says which order was used.
    let journal = Journal::new(&[
        ("a.md", "## 01/02/2024\n#rust\ntime:: 10m\n"),
        ("b.md", "## 13/02/2024\n#rust\ntime:: 10m\n"),
    ]);
    let mut server = TestServer::start(&journal);
    let hover = hover_text(&mut server, &journal.uri("a.md"), pos(0, 4));
    assert!(hover.contains("Thursday, 2024-02-01"), "{hover}");
    assert!(
        hover.contains("read day first (DD/MM/YYYY): inferred"),
        "{hover}"
    );
    server.shutdown();
}

#[test]
fn hovering_a_month_file_heading_says_what_the_file_covers() {
    let journal = fixture_journal("til-months", &["2024-03.md", "april.md"]);
    let mut server = TestServer::start(&journal);
    // `2024-03.md` is named after its month; line 1 is `# March 2024`.
    let hover = hover_text(&mut server, &journal.uri("2024-03.md"), pos(0, 4));
    assert!(hover.starts_with("**March 2024** · month file"), "{hover}");
    assert!(
        hover.contains("3 day entries on 3 days, 1h in all"),
        "{hover}"
    );
    // `april.md` names its month in its first heading only.
    let hover = hover_text(&mut server, &journal.uri("april.md"), pos(0, 2));
    assert!(hover.starts_with("**April 2024** · month file"), "{hover}");
    server.shutdown();
}
