//! The language server (`studylog lsp`): the protocol edge over the core.
//! Only this module knows about LSP types and JSON; positions are converted
//! in [`convert`] alone.

mod capabilities;
mod clock;
mod commands;
mod config;
pub mod convert;
mod diagnostics;
mod diagnostics_worker;
mod disk;
mod disk_worker;
pub mod document;
/// The server's fuzz target body (see [`crate::fuzzing`]); not API.
#[doc(hidden)]
pub mod fuzzing;
mod handlers;
mod indexing;
mod last_checked;
mod lifecycle;
mod log;
mod notifications;
mod pull;
mod requests;
mod server;
mod shared;
mod state;
mod state_lock;
mod stats_signal;
mod supervise;
pub mod transport;
mod watch;

use std::process::ExitCode;
use std::time::Duration;

use jiff::civil::Date;
use tower_lsp_server::{ClientSocket, LspService, Server};

pub use server::Backend;
#[doc(hidden)]
pub use supervise::Worker;

/// How long the process waits for background work (scans, watchers) after
/// the protocol ends before it exits anyway: a journal scan stuck on a slow
/// disk must not keep an editor's server process alive.
const SHUTDOWN_GRACE: Duration = Duration::from_millis(200);

/// The server as a tower service plus the socket carrying its messages to the
/// client; for `run_stdio` and for in-process tests.
pub fn service() -> (LspService<Backend>, ClientSocket) {
    service_on(None)
}

/// The server with "today" fixed to `today` (when `Some`) instead of the
/// clock and `STUDYLOG_TODAY`: for in-process tests, which share one
/// environment.
pub fn service_on(today: Option<Date>) -> (LspService<Backend>, ClientSocket) {
    LspService::new(move |client| Backend::new(client, today))
}

/// Serves the language server protocol on stdin/stdout until `exit` or until
/// stdin closes. Logs go to the client as `window/logMessage` (errors to
/// stderr as well, see [`log`]); stdout carries only protocol. Exits 0
/// after `shutdown` then `exit`, 1 when the protocol ended without `shutdown`.
pub fn run_stdio() -> ExitCode {
    let log_lines = log::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            tracing::error!("cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let clean = runtime.block_on(async {
        let (service, socket) = LspService::new(move |client| {
            if let Some(lines) = log_lines {
                tokio::spawn(log::forward(lines, client.clone()));
            }
            Backend::new(client, today_from_env())
        });
        let backend = service.inner().handle();
        transport::serve_framed(tokio::io::stdin(), tokio::io::stdout(), |input, output| {
            Server::new(input, output, socket).serve(service)
        })
        .await;
        backend.shutdown_requested()
    });
    // Tokio's stdin reader is a blocking thread that cannot be cancelled;
    // waiting for it would hang until the editor closes the pipe.
    runtime.shutdown_timeout(SHUTDOWN_GRACE);
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The local date, read at each use, so a server running past midnight
/// moves on to the new day (see [`clock`]).
pub fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// A fixed "today" from `STUDYLOG_TODAY=YYYY-MM-DD` (tests, reproducible
/// screenshots), read once at start with the CLI's strict reader. A value
/// that is not such a date is logged as an error and the clock is used.
fn today_from_env() -> Option<Date> {
    let value = std::env::var(crate::cli::TODAY_ENV).ok()?;
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match crate::parse::dates::parse_strict_or_why(value) {
        Ok(date) => Some(date),
        Err(why) => {
            tracing::error!(
                "ignoring {}={value:?}: {why}; using the local date",
                crate::cli::TODAY_ENV
            );
            None
        }
    }
}
