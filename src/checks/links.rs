//! `broken-link` and `unresolved-link`: wiki links and relative markdown
//! links that do not reach a note (or its `#heading`). Resolution lives in
//! [`Journal::resolve_link`], shared with go-to-definition, references and
//! completion, and follows the journal's link style.
//!
//! A link is broken when it cannot resolve by the tool's rules and names a
//! file path (a markdown link), a heading of an existing note, or, in plain
//! markdown style, anything missing. A wiki link to a note not written yet,
//! in a tool where that is normal (Obsidian, Logseq, Dendron), is
//! `unresolved-link` instead: a hint, off unless the journal turns it on.

use crate::diagnostic::{Code, Diagnostic};
use crate::journal::{Journal, LinkResolution};
use crate::syntax::{JournalFile, LinkKind};

pub(super) fn check(ws: &Journal, file: &JournalFile, out: &mut Vec<Diagnostic>) {
    let unresolved_on = ws
        .config()
        .severity_of(
            Code::UnresolvedLink,
            Code::UnresolvedLink.default_severity(),
        )
        .is_some();
    for link in &file.links {
        let written = link.span.slice(&file.text);
        let (code, message) = match ws.resolve_link(&file.path, link) {
            LinkResolution::Resolved(_) | LinkResolution::NotANote => continue,
            LinkResolution::Unwritten if !unresolved_on => continue,
            LinkResolution::Unwritten => {
                let message = match ws.link_date(link) {
                    Some(date) => format!(
                        "`{written}` links to {date}, which has no entry yet; it resolves once you write one"
                    ),
                    None => format!(
                        "`{written}` links to a note not written yet; it resolves once `{}` exists",
                        link.target.trim()
                    ),
                };
                (Code::UnresolvedLink, message)
            }
            LinkResolution::MissingHeading { path } => {
                let heading = link.heading.as_deref().unwrap_or_default();
                let note = if link.target.is_empty() {
                    "This note".to_string()
                } else {
                    format!("`{path}`")
                };
                (
                    Code::BrokenLink,
                    format!(
                        "{note} has no heading `{heading}` (link `{written}`); add the heading, or correct the link"
                    ),
                )
            }
            LinkResolution::MissingNote => {
                let message = match link.kind {
                    LinkKind::Wiki => match ws.link_date(link) {
                        Some(date) => format!(
                            "No note or entry matches `{written}`; write an entry for {date}, or correct the date"
                        ),
                        None => format!(
                            "No note matches `{written}`; create `{}.md`, or correct the link",
                            link.target.trim()
                        ),
                    },
                    LinkKind::Markdown => format!(
                        "`{}` does not exist (link `{written}`); create it, or correct the path",
                        ws.markdown_link_path(&file.path, link)
                    ),
                };
                (Code::BrokenLink, message)
            }
        };
        out.push(Diagnostic::new(code, file.path.clone(), link.span, message));
    }
}
