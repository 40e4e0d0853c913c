//! Pull diagnostics (`textDocument/diagnostic`, and `workspace/diagnostic`
//! in [`workspace`]), what tells a pulling client that they changed
//! ([`diagnostics_changed`]), and [`reports_now`], the one way diagnostics
//! are computed on the live state, which the diagnostics worker uses too.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::diagnostics::{self, Digest, FileReport};
use super::handlers;
use super::requests::guard;
use super::shared::Shared;
use super::state::{FolderId, State};
use super::state_lock::lock;

mod workspace;

pub(super) use workspace::{WorkspacePulls, workspace_diagnostic};

/// How long a `workspace/diagnostic/refresh` may stay unanswered before
/// the next one goes out anyway (a client that never answers must not
/// silence the refreshes for good).
const REFRESH_PATIENCE: std::time::Duration = std::time::Duration::from_secs(5);

/// The diagnostics reports of `paths` in a journal, computed on the live
/// state under the shared lock (per-file checks are cheap; the lock is held
/// for one batch at most). Pushes wait for the journal to be indexed
/// (`indexed_only`), as workspace-wide checks would see a partial journal;
/// a pull answers from what is indexed so far.
/// The open documents' core diagnostics among them are kept for their
/// code actions (`shared.last_checked`).
pub(super) fn reports_now(
    shared: &Shared,
    state: &State,
    id: FolderId,
    paths: &[&str],
    today: jiff::civil::Date,
    indexed_only: bool,
) -> Option<Vec<FileReport>> {
    if indexed_only && !state.folder(id)?.indexed {
        return None;
    }
    // Read under the caller's guard: the generation of `state`.
    let generation = shared.state.generation();
    let ctx = handlers::Ctx::in_folder(state, id, String::new())?;
    let texts = ctx.texts();
    let (reports, open) = diagnostics::reports_keeping_open(&texts, paths, today);
    let mut kept = lock(&shared.last_checked);
    for (path, found) in open {
        kept.keep(generation, today, id, path, found);
    }
    Some(reports)
}

pub(super) fn document_diagnostic(
    shared: &Shared,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let uri = params.text_document.uri;
    let today = shared.today();
    let located = shared.state.read().locate_uri(&uri);
    let (items, digest) = match located {
        Some((id, rel)) => {
            let found = guard("diagnostics", || {
                reports_now(
                    shared,
                    &shared.state.read(),
                    id,
                    &[rel.as_str()],
                    today,
                    false,
                )
            })?;
            match found.and_then(|r| r.into_iter().next()) {
                Some(report) => (report.items, report.digest.result_id()),
                None => (Vec::new(), Digest::EMPTY.result_id()),
            }
        }
        None => (Vec::new(), Digest::EMPTY.result_id()),
    };
    let report = if params.previous_result_id.as_deref() == Some(digest.as_str()) {
        DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                result_id: digest,
            },
        })
    } else {
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(digest),
                items,
            },
        })
    };
    Ok(DocumentDiagnosticReportResult::Report(report))
}

/// The diagnostics a pull would answer changed (the diagnostics worker
/// found files whose diagnostics moved): a held workspace pull looks again,
/// and the client is asked to pull again (`workspace/diagnostic/refresh`,
/// for its open documents). Refreshes are coalesced: one at a time, and
/// changes while it is out make one more when it comes back, not one each.
pub(super) fn diagnostics_changed(shared: &Arc<Shared>) {
    shared.pulls.wake();
    if !lock(&shared.pull_refresh).ask() {
        return;
    }
    let shared = shared.clone();
    // Spawned: a client request is never awaited where it could hold up
    // other work.
    tokio::spawn(async move {
        loop {
            let asked = shared.client.workspace_diagnostic_refresh();
            match tokio::time::timeout(REFRESH_PATIENCE, asked).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::debug!("workspace/diagnostic/refresh: {e}"),
                Err(_) => tracing::debug!("workspace/diagnostic/refresh: no answer"),
            }
            if !lock(&shared.pull_refresh).answered() {
                return;
            }
        }
    });
}

/// The state of `workspace/diagnostic/refresh` requests to the client:
/// one out at a time, and at most one more owed.
#[derive(Debug, Default)]
pub(super) struct PullRefresh {
    /// A refresh is out and not answered yet.
    in_flight: bool,
    /// Diagnostics changed while it was out: send one more.
    again: bool,
}

impl PullRefresh {
    /// Diagnostics changed: true when a refresh is to go out now (else one
    /// is out, and one more is owed when it comes back).
    fn ask(&mut self) -> bool {
        if self.in_flight {
            self.again = true;
            return false;
        }
        self.in_flight = true;
        true
    }

    /// The refresh out came back: true when one more is to go out now.
    fn answered(&mut self) -> bool {
        self.in_flight = std::mem::take(&mut self.again);
        self.in_flight
    }
}

#[cfg(test)]
mod tests {
    use super::PullRefresh;

    #[test]
    fn refreshes_go_out_one_at_a_time_and_changes_meanwhile_make_one_more() {
        let mut refresh = PullRefresh::default();
        assert!(refresh.ask(), "the first goes out");
        // Three changes while it is out: one more, when it comes back.
        assert!(!refresh.ask());
        assert!(!refresh.ask());
        assert!(!refresh.ask());
        assert!(refresh.answered(), "one more goes out");
        assert!(!refresh.answered(), "and nothing after it");
        assert!(refresh.ask(), "a later change sends again");
        assert!(!refresh.answered());
    }
}
