//! Hostile input against the built binary: files, folders, configs and
//! protocol frames an attacker (or an unlucky disk) could hand studylog. The
//! rule is the same everywhere: no crash, no hang, no blow-up, and nothing
//! left out without a line saying so. Each case is small enough that the
//! whole file runs in a few seconds.

// A failed unwrap in a test helper is a failed test.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::stdio::StdioServer;
use support::*;

const TODAY_ARG: &str = "2026-11-26";

/// How long a `check` may take before it counts as hung.
const HANG: Duration = Duration::from_secs(30);

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let full = root.join(rel);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, bytes).unwrap();
}

fn journal(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in files {
        write(dir.path(), rel, bytes);
    }
    dir
}

/// Runs `studylog ARGS`, killing it (and failing) if it runs past [`HANG`].
fn run(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_studylog"))
        .args(args)
        .env_remove("NO_COLOR")
        .env("STUDYLOG_TODAY", TODAY_ARG)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > HANG {
            let _ = child.kill();
            panic!("studylog {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait_with_output().unwrap()
}

fn check(dir: &Path) -> Output {
    run(&["check", dir.to_str().unwrap()])
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `check` ran to its end: exit 0 or 1 (findings), never a crash or 2.
fn completed(out: &Output) {
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        stdout(out),
        stderr(out)
    );
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

const ENTRY: &[u8] = b"## 2026-11-26\ntime:: 30m\n#caching\n";

fn deep_yaml_list() -> Vec<u8> {
    format!("---\n{}x\n---\n", "- ".repeat(5000)).into_bytes()
}

fn deep_yaml_mapping() -> Vec<u8> {
    let mut yaml = String::from("---\n");
    for depth in 0..2500 {
        yaml.push_str(&" ".repeat(depth));
        yaml.push_str("k:\n");
    }
    yaml.push_str("---\n");
    yaml.into_bytes()
}

// ---------------------------------------------------------------- files

#[test]
fn deeply_nested_frontmatter_is_a_finding_not_a_crash() {
    let dir = journal(&[
        ("2026-11-20.md", &deep_yaml_list()),
        ("notes/deep-map.md", &deep_yaml_mapping()),
        ("2026-11-26.md", ENTRY),
    ]);
    let out = check(dir.path());
    completed(&out);
    let text = stdout(&out);
    assert!(
        text.contains("2026-11-20.md:2:1: error[frontmatter-syntax]: frontmatter is nested more than 64 levels deep"),
        "{text}"
    );
    assert!(
        text.contains("notes/deep-map.md:66:1: ")
            && text.contains("[frontmatter-syntax]: frontmatter is nested more than 64"),
        "{text}"
    );
}

#[test]
fn lone_cr_files_read_fences_like_lf_files() {
    let lf = "## 2026-11-25\ntime:: 30m\n#caching\n```\n#inside-a-fence\n```\n\n## 2026-02-30\n";
    let dir = journal(&[("journal.md", lf.replace('\n', "\r").as_bytes())]);
    let out = check(dir.path());
    completed(&out);
    let text = stdout(&out);
    assert!(!text.contains("inside-a-fence"), "{text}");
    assert!(
        text.contains("journal.md:8:1: error[invalid-date]"),
        "{text}"
    );
}

#[test]
fn tens_of_thousands_of_tags_in_one_entry_are_checked_quickly() {
    let mut text = String::from("## 2026-11-26\ntime:: 30m\n");
    for i in 0..24_000 {
        text.push_str(&format!("#topic-{i} "));
    }
    text.push('\n');
    // Without the built-in catalog, did-you-mean has little to compare, so
    // the time is the topic handling's own.
    let dir = journal(&[
        ("studylog.toml", b"[topics]\nbuiltin = false\n"),
        ("journal.md", text.as_bytes()),
    ]);
    let (out, cpu) = check_with_cpu_time(dir.path());
    completed(&out);
    assert!(stderr(&out).contains("24000 infos"), "{}", stderr(&out));
    // Processor time, not wall time, so a busy machine does not fail it:
    // quadratic topic handling took 7 s here (debug build), linear ~1.5 s.
    assert!(cpu < Duration::from_secs(4), "{cpu:?}");
}

/// Runs `check DIR` under bash and returns its output and the processor
/// time (user + system) it used, as bash's `times` reports for children.
fn check_with_cpu_time(dir: &Path) -> (Output, Duration) {
    let out = Command::new("bash")
        .args([
            "-c",
            "\"$1\" check \"$2\" >\"$2/check.out\" 2>\"$2/check.err\"; echo $? >\"$2/check.status\"; times",
            "bash",
            env!("CARGO_BIN_EXE_studylog"),
        ])
        .arg(dir)
        .env("STUDYLOG_TODAY", TODAY_ARG)
        .output()
        .unwrap();
    let times = String::from_utf8_lossy(&out.stdout).into_owned();
    // The second line holds the children's user and system times, `XmY.YYYs`.
    let cpu = times
        .lines()
        .nth(1)
        .unwrap_or_default()
        .split_whitespace()
        .map(|t| {
            let (minutes, seconds) = t.trim_end_matches('s').split_once('m').unwrap();
            minutes.parse::<f64>().unwrap() * 60.0 + seconds.parse::<f64>().unwrap()
        })
        .sum::<f64>();
    let read = |ext: &str| std::fs::read(dir.join(format!("check.{ext}"))).unwrap();
    let status: i32 = String::from_utf8_lossy(&read("status"))
        .trim()
        .parse()
        .unwrap();
    let output = Output {
        status: std::os::unix::process::ExitStatusExt::from_raw(status << 8),
        stdout: read("out"),
        stderr: read("err"),
    };
    (output, Duration::from_secs_f64(cpu))
}

#[test]
fn a_long_alias_chain_is_fast_and_a_cycle_is_a_config_error() {
    let mut config = String::from("[topics.aliases]\n");
    for i in 0..2000 {
        config.push_str(&format!("a{i} = \"a{}\"\n", i + 1));
    }
    config.push_str("a2000 = \"a0\"\n");
    let dir = journal(&[
        ("studylog.toml", config.as_bytes()),
        ("journal.md", b"## 2026-11-26\ntime:: 30m\n#a5\n"),
    ]);
    let started = Instant::now();
    let out = check(dir.path());
    completed(&out);
    assert!(started.elapsed() < Duration::from_secs(20));
    let text = stdout(&out);
    assert!(
        text.contains(
            "studylog.toml:2:1: error[config-error]: `aliases`: the aliases a0 -> a1 -> "
        ),
        "{text}"
    );
    assert_eq!(text.matches("form a cycle").count(), 1, "{text}");
}

/// `check` stopped with one line on stderr and exit 2.
fn failed_with_one_line(out: &Output, says: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(says), "{err}");
}

#[test]
fn a_config_that_is_a_fifo_or_dev_zero_does_not_hang_check() {
    let dir = journal(&[("2026-11-26.md", ENTRY)]);
    let config = dir.path().join("studylog.toml");
    mkfifo(&config);
    failed_with_one_line(
        &check(dir.path()),
        "studylog.toml: it is a named pipe (FIFO), not a regular file",
    );
    std::fs::remove_file(&config).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &config).unwrap();
    failed_with_one_line(&check(dir.path()), "it is a device, not a regular file");
}

#[test]
fn an_oversized_config_is_refused() {
    let mut big = b"[journal]\n".to_vec();
    big.resize(2 * 1024 * 1024, b'#');
    let dir = journal(&[("studylog.toml", &big), ("2026-11-26.md", ENTRY)]);
    failed_with_one_line(&check(dir.path()), "it is larger than 1024 KiB");
}

#[test]
fn the_server_finishes_indexing_beside_a_fifo_config() {
    let journal = Journal::new(&[("2026-11-26.md", "## 2026-11-26\ntime:: 30m\n#caching\n")]);
    mkfifo(&journal.path("studylog.toml"));
    let mut server = StdioServer::spawn();
    server.initialize(journal.root(), client());
    wait_log(&mut server, "not a regular file");
    let uri = uri_of_path(&journal.path("2026-11-26.md"));
    assert!(hover(&mut server, &uri, 0).get("result").is_some());
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn fifos_devices_and_bad_bytes_named_md_are_skipped_with_a_line() {
    let mut big = b"## 2026-11-26\n".to_vec();
    big.resize(8 * 1024 * 1024 + 1, b'a');
    let dir = journal(&[
        ("2026-11-26.md", ENTRY),
        ("empty.md", b""),
        (
            "bom.md",
            b"\xef\xbb\xbf## 2026-11-25\ntime:: 1h\n#caching\n",
        ),
        ("crlf.md", b"## 2026-11-24\r\ntime:: 1h\r\n#caching\r\n"),
        ("latin1.md", b"## 2026-11-23\ncaf\xe9\n"),
        ("binary.md", b"\x00\x01\x02\xff"),
        ("nul.md", b"## 2026-11-22\n\0"),
        ("big.md", &big),
    ]);
    mkfifo(&dir.path().join("pipe.md"));
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.md")).unwrap();
    let out = check(dir.path());
    completed(&out);
    let err = stderr(&out);
    for line in [
        "studylog: skipped big.md: larger than 8 MiB",
        "studylog: skipped binary.md: binary file",
        "studylog: skipped latin1.md: not valid UTF-8",
        "studylog: skipped nul.md: binary file",
        "studylog: skipped pipe.md: not a regular file",
        "studylog: skipped zero.md: not a regular file",
    ] {
        assert!(err.contains(line), "{line}\n{err}");
    }
    assert!(err.contains("in 4 files"), "{err}");
}

#[test]
fn long_lines_deep_nesting_many_headings_and_billion_laughs_hold() {
    let mut long_line = b"## 2026-11-26\ntime:: 30m\n#caching ".to_vec();
    long_line.resize(1024 * 1024, b'x');
    let quotes = format!("## 2026-11-25\n{}deep #caching\n", "> ".repeat(20_000));
    let lists = format!("## 2026-11-24\n{}item\n", "- ".repeat(20_000));
    let headings: String = (0..30_000).map(|i| format!("### h{i}\n")).collect();
    let laughs = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n\
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n\
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n\
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ntags: *f\n---\n";
    let dir = journal(&[
        ("long.md", &long_line),
        ("quotes.md", quotes.as_bytes()),
        ("lists.md", lists.as_bytes()),
        ("headings.md", headings.as_bytes()),
        ("2026-11-20.md", laughs.as_bytes()),
    ]);
    let locked = dir.path().join("locked.md");
    write(dir.path(), "locked.md", ENTRY);
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let out = check(dir.path());
    completed(&out);
    let err = stderr(&out);
    // Root reads a mode-000 file; anyone else gets a skipped line.
    if std::fs::read(&locked).is_ok() {
        assert!(err.contains("in 6 files"), "{err}");
    } else {
        assert!(
            err.contains("skipped locked.md: unreadable: permission denied"),
            "{err}"
        );
    }
}

#[test]
fn each_real_folder_is_read_once_through_any_number_of_links() {
    let outside = tempfile::tempdir().unwrap();
    let levels = 12;
    for level in 0..=levels {
        std::fs::create_dir_all(outside.path().join(format!("d{level}"))).unwrap();
    }
    write(outside.path(), &format!("d{levels}/2026-11-25.md"), ENTRY);
    for level in 0..levels {
        let next = outside.path().join(format!("d{}", level + 1));
        let here = outside.path().join(format!("d{level}"));
        std::os::unix::fs::symlink(&next, here.join("a")).unwrap();
        std::os::unix::fs::symlink(&next, here.join("b")).unwrap();
    }
    let dir = journal(&[("2026-11-26.md", ENTRY)]);
    std::os::unix::fs::symlink(outside.path().join("d0"), dir.path().join("linked")).unwrap();
    let out = check(dir.path());
    completed(&out);
    let err = stderr(&out);
    assert!(err.contains("in 2 files"), "{err}");
    assert_eq!(err.matches("read once").count(), levels, "{err}");
}

#[test]
fn virtual_file_systems_are_refused_as_roots_and_below() {
    for root in ["/proc", "/sys", "/dev"] {
        let out = run(&["check", root]);
        assert_eq!(out.status.code(), Some(2), "{root}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("virtual file system"), "{err}");
    }
    let dir = journal(&[("2026-11-26.md", ENTRY)]);
    std::os::unix::fs::symlink("/sys", dir.path().join("sys")).unwrap();
    let out = check(dir.path());
    completed(&out);
    assert!(stderr(&out).contains("skipped sys: /sys is a virtual file system; not walked"));
}

#[test]
fn the_file_count_limit_stops_the_walk_with_one_line() {
    let dir = journal(&[
        ("studylog.toml", b"[journal]\nmax-files = 3\n"),
        ("a.md", ENTRY),
        ("b.md", ENTRY),
        ("c.md", ENTRY),
        ("d.md", ENTRY),
    ]);
    let out = check(dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("more than 3 journal files"), "{err}");
    write(dir.path(), "studylog.toml", b"[journal]\nmax-files = 4\n");
    completed(&check(dir.path()));
}

#[test]
fn hidden_notes_and_paths_past_path_max_get_a_skipped_line() {
    let dir = journal(&[("2026-11-26.md", ENTRY), (".hidden.md", ENTRY)]);
    let script = format!(
        "cd \"$1\" && for i in $(seq 20); do mkdir {n} && cd -P {n} || exit 1; done && echo x > deep.md",
        n = "n".repeat(250)
    );
    let status = Command::new("bash")
        .args(["-c", &script, "bash"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let out = check(dir.path());
    completed(&out);
    let err = stderr(&out);
    assert!(err.contains("skipped .hidden.md: hidden file"), "{err}");
    assert!(err.contains("longer than the system allows"), "{err}");
    assert!(!err.contains("in 0 files"), "{err}");
}

#[test]
fn control_characters_in_file_names_stay_on_one_line() {
    let dir = journal(&[
        ("new\nline.md", b"## 2026-02-30\n"),
        ("bidi\u{202e}dm.md", b"## 2026-02-31\n"),
    ]);
    let out = check(dir.path());
    completed(&out);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.contains("new\\nline.md:1:1: error[invalid-date]"),
        "{text}"
    );
    assert!(text.contains("bidi\\u{202e}dm.md:1:1"), "{text}");
}

#[test]
fn bad_arguments_are_one_line_and_exit_2() {
    for args in [
        &["check", "--frobnicate"][..],
        &["frobnicate"][..],
        &["check", "--format", "yaml"][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("studylog: error: "), "{err}");
        assert!(err.contains("--help"), "{err}");
    }
}

// --------------------------------------------------------------- server

fn client() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-8"] },
        "workspace": { "configuration": true },
    })
}

/// Waits for a `window/logMessage` from the server that contains `needle`.
fn wait_log(server: &mut StdioServer, needle: &str) {
    server.wait_message(needle, |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|text| text.contains(needle))
    });
}

fn hover(server: &mut StdioServer, uri: &str, line: u32) -> Value {
    server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": 0 } }),
    )
}

#[test]
fn the_server_indexes_a_journal_with_deep_frontmatter() {
    let journal = Journal::new(&[("2026-11-26.md", "## 2026-11-26\ntime:: 30m\n#caching\n")]);
    write(journal.root(), "2026-11-20.md", &deep_yaml_list());
    write(journal.root(), "notes/deep-map.md", &deep_yaml_mapping());
    let mut server = StdioServer::spawn();
    server.initialize(journal.root(), client());
    let uri = uri_of_path(&journal.path("2026-11-20.md"));
    let published = server.wait_message("diagnostics of the deep file", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
    let codes: Vec<&str> = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"frontmatter-syntax"), "{codes:?}");
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn malformed_frames_are_answered_and_the_server_keeps_reading() {
    let journal = Journal::new(&[("2026-11-26.md", "## 2026-11-26\ntime:: 30m\n#caching\n")]);
    let uri = uri_of_path(&journal.path("2026-11-26.md"));
    let mut server = StdioServer::spawn();
    server.initialize(journal.root(), client());
    let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let cases: Vec<(String, Value, i64)> = vec![
        (frame("{not json"), Value::Null, -32700),
        (frame("[1,2,3]"), Value::Null, -32600),
        (frame("\"just a string\""), Value::Null, -32600),
        (
            frame(r#"{"jsonrpc":"1.0","id":77,"method":"textDocument/hover"}"#),
            json!(77),
            -32600,
        ),
        (
            frame(r#"{"jsonrpc":"2.0","id":1.5,"method":"textDocument/hover"}"#),
            Value::Null,
            -32600,
        ),
        (
            "Content-Type: application/json\r\n\r\n{}".to_string(),
            Value::Null,
            -32700,
        ),
        (
            "Content-Length: twelve\r\n\r\n{}".to_string(),
            Value::Null,
            -32700,
        ),
        (frame(&deep), Value::Null, -32700),
        (
            frame(r#"{"jsonrpc":"2.0","id":78,"method":"$/foo"}"#),
            json!(78),
            -32601,
        ),
    ];
    for (bytes, id, code) in cases {
        server.send_raw(bytes.as_bytes());
        let answer = server.wait_response_to(&id);
        assert_eq!(answer["error"]["code"], json!(code), "{bytes:?}: {answer}");
        // Still serving.
        assert!(
            hover(&mut server, &uri, 0).get("result").is_some(),
            "after {bytes:?}"
        );
    }
    // A Content-Type without a charset is legal (UTF-8).
    let body = r#"{"jsonrpc":"2.0","id":500,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere.md"},"position":{"line":0,"character":0}}}"#;
    server.send_raw(
        format!(
            "Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    assert!(server.wait_response_to(&json!(500)).get("result").is_some());
    // An empty frame and a request in the same write: the request is
    // answered without waiting for more input.
    let request = r#"{"jsonrpc":"2.0","id":501,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere.md"},"position":{"line":0,"character":0}}}"#;
    server.send_raw(format!("Content-Length: 0\r\n\r\n{}", frame(request)).as_bytes());
    assert!(server.wait_response_to(&json!(501)).get("result").is_some());
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn lifecycle_positions_versions_and_cancellation() {
    let journal = Journal::new(&[("2026-11-26.md", "## 2026-11-26\ntime:: 30m\n#caching\n")]);
    let uri = uri_of_path(&journal.path("2026-11-26.md"));
    let mut server = StdioServer::spawn();
    server.initialize(journal.root(), client());
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri, "languageId": "markdown", "version": 5,
            "text": "## 2026-11-26\ntime:: 30m\n#caching\n",
        }}),
    );
    // An older version is ignored (and logged).
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 4 },
            "contentChanges": [{ "text": "stale" }],
        }),
    );
    // Positions far outside the document, and cancelling what is not running.
    assert!(hover(&mut server, &uri, 999_999).get("result").is_some());
    server.notify("$/cancelRequest", json!({ "id": 12345 }));
    server.notify("$/somethingUnknown", json!({}));
    assert!(hover(&mut server, &uri, 0).get("result").is_some());
    wait_log(&mut server, "older than the document's 5");
    // After shutdown, every request is refused as invalid.
    let response = server.request("shutdown", Value::Null);
    assert_eq!(response["result"], Value::Null);
    for method in ["textDocument/hover", "made/up"] {
        let answer = server.request(method, json!({}));
        assert_eq!(answer["error"]["code"], json!(-32600), "{method}: {answer}");
    }
    server.notify("exit", Value::Null);
    assert!(server.wait_exit().success());
}

// ------------------------------------------------- races and huge documents

#[test]
fn a_file_that_vanishes_between_listing_and_reading_is_reported_and_the_scan_goes_on() {
    let dir = journal(&[
        ("2026-11-24.md", ENTRY),
        ("2026-11-25.md", ENTRY),
        ("2026-11-26.md", ENTRY),
    ]);
    let (ws, skipped) = studylog::scan::load_workspace_pausing(dir.path(), |listed| {
        assert_eq!(listed.len(), 3, "{listed:?}");
        std::fs::remove_file(dir.path().join("2026-11-25.md")).unwrap();
    })
    .unwrap();
    let loaded: Vec<&str> = ws.files().map(|f| f.path.as_str()).collect();
    assert_eq!(loaded, ["2026-11-24.md", "2026-11-26.md"]);
    let skipped: Vec<String> = skipped
        .iter()
        .map(|s| format!("{}: {}", s.path.display(), s.reason))
        .collect();
    assert_eq!(
        skipped,
        ["2026-11-25.md: vanished before it could be read (deleted or renamed meanwhile)"]
    );
}

/// A journal document of about `bytes` bytes: ten dated entries of plain
/// lines, a tag and a link on every twentieth. Returns it and its line count.
fn big_document(bytes: usize) -> (String, u32) {
    let mut text = String::with_capacity(bytes + 1000);
    let mut line = 0u32;
    for day in 1..=10 {
        text.push_str(&format!("## 2026-11-{day:02}\ntime:: 30m\n"));
        line += 2;
        while text.len() < day * bytes / 10 {
            if line % 20 == 0 {
                text.push_str("Read about #caching and [[load balancing]] today.\n");
            } else {
                text.push_str("Plain notes, nothing to check on this line at all.\n");
            }
            line += 1;
        }
    }
    (text, line)
}

/// A 10 MB document: over the 8 MiB limit, so the server keeps it out of
/// the journal with a log line, and answers every request on it; edited
/// down to just under the limit, it is parsed, and an edit in its middle
/// shows in the next answer.
#[test]
fn a_ten_megabyte_document_is_opened_edited_and_answered() {
    let journal = Journal::new(&[("2026-11-26.md", "## 2026-11-26\ntime:: 30m\n#caching\n")]);
    let uri = uri_of_path(&journal.path("big.md"));
    let (text, _) = big_document(10_000_000);
    let mut server = StdioServer::spawn();
    server.initialize(journal.root(), client());
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text,
        }}),
    );
    wait_log(&mut server, "too large");
    let hovered = hover(&mut server, &uri, 0);
    assert!(hovered.get("result").is_some(), "{hovered}");

    let (text, lines) = big_document(8_000_000);
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": text }],
        }),
    );
    // Off the sixth entry's heading, which starts the second half.
    let middle = lines / 2 + 7;
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 3 },
            "contentChanges": [{
                "range": {
                    "start": { "line": middle, "character": 0 },
                    "end": { "line": middle, "character": 0 },
                },
                "text": "## 2026-11-30\n#rust ",
            }],
        }),
    );
    let hovered = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": middle + 1, "character": 2 } }),
    );
    assert!(
        hovered["result"].to_string().contains("rust"),
        "the hover of the inserted tag: {hovered}"
    );
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(
        symbols["result"].as_array().map(Vec::len),
        Some(11),
        "ten entries and the inserted one: {:?}",
        symbols["result"]
            .as_array()
            .map(|a| a.iter().map(|s| s["name"].to_string()).collect::<Vec<_>>())
    );
    assert!(server.shutdown_and_exit().success());
}
