//! `studylog check`: every diagnostic of a journal, as text lines or JSON, and
//! the exit status that says whether the journal passes.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use jiff::civil::Date;

use super::render::{self, PlacedDiagnostic};
use super::{EXIT_FAILURE, Format};
use crate::diagnostic::{Code, Severity};
use crate::journal::Journal;
use crate::text::LineIndex;

/// Which checks `--select` and `--ignore` leave in the report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct CodeFilter {
    /// Empty: every code.
    select: Vec<Code>,
    ignore: Vec<Code>,
}

impl CodeFilter {
    /// The filter of the two flags' values; an unknown code is a one-line
    /// reason naming it and the codes there are.
    pub(super) fn new(select: &[String], ignore: &[String]) -> Result<CodeFilter, String> {
        let parse = |flag: &str, names: &[String]| -> Result<Vec<Code>, String> {
            names
                .iter()
                .map(|name| name.trim())
                .filter(|name| !name.is_empty())
                .map(|name| {
                    Code::parse(name).ok_or_else(|| {
                        let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
                        format!(
                            "unknown check code `{name}` in {flag} (codes: {})",
                            known.join(", ")
                        )
                    })
                })
                .collect()
        };
        Ok(CodeFilter {
            select: parse("--select", select)?,
            ignore: parse("--ignore", ignore)?,
        })
    }

    fn keeps(&self, code: Code) -> bool {
        (self.select.is_empty() || self.select.contains(&code)) && !self.ignore.contains(&code)
    }
}

/// Runs `check` on the journal at `path` (a folder, or one markdown file).
pub(super) fn run(
    path: &Path,
    format: Format,
    today: Date,
    deny_warnings: bool,
    filter: &CodeFilter,
    verbose: bool,
) -> ExitCode {
    let Some(loaded) = super::load(path) else {
        return ExitCode::from(EXIT_FAILURE);
    };
    let (ws, root) = (&loaded.ws, loaded.root.as_path());
    if verbose {
        super::report_note(&format!(
            "studylog: detected {}",
            ws.config().vault.describe()
        ));
    }
    let mut diags = placed_diagnostics(ws, root, today);
    diags.retain(|d| filter.keeps(d.code) && loaded.reports(&d.path));

    let output = match format {
        Format::Text => {
            // https://no-color.org: any non-empty NO_COLOR turns colour off.
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let color = std::io::stdout().is_terminal() && !no_color;
            let mut out = String::new();
            for d in &diags {
                out.push_str(&d.to_text(color));
                out.push('\n');
            }
            out
        }
        Format::Json => render::to_json(&diags),
    };
    if super::write_stdout(&output).is_err() {
        return ExitCode::from(EXIT_FAILURE);
    }
    // Not a finding: the exit status does not change.
    if let Some(notice) = crate::notice::silent_zero_in(ws, loaded.only.as_deref()) {
        super::report_note(&format!("studylog: notice: {}", notice.message));
    }
    if format == Format::Text {
        if let Some(counts) = render::code_counts(&diags) {
            super::report_note(&counts);
        }
        let files = if loaded.only.is_some() {
            1
        } else {
            ws.files().count()
        };
        super::report_note(&render::summary(&diags, files));
    }

    // Severities here are after the config's overrides (`off` checks are gone).
    let fails = diags.iter().any(|d| {
        d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
    });
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The journal's diagnostics with 1-based positions, sorted by path then line.
fn placed_diagnostics(ws: &Journal, root: &Path, today: Date) -> Vec<PlacedDiagnostic> {
    // `studylog.toml` and the vault tool's settings files are not journal
    // files; each one's text is read here, once, only when it has
    // diagnostics to place.
    let mut other_texts: HashMap<String, Option<(String, LineIndex)>> = HashMap::new();
    let diagnostics = ws.diagnostics(today);
    for diag in &diagnostics {
        if ws.file(&diag.path).is_none() && !other_texts.contains_key(&diag.path) {
            // Read with the config's care: a regular file, 1 MiB at most.
            let text = crate::scan::read_config_text(&root.join(&diag.path))
                .ok()
                .flatten()
                .map(|text| {
                    let index = LineIndex::new(&text);
                    (text, index)
                });
            other_texts.insert(diag.path.clone(), text);
        }
    }
    let mut placed: Vec<PlacedDiagnostic> = diagnostics
        .into_iter()
        .map(|diag| {
            if let Some(file) = ws.file(&diag.path) {
                return PlacedDiagnostic::placing(diag, Some((&file.text, &file.line_index)));
            }
            match other_texts.get(&diag.path) {
                Some(Some((text, index))) => PlacedDiagnostic::placing(diag, Some((text, index))),
                _ => PlacedDiagnostic::placing(diag, None),
            }
        })
        .collect();
    render::sort(&mut placed);
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn select_then_ignore() {
        let filter = CodeFilter::new(
            &names(&["broken-link", "missing-field"]),
            &names(&["missing-field"]),
        )
        .unwrap();
        assert!(filter.keeps(Code::BrokenLink));
        assert!(!filter.keeps(Code::MissingField));
        assert!(!filter.keeps(Code::MissedDays));
        let all = CodeFilter::new(&[], &[]).unwrap();
        assert!(Code::ALL.iter().all(|c| all.keeps(*c)));
    }

    #[test]
    fn unknown_codes_are_named() {
        let err = CodeFilter::new(&[], &names(&["broken-links"])).unwrap_err();
        assert!(
            err.starts_with("unknown check code `broken-links` in --ignore"),
            "{err}"
        );
        assert!(!err.contains('\n'));
    }
}
