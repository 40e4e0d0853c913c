//! The server's state: the journals (one per workspace folder, plus one per
//! open markdown file outside every folder) and the open documents. Every
//! mutation here is synchronous and quick; handlers call it before any
//! `.await`, which is what keeps the order of edits and requests.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::config as settings;
use super::convert::{path_to_uri, relative_path, uri_to_path};
use super::disk::{DiskText, is_markdown};
use super::document::Document;
use crate::config::{CONFIG_FILE, JournalFilter};
use crate::impact::{LinkIndex, Replaced, Scope, replace_file};
use crate::journal::Journal;
use crate::scan::Detection;
use crate::text::ColumnUnit;
use settings_and_scans::reconfigure;

mod settings_and_scans;

pub type FolderId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FolderKind {
    /// A workspace folder of the editor: a whole journal.
    Workspace,
    /// A markdown file opened from outside every workspace folder: a journal
    /// of that one file, with default config (plus the editor's settings).
    SingleFile,
}

/// One journal.
#[derive(Clone, Debug)]
pub struct Folder {
    pub id: FolderId,
    pub kind: FolderKind,
    /// The folder's URI (the scope for `workspace/configuration`).
    pub uri: Uri,
    pub root: PathBuf,
    /// For a single-file journal: the file's name (its path below `root`).
    pub single_file: Option<String>,
    pub ws: Journal,
    /// Which files link to which names (to re-check links after an edit).
    pub links: LinkIndex,
    pub paths: JournalFilter,
    /// `studylog.toml` as last read from disk.
    pub config_on_disk: Option<Arc<str>>,
    /// Settings the client gave for this folder (`workspace/configuration`).
    pub scoped_settings: Option<Value>,
    /// The vault tool's settings found by the last scan (the config's base).
    pub detection: Detection,
    /// Whether the "never a silent zero" notice was shown for this folder
    /// (it is shown once per session).
    pub notice_shown: bool,
    /// False until the initial scan is in: diagnostics are not pushed before,
    /// as workspace-wide checks would see a partial journal.
    pub indexed: bool,
}

/// What a change to the state asks of the caller.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// Folders whose files must be re-walked (their include/exclude or topics
    /// folder changed).
    pub rescan: Vec<FolderId>,
    /// Something changed: diagnostics are due.
    pub dirty: bool,
    /// Open documents whose own diagnostics are due first (they were edited).
    pub edited: Vec<(FolderId, String)>,
    /// Files to re-check per journal, because facts they read changed.
    pub scopes: Vec<(FolderId, Scope)>,
}

impl Effects {
    pub fn merge(&mut self, other: Effects) {
        for id in other.rescan {
            if !self.rescan.contains(&id) {
                self.rescan.push(id);
            }
        }
        self.dirty |= other.dirty;
        for edited in other.edited {
            if !self.edited.contains(&edited) {
                self.edited.push(edited);
            }
        }
        self.scopes.extend(other.scopes);
    }

    /// Every file of `id` is due (config, rescan, a folder deleted).
    fn all(id: FolderId) -> Effects {
        Effects {
            dirty: true,
            scopes: vec![(id, Scope::all())],
            ..Effects::default()
        }
    }
}

#[derive(Debug, Default)]
pub struct State {
    /// The negotiated position encoding.
    pub unit: ColumnUnit,
    pub folders: Vec<Folder>,
    pub docs: HashMap<Uri, Document>,
    /// Local path of each open `file:` document -> its URI as the client wrote it.
    open_paths: HashMap<PathBuf, Uri>,
    /// Settings from `initializationOptions` and `didChangeConfiguration`.
    pub settings: Value,
    /// Folders removed since the diagnostics worker last looked.
    pub removed: Vec<FolderId>,
    next_id: FolderId,
}

impl State {
    pub fn new(unit: ColumnUnit, settings: Value) -> Self {
        State {
            unit,
            settings,
            ..State::default()
        }
    }

    /// The journals of the editor's workspace folders (not single files).
    pub fn workspace_folder_ids(&self) -> Vec<FolderId> {
        self.folders
            .iter()
            .filter(|f| f.kind == FolderKind::Workspace)
            .map(|f| f.id)
            .collect()
    }

    pub fn folder(&self, id: FolderId) -> Option<&Folder> {
        self.folders.iter().find(|f| f.id == id)
    }

    fn folder_mut(&mut self, id: FolderId) -> Option<&mut Folder> {
        self.folders.iter_mut().find(|f| f.id == id)
    }

    /// Adds a workspace folder (not yet indexed). Returns its id, or `None`
    /// when the URI is not a local folder or is already open.
    pub fn add_workspace_folder(&mut self, uri: &Uri) -> Option<FolderId> {
        let root = uri_to_path(uri)?;
        if self
            .folders
            .iter()
            .any(|f| f.kind == FolderKind::Workspace && f.root == root)
        {
            return None;
        }
        let id = self.new_folder(FolderKind::Workspace, uri.clone(), root.clone());
        // Files opened alone from inside the new folder now belong to it.
        let adopted: Vec<FolderId> = self
            .folders
            .iter()
            .filter(|f| f.kind == FolderKind::SingleFile && f.root.starts_with(&root))
            .map(|f| f.id)
            .collect();
        for single in adopted {
            self.drop_folder(single);
        }
        self.resync_open_docs_under(&root);
        Some(id)
    }

    /// Removes a workspace folder; its open documents move to whichever
    /// journal holds them now (another folder, or one of their own).
    pub fn remove_workspace_folder(&mut self, uri: &Uri) -> Option<FolderId> {
        let root = uri_to_path(uri)?;
        let id = self
            .folders
            .iter()
            .find(|f| f.kind == FolderKind::Workspace && f.root == root)?
            .id;
        self.drop_folder(id);
        self.resync_open_docs_under(&root);
        Some(id)
    }

    fn new_folder(&mut self, kind: FolderKind, uri: Uri, root: PathBuf) -> FolderId {
        self.next_id += 1;
        let id = self.next_id;
        let (config, problems) = settings::resolve(None, &self.settings, &Detection::default());
        let paths = JournalFilter::new(&config);
        self.folders.push(Folder {
            id,
            kind,
            uri,
            root,
            single_file: None,
            ws: Journal::new(config, problems),
            links: LinkIndex::default(),
            paths,
            config_on_disk: None,
            scoped_settings: None,
            detection: Detection::default(),
            notice_shown: false,
            indexed: kind == FolderKind::SingleFile,
        });
        id
    }

    fn drop_folder(&mut self, id: FolderId) {
        self.folders.retain(|f| f.id != id);
        self.removed.push(id);
    }

    fn resync_open_docs_under(&mut self, root: &Path) {
        let paths: Vec<PathBuf> = self
            .open_paths
            .keys()
            .filter(|p| p.starts_with(root))
            .cloned()
            .collect();
        for path in paths {
            self.sync_open_path(&path);
        }
    }

    /// The journal a local path belongs to and the path relative to its
    /// root: the innermost workspace folder holding it, or the single-file
    /// journal made for it.
    pub fn locate(&self, path: &Path) -> Option<(FolderId, String)> {
        let mut best: Option<(&Folder, String)> = None;
        for folder in &self.folders {
            let Some(rel) = relative_path(&folder.root, path) else {
                continue;
            };
            let fits = match folder.kind {
                FolderKind::Workspace => true,
                FolderKind::SingleFile => folder.single_file.as_deref() == Some(rel.as_str()),
            };
            let deeper = best.as_ref().is_none_or(|(b, _)| {
                folder.root.components().count() > b.root.components().count()
            });
            if fits && deeper {
                best = Some((folder, rel));
            }
        }
        best.map(|(f, rel)| (f.id, rel))
    }

    /// The journal of a document URI, when it is a local file.
    pub fn locate_uri(&self, uri: &Uri) -> Option<(FolderId, String)> {
        self.locate(&uri_to_path(uri)?)
    }

    pub fn open_doc(&mut self, uri: Uri, text: &str, version: i32) -> Effects {
        self.docs.insert(uri.clone(), Document::new(text, version));
        let Some(path) = uri_to_path(&uri) else {
            return Effects::default();
        };
        self.open_paths.insert(path.clone(), uri);
        let mut effects = Effects::default();
        if self.locate(&path).is_none() && is_markdown(&path.to_string_lossy()) {
            self.open_single_file(&path);
        }
        effects.merge(self.sync_open_path(&path));
        effects
    }

    fn open_single_file(&mut self, path: &Path) {
        let (Some(parent), Some(uri)) = (path.parent(), path_to_uri(path)) else {
            return;
        };
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            return;
        };
        let id = self.new_folder(FolderKind::SingleFile, uri, parent.to_path_buf());
        if let Some(folder) = self.folder_mut(id) {
            folder.single_file = Some(name.to_string());
        }
    }

    /// Applies a `didChange`. Errors (an unknown document) are for the log.
    pub fn change_doc(
        &mut self,
        uri: &Uri,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
    ) -> Result<Effects, String> {
        let unit = self.unit;
        let doc = self
            .docs
            .get_mut(uri)
            .ok_or_else(|| format!("change to a document that is not open: {}", uri.as_str()))?;
        // Versions only grow; an older one is a stale or reordered change,
        // and applying it would corrupt the text.
        if version < doc.version {
            return Err(format!(
                "ignored a change to {} with version {version}, older than the document's {}",
                uri.as_str(),
                doc.version
            ));
        }
        doc.apply_changes(changes, version, unit);
        Ok(match uri_to_path(uri) {
            Some(path) => self.sync_open_path(&path),
            None => Effects::default(),
        })
    }

    /// The editor saved a document: its text is no longer unsaved, and its
    /// own diagnostics are due (an entry being filled in gets its findings'
    /// own severity back).
    pub fn save_doc(&mut self, uri: &Uri) -> Effects {
        let Some(doc) = self.docs.get_mut(uri) else {
            return Effects::default();
        };
        if !std::mem::take(&mut doc.unsaved) {
            return Effects::default();
        }
        match uri_to_path(uri).and_then(|path| self.locate(&path)) {
            Some(edited) => Effects {
                dirty: true,
                edited: vec![edited],
                ..Effects::default()
            },
            None => Effects::default(),
        }
    }

    /// Closes a document. Returns the local path whose disk content must now
    /// be read back into its journal (it may differ from the unsaved text).
    pub fn close_doc(&mut self, uri: &Uri) -> (Effects, Option<PathBuf>) {
        self.docs.remove(uri);
        let Some(path) = uri_to_path(uri) else {
            return (Effects::default(), None);
        };
        self.open_paths.remove(&path);
        let single = self.locate(&path).and_then(|(id, _)| {
            let f = self.folder(id)?;
            (f.kind == FolderKind::SingleFile).then_some(id)
        });
        if let Some(id) = single {
            self.drop_folder(id);
            return (
                Effects {
                    dirty: true,
                    ..Effects::default()
                },
                None,
            );
        }
        (Effects::default(), Some(path))
    }

    /// Puts an open document's current text into its journal.
    fn sync_open_path(&mut self, path: &Path) -> Effects {
        let Some(uri) = self.open_paths.get(path) else {
            return Effects::default();
        };
        let Some(text) = self.docs.get(uri).map(|d| d.text()) else {
            return Effects::default();
        };
        if self.locate(path).is_none() && is_markdown(&path.to_string_lossy()) {
            self.open_single_file(path);
        }
        self.set_path_text(path, Some(text))
    }

    /// Applies what the disk now holds at `path` (after a watcher event or a
    /// close). Open documents keep their unsaved text; the disk text of an
    /// open `studylog.toml` is remembered for when it closes.
    pub fn apply_disk(&mut self, path: &Path, disk: DiskText) -> Effects {
        let text = match disk {
            DiskText::Text(text) => Some(Arc::<str>::from(text)),
            DiskText::Missing => None,
            DiskText::Skipped(reason) => {
                tracing::info!("skipping {}: {reason}", path.display());
                None
            }
        };
        if let Some((id, rel)) = self.locate(path) {
            if rel == CONFIG_FILE {
                if let Some(folder) = self.folder_mut(id) {
                    folder.config_on_disk = text.clone();
                }
            }
        }
        if self.open_paths.contains_key(path) {
            return Effects::default();
        }
        self.set_path_text(path, text)
    }

    /// Forgets every journal file at or below `path` (a deleted folder).
    pub fn remove_under(&mut self, path: &Path) -> Effects {
        let mut effects = Effects::default();
        let open: Vec<PathBuf> = self.open_paths.keys().cloned().collect();
        for folder in &mut self.folders {
            let gone: Vec<String> = folder
                .ws
                .files()
                .map(|f| f.path.clone())
                .filter(|rel| {
                    let abs = folder.root.join(rel);
                    abs.starts_with(path) && !open.contains(&abs)
                })
                .collect();
            if gone.is_empty() {
                continue;
            }
            for rel in gone {
                if let Some(old) = folder.ws.remove_file(&rel) {
                    folder.links.remove(&old);
                }
            }
            effects.merge(Effects::all(folder.id));
        }
        effects
    }

    /// Sets (or with `None`, removes) the text of `path` in its journal: a
    /// journal file, or the journal's `studylog.toml`.
    fn set_path_text(&mut self, path: &Path, text: Option<Arc<str>>) -> Effects {
        let Some((id, rel)) = self.locate(path) else {
            return Effects::default();
        };
        let global = self.settings.clone();
        let open = self.open_paths.contains_key(path);
        let Some(folder) = self.folder_mut(id) else {
            return Effects::default();
        };
        if rel == CONFIG_FILE && folder.kind == FolderKind::Workspace {
            let rescan = reconfigure(folder, text, &global);
            let mut effects = Effects::all(id);
            if rescan {
                effects.rescan.push(id);
            }
            return effects;
        }
        let belongs = folder.kind == FolderKind::SingleFile || folder.paths.is_journal_path(&rel);
        // A path the journal does not read is only ever removed from it.
        let text = text.filter(|_| belongs);
        let scope = match replace_file(&mut folder.ws, &mut folder.links, &rel, text) {
            Replaced::Nothing => return Effects::default(),
            Replaced::TooLarge(scope) => {
                tracing::info!("skipping {}: too large", path.display());
                if scope == Scope::default() {
                    return Effects::default();
                }
                scope
            }
            Replaced::Changed(scope) => scope,
        };
        let mut effects = Effects {
            dirty: true,
            scopes: vec![(id, scope)],
            ..Effects::default()
        };
        if open {
            effects.edited.push((id, rel));
        }
        effects
    }

    /// The open documents of a journal: relative path -> (URI, version).
    pub fn open_in(&self, id: FolderId) -> HashMap<String, (Uri, i32)> {
        let mut open = HashMap::new();
        let Some(folder) = self.folder(id) else {
            return open;
        };
        for (path, uri) in &self.open_paths {
            let (Some(rel), Some(doc)) = (relative_path(&folder.root, path), self.docs.get(uri))
            else {
                continue;
            };
            if folder.ws.file(&rel).is_some() || rel == CONFIG_FILE {
                open.insert(rel, (uri.clone(), doc.version));
            }
        }
        open
    }

    /// The open documents of a journal with unsaved changes, by relative path.
    pub fn unsaved_in(&self, id: FolderId) -> HashSet<String> {
        let Some(folder) = self.folder(id) else {
            return HashSet::new();
        };
        self.open_paths
            .iter()
            .filter(|(_, uri)| self.docs.get(*uri).is_some_and(|d| d.unsaved))
            .filter_map(|(path, _)| relative_path(&folder.root, path))
            .collect()
    }
}

#[cfg(test)]
mod tests;
