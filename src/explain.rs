//! Each check code's explanation, offline: the section of `docs/checks.md`
//! headed by the code, embedded in the binary at build time. `studylog
//! explain CODE` prints it and the language server's `studylog.explain`
//! command returns it, so no editor needs a website to explain a finding.

/// `docs/checks.md` as it was when the binary was built.
const CHECKS_DOC: &str = include_str!("../docs/checks.md");

/// The section of `docs/checks.md` for `code`: its `## code` heading and
/// everything up to the next heading of level one or two, without the
/// trailing blank lines. `None` for a code the document has no section for.
pub fn explain(code: &str) -> Option<&'static str> {
    sections()
        .find(|(name, _)| *name == code)
        .map(|(_, text)| text)
}

/// The codes that have a section, in the document's order.
pub fn codes() -> Vec<&'static str> {
    sections().map(|(name, _)| name).collect()
}

/// Every `## name` section as `(name, text)`. Lines inside fenced code
/// blocks are not headings: the examples quote journal headings (`## 2026-...`).
fn sections() -> impl Iterator<Item = (&'static str, &'static str)> {
    let mut found = Vec::new();
    let mut current: Option<(&'static str, usize)> = None;
    let mut fence: Option<&'static str> = None;
    let mut offset = 0;
    for line in CHECKS_DOC.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_end();
        if let Some(marker) = fence {
            if trimmed.trim_start().starts_with(marker) {
                fence = None;
            }
            continue;
        }
        let bare = trimmed.trim_start();
        if bare.starts_with("```") || bare.starts_with("~~~") {
            fence = Some(&bare[..3]);
            continue;
        }
        let heading = if trimmed.starts_with("# ") || trimmed == "#" {
            Some(None)
        } else {
            trimmed.strip_prefix("## ").map(|name| Some(name.trim()))
        };
        if let Some(name) = heading {
            if let Some((prev, from)) = current.take() {
                found.push((prev, CHECKS_DOC[from..start].trim_end()));
            }
            current = name.map(|name| (name, start));
        }
    }
    if let Some((prev, from)) = current {
        found.push((prev, CHECKS_DOC[from..].trim_end()));
    }
    found.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn every_code_has_a_section_that_opens_with_its_heading() {
        for code in Code::ALL {
            let text = explain(code.as_str())
                .unwrap_or_else(|| panic!("docs/checks.md has no section for {}", code.as_str()));
            assert!(
                text.starts_with(&format!("## {}\n", code.as_str())),
                "{text}"
            );
            assert!(text.contains("**What.**"), "{text}");
            assert!(!text.ends_with('\n'));
        }
    }

    #[test]
    fn a_section_ends_before_the_next_code_and_keeps_its_fenced_examples() {
        let text = explain("invalid-date").unwrap();
        assert!(text.contains("## 2026-02-30 – Load tests"), "{text}");
        assert!(text.contains("**Configure.**"), "{text}");
        assert!(!text.contains("## date-mismatch"), "{text}");
        let last = explain("config-error").unwrap();
        assert!(last.contains("cadance = \"daily\""), "{last}");
    }

    #[test]
    fn unknown_codes_and_journal_headings_have_no_section() {
        assert_eq!(explain("no-such-check"), None);
        assert_eq!(explain("2026-02-30 – Load tests"), None);
        assert_eq!(explain(""), None);
        let codes = codes();
        assert_eq!(codes.len(), Code::ALL.len());
        assert_eq!(codes.first(), Some(&"invalid-date"));
    }
}
