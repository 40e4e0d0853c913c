//! The check engine shared by the CLI and the language server: every check of
//! the format contract, run over a [`Workspace`].

use jiff::civil::Date;

use crate::diagnostic::Diagnostic;
use crate::workspace::Workspace;

/// Every diagnostic of the workspace, severity overrides applied, sorted by
/// path then span.
pub fn check_workspace(ws: &Workspace, today: Date) -> Vec<Diagnostic> {
    let _ = today;
    ws.config_problems().to_vec()
}
