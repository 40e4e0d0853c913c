//! Editor features through the protocol, in-process, each on a fixture with
//! a cursor marker (`$0`): completion, hover, definition, references,
//! rename, symbols, folding, inlay hints, code actions and the commands.
//! What each feature computes is tested in the core; here: that requests
//! reach it with the right offsets and answers come back in protocol form.

mod support;

use serde_json::{Value, json};
use studylog::text::{ColumnUnit, LineCol, LineIndex};
use support::*;
use tower_lsp_server::ls_types::*;

/// Splits a fixture at its `$0` marker: the text and the cursor position
/// (UTF-8 columns, as the default test client negotiates).
fn cursor(fixture: &str) -> (String, Position) {
    let at = fixture.find("$0").expect("a $0 marker");
    let text = fixture.replacen("$0", "", 1);
    let index = LineIndex::new(&text);
    let LineCol { line, col } = index.position(&text, at, ColumnUnit::Utf8);
    (text, Position::new(line, col))
}

/// Applies protocol text edits (UTF-8 columns) to `text`.
fn apply(text: &str, edits: &[TextEdit]) -> String {
    let index = LineIndex::new(text);
    let offset = |p: Position| {
        index.offset(
            text,
            LineCol {
                line: p.line,
                col: p.character,
            },
            ColumnUnit::Utf8,
        )
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(e.range.start),
                offset(e.range.end),
                e.new_text.as_str(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new_text) in spans {
        out.replace_range(start..end, new_text);
    }
    out
}

const TOPIC_NOTE: &str = "Spreading requests over several servers.\n";

/// A journal with a topic note, two files using its topic, and `main.md`
/// holding the fixture's text.
fn journal_with(main: &str) -> Journal {
    Journal::new(&[
        ("topics/load-balancing.md", TOPIC_NOTE),
        (
            "2026-11-24.md",
            "---\ntopics: [load-balancing]\ntime: 40m\n---\nRound robin.\n",
        ),
        ("main.md", main),
    ])
}

fn at(uri: &Uri, position: Position) -> TextDocumentPositionParams {
    TextDocumentPositionParams::new(TextDocumentIdentifier::new(uri.clone()), position)
}

#[test]
fn completion_replaces_the_typed_prefix() {
    let (text, position) =
        cursor("# Log\n\n## 2026-11-25\ntime:: 30m\nPractised #load-b$0 today\n");
    let journal = journal_with(&text);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("main.md");
    server.open(&uri, &text);
    let items = server.completion_items(at(&uri, position));
    let item = items
        .iter()
        .find(|i| i.label.contains("load-balancing"))
        .unwrap_or_else(|| panic!("load-balancing offered: {items:#?}"));
    let Some(CompletionTextEdit::Edit(edit)) = &item.text_edit else {
        panic!("a text edit");
    };
    let done = apply(&text, std::slice::from_ref(edit));
    assert!(
        done.contains("Practised #load-balancing today"),
        "prefix replaced, not duplicated: {done:?}"
    );
    assert!(item.documentation.is_some(), "with its description");
    // Beside the label: where the topic comes from and how many entries
    // name it (the topic note, one entry in 2026-11-24.md); `detail` stays.
    assert_eq!(
        item.label_details,
        Some(CompletionItemLabelDetails {
            detail: Some(" your notes".to_string()),
            description: Some("1 entry".to_string()),
        })
    );
    assert_eq!(item.detail.as_deref(), Some("1 session · 40m"));
}

/// The `load-balancing` item of a `#` completion at the end of `main.md`,
/// from a client that resolves documentation (`resolve`) or not.
fn load_balancing_item(resolve: bool) -> (TestServer, CompletionItem, Journal) {
    let (text, position) = cursor("# Log\n\n## 2026-11-25\ntime:: 30m\nPractised #$0\n");
    let journal = journal_with(&text);
    let mut server = TestServer::with(ClientSetup {
        completion_resolve: resolve,
        folders: vec![journal.root().to_path_buf()],
        ..ClientSetup::default()
    });
    let uri = journal.uri("main.md");
    server.open(&uri, &text);
    let items = server.completion_items(at(&uri, position));
    let item = items
        .into_iter()
        .find(|i| i.label == "load-balancing")
        .expect("load-balancing offered");
    (server, item, journal)
}

#[test]
fn topic_documentation_comes_on_resolve_for_clients_that_resolve_it() {
    let (_inline_server, inline, _j1) = load_balancing_item(false);
    let Some(Documentation::MarkupContent(expected)) = inline.documentation.clone() else {
        panic!("documentation inline without resolve support: {inline:#?}");
    };
    assert!(
        expected.value.contains("Spreading requests"),
        "{expected:?}"
    );

    let (mut server, item, _j2) = load_balancing_item(true);
    assert!(
        server
            .init
            .capabilities
            .completion_provider
            .as_ref()
            .and_then(|c| c.resolve_provider)
            == Some(true),
        "resolve announced"
    );
    assert_eq!(item.documentation, None, "left to resolve: {item:#?}");
    assert!(item.data.is_some(), "where to compute it from");
    // What shows in the menu is still there.
    assert_eq!(item.label_details, inline.label_details);
    assert_eq!(item.detail, inline.detail);

    let resolved = server.request::<request::ResolveCompletionItem>(item.clone());
    assert_eq!(resolved.documentation, inline.documentation);
    assert_eq!(resolved.label_details, inline.label_details);
    assert_eq!(resolved.text_edit, item.text_edit);

    // An item the server did not mark comes back as it is.
    let foreign = CompletionItem::new_simple("x".into(), "y".into());
    assert_eq!(
        server.request::<request::ResolveCompletionItem>(foreign.clone()),
        foreign
    );
}

#[test]
fn hover_on_a_topic_describes_it() {
    let (text, position) = cursor("## 2026-11-25\ntime:: 30m\n#load-bal$0ancing\n");
    let journal = journal_with(&text);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("main.md");
    let hover = server
        .request::<request::HoverRequest>(HoverParams {
            text_document_position_params: at(&uri, position),
            work_done_progress_params: Default::default(),
        })
        .expect("a hover");
    let HoverContents::Markup(content) = hover.contents else {
        panic!("markdown");
    };
    assert_eq!(content.kind, MarkupKind::Markdown);
    assert!(
        content.value.contains("load-balancing"),
        "{}",
        content.value
    );
    assert_eq!(hover.range, Some(range(2, 0, 2, 15)));
}

#[test]
fn definition_and_references_of_a_topic() {
    let (text, position) = cursor("## 2026-11-25\ntime:: 30m\n#load-bal$0ancing\n");
    let journal = journal_with(&text);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("main.md");
    let definition = server
        .request::<request::GotoDefinition>(GotoDefinitionParams {
            text_document_position_params: at(&uri, position),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .expect("a definition");
    let GotoDefinitionResponse::Array(locations) = definition else {
        panic!("locations");
    };
    assert_eq!(locations[0].uri, journal.uri("topics/load-balancing.md"));

    let references = server
        .request::<request::References>(ReferenceParams {
            text_document_position: at(&uri, position),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: ReferenceContext {
                include_declaration: false,
            },
        })
        .expect("references");
    let mut files: Vec<String> = references
        .iter()
        .map(|l| l.uri.as_str().rsplit('/').next().unwrap_or("").to_string())
        .collect();
    files.sort();
    assert_eq!(files, ["2026-11-24.md", "main.md"]);
}

#[test]
fn rename_a_topic_across_the_journal() {
    let (text, position) = cursor("## 2026-11-25\ntime:: 30m\n#load-bal$0ancing\n");
    let journal = journal_with(&text);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("main.md");
    let prepared = server
        .request::<request::PrepareRenameRequest>(at(&uri, position))
        .expect("renameable");
    let PrepareRenameResponse::RangeWithPlaceholder {
        range: r,
        placeholder,
    } = prepared
    else {
        panic!("a range with a placeholder: {prepared:?}");
    };
    assert_eq!(r.start.line, 2);
    assert_eq!(placeholder, "load-balancing");

    let edit = server
        .request::<request::Rename>(RenameParams {
            text_document_position: at(&uri, position),
            new_name: "traffic-spreading".to_string(),
            work_done_progress_params: Default::default(),
        })
        .expect("an edit");
    let rendered = serde_json::to_string(&edit).expect("json");
    assert!(rendered.contains("2026-11-24.md"), "{rendered}");
    assert!(rendered.contains("main.md"), "{rendered}");
    assert!(rendered.contains("traffic-spreading"), "{rendered}");

    // Not a topic: an error the editor shows, not a crash.
    let err = server.request_raw(
        "textDocument/prepareRename",
        json!({ "textDocument": { "uri": uri.as_str() }, "position": { "line": 1, "character": 2 } }),
    );
    assert!(err.is_err(), "{err:?}");
}

#[test]
fn document_and_workspace_symbols() {
    let text = "# Log\n\n## 2026-11-25 Round robin\ntime:: 30m\n#load-balancing\n";
    let journal = journal_with(text);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("main.md");
    let symbols = server
        .request::<request::DocumentSymbolRequest>(DocumentSymbolParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .expect("symbols");
    let rendered = serde_json::to_string(&symbols).expect("json");
    assert!(rendered.contains("Round robin"), "{rendered}");

    let found = server
        .request::<request::WorkspaceSymbolRequest>(WorkspaceSymbolParams {
            query: "round".to_string(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .expect("workspace symbols");
    let rendered = serde_json::to_string(&found).expect("json");
    assert!(rendered.contains("main.md"), "{rendered}");
}

#[test]
fn folding_ranges_and_inlay_hints() {
    let text = "---\ntitle: x\n---\n# Log\n\n## 2026-11-25\ntime:: 30m\n#load-balancing\n\nmore\n";
    let journal = journal_with(text);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("main.md");
    let folds = server
        .request::<request::FoldingRangeRequest>(FoldingRangeParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .expect("folds");
    assert!(folds.iter().any(|f| f.start_line == 5), "{folds:?}");
    assert!(
        folds
            .iter()
            .any(|f| f.kind == Some(FoldingRangeKind::Imports)),
        "{folds:?}"
    );

    let hints = |server: &mut TestServer| {
        server
            .request::<request::InlayHintRequest>(InlayHintParams {
                text_document: TextDocumentIdentifier::new(uri.clone()),
                range: range(0, 0, 20, 0),
                work_done_progress_params: Default::default(),
            })
            .unwrap_or_default()
    };
    let shown = hints(&mut server);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].position.line, 5);

    // Switched off in the settings.
    server.notify::<notification::DidChangeConfiguration>(DidChangeConfigurationParams {
        settings: json!({ "studylog": { "editor": { "inlay-hints": false } } }),
    });
    assert!(hints(&mut server).is_empty());
}

#[test]
fn source_action_new_entry_and_the_commands() {
    let text = "# Log\n\n## 2026-11-25\ntime:: 30m\n#load-balancing\n";
    let journal = journal_with(text);
    let mut server = TestServer::start(&journal);
    let uri = journal.uri("main.md");
    let actions = server
        .request::<request::CodeActionRequest>(CodeActionParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            range: range(0, 0, 0, 0),
            context: CodeActionContext {
                diagnostics: Vec::new(),
                only: Some(vec![CodeActionKind::SOURCE]),
                trigger_kind: None,
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .expect("actions");
    assert!(
        actions
            .iter()
            .any(|a| matches!(a, CodeActionOrCommand::CodeAction(a)
            if a.kind == Some(CodeActionKind::SOURCE))),
        "{actions:#?}"
    );

    // studylog.newEntry: the client is asked to apply today's entry.
    server
        .request_raw(
            "workspace/executeCommand",
            json!({ "command": "studylog.newEntry", "arguments": [uri.as_str()] }),
        )
        .expect("newEntry");
    let edit = server.wait_for("the new entry's edit", |inbox| {
        inbox.applied_edits.first().cloned()
    });
    let changes = edit.changes.expect("changes");
    let done = apply(text, &changes[&uri]);
    assert!(done.contains(&format!("## {TODAY}")), "{done}");

    // studylog.stats: the CLI's JSON.
    let stats: Value = server
        .request_raw(
            "workspace/executeCommand",
            json!({ "command": "studylog.stats", "arguments": [uri.as_str()] }),
        )
        .expect("stats");
    for key in [
        "entries",
        "days",
        "total_minutes",
        "current_streak",
        "longest_streak",
        "topics",
    ] {
        assert!(stats.get(key).is_some(), "{key} in {stats}");
    }
    assert_eq!(stats["total_minutes"], 70);
    // `calendar` (for editors' heatmaps): every practised day up to today,
    // whose minutes add up to the total.
    let calendar = stats["calendar"].as_array().expect("calendar array");
    assert!(
        calendar.iter().any(|d| d["date"] == "2026-11-25"),
        "{stats}"
    );
    let calendar_minutes: u64 = calendar
        .iter()
        .map(|d| d["minutes"].as_u64().expect("minutes"))
        .sum();
    assert_eq!(calendar_minutes, 70, "{stats}");
}

#[test]
fn requests_on_unknown_documents_answer_nothing() {
    let journal = journal_with("# Log\n");
    let mut server = TestServer::start(&journal);
    let unknown = Uri::from_file_path("/nowhere/x.md").expect("uri");
    let hover = server.request::<request::HoverRequest>(HoverParams {
        text_document_position_params: at(&unknown, pos(0, 0)),
        work_done_progress_params: Default::default(),
    });
    assert_eq!(hover, None);
    let completion = server.request::<request::Completion>(CompletionParams {
        text_document_position: at(&journal.uri("main.md"), pos(999, 999)),
        work_done_progress_params: Default::default(),
        partial_result_params: Default::default(),
        context: None,
    });
    assert!(completion.is_some(), "a position past the end clamps");
}

/// Go to definition on a Logseq namespace link lands in the page's file
/// (`[[Rust/Ownership]]` is `pages/Rust___Ownership.md`), and on an Obsidian
/// heading link written without the heading's punctuation, on that heading.
#[test]
fn definition_follows_the_link_style() {
    let definition_of = |journal: &Journal, server: &mut TestServer, position: Position| {
        let response = server.request::<request::GotoDefinition>(GotoDefinitionParams {
            text_document_position_params: at(&journal.uri("journals/2025-03-24.md"), position),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        });
        match response {
            Some(GotoDefinitionResponse::Array(locations)) => locations,
            Some(GotoDefinitionResponse::Scalar(location)) => vec![location],
            _ => Vec::new(),
        }
    };

    let (text, position) = cursor("- read [[Rust/Own$0ership]] #memory-management\n");
    let journal = Journal::new(&[
        ("studylog.toml", "[links]\nstyle = \"logseq\"\n"),
        ("pages/Rust___Ownership.md", "- moves and borrows\n"),
        ("journals/2025-03-24.md", &text),
    ]);
    let mut server = TestServer::start(&journal);
    let locations = definition_of(&journal, &mut server, position);
    assert_eq!(locations.len(), 1, "{locations:?}");
    assert_eq!(locations[0].uri, journal.uri("pages/Rust___Ownership.md"));

    let (text, position) =
        cursor("- see [[Ownership#Step 1 Moves$0 and copies]] #memory-management\n");
    let journal = Journal::new(&[
        ("studylog.toml", "[links]\nstyle = \"obsidian\"\n"),
        (
            "notes/Ownership.md",
            "# Ownership\n\n## Step 1: Moves (and copies)\n",
        ),
        ("journals/2025-03-24.md", &text),
    ]);
    let mut server = TestServer::start(&journal);
    let locations = definition_of(&journal, &mut server, position);
    assert_eq!(locations.len(), 1, "{locations:?}");
    assert_eq!(locations[0].uri, journal.uri("notes/Ownership.md"));
    assert_eq!(locations[0].range.start.line, 2);
}

#[test]
fn explain_returns_the_checks_section_and_rejects_unknown_codes() {
    let journal = Journal::new(&[("notes.md", "# Notes\n")]);
    let mut server = TestServer::start(&journal);
    let text = server
        .request_raw(
            "workspace/executeCommand",
            json!({ "command": "studylog.explain", "arguments": ["unknown-topic"] }),
        )
        .expect("explain");
    let text = text.as_str().expect("markdown text");
    assert!(text.starts_with("## unknown-topic\n"), "{text}");
    assert!(text.contains("**Fix.**"), "{text}");
    let unknown = server.request_raw(
        "workspace/executeCommand",
        json!({ "command": "studylog.explain", "arguments": ["no-such-check"] }),
    );
    assert!(unknown.is_err(), "{unknown:?}");
}

/// The `studylog/statsChanged` notifications received so far.
fn stats_signals(server: &TestServer) -> Vec<Value> {
    server.messages("studylog/statsChanged")
}

#[test]
fn stats_changed_is_signalled_after_indexing_and_when_the_stats_move() {
    let journal = Journal::new(&[(
        "log.md",
        "## 2026-11-24 – A #caching\ntime:: 30m\n\n## 2026-11-25 – B #caching\ntime:: 1h\n",
    )]);
    let mut server = TestServer::start(&journal);
    server.wait_indexed();
    let root = uri_of_path(journal.root());
    let first = server.wait_for("the signal after indexing", |inbox| {
        inbox
            .messages
            .iter()
            .find(|(m, _)| m == "studylog/statsChanged")
            .map(|(_, p)| p.clone())
    });
    assert_eq!(
        first["uri"].as_str().map(|u| u.trim_end_matches('/')),
        Some(root.trim_end_matches('/'))
    );

    let uri = journal.uri("log.md");
    server.open(
        &uri,
        "## 2026-11-24 – A #caching\ntime:: 30m\n\n## 2026-11-25 – B #caching\ntime:: 1h\n",
    );
    // An edit that moves no stat (an unknown tag in a body line): no signal,
    // though its diagnostics change.
    server.edit(&uri, range(5, 0, 5, 0), "#cachng\n");
    server.wait_codes(&uri, &["unknown-topic"]);
    // Today's entry: the entries, days, time and streak move.
    server.edit(
        &uri,
        range(6, 0, 6, 0),
        "\n## 2026-11-26 – C #caching\ntime:: 20m\n",
    );
    server.eventually("the signal after the new entry", |s| {
        (stats_signals(s).len() >= 2).then_some(())
    });
    let stats = server
        .request_raw(
            "workspace/executeCommand",
            json!({ "command": "studylog.stats", "arguments": [] }),
        )
        .expect("stats");
    assert_eq!(stats["entries"], 3);
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(
        stats_signals(&server).len(),
        2,
        "{:?}",
        stats_signals(&server)
    );
}

#[test]
fn stats_list_every_missed_day_latest_first() {
    // Practice on the 20th and the 24th; today is the 26th: the 21st to the
    // 23rd and yesterday are missed, more than a finding's message names.
    let journal = Journal::new(&[(
        "log.md",
        "## 2026-11-20\n#caching\ntime:: 20m\n\n## 2026-11-24\n#caching\ntime:: 30m\n",
    )]);
    let mut server = TestServer::start(&journal);
    let stats: Value = server
        .request_raw(
            "workspace/executeCommand",
            json!({ "command": "studylog.stats", "arguments": [] }),
        )
        .expect("stats");
    assert_eq!(
        stats["missed"],
        json!(["2026-11-25", "2026-11-23", "2026-11-22", "2026-11-21"]),
        "{stats}"
    );
}
