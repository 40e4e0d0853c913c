//! The state's rules: which journal a file belongs to, open documents over
//! the disk, stale versions, paths a journal does not read.

use super::*;

fn uri(path: &str) -> Uri {
    path_to_uri(Path::new(path)).expect("absolute")
}

#[test]
fn files_belong_to_the_innermost_folder_or_to_a_journal_of_their_own() {
    let mut state = State::new(ColumnUnit::Utf8, Value::Null);
    let outer = state.add_workspace_folder(&uri("/j")).expect("added");
    let inner = state.add_workspace_folder(&uri("/j/sub")).expect("added");
    assert_eq!(
        state.locate(Path::new("/j/a.md")),
        Some((outer, "a.md".into()))
    );
    assert_eq!(
        state.locate(Path::new("/j/sub/b.md")),
        Some((inner, "b.md".into()))
    );
    assert_eq!(state.locate(Path::new("/elsewhere/c.md")), None);

    state.open_doc(uri("/elsewhere/c.md"), "## 2026-11-26", 1);
    let (single, rel) = state
        .locate(Path::new("/elsewhere/c.md"))
        .expect("own journal");
    assert_eq!(rel, "c.md");
    assert_eq!(
        state.folder(single).map(|f| f.kind),
        Some(FolderKind::SingleFile)
    );
    state.close_doc(&uri("/elsewhere/c.md"));
    assert!(state.folder(single).is_none());
    assert!(state.removed.contains(&single));
}

#[test]
fn open_documents_win_over_the_disk_until_closed() {
    let mut state = State::new(ColumnUnit::Utf8, Value::Null);
    let id = state.add_workspace_folder(&uri("/j")).expect("added");
    state.open_doc(uri("/j/a.md"), "unsaved", 1);
    state.apply_disk(Path::new("/j/a.md"), DiskText::Text("on disk".into()));
    let text = |s: &State| {
        s.folder(id)
            .and_then(|f| f.ws.file("a.md"))
            .map(|f| f.text.to_string())
    };
    assert_eq!(text(&state).as_deref(), Some("unsaved"));
    let (_, reread) = state.close_doc(&uri("/j/a.md"));
    assert_eq!(reread.as_deref(), Some(Path::new("/j/a.md")));
    state.apply_disk(Path::new("/j/a.md"), DiskText::Text("on disk".into()));
    assert_eq!(text(&state).as_deref(), Some("on disk"));
    state.apply_disk(Path::new("/j/a.md"), DiskText::Missing);
    assert_eq!(text(&state), None);
}

#[test]
fn a_change_with_an_older_version_is_ignored() {
    let mut state = State::new(ColumnUnit::Utf8, Value::Null);
    state.add_workspace_folder(&uri("/j")).expect("added");
    state.open_doc(uri("/j/a.md"), "v5", 5);
    let whole = |text: &str| TextDocumentContentChangeEvent {
        range: None,
        range_length: None,
        text: text.to_string(),
    };
    let err = state
        .change_doc(&uri("/j/a.md"), vec![whole("v4")], 4)
        .expect_err("refused");
    assert!(
        err.contains("version 4, older than the document's 5"),
        "{err}"
    );
    assert_eq!(
        state
            .docs
            .get(&uri("/j/a.md"))
            .map(|d| d.text().to_string())
            .as_deref(),
        Some("v5")
    );
    assert!(
        state
            .change_doc(&uri("/j/a.md"), vec![whole("v6")], 6)
            .is_ok()
    );
    assert_eq!(
        state
            .docs
            .get(&uri("/j/a.md"))
            .map(|d| d.text().to_string())
            .as_deref(),
        Some("v6")
    );
}

#[test]
fn excluded_and_non_markdown_paths_stay_out() {
    let mut state = State::new(ColumnUnit::Utf8, Value::Null);
    let id = state.add_workspace_folder(&uri("/j")).expect("added");
    state.apply_disk(Path::new("/j/.obsidian/x.md"), DiskText::Text("x".into()));
    state.apply_disk(Path::new("/j/notes.txt"), DiskText::Text("x".into()));
    assert_eq!(state.folder(id).map(|f| f.ws.files().count()), Some(0));
}
