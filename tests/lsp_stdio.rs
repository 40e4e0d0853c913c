//! The built binary as an editor runs it: `studylog lsp` over stdio.
//! initialize, didOpen, didChange, diagnostics, shutdown, exit; stdout holds
//! nothing but framed protocol; the process ends after `exit` and when stdin
//! closes.

mod support;

use serde_json::{Value, json};
use support::stdio::StdioServer;
use support::*;

fn utf8_client() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-8", "utf-16"] },
        "window": { "workDoneProgress": true },
        "workspace": { "configuration": true },
    })
}

fn codes(message: &Value) -> Vec<String> {
    let mut codes: Vec<String> = message["params"]["diagnostics"]
        .as_array()
        .map(|ds| {
            ds.iter()
                .filter_map(|d| d["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    codes.sort();
    codes
}

#[test]
fn a_whole_session_over_stdio_speaks_only_protocol() {
    let journal = Journal::new(&[
        ("studylog.toml", "[journal]\nbogus = 1\n"),
        ("notes.md", "# Notes\n"),
    ]);
    let mut server = StdioServer::spawn();
    let init = server.initialize(journal.root(), utf8_client());
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(init["result"]["serverInfo"]["name"], "studylog");

    // The index runs with progress, then diagnostics are pushed.
    let config_uri = uri_of_path(&journal.path("studylog.toml"));
    let published = server.wait_message("config diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == config_uri
    });
    assert_eq!(codes(&published), ["config-error"]);

    // The config file opened in the editor: diagnostics follow its unsaved text.
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": config_uri, "languageId": "toml", "version": 1,
            "text": "[journal]\nbogus = 1\n",
        }}),
    );
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": config_uri, "version": 2 },
            "contentChanges": [{ "range": {
                "start": { "line": 1, "character": 0 }, "end": { "line": 2, "character": 0 }
            }, "text": "" }],
        }),
    );
    let cleared = server.wait_message("config diagnostics cleared", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri
            && codes(m).is_empty()
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));

    // Pull diagnostics answer from the same state.
    let pulled = server.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": config_uri } }),
    );
    assert_eq!(pulled["result"]["kind"], "full");
    assert_eq!(pulled["result"]["items"], json!([]));

    let status = server.shutdown_and_exit();
    assert!(
        status.success(),
        "exit status after shutdown + exit: {status}"
    );
    // Whatever else was written to stdout was checked frame by frame.
    let progress: Vec<Value> = server
        .drain_pending()
        .into_iter()
        .filter(|m| m["method"] == "$/progress")
        .collect();
    assert!(
        progress
            .iter()
            .any(|m| m["params"]["value"]["kind"] == "end")
    );
    let log = server.stderr();
    assert!(!log.contains("\u{1b}["), "no colours in the log");
}

#[test]
fn the_process_ends_when_stdin_closes() {
    let journal = Journal::new(&[("notes.md", "# Notes\n")]);
    let mut server = StdioServer::spawn();
    server.initialize(journal.root(), utf8_client());
    let status = server.close_stdin_and_wait();
    assert!(!status.success(), "no shutdown was requested: {status}");
}

#[test]
fn exit_without_shutdown_ends_with_status_1() {
    let mut server = StdioServer::spawn();
    let journal = Journal::new(&[]);
    server.initialize(journal.root(), utf8_client());
    server.notify("exit", Value::Null);
    let status = server.wait_exit();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn the_stdio_flag_is_accepted() {
    let journal = Journal::new(&[]);
    let mut server = StdioServer::spawn_with(&["lsp", "--stdio"]);
    let init = server.initialize(journal.root(), utf8_client());
    assert_eq!(init["result"]["serverInfo"]["name"], "studylog");
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn logs_reach_the_client_at_their_level_and_stderr_keeps_only_errors() {
    let journal = Journal::new(&[("notes.md", "# Notes\n")]);
    let mut server = StdioServer::spawn();
    server.initialize(journal.root(), utf8_client());
    // The server logs its start at info (the support spawns it with
    // STUDYLOG_LOG=studylog=debug, so debug lines are let through too).
    let info = server.wait_message("an info log line", |m| {
        m["method"] == "window/logMessage" && m["params"]["type"] == 3
    });
    assert!(
        info["params"]["message"]
            .as_str()
            .is_some_and(|s| !s.is_empty())
    );
    let status = server.shutdown_and_exit();
    assert!(status.success(), "{status}");
    let stderr = server.stderr();
    for level in ["INFO", "DEBUG", "WARN", "TRACE"] {
        assert!(
            !stderr.contains(level),
            "stderr has a {level} line: {stderr}"
        );
    }
}

/// `STUDYLOG_TODAY` is read as strictly as the command line reads it: a
/// value that is not `YYYY-MM-DD` is reported as an error (stderr and the
/// client's log) and the server goes on with the local date.
#[test]
fn a_today_that_is_not_a_strict_date_is_reported_and_the_clock_used() {
    let journal = Journal::new(&[("notes.md", "# Notes\n")]);
    let mut server = StdioServer::spawn_on(&["lsp"], "20261126");
    server.initialize(journal.root(), utf8_client());
    let logged = server.wait_message("the error about STUDYLOG_TODAY", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["type"] == 1
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("STUDYLOG_TODAY"))
    });
    assert!(
        logged["params"]["message"]
            .as_str()
            .is_some_and(|s| s.contains("expected a date as YYYY-MM-DD")),
        "{logged}"
    );
    let status = server.shutdown_and_exit();
    assert!(status.success(), "{status}");
    assert!(server.stderr().contains("STUDYLOG_TODAY"));
}
