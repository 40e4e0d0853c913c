//! The disk worker: applies files changed by other programs (reported by
//! the client's watcher or ours), re-reading each path off the async
//! threads.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedReceiver;

use super::disk::{self, DiskText};
use super::shared::Shared;
use super::state::Effects;
use crate::config::CONFIG_FILE;

/// Applies files changed on disk: re-reads each path (or walks a new
/// folder) off the async threads, then updates the journals.
pub(super) async fn disk_worker(
    shared: Arc<Shared>,
    mut receiver: UnboundedReceiver<Vec<PathBuf>>,
) {
    while let Some(mut paths) = receiver.recv().await {
        while let Ok(more) = receiver.try_recv() {
            paths.extend(more);
        }
        paths.sort();
        paths.dedup();
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
        let read = tokio::task::spawn_blocking(move || {
            paths.into_iter().map(read_change).collect::<Vec<_>>()
        })
        .await;
        let Ok(changes) = read else {
            continue;
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
