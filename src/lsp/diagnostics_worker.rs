//! The diagnostics worker: publishes diagnostics whenever a journal
//! changed, edited open documents first, the other files in small batches
//! with the state lock released in between. It runs on its own OS thread
//! (the checks are CPU-bound and must never hold a tokio worker thread)
//! and hands what it sends to the client to an async task over a bounded
//! channel.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tokio::sync::mpsc;
use tower_lsp_server::ls_types::{PublishDiagnosticsParams, Uri};

use super::diagnostics::{FileReport, Publisher};
use super::pull::{diagnostics_changed, reports_now};
use super::shared::Shared;
use super::state::{FolderId, State};
use super::state_lock::lock;
use super::stats_signal;
use super::supervise::{Worker, spawn_supervised_thread};
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

/// How many messages wait for the async side at most: past that the
/// worker's thread waits (never a tokio thread), so a client that reads
/// slowly holds the worker back instead of growing the queue.
const OUTBOX_CAPACITY: usize = 1024;

/// Diagnostics work queued by state changes, taken by the worker.
#[derive(Debug, Default)]
pub(super) struct Pending {
    /// Open documents that were edited: their own diagnostics go out first.
    pub(super) edited: Vec<(FolderId, String)>,
    /// Files to re-check per journal (merged: a newer edit adds to, and an
    /// `all` absorbs, what is still waiting).
    pub(super) scopes: HashMap<FolderId, Scope>,
}

/// What the worker's thread hands to the async side, sent in this order.
enum Outgoing {
    /// `textDocument/publishDiagnostics` (push clients only).
    Publish(PublishDiagnosticsParams),
    /// Diagnostics changed for a pull client: held workspace pulls wake,
    /// and a coalesced `workspace/diagnostic/refresh` goes out
    /// ([`diagnostics_changed`]).
    DiagnosticsChanged,
    /// `studylog/statsChanged` for these journal roots.
    StatsChanged(Vec<Uri>),
}

/// The async side is gone (the server ended): the worker ends too.
#[derive(Debug)]
struct Gone;

/// The worker's end of the channel to the async side. Each message counts
/// in `shared.diagnostics_unsent` until it is sent, so that "settled"
/// means sent, not only computed.
struct Outbox {
    sender: mpsc::Sender<Outgoing>,
}

impl Outbox {
    /// Queues a message, waiting (this thread only) while the queue is full.
    fn send(&self, shared: &Shared, message: Outgoing) -> Result<(), Gone> {
        shared.diagnostics_unsent.fetch_add(1, Ordering::SeqCst);
        self.sender.blocking_send(message).map_err(|_| {
            shared.diagnostics_unsent.fetch_sub(1, Ordering::SeqCst);
            Gone
        })
    }

    /// Sends what the publisher found changed (to a push client; a pull
    /// client asks instead). True when anything changed.
    fn publish(
        &self,
        shared: &Shared,
        push: bool,
        sent: Vec<PublishDiagnosticsParams>,
    ) -> Result<bool, Gone> {
        let changed = !sent.is_empty();
        if push {
            for params in sent {
                self.send(shared, Outgoing::Publish(params))?;
            }
        }
        Ok(changed)
    }

    /// Checks `paths` of a journal under the shared lock (one batch),
    /// records the reports as what the client holds, and sends those that
    /// changed. True when any did.
    fn check(
        &self,
        shared: &Shared,
        push: bool,
        id: FolderId,
        paths: &[String],
        today: jiff::civil::Date,
    ) -> Result<bool, Gone> {
        let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
        let reports: Option<Vec<FileReport>> = shared
            .state
            .read_batch(|state| reports_now(shared, state, id, &refs, today, true));
        let Some(reports) = reports else {
            return Ok(false);
        };
        let sent = lock(&shared.publisher).update(id, reports);
        self.publish(shared, push, sent)
    }
}

/// Starts the diagnostics worker on its own thread, supervised (a panic
/// is logged, and the worker starts again on every journal), and the task
/// that sends what it hands over. When that task ends (the runtime shuts
/// down), the thread is woken for good and ends.
pub(super) fn start(shared: &Arc<Shared>) {
    let (sender, receiver) = mpsc::channel(OUTBOX_CAPACITY);
    tokio::spawn(deliver(shared.clone(), receiver));
    let outbox = Outbox { sender };
    spawn_supervised_thread(
        shared,
        "diagnostics worker",
        move |shared| {
            if run(shared, &outbox).is_err() {
                tracing::debug!("the diagnostics worker ends with the server");
            }
        },
        check_everything_again,
    );
}

/// The async side: sends what the worker handed over, in order.
async fn deliver(shared: Arc<Shared>, mut receiver: mpsc::Receiver<Outgoing>) {
    let _closes = CloseWakeupOnDrop(shared.clone());
    while let Some(message) = receiver.recv().await {
        match message {
            Outgoing::Publish(params) => {
                shared
                    .client
                    .publish_diagnostics(params.uri, params.diagnostics, params.version)
                    .await;
            }
            Outgoing::DiagnosticsChanged => diagnostics_changed(&shared),
            Outgoing::StatsChanged(roots) => stats_signal::send(&shared, roots).await,
        }
        shared.diagnostics_unsent.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Ends the worker's waits when the delivering task goes (it is dropped
/// with the runtime), so the thread does not outlive the server.
struct CloseWakeupOnDrop(Arc<Shared>);

impl Drop for CloseWakeupOnDrop {
    fn drop(&mut self) {
        self.0.dirty.close();
    }
}

/// Publishes diagnostics whenever a journal changed. Edited open documents
/// come first, each checked on its own against the journal as it is now and
/// published with its version; then, in batches of [`BATCH_FILES`] (or
/// [`BATCH_BYTES`]), each under the shared lock released fairly (a waiting
/// handler goes before the next batch), the other files whose facts moved
/// (see [`crate::impact`]). Work queued meanwhile merges into what waits,
/// and a newer edit's document goes ahead of the remaining batches, so a
/// burst of keystrokes never queues whole-journal passes behind each other.
/// Only files whose diagnostics changed are sent.
fn run(shared: &Arc<Shared>, outbox: &Outbox) -> Result<(), Gone> {
    // Files still to re-check, per journal.
    let mut queues: HashMap<FolderId, Queue> = HashMap::new();
    let mut last_today = shared.today();
    while shared.dirty.wait() {
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
            let any_removed = shared.state.read_batch(|state| !state.removed.is_empty());
            let removed = if any_removed {
                std::mem::take(&mut shared.state.write().removed)
            } else {
                Vec::new()
            };
            for id in removed {
                touched.remove(&id);
                stats_signal::forget(shared, id);
                queues.remove(&id);
                lock(&shared.pending).scopes.remove(&id);
                let sent = lock(&shared.publisher).forget(id);
                changed |= outbox.publish(shared, push, sent)?;
            }
            // A new day moves future dates and missed days everywhere.
            let today = shared.today();
            if today != last_today {
                last_today = today;
                let ids: Vec<FolderId> = shared
                    .state
                    .read_batch(|state| state.folders.iter().map(|f| f.id).collect());
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
                changed |= outbox.check(shared, push, id, &[path], today)?;
            }
            // Open documents before the rest of what the change reaches:
            // the files on screen show their diagnostics first, however
            // many others are due (after indexing, a config change).
            let mut open_first = Vec::new();
            for (id, scope) in scopes {
                let queue = queues.entry(id).or_default();
                expand(&lock(&shared.publisher), id, scope, queue);
                let open = open_paths(shared, id);
                let due = queue.take_open(&open);
                if !due.is_empty() {
                    open_first.push((id, due));
                }
            }
            for (id, paths) in open_first {
                changed |= outbox.check(shared, push, id, &paths, today)?;
            }
            // A pull client re-pulls at once for the files on screen; for
            // the background batches it waits for the burst's end, so a
            // whole-journal pass is one refresh, not one per batch.
            if changed && !push {
                outbox.send(shared, Outgoing::DiagnosticsChanged)?;
            }
            // One batch of background work, then look for newer edits.
            let batch = queues
                .iter_mut()
                .find(|(_, q)| !q.is_empty())
                .map(|(id, q)| (*id, next_batch(shared, *id, q)));
            queues.retain(|_, q| !q.is_empty());
            if let Some((id, paths)) = batch {
                batches_changed |= outbox.check(shared, push, id, &paths, today)?;
            }
            if queues.is_empty()
                && lock(&shared.pending).edited.is_empty()
                && lock(&shared.pending).scopes.is_empty()
            {
                if batches_changed && !push {
                    outbox.send(shared, Outgoing::DiagnosticsChanged)?;
                }
                let roots = stats_signal::changed_roots(shared, touched.drain());
                if !roots.is_empty() {
                    outbox.send(shared, Outgoing::StatsChanged(roots))?;
                }
                shared.diagnostics_busy.store(false, Ordering::SeqCst);
                break;
            }
            // Offer the processor between batches: the pass is CPU-bound,
            // and where the cores are busy the handler thread that a batch
            // kept waiting (or a request's) otherwise waits for the
            // scheduler to preempt this thread. Pinned to one core at 10k
            // notes, the completion p99 was 7.5-13 ms without this, 1.9-6.9
            // ms with it.
            std::thread::yield_now();
        }
    }
    Ok(())
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
        .read_batch(|state| state.open_in(id).into_keys().collect());
    open.sort();
    open
}

/// Takes up to [`BATCH_FILES`] paths, or [`BATCH_BYTES`] of their text,
/// off a queue: the whole-journal pass's next files first, then the other
/// paths. Always at least one path, however large.
fn next_batch(shared: &Shared, id: FolderId, queue: &mut Queue) -> Vec<String> {
    shared
        .state
        .read_batch(|state| next_batch_in(state, id, queue))
}

fn next_batch_in(state: &State, id: FolderId, queue: &mut Queue) -> Vec<String> {
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
