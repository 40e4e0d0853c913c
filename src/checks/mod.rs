//! The check engine shared by the CLI and the language server: every check of
//! the format contract, run over a [`Journal`]. Parse problems and
//! `config-error`s come from the parser and the config; the rest is here, one
//! module per group of checks. Every diagnostic then goes through one severity
//! pass (the config's overrides, `off` dropping a check) and one sort.

mod cadence;
pub(crate) mod calendar;
mod dates;
mod fields;
mod links;
#[cfg(test)]
mod tests;
mod topics;

use jiff::civil::Date;

use crate::config::CONFIG_FILE;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::journal::Journal;
use crate::syntax::JournalFile;

/// Every diagnostic of the workspace, severity overrides applied, sorted by
/// path then span.
pub fn check_workspace(ws: &Journal, today: Date) -> Vec<Diagnostic> {
    let files: Vec<&JournalFile> = ws.files().map(|f| &**f).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_CHECK_THREADS)
        .min(files.len().div_ceil(MIN_FILES_PER_THREAD))
        .max(1);
    let chunk = files.len().div_ceil(threads).max(1);
    let candidates = topics::Candidates::new();
    let mut out = ws.config_problems().to_vec();
    if threads == 1 {
        for file in &files {
            check_one_file(ws, file, today, &candidates, &mut out);
        }
    } else {
        // Files are checked independently against the (read-only) workspace;
        // the final sort makes the result independent of the split.
        let joined: Vec<std::thread::Result<Vec<Diagnostic>>> = std::thread::scope(|scope| {
            let candidates = &candidates;
            let handles: Vec<_> = files
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        let mut found = Vec::new();
                        for file in part {
                            check_one_file(ws, file, today, candidates, &mut found);
                        }
                        found
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join()).collect()
        });
        let parts = joined
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|_| {
                // A check panicked on another thread (a bug): check again
                // here, where the panic surfaces as it would without threads.
                let mut found = Vec::new();
                for file in &files {
                    check_one_file(ws, file, today, &candidates, &mut found);
                }
                vec![found]
            });
        out.extend(parts.into_iter().flatten());
    }
    out.extend(cadence::missed_days(ws, today));
    out.extend(fields::habit_findings(ws));
    finish(ws, out)
}

/// Checking runs on up to this many threads: the scan already showed that
/// more than a few cores gain little on journal-sized folders.
const MAX_CHECK_THREADS: usize = 8;

/// Below this many files per thread, starting a thread costs more than it saves.
const MIN_FILES_PER_THREAD: usize = 256;

/// The diagnostics of one file (or of `studylog.toml`, or of a vault tool's
/// settings file), workspace-wide checks included: what an editor shows for
/// that file after any change.
pub fn check_file(ws: &Journal, path: &str, today: Date) -> Vec<Diagnostic> {
    let mut out = config_problems_in(ws, path);
    if let Some(file) = ws.file(path) {
        check_one_file(ws, file, today, &topics::Candidates::new(), &mut out);
        out.extend(
            cadence::missed_days(ws, today)
                .into_iter()
                .filter(|d| d.path == path),
        );
    }
    out.extend(
        fields::habit_findings(ws)
            .into_iter()
            .filter(|d| d.path == path),
    );
    finish(ws, out)
}

/// The `config-error`s sitting in `path`: `studylog.toml`'s, or a vault
/// tool's settings file's (`.obsidian/daily-notes.json`, ...).
fn config_problems_in(ws: &Journal, path: &str) -> Vec<Diagnostic> {
    ws.config_problems()
        .iter()
        .filter(|d| d.path == path)
        .cloned()
        .collect()
}

/// The files other than journal files that hold `config-error`s: the vault
/// tool's settings files with problems (`studylog.toml` aside). The server
/// reports them along with `studylog.toml`.
pub fn tool_files_with_problems(ws: &Journal) -> Vec<&str> {
    let mut paths: Vec<&str> = ws
        .config_problems()
        .iter()
        .map(|d| d.path.as_str())
        .filter(|p| *p != CONFIG_FILE && ws.file(p).is_none())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths
}

/// The diagnostics of several files (`studylog.toml` included when named),
/// each as [`check_file`] gives it, with the workspace-wide `missed-days`
/// computed once for all of them: what the server uses to re-check a batch
/// of files after an edit changed facts they depend on.
pub fn check_files(ws: &Journal, paths: &[&str], today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut any_file = false;
    let candidates = topics::Candidates::new();
    for path in paths {
        out.extend(config_problems_in(ws, path));
        if let Some(file) = ws.file(path) {
            check_one_file(ws, file, today, &candidates, &mut out);
            any_file = true;
        }
    }
    if any_file {
        let wanted: std::collections::HashSet<&str> = paths.iter().copied().collect();
        let dates: Vec<Date> = paths
            .iter()
            .filter_map(|p| ws.file(p))
            .flat_map(|f| f.entries.iter().map(|e| e.date))
            .collect();
        out.extend(
            cadence::missed_days_on(ws, today, &dates)
                .into_iter()
                .filter(|d| wanted.contains(d.path.as_str())),
        );
    }
    out.extend(
        fields::habit_findings(ws)
            .into_iter()
            .filter(|d| paths.contains(&d.path.as_str())),
    );
    finish(ws, out)
}

fn check_one_file(
    ws: &Journal,
    file: &JournalFile,
    today: Date,
    candidates: &topics::Candidates,
    out: &mut Vec<Diagnostic>,
) {
    let start = out.len();
    out.extend(file.problems.iter().cloned());
    dates::check(file, today, out);
    fields::check(ws, file, out);
    topics::check(ws, file, candidates, out);
    links::check(ws, file, out);
    if file.entries.is_empty() {
        for d in out.iter_mut().skip(start) {
            d.severity = capped_outside_entries(d.code, d.severity);
        }
    }
}

/// The default severity of a finding in a file that holds no entry (a
/// template, a reference page, an imported note): at most a warning, since
/// such a file was not written for studylog and must not fail the build. An
/// `invalid-date` stays an error: its heading was meant to be an entry. The
/// config's `[severity]` still overrides the result.
fn capped_outside_entries(code: Code, severity: Severity) -> Severity {
    if code == Code::InvalidDate {
        severity
    } else {
        severity.max(Severity::Warning)
    }
}

/// Applies the config's severity overrides (dropping `off` checks) and sorts
/// by path, then span, then code.
fn finish(ws: &Journal, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let config = ws.config();
    let mut out: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut d| {
            d.severity = config.severity_of(d.code, d.severity)?;
            Some(d)
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.path, a.span.start(), a.span.end(), a.code).cmp(&(
            &b.path,
            b.span.start(),
            b.span.end(),
            b.code,
        ))
    });
    out
}

/// "A, B and C", or "A, B, C and 4 more days" when `total` exceeds the list
/// ("and 1 more day" for one); `unit` is the singular and plural noun.
fn list_with_count(items: &[String], total: usize, unit: (&str, &str)) -> String {
    let rest = total.saturating_sub(items.len());
    if rest > 0 {
        let noun = if rest == 1 { unit.0 } else { unit.1 };
        return format!("{} and {rest} more {noun}", items.join(", "));
    }
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, init)) => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod list_tests {
    use super::list_with_count;

    #[test]
    fn the_count_after_the_list_agrees_in_number() {
        let named: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
        let days = ("day", "days");
        assert_eq!(list_with_count(&named, 3, days), "A, B and C");
        assert_eq!(list_with_count(&named, 4, days), "A, B, C and 1 more day");
        assert_eq!(list_with_count(&named, 5, days), "A, B, C and 2 more days");
        assert_eq!(list_with_count(&named[..1], 1, days), "A");
        assert_eq!(list_with_count(&[], 0, days), "");
    }
}

#[cfg(test)]
mod per_file_tests {
    use std::sync::Arc;

    use super::*;
    use crate::config::{Cadence, Config};
    use crate::test_fixture::files;

    /// Checking files one at a time (as the server does after an edit) gives
    /// exactly what the whole-workspace run gives for those files.
    #[test]
    fn each_file_alone_matches_the_whole_workspace_run() {
        let fixture = r#"
//- a.md
## 2026-11-02
#caching
time:: 1h
## 2026-11-09
#caching
time:: 1h
//- b.md
## 2026-11-05
#caching
time:: 30m
## 2026-11-20
#lb
//- c.md
## 2026-11-19
#caching
time:: 30m
"#;
        let today = Date::constant(2026, 11, 26);
        for (cadence, start) in [
            (Cadence::Daily, None),
            (Cadence::Weekdays, None),
            (Cadence::Daily, Some(Date::constant(2026, 11, 6))),
            (Cadence::PerWeek(3), None),
        ] {
            let config = Config {
                cadence,
                start,
                ..Config::default()
            };
            let mut ws = Journal::new(config, Vec::new());
            for (path, text) in files(fixture) {
                ws.set_file(&path, Arc::from(text));
            }
            let all = check_workspace(&ws, today);
            assert!(
                all.iter()
                    .any(|d| d.code == crate::diagnostic::Code::MissedDays)
            );
            for path in ["a.md", "b.md", "c.md"] {
                let whole: Vec<&Diagnostic> = all.iter().filter(|d| d.path == path).collect();
                let alone = check_files(&ws, &[path], today);
                assert_eq!(
                    alone.iter().collect::<Vec<_>>(),
                    whole,
                    "{path} {cadence:?}"
                );
            }
        }
    }
}
