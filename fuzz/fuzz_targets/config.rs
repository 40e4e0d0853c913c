//! Any bytes as studylog.toml and as editor settings: parsed without a panic, problems inside the text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| studylog::fuzzing::config(data));
