//! Reading a journal folder from disk (the I/O edge): config, then every
//! journal file, walked with ripgrep's `ignore` crate and parsed in parallel.
//! Whatever cannot be read is skipped with a one-line reason, never fatal:
//! only a missing root or an unreadable config stops a load.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::{CONFIG_FILE, Config, JournalFilter, resolve_config_over};
use crate::diagnostic::{Code, Diagnostic};
use crate::parse::{ParseOptions, parse_file};
use crate::syntax::JournalFile;
use crate::text::Span;
use crate::workspace::Workspace;

/// A file that was skipped, with a one-line reason for stderr or the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedFile {
    pub path: PathBuf,
    pub reason: String,
}

/// Why a journal could not be loaded at all (the CLI exits 2).
#[derive(Debug)]
pub enum LoadError {
    NotFound(PathBuf),
    NotADirectory(PathBuf),
    UnreadableConfig(PathBuf, std::io::Error),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotFound(p) => write!(f, "no such folder: {}", p.display()),
            LoadError::NotADirectory(p) => write!(f, "not a folder: {}", p.display()),
            LoadError::UnreadableConfig(p, e) => write!(f, "cannot read {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for LoadError {}

/// Files larger than this are skipped: no journal note is that big.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reading and parsing run on at least two threads (the walk itself is
/// cheap); more than eight gains nothing on journal-sized folders.
const MAX_SCAN_THREADS: usize = 8;

/// Loads the journal at `root`: its config and every journal file.
///
/// The result does not depend on thread timing: files are stored by path and
/// the skipped list is sorted by path.
pub fn load_workspace(root: &Path) -> Result<(Workspace, Vec<SkippedFile>), LoadError> {
    let meta = std::fs::metadata(root).map_err(|_| LoadError::NotFound(root.to_path_buf()))?;
    if !meta.is_dir() {
        return Err(LoadError::NotADirectory(root.to_path_buf()));
    }
    let detection = detect_vault(root);
    let (config, problems) = read_config(root, &detection)?;
    let filter = JournalFilter::new(&config);
    let (paths, mut skipped) = walk(root, &filter);
    let outcomes = read_and_parse(&paths, &ParseOptions::from_config(&config));
    let mut workspace = Workspace::new(config, problems);
    let mut parsed = Vec::with_capacity(outcomes.len());
    for ((rel, _), outcome) in paths.iter().zip(outcomes) {
        match outcome {
            Ok(file) => parsed.push(file),
            Err(reason) => skipped.push(SkippedFile {
                path: PathBuf::from(rel),
                reason,
            }),
        }
    }
    // The walk's path list is not needed any more: free it before the
    // workspace builds its facts, the moment memory use peaks.
    drop(paths);
    workspace.insert_parsed_many(parsed);
    skipped.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.reason.cmp(&b.reason)));
    skipped.dedup();
    Ok((workspace, skipped))
}

/// `studylog.toml` at the root over the vault tool's settings: absent means
/// the tool's settings (or the defaults); unreadable stops the load; not
/// UTF-8 is a `config-error` with defaults. The tool files' own problems come
/// first in the list.
fn read_config(root: &Path, detection: &Detection) -> Result<(Config, Vec<Diagnostic>), LoadError> {
    let (config, mut problems) = read_studylog_toml(root, detection)?;
    let mut all = detection.problems.clone();
    all.append(&mut problems);
    Ok((config, all))
}

fn read_studylog_toml(
    root: &Path,
    detection: &Detection,
) -> Result<(Config, Vec<Diagnostic>), LoadError> {
    let base = Config::for_vault(detection.vault.clone());
    let path = root.join(CONFIG_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                let (config, problems, _) = resolve_config_over(base, Some(&text), None);
                Ok((config, problems))
            }
            Err(err) => {
                let at = err.utf8_error().valid_up_to();
                let diagnostic = Diagnostic::new(
                    Code::ConfigError,
                    CONFIG_FILE,
                    Span::empty(0),
                    format!(
                        "{CONFIG_FILE} is not valid UTF-8 (bad byte at offset {at}); \
                         save it as UTF-8: every setting is at its default meanwhile"
                    ),
                );
                Ok((base, vec![diagnostic]))
            }
        },
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok((base, Vec::new())),
        Err(err) => Err(LoadError::UnreadableConfig(path, err)),
    }
}

/// Every journal file below `root` (workspace-relative path, full path),
/// sorted by relative path, and what the walk itself had to skip.
fn walk(root: &Path, filter: &JournalFilter) -> (Vec<(String, PathBuf)>, Vec<SkippedFile>) {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .standard_filters(true)
        .hidden(true)
        // Without this, `.gitignore` only applies inside a git repository.
        .require_git(false)
        .follow_links(true)
        .filter_entry(|entry| entry.file_name() != "node_modules");
    let mut paths = Vec::new();
    let mut skipped = Vec::new();
    for result in builder.build() {
        match result {
            Ok(entry) => {
                if entry.depth() == 0 {
                    continue;
                }
                let Some(file_type) = entry.file_type() else {
                    continue;
                };
                if file_type.is_dir() {
                    continue;
                }
                let lossy = relative(root, entry.path());
                if !filter.is_journal_path(&lossy.text) {
                    continue;
                }
                if !lossy.exact {
                    skipped.push(SkippedFile {
                        path: PathBuf::from(&lossy.text),
                        reason: "its name is not valid UTF-8".to_string(),
                    });
                } else if !file_type.is_file() {
                    skipped.push(SkippedFile {
                        path: PathBuf::from(&lossy.text),
                        reason: "not a regular file".to_string(),
                    });
                } else {
                    paths.push((lossy.text, entry.into_path()));
                }
            }
            Err(err) => {
                if let Some(skip) = walk_error(root, filter, &err) {
                    skipped.push(skip);
                }
            }
        }
    }
    paths.sort();
    paths.dedup_by(|a, b| a.0 == b.0);
    (paths, skipped)
}

/// A walk error as a skipped path, or `None` when it concerns nothing that
/// would have been part of the journal.
fn walk_error(root: &Path, filter: &JournalFilter, err: &ignore::Error) -> Option<SkippedFile> {
    let mut path: Option<&Path> = None;
    let mut current = err;
    loop {
        match current {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p);
                current = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = err;
            }
            ignore::Error::Loop { ancestor, child } => {
                let rel = relative(root, child).text;
                let target = relative(root, ancestor).text;
                let target = if target.is_empty() { "." } else { &target };
                return Some(SkippedFile {
                    path: PathBuf::from(rel),
                    reason: format!("symlink loop (it leads back to {target}); not followed"),
                });
            }
            ignore::Error::Io(io) => {
                let p = path?;
                let rel = relative(root, p).text;
                let is_dir = std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
                if !is_dir && !filter.is_journal_path(&rel) {
                    return None;
                }
                // The walker wraps the OS error and loses its code; asking
                // again gets the plain error (ELOOP, ENOENT, ...) back.
                let reason = match std::fs::metadata(p) {
                    Err(fresh) => io_reason(p, &fresh),
                    Ok(_) => io_reason(p, io),
                };
                return Some(SkippedFile {
                    path: PathBuf::from(rel),
                    reason,
                });
            }
            // Problems in `.gitignore` / `.ignore` files: the walk goes on
            // with what could be read of them.
            _ => return None,
        }
    }
}

struct Relative {
    /// Workspace-relative with `/` separators.
    text: String,
    /// False when a component was not valid UTF-8 (and was replaced).
    exact: bool,
}

fn relative(root: &Path, path: &Path) -> Relative {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut parts = Vec::new();
    let mut exact = true;
    for component in rel.components() {
        if let std::path::Component::Normal(part) = component {
            match part.to_str() {
                Some(s) => parts.push(s.to_string()),
                None => {
                    exact = false;
                    parts.push(part.to_string_lossy().into_owned());
                }
            }
        }
    }
    Relative {
        text: parts.join("/"),
        exact,
    }
}

/// Reads and parses every file on a few threads; outcomes in `paths` order.
/// A parser panic (a bug) skips that one file instead of ending the scan.
fn read_and_parse(
    paths: &[(String, PathBuf)],
    options: &ParseOptions,
) -> Vec<Result<Arc<JournalFile>, String>> {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, MAX_SCAN_THREADS)
        .min(paths.len().max(1));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some((rel, full)) = paths.get(i) else {
                break;
            };
            let outcome = read_journal_text(full).and_then(|text| {
                let text: Arc<str> = Arc::from(text);
                // Boxed in an `Arc` here, on the worker: the lists below then
                // move pointers, not whole summaries.
                std::panic::catch_unwind(|| Arc::new(parse_file(rel, text, options))).map_err(
                    |_| {
                        "the parser failed on this file (a studylog bug; please report it)"
                            .to_string()
                    },
                )
            });
            done.push((i, outcome));
        }
        done
    };
    let mut indexed: Vec<(usize, Result<Arc<JournalFile>, String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    indexed.sort_by_key(|(i, _)| *i);
    let mut outcomes: Vec<Result<Arc<JournalFile>, String>> = Vec::with_capacity(paths.len());
    let mut indexed = indexed.into_iter().peekable();
    for i in 0..paths.len() {
        match indexed.next_if(|(j, _)| *j == i) {
            Some((_, outcome)) => outcomes.push(outcome),
            None => outcomes.push(Err("could not be read (worker thread failed)".to_string())),
        }
    }
    outcomes
}

/// Reads one journal file as text, with the scanner's skip rules: not a
/// regular file, over [`MAX_FILE_BYTES`], binary (a NUL byte), not UTF-8,
/// unreadable, vanished. The error is a one-line reason.
pub fn read_journal_text(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(path, &e))?;
    if meta.is_dir() {
        return Err("is a folder, not a file".to_string());
    }
    if !meta.is_file() {
        return Err("not a regular file".to_string());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| io_reason(path, &e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Read one byte past the limit to notice a file that grew since `metadata`.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(path, &e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if bytes.contains(&0) {
        return Err("binary file (it contains NUL bytes)".to_string());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (bad byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

fn too_large(len: u64) -> String {
    let mib = len as f64 / (1024.0 * 1024.0);
    format!("larger than 8 MiB ({mib:.1} MiB); journal notes are never that big")
}

fn io_reason(path: &Path, err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(path).is_ok() {
                "broken symbolic link (its target does not exist)".to_string()
            } else {
                "vanished before it could be read (deleted or renamed meanwhile)".to_string()
            }
        }
        std::io::ErrorKind::PermissionDenied => "unreadable: permission denied".to_string(),
        _ if err.raw_os_error() == Some(LOOP_ERRNO) => {
            "symlink loop (the link leads back to itself)".to_string()
        }
        _ => format!("unreadable: {err}"),
    }
}

/// `ELOOP`, "too many levels of symbolic links" (`ErrorKind::FilesystemLoop`
/// is not stable yet). Elsewhere a loop gets the generic "unreadable" reason.
#[cfg(target_os = "linux")]
const LOOP_ERRNO: i32 = 40;
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
))]
const LOOP_ERRNO: i32 = 62;
#[cfg(not(any(
    target_os = "linux",
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
)))]
const LOOP_ERRNO: i32 = i32::MIN;

mod detect;
pub use detect::{Detection, detect_vault};

#[cfg(test)]
mod tests;
