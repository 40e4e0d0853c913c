//! The command line (`studylog check`, `studylog stats`, `studylog explain`,
//! `studylog lsp`): argument parsing, "today", and the exit statuses. The work itself is the core's; this
//! module only loads, calls and prints.

mod check;
mod render;
mod stats;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

/// The environment variable that pins "today" (tests, reproducible reports).
pub const TODAY_ENV: &str = "STUDYLOG_TODAY";

/// Exit status when the command itself failed (bad arguments, no such path,
/// unreadable config): distinct from 1, which means "the journal has findings".
const EXIT_FAILURE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "studylog",
    version,
    about = "Keeps a markdown learning journal honest",
    long_about = "Keeps a markdown learning journal honest: checks dated practice entries \
                  (missed days, missing time or topic, unknown topics, broken links, ...), \
                  summarises what was practised, and serves editors as a language server.",
    after_help = "Run `studylog <COMMAND> --help` for the options of one command."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Report every diagnostic of the journal at PATH.
    #[command(
        long_about = "Report every diagnostic of the journal at PATH: one line per finding, \
                      sorted by file then line, paths relative to PATH.",
        after_help = "Exit status: 0 when nothing is an error, 1 when something is (or a \
                      warning, under --deny warnings), 2 when the command itself failed."
    )]
    Check(CheckArgs),
    /// Summarise what was practised: entries, days, time, streaks, topics.
    #[command(
        long_about = "Summarise what was practised in the journal at PATH: entries, practice \
                      days, total time, current and longest streak (per the journal's cadence), \
                      and per topic: sessions, time, first and last date. Entries dated after \
                      today are not counted.",
        after_help = "Exit status: 0, or 2 when the command itself failed."
    )]
    Stats(StatsArgs),
    /// Run the language server on stdin/stdout (for editors).
    #[command(
        long_about = "Run the language server on stdin/stdout. Editors start this; nothing \
                      but protocol is written to stdout, logs go to stderr."
    )]
    Lsp(LspArgs),
    /// Explain a check: what it finds, why, an example, the fix, how to configure it.
    #[command(
        long_about = "Print the explanation of the check with this code (the section of \
                      docs/checks.md built into this binary): what it finds, why it matters, \
                      an example, the fix and how to configure it.",
        after_help = "Exit status: 0, or 2 for a code that is not a check."
    )]
    Explain(ExplainArgs),
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// The check's code, as shown in brackets by `studylog check` (e.g. missed-days).
    #[arg(value_name = "CODE")]
    code: String,
}

#[derive(Debug, Args)]
struct CommonArgs {
    /// The journal folder, or one markdown file (checked as a journal of its own).
    #[arg(value_name = "PATH", default_value = ".")]
    path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The date to treat as today, YYYY-MM-DD (default: $STUDYLOG_TODAY, else the local date).
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Make warnings fail the check too (exit status 1).
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
    /// Report only these checks (comma-separated codes, e.g. `broken-link,missing-field`).
    #[arg(long, value_name = "CODE,...", value_delimiter = ',')]
    select: Vec<String>,
    /// Leave these checks out (comma-separated codes); applied after --select.
    #[arg(long, value_name = "CODE,...", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Also say on stderr which note tool's settings were read (Obsidian, Logseq, ...).
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Debug, Args)]
struct StatsArgs {
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Args)]
struct LspArgs {
    /// Talk over stdin/stdout (the only transport; accepted for editors that pass it).
    #[arg(long)]
    stdio: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Lines for people (`path:line:col: severity[code]: message`).
    Text,
    /// One JSON document for programs.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings count like errors for the exit status.
    Warnings,
}

/// Runs the command line and returns the process exit status.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            use clap::error::ErrorKind;
            // Help and version go to stdout as clap writes them.
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = err.print();
                return ExitCode::from(clamp_status(err.exit_code()));
            }
            // A usage error is one line, as every failure of the command is.
            report_failure(&usage_error_line(&err.render().to_string()));
            return ExitCode::from(EXIT_FAILURE);
        }
    };
    match cli.command {
        Command::Check(args) => {
            let Some(today) = today_or_fail(args.common.today.as_deref()) else {
                return ExitCode::from(EXIT_FAILURE);
            };
            let filter = match check::CodeFilter::new(&args.select, &args.ignore) {
                Ok(filter) => filter,
                Err(reason) => {
                    report_failure(&reason);
                    return ExitCode::from(EXIT_FAILURE);
                }
            };
            check::run(
                &args.common.path,
                args.common.format,
                today,
                args.deny == Some(Deny::Warnings),
                &filter,
                args.verbose,
            )
        }
        Command::Stats(args) => {
            let Some(today) = today_or_fail(args.common.today.as_deref()) else {
                return ExitCode::from(EXIT_FAILURE);
            };
            stats::run(&args.common.path, args.common.format, today)
        }
        Command::Lsp(_) => crate::lsp::run_stdio(),
        Command::Explain(args) => explain(&args.code),
    }
}

/// Prints the explanation of `code`, or a one-line error listing the codes.
fn explain(code: &str) -> ExitCode {
    match crate::explain::explain(code.trim()) {
        Some(text) => match write_stdout(&format!("{text}\n")) {
            Ok(()) => ExitCode::SUCCESS,
            Err(()) => ExitCode::from(EXIT_FAILURE),
        },
        None => {
            report_failure(&format!(
                "unknown check code `{}`; the codes are {}",
                code.escape_debug(),
                crate::explain::codes().join(", ")
            ));
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// clap's multi-line usage error as one line: its first line without the
/// `error: ` prefix, and where to read more.
fn usage_error_line(rendered: &str) -> String {
    let first = rendered
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("invalid arguments");
    let first = first.strip_prefix("error:").unwrap_or(first).trim();
    format!("{first} (see `studylog --help`)")
}

fn clamp_status(code: i32) -> u8 {
    u8::try_from(code).unwrap_or(EXIT_FAILURE)
}

/// "Today" for this run, or `None` after reporting a bad value on stderr.
fn today_or_fail(flag: Option<&str>) -> Option<Date> {
    let env = std::env::var(TODAY_ENV).ok();
    match resolve_today(flag, env.as_deref()) {
        Ok(Some(date)) => Some(date),
        // Read the clock only here, at the edge; the core is handed the date.
        Ok(None) => Some(jiff::ZonedDateTime::now().date()),
        Err(reason) => {
            report_failure(&reason);
            None
        }
    }
}

/// Picks "today" from the `--today` flag, else `STUDYLOG_TODAY` (an empty value
/// counts as unset), else `None` (use the local date). A value that is not a
/// date is an error naming where it came from.
fn resolve_today(flag: Option<&str>, env: Option<&str>) -> Result<Option<Date>, String> {
    if let Some(value) = flag {
        return parse_date(value)
            .map(Some)
            .map_err(|why| format!("invalid --today `{value}`: {why}"));
    }
    match env.map(str::trim) {
        Some(value) if !value.is_empty() => parse_date(value)
            .map(Some)
            .map_err(|why| format!("invalid {TODAY_ENV} `{value}`: {why}")),
        _ => Ok(None),
    }
}

/// Parses a strict `YYYY-MM-DD` calendar date.
fn parse_date(value: &str) -> Result<Date, String> {
    crate::parse::dates::parse_strict_or_why(value.trim()).map_err(str::to_string)
}

/// Writes a one-line failure reason on stderr.
fn report_failure(reason: &str) {
    let _ = writeln!(std::io::stderr().lock(), "studylog: error: {reason}");
}

/// Writes a note (a skipped file, a summary) on stderr.
fn report_note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Writes the command's output to stdout. A closed pipe (`studylog check |
/// head`) is not a failure: the reader has what it wanted. Any other write
/// error is reported and is.
fn write_stdout(text: &str) -> Result<(), ()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            report_failure(&format!("cannot write output: {e}"));
            Err(())
        }
    }
}

/// A path for messages: relative to `root` when it lies below it, `/`-separated.
fn display_path(root: &Path, path: &Path) -> String {
    let shown = path.strip_prefix(root).unwrap_or(path);
    let text = shown.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// A loaded journal: the workspace, the folder paths are relative to, and,
/// for `studylog check FILE.md`, the one file whose entries count.
struct Loaded {
    ws: crate::journal::Journal,
    root: PathBuf,
    only: Option<String>,
}

impl Loaded {
    /// Whether a diagnostic on `path` is reported: in one-file mode, only
    /// the file's own and those of files that are not notes (the config).
    fn reports(&self, path: &str) -> bool {
        match &self.only {
            Some(only) => path == only || self.ws.file(path).is_none(),
            None => true,
        }
    }
}

/// Loads the journal at `path`, reporting skipped files on stderr; on
/// failure, reports the one-line reason and returns `None` (the caller exits
/// 2). A markdown file is a one-file journal: its folder is the root (for
/// config, vault detection and links), and the other notes there are link
/// targets only, their entries left out.
fn load(path: &Path) -> Option<Loaded> {
    let is_file = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    let (root, only) = if is_file {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string);
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        match name {
            Some(name) => (parent, Some(name)),
            None => {
                report_failure(&format!("not a journal file: {}", path.display()));
                return None;
            }
        }
    } else {
        (path.to_path_buf(), None)
    };
    let mut ws = match crate::scan::load_workspace(&root) {
        Ok((ws, skipped)) => {
            for file in skipped {
                if only.as_ref().is_some_and(|o| Path::new(o) != file.path) {
                    continue;
                }
                report_note(&format!(
                    "studylog: skipped {}: {}",
                    render::escape_for_terminal(&display_path(&root, &file.path)),
                    render::escape_for_terminal(&file.reason)
                ));
            }
            ws
        }
        Err(err) => {
            report_failure(&render::escape_for_terminal(&err.to_string()));
            return None;
        }
    };
    if let Some(only) = &only {
        if ws.file(only).is_none() {
            report_failure(&format!(
                "not a journal file: {} (a .md or .markdown file that the folder's settings do not leave out)",
                path.display()
            ));
            return None;
        }
        let others: Vec<std::sync::Arc<crate::syntax::JournalFile>> = ws
            .files()
            .filter(|f| f.path != *only && !f.entries.is_empty())
            .map(|f| {
                let mut note = (**f).clone();
                note.entries.clear();
                for tag in &mut note.tags {
                    tag.entry = None;
                }
                std::sync::Arc::new(note)
            })
            .collect();
        ws.insert_parsed_many(others);
    }
    Some(Loaded { ws, root, only })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn flag_wins_over_env() {
        assert_eq!(
            resolve_today(Some("2026-11-20"), Some("2026-01-01")),
            Ok(Some(date("2026-11-20")))
        );
    }

    #[test]
    fn env_applies_without_flag_and_empty_env_is_unset() {
        assert_eq!(
            resolve_today(None, Some("2026-01-01")),
            Ok(Some(date("2026-01-01")))
        );
        assert_eq!(resolve_today(None, Some("")), Ok(None));
        assert_eq!(resolve_today(None, None), Ok(None));
    }

    #[test]
    fn bad_dates_name_their_source() {
        assert_eq!(
            resolve_today(Some("2026-02-30"), None),
            Err("invalid --today `2026-02-30`: not a calendar date (expected YYYY-MM-DD)".into())
        );
        assert_eq!(
            resolve_today(None, Some("tomorrow")),
            Err("invalid STUDYLOG_TODAY `tomorrow`: expected a date as YYYY-MM-DD".into())
        );
        assert!(resolve_today(Some("2026-1-05"), None).is_err());
        assert!(resolve_today(Some("2026-01-05T10:00"), None).is_err());
    }

    #[test]
    fn a_usage_error_is_one_line() {
        let err = Cli::try_parse_from(["studylog", "check", "--frobnicate"]).unwrap_err();
        let line = usage_error_line(&err.render().to_string());
        assert_eq!(
            line,
            "unexpected argument '--frobnicate' found (see `studylog --help`)"
        );
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
