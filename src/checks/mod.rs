//! The check engine shared by the CLI and the language server: every check of
//! the format contract, run over a [`Workspace`]. Parse problems and
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
use crate::diagnostic::Diagnostic;
use crate::syntax::JournalFile;
use crate::workspace::Workspace;

/// Every diagnostic of the workspace, severity overrides applied, sorted by
/// path then span.
pub fn check_workspace(ws: &Workspace, today: Date) -> Vec<Diagnostic> {
    let mut out = ws.config_problems().to_vec();
    for file in ws.files() {
        check_one_file(ws, file, today, &mut out);
    }
    out.extend(cadence::missed_days(ws, today));
    finish(ws, out)
}

/// The diagnostics of one file (or of `studylog.toml`), workspace-wide checks
/// included: what an editor shows for that file after any change.
pub fn check_file(ws: &Workspace, path: &str, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if path == CONFIG_FILE {
        out.extend(ws.config_problems().iter().cloned());
    }
    if let Some(file) = ws.file(path) {
        check_one_file(ws, file, today, &mut out);
        out.extend(
            cadence::missed_days(ws, today)
                .into_iter()
                .filter(|d| d.path == path),
        );
    }
    finish(ws, out)
}

/// The diagnostics of several files (`studylog.toml` included when named),
/// each as [`check_file`] gives it, with the workspace-wide `missed-days`
/// computed once for all of them: what the server uses to re-check a batch
/// of files after an edit changed facts they depend on.
pub fn check_files(ws: &Workspace, paths: &[&str], today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut any_file = false;
    for path in paths {
        if *path == CONFIG_FILE {
            out.extend(ws.config_problems().iter().cloned());
        }
        if let Some(file) = ws.file(path) {
            check_one_file(ws, file, today, &mut out);
            any_file = true;
        }
    }
    if any_file {
        let wanted: std::collections::HashSet<&str> = paths.iter().copied().collect();
        out.extend(
            cadence::missed_days(ws, today)
                .into_iter()
                .filter(|d| wanted.contains(d.path.as_str())),
        );
    }
    finish(ws, out)
}

fn check_one_file(ws: &Workspace, file: &JournalFile, today: Date, out: &mut Vec<Diagnostic>) {
    out.extend(file.problems.iter().cloned());
    dates::check(file, today, out);
    fields::check(ws, file, out);
    topics::check(ws, file, out);
    links::check(ws, file, out);
}

/// Applies the config's severity overrides (dropping `off` checks) and sorts
/// by path, then span, then code.
fn finish(ws: &Workspace, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let config = ws.config();
    let mut out: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut d| {
            d.severity = config.severity_of(d.code, d.severity)?;
            Some(d)
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.path, a.span.start, a.span.end, a.code).cmp(&(
            &b.path,
            b.span.start,
            b.span.end,
            b.code,
        ))
    });
    out
}

/// "A, B and C", or "A, B, C and 4 more days" when `total` exceeds the list.
fn list_with_count(items: &[String], total: usize, unit: &str) -> String {
    let rest = total.saturating_sub(items.len());
    if rest > 0 {
        return format!("{} and {rest} more {unit}", items.join(", "));
    }
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, init)) => format!("{} and {last}", init.join(", ")),
    }
}
