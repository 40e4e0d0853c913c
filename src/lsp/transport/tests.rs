//! The framing layer's rules: malformed frames answered with the right
//! error and id, only good frames reaching the library, whole frames
//! written, the output queue bounded.

use super::*;

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn error_of(verdict: Verdict) -> Value {
    match verdict {
        Verdict::Answer(frame) => {
            let at = find(&frame, b"\r\n\r\n").expect("headers") + 4;
            serde_json::from_slice(&frame[at..]).expect("json")
        }
        other => panic!("expected an answer, got {other:?}"),
    }
}

#[test]
fn malformed_messages_are_answered_with_the_right_code_and_id() {
    let mut checker = Checker::default();
    let cases: [(&str, i64, Value); 8] = [
        ("{not json", PARSE_ERROR, Value::Null),
        ("", PARSE_ERROR, Value::Null),
        ("[1, 2]", INVALID_REQUEST, Value::Null),
        ("\"hello\"", INVALID_REQUEST, Value::Null),
        (
            r#"{"jsonrpc":"1.0","id":3,"method":"x"}"#,
            INVALID_REQUEST,
            json!(3),
        ),
        (
            r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
            INVALID_REQUEST,
            Value::Null,
        ),
        (
            r#"{"jsonrpc":"2.0","id":"a","method":7}"#,
            INVALID_REQUEST,
            json!("a"),
        ),
        (
            r#"{"jsonrpc":"2.0","id":4,"method":"$/foo"}"#,
            METHOD_NOT_FOUND,
            json!(4),
        ),
    ];
    for (body, code, id) in cases {
        let error = error_of(checker.check(body.as_bytes()));
        assert_eq!(error["error"]["code"], json!(code), "{body}");
        assert_eq!(error["id"], id, "{body}");
    }
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert_eq!(
        error_of(checker.check(deep.as_bytes()))["error"]["code"],
        json!(PARSE_ERROR)
    );
}

#[test]
fn well_formed_messages_pass_and_requests_after_shutdown_are_refused() {
    let mut checker = Checker::default();
    for body in [
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
        r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#,
        r#"{"jsonrpc":"2.0","id":"s","result":null}"#,
        r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","method":"exit"}"#,
    ] {
        assert_eq!(checker.check(body.as_bytes()), Verdict::Pass, "{body}");
    }
    let error =
        error_of(checker.check(br#"{"jsonrpc":"2.0","id":3,"method":"textDocument/hover"}"#));
    assert_eq!(error["error"]["code"], json!(INVALID_REQUEST));
    assert_eq!(error["id"], json!(3));
    assert_eq!(
        checker.check(br#"{"jsonrpc":"2.0","id":9,"error":{"code":"x"}}"#),
        Verdict::Drop
    );
}

#[test]
fn framing_reads_headers_in_any_case_and_resynchronises_on_garbage() {
    let body = r#"{"jsonrpc":"2.0","method":"exit"}"#;
    let good = frame(body);
    assert_eq!(
        next_frame(&good),
        Framing::Frame {
            header_len: good.len() - body.len(),
            length: body.len()
        }
    );
    assert_eq!(next_frame(&good[..good.len() - 1]), Framing::Incomplete);
    let typed = format!(
        "content-length: {}\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n{body}",
        body.len()
    );
    assert!(matches!(
        next_frame(typed.as_bytes()),
        Framing::Frame { .. }
    ));

    let mut junk = b"Content-Length: abc\r\n\r\n{}".to_vec();
    junk.extend_from_slice(&good);
    let Framing::Garbage {
        skip,
        resynced: true,
        ..
    } = next_frame(&junk)
    else {
        panic!("garbage expected");
    };
    assert!(matches!(next_frame(&junk[skip..]), Framing::Frame { .. }));

    let mut missing = b"Content-Type: text/plain\r\n\r\nhello".to_vec();
    missing.extend_from_slice(&good);
    let Framing::Garbage { skip, reason, .. } = next_frame(&missing) else {
        panic!("garbage expected");
    };
    assert_eq!(reason, "a frame without Content-Length");
    assert_eq!(&missing[skip..], &good[..]);

    assert!(matches!(
        next_frame(b"Content-Length: 999999999999\r\n\r\n"),
        Framing::TooLarge { .. }
    ));
}

#[tokio::test]
async fn the_library_sees_only_good_frames_and_errors_are_written_whole() {
    let mut input = Vec::new();
    input.extend_from_slice(b"Content-Length: 0\r\n\r\n");
    input.extend_from_slice(&frame(r#"{"jsonrpc":"2.0","id":1,"method":"a"}"#));
    input.extend_from_slice(b"garbage\r\n\r\n");
    input.extend_from_slice(&frame(r#"{"jsonrpc":"2.0","id":2,"method":"b"}"#));
    let mut output: Vec<u8> = Vec::new();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen_by_library = seen.clone();
    serve_framed(&input[..], &mut output, |mut from, mut to| async move {
        // An echo "library": answers each request with its method.
        let mut buffer = Vec::new();
        let mut chunk = [0u8; 1024];
        loop {
            while let Some(frame) = split_library_frame(&mut buffer) {
                let at = find(&frame, b"\r\n\r\n").expect("headers") + 4;
                let message: Value = serde_json::from_slice(&frame[at..]).expect("json");
                seen_by_library
                    .lock()
                    .expect("lock")
                    .push(message["method"].clone());
                let reply = json!({"jsonrpc":"2.0","id":message["id"],"result":message["method"]});
                let body = reply.to_string();
                to.write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes())
                    .await
                    .expect("write");
            }
            match from.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
    })
    .await;
    assert_eq!(*seen.lock().expect("lock"), [json!("a"), json!("b")]);
    let mut replies = Vec::new();
    let mut rest = output;
    while let Some(frame) = split_library_frame(&mut rest) {
        let at = find(&frame, b"\r\n\r\n").expect("headers") + 4;
        replies.push(serde_json::from_slice::<Value>(&frame[at..]).expect("json"));
    }
    assert!(rest.is_empty());
    let errors = replies.iter().filter(|r| r.get("error").is_some()).count();
    let results: Vec<&Value> = replies.iter().filter_map(|r| r.get("result")).collect();
    assert_eq!(errors, 2, "{replies:?}");
    assert_eq!(results, [&json!("a"), &json!("b")]);
}

/// An editor that stops reading holds the server up: the frames queued
/// for it stop at a bound instead of growing with everything the
/// library has to say.
#[tokio::test]
async fn output_waiting_for_the_editor_is_bounded() {
    // The editor's end of the output pipe: never read.
    let (output, _editor_reads_nothing) = tokio::io::duplex(1024);
    let written = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = written.clone();
    let (_editor_input, input) = tokio::io::duplex(1024);
    let served = serve_framed(input, output, |_from, mut to| async move {
        let body =
            r#"{"jsonrpc":"2.0","method":"window/logMessage","params":{"type":3,"message":"x"}}"#;
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        for _ in 0..100_000 {
            if to.write_all(frame.as_bytes()).await.is_err() {
                return;
            }
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    let finished = tokio::time::timeout(std::time::Duration::from_millis(300), served).await;
    assert!(finished.is_err(), "all 100,000 frames were taken in");
    let taken = written.load(std::sync::atomic::Ordering::SeqCst);
    // The bounded queue, one frame in the relay's hands, and what the
    // two in-memory pipes hold.
    let bound = OUTPUT_FRAMES + 1 + (PIPE_BYTES + 1024) / 80 + 2;
    assert!(taken <= bound, "{taken} frames taken in, bound {bound}");
}

/// A frame taken off the library's output holds its own bytes only, not the
/// buffer's capacity: up to [`OUTPUT_FRAMES`] of them wait for the writer.
#[test]
fn a_split_frame_does_not_keep_the_buffers_capacity() {
    let body = br#"{"jsonrpc":"2.0","method":"x"}"#;
    let mut buffer: Vec<u8> = Vec::with_capacity(PIPE_BYTES);
    for _ in 0..3 {
        buffer.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        buffer.extend_from_slice(body);
    }
    let mut frames = Vec::new();
    while let Some(frame) = split_library_frame(&mut buffer) {
        frames.push(frame);
    }
    assert_eq!(frames.len(), 3);
    for frame in &frames {
        assert!(frame.ends_with(body));
        assert!(
            frame.capacity() < 1024,
            "a {}-byte frame holds {} bytes",
            frame.len(),
            frame.capacity()
        );
    }
    assert!(buffer.is_empty());
}
