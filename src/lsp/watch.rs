//! Watching the journal folders ourselves, for clients that cannot register
//! `workspace/didChangeWatchedFiles` (Neovim on Linux): `notify` with the
//! full debouncer, reporting the paths that changed. What changed is decided
//! by looking at the disk afterwards, so creates, edits, deletes and renames
//! all come down to "re-read these paths".

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::disk_worker::DiskQueue;

/// How long the debouncer waits for a burst of events (a `git pull`, a sync
/// tool writing many files) to settle. Short enough that a change shows in
/// the editor well within a second, long enough to merge a save's
/// truncate-then-write into one event.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// A running watcher over some folders; stops when dropped.
pub struct FolderWatcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

impl FolderWatcher {
    /// Starts a watcher that queues every batch of changed paths on `changes`.
    pub(super) fn start(changes: Arc<DiskQueue>) -> Result<Self, String> {
        let debouncer =
            new_debouncer(
                DEBOUNCE,
                None,
                move |result: DebounceEventResult| match result {
                    Ok(events) => {
                        let mut paths: Vec<PathBuf> = Vec::new();
                        for event in events {
                            if event.kind.is_access() {
                                continue;
                            }
                            for path in &event.paths {
                                if !paths.contains(path) {
                                    paths.push(path.clone());
                                }
                            }
                        }
                        changes.push(paths);
                    }
                    Err(errors) => {
                        for error in errors {
                            tracing::warn!("file watcher: {error}");
                        }
                    }
                },
            )
            .map_err(|e| e.to_string())?;
        Ok(FolderWatcher { debouncer })
    }

    pub fn watch(&mut self, root: &Path) {
        if let Err(e) = self.debouncer.watch(root, RecursiveMode::Recursive) {
            tracing::warn!("cannot watch {}: {e}", root.display());
        }
    }

    pub fn unwatch(&mut self, root: &Path) {
        if let Err(e) = self.debouncer.unwatch(root) {
            tracing::debug!("cannot unwatch {}: {e}", root.display());
        }
    }
}
