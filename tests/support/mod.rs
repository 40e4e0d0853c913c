//! Test harness for the language server: drives the real server in-process
//! (tower's `LspService`, with its `ClientSocket` read by a background task
//! that plays the client's side: answers configuration, registration,
//! progress and edit requests and records every notification), plus journal
//! fixtures in temporary folders. Tests are plain `#[test]` functions; the
//! harness owns its runtime. Dropping a `TestServer` shuts the server down
//! and asserts that every request was answered.

#![allow(dead_code)]

pub mod stdio;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use studylog::lsp::Backend;
use tower::Service;
use tower_lsp_server::LspService;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::request::Request as LspRequest;
use tower_lsp_server::ls_types::*;

/// How long a test waits for something the server does in the background
/// (index, diagnostics, a watched file) before failing. Generous, because
/// the machine running the tests may be busy; passing tests never wait
/// this long.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The date the tests run on ("today" for the server).
pub const TODAY: &str = "2026-11-26";

/// A journal in a temporary folder.
pub struct Journal {
    dir: tempfile::TempDir,
}

impl Journal {
    /// Writes `files` (relative path, text) into a new temporary folder.
    pub fn new(files: &[(&str, &str)]) -> Journal {
        let dir = tempfile::tempdir().expect("temporary folder");
        let journal = Journal { dir };
        for (rel, text) in files {
            journal.write(rel, text);
        }
        journal
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn uri(&self, rel: &str) -> Uri {
        Uri::from_file_path(self.path(rel)).expect("absolute path")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(path, text).expect("write file");
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).expect("remove file");
    }
}

/// What the test client says it can do, and how it answers.
#[derive(Clone, Debug)]
pub struct ClientSetup {
    /// Offer UTF-8 positions (else the client speaks UTF-16 only).
    pub utf8: bool,
    pub work_done_progress: bool,
    pub dynamic_watched_files: bool,
    /// Pull diagnostics with refresh support (as VS Code).
    pub pull_diagnostics: bool,
    /// Completion items' `documentation` fetched with
    /// `completionItem/resolve` (as VS Code).
    pub completion_resolve: bool,
    /// The answer to `workspace/configuration` (for every item); `None`
    /// means the client does not support the request.
    pub configuration: Option<Value>,
    pub initialization_options: Option<Value>,
    pub folders: Vec<PathBuf>,
    /// Failures to make happen from the start (one each, in order), before
    /// the first index.
    pub faults: Vec<studylog::lsp::Worker>,
}

impl Default for ClientSetup {
    fn default() -> Self {
        ClientSetup {
            utf8: true,
            work_done_progress: true,
            dynamic_watched_files: true,
            pull_diagnostics: false,
            completion_resolve: false,
            configuration: None,
            initialization_options: None,
            folders: Vec::new(),
            faults: Vec::new(),
        }
    }
}

impl ClientSetup {
    pub fn capabilities(&self) -> Value {
        let mut encodings = vec!["utf-16"];
        if self.utf8 {
            encodings.insert(0, "utf-8");
        }
        let mut caps = json!({
            "general": { "positionEncodings": encodings },
            "window": { "workDoneProgress": self.work_done_progress },
            "workspace": {
                "configuration": self.configuration.is_some(),
                "workspaceFolders": true,
                "didChangeWatchedFiles": { "dynamicRegistration": self.dynamic_watched_files },
                "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create"] },
                "applyEdit": true,
                "inlayHint": { "refreshSupport": true },
            },
            "textDocument": {
                "publishDiagnostics": { "relatedInformation": true, "versionSupport": true },
                "synchronization": { "dynamicRegistration": false },
            },
        });
        if self.completion_resolve {
            caps["textDocument"]["completion"] = json!({
                "completionItem": { "resolveSupport": { "properties": ["documentation"] } }
            });
        }
        if self.pull_diagnostics {
            caps["textDocument"]["diagnostic"] = json!({ "dynamicRegistration": false });
            caps["workspace"]["diagnostics"] = json!({ "refreshSupport": true });
        }
        caps
    }
}

/// Everything the server sent the client, in order.
#[derive(Debug, Default)]
pub struct Inbox {
    /// Latest `publishDiagnostics` per URI, with how many were received.
    pub diagnostics: HashMap<String, PublishDiagnosticsParams>,
    pub publish_count: HashMap<String, usize>,
    /// Every server-to-client message: (method, params).
    pub messages: Vec<(String, Value)>,
    /// `workspace/applyEdit` requests received.
    pub applied_edits: Vec<WorkspaceEdit>,
    /// Server-to-client requests received and answered.
    pub requests_answered: usize,
    pub requests_received: usize,
}

type Shared = Arc<(Mutex<Inbox>, Condvar)>;

/// A running server and the test's client side of it.
pub struct TestServer {
    runtime: tokio::runtime::Runtime,
    service: LspService<Backend>,
    inbox: Shared,
    configuration: Arc<Mutex<Option<Value>>>,
    next_id: i64,
    requests_sent: usize,
    responses_received: usize,
    versions: HashMap<String, i32>,
    pub init: InitializeResult,
    shut_down: bool,
    /// Requests sent with [`TestServer::start_request`] and not finished:
    /// shutdown waits for their answers (a held request must end there).
    started: Vec<(i64, String, tokio::task::JoinHandle<Option<Response>>)>,
    /// The answers of started requests that came at shutdown, by id.
    pub answered_at_shutdown: Vec<(i64, Result<Value, tower_lsp_server::jsonrpc::Error>)>,
}

/// A request sent with [`TestServer::start_request`], answered or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Started(pub i64);

impl TestServer {
    /// Starts a server over one journal folder with the default client.
    pub fn start(journal: &Journal) -> TestServer {
        TestServer::with(ClientSetup {
            folders: vec![journal.root().to_path_buf()],
            ..ClientSetup::default()
        })
    }

    /// Starts a server, initializes it, and waits for the initial index.
    pub fn with(setup: ClientSetup) -> TestServer {
        let server = TestServer::launch(&setup);
        server.wait_indexed();
        server
    }

    /// Starts and initializes a server without waiting for its index.
    pub fn launch(setup: &ClientSetup) -> TestServer {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let today = TODAY.parse().expect("date");
        let (service, socket) = studylog::lsp::service_on(Some(today));
        for worker in &setup.faults {
            service.inner().handle().inject_panic(*worker);
        }
        let inbox: Shared = Arc::new((Mutex::new(Inbox::default()), Condvar::new()));
        let configuration = Arc::new(Mutex::new(setup.configuration.clone()));
        runtime.spawn(play_client(socket, inbox.clone(), configuration.clone()));
        let mut server = TestServer {
            runtime,
            service,
            inbox,
            configuration,
            next_id: 0,
            requests_sent: 0,
            responses_received: 0,
            versions: HashMap::new(),
            init: InitializeResult::default(),
            shut_down: false,
            started: Vec::new(),
            answered_at_shutdown: Vec::new(),
        };
        let folders: Vec<Value> = setup
            .folders
            .iter()
            .map(|p| {
                json!({
                    "uri": Uri::from_file_path(p).expect("absolute").as_str(),
                    "name": p.file_name().and_then(|n| n.to_str()).unwrap_or("journal"),
                })
            })
            .collect();
        let mut params = json!({
            "processId": null,
            "capabilities": setup.capabilities(),
            "workspaceFolders": folders,
        });
        if let Some(options) = &setup.initialization_options {
            params["initializationOptions"] = options.clone();
        }
        let init = server
            .request_raw("initialize", params)
            .expect("initialize succeeds");
        server.init = serde_json::from_value(init).expect("InitializeResult");
        server.notify_raw("initialized", json!({}));
        server
    }

    /// Makes the server's `worker` fail (panic) at its next run.
    pub fn inject_panic(&self, worker: studylog::lsp::Worker) {
        self.service.inner().handle().inject_panic(worker);
    }

    /// Waits until the diagnostics worker has done everything queued.
    pub fn wait_diagnostics_settled(&mut self) {
        let handle = self.service.inner().handle();
        self.eventually("the diagnostics worker to settle", |_| {
            handle.diagnostics_settled().then_some(())
        });
    }

    /// How many code actions checked their file instead of reusing the
    /// diagnostics last checked for it.
    pub fn code_action_checks(&self) -> u64 {
        self.service.inner().handle().code_action_checks()
    }

    /// Moves the server's "today" on, as the night passing would.
    pub fn set_today(&self, date: &str) {
        let date = date.parse().expect("a date");
        self.service.inner().handle().set_today(date);
    }

    /// Changes what the client answers to `workspace/configuration`.
    pub fn set_configuration(&self, value: Value) {
        *self.configuration.lock().expect("lock") = Some(value);
    }

    /// A request with the next id, counted as sent.
    fn next_request(&mut self, method: &str, params: Value) -> Request {
        self.next_id += 1;
        self.requests_sent += 1;
        Request::build(method.to_string())
            .id(self.next_id)
            .params(params)
            .finish()
    }

    /// Sends a request and returns its result or error.
    pub fn request_raw(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let request = self.next_request(method, params);
        let response = self.call(request, method);
        self.responses_received += 1;
        let response = response.unwrap_or_else(|| panic!("{method}: no response"));
        let (_, result) = response.into_parts();
        result.map_err(|e| e.message.to_string())
    }

    /// Sends a request without waiting for its answer (one the server may
    /// hold open); [`TestServer::finish`] waits for it.
    pub fn start_request(&mut self, method: &str, params: Value) -> Started {
        let request = self.next_request(method, params);
        let future = self.service.call(request);
        let answer = self
            .runtime
            .spawn(async move { future.await.ok().flatten() });
        self.started
            .push((self.next_id, method.to_string(), answer));
        Started(self.next_id)
    }

    /// True once the server answered a started request.
    pub fn is_answered(&self, started: Started) -> bool {
        self.started
            .iter()
            .find(|(id, _, _)| *id == started.0)
            .is_none_or(|(_, _, answer)| answer.is_finished())
    }

    /// Waits for the answer to a started request: its result or error.
    pub fn finish(&mut self, started: Started) -> Result<Value, tower_lsp_server::jsonrpc::Error> {
        let at = self
            .started
            .iter()
            .position(|(id, _, _)| *id == started.0)
            .expect("a started request, not finished yet");
        let (_, method, answer) = self.started.remove(at);
        self.wait_answer(&method, answer)
    }

    fn wait_answer(
        &mut self,
        method: &str,
        answer: tokio::task::JoinHandle<Option<Response>>,
    ) -> Result<Value, tower_lsp_server::jsonrpc::Error> {
        let response = self
            .runtime
            .block_on(async { tokio::time::timeout(PATIENCE, answer).await })
            .unwrap_or_else(|_| panic!("{method} was not answered"))
            .unwrap_or_else(|e| panic!("{method}: {e}"))
            .unwrap_or_else(|| panic!("{method}: no response"));
        self.responses_received += 1;
        response.into_parts().1
    }

    /// Asks the server to cancel a started request (`$/cancelRequest`).
    pub fn cancel(&mut self, started: Started) {
        self.notify_raw("$/cancelRequest", json!({ "id": started.0 }));
    }

    /// Stops the server's next workspace pull after its first batch.
    pub fn pause_next_workspace_pull(&self) {
        self.service.inner().handle().pause_next_workspace_pull();
    }

    pub fn workspace_pull_paused(&self) -> bool {
        self.service.inner().handle().workspace_pull_paused()
    }

    pub fn resume_workspace_pull(&self) {
        self.service.inner().handle().resume_workspace_pull();
    }

    /// How many workspace pulls the server holds open.
    pub fn workspace_pulls_held(&self) -> usize {
        self.service.inner().handle().workspace_pulls_held()
    }

    /// How many passes over the journals workspace pulls made.
    pub fn workspace_pull_passes(&self) -> u64 {
        self.service.inner().handle().workspace_pull_passes()
    }

    /// How many times the last workspace pull's pass took the state lock.
    pub fn workspace_pull_locks(&self) -> u64 {
        self.service.inner().handle().workspace_pull_locks()
    }

    fn call(&mut self, request: Request, method: &str) -> Option<Response> {
        let future = self.service.call(request);
        self.runtime
            .block_on(async { tokio::time::timeout(PATIENCE, future).await })
            .unwrap_or_else(|_| panic!("{method} was not answered"))
            .unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    pub fn request<R: LspRequest>(&mut self, params: R::Params) -> R::Result {
        let value = serde_json::to_value(params).expect("params serialize");
        match self.request_raw(R::METHOD, value) {
            Ok(result) => serde_json::from_value(result).expect("result deserializes"),
            Err(e) => panic!("{} failed: {e}", R::METHOD),
        }
    }

    /// The items of a completion at `position` (the server answers with a
    /// list).
    pub fn completion_items(
        &mut self,
        position: TextDocumentPositionParams,
    ) -> Vec<CompletionItem> {
        let response = self
            .request::<request::Completion>(CompletionParams {
                text_document_position: position,
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
                context: None,
            })
            .expect("completions");
        let CompletionResponse::List(list) = response else {
            panic!("a completion list");
        };
        list.items
    }

    pub fn notify_raw(&mut self, method: &str, params: Value) {
        let request = Request::build(method.to_string()).params(params).finish();
        let response = self.call(request, method);
        assert!(response.is_none(), "{method} is a notification");
    }

    pub fn notify<N: Notification>(&mut self, params: N::Params) {
        let value = serde_json::to_value(params).expect("params serialize");
        self.notify_raw(N::METHOD, value);
    }

    /// Opens a document with `text` (version 1).
    pub fn open(&mut self, uri: &Uri, text: &str) {
        self.versions.insert(uri.as_str().to_string(), 1);
        self.notify::<notification::DidOpenTextDocument>(DidOpenTextDocumentParams {
            text_document: TextDocumentItem::new(uri.clone(), "markdown".into(), 1, text.into()),
        });
    }

    /// Sends one `didChange` with these changes, bumping the version.
    pub fn change(&mut self, uri: &Uri, changes: Vec<TextDocumentContentChangeEvent>) -> i32 {
        let version = self.versions.entry(uri.as_str().to_string()).or_insert(1);
        *version += 1;
        let version = *version;
        self.notify::<notification::DidChangeTextDocument>(DidChangeTextDocumentParams {
            text_document: VersionedTextDocumentIdentifier::new(uri.clone(), version),
            content_changes: changes,
        });
        version
    }

    /// Replaces `range` with `text` in an open document.
    pub fn edit(&mut self, uri: &Uri, range: Range, text: &str) -> i32 {
        self.change(
            uri,
            vec![TextDocumentContentChangeEvent {
                range: Some(range),
                range_length: None,
                text: text.to_string(),
            }],
        )
    }

    pub fn close(&mut self, uri: &Uri) {
        self.notify::<notification::DidCloseTextDocument>(DidCloseTextDocumentParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
        });
    }

    /// Blocks until `done` holds for the inbox, or fails the test after
    /// [`PATIENCE`] with `what`.
    pub fn wait_for<T>(&self, what: &str, mut done: impl FnMut(&Inbox) -> Option<T>) -> T {
        let (lock, changed) = &*self.inbox;
        let deadline = Instant::now() + PATIENCE;
        let mut inbox = lock.lock().expect("inbox");
        loop {
            if let Some(found) = done(&inbox) {
                return found;
            }
            let now = Instant::now();
            if now >= deadline {
                panic!(
                    "timed out waiting for {what}; messages so far: {:#?}",
                    inbox.messages
                );
            }
            inbox = changed
                .wait_timeout(inbox, deadline - now)
                .expect("inbox")
                .0;
        }
    }

    /// Repeats `probe` (typically a request) until it returns `Some`, for
    /// state the server updates in the background with nothing published
    /// (a config change); fails after [`PATIENCE`].
    pub fn eventually<T>(
        &mut self,
        what: &str,
        mut probe: impl FnMut(&mut TestServer) -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(found) = probe(self) {
                return found;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits for the end of the initial index (`$/progress` end).
    pub fn wait_indexed(&self) {
        self.wait_for("the index to finish", |inbox| {
            inbox
                .messages
                .iter()
                .any(|(m, p)| m == "$/progress" && p["value"]["kind"] == "end")
                .then_some(())
        });
    }

    /// Waits until the latest diagnostics published for `uri` satisfy `check`,
    /// and returns them.
    pub fn diagnostics_where(
        &self,
        uri: &Uri,
        what: &str,
        mut check: impl FnMut(&[Diagnostic]) -> bool,
    ) -> Vec<Diagnostic> {
        self.wait_for(what, |inbox| {
            let published = inbox.diagnostics.get(uri.as_str())?;
            check(&published.diagnostics).then(|| published.diagnostics.clone())
        })
    }

    /// Waits until the diagnostics of `uri` have exactly these codes (sorted).
    pub fn wait_codes(&self, uri: &Uri, codes: &[&str]) -> Vec<Diagnostic> {
        let mut want: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
        want.sort();
        self.diagnostics_where(uri, &format!("codes {want:?} on {}", uri.as_str()), |ds| {
            let mut got: Vec<String> = ds.iter().map(code_of).collect();
            got.sort();
            got == want
        })
    }

    /// How many `publishDiagnostics` the server sent for `uri` so far.
    pub fn publish_count(&self, uri: &Uri) -> usize {
        let inbox = self.inbox.0.lock().expect("inbox");
        inbox.publish_count.get(uri.as_str()).copied().unwrap_or(0)
    }

    pub fn messages(&self, method: &str) -> Vec<Value> {
        let inbox = self.inbox.0.lock().expect("inbox");
        inbox
            .messages
            .iter()
            .filter(|(m, _)| m == method)
            .map(|(_, p)| p.clone())
            .collect()
    }

    pub fn applied_edits(&self) -> Vec<WorkspaceEdit> {
        self.inbox.0.lock().expect("inbox").applied_edits.clone()
    }

    /// Pulls diagnostics for one document.
    pub fn pull(&mut self, uri: &Uri) -> Vec<Diagnostic> {
        let report = self.request::<request::DocumentDiagnosticRequest>(DocumentDiagnosticParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            identifier: None,
            previous_result_id: None,
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        });
        match report {
            DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(full)) => {
                full.full_document_diagnostic_report.items
            }
            other => panic!("expected a full report, got {other:?}"),
        }
    }

    /// Shuts the server down (also done on drop).
    pub fn shutdown(&mut self) {
        if self.shut_down {
            return;
        }
        self.shut_down = true;
        // The client side answers the server's requests on its own task.
        self.wait_for("every server request to be answered", |inbox| {
            (inbox.requests_received == inbox.requests_answered).then_some(())
        });
        let result = self.request_raw("shutdown", Value::Null);
        assert_eq!(result, Ok(Value::Null), "shutdown succeeds");
        // Requests still open (held workspace pulls) answer at shutdown.
        for (id, method, answer) in std::mem::take(&mut self.started) {
            let result = self.wait_answer(&method, answer);
            self.answered_at_shutdown.push((id, result));
        }
        self.notify_raw("exit", Value::Null);
        // After exit the service refuses every message.
        self.next_id += 1;
        let request = Request::build("textDocument/hover")
            .id(self.next_id)
            .params(json!({}))
            .finish();
        let after = self
            .runtime
            .block_on(async { self.service.call(request).await });
        assert!(after.is_err(), "the service has exited");
        assert_eq!(
            self.requests_sent, self.responses_received,
            "every request was answered"
        );
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        self.shutdown();
    }
}

/// The diagnostic's code as a string ("" when absent).
pub fn code_of(d: &Diagnostic) -> String {
    match &d.code {
        Some(NumberOrString::String(s)) => s.clone(),
        Some(NumberOrString::Number(n)) => n.to_string(),
        None => String::new(),
    }
}

/// The `file:` URI of a path, as a string.
pub fn uri_of_path(path: &Path) -> String {
    Uri::from_file_path(path)
        .expect("absolute path")
        .as_str()
        .to_string()
}

pub fn pos(line: u32, character: u32) -> Position {
    Position::new(line, character)
}

pub fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Range {
    Range::new(pos(l1, c1), pos(l2, c2))
}

/// The client's side of the socket: records notifications, answers requests.
async fn play_client(
    socket: tower_lsp_server::ClientSocket,
    inbox: Shared,
    configuration: Arc<Mutex<Option<Value>>>,
) {
    let (mut requests, mut responses) = socket.split();
    while let Some(message) = requests.next().await {
        let method = message.method().to_string();
        let params = message.params().cloned().unwrap_or(Value::Null);
        let id = message.id().cloned();
        let answer = {
            let (lock, changed) = &*inbox;
            let mut inbox = lock.lock().expect("inbox");
            inbox.messages.push((method.clone(), params.clone()));
            if method == "textDocument/publishDiagnostics" {
                if let Ok(p) = serde_json::from_value::<PublishDiagnosticsParams>(params.clone()) {
                    *inbox
                        .publish_count
                        .entry(p.uri.as_str().to_string())
                        .or_default() += 1;
                    inbox.diagnostics.insert(p.uri.as_str().to_string(), p);
                }
            }
            let answer = id.map(|id| {
                inbox.requests_received += 1;
                let result = match method.as_str() {
                    "workspace/configuration" => {
                        let items = params["items"].as_array().map_or(0, Vec::len);
                        let value = configuration.lock().expect("lock").clone();
                        Ok(Value::Array(vec![value.unwrap_or(Value::Null); items]))
                    }
                    "workspace/applyEdit" => {
                        if let Ok(edit) = serde_json::from_value(params["edit"].clone()) {
                            inbox.applied_edits.push(edit);
                        }
                        Ok(json!({ "applied": true }))
                    }
                    "client/registerCapability"
                    | "window/workDoneProgress/create"
                    | "workspace/diagnostic/refresh"
                    | "workspace/inlayHint/refresh" => Ok(Value::Null),
                    other => Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                        "test client does not handle {other}"
                    ))),
                };
                Response::from_parts(id, result)
            });
            changed.notify_all();
            answer
        };
        if let Some(response) = answer {
            if responses.send(response).await.is_err() {
                break;
            }
            let (lock, changed) = &*inbox;
            lock.lock().expect("inbox").requests_answered += 1;
            changed.notify_all();
        }
    }
}
