//! The `LanguageServer` implementation: one line per protocol method, each
//! handing over to the module that owns it (lifecycle, notifications,
//! requests, pull diagnostics, commands).
//!
//! Ordering rule (tower-lsp-server runs up to four handlers concurrently):
//! every handler does its state work synchronously, before its first
//! `.await`: notifications mutate the state, requests take the snapshot they
//! answer from. Futures are first polled in arrival order, so each answer
//! reflects exactly the edits that came before it. No handler awaits a
//! client request; those run in spawned tasks. The functions handed to
//! below are synchronous, so none of them can await before its state work.
//! The one answer that waits, `workspace/diagnostic`, is a future returned
//! by a synchronous function: it reads the state in batches after its
//! arrival and holds no lock across an `.await` (`pull/workspace.rs`).

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::shared::Shared;
use super::{commands, lifecycle, notifications, pull, requests};

/// A handle on a running server, kept by `run_stdio` after the service is
/// moved into the transport.
pub struct BackendHandle {
    shared: Arc<Shared>,
}

impl BackendHandle {
    /// True once the client sent `shutdown`.
    pub fn shutdown_requested(&self) -> bool {
        self.shared.shutdown.load(Ordering::SeqCst)
    }

    /// Makes the next run of `worker` fail (panic), for tests of recovery.
    #[doc(hidden)]
    pub fn inject_panic(&self, worker: super::Worker) {
        self.shared.faults.inject(worker, 1);
    }

    /// True when the diagnostics worker has nothing in hand, queued or
    /// waiting to be sent (tests wait for it before counting what was sent).
    #[doc(hidden)]
    pub fn diagnostics_settled(&self) -> bool {
        let pending = super::state_lock::lock(&self.shared.pending);
        !self.shared.diagnostics_busy.load(Ordering::SeqCst)
            && self.shared.diagnostics_unsent.load(Ordering::SeqCst) == 0
            && pending.edited.is_empty()
            && pending.scopes.is_empty()
    }

    /// How many code actions checked their file rather than reusing the
    /// diagnostics last checked for it (tests of that reuse).
    #[doc(hidden)]
    pub fn code_action_checks(&self) -> u64 {
        self.shared.code_action_checks.load(Ordering::SeqCst)
    }

    /// Stops the next workspace pull after its first batch of files, until
    /// [`BackendHandle::resume_workspace_pull`] (tests that change the
    /// state in between).
    #[doc(hidden)]
    pub fn pause_next_workspace_pull(&self) {
        self.shared.pulls.pause().arm();
    }

    /// True while a workspace pull waits at that pause.
    #[doc(hidden)]
    pub fn workspace_pull_paused(&self) -> bool {
        self.shared.pulls.pause().is_paused()
    }

    #[doc(hidden)]
    pub fn resume_workspace_pull(&self) {
        self.shared.pulls.pause().resume();
    }

    /// How many workspace pulls are held open, waiting for a change.
    #[doc(hidden)]
    pub fn workspace_pulls_held(&self) -> usize {
        self.shared.pulls.held()
    }

    /// How many passes over the journals workspace pulls made.
    #[doc(hidden)]
    pub fn workspace_pull_passes(&self) -> u64 {
        self.shared.pulls.passes()
    }

    /// How many times the last workspace pull's pass took the state lock.
    #[doc(hidden)]
    pub fn workspace_pull_locks(&self) -> u64 {
        self.shared.pulls.last_pass_locks()
    }

    /// Moves "today" to `date`, as the night passing would (tests of the
    /// midnight watch; a server started on the clock then stays on `date`).
    #[doc(hidden)]
    pub fn set_today(&self, date: jiff::civil::Date) {
        self.shared.clock.set(date);
    }
}

/// The studylog language server.
pub struct Backend {
    shared: Arc<Shared>,
}

impl Backend {
    pub fn new(client: Client, today: Option<jiff::civil::Date>) -> Self {
        Backend {
            shared: Arc::new(Shared::new(client, today)),
        }
    }

    pub fn handle(&self) -> BackendHandle {
        BackendHandle {
            shared: self.shared.clone(),
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        lifecycle::initialize(&self.shared, params)
    }

    async fn initialized(&self, _: InitializedParams) {
        lifecycle::initialized(&self.shared);
    }

    async fn shutdown(&self) -> Result<()> {
        lifecycle::shutdown(&self.shared);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        notifications::isolated(&self.shared, "didOpen", |shared| {
            notifications::did_open(shared, params);
        });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        notifications::isolated(&self.shared, "didChange", |shared| {
            notifications::did_change(shared, params);
        });
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        notifications::isolated(&self.shared, "didClose", |shared| {
            notifications::did_close(shared, params);
        });
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        notifications::isolated(&self.shared, "didSave", |shared| {
            notifications::did_save(shared, params);
        });
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        notifications::isolated(&self.shared, "didChangeWorkspaceFolders", |shared| {
            notifications::did_change_workspace_folders(shared, params);
        });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        notifications::isolated(&self.shared, "didChangeConfiguration", |shared| {
            notifications::did_change_configuration(shared, params);
        });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        notifications::isolated(&self.shared, "didChangeWatchedFiles", |shared| {
            notifications::did_change_watched_files(shared, params);
        });
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        pull::document_diagnostic(&self.shared, params)
    }

    /// The one method whose answer may wait: a workspace pull is held open
    /// while nothing changed, reading the journals in batches (see
    /// `pull/workspace.rs`). Its future comes from a synchronous call too.
    fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> impl Future<Output = Result<WorkspaceDiagnosticReportResult>> + Send {
        pull::workspace_diagnostic(self.shared.clone(), params)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        requests::code_action(&self.shared, params)
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        requests::completion(&self.shared, params)
    }

    async fn completion_resolve(&self, params: CompletionItem) -> Result<CompletionItem> {
        requests::completion_resolve(&self.shared, params)
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        requests::hover(&self.shared, params)
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        requests::definition(&self.shared, params)
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        requests::references(&self.shared, params)
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        requests::prepare_rename(&self.shared, params)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        requests::rename(&self.shared, params)
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        requests::document_symbols(&self.shared, params)
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        requests::workspace_symbols(&self.shared, params)
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        requests::folding_ranges(&self.shared, params)
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        requests::inlay_hints(&self.shared, params)
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        commands::execute(&self.shared, params)
    }
}

#[cfg(test)]
mod tests {
    /// The ordering rule, enforced: every protocol method hands over to a
    /// synchronous function and awaits nothing itself, so no handler can
    /// yield before its state work (an `.await` ahead of a state read would
    /// let a later edit in first, and no other test would notice reliably).
    #[test]
    fn no_protocol_method_awaits() {
        let source = include_str!("server.rs");
        let methods = source
            .split("impl LanguageServer for Backend")
            .nth(1)
            .and_then(|rest| rest.split("#[cfg(test)]").next())
            .unwrap_or_default();
        assert!(methods.contains("async fn did_change("));
        let awaiting: Vec<&str> = methods
            .lines()
            .filter(|line| line.contains(".await"))
            .collect();
        assert!(
            awaiting.is_empty(),
            "protocol methods that await: {awaiting:?}"
        );
    }
}
