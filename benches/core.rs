//! Criterion benchmarks of the pure core: parsing, indexing, checks and the
//! editor features on generated journals (see `benches/support/generate.rs`).
//! Run with `cargo bench --bench core`; figures go to target/criterion.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use studylog::checks::check_files;
use studylog::features::completion::completions;
use studylog::features::hover::hover;
use studylog::impact::{LinkIndex, replace_file};
use studylog::journal::Journal;
use studylog::parse::{ParseOptions, parse_file, reparse};

#[path = "support/generate.rs"]
mod generate;

/// A workspace of `notes` generated notes, parsed.
fn workspace(notes: usize) -> Journal {
    let mut ws = Journal::default();
    for (path, text) in generate::generate(notes, 1) {
        if path.ends_with(".md") {
            ws.set_file(&path, Arc::from(text));
        }
    }
    ws
}

/// One ~1 MB file of about 5,000 dated entries, as a single-file journal.
fn big_single_file() -> String {
    let mut text = String::from("# Practice log\n\n");
    let mut day = date(2026, 11, 25);
    for i in 0..5000 {
        text.push_str(&format!(
            "## {day} – session {i}\n\ntopic:: #load-balancing\ntime:: 45m\n- practiced:: weighted round robin with {i} backends and a health check\n- learned:: slow start avoids a thundering herd after a deploy; #caching helps too\n\n"
        ));
        day = day.yesterday().unwrap_or(day);
    }
    text
}

fn bench_parse(c: &mut Criterion) {
    let files = generate::generate(200, 7);
    let (path, note) = files
        .iter()
        .find(|(p, _)| p.starts_with("journal/"))
        .cloned()
        .expect("the generator writes daily notes");
    let note: Arc<str> = Arc::from(note);
    c.bench_function("parse one daily note", |b| {
        b.iter(|| parse_file(black_box(&path), note.clone(), &ParseOptions::default()))
    });
    let big: Arc<str> = Arc::from(big_single_file());
    c.bench_function("parse a 1 MB single-file journal", |b| {
        b.iter(|| parse_file(black_box("log.md"), big.clone(), &ParseOptions::default()))
    });
    // A keystroke in the middle of the big file, re-parsed around the edit.
    let old = parse_file("log.md", big.clone(), &ParseOptions::default());
    let middle = big.len() / 2;
    let middle = (middle..big.len())
        .find(|&i| big.is_char_boundary(i))
        .unwrap_or(big.len());
    let typed: Arc<str> = Arc::from(format!("{}x{}", &big[..middle], &big[middle..]));
    c.bench_function(
        "re-parse a 1 MB single-file journal after a keystroke",
        |b| b.iter(|| reparse(black_box(&old), typed.clone(), &ParseOptions::default())),
    );
}

fn bench_workspace(c: &mut Criterion) {
    let files: Vec<(String, Arc<str>)> = generate::generate(1000, 1)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".md"))
        .map(|(p, t)| (p, Arc::from(t)))
        .collect();
    c.bench_function("index 1k notes", |b| {
        b.iter_batched(
            Journal::default,
            |mut ws| {
                for (p, t) in &files {
                    ws.set_file(p, t.clone());
                }
                ws
            },
            BatchSize::LargeInput,
        )
    });
    let ws = workspace(1000);
    let today = date(2026, 11, 26);
    c.bench_function("all checks, 1k notes", |b| {
        b.iter(|| ws.diagnostics(black_box(today)))
    });
    let mut single = Journal::default();
    single.set_file("log.md", Arc::from(big_single_file()));
    c.bench_function("check a 1 MB single-file journal", |b| {
        b.iter(|| check_files(&single, black_box(&["log.md"]), today))
    });
}

/// The generator's latest daily note: where a user would be typing.
const LATEST_NOTE: &str = "journal/2026/2026-11-25.md";

/// A workspace of `notes` generated notes whose latest daily note ends in
/// `tail`, with the byte offset just past the end of the note's own text.
fn workspace_typing(notes: usize, tail: &str) -> (Journal, usize) {
    let mut ws = workspace(notes);
    let note = ws
        .file(LATEST_NOTE)
        .map(|f| f.text.to_string())
        .expect("the generator writes the latest daily note");
    let at = note.len();
    ws.set_file(LATEST_NOTE, Arc::from(format!("{note}{tail}")));
    (ws, at)
}

fn bench_features(c: &mut Criterion) {
    let today = date(2026, 11, 26);
    for (notes, label) in [(1000, "1k"), (10_000, "10k")] {
        // Typing a tag: `#lo` with the cursor after it.
        let (ws, at) = workspace_typing(notes, "\nPractised #lo");
        let cursor = at + "\nPractised #lo".len();
        let offered = completions(&ws, LATEST_NOTE, cursor, today);
        assert!(!offered.items.is_empty(), "the bench completes real topics");
        c.bench_function(&format!("completion at a #tag, {label} notes"), |b| {
            b.iter(|| completions(&ws, LATEST_NOTE, black_box(cursor), today))
        });
        // Hovering a popular topic's tag.
        let (ws, at) = workspace_typing(notes, "\n#load-balancing\n");
        let cursor = at + "\n#load".len();
        assert!(hover(&ws, LATEST_NOTE, cursor, today).is_some());
        c.bench_function(&format!("hover on a topic, {label} notes"), |b| {
            b.iter(|| hover(&ws, LATEST_NOTE, black_box(cursor), today))
        });
    }
}

/// Typing in a `[[...]]`: each keystroke changes the note's links, so the
/// reverse link index drops the note's old pairs and adds the new ones.
fn bench_link_index(c: &mut Criterion) {
    for (notes, label) in [(10_000, "10k"), (50_000, "50k")] {
        let ws = workspace(notes);
        let mut links = LinkIndex::build(&ws);
        let old = ws
            .file(LATEST_NOTE)
            .cloned()
            .expect("the generator writes the latest daily note");
        let typed = format!("{}\nSee [[load-balancing-notes]]\n", old.text);
        let new = parse_file(LATEST_NOTE, Arc::from(typed), ws.parse_options());
        c.bench_function(
            &format!("link index: a note's links change, {label} notes"),
            |b| {
                b.iter(|| {
                    links.replace(Some(&old), black_box(&new));
                    links.replace(Some(&new), black_box(&old));
                })
            },
        );
    }
}

/// A keystroke in a topic note of a 10k-note journal with 200 topic notes:
/// the whole edit pipeline (re-parse, probe, catalog, link index, scope).
fn bench_topic_note_edit(c: &mut Criterion) {
    let mut ws = workspace(10_000);
    for i in 0..200 {
        let text = format!("# Extra topic {i}\n\nPractice notes on extra topic {i}, kept short.\n");
        ws.set_file(&format!("topics/extra-topic-{i:03}.md"), Arc::from(text));
    }
    assert!(
        ws.topic_notes().count() >= 200,
        "the bench has 200 topic notes"
    );
    let mut links = LinkIndex::build(&ws);
    let path = "topics/load-balancing.md";
    let old: Arc<str> = ws
        .file(path)
        .map(|f| f.text.clone())
        .expect("the generator writes the load-balancing topic note");
    let typed: Arc<str> = Arc::from(format!("{old}x"));
    c.bench_function(
        "topic note edit: one keystroke, 200 topic notes, 10k notes",
        |b| {
            b.iter(|| {
                replace_file(&mut ws, &mut links, path, Some(black_box(typed.clone())));
                replace_file(&mut ws, &mut links, path, Some(black_box(old.clone())));
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_parse, bench_workspace, bench_features, bench_link_index, bench_topic_note_edit
}
criterion_main!(benches);
