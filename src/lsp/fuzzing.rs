//! The server's fuzz target body: a session of arbitrary frames and edits
//! against the real server (the stdio transport and tower-lsp-server, over
//! an in-memory pipe instead of stdin/stdout) never panics and never stops
//! answering. Shared by `fuzz/` and `tests/fuzz_props.rs`, like
//! [`crate::fuzzing`]; not API.
//!
//! The fuzz bytes are read as a series of operations: raw garbage between
//! frames, frames with arbitrary bodies and headers, and well-formed
//! messages with arbitrary contents (open, change with any ranges and
//! versions, close, feature requests at any position, cancellations,
//! settings, `shutdown`). Every request the session sends, and one final
//! hover after everything else, must get a response within
//! [`ANSWER_WITHIN`].
//!
//! Two things are kept out of the hostile bytes because they make silence
//! correct rather than a bug: an `exit` notification (the server then
//! stops, as it must), and the text `Content-Length` (a header announcing a
//! long body makes the server wait for that body, swallowing whatever
//! follows). Both are plain protocol behaviour, tested elsewhere.

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::Server;

use crate::fuzzing::Bytes;

/// How long the session waits for its answers before calling the server
/// stuck. Far above any honest answer time, even in a debug build on a
/// busy machine.
const ANSWER_WITHIN: Duration = Duration::from_secs(60);

/// The id of the request sent after all the hostile ones.
const FINAL_ID: i64 = 1_000_000_000;

const URIS: &[&str] = &[
    "file:///fuzz/journal.md",
    "file:///fuzz/2026-11-26.md",
    "file:///fuzz/notes/topic.md",
    "file:///fuzz/journals/2026_11_26.md",
    "file:///fuzz/studylog.toml",
    "untitled:Untitled-1",
    "not a uri",
];

/// Feature requests that take a document and a position (extra parameters
/// that some of them need are added to every one; the rest ignore them).
const DOCUMENT_REQUESTS: &[&str] = &[
    "textDocument/hover",
    "textDocument/completion",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/documentSymbol",
    "textDocument/foldingRange",
    "textDocument/inlayHint",
    "textDocument/codeAction",
    "textDocument/rename",
    "textDocument/prepareRename",
    "textDocument/diagnostic",
    "textDocument/formatting",
    "textDocument/documentLink",
];

const OTHER_REQUESTS: &[&str] = &[
    "workspace/symbol",
    "workspace/diagnostic",
    "workspace/executeCommand",
    "initialize",
    "fuzz/unknown",
    "$/unknown",
];

const COMMANDS: &[&str] = &[
    "studylog.newEntry",
    "studylog.stats",
    "studylog.explain",
    "x",
];

/// Runs one session from `data`. Panics when the server stops answering.
pub fn session(data: &[u8]) {
    let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    else {
        return;
    };
    runtime.block_on(run_session(data));
}

async fn run_session(data: &[u8]) {
    let mut script = Script::default();
    let mut bytes = Bytes::new(data);
    let utf8 = bytes.u8() % 2 == 0;
    let encodings = if utf8 {
        json!(["utf-8", "utf-16"])
    } else {
        json!(["utf-16"])
    };
    script.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": null,
            "capabilities": { "general": { "positionEncodings": encodings } },
        }),
    );
    script.notify("initialized", json!({}));
    while !bytes.is_empty() {
        script.operation(&mut bytes);
    }
    script.request_with_id(
        FINAL_ID,
        "textDocument/hover",
        json!({
            "textDocument": { "uri": URIS.first().copied().unwrap_or_default() },
            "position": { "line": 0, "character": 0 },
        }),
    );

    let (client, server) = tokio::io::duplex(1 << 16);
    let (server_in, server_out) = tokio::io::split(server);
    let (client_in, client_out) = tokio::io::split(client);
    let (service, socket) = super::service_on(Some(crate::fuzzing::TODAY));
    let serve = super::transport::serve_framed(server_in, server_out, |input, output| {
        Server::new(input, output, socket).serve(service)
    });
    // As a client does, nothing goes after `initialize` until it is
    // answered: the protocol library refuses requests before that.
    let (outgoing, to_send) = mpsc::unbounded_channel::<Vec<u8>>();
    let mut chunks = script.chunks.into_iter();
    if let Some(initialize) = chunks.next() {
        let _ = outgoing.send(initialize);
    }
    let driver = async {
        tokio::join!(
            write_chunks(client_out, to_send),
            read_answers(client_in, outgoing, script.expected, chunks.collect()),
        )
        .1
    };
    let outcome = tokio::time::timeout(ANSWER_WITHIN, async {
        tokio::select! {
            () = serve => Err("the server ended its session".to_string()),
            outcome = driver => outcome,
        }
    })
    .await;
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(problem)) => panic!("{problem}"),
        Err(_) => panic!("the server stopped answering for {ANSWER_WITHIN:?}"),
    }
}

/// The session's bytes, in order, and the ids that must be answered.
#[derive(Default)]
struct Script {
    chunks: Vec<Vec<u8>>,
    expected: BTreeSet<i64>,
    next_id: i64,
}

impl Script {
    fn frame(&mut self, body: &[u8]) {
        let mut chunk = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        chunk.extend_from_slice(body);
        self.chunks.push(chunk);
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        self.frame(body.to_string().as_bytes());
    }

    fn request(&mut self, method: &str, params: Value) {
        self.next_id += 1;
        self.request_with_id(self.next_id, method, params);
    }

    fn request_with_id(&mut self, id: i64, method: &str, params: Value) {
        let body = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        self.frame(body.to_string().as_bytes());
        self.expected.insert(id);
    }

    /// One operation read off the front of `bytes`.
    fn operation(&mut self, bytes: &mut Bytes<'_>) {
        match bytes.u8() % 10 {
            0 => {
                let len = usize::from(bytes.u8());
                let mut garbage = defused(bytes.take(len));
                garbage.extend_from_slice(b"\r\n\r\n");
                self.chunks.push(garbage);
            }
            1 => {
                let header_len = usize::from(bytes.u8() % 48);
                let header: Vec<u8> = defused(bytes.take(header_len))
                    .into_iter()
                    .filter(|b| !matches!(b, b'\r' | b'\n'))
                    .collect();
                let body_len = usize::from(bytes.u16() % 4096);
                let body = defused(bytes.take(body_len));
                let mut chunk = format!("Content-Length: {}\r\n", body.len()).into_bytes();
                if !header.is_empty() {
                    chunk.extend_from_slice(&header);
                    chunk.extend_from_slice(b"\r\n");
                }
                chunk.extend_from_slice(b"\r\n");
                chunk.extend_from_slice(&body);
                self.chunks.push(chunk);
            }
            2 => {
                let uri = pick(URIS, bytes.u8());
                let version = i32::from(bytes.u8());
                let len = usize::from(bytes.u16() % 8192);
                let text = bytes.text(len);
                self.notify(
                    "textDocument/didOpen",
                    json!({ "textDocument": {
                        "uri": uri, "languageId": "markdown", "version": version, "text": text,
                    }}),
                );
            }
            3 => {
                let uri = pick(URIS, bytes.u8());
                let version = i32::from(bytes.u8());
                let mut changes = Vec::new();
                for _ in 0..=bytes.u8() % 3 {
                    let whole = bytes.u8() % 4 == 0;
                    let range = range(bytes);
                    let len = usize::from(bytes.u8());
                    let text = bytes.text(len);
                    changes.push(if whole {
                        json!({ "text": text })
                    } else {
                        json!({ "range": range, "text": text })
                    });
                }
                self.notify(
                    "textDocument/didChange",
                    json!({
                        "textDocument": { "uri": uri, "version": version },
                        "contentChanges": changes,
                    }),
                );
            }
            4 | 5 => {
                let method = pick(DOCUMENT_REQUESTS, bytes.u8());
                let uri = pick(URIS, bytes.u8());
                let position = position(bytes);
                let range = range(bytes);
                let name_len = usize::from(bytes.u8() % 16);
                let new_name = bytes.text(name_len);
                self.request(
                    method,
                    json!({
                        "textDocument": { "uri": uri },
                        "position": position,
                        "range": range,
                        "context": { "includeDeclaration": true, "diagnostics": [] },
                        "newName": new_name,
                        "options": { "tabSize": 4, "insertSpaces": true },
                    }),
                );
            }
            6 => {
                let method = pick(OTHER_REQUESTS, bytes.u8());
                let command = pick(COMMANDS, bytes.u8());
                let uri = pick(URIS, bytes.u8());
                let query_len = usize::from(bytes.u8() % 16);
                let query = bytes.text(query_len);
                self.request(
                    method,
                    json!({
                        "query": query,
                        "previousResultIds": [],
                        "command": command,
                        "arguments": [uri, query],
                        "capabilities": {},
                    }),
                );
            }
            7 => {
                let id = i64::from(bytes.u8()) % (self.next_id + 1);
                self.notify("$/cancelRequest", json!({ "id": id }));
                let uri = pick(URIS, bytes.u8());
                self.notify(
                    "textDocument/didClose",
                    json!({ "textDocument": { "uri": uri } }),
                );
            }
            8 => {
                let len = usize::from(bytes.u8());
                let raw = bytes.text(len);
                let settings: Value = serde_json::from_str(&raw).unwrap_or(Value::String(raw));
                let key = pick(
                    &["journal", "links", "severity", "aliases", "fields"],
                    bytes.u8(),
                );
                self.notify(
                    "workspace/didChangeConfiguration",
                    json!({ "settings": { "studylog": { key: settings } } }),
                );
            }
            _ => {
                if bytes.u8() % 8 == 0 {
                    self.request("shutdown", Value::Null);
                } else {
                    let uri = pick(URIS, bytes.u8());
                    self.notify(
                        "textDocument/didSave",
                        json!({ "textDocument": { "uri": uri } }),
                    );
                }
            }
        }
    }
}

/// Hostile bytes without the two things that make silence correct: an
/// `exit` method and a `Content-Length` header (see the module comment).
/// JSON's `\u` escapes go too, since they can spell `exit`.
fn defused(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for needle in [&b"content-length"[..], b"exit", b"\\u"] {
        let mut at = 0;
        while let Some(found) = out.get(at..).and_then(|rest| {
            rest.windows(needle.len())
                .position(|w| w.eq_ignore_ascii_case(needle))
        }) {
            if let Some(byte) = out.get_mut(at + found) {
                *byte = b'_';
            }
            at += found + 1;
        }
    }
    out
}

fn pick<'a>(choices: &[&'a str], byte: u8) -> &'a str {
    choices
        .get(usize::from(byte) % choices.len().max(1))
        .copied()
        .unwrap_or_default()
}

/// A position near the start of a document, or now and then far past it.
fn position(bytes: &mut Bytes<'_>) -> Value {
    let far = bytes.u8() % 16 == 0;
    let (line, character) = if far {
        (
            u32::from(bytes.u16()) << 8,
            u32::MAX - u32::from(bytes.u8()),
        )
    } else {
        (u32::from(bytes.u8() % 32), u32::from(bytes.u8() % 64))
    };
    json!({ "line": line, "character": character })
}

fn range(bytes: &mut Bytes<'_>) -> Value {
    json!({ "start": position(bytes), "end": position(bytes) })
}

/// Writes the queued chunks to the server until every sender is gone.
async fn write_chunks<W: AsyncWriteExt + Unpin>(
    mut to_server: W,
    mut chunks: mpsc::UnboundedReceiver<Vec<u8>>,
) {
    while let Some(chunk) = chunks.recv().await {
        if to_server.write_all(&chunk).await.is_err() {
            return;
        }
    }
}

/// Reads the server's output until every id in `expected` was answered,
/// sending `after_initialize` once `initialize` (id 1) is. Answers the
/// server's own requests (configuration, registrations, progress) with an
/// empty result, as a minimal client does.
async fn read_answers<R: AsyncReadExt + Unpin>(
    mut from_server: R,
    to_server: mpsc::UnboundedSender<Vec<u8>>,
    mut expected: BTreeSet<i64>,
    after_initialize: Vec<Vec<u8>>,
) -> Result<(), String> {
    let mut buffer = Vec::new();
    let mut chunk = vec![0u8; 1 << 16];
    let mut after_initialize = Some(after_initialize);
    loop {
        while let Some(frame) = super::transport::split_library_frame(&mut buffer) {
            let body = frame
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .and_then(|at| frame.get(at + 4..))
                .unwrap_or_default();
            let message: Value = serde_json::from_slice(body)
                .map_err(|e| format!("the server wrote a frame that is not JSON: {e}"))?;
            let id = message.get("id");
            if message.get("method").is_some() {
                if let Some(id) = id {
                    let reply = json!({ "jsonrpc": "2.0", "id": id, "result": null }).to_string();
                    let mut framed =
                        format!("Content-Length: {}\r\n\r\n", reply.len()).into_bytes();
                    framed.extend_from_slice(reply.as_bytes());
                    let _ = to_server.send(framed);
                }
            } else if let Some(id) = id.and_then(Value::as_i64) {
                expected.remove(&id);
                if id == 1 {
                    for chunk in after_initialize.take().unwrap_or_default() {
                        let _ = to_server.send(chunk);
                    }
                }
            }
        }
        if expected.is_empty() {
            return Ok(());
        }
        match from_server.read(&mut chunk).await {
            Ok(0) | Err(_) => {
                return Err(format!(
                    "the server closed its output with {} requests unanswered",
                    expected.len()
                ));
            }
            Ok(n) => buffer.extend_from_slice(chunk.get(..n).unwrap_or_default()),
        }
    }
}
