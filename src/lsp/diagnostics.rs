//! Diagnostics for the protocol: the core's diagnostics of one journal
//! snapshot, converted per file (ranges in the negotiated encoding, code,
//! a link to the check's docs, related locations, fixes as `data`), and the
//! bookkeeping that re-publishes only the files whose diagnostics changed.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::str::FromStr;

use jiff::civil::Date;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, PublishDiagnosticsParams, Uri,
};

use super::convert::{self, path_to_uri};
use super::state::{FolderId, FolderSnapshot};
use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::{ColumnUnit, LineIndex, Span};
use crate::workspace::Workspace;

/// Where each check is documented; a diagnostic links to `#<code>` on it.
pub const CHECKS_DOC_URL: &str = "https://github.com/studylog/studylog/blob/main/docs/checks.md";

/// The `source` of every diagnostic.
pub const SOURCE: &str = "studylog";

/// The diagnostics of one file, ready to send.
#[derive(Clone, Debug)]
pub struct FileDiagnostics {
    pub uri: Uri,
    /// The open document's version the diagnostics were computed for.
    pub version: Option<i32>,
    pub items: Vec<lsp::Diagnostic>,
    /// A digest of `items`: equal digests, equal diagnostics (used to skip
    /// re-publishing and as the pull model's `resultId`).
    pub digest: String,
}

/// The diagnostics of one journal at one generation. Only files that have
/// diagnostics are listed.
#[derive(Clone, Debug)]
pub struct FolderDiagnostics {
    pub id: FolderId,
    pub generation: u64,
    pub files: BTreeMap<String, FileDiagnostics>,
    /// The core's diagnostics by path (what code actions work from).
    pub raw: BTreeMap<String, Vec<Diagnostic>>,
}

/// The digest of a file without diagnostics.
pub const EMPTY_DIGEST: &str = "empty";

/// A journal to compute diagnostics for: a snapshot, or the live state.
pub struct Source<'a> {
    pub id: FolderId,
    pub generation: u64,
    pub ws: &'a Workspace,
    pub root: &'a Path,
    pub open: &'a HashMap<String, (Uri, i32)>,
    pub config_text: Option<&'a str>,
    pub unit: ColumnUnit,
}

impl FolderSnapshot {
    pub fn source(&self) -> Source<'_> {
        Source {
            id: self.id,
            generation: self.generation,
            ws: &self.ws,
            root: &self.root,
            open: &self.open,
            config_text: self.config_text.as_deref(),
            unit: self.unit,
        }
    }
}

/// Computes and converts every diagnostic of a journal.
pub fn compute(snap: &Source<'_>, today: Date) -> FolderDiagnostics {
    let mut raw: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for diagnostic in snap.ws.diagnostics(today) {
        raw.entry(diagnostic.path.clone())
            .or_default()
            .push(diagnostic);
    }
    let texts = Texts::new(snap.ws, snap.root, snap.open, snap.config_text, snap.unit);
    let mut files = BTreeMap::new();
    for (path, diagnostics) in &raw {
        let Some(uri) = texts.uri(path) else {
            continue;
        };
        let items: Vec<lsp::Diagnostic> = diagnostics.iter().map(|d| texts.diagnostic(d)).collect();
        let version = snap.open.get(path).map(|(_, v)| *v);
        files.insert(
            path.clone(),
            FileDiagnostics {
                uri,
                version,
                digest: digest(&items),
                items,
            },
        );
    }
    FolderDiagnostics {
        id: snap.id,
        generation: snap.generation,
        files,
        raw,
    }
}

fn digest(items: &[lsp::Diagnostic]) -> String {
    if items.is_empty() {
        return EMPTY_DIGEST.to_string();
    }
    let mut hasher = DefaultHasher::new();
    serde_json::to_string(items)
        .unwrap_or_default()
        .hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The texts of one journal, for speaking of places in any of its files in
/// protocol terms: URIs (an open document's own), ranges in the negotiated
/// encoding, locations, diagnostics.
pub struct Texts<'a> {
    ws: &'a Workspace,
    root: &'a Path,
    /// Open documents: relative path -> (URI, version).
    open: &'a HashMap<String, (Uri, i32)>,
    config: Option<(LineIndex, &'a str)>,
    pub unit: ColumnUnit,
}

impl<'a> Texts<'a> {
    pub fn new(
        ws: &'a Workspace,
        root: &'a Path,
        open: &'a HashMap<String, (Uri, i32)>,
        config_text: Option<&'a str>,
        unit: ColumnUnit,
    ) -> Self {
        Texts {
            ws,
            root,
            open,
            config: config_text.map(|text| (LineIndex::new(text), text)),
            unit,
        }
    }

    /// The URI of a journal-relative path (which need not exist yet).
    pub fn uri(&self, path: &str) -> Option<Uri> {
        match self.open.get(path) {
            Some((uri, _)) => Some(uri.clone()),
            None => path_to_uri(&self.root.join(path)),
        }
    }

    /// The range of `span` in the file at `path` (the start of a file that
    /// does not exist yet).
    pub fn range(&self, path: &str, span: Span) -> lsp::Range {
        if let Some(file) = self.ws.file(path) {
            return convert::range(&file.line_index, &file.text, span, self.unit);
        }
        if path == CONFIG_FILE {
            if let Some((index, text)) = &self.config {
                return convert::range(index, text, span, self.unit);
            }
        }
        lsp::Range::default()
    }

    pub fn location(&self, path: &str, span: Span) -> Option<Location> {
        Some(Location::new(self.uri(path)?, self.range(path, span)))
    }

    /// A core diagnostic in protocol form: code, docs link, related
    /// locations, and its fixes as `data` for code actions.
    pub fn diagnostic(&self, d: &Diagnostic) -> lsp::Diagnostic {
        let related: Vec<DiagnosticRelatedInformation> = d
            .related
            .iter()
            .filter_map(|r| {
                Some(DiagnosticRelatedInformation {
                    location: self.location(&r.path, r.span)?,
                    message: r.message.clone(),
                })
            })
            .collect();
        let fixes: Vec<Value> = d
            .fixes
            .iter()
            .map(|fix| {
                let edits: Vec<Value> = fix
                    .edits
                    .iter()
                    .filter_map(|e| {
                        Some(json!({
                            "uri": self.uri(&e.path)?,
                            "range": self.range(&e.path, e.span),
                            "newText": e.new_text,
                        }))
                    })
                    .collect();
                json!({ "title": fix.title, "edits": edits })
            })
            .collect();
        lsp::Diagnostic {
            range: self.range(&d.path, d.span),
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.code.as_str().to_string())),
            code_description: Uri::from_str(&format!("{CHECKS_DOC_URL}#{}", d.code.as_str()))
                .ok()
                .map(|href| CodeDescription { href }),
            source: Some(SOURCE.to_string()),
            message: d.message.clone(),
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: (!fixes.is_empty()).then(|| json!({ "fixes": fixes })),
        }
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// One quick fix carried in a diagnostic's `data`, as stored by [`compute`].
#[derive(Clone, Debug, serde::Deserialize)]
pub struct DataFix {
    pub title: String,
    pub edits: Vec<DataEdit>,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataEdit {
    pub uri: Uri,
    pub range: lsp::Range,
    pub new_text: String,
}

/// The fixes stored in a diagnostic's `data` (none when absent or malformed).
pub fn fixes_of(d: &lsp::Diagnostic) -> Vec<DataFix> {
    d.data
        .as_ref()
        .and_then(|data| data.get("fixes"))
        .and_then(|fixes| serde_json::from_value(fixes.clone()).ok())
        .unwrap_or_default()
}

/// What has been published to the client, per journal and URI, so that only
/// changed files are sent again and files that became clean are cleared.
#[derive(Debug, Default)]
pub struct Publisher {
    sent: HashMap<FolderId, (u64, HashMap<Uri, String>)>,
}

impl Publisher {
    /// The generation last published for a journal.
    pub fn generation(&self, id: FolderId) -> Option<u64> {
        self.sent.get(&id).map(|(g, _)| *g)
    }

    /// Records `generation` as handled without publishing anything.
    pub fn mark(&mut self, id: FolderId, generation: u64) {
        self.sent.entry(id).or_default().0 = generation;
    }

    /// The notifications that bring the client from what it was sent to
    /// `result`: changed files, and empty lists for files now clean.
    pub fn update(&mut self, result: &FolderDiagnostics) -> Vec<PublishDiagnosticsParams> {
        let (generation, sent) = self.sent.entry(result.id).or_default();
        *generation = result.generation;
        let mut out = Vec::new();
        let mut now: HashMap<Uri, String> = HashMap::new();
        for file in result.files.values() {
            if sent.get(&file.uri) != Some(&file.digest) {
                out.push(PublishDiagnosticsParams::new(
                    file.uri.clone(),
                    file.items.clone(),
                    file.version,
                ));
            }
            now.insert(file.uri.clone(), file.digest.clone());
        }
        for uri in sent.keys() {
            if !now.contains_key(uri) {
                out.push(PublishDiagnosticsParams::new(uri.clone(), Vec::new(), None));
            }
        }
        *sent = now;
        out
    }

    /// Clears everything published for a journal that is gone.
    pub fn forget(&mut self, id: FolderId) -> Vec<PublishDiagnosticsParams> {
        let Some((_, sent)) = self.sent.remove(&id) else {
            return Vec::new();
        };
        sent.into_keys()
            .map(|uri| PublishDiagnosticsParams::new(uri, Vec::new(), None))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(uri: &str, message: &str) -> FileDiagnostics {
        let items = vec![lsp::Diagnostic {
            message: message.to_string(),
            ..Default::default()
        }];
        FileDiagnostics {
            uri: uri.parse().expect("uri"),
            version: None,
            digest: digest(&items),
            items,
        }
    }

    fn result(generation: u64, files: &[(&str, FileDiagnostics)]) -> FolderDiagnostics {
        FolderDiagnostics {
            id: 1,
            generation,
            files: files
                .iter()
                .map(|(p, f)| (p.to_string(), f.clone()))
                .collect(),
            raw: BTreeMap::new(),
        }
    }

    fn uris(params: &[PublishDiagnosticsParams]) -> Vec<(String, usize)> {
        params
            .iter()
            .map(|p| (p.uri.as_str().to_string(), p.diagnostics.len()))
            .collect()
    }

    #[test]
    fn only_changed_files_are_republished_and_clean_ones_cleared() {
        let mut publisher = Publisher::default();
        let a = file("file:///j/a.md", "a");
        let b = file("file:///j/b.md", "b");
        let first = publisher.update(&result(1, &[("a.md", a.clone()), ("b.md", b.clone())]));
        assert_eq!(
            uris(&first),
            [("file:///j/a.md".into(), 1), ("file:///j/b.md".into(), 1)]
        );

        let b2 = file("file:///j/b.md", "b changed");
        let second = publisher.update(&result(2, &[("a.md", a), ("b.md", b2)]));
        assert_eq!(uris(&second), [("file:///j/b.md".into(), 1)]);

        let third = publisher.update(&result(3, &[]));
        let mut cleared = uris(&third);
        cleared.sort();
        assert_eq!(
            cleared,
            [("file:///j/a.md".into(), 0), ("file:///j/b.md".into(), 0)]
        );
        assert_eq!(publisher.generation(1), Some(3));
        assert!(publisher.forget(1).is_empty());
    }

    #[test]
    fn fixes_round_trip_through_data() {
        let d = lsp::Diagnostic {
            data: Some(json!({ "fixes": [{
                "title": "Write `#load-balancing`",
                "edits": [{
                    "uri": "file:///j/a.md",
                    "range": { "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 3 } },
                    "newText": "#load-balancing"
                }]
            }]})),
            ..Default::default()
        };
        let fixes = fixes_of(&d);
        assert_eq!(fixes.len(), 1);
        assert_eq!(fixes[0].edits[0].new_text, "#load-balancing");
        assert!(fixes_of(&lsp::Diagnostic::default()).is_empty());
    }
}
