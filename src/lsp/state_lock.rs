//! The lock primitives of the server's shared state: a mutex lock that
//! survives poisoning, [`StateLock`], the fair readers-writer lock over the
//! journals, and [`Wakeup`], what the diagnostics worker's thread sleeps on.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

use parking_lot::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::state::State;

/// Locks a mutex, recovering the data if a panicking thread poisoned it
/// (the state stays usable: every mutation leaves it consistent).
pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The state behind a fair readers-writer lock.
///
/// Requests and the diagnostics worker read, so a completion or hover never
/// waits for a batch; edits write, and wait for the batch in progress only.
/// That needs a lock that lets a waiting writer in before the worker's next
/// batch, and a thread that releases a lock and takes it again at once
/// overtakes the waiter it just woke unless the lock forbids it: std's
/// locks promise no order at all (at 50,000 notes on the loaded 2-core
/// machine a keystroke once waited behind nine consecutive batches).
/// parking_lot's `RwLock` is task-fair by documented design: once a writer
/// waits, a new reader waits behind it even while the lock is only shared,
/// and a fair unlock ([`RwLockReadGuard::unlock_fair`], which
/// [`StateLock::read_batch`] uses) hands the lock to the thread waiting for
/// it. So the worker, reading batch after batch, lets a waiting edit in
/// after the batch it is in; the test below counts it.
///
/// parking_lot's locks are never poisoned: a panic while the exclusive
/// lock is held releases it with the state as the panic left it. Only a
/// notification mutates the state, and each runs isolated
/// ([`super::notifications::isolated`]): after a panic every journal is
/// read again from its texts, so a change stopped halfway is not kept.
pub(super) struct StateLock {
    state: RwLock<State>,
    /// How many times the exclusive lock was taken: the state as a reader
    /// sees it is the same while this is (results computed on it, such as
    /// a file's diagnostics, are current while it stays).
    generation: AtomicU64,
}

impl StateLock {
    pub(super) fn new() -> Self {
        StateLock {
            state: RwLock::new(State::default()),
            generation: AtomicU64::new(0),
        }
    }

    /// The shared lock, for a handler (alongside other readers and the
    /// worker's batch; behind a writer that waits).
    pub(super) fn read(&self) -> RwLockReadGuard<'_, State> {
        self.state.read()
    }

    /// The exclusive lock, for a state change.
    pub(super) fn write(&self) -> RwLockWriteGuard<'_, State> {
        let guard = self.state.write();
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

    /// Runs `work` under the shared lock for the diagnostics worker, which
    /// takes the lock over and over: released fairly, so a handler waiting
    /// for it gets it before the worker's next batch does.
    pub(super) fn read_batch<R>(&self, work: impl FnOnce(&State) -> R) -> R {
        let guard = self.state.read();
        let result = work(&guard);
        RwLockReadGuard::unlock_fair(guard);
        result
    }
}

/// A wake-up call for a thread: [`Wakeup::notify_one`] from anywhere (a
/// handler, a task), [`Wakeup::wait`] on the thread. Calls made while the
/// thread is busy fold into one, as a burst of edits needs one pass.
#[derive(Default)]
pub(super) struct Wakeup {
    state: Mutex<WakeupState>,
    signal: Condvar,
}

#[derive(Default)]
struct WakeupState {
    notified: bool,
    closed: bool,
}

impl Wakeup {
    /// Wakes the waiting thread, or the next wait if none waits.
    pub(super) fn notify_one(&self) {
        lock(&self.state).notified = true;
        self.signal.notify_one();
    }

    /// Wakes the waiting thread for good: every wait from now on returns
    /// false (the server is gone; the thread ends).
    pub(super) fn close(&self) {
        lock(&self.state).closed = true;
        self.signal.notify_all();
    }

    /// Blocks until notified (true, and the call is used up) or closed
    /// (false).
    pub(super) fn wait(&self) -> bool {
        let mut state = lock(&self.state);
        loop {
            if state.closed {
                return false;
            }
            if std::mem::take(&mut state.notified) {
                return true;
            }
            state = self
                .signal
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

    use super::*;

    /// At most this many batches while the handler waits before the worker
    /// gives up: far more than the lock ever needs, so a lock that shuts
    /// the writer out fails the test instead of hanging it.
    const GIVE_UP_AFTER: u64 = 10_000;

    /// The fairness the worker relies on, counted in batches (no clock): a
    /// worker thread reads batch after batch, each batch holding the lock
    /// until the handler is known to wait for it; the handler must get the
    /// exclusive lock right after that batch, before the worker's next one
    /// (a lock that lets the releasing thread back in first, as std's may,
    /// lets the worker run batch after batch while the handler waits).
    #[test]
    fn a_waiting_edit_gets_the_lock_after_the_batch_in_progress() {
        let lock = Arc::new(StateLock::new());
        let batches = Arc::new(AtomicU64::new(0));
        let handler_waits = Arc::new(AtomicBool::new(false));
        let handler_done = Arc::new(AtomicBool::new(false));
        let worker = {
            let (lock, batches) = (lock.clone(), batches.clone());
            let (handler_waits, handler_done) = (handler_waits.clone(), handler_done.clone());
            std::thread::spawn(move || {
                // Batches run while the handler waited, this time.
                let mut while_waiting = 0;
                while !handler_done.load(Ordering::SeqCst) && while_waiting < GIVE_UP_AFTER {
                    if handler_waits.load(Ordering::SeqCst) {
                        while_waiting += 1;
                    } else {
                        while_waiting = 0;
                    }
                    lock.read_batch(|_| {
                        // Once the handler is on its way, the batch lasts
                        // until the lock shows a writer waiting (a reader
                        // can no longer get in beside this batch).
                        while handler_waits.load(Ordering::SeqCst)
                            && !handler_done.load(Ordering::SeqCst)
                            && lock.state.try_read().is_some()
                        {
                            std::thread::yield_now();
                        }
                        // Counted before the lock is released: the handler
                        // never sees a batch it waited for uncounted.
                        batches.fetch_add(1, Ordering::SeqCst);
                    });
                }
            })
        };
        while batches.load(Ordering::SeqCst) < 3 {
            std::thread::yield_now();
        }
        for _ in 0..20 {
            // Announced first: a batch begun from here on lasts until the
            // handler's request reached the lock.
            handler_waits.store(true, Ordering::SeqCst);
            let before = batches.load(Ordering::SeqCst);
            let guard = lock.write();
            let waited = batches.load(Ordering::SeqCst) - before;
            handler_waits.store(false, Ordering::SeqCst);
            drop(guard);
            // The batch in progress when the handler set out, and one the
            // worker may have begun before the handler's request reached
            // the lock; never a batch begun after it.
            assert!(waited <= 2, "the edit waited behind {waited} batches");
            // Let the worker take a few batches before the next edit.
            let resumed = batches.load(Ordering::SeqCst);
            while batches.load(Ordering::SeqCst) < resumed + 2 && !worker.is_finished() {
                std::thread::yield_now();
            }
        }
        handler_done.store(true, Ordering::SeqCst);
        assert!(worker.join().is_ok());
        assert_eq!(lock.generation(), 20);
    }

    /// Requests read beside a batch: a reader never waits for the worker.
    #[test]
    fn a_request_reads_beside_a_batch() {
        let lock = StateLock::new();
        let beside = lock.read_batch(|_| lock.state.try_read().is_some());
        assert!(beside);
        assert_eq!(lock.generation(), 0);
    }

    #[test]
    fn wake_up_calls_fold_and_a_closed_wakeup_ends_the_wait() {
        let wakeup = Wakeup::default();
        wakeup.notify_one();
        wakeup.notify_one();
        assert!(wakeup.wait());
        wakeup.close();
        assert!(!wakeup.wait());
    }
}
