//! Generates a deterministic, realistic journal workspace for benchmarks:
//! `cargo run --release --example gen-journal -- --notes 10000 --seed 1 OUT`.
//!
//! The workspace looks like a notes vault that holds a learning journal:
//! daily notes with frontmatter, monthly multi-entry logs, topic notes, and
//! plenty of ordinary notes (the vault around the journal) with tags, wiki
//! links, code fences and non-ASCII text. Tag popularity is skewed (Zipf-like),
//! as in real vaults. The same `--notes` and `--seed` always give the same bytes.
//! `--findings` adds a finding (a broken wiki link) to every note: the worst
//! case for the server's first diagnostics pass.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

struct Args {
    notes: usize,
    seed: u64,
    findings: bool,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut notes = 1000;
    let mut seed = 1;
    let mut out = None;
    let mut findings = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--notes" => {
                notes = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--notes takes a number")?
            }
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--seed takes a number")?
            }
            "--findings" => findings = true,
            "-h" | "--help" => {
                return Err(
                    "usage: gen-journal [--notes N] [--seed S] [--findings] OUT".to_string()
                );
            }
            other if out.is_none() => out = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    let out = out.ok_or("usage: gen-journal [--notes N] [--seed S] [--findings] OUT")?;
    Ok(Args {
        notes,
        seed,
        findings,
        out,
    })
}

#[path = "../benches/support/generate.rs"]
mod generate;

fn main() -> ExitCode {
    match parse_args().and_then(|args| write_workspace(&args)) {
        Ok(summary) => {
            eprintln!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-journal: {e}");
            ExitCode::from(2)
        }
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_workspace(args: &Args) -> Result<String, String> {
    let files = if args.findings {
        generate::generate_with_findings(args.notes, args.seed)
    } else {
        generate::generate(args.notes, args.seed)
    };
    let mut bytes = 0;
    for (rel, text) in &files {
        bytes += text.len();
        write(&args.out.join(rel), text)?;
    }
    Ok(format!(
        "wrote {} files, {:.1} MB, to {}",
        files.len(),
        bytes as f64 / 1e6,
        args.out.display()
    ))
}
