//! The note tool a journal folder belongs to (Obsidian, Logseq, Dendron,
//! Foam) and what its own settings say about daily notes, templates and
//! hidden folders. Pure interpretation: `scan/detect.rs` reads and parses the
//! tool's files and hands the values it found here, each with the file and
//! span it came from, so that a bad value is a finding on its own line.

use crate::diagnostic::{Code, Diagnostic};
use crate::parse::name_pattern::{Dialect, NamePattern};
use crate::text::Span;

/// The note tool whose configuration was found at the journal's root.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VaultTool {
    /// No tool's configuration: a plain folder of markdown.
    #[default]
    Plain,
    Obsidian,
    Logseq,
    Dendron,
    Foam,
}

impl VaultTool {
    pub fn as_str(self) -> &'static str {
        match self {
            VaultTool::Plain => "plain",
            VaultTool::Obsidian => "obsidian",
            VaultTool::Logseq => "logseq",
            VaultTool::Dendron => "dendron",
            VaultTool::Foam => "foam",
        }
    }

    /// The tool's name as people write it.
    pub fn display_name(self) -> &'static str {
        match self {
            VaultTool::Plain => "a plain markdown folder",
            VaultTool::Obsidian => "Obsidian",
            VaultTool::Logseq => "Logseq",
            VaultTool::Dendron => "Dendron",
            VaultTool::Foam => "Foam",
        }
    }
}

/// What the vault's tool settings contribute to the journal's config.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VaultSettings {
    pub tool: VaultTool,
    /// The files the settings were read from, workspace-relative.
    pub sources: Vec<String>,
    /// Daily-note name patterns the tool uses (empty: the defaults apply).
    pub daily_note_formats: Vec<NamePattern>,
    /// Where the tool puts daily notes, when it says.
    pub journal_folder: Option<String>,
    /// Folders (or single files) that hold no journal entries: templates,
    /// hidden folders. Everything below a folder is left out.
    pub excluded_folders: Vec<String>,
    /// Logseq's journal page title format (`MMM do, yyyy`), read for hover
    /// and link resolution.
    pub page_title_format: Option<NamePattern>,
}

impl VaultSettings {
    /// One line saying what was detected, for `stats`, hover and `--verbose`.
    pub fn describe(&self) -> String {
        if self.tool == VaultTool::Plain {
            return "no note tool detected (a plain markdown folder)".to_string();
        }
        let mut parts = vec![format!(
            "{} vault ({})",
            self.tool.display_name(),
            self.sources.join(", ")
        )];
        if !self.daily_note_formats.is_empty() {
            let formats: Vec<String> = self
                .daily_note_formats
                .iter()
                .map(|p| format!("`{p}`"))
                .collect();
            parts.push(format!("daily notes named {}", formats.join(", ")));
        }
        if let Some(folder) = &self.journal_folder {
            parts.push(format!("in `{folder}/`"));
        }
        if !self.excluded_folders.is_empty() {
            let folders: Vec<String> = self
                .excluded_folders
                .iter()
                .map(|f| {
                    if f.ends_with(".md") {
                        format!("`{f}`")
                    } else {
                        format!("`{f}/`")
                    }
                })
                .collect();
            parts.push(format!("not journal: {}", folders.join(", ")));
        }
        parts.join("; ")
    }
}

/// A value read from a tool's settings file: the text, the file, and where
/// in it (the value's span, or the line holding its key, when known).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub value: String,
    pub path: String,
    pub span: Span,
}

/// Obsidian's settings: core Daily notes (`daily-notes.json`), the Periodic
/// Notes plugin's daily settings, core Templates (`templates.json`) and the
/// Templater plugin's folder.
#[derive(Clone, Debug, Default)]
pub struct ObsidianSettings {
    pub daily_format: Option<Located>,
    pub daily_folder: Option<Located>,
    pub periodic_format: Option<Located>,
    pub periodic_folder: Option<Located>,
    pub templates_folders: Vec<Located>,
}

/// Logseq's `logseq/config.edn` keys studylog reads.
#[derive(Clone, Debug, Default)]
pub struct LogseqSettings {
    pub file_name_format: Option<Located>,
    pub page_title_format: Option<Located>,
    pub journals_directory: Option<Located>,
    pub pages_directory: Option<Located>,
    pub hidden: Vec<Located>,
}

/// Dendron's `journal` settings in `dendron.yml` (at the root in older
/// versions, under `workspace` since version 5).
#[derive(Clone, Debug, Default)]
pub struct DendronSettings {
    pub daily_domain: Option<Located>,
    pub name: Option<Located>,
    pub date_format: Option<Located>,
    pub add_behavior: Option<Located>,
}

/// Foam's legacy `foam.openDailyNote.*` settings in `.vscode/settings.json`.
#[derive(Clone, Debug, Default)]
pub struct FoamSettings {
    pub directory: Option<Located>,
    pub filename_format: Option<Located>,
}

/// Compiles one tool pattern; a bad one is a `config-error` on its value.
fn pattern(
    located: &Located,
    dialect: Dialect,
    key: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<NamePattern> {
    match NamePattern::parse(&located.value, dialect) {
        Ok(p) => Some(p),
        Err(why) => {
            problems.push(Diagnostic::new(
                Code::ConfigError,
                &located.path,
                located.span,
                format!(
                    "`{key}`: {why}; studylog uses its default daily-note names for this vault"
                ),
            ));
            None
        }
    }
}

/// A vault folder setting as a workspace-relative folder (`/Daily/` →
/// `Daily`); `None` for the vault root or a path climbing out of it.
fn folder(value: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in value.trim().replace('\\', "/").split('/') {
        match part.trim() {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p.to_string()),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Obsidian: the Periodic Notes plugin's daily format wins over the core
/// plugin's (it replaces it when enabled); the format is moment.js.
pub fn obsidian(
    settings: &ObsidianSettings,
    sources: Vec<String>,
    problems: &mut Vec<Diagnostic>,
) -> VaultSettings {
    let mut out = VaultSettings {
        tool: VaultTool::Obsidian,
        sources,
        ..VaultSettings::default()
    };
    let (format, folder_setting) = if settings.periodic_format.is_some() {
        (&settings.periodic_format, &settings.periodic_folder)
    } else {
        (&settings.daily_format, &settings.daily_folder)
    };
    if let Some(f) = format.as_ref().filter(|f| !f.value.trim().is_empty()) {
        out.daily_note_formats
            .extend(pattern(f, Dialect::Moment, "format", problems));
    }
    out.journal_folder = folder_setting.as_ref().and_then(|f| folder(&f.value));
    for templates in &settings.templates_folders {
        if let Some(f) = folder(&templates.value) {
            if !out.excluded_folders.contains(&f) {
                out.excluded_folders.push(f);
            }
        }
    }
    out
}

/// Logseq: the file-name format in Java letters (default `yyyy_MM_dd`),
/// journals in `journals/` (or `:journals-directory`), `:hidden` paths left
/// out, and the `templates` page (where Logseq keeps template blocks, which
/// may well hold dated headings) is not journal.
pub fn logseq(
    settings: &LogseqSettings,
    sources: Vec<String>,
    problems: &mut Vec<Diagnostic>,
) -> VaultSettings {
    let mut out = VaultSettings {
        tool: VaultTool::Logseq,
        sources,
        ..VaultSettings::default()
    };
    let default_format = Located {
        value: "yyyy_MM_dd".to_string(),
        path: String::new(),
        span: Span::default(),
    };
    let format = settings
        .file_name_format
        .as_ref()
        .unwrap_or(&default_format);
    out.daily_note_formats.extend(pattern(
        format,
        Dialect::Unicode,
        ":journal/file-name-format",
        problems,
    ));
    if let Some(title) = &settings.page_title_format {
        out.page_title_format = pattern(
            title,
            Dialect::Unicode,
            ":journal/page-title-format",
            problems,
        );
    }
    out.journal_folder = Some(
        settings
            .journals_directory
            .as_ref()
            .and_then(|d| folder(&d.value))
            .unwrap_or_else(|| "journals".to_string()),
    );
    let pages = settings
        .pages_directory
        .as_ref()
        .and_then(|d| folder(&d.value))
        .unwrap_or_else(|| "pages".to_string());
    out.excluded_folders.push(format!("{pages}/templates.md"));
    for hidden in &settings.hidden {
        if let Some(f) = folder(&hidden.value) {
            if !out.excluded_folders.contains(&f) {
                out.excluded_folders.push(f);
            }
        }
    }
    out
}

/// Dendron: daily journal notes are named `<dailyDomain>.<name>.<date>`
/// (`daily.journal.2024.01.15`) with the date in Luxon letters (default
/// `y.MM.dd`); with `addBehavior: asOwnDomain`, `<name>.<date>`.
pub fn dendron(
    settings: &DendronSettings,
    sources: Vec<String>,
    problems: &mut Vec<Diagnostic>,
) -> VaultSettings {
    let mut out = VaultSettings {
        tool: VaultTool::Dendron,
        sources,
        ..VaultSettings::default()
    };
    let text = |l: &Option<Located>, default: &str| {
        l.as_ref()
            .map_or_else(|| default.to_string(), |l| l.value.trim().to_string())
    };
    let domain = text(&settings.daily_domain, "daily");
    let name = text(&settings.name, "journal");
    let own_domain = settings
        .add_behavior
        .as_ref()
        .is_some_and(|b| b.value.trim() == "asOwnDomain");
    let prefix = if own_domain {
        format!("{name}.")
    } else {
        format!("{domain}.{name}.")
    };
    let date = settings.date_format.clone().unwrap_or(Located {
        value: "y.MM.dd".to_string(),
        path: String::new(),
        span: Span::default(),
    });
    // The prefix is literal text: quoted so its letters are not tokens.
    let quoted = Located {
        value: format!("'{}'{}", prefix.replace('\'', "''"), date.value),
        ..date.clone()
    };
    if let Some(p) = pattern(&quoted, Dialect::Unicode, "journal.dateFormat", problems) {
        // Shown as Dendron users know the name, without the quoting.
        out.daily_note_formats
            .push(p.shown_as(format!("{prefix}{}", date.value.trim())));
    }
    // Dendron's templates are `templates.*.md` notes beside the others;
    // their names hold no date, so they are never daily notes.
    out
}

/// Foam: daily notes in `journal/` named `YYYY-MM-DD` unless the legacy
/// `foam.openDailyNote.*` settings say otherwise (their format is in
/// `dateformat` letters); `.foam/templates` is hidden already.
pub fn foam(
    settings: &FoamSettings,
    sources: Vec<String>,
    problems: &mut Vec<Diagnostic>,
) -> VaultSettings {
    let mut out = VaultSettings {
        tool: VaultTool::Foam,
        sources,
        ..VaultSettings::default()
    };
    if let Some(format) = &settings.filename_format {
        // `isoDate` is dateformat's name for `yyyy-mm-dd`, Foam's default.
        let value = match format.value.trim() {
            "isoDate" => "yyyy-mm-dd".to_string(),
            other => other.to_string(),
        };
        let located = Located {
            value,
            ..format.clone()
        };
        out.daily_note_formats.extend(pattern(
            &located,
            Dialect::DateFormat,
            "foam.openDailyNote.filenameFormat",
            problems,
        ));
    }
    out.journal_folder = Some(
        settings
            .directory
            .as_ref()
            .and_then(|d| folder(&d.value))
            .unwrap_or_else(|| "journal".to_string()),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(value: &str, path: &str) -> Option<Located> {
        Some(Located {
            value: value.to_string(),
            path: path.to_string(),
            span: Span::new(3, 5),
        })
    }

    fn date(s: &str) -> Option<jiff::civil::Date> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn obsidian_reads_format_folder_and_templates() {
        let mut problems = Vec::new();
        let settings = ObsidianSettings {
            daily_format: at("YYYY/MM/YYYY-MM-DD", ".obsidian/daily-notes.json"),
            daily_folder: at("/Daily/", ".obsidian/daily-notes.json"),
            templates_folders: vec![at("Templates", ".obsidian/templates.json").unwrap()],
            ..ObsidianSettings::default()
        };
        let v = obsidian(&settings, vec![".obsidian".into()], &mut problems);
        assert!(problems.is_empty());
        assert_eq!(v.tool, VaultTool::Obsidian);
        assert_eq!(v.journal_folder.as_deref(), Some("Daily"));
        assert_eq!(v.excluded_folders, ["Templates"]);
        assert_eq!(
            v.daily_note_formats[0].date_of("Daily/2024/01/2024-01-15"),
            date("2024-01-15")
        );
        assert_eq!(
            v.describe(),
            "Obsidian vault (.obsidian); daily notes named `YYYY/MM/YYYY-MM-DD`; in `Daily/`; not journal: `Templates/`"
        );
    }

    #[test]
    fn periodic_notes_win_and_bad_formats_are_findings() {
        let mut problems = Vec::new();
        let settings = ObsidianSettings {
            daily_format: at("YYYY-MM-DD", ".obsidian/daily-notes.json"),
            periodic_format: at("gggg-[W]ww", ".obsidian/plugins/periodic-notes/data.json"),
            ..ObsidianSettings::default()
        };
        let v = obsidian(&settings, Vec::new(), &mut problems);
        assert!(v.daily_note_formats.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, Code::ConfigError);
        assert_eq!(
            problems[0].path,
            ".obsidian/plugins/periodic-notes/data.json"
        );
        assert_eq!(problems[0].span, Span::new(3, 5));
        assert!(
            problems[0]
                .message
                .contains("no year or month or day token")
        );
    }

    #[test]
    fn logseq_defaults_and_translation() {
        let mut problems = Vec::new();
        let v = logseq(&LogseqSettings::default(), Vec::new(), &mut problems);
        assert_eq!(v.daily_note_formats[0].as_str(), "yyyy_MM_dd");
        assert_eq!(v.journal_folder.as_deref(), Some("journals"));
        let settings = LogseqSettings {
            file_name_format: at("yyyy-MM-dd", "logseq/config.edn"),
            page_title_format: at("EEE, MMM do, yyyy", "logseq/config.edn"),
            hidden: vec![
                at("/archive", "logseq/config.edn").unwrap(),
                at("private/", "logseq/config.edn").unwrap(),
            ],
            ..LogseqSettings::default()
        };
        let v = logseq(&settings, Vec::new(), &mut problems);
        assert!(problems.is_empty());
        assert_eq!(
            v.daily_note_formats[0].date_of("journals/2024-01-15"),
            date("2024-01-15")
        );
        let title = v.page_title_format.as_ref().unwrap();
        assert_eq!(title.date_of("Mon, Jan 15th, 2024"), date("2024-01-15"));
        assert_eq!(
            v.excluded_folders,
            ["pages/templates.md", "archive", "private"]
        );
    }

    #[test]
    fn dendron_names_domain_name_and_date() {
        let mut problems = Vec::new();
        let v = dendron(&DendronSettings::default(), Vec::new(), &mut problems);
        assert_eq!(
            v.daily_note_formats[0].date_of("daily.journal.2024.01.15"),
            date("2024-01-15")
        );
        let settings = DendronSettings {
            name: at("log", "dendron.yml"),
            date_format: at("y-MM-dd", "dendron.yml"),
            add_behavior: at("asOwnDomain", "dendron.yml"),
            ..DendronSettings::default()
        };
        let v = dendron(&settings, Vec::new(), &mut problems);
        assert_eq!(
            v.daily_note_formats[0].date_of("log.2024-01-15"),
            date("2024-01-15")
        );
        assert_eq!(
            v.daily_note_formats[0].date_of("daily.log.2024-01-15"),
            None
        );
        let bad = DendronSettings {
            date_format: at("HH.mm", "dendron.yml"),
            ..DendronSettings::default()
        };
        let v = dendron(&bad, Vec::new(), &mut problems);
        assert!(v.daily_note_formats.is_empty());
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn foam_legacy_settings() {
        let mut problems = Vec::new();
        let v = foam(&FoamSettings::default(), Vec::new(), &mut problems);
        assert!(v.daily_note_formats.is_empty());
        assert_eq!(v.journal_folder.as_deref(), Some("journal"));
        let settings = FoamSettings {
            directory: at("notes/daily", ".vscode/settings.json"),
            filename_format: at("'daily-'yyyy-mm-dd", ".vscode/settings.json"),
        };
        let v = foam(&settings, Vec::new(), &mut problems);
        assert!(problems.is_empty());
        assert_eq!(v.journal_folder.as_deref(), Some("notes/daily"));
        assert_eq!(
            v.daily_note_formats[0].date_of("notes/daily/daily-2024-01-15"),
            date("2024-01-15")
        );
    }
}
