//! Any text and random edits: the incremental re-parse equals a full parse.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| studylog::fuzzing::reparse(data));
