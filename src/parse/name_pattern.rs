//! Daily-note name patterns: the date formats note tools name their daily
//! notes by (`YYYY-MM-DD`, `YYYY_MM_DD`, `daily.journal.YYYY.MM.DD`,
//! `YYYY/MM/YYYY-MM-DD`, ...), read from three token dialects into one small
//! pattern type, and matched against a file's path to find its date.
//!
//! - [`Dialect::Moment`]: moment.js tokens, as Obsidian, the Periodic Notes
//!   plugin and `[journal] daily-note-format` write them.
//! - [`Dialect::Unicode`]: the Java / date-fns / Luxon letters of Logseq
//!   (`yyyy_MM_dd`, `MMM do, yyyy`) and Dendron (`y.MM.dd`).
//! - [`Dialect::DateFormat`]: the `dateformat` letters of Foam's legacy
//!   settings (`yyyy-mm-dd`).
//!
//! Only the tokens a date needs are read: year, month (number or English
//! name), day (number or ordinal) and weekday (English name, read but not
//! checked against the date). Every other letter is literal text, so
//! `daily.journal.YYYY.MM.DD` needs no brackets. Matching is a small
//! backtracking walk over at most a dozen parts: no allocation, no regex.

use jiff::civil::Date;

use crate::parse::dates::{MONTHS, WEEKDAYS};

/// Which tool's token letters a pattern is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// moment.js: `YYYY YY MMMM MMM MM M DD D Do dddd ddd`, `[literal]`.
    Moment,
    /// Java / date-fns / Luxon: `yyyy yy y MMMM MMM MM M dd d do EEEE EEE`,
    /// `'literal'`.
    Unicode,
    /// dateformat (Foam): `yyyy yy mmmm mmm mm m dd d dddd ddd S`,
    /// `'literal'` or `"literal"`.
    DateFormat,
}

/// One piece of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Literal(String),
    /// `/`: a folder boundary.
    Folder,
    Year4,
    Year2,
    /// Month number, zero-padded (`MM`) or not (`M`).
    Month {
        padded: bool,
    },
    /// English month name, full (`MMMM`) or three letters (`MMM`).
    MonthName {
        full: bool,
    },
    /// Day of month, zero-padded (`DD`) or not (`D`).
    Day {
        padded: bool,
    },
    /// Day with an ordinal suffix: `1st`, `22nd`.
    DayOrdinal,
    /// English weekday name, full (`dddd`) or three letters (`ddd`).
    Weekday {
        full: bool,
    },
    /// An ordinal suffix on its own (dateformat's `S`, after `d`).
    OrdinalSuffix,
}

impl Part {
    /// The fewest and most bytes this part matches.
    fn len_range(&self) -> (usize, usize) {
        let longest = |names: &[&str]| names.iter().map(|n| n.len()).max().unwrap_or(0);
        match self {
            Part::Literal(text) => (text.len(), text.len()),
            Part::Folder => (1, 1),
            Part::Year4 => (4, 4),
            Part::Year2 | Part::OrdinalSuffix => (2, 2),
            Part::Month { padded } | Part::Day { padded } => (if *padded { 2 } else { 1 }, 2),
            Part::MonthName { full: true } => (3, longest(&MONTHS)),
            Part::Weekday { full: true } => (6, longest(&WEEKDAYS)),
            Part::MonthName { full: false } | Part::Weekday { full: false } => (3, 3),
            Part::DayOrdinal => (3, 4),
        }
    }
}

/// A daily-note name pattern, compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamePattern {
    /// As written in the source it came from (for messages and hover).
    written: String,
    parts: Vec<Part>,
    /// Path segments the pattern spans (1 + its folder separators).
    segments: usize,
    /// The shortest and longest text (in bytes) the pattern can match:
    /// most paths are rejected by their length alone.
    len: (usize, usize),
}

/// The patterns that apply when neither `studylog.toml` nor the vault's tool
/// names any: the shapes daily-note tools produce out of the box.
pub const DEFAULT_DAILY_NOTE_FORMATS: &[&str] = &[
    "YYYY-MM-DD",
    "YYYY_MM_DD",
    "YYYYMMDD",
    "[daily.journal.]YYYY.MM.DD",
    "YYYY-MM-DD ddd",
    "YYYY-MM-DD dddd",
    "YY-MM-DD ddd",
    "YYYY/MM/DD",
    "YYYY/MM/YYYY-MM-DD",
];

impl NamePattern {
    /// Compiles `written` in `dialect`. The error says what is wrong in one
    /// phrase (for a `config-error` or a tool-config finding).
    pub fn parse(written: &str, dialect: Dialect) -> Result<NamePattern, String> {
        let trimmed = written.trim();
        if trimmed.is_empty() {
            return Err("an empty pattern names no file".to_string());
        }
        let parts = lex(trimmed, dialect)?;
        let has = |f: &dyn Fn(&Part) -> bool| parts.iter().any(f);
        let year = has(&|p| matches!(p, Part::Year4 | Part::Year2));
        let month = has(&|p| matches!(p, Part::Month { .. } | Part::MonthName { .. }));
        let day = has(&|p| matches!(p, Part::Day { .. } | Part::DayOrdinal));
        if !(year && month && day) {
            let missing: Vec<&str> = [(year, "year"), (month, "month"), (day, "day")]
                .into_iter()
                .filter(|(present, _)| !present)
                .map(|(_, name)| name)
                .collect();
            let example = match dialect {
                Dialect::Moment => "\"YYYY-MM-DD\"",
                Dialect::Unicode => "\"yyyy_MM_dd\"",
                Dialect::DateFormat => "\"yyyy-mm-dd\"",
            };
            return Err(format!(
                "`{trimmed}` has no {} token, so it cannot name a day (e.g. {example})",
                missing.join(" or ")
            ));
        }
        if parts.first() == Some(&Part::Folder) || parts.last() == Some(&Part::Folder) {
            return Err(format!(
                "`{trimmed}` starts or ends with `/`: folders go between the date parts, as in \"YYYY/MM/YYYY-MM-DD\""
            ));
        }
        let segments = 1 + parts.iter().filter(|p| **p == Part::Folder).count();
        let len = parts
            .iter()
            .map(Part::len_range)
            .fold((0, 0), |(lo, hi), (a, b)| (lo + a, hi + b));
        Ok(NamePattern {
            written: trimmed.to_string(),
            parts,
            segments,
            len,
        })
    }

    /// The same pattern, shown (in messages and hover) as `label`.
    pub fn shown_as(mut self, label: String) -> NamePattern {
        self.written = label;
        self
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.written
    }

    /// The date `stem` names under this pattern. `stem` is a path (any
    /// folders before it are ignored beyond what the pattern spans) without
    /// its extension, `/`-separated.
    pub fn date_of(&self, stem: &str) -> Option<Date> {
        // The last `segments` segments of the path.
        let mut start = 0;
        let mut seen = 0;
        for (i, b) in stem.bytes().enumerate().rev() {
            if b == b'/' {
                seen += 1;
                if seen == self.segments {
                    start = i + 1;
                    break;
                }
            }
        }
        let tail = stem.get(start..)?;
        if !(self.len.0..=self.len.1).contains(&tail.len())
            || tail.split('/').count() != self.segments
        {
            return None;
        }
        let mut found = Found::default();
        if !match_parts(&self.parts, tail.as_bytes(), &mut found) {
            return None;
        }
        Date::new(found.year?, found.month?, found.day?).ok()
    }
}

impl NamePattern {
    /// The date all of `text` names under this pattern: like
    /// [`NamePattern::date_of`], but folders before the pattern's own
    /// segments make no match (a link `[[notes/May 3rd, 2021]]` names a
    /// note in `notes/`, not a day).
    pub fn date_of_whole(&self, text: &str) -> Option<Date> {
        (text.split('/').count() == self.segments)
            .then(|| self.date_of(text))
            .flatten()
    }
}

impl std::fmt::Display for NamePattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.written)
    }
}

/// The date of a workspace-relative markdown `path` under the first of
/// `patterns` that names it. Cheap for names that hold no digit (most notes
/// of a vault), which no pattern can match.
pub fn daily_note_date(path: &str, patterns: &[NamePattern]) -> Option<Date> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let (_, ext) = name.rsplit_once('.')?;
    if !(ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown")) {
        return None;
    }
    let stem = path.get(..path.len() - ext.len() - 1)?;
    // Month-name patterns can name a file without digits only in a folder
    // holding the year; a digit must be in the path either way.
    if !stem.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let stem_slashed;
    let stem = if stem.contains('\\') {
        stem_slashed = stem.replace('\\', "/");
        stem_slashed.as_str()
    } else {
        stem
    };
    patterns.iter().find_map(|p| p.date_of(stem))
}

/// The compiled default list ([`DEFAULT_DAILY_NOTE_FORMATS`]).
pub fn default_patterns() -> Vec<NamePattern> {
    DEFAULT_DAILY_NOTE_FORMATS
        .iter()
        .filter_map(|p| NamePattern::parse(p, Dialect::Moment).ok())
        .collect()
}

/// Values read so far while matching; a token read twice must agree.
#[derive(Clone, Copy, Default)]
struct Found {
    year: Option<i16>,
    month: Option<i8>,
    day: Option<i8>,
}

impl Found {
    fn set_year(&mut self, y: i16) -> bool {
        agree(&mut self.year, y)
    }
    fn set_month(&mut self, m: i8) -> bool {
        agree(&mut self.month, m)
    }
    fn set_day(&mut self, d: i8) -> bool {
        agree(&mut self.day, d)
    }
}

fn agree<T: PartialEq + Copy>(slot: &mut Option<T>, value: T) -> bool {
    match slot {
        Some(old) => *old == value,
        None => {
            *slot = Some(value);
            true
        }
    }
}

/// Matches `parts` against all of `s`, filling `found`. Variable-width parts
/// (unpadded numbers) try the longer reading first and backtrack.
fn match_parts(parts: &[Part], s: &[u8], found: &mut Found) -> bool {
    let Some((part, rest)) = parts.split_first() else {
        return s.is_empty();
    };
    let digits = |n: usize| -> Option<u16> {
        let d = s.get(..n)?;
        if !d.iter().all(u8::is_ascii_digit) {
            return None;
        }
        d.iter()
            .try_fold(0u16, |acc, b| Some(acc * 10 + u16::from(b - b'0')))
    };
    let attempt = |len: usize, apply: &dyn Fn(&mut Found) -> bool, found: &mut Found| -> bool {
        let mut next = *found;
        if !apply(&mut next) {
            return false;
        }
        if match_parts(rest, s.get(len..).unwrap_or(&[]), &mut next) {
            *found = next;
            return true;
        }
        false
    };
    match part {
        Part::Literal(text) => {
            let n = text.len();
            s.get(..n)
                .is_some_and(|head| head.eq_ignore_ascii_case(text.as_bytes()))
                && match_parts(rest, s.get(n..).unwrap_or(&[]), found)
        }
        Part::Folder => s.first() == Some(&b'/') && match_parts(rest, &s[1..], found),
        Part::Year4 => digits(4).is_some_and(|y| {
            let y = y as i16;
            attempt(4, &|f: &mut Found| f.set_year(y), found)
        }),
        // Two-digit years are this century's: 24 is 2024.
        Part::Year2 => digits(2).is_some_and(|y| {
            let y = 2000 + y as i16;
            attempt(2, &|f: &mut Found| f.set_year(y), found)
        }),
        Part::Month { padded } => number_widths(*padded).iter().any(|&w| {
            digits(w).is_some_and(|m| {
                (1..=12).contains(&m) && attempt(w, &|f: &mut Found| f.set_month(m as i8), found)
            })
        }),
        Part::Day { padded } => number_widths(*padded).iter().any(|&w| {
            digits(w).is_some_and(|d| {
                (1..=31).contains(&d) && attempt(w, &|f: &mut Found| f.set_day(d as i8), found)
            })
        }),
        Part::DayOrdinal => [2usize, 1].iter().any(|&w| {
            digits(w).is_some_and(|d| {
                (1..=31).contains(&d)
                    && s.get(w..w + 2).is_some_and(is_ordinal_suffix)
                    && attempt(w + 2, &|f: &mut Found| f.set_day(d as i8), found)
            })
        }),
        Part::OrdinalSuffix => {
            s.get(..2).is_some_and(is_ordinal_suffix)
                && match_parts(rest, s.get(2..).unwrap_or(&[]), found)
        }
        Part::MonthName { full } => MONTHS.iter().zip(1i8..).any(|(name, m)| {
            let name = if *full { name } else { &name[..3] };
            starts_with_ignore_case(s, name)
                && attempt(name.len(), &|f: &mut Found| f.set_month(m), found)
        }),
        Part::Weekday { full } => WEEKDAYS.iter().any(|name| {
            let name = if *full { name } else { &name[..3] };
            starts_with_ignore_case(s, name) && match_parts(rest, &s[name.len()..], found)
        }),
    }
}

fn number_widths(padded: bool) -> &'static [usize] {
    if padded { &[2] } else { &[2, 1] }
}

fn is_ordinal_suffix(s: &[u8]) -> bool {
    ["st", "nd", "rd", "th"]
        .iter()
        .any(|suffix| s.eq_ignore_ascii_case(suffix.as_bytes()))
}

fn starts_with_ignore_case(s: &[u8], prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Splits a pattern into parts in its dialect's letters.
fn lex(pattern: &str, dialect: Dialect) -> Result<Vec<Part>, String> {
    let mut parts: Vec<Part> = Vec::new();
    let mut literal = String::new();
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    let flush = |literal: &mut String, parts: &mut Vec<Part>| {
        if !literal.is_empty() {
            parts.push(Part::Literal(std::mem::take(literal)));
        }
    };
    while let Some(&c) = chars.get(i) {
        // Quoted literal text.
        let closing = match (dialect, c) {
            (Dialect::Moment, '[') => Some(']'),
            (Dialect::Unicode | Dialect::DateFormat, '\'') => Some('\''),
            (Dialect::DateFormat, '"') => Some('"'),
            _ => None,
        };
        if let Some(close) = closing {
            // `''` is a quote in the Unicode dialect.
            if dialect == Dialect::Unicode && chars.get(i + 1) == Some(&'\'') {
                literal.push('\'');
                i += 2;
                continue;
            }
            let Some(len) = chars[i + 1..].iter().position(|&x| x == close) else {
                return Err(format!(
                    "`{pattern}` opens `{c}` without a closing `{close}`"
                ));
            };
            for &x in &chars[i + 1..i + 1 + len] {
                if x == '/' {
                    flush(&mut literal, &mut parts);
                    parts.push(Part::Folder);
                } else {
                    literal.push(x);
                }
            }
            i += len + 2;
            continue;
        }
        if c == '/' {
            flush(&mut literal, &mut parts);
            parts.push(Part::Folder);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        let next = chars.get(i + run).copied();
        let token = token(dialect, c, run, next).map_err(|why| format!("`{pattern}`: {why}"))?;
        match token {
            Some((part, used)) => {
                flush(&mut literal, &mut parts);
                parts.push(part);
                i += used;
            }
            None => {
                literal.extend(std::iter::repeat_n(c, run));
                i += run;
            }
        }
    }
    flush(&mut literal, &mut parts);
    Ok(parts)
}

/// The part a run of `run` letters `c` stands for in `dialect`, and how many
/// characters it takes; `None` when the letters are literal text.
fn token(
    dialect: Dialect,
    c: char,
    run: usize,
    next: Option<char>,
) -> Result<Option<(Part, usize)>, String> {
    let month = |run: usize| -> Result<Part, String> {
        match run {
            1 => Ok(Part::Month { padded: false }),
            2 => Ok(Part::Month { padded: true }),
            3 => Ok(Part::MonthName { full: false }),
            4 => Ok(Part::MonthName { full: true }),
            _ => Err(format!("`{}` is not a month token", "M".repeat(run))),
        }
    };
    let part = match (dialect, c) {
        (Dialect::Moment, 'Y') => match run {
            4 => Part::Year4,
            2 => Part::Year2,
            _ => {
                return Err(format!(
                    "`{}` is not a year token: use YYYY or YY",
                    "Y".repeat(run)
                ));
            }
        },
        (Dialect::Moment | Dialect::Unicode, 'M') => month(run)?,
        (Dialect::DateFormat, 'm') => month(run)?,
        (Dialect::Moment, 'D') => match (run, next) {
            (1, Some('o')) => return Ok(Some((Part::DayOrdinal, 2))),
            (1, _) => Part::Day { padded: false },
            (2, _) => Part::Day { padded: true },
            _ => {
                return Err(format!(
                    "`{}` (day of the year) is not supported: use DD, D or Do",
                    "D".repeat(run)
                ));
            }
        },
        (Dialect::Moment, 'd') => match run {
            3 => Part::Weekday { full: false },
            4 => Part::Weekday { full: true },
            // `d` and `dd` (weekday number, two-letter name) are rare in
            // file names; read as literal so `daily.journal` needs no brackets.
            _ => return Ok(None),
        },
        (Dialect::Unicode | Dialect::DateFormat, 'y') => match run {
            1 | 4 => Part::Year4,
            2 => Part::Year2,
            _ => {
                return Err(format!(
                    "`{}` is not a year token: use yyyy or yy",
                    "y".repeat(run)
                ));
            }
        },
        (Dialect::Unicode, 'd') => match (run, next) {
            (1, Some('o')) => return Ok(Some((Part::DayOrdinal, 2))),
            (1, _) => Part::Day { padded: false },
            (2, _) => Part::Day { padded: true },
            _ => {
                return Err(format!(
                    "`{}` is not a day token: use dd, d or do",
                    "d".repeat(run)
                ));
            }
        },
        (Dialect::Unicode, 'E') => match run {
            1..=3 => Part::Weekday { full: false },
            _ => Part::Weekday { full: true },
        },
        (Dialect::DateFormat, 'd') => match run {
            1 => Part::Day { padded: false },
            2 => Part::Day { padded: true },
            3 => Part::Weekday { full: false },
            _ => Part::Weekday { full: true },
        },
        (Dialect::DateFormat, 'S') if run == 1 => Part::OrdinalSuffix,
        _ => return Ok(None),
    };
    Ok(Some((part, run)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<Date> {
        Some(s.parse().unwrap())
    }

    fn moment(p: &str) -> NamePattern {
        NamePattern::parse(p, Dialect::Moment).unwrap()
    }

    #[test]
    fn defaults_name_the_shapes_tools_produce() {
        let defaults = default_patterns();
        assert_eq!(defaults.len(), DEFAULT_DAILY_NOTE_FORMATS.len());
        for path in [
            "2024-01-15.md",
            "journals/2024_01_15.md",
            "daily.journal.2024.01.15.md",
            "20240115.md",
            "2024-01-15 Mon.md",
            "2024-01-15 Monday.md",
            "24-01-15 Mon.md",
            "log/2024/01/15.md",
            "2024/01/2024-01-15.md",
            "Journal/2024-01-15.MD",
        ] {
            assert_eq!(
                daily_note_date(path, &defaults),
                date("2024-01-15"),
                "{path}"
            );
        }
    }

    #[test]
    fn defaults_leave_other_names_alone() {
        let defaults = default_patterns();
        for path in [
            "2024-01-15 Standup.md",
            "notes.md",
            "2024-13-01.md",
            "2024-02-30.md",
            "2024-1-15.md",
            "12345678.md",
            "2024-01-15.txt",
            "2024/01.md",
            "x2024-01-15.md",
            "2024-01-15x.md",
        ] {
            assert_eq!(daily_note_date(path, &defaults), None, "{path}");
        }
    }

    #[test]
    fn configured_patterns_take_free_text_names_and_literals() {
        let standup = [moment("YYYY-MM-DD [Standup]")];
        assert_eq!(
            daily_note_date("2024-01-15 Standup.md", &standup),
            date("2024-01-15")
        );
        let titled = [moment("[Daily Note - ]YYYY-MM-DD dddd")];
        assert_eq!(
            daily_note_date("Daily Note - 2024-01-15 Monday.md", &titled),
            date("2024-01-15")
        );
        let names = [moment("YYYY/MMMM/Do MMM YYYY")];
        assert_eq!(
            daily_note_date("2023/January/1st Jan 2023.md", &names),
            date("2023-01-01")
        );
        assert_eq!(
            daily_note_date("2023/January/22nd Feb 2023.md", &names),
            None,
            "the two month tokens disagree"
        );
        let unpadded = [moment("D.M.YYYY")];
        assert_eq!(
            daily_note_date("5.3.2024.md", &unpadded),
            date("2024-03-05")
        );
        assert_eq!(
            daily_note_date("15.12.2024.md", &unpadded),
            date("2024-12-15")
        );
    }

    #[test]
    fn other_dialects_translate() {
        let logseq = NamePattern::parse("yyyy_MM_dd", Dialect::Unicode).unwrap();
        assert_eq!(logseq.date_of("journals/2024_01_15"), date("2024-01-15"));
        let title = NamePattern::parse("MMM do, yyyy", Dialect::Unicode).unwrap();
        assert_eq!(title.date_of("Jan 15th, 2024"), date("2024-01-15"));
        let quoted = NamePattern::parse("'day' EEE yyyy-MM-dd", Dialect::Unicode).unwrap();
        assert_eq!(quoted.date_of("day Mon 2024-01-15"), date("2024-01-15"));
        let dendron = NamePattern::parse("y.MM.dd", Dialect::Unicode).unwrap();
        assert_eq!(dendron.date_of("2024.01.15"), date("2024-01-15"));
        let foam = NamePattern::parse("yyyy-mm-dd", Dialect::DateFormat).unwrap();
        assert_eq!(foam.date_of("2024-01-15"), date("2024-01-15"));
        let foam_names = NamePattern::parse("dddd mmmm dS yyyy", Dialect::DateFormat).unwrap();
        assert_eq!(
            foam_names.date_of("Monday January 15th 2024"),
            date("2024-01-15")
        );
    }

    #[test]
    fn bad_patterns_say_why() {
        let err = |p: &str| NamePattern::parse(p, Dialect::Moment).unwrap_err();
        assert!(err("").contains("empty"));
        assert!(err("YYYY-MM").contains("no day token"));
        assert!(err("notes").contains("no year or month or day token"));
        assert!(err("[Daily YYYY-MM-DD").contains("without a closing `]`"));
        assert!(err("YYYYY-MM-DD").contains("not a year token"));
        assert!(err("YYYY-MM-DDD").contains("day of the year"));
        assert!(err("/YYYY-MM-DD").contains("starts or ends with `/`"));
        assert!(
            NamePattern::parse("yyyy-MM", Dialect::Unicode)
                .unwrap_err()
                .contains("no day token")
        );
    }

    #[test]
    fn folders_in_the_pattern_must_all_be_there() {
        let p = moment("YYYY/MM/YYYY-MM-DD");
        assert_eq!(p.date_of("2024/01/2024-01-15"), date("2024-01-15"));
        assert_eq!(
            p.date_of("deep/down/2024/01/2024-01-15"),
            date("2024-01-15")
        );
        assert_eq!(p.date_of("01/2024-01-15"), None);
        assert_eq!(p.date_of("2024-01-15"), None);
        assert_eq!(p.date_of("2023/01/2024-01-15"), None);
    }

    #[test]
    fn never_panics_on_odd_names() {
        let defaults = default_patterns();
        for path in [
            "",
            ".md",
            "/.md",
            "//2024-01-15.md",
            "é2024.md",
            "2024\\01\\15.md",
            "🦀1.md",
        ] {
            let _ = daily_note_date(path, &defaults);
        }
        assert_eq!(
            daily_note_date("2024\\01\\2024-01-15.md", &defaults),
            date("2024-01-15")
        );
    }
}
