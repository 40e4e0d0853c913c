//! Any bytes as a journal file: the parse keeps its invariants and every check runs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| studylog::fuzzing::parse(data));
