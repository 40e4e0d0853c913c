//! Nothing ends a feature until a restart, and nothing goes stale while the
//! editor sits idle: each background task and the notifications survive a
//! failure made on purpose (the server's test-only fault hook), a failed
//! index is tried again and reported, and the date moves on at midnight
//! with no edit.

mod support;

use studylog::lsp::Worker;
use support::*;
use tower_lsp_server::ls_types::*;

/// An entry for the day after the tests' "today": a `future-date` until the
/// date moves on.
const TOMORROWS_ENTRY: &str = "## 2026-11-27\ntopic:: #caching\ntime:: 30m\n";

/// With no edit and nothing written, the new day checks the journal again:
/// tomorrow's entry stops being in the future.
#[test]
fn the_date_moves_on_at_midnight_without_an_edit() {
    let journal = Journal::new(&[("log.md", TOMORROWS_ENTRY)]);
    let log = journal.uri("log.md");
    let server = TestServer::start(&journal);
    server.wait_codes(&log, &["future-date"]);

    server.set_today("2026-11-27");
    server.wait_codes(&log, &[]);
}

/// The midnight watch itself restarts after a failure, and still notices
/// the next day.
#[test]
fn the_midnight_watch_is_restarted_after_a_failure() {
    let journal = Journal::new(&[("log.md", TOMORROWS_ENTRY)]);
    let log = journal.uri("log.md");
    let server = TestServer::start(&journal);
    server.wait_codes(&log, &["future-date"]);

    server.inject_panic(Worker::Clock);
    // The watch fails on the wake-up this causes; its restart has the
    // journal checked against the date as it is then.
    server.set_today("2026-11-27");
    server.wait_codes(&log, &[]);
}

/// A failure of the disk worker loses the change it was applying; it is
/// restarted and reads the journal again, so the change still shows.
#[test]
fn changes_on_disk_still_show_after_the_disk_worker_fails() {
    let journal = Journal::new(&[("log.md", "## 2026-11-20\ntopic:: #caching\n")]);
    let log = journal.uri("log.md");
    let mut server = TestServer::start(&journal);
    server.wait_codes(&log, &["missing-field"]);

    server.inject_panic(Worker::Disk);
    journal.write("log.md", "## 2026-11-20\ntopic:: #caching\ntime:: 30m\n");
    server.notify::<notification::DidChangeWatchedFiles>(DidChangeWatchedFilesParams {
        changes: vec![FileEvent::new(log.clone(), FileChangeType::CHANGED)],
    });
    server.wait_codes(&log, &[]);

    // And the worker goes on with the next change.
    journal.write("log.md", "## 2026-11-20\ntopic:: #caching\n");
    server.notify::<notification::DidChangeWatchedFiles>(DidChangeWatchedFilesParams {
        changes: vec![FileEvent::new(log.clone(), FileChangeType::CHANGED)],
    });
    server.wait_codes(&log, &["missing-field"]);
}

/// A notification that fails ends only itself: the server answers requests
/// and applies the next notifications.
#[test]
fn a_failing_notification_ends_nothing_else() {
    let journal = Journal::new(&[("log.md", "## 2026-11-20\ntopic:: #caching\n")]);
    let log = journal.uri("log.md");
    let other = journal.uri("other.md");
    let mut server = TestServer::start(&journal);
    server.wait_codes(&log, &["missing-field"]);

    server.inject_panic(Worker::Notification);
    // This open is lost to the failure.
    server.open(&other, "## 2026-11-21\n");
    let symbols = server.request_raw(
        "textDocument/documentSymbol",
        serde_json::json!({ "textDocument": { "uri": log.as_str() } }),
    );
    assert!(symbols.is_ok(), "{symbols:?}");
    // The next notifications are applied as usual.
    server.open(&log, "## 2026-11-20\ntopic:: #caching\ntime:: 30m\n");
    server.wait_codes(&log, &[]);
}

/// A scan that fails once is tried again: the journal is indexed and no
/// error reaches the user.
#[test]
fn a_scan_that_fails_once_is_tried_again() {
    let journal = Journal::new(&[("log.md", "## 2026-11-20\ntopic:: #caching\n")]);
    let log = journal.uri("log.md");
    let server = TestServer::with(ClientSetup {
        folders: vec![journal.root().to_path_buf()],
        faults: vec![Worker::Indexing],
        ..ClientSetup::default()
    });
    server.wait_codes(&log, &["missing-field"]);
    assert_eq!(error_messages(&server), Vec::<String>::new());
}

/// A scan that keeps failing is given up and said so; the open documents
/// are still checked.
#[test]
fn a_scan_that_keeps_failing_is_reported() {
    let journal = Journal::new(&[("log.md", "## 2026-11-20\ntopic:: #caching\n")]);
    let log = journal.uri("log.md");
    let mut server = TestServer::with(ClientSetup {
        folders: vec![journal.root().to_path_buf()],
        faults: vec![Worker::Indexing; 3],
        ..ClientSetup::default()
    });
    let shown = server.wait_for("an error message", |inbox| {
        let found = errors_shown(&inbox.messages);
        (!found.is_empty()).then_some(found)
    });
    assert!(shown[0].contains("could not index"), "{shown:?}");
    server.open(&log, "## 2026-11-20\ntopic:: #caching\n");
    server.wait_codes(&log, &["missing-field"]);
}

/// The text of the error messages the server showed the user.
fn error_messages(server: &TestServer) -> Vec<String> {
    let shown: Vec<(String, serde_json::Value)> = server
        .messages("window/showMessage")
        .into_iter()
        .map(|params| ("window/showMessage".to_string(), params))
        .collect();
    errors_shown(&shown)
}

fn errors_shown(messages: &[(String, serde_json::Value)]) -> Vec<String> {
    messages
        .iter()
        .filter(|(method, params)| method == "window/showMessage" && params["type"] == 1)
        .map(|(_, params)| params["message"].as_str().unwrap_or_default().to_string())
        .collect()
}
