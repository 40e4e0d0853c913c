//! `studylog.newEntry` in protocol terms: the core's new-entry plan for a
//! date turned into a workspace edit, a cursor place and a snippet.

use jiff::civil::Date;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::Ctx;
use crate::features::new_entry;
use crate::lsp::convert;

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
