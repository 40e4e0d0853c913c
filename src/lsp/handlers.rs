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
use crate::features::{
    self, FileCreate, FileRename, actions, completion, folding, hover, inlay, navigation,
    new_entry, symbols,
};
use crate::syntax::JournalFile;
use crate::text::Span;
use crate::workspace::Workspace;

/// A request's document: its journal, its path there, and what is needed to
/// speak about the journal's files in protocol terms.
pub struct Ctx<'a> {
    ws: &'a Workspace,
    root: &'a Path,
    pub rel: String,
    open: HashMap<String, (Uri, i32)>,
    unsaved: HashSet<String>,
    config_text: Option<Arc<str>>,
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
            ws: &folder.ws,
            root: &folder.root,
            rel,
            open: state.open_in(id),
            unsaved: state.unsaved_in(id),
            config_text: state.config_text(id),
            unit: state.unit,
        })
    }

    pub fn ws(&self) -> &'a Workspace {
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

pub fn completion(
    ctx: &Ctx<'_>,
    pos: lsp::Position,
    today: Date,
    snippets: bool,
) -> Option<lsp::CompletionResponse> {
    let offset = ctx.offset(pos)?;
    let list = completion::completions(ctx.ws(), &ctx.rel, offset, today);
    let texts = ctx.texts();
    let items = list
        .items
        .into_iter()
        .map(|c| {
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
                documentation: c
                    .documentation
                    .map(|d| lsp::Documentation::MarkupContent(markdown(d))),
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

fn symbol_kind(kind: symbols::SymbolKind) -> lsp::SymbolKind {
    match kind {
        symbols::SymbolKind::Entry => lsp::SymbolKind::EVENT,
        symbols::SymbolKind::Heading => lsp::SymbolKind::STRING,
        symbols::SymbolKind::Topic => lsp::SymbolKind::KEY,
    }
}

pub fn document_symbols(ctx: &Ctx<'_>) -> Option<lsp::DocumentSymbolResponse> {
    ctx.file()?;
    let texts = ctx.texts();
    fn convert_symbol(
        texts: &Texts<'_>,
        rel: &str,
        s: symbols::DocumentSymbol,
    ) -> lsp::DocumentSymbol {
        #[allow(deprecated)]
        lsp::DocumentSymbol {
            name: if s.name.trim().is_empty() {
                "(untitled)".to_string()
            } else {
                s.name
            },
            detail: s.detail,
            kind: symbol_kind(s.kind),
            tags: None,
            deprecated: None,
            range: texts.range(rel, s.span),
            selection_range: texts.range(rel, s.selection_span),
            children: Some(
                s.children
                    .into_iter()
                    .map(|c| convert_symbol(texts, rel, c))
                    .collect(),
            ),
        }
    }
    let outline = symbols::document_symbols(ctx.ws(), &ctx.rel);
    Some(lsp::DocumentSymbolResponse::Nested(
        outline
            .into_iter()
            .map(|s| convert_symbol(&texts, &ctx.rel, s))
            .collect(),
    ))
}

/// Workspace symbols of one journal.
pub fn workspace_symbols(ctx: &Ctx<'_>, query: &str) -> Vec<lsp::WorkspaceSymbol> {
    let texts = ctx.texts();
    symbols::workspace_symbols(ctx.ws(), query)
        .into_iter()
        .filter_map(|s| {
            Some(lsp::WorkspaceSymbol {
                name: s.name,
                kind: symbol_kind(s.kind),
                tags: None,
                container_name: s.detail,
                location: lsp::OneOf::Left(texts.location(&s.location.path, s.location.span)?),
                data: None,
            })
        })
        .collect()
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

pub fn folding_ranges(ctx: &Ctx<'_>) -> Option<Vec<lsp::FoldingRange>> {
    ctx.file()?;
    let texts = ctx.texts();
    let folds = folding::folding_ranges(ctx.ws(), &ctx.rel);
    Some(
        folds
            .into_iter()
            .filter_map(|fold| {
                let range = texts.range(&ctx.rel, fold.span);
                (range.end.line > range.start.line).then_some(lsp::FoldingRange {
                    start_line: range.start.line,
                    start_character: None,
                    end_line: range.end.line,
                    end_character: None,
                    kind: Some(match fold.kind {
                        folding::FoldKind::Entry => lsp::FoldingRangeKind::Region,
                        folding::FoldKind::Frontmatter => lsp::FoldingRangeKind::Imports,
                    }),
                    collapsed_text: None,
                })
            })
            .collect(),
    )
}

pub fn inlay_hints(ctx: &Ctx<'_>, range: lsp::Range, today: Date) -> Option<Vec<lsp::InlayHint>> {
    if !ctx.ws().config().inlay_hints {
        return Some(Vec::new());
    }
    let span = ctx.span(range)?;
    let file = ctx.file()?;
    let hints = inlay::inlay_hints(ctx.ws(), &ctx.rel, span, today);
    Some(
        hints
            .into_iter()
            .map(|h| lsp::InlayHint {
                position: convert::position(&file.line_index, &file.text, h.offset, ctx.unit),
                label: lsp::InlayHintLabel::String(h.label),
                kind: None,
                text_edits: None,
                tooltip: h.tooltip.map(lsp::InlayHintTooltip::String),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
            .collect(),
    )
}

/// What `studylog.newEntry` does: the edit to apply (if any), where the
/// cursor should go afterwards, and the same entry as a snippet for editors
/// that insert it themselves.
pub struct NewEntryPlan {
    /// `insert`, `create` or `exists`.
    pub action: &'static str,
    pub date: Date,
    pub edit: Option<lsp::WorkspaceEdit>,
    pub show: Option<(Uri, lsp::Position)>,
    /// The file the entry goes into (or is in) and where: the insertion
    /// point, the start of a new file, or the existing entry's heading.
    pub at: Option<(Uri, lsp::Position)>,
    /// The inserted text (or the new file's content) as an LSP snippet.
    pub snippet: Option<String>,
    /// One sentence for the user saying what was done.
    pub message: String,
}

pub fn new_entry(ctx: &Ctx<'_>, date: Date) -> NewEntryPlan {
    let texts = ctx.texts();
    let line_of = |path: &str, offset: usize| {
        ctx.ws()
            .file(path)
            .map_or(0, |f| f.line_index.line_of(offset) + 1)
    };
    match new_entry::new_entry(ctx.ws(), &ctx.rel, date) {
        new_entry::NewEntry::Insert {
            edit,
            cursor,
            snippet,
        } => {
            // The cursor offset is into the edited text: find its position
            // by applying the edit to this file's text.
            let show = ctx.ws().file(&edit.path).and_then(|file| {
                let mut text = file.text.to_string();
                text.get(edit.span.start()..edit.span.end())?;
                text.replace_range(edit.span.start()..edit.span.end(), &edit.new_text);
                let index = crate::text::LineIndex::new(&text);
                Some((
                    texts.uri(&edit.path)?,
                    convert::position(&index, &text, cursor, ctx.unit),
                ))
            });
            let at = texts
                .location(&edit.path, edit.span)
                .map(|l| (l.uri, l.range.start));
            NewEntryPlan {
                action: "insert",
                date,
                message: format!("New entry for {date} in {}", edit.path),
                edit: Some(ctx.workspace_edit(std::slice::from_ref(&edit), &[], &[])),
                show,
                at,
                snippet: Some(snippet),
            }
        }
        new_entry::NewEntry::Create {
            file,
            cursor,
            snippet,
        } => {
            let index = crate::text::LineIndex::new(&file.content);
            let uri = texts.uri(&file.path);
            let show = uri.clone().map(|uri| {
                (
                    uri,
                    convert::position(&index, &file.content, cursor, ctx.unit),
                )
            });
            NewEntryPlan {
                action: "create",
                date,
                message: format!("New daily note {} for {date}", file.path),
                edit: Some(ctx.workspace_edit(&[], std::slice::from_ref(&file), &[])),
                show,
                at: uri.map(|uri| (uri, lsp::Position::new(0, 0))),
                snippet: Some(snippet),
            }
        }
        new_entry::NewEntry::Exists { location } => {
            let at = texts
                .location(&location.path, location.span)
                .map(|l| (l.uri, l.range.start));
            NewEntryPlan {
                action: "exists",
                date,
                message: format!(
                    "{date} already has an entry: {}, line {}",
                    location.path,
                    line_of(&location.path, location.span.start())
                ),
                edit: None,
                show: at.clone(),
                at,
                snippet: None,
            }
        }
    }
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
