//! Feature adapters: protocol request in, core feature call on byte offsets,
//! protocol answer out (texlab's from_proto -> feature -> to_proto). Each
//! runs synchronously on the state as of its request.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::convert;
use super::diagnostics::{self, Texts};
use super::state::{FolderId, State};
use crate::diagnostic::{Diagnostic, TextEdit};
use crate::features::{self, FileCreate, FileRename, actions, completion, hover, navigation};
use crate::journal::Journal;
use crate::syntax::JournalFile;
use crate::text::Span;

mod new_entry_plan;
mod outline;

pub use new_entry_plan::{NewEntryPlan, new_entry};
pub use outline::{document_symbols, folding_ranges, inlay_hints, workspace_symbols};

/// A request's document: its journal, its path there, and what is needed to
/// speak about the journal's files in protocol terms.
pub struct Ctx<'a> {
    /// The journal's id in the state.
    pub id: FolderId,
    ws: &'a Journal,
    root: &'a Path,
    pub rel: String,
    open: HashMap<String, (Uri, i32)>,
    unsaved: HashSet<String>,
    config_text: Option<Arc<str>>,
    tool_texts: &'a [(String, Arc<str>)],
    pub unit: crate::text::ColumnUnit,
}

impl<'a> Ctx<'a> {
    /// The context of `uri`, when it belongs to a journal.
    pub fn new(state: &'a State, uri: &Uri) -> Option<Ctx<'a>> {
        let (id, rel) = state.locate_uri(uri)?;
        Ctx::in_folder(state, id, rel)
    }

    pub fn in_folder(state: &'a State, id: FolderId, rel: String) -> Option<Ctx<'a>> {
        let folder = state.folder(id)?;
        Some(Ctx {
            id,
            ws: &folder.ws,
            root: &folder.root,
            rel,
            open: state.open_in(id),
            unsaved: state.unsaved_in(id),
            config_text: state.config_text(id),
            tool_texts: &folder.detection.texts,
            unit: state.unit,
        })
    }

    pub fn ws(&self) -> &'a Journal {
        self.ws
    }

    fn file(&self) -> Option<&'a Arc<JournalFile>> {
        self.ws.file(&self.rel)
    }

    pub fn texts(&self) -> Texts<'_> {
        Texts::new(
            self.ws,
            self.root,
            &self.open,
            &self.unsaved,
            self.config_text.as_deref(),
            self.tool_texts,
            self.unit,
        )
    }

    /// The byte offset of a position in the request's document.
    fn offset(&self, pos: lsp::Position) -> Option<usize> {
        let file = self.file()?;
        Some(convert::offset(
            &file.line_index,
            &file.text,
            pos,
            self.unit,
        ))
    }

    fn span(&self, range: lsp::Range) -> Option<Span> {
        let file = self.file()?;
        Some(convert::span(
            &file.line_index,
            &file.text,
            range,
            self.unit,
        ))
    }

    fn location(&self, loc: &features::Location) -> Option<lsp::Location> {
        self.texts().location(&loc.path, loc.span)
    }

    /// Text edits grouped by document.
    fn edits(&self, edits: &[TextEdit]) -> HashMap<Uri, Vec<lsp::TextEdit>> {
        let texts = self.texts();
        let mut out: HashMap<Uri, Vec<lsp::TextEdit>> = HashMap::new();
        for edit in edits {
            let Some(uri) = texts.uri(&edit.path) else {
                continue;
            };
            out.entry(uri).or_default().push(lsp::TextEdit::new(
                texts.range(&edit.path, edit.span),
                edit.new_text.clone(),
            ));
        }
        out
    }

    /// A workspace edit: files to create (with their content), text edits,
    /// then renames; plain `changes` when nothing but text edits.
    fn workspace_edit(
        &self,
        edits: &[TextEdit],
        creates: &[FileCreate],
        renames: &[FileRename],
    ) -> lsp::WorkspaceEdit {
        let by_uri = self.edits(edits);
        if creates.is_empty() && renames.is_empty() {
            return lsp::WorkspaceEdit::new(by_uri);
        }
        let texts = self.texts();
        let mut ops: Vec<lsp::DocumentChangeOperation> = Vec::new();
        for create in creates {
            let Some(uri) = texts.uri(&create.path) else {
                continue;
            };
            ops.push(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(
                lsp::CreateFile {
                    uri: uri.clone(),
                    options: Some(lsp::CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                },
            )));
            ops.push(text_document_edit(
                uri,
                vec![lsp::TextEdit::new(
                    lsp::Range::default(),
                    create.content.clone(),
                )],
            ));
        }
        let mut by_uri: Vec<(Uri, Vec<lsp::TextEdit>)> = by_uri.into_iter().collect();
        by_uri.sort_by(|a, b| a.0.cmp(&b.0));
        for (uri, edits) in by_uri {
            ops.push(text_document_edit(uri, edits));
        }
        for rename in renames {
            let (Some(old_uri), Some(new_uri)) = (texts.uri(&rename.from), texts.uri(&rename.to))
            else {
                continue;
            };
            ops.push(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Rename(
                lsp::RenameFile {
                    old_uri,
                    new_uri,
                    options: None,
                    annotation_id: None,
                },
            )));
        }
        lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Operations(ops)),
            ..Default::default()
        }
    }
}

fn text_document_edit(uri: Uri, edits: Vec<lsp::TextEdit>) -> lsp::DocumentChangeOperation {
    lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
        text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version: None },
        edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
    })
}

fn markdown(value: String) -> lsp::MarkupContent {
    lsp::MarkupContent {
        kind: lsp::MarkupKind::Markdown,
        value,
    }
}

/// What the client can take of a completion list.
#[derive(Clone, Copy, Debug, Default)]
pub struct CompletionClient {
    /// Snippets (else they become plain text).
    pub snippets: bool,
    /// `completionItem/resolve` for `documentation`: topic items leave it
    /// out and carry [`TopicDoc`] in `data` instead.
    pub resolve_documentation: bool,
}

/// Where a topic item's documentation is computed from on
/// `completionItem/resolve`: the document and the byte offset completed at
/// (the word typed there is not counted as a use), kept in the item's
/// `data` as `[uri, offset]`.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct TopicDoc(pub Uri, pub usize);

pub fn completion(
    ctx: &Ctx<'_>,
    pos: lsp::Position,
    today: Date,
    client: CompletionClient,
) -> Option<lsp::CompletionResponse> {
    let snippets = client.snippets;
    let offset = ctx.offset(pos)?;
    let list = completion::completions(ctx.ws(), &ctx.rel, offset, today);
    let texts = ctx.texts();
    let doc_uri = texts.uri(&ctx.rel);
    let items = list
        .items
        .into_iter()
        .map(|c| {
            // Sent on `completionItem/resolve` for the selected item only:
            // a `#` list of 80 topics is most of its bytes otherwise.
            let deferred = match &doc_uri {
                Some(uri)
                    if client.resolve_documentation
                        && c.kind == completion::CompletionKind::Topic
                        && c.documentation.is_some() =>
                {
                    serde_json::to_value(TopicDoc(uri.clone(), offset)).ok()
                }
                _ => None,
            };
            let documentation = if deferred.is_some() {
                None
            } else {
                c.documentation
            };
            let new_text = if c.is_snippet && !snippets {
                snippet_as_plain_text(&c.edit.new_text)
            } else {
                c.edit.new_text
            };
            lsp::CompletionItem {
                label: c.label,
                kind: Some(match c.kind {
                    completion::CompletionKind::Topic => lsp::CompletionItemKind::KEYWORD,
                    completion::CompletionKind::Field => lsp::CompletionItemKind::FIELD,
                    completion::CompletionKind::Date => lsp::CompletionItemKind::EVENT,
                    completion::CompletionKind::Note => lsp::CompletionItemKind::FILE,
                    completion::CompletionKind::Heading => lsp::CompletionItemKind::REFERENCE,
                }),
                detail: c.detail,
                // `labelDetails.detail` is drawn right after the label,
                // without a space of its own.
                label_details: c.label_details.map(|l| lsp::CompletionItemLabelDetails {
                    detail: Some(format!(" {}", l.detail)),
                    description: Some(l.description),
                }),
                documentation: documentation
                    .map(|d| lsp::Documentation::MarkupContent(markdown(d))),
                data: deferred,
                sort_text: Some(c.sort_text),
                filter_text: Some(c.filter_text),
                insert_text_format: Some(if c.is_snippet && snippets {
                    lsp::InsertTextFormat::SNIPPET
                } else {
                    lsp::InsertTextFormat::PLAIN_TEXT
                }),
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                    texts.range(&ctx.rel, c.edit.span),
                    new_text,
                ))),
                ..Default::default()
            }
        })
        .collect();
    Some(lsp::CompletionResponse::List(lsp::CompletionList {
        is_incomplete: list.is_incomplete,
        items,
    }))
}

/// Fills in the documentation a topic item left out (see [`TopicDoc`]);
/// any other item comes back as it is.
pub fn resolve_completion(
    ctx: &Ctx<'_>,
    at: usize,
    today: Date,
    mut item: lsp::CompletionItem,
) -> lsp::CompletionItem {
    if item.documentation.is_none() {
        item.documentation =
            completion::topic_documentation_of(ctx.ws(), &ctx.rel, at, today, &item.label)
                .map(|d| lsp::Documentation::MarkupContent(markdown(d)));
    }
    item
}

/// A snippet for a client without snippet support: `${1:text}` becomes
/// `text`, `${1|a,b|}` becomes `a`, bare tab stops (`$1`, `$0`) vanish,
/// `\$` becomes `$`.
pub fn snippet_as_plain_text(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut chars = snippet.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '$' => match chars.peek() {
                Some(d) if d.is_ascii_digit() => {
                    while chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                        chars.next();
                    }
                }
                Some('{') => {
                    chars.next();
                    while chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                        chars.next();
                    }
                    let mut inner = String::new();
                    let mut depth = 1;
                    for c in chars.by_ref() {
                        match c {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        inner.push(c);
                    }
                    let value = if let Some(choices) = inner.strip_prefix('|') {
                        choices
                            .trim_end_matches('|')
                            .split(',')
                            .next()
                            .unwrap_or("")
                            .to_string()
                    } else {
                        inner.strip_prefix(':').unwrap_or("").to_string()
                    };
                    out.push_str(&snippet_as_plain_text(&value));
                }
                _ => out.push('$'),
            },
            _ => out.push(c),
        }
    }
    out
}

pub fn hover(ctx: &Ctx<'_>, pos: lsp::Position, today: Date) -> Option<lsp::Hover> {
    let offset = ctx.offset(pos)?;
    let found = hover::hover(ctx.ws(), &ctx.rel, offset, today)?;
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(markdown(found.markdown)),
        range: Some(ctx.texts().range(&ctx.rel, found.span)),
    })
}

pub fn definition(ctx: &Ctx<'_>, pos: lsp::Position) -> Option<lsp::GotoDefinitionResponse> {
    let offset = ctx.offset(pos)?;
    let found = navigation::definition(ctx.ws(), &ctx.rel, offset, ctx.config_text.as_deref());
    let locations: Vec<lsp::Location> = found.iter().filter_map(|l| ctx.location(l)).collect();
    (!locations.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(locations))
}

pub fn references(
    ctx: &Ctx<'_>,
    pos: lsp::Position,
    include_declaration: bool,
) -> Option<Vec<lsp::Location>> {
    let offset = ctx.offset(pos)?;
    let found = navigation::references(ctx.ws(), &ctx.rel, offset, include_declaration);
    Some(found.iter().filter_map(|l| ctx.location(l)).collect())
}

pub fn prepare_rename(
    ctx: &Ctx<'_>,
    pos: lsp::Position,
) -> Result<lsp::PrepareRenameResponse, String> {
    let offset = ctx
        .offset(pos)
        .ok_or_else(|| "This file is not part of the journal.".to_string())?;
    let target = navigation::prepare_rename(ctx.ws(), &ctx.rel, offset)?;
    Ok(lsp::PrepareRenameResponse::RangeWithPlaceholder {
        range: ctx.texts().range(&ctx.rel, target.span),
        placeholder: target.placeholder,
    })
}

pub fn rename(
    ctx: &Ctx<'_>,
    pos: lsp::Position,
    new_name: &str,
) -> Result<lsp::WorkspaceEdit, String> {
    let offset = ctx
        .offset(pos)
        .ok_or_else(|| "This file is not part of the journal.".to_string())?;
    let edits = navigation::rename(ctx.ws(), &ctx.rel, offset, new_name)?;
    Ok(ctx.workspace_edit(&edits.edits, &[], &edits.file_renames))
}

pub fn code_actions(
    ctx: &Ctx<'_>,
    range: lsp::Range,
    file_diagnostics: &[Diagnostic],
    context: &lsp::CodeActionContext,
    today: Date,
) -> Vec<lsp::CodeActionOrCommand> {
    let Some(span) = ctx.span(range) else {
        return Vec::new();
    };
    let wanted = |kind: &lsp::CodeActionKind| match &context.only {
        None => true,
        Some(only) => only.iter().any(|o| {
            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        }),
    };
    let texts = ctx.texts();
    let mut out: Vec<lsp::CodeActionOrCommand> = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    for action in actions::code_actions(ctx.ws(), &ctx.rel, span, file_diagnostics, today) {
        let kind = match action.kind {
            actions::ActionKind::QuickFix => lsp::CodeActionKind::QUICKFIX,
            actions::ActionKind::Source => lsp::CodeActionKind::SOURCE,
        };
        if !wanted(&kind) {
            continue;
        }
        titles.push(action.title.clone());
        out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: action.title,
            kind: Some(kind),
            diagnostics: action.diagnostic.map(|d| vec![texts.diagnostic(&d)]),
            edit: Some(ctx.workspace_edit(&action.edits, &action.creates, &[])),
            is_preferred: action.is_preferred.then_some(true),
            ..Default::default()
        }));
    }
    // Fixes the editor holds in diagnostics' data that the journal no longer
    // offers as such (e.g. computed on a moment-old version): still offered.
    if wanted(&lsp::CodeActionKind::QUICKFIX) {
        for diagnostic in &context.diagnostics {
            if diagnostic.source.as_deref() != Some(diagnostics::SOURCE) {
                continue;
            }
            for fix in diagnostics::fixes_of(diagnostic) {
                if titles.contains(&fix.title) {
                    continue;
                }
                titles.push(fix.title.clone());
                let mut changes: HashMap<Uri, Vec<lsp::TextEdit>> = HashMap::new();
                for edit in fix.edits {
                    changes
                        .entry(edit.uri)
                        .or_default()
                        .push(lsp::TextEdit::new(edit.range, edit.new_text));
                }
                out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: fix.title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(lsp::WorkspaceEdit::new(changes)),
                    ..Default::default()
                }));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snippet_as_plain_text;

    #[test]
    fn snippets_become_plain_text_for_clients_without_them() {
        assert_eq!(
            snippet_as_plain_text("## 2026-11-26\n\ntopic:: ${1:#topic}\ntime:: ${2|30m,1h|}$0"),
            "## 2026-11-26\n\ntopic:: #topic\ntime:: 30m"
        );
        assert_eq!(snippet_as_plain_text("cost \\$5 $1"), "cost $5 ");
    }
}
