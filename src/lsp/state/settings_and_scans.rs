//! The state's journals meet their settings and their scans: settings
//! re-applied to every journal, a folder's `studylog.toml` text and scoped
//! settings, a finished scan installed under the open documents, and the
//! "never a silent zero" notice.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::{Effects, Folder, FolderId, FolderKind, State};
use crate::config::{CONFIG_FILE, Config, JournalFilter};
use crate::impact::{LinkIndex, Scope};
use crate::journal::Journal;
use crate::lsp::config as settings;
use crate::lsp::convert::relative_path;
use crate::scan::Detection;

impl State {
    /// Re-applies settings to every journal (after `didChangeConfiguration`
    /// or a `workspace/configuration` answer).
    pub fn reconfigure_all(&mut self) -> Effects {
        let mut effects = Effects {
            dirty: true,
            ..Effects::default()
        };
        let global = self.settings.clone();
        let ids: Vec<FolderId> = self.folders.iter().map(|f| f.id).collect();
        for id in ids {
            let config_text = self.config_text(id);
            let Some(folder) = self.folder_mut(id) else {
                continue;
            };
            let text = match folder.kind {
                FolderKind::Workspace => config_text,
                FolderKind::SingleFile => None,
            };
            if reconfigure(folder, text, &global) {
                effects.rescan.push(id);
            }
            effects.scopes.push((id, Scope::all()));
        }
        effects
    }

    /// The text of a journal's `studylog.toml`: the open document's, else the disk's.
    pub fn config_text(&self, id: FolderId) -> Option<Arc<str>> {
        let folder = self.folder(id)?;
        let path = folder.root.join(CONFIG_FILE);
        match self
            .open_paths
            .get(&path)
            .and_then(|uri| self.docs.get(uri))
        {
            Some(doc) => Some(doc.text()),
            None => folder.config_on_disk.clone(),
        }
    }

    /// Sets the settings the client gave for one folder.
    pub fn set_scoped_settings(&mut self, id: FolderId, value: Option<Value>) {
        if let Some(folder) = self.folder_mut(id) {
            folder.scoped_settings = value;
        }
    }

    /// The folder's "never a silent zero" notice, the first time it has one.
    pub fn take_notice(&mut self, id: FolderId) -> Option<String> {
        let folder = self.folder_mut(id)?;
        if folder.notice_shown || folder.kind != FolderKind::Workspace {
            return None;
        }
        let notice = crate::notice::silent_zero(&folder.ws)?;
        folder.notice_shown = true;
        Some(notice.message)
    }

    /// Installs a finished scan of a folder: its files replace the journal's,
    /// except open documents, which keep their unsaved text.
    pub fn install_scan(
        &mut self,
        id: FolderId,
        mut ws: Journal,
        config_on_disk: Option<Arc<str>>,
    ) -> Effects {
        let global = self.settings.clone();
        let open: Vec<(PathBuf, Arc<str>)> = self
            .open_paths
            .iter()
            .filter_map(|(p, uri)| Some((p.clone(), self.docs.get(uri)?.text())))
            .collect();
        let Some(folder) = self.folder_mut(id) else {
            return Effects::default();
        };
        folder.config_on_disk = config_on_disk.clone();
        // The scan read the vault's tool settings into the config's base and
        // put their files' problems before the config file's.
        let problems: Vec<_> = ws
            .config_problems()
            .iter()
            .filter(|d| d.path != CONFIG_FILE)
            .cloned()
            .collect();
        folder.detection = Detection {
            vault: ws.config().vault.clone(),
            texts: tool_file_texts(&folder.root, &problems),
            problems,
        };
        let config_text = open
            .iter()
            .find(|(p, _)| *p == folder.root.join(CONFIG_FILE))
            .map(|(_, t)| t.clone())
            .or(config_on_disk);
        let settings = folder.scoped_settings.clone().unwrap_or(global);
        let (config, problems) =
            settings::resolve(config_text.as_deref(), &settings, &folder.detection);
        folder.paths = JournalFilter::new(&config);
        // The scan built the facts under the file's config; the editor's
        // settings usually leave it as it was, and building them a second
        // time would cost a whole-journal pass and its memory.
        if *ws.config() != config || ws.config_problems() != problems.as_slice() {
            ws.set_config(config, problems);
        }
        // The walk followed the file's globs; the settings may narrow them.
        let outside: Vec<String> = ws
            .files()
            .map(|f| f.path.clone())
            .filter(|rel| !folder.paths.is_journal_path(rel))
            .collect();
        for rel in outside {
            ws.remove_file(&rel);
        }
        for (path, text) in open {
            match relative_path(&folder.root, &path) {
                Some(rel) if folder.paths.is_journal_path(&rel) => {
                    ws.set_file(&rel, text);
                }
                _ => {}
            }
        }
        folder.links = LinkIndex::build(&ws);
        folder.ws = ws;
        folder.indexed = true;
        Effects::all(id)
    }
}

/// Recomputes a folder's config from its `studylog.toml` text and the
/// settings. Returns true when the set of journal files may have changed.
pub(super) fn reconfigure(
    folder: &mut Folder,
    config_text: Option<Arc<str>>,
    global: &Value,
) -> bool {
    let settings = folder.scoped_settings.as_ref().unwrap_or(global);
    let (config, problems) = settings::resolve(config_text.as_deref(), settings, &folder.detection);
    let rescan = walk_differs(folder.ws.config(), &config);
    folder.paths = JournalFilter::new(&config);
    folder.ws.set_config(config, problems);
    if folder.links.day_title() != folder.ws.day_title_format() {
        folder.links = LinkIndex::build(&folder.ws);
    }
    rescan && folder.indexed
}

/// The texts of the tool files `problems` sit in (read once, each at most
/// 1 MiB, only when a tool file has a problem), so that the problems are
/// placed on their lines.
fn tool_file_texts(
    root: &Path,
    problems: &[crate::diagnostic::Diagnostic],
) -> Vec<(String, Arc<str>)> {
    let mut texts: Vec<(String, Arc<str>)> = Vec::new();
    for problem in problems {
        if texts.iter().any(|(path, _)| *path == problem.path) {
            continue;
        }
        if let Ok(Some(text)) = crate::scan::read_config_text(&root.join(&problem.path)) {
            texts.push((problem.path.clone(), Arc::from(text)));
        }
    }
    texts
}

fn walk_differs(a: &Config, b: &Config) -> bool {
    a.include != b.include || a.exclude != b.exclude || a.topics_dir != b.topics_dir
}
