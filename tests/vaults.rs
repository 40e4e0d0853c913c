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
          ]
        }
    "#]],
    );
}

#[test]
fn logseq_graph() {
    check_lines(
        "logseq",
        expect![[r#"
        journals/2024_01_15.md:1:16 warning broken-link: No note matches `[[Networking/Load balancing]]`; create `Networking/Load balancing.md`, or correct the link
    "#]],
    );
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
          ]
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
          ]
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
          ]
        }
    "#]],
    );
}
