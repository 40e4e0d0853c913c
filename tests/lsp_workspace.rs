//! Journals as the server holds them: several workspace folders (added and
//! removed at run time), files outside every folder, settings layered under
//! `studylog.toml`, and changes made on disk by other programs (through the
//! client's watcher or the server's own).

mod support;

use serde_json::{Value, json};
use support::*;
use tower_lsp_server::ls_types::*;

/// The fields of the entry `studylog.newEntry` would insert into `uri`: the
/// journal's required fields, then `practiced`; a window onto the config.
fn new_entry_fields(server: &mut TestServer, uri: &Uri) -> Vec<String> {
    new_entry_text(server, uri)
        .lines()
        .filter_map(|line| line.split_once("::").map(|(key, _)| key.to_string()))
        .collect()
}

fn new_entry_text(server: &mut TestServer, uri: &Uri) -> String {
    let result = server
        .request_raw(
            "workspace/executeCommand",
            json!({ "command": "studylog.newEntry", "arguments": [uri.as_str()] }),
        )
        .expect("newEntry succeeds");
    let edit: WorkspaceEdit = serde_json::from_value(result).expect("a workspace edit");
    let changes = edit.changes.expect("changes");
    changes[uri][0].new_text.clone()
}

fn watched(server: &mut TestServer, changes: &[(&Uri, FileChangeType)]) {
    server.notify::<notification::DidChangeWatchedFiles>(DidChangeWatchedFilesParams {
        changes: changes
            .iter()
            .map(|(uri, typ)| FileEvent::new((*uri).clone(), *typ))
            .collect(),
    });
}

#[test]
fn settings_apply_under_the_config_file_which_wins() {
    let journal = Journal::new(&[("log.md", "# Log\n")]);
    let log = journal.uri("log.md");
    let mut server = TestServer::with(ClientSetup {
        initialization_options: Some(json!({ "journal": { "required": ["time"] } })),
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    assert_eq!(new_entry_fields(&mut server, &log), ["time", "practiced"]);

    // Settings pushed with didChangeConfiguration replace them ...
    server.notify::<notification::DidChangeConfiguration>(DidChangeConfigurationParams {
        settings: json!({ "studylog": { "journal": { "required": ["learned", "time"] } } }),
    });
    assert_eq!(
        new_entry_fields(&mut server, &log),
        ["learned", "time", "practiced"]
    );

    // ... and the file wins where both set a key.
    journal.write("studylog.toml", "[journal]\nrequired = [\"next\"]\n");
    watched(
        &mut server,
        &[(&journal.uri("studylog.toml"), FileChangeType::CREATED)],
    );
    server.eventually("the config file to apply", |server| {
        (new_entry_fields(server, &log) == ["next", "practiced"]).then_some(())
    });
}

#[test]
fn workspace_configuration_is_asked_per_folder_and_reasked_on_change() {
    let journal = Journal::new(&[("log.md", "# Log\n")]);
    let log = journal.uri("log.md");
    let mut server = TestServer::with(ClientSetup {
        configuration: Some(json!({ "journal": { "required": ["source"] } })),
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    let asked = server.messages("workspace/configuration");
    assert_eq!(asked.len(), 1);
    let items = asked[0]["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "global and per folder: {items:?}");
    assert!(items.iter().all(|i| i["section"] == "studylog"));
    assert_eq!(
        items[1]["scopeUri"],
        json!(log.as_str().trim_end_matches("/log.md"))
    );
    assert_eq!(new_entry_fields(&mut server, &log), ["source", "practiced"]);

    server.set_configuration(json!({ "journal": { "required": ["confidence"] } }));
    server.notify::<notification::DidChangeConfiguration>(DidChangeConfigurationParams {
        settings: Value::Null,
    });
    server.wait_for("a second configuration request", |inbox| {
        let n = inbox
            .messages
            .iter()
            .filter(|(m, _)| m == "workspace/configuration")
            .count();
        (n == 2 && inbox.requests_answered == inbox.requests_received).then_some(())
    });
    server.eventually("the new settings to apply", |server| {
        (new_entry_fields(server, &log) == ["confidence", "practiced"]).then_some(())
    });
}

#[test]
fn config_file_changes_on_disk_arrive_through_the_clients_watcher() {
    let journal = Journal::new(&[("log.md", "# Log\n")]);
    let config = journal.uri("studylog.toml");
    let mut server = TestServer::start(&journal);

    journal.write("studylog.toml", "[journal]\nbogus = 1\n");
    watched(&mut server, &[(&config, FileChangeType::CREATED)]);
    server.wait_codes(&config, &["config-error"]);

    journal.write("studylog.toml", "[journal]\ncadence = \"daily\"\n");
    watched(&mut server, &[(&config, FileChangeType::CHANGED)]);
    server.wait_codes(&config, &[]);

    journal.write("studylog.toml", "[journal\n");
    watched(&mut server, &[(&config, FileChangeType::CHANGED)]);
    server.wait_codes(&config, &["config-error"]);
    journal.remove("studylog.toml");
    watched(&mut server, &[(&config, FileChangeType::DELETED)]);
    server.wait_codes(&config, &[]);
}

#[test]
fn without_dynamic_registration_the_server_watches_the_folders_itself() {
    let journal = Journal::new(&[("log.md", "# Log\n")]);
    let config = journal.uri("studylog.toml");
    let server = TestServer::with(ClientSetup {
        dynamic_watched_files: false,
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    assert!(server.messages("client/registerCapability").is_empty());
    journal.write("studylog.toml", "[journal]\nbogus = 1\n");
    server.wait_codes(&config, &["config-error"]);
    journal.remove("studylog.toml");
    server.wait_codes(&config, &[]);
}

#[test]
fn several_folders_are_separate_journals_added_and_removed_at_run_time() {
    let first = Journal::new(&[
        ("log.md", "# Log\n"),
        ("studylog.toml", "[journal]\nrequired = [\"time\"]\n"),
    ]);
    let second = Journal::new(&[("log.md", "# Log\n"), ("studylog.toml", "bogus = 1\n")]);
    let mut server = TestServer::with(ClientSetup {
        folders: vec![first.root().to_path_buf(), second.root().to_path_buf()],
        ..ClientSetup::default()
    });
    assert_eq!(
        new_entry_fields(&mut server, &first.uri("log.md")),
        ["time", "practiced"]
    );
    assert_eq!(
        new_entry_fields(&mut server, &second.uri("log.md")),
        ["topic", "time", "practiced"]
    );
    server.wait_codes(&second.uri("studylog.toml"), &["config-error"]);
    assert_eq!(server.publish_count(&first.uri("studylog.toml")), 0);

    let third = Journal::new(&[("studylog.toml", "[journal]\nnope = true\n")]);
    server.notify::<notification::DidChangeWorkspaceFolders>(DidChangeWorkspaceFoldersParams {
        event: WorkspaceFoldersChangeEvent {
            added: vec![WorkspaceFolder {
                uri: third.uri(""),
                name: "third".into(),
            }],
            removed: vec![WorkspaceFolder {
                uri: second.uri(""),
                name: "second".into(),
            }],
        },
    });
    server.wait_codes(&third.uri("studylog.toml"), &["config-error"]);
    server.wait_codes(&second.uri("studylog.toml"), &[]);
}

#[test]
fn a_file_outside_every_folder_is_a_journal_of_its_own() {
    let journal = Journal::new(&[("log.md", "# Log\n")]);
    let elsewhere = Journal::new(&[]);
    let mut server = TestServer::start(&journal);
    let loose = elsewhere.uri("loose.md");
    server.open(&loose, "# Loose notes\n");
    assert_eq!(
        new_entry_fields(&mut server, &loose),
        ["topic", "time", "practiced"]
    );
    assert!(
        server
            .pull(&loose)
            .iter()
            .all(|d| code_of(d) != "config-error")
    );
    server.close(&loose);
    // Closed and outside every journal: the entry goes to the workspace's journal.
    let plan = server
        .request_raw(
            "workspace/executeCommand",
            json!({ "command": "studylog.newEntry",
                    "arguments": [{ "uri": loose.as_str(), "apply": false }] }),
        )
        .expect("a plan");
    let target = plan["uri"].as_str().unwrap_or_default();
    assert!(target.starts_with(journal.uri("").as_str()), "{plan:#}");
}

#[test]
fn settings_can_exclude_files_the_walk_found() {
    let journal = Journal::new(&[
        ("drafts/x.md", "## 2026-02-30\n"),
        ("log.md", "## 2026-1-5\n"),
    ]);
    let server = TestServer::with(ClientSetup {
        initialization_options: Some(
            json!({ "studylog": { "journal": { "exclude": ["drafts/**"] } } }),
        ),
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    server.wait_codes(&journal.uri("log.md"), &["invalid-date"]);
    assert_eq!(server.publish_count(&journal.uri("drafts/x.md")), 0);
}

#[test]
fn a_note_written_on_disk_makes_the_server_refresh_inlay_hints() {
    let journal = Journal::new(&[("log.md", "# Log\n\n## 2026-11-25\ntime:: 30m\n#testing\n")]);
    let mut server = TestServer::start(&journal);
    server.wait_indexed();
    let refreshes = |server: &TestServer| server.messages("workspace/inlayHint/refresh").len();
    // Past the refreshes of start-up (settings, indexing): a short pause, longer
    // than the server's coalescing delay.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let before = refreshes(&server);
    journal.write("today.md", "## 2026-11-26\ntime:: 1h\n#testing\n");
    watched(
        &mut server,
        &[(&journal.uri("today.md"), FileChangeType::CREATED)],
    );
    server.eventually("an inlay hint refresh after the change", |server| {
        (refreshes(server) > before).then_some(())
    });
    // A burst of changes gets one refresh, not one per change.
    let after_one = refreshes(&server);
    for minutes in 1..=5 {
        journal.write(
            "today.md",
            &format!("## 2026-11-26\ntime:: {minutes}m\n#testing\n"),
        );
        watched(
            &mut server,
            &[(&journal.uri("today.md"), FileChangeType::CHANGED)],
        );
    }
    server.eventually("a refresh after the burst", |server| {
        (refreshes(server) > after_one).then_some(())
    });
    assert!(
        refreshes(&server) - after_one <= 2,
        "{}",
        refreshes(&server) - after_one
    );
}

#[test]
fn new_entry_plans_for_editors_that_insert_a_snippet_and_hints_while_it_is_filled_in() {
    let text = "# Log\n\n## 2026-11-25 Maglev #load-balancing\ntime:: 1h\n";
    let journal = Journal::new(&[("log.md", text)]);
    let log = journal.uri("log.md");
    let mut server = TestServer::start(&journal);
    server.open(&log, text);
    server.wait_indexed();
    let plan = |server: &mut TestServer, args: Value| {
        server
            .request_raw(
                "workspace/executeCommand",
                json!({ "command": "studylog.newEntry", "arguments": [args] }),
            )
            .expect("a plan")
    };
    let insert = plan(&mut server, json!({ "uri": log.as_str(), "apply": false }));
    assert_eq!(insert["action"], "insert", "{insert:#}");
    assert_eq!(insert["uri"], log.as_str());
    assert_eq!(insert["position"], json!({ "line": 4, "character": 0 }));
    assert_eq!(
        insert["snippet"],
        format!("\n## {TODAY} $1 #$2\n\ntime:: $3\n$0")
    );
    assert_eq!(
        insert["message"],
        format!("New entry for {TODAY} in log.md")
    );
    assert!(server.applied_edits().is_empty(), "nothing applied");

    // Another day, by date; a bad date is refused with a reason.
    let past = plan(
        &mut server,
        json!({ "uri": log.as_str(), "apply": false, "date": "2026-11-25" }),
    );
    assert_eq!(past["action"], "exists", "{past:#}");
    assert_eq!(
        past["message"],
        "2026-11-25 already has an entry: log.md, line 3"
    );
    let bad = server.request_raw(
        "workspace/executeCommand",
        json!({ "command": "studylog.newEntry", "arguments": [{ "date": "tomorrow" }] }),
    );
    assert!(bad.is_err_and(|e| e.contains("YYYY-MM-DD")));

    // The entry as the snippet leaves it, blanks not yet filled in: hints
    // while the note is unsaved, the findings' own severity once saved.
    let filled = format!("{text}\n## {TODAY}  #\n\ntime:: \n");
    server.change(
        &log,
        vec![TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: filled,
        }],
    );
    let severities = |server: &TestServer| {
        let diagnostics = server.wait_codes(&log, &["invalid-duration", "missing-field"]);
        diagnostics.iter().map(|d| d.severity).collect::<Vec<_>>()
    };
    assert!(
        severities(&server)
            .iter()
            .all(|s| *s == Some(DiagnosticSeverity::HINT)),
        "{:?}",
        severities(&server)
    );
    server.notify::<notification::DidSaveTextDocument>(DidSaveTextDocumentParams {
        text_document: TextDocumentIdentifier::new(log.clone()),
        text: None,
    });
    server.eventually("severities back after the save", |server| {
        let list = severities(server);
        list.iter()
            .all(|s| *s != Some(DiagnosticSeverity::HINT))
            .then_some(())
    });
}
