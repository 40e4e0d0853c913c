//! Tests of the workspace scan on real temporary folders: which files are
//! loaded and which are skipped, and why.

use std::fs;
use std::path::Path;

use expect_test::{Expect, expect};

use super::*;
use crate::scan::detect::{OBSIDIAN_DAILY_NOTES, OBSIDIAN_TEMPLATES};

/// Writes `files` (path, content) below a new temporary folder.
fn journal(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, content) in files {
        write(dir.path(), path, content);
    }
    dir
}

fn write(root: &Path, path: &str, content: &[u8]) {
    let full = root.join(path);
    fs::create_dir_all(full.parent().unwrap()).unwrap();
    fs::write(full, content).unwrap();
}

/// Loads `root` and renders the loaded paths, then the skipped ones with
/// their reasons.
fn check_load(root: &Path, expect: Expect) {
    let (workspace, skipped) = load_workspace(root).unwrap();
    let mut out = String::new();
    for file in workspace.files() {
        out.push_str(&format!("loaded {}\n", file.path));
    }
    for skip in &skipped {
        out.push_str(&format!(
            "skipped {}: {}\n",
            skip.path.display(),
            skip.reason
        ));
    }
    expect.assert_eq(&out);
}

const ENTRY: &[u8] = b"## 2026-11-26\ntime:: 30m\n#caching\n";

#[test]
fn loads_markdown_files_with_workspace_relative_paths() {
    let dir = journal(&[
        ("2026-11-26.md", ENTRY),
        ("journal/2026/week-48.markdown", ENTRY),
        ("notes/readme.txt", b"not markdown"),
        ("topics/caching.md", b"Keeping data close.\n"),
    ]);
    check_load(
        dir.path(),
        expect![[r#"
            loaded 2026-11-26.md
            loaded journal/2026/week-48.markdown
            loaded topics/caching.md
        "#]],
    );
}

#[test]
fn gitignore_and_ignore_files_apply_outside_git() {
    let dir = journal(&[
        (".gitignore", b"drafts/\n"),
        (".ignore", b"private.md\n"),
        ("a.md", ENTRY),
        ("drafts/b.md", ENTRY),
        ("private.md", ENTRY),
        ("sub/private.md", ENTRY),
    ]);
    assert!(!dir.path().join(".git").exists());
    check_load(
        dir.path(),
        expect![[r#"
            loaded a.md
        "#]],
    );
}

#[test]
fn hidden_folders_and_node_modules_are_skipped_silently() {
    let dir = journal(&[
        ("a.md", ENTRY),
        (".obsidian/workspace.md", ENTRY),
        (".trash/old.md", ENTRY),
        (".git/notes.md", ENTRY),
        ("node_modules/pkg/README.md", ENTRY),
        ("web/node_modules/x/CHANGELOG.md", ENTRY),
    ]);
    check_load(
        dir.path(),
        expect![[r#"
            loaded a.md
        "#]],
    );
}

#[test]
fn include_and_exclude_from_the_config() {
    let dir = journal(&[
        (
            "studylog.toml",
            b"[journal]\ninclude = [\"journal/**/*.md\"]\nexclude = [\"journal/templates\"]\n",
        ),
        ("README.md", b"# About\n"),
        ("journal/2026-11-26.md", ENTRY),
        ("journal/templates/daily.md", b"## {{date}}\n"),
        ("topics/caching.md", b"Keeping data close.\n"),
    ]);
    let (workspace, _) = load_workspace(dir.path()).unwrap();
    assert!(workspace.config_problems().is_empty());
    check_load(
        dir.path(),
        expect![[r#"
            loaded journal/2026-11-26.md
            loaded topics/caching.md
        "#]],
    );
}

#[test]
fn bad_files_are_skipped_with_a_reason() {
    let mut big = b"## 2026-11-26\n".to_vec();
    big.resize(usize::try_from(MAX_FILE_BYTES).unwrap() + 1, b'a');
    let dir = journal(&[
        ("good.md", ENTRY),
        ("big.md", &big),
        ("binary.md", b"## 2026-11-26\n\0\x01\x02"),
        ("latin1.md", b"## 2026-11-26\ncaf\xe9\n"),
        ("bom-crlf.md", b"\xef\xbb\xbf## 2026-11-26\r\ntime:: 1h\r\n"),
    ]);
    check_load(
        dir.path(),
        expect![[r#"
            loaded bom-crlf.md
            loaded good.md
            skipped big.md: larger than 8 MiB (8.0 MiB); journal notes are never that big
            skipped binary.md: binary file (it contains NUL bytes)
            skipped latin1.md: not valid UTF-8 (bad byte at offset 17); save it as UTF-8
        "#]],
    );
}

#[test]
fn a_file_of_exactly_the_limit_is_read() {
    let mut text = b"## 2026-11-26\n".to_vec();
    text.resize(usize::try_from(MAX_FILE_BYTES).unwrap(), b'a');
    let dir = journal(&[("edge.md", &text)]);
    check_load(
        dir.path(),
        expect![[r#"
            loaded edge.md
        "#]],
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_followed_and_loops_and_dangling_links_skipped() {
    use std::os::unix::fs::symlink;
    let dir = journal(&[("a.md", ENTRY), ("real/b.md", ENTRY)]);
    let root = dir.path();
    symlink(root.join("real"), root.join("linked")).unwrap();
    symlink(root, root.join("real/loop")).unwrap();
    symlink(root.join("missing.md"), root.join("dangling.md")).unwrap();
    symlink(root.join("self.md"), root.join("self.md")).unwrap();
    symlink(root.join("a.md"), root.join("alias.md")).unwrap();
    check_load(
        root,
        expect![[r#"
            loaded a.md
            loaded alias.md
            loaded real/b.md
            skipped dangling.md: broken symbolic link (its target does not exist)
            skipped linked: link to the journal's own folder real, which is read there
            skipped real/loop: symlink loop (it leads back to .); not followed
            skipped self.md: symlink loop (the link leads back to itself)
        "#]],
    );
}

#[test]
fn a_folder_named_like_a_note_is_walked_not_read() {
    let dir = journal(&[("x.md/inner.md", ENTRY)]);
    check_load(
        dir.path(),
        expect![[r#"
            loaded x.md/inner.md
        "#]],
    );
    assert_eq!(
        read_journal_text(&dir.path().join("x.md")),
        Err("is a folder, not a file".to_string())
    );
}

#[test]
fn read_journal_text_applies_the_skip_rules() {
    let dir = journal(&[
        ("ok.md", "## 2026-11-26 · café ☕\n".as_bytes()),
        ("bin.md", b"a\0b"),
        ("bad.md", b"\xff"),
    ]);
    let read = |name: &str| read_journal_text(&dir.path().join(name));
    assert_eq!(read("ok.md").unwrap(), "## 2026-11-26 · café ☕\n");
    assert_eq!(
        read("bin.md"),
        Err("binary file (it contains NUL bytes)".to_string())
    );
    assert_eq!(
        read("bad.md"),
        Err("not valid UTF-8 (bad byte at offset 0); save it as UTF-8".to_string())
    );
    assert_eq!(
        read("gone.md"),
        Err("vanished before it could be read (deleted or renamed meanwhile)".to_string())
    );
}

#[test]
fn config_problems_land_in_the_workspace_and_defaults_apply() {
    let dir = journal(&[
        (
            "studylog.toml",
            b"[journal]\ncadence = \"sometimes\"\nmin-uses = 3\n",
        ),
        ("a.md", ENTRY),
    ]);
    let (workspace, skipped) = load_workspace(dir.path()).unwrap();
    assert!(skipped.is_empty());
    assert_eq!(workspace.config().min_uses, 3);
    assert_eq!(workspace.config().cadence, crate::config::Cadence::Daily);
    let problems = workspace.config_problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, Code::ConfigError);
    assert_eq!(problems[0].path, "studylog.toml");
}

#[test]
fn a_config_that_is_not_utf8_is_a_config_error() {
    let dir = journal(&[("studylog.toml", b"[journal]\ncadence = \"\xff\"\n")]);
    let (workspace, _) = load_workspace(dir.path()).unwrap();
    assert_eq!(workspace.config_problems().len(), 1);
    assert_eq!(*workspace.config(), crate::config::Config::default());
}

#[test]
fn a_config_that_is_a_folder_stops_the_load() {
    let dir = journal(&[("studylog.toml/x", b""), ("a.md", ENTRY)]);
    let err = load_workspace(dir.path()).unwrap_err();
    assert!(matches!(err, LoadError::RefusedConfig(..)), "{err}");
    assert!(
        err.to_string()
            .ends_with("studylog.toml: it is a folder, not a regular file"),
        "{err}"
    );
}

/// Makes a named pipe with the system's `mkfifo` (no writer ever opens it).
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_config_that_is_a_fifo_or_a_device_is_refused_without_blocking() {
    let dir = journal(&[("a.md", ENTRY)]);
    let config = dir.path().join("studylog.toml");
    mkfifo(&config);
    let err = load_workspace(dir.path()).unwrap_err().to_string();
    assert!(
        err.ends_with("it is a named pipe (FIFO), not a regular file"),
        "{err}"
    );
    fs::remove_file(&config).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &config).unwrap();
    let err = load_workspace(dir.path()).unwrap_err().to_string();
    assert!(err.ends_with("it is a device, not a regular file"), "{err}");
}

#[test]
fn an_oversized_config_is_refused() {
    let mut big = b"# comment\n".to_vec();
    big.resize(usize::try_from(MAX_CONFIG_BYTES).unwrap() + 1, b'#');
    let dir = journal(&[("studylog.toml", &big)]);
    assert!(matches!(
        read_config_text(&dir.path().join("studylog.toml")),
        Err(ConfigRefusal::Refused(reason)) if reason.starts_with("it is larger than 1024 KiB")
    ));
}

#[cfg(unix)]
#[test]
fn notes_that_are_fifos_or_devices_are_skipped_with_their_kind() {
    let dir = journal(&[("a.md", ENTRY)]);
    mkfifo(&dir.path().join("pipe.md"));
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.md")).unwrap();
    check_load(
        dir.path(),
        expect![[r#"
            loaded a.md
            skipped pipe.md: not a regular file
            skipped zero.md: not a regular file
        "#]],
    );
    assert_eq!(
        read_journal_text(&dir.path().join("pipe.md")),
        Err("not a regular file (it is a named pipe (FIFO))".to_string())
    );
    assert_eq!(
        read_journal_text(&dir.path().join("zero.md")),
        Err("not a regular file (it is a device)".to_string())
    );
}

#[cfg(unix)]
#[test]
fn each_real_folder_is_walked_once_however_many_links_lead_to_it() {
    use std::os::unix::fs::symlink;
    // Outside the journal: d0 links twice to d1, d1 twice to d2, ... Without
    // a visited set the note in the last folder is reached 2^8 times.
    let outside = tempfile::tempdir().unwrap();
    let depth = 8;
    for level in 0..=depth {
        fs::create_dir_all(outside.path().join(format!("d{level}"))).unwrap();
    }
    write(outside.path(), &format!("d{depth}/note.md"), ENTRY);
    for level in 0..depth {
        let next = outside.path().join(format!("d{}", level + 1));
        let here = outside.path().join(format!("d{level}"));
        symlink(&next, here.join("a")).unwrap();
        symlink(&next, here.join("b")).unwrap();
    }
    let dir = journal(&[("a.md", ENTRY)]);
    symlink(outside.path().join("d0"), dir.path().join("linked")).unwrap();
    let (workspace, skipped) = load_workspace(dir.path()).unwrap();
    let loaded: Vec<&str> = workspace.files().map(|f| f.path.as_str()).collect();
    assert_eq!(loaded, ["a.md", "linked/a/a/a/a/a/a/a/a/note.md"]);
    // Each `b` link reaches a folder already read through `a`.
    assert_eq!(skipped.len(), depth, "{skipped:?}");
    assert!(skipped.iter().all(|s| {
        s.reason
            .ends_with("was already read through another path; read once")
    }));
}

#[cfg(unix)]
#[test]
fn a_virtual_file_system_is_never_walked() {
    assert!(matches!(
        load_workspace(Path::new("/proc")),
        Err(LoadError::VirtualFileSystem(_))
    ));
    assert!(matches!(
        load_workspace(Path::new("/sys/kernel")),
        Err(LoadError::VirtualFileSystem(_))
    ));
    let dir = journal(&[("a.md", ENTRY)]);
    std::os::unix::fs::symlink("/proc", dir.path().join("proc")).unwrap();
    check_load(
        dir.path(),
        expect![[r#"
            loaded a.md
            skipped proc: /proc is a virtual file system; not walked
        "#]],
    );
}

#[test]
fn the_walk_stops_past_max_files() {
    let dir = journal(&[("a.md", ENTRY), ("b.md", ENTRY), ("c.md", ENTRY)]);
    write(dir.path(), "studylog.toml", b"[journal]\nmax-files = 2\n");
    let err = load_workspace(dir.path()).unwrap_err();
    assert!(matches!(err, LoadError::TooManyFiles(_, 2)), "{err}");
    assert!(
        err.to_string().contains("raise `[journal] max-files`"),
        "{err}"
    );
    write(dir.path(), "studylog.toml", b"[journal]\nmax-files = 3\n");
    assert_eq!(load_workspace(dir.path()).unwrap().0.files().count(), 3);
}

#[test]
fn hidden_notes_are_skipped_with_a_line() {
    let dir = journal(&[
        ("a.md", ENTRY),
        (".hidden.md", ENTRY),
        ("sub/.draft.markdown", ENTRY),
        (".config.toml", b"x = 1"),
    ]);
    check_load(
        dir.path(),
        expect![[r#"
            loaded a.md
            skipped .hidden.md: hidden file (its name starts with a dot); hidden files are not read
            skipped sub/.draft.markdown: hidden file (its name starts with a dot); hidden files are not read
        "#]],
    );
}

#[cfg(unix)]
#[test]
fn a_folder_past_path_max_is_reported_not_dropped() {
    // Build a chain of 255-byte folder names deeper than PATH_MAX (4096),
    // creating each level relative to the last so no call sees the whole path.
    let dir = journal(&[("a.md", ENTRY)]);
    let script = format!(
        "cd \"$1\" && for i in $(seq 20); do mkdir {name} && cd -P {name} || exit 1; done && echo x > deep.md",
        name = "n".repeat(250)
    );
    // bash's `cd -P` changes folder by the relative name; a full path would
    // be too long for the system.
    let status = std::process::Command::new("bash")
        .args(["-c", &script, "bash"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let (workspace, skipped) = load_workspace(dir.path()).unwrap();
    assert_eq!(workspace.files().count(), 1);
    assert!(
        skipped
            .iter()
            .any(|s| s.reason.contains("longer than the system allows")),
        "{skipped:?}"
    );
}

#[test]
fn a_missing_root_or_a_file_root_is_a_load_error() {
    let dir = journal(&[("a.md", ENTRY)]);
    assert!(matches!(
        load_workspace(&dir.path().join("nope")),
        Err(LoadError::NotFound(_))
    ));
    assert!(matches!(
        load_workspace(&dir.path().join("a.md")),
        Err(LoadError::NotADirectory(_))
    ));
}

#[test]
fn many_files_load_the_same_every_time() {
    let files: Vec<(String, Vec<u8>)> = (0..60)
        .map(|i| {
            let content = if i % 7 == 0 {
                b"\0".to_vec()
            } else {
                ENTRY.to_vec()
            };
            (format!("d{}/n{i:02}.md", i % 5), content)
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    let dir = journal(&refs);
    let render = || {
        let (workspace, skipped) = load_workspace(dir.path()).unwrap();
        let loaded: Vec<String> = workspace.files().map(|f| f.path.clone()).collect();
        (loaded, skipped)
    };
    let first = render();
    assert_eq!(first.0.len(), 51);
    assert_eq!(first.1.len(), 9);
    for _ in 0..3 {
        assert_eq!(render(), first);
    }
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_skipped_unless_we_are_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = journal(&[("a.md", ENTRY), ("locked.md", ENTRY)]);
    let locked = dir.path().join("locked.md");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let (workspace, skipped) = load_workspace(dir.path()).unwrap();
    let loaded: Vec<&str> = workspace.files().map(|f| f.path.as_str()).collect();
    if fs::read(&locked).is_ok() {
        // Root reads everything: the file is simply loaded.
        assert_eq!(loaded, ["a.md", "locked.md"]);
        assert!(skipped.is_empty());
    } else {
        assert_eq!(loaded, ["a.md"]);
        assert_eq!(
            skipped,
            [SkippedFile {
                path: "locked.md".into(),
                reason: "unreadable: permission denied".to_string()
            }]
        );
    }
}

/// The fixture vault `name` under tests/fixtures.
fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Renders what detection found and the problems of the tool files as
/// `path line:col: message` (1-based).
fn check_detection(root: &Path, expect: Expect) {
    let detection = detect_vault(root);
    let mut out = format!("{}\n", detection.vault.describe());
    for p in &detection.problems {
        assert_eq!(p.code, Code::ConfigError);
        let text = fs::read_to_string(root.join(&p.path)).unwrap_or_default();
        let index = crate::text::LineIndex::new(&text);
        let pos = index.position(&text, p.span.start(), crate::text::ColumnUnit::Scalar);
        out.push_str(&format!(
            "{} {}:{}: {}\n",
            p.path,
            pos.line + 1,
            pos.col + 1,
            p.message
        ));
    }
    expect.assert_eq(&out);
}

#[test]
fn fixture_vaults_are_detected_and_their_folders_filtered() {
    check_detection(
        &fixture("obsidian"),
        expect![[r#"
            Obsidian vault (.obsidian/, .obsidian/daily-notes.json, .obsidian/templates.json); daily notes named `YYYY/MM/YYYY-MM-DD dddd`; in `Daily/`; not journal: `Templates/`
        "#]],
    );
    check_load(
        &fixture("obsidian"),
        expect![[r#"
            loaded Daily/2024/01/2024-01-15 Monday.md
            loaded Daily/2024/01/2024-01-16 Tuesday.md
            loaded Daily/2024/01/2024-01-17 Wednesday.md
            loaded Notes/Consistent hashing.md
            loaded README.md
        "#]],
    );
    check_detection(
        &fixture("logseq"),
        expect![[r#"
            Logseq vault (logseq/config.edn); daily notes named `yyyy_MM_dd`; in `journals/`; not journal: `pages/templates.md`, `archive/`
        "#]],
    );
    check_load(
        &fixture("logseq"),
        expect![[r#"
            loaded README.md
            loaded journals/2024_01_15.md
            loaded journals/2024_01_16.md
            loaded pages/Networking___Load balancing.md
        "#]],
    );
    check_detection(
        &fixture("dendron"),
        expect![[r#"
            Dendron vault (dendron.yml); daily notes named `daily.journal.y.MM.dd`
        "#]],
    );
    check_detection(
        &fixture("foam"),
        expect![[r#"
            Foam vault (.foam/, .vscode/settings.json); daily notes named `yyyy-mm-dd`; in `journal/`
        "#]],
    );
    check_detection(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/journal")
            .as_path(),
        expect![[r#"
            no note tool detected (a plain markdown folder)
        "#]],
    );
}

#[test]
fn malformed_tool_configs_are_findings_on_their_line_and_defaults_apply() {
    let dir = journal(&[
        (
            ".obsidian/daily-notes.json",
            b"{\n  \"format\": \"YYYY-MM-DD\",\n  \"folder\": Daily\n}\n",
        ),
        (".obsidian/templates.json", b"{\"folder\": \"Templates\"}"),
        ("2024-01-15.md", ENTRY),
    ]);
    check_detection(
        dir.path(),
        expect![[r#"
            Obsidian vault (.obsidian/, .obsidian/templates.json); not journal: `Templates/`
            .obsidian/daily-notes.json 3:13: .obsidian/daily-notes.json is not valid JSON: expected value at line 3 column 13; studylog uses its defaults for this vault
        "#]],
    );
    let (workspace, _) = load_workspace(dir.path()).unwrap();
    assert_eq!(workspace.config_problems().len(), 1);
    assert_eq!(workspace.files().next().unwrap().entries.len(), 1);

    let dir = journal(&[
        (".obsidian/daily-notes.json", b"{\"format\": \"dddd\"}"),
        ("2024-01-15.md", ENTRY),
    ]);
    check_detection(
        dir.path(),
        expect![[r#"
            Obsidian vault (.obsidian/, .obsidian/daily-notes.json)
            .obsidian/daily-notes.json 1:1: `format`: `dddd` has no year or month or day token, so it cannot name a day (e.g. "YYYY-MM-DD"); studylog uses its default daily-note names for this vault
        "#]],
    );

    let dir = journal(&[
        (
            "logseq/config.edn",
            b"{:journal/file-name-format \"yyyy_MM_dd\"\n :hidden [\"/archive\"\n",
        ),
        ("journals/2024_01_15.md", ENTRY),
    ]);
    check_detection(
        dir.path(),
        expect![[r#"
            Logseq vault (logseq/config.edn); daily notes named `yyyy_MM_dd`; in `journals/`; not journal: `pages/templates.md`
            logseq/config.edn 3:1: logseq/config.edn is not valid EDN: unexpected end of file; studylog uses its defaults for this vault
        "#]],
    );
    let dir = journal(&[("logseq/config.edn", b"[:not-a-map]")]);
    check_detection(
        dir.path(),
        expect![[r#"
            Logseq vault (logseq/config.edn); daily notes named `yyyy_MM_dd`; in `journals/`; not journal: `pages/templates.md`
            logseq/config.edn 1:1: logseq/config.edn is not valid Logseq config: it must be one map, `{...}`; studylog uses its defaults for this vault
        "#]],
    );

    let dir = journal(&[(
        "dendron.yml",
        b"version: 5\nworkspace:\n  journal:\n    dailyDomain: daily\n   name: [journal\n",
    )]);
    check_detection(
        dir.path(),
        expect![[r#"
            Dendron vault (dendron.yml); daily notes named `daily.journal.y.MM.dd`
            dendron.yml 5:4: dendron.yml is not valid YAML: while parsing a block mapping, did not find expected key; studylog uses its defaults for this vault
        "#]],
    );

    let dir = journal(&[
        (".foam/templates/x.md", b""),
        (
            ".vscode/settings.json",
            b"{ \"foam.openDailyNote.filenameFormat\": \"yyyy-mm-dd\" \"x\": 1 }",
        ),
    ]);
    check_detection(
        dir.path(),
        expect![[r#"
        Foam vault (.foam/, .vscode/settings.json); in `journal/`
        .vscode/settings.json 1:53: .vscode/settings.json is not valid JSON: expected `,` or `}` at line 1 column 53; studylog uses its defaults for this vault
    "#]],
    );

    let dir = journal(&[("logseq/config.edn", b"{:a \"\xff\"}")]);
    check_detection(
        dir.path(),
        expect![[r#"
        Logseq vault (logseq/config.edn); daily notes named `yyyy_MM_dd`; in `journals/`; not journal: `pages/templates.md`
        logseq/config.edn 1:1: logseq/config.edn is not valid UTF-8 (bad byte at offset 5); studylog uses its defaults for this vault
    "#]],
    );
}

#[test]
fn deeply_nested_vault_settings_are_a_problem_not_a_crash() {
    let deep = format!("version: 5\nx: {}1\n", "- ".repeat(5000));
    let deep_block = format!(
        "version: 5\n{}",
        (0..800)
            .map(|d| format!("{}k:\n", " ".repeat(d)))
            .collect::<String>()
    );
    for text in [deep, deep_block] {
        let dir = journal(&[("dendron.yml", text.as_bytes())]);
        let detection = detect_vault(dir.path());
        let messages: Vec<&str> = detection
            .problems
            .iter()
            .map(|p| p.message.as_str())
            .collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].contains("nested more than 64 levels deep")
                || messages[0].contains("is not valid YAML"),
            "{messages:?}"
        );
    }
    let edn = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let dir = journal(&[("logseq/config.edn", edn.as_bytes())]);
    let detection = detect_vault(dir.path());
    assert_eq!(detection.problems.len(), 1);
}

/// Tool settings are read like the config: only regular files, checked
/// through the opened handle, so a FIFO never blocks detection and a
/// device is named in a finding instead of being read.
#[cfg(unix)]
#[test]
fn tool_settings_that_are_fifos_or_devices_are_problems_not_reads() {
    let dir = journal(&[(".obsidian/app.json", b"{}"), ("a.md", ENTRY)]);
    mkfifo(&dir.path().join(OBSIDIAN_DAILY_NOTES));
    std::os::unix::fs::symlink("/dev/zero", dir.path().join(OBSIDIAN_TEMPLATES)).unwrap();
    let detection = detect_vault(dir.path());
    let mut messages: Vec<&str> = detection
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    messages.sort();
    assert_eq!(
        messages,
        [
            ".obsidian/daily-notes.json is a named pipe (FIFO), not a regular file; studylog uses its defaults for this vault",
            ".obsidian/templates.json is a device, not a regular file; studylog uses its defaults for this vault",
        ]
    );
}
