//! The commands the server executes (`workspace/executeCommand`):
//! `studylog.stats` (the CLI's stats JSON), `studylog.newEntry` (an edit
//! adding today's entry, which the client applies: the server never writes
//! files itself) and `studylog.explain` (a check's explanation, the section
//! of docs/checks.md built into the binary, as Markdown).

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use super::convert::uri_to_path;
use super::handlers;
use super::requests::{guard, invalid_params};
use super::shared::Shared;
use super::state::FolderKind;

pub const STATS: &str = "studylog.stats";
pub const NEW_ENTRY: &str = "studylog.newEntry";
pub const EXPLAIN: &str = "studylog.explain";

/// Every command the server executes.
pub const ALL: [&str; 3] = [STATS, NEW_ENTRY, EXPLAIN];

/// Runs a command (the request's state work happens before it returns; the
/// new entry's edit is applied by a spawned task).
pub(super) fn execute(shared: &Shared, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
    let target = params
        .arguments
        .first()
        .and_then(|a| {
            a.as_str()
                .map(str::to_string)
                .or_else(|| a.get("uri")?.as_str().map(str::to_string))
        })
        .and_then(|s| s.parse::<Uri>().ok());
    match params.command.as_str() {
        EXPLAIN => {
            let code = params
                .arguments
                .first()
                .and_then(|a| a.as_str().or_else(|| a.get("code")?.as_str()))
                .ok_or_else(|| invalid_params("studylog.explain: expected a check code"))?;
            crate::explain::explain(code.trim())
                .map(|text| Some(LSPAny::String(text.to_string())))
                .ok_or_else(|| invalid_params(format!("studylog.explain: no check `{code}`")))
        }
        STATS => {
            let today = shared.today();
            let state = shared.state.read();
            // The journal of the given document or folder, else the first.
            let id = match &target {
                Some(uri) => state.locate_uri(uri).map(|(id, _)| id).or_else(|| {
                    let path = uri_to_path(uri)?;
                    state.folders.iter().find(|f| f.root == path).map(|f| f.id)
                }),
                None => state
                    .folders
                    .iter()
                    .find(|f| f.kind == FolderKind::Workspace)
                    .or(state.folders.first())
                    .map(|f| f.id),
            };
            let Some(folder) = id.and_then(|id| state.folder(id)) else {
                return Err(invalid_params("studylog.stats: no journal is open"));
            };
            let stats = guard("stats", || crate::stats::compute_stats(&folder.ws, today))?;
            let mut value =
                serde_json::to_value(stats).map_err(|e| Error::invalid_params(e.to_string()))?;
            // Editors draw a heatmap of practice days from `calendar`: the
            // CLI's stats JSON plus each practised day up to today.
            let calendar: Vec<serde_json::Value> = folder
                .ws
                .day_minutes()
                .range(..=today)
                .map(|(date, minutes)| {
                    serde_json::json!({ "date": date.to_string(), "minutes": minutes })
                })
                .collect();
            if let Some(object) = value.as_object_mut() {
                object.insert("calendar".to_string(), calendar.into());
            }
            Ok(Some(value))
        }
        NEW_ENTRY => {
            let plan = new_entry_plan(shared, target.as_ref())?;
            let shown = plan
                .edit
                .as_ref()
                .and_then(|e| serde_json::to_value(e).ok());
            let client = shared.client.clone();
            let show_document = shared.flags().show_document;
            tokio::spawn(async move {
                if let Some(edit) = plan.edit {
                    match client.apply_edit(edit).await {
                        Ok(response) if !response.applied => {
                            tracing::warn!(
                                "the editor did not apply the new entry: {}",
                                response.failure_reason.unwrap_or_default()
                            );
                            return;
                        }
                        Ok(_) => {}
                        Err(e) => {
                            tracing::warn!("applying the new entry failed: {e}");
                            return;
                        }
                    }
                }
                if let (true, Some((uri, at))) = (show_document, plan.show) {
                    let params = ShowDocumentParams {
                        uri,
                        external: None,
                        take_focus: Some(true),
                        selection: Some(Range::new(at, at)),
                    };
                    if let Err(e) = client.show_document(params).await {
                        tracing::debug!("window/showDocument: {e}");
                    }
                }
            });
            Ok(shown)
        }
        other => Err(invalid_params(format!("unknown command {other:?}"))),
    }
}

/// What `studylog.newEntry` does from the given document, or from the
/// first journal when none is given.
fn new_entry_plan(shared: &Shared, target: Option<&Uri>) -> Result<handlers::NewEntryPlan> {
    let today = shared.today();
    let state = shared.state.read();
    let (id, rel) = match target {
        Some(uri) => state
            .locate_uri(uri)
            .ok_or_else(|| invalid_params(format!("not a journal file: {}", uri.as_str())))?,
        None => {
            let folder = state
                .folders
                .iter()
                .find(|f| f.kind == FolderKind::Workspace)
                .ok_or_else(|| invalid_params("studylog.newEntry: no journal is open"))?;
            (folder.id, String::new())
        }
    };
    let ctx = handlers::Ctx::in_folder(&state, id, rel)
        .ok_or_else(|| invalid_params("studylog.newEntry: the journal is gone"))?;
    let plan = guard("new entry", || handlers::new_entry(&ctx, today))?;
    let creates = plan
        .edit
        .as_ref()
        .is_some_and(|e| e.document_changes.is_some());
    if creates && !shared.flags().resource_create {
        return Err(invalid_params(
            "studylog.newEntry: today's note must be created, and this editor cannot create files",
        ));
    }
    Ok(plan)
}
