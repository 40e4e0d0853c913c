//! The notifications that change the state: document sync, workspace
//! folders, settings and watched files. Each applies its change before it
//! returns and hands the effects to the workers, each isolated
//! ([`isolated`]) so that one that fails ends nothing else.

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::ls_types::*;

use super::config as settings;
use super::convert::uri_to_path;
use super::disk_worker::rescan_everything;
use super::indexing::{fetch_configuration, index_folders, watch_folders};
use super::shared::Shared;
use super::state_lock::lock;
use super::supervise::{Worker, panic_message};

/// Applies a notification isolated from the rest of the server: a panic
/// (a bug met on some input) is logged and ends only this notification.
/// The change may have stopped halfway, between the journal and its link
/// index, so every journal is read again from the disk with the open
/// documents' text over it.
pub(super) fn isolated(shared: &Arc<Shared>, what: &str, apply: impl FnOnce(&Arc<Shared>)) {
    let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        shared.faults.fail_if_asked(Worker::Notification);
        apply(shared);
    }));
    if let Err(panic) = applied {
        tracing::error!(
            "{what} failed ({}); reading the journals again",
            panic_message(&*panic)
        );
        rescan_everything(shared);
    }
}

pub(super) fn did_open(shared: &Arc<Shared>, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let effects = shared
        .state
        .write()
        .open_doc(doc.uri, &doc.text, doc.version);
    shared.effects(effects);
}

pub(super) fn did_change(shared: &Arc<Shared>, params: DidChangeTextDocumentParams) {
    let doc = params.text_document;
    let result = shared
        .state
        .write()
        .change_doc(&doc.uri, params.content_changes, doc.version);
    match result {
        Ok(effects) => shared.effects(effects),
        Err(e) => tracing::warn!("{e}"),
    }
}

pub(super) fn did_save(shared: &Arc<Shared>, params: DidSaveTextDocumentParams) {
    let effects = shared.state.write().save_doc(&params.text_document.uri);
    shared.effects(effects);
}

pub(super) fn did_close(shared: &Arc<Shared>, params: DidCloseTextDocumentParams) {
    let (effects, reread) = shared.state.write().close_doc(&params.text_document.uri);
    shared.effects(effects);
    if let Some(path) = reread {
        // The unsaved text is gone: the journal goes back to the disk.
        shared.disk_changes.push([path]);
    }
}

pub(super) fn did_change_workspace_folders(
    shared: &Arc<Shared>,
    params: DidChangeWorkspaceFoldersParams,
) {
    let added = {
        let mut state = shared.state.write();
        for removed in &params.event.removed {
            if state.remove_workspace_folder(&removed.uri).is_some() {
                tracing::info!("removed folder {}", removed.uri.as_str());
            }
        }
        let mut added = Vec::new();
        for folder in &params.event.added {
            if let Some(id) = state.add_workspace_folder(&folder.uri) {
                added.push(id);
            }
        }
        added
    };
    for removed in &params.event.removed {
        if let Some(path) = uri_to_path(&removed.uri) {
            if let Some(watcher) = lock(&shared.watcher).as_mut() {
                watcher.unwatch(&path);
            }
        }
    }
    // Removed journals' diagnostics are cleared by the worker.
    shared.dirty.notify_one();
    if !added.is_empty() {
        let shared = shared.clone();
        tokio::spawn(async move {
            watch_folders(&shared, &added);
            fetch_configuration(&shared).await;
            index_folders(&shared, added, true).await;
        });
    }
}

pub(super) fn did_change_configuration(shared: &Arc<Shared>, params: DidChangeConfigurationParams) {
    let pushed = settings::section(&params.settings);
    let has_pushed = matches!(&pushed, Value::Object(m) if !m.is_empty());
    if has_pushed {
        let effects = {
            let mut state = shared.state.write();
            state.settings = pushed;
            state.reconfigure_all()
        };
        shared.effects(effects);
        shared.refresh_inlay_hints();
    }
    if shared.flags().configuration {
        let shared = shared.clone();
        tokio::spawn(async move { fetch_configuration(&shared).await });
    }
}

pub(super) fn did_change_watched_files(shared: &Arc<Shared>, params: DidChangeWatchedFilesParams) {
    let paths: Vec<PathBuf> = params
        .changes
        .iter()
        .filter_map(|c| uri_to_path(&c.uri))
        .collect();
    if !paths.is_empty() {
        shared.disk_changes.push(paths);
    }
}
