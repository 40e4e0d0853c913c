//! `studylog stats`: what was practised, as a summary and an aligned per-topic
//! table for a terminal, or as the JSON document of the contract.

use std::path::Path;
use std::process::ExitCode;

use jiff::civil::Date;
use serde::Serialize;

use super::{EXIT_FAILURE, Format};
use crate::duration::format_minutes;
use crate::stats::{Stats, compute_stats};

/// Runs `stats` on the journal at `path` (a folder, or one markdown file).
pub(super) fn run(path: &Path, format: Format, today: Date) -> ExitCode {
    let Some(loaded) = super::load(path) else {
        return ExitCode::from(EXIT_FAILURE);
    };
    let ws = &loaded.ws;
    let stats = compute_stats(ws, today);
    let about = About::of(ws, loaded.only.as_deref());
    let output = match format {
        Format::Text => to_text(&stats, today, &about),
        Format::Json => to_json(&stats, &about),
    };
    match super::write_stdout(&output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(()) => ExitCode::from(EXIT_FAILURE),
    }
}

/// What `stats` says about the journal beside the figures: the vault tool
/// detected, and the "never a silent zero" notice.
#[derive(Default)]
struct About {
    /// The detected tool and its one-line description; `None` for a plain folder.
    vault: Option<(&'static str, String)>,
    notice: Option<String>,
}

impl About {
    fn of(ws: &crate::journal::Journal, only: Option<&str>) -> About {
        let vault = &ws.config().vault;
        About {
            vault: (vault.tool != crate::vault::VaultTool::Plain)
                .then(|| (vault.tool.as_str(), vault.describe())),
            notice: crate::notice::silent_zero_in(ws, only).map(|n| n.message),
        }
    }
}

/// The JSON document: exactly the contract's keys plus `streak_unit`, and
/// `vault` and `notice` when there is something to say, in a type of its own
/// so that fields added to [`Stats`] never leak into it.
#[derive(Serialize)]
struct StatsJson<'a> {
    entries: u32,
    days: u32,
    total_minutes: u32,
    current_streak: u32,
    longest_streak: u32,
    streak_unit: &'a str,
    topics: Vec<TopicJson<'a>>,
    /// Only for a journal with numeric day/month dates: `"dmy"` or `"mdy"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    date_order: Option<&'a str>,
    /// Whether `date_order` was inferred (no `[journal] date-order`).
    #[serde(skip_serializing_if = "Option::is_none")]
    date_order_inferred: Option<bool>,
    /// Which fields entries must have here, and why.
    required_fields: Vec<FieldJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vault: Option<VaultJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notice: Option<&'a str>,
}

#[derive(Serialize)]
struct FieldJson<'a> {
    field: &'a str,
    required: bool,
    reason: &'a str,
    entries_with: usize,
}

#[derive(Serialize)]
struct VaultJson<'a> {
    tool: &'a str,
    detected: &'a str,
}

#[derive(Serialize)]
struct TopicJson<'a> {
    topic: &'a str,
    sessions: u32,
    minutes: u32,
    first: &'a str,
    last: &'a str,
}

fn to_json(stats: &Stats, about: &About) -> String {
    let doc = StatsJson {
        entries: stats.entries,
        days: stats.days,
        total_minutes: stats.total_minutes,
        current_streak: stats.current_streak,
        longest_streak: stats.longest_streak,
        streak_unit: stats.streak_unit,
        topics: sorted_topics(stats)
            .into_iter()
            .map(|t| TopicJson {
                topic: &t.topic,
                sessions: t.sessions,
                minutes: t.minutes,
                first: &t.first,
                last: &t.last,
            })
            .collect(),
        date_order: stats.date_order.map(|(order, _)| order),
        date_order_inferred: stats.date_order.map(|(_, inferred)| inferred),
        required_fields: stats
            .fields
            .iter()
            .map(|f| FieldJson {
                field: f.field,
                required: f.required,
                reason: f.reason,
                entries_with: f.entries_with,
            })
            .collect(),
        vault: about.vault.as_ref().map(|(tool, detected)| VaultJson {
            tool,
            detected: detected.as_str(),
        }),
        notice: about.notice.as_deref(),
    };
    // Serialising plain strings and numbers cannot fail; "{}" is the safe fallback.
    let mut json = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string());
    json.push('\n');
    json
}

/// Topics in the contract's order: most minutes first, then by name A to Z.
/// The core sorts them already; sorting again keeps the output right whatever
/// order it arrives in.
fn sorted_topics(stats: &Stats) -> Vec<&crate::stats::TopicStats> {
    let mut topics: Vec<_> = stats.topics.iter().collect();
    topics.sort_by(|a, b| {
        b.minutes
            .cmp(&a.minutes)
            .then_with(|| a.topic.cmp(&b.topic))
    });
    topics
}

/// `3 days`, `1 week`.
fn streak(count: u32, unit: &str) -> String {
    let singular = unit.strip_suffix('s').unwrap_or(unit);
    format!("{count} {}", if count == 1 { singular } else { unit })
}

/// The terminal form: a short summary, then one aligned row per topic.
fn to_text(stats: &Stats, today: Date, about: &About) -> String {
    let summary = [
        ("Entries", stats.entries.to_string()),
        ("Practice days", stats.days.to_string()),
        ("Total time", format_minutes(stats.total_minutes)),
        (
            "Current streak",
            streak(stats.current_streak, stats.streak_unit),
        ),
        (
            "Longest streak",
            streak(stats.longest_streak, stats.streak_unit),
        ),
    ];
    let mut out = format!("Practice as of {}\n\n", today.strftime("%a %Y-%m-%d"));
    for (label, value) in summary {
        out.push_str(&format!("  {label:<16}{value}\n"));
    }
    if let Some((order, inferred)) = stats.date_order {
        let how = if inferred {
            "inferred; `[journal] date-order` sets it"
        } else {
            "set in studylog.toml"
        };
        let order = if order == "dmy" {
            "day first (DD/MM/YYYY)"
        } else {
            "month first (MM/DD/YYYY)"
        };
        out.push_str(&format!("  {:<16}{order}, {how}\n", "Numeric dates"));
    }
    if let Some((_, detected)) = &about.vault {
        out.push_str(&format!("  {:<16}{detected}\n", "Vault"));
    }
    out.push('\n');
    if !stats.fields.is_empty() {
        out.push_str("  Fields\n");
        for field in &stats.fields {
            out.push_str(&format!("    {}\n", field.why));
        }
        out.push('\n');
    }

    let topics = sorted_topics(stats);
    if let Some(notice) = &about.notice {
        out.push_str(&format!("  Notice: {notice}\n"));
        if topics.is_empty() {
            return out;
        }
        out.push('\n');
    }
    if topics.is_empty() {
        out.push_str("  No topics yet: tag entries with #topic or add a `topic::` field.\n");
        return out;
    }
    let header = ["Topic", "Sessions", "Time", "First", "Last"];
    let rows: Vec<[String; 5]> = topics
        .iter()
        .map(|t| {
            [
                t.topic.clone(),
                t.sessions.to_string(),
                format_minutes(t.minutes),
                t.first.clone(),
                t.last.clone(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    // Numbers line up on the right, words on the left.
    let right_aligned = [false, true, true, false, false];
    let mut push_row = |cells: [&str; 5]| {
        let mut line = String::from(" ");
        for ((cell, width), right) in cells.iter().zip(widths).zip(right_aligned) {
            let pad = " ".repeat(width.saturating_sub(cell.chars().count()));
            line.push(' ');
            if right {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
            line.push(' ');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    push_row(header);
    for row in &rows {
        push_row([&row[0], &row[1], &row[2], &row[3], &row[4]]);
    }
    out
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;
    use crate::stats::TopicStats;

    fn sample() -> Stats {
        let topic = |name: &str, sessions, minutes, first: &str, last: &str| TopicStats {
            topic: name.to_string(),
            sessions,
            minutes,
            first: first.to_string(),
            last: last.to_string(),
        };
        Stats {
            entries: 5,
            days: 4,
            total_minutes: 165,
            current_streak: 1,
            longest_streak: 3,
            streak_unit: "days",
            topics: vec![
                topic("automated-testing", 1, 45, "2026-11-03", "2026-11-03"),
                topic("load-balancing", 3, 120, "2026-11-01", "2026-11-05"),
                topic("k8s-café", 1, 45, "2026-11-02", "2026-11-02"),
            ],
            date_order: None,
            fields: vec![
                crate::stats::FieldStats {
                    field: "topic",
                    required: true,
                    reason: "default",
                    entries_with: 5,
                    why: "`topic`: required by default (5 of 5 entries have it)".into(),
                },
                crate::stats::FieldStats {
                    field: "time",
                    required: false,
                    reason: "rare",
                    entries_with: 1,
                    why: "`time`: not required, the journal rarely records it (1 of 5 entries has it)".into(),
                },
            ],
        }
    }

    #[test]
    fn text_is_a_summary_and_an_aligned_table() {
        let today: Date = "2026-11-26".parse().unwrap();
        expect![[r#"
            Practice as of Thu 2026-11-26

              Entries         5
              Practice days   4
              Total time      2h 45m
              Current streak  1 day
              Longest streak  3 days

              Fields
                `topic`: required by default (5 of 5 entries have it)
                `time`: not required, the journal rarely records it (1 of 5 entries has it)

              Topic              Sessions  Time  First       Last
              load-balancing            3    2h  2026-11-01  2026-11-05
              automated-testing         1   45m  2026-11-03  2026-11-03
              k8s-café                  1   45m  2026-11-02  2026-11-02
        "#]]
        .assert_eq(&to_text(&sample(), today, &About::default()));
    }

    #[test]
    fn json_has_exactly_the_contract_keys() {
        expect![[r#"
            {
              "entries": 5,
              "days": 4,
              "total_minutes": 165,
              "current_streak": 1,
              "longest_streak": 3,
              "streak_unit": "days",
              "topics": [
                {
                  "topic": "load-balancing",
                  "sessions": 3,
                  "minutes": 120,
                  "first": "2026-11-01",
                  "last": "2026-11-05"
                },
                {
                  "topic": "automated-testing",
                  "sessions": 1,
                  "minutes": 45,
                  "first": "2026-11-03",
                  "last": "2026-11-03"
                },
                {
                  "topic": "k8s-café",
                  "sessions": 1,
                  "minutes": 45,
                  "first": "2026-11-02",
                  "last": "2026-11-02"
                }
              ],
              "required_fields": [
                {
                  "field": "topic",
                  "required": true,
                  "reason": "default",
                  "entries_with": 5
                },
                {
                  "field": "time",
                  "required": false,
                  "reason": "rare",
                  "entries_with": 1
                }
              ]
            }
        "#]]
        .assert_eq(&to_json(&sample(), &About::default()));
    }

    #[test]
    fn streak_units_agree_with_counts() {
        assert_eq!(streak(1, "weeks"), "1 week");
        assert_eq!(streak(0, "days"), "0 days");
        assert_eq!(streak(2, "weeks"), "2 weeks");
    }

    #[test]
    fn empty_journal_says_how_to_start() {
        let stats = Stats {
            topics: Vec::new(),
            ..sample()
        };
        assert!(
            to_text(&stats, "2026-11-26".parse().unwrap(), &About::default())
                .contains("No topics yet")
        );
    }
}
