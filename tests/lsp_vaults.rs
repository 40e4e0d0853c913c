//! The fixture vaults through the language server: a vault's daily notes are
//! its document symbols' entries, hovering a day says what the day amounts to
//! and which vault tool was read, and a journal whose entries are not
//! recognised gets its notice once (`window/showMessage`) and in the hover
//! of its first heading.

mod support;

use std::path::Path;

use support::*;
use tower_lsp_server::ls_types::*;

/// A copy of tests/fixtures/NAME (hidden folders included) as a journal.
fn fixture(name: &str) -> Journal {
    let journal = Journal::new(&[]);
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    copy(&from, &from, &journal);
    journal
}

fn copy(base: &Path, dir: &Path, journal: &Journal) {
    for entry in std::fs::read_dir(dir).expect("fixture folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            copy(base, &path, journal);
        } else {
            let rel = path.strip_prefix(base).expect("below the fixture");
            let text = std::fs::read_to_string(&path).expect("fixture text");
            journal.write(rel.to_str().expect("UTF-8 path"), &text);
        }
    }
}

fn symbols(server: &mut TestServer, uri: &Uri) -> Vec<String> {
    let answer = server
        .request::<request::DocumentSymbolRequest>(DocumentSymbolParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .expect("symbols");
    match answer {
        DocumentSymbolResponse::Nested(symbols) => symbols.into_iter().map(|s| s.name).collect(),
        DocumentSymbolResponse::Flat(symbols) => symbols.into_iter().map(|s| s.name).collect(),
    }
}

fn hover(server: &mut TestServer, uri: &Uri, at: Position) -> String {
    let answer = server.request::<request::HoverRequest>(HoverParams {
        text_document_position_params: TextDocumentPositionParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            position: at,
        },
        work_done_progress_params: Default::default(),
    });
    match answer.map(|h| h.contents) {
        Some(HoverContents::Markup(m)) => m.value,
        other => panic!("no markdown hover: {other:?}"),
    }
}

/// Opens the daily note `rel` of fixture `name`; its symbols are its one
/// entry and hovering its first line shows the day and the vault.
fn check_daily_note(name: &str, rel: &str, symbol: &str, day: &str, vault: &str) {
    let journal = fixture(name);
    let mut server = TestServer::start(&journal);
    server.wait_indexed();
    let uri = journal.uri(rel);
    let text = std::fs::read_to_string(journal.path(rel)).expect("note");
    server.open(&uri, &text);
    assert_eq!(symbols(&mut server, &uri), [symbol], "{name}");
    let shown = hover(&mut server, &uri, pos(0, 0));
    assert!(shown.starts_with(day), "{name}: {shown}");
    assert!(shown.contains(vault), "{name}: {shown}");
    assert!(server.messages("window/showMessage").is_empty());
    server.shutdown();
}

#[test]
fn obsidian_daily_notes() {
    check_daily_note(
        "obsidian",
        "Daily/2024/01/2024-01-16 Tuesday.md",
        "2024-01-16",
        "**Tuesday, 2024-01-16**",
        "Vault: Obsidian vault",
    );
}

#[test]
fn logseq_journal_pages() {
    check_daily_note(
        "logseq",
        "journals/2024_01_15.md",
        "2024-01-15",
        "**Monday, 2024-01-15**",
        "Vault: Logseq vault (logseq/config.edn)",
    );
}

#[test]
fn dendron_daily_journal_notes() {
    check_daily_note(
        "dendron",
        "notes/daily.journal.2024.01.16.md",
        "2024-01-16",
        "**Tuesday, 2024-01-16**",
        "Vault: Dendron vault (dendron.yml)",
    );
}

#[test]
fn foam_daily_notes_with_dated_headings() {
    let journal = fixture("foam");
    let mut server = TestServer::start(&journal);
    server.wait_indexed();
    let rel = "journal/2024-01-15.md";
    let uri = journal.uri(rel);
    server.open(
        &uri,
        &std::fs::read_to_string(journal.path(rel)).expect("note"),
    );
    assert_eq!(symbols(&mut server, &uri), ["2024-01-15"]);
    let shown = hover(&mut server, &uri, pos(0, 4));
    assert!(shown.starts_with("**Monday, 2024-01-15**"), "{shown}");
    assert!(shown.contains("Vault: Foam vault"), "{shown}");
    server.shutdown();
}

#[test]
fn unrecognised_entries_get_one_notice_and_a_hover() {
    let text = "# Study sessions\n\n### Session 1 - June 27, 2016\n\nFixed CSS.\n";
    let journal = Journal::new(&[("r1-log.md", text)]);
    let mut server = TestServer::start(&journal);
    server.wait_indexed();
    let shown: Vec<String> = server.wait_for("the notice", |inbox| {
        let notices: Vec<String> = inbox
            .messages
            .iter()
            .filter(|(m, _)| m == "window/showMessage")
            .map(|(_, p)| p["message"].as_str().unwrap_or_default().to_string())
            .collect();
        (!notices.is_empty()).then_some(notices)
    });
    assert_eq!(shown.len(), 1);
    assert!(
        shown[0].starts_with("studylog: No journal entries recognised in 1 markdown file"),
        "{}",
        shown[0]
    );
    let uri = journal.uri("r1-log.md");
    server.open(&uri, text);
    let first = hover(&mut server, &uri, pos(0, 3));
    assert!(first.contains("`### Session 1 - June 27, 2016`"), "{first}");
    // Elsewhere, no notice.
    let other = server.request::<request::HoverRequest>(HoverParams {
        text_document_position_params: TextDocumentPositionParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            position: pos(4, 2),
        },
        work_done_progress_params: Default::default(),
    });
    assert!(other.is_none(), "{other:?}");
    server.shutdown();
    assert_eq!(server.messages("window/showMessage").len(), 1);
}

#[test]
fn a_malformed_tool_config_is_a_config_error_on_the_line_of_the_error() {
    // Line 4 (0-based 3) lacks the comma after the `folder` member.
    let journal = Journal::new(&[
        (
            ".obsidian/daily-notes.json",
            "{\n  \"format\": \"YYYY-MM-DD\",\n  \"folder\": \"Daily\"\n  \"template\": \"t\"\n}\n",
        ),
        ("Daily/2024-01-15.md", "#rust\ntime:: 30m\n"),
    ]);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri(".obsidian/daily-notes.json");
    let found = server.wait_codes(&uri, &["config-error"]);
    assert_eq!(found[0].range.start, pos(3, 2), "{found:?}");
    assert!(
        found[0].message.contains("is not valid JSON"),
        "{}",
        found[0].message
    );
    server.shutdown();

    // Logseq's EDN: an unclosed map, reported where the reader stopped.
    let journal = Journal::new(&[
        (
            "logseq/config.edn",
            "{:meta/version 1\n :journal/file-name-format \"yyyy_MM_dd\"\n",
        ),
        ("journals/2024_01_15.md", "- #rust\n- time:: 30m\n"),
    ]);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("logseq/config.edn");
    let found = server.wait_codes(&uri, &["config-error"]);
    assert_ne!(found[0].range.start, pos(0, 0), "{found:?}");
    assert!(
        found[0].message.contains("is not valid EDN"),
        "{}",
        found[0].message
    );
    server.shutdown();
}
