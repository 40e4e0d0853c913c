//! Diagnostics through the protocol: pushed for every journal file (open or
//! not) with code, severity, source, docs link, related information and
//! fixes; updated after edits, in other files too for workspace-wide
//! checks; only changed files re-published; positions right in UTF-8 and
//! UTF-16 on lines with emoji, CJK and CRLF; pull diagnostics for clients
//! that pull.

mod support;

use serde_json::json;
use support::*;
use tower_lsp_server::ls_types::*;

/// Two entries three days apart (a gap of two missed days), in two files.
fn gap_journal() -> Journal {
    Journal::new(&[
        (
            "a.md",
            "# A\n\n## 2026-11-20\ntopic:: #automated-testing\ntime:: 30m\n",
        ),
        (
            "b.md",
            "# B\n\n## 2026-11-23\ntopic:: #automated-testing\ntime:: 30m\n",
        ),
        ("c.md", "# C\n\n## 2026-11-24\ntopic:: #automated-testing\n"),
        (
            "d.md",
            "# D\n\n## 2026-11-25\ntopic:: #automated-testing\ntime:: 30m\n\n## 2026-11-26\ntopic:: #automated-testing\ntime:: 30m\n",
        ),
    ])
}

#[test]
fn every_journal_file_gets_its_diagnostics_with_code_and_source_and_no_made_up_link() {
    let journal = gap_journal();
    let server = TestServer::start(&journal);
    let missed = server.wait_codes(&journal.uri("b.md"), &["missed-days"]);
    let d = &missed[0];
    assert_eq!(d.range.start.line, 2, "on the first entry after the gap");
    assert!(d.message.contains("2026-11-21"), "{}", d.message);
    assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
    assert_eq!(d.source.as_deref(), Some("studylog"));
    // No docs page is configured: no link (the text comes from `studylog.explain`).
    assert_eq!(d.code_description, None);

    let missing = server.wait_codes(&journal.uri("c.md"), &["missing-field"]);
    // The fix travels in `data`, ready for a code action.
    let fixes = &missing[0].data.as_ref().expect("data")["fixes"];
    assert_eq!(
        fixes[0]["edits"][0]["newText"]
            .as_str()
            .map(|t| t.contains("time::")),
        Some(true)
    );
    assert_eq!(
        server.publish_count(&journal.uri("a.md")),
        0,
        "clean files are not published"
    );
}

#[test]
fn related_information_points_at_the_first_entry_of_a_duplicated_date() {
    let journal = Journal::new(&[(
        "log.md",
        "# Log\n\n## 2026-11-25\ntopic:: #automated-testing\ntime:: 30m\n\n## 2026-11-25\ntopic:: #automated-testing\ntime:: 30m\n",
    )]);
    let server = TestServer::start(&journal);
    let diagnostics = server.wait_codes(&journal.uri("log.md"), &["duplicate-date"]);
    let related = diagnostics[0]
        .related_information
        .as_ref()
        .expect("related information");
    assert_eq!(related[0].location.uri, journal.uri("log.md"));
    assert_eq!(related[0].location.range.start.line, 2);
    assert_eq!(diagnostics[0].range.start.line, 6);
}

#[test]
fn edits_update_diagnostics_here_and_workspace_wide_elsewhere_and_only_changed_files_republish() {
    let journal = gap_journal();
    let mut server = TestServer::start(&journal);
    let (a, b, c) = (
        journal.uri("a.md"),
        journal.uri("b.md"),
        journal.uri("c.md"),
    );
    server.wait_codes(&b, &["missed-days"]);
    server.wait_codes(&c, &["missing-field"]);
    let c_published = server.publish_count(&c);

    // Filling the gap in a.md (unsaved) clears missed-days in b.md.
    let text = "# A\n\n## 2026-11-20\ntopic:: #automated-testing\ntime:: 30m\n";
    server.open(&a, text);
    server.edit(
        &a,
        range(5, 0, 5, 0),
        "\n## 2026-11-21\ntopic:: #automated-testing\ntime:: 20m\n\n## 2026-11-22\ntopic:: #automated-testing\ntime:: 20m\n",
    );
    server.wait_codes(&b, &[]);
    // An edit in a.md itself shows up in a.md.
    server.edit(&a, range(2, 3, 2, 13), "2026-02-30");
    server.wait_codes(&a, &["invalid-date"]);
    server.edit(&a, range(2, 3, 2, 13), "2026-11-20");
    server.wait_codes(&a, &[]);
    // c.md's diagnostics never changed: it was not published again.
    assert_eq!(server.publish_count(&c), c_published);

    // Closing without saving: the disk text is back, and so is the gap.
    server.close(&a);
    server.wait_codes(&b, &["missed-days"]);
}

#[test]
fn open_documents_keep_their_unsaved_text_when_the_disk_changes() {
    let journal = gap_journal();
    let mut server = TestServer::start(&journal);
    let c = journal.uri("c.md");
    server.wait_codes(&c, &["missing-field"]);
    let fixed = "# C\n\n## 2026-11-24\ntopic:: #automated-testing\ntime:: 10m\n";
    server.open(&c, fixed);
    server.wait_codes(&c, &[]);
    // Another program writes the old text to disk: the editor's text wins.
    journal.write("c.md", "# C\n\n## 2026-11-24\n");
    server.notify::<notification::DidChangeWatchedFiles>(DidChangeWatchedFilesParams {
        changes: vec![FileEvent::new(c.clone(), FileChangeType::CHANGED)],
    });
    // Round-trip a request so the change has been handled, then check.
    server.eventually("the disk change to be handled", |server| {
        server.pull(&c).is_empty().then_some(())
    });
    assert!(server.pull(&c).is_empty());
    server.close(&c);
    server.wait_codes(&c, &["empty-entry"]);
}

#[test]
fn files_created_changed_and_deleted_by_other_programs_update_the_journal() {
    let journal = gap_journal();
    let mut server = TestServer::start(&journal);
    let b = journal.uri("b.md");
    server.wait_codes(&b, &["missed-days"]);
    let watched = |server: &mut TestServer, rel: &str, typ| {
        server.notify::<notification::DidChangeWatchedFiles>(DidChangeWatchedFilesParams {
            changes: vec![FileEvent::new(journal.uri(rel), typ)],
        });
    };
    // A note for the missing days arrives (git pull): the gap closes.
    journal.write(
        "fill.md",
        "## 2026-11-21\ntopic:: #automated-testing\ntime:: 5m\n\n## 2026-11-22\ntopic:: #automated-testing\ntime:: 5m\n",
    );
    watched(&mut server, "fill.md", FileChangeType::CREATED);
    server.wait_codes(&b, &[]);
    // It loses a day: the gap is back, naming that day.
    journal.write(
        "fill.md",
        "## 2026-11-21\ntopic:: #automated-testing\ntime:: 5m\n",
    );
    watched(&mut server, "fill.md", FileChangeType::CHANGED);
    let d = server.wait_codes(&b, &["missed-days"]);
    assert!(d[0].message.contains("2026-11-22"), "{}", d[0].message);
    // Deleted: both days are missed again.
    journal.remove("fill.md");
    watched(&mut server, "fill.md", FileChangeType::DELETED);
    server.diagnostics_where(&b, "both days missed", |ds| {
        ds.iter().any(|d| d.message.contains("2026-11-21"))
    });
}

#[test]
fn the_servers_own_watcher_sees_other_programs_within_a_second() {
    let journal = gap_journal();
    let server = TestServer::with(ClientSetup {
        dynamic_watched_files: false,
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    let b = journal.uri("b.md");
    server.wait_codes(&b, &["missed-days"]);
    journal.write(
        "sub/fill.md",
        "## 2026-11-21\ntopic:: #automated-testing\ntime:: 5m\n\n## 2026-11-22\ntopic:: #automated-testing\ntime:: 5m\n",
    );
    server.wait_codes(&b, &[]);
    // Renamed away into a hidden folder: out of the journal.
    std::fs::create_dir_all(journal.path(".trash")).expect("mkdir");
    std::fs::rename(journal.path("sub"), journal.path(".trash/sub")).expect("rename");
    server.wait_codes(&b, &["missed-days"]);
}

/// A line with emoji, CJK and a misspelled tag, with CRLF line ends.
const WIDE: &str = "# Log\r\n\r\n## 2026-11-25\r\ntime:: 30m\r\n😀 中文 #load-balacing\r\n";

fn typo_range(server: &TestServer, journal: &Journal) -> Range {
    let diagnostics = server.wait_codes(&journal.uri("log.md"), &["unknown-topic"]);
    diagnostics[0].range
}

#[test]
fn positions_count_utf16_units_for_utf16_clients() {
    let journal = Journal::new(&[("log.md", WIDE)]);
    let server = TestServer::with(ClientSetup {
        utf8: false,
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    // 😀 is two UTF-16 units, 中 and 文 one each: "😀 中文 " is 6 units.
    assert_eq!(typo_range(&server, &journal), range(4, 6, 4, 20));
}

#[test]
fn positions_count_bytes_for_utf8_clients() {
    let journal = Journal::new(&[("log.md", WIDE)]);
    let server = TestServer::start(&journal);
    // 😀 is four bytes, 中 and 文 three each: "😀 中文 " is 12 bytes.
    assert_eq!(typo_range(&server, &journal), range(4, 12, 4, 26));
}

#[test]
fn incremental_utf16_edits_land_where_the_client_meant() {
    let journal = Journal::new(&[("log.md", WIDE)]);
    let mut server = TestServer::with(ClientSetup {
        utf8: false,
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    let uri = journal.uri("log.md");
    typo_range(&server, &journal);
    server.open(&uri, WIDE);
    // Fix the typo by inserting the missing "n" after "#load-bala":
    // UTF-16 column 6 + 10.
    server.edit(&uri, range(4, 16, 4, 16), "n");
    server.wait_codes(&uri, &[]);
    // Replace the emoji (two units) with an ASCII word and break the date.
    server.edit(&uri, range(4, 0, 4, 2), "wow");
    let version = server.edit(&uri, range(2, 11, 2, 13), "31");
    let d = server.wait_codes(&uri, &["invalid-date"]);
    assert_eq!(d[0].range.start.line, 2);
    // Published for the document's latest version.
    let published = server.wait_for("the published version", |inbox| {
        inbox.diagnostics.get(uri.as_str()).map(|p| p.version)
    });
    assert_eq!(published, Some(version));
}

#[test]
fn the_quick_fix_carried_by_a_diagnostic_is_offered_as_a_code_action() {
    let journal = Journal::new(&[("log.md", WIDE)]);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("log.md");
    let diagnostics = server.wait_codes(&uri, &["unknown-topic"]);
    let actions = server
        .request::<request::CodeActionRequest>(CodeActionParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            range: diagnostics[0].range,
            context: CodeActionContext {
                diagnostics: diagnostics.clone(),
                only: Some(vec![CodeActionKind::QUICKFIX]),
                trigger_kind: None,
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .expect("actions");
    let fix = actions
        .iter()
        .find_map(|a| match a {
            CodeActionOrCommand::CodeAction(a) if a.title.contains("load-balancing") => Some(a),
            _ => None,
        })
        .unwrap_or_else(|| panic!("a did-you-mean fix in {actions:#?}"));
    assert_eq!(fix.kind, Some(CodeActionKind::QUICKFIX));
    let edits = &fix
        .edit
        .as_ref()
        .expect("edit")
        .changes
        .as_ref()
        .expect("changes")[&uri];
    assert_eq!(edits[0].range, diagnostics[0].range);
    assert_eq!(edits[0].new_text, "#load-balancing");
}

/// Two days of practice; the second day's entry has no `time::`.
const NO_TIME: &str = "# Log\n\n## 2026-11-24\ntopic:: #automated-testing\ntime:: 30m\n\n## 2026-11-25\ntopic:: #automated-testing\n";

/// How many quick fixes over the whole of `uri` insert a `time::` field
/// (the client sends no diagnostics: only what the server holds counts).
fn time_fixes(server: &mut TestServer, uri: &Uri) -> usize {
    let actions = server
        .request::<request::CodeActionRequest>(CodeActionParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            range: range(0, 0, 20, 0),
            context: CodeActionContext {
                diagnostics: Vec::new(),
                only: Some(vec![CodeActionKind::QUICKFIX]),
                trigger_kind: None,
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .unwrap_or_default();
    actions
        .iter()
        .filter(|a| match a {
            CodeActionOrCommand::CodeAction(a) => a
                .edit
                .as_ref()
                .and_then(|e| e.changes.as_ref())
                .is_some_and(|changes| {
                    changes
                        .values()
                        .flatten()
                        .any(|e| e.new_text.contains("time::"))
                }),
            CodeActionOrCommand::Command(_) => false,
        })
        .count()
}

#[test]
fn code_actions_follow_edits_and_reuse_the_diagnostics_last_checked() {
    let journal = Journal::new(&[("log.md", NO_TIME)]);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("log.md");
    server.wait_codes(&uri, &["missing-field"]);
    server.open(&uri, NO_TIME);
    server.wait_diagnostics_settled();

    // The worker checked the open document on the state the request reads:
    // its fix is offered without checking the file again.
    let before = server.code_action_checks();
    assert_eq!(time_fixes(&mut server, &uri), 1);
    assert_eq!(server.code_action_checks(), before, "reused");

    // Each edit followed at once by a code action (the worker may not have
    // checked it yet): the fixes are those of the text as edited.
    for round in 0..6 {
        if round % 2 == 0 {
            server.edit(&uri, range(8, 0, 8, 0), "time:: 30m\n");
            assert_eq!(
                time_fixes(&mut server, &uri),
                0,
                "round {round}: time given"
            );
        } else {
            server.edit(&uri, range(8, 0, 9, 0), "");
            assert_eq!(
                time_fixes(&mut server, &uri),
                1,
                "round {round}: time missing"
            );
        }
    }
    server.wait_diagnostics_settled();
    let before = server.code_action_checks();
    assert_eq!(time_fixes(&mut server, &uri), 1);
    assert_eq!(time_fixes(&mut server, &uri), 1);
    assert_eq!(
        server.code_action_checks(),
        before,
        "reused after the edits"
    );

    // A change elsewhere in the journal retires what was kept: the next
    // code action checks the file again, and the one after reuses that.
    let other = journal.uri("other.md");
    server.open(&other, "# Other\n");
    let before = server.code_action_checks();
    let first = time_fixes(&mut server, &uri);
    let second = time_fixes(&mut server, &uri);
    assert_eq!((first, second), (1, 1));
    assert!(
        server.code_action_checks() <= before + 1,
        "checked once at most"
    );
}

#[test]
fn pull_clients_are_not_pushed_to_and_get_reports_and_refreshes() {
    let journal = gap_journal();
    let mut server = TestServer::with(ClientSetup {
        pull_diagnostics: true,
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    let report = server.request::<request::WorkspaceDiagnosticRequest>(WorkspaceDiagnosticParams {
        identifier: None,
        previous_result_ids: Vec::new(),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
    });
    let WorkspaceDiagnosticReportResult::Report(report) = report else {
        panic!("a full report");
    };
    let mut files: Vec<(String, Vec<String>)> = report
        .items
        .iter()
        .filter_map(|item| match item {
            WorkspaceDocumentDiagnosticReport::Full(full) => Some((
                full.uri
                    .as_str()
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
                full.full_document_diagnostic_report
                    .items
                    .iter()
                    .map(code_of)
                    .collect(),
            )),
            WorkspaceDocumentDiagnosticReport::Unchanged(_) => None,
        })
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            ("b.md".to_string(), vec!["missed-days".to_string()]),
            ("c.md".to_string(), vec!["missing-field".to_string()]),
        ]
    );
    // An unchanged result id gets an unchanged report.
    let b = journal.uri("b.md");
    let first = server.request_raw(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": b.as_str() } }),
    );
    let result_id = first.expect("report")["resultId"].clone();
    let second = server
        .request_raw(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": b.as_str() }, "previousResultId": result_id }),
        )
        .expect("report");
    assert_eq!(second["kind"], "unchanged");

    // An edit makes the server ask the client to pull again.
    let a = journal.uri("a.md");
    server.open(&a, "## 2026-02-30\n");
    wait_for_refresh(&server);
    assert!(
        server
            .messages("textDocument/publishDiagnostics")
            .is_empty()
    );
    assert!(server.pull(&a).iter().any(|d| code_of(d) == "invalid-date"));
}

/// A whole-journal pass over hundreds of files with findings asks a pull
/// client to pull again once, at its end, not once per batch of files.
#[test]
fn a_whole_journal_pass_asks_a_pull_client_to_refresh_once() {
    let files: Vec<(String, String)> = (1..=400)
        .map(|i| (format!("notes/n{i:03}.md"), "## 2026-02-30\n".to_string()))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let journal = Journal::new(&refs);
    let mut server = TestServer::with(ClientSetup {
        pull_diagnostics: true,
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    // The refresh is sent from a task of its own as the pass ends: wait
    // for it, then for the worker to be done, then count.
    wait_for_refresh(&server);
    server.wait_diagnostics_settled();
    let _ = server.request_raw("workspace/symbol", json!({ "query": "" }));
    let refreshes = server.messages("workspace/diagnostic/refresh").len();
    // One per pass; the start can make two passes (the index, then the
    // settings it asks for), never one per batch (about 7 here).
    assert!(
        (1..=2).contains(&refreshes),
        "{refreshes} refreshes for a 400-file pass"
    );
}

/// A one-file journal large enough (700 daily entries, 37 KB) that the server
/// re-parses it around each edit rather than whole: diagnostics after edits
/// in its middle land on the right lines, and vanish when the edit is undone.
#[test]
fn edits_in_the_middle_of_a_large_file_land_on_the_right_lines() {
    // Every day up to yesterday: nothing to report until the edits.
    let today: jiff::civil::Date = TODAY.parse().expect("date");
    let start = today
        .checked_sub(jiff::Span::new().days(700))
        .expect("date");
    let mut text = String::from("# Log\n\n");
    for day in 0..700 {
        let date = start
            .checked_add(jiff::Span::new().days(day))
            .expect("date");
        text.push_str(&format!(
            "## {date}\ntopic:: #automated-testing\ntime:: 30m\n\n"
        ));
    }
    assert!(
        text.len() > 32 * 1024,
        "large enough for the window re-parse"
    );
    let journal = Journal::new(&[("log.md", &text)]);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("log.md");
    server.wait_indexed();
    server.open(&uri, &text);
    assert_eq!(
        server.publish_count(&uri),
        0,
        "a clean file is not published"
    );

    // Entry 300's heading is on line 2 + 4 * 300. Breaking its date also
    // leaves its day unpractised (reported on the next entry).
    let heading = 2 + 4 * 300;
    let line_of = |d: &[Diagnostic], code: &str| {
        d.iter()
            .find(|x| code_of(x) == code)
            .map(|x| x.range.start.line)
    };
    server.edit(&uri, range(heading, 3, heading, 13), "2026-02-30");
    let d = server.wait_codes(&uri, &["invalid-date", "missed-days"]);
    assert_eq!(line_of(&d, "invalid-date"), Some(heading));
    assert_eq!(line_of(&d, "missed-days"), Some(heading + 4));

    // Lines inserted above move both down; a bad duration in between is found.
    server.edit(
        &uri,
        range(heading - 2, 0, heading - 2, 0),
        "time:: soon\nnote\n",
    );
    let d = server.wait_codes(&uri, &["invalid-date", "invalid-duration", "missed-days"]);
    assert_eq!(line_of(&d, "invalid-duration"), Some(heading - 2));
    assert_eq!(line_of(&d, "invalid-date"), Some(heading + 2));
    assert_eq!(line_of(&d, "missed-days"), Some(heading + 6));

    // Undone: the lines go and the date is right again.
    server.edit(&uri, range(heading - 2, 0, heading, 0), "");
    let date = start
        .checked_add(jiff::Span::new().days(300))
        .expect("date");
    server.edit(&uri, range(heading, 3, heading, 13), &date.to_string());
    server.wait_codes(&uri, &[]);
}

/// After a change that reaches every file (here the severity of
/// `broken-link` in the settings), the open document is re-published before
/// any other file of the journal, though its path sorts last.
#[test]
fn open_documents_are_published_before_the_rest_of_a_change_that_reaches_every_file() {
    let notes: Vec<(String, String)> = (0..150)
        .map(|n| {
            (
                format!("notes/n{n:03}.md"),
                format!("# Note {n}\n\nSee [[missing-{n}]].\n"),
            )
        })
        .collect();
    let open_text = "# Open\n\nSee [[missing-open]].\n";
    let mut files: Vec<(&str, &str)> = notes
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    files.push(("zz-open.md", open_text));
    let journal = Journal::new(&files);
    let mut server = TestServer::start(&journal);
    let open = journal.uri("zz-open.md");
    server.open(&open, open_text);
    server.wait_for("every file's first diagnostics", |inbox| {
        (inbox.diagnostics.len() == files.len()).then_some(())
    });
    let before = server.messages("textDocument/publishDiagnostics").len();

    server.notify::<notification::DidChangeConfiguration>(DidChangeConfigurationParams {
        settings: json!({ "studylog": { "severity": { "broken-link": "error" } } }),
    });
    server.wait_for("every file re-published as an error", |inbox| {
        inbox
            .diagnostics
            .values()
            .all(|p| p.diagnostics[0].severity == Some(DiagnosticSeverity::ERROR))
            .then_some(())
    });
    let published = server.messages("textDocument/publishDiagnostics");
    let order: Vec<&str> = published[before..]
        .iter()
        .filter_map(|p| p["uri"].as_str())
        .collect();
    assert_eq!(order.len(), files.len(), "each file once: {order:?}");
    assert_eq!(order[0], open.as_str(), "{:?}", &order[..3]);
}

/// The 20th entry makes the journal's habit count: `time`, which no entry
/// records, stops being required everywhere (not only in the edited file),
/// the first entry gets the one `field-habit` finding, and hover on an
/// entry's date says which fields are required and why.
#[test]
fn the_habit_flips_required_fields_across_the_journal_and_hover_explains() {
    let mut files: Vec<(String, String)> = (1..=18)
        .map(|day| (format!("2026-10-{day:02}.md"), "#caching\n".to_string()))
        .collect();
    files.push(("log.md".into(), "## 2026-10-19\n#caching\n".into()));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let journal = Journal::new(&refs);
    let mut server = TestServer::start(&journal);
    let first = journal.uri("2026-10-01.md");
    let other = journal.uri("2026-10-05.md");
    server.wait_codes(&other, &["missing-field"]);
    server.wait_codes(&first, &["missing-field"]);

    let log = journal.uri("log.md");
    let text = "## 2026-10-19\n#caching\n";
    server.open(&log, text);
    server.edit(&log, range(2, 0, 2, 0), "## 2026-10-20\n#caching\n");
    server.wait_codes(&other, &[]);
    let habit = server.wait_codes(&first, &["field-habit"]);
    assert_eq!(habit[0].severity, Some(DiagnosticSeverity::INFORMATION));
    assert!(
        habit[0]
            .message
            .starts_with("20 of 20 entries have no `time`"),
        "{}",
        habit[0].message
    );

    let hover = server
        .request::<request::HoverRequest>(HoverParams {
            text_document_position_params: TextDocumentPositionParams::new(
                TextDocumentIdentifier::new(log.clone()),
                pos(0, 5),
            ),
            work_done_progress_params: Default::default(),
        })
        .expect("a hover on the entry's date");
    let HoverContents::Markup(content) = hover.contents else {
        panic!("markdown");
    };
    assert!(
        content.value.contains(
            "`time`: not required, the journal rarely records it (0 of 20 entries have it)"
        ),
        "{}",
        content.value
    );
}

/// Waits until the server has asked the client to pull diagnostics again.
fn wait_for_refresh(server: &TestServer) {
    server.wait_for("a diagnostics refresh", |inbox| {
        inbox
            .messages
            .iter()
            .any(|(m, _)| m == "workspace/diagnostic/refresh")
            .then_some(())
    });
}
