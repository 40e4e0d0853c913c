//! The one place a diagnostic becomes CLI output: 1-based positions in Unicode
//! scalar values, the `path:line:col: severity[code]: message` line, and the
//! JSON record of `studylog check --format json`.

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::text::{ColumnUnit, LineIndex};

/// A diagnostic placed for people: 1-based lines and columns (columns in
/// Unicode scalar values), the end exclusive. Field order is the JSON order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlacedDiagnostic {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    #[serde(serialize_with = "severity_name")]
    pub severity: Severity,
    #[serde(serialize_with = "code_name")]
    pub code: Code,
    pub message: String,
}

impl PlacedDiagnostic {
    /// Places `diag` in `text` (the text of the file it belongs to). Without
    /// the text (a file that vanished since), it sits at 1:1.
    /// Takes the diagnostic's path and message over instead of copying
    /// them (`check` places every finding at once).
    pub fn placing(diag: Diagnostic, text: Option<(&str, &LineIndex)>) -> Self {
        let (start, end) = match text {
            Some((text, index)) => {
                let start = index.position(text, diag.span.start(), ColumnUnit::Scalar);
                let end = index.position(
                    text,
                    diag.span.end().max(diag.span.start()),
                    ColumnUnit::Scalar,
                );
                ((start.line + 1, start.col + 1), (end.line + 1, end.col + 1))
            }
            None => ((1, 1), (1, 1)),
        };
        PlacedDiagnostic {
            path: diag.path,
            line: start.0,
            column: start.1,
            end_line: end.0,
            end_column: end.1,
            severity: diag.severity,
            code: diag.code,
            // A message is one line of output; a stray line break would split it.
            message: if diag.message.contains(['\r', '\n']) {
                diag.message.replace(['\r', '\n'], " ")
            } else {
                diag.message
            },
        }
    }

    /// The text form, `path:line:col: severity[code]: message`, with the
    /// severity coloured when `color` is set.
    pub fn to_text(&self, color: bool) -> String {
        let severity = if color {
            let paint = match self.severity {
                Severity::Error => "\x1b[1;31m",
                Severity::Warning => "\x1b[1;33m",
                Severity::Information => "\x1b[1;34m",
                Severity::Hint => "\x1b[1;36m",
            };
            format!("{paint}{}\x1b[0m", self.severity.as_str())
        } else {
            self.severity.as_str().to_string()
        };
        format!(
            "{}:{}:{}: {severity}[{}]: {}",
            escape_for_terminal(&self.path),
            self.line,
            self.column,
            self.code,
            escape_for_terminal(&self.message)
        )
    }
}

/// Text from the journal (file names, quoted values) made safe for one line
/// of terminal output: control characters (a line break in a file name
/// would split a finding over two lines, an escape sequence would drive the
/// terminal) and the invisible bidirectional controls (which can make a
/// name read differently from what it is) are written as `\u{...}` escapes,
/// `\n`, `\r` and `\t` by their usual names. Everything else is as is.
pub fn escape_for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn severity_name<S: serde::Serializer>(severity: &Severity, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(severity.as_str())
}

fn code_name<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.as_str())
}

/// Sorts for output: by path, then line, then column, then code.
pub fn sort(diags: &mut [PlacedDiagnostic]) {
    diags.sort_by(|a, b| {
        (a.path.as_str(), a.line, a.column, a.code).cmp(&(
            b.path.as_str(),
            b.line,
            b.column,
            b.code,
        ))
    });
}

/// The JSON form: one array of records.
pub fn to_json(diags: &[PlacedDiagnostic]) -> String {
    // Serialising plain strings and numbers cannot fail; "[]" is the safe fallback.
    let mut json = serde_json::to_string_pretty(diags).unwrap_or_else(|_| "[]".to_string());
    json.push('\n');
    json
}

/// The summary line for stderr, e.g. `1 error, 3 warnings in 42 files`.
pub fn summary(diags: &[PlacedDiagnostic], files: usize) -> String {
    let count = |sev: Severity| diags.iter().filter(|d| d.severity == sev).count();
    let parts: Vec<String> = [
        (count(Severity::Error), "error", "errors"),
        (count(Severity::Warning), "warning", "warnings"),
        (count(Severity::Information), "info", "infos"),
        (count(Severity::Hint), "hint", "hints"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect();
    let found = if parts.is_empty() {
        "no problems".to_string()
    } else {
        parts.join(", ")
    };
    let noun = if files == 1 { "file" } else { "files" };
    format!("{found} in {files} {noun}")
}

/// The per-code count line for stderr, most frequent first (then by code
/// name), e.g. `broken-link 47, missing-field 12, invalid-date 1`; `None`
/// when there is nothing to count.
pub fn code_counts(diags: &[PlacedDiagnostic]) -> Option<String> {
    let mut counts: std::collections::HashMap<Code, usize> = std::collections::HashMap::new();
    for d in diags {
        *counts.entry(d.code).or_default() += 1;
    }
    let mut rows: Vec<(Code, usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.as_str().cmp(b.0.as_str())));
    let parts: Vec<String> = rows.iter().map(|(code, n)| format!("{code} {n}")).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;
    use crate::text::Span;

    #[test]
    fn control_characters_and_bidi_controls_in_names_are_escaped() {
        assert_eq!(escape_for_terminal("plain/ünïcode.md"), "plain/ünïcode.md");
        assert_eq!(escape_for_terminal("new\nline.md"), "new\\nline.md");
        assert_eq!(
            escape_for_terminal("a\u{1b}[31mred\u{7}\t.md"),
            "a\\u{1b}[31mred\\u{7}\\t.md"
        );
        assert_eq!(
            escape_for_terminal("evil\u{202e}dm.txt"),
            "evil\\u{202e}dm.txt"
        );
        let diag = Diagnostic::new(
            Code::BrokenLink,
            "new\nline.md",
            Span::empty(0),
            "m".to_string(),
        );
        let line = PlacedDiagnostic::placing(diag.clone(), None).to_text(false);
        assert_eq!(line.lines().count(), 1, "{line}");
    }

    fn place(text: &str, needle: &str, code: Code) -> PlacedDiagnostic {
        let start = text.find(needle).unwrap();
        let diag = Diagnostic::new(
            code,
            "journal/a.md",
            Span::new(start, start + needle.len()),
            "msg",
        );
        PlacedDiagnostic::placing(diag.clone(), Some((text, &LineIndex::new(text))))
    }

    #[test]
    fn columns_count_scalar_values() {
        let text = "# 2026-11-20\nCafé 😀 中文 #loadbalacing here\n";
        let d = place(text, "#loadbalacing", Code::UnknownTopic);
        assert_eq!((d.line, d.column, d.end_line, d.end_column), (2, 11, 2, 24));
    }

    #[test]
    fn crlf_lines_are_counted_once() {
        let text = "a\r\nb\r\n#x\r\n";
        let d = place(text, "#x", Code::UnknownTopic);
        assert_eq!((d.line, d.column), (3, 1));
    }

    #[test]
    fn text_form() {
        let d = place("x\n  #tag\n", "#tag", Code::TopicSpelling);
        expect![[r#"journal/a.md:2:3: hint[topic-spelling]: msg"#]].assert_eq(&d.to_text(false));
        expect!["journal/a.md:2:3: [1;36mhint[0m[topic-spelling]: msg"]
            .assert_eq(&d.to_text(true));
    }

    #[test]
    fn json_form_has_exactly_the_contract_keys() {
        let d = place("x\n  #tag\n", "#tag", Code::TopicSpelling);
        expect![[r#"
            [
              {
                "path": "journal/a.md",
                "line": 2,
                "column": 3,
                "end_line": 2,
                "end_column": 7,
                "severity": "hint",
                "code": "topic-spelling",
                "message": "msg"
              }
            ]
        "#]]
        .assert_eq(&to_json(&[d]));
        assert_eq!(to_json(&[]), "[]\n");
    }

    #[test]
    fn multi_line_messages_stay_on_one_line() {
        let diag = Diagnostic::new(Code::MissedDays, "a.md", Span::new(0, 0), "one\ntwo");
        assert_eq!(
            PlacedDiagnostic::placing(diag.clone(), None).to_text(false),
            "a.md:1:1: warning[missed-days]: one two"
        );
    }

    #[test]
    fn summaries() {
        let w = place("#x", "#x", Code::UnknownTopic);
        let e = place("#x", "#x", Code::InvalidDate);
        assert_eq!(summary(&[], 1), "no problems in 1 file");
        assert_eq!(
            summary(&[w.clone(), w.clone(), e], 42),
            "1 error, 2 warnings in 42 files"
        );
        assert_eq!(summary(&[w], 3), "1 warning in 3 files");
    }

    #[test]
    fn code_counts_most_frequent_first() {
        let text = "#x";
        let link = place(text, "#x", Code::BrokenLink);
        let field = place(text, "#x", Code::MissingField);
        let date = place(text, "#x", Code::InvalidDate);
        assert_eq!(code_counts(&[]), None);
        assert_eq!(
            code_counts(&[field.clone(), link.clone(), date, link.clone(), field, link]).as_deref(),
            Some("broken-link 3, missing-field 2, invalid-date 1")
        );
    }

    #[test]
    fn sorted_by_path_then_line() {
        let mut diags = vec![
            place("a\nb\n#x", "#x", Code::UnknownTopic),
            place("#x", "#x", Code::UnknownTopic),
        ];
        diags.push(PlacedDiagnostic {
            path: "a.md".into(),
            ..diags[0].clone()
        });
        sort(&mut diags);
        let order: Vec<_> = diags.iter().map(|d| (d.path.as_str(), d.line)).collect();
        assert_eq!(
            order,
            [("a.md", 3), ("journal/a.md", 1), ("journal/a.md", 3)]
        );
    }
}
