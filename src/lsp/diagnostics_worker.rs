//! The diagnostics worker: publishes diagnostics whenever a journal
//! changed, edited open documents first, the other files in small batches
//! with the state lock released in between.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tower_lsp_server::ls_types::PublishDiagnosticsParams;

use super::diagnostics::Publisher;
use super::pull::{diagnostics_changed, reports_now};
use super::shared::Shared;
use super::state::FolderId;
use super::state_lock::lock;
use super::stats_signal;
use super::supervise::Worker;
use crate::impact::Scope;

/// How many files the diagnostics worker re-checks while it holds the state
/// lock (shared), between which edits get their turn. An edit that arrives
/// during a batch waits for its end (requests read alongside): 256 files
/// cost about 10 ms at 50,000 notes and showed up as the completion p99 of
/// the first keystrokes after indexing (the first pass was still running);
/// 64 daily notes cost about 0.25 ms, and a whole 50,000-note journal is
/// still under two thousand batches, whose fixed cost (one `missed-days`
/// lookup per batch) stays small.
pub(super) const BATCH_FILES: usize = 64;

/// How much text a batch checks at most, as the cost of a file grows with
/// it: 64 multi-entry logs of 13 KB each took 3 ms a batch (against 0.25 ms
/// for 64 daily notes of 0.7 KB), and every keystroke typed while the first
/// pass went through them waited about that long. 64 KiB is about 0.3 ms.
pub(super) const BATCH_BYTES: usize = 64 * 1024;

/// Diagnostics work queued by state changes, taken by the worker.
#[derive(Debug, Default)]
pub(super) struct Pending {
    /// Open documents that were edited: their own diagnostics go out first.
    pub(super) edited: Vec<(FolderId, String)>,
    /// Files to re-check per journal (merged: a newer edit adds to, and an
    /// `all` absorbs, what is still waiting).
    pub(super) scopes: HashMap<FolderId, Scope>,
}

/// Publishes diagnostics whenever a journal changed. Edited open documents
/// come first, each checked on its own against the journal as it is now and
/// published with its version; then, in batches of [`BATCH_FILES`] (or
/// [`BATCH_BYTES`]) with the state lock released in between and waiting
/// handlers let in first, the other files whose facts moved (see
/// [`crate::impact`]). Work queued meanwhile merges into what waits, and
/// a newer edit's document goes ahead of the remaining batches, so a burst
/// of keystrokes never queues whole-journal passes behind each other.
/// Only files whose diagnostics changed are sent.
pub(super) async fn diagnostics_worker(shared: Arc<Shared>) {
    // Files still to re-check, per journal.
    let mut queues: HashMap<FolderId, Queue> = HashMap::new();
    let mut last_today = shared.today();
    loop {
        shared.dirty.notified().await;
        shared.diagnostics_busy.store(true, Ordering::SeqCst);
        shared.faults.fail_if_asked(Worker::Diagnostics);
        // Journals changed in this burst: their stats may have moved.
        let mut touched: HashSet<FolderId> = HashSet::new();
        // Whether the background batches of this burst changed what a pull
        // client would get: one refresh at the burst's end says so.
        let mut batches_changed = false;
        loop {
            let push = !shared.flags().pull_diagnostics;
            // Whether the files on screen (edited, open) changed.
            let mut changed = false;
            // Looked at under the shared lock: the exclusive one is taken
            // only in the rare round that has a removed folder to take.
            let any_removed = !shared.state.read_background().removed.is_empty();
            let removed = if any_removed {
                std::mem::take(&mut shared.state.write().removed)
            } else {
                Vec::new()
            };
            for id in removed {
                touched.remove(&id);
                stats_signal::forget(&shared, id);
                queues.remove(&id);
                lock(&shared.pending).scopes.remove(&id);
                let sent = lock(&shared.publisher).forget(id);
                for params in sent {
                    changed = true;
                    publish(&shared, push, params).await;
                }
            }
            // A new day moves future dates and missed days everywhere.
            let today = shared.today();
            if today != last_today {
                last_today = today;
                let ids: Vec<FolderId> = shared
                    .state
                    .read_background()
                    .folders
                    .iter()
                    .map(|f| f.id)
                    .collect();
                let mut pending = lock(&shared.pending);
                for id in ids {
                    pending.scopes.entry(id).or_default().merge(Scope::all());
                }
            }
            let (edited, scopes) = {
                let mut pending = lock(&shared.pending);
                (
                    std::mem::take(&mut pending.edited),
                    std::mem::take(&mut pending.scopes),
                )
            };
            touched.extend(edited.iter().map(|(id, _)| *id));
            touched.extend(scopes.keys().copied());
            for (id, path) in edited {
                if let Some(queue) = queues.get_mut(&id) {
                    queue.paths.remove(&path);
                }
                shared.state.background_turn().await;
                let reports = reports_now(
                    &shared,
                    &shared.state.read_background(),
                    id,
                    &[path.as_str()],
                    today,
                    true,
                );
                let Some(reports) = reports else {
                    continue;
                };
                let sent = lock(&shared.publisher).update(id, reports);
                for params in sent {
                    changed = true;
                    publish(&shared, push, params).await;
                }
            }
            // Open documents before the rest of what the change reaches:
            // the files on screen show their diagnostics first, however
            // many others are due (after indexing, a config change).
            let mut open_first = Vec::new();
            for (id, scope) in scopes {
                let queue = queues.entry(id).or_default();
                expand(&lock(&shared.publisher), id, scope, queue);
                let open = open_paths(&shared, id);
                let due = queue.take_open(&open);
                if !due.is_empty() {
                    open_first.push((id, due));
                }
            }
            for (id, paths) in open_first {
                let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
                shared.state.background_turn().await;
                let reports = reports_now(
                    &shared,
                    &shared.state.read_background(),
                    id,
                    &refs,
                    today,
                    true,
                );
                let sent = lock(&shared.publisher).update(id, reports.unwrap_or_default());
                for params in sent {
                    changed = true;
                    publish(&shared, push, params).await;
                }
            }
            // A pull client re-pulls at once for the files on screen; for
            // the background batches it waits for the burst's end, so a
            // whole-journal pass is one refresh, not one per batch.
            if changed && !push {
                diagnostics_changed(&shared);
            }
            // One batch of background work, then look for newer edits.
            shared.state.background_turn().await;
            let batch = queues
                .iter_mut()
                .find(|(_, q)| !q.is_empty())
                .map(|(id, q)| (*id, next_batch(&shared, *id, q)));
            queues.retain(|_, q| !q.is_empty());
            if let Some((id, paths)) = batch {
                let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
                shared.state.background_turn().await;
                let reports = reports_now(
                    &shared,
                    &shared.state.read_background(),
                    id,
                    &refs,
                    today,
                    true,
                );
                if let Some(reports) = reports {
                    let sent = lock(&shared.publisher).update(id, reports);
                    for params in sent {
                        batches_changed = true;
                        publish(&shared, push, params).await;
                    }
                }
            }
            if queues.is_empty()
                && lock(&shared.pending).edited.is_empty()
                && lock(&shared.pending).scopes.is_empty()
            {
                if batches_changed && !push {
                    diagnostics_changed(&shared);
                }
                stats_signal::signal_changed(&shared, touched.drain()).await;
                shared.diagnostics_busy.store(false, Ordering::SeqCst);
                break;
            }
            // Give the processor up, not only this task's turn: the pass is
            // CPU-bound, and where the cores are busy the handler thread it
            // woke (by taking the lock, or a keystroke's read that let it
            // in) otherwise waits for the scheduler to preempt the worker,
            // a slice of several ms. Pinned to one core at 50,000 notes
            // this made the completion p99 about 4.5 ms instead of 1.
            std::thread::yield_now();
            tokio::task::yield_now().await;
        }
    }
}

/// After the worker restarted: what it was doing is lost, so every journal
/// is checked again (and what waits in `pending` is still there).
pub(super) fn check_everything_again(shared: &Arc<Shared>) {
    let ids: Vec<FolderId> = shared.state.read().folders.iter().map(|f| f.id).collect();
    let mut pending = lock(&shared.pending);
    for id in ids {
        pending.scopes.entry(id).or_default().merge(Scope::all());
    }
    drop(pending);
    shared.dirty.notify_one();
}

/// Files still to re-check in one journal.
#[derive(Default)]
struct Queue {
    /// A whole-journal pass in progress: every file from this path on, in
    /// path order. A cursor rather than 50,000 queued path strings.
    all_from: Option<String>,
    /// Other paths, also ones the journal no longer holds (the config, files
    /// that are gone).
    paths: std::collections::BTreeSet<String>,
}

impl Queue {
    fn is_empty(&self) -> bool {
        self.all_from.is_none() && self.paths.is_empty()
    }

    /// The paths of `open` this queue is due to check, taken off it to be
    /// checked ahead of the rest. A whole-journal pass covers them all and
    /// keeps its cursor (it meets them again, finds them unchanged and
    /// publishes nothing).
    fn take_open(&mut self, open: &[String]) -> Vec<String> {
        let whole = self.all_from.is_some();
        open.iter()
            .filter(|path| self.paths.remove(path.as_str()) || whole)
            .cloned()
            .collect()
    }
}

/// The journal-relative paths of a journal's open documents, sorted.
fn open_paths(shared: &Shared, id: FolderId) -> Vec<String> {
    let mut open: Vec<String> = shared
        .state
        .read_background()
        .open_in(id)
        .into_keys()
        .collect();
    open.sort();
    open
}

/// Takes up to [`BATCH_FILES`] paths, or [`BATCH_BYTES`] of their text,
/// off a queue: the whole-journal pass's next files first, then the other
/// paths. Always at least one path, however large.
fn next_batch(shared: &Shared, id: FolderId, queue: &mut Queue) -> Vec<String> {
    let state = shared.state.read_background();
    let ws = state.folder(id).map(|f| &f.ws);
    let mut paths = Vec::with_capacity(BATCH_FILES);
    let mut bytes = 0;
    let full =
        |paths: &Vec<String>, bytes: usize| paths.len() >= BATCH_FILES || bytes >= BATCH_BYTES;
    if let (Some(from), Some(ws)) = (queue.all_from.take(), ws) {
        let mut files = ws.files_from(&from);
        for file in files.by_ref() {
            queue.paths.remove(&file.path);
            bytes += file.text.len();
            paths.push(file.path.clone());
            if full(&paths, bytes) {
                break;
            }
        }
        queue.all_from = files.next().map(|f| f.path.clone());
    }
    while !full(&paths, bytes) {
        let Some(path) = queue.paths.pop_first() else {
            break;
        };
        bytes += ws.and_then(|ws| ws.file(&path)).map_or(0, |f| f.text.len());
        paths.push(path);
    }
    paths
}

/// Turns a scope into paths to re-check: every file of the journal (from
/// the start, by cursor) plus the files the client holds diagnostics for
/// (they may be gone) for `all`, and the files holding an `unknown-topic`
/// when the known topics changed.
fn expand(publisher: &Publisher, id: FolderId, scope: Scope, queue: &mut Queue) {
    if scope.all {
        queue.all_from = Some(String::new());
        queue.paths.insert(crate::config::CONFIG_FILE.to_string());
        queue.paths.extend(publisher.paths(id));
        return;
    }
    if scope.unknown_topic_holders {
        queue.paths.extend(publisher.unknown_topic_paths(id));
    }
    queue.paths.extend(scope.paths);
}

async fn publish(shared: &Shared, push: bool, params: PublishDiagnosticsParams) {
    if push {
        shared
            .client
            .publish_diagnostics(params.uri, params.diagnostics, params.version)
            .await;
    }
}
