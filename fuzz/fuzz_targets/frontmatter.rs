//! Any bytes as YAML frontmatter: the reader and the parse of a daily note hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| studylog::fuzzing::frontmatter(data));
