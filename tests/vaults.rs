//! The fixture vaults of tests/fixtures (Obsidian, Logseq, Dendron, Foam),
//! each written to its tool's documented conventions and read with no
//! `studylog.toml`: `check --format json` and `stats --format json` give
//! exactly the expected entries, dates, topics and diagnostics.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

use expect_test::{Expect, expect};

const TODAY: &str = "2024-01-20";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `studylog COMMAND FIXTURE --format json --today TODAY`: stdout, with the
/// exit status checked.
fn json(command: &str, name: &str, status: i32) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_studylog"))
        .env_remove("STUDYLOG_TODAY")
        .args([command, fixture(name).to_str().unwrap()])
        .args(["--format", "json", "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(status),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The diagnostics as `path:line:col code: message` lines.
fn check_lines(name: &str, expect: Expect) {
    let value: serde_json::Value = serde_json::from_str(&json("check", name, 0)).unwrap();
    let mut out = String::new();
    for d in value.as_array().unwrap() {
        out.push_str(&format!(
            "{}:{}:{} {} {}: {}\n",
            d["path"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["severity"].as_str().unwrap(),
            d["code"].as_str().unwrap(),
            d["message"].as_str().unwrap()
        ));
    }
    expect.assert_eq(&out);
}

fn stats(name: &str, expect: Expect) {
    expect.assert_eq(&json("stats", name, 0));
}

#[test]
fn obsidian_vault() {
    check_lines(
        "obsidian",
        expect![[r#"
            Daily/2024/01/2024-01-17 Wednesday.md:1:1 warning missing-field: The entry for Wed 2024-01-17 has no `time`; add a line such as `time:: 45m`
        "#]],
    );
    stats(
        "obsidian",
        expect![[r#"
            {
              "entries": 3,
              "days": 3,
              "total_minutes": 105,
              "current_streak": 0,
              "longest_streak": 3,
              "streak_unit": "days",
              "topics": [
                {
                  "topic": "load-balancing",
                  "sessions": 2,
                  "minutes": 105,
                  "first": "2024-01-15",
                  "last": "2024-01-16"
                },
                {
                  "topic": "automated-testing",
                  "sessions": 2,
                  "minutes": 60,
                  "first": "2024-01-16",
                  "last": "2024-01-17"
                }
              ],
              "required_fields": [
                {
                  "field": "topic",
                  "required": true,
                  "reason": "default",
                  "entries_with": 3
                },
                {
                  "field": "time",
                  "required": true,
                  "reason": "default",
                  "entries_with": 2
                }
              ],
              "vault": {
                "tool": "obsidian",
                "detected": "Obsidian vault (.obsidian/, .obsidian/daily-notes.json, .obsidian/templates.json); daily notes named `YYYY/MM/YYYY-MM-DD dddd`; in `Daily/`; not journal: `Templates/`"
              }
            }
        "#]],
    );
}

#[test]
fn logseq_graph() {
    // `[[Networking/Load balancing]]` reaches `pages/Networking___Load
    // balancing.md` by Logseq's namespace rule: nothing to report.
    check_lines("logseq", expect![""]);
    stats(
        "logseq",
        expect![[r#"
            {
              "entries": 2,
              "days": 2,
              "total_minutes": 75,
              "current_streak": 0,
              "longest_streak": 2,
              "streak_unit": "days",
              "topics": [
                {
                  "topic": "load-balancing",
                  "sessions": 2,
                  "minutes": 75,
                  "first": "2024-01-15",
                  "last": "2024-01-16"
                },
                {
                  "topic": "automated-testing",
                  "sessions": 1,
                  "minutes": 45,
                  "first": "2024-01-16",
                  "last": "2024-01-16"
                }
              ],
              "required_fields": [
                {
                  "field": "topic",
                  "required": true,
                  "reason": "default",
                  "entries_with": 2
                },
                {
                  "field": "time",
                  "required": true,
                  "reason": "default",
                  "entries_with": 2
                }
              ],
              "vault": {
                "tool": "logseq",
                "detected": "Logseq vault (logseq/config.edn); daily notes named `yyyy_MM_dd`; in `journals/`; not journal: `pages/templates.md`, `archive/`"
              }
            }
        "#]],
    );
}

#[test]
fn dendron_workspace() {
    check_lines("dendron", expect![[r#""#]]);
    stats(
        "dendron",
        expect![[r#"
            {
              "entries": 2,
              "days": 2,
              "total_minutes": 115,
              "current_streak": 0,
              "longest_streak": 2,
              "streak_unit": "days",
              "topics": [
                {
                  "topic": "code-splitting",
                  "sessions": 2,
                  "minutes": 115,
                  "first": "2024-01-15",
                  "last": "2024-01-16"
                },
                {
                  "topic": "build-optimization",
                  "sessions": 1,
                  "minutes": 75,
                  "first": "2024-01-16",
                  "last": "2024-01-16"
                }
              ],
              "required_fields": [
                {
                  "field": "topic",
                  "required": true,
                  "reason": "default",
                  "entries_with": 2
                },
                {
                  "field": "time",
                  "required": true,
                  "reason": "default",
                  "entries_with": 2
                }
              ],
              "vault": {
                "tool": "dendron",
                "detected": "Dendron vault (dendron.yml); daily notes named `daily.journal.y.MM.dd`"
              }
            }
        "#]],
    );
}

#[test]
fn foam_workspace() {
    check_lines("foam", expect![[r#""#]]);
    stats(
        "foam",
        expect![[r#"
            {
              "entries": 2,
              "days": 2,
              "total_minutes": 85,
              "current_streak": 0,
              "longest_streak": 2,
              "streak_unit": "days",
              "topics": [
                {
                  "topic": "container-orchestration",
                  "sessions": 2,
                  "minutes": 85,
                  "first": "2024-01-15",
                  "last": "2024-01-16"
                }
              ],
              "required_fields": [
                {
                  "field": "topic",
                  "required": true,
                  "reason": "default",
                  "entries_with": 2
                },
                {
                  "field": "time",
                  "required": true,
                  "reason": "default",
                  "entries_with": 2
                }
              ],
              "vault": {
                "tool": "foam",
                "detected": "Foam vault (.foam/, .vscode/settings.json); daily notes named `yyyy-mm-dd`; in `journal/`"
              }
            }
        "#]],
    );
}

/// `studylog ARGS` on a folder: (status, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_studylog"))
        .env_remove("STUDYLOG_TODAY")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn check_verbose_says_what_was_detected() {
    let root = fixture("logseq");
    let (status, _, stderr) = run(&[
        "check",
        root.to_str().unwrap(),
        "--verbose",
        "--today",
        TODAY,
    ]);
    assert_eq!(status, 0);
    assert!(
        stderr.starts_with(
            "studylog: detected Logseq vault (logseq/config.edn); daily notes named `yyyy_MM_dd`"
        ),
        "{stderr}"
    );
    let (_, _, quiet) = run(&["check", root.to_str().unwrap(), "--today", TODAY]);
    assert!(!quiet.contains("detected"), "{quiet}");
}

#[test]
fn a_journal_of_unrecognised_entries_gets_one_notice_not_a_silent_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r1-log.md"),
        "# Study sessions\n\n### Session 1 - June 27, 2016\n\nFixed CSS.\n\n### Session 2 - June 28, 2016\n\nMore CSS.\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let (status, stdout, stderr) = run(&["check", path, "--today", TODAY]);
    assert_eq!(status, 0, "a notice is not a finding");
    assert_eq!(stdout, "");
    let notices: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("studylog: notice: "))
        .collect();
    assert_eq!(notices.len(), 1, "{stderr}");
    assert!(notices[0].contains("No journal entries recognised in 1 markdown file"));
    assert!(notices[0].contains(
        "2 headings look dated but are not read as entries, such as `### Session 1 - June 27, 2016`"
    ));

    let (status, stdout, _) = run(&["stats", path, "--today", TODAY]);
    assert_eq!(status, 0);
    assert!(
        stdout.contains("  Notice: No journal entries recognised"),
        "{stdout}"
    );
    assert!(!stdout.contains("No topics yet"), "{stdout}");
    let (_, stdout, _) = run(&["stats", path, "--format", "json", "--today", TODAY]);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        value["notice"]
            .as_str()
            .unwrap()
            .contains("`### Session 1 - June 27, 2016`")
    );
    assert_eq!(value["entries"], 0);
}

#[test]
fn a_journal_with_entries_gets_no_notice() {
    let (_, _, stderr) = run(&["check", fixture("foam").to_str().unwrap(), "--today", TODAY]);
    assert!(!stderr.contains("notice"), "{stderr}");
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/journal");
    let (_, stdout, _) = run(&[
        "stats",
        examples.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        "2026-11-26",
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(value.get("notice").is_none());
    assert!(value.get("vault").is_none());
}

#[test]
fn one_file_is_a_journal_of_its_own_with_its_folder_for_links_and_config() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "r1-log.md",
        "# R1 log\n\n## 2024-01-15 Day 1\n#load-balancing\ntime:: 30m\nSee [[notes]] and [[missing]].\n\n## 2024-01-17 Day 2\n#load-balancing\ntime:: 20m\n",
    );
    // Another journal file in the folder: a link target, not journal.
    write("notes.md", "## 2024-01-10 Elsewhere\n#caching\n");
    write("studylog.toml", "[severity]\nmissed-days = \"off\"\n");
    let file = dir.path().join("r1-log.md");
    let (status, stdout, stderr) = run(&["check", file.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        stdout,
        "r1-log.md:6:19: warning[broken-link]: No note matches `[[missing]]`; create `missing.md`, or correct the link\n"
    );
    assert!(stderr.ends_with("1 warning in 1 file\n"), "{stderr}");
    let (status, stdout, _) = run(&[
        "stats",
        file.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        TODAY,
    ]);
    assert_eq!(status, 0);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["entries"], 2);
    assert_eq!(value["total_minutes"], 50);
    assert_eq!(value["topics"].as_array().unwrap().len(), 1);

    // A file that is not a journal file fails the command.
    write("notes.txt", "text");
    let (status, _, stderr) = run(&["check", dir.path().join("notes.txt").to_str().unwrap()]);
    assert_eq!(status, 2);
    assert!(
        stderr.starts_with("studylog: error: not a journal file"),
        "{stderr}"
    );
}

/// Copies `from` (hidden folders included) into `to`.
fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn a_logseq_graph_reads_day_links_in_its_page_title_format() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("logseq"), dir.path());
    let config = dir.path().join("logseq/config.edn");
    let edn = std::fs::read_to_string(&config)
        .unwrap()
        .replace("\"MMM do, yyyy\"", "\"EEE, dd.MM.yyyy\"");
    std::fs::write(&config, edn).unwrap();
    std::fs::write(
        dir.path().join("pages/Week notes.md"),
        "- Went over [[Mon, 15.01.2024]] and [[Wed, 17.01.2024]] again\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("studylog.toml"),
        "[severity]\nunresolved-link = \"warning\"\n",
    )
    .unwrap();
    let root = dir.path().to_str().unwrap();
    let (status, stdout, stderr) = run(&["check", root, "--format", "json", "--today", TODAY]);
    assert_eq!(status, 0, "{stderr}");
    let found: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let links: Vec<String> = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == "pages/Week notes.md")
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    // The day with a journal page resolves; the other is a day, not a page.
    assert_eq!(
        links,
        [
            "unresolved-link `[[Wed, 17.01.2024]]` links to 2024-01-17, which has no entry yet; it resolves once you write one"
        ],
        "{stdout}"
    );
}
