//! The outline of a journal in protocol terms: document and workspace
//! symbols, folding ranges and inlay hints.

use jiff::civil::Date;
use tower_lsp_server::ls_types as lsp;

use super::Ctx;
use crate::features::{folding, inlay, symbols};
use crate::lsp::convert;
use crate::lsp::diagnostics::Texts;

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
