//! The feature requests: each locates its document, builds the request's
//! context under the shared lock and runs its [`handlers`] adapter with a
//! panic guard, all through [`on_document`], before any `.await`.

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;

use std::sync::atomic::Ordering;

use super::diagnostics;
use super::handlers::{self, Ctx, TopicDoc};
use super::shared::Shared;
use super::state::FolderKind;
use super::state_lock::lock;

/// Answers with an internal error instead of unwinding when a core function
/// panics on some input: one bad request must not take the server down.
pub(super) fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| {
        tracing::error!("{what} panicked");
        Error {
            code: ErrorCode::InternalError,
            message: format!("studylog: {what} failed on this input").into(),
            data: None,
        }
    })
}

pub(super) fn invalid_params(message: impl Into<String>) -> Error {
    Error::invalid_params(message.into())
}

/// Runs `f` on the context of the document at `uri` under the shared lock,
/// guarded (see [`guard`]): `None` when the document is in no journal.
pub(super) fn on_document<T>(
    shared: &Shared,
    uri: &Uri,
    what: &str,
    f: impl FnOnce(&Ctx<'_>) -> T,
) -> Result<Option<T>> {
    let state = shared.state.read();
    let Some(ctx) = Ctx::new(&state, uri) else {
        return Ok(None);
    };
    guard(what, || f(&ctx)).map(Some)
}

fn not_in_journal() -> Error {
    invalid_params("this file is not part of a journal")
}

pub(super) fn code_action(
    shared: &Shared,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let today = shared.today();
    on_document(shared, &params.text_document.uri, "code actions", |ctx| {
        let file_diagnostics = last_checked_or_check(shared, ctx, today);
        handlers::code_actions(ctx, params.range, &file_diagnostics, &params.context, today)
    })
}

/// The document's diagnostics as the worker (or a pull, or an earlier code
/// action) last checked them, when that was on the state `ctx` reads;
/// otherwise checked now and kept. Called under the caller's state guard.
fn last_checked_or_check(
    shared: &Shared,
    ctx: &Ctx<'_>,
    today: jiff::civil::Date,
) -> std::sync::Arc<[crate::diagnostic::Diagnostic]> {
    let generation = shared.state.generation();
    let kept = lock(&shared.last_checked).get(generation, today, ctx.id, &ctx.rel);
    if let Some(found) = kept {
        return found;
    }
    shared.code_action_checks.fetch_add(1, Ordering::SeqCst);
    let found = diagnostics::checked(&ctx.texts(), &[ctx.rel.as_str()], today);
    if ctx.texts().open.contains_key(&ctx.rel) {
        lock(&shared.last_checked).keep(generation, today, ctx.id, ctx.rel.clone(), found.clone());
    }
    found.into()
}

pub(super) fn completion(
    shared: &Shared,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let at = params.text_document_position;
    let today = shared.today();
    let flags = shared.flags();
    let client = handlers::CompletionClient {
        snippets: flags.snippets,
        resolve_documentation: flags.completion_resolve_documentation,
    };
    on_document(shared, &at.text_document.uri, "completion", |ctx| {
        handlers::completion(ctx, at.position, today, client)
    })
    .map(Option::flatten)
}

/// `completionItem/resolve`: a topic item's documentation, computed on the
/// journal as it is now. Items without the server's `data` come back as
/// they are.
pub(super) fn completion_resolve(shared: &Shared, item: CompletionItem) -> Result<CompletionItem> {
    let Some(TopicDoc(uri, at)) = item
        .data
        .clone()
        .and_then(|data| serde_json::from_value(data).ok())
    else {
        return Ok(item);
    };
    let today = shared.today();
    let fallback = item.clone();
    Ok(on_document(shared, &uri, "completion resolve", |ctx| {
        handlers::resolve_completion(ctx, at, today, item)
    })?
    .unwrap_or(fallback))
}

pub(super) fn hover(shared: &Shared, params: HoverParams) -> Result<Option<Hover>> {
    let at = params.text_document_position_params;
    let today = shared.today();
    on_document(shared, &at.text_document.uri, "hover", |ctx| {
        handlers::hover(ctx, at.position, today)
    })
    .map(Option::flatten)
}

pub(super) fn definition(
    shared: &Shared,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let at = params.text_document_position_params;
    on_document(shared, &at.text_document.uri, "definition", |ctx| {
        handlers::definition(ctx, at.position)
    })
    .map(Option::flatten)
}

pub(super) fn references(
    shared: &Shared,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>> {
    let at = params.text_document_position;
    on_document(shared, &at.text_document.uri, "references", |ctx| {
        handlers::references(ctx, at.position, params.context.include_declaration)
    })
    .map(Option::flatten)
}

pub(super) fn prepare_rename(
    shared: &Shared,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    on_document(shared, &params.text_document.uri, "rename", |ctx| {
        handlers::prepare_rename(ctx, params.position)
    })?
    .ok_or_else(not_in_journal)?
    .map(Some)
    .map_err(Error::invalid_params)
}

pub(super) fn rename(shared: &Shared, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let at = params.text_document_position;
    on_document(shared, &at.text_document.uri, "rename", |ctx| {
        handlers::rename(ctx, at.position, &params.new_name)
    })?
    .ok_or_else(not_in_journal)?
    .map(Some)
    .map_err(Error::invalid_params)
}

pub(super) fn document_symbols(
    shared: &Shared,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    on_document(
        shared,
        &params.text_document.uri,
        "document symbols",
        handlers::document_symbols,
    )
    .map(Option::flatten)
}

pub(super) fn workspace_symbols(
    shared: &Shared,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let state = shared.state.read();
    let mut all = Vec::new();
    for folder in state
        .folders
        .iter()
        .filter(|f| f.kind == FolderKind::Workspace)
    {
        let Some(ctx) = Ctx::in_folder(&state, folder.id, String::new()) else {
            continue;
        };
        all.extend(guard("workspace symbols", || {
            handlers::workspace_symbols(&ctx, &params.query)
        })?);
    }
    Ok(Some(WorkspaceSymbolResponse::Nested(all)))
}

pub(super) fn folding_ranges(
    shared: &Shared,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    on_document(shared, &params.text_document.uri, "folding", |ctx| {
        handlers::folding_ranges(ctx)
    })
    .map(Option::flatten)
}

pub(super) fn inlay_hints(
    shared: &Shared,
    params: InlayHintParams,
) -> Result<Option<Vec<InlayHint>>> {
    let today = shared.today();
    on_document(shared, &params.text_document.uri, "inlay hints", |ctx| {
        handlers::inlay_hints(ctx, params.range, today)
    })
    .map(Option::flatten)
}
