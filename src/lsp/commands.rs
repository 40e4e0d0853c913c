//! The commands the server executes (`workspace/executeCommand`):
//! `studylog.stats` (the CLI's stats JSON, plus `calendar`, each practised
//! day's minutes, and `missed`, the latest missed days, latest first), `studylog.newEntry` (an edit
//! adding today's entry, which the client applies: the server never writes
//! files itself) and `studylog.explain` (a check's explanation, the section
//! of docs/checks.md built into the binary, as Markdown).
//!
//! `studylog.newEntry` takes one argument, a document URI or an object
//! `{ "uri"?, "date"?: "YYYY-MM-DD", "apply"?: bool }`. The URI says where
//! the user is; a document outside every journal (or none) means the first
//! journal of the workspace. `date` defaults to today. With `apply` (the
//! default) the server applies the edit (`workspace/applyEdit`), moves the
//! cursor (`window/showDocument`) and answers with the edit; with
//! `"apply": false` it changes nothing and answers with the plan, for an
//! editor that inserts the entry as a snippet itself:
//! `{ action: "insert"|"create"|"exists", date, uri, position, snippet?,
//! edit?, cursor?, message }` (`position`: where the snippet goes, or the
//! existing entry's heading; `edit` and `cursor`: the same entry as plain
//! text and where the cursor goes after it; `message`: one sentence for the
//! user).

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

/// The most missed days `studylog.stats` lists: a quarter of daily practice.
const MAX_MISSED_DAYS: usize = 90;

/// Every command the server executes.
pub const ALL: [&str; 3] = [STATS, NEW_ENTRY, EXPLAIN];

/// Runs a command (the request's state work happens before it returns; the
/// new entry's edit is applied by a spawned task).
pub(super) fn execute(shared: &Shared, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
    let argument = params.arguments.first();
    let target = argument
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
            // And the days the cadence expected and the journal missed,
            // latest first, for the editors' "missed days" pickers.
            let missed: Vec<serde_json::Value> =
                crate::features::missed_days(&folder.ws, today, MAX_MISSED_DAYS)
                    .into_iter()
                    .map(|date| date.to_string().into())
                    .collect();
            if let Some(object) = value.as_object_mut() {
                object.insert("calendar".to_string(), calendar.into());
                object.insert("missed".to_string(), missed.into());
            }
            Ok(Some(value))
        }
        NEW_ENTRY => {
            let options = argument.and_then(|a| a.as_object());
            let date = match options.and_then(|o| o.get("date")) {
                None | Some(serde_json::Value::Null) => shared.today(),
                Some(value) => value
                    .as_str()
                    .and_then(|s| s.trim().parse::<jiff::civil::Date>().ok())
                    .ok_or_else(|| {
                        invalid_params(format!(
                            "studylog.newEntry: `date` must be a date as YYYY-MM-DD, not {value}"
                        ))
                    })?,
            };
            let apply = options
                .and_then(|o| o.get("apply"))
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(true);
            let plan = new_entry_plan(shared, target.as_ref(), date, apply)?;
            if !apply {
                return Ok(Some(plan_json(&plan)));
            }
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

/// The answer to `studylog.newEntry` with `"apply": false`.
fn plan_json(plan: &handlers::NewEntryPlan) -> LSPAny {
    serde_json::json!({
        "action": plan.action,
        "date": plan.date.to_string(),
        "uri": plan.at.as_ref().map(|(uri, _)| uri.as_str()),
        "position": plan.at.as_ref().map(|(_, at)| at),
        "snippet": plan.snippet,
        "edit": plan.edit,
        "cursor": plan.show.as_ref().map(|(_, at)| at),
        "message": plan.message,
    })
}

/// What `studylog.newEntry` does from the given document; from the first
/// journal of the workspace when none is given or it is in no journal.
fn new_entry_plan(
    shared: &Shared,
    target: Option<&Uri>,
    date: jiff::civil::Date,
    apply: bool,
) -> Result<handlers::NewEntryPlan> {
    let state = shared.state.read();
    let located = target.and_then(|uri| state.locate_uri(uri));
    let (id, rel) = match located {
        Some(found) => found,
        None => {
            let folder = state
                .folders
                .iter()
                .find(|f| f.kind == FolderKind::Workspace)
                .ok_or_else(|| {
                    invalid_params(
                        "studylog.newEntry: no journal is open here; open a note of your \
                         journal (a folder with studylog.toml, .obsidian or .git) first",
                    )
                })?;
            (folder.id, String::new())
        }
    };
    let ctx = handlers::Ctx::in_folder(&state, id, rel)
        .ok_or_else(|| invalid_params("studylog.newEntry: the journal is gone"))?;
    let plan = guard("new entry", || handlers::new_entry(&ctx, date))?;
    let creates = plan
        .edit
        .as_ref()
        .is_some_and(|e| e.document_changes.is_some());
    if apply && creates && !shared.flags().resource_create {
        return Err(invalid_params(
            "studylog.newEntry: today's note must be created, and this editor cannot create files",
        ));
    }
    Ok(plan)
}
