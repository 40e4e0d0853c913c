//! The command line (`studylog check`, `studylog stats`, `studylog lsp`).

use std::process::ExitCode;

/// Runs the command line and returns the process exit status.
pub fn run() -> ExitCode {
    ExitCode::SUCCESS
}
