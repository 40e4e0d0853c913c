//! The workspace pull (`workspace/diagnostic`) of a client that pulls:
//! held open while nothing changed and answered with what changed, ended by
//! cancellation and by shutdown, superseded by a newer pull, and computed in
//! batches that let edits in. In-process, plus one session over stdio
//! (tower-lsp-server's four concurrent handlers).

mod support;

use serde_json::{Value, json};
use support::stdio::StdioServer;
use support::*;
use tower_lsp_server::jsonrpc::ErrorCode;

/// (file name, "full" or "unchanged", codes of a full report), sorted.
fn items(report: &Value) -> Vec<(String, String, Vec<String>)> {
    let mut out: Vec<(String, String, Vec<String>)> = report["items"]
        .as_array()
        .expect("a workspace report")
        .iter()
        .map(|item| {
            let name = item["uri"]
                .as_str()
                .and_then(|u| u.rsplit('/').next())
                .unwrap_or("")
                .to_string();
            let codes = item["items"]
                .as_array()
                .map(|ds| {
                    ds.iter()
                        .map(|d| d["code"].as_str().unwrap_or("").to_string())
                        .collect()
                })
                .unwrap_or_default();
            (name, item["kind"].as_str().unwrap_or("").to_string(), codes)
        })
        .collect();
    out.sort();
    out
}

/// The `previousResultIds` of a client holding what `report` said.
fn result_ids(report: &Value) -> Value {
    let ids: Vec<Value> = report["items"]
        .as_array()
        .expect("a workspace report")
        .iter()
        .map(|item| json!({ "uri": item["uri"], "value": item["resultId"] }))
        .collect();
    Value::Array(ids)
}

fn pull_params(previous: Value) -> Value {
    json!({ "previousResultIds": previous })
}

fn pull_client(journal: &Journal) -> TestServer {
    TestServer::with(ClientSetup {
        pull_diagnostics: true,
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    })
}

/// A journal where `a.md` holds an impossible date and `b.md` is fine.
fn small_journal() -> Journal {
    Journal::new(&[
        ("a.md", "## 2026-02-30\n"),
        ("b.md", "## 2026-11-25\n\nRead about #rust.\n"),
    ])
}

/// The first pull's answer, taken once the first diagnostics pass is done,
/// where `file` has a `code`.
fn first_pull(server: &mut TestServer, file: &str, code: &str) -> Value {
    server.wait_diagnostics_settled();
    let first = server
        .request_raw("workspace/diagnostic", pull_params(json!([])))
        .expect("a report");
    assert!(
        items(&first).iter().any(|(name, kind, codes)| name == file
            && kind == "full"
            && codes.contains(&code.to_string())),
        "{first}"
    );
    first
}

/// Waits until a started pull is held open (or, wrongly, answered).
fn wait_held(server: &mut TestServer, pull: Started) {
    server.eventually("the pull to be held or answered", |s| {
        (s.is_answered(pull) || s.workspace_pulls_held() == 1).then_some(())
    });
}

#[test]
fn a_pull_with_every_result_id_waits_for_an_edit_then_answers_with_it() {
    let journal = small_journal();
    let mut server = pull_client(&journal);
    let first = first_pull(&mut server, "a.md", "invalid-date");
    let passes = server.workspace_pull_passes();

    let held = server.start_request("workspace/diagnostic", pull_params(result_ids(&first)));
    wait_held(&mut server, held);
    // A later request is answered, and the diagnostics worker has nothing
    // left to do: the pull is still open, as nothing changed.
    let b = journal.uri("b.md");
    let _ = server.request_raw(
        "textDocument/hover",
        json!({ "textDocument": { "uri": b.as_str() }, "position": { "line": 0, "character": 3 } }),
    );
    server.wait_diagnostics_settled();
    assert!(!server.is_answered(held), "answered with nothing new");
    // The client holds what the worker found: held without reading a file.
    assert_eq!(server.workspace_pull_passes(), passes);

    // The edit ends the wait: the edited file has its new report, and what
    // the client holds already is `unchanged`.
    let a = journal.uri("a.md");
    server.open(&a, "## 2026-02-31\n\n## 2026-02-30\n");
    let answer = server.finish(held).expect("a report");
    let got = items(&answer);
    let a_report = got
        .iter()
        .find(|(name, _, _)| name == "a.md")
        .expect("a.md reported");
    assert_eq!(a_report.1, "full");
    assert_eq!(
        a_report.2.iter().filter(|c| *c == "invalid-date").count(),
        2,
        "{answer}"
    );
    let a_item = answer["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["uri"] == a.as_str()))
        .expect("a.md's item");
    assert_eq!(a_item["version"], 1, "the open document's version");
    assert!(
        got.iter()
            .filter(|(name, _, _)| name != "a.md")
            .all(|(_, kind, _)| kind == "unchanged"),
        "{answer}"
    );
}

/// A new day ends the wait with no edit: tomorrow's entry is no longer in
/// the future.
#[test]
fn a_held_pull_answers_when_the_date_moves_on() {
    let journal = Journal::new(&[("log.md", "## 2026-11-27\ntopic:: #caching\ntime:: 30m\n")]);
    let mut server = pull_client(&journal);
    let first = first_pull(&mut server, "log.md", "future-date");
    let held = server.start_request("workspace/diagnostic", pull_params(result_ids(&first)));
    wait_held(&mut server, held);
    server.set_today("2026-11-27");
    let answer = server.finish(held).expect("a report");
    let log = items(&answer)
        .into_iter()
        .find(|(name, _, _)| name == "log.md")
        .expect("log.md reported");
    assert_eq!(log.1, "full");
    assert!(!log.2.contains(&"future-date".to_string()), "{answer}");
}

#[test]
fn a_held_pull_ends_on_cancel_and_a_newer_pull_releases_the_older() {
    let journal = small_journal();
    let mut server = pull_client(&journal);
    let first = first_pull(&mut server, "a.md", "invalid-date");

    let older = server.start_request("workspace/diagnostic", pull_params(result_ids(&first)));
    wait_held(&mut server, older);
    assert!(!server.is_answered(older));
    // A newer pull: the older answers at once, every report unchanged.
    let newer = server.start_request("workspace/diagnostic", pull_params(result_ids(&first)));
    let released = server.finish(older).expect("a report");
    let got = items(&released);
    assert!(!got.is_empty());
    assert!(
        got.iter().all(|(_, kind, _)| kind == "unchanged"),
        "{released}"
    );

    // Cancelled, the held pull ends with `RequestCancelled`.
    server.cancel(newer);
    let cancelled = server.finish(newer).expect_err("cancelled");
    assert_eq!(cancelled.code, ErrorCode::RequestCancelled);
}

#[test]
fn a_held_pull_answers_at_shutdown() {
    let journal = small_journal();
    let mut server = pull_client(&journal);
    let first = first_pull(&mut server, "a.md", "invalid-date");
    let held = server.start_request("workspace/diagnostic", pull_params(result_ids(&first)));
    wait_held(&mut server, held);
    assert!(!server.is_answered(held));
    server.shutdown();
    let (id, answer) = server
        .answered_at_shutdown
        .first()
        .cloned()
        .expect("answered at shutdown");
    assert_eq!(id, held.0);
    let answer = answer.expect("a report");
    assert!(
        items(&answer)
            .iter()
            .all(|(_, kind, _)| kind == "unchanged")
    );
}

/// A client that does not pull (it was not offered workspace diagnostics)
/// gets its answer at once, even with nothing new in it.
#[test]
fn a_client_that_does_not_pull_is_answered_at_once() {
    let journal = Journal::new(&[("notes/plain.md", "# Plain\n\nNothing dated here.\n")]);
    let mut server = TestServer::start(&journal);
    server.wait_diagnostics_settled();
    let answer = server
        .request_raw("workspace/diagnostic", pull_params(json!([])))
        .expect("a report");
    assert_eq!(items(&answer), Vec::new());
}

/// `studylog.toml` is part of the workspace report: its `config-error`s
/// reach a client that pulls without opening it.
#[test]
fn the_config_file_is_in_the_workspace_report() {
    let journal = Journal::new(&[
        ("studylog.toml", "[journal]\nno-such-key = 1\n"),
        ("b.md", "## 2026-11-25\n\nRead about #rust.\n"),
    ]);
    let mut server = pull_client(&journal);
    server.wait_diagnostics_settled();
    let answer = server
        .request_raw("workspace/diagnostic", pull_params(json!([])))
        .expect("a report");
    assert!(
        items(&answer)
            .iter()
            .any(|(name, kind, codes)| name == "studylog.toml"
                && kind == "full"
                && codes.contains(&"config-error".to_string())),
        "{answer}"
    );
}

/// The pass takes the lock per batch: stopped after its first batch, the
/// pull lets an edit and a request in, and reports the edited file as it
/// is after the edit.
#[test]
fn an_edit_gets_in_while_a_large_workspace_pull_is_computed() {
    let mut files: Vec<(String, String)> = (1..=150)
        .map(|i| {
            (
                format!("notes/n{i:03}.md"),
                format!("# Note {i}\n\nAbout #rust and [[n{:03}]].\n", i % 150 + 1),
            )
        })
        .collect();
    files.push(("zz.md".to_string(), "## 2026-11-25\n".to_string()));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let journal = Journal::new(&refs);
    let mut server = pull_client(&journal);
    let zz = journal.uri("zz.md");
    server.open(&zz, "## 2026-11-25\n");
    server.wait_diagnostics_settled();

    server.pause_next_workspace_pull();
    let pull = server.start_request("workspace/diagnostic", pull_params(json!([])));
    server.eventually("the pull to stop after its first batch", |s| {
        s.workspace_pull_paused().then_some(())
    });
    // Both need the state: the edit its exclusive lock.
    let version = server.edit(&zz, range(0, 0, 1, 0), "## 2026-02-30\n");
    let hover = server.request_raw(
        "textDocument/hover",
        json!({ "textDocument": { "uri": zz.as_str() }, "position": { "line": 0, "character": 4 } }),
    );
    assert!(hover.is_ok());
    assert!(!server.is_answered(pull));
    server.resume_workspace_pull();
    let answer = server.finish(pull).expect("a report");
    let item = answer["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["uri"] == zz.as_str()))
        .unwrap_or_else(|| panic!("zz.md reported: {answer}"));
    assert_eq!(item["version"], version);
    assert!(
        item["items"]
            .as_array()
            .is_some_and(|ds| ds.iter().any(|d| d["code"] == "invalid-date")),
        "{item}"
    );
    assert!(
        server.workspace_pull_locks() > 2,
        "{} locks for 151 files",
        server.workspace_pull_locks()
    );
}

/// Over stdio, where tower-lsp-server runs at most four handlers at once:
/// five held pulls in a row never take those up (each newer one releases
/// the one before), so a hover still gets through, and the last pull
/// answers the edit.
#[test]
fn held_pulls_never_starve_other_messages_over_stdio() {
    let journal = small_journal();
    let mut server = StdioServer::spawn();
    server.initialize(
        journal.root(),
        json!({
            "textDocument": { "diagnostic": { "dynamicRegistration": false } },
            "workspace": { "diagnostics": { "refreshSupport": true } },
        }),
    );
    // Held until the index and the first pass found `a.md`'s problem.
    let first = server.request("workspace/diagnostic", pull_params(json!([])));
    let first = first["result"].clone();
    assert!(
        items(&first)
            .iter()
            .any(|(name, kind, _)| name == "a.md" && kind == "full"),
        "{first}"
    );
    let previous = result_ids(&first);
    let pulls: Vec<i64> = (0..5)
        .map(|_| server.send_request("workspace/diagnostic", pull_params(previous.clone())))
        .collect();
    let b = journal.uri("b.md");
    let hover = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": b.as_str() }, "position": { "line": 0, "character": 3 } }),
    );
    assert!(hover.get("error").is_none(), "{hover}");
    let (last, older) = pulls.split_last().expect("five pulls");
    for id in older {
        let released = server.wait_response(*id);
        assert!(
            items(&released["result"])
                .iter()
                .all(|(_, kind, _)| kind == "unchanged"),
            "{released}"
        );
    }
    let a = journal.uri("a.md");
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": a.as_str(), "languageId": "markdown", "version": 1,
            "text": "## 2026-11-24\n\nRead about #rust.\n",
        }}),
    );
    let answer = server.wait_response(*last);
    let got = items(&answer["result"]);
    assert!(
        got.iter().any(|(name, kind, codes)| name == "a.md"
            && kind == "full"
            && !codes.contains(&"invalid-date".to_string())),
        "a.md's date is fixed: {answer}"
    );
    assert!(server.shutdown_and_exit().success());
}
