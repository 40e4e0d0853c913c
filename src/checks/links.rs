//! `broken-link`: wiki links and relative markdown links whose note (or
//! `#heading`) does not exist. Resolution lives in
//! [`Workspace::resolve_link`], shared with go-to-definition.

use crate::diagnostic::{Code, Diagnostic};
use crate::syntax::{JournalFile, LinkKind};
use crate::workspace::{LinkResolution, Workspace};

pub(super) fn check(ws: &Workspace, file: &JournalFile, out: &mut Vec<Diagnostic>) {
    for link in &file.links {
        let written = link.span.slice(&file.text);
        let message = match ws.resolve_link(&file.path, link) {
            LinkResolution::Resolved(_) | LinkResolution::NotANote => continue,
            LinkResolution::MissingHeading { path } => {
                let heading = link.heading.as_deref().unwrap_or_default();
                let note = if link.target.is_empty() {
                    "This note".to_string()
                } else {
                    format!("`{path}`")
                };
                format!(
                    "{note} has no heading `{heading}` (link `{written}`); add the heading, or correct the link"
                )
            }
            LinkResolution::MissingNote => match link.kind {
                LinkKind::Wiki
                    if crate::workspace::parse_iso_date(link.target.trim()).is_some() =>
                {
                    format!(
                        "No note or entry matches `{written}`; write an entry for {}, or correct the date",
                        link.target.trim()
                    )
                }
                LinkKind::Wiki => format!(
                    "No note matches `{written}`; create `{}.md`, or correct the link",
                    link.target.trim()
                ),
                LinkKind::Markdown => format!(
                    "`{}` does not exist (link `{written}`); create it, or correct the path",
                    link.target.trim()
                ),
            },
        };
        out.push(Diagnostic::new(
            Code::BrokenLink,
            file.path.clone(),
            link.span,
            message,
        ));
    }
}
