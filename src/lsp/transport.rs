//! The stdio framing layer: reads the editor's bytes, checks every frame
//! before the protocol library sees it, and writes every outgoing frame from
//! one place.
//!
//! tower-lsp-server's own reader stops for good at the first frame it cannot
//! decode (bad JSON, a bad header, JSON nested too deep), which would leave
//! the editor without a server. Here each frame is read and checked first: a
//! malformed one is answered with a JSON-RPC error (its id when it can be
//! read, else `null`), the reader resynchronises on the next
//! `Content-Length` header and goes on. Frames that pass are handed to the
//! library through an in-memory pipe, re-framed in the one form it parses.
//! The library's output is read back frame by frame and written to stdout by
//! the same writer as the error frames, so the two never interleave.
//!
//! The reader also answers what the library gets wrong: a request whose
//! method starts with `$/` gets `MethodNotFound` (such notifications may be
//! ignored, requests may not), and after `shutdown` every request gets
//! `InvalidRequest`.

use std::future::Future;

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;

/// Header blocks longer than this are garbage (real ones are under 100 bytes).
const MAX_HEADER_BYTES: usize = 8 * 1024;

/// Bodies longer than this are refused (and skipped): the largest honest
/// message opens an 8 MiB note, escaped as JSON.
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// Room in each in-memory pipe to and from the library.
const PIPE_BYTES: usize = 64 * 1024;

/// Whole frames waiting for the writer at most. An editor that stops
/// reading the server's output holds up the server (as a full pipe would)
/// instead of letting its answers pile up in memory.
const OUTPUT_FRAMES: usize = 256;

/// JSON-RPC error codes.
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;

/// Runs `serve` (the protocol library's server loop, given the pipe it reads
/// from and the pipe it writes to) behind the checked framing of `input` and
/// `output`. Returns when the library's loop ends (after `exit`, or when the
/// input ended and the library finished).
pub async fn serve_framed<I, O, S, F>(input: I, output: O, serve: S)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
    S: FnOnce(DuplexStream, DuplexStream) -> F,
    F: Future<Output = ()>,
{
    let (to_library, library_in) = tokio::io::duplex(PIPE_BYTES);
    let (library_out, from_library) = tokio::io::duplex(PIPE_BYTES);
    let (frames, outgoing) = mpsc::channel::<Vec<u8>>(OUTPUT_FRAMES);
    let library = async {
        serve(library_in, library_out).await;
    };
    let relay = relay_library_output(from_library, frames.clone());
    let library_then_relay = async {
        tokio::join!(library, relay);
    };
    let reader = read_input(input, to_library, frames);
    let writer = write_output(output, outgoing);
    let run = async {
        tokio::pin!(library_then_relay);
        tokio::pin!(reader);
        tokio::select! {
            () = &mut library_then_relay => {}
            () = &mut reader => library_then_relay.await,
        }
    };
    // The reader is dropped with `run` (it may wait on stdin forever); then
    // every sender is gone and the writer finishes what is queued.
    tokio::join!(run, writer);
}

/// Writes each whole frame to `output`, in the order they were queued. A
/// write error (the editor closed the pipe) drops the rest.
async fn write_output<O: AsyncWrite + Unpin>(mut output: O, mut frames: mpsc::Receiver<Vec<u8>>) {
    let mut broken = false;
    while let Some(frame) = frames.recv().await {
        if broken {
            continue;
        }
        let written = async {
            output.write_all(&frame).await?;
            output.flush().await
        };
        if let Err(e) = written.await {
            tracing::warn!("cannot write to the editor: {e}");
            broken = true;
        }
    }
}

/// Reads the library's output and queues each complete frame as one piece.
async fn relay_library_output(mut from_library: DuplexStream, frames: mpsc::Sender<Vec<u8>>) {
    let mut buffer: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; PIPE_BYTES];
    loop {
        while let Some(frame) = split_library_frame(&mut buffer) {
            if frames.send(frame).await.is_err() {
                return;
            }
        }
        match from_library.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buffer.extend_from_slice(chunk.get(..n).unwrap_or_default()),
        }
    }
}

/// Takes one complete `Content-Length` frame (headers and body) off the
/// front of the library's output, if it is all there.
pub(super) fn split_library_frame(buffer: &mut Vec<u8>) -> Option<Vec<u8>> {
    let header_end = find(buffer, b"\r\n\r\n")? + 4;
    let headers = std::str::from_utf8(buffer.get(..header_end)?).ok()?;
    let length = content_length(headers).and_then(Result::ok)?;
    let total = header_end.checked_add(length)?;
    if buffer.len() < total {
        return None;
    }
    // The frame is copied out at its own size: handing over the buffer
    // itself would make every queued frame keep the buffer's whole capacity
    // (up to [`OUTPUT_FRAMES`] of them: megabytes in a burst of publishes).
    Some(buffer.drain(..total).collect())
}

/// What the input reader is doing with the bytes it holds.
enum ReadState {
    /// At the start of a frame (or of garbage).
    Headers,
    /// Discarding the rest of a refused body: this many bytes to go.
    Skipping(usize),
}

/// Reads the editor's input, checks each frame, passes the good ones to the
/// library and answers the bad ones. Returns at the end of the input (closing
/// the library's input, so it finishes too).
async fn read_input<I: AsyncRead + Unpin>(
    mut input: I,
    mut to_library: DuplexStream,
    frames: mpsc::Sender<Vec<u8>>,
) {
    let mut checker = Checker::default();
    let mut buffer: Vec<u8> = Vec::new();
    let mut state = ReadState::Headers;
    let mut chunk = vec![0u8; PIPE_BYTES];
    // Inside garbage that has not reached a `Content-Length` header yet: one
    // stretch of garbage gets one answer, however many reads it spans.
    let mut in_garbage = false;
    loop {
        // Handle everything the buffer holds before reading more, so that a
        // request behind a `Content-Length: 0` frame is answered at once.
        loop {
            match state {
                ReadState::Skipping(left) => {
                    let dropped = left.min(buffer.len());
                    buffer.drain(..dropped);
                    if dropped < left {
                        state = ReadState::Skipping(left - dropped);
                        break;
                    }
                    state = ReadState::Headers;
                }
                ReadState::Headers => match next_frame(&buffer) {
                    Framing::Incomplete => break,
                    Framing::Garbage {
                        skip,
                        reason,
                        resynced,
                    } => {
                        buffer.drain(..skip.min(buffer.len()));
                        if !in_garbage {
                            tracing::warn!("malformed frame from the editor: {reason}");
                            queue(&frames, error_frame(&Value::Null, PARSE_ERROR, &reason)).await;
                        }
                        in_garbage = !resynced;
                    }
                    Framing::TooLarge { header_len, length } => {
                        in_garbage = false;
                        buffer.drain(..header_len.min(buffer.len()));
                        let reason = format!(
                            "a message of {length} bytes is over the limit of {MAX_BODY_BYTES}"
                        );
                        tracing::warn!("refused a frame from the editor: {reason}");
                        queue(&frames, error_frame(&Value::Null, INVALID_REQUEST, &reason)).await;
                        state = ReadState::Skipping(length);
                    }
                    Framing::Frame { header_len, length } => {
                        in_garbage = false;
                        let end = header_len + length;
                        let body: Vec<u8> =
                            buffer.get(header_len..end).unwrap_or_default().to_vec();
                        buffer.drain(..end.min(buffer.len()));
                        match checker.check(&body) {
                            Verdict::Pass => {
                                let mut framed =
                                    format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
                                framed.extend_from_slice(&body);
                                if to_library.write_all(&framed).await.is_err() {
                                    // The library stopped (after `exit`).
                                    return;
                                }
                            }
                            Verdict::Answer(frame) => queue(&frames, frame).await,
                            Verdict::Drop => {}
                        }
                    }
                },
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) => return,
            Ok(n) => buffer.extend_from_slice(chunk.get(..n).unwrap_or_default()),
            Err(e) => {
                tracing::warn!("cannot read from the editor: {e}");
                return;
            }
        }
    }
}

async fn queue(frames: &mpsc::Sender<Vec<u8>>, frame: Vec<u8>) {
    // The writer outlives the reader; a send can only fail at the very end.
    let _ = frames.send(frame).await;
}

/// What the front of the input buffer holds.
#[derive(Debug, PartialEq, Eq)]
enum Framing {
    /// Not enough bytes yet to tell.
    Incomplete,
    /// A header block with a usable `Content-Length`, and its whole body.
    Frame { header_len: usize, length: usize },
    /// A header block announcing a body over [`MAX_BODY_BYTES`].
    TooLarge { header_len: usize, length: usize },
    /// Bytes that are no frame: drop `skip` of them and answer with
    /// `reason`. `resynced` when the bytes after them start a
    /// `Content-Length` header; else the garbage may go on in the next read.
    Garbage {
        skip: usize,
        reason: String,
        resynced: bool,
    },
}

/// Reads the frame at the front of `buffer`.
fn next_frame(buffer: &[u8]) -> Framing {
    let Some(blank) = find(buffer, b"\r\n\r\n") else {
        if buffer.len() > MAX_HEADER_BYTES {
            return garbage(buffer, "a header block without an end".to_string());
        }
        return Framing::Incomplete;
    };
    let header_len = blank + 4;
    let Some(headers) = buffer
        .get(..blank)
        .and_then(|h| std::str::from_utf8(h).ok())
    else {
        return garbage(buffer, "headers that are not text".to_string());
    };
    if let Some(bad) = headers.split("\r\n").find(|line| !is_header_line(line)) {
        let shown: String = bad.chars().take(60).collect();
        return garbage(buffer, format!("a line that is not a header: {shown:?}"));
    }
    let length = match content_length(headers) {
        Some(Ok(length)) => length,
        Some(Err(value)) => {
            let shown: String = value.chars().take(30).collect();
            return garbage(
                buffer,
                format!("a Content-Length that is not a number: {shown:?}"),
            );
        }
        None => return garbage(buffer, "a frame without Content-Length".to_string()),
    };
    if let Some(charset) = charset(headers) {
        if !matches!(charset.to_ascii_lowercase().as_str(), "utf-8" | "utf8") {
            if length > MAX_BODY_BYTES {
                return Framing::TooLarge { header_len, length };
            }
            if buffer.len() < header_len + length {
                return Framing::Incomplete;
            }
            return Framing::Garbage {
                skip: header_len + length,
                reason: format!("a body in charset {charset:?}; only UTF-8 is spoken"),
                resynced: true,
            };
        }
    }
    if length > MAX_BODY_BYTES {
        return Framing::TooLarge { header_len, length };
    }
    if buffer.len() < header_len.saturating_add(length) {
        return Framing::Incomplete;
    }
    Framing::Frame { header_len, length }
}

/// Garbage at the front of `buffer`: everything up to the next
/// `Content-Length` header after its first byte, or all of it but a tail
/// that may be the start of one.
fn garbage(buffer: &[u8], reason: String) -> Framing {
    const NAME: &[u8] = b"content-length";
    match buffer
        .get(1..)
        .and_then(|rest| find_ignore_case(rest, NAME))
    {
        Some(i) => Framing::Garbage {
            skip: i + 1,
            reason,
            resynced: true,
        },
        None => Framing::Garbage {
            skip: buffer.len().saturating_sub(NAME.len() - 1).max(1),
            reason,
            resynced: false,
        },
    }
}

/// `Name: value` with a token for a name.
fn is_header_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_!#$%&'*+.^`|~".contains(&b))
    })
}

/// The `Content-Length` of a header block: `None` when absent, the written
/// value when it is not a number.
fn content_length(headers: &str) -> Option<Result<usize, String>> {
    headers.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim().eq_ignore_ascii_case("content-length").then(|| {
            let value = value.trim();
            value.parse::<usize>().map_err(|_| value.to_string())
        })
    })
}

/// The `charset` parameter of the `Content-Type` header, if it has one (no
/// charset means UTF-8, as the LSP specification says).
fn charset(headers: &str) -> Option<String> {
    headers.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        if !name.trim().eq_ignore_ascii_case("content-type") {
            return None;
        }
        value.split(';').skip(1).find_map(|param| {
            let (key, v) = param.split_once('=')?;
            key.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| v.trim().trim_matches('"').to_string())
        })
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// What to do with one frame's body.
#[derive(Debug, PartialEq)]
enum Verdict {
    /// A well-formed message: the library handles it.
    Pass,
    /// Answered here: the error frame to send.
    Answer(Vec<u8>),
    /// Dropped (a malformed response from the client: there is no one to answer).
    Drop,
}

/// Checks message bodies and remembers what the protocol's state needs:
/// whether `shutdown` was asked.
#[derive(Debug, Default)]
struct Checker {
    shut_down: bool,
}

impl Checker {
    fn check(&mut self, body: &[u8]) -> Verdict {
        // serde_json refuses nesting past 128 levels; that is a parse error
        // like any other.
        let message: Value = match serde_json::from_slice(body) {
            Ok(message) => message,
            Err(e) => {
                let reason = if body.is_empty() {
                    "an empty message".to_string()
                } else {
                    format!("a message that is not JSON ({e})")
                };
                tracing::warn!("malformed message from the editor: {reason}");
                return answer(&Value::Null, PARSE_ERROR, &reason);
            }
        };
        let Some(object) = message.as_object() else {
            return invalid(&Value::Null, "a message that is not a JSON object");
        };
        let id = object.get("id");
        let id_ok = id.is_none_or(|id| id.is_i64() || id.is_string() || id.is_null());
        let shown_id = match id {
            Some(id) if id_ok => id.clone(),
            _ => Value::Null,
        };
        if object.get("jsonrpc") != Some(&json!("2.0")) {
            return invalid(&shown_id, "a message without \"jsonrpc\": \"2.0\"");
        }
        if !id_ok {
            return invalid(
                &Value::Null,
                "an id that is neither an integer nor a string",
            );
        }
        let is_response = object.contains_key("result") || object.contains_key("error");
        match object.get("method") {
            Some(Value::String(method)) => {
                if is_response {
                    return invalid(&shown_id, "a message that is both a request and a response");
                }
                let Some(id) = id else {
                    // A notification: `$/...` ones may be ignored, and the
                    // library does.
                    return Verdict::Pass;
                };
                if self.shut_down {
                    tracing::warn!("request {method} after shutdown");
                    return answer(
                        id,
                        INVALID_REQUEST,
                        &format!("the server is shutting down: {method} is not served"),
                    );
                }
                if method.starts_with("$/") {
                    return answer(
                        id,
                        METHOD_NOT_FOUND,
                        &format!("unknown protocol request {method}"),
                    );
                }
                if method == "shutdown" {
                    self.shut_down = true;
                }
                Verdict::Pass
            }
            Some(_) => invalid(&shown_id, "a method that is not a string"),
            None if is_response => {
                let well_formed = id.is_some()
                    && match object.get("error") {
                        None => true,
                        Some(error) => {
                            error.get("code").is_some_and(Value::is_i64)
                                && error.get("message").is_some_and(Value::is_string)
                        }
                    };
                if well_formed {
                    Verdict::Pass
                } else {
                    tracing::warn!("dropped a malformed response from the editor");
                    Verdict::Drop
                }
            }
            None => invalid(&shown_id, "a message with neither a method nor a result"),
        }
    }
}

fn invalid(id: &Value, reason: &str) -> Verdict {
    tracing::warn!("invalid message from the editor: {reason}");
    answer(id, INVALID_REQUEST, reason)
}

fn answer(id: &Value, code: i64, message: &str) -> Verdict {
    Verdict::Answer(error_frame(id, code, message))
}

/// A framed JSON-RPC error response.
fn error_frame(id: &Value, code: i64, message: &str) -> Vec<u8> {
    let body = json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    })
    .to_string();
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body.as_bytes());
    frame
}

#[cfg(test)]
mod tests;
