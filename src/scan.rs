//! Reading a journal folder from disk (the I/O edge): config, then every
//! journal file, walked with ripgrep's `ignore` crate and parsed in parallel.
//! Whatever cannot be read is skipped with a one-line reason, never fatal:
//! only a missing root or an unreadable config stops a load.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::config::{CONFIG_FILE, Config, JournalFilter, resolve_config_over};
use crate::diagnostic::{Code, Diagnostic};
use crate::journal::Journal;
use crate::parse::{ParseOptions, parse_file};
use crate::syntax::JournalFile;
use crate::text::Span;

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
    /// The config is not a regular file, or too large: the reason.
    RefusedConfig(PathBuf, String),
    /// The root is (inside) a virtual file system such as `/proc`.
    VirtualFileSystem(PathBuf),
    /// More journal files than `[journal] max-files` allows.
    TooManyFiles(PathBuf, usize),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotFound(p) => write!(f, "no such folder: {}", p.display()),
            LoadError::NotADirectory(p) => write!(f, "not a folder: {}", p.display()),
            LoadError::UnreadableConfig(p, e) => write!(f, "cannot read {}: {e}", p.display()),
            LoadError::RefusedConfig(p, reason) => {
                write!(f, "cannot read {}: {reason}", p.display())
            }
            LoadError::VirtualFileSystem(p) => write!(
                f,
                "{} is in a virtual file system (/proc, /sys or /dev), not a journal",
                p.display()
            ),
            LoadError::TooManyFiles(p, max) => write!(
                f,
                "more than {max} journal files below {}: stopped reading; \
                 is this really the journal? (raise `[journal] max-files` in {CONFIG_FILE} if it is)",
                p.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Files larger than this are skipped: no journal note is that big.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A `studylog.toml` larger than this is refused: a config is a few hundred bytes.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Folders that hold no journal but views of the running system (endless or
/// changing files, devices): never walked, neither as a root nor below one.
const VIRTUAL_FILE_SYSTEMS: [&str; 3] = ["/proc", "/sys", "/dev"];

/// Reading and parsing run on at least two threads (the walk itself is
/// cheap); more than eight gains nothing on journal-sized folders.
const MAX_SCAN_THREADS: usize = 8;

/// Loads the journal at `root`: its config and every journal file.
///
/// The result does not depend on thread timing: files are stored by path and
/// the skipped list is sorted by path.
pub fn load_workspace(root: &Path) -> Result<(Journal, Vec<SkippedFile>), LoadError> {
    load_workspace_pausing(root, |_| {})
}

/// [`load_workspace`], calling `between` with the listed files (relative
/// and full paths) after the walk and before any is read: a test seam, so
/// that a test can delete or replace files exactly in the window where
/// another program could.
#[doc(hidden)]
pub fn load_workspace_pausing(
    root: &Path,
    between: impl FnOnce(&[(String, PathBuf)]),
) -> Result<(Journal, Vec<SkippedFile>), LoadError> {
    let meta = std::fs::metadata(root).map_err(|_| LoadError::NotFound(root.to_path_buf()))?;
    if !meta.is_dir() {
        return Err(LoadError::NotADirectory(root.to_path_buf()));
    }
    if std::fs::canonicalize(root).is_ok_and(|c| is_virtual(&c)) {
        return Err(LoadError::VirtualFileSystem(root.to_path_buf()));
    }
    let detection = detect_vault(root);
    let (config, problems) = read_config(root, &detection)?;
    let filter = JournalFilter::new(&config);
    let (paths, mut skipped) = walk(root, &filter, config.max_files)?;
    between(&paths);
    let outcomes = read_and_parse(&paths, &ParseOptions::from_config(&config));
    let mut workspace = Journal::new(config, problems);
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

/// A `studylog.toml` that is not a regular file (a FIFO, a device, a
/// folder) or too large stops the load like an unreadable one, without
/// reading a byte of it.
fn read_studylog_toml(
    root: &Path,
    detection: &Detection,
) -> Result<(Config, Vec<Diagnostic>), LoadError> {
    let base = Config::for_vault(detection.vault.clone());
    let path = root.join(CONFIG_FILE);
    match read_config_text(&path) {
        Ok(Some(text)) => {
            let (config, problems, _) = resolve_config_over(base, Some(&text), None);
            Ok((config, problems))
        }
        Ok(None) => Ok((base, Vec::new())),
        Err(ConfigRefusal::NotUtf8(at)) => {
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
        Err(ConfigRefusal::Refused(reason)) => Err(LoadError::RefusedConfig(path, reason)),
        Err(ConfigRefusal::Io(err)) => Err(LoadError::UnreadableConfig(path, err)),
    }
}

/// Why the config's text could not be had.
#[derive(Debug)]
pub enum ConfigRefusal {
    /// Not valid UTF-8: the offset of the first bad byte.
    NotUtf8(usize),
    /// Not a regular file, or too large: a one-line reason.
    Refused(String),
    /// The OS would not read it.
    Io(std::io::Error),
}

/// Reads `studylog.toml` with the same care as a note: only a regular file,
/// at most [`MAX_CONFIG_BYTES`], never blocking on a FIFO. `Ok(None)` when
/// there is none.
pub fn read_config_text(path: &Path) -> Result<Option<String>, ConfigRefusal> {
    let bytes = match read_regular(path, MAX_CONFIG_BYTES) {
        Ok(bytes) => bytes,
        Err(Refusal::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(Refusal::Io(err)) => return Err(ConfigRefusal::Io(err)),
        Err(Refusal::NotRegular(kind)) => {
            return Err(ConfigRefusal::Refused(format!(
                "it is {kind}, not a regular file"
            )));
        }
        Err(Refusal::TooLarge(len)) => {
            return Err(ConfigRefusal::Refused(format!(
                "it is larger than {} KiB ({} KiB); a config is never that big",
                MAX_CONFIG_BYTES / 1024,
                len / 1024
            )));
        }
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| ConfigRefusal::NotUtf8(e.utf8_error().valid_up_to()))
}

/// Why [`read_regular`] read nothing.
enum Refusal {
    /// Not a regular file: what it is instead ("a named pipe (FIFO)", ...).
    NotRegular(&'static str),
    /// Larger than the limit: the size seen.
    TooLarge(u64),
    Io(std::io::Error),
}

/// Reads a regular file of at most `limit` bytes. Anything else is refused
/// before a byte is read: a FIFO would block the read forever and a device
/// such as `/dev/zero` never ends. The file is opened without blocking and
/// checked again through its handle, so a path swapped for a FIFO between
/// the two looks is refused too.
fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let meta = std::fs::metadata(path).map_err(Refusal::Io)?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular(file_kind(&meta)));
    }
    if meta.len() > limit {
        return Err(Refusal::TooLarge(meta.len()));
    }
    let file = open_nonblocking(path).map_err(Refusal::Io)?;
    let meta = file.metadata().map_err(Refusal::Io)?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular(file_kind(&meta)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(limit)).unwrap_or(0));
    // Read one byte past the limit to notice a file that grew since `metadata`.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(NONBLOCK_FLAG)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// `O_NONBLOCK`: opening a FIFO with it returns at once instead of waiting
/// for a writer (regular files ignore it).
#[cfg(any(target_os = "linux", target_os = "android"))]
const NONBLOCK_FLAG: i32 = 0o4000;
#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
const NONBLOCK_FLAG: i32 = 0x0004;

/// What a path that is not a regular file is, for a message.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// True for a canonical path in or below a virtual file system.
fn is_virtual(canonical: &Path) -> bool {
    cfg!(unix)
        && VIRTUAL_FILE_SYSTEMS
            .iter()
            .any(|v| canonical.starts_with(v))
}

/// What a walk found: the journal files (workspace-relative path, full
/// path) and what it had to skip.
type Walked = (Vec<(String, PathBuf)>, Vec<SkippedFile>);

/// Every journal file below `root` (workspace-relative path, full path),
/// sorted by relative path, and what the walk itself had to skip.
///
/// Each real folder is walked once (a folder reached again through another
/// link is skipped with a line), virtual file systems are never entered,
/// and the walk stops with [`LoadError::TooManyFiles`] past `max_files`.
fn walk(root: &Path, filter: &JournalFilter, max_files: usize) -> Result<Walked, LoadError> {
    let guard = Arc::new(WalkGuard {
        root: root.to_path_buf(),
        canonical_root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        filter: filter.clone(),
        visited: Mutex::new(HashSet::new()),
        skipped: Mutex::new(Vec::new()),
    });
    let mut builder = ignore::WalkBuilder::new(root);
    let admit = Arc::clone(&guard);
    builder
        .standard_filters(true)
        // Hidden entries are left out by `WalkGuard::admit`, which reports
        // hidden notes instead of dropping them without a word.
        .hidden(false)
        // Without this, `.gitignore` only applies inside a git repository.
        .require_git(false)
        .follow_links(true)
        // Sorted, so that which of two paths to one folder is read is stable.
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| admit.admit(entry));
    let mut paths = Vec::new();
    let mut skipped = Vec::new();
    for result in builder.build() {
        if paths.len() > max_files {
            return Err(LoadError::TooManyFiles(root.to_path_buf(), max_files));
        }
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
    if paths.len() > max_files {
        return Err(LoadError::TooManyFiles(root.to_path_buf(), max_files));
    }
    if let Ok(mut from_guard) = guard.skipped.lock() {
        skipped.append(&mut from_guard);
    }
    paths.sort();
    paths.dedup_by(|a, b| a.0 == b.0);
    Ok((paths, skipped))
}

/// What the walker decides before it enters a folder or yields a file.
struct WalkGuard {
    root: PathBuf,
    canonical_root: PathBuf,
    filter: JournalFilter,
    /// The canonical path of every folder admitted so far.
    visited: Mutex<HashSet<PathBuf>>,
    skipped: Mutex<Vec<SkippedFile>>,
}

impl WalkGuard {
    fn skip(&self, path: &Path, reason: String) {
        if let Ok(mut skipped) = self.skipped.lock() {
            skipped.push(SkippedFile {
                path: PathBuf::from(relative(&self.root, path).text),
                reason,
            });
        }
    }

    fn admit(&self, entry: &ignore::DirEntry) -> bool {
        if entry.depth() == 0 {
            return true;
        }
        let name = entry.file_name();
        if name == "node_modules" {
            return false;
        }
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if name.as_encoded_bytes().first() == Some(&b'.') {
            // Hidden folders (`.git`, `.obsidian`, `.trash`) are tool state,
            // left out without a word; a hidden note is said to be left out.
            if !is_dir {
                let rel = relative(&self.root, entry.path()).text;
                let shown = match rel.rsplit_once('/') {
                    Some((dir, file)) => format!("{dir}/{}", file.trim_start_matches('.')),
                    None => rel.trim_start_matches('.').to_string(),
                };
                if self.filter.is_journal_path(&shown) {
                    self.skip(
                        entry.path(),
                        "hidden file (its name starts with a dot); hidden files are not read"
                            .to_string(),
                    );
                }
            }
            return false;
        }
        if !is_dir {
            return true;
        }
        let Ok(canonical) = std::fs::canonicalize(entry.path()) else {
            // The walker reports what cannot be resolved.
            return true;
        };
        if is_virtual(&canonical) {
            self.skip(
                entry.path(),
                format!(
                    "{} is a virtual file system; not walked",
                    canonical.display()
                ),
            );
            return false;
        }
        if entry.path_is_symlink() {
            let leads_back = entry
                .path()
                .parent()
                .and_then(|p| std::fs::canonicalize(p).ok())
                .is_some_and(|parent| parent.starts_with(&canonical));
            if leads_back {
                // A link to an ancestor: the walker reports it as a loop.
                return true;
            }
            if canonical.starts_with(&self.canonical_root) {
                let target = relative(&self.canonical_root, &canonical).text;
                self.skip(
                    entry.path(),
                    format!("link to the journal's own folder {target}, which is read there"),
                );
                return false;
            }
        }
        let first_visit = self
            .visited
            .lock()
            .map(|mut visited| visited.insert(canonical.clone()))
            .unwrap_or(true);
        if !first_visit {
            self.skip(
                entry.path(),
                format!(
                    "the folder {} was already read through another path; read once",
                    canonical.display()
                ),
            );
        }
        first_visit
    }
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
                // A path the OS cannot even look at (longer than PATH_MAX)
                // may be a folder of notes: it is reported, not dropped.
                let is_dir = std::fs::symlink_metadata(p).map_or(true, |m| m.is_dir());
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
    /// Journal-relative with `/` separators.
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
    let bytes = match read_regular(path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(Refusal::NotRegular("a folder")) => return Err("is a folder, not a file".to_string()),
        Err(Refusal::NotRegular(kind)) => {
            return Err(format!("not a regular file (it is {kind})"));
        }
        Err(Refusal::TooLarge(len)) => return Err(too_large(len)),
        Err(Refusal::Io(e)) => return Err(io_reason(path, &e)),
    };
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
        _ if err.raw_os_error() == Some(NAME_TOO_LONG_ERRNO) => {
            "its path is longer than the system allows (PATH_MAX); move or rename it".to_string()
        }
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

/// `ENAMETOOLONG`, a path past PATH_MAX or a name past NAME_MAX.
#[cfg(any(target_os = "linux", target_os = "android"))]
const NAME_TOO_LONG_ERRNO: i32 = 36;
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
))]
const NAME_TOO_LONG_ERRNO: i32 = 63;
#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
)))]
const NAME_TOO_LONG_ERRNO: i32 = i32::MIN;

mod detect;
pub use detect::{Detection, detect_vault};

#[cfg(test)]
mod tests;
