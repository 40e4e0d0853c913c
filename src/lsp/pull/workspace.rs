//! `workspace/diagnostic`: every journal's reports, computed in batches with
//! the state lock released in between; the files whose result id the client
//! already holds answered as `unchanged`; and, for a client that pulls, the
//! request kept open while nothing changed, so that a client re-pulling in
//! a loop waits instead of spinning.
//!
//! Consistency: each file's report is computed under one shared guard, on
//! the journal as it is at that batch, which is never older than the
//! request (its first batch is read after every edit that arrived before
//! it). Files of different batches may come from different states when an
//! edit lands in between; every pass starts from the live state, and a
//! pull is held only after a whole pass found nothing new for the client
//! (or the client holds exactly what the diagnostics worker found, which
//! wakes the pull when it finds more), with the wake-up registered before
//! that look began, so a change during it ends the hold at once.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::reports_now;
use crate::config::CONFIG_FILE;
use crate::lsp::diagnostics::{Digest, FileReport};
use crate::lsp::diagnostics_worker::{BATCH_BYTES, BATCH_FILES};
use crate::lsp::requests::guard;
use crate::lsp::shared::Shared;
use crate::lsp::state::FolderId;
use crate::lsp::state_lock::lock;

/// How long a held pull, once woken, lets further changes come before it
/// reads the journals again: about a pause between keystrokes.
const WAKE_SETTLE: Duration = Duration::from_millis(100);

/// The workspace pulls in flight: what wakes a held one, and which one may
/// be held.
pub(in crate::lsp) struct WorkspacePulls {
    /// Moved on whenever what a held pull would answer may have changed
    /// (the diagnostics worker found files whose diagnostics changed, see
    /// [`super::diagnostics_changed`]), when a newer pull arrives and at
    /// shutdown.
    wake: watch::Sender<u64>,
    /// The number of the newest workspace pull. Only the newest is held: an
    /// older one answers as soon as a newer one arrives, so held pulls can
    /// never take up the few handlers tower-lsp-server runs at once (four),
    /// which notifications and `$/cancelRequest` need too.
    newest: AtomicU64,
    /// How many pulls are held open now (tests read it).
    held: AtomicUsize,
    /// How many times the last pass took the state lock (tests read it).
    last_pass_locks: AtomicU64,
    /// How many passes over the journals pulls made (tests read it).
    passes: AtomicU64,
    /// A pause after a pass's first batch, asked for by a test.
    pause: PassPause,
}

impl Default for WorkspacePulls {
    fn default() -> Self {
        WorkspacePulls {
            wake: watch::Sender::new(0),
            newest: AtomicU64::new(0),
            held: AtomicUsize::new(0),
            last_pass_locks: AtomicU64::new(0),
            passes: AtomicU64::new(0),
            pause: PassPause::default(),
        }
    }
}

impl WorkspacePulls {
    /// Ends the hold of a held pull: it looks at the journals again (or
    /// answers, when a newer pull or shutdown came).
    pub(in crate::lsp) fn wake(&self) {
        self.wake.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// How many pulls are held open now.
    pub(in crate::lsp) fn held(&self) -> usize {
        self.held.load(Ordering::SeqCst)
    }

    /// How many passes over the journals pulls made.
    pub(in crate::lsp) fn passes(&self) -> u64 {
        self.passes.load(Ordering::SeqCst)
    }

    /// How many times the last pass took the state lock.
    pub(in crate::lsp) fn last_pass_locks(&self) -> u64 {
        self.last_pass_locks.load(Ordering::SeqCst)
    }

    /// The test hook that stops the next pass after its first batch.
    pub(in crate::lsp) fn pause(&self) -> &PassPause {
        &self.pause
    }
}

/// A test's pause of a workspace pull between its first and second batch
/// (never armed otherwise): a state change made meanwhile shows that the
/// pass holds no lock across the journal.
#[derive(Default)]
pub(in crate::lsp) struct PassPause {
    armed: AtomicBool,
    paused: AtomicBool,
    resume: Notify,
}

impl PassPause {
    /// Stops the next pass after its first batch, until [`PassPause::resume`].
    pub(in crate::lsp) fn arm(&self) {
        self.armed.store(true, Ordering::SeqCst);
    }

    /// True while a pass waits at the pause.
    pub(in crate::lsp) fn is_paused(&self) -> bool {
        self.paused.load(Ordering::SeqCst)
    }

    pub(in crate::lsp) fn resume(&self) {
        self.resume.notify_one();
    }

    async fn wait_if_armed(&self) {
        if self.armed.swap(false, Ordering::SeqCst) {
            self.paused.store(true, Ordering::SeqCst);
            self.resume.notified().await;
            self.paused.store(false, Ordering::SeqCst);
        }
    }
}

/// Answers `workspace/diagnostic`. The synchronous part (numbering the
/// pull, releasing an older held one) runs when the handler is called; the
/// returned future reads the journals batch by batch and, for a client that
/// pulls, waits while the answer would tell it nothing new. Dropping the
/// future (`$/cancelRequest`) ends it; it holds no lock while it waits.
pub(in crate::lsp) fn workspace_diagnostic(
    shared: Arc<Shared>,
    params: WorkspaceDiagnosticParams,
) -> impl Future<Output = Result<WorkspaceDiagnosticReportResult>> + Send + 'static {
    let number = shared.pulls.newest.fetch_add(1, Ordering::SeqCst) + 1;
    // An older pull held open answers now.
    shared.pulls.wake();
    let mut wake = shared.pulls.wake.subscribe();
    let previous: HashMap<Uri, String> = params
        .previous_result_ids
        .into_iter()
        .map(|p| (p.uri, p.value))
        .collect();
    // Only a client that pulls was offered workspace diagnostics and is
    // told of changes; any other gets its answer at once.
    let may_hold = shared.flags().pull_diagnostics;
    async move {
        loop {
            // Seen before the look: a change during it ends the hold below.
            wake.borrow_and_update();
            let report = if may_hold && worker_agrees(&shared, &previous) {
                unchanged_as_held(&previous)
            } else {
                let reports = current_reports(&shared).await?;
                let (report, news) = answer(reports, &previous);
                if news || !may_hold || must_answer(&shared, number) {
                    return Ok(WorkspaceDiagnosticReportResult::Report(report));
                }
                report
            };
            // Held: the sender lives in `shared`, which this future owns.
            let woken = {
                let _held = Held::count(&shared.pulls);
                wake.changed().await
            };
            if woken.is_err() || must_answer(&shared, number) {
                return Ok(WorkspaceDiagnosticReportResult::Report(report));
            }
            // Changes come in bursts (typing): one pass after the burst's
            // first change lets the rest of it in, rather than one each.
            tokio::time::sleep(WAKE_SETTLE).await;
            if must_answer(&shared, number) {
                return Ok(WorkspaceDiagnosticReportResult::Report(report));
            }
        }
    }
}

/// True when the client holds exactly what the diagnostics worker last
/// found: the same result id for every file with diagnostics, and nothing
/// for any other file. Then a pass would find nothing new, unless the
/// worker has changes still to find, and when it finds them it wakes the
/// held pull ([`super::diagnostics_changed`]), so the client that re-pulls
/// after every answer costs no pass over the journal.
fn worker_agrees(shared: &Shared, previous: &HashMap<Uri, String>) -> bool {
    let previous_by_text: HashMap<&str, &String> = previous
        .iter()
        .map(|(uri, id)| (uri.as_str(), id))
        .collect();
    let publisher = lock(&shared.publisher);
    let mut held = 0;
    for (uri, digest) in publisher.held() {
        if previous_by_text.get(uri).copied() != Some(&digest.result_id()) {
            return false;
        }
        held += 1;
    }
    let empty = Digest::EMPTY.result_id();
    previous.values().filter(|id| **id != empty).count() == held
}

/// The answer of a pull held without a pass, should it end with nothing
/// new: every file the client holds diagnostics for, `unchanged`.
fn unchanged_as_held(previous: &HashMap<Uri, String>) -> WorkspaceDiagnosticReport {
    let empty = Digest::EMPTY.result_id();
    let items = previous
        .iter()
        .filter(|(_, id)| **id != empty)
        .map(|(uri, id)| {
            WorkspaceDocumentDiagnosticReport::Unchanged(
                WorkspaceUnchangedDocumentDiagnosticReport {
                    uri: uri.clone(),
                    version: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id: id.clone(),
                    },
                },
            )
        })
        .collect();
    WorkspaceDiagnosticReport { items }
}

/// Counts a held pull while it lives (also when the future is dropped,
/// cancelled, while it waits).
struct Held<'a>(&'a WorkspacePulls);

impl<'a> Held<'a> {
    fn count(pulls: &'a WorkspacePulls) -> Self {
        pulls.held.fetch_add(1, Ordering::SeqCst);
        Held(pulls)
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.0.held.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A held pull answers what it has when the server shuts down or a newer
/// workspace pull arrived.
fn must_answer(shared: &Shared, number: u64) -> bool {
    shared.shutdown.load(Ordering::SeqCst) || shared.pulls.newest.load(Ordering::SeqCst) != number
}

/// The reports with diagnostics of every indexed journal, including its
/// `studylog.toml` (and vault settings files), computed [`BATCH_FILES`]
/// files or [`BATCH_BYTES`] of text at a time, each batch under one shared
/// guard, yielding between batches so that edits and other requests get in.
async fn current_reports(shared: &Shared) -> Result<Vec<FileReport>> {
    let today = shared.today();
    let ids: Vec<FolderId> = shared
        .state
        .read()
        .folders
        .iter()
        .filter(|f| f.indexed)
        .map(|f| f.id)
        .collect();
    let mut locks = 1;
    let mut out = Vec::new();
    let mut first_batch = true;
    for id in ids {
        // The next file to check, in path order; `None` when done.
        let mut from = Some(String::new());
        let mut with_config = true;
        while let Some(start) = from.take() {
            locks += 1;
            let batch = guard("workspace diagnostics", || {
                let state = shared.state.read();
                let ws = &state.folder(id)?.ws;
                let mut paths: Vec<&str> = Vec::with_capacity(BATCH_FILES + 1);
                if with_config {
                    paths.push(CONFIG_FILE);
                }
                let mut bytes = 0;
                let mut files = ws.files_from(&start);
                for file in files.by_ref() {
                    paths.push(file.path.as_str());
                    bytes += file.text.len();
                    if paths.len() >= BATCH_FILES || bytes >= BATCH_BYTES {
                        break;
                    }
                }
                let next = files.next().map(|f| f.path.clone());
                let reports = reports_now(shared, &state, id, &paths, today, true)?;
                Some((reports, next))
            })?;
            // A journal removed (or re-indexing) meanwhile: nothing of it.
            let Some((reports, next)) = batch else {
                break;
            };
            out.extend(reports.into_iter().filter(|r| !r.items.is_empty()));
            from = next;
            with_config = false;
            if first_batch {
                first_batch = false;
                shared.pulls.pause.wait_if_armed().await;
            }
            tokio::task::yield_now().await;
        }
    }
    shared.pulls.last_pass_locks.store(locks, Ordering::SeqCst);
    shared.pulls.passes.fetch_add(1, Ordering::SeqCst);
    Ok(out)
}

/// The report for a client holding `previous` result ids: a full report for
/// every file whose diagnostics differ from what it holds, `unchanged` for
/// those it holds already, an empty full report for files it holds
/// diagnostics for that are clean now (or gone). Also whether any of it is
/// news to the client (anything but `unchanged`).
fn answer(
    reports: Vec<FileReport>,
    previous: &HashMap<Uri, String>,
) -> (WorkspaceDiagnosticReport, bool) {
    let mut items = Vec::with_capacity(reports.len());
    let mut reported: HashSet<Uri> = HashSet::with_capacity(reports.len());
    let mut news = false;
    for file in reports {
        let version = file.version.map(i64::from);
        let result_id = file.digest.result_id();
        if previous.get(&file.uri) == Some(&result_id) {
            items.push(WorkspaceDocumentDiagnosticReport::Unchanged(
                WorkspaceUnchangedDocumentDiagnosticReport {
                    uri: file.uri.clone(),
                    version,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                },
            ));
        } else {
            news = true;
            items.push(WorkspaceDocumentDiagnosticReport::Full(
                WorkspaceFullDocumentDiagnosticReport {
                    uri: file.uri.clone(),
                    version,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(result_id),
                        items: file.items,
                    },
                },
            ));
        }
        reported.insert(file.uri);
    }
    let empty = Digest::EMPTY.result_id();
    for (uri, id) in previous {
        if *id != empty && !reported.contains(uri) {
            news = true;
            items.push(WorkspaceDocumentDiagnosticReport::Full(
                WorkspaceFullDocumentDiagnosticReport {
                    uri: uri.clone(),
                    version: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(empty.clone()),
                        items: Vec::new(),
                    },
                },
            ));
        }
    }
    (WorkspaceDiagnosticReport { items }, news)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(name: &str, messages: &[&str]) -> FileReport {
        let items: Vec<Diagnostic> = messages
            .iter()
            .map(|m| Diagnostic {
                message: m.to_string(),
                ..Default::default()
            })
            .collect();
        let digest = if items.is_empty() {
            Digest::EMPTY
        } else {
            crate::lsp::diagnostics::digest(&items)
        };
        FileReport {
            path: name.to_string(),
            uri: uri(name),
            version: None,
            digest,
            unknown_topic: false,
            items,
        }
    }

    fn uri(name: &str) -> Uri {
        format!("file:///j/{name}").parse().expect("uri")
    }

    /// (file name, "full"/"unchanged", diagnostics in a full report)
    fn kinds(report: &WorkspaceDiagnosticReport) -> Vec<(String, &'static str, usize)> {
        let name = |u: &Uri| u.as_str().rsplit('/').next().unwrap_or("").to_string();
        let mut out: Vec<_> = report
            .items
            .iter()
            .map(|item| match item {
                WorkspaceDocumentDiagnosticReport::Full(f) => (
                    name(&f.uri),
                    "full",
                    f.full_document_diagnostic_report.items.len(),
                ),
                WorkspaceDocumentDiagnosticReport::Unchanged(u) => (name(&u.uri), "unchanged", 0),
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn held_result_ids_are_unchanged_and_only_the_rest_is_news() {
        let a = report("a.md", &["one"]);
        let b = report("b.md", &["two", "three"]);
        let previous: HashMap<Uri, String> = [
            (uri("a.md"), a.digest.result_id()),
            (uri("b.md"), "0000000000000001".to_string()),
            (uri("gone.md"), "00000000000000ff".to_string()),
            (uri("clean.md"), Digest::EMPTY.result_id()),
        ]
        .into_iter()
        .collect();
        let (report, news) = answer(vec![a, b], &previous);
        assert!(news);
        assert_eq!(
            kinds(&report),
            [
                ("a.md".to_string(), "unchanged", 0),
                ("b.md".to_string(), "full", 2),
                ("gone.md".to_string(), "full", 0),
            ]
        );
    }

    #[test]
    fn nothing_new_when_every_report_is_held_already() {
        let a = report("a.md", &["one"]);
        let previous: HashMap<Uri, String> = [
            (uri("a.md"), a.digest.result_id()),
            (uri("clean.md"), Digest::EMPTY.result_id()),
        ]
        .into_iter()
        .collect();
        let (report, news) = answer(vec![a], &previous);
        assert!(!news);
        assert_eq!(kinds(&report), [("a.md".to_string(), "unchanged", 0)]);
        let (empty, news) = answer(Vec::new(), &HashMap::new());
        assert!(!news && empty.items.is_empty());
    }
}
