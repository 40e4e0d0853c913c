//! Diagnostics as plain data: a stable code, a severity, a byte span, a message,
//! related locations and quick fixes. Rendered to text or protocol at the edges.

use crate::text::Span;

/// Every check's stable code. Users configure severities by these names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    InvalidDate,
    DateMismatch,
    FutureDate,
    DuplicateDate,
    DateOrder,
    MissedDays,
    EmptyEntry,
    MissingField,
    FieldHabit,
    InvalidDuration,
    DayOverflow,
    InvalidField,
    UnknownTopic,
    TopicSpelling,
    BrokenLink,
    UnresolvedLink,
    FrontmatterSyntax,
    ConfigError,
}

impl Code {
    pub const ALL: [Code; 18] = [
        Code::InvalidDate,
        Code::DateMismatch,
        Code::FutureDate,
        Code::DuplicateDate,
        Code::DateOrder,
        Code::MissedDays,
        Code::EmptyEntry,
        Code::MissingField,
        Code::FieldHabit,
        Code::InvalidDuration,
        Code::DayOverflow,
        Code::InvalidField,
        Code::UnknownTopic,
        Code::TopicSpelling,
        Code::BrokenLink,
        Code::UnresolvedLink,
        Code::FrontmatterSyntax,
        Code::ConfigError,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Code::InvalidDate => "invalid-date",
            Code::DateMismatch => "date-mismatch",
            Code::FutureDate => "future-date",
            Code::DuplicateDate => "duplicate-date",
            Code::DateOrder => "date-order",
            Code::MissedDays => "missed-days",
            Code::EmptyEntry => "empty-entry",
            Code::MissingField => "missing-field",
            Code::FieldHabit => "field-habit",
            Code::InvalidDuration => "invalid-duration",
            Code::DayOverflow => "day-overflow",
            Code::InvalidField => "invalid-field",
            Code::UnknownTopic => "unknown-topic",
            Code::TopicSpelling => "topic-spelling",
            Code::BrokenLink => "broken-link",
            Code::UnresolvedLink => "unresolved-link",
            Code::FrontmatterSyntax => "frontmatter-syntax",
            Code::ConfigError => "config-error",
        }
    }

    pub fn parse(name: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The severity a check has unless the config overrides it.
    /// `unknown-topic` is a warning only when it has a did-you-mean; the
    /// check itself lowers it to information otherwise.
    pub const fn default_severity(self) -> Severity {
        match self {
            Code::InvalidDate
            | Code::DateMismatch
            | Code::InvalidDuration
            | Code::DayOverflow
            | Code::FrontmatterSyntax
            | Code::ConfigError => Severity::Error,
            Code::TopicSpelling | Code::UnresolvedLink => Severity::Hint,
            Code::FieldHabit => Severity::Information,
            _ => Severity::Warning,
        }
    }
}

impl Code {
    /// False for the checks a journal must turn on in `[severity]`
    /// (`unresolved-link = "hint"`): findings that are normal in many
    /// journals, such as links to notes not written yet.
    pub const fn on_by_default(self) -> bool {
        !matches!(self, Code::UnresolvedLink)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a diagnostic is, most serious first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(name: &str) -> Option<Severity> {
        match name {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "information" | "info" => Some(Severity::Information),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// One replacement in one file: `span` (bytes) becomes `new_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    /// Journal-relative path of the file to edit.
    pub path: String,
    pub span: Span,
    pub new_text: String,
}

/// A quick fix carried as data: a title and the edits that apply it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

/// A location elsewhere that explains a diagnostic (e.g. the first entry of a duplicated date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub path: String,
    pub span: Span,
    pub message: String,
}

/// One finding of a check, in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Journal-relative path with `/` separators.
    pub path: String,
    pub span: Span,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity and no related info or fixes.
    pub fn new(
        code: Code,
        path: impl Into<String>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            path: path.into(),
            span,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }
}
