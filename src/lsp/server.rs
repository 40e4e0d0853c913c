//! The `LanguageServer` implementation: lifecycle, document sync, workspace
//! folders, configuration, file watching, diagnostics (push and pull) and
//! commands, with feature requests handed to the pure core.
//!
//! Ordering rule (tower-lsp-server runs up to four handlers concurrently):
//! every handler does its state work synchronously, before its first
//! `.await`: notifications mutate the state, requests take the snapshot they
//! answer from. Futures are first polled in arrival order, so each answer
//! reflects exactly the edits that came before it. No handler awaits a
//! client request; those run in spawned tasks.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use serde_json::Value;
use tokio::sync::Notify;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::notification::Progress as ProgressNotification;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::config::{self as settings, SETTINGS_SECTION};
use super::convert::{self, uri_to_path};
use super::diagnostics::{self, EMPTY_DIGEST, FileReport, Publisher};
use super::disk::{self, DiskText};
use super::impact::Scope;
use super::state::{Effects, FolderId, FolderKind, State};
use super::watch::FolderWatcher;
use super::{commands, handlers};
use crate::config::CONFIG_FILE;

/// How long the server waits for the client to answer
/// `workspace/configuration` at start before indexing with what it has.
const CONFIG_TIMEOUT: Duration = Duration::from_secs(3);

/// How many files the diagnostics worker re-checks while it holds the state
/// lock (shared), between which edits get their turn. An edit that arrives
/// during a batch waits for its end (requests read alongside): 256 files
/// cost about 10 ms at 50,000 notes and showed up as the completion p99 of
/// the first keystrokes after indexing (the first pass was still running);
/// 64 daily notes cost about 0.25 ms, and a whole 50,000-note journal is
/// still under two thousand batches, whose fixed cost (one `missed-days`
/// lookup per batch) stays small.
const BATCH_FILES: usize = 64;

/// How much text a batch checks at most, as the cost of a file grows with
/// it: 64 multi-entry logs of 13 KB each took 3 ms a batch (against 0.25 ms
/// for 64 daily notes of 0.7 KB), and every keystroke typed while the first
/// pass went through them waited about that long. 64 KiB is about 0.3 ms.
const BATCH_BYTES: usize = 64 * 1024;

/// What the client can do, read once from `initialize`.
#[derive(Clone, Debug, Default)]
struct ClientFlags {
    work_done_progress: bool,
    dynamic_watched_files: bool,
    configuration: bool,
    /// Pull diagnostics only: the client pulls (`textDocument/diagnostic`)
    /// and can be told to re-pull (`workspace/diagnostic/refresh`). Clients
    /// that only pull for open files (Neovim) get pushed diagnostics.
    pull_diagnostics: bool,
    resource_create: bool,
    snippets: bool,
    show_document: bool,
    inlay_hint_refresh: bool,
}

impl ClientFlags {
    fn from(caps: &ClientCapabilities) -> Self {
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

/// Diagnostics work queued by state changes, taken by the worker.
#[derive(Debug, Default)]
struct Pending {
    /// Open documents that were edited: their own diagnostics go out first.
    edited: Vec<(FolderId, String)>,
    /// Files to re-check per journal (merged: a newer edit adds to, and an
    /// `all` absorbs, what is still waiting).
    scopes: HashMap<FolderId, Scope>,
}

/// Everything the handlers and the background tasks share.
struct Shared {
    client: Client,
    state: StateLock,
    flags: OnceLock<ClientFlags>,
    /// Signalled whenever a journal changed and diagnostics are due.
    dirty: Notify,
    /// Diagnostics work not yet done: edited open documents first, then the
    /// files whose facts moved, per journal.
    pending: Mutex<Pending>,
    /// Paths that changed on disk, from the client's watcher or ours.
    disk_changes: UnboundedSender<Vec<PathBuf>>,
    disk_receiver: Mutex<Option<UnboundedReceiver<Vec<PathBuf>>>>,
    watcher: Mutex<Option<FolderWatcher>>,
    /// True when the server watches the folders itself: the client cannot
    /// register file watching, or refused it.
    own_watcher: AtomicBool,
    shutdown: AtomicBool,
    progress_tokens: AtomicU64,
    /// A fixed "today" (tests), else [`super::today`] at each use.
    today: Option<jiff::civil::Date>,
}

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
}

/// The studylog language server.
pub struct Backend {
    shared: Arc<Shared>,
}

/// Locks a mutex, recovering the data if a panicking thread poisoned it
/// (the state stays usable: every mutation leaves it consistent).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The state behind a readers-writer lock, with the handlers going ahead of
/// the diagnostics worker's background batches.
///
/// Requests and the worker read, so a completion or hover never waits for a
/// batch; edits write, and wait for the batch in progress only. That needs
/// the worker to let a waiting handler in: std's locks are not fair, and a
/// thread that releases a lock and takes it again at once overtakes the
/// waiter it just woke (which still has to be scheduled). Measured at
/// 50,000 notes on the loaded 2-core machine, a keystroke waited behind
/// nine consecutive batches (35 ms) of the first diagnostics pass, and with
/// a plain mutex a completion behind ten (13 ms). So handlers count
/// themselves while they wait ([`StateLock::read`], [`StateLock::write`]),
/// and the worker waits in [`StateLock::background_turn`] until none does
/// before it takes the lock again.
struct StateLock {
    state: RwLock<State>,
    /// Handlers waiting for the lock (or about to take it).
    waiting: AtomicUsize,
    /// Signalled when the last waiting handler got the lock.
    handlers_in: Notify,
}

impl StateLock {
    fn new() -> Self {
        StateLock {
            state: RwLock::new(State::default()),
            waiting: AtomicUsize::new(0),
            handlers_in: Notify::new(),
        }
    }

    /// The shared lock, for a handler.
    fn read(&self) -> RwLockReadGuard<'_, State> {
        self.as_handler(|| self.read_background())
    }

    /// The exclusive lock, for a handler. Locks recover the data if a
    /// panicking thread poisoned them (every mutation leaves the state
    /// consistent).
    fn write(&self) -> RwLockWriteGuard<'_, State> {
        self.as_handler(|| {
            self.state
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        })
    }

    fn as_handler<G>(&self, take: impl FnOnce() -> G) -> G {
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let guard = take();
        if self.waiting.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.handlers_in.notify_waiters();
        }
        guard
    }

    /// Returns once no handler waits for the lock: the worker's turn.
    async fn background_turn(&self) {
        loop {
            let handlers_in = self.handlers_in.notified();
            let mut handlers_in = std::pin::pin!(handlers_in);
            // Registered before the check, so that a handler getting in
            // between the two still wakes this wait.
            handlers_in.as_mut().enable();
            if self.waiting.load(Ordering::SeqCst) == 0 {
                return;
            }
            handlers_in.await;
        }
    }

    /// The shared lock, for the diagnostics worker (after
    /// [`StateLock::background_turn`] where it takes the lock over and over).
    fn read_background(&self) -> RwLockReadGuard<'_, State> {
        self.state
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Backend {
    pub fn new(client: Client, today: Option<jiff::civil::Date>) -> Self {
        let (disk_changes, receiver) = unbounded_channel();
        Backend {
            shared: Arc::new(Shared {
                client,
                state: StateLock::new(),
                flags: OnceLock::new(),
                dirty: Notify::new(),
                pending: Mutex::new(Pending::default()),
                disk_changes,
                disk_receiver: Mutex::new(Some(receiver)),
                watcher: Mutex::new(None),
                own_watcher: AtomicBool::new(false),
                shutdown: AtomicBool::new(false),
                progress_tokens: AtomicU64::new(0),
                today,
            }),
        }
    }

    pub fn handle(&self) -> BackendHandle {
        BackendHandle {
            shared: self.shared.clone(),
        }
    }

    fn flags(&self) -> ClientFlags {
        self.shared.flags.get().cloned().unwrap_or_default()
    }

    fn state(&self) -> RwLockReadGuard<'_, State> {
        self.shared.state.read()
    }

    fn state_mut(&self) -> RwLockWriteGuard<'_, State> {
        self.shared.state.write()
    }
}

impl Shared {
    fn flags(&self) -> ClientFlags {
        self.flags.get().cloned().unwrap_or_default()
    }

    fn today(&self) -> jiff::civil::Date {
        self.today.unwrap_or_else(super::today)
    }

    /// Asks the client to re-request inlay hints (after a config change:
    /// they may have been switched off, or count differently).
    fn refresh_inlay_hints(&self) {
        if !self.flags().inlay_hint_refresh {
            return;
        }
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(e) = client.inlay_hint_refresh().await {
                tracing::debug!("workspace/inlayHint/refresh: {e}");
            }
        });
    }

    /// Acts on what a state change asks for: diagnostics, rescans.
    fn effects(self: &Arc<Self>, effects: Effects) {
        if !effects.rescan.is_empty() {
            let shared = self.clone();
            tokio::spawn(async move { index_folders(&shared, effects.rescan, false).await });
        }
        if !effects.edited.is_empty() || !effects.scopes.is_empty() {
            let mut pending = lock(&self.pending);
            for edited in effects.edited {
                if !pending.edited.contains(&edited) {
                    pending.edited.push(edited);
                }
            }
            for (id, scope) in effects.scopes {
                pending.scopes.entry(id).or_default().merge(scope);
            }
        }
        if effects.dirty {
            self.dirty.notify_one();
        }
    }
}

/// The diagnostics reports of `paths` in a journal, computed on the live
/// state under the shared lock (per-file checks are cheap; the lock is held
/// for one batch at most). Pushes wait for the journal to be indexed
/// (`indexed_only`), as workspace-wide checks would see a partial journal;
/// a pull answers from what is indexed so far.
fn reports_now(
    state: &State,
    id: FolderId,
    paths: &[&str],
    today: jiff::civil::Date,
    indexed_only: bool,
) -> Option<Vec<FileReport>> {
    if indexed_only && !state.folder(id)?.indexed {
        return None;
    }
    let ctx = handlers::Ctx::in_folder(state, id, String::new())?;
    let texts = ctx.texts();
    Some(diagnostics::reports(&texts, paths, today))
}

/// Answers with an internal error instead of unwinding when a core function
/// panics on some input: one bad request must not take the server down.
fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| {
        tracing::error!("{what} panicked");
        Error {
            code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
            message: format!("studylog: {what} failed on this input").into(),
            data: None,
        }
    })
}

fn invalid_params(message: impl Into<String>) -> Error {
    Error::invalid_params(message.into())
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let (unit, encoding) = convert::negotiate_encoding(&params.capabilities);
        let flags = ClientFlags::from(&params.capabilities);
        let _ = self.shared.flags.set(flags.clone());
        self.shared
            .own_watcher
            .store(!flags.dynamic_watched_files, Ordering::SeqCst);
        let init_settings = params
            .initialization_options
            .as_ref()
            .map(settings::section)
            .unwrap_or(Value::Null);
        {
            let mut state = self.state_mut();
            *state = State::new(unit, init_settings);
            #[allow(deprecated)]
            let folders: Vec<Uri> = match (&params.workspace_folders, &params.root_uri) {
                (Some(folders), _) if !folders.is_empty() => {
                    folders.iter().map(|f| f.uri.clone()).collect()
                }
                (_, Some(root)) => vec![root.clone()],
                _ => Vec::new(),
            };
            for uri in &folders {
                state.add_workspace_folder(uri);
            }
        }
        tracing::info!(
            "initialize: {} folder(s), positions in {}",
            self.state().folders.len(),
            encoding.as_str()
        );
        let diagnostic_provider = flags.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some(diagnostics::SOURCE.to_string()),
                inter_file_dependencies: true,
                workspace_diagnostics: true,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        });
        Ok(InitializeResult {
            offset_encoding: None,
            server_info: Some(ServerInfo {
                name: "studylog".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
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
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::SOURCE,
                        ]),
                        ..Default::default()
                    },
                )),
                completion_provider: Some(CompletionOptions {
                    // `#` tags, `[[` links, `::` field values, `, ` lists,
                    // `## ` dates.
                    trigger_characters: Some(["#", "[", ":", ",", " "].map(String::from).to_vec()),
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
            },
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let shared = self.shared.clone();
        tokio::spawn(diagnostics_worker(shared.clone()));
        if let Some(receiver) = lock(&shared.disk_receiver).take() {
            tokio::spawn(disk_worker(shared.clone(), receiver));
        }
        tokio::spawn(async move { startup(shared).await });
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        if let Some(watcher) = lock(&self.shared.watcher).take() {
            drop(watcher);
        }
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let effects = self
            .state_mut()
            .open_doc(doc.uri, &doc.text, doc.version, doc.language_id);
        self.shared.effects(effects);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let doc = params.text_document;
        let result = self
            .state_mut()
            .change_doc(&doc.uri, params.content_changes, doc.version);
        match result {
            Ok(effects) => self.shared.effects(effects),
            Err(e) => tracing::warn!("{e}"),
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let (effects, reread) = self.state_mut().close_doc(&params.text_document.uri);
        self.shared.effects(effects);
        if let Some(path) = reread {
            // The unsaved text is gone: the journal goes back to the disk.
            let _ = self.shared.disk_changes.send(vec![path]);
        }
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {}

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let added = {
            let mut state = self.state_mut();
            for removed in &params.event.removed {
                if state.remove_workspace_folder(&removed.uri).is_some() {
                    tracing::info!("removed folder {}", removed.uri.as_str());
                }
            }
            let mut added = Vec::new();
            for folder in &params.event.added {
                if let Some(id) = state.add_workspace_folder(&folder.uri) {
                    added.push(id);
                }
            }
            added
        };
        for removed in &params.event.removed {
            if let Some(path) = uri_to_path(&removed.uri) {
                if let Some(watcher) = lock(&self.shared.watcher).as_mut() {
                    watcher.unwatch(&path);
                }
            }
        }
        // Removed journals' diagnostics are cleared by the worker.
        self.shared.dirty.notify_one();
        if !added.is_empty() {
            let shared = self.shared.clone();
            tokio::spawn(async move {
                watch_folders(&shared, &added);
                fetch_configuration(&shared).await;
                index_folders(&shared, added, true).await;
            });
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pushed = settings::section(&params.settings);
        let has_pushed = matches!(&pushed, Value::Object(m) if !m.is_empty());
        if has_pushed {
            let effects = {
                let mut state = self.state_mut();
                state.settings = pushed;
                state.reconfigure_all()
            };
            self.shared.effects(effects);
            self.shared.refresh_inlay_hints();
        }
        if self.flags().configuration {
            let shared = self.shared.clone();
            tokio::spawn(async move { fetch_configuration(&shared).await });
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let paths: Vec<PathBuf> = params
            .changes
            .iter()
            .filter_map(|c| uri_to_path(&c.uri))
            .collect();
        if !paths.is_empty() {
            let _ = self.shared.disk_changes.send(paths);
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let today = self.shared.today();
        let located = self.state().locate_uri(&uri);
        let (items, digest) = match located {
            Some((id, rel)) => {
                let found = guard("diagnostics", || {
                    reports_now(&self.state(), id, &[rel.as_str()], today, false)
                })?;
                match found.and_then(|r| r.into_iter().next()) {
                    Some(report) => (report.items, report.digest),
                    None => (Vec::new(), EMPTY_DIGEST.to_string()),
                }
            }
            None => (Vec::new(), EMPTY_DIGEST.to_string()),
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

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        let today = self.shared.today();
        let results: Vec<FileReport> = guard("workspace diagnostics", || {
            let state = self.state();
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
                if previous.get(&file.uri) == Some(&file.digest) {
                    items.push(WorkspaceDocumentDiagnosticReport::Unchanged(
                        WorkspaceUnchangedDocumentDiagnosticReport {
                            uri: file.uri.clone(),
                            version,
                            unchanged_document_diagnostic_report:
                                UnchangedDocumentDiagnosticReport {
                                    result_id: file.digest.clone(),
                                },
                        },
                    ));
                } else {
                    items.push(WorkspaceDocumentDiagnosticReport::Full(
                        WorkspaceFullDocumentDiagnosticReport {
                            uri: file.uri.clone(),
                            version,
                            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                                result_id: Some(file.digest.clone()),
                                items: file.items.clone(),
                            },
                        },
                    ));
                }
            }
        }
        // Files the client holds diagnostics for that are clean now.
        for (uri, id) in previous {
            if !reported.contains(&uri) && id != EMPTY_DIGEST {
                items.push(WorkspaceDocumentDiagnosticReport::Full(
                    WorkspaceFullDocumentDiagnosticReport {
                        uri,
                        version: None,
                        full_document_diagnostic_report: FullDocumentDiagnosticReport {
                            result_id: Some(EMPTY_DIGEST.to_string()),
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

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = &params.text_document.uri;
        let today = self.shared.today();
        let state = self.state();
        let Some((id, rel)) = state.locate_uri(uri) else {
            return Ok(None);
        };
        let Some(ctx) = handlers::Ctx::in_folder(&state, id, rel) else {
            return Ok(None);
        };
        guard("code actions", || {
            let file_diagnostics = crate::checks::check_file(ctx.ws(), &ctx.rel, today);
            Some(handlers::code_actions(
                &ctx,
                params.range,
                &file_diagnostics,
                &params.context,
                today,
            ))
        })
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position;
        let today = self.shared.today();
        let snippets = self.flags().snippets;
        let state = self.state();
        let Some(ctx) = handlers::Ctx::new(&state, &at.text_document.uri) else {
            return Ok(None);
        };
        guard("completion", || {
            handlers::completion(&ctx, at.position, today, snippets)
        })
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let today = self.shared.today();
        let state = self.state();
        let Some(ctx) = handlers::Ctx::new(&state, &at.text_document.uri) else {
            return Ok(None);
        };
        guard("hover", || handlers::hover(&ctx, at.position, today))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let state = self.state();
        let Some(ctx) = handlers::Ctx::new(&state, &at.text_document.uri) else {
            return Ok(None);
        };
        guard("definition", || handlers::definition(&ctx, at.position))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let state = self.state();
        let Some(ctx) = handlers::Ctx::new(&state, &at.text_document.uri) else {
            return Ok(None);
        };
        guard("references", || {
            handlers::references(&ctx, at.position, params.context.include_declaration)
        })
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let state = self.state();
        let Some(ctx) = handlers::Ctx::new(&state, &params.text_document.uri) else {
            return Err(invalid_params("this file is not part of a journal"));
        };
        guard("rename", || handlers::prepare_rename(&ctx, params.position))?
            .map(Some)
            .map_err(Error::invalid_params)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let state = self.state();
        let Some(ctx) = handlers::Ctx::new(&state, &at.text_document.uri) else {
            return Err(invalid_params("this file is not part of a journal"));
        };
        guard("rename", || {
            handlers::rename(&ctx, at.position, &params.new_name)
        })?
        .map(Some)
        .map_err(Error::invalid_params)
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let state = self.state();
        let Some(ctx) = handlers::Ctx::new(&state, &params.text_document.uri) else {
            return Ok(None);
        };
        guard("document symbols", || handlers::document_symbols(&ctx))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let state = self.state();
        let mut all = Vec::new();
        for folder in state
            .folders
            .iter()
            .filter(|f| f.kind == FolderKind::Workspace)
        {
            let Some(ctx) = handlers::Ctx::in_folder(&state, folder.id, String::new()) else {
                continue;
            };
            all.extend(guard("workspace symbols", || {
                handlers::workspace_symbols(&ctx, &params.query)
            })?);
        }
        Ok(Some(WorkspaceSymbolResponse::Nested(all)))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let state = self.state();
        let Some(ctx) = handlers::Ctx::new(&state, &params.text_document.uri) else {
            return Ok(None);
        };
        guard("folding", || handlers::folding_ranges(&ctx))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let today = self.shared.today();
        let state = self.state();
        let Some(ctx) = handlers::Ctx::new(&state, &params.text_document.uri) else {
            return Ok(None);
        };
        guard("inlay hints", || {
            handlers::inlay_hints(&ctx, params.range, today)
        })
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
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
            commands::STATS => {
                let today = self.shared.today();
                let state = self.state();
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
                let mut value = serde_json::to_value(stats)
                    .map_err(|e| Error::invalid_params(e.to_string()))?;
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
            commands::NEW_ENTRY => {
                let plan = self.new_entry_plan(target.as_ref())?;
                let shown = plan
                    .edit
                    .as_ref()
                    .and_then(|e| serde_json::to_value(e).ok());
                let client = self.shared.client.clone();
                let show_document = self.flags().show_document;
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
}

impl Backend {
    /// What `studylog.newEntry` does from the given document, or from the
    /// first journal when none is given.
    fn new_entry_plan(&self, target: Option<&Uri>) -> Result<handlers::NewEntryPlan> {
        let today = self.shared.today();
        let state = self.state();
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
        if creates && !self.flags().resource_create {
            return Err(invalid_params(
                "studylog.newEntry: today's note must be created, and this editor cannot create files",
            ));
        }
        Ok(plan)
    }
}

/// After `initialized`: watch files, ask for settings, index every folder.
async fn startup(shared: Arc<Shared>) {
    let flags = shared.flags();
    let ids: Vec<FolderId> = shared
        .state
        .read()
        .folders
        .iter()
        .filter(|f| f.kind == FolderKind::Workspace)
        .map(|f| f.id)
        .collect();
    if flags.dynamic_watched_files {
        register_watchers(&shared).await;
    } else {
        watch_folders(&shared, &ids);
    }
    fetch_configuration(&shared).await;
    index_folders(&shared, ids, true).await;
}

async fn register_watchers(shared: &Arc<Shared>) {
    let watchers: Vec<FileSystemWatcher> = ["**/*.md", "**/*.markdown", "**/studylog.toml"]
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.to_string()),
            kind: None,
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let registration = Registration {
        id: "studylog-watched-files".to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(options).ok(),
    };
    if let Err(e) = shared.client.register_capability(vec![registration]).await {
        tracing::warn!("client refused file watching ({e}); watching the folders ourselves");
        shared.own_watcher.store(true, Ordering::SeqCst);
        let ids: Vec<FolderId> = shared.state.read().folders.iter().map(|f| f.id).collect();
        watch_folders(shared, &ids);
    }
}

/// Starts (or extends) our own watcher over these folders, when the client
/// does not watch files for us.
fn watch_folders(shared: &Arc<Shared>, ids: &[FolderId]) {
    if !shared.own_watcher.load(Ordering::SeqCst) {
        return;
    }
    let roots: Vec<PathBuf> = {
        let state = shared.state.read();
        ids.iter()
            .filter_map(|id| state.folder(*id))
            .filter(|f| f.kind == FolderKind::Workspace)
            .map(|f| f.root.clone())
            .collect()
    };
    let mut slot = lock(&shared.watcher);
    if slot.is_none() {
        match FolderWatcher::start(shared.disk_changes.clone()) {
            Ok(watcher) => *slot = Some(watcher),
            Err(e) => {
                tracing::warn!("cannot watch files: {e}");
                return;
            }
        }
    }
    if let Some(watcher) = slot.as_mut() {
        for root in roots {
            watcher.watch(&root);
        }
    }
}

/// Asks the client for the `studylog` settings, globally and per folder,
/// and applies them. Waits at most [`CONFIG_TIMEOUT`].
async fn fetch_configuration(shared: &Arc<Shared>) {
    if !shared.flags().configuration {
        return;
    }
    let folders: Vec<(FolderId, Uri)> = shared
        .state
        .read()
        .folders
        .iter()
        .filter(|f| f.kind == FolderKind::Workspace)
        .map(|f| (f.id, f.uri.clone()))
        .collect();
    let mut items = vec![ConfigurationItem {
        scope_uri: None,
        section: Some(SETTINGS_SECTION.to_string()),
    }];
    items.extend(folders.iter().map(|(_, uri)| ConfigurationItem {
        scope_uri: Some(uri.clone()),
        section: Some(SETTINGS_SECTION.to_string()),
    }));
    let answer = tokio::time::timeout(CONFIG_TIMEOUT, shared.client.configuration(items)).await;
    let values = match answer {
        Ok(Ok(values)) => values,
        Ok(Err(e)) => {
            tracing::warn!("workspace/configuration failed: {e}");
            return;
        }
        Err(_) => {
            tracing::warn!("the client did not answer workspace/configuration");
            return;
        }
    };
    let effects = {
        let mut state = shared.state.write();
        // An empty answer (a client with nothing configured) keeps what
        // `initializationOptions` said.
        let given = |v: &Value| matches!(v, Value::Object(m) if !m.is_empty());
        let mut values = values.into_iter();
        if let Some(global) = values.next() {
            if given(&global) {
                state.settings = global;
            }
        }
        for ((id, _), value) in folders.iter().zip(values) {
            state.set_scoped_settings(*id, given(&value).then_some(value));
        }
        state.reconfigure_all()
    };
    shared.effects(effects);
    shared.refresh_inlay_hints();
}

/// Walks folders from disk and installs what was found, reporting
/// `$/progress` when the client shows it (and `with_progress` is asked).
async fn index_folders(shared: &Arc<Shared>, ids: Vec<FolderId>, with_progress: bool) {
    if ids.is_empty() {
        return;
    }
    let token = if with_progress && shared.flags().work_done_progress {
        let n = shared.progress_tokens.fetch_add(1, Ordering::SeqCst);
        let token = ProgressToken::String(format!("studylog/index/{n}"));
        match shared.client.create_work_done_progress(token.clone()).await {
            Ok(()) => Some(token),
            Err(e) => {
                tracing::debug!("no progress shown: {e}");
                None
            }
        }
    } else {
        None
    };
    let total = ids.len();
    if let Some(token) = &token {
        progress(
            shared,
            token,
            WorkDoneProgress::Begin(WorkDoneProgressBegin {
                title: "studylog: indexing the journal".to_string(),
                cancellable: Some(false),
                message: Some(format!("0/{total} folders")),
                percentage: Some(0),
            }),
        )
        .await;
    }
    let mut files = 0;
    for (done, id) in ids.into_iter().enumerate() {
        let root = match shared.state.read().folder(id) {
            Some(f) => f.root.clone(),
            None => continue,
        };
        let scanned = tokio::task::spawn_blocking(move || {
            let config = match disk::read_text(&root.join(CONFIG_FILE)) {
                DiskText::Text(text) => Some(Arc::<str>::from(text)),
                _ => None,
            };
            (crate::scan::load_workspace(&root), config)
        })
        .await;
        match scanned {
            Ok((Ok((ws, skipped)), config)) => {
                for skip in skipped {
                    tracing::info!("skipped {}: {}", skip.path.display(), skip.reason);
                }
                files += ws.files().count();
                let effects = shared.state.write().install_scan(id, ws, config);
                shared.effects(effects);
            }
            Ok((Err(e), _)) => {
                tracing::warn!("cannot index folder: {e}");
                let effects = shared
                    .state
                    .write()
                    .install_scan(id, Default::default(), None);
                shared.effects(effects);
            }
            Err(e) => tracing::error!("indexing failed: {e}"),
        }
        if let Some(token) = &token {
            let done = done + 1;
            progress(
                shared,
                token,
                WorkDoneProgress::Report(WorkDoneProgressReport {
                    cancellable: Some(false),
                    message: Some(format!("{done}/{total} folders, {files} files")),
                    percentage: Some((done * 100 / total) as u32),
                }),
            )
            .await;
        }
    }
    if let Some(token) = &token {
        progress(
            shared,
            token,
            WorkDoneProgress::End(WorkDoneProgressEnd {
                message: Some(format!("{files} files indexed")),
            }),
        )
        .await;
    }
}

async fn progress(shared: &Shared, token: &ProgressToken, value: WorkDoneProgress) {
    shared
        .client
        .send_notification::<ProgressNotification>(ProgressParams {
            token: token.clone(),
            value: ProgressParamsValue::WorkDone(value),
        })
        .await;
}

/// Applies files changed on disk: re-reads each path (or walks a new
/// folder) off the async threads, then updates the journals.
async fn disk_worker(shared: Arc<Shared>, mut receiver: UnboundedReceiver<Vec<PathBuf>>) {
    while let Some(mut paths) = receiver.recv().await {
        while let Ok(more) = receiver.try_recv() {
            paths.extend(more);
        }
        paths.sort();
        paths.dedup();
        // Only paths some journal cares about: markdown files, config files,
        // and folders (created or deleted ones), outside hidden folders.
        let paths: Vec<PathBuf> = {
            let state = shared.state.read();
            paths
                .into_iter()
                .filter(|p| match state.locate(p) {
                    Some((_, rel)) => !rel
                        .split('/')
                        .any(|part| part.starts_with('.') || part == "node_modules"),
                    None => false,
                })
                .collect()
        };
        if paths.is_empty() {
            continue;
        }
        let read = tokio::task::spawn_blocking(move || {
            paths.into_iter().map(read_change).collect::<Vec<_>>()
        })
        .await;
        let Ok(changes) = read else {
            continue;
        };
        let mut effects = Effects::default();
        {
            let mut state = shared.state.write();
            for change in changes {
                for (path, disk) in change {
                    let e = match disk {
                        DiskText::Missing => {
                            let mut e = state.remove_under(&path);
                            e.merge(state.apply_disk(&path, DiskText::Missing));
                            e
                        }
                        disk => state.apply_disk(&path, disk),
                    };
                    effects.merge(e);
                }
            }
        }
        shared.effects(effects);
    }
}

/// What the disk holds at a changed path: the file, every journal file of a
/// folder that appeared, or nothing.
fn read_change(path: PathBuf) -> Vec<(PathBuf, DiskText)> {
    if path.is_dir() {
        let mut out = Vec::new();
        let walk = ignore::WalkBuilder::new(&path).require_git(false).build();
        for entry in walk.flatten() {
            let p = entry.path();
            let name = p.to_string_lossy();
            if p.is_file() && (disk::is_markdown(&name) || name.ends_with(CONFIG_FILE)) {
                out.push((p.to_path_buf(), disk::read_text(p)));
            }
        }
        return out;
    }
    let name = path.to_string_lossy();
    let relevant = disk::is_markdown(&name) || name.ends_with(CONFIG_FILE) || !path.exists();
    if !relevant {
        return Vec::new();
    }
    let text = disk::read_text(&path);
    vec![(path, text)]
}

/// Publishes diagnostics whenever a journal changed. Edited open documents
/// come first, each checked on its own against the journal as it is now and
/// published with its version; then, in batches of [`BATCH_FILES`] (or
/// [`BATCH_BYTES`]) with the state lock released in between and waiting
/// handlers let in first, the other files whose facts moved (see
/// [`super::impact`]). Work queued meanwhile merges into what waits, and
/// a newer edit's document goes ahead of the remaining batches, so a burst
/// of keystrokes never queues whole-journal passes behind each other.
/// Only files whose diagnostics changed are sent.
async fn diagnostics_worker(shared: Arc<Shared>) {
    let mut publisher = Publisher::default();
    // Files still to re-check, per journal.
    let mut queues: HashMap<FolderId, Queue> = HashMap::new();
    let mut last_today = shared.today();
    loop {
        shared.dirty.notified().await;
        loop {
            let push = !shared.flags().pull_diagnostics;
            let mut changed = false;
            // Looked at under the shared lock: the exclusive one is taken
            // only in the rare round that has a removed folder to take.
            let any_removed = !shared.state.read_background().removed.is_empty();
            let removed = if any_removed {
                std::mem::take(&mut shared.state.write().removed)
            } else {
                Vec::new()
            };
            for id in removed {
                queues.remove(&id);
                lock(&shared.pending).scopes.remove(&id);
                for params in publisher.forget(id) {
                    changed = true;
                    publish(&shared, push, params).await;
                }
            }
            // A new day moves future dates and missed days everywhere.
            let today = shared.today();
            if today != last_today {
                last_today = today;
                let ids: Vec<FolderId> = shared
                    .state
                    .read_background()
                    .folders
                    .iter()
                    .map(|f| f.id)
                    .collect();
                let mut pending = lock(&shared.pending);
                for id in ids {
                    pending.scopes.entry(id).or_default().merge(Scope::all());
                }
            }
            let (edited, scopes) = {
                let mut pending = lock(&shared.pending);
                (
                    std::mem::take(&mut pending.edited),
                    std::mem::take(&mut pending.scopes),
                )
            };
            for (id, path) in edited {
                if let Some(queue) = queues.get_mut(&id) {
                    queue.paths.remove(&path);
                }
                shared.state.background_turn().await;
                let reports = reports_now(
                    &shared.state.read_background(),
                    id,
                    &[path.as_str()],
                    today,
                    true,
                );
                let Some(reports) = reports else {
                    continue;
                };
                for params in publisher.update(id, reports) {
                    changed = true;
                    publish(&shared, push, params).await;
                }
            }
            for (id, scope) in scopes {
                expand(&publisher, id, scope, queues.entry(id).or_default());
            }
            // One batch of background work, then look for newer edits.
            shared.state.background_turn().await;
            let batch = queues
                .iter_mut()
                .find(|(_, q)| !q.is_empty())
                .map(|(id, q)| (*id, next_batch(&shared, *id, q)));
            queues.retain(|_, q| !q.is_empty());
            if let Some((id, paths)) = batch {
                let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
                shared.state.background_turn().await;
                let reports = reports_now(&shared.state.read_background(), id, &refs, today, true);
                if let Some(reports) = reports {
                    for params in publisher.update(id, reports) {
                        changed = true;
                        publish(&shared, push, params).await;
                    }
                }
            }
            if changed && !push {
                refresh_pull(&shared);
            }
            if queues.is_empty()
                && lock(&shared.pending).edited.is_empty()
                && lock(&shared.pending).scopes.is_empty()
            {
                break;
            }
            // Give the processor up, not only this task's turn: the pass is
            // CPU-bound, and where the cores are busy the handler thread it
            // woke (by taking the lock, or a keystroke's read that let it
            // in) otherwise waits for the scheduler to preempt the worker,
            // a slice of several ms. Pinned to one core at 50,000 notes
            // this made the completion p99 about 4.5 ms instead of 1.
            std::thread::yield_now();
            tokio::task::yield_now().await;
        }
    }
}

/// Files still to re-check in one journal.
#[derive(Default)]
struct Queue {
    /// A whole-journal pass in progress: every file from this path on, in
    /// path order. A cursor rather than 50,000 queued path strings.
    all_from: Option<String>,
    /// Other paths, also ones the journal no longer holds (the config, files
    /// that are gone).
    paths: std::collections::BTreeSet<String>,
}

impl Queue {
    fn is_empty(&self) -> bool {
        self.all_from.is_none() && self.paths.is_empty()
    }
}

/// Takes up to [`BATCH_FILES`] paths, or [`BATCH_BYTES`] of their text,
/// off a queue: the whole-journal pass's next files first, then the other
/// paths. Always at least one path, however large.
fn next_batch(shared: &Shared, id: FolderId, queue: &mut Queue) -> Vec<String> {
    let state = shared.state.read_background();
    let ws = state.folder(id).map(|f| &f.ws);
    let mut paths = Vec::with_capacity(BATCH_FILES);
    let mut bytes = 0;
    let full =
        |paths: &Vec<String>, bytes: usize| paths.len() >= BATCH_FILES || bytes >= BATCH_BYTES;
    if let (Some(from), Some(ws)) = (queue.all_from.take(), ws) {
        let mut files = ws.files_from(&from);
        for file in files.by_ref() {
            queue.paths.remove(&file.path);
            bytes += file.text.len();
            paths.push(file.path.clone());
            if full(&paths, bytes) {
                break;
            }
        }
        queue.all_from = files.next().map(|f| f.path.clone());
    }
    while !full(&paths, bytes) {
        let Some(path) = queue.paths.pop_first() else {
            break;
        };
        bytes += ws.and_then(|ws| ws.file(&path)).map_or(0, |f| f.text.len());
        paths.push(path);
    }
    paths
}

/// Turns a scope into paths to re-check: every file of the journal (from
/// the start, by cursor) plus the files the client holds diagnostics for
/// (they may be gone) for `all`, and the files holding an `unknown-topic`
/// when the known topics changed.
fn expand(publisher: &Publisher, id: FolderId, scope: Scope, queue: &mut Queue) {
    if scope.all {
        queue.all_from = Some(String::new());
        queue.paths.insert(crate::config::CONFIG_FILE.to_string());
        queue.paths.extend(publisher.paths(id));
        return;
    }
    if scope.unknown_topic_holders {
        queue.paths.extend(publisher.unknown_topic_paths(id));
    }
    queue.paths.extend(scope.paths);
}

async fn publish(shared: &Shared, push: bool, params: PublishDiagnosticsParams) {
    if push {
        shared
            .client
            .publish_diagnostics(params.uri, params.diagnostics, params.version)
            .await;
    }
}

/// Tells a pull-model client to pull diagnostics again (spawned: a client
/// request is never awaited where it could hold up other work).
fn refresh_pull(shared: &Arc<Shared>) {
    let client = shared.client.clone();
    tokio::spawn(async move {
        if let Err(e) = client.workspace_diagnostic_refresh().await {
            tracing::debug!("workspace/diagnostic/refresh: {e}");
        }
    });
}
