//! `studylog check`: every diagnostic of a journal, as text lines or JSON, and
//! the exit status that says whether the journal passes.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use jiff::civil::Date;

use super::render::{self, PlacedDiagnostic};
use super::{EXIT_FAILURE, Format};
use crate::config::CONFIG_FILE;
use crate::diagnostic::Severity;
use crate::text::LineIndex;
use crate::workspace::Workspace;

/// Runs `check` on the journal at `root`.
pub(super) fn run(root: &Path, format: Format, today: Date, deny_warnings: bool) -> ExitCode {
    let Some(ws) = super::load(root) else {
        return ExitCode::from(EXIT_FAILURE);
    };
    let diags = placed_diagnostics(&ws, root, today);

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
    if format == Format::Text {
        super::report_note(&render::summary(&diags, ws.files().count()));
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
fn placed_diagnostics(ws: &Workspace, root: &Path, today: Date) -> Vec<PlacedDiagnostic> {
    // `studylog.toml` is not a journal file; its text is read here, once, only
    // when it has diagnostics to place.
    let mut config_text: Option<Option<(String, LineIndex)>> = None;
    let mut placed: Vec<PlacedDiagnostic> = ws
        .diagnostics(today)
        .iter()
        .map(|diag| {
            if let Some(file) = ws.file(&diag.path) {
                return PlacedDiagnostic::new(diag, Some((&file.text, &file.line_index)));
            }
            if diag.path == CONFIG_FILE {
                let config = config_text.get_or_insert_with(|| {
                    let text = crate::scan::read_config_text(&root.join(CONFIG_FILE)).ok()??;
                    let index = LineIndex::new(&text);
                    Some((text, index))
                });
                if let Some((text, index)) = config {
                    return PlacedDiagnostic::new(diag, Some((text, index)));
                }
            }
            PlacedDiagnostic::new(diag, None)
        })
        .collect();
    render::sort(&mut placed);
    placed
}
