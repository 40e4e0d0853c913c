//! End-to-end tests of the `studylog` binary: `check` and `stats` run on
//! temporary journals (and on examples/journal), asserting output shapes,
//! order, positions, exit statuses and "today" handling.

// clippy.toml allows unwrap in `#[test]` functions only; the helpers below are
// test code too, and a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};
use tempfile::TempDir;

/// A journal in a temporary folder, written from `(path, text)` pairs.
fn journal(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        write(dir.path(), path, text.as_bytes());
    }
    dir
}

fn write(root: &Path, path: &str, bytes: &[u8]) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, bytes).unwrap();
}

/// The binary with a clean environment for "today" and colours.
fn studylog() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_studylog"));
    cmd.env_remove("STUDYLOG_TODAY").env_remove("NO_COLOR");
    cmd
}

/// Runs `studylog ARGS`; the last argument given as `PATH` is a journal folder.
fn run(args: &[&str]) -> Output {
    studylog().args(args).output().unwrap()
}

/// `studylog COMMAND DIR --format json --today TODAY`.
fn run_json(command: &str, dir: &TempDir) -> Output {
    run(&[command, path_arg(dir), "--format", "json", "--today", TODAY])
}

fn path_arg(dir: &TempDir) -> &str {
    dir.path().to_str().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn status(out: &Output) -> i32 {
    out.status.code().expect("exited normally, not by a signal")
}

/// One text diagnostic split into (path, line, col, severity, code, message).
fn parse_text_line(line: &str) -> (String, u32, u32, String, String, String) {
    let mut parts = line.splitn(4, ':');
    let path = parts.next().unwrap().to_string();
    let line_no = parts.next().unwrap().parse().unwrap();
    let col = parts.next().unwrap().parse().unwrap();
    let rest = parts.next().unwrap().strip_prefix(' ').unwrap();
    let (severity, rest) = rest.split_once('[').unwrap();
    let (code, message) = rest.split_once("]: ").unwrap();
    (
        path,
        line_no,
        col,
        severity.to_string(),
        code.to_string(),
        message.to_string(),
    )
}

/// (path, line, severity, code) of each text diagnostic, in output order.
fn text_findings(out: &Output) -> Vec<(String, u32, String, String)> {
    stdout(out)
        .lines()
        .map(|l| {
            let (path, line, _, sev, code, _) = parse_text_line(l);
            (path, line, sev, code)
        })
        .collect()
}

fn finding(path: &str, line: u32, severity: &str, code: &str) -> (String, u32, String, String) {
    (
        path.to_string(),
        line,
        severity.to_string(),
        code.to_string(),
    )
}

fn json_output(out: &Output) -> Vec<Value> {
    let value: Value = serde_json::from_str(&stdout(out)).unwrap();
    value.as_array().expect("a JSON array").clone()
}

const TODAY: &str = "2026-11-26";

/// A clean daily note: topic and time in frontmatter.
const CLEAN_NOTE: &str = "---\ntopics: [automated-testing]\ntime: 30m\n---\n\
                          # Snapshot tests\n\npracticed:: insta snapshots for the API\n";

#[test]
fn clean_journal_exits_0_with_a_summary_on_stderr() {
    let dir = journal(&[("journal/2026-11-20.md", CLEAN_NOTE)]);
    let out = run(&["check", path_arg(&dir), "--today", TODAY]);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out).trim(), "no problems in 1 file");
    assert_eq!(status(&out), 0);
}

/// Three files, each with one known finding; output sorted by path then line,
/// paths relative to PATH (given here relative to the working directory).
fn mixed_journal() -> TempDir {
    journal(&[
        ("a.md", "See [[nowhere]] for details.\n"),
        (
            "journal/2026-11-21.md",
            "---\ntopics: [automated-testing]\n---\nNo time logged.\n",
        ),
        (
            "log/week.md",
            "# Week 47\n\
             \n\
             ## 2026-11-20 – Hashing #load-balancing\n\
             time:: 45m\n\
             \n\
             ## 2026-11-2 – typo\n\
             time:: 30m\n\
             \n\
             ## 2026-11-22 – Retries #load-balancing\n\
             time:: 45 parsecs\n",
        ),
    ])
}

#[test]
fn text_output_is_sorted_and_relative_to_path() {
    let dir = mixed_journal();
    let parent = dir.path().parent().unwrap();
    let name = dir.path().file_name().unwrap().to_str().unwrap();
    let out = studylog()
        .current_dir(parent)
        .args(["check", name, "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(
        text_findings(&out),
        [
            finding("a.md", 1, "warning", "broken-link"),
            finding("journal/2026-11-21.md", 1, "warning", "missing-field"),
            finding("log/week.md", 6, "error", "invalid-date"),
            finding("log/week.md", 10, "error", "invalid-duration"),
        ]
    );
    // The broken link sits on the link itself.
    let (_, _, col, _, _, message) = parse_text_line(stdout(&out).lines().next().unwrap());
    assert_eq!(col, 5);
    assert!(message.contains("nowhere"), "{message}");
    assert_eq!(
        stderr(&out).trim(),
        "broken-link 1, invalid-date 1, invalid-duration 1, missing-field 1\n\
         2 errors, 2 warnings in 3 files"
    );
    assert_eq!(status(&out), 1);
}

#[test]
fn the_count_table_puts_the_most_frequent_code_first() {
    let dir = journal(&[(
        "a.md",
        "See [[nowhere]], [[nothing]] and [[never]].\n\n## 2026-11-2 typo\n",
    )]);
    let out = run(&["check", path_arg(&dir), "--today", TODAY]);
    // The journal has no valid entry, so its notice comes first (see tests/vaults.rs).
    let stderr = stderr(&out);
    let summary: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("studylog: notice: "))
        .collect();
    assert_eq!(
        summary.join("\n"),
        "broken-link 3, invalid-date 1\n1 error, 3 warnings in 1 file"
    );
}

#[test]
fn select_and_ignore_filter_by_code() {
    let dir = mixed_journal();
    let codes = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", path_arg(&dir), "--today", TODAY];
        all.extend_from_slice(args);
        let out = run(&all);
        text_findings(&out).into_iter().map(|f| f.3).collect()
    };
    assert_eq!(
        codes(&["--select", "broken-link,missing-field"]),
        ["broken-link", "missing-field"]
    );
    assert_eq!(
        codes(&["--ignore", "broken-link", "--ignore", "invalid-date"]),
        ["missing-field", "invalid-duration"]
    );
    assert_eq!(
        codes(&[
            "--select",
            "missing-field,broken-link",
            "--ignore",
            "broken-link"
        ]),
        ["missing-field"]
    );
    // Filtered-out errors no longer fail the check; the JSON keeps its shape.
    let out = run(&[
        "check",
        path_arg(&dir),
        "--today",
        TODAY,
        "--format",
        "json",
        "--ignore",
        "invalid-date,invalid-duration",
    ]);
    assert_eq!(status(&out), 0);
    let codes: Vec<Value> = json_output(&out)
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(codes, [json!("broken-link"), json!("missing-field")]);
}

#[test]
fn an_unknown_code_in_a_filter_fails_with_one_line() {
    let dir = mixed_journal();
    for flag in ["--select", "--ignore"] {
        let out = run(&["check", path_arg(&dir), flag, "broken-link,no-such-check"]);
        assert_eq!(status(&out), 2, "{flag}");
        assert_eq!(stdout(&out), "");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!(
                "studylog: error: unknown check code `no-such-check` in {flag}"
            )),
            "{err}"
        );
    }
}

#[test]
fn json_output_has_the_contract_keys_and_the_same_findings() {
    let dir = mixed_journal();
    let out = run_json("check", &dir);
    assert_eq!(status(&out), 1);
    // JSON mode writes only the document to stdout.
    let diags = json_output(&out);
    let keys: BTreeSet<&str> = [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "severity",
        "code",
        "message",
    ]
    .into();
    for d in &diags {
        let obj = d.as_object().unwrap();
        assert_eq!(
            obj.keys().map(String::as_str).collect::<BTreeSet<_>>(),
            keys
        );
        assert!(d["line"].as_u64().unwrap() >= 1);
        assert!(d["column"].as_u64().unwrap() >= 1);
        assert!(
            (d["end_line"].as_u64(), d["end_column"].as_u64())
                >= (d["line"].as_u64(), d["column"].as_u64())
        );
        assert!(!d["message"].as_str().unwrap().is_empty());
    }
    let found: Vec<_> = diags
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap() as u32,
                d["severity"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            finding("a.md", 1, "warning", "broken-link"),
            finding("journal/2026-11-21.md", 1, "warning", "missing-field"),
            finding("log/week.md", 6, "error", "invalid-date"),
            finding("log/week.md", 10, "error", "invalid-duration"),
        ]
    );
    assert_eq!(
        (&diags[0]["column"], &diags[0]["end_column"]),
        (&json!(5), &json!(16))
    );
}

#[test]
fn json_of_a_clean_journal_is_an_empty_array() {
    let dir = journal(&[("journal/2026-11-20.md", CLEAN_NOTE)]);
    let out = run_json("check", &dir);
    assert_eq!(json_output(&out), Vec::<Value>::new());
    assert_eq!(status(&out), 0);
}

#[test]
fn columns_count_unicode_scalar_values() {
    let dir = journal(&[
        (
            "journal/2026-11-20.md",
            "---\ntopics: [automated-testing]\ntime: 30m\n---\n\
             Café 😀 中文 notes #automated-tseting\n",
        ),
        (
            "log.md",
            "## 2026-11-19 – Ünïcödé 🚀🚀 標題 #load-balancing #static-anaylsis\ntime:: 20m\n",
        ),
    ]);
    let out = run_json("check", &dir);
    let positions: Vec<_> = json_output(&out)
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["end_line"].as_u64().unwrap(),
                d["end_column"].as_u64().unwrap(),
            )
        })
        .collect();
    let at = |path: &str, line, col, end_col| {
        (
            path.to_string(),
            "unknown-topic".to_string(),
            line,
            col,
            line,
            end_col,
        )
    };
    assert_eq!(
        positions,
        [
            // "Café 😀 中文 notes " is 16 scalar values; the tag is 18 long.
            at("journal/2026-11-20.md", 5, 17, 35),
            // "## 2026-11-19 – Ünïcödé 🚀🚀 標題 #load-balancing " is 46.
            at("log.md", 1, 47, 63),
        ]
    );
    // The text form prints the same columns.
    let text = run(&["check", path_arg(&dir), "--today", TODAY]);
    let cols: Vec<_> = stdout(&text)
        .lines()
        .map(|l| parse_text_line(l).2)
        .collect();
    assert_eq!(cols, [17, 47]);
}

#[test]
fn deny_warnings_makes_warnings_fail() {
    let dir = journal(&[("a.md", "See [[nowhere]].\n")]);
    let out = run(&["check", path_arg(&dir), "--today", TODAY]);
    assert_eq!(
        text_findings(&out),
        [finding("a.md", 1, "warning", "broken-link")]
    );
    assert_eq!(status(&out), 0);
    let out = run(&[
        "check",
        path_arg(&dir),
        "--today",
        TODAY,
        "--deny",
        "warnings",
    ]);
    assert_eq!(status(&out), 1);
}

#[test]
fn exit_status_counts_severities_after_overrides() {
    let note = "## 2026-11-20 – Hashing #load-balancing\ntime:: 45m\n";
    // The entry is in the future as of 2026-11-19.
    let as_error = journal(&[
        ("log.md", note),
        ("studylog.toml", "[severity]\nfuture-date = \"error\"\n"),
    ]);
    let out = run(&["check", path_arg(&as_error), "--today", "2026-11-19"]);
    assert_eq!(
        text_findings(&out),
        [finding("log.md", 1, "error", "future-date")]
    );
    assert_eq!(status(&out), 1);

    let off = journal(&[
        ("log.md", note),
        ("studylog.toml", "[severity]\nfuture-date = \"off\"\n"),
    ]);
    let out = run(&[
        "check",
        path_arg(&off),
        "--today",
        "2026-11-19",
        "--deny",
        "warnings",
    ]);
    assert_eq!(stdout(&out), "");
    assert_eq!(status(&out), 0);
}

#[test]
fn today_comes_from_the_flag_then_the_environment() {
    let dir = journal(&[(
        "log.md",
        "## 2026-11-20 – Hashing #load-balancing\ntime:: 45m\n",
    )]);
    let codes =
        |out: &Output| -> Vec<String> { text_findings(out).into_iter().map(|f| f.3).collect() };

    let env_only = studylog()
        .env("STUDYLOG_TODAY", "2026-11-19")
        .args(["check", path_arg(&dir)])
        .output()
        .unwrap();
    assert_eq!(codes(&env_only), ["future-date"]);

    let flag_wins = studylog()
        .env("STUDYLOG_TODAY", "2026-11-19")
        .args(["check", path_arg(&dir), "--today", "2026-11-20"])
        .output()
        .unwrap();
    assert_eq!(codes(&flag_wins), Vec::<String>::new());

    let env_later = studylog()
        .env("STUDYLOG_TODAY", TODAY)
        .args(["check", path_arg(&dir)])
        .output()
        .unwrap();
    assert_eq!(codes(&env_later), Vec::<String>::new());
}

#[test]
fn a_bad_today_fails_with_one_line() {
    let dir = journal(&[("journal/2026-11-20.md", CLEAN_NOTE)]);
    for args in [
        vec!["check", path_arg(&dir), "--today", "2026-02-30"],
        vec!["stats", path_arg(&dir), "--today", "yesterday"],
        vec!["check", path_arg(&dir), "--today", "2026-1-5"],
    ] {
        let out = run(&args);
        assert_eq!(status(&out), 2, "{args:?}");
        assert_eq!(stdout(&out), "");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("studylog: error: invalid --today"), "{err}");
    }
    let out = studylog()
        .env("STUDYLOG_TODAY", "26/11/2026")
        .args(["check", path_arg(&dir)])
        .output()
        .unwrap();
    assert_eq!(status(&out), 2);
    assert_eq!(
        stderr(&out),
        "studylog: error: invalid STUDYLOG_TODAY `26/11/2026`: expected a date as YYYY-MM-DD\n"
    );
}

#[test]
fn a_missing_path_fails_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing: PathBuf = dir.path().join("no-such-journal");
    for command in ["check", "stats"] {
        let out = run(&[command, missing.to_str().unwrap(), "--today", TODAY]);
        assert_eq!(status(&out), 2);
        assert_eq!(stdout(&out), "");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("studylog: error: "), "{err}");
        assert!(err.contains("no-such-journal"), "{err}");
    }
}

#[test]
fn skipped_files_are_named_on_stderr_not_reported_as_diagnostics() {
    let dir = journal(&[("journal/2026-11-20.md", CLEAN_NOTE)]);
    write(dir.path(), "binary.md", b"\x00\x01\x02 not text\xff\xfe");
    let out = run(&["check", path_arg(&dir), "--today", TODAY]);
    assert_eq!(stdout(&out), "");
    assert_eq!(status(&out), 0);
    let err = stderr(&out);
    let skipped: Vec<_> = err
        .lines()
        .filter(|l| l.starts_with("studylog: skipped"))
        .collect();
    assert_eq!(skipped.len(), 1, "{err}");
    assert!(skipped[0].contains("binary.md"), "{err}");
}

#[test]
fn stats_json_has_known_totals_and_streaks() {
    let dir = journal(&[
        (
            "journal/2026-11-20.md",
            "---\ntopics: [load-balancing]\ntime: 45m\n---\nRound robin.\n",
        ),
        (
            "journal/2026-11-21.md",
            "---\ntopics: [load-balancing, automated-testing]\ntime: 1h\n---\nBoth.\n",
        ),
        (
            "journal/2026-11-22.md",
            "topics:: automated-testing, k8s\ntime:: 30m\n",
        ),
        (
            "log.md",
            "# Log\n\n\
             ## 2026-11-24 – Lints #static-analysis\ntime:: 1h 15m\n\n\
             ## 2026-11-25 – Retries #load-balancing\ntime:: 20m\n\n\
             ## 2026-11-30 – Planned #load-balancing\ntime:: 10m\n",
        ),
    ]);
    let out = run_json("stats", &dir);
    assert_eq!(status(&out), 0);
    let stats: Value = serde_json::from_str(&stdout(&out)).unwrap();
    // The entry of 2026-11-30 is in the future: not counted. The streak counts
    // back from yesterday (today has no entry yet): 24, 25.
    assert_eq!(
        stats,
        json!({
            "entries": 5,
            "days": 5,
            "total_minutes": 230,
            "current_streak": 2,
            "longest_streak": 3,
            "streak_unit": "days",
            "topics": [
                {"topic": "load-balancing", "sessions": 3, "minutes": 125,
                 "first": "2026-11-20", "last": "2026-11-25"},
                {"topic": "automated-testing", "sessions": 2, "minutes": 90,
                 "first": "2026-11-21", "last": "2026-11-22"},
                {"topic": "static-analysis", "sessions": 1, "minutes": 75,
                 "first": "2026-11-24", "last": "2026-11-24"},
                {"topic": "container-orchestration", "sessions": 1, "minutes": 30,
                 "first": "2026-11-22", "last": "2026-11-22"},
            ],
            // Under 20 entries the defaults hold; the counts include the
            // future entry (it is checked like any other).
            "required_fields": [
                {"field": "topic", "required": true, "reason": "default", "entries_with": 6},
                {"field": "time", "required": true, "reason": "default", "entries_with": 6},
            ]
        })
    );

    let text = run(&["stats", path_arg(&dir), "--today", TODAY]);
    assert_eq!(status(&text), 0);
    let text = stdout(&text);
    for expected in [
        "3h 50m",
        "2 days",
        "3 days",
        "load-balancing",
        "2h 5m",
        "2026-11-25",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in:\n{text}");
    }
}

#[test]
fn stats_of_a_weekly_cadence_count_weeks() {
    let dir = journal(&[
        ("studylog.toml", "[journal]\ncadence = \"2/week\"\n"),
        (
            "log.md",
            "## 2026-11-03 – a #caching\ntime:: 30m\n\
             ## 2026-11-05 – b #caching\ntime:: 30m\n\
             ## 2026-11-10 – c #caching\ntime:: 30m\n\
             ## 2026-11-12 – d #caching\ntime:: 30m\n\
             ## 2026-11-17 – e #caching\ntime:: 30m\n",
        ),
    ]);
    let out = run_json("stats", &dir);
    let stats: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(stats["streak_unit"], "weeks");
    // ISO weeks 45 and 46 had two sessions each; week 47 only one.
    assert_eq!(stats["longest_streak"], 2);
    assert_eq!(stats["current_streak"], 0);
    assert_eq!(stats["entries"], 5);
}

#[test]
fn the_example_journal_shows_its_two_deliberate_warnings() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/journal");
    let out = run(&["check", example, "--today", TODAY]);
    let lines: Vec<_> = stdout(&out).lines().map(parse_text_line).collect();
    let found: Vec<_> = lines
        .iter()
        .map(|(path, line, col, sev, code, _)| {
            (path.as_str(), *line, *col, sev.as_str(), code.as_str())
        })
        .collect();
    assert_eq!(
        found,
        [
            ("journal/2026-10-19.md", 1, 1, "warning", "missed-days"),
            ("log/2026-11.md", 42, 54, "warning", "unknown-topic"),
        ],
        "{}",
        stdout(&out)
    );
    assert!(lines[0].5.contains("2026-10-18"), "{}", lines[0].5);
    assert!(lines[1].5.contains("static-analysis"), "{}", lines[1].5);
    assert_eq!(status(&out), 0);
    let err = stderr(&out);
    assert!(err.contains("2 warnings in "), "{err}");

    let denied = run(&["check", example, "--today", TODAY, "--deny", "warnings"]);
    assert_eq!(status(&denied), 1);

    let stats = run(&["stats", example, "--format", "json", "--today", TODAY]);
    let stats: Value = serde_json::from_str(&stdout(&stats)).unwrap();
    assert_eq!(stats["entries"], 50);
    assert_eq!(stats["days"], 50);
    assert_eq!(stats["total_minutes"], 2670);
    // 19 October to 20 November; nothing since, so no current streak.
    assert_eq!(stats["longest_streak"], 33);
    assert_eq!(stats["current_streak"], 0);
}

#[test]
fn a_closed_stdout_is_not_a_crash() {
    let mut text = String::from("---\ntopics: [caching]\ntime: 30m\n---\n");
    for i in 0..3000 {
        text.push_str(&format!("See [[missing-note-{i}]].\n"));
    }
    let dir = journal(&[("journal/2026-11-20.md", &text)]);
    let mut child = studylog()
        .args(["check", path_arg(&dir), "--today", TODAY])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the read end before the output (well over a pipe buffer) is written.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(status(&out), 0, "{err}");
}

#[test]
fn version_and_help() {
    let out = run(&["--version"]);
    assert_eq!(status(&out), 0);
    assert_eq!(
        stdout(&out),
        format!("studylog {}\n", env!("CARGO_PKG_VERSION"))
    );

    let out = run(&["--help"]);
    assert_eq!(status(&out), 0);
    let help = stdout(&out);
    for command in ["check", "stats", "lsp"] {
        assert!(help.contains(command), "{help}");
    }
    let out = run(&["check", "--help"]);
    let help = stdout(&out);
    for option in ["--format", "--today", "--deny", "PATH", "Exit status"] {
        assert!(help.contains(option), "{option} missing in:\n{help}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&["check", "--format", "xml"]);
    assert_eq!(status(&out), 2);
    assert_eq!(stdout(&out), "");
    let out = run(&["frobnicate"]);
    assert_eq!(status(&out), 2);
}

#[test]
fn config_errors_sit_on_their_line_of_studylog_toml() {
    let dir = journal(&[
        ("journal/2026-11-20.md", CLEAN_NOTE),
        (
            "studylog.toml",
            "[journal]\n# a comment\ncadance = \"daily\"\nmin-uses = \"two\"\n",
        ),
    ]);
    let out = run_json("check", &dir);
    let found: Vec<_> = json_output(&out)
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let at = |line, column| {
        (
            "studylog.toml".to_string(),
            line,
            column,
            "config-error".to_string(),
        )
    };
    // The unknown key at its start; the bad value at the value.
    assert_eq!(found, [at(3, 1), at(4, 12)]);
    assert_eq!(status(&out), 1);
}

#[test]
fn an_unreadable_config_fails_with_one_line() {
    let dir = journal(&[("journal/2026-11-20.md", CLEAN_NOTE)]);
    // A folder where the config file should be: it exists but cannot be read.
    std::fs::create_dir(dir.path().join("studylog.toml")).unwrap();
    let out = run(&["check", path_arg(&dir), "--today", TODAY]);
    assert_eq!(status(&out), 2);
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("studylog: error: "), "{err}");
    assert!(err.contains("studylog.toml"), "{err}");
}

/// Defects seen on real notes: a citation link is no wiki link, a
/// frontmatter `date:` that is not a date is reported on its line, and a
/// Logseq journal page of empty bullets is an empty entry.
#[test]
fn citation_links_bad_frontmatter_dates_and_empty_bullet_pages() {
    let dir = journal(&[
        (
            "papers.md",
            "---\ndate: yesterday\n---\nAs [[1]](https://example.org) and [[RFC3986]][ref] say.\n\n\
             [ref]: https://www.rfc-editor.org/rfc/rfc3986\n",
        ),
        ("journals/2026-11-20.md", "-\n- \n"),
    ]);
    let out = run_json("check", &dir);
    let found: Vec<(String, u64, String)> = json_output(&out)
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "journals/2026-11-20.md".to_string(),
                1,
                "empty-entry".to_string()
            ),
            ("papers.md".to_string(), 2, "invalid-date".to_string()),
        ]
    );
}

#[test]
fn broken_yaml_outside_entries_is_a_warning_but_config_errors_still_fail() {
    let dir = journal(&[
        ("journal/2026-11-20.md", CLEAN_NOTE),
        ("templates/daily.md", "---\ntags: [a\n---\n## {{date}}\n"),
    ]);
    let out = run(&["check", path_arg(&dir), "--today", TODAY]);
    assert_eq!(
        text_findings(&out),
        [finding(
            "templates/daily.md",
            2,
            "warning",
            "frontmatter-syntax"
        )]
    );
    assert_eq!(status(&out), 0);

    // A daily note with broken frontmatter is still an entry: an error.
    write(
        dir.path(),
        "journal/2026-11-21.md",
        b"---\ntime: [1h\n---\n#caching\n",
    );
    let out = run(&["check", path_arg(&dir), "--today", TODAY]);
    assert!(
        text_findings(&out).contains(&finding(
            "journal/2026-11-21.md",
            2,
            "error",
            "frontmatter-syntax"
        )),
        "{}",
        stdout(&out)
    );
    assert_eq!(status(&out), 1);

    std::fs::remove_file(dir.path().join("journal/2026-11-21.md")).unwrap();
    write(
        dir.path(),
        "studylog.toml",
        b"[journal]\ncadence = \"hourly\"\n",
    );
    let out = run(&["check", path_arg(&dir), "--today", TODAY]);
    assert!(
        text_findings(&out).contains(&finding("studylog.toml", 2, "error", "config-error")),
        "{}",
        stdout(&out)
    );
    assert_eq!(status(&out), 1);
}

/// `check --format json` on one of the link-style fixture journals under
/// `tests/fixtures/`, each finding as `path:line:column severity[code] message`.
fn fixture_findings(name: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let out = run(&[
        "check",
        root.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        TODAY,
    ]);
    json_output(&out)
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {}[{}] {}",
                d["path"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect()
}

#[test]
fn obsidian_links_resolve_by_path_suffix_alias_and_bare_heading_text() {
    assert_eq!(
        fixture_findings("links-obsidian"),
        [
            "daily/2026-11-20.md:6:50 hint[unresolved-link] `[[Async runtimes]]` links to a note not written yet; it resolves once `Async runtimes` exists",
            "daily/2026-11-20.md:7:43 warning[broken-link] `notes/Rust/Ownership.md` has no heading `Borrow checker` (link `[[Ownership#Borrow checker]]`); add the heading, or correct the link",
            "daily/2026-11-21.md:5:38 hint[unresolved-link] `[[2026-11-22]]` links to 2026-11-22, which has no entry yet; it resolves once you write one",
            "daily/2026-11-21.md:6:21 warning[broken-link] `notes/Web/HTTP-old.md` does not exist (link `[old](../notes/Web/HTTP-old.md)`); create it, or correct the path",
        ]
    );
}

#[test]
fn logseq_links_resolve_namespaces_pages_without_files_and_day_titles() {
    assert_eq!(
        fixture_findings("links-logseq"),
        [
            "journals/2025-03-24.md:3:20 warning[broken-link] `pages/Setup.md` does not exist (link `[setup](../pages/Setup.md)`); create it, or correct the path",
            "journals/2025-03-25.md:1:1 warning[empty-entry] The entry for Tue 2025-03-25 is empty; write what you practised (a topic and the time spent), or remove it",
        ]
    );
}

#[test]
fn dendron_links_read_the_target_after_the_pipe() {
    assert_eq!(
        fixture_findings("links-dendron"),
        [
            "notes/log.md:8:32 warning[broken-link] `notes/lang.rust.ownership.md` has no heading `borrowing` (link `[[borrowing|lang.rust.ownership#borrowing]]`); add the heading, or correct the link",
        ]
    );
}

#[test]
fn markdown_links_resolve_relative_paths_and_github_anchors() {
    assert_eq!(
        fixture_findings("links-markdown"),
        [
            "log/2026-11-20.md:6:54 warning[broken-link] `guide.md` has no heading `notes-2` (link `[a third](../guide.md#notes-2)`); add the heading, or correct the link",
            "log/2026-11-20.md:7:51 warning[broken-link] `log/summary.md` does not exist (link `[the summary](summary.md)`); create it, or correct the path",
            "log/2026-11-20.md:7:92 warning[broken-link] No note matches `[[missing note]]`; create `missing note.md`, or correct the link",
        ]
    );
}

/// A journal of 24 daily notes with a topic; `time` on only 2 of them.
fn journal_without_time_habit() -> TempDir {
    let files: Vec<(String, String)> = (1..=24)
        .map(|day| {
            let time = if day <= 2 { "time:: 30m\n" } else { "" };
            (
                format!("journal/2026-10-{day:02}.md"),
                format!("#caching\n{time}"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    journal(&refs)
}

#[test]
fn a_journal_that_never_records_time_gets_one_finding_not_one_per_entry() {
    let dir = journal_without_time_habit();
    write(
        dir.path(),
        "studylog.toml",
        b"[journal]\ncadence = \"off\"\n",
    );
    let out = run(&["check", path_arg(&dir), "--today", TODAY]);
    assert_eq!(
        text_findings(&out),
        [finding("studylog.toml", 1, "information", "field-habit")]
    );
    assert!(
        stdout(&out).contains("22 of 24 entries have no `time`"),
        "{}",
        stdout(&out)
    );
    assert_eq!(status(&out), 0);

    let stats = run_json("stats", &dir);
    let stats: Value = serde_json::from_str(&stdout(&stats)).unwrap();
    assert_eq!(
        stats["required_fields"],
        json!([
            {"field": "topic", "required": true, "reason": "default", "entries_with": 24},
            {"field": "time", "required": false, "reason": "rare", "entries_with": 2},
        ])
    );
    let text = stdout(&run(&["stats", path_arg(&dir), "--today", TODAY]));
    assert!(
        text.contains(
            "`time`: not required, the journal rarely records it (2 of 24 entries have it)"
        ),
        "{text}"
    );

    // An explicit `required` brings back today's rule.
    write(
        dir.path(),
        "studylog.toml",
        b"[journal]\ncadence = \"off\"\nrequired = [\"topic\", \"time\"]\n",
    );
    let out = run(&["check", path_arg(&dir), "--today", TODAY]);
    let codes: BTreeSet<String> = text_findings(&out).into_iter().map(|f| f.3).collect();
    assert_eq!(codes, BTreeSet::from(["missing-field".to_string()]));
    assert_eq!(text_findings(&out).len(), 22);
}

#[test]
fn explain_prints_the_checks_doc_section_of_a_code() {
    let out = run(&["explain", "missed-days"]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("## missed-days\n"), "{text}");
    assert!(text.contains("**Fix.**"), "{text}");
    assert!(!text.contains("## empty-entry"), "{text}");
    assert_eq!(stderr(&out), "");
}

#[test]
fn explain_of_an_unknown_code_is_a_one_line_error_with_status_2() {
    let out = run(&["explain", "no-such-check"]);
    assert_eq!(status(&out), 2);
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(
            "studylog: error: unknown check code `no-such-check`; the codes are invalid-date, "
        ),
        "{err}"
    );
}

/// A journal that writes one topic in several spellings, a catalog topic in
/// camelCase and snake_case, and nested tags under one parent.
fn spelt_journal() -> TempDir {
    journal(&[(
        "log.md",
        "## 2026-11-20\n#JavaScript #LoadBalancing #emotion/happy\ntime:: 1h\n\n\
         ## 2026-11-21\n#JavaScript #load_balancing #emotion/sad #GitHub\ntime:: 30m\n\n\
         ## 2026-11-22\n#javascript #loadbalancing #github\ntopic:: Java Script\ntime:: 20m\n\n\
         ## 2026-11-23\n#emotion/happy #Emotion/Happy #ios #iOS\ntime:: 10m\n",
    )])
}

#[test]
fn case_variants_are_one_topic_shown_as_written_most() {
    let dir = spelt_journal();
    let out = run_json("stats", &dir);
    assert_eq!(status(&out), 0);
    let stats: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let topics: Vec<(&str, u64, u64)> = stats["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["topic"].as_str().unwrap(),
                t["sessions"].as_u64().unwrap(),
                t["minutes"].as_u64().unwrap(),
            )
        })
        .collect();
    // `JavaScript` is written twice, `javascript` and `Java Script` once
    // each; `load-balancing` is the catalog's name; `GitHub`/`github` and
    // `emotion/happy`/`Emotion/Happy` tie, so kebab-case wins; `emotion`
    // is the parent of both nested tags.
    assert_eq!(
        topics,
        [
            ("JavaScript", 3, 110),
            ("load-balancing", 3, 110),
            ("emotion", 3, 100),
            ("emotion/happy", 2, 70),
            ("github", 2, 50),
            ("emotion/sad", 1, 30),
            ("ios", 1, 10),
        ]
    );
}

#[test]
fn tags_written_otherwise_than_shown_get_a_topic_spelling_hint() {
    let dir = spelt_journal();
    let out = run_json("check", &dir);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    let diags = json_output(&out);
    let hints: Vec<(u64, u64, &str)> = diags
        .iter()
        .filter(|d| d["code"] == "topic-spelling")
        .map(|d| {
            assert_eq!(d["severity"], "hint");
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        hints,
        [
            (
                2,
                13,
                "`#LoadBalancing` is the catalog's `#load-balancing`; write it as `#load-balancing`"
            ),
            (
                6,
                13,
                "`#load_balancing` is the catalog's `#load-balancing`; write it as `#load-balancing`"
            ),
            (
                6,
                42,
                "`#GitHub` is spelt `#github` in most of this journal; write it as `#github`"
            ),
            (
                10,
                1,
                "`#javascript` is spelt `#JavaScript` in most of this journal; write it as `#JavaScript`"
            ),
            (
                10,
                13,
                "`#loadbalancing` is the catalog's `#load-balancing`; write it as `#load-balancing`"
            ),
            (
                15,
                16,
                "`#Emotion/Happy` is spelt `#emotion/happy` in most of this journal; write it as `#emotion/happy`"
            ),
            (
                15,
                36,
                "`#iOS` is spelt `#ios` in most of this journal; write it as `#ios`"
            ),
        ]
    );
}
