//! The server's lifecycle and protocol basics, in-process: initialize and
//! its capabilities, position encoding negotiation, progress, shutdown/exit,
//! and surviving bad input (unknown documents, bad positions, unknown
//! commands).

mod support;

use serde_json::{Value, json};
use support::*;
use tower_lsp_server::ls_types::*;

#[test]
fn initialize_negotiates_utf8_when_offered_and_utf16_otherwise() {
    let journal = Journal::new(&[]);
    let server = TestServer::with(ClientSetup {
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    let caps = &server.init.capabilities;
    assert_eq!(caps.position_encoding, Some(PositionEncodingKind::UTF8));
    assert_eq!(
        caps.text_document_sync,
        Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            }
        ))
    );
    assert_eq!(
        caps.diagnostic_provider, None,
        "push diagnostics for this client"
    );
    drop(server);

    let server = TestServer::with(ClientSetup {
        utf8: false,
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    assert_eq!(
        server.init.capabilities.position_encoding,
        Some(PositionEncodingKind::UTF16)
    );
}

#[test]
fn pull_clients_get_a_diagnostic_provider() {
    let journal = Journal::new(&[]);
    let server = TestServer::with(ClientSetup {
        pull_diagnostics: true,
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    let Some(DiagnosticServerCapabilities::Options(options)) =
        &server.init.capabilities.diagnostic_provider
    else {
        panic!("a diagnostic provider");
    };
    assert!(options.inter_file_dependencies);
    assert!(options.workspace_diagnostics);
}

#[test]
fn indexing_reports_progress_begin_report_end() {
    let journal = Journal::new(&[("a.md", "# Notes\n")]);
    let server = TestServer::start(&journal);
    let kinds: Vec<String> = server
        .messages("$/progress")
        .iter()
        .map(|p| p["value"]["kind"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(kinds, ["begin", "report", "end"]);
    let created = server.messages("window/workDoneProgress/create").len();
    assert_eq!(created, 1, "the progress token is created first");
}

#[test]
fn no_progress_for_clients_without_work_done_progress() {
    let journal = Journal::new(&[("studylog.toml", "[journal]\nbogus = 1\n")]);
    let mut server = TestServer::launch(&ClientSetup {
        work_done_progress: false,
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    // The index still completes: its diagnostics arrive.
    server.wait_codes(&journal.uri("studylog.toml"), &["config-error"]);
    assert!(server.messages("$/progress").is_empty());
    server.shutdown();
}

#[test]
fn watched_files_are_registered_dynamically_when_the_client_can() {
    let journal = Journal::new(&[]);
    let server = TestServer::start(&journal);
    let registrations = server.messages("client/registerCapability");
    assert_eq!(registrations.len(), 1);
    let registration = &registrations[0]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .expect("watchers")
        .iter()
        .filter_map(|w| w["globPattern"].as_str())
        .collect();
    assert_eq!(globs, ["**/*.md", "**/*.markdown", "**/studylog.toml"]);
}

#[test]
fn bad_input_gets_errors_or_nothing_never_a_crash() {
    let journal = Journal::new(&[("a.md", "# Notes\n")]);
    let mut server = TestServer::start(&journal);
    let unknown = journal.uri("never-opened.md");

    // A change to a document that was never opened is ignored.
    server.edit(&unknown, range(0, 0, 0, 0), "x");
    // Positions far outside the text clamp.
    let uri = journal.uri("a.md");
    server.open(&uri, "# Notes\n");
    server.edit(&uri, range(99, 99, 120, 3), "tail");
    server.edit(&uri, range(0, 999, 0, 2), "");
    // Pull diagnostics for unknown and non-file URIs: empty reports.
    assert!(server.pull(&unknown).is_empty());
    let untitled: Uri = "untitled:Untitled-1".parse().expect("uri");
    assert!(server.pull(&untitled).is_empty());
    // Unknown commands and malformed params are errors, not crashes.
    let err = server.request_raw(
        "workspace/executeCommand",
        json!({ "command": "studylog.nope", "arguments": [] }),
    );
    assert!(err.unwrap_err().contains("unknown command"));
    let err = server.request_raw("textDocument/diagnostic", json!({ "textDocument": 5 }));
    assert!(err.is_err());
    // Unknown methods are reported as such.
    let err = server.request_raw("studylog/unknown", Value::Null);
    assert!(err.is_err());
    // Still alive and consistent.
    assert!(
        server
            .pull(&uri)
            .iter()
            .all(|d| code_of(d) != "config-error")
    );
}

#[test]
fn config_errors_are_published_on_the_config_file_with_code_and_docs_link() {
    let journal = Journal::new(&[(
        "studylog.toml",
        "[journal]\ncadence = \"daily\"\nbogus = 1\n[editor]\ndocs-url = \"https://example.com/checks.html\"\n",
    )]);
    let server = TestServer::start(&journal);
    let diagnostics = server.wait_codes(&journal.uri("studylog.toml"), &["config-error"]);
    let d = &diagnostics[0];
    assert_eq!(d.range.start.line, 2);
    assert_eq!(d.severity, Some(DiagnosticSeverity::ERROR));
    assert_eq!(d.source.as_deref(), Some("studylog"));
    // The link goes to the configured page only.
    let href = d
        .code_description
        .as_ref()
        .expect("docs link")
        .href
        .as_str();
    assert_eq!(href, "https://example.com/checks.html#config-error");
}

#[test]
fn requests_are_answered_while_the_journal_is_being_indexed() {
    let notes: Vec<(String, String)> = (1..=25)
        .flat_map(|day| {
            (0..20).map(move |n| {
                (
                    format!("2026-11/{day:02}-{n}.md"),
                    format!("## 2026-11-{day:02}\ntopic:: #automated-testing\ntime:: 10m\n"),
                )
            })
        })
        .collect();
    let files: Vec<(&str, &str)> = notes
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let journal = Journal::new(&files);
    let mut server = TestServer::launch(&ClientSetup {
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    // Straight after `initialized`: answered from what is indexed so far.
    let uri = journal.uri("2026-11/01-0.md");
    server.open(
        &uri,
        "## 2026-11-01\ntopic:: #automated-testing\ntime:: 10m\n",
    );
    server.pull(&uri);
    let symbols = server.request_raw(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri.as_str() } }),
    );
    assert!(symbols.is_ok(), "{symbols:?}");
    server.wait_indexed();
    let stats = server
        .request_raw(
            "workspace/executeCommand",
            json!({ "command": "studylog.stats", "arguments": [] }),
        )
        .expect("stats");
    assert_eq!(stats["entries"], 500);
}

/// A failure of the diagnostics worker ends nothing: the worker is
/// restarted, and the edit that woke it still gets its diagnostics.
#[test]
fn diagnostics_keep_flowing_after_the_diagnostics_worker_fails() {
    let text = "## 2026-11-20\n#caching\n";
    let journal = Journal::new(&[("log.md", text)]);
    let log = journal.uri("log.md");
    let mut server = TestServer::start(&journal);
    server.open(&log, text);
    server.wait_codes(&log, &["missing-field"]);

    server.inject_panic(studylog::lsp::Worker::Diagnostics);
    // Adding `time::` clears the `missing-field` finding.
    server.edit(&log, range(2, 0, 2, 0), "time:: 30m\n");
    server.wait_codes(&log, &[]);
    // And the worker restarted for good: the next edit is checked too.
    server.edit(&log, range(2, 0, 3, 0), "");
    server.wait_codes(&log, &["missing-field"]);
}
