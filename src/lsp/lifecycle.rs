//! The server's lifecycle: `initialize` (what the client can do, the
//! folders, the capabilities), `initialized` (the workers and the first
//! index start) and `shutdown`.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::capabilities::{ClientFlags, server_capabilities};
use super::clock::midnight_watch;
use super::config as settings;
use super::convert;
use super::diagnostics_worker;
use super::disk_worker::{disk_worker, rescan_everything};
use super::indexing::startup;
use super::shared::Shared;
use super::state::State;
use super::state_lock::lock;
use super::supervise::spawn_supervised;

pub(super) fn initialize(shared: &Shared, params: InitializeParams) -> Result<InitializeResult> {
    let (unit, encoding) = convert::negotiate_encoding(&params.capabilities);
    let flags = ClientFlags::from(&params.capabilities);
    let _ = shared.flags.set(flags.clone());
    shared
        .own_watcher
        .store(!flags.dynamic_watched_files, Ordering::SeqCst);
    let init_settings = params
        .initialization_options
        .as_ref()
        .map(settings::section)
        .unwrap_or(Value::Null);
    {
        let mut state = shared.state.write();
        *state = State::new(unit, init_settings);
        #[allow(deprecated)]
        let folders: Vec<Uri> = match (&params.workspace_folders, &params.root_uri) {
            (Some(folders), _) if !folders.is_empty() => {
                folders.iter().map(|f| f.uri.clone()).collect()
            }
            (_, Some(root)) => vec![root.clone()],
            _ => Vec::new(),
        };
        for uri in &folders {
            state.add_workspace_folder(uri);
        }
    }
    tracing::info!(
        "initialize: {} folder(s), positions in {}",
        shared.state.read().folders.len(),
        encoding.as_str()
    );
    Ok(InitializeResult {
        offset_encoding: None,
        server_info: Some(ServerInfo {
            name: "studylog".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        capabilities: server_capabilities(encoding, &flags),
    })
}

pub(super) fn initialized(shared: &Arc<Shared>) {
    let shared = shared.clone();
    diagnostics_worker::start(&shared);
    spawn_supervised(&shared, "disk worker", disk_worker, rescan_everything);
    spawn_supervised(&shared, "midnight watch", midnight_watch, |shared| {
        // The failed watch may have missed a new day: the diagnostics
        // worker compares the date with the one it last checked against.
        shared.dirty.notify_one();
    });
    tokio::spawn(async move { startup(shared).await });
}

pub(super) fn shutdown(shared: &Shared) {
    shared.shutdown.store(true, Ordering::SeqCst);
    // A workspace pull held open answers now.
    shared.pulls.wake();
    if let Some(watcher) = lock(&shared.watcher).take() {
        drop(watcher);
    }
}
