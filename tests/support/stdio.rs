//! A client for the built `studylog lsp` binary over stdio: frames JSON-RPC
//! messages with `Content-Length`, reads the server's stdout on a thread,
//! checks that stdout carries nothing but well-framed protocol, and answers
//! the server's own requests.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{PATIENCE, TODAY};

/// One framed message read from the server, or what was wrong with stdout.
enum Incoming {
    Message(Value),
    /// Bytes on stdout that are not a well-formed frame.
    Garbage(String),
    Closed,
}

pub struct StdioServer {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Incoming>,
    next_id: i64,
    /// Messages read but not yet consumed by a wait.
    pending: Vec<Value>,
    pub stderr_path: std::path::PathBuf,
    _stderr_dir: tempfile::TempDir,
}

impl StdioServer {
    /// Spawns `studylog lsp` (the binary cargo built for this test).
    pub fn spawn() -> StdioServer {
        StdioServer::spawn_with(&["lsp"])
    }

    /// Spawns the binary with these arguments.
    pub fn spawn_with(args: &[&str]) -> StdioServer {
        StdioServer::spawn_on(args, TODAY)
    }

    /// Spawns the binary with these arguments and `STUDYLOG_TODAY=today`.
    pub fn spawn_on(args: &[&str], today: &str) -> StdioServer {
        let stderr_dir = tempfile::tempdir().expect("tempdir");
        let stderr_path = stderr_dir.path().join("stderr.log");
        let stderr = std::fs::File::create(&stderr_path).expect("stderr file");
        let mut child = Command::new(env!("CARGO_BIN_EXE_studylog"))
            .args(args)
            .env("STUDYLOG_TODAY", today)
            .env("STUDYLOG_LOG", "studylog=debug")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("spawn studylog lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let message = read_frame(&mut reader);
                let closed = matches!(message, Incoming::Closed | Incoming::Garbage(_));
                if tx.send(message).is_err() || closed {
                    return;
                }
            }
        });
        StdioServer {
            stdin: child.stdin.take(),
            child,
            incoming,
            next_id: 0,
            pending: Vec::new(),
            stderr_path,
            _stderr_dir: stderr_dir,
        }
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).expect("json");
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write frame");
        stdin.flush().expect("flush");
    }

    /// Writes raw bytes to the server's stdin in one write (malformed frames).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write raw");
        stdin.flush().expect("flush");
    }

    /// Waits for a response whose id is `id` (any JSON value, `null` too).
    pub fn wait_response_to(&mut self, id: &Value) -> Value {
        self.wait_message("a response", |m| {
            m.get("method").is_none() && m.get("id") == Some(id)
        })
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (the whole response object).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.wait_response(id)
    }

    /// Reads the next message, answering server requests on the way.
    fn next_message(&mut self, deadline: Instant) -> Option<Value> {
        let now = Instant::now();
        let left = deadline.checked_duration_since(now)?;
        match self.incoming.recv_timeout(left) {
            Ok(Incoming::Message(message)) => {
                if message.get("method").is_some() && message.get("id").is_some() {
                    self.answer_server_request(&message);
                }
                Some(message)
            }
            Ok(Incoming::Garbage(what)) => panic!("stdout is not pure protocol: {what}"),
            Ok(Incoming::Closed) | Err(RecvTimeoutError::Disconnected) => None,
            Err(RecvTimeoutError::Timeout) => None,
        }
    }

    fn answer_server_request(&mut self, message: &Value) {
        let id = message["id"].clone();
        let result = match message["method"].as_str().unwrap_or("") {
            "workspace/configuration" => {
                let n = message["params"]["items"].as_array().map_or(0, Vec::len);
                Value::Array(vec![Value::Null; n])
            }
            "workspace/applyEdit" => json!({ "applied": false, "failureReason": "test client" }),
            _ => Value::Null,
        };
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": result }));
    }

    /// Waits for the response to request `id`, keeping other messages.
    pub fn wait_response(&mut self, id: i64) -> Value {
        if let Some(i) = self.pending.iter().position(|m| is_response(m, id)) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + PATIENCE;
        while let Some(message) = self.next_message(deadline) {
            if is_response(&message, id) {
                return message;
            }
            self.pending.push(message);
        }
        panic!("no response to request {id}; stderr:\n{}", self.stderr());
    }

    /// Waits for a message matching `want` (notifications included).
    pub fn wait_message(&mut self, what: &str, mut want: impl FnMut(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&mut want) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + PATIENCE;
        while let Some(message) = self.next_message(deadline) {
            if want(&message) {
                return message;
            }
            self.pending.push(message);
        }
        panic!("timed out waiting for {what}; stderr:\n{}", self.stderr());
    }

    /// Every message received so far that was not consumed.
    pub fn drain_pending(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.pending)
    }

    pub fn initialize(&mut self, root: &Path, capabilities: Value) -> Value {
        let uri = super::uri_of_path(root);
        let response = self.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "capabilities": capabilities,
                "workspaceFolders": [{ "uri": uri, "name": "journal" }],
            }),
        );
        self.notify("initialized", json!({}));
        response
    }

    /// Closes stdin (as an editor that died would) and waits for the exit status.
    pub fn close_stdin_and_wait(&mut self) -> std::process::ExitStatus {
        self.stdin = None;
        self.wait_exit()
    }

    pub fn wait_exit(&mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit; stderr:\n{}", self.stderr());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// `shutdown`, then `exit`; returns the process exit status.
    pub fn shutdown_and_exit(&mut self) -> std::process::ExitStatus {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "shutdown: {response}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }
}

impl Drop for StdioServer {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn is_response(message: &Value, id: i64) -> bool {
    message.get("method").is_none() && message["id"] == json!(id)
}

/// Reads one `Content-Length` frame. Anything else on stdout is garbage.
fn read_frame(reader: &mut impl BufRead) -> Incoming {
    let mut length: Option<usize> = None;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) => {
                return if length.is_none() {
                    Incoming::Closed
                } else {
                    Incoming::Garbage("stdout ended inside a header".into())
                };
            }
            Ok(_) => {}
            Err(e) => return Incoming::Garbage(format!("unreadable stdout: {e}")),
        }
        if line == "\r\n" {
            break;
        }
        let Some(header) = line.strip_suffix("\r\n") else {
            return Incoming::Garbage(format!("header line without CRLF: {line:?}"));
        };
        let Some((name, value)) = header.split_once(": ") else {
            return Incoming::Garbage(format!("not a header: {header:?}"));
        };
        match name.to_ascii_lowercase().as_str() {
            "content-length" => match value.trim().parse() {
                Ok(n) => length = Some(n),
                Err(_) => return Incoming::Garbage(format!("bad length: {value:?}")),
            },
            "content-type" => {}
            _ => return Incoming::Garbage(format!("unknown header: {header:?}")),
        }
    }
    let Some(length) = length else {
        return Incoming::Garbage("frame without Content-Length".into());
    };
    let mut body = vec![0; length];
    if let Err(e) = reader.read_exact(&mut body) {
        return Incoming::Garbage(format!("short body: {e}"));
    }
    match serde_json::from_slice::<Value>(&body) {
        Ok(message) if message["jsonrpc"] == "2.0" => Incoming::Message(message),
        _ => Incoming::Garbage(format!("not JSON-RPC: {}", String::from_utf8_lossy(&body))),
    }
}
