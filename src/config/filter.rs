//! Which workspace paths belong to the journal: markdown files matching the
//! config's include globs and none of its exclude globs, outside hidden
//! folders and `node_modules`. Shared by the scanner and the server's watcher.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::Config;

/// Decides whether a workspace-relative path is a journal file.
#[derive(Clone, Debug)]
pub struct JournalFilter {
    include: GlobSet,
    exclude: GlobSet,
    /// `topics-dir` plus a trailing `/`: topic notes belong to the workspace
    /// even when `include` leaves their folder out (the catalog and link
    /// targets need them).
    topics_prefix: String,
}

impl JournalFilter {
    /// Builds the filter from the config's globs. Globs that do not compile
    /// were already reported by config parsing and are left out here.
    pub fn new(config: &Config) -> JournalFilter {
        JournalFilter {
            include: glob_set(&config.include),
            exclude: glob_set(
                &config
                    .exclude
                    .iter()
                    .cloned()
                    // The vault's own folders are names, not globs.
                    .chain(
                        config
                            .vault
                            .excluded_folders
                            .iter()
                            .map(|f| globset::escape(f)),
                    )
                    .collect::<Vec<_>>(),
            ),
            topics_prefix: format!("{}/", config.topics_dir.trim_matches('/')),
        }
    }

    /// True when `rel_path` (relative to the workspace, `/` or `\` separated)
    /// is a journal file: a `.md` / `.markdown` file, in no hidden folder and
    /// no `node_modules`, matched by an include glob (or in the topics folder)
    /// and by no exclude glob. An exclude glob that matches a folder excludes
    /// everything below it.
    pub fn is_journal_path(&self, rel_path: &str) -> bool {
        let path = rel_path.replace('\\', "/");
        let path = path.trim_start_matches("./").trim_start_matches('/');
        if path.is_empty() || !has_markdown_extension(path) {
            return false;
        }
        let segments: Vec<&str> = path.split('/').collect();
        if segments
            .iter()
            .any(|s| s.is_empty() || s.starts_with('.') || *s == "node_modules")
        {
            return false;
        }
        // Logseq's backups and page versions repeat the graph's own pages:
        // never journal, wherever the graph sits in the workspace.
        if segments
            .windows(2)
            .any(|w| w[0] == "logseq" && matches!(w[1], "bak" | "version-files"))
        {
            return false;
        }
        if !self.include.is_match(path) && !path.starts_with(&self.topics_prefix) {
            return false;
        }
        // The path itself and every folder above it, so that `templates`
        // excludes `templates/daily.md` as `templates/**` does.
        let mut prefix_end = 0;
        for segment in &segments {
            prefix_end += segment.len();
            let prefix = path.get(..prefix_end).unwrap_or(path);
            if self.exclude.is_match(prefix) {
                return false;
            }
            prefix_end += 1;
        }
        true
    }
}

impl Default for JournalFilter {
    fn default() -> Self {
        JournalFilter::new(&Config::default())
    }
}

/// `.md` or `.markdown`, in any case (`Notes.MD` is markdown too).
fn has_markdown_extension(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty()
                && (ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown"))
        }
        None => false,
    }
}

/// `*` stays within one folder (as in `.gitignore`); `**` crosses folders.
/// Case is ignored, so `**/*.md` also takes `Notes.MD`.
fn glob_set(globs: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let glob = glob.trim().trim_start_matches("./");
        if let Ok(g) = GlobBuilder::new(glob)
            .literal_separator(true)
            .case_insensitive(true)
            .build()
        {
            builder.add(g);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}
