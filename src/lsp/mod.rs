//! The language server (`studylog lsp`): the protocol edge over the core.
//! Only this module knows about LSP types and JSON; positions are converted
//! in [`convert`] alone.

mod commands;
mod config;
pub mod convert;
mod diagnostics;
mod disk;
pub mod document;
mod handlers;
mod impact;
mod server;
mod state;
pub mod transport;
mod watch;

use std::process::ExitCode;
use std::time::Duration;

use jiff::civil::Date;
use tower_lsp_server::{ClientSocket, LspService, Server};

pub use server::Backend;

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
/// stdin closes. Logs go to stderr; stdout carries only protocol. Exits 0
/// after `shutdown` then `exit`, 1 when the protocol ended without `shutdown`.
pub fn run_stdio() -> ExitCode {
    init_logging();
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
        let (service, socket) = service();
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

/// Logs to stderr without colours, filtered by `STUDYLOG_LOG` (e.g.
/// `studylog=debug`), `info` for studylog by default.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("STUDYLOG_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("studylog=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

/// Today's date: `STUDYLOG_TODAY=YYYY-MM-DD` when set (tests, reproducible
/// reports), else the local date. Read at each use, so a server running
/// past midnight moves on to the new day.
pub fn today() -> Date {
    if let Ok(value) = std::env::var("STUDYLOG_TODAY") {
        match value.trim().parse::<Date>() {
            Ok(date) => return date,
            Err(e) => tracing::warn!("ignoring STUDYLOG_TODAY={value:?}: {e}"),
        }
    }
    jiff::ZonedDateTime::now().date()
}
