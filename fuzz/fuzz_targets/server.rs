//! Arbitrary frames and edits against the real server in-process: no panic,
//! and every request (and a final one after the hostile input) is answered.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| studylog::lsp::fuzzing::session(data));
