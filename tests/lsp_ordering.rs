//! Ordering stress test over stdio: two thousand incremental `didChange`s
//! interleaved with requests whose answers depend on the text (diagnostics
//! pulls, document symbols, hovers, completions), all sent without waiting,
//! some of them cancelled right after they are sent. Every answer must
//! match the text as of its request: the server applies edits before
//! answering anything that came after them, whatever its handler
//! concurrency; a cancelled request is answered either in full (it was
//! done already) or with `RequestCancelled`, and never holds up the rest.

mod support;

use std::sync::Arc;

use serde_json::{Value, json};
use studylog::journal::Journal as LoadedJournal;
use studylog::text::{ColumnUnit, LineIndex};
use support::stdio::StdioServer;
use support::*;

/// Edits in the stress run: enough to interleave with the server's four
/// concurrent handler slots many times over.
const ROUNDS: usize = 2000;

/// Past this many bytes the stress run's edits delete.
const MAX_TEXT: usize = 400;

/// One request in this many is cancelled as soon as it is sent.
const CANCEL_EVERY: usize = 7;

/// JSON-RPC's code for a request the client cancelled.
const REQUEST_CANCELLED: i64 = -32800;

/// A tiny deterministic generator, so a failure replays exactly.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SNIPPETS: &[&str] = &[
    "x",
    "😀",
    "中文",
    "\n",
    "\r\n",
    "#load-balancing ",
    "## 2026-11-2",
    "\n## 2026-11-20\ntime:: 30m\n",
    "topic:: #static-analysis\n",
    "é",
];

fn char_boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        // No position lies between the CR and LF of a CRLF.
        .filter(|&i| {
            !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes().get(i) == Some(&b'\n'))
        })
        .collect()
}

fn position(text: &str, offset: usize) -> Value {
    let index = LineIndex::new(text);
    let at = index.position(text, offset, ColumnUnit::Utf16);
    json!({ "line": at.line, "character": at.col })
}

/// What the server must answer to a diagnostics pull for `text`: each
/// diagnostic's code and start, computed with the core directly.
fn expected_diagnostics(ws: &LoadedJournal, path: &str) -> Vec<(String, Value)> {
    let today = TODAY.parse().expect("date");
    let file = ws.file(path).expect("file").clone();
    let mut out: Vec<(String, Value)> = ws
        .diagnostics(today)
        .into_iter()
        .filter(|d| d.path == path)
        .map(|d| {
            let at = file
                .line_index
                .position(&file.text, d.span.start(), ColumnUnit::Utf16);
            (
                d.code.as_str().to_string(),
                json!({ "line": at.line, "character": at.col }),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.to_string().cmp(&b.1.to_string())));
    out
}

fn answered_diagnostics(response: &Value) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = response["result"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["range"]["start"].clone(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.to_string().cmp(&b.1.to_string())));
    out
}

/// An answer worth comparing: `Value`s stripped to what depends on the text.
enum Expect {
    Diagnostics(Vec<(String, Value)>),
    /// Document symbols: (name, selection start), depth first.
    Symbols(Vec<(String, Value)>),
    /// Hover markdown at a position (or nothing).
    Hover(Option<String>),
    /// Completion labels at a position, in the server's order.
    Completion(Vec<String>),
}

fn expected_symbols(ws: &LoadedJournal, path: &str) -> Vec<(String, Value)> {
    fn walk(
        out: &mut Vec<(String, Value)>,
        text: &str,
        symbols: &[studylog::features::symbols::DocumentSymbol],
    ) {
        for s in symbols {
            let name = if s.name.trim().is_empty() {
                "(untitled)".to_string()
            } else {
                s.name.clone()
            };
            out.push((name, position(text, s.selection_span.start())));
            walk(out, text, &s.children);
        }
    }
    let file = ws.file(path).expect("file");
    let mut out = Vec::new();
    walk(
        &mut out,
        &file.text,
        &studylog::features::symbols::document_symbols(ws, path),
    );
    out
}

fn answered_symbols(response: &Value) -> Vec<(String, Value)> {
    fn walk(out: &mut Vec<(String, Value)>, symbols: &Value) {
        for s in symbols.as_array().into_iter().flatten() {
            out.push((
                s["name"].as_str().unwrap_or("").to_string(),
                s["selectionRange"]["start"].clone(),
            ));
            walk(out, &s["children"]);
        }
    }
    let mut out = Vec::new();
    walk(&mut out, &response["result"]);
    out
}

fn with_text(base: &LoadedJournal, path: &str, text: &str) -> LoadedJournal {
    let mut ws = base.clone();
    ws.set_file(path, Arc::from(text));
    ws
}

#[test]
fn every_answer_matches_the_text_as_of_its_request() {
    let initial = "# Log\n\n## 2026-11-20\ntopic:: #automated-testing\ntime:: 30m\n";
    let journal = Journal::new(&[("log.md", initial)]);
    let (base, _) = studylog::scan::load_workspace(journal.root()).expect("loads");
    let mut server = StdioServer::spawn();
    // A UTF-16 client, so that every position is converted.
    server.initialize(
        journal.root(),
        json!({ "general": { "positionEncodings": ["utf-16"] } }),
    );
    let uri = uri_of_path(&journal.path("log.md"));
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": initial,
        }}),
    );

    let mut rng = Lcg(0x5eed);
    let mut text = initial.to_string();
    let mut expectations: Vec<(i64, Expect)> = Vec::new();
    let mut cancelled_ids = std::collections::HashSet::new();
    for round in 0..ROUNDS {
        let bounds = char_boundaries(&text);
        let a = bounds[rng.below(bounds.len())];
        let b = bounds[rng.below(bounds.len())];
        // Deletions now and then, and always once the text has grown past
        // a screenful, so that two thousand rounds stay quick to check.
        let (start, end) = if rng.below(3) == 0 || text.len() > MAX_TEXT {
            (a.min(b), a.max(b).min(a.min(b) + 24))
        } else {
            (a, a)
        };
        // Keep the end on a boundary after clamping the deletion's length.
        let end = *bounds.iter().find(|&&x| x >= end).unwrap_or(&text.len());
        let insert = SNIPPETS[rng.below(SNIPPETS.len())];
        let change = json!({
            "range": { "start": position(&text, start), "end": position(&text, end) },
            "text": insert,
        });
        text.replace_range(start..end, insert);
        server.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": round + 2 },
                "contentChanges": [change],
            }),
        );
        let ws = with_text(&base, "log.md", &text);
        let today = TODAY.parse().expect("date");
        let bounds = char_boundaries(&text);
        let at = bounds[rng.below(bounds.len())];
        let params = json!({ "textDocument": { "uri": uri }, "position": position(&text, at) });
        let (method, params, expect) = match round % 4 {
            0 => (
                "textDocument/diagnostic",
                json!({ "textDocument": { "uri": uri } }),
                Expect::Diagnostics(expected_diagnostics(&ws, "log.md")),
            ),
            1 => (
                "textDocument/documentSymbol",
                json!({ "textDocument": { "uri": uri } }),
                Expect::Symbols(expected_symbols(&ws, "log.md")),
            ),
            2 => (
                "textDocument/hover",
                params,
                Expect::Hover(
                    studylog::features::hover::hover(&ws, "log.md", at, today).map(|h| h.markdown),
                ),
            ),
            _ => (
                "textDocument/completion",
                params,
                Expect::Completion(
                    studylog::features::completion::completions(&ws, "log.md", at, today)
                        .items
                        .into_iter()
                        .map(|c| c.label)
                        .collect(),
                ),
            ),
        };
        let id = server.send_request(method, params);
        if rng.below(CANCEL_EVERY) == 0 {
            server.notify("$/cancelRequest", json!({ "id": id }));
            cancelled_ids.insert(id);
        }
        expectations.push((id, expect));
    }

    let mut nonempty = 0;
    let mut cancelled = 0;
    for (id, expect) in expectations {
        let response = server.wait_response(id);
        if let Some(code) = response["error"]["code"].as_i64() {
            // Only a request the client cancelled may come back cancelled.
            assert!(cancelled_ids.contains(&id), "request {id}: {response}");
            assert_eq!(code, REQUEST_CANCELLED, "request {id}: {response}");
            cancelled += 1;
            continue;
        }
        match expect {
            Expect::Diagnostics(want) => {
                nonempty += usize::from(!want.is_empty());
                assert_eq!(answered_diagnostics(&response), want, "request {id}");
            }
            Expect::Symbols(want) => {
                nonempty += usize::from(!want.is_empty());
                assert_eq!(answered_symbols(&response), want, "request {id}");
            }
            Expect::Hover(want) => {
                nonempty += usize::from(want.is_some());
                let got = response["result"]["contents"]["value"]
                    .as_str()
                    .map(str::to_string);
                assert_eq!(got, want, "request {id}");
            }
            Expect::Completion(want) => {
                nonempty += usize::from(!want.is_empty());
                let got: Vec<String> = response["result"]["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|i| i["label"].as_str().unwrap_or("").to_string())
                    .collect();
                assert_eq!(got, want, "request {id}");
            }
        }
    }
    // The answers said something: most rounds have symbols, diagnostics,
    // completions or a hover to compare.
    assert!(nonempty > ROUNDS / 2, "only {nonempty} non-empty answers");
    assert!(!cancelled_ids.is_empty());
    eprintln!(
        "{} of {} cancelled requests came back cancelled",
        cancelled,
        cancelled_ids.len()
    );
    let status = server.shutdown_and_exit();
    assert!(status.success());
}
