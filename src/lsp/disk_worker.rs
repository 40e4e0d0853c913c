//! The disk worker: applies files changed by other programs (reported by
//! the client's watcher or ours), re-reading each path off the async
//! threads.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

use super::disk::{self, DiskText};
use super::indexing::index_folders;
use super::shared::Shared;
use super::state::{Effects, FolderId};
use super::state_lock::lock;
use super::supervise::Worker;
use crate::config::CONFIG_FILE;

/// Paths changed on disk and not yet applied. A set, not a channel: a burst
/// of watcher events (a `git checkout`, a sync tool) coalesces into one
/// entry per path however long the worker is busy, so the queue is bounded
/// by the journal's size.
#[derive(Debug, Default)]
pub(super) struct DiskQueue {
    paths: Mutex<BTreeSet<PathBuf>>,
    ready: Notify,
}

impl DiskQueue {
    /// Queues changed paths and wakes the worker (from any thread: the
    /// file watcher's callbacks run on its own).
    pub(super) fn push(&self, paths: impl IntoIterator<Item = PathBuf>) {
        let mut queued = lock(&self.paths);
        let before = queued.len();
        queued.extend(paths);
        let added = queued.len() != before;
        drop(queued);
        if added {
            self.ready.notify_one();
        }
    }

    /// Everything queued, in path order, leaving the queue empty.
    fn take(&self) -> Vec<PathBuf> {
        std::mem::take(&mut *lock(&self.paths))
            .into_iter()
            .collect()
    }
}

/// Applies files changed on disk: re-reads each path (or walks a new
/// folder) off the async threads, then updates the journals.
pub(super) async fn disk_worker(shared: Arc<Shared>) {
    loop {
        shared.disk_changes.ready.notified().await;
        let paths = shared.disk_changes.take();
        if paths.is_empty() {
            continue;
        }
        shared.faults.fail_if_asked(Worker::Disk);
        // Only paths some journal cares about: markdown files, config files,
        // and folders (created or deleted ones), outside hidden folders.
        let paths: Vec<PathBuf> = {
            let state = shared.state.read();
            paths
                .into_iter()
                .filter(|p| match state.locate(p) {
                    Some((_, rel)) => !rel
                        .split('/')
                        .any(|part| part.starts_with('.') || part == "node_modules"),
                    None => false,
                })
                .collect()
        };
        if paths.is_empty() {
            continue;
        }
        let count = paths.len();
        let read = tokio::task::spawn_blocking(move || {
            paths.into_iter().map(read_change).collect::<Vec<_>>()
        })
        .await;
        let changes = match read {
            Ok(changes) => changes,
            Err(e) => {
                // What those paths hold now is unknown: read every journal
                // again rather than keep a stale copy.
                tracing::error!(
                    "reading {count} changed path(s) failed ({e}); reading the journals again"
                );
                rescan_everything(&shared);
                continue;
            }
        };
        let mut effects = Effects::default();
        {
            let mut state = shared.state.write();
            for change in changes {
                for (path, disk) in change {
                    let e = match disk {
                        DiskText::Missing => {
                            let mut e = state.remove_under(&path);
                            e.merge(state.apply_disk(&path, DiskText::Missing));
                            e
                        }
                        disk => state.apply_disk(&path, disk),
                    };
                    effects.merge(e);
                }
            }
        }
        shared.effects(effects);
    }
}

/// After the disk worker failed: the changes it was applying are lost, so
/// every journal is read again from the disk (with the open documents' text
/// over it), which also puts right a journal a failure left half-updated.
pub(super) fn rescan_everything(shared: &Arc<Shared>) {
    let ids: Vec<FolderId> = shared.state.read().workspace_folder_ids();
    let shared = shared.clone();
    tokio::spawn(async move { index_folders(&shared, ids, false).await });
}

/// What the disk holds at a changed path: the file, every journal file of a
/// folder that appeared, or nothing.
fn read_change(path: PathBuf) -> Vec<(PathBuf, DiskText)> {
    if path.is_dir() {
        let mut out = Vec::new();
        let walk = ignore::WalkBuilder::new(&path).require_git(false).build();
        for entry in walk.flatten() {
            let p = entry.path();
            let name = p.to_string_lossy();
            if p.is_file() && (disk::is_markdown(&name) || name.ends_with(CONFIG_FILE)) {
                out.push((p.to_path_buf(), disk::read_text(p)));
            }
        }
        return out;
    }
    let name = path.to_string_lossy();
    let relevant = disk::is_markdown(&name) || name.ends_with(CONFIG_FILE) || !path.exists();
    if !relevant {
        return Vec::new();
    }
    let text = disk::read_text(&path);
    vec![(path, text)]
}
