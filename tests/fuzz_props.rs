//! The fuzz targets as bounded property tests, for stable toolchains: each
//! target (`studylog::fuzzing`, `studylog::lsp::fuzzing`, the same bodies
//! `cargo fuzz` runs from `fuzz/`) gets its committed seeds
//! (`fuzz/seeds/<target>/`) and then random bytes, plus the seeds with
//! random bytes spliced in. `STUDYLOG_FUZZ_CASES` sets how many random
//! inputs each target gets (`.ci/run` raises it when nightly is missing).

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Random inputs per target when `STUDYLOG_FUZZ_CASES` is not set; the
/// server's target costs a runtime and a session per input, so it gets a
/// tenth.
const DEFAULT_CASES: u32 = 200;

fn cases(divisor: u32) -> u32 {
    let cases = std::env::var("STUDYLOG_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(DEFAULT_CASES);
    (cases / divisor).max(1)
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| std::fs::read(entry.expect("seed").path()).expect("seed bytes"))
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds in {}", folder.display());
    seeds
}

/// Runs `target` on every seed, then on `cases` random inputs: raw bytes,
/// and seeds with a random stretch replaced by random bytes.
fn run(target: &str, divisor: u32, body: fn(&[u8])) {
    let seeds = seeds(target);
    for seed in &seeds {
        body(seed);
    }
    let mut runner = TestRunner::new(Config {
        cases: cases(divisor),
        failure_persistence: None,
        ..Config::default()
    });
    let raw = prop::collection::vec(any::<u8>(), 0..2048).boxed();
    let spliced = (
        prop::sample::select(seeds),
        any::<prop::sample::Index>(),
        prop::collection::vec(any::<u8>(), 0..64),
    )
        .prop_map(|(mut seed, at, bytes)| {
            let at = at.index(seed.len() + 1);
            let end = (at + bytes.len() / 2).min(seed.len());
            seed.splice(at..end, bytes);
            seed
        })
        .boxed();
    let result = runner.run(&prop_oneof![raw, spliced], |data| {
        body(&data);
        Ok(())
    });
    if let Err(e) = result {
        panic!("fuzz target {target}: {e}");
    }
}

#[test]
fn parse_target() {
    run("parse", 1, studylog::fuzzing::parse);
}

#[test]
fn reparse_target() {
    run("reparse", 1, studylog::fuzzing::reparse);
}

#[test]
fn config_target() {
    run("config", 1, studylog::fuzzing::config);
}

#[test]
fn frontmatter_target() {
    run("frontmatter", 1, studylog::fuzzing::frontmatter);
}

#[test]
fn server_target() {
    run("server", 10, studylog::lsp::fuzzing::session);
}
