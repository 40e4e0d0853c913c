//! Topics through the protocol: completion and hover show a topic under its
//! shown form (the catalog's name, else the journal's most written form),
//! and when another file's edit changes that form, the `topic-spelling`
//! findings of the files that did not change follow.

mod support;

use support::*;
use tower_lsp_server::ls_types::*;

/// `JavaScript` written in two entries of a.md, `javascript` in one of b.md.
fn spelt_journal() -> Journal {
    Journal::new(&[
        (
            "a.md",
            "## 2026-11-20\n#JavaScript\ntime:: 30m\n\n## 2026-11-21\n#JavaScript\ntime:: 30m\n",
        ),
        ("b.md", "## 2026-11-22\n#javascript\ntime:: 30m\n"),
    ])
}

fn at(uri: &Uri, line: u32, character: u32) -> TextDocumentPositionParams {
    TextDocumentPositionParams::new(
        TextDocumentIdentifier::new(uri.clone()),
        pos(line, character),
    )
}

fn messages(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(|d| d.message.clone()).collect()
}

#[test]
fn completion_and_hover_show_the_journals_spelling() {
    let journal = spelt_journal();
    let mut server = TestServer::start(&journal);
    let b = journal.uri("b.md");
    let text = "## 2026-11-22\n#javascript\ntime:: 30m\n\n## 2026-11-23\n#java\ntime:: 10m\n";
    server.open(&b, text);
    let items = server.completion_items(at(&b, 5, 5));
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    assert!(labels.contains(&"JavaScript"), "{labels:?}");
    assert!(
        !labels.contains(&"javascript"),
        "one item per topic: {labels:?}"
    );
    let item = items.iter().find(|i| i.label == "JavaScript");
    let Some(CompletionTextEdit::Edit(edit)) = item.and_then(|i| i.text_edit.as_ref()) else {
        panic!("a text edit");
    };
    assert_eq!(edit.new_text, "JavaScript");

    let hover = server
        .request::<request::HoverRequest>(HoverParams {
            text_document_position_params: at(&b, 1, 3),
            work_done_progress_params: Default::default(),
        })
        .expect("a hover");
    let HoverContents::Markup(content) = hover.contents else {
        panic!("markdown");
    };
    assert!(
        content
            .value
            .starts_with("**JavaScript** (written `javascript`)"),
        "{}",
        content.value
    );
    assert!(content.value.contains("3 sessions"), "{}", content.value);
}

#[test]
fn another_files_edit_moves_the_spelling_hints_of_files_it_did_not_touch() {
    let journal = spelt_journal();
    let mut server = TestServer::start(&journal);
    let (a, b) = (journal.uri("a.md"), journal.uri("b.md"));
    let hints = server.wait_codes(&b, &["topic-spelling"]);
    assert_eq!(
        messages(&hints),
        ["`#javascript` is spelt `#JavaScript` in most of this journal; write it as `#JavaScript`"]
    );

    // a.md now writes `javascript` too: that is the journal's spelling, and
    // b.md, unchanged, loses its hint.
    let text = "## 2026-11-20\n#JavaScript\ntime:: 30m\n\n## 2026-11-21\n#JavaScript\ntime:: 30m\n";
    server.open(&a, text);
    server.edit(&a, range(1, 1, 1, 11), "javascript");
    server.wait_codes(&b, &[]);
    let hints = server.wait_codes(&a, &["topic-spelling"]);
    assert_eq!(hints[0].range, range(5, 0, 5, 11));

    // Both of a.md's mentions as `Javascript`: the hint comes back to b.md,
    // naming the new spelling.
    server.edit(&a, range(1, 1, 1, 11), "Javascript");
    server.edit(&a, range(5, 1, 5, 11), "Javascript");
    server.diagnostics_where(&b, "the hint names `#Javascript`", |ds| {
        messages(ds)
            == ["`#javascript` is spelt `#Javascript` in most of this journal; write it as `#Javascript`"]
    });
    server.wait_codes(&a, &[]);
}
