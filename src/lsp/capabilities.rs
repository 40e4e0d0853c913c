//! What the client can do (read once from `initialize`) and what the server
//! offers in return.

use tower_lsp_server::ls_types::*;

use super::commands;
use super::diagnostics;

/// What the client can do, read once from `initialize`.
#[derive(Clone, Debug, Default)]
pub(super) struct ClientFlags {
    pub(super) work_done_progress: bool,
    pub(super) dynamic_watched_files: bool,
    pub(super) configuration: bool,
    /// Pull diagnostics only: the client pulls (`textDocument/diagnostic`)
    /// and can be told to re-pull (`workspace/diagnostic/refresh`). Clients
    /// that only pull for open files (Neovim) get pushed diagnostics.
    pub(super) pull_diagnostics: bool,
    pub(super) resource_create: bool,
    pub(super) snippets: bool,
    /// The client fetches a completion item's `documentation` with
    /// `completionItem/resolve` when the item is selected.
    pub(super) completion_resolve_documentation: bool,
    pub(super) show_document: bool,
    pub(super) inlay_hint_refresh: bool,
}

impl ClientFlags {
    pub(super) fn from(caps: &ClientCapabilities) -> Self {
        let ws = caps.workspace.as_ref();
        let text = caps.text_document.as_ref();
        ClientFlags {
            work_done_progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            dynamic_watched_files: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
            pull_diagnostics: text.and_then(|t| t.diagnostic.as_ref()).is_some()
                && ws
                    .and_then(|w| w.diagnostics.as_ref())
                    .and_then(|d| d.refresh_support)
                    .unwrap_or(false),
            resource_create: ws
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
            snippets: text
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            completion_resolve_documentation: text
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "documentation")),
            show_document: caps
                .window
                .as_ref()
                .and_then(|w| w.show_document.as_ref())
                .is_some_and(|s| s.support),
            inlay_hint_refresh: ws
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|i| i.refresh_support)
                .unwrap_or(false),
        }
    }
}

/// The capabilities the server announces, in the negotiated position
/// `encoding`; pull diagnostics only to clients that pull.
pub(super) fn server_capabilities(
    encoding: PositionEncodingKind,
    flags: &ClientFlags,
) -> ServerCapabilities {
    let diagnostic_provider = flags.pull_diagnostics.then(|| {
        DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some(diagnostics::SOURCE.to_string()),
            inter_file_dependencies: true,
            workspace_diagnostics: true,
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })
    });
    ServerCapabilities {
        position_encoding: Some(encoding),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                // A save ends the "entry being filled in" state (hints back
                // to their own severity).
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: commands::ALL.iter().map(|c| c.to_string()).collect(),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::SOURCE]),
            ..Default::default()
        })),
        completion_provider: Some(CompletionOptions {
            // `#` tags, `[[` links, `::` field values, `, ` lists,
            // `## ` dates.
            trigger_characters: Some(["#", "[", ":", ",", " "].map(String::from).to_vec()),
            // Topic items' documentation, for clients that resolve it.
            resolve_provider: Some(true),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        diagnostic_provider,
        ..Default::default()
    }
}
