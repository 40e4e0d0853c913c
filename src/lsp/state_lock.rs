//! The lock primitives of the server's shared state: a mutex lock that
//! survives poisoning, and [`StateLock`], the readers-writer lock over the
//! journals that lets handlers in ahead of the diagnostics worker.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use tokio::sync::Notify;

use super::state::State;

/// Locks a mutex, recovering the data if a panicking thread poisoned it
/// (the state stays usable: every mutation leaves it consistent).
pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The state behind a readers-writer lock, with the handlers going ahead of
/// the diagnostics worker's background batches.
///
/// Requests and the worker read, so a completion or hover never waits for a
/// batch; edits write, and wait for the batch in progress only. That needs
/// the worker to let a waiting handler in: std's locks are not fair, and a
/// thread that releases a lock and takes it again at once overtakes the
/// waiter it just woke (which still has to be scheduled). Measured at
/// 50,000 notes on the loaded 2-core machine, a keystroke waited behind
/// nine consecutive batches (35 ms) of the first diagnostics pass, and with
/// a plain mutex a completion behind ten (13 ms). So handlers count
/// themselves while they wait ([`StateLock::read`], [`StateLock::write`]),
/// and the worker waits in [`StateLock::background_turn`] until none does
/// before it takes the lock again.
pub(super) struct StateLock {
    state: RwLock<State>,
    /// Handlers waiting for the lock (or about to take it).
    waiting: AtomicUsize,
    /// Signalled when the last waiting handler got the lock.
    handlers_in: Notify,
    /// How many times the exclusive lock was taken: the state as a reader
    /// sees it is the same while this is (results computed on it, such as
    /// a file's diagnostics, are current while it stays).
    generation: AtomicU64,
}

impl StateLock {
    pub(super) fn new() -> Self {
        StateLock {
            state: RwLock::new(State::default()),
            waiting: AtomicUsize::new(0),
            handlers_in: Notify::new(),
            generation: AtomicU64::new(0),
        }
    }

    /// The shared lock, for a handler.
    pub(super) fn read(&self) -> RwLockReadGuard<'_, State> {
        self.as_handler(|| self.read_background())
    }

    /// The exclusive lock, for a handler. Locks recover the data if a
    /// panicking thread poisoned them (every mutation leaves the state
    /// consistent).
    pub(super) fn write(&self) -> RwLockWriteGuard<'_, State> {
        let guard = self.as_handler(|| {
            self.state
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        });
        // Counted while the lock is held: no reader sees the new state
        // with the old number.
        self.generation.fetch_add(1, Ordering::SeqCst);
        guard
    }

    /// The state's generation: read it while holding a guard, and it names
    /// the state that guard shows ([`StateLock::write`] counts every change).
    pub(super) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    fn as_handler<G>(&self, take: impl FnOnce() -> G) -> G {
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let guard = take();
        if self.waiting.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.handlers_in.notify_waiters();
        }
        guard
    }

    /// Returns once no handler waits for the lock: the worker's turn.
    pub(super) async fn background_turn(&self) {
        loop {
            let handlers_in = self.handlers_in.notified();
            let mut handlers_in = std::pin::pin!(handlers_in);
            // Registered before the check, so that a handler getting in
            // between the two still wakes this wait.
            handlers_in.as_mut().enable();
            if self.waiting.load(Ordering::SeqCst) == 0 {
                return;
            }
            handlers_in.await;
        }
    }

    /// The shared lock, for the diagnostics worker (after
    /// [`StateLock::background_turn`] where it takes the lock over and over).
    pub(super) fn read_background(&self) -> RwLockReadGuard<'_, State> {
        self.state
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
