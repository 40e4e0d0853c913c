//! Bringing journals in: what happens after `initialized` (file watching,
//! the client's settings, the first index), and walking folders from disk
//! with `$/progress`.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::Value;
use tower_lsp_server::ls_types::notification::Progress as ProgressNotification;
use tower_lsp_server::ls_types::*;

use super::config::SETTINGS_SECTION;
use super::disk::{self, DiskText};
use super::shared::Shared;
use super::state::{FolderId, FolderKind};
use super::state_lock::lock;
use super::stats_signal;
use super::supervise::{Worker, panic_message};
use super::watch::FolderWatcher;
use crate::config::CONFIG_FILE;

/// How long the server waits for the client to answer
/// `workspace/configuration` at start before indexing with what it has.
const CONFIG_TIMEOUT: Duration = Duration::from_secs(3);

/// How many times a folder's scan is tried before the folder is given up
/// (until the next restart) and the user told.
const INDEX_ATTEMPTS: u32 = 3;

/// The rest between two tries of a folder's scan.
const INDEX_RETRY_DELAY: Duration = Duration::from_millis(100);

/// After `initialized`: watch files, ask for settings, index every folder.
pub(super) async fn startup(shared: Arc<Shared>) {
    let flags = shared.flags();
    let ids: Vec<FolderId> = shared.state.read().workspace_folder_ids();
    if flags.dynamic_watched_files {
        register_watchers(&shared).await;
    } else {
        watch_folders(&shared, &ids);
    }
    fetch_configuration(&shared).await;
    index_folders(&shared, ids, true).await;
}

async fn register_watchers(shared: &Arc<Shared>) {
    let watchers: Vec<FileSystemWatcher> = ["**/*.md", "**/*.markdown", "**/studylog.toml"]
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.to_string()),
            kind: None,
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let registration = Registration {
        id: "studylog-watched-files".to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(options).ok(),
    };
    if let Err(e) = shared.client.register_capability(vec![registration]).await {
        tracing::warn!("client refused file watching ({e}); watching the folders ourselves");
        shared.own_watcher.store(true, Ordering::SeqCst);
        let ids: Vec<FolderId> = shared.state.read().folders.iter().map(|f| f.id).collect();
        watch_folders(shared, &ids);
    }
}

/// Starts (or extends) our own watcher over these folders, when the client
/// does not watch files for us.
pub(super) fn watch_folders(shared: &Arc<Shared>, ids: &[FolderId]) {
    if !shared.own_watcher.load(Ordering::SeqCst) {
        return;
    }
    let roots: Vec<PathBuf> = {
        let state = shared.state.read();
        ids.iter()
            .filter_map(|id| state.folder(*id))
            .filter(|f| f.kind == FolderKind::Workspace)
            .map(|f| f.root.clone())
            .collect()
    };
    let mut slot = lock(&shared.watcher);
    if slot.is_none() {
        match FolderWatcher::start(shared.disk_changes.clone()) {
            Ok(watcher) => *slot = Some(watcher),
            Err(e) => {
                tracing::warn!("cannot watch files: {e}");
                return;
            }
        }
    }
    if let Some(watcher) = slot.as_mut() {
        for root in roots {
            watcher.watch(&root);
        }
    }
}

/// Asks the client for the `studylog` settings, globally and per folder,
/// and applies them. Waits at most [`CONFIG_TIMEOUT`].
pub(super) async fn fetch_configuration(shared: &Arc<Shared>) {
    if !shared.flags().configuration {
        return;
    }
    let folders: Vec<(FolderId, Uri)> = shared
        .state
        .read()
        .folders
        .iter()
        .filter(|f| f.kind == FolderKind::Workspace)
        .map(|f| (f.id, f.uri.clone()))
        .collect();
    let mut items = vec![ConfigurationItem {
        scope_uri: None,
        section: Some(SETTINGS_SECTION.to_string()),
    }];
    items.extend(folders.iter().map(|(_, uri)| ConfigurationItem {
        scope_uri: Some(uri.clone()),
        section: Some(SETTINGS_SECTION.to_string()),
    }));
    let answer = tokio::time::timeout(CONFIG_TIMEOUT, shared.client.configuration(items)).await;
    let values = match answer {
        Ok(Ok(values)) => values,
        Ok(Err(e)) => {
            tracing::warn!("workspace/configuration failed: {e}");
            return;
        }
        Err(_) => {
            tracing::warn!("the client did not answer workspace/configuration");
            return;
        }
    };
    let effects = {
        let mut state = shared.state.write();
        // An empty answer (a client with nothing configured) keeps what
        // `initializationOptions` said.
        let given = |v: &Value| matches!(v, Value::Object(m) if !m.is_empty());
        let mut values = values.into_iter();
        if let Some(global) = values.next() {
            if given(&global) {
                state.settings = global;
            }
        }
        for ((id, _), value) in folders.iter().zip(values) {
            state.set_scoped_settings(*id, given(&value).then_some(value));
        }
        state.reconfigure_all()
    };
    shared.effects(effects);
    shared.refresh_inlay_hints();
}

/// Walks folders from disk and installs what was found, reporting
/// `$/progress` when the client shows it (and `with_progress` is asked).
pub(super) async fn index_folders(shared: &Arc<Shared>, ids: Vec<FolderId>, with_progress: bool) {
    if ids.is_empty() {
        return;
    }
    let token = if with_progress && shared.flags().work_done_progress {
        let n = shared.progress_tokens.fetch_add(1, Ordering::SeqCst);
        let token = ProgressToken::String(format!("studylog/index/{n}"));
        match shared.client.create_work_done_progress(token.clone()).await {
            Ok(()) => Some(token),
            Err(e) => {
                tracing::debug!("no progress shown: {e}");
                None
            }
        }
    } else {
        None
    };
    let total = ids.len();
    if let Some(token) = &token {
        progress(
            shared,
            token,
            WorkDoneProgress::Begin(WorkDoneProgressBegin {
                title: "studylog: indexing the journal".to_string(),
                cancellable: Some(false),
                message: Some(format!("0/{total} folders")),
                percentage: Some(0),
            }),
        )
        .await;
    }
    let mut files = 0;
    let mut indexed = Vec::with_capacity(total);
    for (done, id) in ids.into_iter().enumerate() {
        let root: PathBuf = match shared.state.read().folder(id) {
            Some(f) => f.root.clone(),
            None => continue,
        };
        let scanned = scan_with_retries(shared, &root).await;
        match scanned {
            Ok((Ok((ws, skipped)), config)) => {
                for skip in skipped {
                    tracing::info!("skipped {}: {}", skip.path.display(), skip.reason);
                }
                files += ws.files().count();
                let effects = shared.state.write().install_scan(id, ws, config);
                shared.effects(effects);
                indexed.push(id);
                // Never a silent zero: once, when the folder has markdown but
                // no (or too few) recognised entries.
                let notice = shared.state.write().take_notice(id);
                if let Some(message) = notice {
                    shared
                        .client
                        .show_message(MessageType::INFO, format!("studylog: {message}"))
                        .await;
                }
            }
            Ok((Err(e), _)) => {
                tracing::warn!("cannot index folder: {e}");
                let effects = shared
                    .state
                    .write()
                    .install_scan(id, Default::default(), None);
                shared.effects(effects);
            }
            Err(failure) => {
                // The folder still gets its open documents checked; the
                // next change on disk or a restart tries again.
                tracing::error!("indexing {} failed: {failure}", root.display());
                shared
                    .client
                    .show_message(
                        MessageType::ERROR,
                        format!(
                            "studylog: could not index {} ({failure}); only open files are checked. Restart the server to try again.",
                            root.display()
                        ),
                    )
                    .await;
                let effects = shared
                    .state
                    .write()
                    .install_scan(id, Default::default(), None);
                shared.effects(effects);
            }
        }
        if let Some(token) = &token {
            let done = done + 1;
            progress(
                shared,
                token,
                WorkDoneProgress::Report(WorkDoneProgressReport {
                    cancellable: Some(false),
                    message: Some(format!("{done}/{total} folders, {files} files")),
                    percentage: Some((done * 100 / total) as u32),
                }),
            )
            .await;
        }
    }
    stats_signal::signal_changed(shared, indexed).await;
    if let Some(token) = &token {
        progress(
            shared,
            token,
            WorkDoneProgress::End(WorkDoneProgressEnd {
                message: Some(format!("{files} files indexed")),
            }),
        )
        .await;
    }
}

/// What scanning a folder gives: the journal and the files skipped, or why
/// the folder could not be read, and its `studylog.toml` text.
type Scanned = (
    Result<(crate::journal::Journal, Vec<crate::scan::SkippedFile>), crate::scan::LoadError>,
    Option<Arc<str>>,
);

/// Scans a folder off the async threads, trying again (after a short rest)
/// when the scan fails unexpectedly (a panic on some file): one failure
/// must not leave a journal unindexed. `Err` says why the last try failed.
async fn scan_with_retries(
    shared: &Arc<Shared>,
    root: &std::path::Path,
) -> std::result::Result<Scanned, String> {
    let mut last_failure = String::new();
    for attempt in 1..=INDEX_ATTEMPTS {
        let task_root = root.to_path_buf();
        let task_shared = shared.clone();
        let scanned = tokio::task::spawn_blocking(move || {
            task_shared.faults.fail_if_asked(Worker::Indexing);
            let config = match disk::read_text(&task_root.join(CONFIG_FILE)) {
                DiskText::Text(text) => Some(Arc::<str>::from(text)),
                _ => None,
            };
            (crate::scan::load_workspace(&task_root), config)
        })
        .await;
        match scanned {
            Ok(scanned) => return Ok(scanned),
            Err(e) => {
                last_failure = if e.is_panic() {
                    panic_message(&*e.into_panic())
                } else {
                    e.to_string()
                };
                tracing::warn!(
                    "indexing {} failed (try {attempt} of {INDEX_ATTEMPTS}): {last_failure}",
                    root.display()
                );
                tokio::time::sleep(INDEX_RETRY_DELAY).await;
            }
        }
    }
    Err(last_failure)
}

async fn progress(shared: &Shared, token: &ProgressToken, value: WorkDoneProgress) {
    shared
        .client
        .send_notification::<ProgressNotification>(ProgressParams {
            token: token.clone(),
            value: ProgressParamsValue::WorkDone(value),
        })
        .await;
}
