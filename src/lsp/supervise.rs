//! Keeping features alive: a worker that fails is logged and restarted
//! ([`spawn_supervised`] for a task, [`spawn_supervised_thread`] for a
//! worker on its own OS thread); the test-only hook that makes a worker fail on
//! purpose ([`Faults`]).

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use super::shared::Shared;

/// How long a failed worker rests before it starts again: a failure that
/// repeats at once must not spin a core.
const RESTART_DELAY: Duration = Duration::from_millis(50);

/// The message a panic carried, when it is text.
pub(super) fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic".to_string()
    }
}

/// Runs a worker as its own task and starts it again (after `restarted`,
/// which re-queues what its failure may have lost) whenever it panics.
/// Ends when the worker returns or the runtime cancels it.
pub(super) fn spawn_supervised<W, F>(
    shared: &Arc<Shared>,
    name: &'static str,
    worker: W,
    restarted: fn(&Arc<Shared>),
) where
    W: Fn(Arc<Shared>) -> F + Send + 'static,
    F: Future<Output = ()> + Send + 'static,
{
    let shared = shared.clone();
    tokio::spawn(async move {
        loop {
            match tokio::spawn(worker(shared.clone())).await {
                Ok(()) => return,
                Err(e) if e.is_panic() => {
                    let message = panic_message(&*e.into_panic());
                    tracing::error!("the {name} failed ({message}); restarting it");
                    tokio::time::sleep(RESTART_DELAY).await;
                    restarted(&shared);
                }
                Err(_) => return,
            }
        }
    });
}

/// Runs a worker on its own OS thread (CPU-bound work that must not hold a
/// tokio worker thread) and starts it again (after `restarted`, which
/// re-queues what its failure may have lost) whenever it panics. Ends when
/// the worker returns.
pub(super) fn spawn_supervised_thread<W>(
    shared: &Arc<Shared>,
    name: &'static str,
    worker: W,
    restarted: fn(&Arc<Shared>),
) where
    W: Fn(&Arc<Shared>) + Send + 'static,
{
    let shared = shared.clone();
    let spawned = std::thread::Builder::new()
        .name(format!("studylog {name}"))
        .spawn(move || {
            loop {
                let run = std::panic::catch_unwind(AssertUnwindSafe(|| worker(&shared)));
                match run {
                    Ok(()) => return,
                    Err(panic) => {
                        let message = panic_message(&*panic);
                        tracing::error!("the {name} failed ({message}); restarting it");
                        std::thread::sleep(RESTART_DELAY);
                        restarted(&shared);
                    }
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!("the {name} could not start: {e}");
    }
}

/// Where a test can make the server fail on purpose.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Worker {
    /// The diagnostics worker, at its next wake-up.
    Diagnostics,
    /// The disk worker, at its next batch of changed paths.
    Disk,
    /// The midnight watch, at its next look at the date.
    Clock,
    /// The scan of a folder being indexed.
    Indexing,
    /// The next notification from the client (`didOpen`, `didChange`, ...).
    Notification,
}

/// Failures a test asked for and that have not happened yet, per worker.
#[derive(Debug, Default)]
pub(super) struct Faults {
    diagnostics: AtomicU32,
    disk: AtomicU32,
    clock: AtomicU32,
    indexing: AtomicU32,
    notification: AtomicU32,
}

impl Faults {
    fn counter(&self, worker: Worker) -> &AtomicU32 {
        match worker {
            Worker::Diagnostics => &self.diagnostics,
            Worker::Disk => &self.disk,
            Worker::Clock => &self.clock,
            Worker::Indexing => &self.indexing,
            Worker::Notification => &self.notification,
        }
    }

    /// Makes the next `times` runs of `worker` fail.
    pub(super) fn inject(&self, worker: Worker, times: u32) {
        self.counter(worker).fetch_add(times, Ordering::SeqCst);
    }

    /// Fails here (panics) when a failure of `worker` was asked for.
    pub(super) fn fail_if_asked(&self, worker: Worker) {
        let asked = self
            .counter(worker)
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        if asked {
            panic!("{worker:?} failure injected by a test");
        }
    }
}
