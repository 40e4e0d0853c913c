//! One journal in memory: its config and the parsed summary of every file.
//! Workspace-wide facts (timeline, topic uses, link targets) are derived from
//! the per-file summaries, never by re-reading files, so an edit re-parses one
//! file only.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::catalog::{Catalog, TopicNote, topic_note_stem};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::parse::parse_file;
use crate::syntax::JournalFile;

/// A journal: config plus parsed files, keyed by workspace-relative path.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    config: Config,
    /// `config-error` diagnostics of `studylog.toml`.
    config_problems: Vec<Diagnostic>,
    files: BTreeMap<String, Arc<JournalFile>>,
}

impl Workspace {
    pub fn new(config: Config, config_problems: Vec<Diagnostic>) -> Self {
        Workspace {
            config,
            config_problems,
            files: BTreeMap::new(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn config_problems(&self) -> &[Diagnostic] {
        &self.config_problems
    }

    pub fn set_config(&mut self, config: Config, problems: Vec<Diagnostic>) {
        self.config = config;
        self.config_problems = problems;
    }

    /// Parses `text` as the file at `path` and stores it, replacing any previous version.
    pub fn set_file(&mut self, path: &str, text: Arc<str>) -> Arc<JournalFile> {
        let file = Arc::new(parse_file(path, text));
        self.files.insert(path.to_string(), file.clone());
        file
    }

    /// Stores an already parsed file (e.g. parsed in parallel by the scanner).
    pub fn insert_parsed(&mut self, file: JournalFile) {
        self.files.insert(file.path.clone(), Arc::new(file));
    }

    pub fn remove_file(&mut self, path: &str) -> Option<Arc<JournalFile>> {
        self.files.remove(path)
    }

    pub fn file(&self, path: &str) -> Option<&Arc<JournalFile>> {
        self.files.get(path)
    }

    /// Every file, sorted by path.
    pub fn files(&self) -> impl Iterator<Item = &Arc<JournalFile>> {
        self.files.values()
    }

    /// The topic catalog of this journal (built-ins, topic notes, config).
    pub fn catalog(&self) -> Catalog {
        let notes: Vec<TopicNote<'_>> = self
            .files
            .values()
            .filter_map(|file| {
                let stem = topic_note_stem(&self.config, &file.path)?;
                Some(TopicNote {
                    path: &file.path,
                    stem,
                    text: &file.text,
                })
            })
            .collect();
        Catalog::build(&self.config, &notes)
    }

    /// Every diagnostic of the journal (config included), severity overrides
    /// applied and `off` checks removed, sorted by path then position.
    pub fn diagnostics(&self, today: Date) -> Vec<Diagnostic> {
        crate::checks::check_workspace(self, today)
    }
}
