//! The language server (`studylog lsp`): the protocol edge over the core.

use std::process::ExitCode;

/// Serves the language server protocol on stdin/stdout until `exit` or until
/// stdin closes. Logs go to stderr; stdout carries only protocol.
pub fn run_stdio() -> ExitCode {
    ExitCode::FAILURE
}
