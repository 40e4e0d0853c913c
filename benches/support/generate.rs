//! The benchmark journal generator shared by `examples/gen-journal.rs` and the
//! criterion benches: a deterministic, realistic notes vault holding a
//! learning journal (daily notes with frontmatter, monthly multi-entry logs,
//! topic notes, and ordinary notes with tags, wiki links, code fences and
//! non-ASCII text; tag popularity skewed as in real vaults).

#![allow(dead_code)] // each includer uses a part

use std::fmt::Write as _;

/// Topics the generated journal practises; the first ones are the most popular.
pub const TOPICS: &[&str] = &[
    "load-balancing",
    "static-analysis",
    "build-optimization",
    "container-orchestration",
    "code-splitting",
    "automated-testing",
    "caching",
    "database-indexing",
    "observability",
    "distributed-tracing",
    "rate-limiting",
    "message-queues",
    "api-design",
    "concurrency",
    "ci-cd",
    "infrastructure-as-code",
    "consensus",
    "sharding",
    "replication",
    "profiling",
    "memory-management",
    "type-systems",
    "compilers",
    "networking",
    "security",
    "chaos-engineering",
    "event-sourcing",
    "graphql",
    "webassembly",
    "property-testing",
];

/// Words for prose; a few are non-ASCII on purpose (columns, UTF-16 ranges).
const WORDS: &[&str] = &[
    "the",
    "a",
    "queue",
    "latency",
    "p99",
    "worker",
    "retry",
    "backoff",
    "cache",
    "miss",
    "budget",
    "deploy",
    "rollout",
    "canary",
    "index",
    "scan",
    "plan",
    "lock",
    "shard",
    "leader",
    "follower",
    "quorum",
    "trace",
    "span",
    "metric",
    "alert",
    "naïve",
    "café",
    "résumé",
    "über",
    "東京",
    "データ",
    "🚀",
    "✅",
    "test",
    "bench",
    "flaky",
    "mock",
    "fixture",
    "module",
    "bundle",
    "chunk",
    "lazy",
    "import",
    "graph",
    "edge",
    "node",
    "pod",
    "service",
    "ingress",
];

/// A small deterministic PRNG (xorshift64*): benchmarks must not depend on a crate's RNG stream.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    /// Zipf-like pick: index i has weight 1/(i+1).
    fn skewed(&mut self, n: usize) -> usize {
        let total: f64 = (1..=n).map(|i| 1.0 / i as f64).sum();
        let mut target = (self.next() % 1_000_000) as f64 / 1_000_000.0 * total;
        for i in 0..n {
            target -= 1.0 / (i + 1) as f64;
            if target <= 0.0 {
                return i;
            }
        }
        n - 1
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    s
}

fn duration(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("{}m", 15 + 5 * rng.below(10)),
        1 => format!("{}h", 1 + rng.below(2)),
        2 => format!("1h {}m", 5 * rng.below(12)),
        3 => format!("{} min", 20 + 5 * rng.below(8)),
        _ => format!("0:{:02}", 15 + rng.below(45)),
    }
}

/// A body of practice prose: fields, a paragraph, sometimes code and links.
/// `note_count` is how many ordinary notes exist, so that links resolve.
fn practice_body(rng: &mut Rng, out: &mut String, inline_fields: bool, note_count: usize) {
    let topic = TOPICS[rng.skewed(TOPICS.len())];
    if inline_fields {
        let _ = writeln!(out, "topic:: #{topic}");
        let _ = writeln!(out, "time:: {}", duration(rng));
    }
    let _ = writeln!(out, "- practiced:: {}", sentence(rng, 8));
    let _ = writeln!(out, "- learned:: {}", sentence(rng, 10));
    if rng.chance(60) {
        let _ = writeln!(out, "- confidence:: {}/5", 1 + rng.below(5));
    }
    out.push('\n');
    for _ in 0..1 + rng.below(3) {
        let _ = write!(out, "{} ", sentence(rng, 20));
        if rng.chance(50) {
            let _ = write!(out, "#{} ", TOPICS[rng.skewed(TOPICS.len())]);
        }
        if rng.chance(30) {
            let _ = write!(out, "See [[note-{}]]. ", rng.below(note_count.max(1)));
        }
        out.push_str(&sentence(rng, 12));
        out.push_str(".\n\n");
    }
    if rng.chance(30) {
        out.push_str("```rust\n// #not-a-tag inside code\nfn main() { let x = 1; }\n```\n\n");
    }
}

/// Like [`generate`], plus a finding in every note: a wiki link to a note
/// that does not exist (`broken-link`), at the end of its text. The worst
/// case for the server's first diagnostics pass: every file is published.
pub fn generate_with_findings(notes: usize, seed: u64) -> Vec<(String, String)> {
    let mut files = generate(notes, seed);
    for (n, (path, text)) in files.iter_mut().enumerate() {
        if path.ends_with(".md") {
            let _ = writeln!(text, "\nStill to write up: [[unwritten-{n}]].");
        }
    }
    files
}

/// Generates a workspace of `notes` files as (workspace-relative path, text)
/// pairs, deterministic for a given `seed`.
pub fn generate(notes: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let mut files: Vec<(String, String)> = Vec::with_capacity(notes + 1);
    let mut emit = |path: String, text: String| files.push((path, text));

    // Shares of the vault: 40% daily notes, 2% monthly logs, the rest other notes.
    let daily = notes * 40 / 100;
    let monthly = (notes * 2 / 100).max(1);
    let topic_notes = TOPICS.len().min(notes / 20);
    let other = notes.saturating_sub(daily + monthly + topic_notes + 1);

    emit(
        "studylog.toml".to_string(),
        "[journal]\ncadence = \"daily\"\n\n[topics]\naliases = { \"lb\" = \"load-balancing\" }\n"
            .to_string(),
    );

    // Daily notes run back from 2026-11-25, one a day, with an occasional gap.
    let last = jiff::civil::date(2026, 11, 25);
    let mut day = last;
    for _ in 0..daily {
        if rng.chance(3) {
            day = day.yesterday().unwrap_or(day);
        }
        let mut text = String::new();
        let frontmatter = rng.chance(50);
        if frontmatter {
            let _ = writeln!(
                text,
                "---\ndate: {day}\ntopics: [{}, {}]\ntime: {}\n---",
                TOPICS[rng.skewed(TOPICS.len())],
                TOPICS[rng.skewed(TOPICS.len())],
                duration(&mut rng)
            );
        }
        let _ = writeln!(text, "# {}\n", sentence(&mut rng, 4));
        practice_body(&mut rng, &mut text, !frontmatter, other);
        let path = format!("journal/{:04}/{day}.md", day.year());
        emit(path, text);
        day = day.yesterday().unwrap_or(day);
    }

    // Monthly logs: several dated-heading entries each, in a separate range of dates.
    let mut log_day = jiff::civil::date(2026, 11, 1);
    for m in 0..monthly {
        let mut text = format!("# Practice log {m}\n\n");
        for _ in 0..(10 + rng.below(20)) {
            let _ = writeln!(text, "## {log_day} – {}\n", sentence(&mut rng, 3));
            practice_body(&mut rng, &mut text, true, other);
            log_day = log_day.yesterday().unwrap_or(day);
        }
        emit(format!("log/log-{m:04}.md"), text);
    }

    for topic in TOPICS.iter().take(topic_notes) {
        let text = format!(
            "# {topic}\n\nNotes and resources on {}.\n\n{}\n",
            topic.replace('-', " "),
            sentence(&mut rng, 30)
        );
        emit(format!("topics/{topic}.md"), text);
    }

    for n in 0..other {
        let mut text = String::new();
        let _ = writeln!(text, "# Note {n}: {}\n", sentence(&mut rng, 4));
        for _ in 0..(3 + rng.below(8)) {
            let _ = writeln!(text, "## {}\n", sentence(&mut rng, 3));
            let _ = writeln!(
                text,
                "{} #{} [[note-{}]] {}\n",
                sentence(&mut rng, 25),
                TOPICS[rng.skewed(TOPICS.len())],
                rng.below(other.max(1)),
                sentence(&mut rng, 15)
            );
        }
        emit(format!("notes/{:03}/note-{n}.md", n / 500), text);
    }
    files
}
