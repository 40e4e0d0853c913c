//! Diagnostics for the protocol: the core's diagnostics of one journal
//! snapshot, converted per file (ranges in the negotiated encoding, code,
//! a link to the check's docs, related locations, fixes as `data`), and the
//! bookkeeping that re-publishes only the files whose diagnostics changed.
//! Diagnostics are computed per file (`checks::check_files`), never for a
//! whole journal at once, so that an edit's own file is published first and
//! other files are re-checked in small batches.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use jiff::civil::Date;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, PublishDiagnosticsParams, Uri,
};

use super::convert::{self, path_to_uri};
use super::state::FolderId;
use crate::config::CONFIG_FILE;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::journal::Journal;
use crate::text::{ColumnUnit, LineIndex, Span};

/// The `source` of every diagnostic.
pub const SOURCE: &str = "studylog";

/// The diagnostics of one file, ready to send. Files without diagnostics
/// have a report too (empty `items`): that is how a file becomes clean.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The workspace-relative path.
    pub path: String,
    pub uri: Uri,
    /// The open document's version the diagnostics were computed for.
    pub version: Option<i32>,
    pub items: Vec<lsp::Diagnostic>,
    /// A digest of `items` (used to skip re-publishing and as the pull
    /// model's `resultId`).
    pub digest: Digest,
    /// True when one of them is an `unknown-topic` (its did-you-mean reads
    /// the set of known topics).
    pub unknown_topic: bool,
}

/// A digest of a file's diagnostics: equal digests, equal diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digest(u64);

impl Digest {
    /// The digest of a file without diagnostics.
    pub const EMPTY: Digest = Digest(0);

    /// The digest as the pull model's `resultId`.
    pub fn result_id(self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The core diagnostics of `paths` of a journal, as they are published:
/// what the code actions of a file read too.
pub fn checked(texts: &Texts<'_>, paths: &[&str], today: Date) -> Vec<Diagnostic> {
    let mut raw = crate::checks::check_files(texts.ws, paths, today);
    // Today's entry in a note with unsaved changes is being filled in: its
    // blanks are hints until the note is saved.
    for path in paths.iter().filter(|p| texts.unsaved.contains(**p)) {
        crate::features::new_entry::soften_entry_in_progress(texts.ws, path, today, &mut raw);
    }
    raw
}

/// Checks `paths` of a journal and converts what each has (nothing included)
/// into reports, in the order of `paths`; also the core diagnostics of the
/// open documents among `paths` (for their code actions, see
/// [`super::last_checked`]).
pub fn reports_keeping_open(
    texts: &Texts<'_>,
    paths: &[&str],
    today: Date,
) -> (Vec<FileReport>, Vec<(String, Vec<Diagnostic>)>) {
    // The vault tool's settings files are reported with `studylog.toml`:
    // their problems come from the same load.
    let mut with_tools: Vec<&str> = paths.to_vec();
    if paths.contains(&CONFIG_FILE) {
        for tool in crate::checks::tool_files_with_problems(texts.ws) {
            if !with_tools.contains(&tool) {
                with_tools.push(tool);
            }
        }
    }
    let paths = with_tools.as_slice();
    let raw = checked(texts, paths, today);
    let mut by_path: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in &raw {
        by_path.entry(d.path.as_str()).or_default().push(d);
    }
    let open: Vec<(String, Vec<Diagnostic>)> = paths
        .iter()
        .filter(|path| texts.open.contains_key(**path))
        .map(|path| {
            let found = by_path.get(path).map(Vec::as_slice).unwrap_or(&[]);
            (
                path.to_string(),
                found.iter().map(|d| (*d).clone()).collect(),
            )
        })
        .collect();
    let reports = paths
        .iter()
        .filter_map(|path| {
            let uri = texts.uri(path)?;
            let found = by_path.get(path).map(Vec::as_slice).unwrap_or(&[]);
            let items: Vec<lsp::Diagnostic> = found.iter().map(|d| texts.diagnostic(d)).collect();
            Some(FileReport {
                path: path.to_string(),
                uri,
                version: texts.open.get(*path).map(|(_, v)| *v),
                digest: digest(&items),
                unknown_topic: found.iter().any(|d| d.code == Code::UnknownTopic),
                items,
            })
        })
        .collect();
    (reports, open)
}

pub(super) fn digest(items: &[lsp::Diagnostic]) -> Digest {
    if items.is_empty() {
        return Digest::EMPTY;
    }
    let mut hasher = DefaultHasher::new();
    serde_json::to_string(items)
        .unwrap_or_default()
        .hash(&mut hasher);
    // Zero stands for "no diagnostics" only.
    Digest(hasher.finish().max(1))
}

/// The texts of one journal, for speaking of places in any of its files in
/// protocol terms: URIs (an open document's own), ranges in the negotiated
/// encoding, locations, diagnostics.
pub struct Texts<'a> {
    pub ws: &'a Journal,
    root: &'a Path,
    /// Open documents: relative path -> (URI, version).
    pub open: &'a HashMap<String, (Uri, i32)>,
    /// Open documents with unsaved changes, by relative path.
    pub unsaved: &'a HashSet<String>,
    config: Option<(LineIndex, &'a str)>,
    /// The vault tool's settings files that have problems, with their text.
    tool_texts: &'a [(String, Arc<str>)],
    pub unit: ColumnUnit,
}

impl<'a> Texts<'a> {
    pub fn new(
        ws: &'a Journal,
        root: &'a Path,
        open: &'a HashMap<String, (Uri, i32)>,
        unsaved: &'a HashSet<String>,
        config_text: Option<&'a str>,
        tool_texts: &'a [(String, Arc<str>)],
        unit: ColumnUnit,
    ) -> Self {
        Texts {
            ws,
            root,
            open,
            unsaved,
            config: config_text.map(|text| (LineIndex::new(text), text)),
            tool_texts,
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
        // A tool settings file's problem: rare, so its lines are indexed here.
        if let Some((_, text)) = self.tool_texts.iter().find(|(p, _)| p == path) {
            return convert::range(&LineIndex::new(text), text, span, self.unit);
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
            // A link only to a page the user configured (`[editor] docs-url`);
            // otherwise the client gets the text from `studylog.explain`.
            code_description: self
                .ws
                .config()
                .docs_url
                .as_deref()
                .and_then(|url| Uri::from_str(&format!("{url}#{}", d.code.as_str())).ok())
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

/// One quick fix carried in a diagnostic's `data`, as stored by
/// [`Texts::diagnostic`].
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

/// What the client holds, per journal and file: only files with
/// diagnostics are remembered (a digest and whether they hold an
/// `unknown-topic`), so the bookkeeping stays small on a large journal.
#[derive(Debug, Default)]
pub struct Publisher {
    sent: HashMap<FolderId, HashMap<Box<str>, Sent>>,
}

/// One file the client holds diagnostics for. Its URI is kept as text:
/// a parsed `Uri` is several times larger inline, and at 50,000 files with
/// findings this map is most of what the server holds beyond the journal.
#[derive(Debug)]
struct Sent {
    uri: Box<str>,
    digest: Digest,
    unknown_topic: bool,
}

impl Publisher {
    /// The paths of a journal the client holds diagnostics for.
    pub fn paths(&self, id: FolderId) -> Vec<String> {
        self.sent
            .get(&id)
            .map(|files| files.keys().map(|p| p.to_string()).collect())
            .unwrap_or_default()
    }

    /// Every file the client holds diagnostics for, in every journal (its
    /// URI as published), with their digest.
    pub fn held(&self) -> impl Iterator<Item = (&str, Digest)> {
        self.sent
            .values()
            .flat_map(|files| files.values().map(|s| (&*s.uri, s.digest)))
    }

    /// The paths of a journal whose diagnostics hold an `unknown-topic`.
    pub fn unknown_topic_paths(&self, id: FolderId) -> Vec<String> {
        self.sent
            .get(&id)
            .map(|files| {
                files
                    .iter()
                    .filter(|(_, s)| s.unknown_topic)
                    .map(|(p, _)| p.to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The notifications that bring the client from what it holds to
    /// `reports`: files whose diagnostics changed, and empty lists for files
    /// that became clean.
    pub fn update(
        &mut self,
        id: FolderId,
        reports: Vec<FileReport>,
    ) -> Vec<PublishDiagnosticsParams> {
        let sent = self.sent.entry(id).or_default();
        let mut out = Vec::new();
        for report in reports {
            let clean = report.items.is_empty();
            let number = report.digest;
            let same = match sent.get(report.path.as_str()) {
                Some(previous) => {
                    !clean && previous.digest == number && *previous.uri == *report.uri.as_str()
                }
                None => clean,
            };
            if same {
                continue;
            }
            if clean {
                sent.remove(report.path.as_str());
            } else {
                sent.insert(
                    Box::from(report.path.as_str()),
                    Sent {
                        uri: Box::from(report.uri.as_str()),
                        digest: number,
                        unknown_topic: report.unknown_topic,
                    },
                );
            }
            out.push(PublishDiagnosticsParams::new(
                report.uri,
                report.items,
                report.version,
            ));
        }
        out
    }

    /// Clears everything published for a journal that is gone.
    pub fn forget(&mut self, id: FolderId) -> Vec<PublishDiagnosticsParams> {
        let Some(sent) = self.sent.remove(&id) else {
            return Vec::new();
        };
        // Each URI was a parsed `Uri` when it was published, so it parses.
        sent.into_values()
            .filter_map(|s| s.uri.parse().ok())
            .map(|uri| PublishDiagnosticsParams::new(uri, Vec::new(), None))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(path: &str, messages: &[&str]) -> FileReport {
        let items: Vec<lsp::Diagnostic> = messages
            .iter()
            .map(|m| lsp::Diagnostic {
                message: m.to_string(),
                ..Default::default()
            })
            .collect();
        FileReport {
            path: path.to_string(),
            uri: format!("file:///j/{path}").parse().expect("uri"),
            version: None,
            digest: digest(&items),
            unknown_topic: false,
            items,
        }
    }

    fn uris(params: &[PublishDiagnosticsParams]) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = params
            .iter()
            .map(|p| (p.uri.as_str().to_string(), p.diagnostics.len()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn only_changed_files_are_republished_and_clean_ones_cleared() {
        let mut publisher = Publisher::default();
        let first = publisher.update(
            1,
            vec![
                report("a.md", &["a"]),
                report("b.md", &["b"]),
                report("c.md", &[]),
            ],
        );
        assert_eq!(
            uris(&first),
            [("file:///j/a.md".into(), 1), ("file:///j/b.md".into(), 1)]
        );

        let second = publisher.update(1, vec![report("a.md", &["a"]), report("b.md", &["b2"])]);
        assert_eq!(uris(&second), [("file:///j/b.md".into(), 1)]);

        let third = publisher.update(1, vec![report("a.md", &[]), report("b.md", &[])]);
        assert_eq!(
            uris(&third),
            [("file:///j/a.md".into(), 0), ("file:///j/b.md".into(), 0)]
        );
        assert!(publisher.paths(1).is_empty());
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
