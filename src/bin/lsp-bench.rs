//! End-to-end language-server benchmark: drives `studylog lsp` over stdio as
//! an editor does and prints figures (not a test; nothing here asserts).
//!
//! `cargo run --release --bin lsp-bench -- --workspace DIR [--server PATH] [--rounds N] [--resolve-docs]`
//! `cargo run --release --bin lsp-bench -- --single-file [--rounds N]`
//!
//! Prints: time to `initialize`; when the diagnostics of a file opened
//! right after `initialized` arrive, against when indexing ended (the file
//! on screen must not wait for the rest of the journal); time until the
//! initial index is complete
//! (`$/progress` ended) and every file with diagnostics has them published
//! (how many is learned beforehand from `studylog check --format json` on
//! the same folder); completion and hover latency, each measured from the
//! didChange that inserts one character just before the request;
//! didChange-to-publishDiagnostics latency for the edited file (a publish
//! tagged with that version or a newer one); the server's peak RSS; and as
//! the physical reference the time `cat`-style sequential reading of the
//! same files takes; the size of the answer to the first `#` completion
//! (its items and bytes of JSON) and, with `--resolve-docs` (the client
//! fetches documentation with `completionItem/resolve`, as VS Code does),
//! the latency of resolving its first item; and that bare `#` completion
//! timed end to end (the client's send to its parsed answer), repeated. `--single-file` generates a 1 MB journal of 5,000
//! entries in one file in a temporary folder and edits that file.

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

/// Entries in the `--single-file` journal: 5,000 of about 200 bytes, 1 MB.
const SINGLE_FILE_ENTRIES: usize = 5_000;

struct Args {
    workspace: PathBuf,
    /// The generated single-file journal's folder, removed at the end.
    generated: Option<PathBuf>,
    server: PathBuf,
    rounds: usize,
    /// Announce `completionItem.resolveSupport` for `documentation`.
    resolve_docs: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut workspace = None;
    let mut server = None;
    let mut rounds = 200;
    let mut generated = None;
    let mut resolve_docs = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--workspace" => workspace = args.next().map(PathBuf::from),
            "--single-file" => {
                let dir = generate_single_file()?;
                workspace = Some(dir.clone());
                generated = Some(dir);
            }
            "--server" => server = args.next().map(PathBuf::from),
            "--resolve-docs" => resolve_docs = true,
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--rounds takes a number")?
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    let workspace = workspace
        .ok_or("usage: lsp-bench (--workspace DIR | --single-file) [--server PATH] [--rounds N]")?;
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
        generated,
        server,
        rounds,
        resolve_docs,
    })
}

/// Writes a 1 MB journal of [`SINGLE_FILE_ENTRIES`] daily entries into one
/// file (`journal.md`) in a new temporary folder, and returns the folder.
fn generate_single_file() -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join(format!("lsp-bench-single-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let topics = [
        "rust",
        "caching",
        "load-balancing",
        "sql",
        "kubernetes",
        "testing",
    ];
    let mut text = String::from("# Practice log\n\n");
    let mut date = jiff::civil::date(2010, 1, 1);
    for i in 0..SINGLE_FILE_ENTRIES {
        let topic = topics[i % topics.len()];
        let other = topics[(i * 7 + 3) % topics.len()];
        text.push_str(&format!(
            "## {date}\ntopic:: #{topic}\ntime:: {}m\n\nWorked through an exercise on {topic}, then read about #{other} and wrote notes on what went wrong and what to try next time.\n\n",
            15 + (i % 8) * 15
        ));
        date = date.tomorrow().map_err(|e| e.to_string())?;
    }
    std::fs::write(dir.join("journal.md"), text).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// The files `studylog check` finds diagnostics in (workspace-relative
/// paths): the bench waits for the server to have published that many
/// after indexing.
fn files_with_diagnostics(server: &Path, workspace: &Path) -> Result<Vec<String>, String> {
    let out = Command::new(server)
        .args(["check", "--format", "json"])
        .arg(workspace)
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {} check: {e}", server.display()))?;
    let found: Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("check output: {e}"))?;
    let mut paths: Vec<String> = found
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["path"].as_str())
        .filter(|p| *p != "studylog.toml")
        .map(str::to_string)
        .collect();
    paths.sort_unstable();
    paths.dedup();
    Ok(paths)
}

/// The position (line, byte column) of the first `#tag` in the body of
/// `text`, for hover: a known topic in the edited note.
fn first_tag(text: &str) -> Option<(u32, u32)> {
    for (line_no, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        let bytes = line.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            let starts = i == 0 || bytes[i - 1] == b' ';
            let next = bytes.get(i + 1).is_some_and(|c| c.is_ascii_lowercase());
            if *b == b'#' && starts && next {
                return Some((line_no as u32, i as u32 + 1));
            }
        }
    }
    None
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("lsp-bench: {e}");
            return ExitCode::from(2);
        }
    };
    let result = run(&args);
    if let Some(dir) = &args.generated {
        let _ = std::fs::remove_dir_all(dir);
    }
    match result {
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

/// Wall time of `cat FILE...` (in chunks, as xargs would) with output to /dev/null.
fn cat_program_time(files: &[PathBuf]) -> Option<Duration> {
    /// Arguments per `cat` call: far below the kernel's argument limit.
    const CHUNK: usize = 2000;
    let started = Instant::now();
    for chunk in files.chunks(CHUNK) {
        let status = Command::new("cat")
            .args(chunk)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
    }
    Some(started.elapsed())
}

/// The letters the bench types, one per keystroke, cycling.
const TYPED: &[u8] = b"loadbalancing";

/// Types the next character at the end of the line being typed: advances the
/// column and the document version, sends the didChange, and returns when it
/// was sent (latencies count from there).
fn type_next_char(
    conn: &mut Conn,
    uri: &str,
    version: &mut i32,
    line: u32,
    col: &mut u32,
) -> Result<Instant, String> {
    *col += 1;
    *version += 1;
    let ch = char::from(TYPED[*col as usize % TYPED.len()]);
    let at = json!({"line": line, "character": *col});
    let sent = Instant::now();
    conn.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": *version},
               "contentChanges": [{"range": {"start": at, "end": at}, "text": ch.to_string()}]}),
    )?;
    Ok(sent)
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
    let read_time = started.elapsed();
    // And the reference the issue names: the `cat` program itself over the
    // same files (as `find | xargs cat` runs it), output discarded.
    let cat_time = cat_program_time(&files).unwrap_or(read_time);
    let with_diagnostics = files_with_diagnostics(&args.server, &args.workspace)?;
    let expected_files = with_diagnostics.len();
    // The file the user has on screen: the newest daily note (or the
    // largest file), opened right after `initialized` and edited below.
    let target = files
        .iter()
        .filter(|f| f.to_string_lossy().contains("journal"))
        .max()
        .unwrap_or(&files[0])
        .clone();
    let target_has_findings = target
        .strip_prefix(&args.workspace)
        .ok()
        .and_then(|rel| rel.to_str())
        .is_some_and(|rel| with_diagnostics.iter().any(|p| p == rel));
    let target_uri = uri(&target);
    let mut text = std::fs::read_to_string(&target).map_err(|e| e.to_string())?;

    let completion_item = if args.resolve_docs {
        json!({"snippetSupport": true, "resolveSupport": {"properties": ["documentation"]}})
    } else {
        json!({"snippetSupport": true})
    };
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
                                 "completion": {"completionItem": completion_item}}
            }
        }),
    )?;
    conn.response(init)?;
    let init_time = spawned.elapsed();
    conn.notify("initialized", json!({}))?;
    conn.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": target_uri, "languageId": "markdown", "version": 1, "text": text}}),
    )?;

    // The index is complete when the server has ended its `$/progress` and
    // published the diagnostics of every file that has some.
    let mut published: HashMap<String, bool> = HashMap::new();
    let mut progress_ended = None;
    let mut open_published = None;
    let target_json = json!(target_uri);
    conn.until(|m| {
        if m["method"] == "textDocument/publishDiagnostics" {
            let nonempty = m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| !d.is_empty());
            published.insert(m["params"]["uri"].to_string(), nonempty);
            if nonempty && m["params"]["uri"] == target_json && open_published.is_none() {
                open_published = Some(spawned.elapsed());
            }
        }
        if m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end" {
            progress_ended = Some(spawned.elapsed());
        }
        progress_ended.is_some() && published.values().filter(|n| **n).count() >= expected_files
    })?;
    let index_time = spawned.elapsed();
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
    // The answer to the bare `#`: every topic, the largest list typed.
    let id = conn.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": target_uri}, "position": {"line": line, "character": 1}}),
    )?;
    let answer = conn.response(id)?;
    // The same request again, timed from the client's send to its parsed
    // answer: the largest completion list as an editor receives it.
    let mut hash_completion = Vec::new();
    for _ in 0..args.rounds {
        let sent = Instant::now();
        let id = conn.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": target_uri}, "position": {"line": line, "character": 1}}),
        )?;
        conn.response(id)?;
        hash_completion.push(sent.elapsed());
    }
    let hash_items = answer["result"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let hash_bytes = answer.to_string().len();
    let resolve_time = match hash_items.first() {
        Some(first) if args.resolve_docs => {
            let sent = Instant::now();
            let id = conn.request("completionItem/resolve", first.clone())?;
            conn.response(id)?;
            Some(sent.elapsed())
        }
        _ => None,
    };
    let hover_at = first_tag(&text);
    let mut completion = Vec::new();
    let mut hover = Vec::new();
    let mut diagnostics = Vec::new();
    let mut col = 0u32;
    // A publish for this version or a newer one: the keystroke is in it.
    let fresh = |m: &Value, uri: &Value, version: i64| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == *uri
            && m["params"]["version"]
                .as_i64()
                .is_some_and(|v| v >= version)
    };
    for _ in 0..args.rounds {
        let sent = type_next_char(&mut conn, &target_uri, &mut version, line, &mut col)?;
        let id = conn.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": target_uri}, "position": {"line": line, "character": col + 1}}),
        )?;
        let mut got_diagnostics = None;
        let uri_json = json!(target_uri);
        let v = i64::from(version);
        conn.until(|m| {
            if got_diagnostics.is_none() && fresh(m, &uri_json, v) {
                got_diagnostics = Some(sent.elapsed());
            }
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })?;
        completion.push(sent.elapsed());
        if got_diagnostics.is_none() {
            conn.until(|m| fresh(m, &uri_json, v))?;
            got_diagnostics = Some(sent.elapsed());
        }
        diagnostics.extend(got_diagnostics);

        // Another keystroke, then a hover on a topic of the note.
        let Some((hover_line, hover_col)) = hover_at else {
            continue;
        };
        let sent = type_next_char(&mut conn, &target_uri, &mut version, line, &mut col)?;
        let id = conn.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": target_uri}, "position": {"line": hover_line, "character": hover_col}}),
        )?;
        conn.response(id)?;
        hover.push(sent.elapsed());
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
    println!(
        "cat (read all files) {}  (in-process sequential read: {})",
        ms(cat_time),
        ms(read_time)
    );
    println!("initialize           {}", ms(init_time));
    match (open_published, progress_ended) {
        (Some(open), Some(indexed)) if target_has_findings => println!(
            "open file's diagnostics after start {}  (indexing ended at {}; {:+.1} ms)",
            ms(open),
            ms(indexed),
            (open.as_secs_f64() - indexed.as_secs_f64()) * 1000.0
        ),
        _ => println!("open file's diagnostics after start  n/a (the opened file has no findings)"),
    }
    println!(
        "index + diagnostics  {}  ({:.1}x cat; {} files with diagnostics published)",
        ms(index_time),
        index_time.as_secs_f64() / cat_time.as_secs_f64().max(1e-9),
        published.values().filter(|n| **n).count()
    );
    println!(
        "completion           p50 {}  p99 {}  ({} rounds, each after a didChange)",
        ms(percentile(&mut completion, 50.0)),
        ms(percentile(&mut completion, 99.0)),
        args.rounds
    );
    println!(
        "`#` completion       {} items, {} bytes of JSON ({}); end to end p50 {}  p99 {}",
        hash_items.len(),
        hash_bytes,
        if args.resolve_docs {
            "documentation on resolve"
        } else {
            "documentation inline"
        },
        ms(percentile(&mut hash_completion, 50.0)),
        ms(percentile(&mut hash_completion, 99.0)),
    );
    if let Some(t) = resolve_time {
        println!("completionItem/resolve {} (first item)", ms(t));
    }
    println!(
        "hover                p50 {}  p99 {}  ({} rounds, each after a didChange)",
        ms(percentile(&mut hover, 50.0)),
        ms(percentile(&mut hover, 99.0)),
        hover.len()
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
