//! What the handlers and the background tasks share: the state behind its
//! lock, the client, the queue of diagnostics work and the channel of disk
//! changes, and how a state change's effects reach the workers.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, OnceLock};

use tokio::sync::Notify;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tower_lsp_server::Client;

use super::capabilities::ClientFlags;
use super::diagnostics::Publisher;
use super::diagnostics_worker::Pending;
use super::indexing::index_folders;
use super::state::{Effects, FolderId};
use super::state_lock::{StateLock, lock};
use super::supervise::Faults;
use super::watch::FolderWatcher;

/// Everything the handlers and the background tasks share.
pub(super) struct Shared {
    pub(super) client: Client,
    pub(super) state: StateLock,
    pub(super) flags: OnceLock<ClientFlags>,
    /// Signalled whenever a journal changed and diagnostics are due.
    pub(super) dirty: Notify,
    /// Diagnostics work not yet done: edited open documents first, then the
    /// files whose facts moved, per journal.
    pub(super) pending: Mutex<Pending>,
    /// Paths that changed on disk, from the client's watcher or ours.
    pub(super) disk_changes: UnboundedSender<Vec<PathBuf>>,
    pub(super) disk_receiver: Mutex<Option<UnboundedReceiver<Vec<PathBuf>>>>,
    pub(super) watcher: Mutex<Option<FolderWatcher>>,
    /// True when the server watches the folders itself: the client cannot
    /// register file watching, or refused it.
    pub(super) own_watcher: AtomicBool,
    pub(super) shutdown: AtomicBool,
    pub(super) progress_tokens: AtomicU64,
    /// A fixed "today" (tests), else [`super::today`] at each use.
    pub(super) today: Option<jiff::civil::Date>,
    /// The stats digest last signalled per journal ([`super::stats_signal`]).
    pub(super) stats_sent: Mutex<HashMap<FolderId, u64>>,
    /// What the client holds (kept here, so a restarted diagnostics
    /// worker still knows which files to clear).
    pub(super) publisher: Mutex<Publisher>,
    /// Failures a test asked for (never set otherwise).
    pub(super) faults: Faults,
}

impl Shared {
    pub(super) fn new(client: Client, today: Option<jiff::civil::Date>) -> Self {
        let (disk_changes, receiver) = unbounded_channel();
        Shared {
            client,
            state: StateLock::new(),
            flags: OnceLock::new(),
            dirty: Notify::new(),
            pending: Mutex::new(Pending::default()),
            disk_changes,
            disk_receiver: Mutex::new(Some(receiver)),
            watcher: Mutex::new(None),
            own_watcher: AtomicBool::new(false),
            shutdown: AtomicBool::new(false),
            progress_tokens: AtomicU64::new(0),
            today,
            stats_sent: Mutex::new(HashMap::new()),
            publisher: Mutex::new(Publisher::default()),
            faults: Faults::default(),
        }
    }

    pub(super) fn flags(&self) -> ClientFlags {
        self.flags.get().cloned().unwrap_or_default()
    }

    pub(super) fn today(&self) -> jiff::civil::Date {
        self.today.unwrap_or_else(super::today)
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

    /// Acts on what a state change asks for: diagnostics, rescans.
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
        }
    }
}
