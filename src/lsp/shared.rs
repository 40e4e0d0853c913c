//! What the handlers and the background tasks share: the state behind its
//! lock, the client, the queue of diagnostics work and the channel of disk
//! changes, and how a state change's effects reach the workers.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tower_lsp_server::Client;

use super::capabilities::ClientFlags;
use super::clock::Clock;
use super::diagnostics::Publisher;
use super::diagnostics_worker::Pending;
use super::disk_worker::DiskQueue;
use super::indexing::index_folders;
use super::last_checked::LastChecked;
use super::pull::{PullRefresh, WorkspacePulls};
use super::state::{Effects, FolderId};
use super::state_lock::{StateLock, Wakeup, lock};
use super::supervise::Faults;
use super::watch::FolderWatcher;

/// How long a burst of journal changes may run before the client is asked
/// to refresh its inlay hints: a typing pause is longer, a client's own
/// re-request after an edit is about as long.
const INLAY_REFRESH_DELAY: Duration = Duration::from_millis(200);

/// Everything the handlers and the background tasks share.
pub(super) struct Shared {
    pub(super) client: Client,
    pub(super) state: StateLock,
    pub(super) flags: OnceLock<ClientFlags>,
    /// Signalled whenever a journal changed and diagnostics are due (the
    /// diagnostics worker's thread waits on it).
    pub(super) dirty: Wakeup,
    /// Diagnostics work not yet done: edited open documents first, then the
    /// files whose facts moved, per journal.
    pub(super) pending: Mutex<Pending>,
    /// Paths that changed on disk, from the client's watcher or ours.
    pub(super) disk_changes: Arc<DiskQueue>,
    pub(super) watcher: Mutex<Option<FolderWatcher>>,
    /// True when the server watches the folders itself: the client cannot
    /// register file watching, or refused it.
    pub(super) own_watcher: AtomicBool,
    pub(super) shutdown: AtomicBool,
    /// True while a coalesced `workspace/inlayHint/refresh` waits to be sent.
    pub(super) inlay_refresh_pending: AtomicBool,
    /// True while the diagnostics worker has work in hand (tests wait for
    /// it to be done).
    pub(super) diagnostics_busy: AtomicBool,
    /// Messages the diagnostics worker handed over and the async side has
    /// not sent yet (tests wait for none).
    pub(super) diagnostics_unsent: AtomicUsize,
    pub(super) progress_tokens: AtomicU64,
    /// Where "today" comes from: a fixed date (tests, `STUDYLOG_TODAY`),
    /// else the local clock at each use.
    pub(super) clock: Clock,
    /// The stats digest last signalled per journal ([`super::stats_signal`]).
    pub(super) stats_sent: Mutex<HashMap<FolderId, u64>>,
    /// What the client holds (kept here, so a restarted diagnostics
    /// worker still knows which files to clear).
    pub(super) publisher: Mutex<Publisher>,
    /// The open documents' diagnostics as last checked, for code actions.
    pub(super) last_checked: Mutex<LastChecked>,
    /// How many code actions checked their file instead of finding its
    /// diagnostics in `last_checked` (tests read it).
    pub(super) code_action_checks: AtomicU64,
    /// Failures a test asked for (never set otherwise).
    pub(super) faults: Faults,
    /// Workspace pulls in flight: what wakes one held open.
    pub(super) pulls: WorkspacePulls,
    /// `workspace/diagnostic/refresh` requests, coalesced.
    pub(super) pull_refresh: Mutex<PullRefresh>,
}

impl Shared {
    pub(super) fn new(client: Client, today: Option<jiff::civil::Date>) -> Self {
        Shared {
            client,
            state: StateLock::new(),
            flags: OnceLock::new(),
            dirty: Wakeup::default(),
            pending: Mutex::new(Pending::default()),
            disk_changes: Arc::new(DiskQueue::default()),
            watcher: Mutex::new(None),
            own_watcher: AtomicBool::new(false),
            shutdown: AtomicBool::new(false),
            inlay_refresh_pending: AtomicBool::new(false),
            diagnostics_busy: AtomicBool::new(false),
            diagnostics_unsent: AtomicUsize::new(0),
            progress_tokens: AtomicU64::new(0),
            clock: Clock::new(today),
            stats_sent: Mutex::new(HashMap::new()),
            publisher: Mutex::new(Publisher::default()),
            last_checked: Mutex::new(LastChecked::default()),
            code_action_checks: AtomicU64::new(0),
            faults: Faults::default(),
            pulls: WorkspacePulls::default(),
            pull_refresh: Mutex::new(PullRefresh::default()),
        }
    }

    pub(super) fn flags(&self) -> ClientFlags {
        self.flags.get().cloned().unwrap_or_default()
    }

    pub(super) fn today(&self) -> jiff::civil::Date {
        self.clock.today()
    }

    /// Asks the client to re-request inlay hints (after a config change:
    /// they may have been switched off, or count differently).
    pub(super) fn refresh_inlay_hints(&self) {
        if !self.flags().inlay_hint_refresh {
            return;
        }
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(e) = client.inlay_hint_refresh().await {
                tracing::debug!("workspace/inlayHint/refresh: {e}");
            }
        });
    }

    /// After a journal changed (an edit, a file written or removed on disk):
    /// the day totals and streaks in the hints of every open note may read
    /// differently, and clients re-request hints only for the document they
    /// edited. One refresh per burst of changes, [`INLAY_REFRESH_DELAY`]
    /// after its first change.
    pub(super) fn refresh_inlay_hints_soon(self: &Arc<Self>) {
        if !self.flags().inlay_hint_refresh
            || self.inlay_refresh_pending.swap(true, Ordering::AcqRel)
        {
            return;
        }
        let shared = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(INLAY_REFRESH_DELAY).await;
            shared.inlay_refresh_pending.store(false, Ordering::Release);
            shared.refresh_inlay_hints();
        });
    }

    /// Acts on what a state change asks for: diagnostics, rescans, hints.
    pub(super) fn effects(self: &Arc<Self>, effects: Effects) {
        if !effects.rescan.is_empty() {
            let shared = self.clone();
            tokio::spawn(async move { index_folders(&shared, effects.rescan, false).await });
        }
        if !effects.edited.is_empty() || !effects.scopes.is_empty() {
            let mut pending = lock(&self.pending);
            for edited in effects.edited {
                if !pending.edited.contains(&edited) {
                    pending.edited.push(edited);
                }
            }
            for (id, scope) in effects.scopes {
                pending.scopes.entry(id).or_default().merge(scope);
            }
        }
        if effects.dirty {
            self.dirty.notify_one();
            self.refresh_inlay_hints_soon();
        }
    }
}
