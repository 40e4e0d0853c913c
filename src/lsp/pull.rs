//! Pull diagnostics (`textDocument/diagnostic`, `workspace/diagnostic`),
//! and [`reports_now`], the one way diagnostics are computed on the live
//! state, which the diagnostics worker uses too.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::diagnostics::{self, Digest, FileReport};
use super::handlers;
use super::requests::guard;
use super::shared::Shared;
use super::state::{FolderId, State};
use super::state_lock::lock;

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

pub(super) fn workspace_diagnostic(
    shared: &Shared,
    params: WorkspaceDiagnosticParams,
) -> Result<WorkspaceDiagnosticReportResult> {
    let today = shared.today();
    let results: Vec<FileReport> = guard("workspace diagnostics", || {
        let state = shared.state.read();
        let mut out = Vec::new();
        for folder in state.folders.iter().filter(|f| f.indexed) {
            let Some(ctx) = handlers::Ctx::in_folder(&state, folder.id, String::new()) else {
                continue;
            };
            let paths: Vec<&str> = folder.ws.files().map(|f| f.path.as_str()).collect();
            let texts = ctx.texts();
            out.extend(
                diagnostics::reports(&texts, &paths, today)
                    .into_iter()
                    .filter(|r| !r.items.is_empty()),
            );
        }
        out
    })?;
    let previous: HashMap<Uri, String> = params
        .previous_result_ids
        .into_iter()
        .map(|p| (p.uri, p.value))
        .collect();
    let mut items = Vec::new();
    let mut reported: Vec<Uri> = Vec::new();
    {
        for file in &results {
            reported.push(file.uri.clone());
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
                items.push(WorkspaceDocumentDiagnosticReport::Full(
                    WorkspaceFullDocumentDiagnosticReport {
                        uri: file.uri.clone(),
                        version,
                        full_document_diagnostic_report: FullDocumentDiagnosticReport {
                            result_id: Some(result_id),
                            items: file.items.clone(),
                        },
                    },
                ));
            }
        }
    }
    // Files the client holds diagnostics for that are clean now.
    let empty = Digest::EMPTY.result_id();
    for (uri, id) in previous {
        if !reported.contains(&uri) && id != empty {
            items.push(WorkspaceDocumentDiagnosticReport::Full(
                WorkspaceFullDocumentDiagnosticReport {
                    uri,
                    version: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(empty.clone()),
                        items: Vec::new(),
                    },
                },
            ));
        }
    }
    Ok(WorkspaceDiagnosticReportResult::Report(
        WorkspaceDiagnosticReport { items },
    ))
}
