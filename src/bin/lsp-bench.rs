//! End-to-end language-server benchmark: drives `studylog lsp` over stdio as
//! an editor does and prints figures (not a test; nothing here asserts).
//!
//! `cargo run --release --bin lsp-bench -- --workspace DIR [--server PATH] [--rounds N]`
//!
//! Prints: time to `initialize`, time until the initial index is complete and
//! every file's diagnostics are published, completion latency (each round
//! first inserts one character with didChange), didChange-to-publishDiagnostics
//! latency, the server's peak RSS, and as the physical reference the time
//! `cat`-style sequential reading of the same files takes.

#![allow(clippy::print_stdout)] // a benchmark binary: its figures are its output

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long the bench waits for any one answer before it gives up: far above
/// any sane latency, low enough that a hung server does not hang the bench.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(120);

struct Args {
    workspace: PathBuf,
    server: PathBuf,
    rounds: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut workspace = None;
    let mut server = None;
    let mut rounds = 200;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--workspace" => workspace = args.next().map(PathBuf::from),
            "--server" => server = args.next().map(PathBuf::from),
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--rounds takes a number")?
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    let workspace =
        workspace.ok_or("usage: lsp-bench --workspace DIR [--server PATH] [--rounds N]")?;
    let workspace = workspace
        .canonicalize()
        .map_err(|e| format!("{}: {e}", workspace.display()))?;
    let server = match server {
        Some(s) => s,
        None => std::env::current_exe()
            .map_err(|e| e.to_string())?
            .with_file_name("studylog"),
    };
    Ok(Args {
        workspace,
        server,
        rounds,
    })
}

fn main() -> ExitCode {
    match parse_args().and_then(|a| run(&a)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lsp-bench: {e}");
            ExitCode::from(2)
        }
    }
}

/// One JSON-RPC connection to the server process.
struct Conn {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Conn {
    fn spawn(server: &Path) -> Result<Conn, String> {
        let mut child = Command::new(server)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", server.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut reader) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Ok(Conn {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
        })
    }

    fn send(&mut self, msg: &Value) -> Result<(), String> {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|_| self.stdin.flush())
            .map_err(|e| format!("server closed its input: {e}"))
    }

    fn request(&mut self, method: &str, params: Value) -> Result<i64, String> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))?;
        Ok(id)
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// Receives messages until `done` returns true for one; answers server
    /// requests (configuration, registration, progress creation) on the way.
    fn until(&mut self, mut done: impl FnMut(&Value) -> bool) -> Result<Value, String> {
        let deadline = Instant::now() + ANSWER_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = match self.incoming.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => {
                    return Err("timed out waiting for the server".into());
                }
                Err(RecvTimeoutError::Disconnected) => return Err("the server exited".into()),
            };
            if msg.get("method").is_some() && msg.get("id").is_some() {
                let result = if msg["method"] == "workspace/configuration" {
                    let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                    Value::Array(vec![Value::Null; n])
                } else {
                    Value::Null
                };
                self.send(&json!({"jsonrpc": "2.0", "id": msg["id"], "result": result}))?;
            }
            if done(&msg) {
                return Ok(msg);
            }
        }
    }

    fn response(&mut self, id: i64) -> Result<Value, String> {
        self.until(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if path.is_dir() && !hidden {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "md" || e == "markdown")
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort();
    let rank = ((p / 100.0) * (samples.len() - 1) as f64).round() as usize;
    samples[rank.min(samples.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn run(args: &Args) -> Result<(), String> {
    let files = markdown_files(&args.workspace);
    if files.is_empty() {
        return Err(format!("no markdown files in {}", args.workspace.display()));
    }
    // The physical reference: read every byte once, sequentially, as `cat` does.
    let started = Instant::now();
    let mut total_bytes = 0usize;
    for f in &files {
        total_bytes += std::fs::read(f).map(|b| b.len()).unwrap_or(0);
    }
    let cat_time = started.elapsed();

    let spawned = Instant::now();
    let mut conn = Conn::spawn(&args.server)?;
    let root = uri(&args.workspace);
    let init = conn.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": root,
            "workspaceFolders": [{"uri": root, "name": "bench"}],
            "capabilities": {
                "general": {"positionEncodings": ["utf-8", "utf-16"]},
                "window": {"workDoneProgress": true},
                "workspace": {"configuration": true, "workspaceFolders": true,
                              "didChangeWatchedFiles": {"dynamicRegistration": true}},
                "textDocument": {"publishDiagnostics": {"relatedInformation": true},
                                 "completion": {"completionItem": {"snippetSupport": true}}}
            }
        }),
    )?;
    conn.response(init)?;
    let init_time = spawned.elapsed();
    conn.notify("initialized", json!({}))?;

    // The index is complete when the server ends its `$/progress`; by then it
    // has published the diagnostics of every file.
    let mut published: HashMap<String, usize> = HashMap::new();
    conn.until(|m| {
        if m["method"] == "textDocument/publishDiagnostics" {
            *published.entry(m["params"]["uri"].to_string()).or_default() += 1;
        }
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    })?;
    let index_time = spawned.elapsed();

    // Edit the newest daily note (or the largest file) as a person would.
    let target = files
        .iter()
        .filter(|f| f.to_string_lossy().contains("journal"))
        .max()
        .unwrap_or(&files[0])
        .clone();
    let target_uri = uri(&target);
    let mut text = std::fs::read_to_string(&target).map_err(|e| e.to_string())?;
    conn.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": target_uri, "languageId": "markdown", "version": 1, "text": text}}),
    )?;
    let mut version = 1;
    let line = text.lines().count() as u32;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    // Each round types one more character of a tag on a new last line.
    conn.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": target_uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "#"}]}),
    )?;
    version += 1;
    let mut completion = Vec::new();
    let mut diagnostics = Vec::new();
    let alphabet: Vec<char> = "loadbalancing".chars().collect();
    for round in 0..args.rounds {
        let col = 1 + round as u32;
        let ch = alphabet[round % alphabet.len()];
        version += 1;
        let sent = Instant::now();
        conn.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": target_uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": ch.to_string()}]}),
        )?;
        let id = conn.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": target_uri}, "position": {"line": line, "character": col + 1}}),
        )?;
        let mut got_diagnostics = None;
        let uri_json = json!(target_uri);
        conn.until(|m| {
            if m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri_json
                && m["params"]["version"] == json!(version)
            {
                got_diagnostics = Some(sent.elapsed());
            }
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })?;
        completion.push(sent.elapsed());
        if got_diagnostics.is_none() {
            conn.until(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri_json
                    && m["params"]["version"] == json!(version)
            })?;
            got_diagnostics = Some(sent.elapsed());
        }
        diagnostics.extend(got_diagnostics);
    }
    let rss = peak_rss_kib(conn.child.id());
    let id = conn.request("shutdown", Value::Null)?;
    conn.response(id)?;
    conn.notify("exit", Value::Null)?;
    let _ = conn.child.wait();

    println!(
        "workspace            {} ({} files, {:.1} MB)",
        args.workspace.display(),
        files.len(),
        total_bytes as f64 / 1e6
    );
    println!("cat (read all files) {}", ms(cat_time));
    println!("initialize           {}", ms(init_time));
    println!(
        "index + diagnostics  {}  ({:.1}x cat; {} files published)",
        ms(index_time),
        index_time.as_secs_f64() / cat_time.as_secs_f64().max(1e-9),
        published.len()
    );
    println!(
        "completion           p50 {}  p99 {}  ({} rounds, each after a didChange)",
        ms(percentile(&mut completion, 50.0)),
        ms(percentile(&mut completion, 99.0)),
        args.rounds
    );
    println!(
        "didChange->diagnostics p50 {}  p99 {}",
        ms(percentile(&mut diagnostics, 50.0)),
        ms(percentile(&mut diagnostics, 99.0))
    );
    if let Some(kib) = rss {
        let mib = kib as f64 / 1024.0;
        let budget = 2.0 * total_bytes as f64 / (1024.0 * 1024.0) + 50.0;
        println!(
            "peak RSS             {mib:.1} MiB  (budget 2x workspace + 50 MiB = {budget:.1} MiB)"
        );
    }
    Ok(())
}
