//! The server's logs: every event that `STUDYLOG_LOG` lets through goes to
//! the client as `window/logMessage` at its own level (error, warning,
//! info; debug and trace as "log"), so an editor shows it in its output at
//! that level. stderr carries errors only: clients show whatever arrives
//! there as an error (VS Code's output channel marks each stderr line
//! `[error]`), so an ordinary line there would be mislabelled.
//!
//! `window/logMessage` may be sent before `initialize` is answered (the
//! protocol allows it), so nothing logged at start is held back or lost.

use std::fmt::Write as _;

use tokio::sync::mpsc::{Receiver, Sender, channel};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::MessageType;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer};

/// The environment variable with the log filter (`studylog=debug`, `debug`).
pub const LOG_ENV: &str = "STUDYLOG_LOG";

/// The filter when `STUDYLOG_LOG` is unset or invalid.
const DEFAULT_FILTER: &str = "studylog=info";

/// Lines waiting to be sent at most; past that, new lines are dropped (a
/// client that stopped reading must not make the server's memory grow).
const QUEUE: usize = 1024;

/// The tracing target of the LSP transport crate.
const TRANSPORT_TARGET: &str = "tower_lsp_server";

/// A log line for the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    pub level: MessageType,
    pub text: String,
}

/// The protocol's message type for a tracing level.
pub fn message_type(level: Level) -> MessageType {
    match level {
        Level::ERROR => MessageType::ERROR,
        Level::WARN => MessageType::WARNING,
        Level::INFO => MessageType::INFO,
        _ => MessageType::LOG,
    }
}

/// A tracing layer that queues each event as a [`LogLine`].
pub struct ClientLayer {
    queue: Sender<LogLine>,
}

impl ClientLayer {
    /// The layer and the receiving end, which [`forward`] drains.
    pub fn new() -> (Self, Receiver<LogLine>) {
        let (queue, receiver) = channel(QUEUE);
        (ClientLayer { queue }, receiver)
    }
}

impl<S: Subscriber> Layer<S> for ClientLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        // The transport's own events stay out: one about a notification it
        // failed to send would queue another notification, and so on.
        if event.metadata().target().starts_with(TRANSPORT_TARGET) {
            return;
        }
        let mut text = MessageText::default();
        event.record(&mut text);
        // A full queue or a closed client: the line is dropped; logging it
        // would only queue another.
        let _ = self.queue.try_send(LogLine {
            level: message_type(*event.metadata().level()),
            text: text.0,
        });
    }
}

/// The event's message, then its other fields as `name=value`.
#[derive(Default)]
struct MessageText(String);

impl Visit for MessageText {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let rest = std::mem::take(&mut self.0);
            let _ = write!(self.0, "{value:?}");
            if !rest.is_empty() {
                self.0.push(' ');
                self.0.push_str(&rest);
            }
        } else {
            if !self.0.is_empty() {
                self.0.push(' ');
            }
            let _ = write!(self.0, "{}={value:?}", field.name());
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.record_debug(field, &format_args!("{value}"));
        } else {
            self.record_debug(field, &value);
        }
    }
}

/// Sends the queued lines to `client` until the queue closes.
pub async fn forward(mut lines: Receiver<LogLine>, client: Client) {
    while let Some(line) = lines.recv().await {
        client.log_message(line.level, line.text).await;
    }
}

/// Installs the process-wide subscriber: `STUDYLOG_LOG` (default
/// `studylog=info`) filters both outputs; the client gets every line it lets
/// through, stderr only the errors among them. Returns the queue for
/// [`forward`], or `None` when a subscriber was already installed.
pub fn init() -> Option<Receiver<LogLine>> {
    use tracing_subscriber::filter::{EnvFilter, LevelFilter};
    use tracing_subscriber::prelude::*;

    let filter =
        || EnvFilter::try_from_env(LOG_ENV).unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let (layer, lines) = ClientLayer::new();
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_filter(LevelFilter::ERROR)
        .with_filter(filter());
    tracing_subscriber::registry()
        .with(layer.with_filter(filter()))
        .with(stderr)
        .try_init()
        .ok()
        .map(|()| lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing_subscriber::prelude::*;

    #[test]
    fn each_event_keeps_its_level_and_its_fields() {
        let (layer, mut lines) = ClientLayer::new();
        let subscriber = tracing_subscriber::registry().with(layer);
        tracing::subscriber::with_default(subscriber, || {
            tracing::error!("indexing failed: {}", "disk");
            tracing::warn!(files = 3, "skipped");
            tracing::info!("removed folder /j");
            tracing::debug!("no progress shown");
            tracing::trace!("x");
        });
        let mut got = Vec::new();
        while let Ok(line) = lines.try_recv() {
            got.push((line.level, line.text));
        }
        assert_eq!(
            got,
            vec![
                (MessageType::ERROR, "indexing failed: disk".to_string()),
                (MessageType::WARNING, "skipped files=3".to_string()),
                (MessageType::INFO, "removed folder /j".to_string()),
                (MessageType::LOG, "no progress shown".to_string()),
                (MessageType::LOG, "x".to_string()),
            ]
        );
    }

    #[test]
    fn a_full_queue_drops_lines_instead_of_growing() {
        let (layer, mut lines) = ClientLayer::new();
        let subscriber = tracing_subscriber::registry().with(layer);
        tracing::subscriber::with_default(subscriber, || {
            for i in 0..QUEUE + 10 {
                tracing::info!("line {i}");
            }
        });
        let mut count = 0;
        while lines.try_recv().is_ok() {
            count += 1;
        }
        assert_eq!(count, QUEUE);
    }
}
