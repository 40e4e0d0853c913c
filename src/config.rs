//! `studylog.toml`: the settings of one journal, parsed with spans so that a
//! bad key or value becomes a `config-error` on its own line while the
//! defaults apply in its place.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use jiff::civil::Date;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::parse::DateOrder;
use crate::parse::name_pattern::{NamePattern, default_patterns};
use crate::syntax::FieldKind;
use crate::vault::{VaultSettings, VaultTool};

/// The config file's name at the workspace root.
pub const CONFIG_FILE: &str = "studylog.toml";

/// How often the journal expects practice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Cadence {
    /// Every calendar day.
    #[default]
    Daily,
    /// Monday to Friday.
    Weekdays,
    /// At least N practice days in each ISO week (1 to 7).
    PerWeek(u8),
    /// No cadence: `missed-days` never fires; streaks count calendar days.
    Off,
}

impl std::fmt::Display for Cadence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cadence::Daily => f.write_str("daily"),
            Cadence::Weekdays => f.write_str("weekdays"),
            Cadence::PerWeek(n) => write!(f, "{n}/week"),
            Cadence::Off => f.write_str("off"),
        }
    }
}

/// How the journal's links resolve: by the rules of the tool its notes are
/// written with (`[links] style`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LinkStyle {
    /// Obsidian: `[[note]]` by shortest path or path suffix, frontmatter
    /// `aliases:`, headings compared without punctuation; a link to a note
    /// not written yet is normal.
    Obsidian,
    /// Logseq: pages named by `[[A/B]]` live in `A___B.md`; a page needs no
    /// file; date links name journal days.
    Logseq,
    /// Dendron: `[[label|target]]`, hierarchy names `a.b.c` for `a.b.c.md`.
    Dendron,
    /// Plain markdown: relative links and GitHub heading anchors; every link
    /// must reach an existing note. The default when neither the config nor
    /// the vault's tool says otherwise.
    #[default]
    Markdown,
}

impl LinkStyle {
    pub const ALL: [LinkStyle; 4] = [
        LinkStyle::Obsidian,
        LinkStyle::Logseq,
        LinkStyle::Dendron,
        LinkStyle::Markdown,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            LinkStyle::Obsidian => "obsidian",
            LinkStyle::Logseq => "logseq",
            LinkStyle::Dendron => "dendron",
            LinkStyle::Markdown => "markdown",
        }
    }

    pub fn parse(name: &str) -> Option<LinkStyle> {
        let name = name.trim();
        LinkStyle::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(name))
    }
}

/// A per-code severity override: a severity, or `off` to drop the check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeverityOverride {
    Set(Severity),
    Off,
}

/// The effective settings of one journal (defaults where unset or invalid).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Globs (relative to the workspace) of the files that belong to the journal.
    pub include: Vec<String>,
    /// Globs of files to leave out.
    pub exclude: Vec<String>,
    pub cadence: Cadence,
    /// No `missed-days` before this date.
    pub start: Option<Date>,
    /// Fields every entry must have.
    pub required: Vec<FieldKind>,
    /// True when `required` was set (in the file or the editor's settings);
    /// otherwise the journal's habit adjusts the defaults (see `required.rs`).
    pub required_explicit: bool,
    /// True when the journal has a `studylog.toml` (findings about the whole
    /// journal sit on it).
    pub has_file: bool,
    /// Folder (relative to the workspace) whose notes define topics.
    pub topics_dir: String,
    /// Entries a topic must appear in to be known by use.
    pub min_uses: u32,
    /// Whether the built-in topic catalog applies.
    pub builtin_topics: bool,
    /// `[topics] custom`: canonical name -> description.
    pub custom_topics: BTreeMap<String, String>,
    /// `[topics] aliases`: alias -> topic.
    pub aliases: BTreeMap<String, String>,
    /// `[severity]`: per-code overrides.
    pub severity: BTreeMap<Code, SeverityOverride>,
    /// Editor only: inlay hints after entry headings.
    pub inlay_hints: bool,
    /// `[journal] max-files`: a walk that finds more journal files stops
    /// with an error (a root like `/` or a home folder is not a journal).
    pub max_files: usize,
    /// `[links] style`, when set (otherwise the vault tool's: see
    /// [`Config::effective_link_style`]).
    pub link_style: Option<LinkStyle>,
    /// `[journal] date-order`: how numeric dates (`01/12/2018`) in headings
    /// are read; `None` infers it from the journal.
    pub date_order: Option<DateOrder>,
    /// `[fields] aliases`: a label as people write it (lower case, e.g.
    /// `what i built`) -> the field it stands for; extends the built-in table.
    pub field_aliases: BTreeMap<String, FieldKind>,
    /// Editor only: a web page documenting the checks (`[editor] docs-url`);
    /// diagnostics link to `<url>#<code>`. None: no link (no address is
    /// assumed; `studylog explain` has the text offline).
    pub docs_url: Option<String>,
    /// `[journal] daily-note-format`: the daily-note name patterns, when set
    /// (otherwise the vault tool's, else the defaults: see
    /// [`Config::daily_note_patterns`]).
    pub daily_note_format: Option<Vec<NamePattern>>,
    /// What the vault's own tool settings say (detected at load; the plain
    /// default when there is no tool or a `studylog.toml` overrides it).
    pub vault: VaultSettings,
}

/// The default of `[journal] max-files`: ten times the largest journals
/// studylog is measured on, far below what walking `/` finds.
pub const DEFAULT_MAX_FILES: usize = 100_000;

impl Default for Config {
    fn default() -> Self {
        Config {
            include: vec!["**/*.md".to_string(), "**/*.markdown".to_string()],
            exclude: Vec::new(),
            cadence: Cadence::Daily,
            start: None,
            required: vec![FieldKind::Topics, FieldKind::Time],
            required_explicit: false,
            has_file: false,
            topics_dir: "topics".to_string(),
            min_uses: 2,
            builtin_topics: true,
            custom_topics: BTreeMap::new(),
            aliases: BTreeMap::new(),
            severity: BTreeMap::new(),
            inlay_hints: true,
            max_files: DEFAULT_MAX_FILES,
            link_style: None,
            date_order: None,
            field_aliases: BTreeMap::new(),
            docs_url: None,
            daily_note_format: None,
            vault: VaultSettings::default(),
        }
    }
}

/// The compiled default daily-note patterns, built once.
static DEFAULT_PATTERNS: LazyLock<Vec<NamePattern>> = LazyLock::new(default_patterns);

impl Config {
    /// The style links resolve by: `[links] style`, else the style of the
    /// vault's detected tool (Foam resolves as Obsidian does), else plain
    /// markdown.
    pub fn effective_link_style(&self) -> LinkStyle {
        self.link_style.unwrap_or(match self.vault.tool {
            VaultTool::Obsidian | VaultTool::Foam => LinkStyle::Obsidian,
            VaultTool::Logseq => LinkStyle::Logseq,
            VaultTool::Dendron => LinkStyle::Dendron,
            VaultTool::Plain => LinkStyle::Markdown,
        })
    }

    /// The daily-note name patterns in force: `daily-note-format` when set,
    /// else the vault tool's, else the defaults.
    pub fn daily_note_patterns(&self) -> &[NamePattern] {
        match &self.daily_note_format {
            Some(patterns) => patterns,
            None if !self.vault.daily_note_formats.is_empty() => &self.vault.daily_note_formats,
            None => &DEFAULT_PATTERNS,
        }
    }

    /// A config whose defaults are the vault tool's settings.
    pub fn for_vault(vault: VaultSettings) -> Config {
        Config {
            vault,
            ..Config::default()
        }
    }

    /// The severity `code` has under this config, or `None` when it is off.
    /// `default` is the severity the check chose (usually the code's default).
    pub fn severity_of(&self, code: Code, default: Severity) -> Option<Severity> {
        match self.severity.get(&code) {
            Some(SeverityOverride::Off) => None,
            Some(SeverityOverride::Set(s)) => Some(*s),
            None if !code.on_by_default() => None,
            None => Some(default),
        }
    }
}

mod apply;
mod filter;
#[cfg(test)]
mod tests;

pub use filter::JournalFilter;

/// Parses `studylog.toml` text. Never fails: every problem is a `config-error`
/// diagnostic (path [`CONFIG_FILE`]) on the offending line, and the default
/// takes the bad value's place.
pub fn parse_config(text: &str) -> (Config, Vec<Diagnostic>) {
    let (config, diagnostics, _) = resolve_config(Some(text), None);
    (config, diagnostics)
}

/// The effective config of a journal from its two sources: the editor's
/// settings (`initializationOptions` / `workspace/configuration` section
/// `studylog`, converted to TOML, same structure as the file) and the text of
/// `studylog.toml`. The file wins key by key; in the tables keyed by name
/// (`custom`, `aliases`, `[severity]`) it wins name by name.
///
/// Returns the config, the file's `config-error` diagnostics, and one plain
/// message per bad setting (settings have no file to point into).
pub fn resolve_config(
    file_text: Option<&str>,
    settings: Option<&toml::Table>,
) -> (Config, Vec<Diagnostic>, Vec<String>) {
    resolve_config_over(Config::default(), file_text, settings)
}

/// [`resolve_config`] over `base` (the defaults, or a vault tool's settings
/// from [`Config::for_vault`]) instead of the plain defaults.
pub fn resolve_config_over(
    base: Config,
    file_text: Option<&str>,
    settings: Option<&toml::Table>,
) -> (Config, Vec<Diagnostic>, Vec<String>) {
    let mut config = base;
    let mut setting_warnings = Vec::new();
    if let Some(settings) = settings {
        let root = apply::Value::from_settings(settings);
        for problem in apply::apply_root(&mut config, &root).problems {
            setting_warnings.push(format!(
                "studylog setting `{}`: {}",
                problem.key_path, problem.message
            ));
        }
    }
    let mut diagnostics = Vec::new();
    let mut file_alias_spans = BTreeMap::new();
    if let Some(text) = file_text {
        config.has_file = true;
        match apply::Value::from_file(text) {
            Ok(root) => {
                let applied = apply::apply_root(&mut config, &root);
                file_alias_spans = applied.alias_spans;
                for problem in applied.problems {
                    let span = problem.span.unwrap_or_default();
                    diagnostics.push(Diagnostic::new(
                        Code::ConfigError,
                        CONFIG_FILE,
                        span,
                        problem.message,
                    ));
                }
            }
            Err((span, message)) => {
                diagnostics.push(Diagnostic::new(
                    Code::ConfigError,
                    CONFIG_FILE,
                    span,
                    format!(
                        "{CONFIG_FILE} is not valid TOML: {message}; \
                         every setting of the file is at its default until this is fixed"
                    ),
                ));
            }
        }
    }
    // Cycles are looked for once both sources are layered: the file and the
    // settings can close one together.
    for cycle in apply::alias_cycles(&config.aliases) {
        for alias in &cycle {
            config.aliases.remove(alias);
        }
        let shown = cycle
            .iter()
            .chain(cycle.first())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" -> ");
        let message = format!(
            "`aliases`: the aliases {shown} form a cycle and never reach a topic; \
             point one of them at a topic: these aliases are ignored meanwhile"
        );
        match cycle.iter().find_map(|a| file_alias_spans.get(a).copied()) {
            Some(span) => diagnostics.push(Diagnostic::new(
                Code::ConfigError,
                CONFIG_FILE,
                span.unwrap_or_default(),
                message,
            )),
            None => setting_warnings.push(format!("studylog setting `topics.aliases`: {message}")),
        }
    }
    diagnostics.sort_by_key(|d| (d.span.start(), d.span.end()));
    (config, diagnostics, setting_warnings)
}

/// The value `cadence` accepts, parsed: `daily`, `weekdays`, `off` or
/// `N/week` with N from 1 to 7 (case and spaces around the parts ignored).
pub fn parse_cadence(text: &str) -> Option<Cadence> {
    let text = text.trim().to_ascii_lowercase();
    match text.as_str() {
        "daily" => Some(Cadence::Daily),
        "weekdays" => Some(Cadence::Weekdays),
        "off" => Some(Cadence::Off),
        _ => {
            let (count, unit) = text.split_once('/')?;
            if unit.trim() != "week" {
                return None;
            }
            let n: u8 = count.trim().parse().ok()?;
            (1..=7).contains(&n).then_some(Cadence::PerWeek(n))
        }
    }
}
