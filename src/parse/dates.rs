//! Dates in file names, headings and frontmatter. File names and
//! frontmatter take a strict, zero-padded `YYYY-MM-DD`; headings take the
//! forms people write (see [`heading_date`]): ISO with `-`, `/` or `.`,
//! English month names, numeric day/month dates read in the journal's order,
//! wiki-link dates, after an optional `Day N:` / `R1D12 -` / weekday label,
//! and bare day numbers in month and year files. Whether a day exists is
//! jiff's call.
//!
//! The recognisers are byte scanners, no regex: every heading of every file
//! passes through them, and a heading without an ASCII digit is rejected
//! before anything else is looked at.

use std::ops::Range;

use jiff::civil::Date;

use super::options::DateOrder;
use crate::syntax::NumericDates;
use crate::text::Span;

/// A strict, zero-padded `YYYY-MM-DD`: the one reader of that form for
/// file names, frontmatter, config values, link dates and `STUDYLOG_TODAY`.
pub(crate) fn parse_strict(s: &str) -> Option<Date> {
    parse_strict_or_why(s).ok()
}

/// [`parse_strict`], saying what is wrong: the shape, or a day the calendar
/// does not have.
pub(crate) fn parse_strict_or_why(s: &str) -> Result<Date, &'static str> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return Err("expected a date as YYYY-MM-DD");
    }
    let number = |r: Range<usize>| s.get(r).and_then(|d| d.parse::<i16>().ok());
    let calendar_day = || {
        let year = number(0..4)?;
        let month = i8::try_from(number(5..7)?).ok()?;
        let day = i8::try_from(number(8..10)?).ok()?;
        Date::new(year, month, day).ok()
    };
    calendar_day().ok_or("not a calendar date (expected YYYY-MM-DD)")
}

/// A frontmatter `date:` value: `YYYY-MM-DD`, optionally followed by a time
/// (`2026-11-20T10:30`, `2026-11-20 10:30`).
pub(crate) fn parse_frontmatter_date(value: &str) -> Option<Date> {
    let value = value.trim();
    let date = parse_strict(value.get(..10)?)?;
    let rest = value.get(10..)?;
    (rest.is_empty() || rest.starts_with(['T', 't', ' '])).then_some(date)
}

/// What the text of an ATX heading says about a date.
#[derive(Debug, PartialEq)]
pub(crate) enum HeadingDate {
    /// Does not begin with anything date-like: not an entry.
    NotDated,
    /// A dated heading: an entry.
    Valid {
        date: Date,
        /// The date's text (inside `[[ ]]` for the link form).
        date_span: Span,
        title: String,
    },
    /// Date-like but not a valid, zero-padded date, or text glued to it.
    Invalid {
        message: String,
        /// A replacement that makes the heading valid, when one is evident.
        fix: Option<(Span, String)>,
    },
}

/// The stretch of days a month or year file covers: its day headings
/// (`## 05`, `## 03-05`) are dated in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Period {
    Month { year: i16, month: i8 },
    Year(i16),
}

impl Period {
    fn year(self) -> i16 {
        match self {
            Period::Month { year, .. } | Period::Year(year) => year,
        }
    }
}

/// What a heading's date is read with: the journal's numeric date order and
/// the file's period, if it is a month or year file.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct HeadingContext {
    pub order: DateOrder,
    pub period: Option<Period>,
}

/// Separators between a heading's date (or time, or label) and its title.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '·' | '|' | ',' | '(' | ')')
}

/// Length of the ASCII digit run at the start of `s`.
fn digit_run(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

/// Length of a time `H:MM` / `HH:MM[:SS]` at the start of `s`, when it is
/// followed by the end or a separator.
fn time_len(s: &str) -> Option<usize> {
    let h = digit_run(s);
    if !(1..=2).contains(&h) || s.as_bytes().get(h) != Some(&b':') {
        return None;
    }
    let mut len = h + 1;
    if digit_run(s.get(len..)?) != 2 {
        return None;
    }
    len += 2;
    if s.as_bytes().get(len) == Some(&b':') && digit_run(s.get(len + 1..)?) == 2 {
        len += 3;
    }
    let rest = s.get(len..)?;
    (rest.is_empty() || rest.starts_with(is_separator)).then_some(len)
}

/// True when `s` does not continue a word (end, or not an ASCII letter).
fn word_ends(s: &str) -> bool {
    !s.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
}

/// Length of the English name in `names` (full, or the abbreviations listed)
/// that `s` starts with, case-insensitively, as a whole word; a `.` after an
/// abbreviation is included.
fn name_len(s: &str, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|name| {
        let head = s.get(..name.len())?;
        if !head.eq_ignore_ascii_case(name) || !word_ends(s.get(name.len()..)?) {
            return None;
        }
        let dot = s.as_bytes().get(name.len()) == Some(&b'.');
        Some(name.len() + usize::from(dot))
    })
}

/// English month names, January first: the one table every date reader uses.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English weekday names, Monday first (ISO order).
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Weekday names and the abbreviations headings use for them.
const WEEKDAY_FORMS: [&str; 18] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "tues",
    "thurs",
    "thur",
    "weds",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// The first three letters of `s`, lower-cased, when it has them: every
/// month and weekday name is told apart by them, so a word that starts no
/// name costs one look.
fn three_letters(s: &str) -> Option<[u8; 3]> {
    match s.as_bytes() {
        [a, b, c, ..] if a.is_ascii_alphabetic() => Some([
            a.to_ascii_lowercase(),
            b.to_ascii_lowercase(),
            c.to_ascii_lowercase(),
        ]),
        _ => None,
    }
}

/// Length of a weekday name (`Sunday`, `Sun`, `Sun.`) at the start of `s`.
fn weekday_len(s: &str) -> Option<usize> {
    let head = three_letters(s)?;
    if !WEEKDAYS.iter().any(|d| d.as_bytes().starts_with(&head)) {
        return None;
    }
    name_len(s, &WEEKDAY_FORMS)
}

/// The month (1 to 12) named at the start of `s` and the name's length.
fn month_name(s: &str) -> Option<(i8, usize)> {
    let head = three_letters(s)?;
    let index = MONTHS
        .iter()
        .position(|m| m.as_bytes().starts_with(&head))?;
    let full = MONTHS[index];
    let short = full.get(..3).unwrap_or(full);
    let forms: &[&str] = if index == 8 {
        &[full, "sept", short]
    } else {
        &[full, short]
    };
    let len = name_len(s, forms)?;
    Some((i8::try_from(index + 1).ok()?, len))
}

/// Length of an ordinal suffix (`st`, `nd`, `rd`, `th`) at the start of `s`.
fn ordinal_len(s: &str) -> usize {
    let suffix = s.get(..2).unwrap_or("");
    let known = ["st", "nd", "rd", "th"]
        .iter()
        .any(|o| suffix.eq_ignore_ascii_case(o));
    if known && word_ends(s.get(2..).unwrap_or("")) {
        2
    } else {
        0
    }
}

/// Skips blanks.
fn skip_blanks(s: &str, i: usize) -> usize {
    i + s
        .get(i..)
        .map_or(0, |r| r.len() - r.trim_start_matches([' ', '\t']).len())
}

/// Skips separators.
fn skip_separators(s: &str, i: usize) -> usize {
    i + s
        .get(i..)
        .map_or(0, |r| r.len() - r.trim_start_matches(is_separator).len())
}

/// The labels a dated heading may open with, before its date: weekdays
/// (`Sunday`), `Day N` (also `Day 38-44`, `Day 12/100`) and `RnDn`
/// (`R1D12`), each followed by separators. Returns the byte range of the
/// `Day`/`RnDn` labels (weekdays belong to the date, not the title) and where
/// the date must start.
fn leading_label(s: &str) -> (Option<Range<usize>>, usize) {
    let mut label: Option<Range<usize>> = None;
    let mut i = 0;
    for _ in 0..3 {
        let rest = s.get(i..).unwrap_or("");
        let len = match weekday_len(rest) {
            Some(len) => len,
            None => match day_label_len(rest).or_else(|| round_day_label_len(rest)) {
                Some(len) => {
                    let start = label.as_ref().map_or(i, |l| l.start);
                    label = Some(start..i + len);
                    len
                }
                None => break,
            },
        };
        let next = skip_separators(s, i + len);
        if next == i + len {
            // A label glued to what follows is not a label (`Sundays`).
            return (None, 0);
        }
        i = next;
    }
    (label, i)
}

/// `Day 12`, `day 38-44`, `Day 12/100` at the start of `s`.
fn day_label_len(s: &str) -> Option<usize> {
    if !s.get(..3)?.eq_ignore_ascii_case("day") {
        return None;
    }
    let n0 = skip_blanks(s, 3);
    if n0 == 3 {
        return None;
    }
    let digits = digit_run(s.get(n0..)?);
    if !(1..=4).contains(&digits) {
        return None;
    }
    let mut end = n0 + digits;
    // A range (`38-44`) or a count (`12/100`).
    for joiner in ["-", "–", "/"] {
        if let Some(more) = s.get(end..).and_then(|r| r.strip_prefix(joiner)) {
            let d = digit_run(more);
            if (1..=4).contains(&d) {
                end += joiner.len() + d;
            }
            break;
        }
    }
    word_ends(s.get(end..)?).then_some(end)
}

/// `R1D12` (round 1, day 12) at the start of `s`.
fn round_day_label_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !b.first()?.eq_ignore_ascii_case(&b'r') {
        return None;
    }
    let r = digit_run(s.get(1..)?);
    if !(1..=2).contains(&r) || !b.get(1 + r)?.eq_ignore_ascii_case(&b'd') {
        return None;
    }
    let d = digit_run(s.get(2 + r..)?);
    let end = 2 + r + d;
    ((1..=4).contains(&d) && word_ends(s.get(end..)?)).then_some(end)
}

/// One date read at a position of a heading.
struct Token {
    /// Where the date's text ends.
    end: usize,
    /// The calendar date, or why the text names none (a whole message).
    date: Result<Date, String>,
    /// A `YYYY-MM-DD` written without zero padding: the padded spelling.
    unpadded: Option<String>,
    /// The ISO `YYYY-MM-DD` form, where any text glued to the date makes it
    /// invalid (the other forms end at a non-letter).
    iso_dash: bool,
    /// A `YYYY-MM-DD` with a day of three or more digits: not a date shape.
    bad_shape: bool,
}

/// Why `year-month-day` is not a calendar date, as the end of a message.
fn why_not(year: i16, month: i16, day: i16) -> String {
    match i8::try_from(month)
        .ok()
        .and_then(|m| Date::new(year, m, 1).ok())
    {
        None => format!("there is no month {month}"),
        Some(first) if day == 0 => format!(
            "there is no day 0; {} {year} has {} days",
            first.strftime("%B"),
            first.days_in_month()
        ),
        Some(first) => format!(
            "{} {year} has {} days",
            first.strftime("%B"),
            first.days_in_month()
        ),
    }
}

/// The date `year-month-day`, or the message saying why there is none;
/// `written` is the text as it appears in the heading.
fn calendar(written: &str, year: i16, month: i16, day: i16, note: &str) -> Result<Date, String> {
    let date = i8::try_from(month)
        .ok()
        .zip(i8::try_from(day).ok())
        .and_then(|(m, d)| Date::new(year, m, d).ok());
    date.ok_or_else(|| {
        format!(
            "`{written}` is not a calendar date: {}{note}",
            why_not(year, month, day)
        )
    })
}

fn number(s: &str, r: Range<usize>) -> i16 {
    s.get(r).and_then(|d| d.parse().ok()).unwrap_or(0)
}

/// `YYYY-MM-DD` (the v1 form, with its strict rules), `YYYY/MM/DD`,
/// `YYYY.MM.DD` at `i`.
fn year_first_at(s: &str, i: usize) -> Option<Token> {
    let rest = s.get(i..)?;
    if digit_run(rest) != 4 {
        return None;
    }
    let sep = *rest.as_bytes().get(4)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let m0 = i + 5;
    let month_len = digit_run(s.get(m0..)?);
    if !(1..=2).contains(&month_len) || s.as_bytes().get(m0 + month_len) != Some(&sep) {
        return None;
    }
    let d0 = m0 + month_len + 1;
    let day_len = digit_run(s.get(d0..)?);
    if day_len == 0 || (sep != b'-' && day_len > 2) {
        return None;
    }
    let end = d0 + day_len;
    let written = s.get(i..end).unwrap_or("");
    let (year, month, day) = (
        number(s, i..i + 4),
        number(s, m0..m0 + month_len),
        number(s, d0..end),
    );
    let bad_shape = day_len > 2;
    let date = if bad_shape {
        Err(shape_message(written))
    } else {
        calendar(written, year, month, day, "")
    };
    let unpadded = (sep == b'-' && (month_len != 2 || day_len != 2))
        .then(|| {
            date.as_ref()
                .ok()
                .map(|d| d.strftime("%Y-%m-%d").to_string())
        })
        .flatten();
    Some(Token {
        end,
        date,
        unpadded,
        iso_dash: sep == b'-',
        bad_shape,
    })
}

/// `12.01.2018`, `01/12/2018`: day and month in the journal's order.
fn numeric_at(s: &str, i: usize, order: DateOrder, seen: &mut NumericDates) -> Option<Token> {
    let rest = s.get(i..)?;
    let a = digit_run(rest);
    let sep = *rest.as_bytes().get(a)?;
    if !(1..=2).contains(&a) || !matches!(sep, b'.' | b'/') {
        return None;
    }
    let b0 = i + a + 1;
    let b = digit_run(s.get(b0..)?);
    if !(1..=2).contains(&b) || s.as_bytes().get(b0 + b) != Some(&sep) {
        return None;
    }
    let y0 = b0 + b + 1;
    if digit_run(s.get(y0..)?) != 4 {
        return None;
    }
    let end = y0 + 4;
    let (first, second, year) = (
        number(s, i..i + a),
        number(s, b0..b0 + b),
        number(s, y0..end),
    );
    seen.count += 1;
    if first > 12 {
        seen.day_first += 1;
    }
    let (month, day, note) = match order {
        DateOrder::MonthFirst => (
            first,
            second,
            " (numeric dates are read month first in this journal; \
             `[journal] date-order = \"dmy\"` reads them day first)",
        ),
        DateOrder::DayFirst => (
            second,
            first,
            " (numeric dates are read day first in this journal; \
             `[journal] date-order = \"mdy\"` reads them month first)",
        ),
    };
    let written = s.get(i..end).unwrap_or("");
    Some(Token {
        end,
        date: calendar(written, year, month, day, note),
        unpadded: None,
        iso_dash: false,
        bad_shape: false,
    })
}

/// A day number with an optional ordinal and an optional range after it
/// (`10`, `10th`, `18-24`): its value, where it ends, and whether it was
/// marked as a day (an ordinal or two digits).
fn day_number(s: &str, i: usize) -> Option<(i16, usize, bool)> {
    let len = digit_run(s.get(i..)?);
    if !(1..=2).contains(&len) {
        return None;
    }
    let day = number(s, i..i + len);
    let mut end = i + len;
    let ordinal = ordinal_len(s.get(end..)?);
    end += ordinal;
    for joiner in ["-", "–"] {
        if let Some(more) = s.get(end..).and_then(|r| r.strip_prefix(joiner)) {
            let d = digit_run(more);
            if (1..=2).contains(&d) {
                end += joiner.len() + d;
                end += ordinal_len(s.get(end..)?);
            }
            break;
        }
    }
    Some((day, end, ordinal > 0 || len == 2))
}

/// A four-digit year after `i`, past an optional comma and blanks.
fn year_after(s: &str, i: usize) -> Option<(i16, usize)> {
    let mut j = i;
    if s.as_bytes().get(j) == Some(&b',') {
        j += 1;
    }
    let y0 = skip_blanks(s, j);
    if digit_run(s.get(y0..)?) != 4 {
        return None;
    }
    Some((number(s, y0..y0 + 4), y0 + 4))
}

/// True when `s` is a whole numeric day/month date (`01/12/2018`,
/// `12.01.2018`), whose meaning depends on the journal's date order.
pub(crate) fn is_numeric_date(s: &str) -> bool {
    let mut seen = NumericDates::default();
    numeric_at(s, 0, DateOrder::MonthFirst, &mut seen).is_some_and(|t| t.end == s.len())
}

/// `September 10, 2019`, `Sep 10th 2019`, `May 18-24, 2019`, and in a year
/// or month file `March 5` without a year.
fn month_first_at(s: &str, i: usize, period: Option<Period>) -> Option<Token> {
    let (month, len) = month_name(s.get(i..)?)?;
    let d0 = skip_blanks(s, i + len);
    if d0 == i + len {
        return None;
    }
    let (day, day_end, _) = day_number(s, d0)?;
    let (year, end) = match year_after(s, day_end) {
        Some(found) => found,
        None => {
            let rest = s.get(day_end..)?;
            if !(rest.is_empty() || rest.starts_with(is_separator)) {
                return None;
            }
            (period?.year(), day_end)
        }
    };
    let written = s.get(i..end).unwrap_or("");
    Some(Token {
        end,
        date: calendar(written, year, i16::from(month), day, ""),
        unpadded: None,
        iso_dash: false,
        bad_shape: false,
    })
}

/// `10 September 2019`, `10th of Sep, 2019`, and in a year or month file
/// `5 March` without a year.
fn day_first_at(s: &str, i: usize, period: Option<Period>) -> Option<Token> {
    let (day, day_end, _) = day_number(s, i)?;
    let mut m0 = skip_blanks(s, day_end);
    if m0 == day_end {
        return None;
    }
    if let Some(of) = s.get(m0..m0 + 3).filter(|w| w.eq_ignore_ascii_case("of ")) {
        m0 = skip_blanks(s, m0 + of.len());
    }
    let (month, len) = month_name(s.get(m0..)?)?;
    let (year, end) = match year_after(s, m0 + len) {
        Some(found) => found,
        None => (period?.year(), m0 + len),
    };
    let written = s.get(i..end).unwrap_or("");
    Some(Token {
        end,
        date: calendar(written, year, i16::from(month), day, ""),
        unpadded: None,
        iso_dash: false,
        bad_shape: false,
    })
}

/// A day heading of a month file: `05`, `5th`, `05 - title`, `05 Tue`
/// (the weekday before it is a label). A bare unpadded number followed by a
/// word (`3 things I learned`) is not a day: the day must be two digits,
/// have an ordinal, or stand alone before a separator or a weekday.
fn month_day_at(s: &str, i: usize, year: i16, month: i8) -> Option<Token> {
    let (day, end, marked) = day_number(s, i)?;
    let rest = s.get(end..)?;
    let next = rest.chars().next();
    let fits = match next {
        None => true,
        Some(c) if c.is_whitespace() => {
            let after = rest.trim_start();
            marked
                || after.is_empty()
                || after.starts_with(is_separator)
                || weekday_len(after).is_some()
        }
        Some('.' | '/') => !rest.as_bytes().get(1).is_some_and(|b| b.is_ascii_digit()),
        Some(c) => is_separator(c),
    };
    if !fits {
        return None;
    }
    let written = s.get(i..end).unwrap_or("");
    let month_name = Date::new(year, month, 1)
        .map(|d| d.strftime("%B %Y").to_string())
        .unwrap_or_default();
    let date = calendar(written, year, i16::from(month), day, "").map_err(|_| {
        format!(
            "`{written}` is not a day of {month_name}: {}",
            why_not(year, i16::from(month), day)
        )
    });
    Some(Token {
        end,
        date,
        unpadded: None,
        iso_dash: false,
        bad_shape: false,
    })
}

/// A day heading of a year file: `03-05` (month and day).
fn year_day_at(s: &str, i: usize, year: i16) -> Option<Token> {
    let rest = s.get(i..)?;
    if digit_run(rest) != 2 || rest.as_bytes().get(2) != Some(&b'-') {
        return None;
    }
    if digit_run(rest.get(3..)?) != 2 {
        return None;
    }
    let end = i + 5;
    let after = s.get(end..)?;
    if !(after.is_empty() || after.starts_with(is_separator)) {
        return None;
    }
    let written = s.get(i..end).unwrap_or("");
    Some(Token {
        end,
        date: calendar(
            written,
            year,
            number(s, i..i + 2),
            number(s, i + 3..end),
            "",
        )
        .map_err(|m| format!("{m} (in the year file of {year})")),
        unpadded: None,
        iso_dash: false,
        bad_shape: false,
    })
}

/// The date starting at `i`, in any form the heading position allows.
fn date_at(s: &str, i: usize, ctx: &HeadingContext, seen: &mut NumericDates) -> Option<Token> {
    let first = *s.as_bytes().get(i)?;
    if first.is_ascii_digit() {
        year_first_at(s, i)
            .or_else(|| numeric_at(s, i, ctx.order, seen))
            .or_else(|| day_first_at(s, i, ctx.period))
            .or_else(|| match ctx.period? {
                Period::Month { year, month } => month_day_at(s, i, year, month),
                Period::Year(year) => year_day_at(s, i, year),
            })
    } else if first.is_ascii_alphabetic() {
        month_first_at(s, i, ctx.period)
    } else {
        None
    }
}

/// Classifies a heading's text; `text_span` is where it sits in `text`.
///
/// A heading is dated when one date stands at its start, or right after its
/// leading labels (`Day 12:`, `R1D12 -`, a weekday); a date later in the
/// text (`Notes on the 2019-09-10 outage`) does not count. Numeric
/// day/month dates read there are counted in `seen`, whatever the order.
pub(crate) fn heading_date(
    text: &str,
    text_span: Span,
    ctx: &HeadingContext,
    seen: &mut NumericDates,
) -> HeadingDate {
    let s = text_span.slice(text);
    // Every date form holds a digit: most headings stop here.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return HeadingDate::NotDated;
    }
    let (label, p) = leading_label(s);
    let link = s.get(p..).is_some_and(|r| r.starts_with("[["));
    let y0 = p + if link { 2 } else { 0 };
    let Some(token) = date_at(s, y0, ctx, seen) else {
        return HeadingDate::NotDated;
    };
    // From here on the heading is date-like: an entry or an `invalid-date`.
    let date_end = token.end;
    let written = s.get(y0..date_end).unwrap_or("");
    let date_span = Span::new(text_span.start() + y0, text_span.start() + date_end);

    let mut rest = s.get(date_end..).unwrap_or("");
    if link {
        // `[[2026-11-20]]`, `[[2026-11-20|alias]]`, `[[2025-03-23 Sun]]`.
        let inner = rest.trim_start_matches([' ', ',']);
        let after_weekday = weekday_len(inner)
            .filter(|_| inner.len() < rest.len())
            .and_then(|len| inner.get(len..))
            .unwrap_or(rest);
        let close = if after_weekday.starts_with('|') {
            after_weekday.find("]]")
        } else {
            after_weekday.starts_with("]]").then_some(0)
        };
        match close {
            Some(i) => rest = after_weekday.get(i + 2..).unwrap_or(""),
            None => {
                return HeadingDate::Invalid {
                    message: format!(
                        "`[[{written}` is not a date link: close it with `]]` right after the date"
                    ),
                    fix: None,
                };
            }
        }
    }
    // Text glued to the date: only a `T10:30` time may touch it.
    let glued = !rest.is_empty()
        && !rest.starts_with(is_separator)
        && (token.iso_dash || !rest.starts_with(['.', '/']));
    if glued {
        let time = rest
            .strip_prefix(['T', 't'])
            .filter(|_| token.iso_dash)
            .and_then(time_len)
            .map(|len| len + 1);
        match time {
            Some(len) => rest = rest.get(len..).unwrap_or(""),
            None if token.bad_shape => return invalid_shape(written),
            None => {
                let glued: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
                let fix = token.date.is_ok().then(|| {
                    (
                        Span::empty(date_span.end() + if link { 2 } else { 0 }),
                        " ".to_string(),
                    )
                });
                return HeadingDate::Invalid {
                    message: format!(
                        "`{written}{glued}` is not a valid date: `{glued}` is glued to the date; \
                         put a space between the date and the title"
                    ),
                    fix,
                };
            }
        }
    }
    let date = match token.date {
        Ok(date) => date,
        Err(message) => return HeadingDate::Invalid { message, fix: None },
    };
    if let Some(fixed) = token.unpadded {
        return HeadingDate::Invalid {
            message: format!(
                "`{written}` is not a valid date: dates are written zero-padded, as `{fixed}`"
            ),
            fix: Some((date_span, fixed)),
        };
    }
    // An optional weekday (`2019-09-10 Tuesday`, `(Sunday)`), an optional
    // time (`2026-11-20 10:30 Title`), then the title.
    let mut rest = rest.trim_start_matches(is_separator);
    if let Some(len) = weekday_len(rest) {
        rest = rest
            .get(len..)
            .unwrap_or("")
            .trim_start_matches(is_separator);
    }
    if let Some(len) = time_len(rest).or_else(|| {
        rest.strip_prefix(['T', 't'])
            .and_then(time_len)
            .map(|l| l + 1)
    }) {
        rest = rest
            .get(len..)
            .unwrap_or("")
            .trim_start_matches(is_separator);
    }
    let after = rest.trim_end();
    let label = label
        .and_then(|r| s.get(r))
        .unwrap_or("")
        .trim_end_matches(is_separator);
    let title = match (label.is_empty(), after.is_empty()) {
        (true, _) => after.to_string(),
        (false, true) => label.to_string(),
        (false, false) => format!("{label}: {after}"),
    };
    HeadingDate::Valid {
        date,
        date_span,
        title,
    }
}

/// The day a wiki link's text names, read by the heading recognisers: one
/// whole date, `YYYY-MM-DD` (zero-padded) or with an English month name
/// (`May 3rd, 2021`, `3 May 2021`), with an optional weekday before or after
/// it (`2025-03-23 Sun`, Logseq's `yyyy-MM-dd EEE`; `Sun, Mar 23rd, 2025`)
/// and nothing else. Stricter than a heading: no title, no label, no day
/// range, no numeric day/month order to guess, and no `/` or `.` form (a
/// link's `/` names folders). A journal's own title format (Logseq's
/// `:journal/page-title-format`) is read by the workspace beside this.
pub(crate) fn link_date(text: &str) -> Option<Date> {
    let s = text.trim();
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let start = match weekday_len(s) {
        Some(len) => {
            let next = skip_separators(s, len);
            if next == len {
                return None;
            }
            next
        }
        None => 0,
    };
    let token = match *s.as_bytes().get(start)? {
        b if b.is_ascii_digit() => year_first_at(s, start)
            .filter(|t| t.iso_dash)
            .or_else(|| day_first_at(s, start, None))?,
        _ => month_first_at(s, start, None)?,
    };
    let written = s.get(start..token.end)?;
    let ranged = !token.iso_dash && written.contains(['-', '–']);
    if token.unpadded.is_some() || token.bad_shape || ranged {
        return None;
    }
    let date = token.date.ok()?;
    let rest = s.get(token.end..)?.trim_start_matches(is_separator);
    let rest = match weekday_len(rest) {
        Some(len) if start == 0 && rest.len() < s.len() - token.end => rest.get(len..)?,
        _ => rest,
    };
    rest.trim_matches(is_separator).is_empty().then_some(date)
}

/// The period a month or year file covers, from its name: `2024-03.md`
/// (a month), `2024.md` (a year).
pub(crate) fn file_name_period(path: &str) -> Option<Period> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let (stem, ext) = name.rsplit_once('.')?;
    if !(ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown")) {
        return None;
    }
    period_of(stem)
}

/// `2024-03`, `2024` (the whole text).
fn period_of(s: &str) -> Option<Period> {
    let b = s.as_bytes();
    let all_digits = |r: Range<usize>| {
        s.get(r)
            .is_some_and(|d| d.bytes().all(|c| c.is_ascii_digit()))
    };
    match b.len() {
        4 if all_digits(0..4) => Some(Period::Year(number(s, 0..4))),
        7 if all_digits(0..4) && b[4] == b'-' && all_digits(5..7) => {
            let month = i8::try_from(number(s, 5..7)).ok()?;
            (1..=12).contains(&month).then_some(Period::Month {
                year: number(s, 0..4),
                month,
            })
        }
        _ => None,
    }
}

/// The period a file's first heading names: `March 2024`, `Mar 2024`,
/// `2024-03`, `2024`.
pub(crate) fn heading_period(heading: &str) -> Option<Period> {
    let heading = heading.trim();
    if let Some(period) = period_of(heading) {
        return Some(period);
    }
    let (month, len) = month_name(heading)?;
    let rest = heading.get(len..)?.trim_start_matches([' ', ',']);
    (rest.len() == 4 && digit_run(rest) == 4).then(|| Period::Month {
        year: number(rest, 0..4),
        month,
    })
}

fn shape_message(written: &str) -> String {
    format!("`{written}` is not a valid date: write dates as YYYY-MM-DD")
}

fn invalid_shape(written: &str) -> HeadingDate {
    HeadingDate::Invalid {
        message: shape_message(written),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How a heading reads: `date | title`, `invalid: message`, or `-`.
    fn read_in(heading: &str, ctx: HeadingContext) -> String {
        let mut seen = NumericDates::default();
        match heading_date(heading, Span::new(0, heading.len()), &ctx, &mut seen) {
            HeadingDate::NotDated => "-".to_string(),
            HeadingDate::Valid {
                date,
                date_span,
                title,
            } => format!("{date} [{}] | {title}", date_span.slice(heading)),
            HeadingDate::Invalid { message, .. } => format!("invalid: {message}"),
        }
    }

    fn read(heading: &str) -> String {
        read_in(heading, HeadingContext::default())
    }

    fn assert_reads(cases: &[(&str, &str)], ctx: HeadingContext) {
        for (heading, expected) in cases {
            assert_eq!(read_in(heading, ctx), *expected, "{heading:?}");
        }
    }

    #[test]
    fn iso_dates_with_dashes_slashes_and_dots() {
        assert_reads(
            &[
                ("2019-09-10", "2019-09-10 [2019-09-10] | "),
                ("2019/09/10 Title", "2019-09-10 [2019/09/10] | Title"),
                ("2019.09.10 - Title", "2019-09-10 [2019.09.10] | Title"),
                ("2019/9/1", "2019-09-01 [2019/9/1] | "),
                ("2019-09-10 Tuesday", "2019-09-10 [2019-09-10] | "),
                (
                    "2019-09-10 (Tue) Caching",
                    "2019-09-10 [2019-09-10] | Caching",
                ),
                (
                    "2019-09-10, Tuesday: Caching",
                    "2019-09-10 [2019-09-10] | Caching",
                ),
            ],
            HeadingContext::default(),
        );
    }

    #[test]
    fn v1_invalid_dates_keep_their_meaning() {
        assert_reads(
            &[
                (
                    "2026-02-30",
                    "invalid: `2026-02-30` is not a calendar date: February 2026 has 28 days",
                ),
                (
                    "2026-1-5",
                    "invalid: `2026-1-5` is not a valid date: dates are written zero-padded, as `2026-01-05`",
                ),
                (
                    "2026-11-20foo",
                    "invalid: `2026-11-20foo` is not a valid date: `foo` is glued to the date; put a space between the date and the title",
                ),
                (
                    "2026-11-200",
                    "invalid: `2026-11-200` is not a valid date: write dates as YYYY-MM-DD",
                ),
                (
                    "2019/02/30",
                    "invalid: `2019/02/30` is not a calendar date: February 2019 has 28 days",
                ),
            ],
            HeadingContext::default(),
        );
    }

    #[test]
    fn month_names_full_abbreviated_ordinal_and_weekdays() {
        assert_reads(
            &[
                ("September 10, 2019", "2019-09-10 [September 10, 2019] | "),
                ("Sep 10th, 2019", "2019-09-10 [Sep 10th, 2019] | "),
                ("Sept. 10 2019 notes", "2019-09-10 [Sept. 10 2019] | notes"),
                ("10 September 2019", "2019-09-10 [10 September 2019] | "),
                ("1st of May, 2021", "2021-05-01 [1st of May, 2021] | "),
                (
                    "Sunday February 6, 2022",
                    "2022-02-06 [February 6, 2022] | ",
                ),
                ("Sunday, 6 Feb 2022", "2022-02-06 [6 Feb 2022] | "),
                (
                    "February 6, 2022 (Sunday)",
                    "2022-02-06 [February 6, 2022] | ",
                ),
                (
                    "may 3rd, 2021: Lifetimes",
                    "2021-05-03 [may 3rd, 2021] | Lifetimes",
                ),
                (
                    "February 30, 2022",
                    "invalid: `February 30, 2022` is not a calendar date: February 2022 has 28 days",
                ),
                (
                    "May 3rd, 2021x",
                    "invalid: `May 3rd, 2021x` is not a valid date: `x` is glued to the date; put a space between the date and the title",
                ),
            ],
            HeadingContext::default(),
        );
    }

    #[test]
    fn labels_before_the_date() {
        assert_reads(
            &[
                (
                    "Day 12: September 21, 2019",
                    "2019-09-21 [September 21, 2019] | Day 12",
                ),
                (
                    "Day 0: February 30, 2016 (Example 1)",
                    "invalid: `February 30, 2016` is not a calendar date: February 2016 has 29 days",
                ),
                (
                    "Day 12 - 2019-09-21 - Forms",
                    "2019-09-21 [2019-09-21] | Day 12: Forms",
                ),
                ("R1D12 - 2020-08-10", "2020-08-10 [2020-08-10] | R1D12"),
                (
                    "r2d3: Aug 10, 2020 - Hooks",
                    "2020-08-10 [Aug 10, 2020] | r2d3: Hooks",
                ),
                (
                    "Day 12/100 (2019-09-21)",
                    "2019-09-21 [2019-09-21] | Day 12/100",
                ),
                (
                    "Day 38-44: May 18-24, 2019",
                    "2019-05-18 [May 18-24, 2019] | Day 38-44",
                ),
                (
                    "Day 3: 18-24 May 2019",
                    "2019-05-18 [18-24 May 2019] | Day 3",
                ),
                ("Day 5: Notes", "-"),
            ],
            HeadingContext::default(),
        );
    }

    /// The rule for dates inside a sentence: only the first token, or the
    /// one right after the labels, is read.
    #[test]
    fn a_date_inside_a_sentence_makes_no_entry() {
        assert_reads(
            &[
                ("Notes on the 2019-09-10 outage", "-"),
                ("Retro: September 10, 2019", "-"),
                ("Sundays are for 2019-09-10", "-"),
                ("Week 3 – 2024-01-15", "-"),
                ("March 2024", "-"),
                ("May 2019 retrospective", "-"),
                ("May the 4th", "-"),
                ("10 things I learned", "-"),
                ("3.2.1 Section", "-"),
                ("2024-W03", "-"),
                ("Version 1.2.2018", "-"),
                (
                    "2019-09-10 outage notes",
                    "2019-09-10 [2019-09-10] | outage notes",
                ),
                (
                    "Tuesday 2019-09-10 outage",
                    "2019-09-10 [2019-09-10] | outage",
                ),
            ],
            HeadingContext::default(),
        );
    }

    #[test]
    fn wiki_link_dates() {
        assert_reads(
            &[
                ("[[2025-03-23 Sun]]", "2025-03-23 [2025-03-23] | "),
                (
                    "[[May 3rd, 2021]] Ownership",
                    "2021-05-03 [May 3rd, 2021] | Ownership",
                ),
                ("[[2026-11-20|Friday]] x", "2026-11-20 [2026-11-20] | x"),
                (
                    "[[2025-03-23 Sun",
                    "invalid: `[[2025-03-23` is not a date link: close it with `]]` right after the date",
                ),
                ("[[Notes]]", "-"),
            ],
            HeadingContext::default(),
        );
    }

    #[test]
    fn link_text_dates_are_whole_dates() {
        let d = |y, m, d| Some(Date::constant(y, m, d));
        assert_eq!(link_date("2025-03-23"), d(2025, 3, 23));
        assert_eq!(link_date("2025-03-23 Sun"), d(2025, 3, 23));
        assert_eq!(link_date("2025-03-23 Sunday"), d(2025, 3, 23));
        assert_eq!(link_date("May 3rd, 2021"), d(2021, 5, 3));
        assert_eq!(link_date("Mar 23rd, 2025"), d(2025, 3, 23));
        assert_eq!(link_date("May 3, 2021"), d(2021, 5, 3));
        assert_eq!(link_date("3 May 2021"), d(2021, 5, 3));
        assert_eq!(link_date("Sun, Mar 23rd, 2025"), d(2025, 3, 23));
        assert_eq!(link_date("Sept 3rd, 2021"), d(2021, 9, 3));
        for not_a_day in [
            "2025-03-23 notes",
            "2025-3-23",
            "2025-03-23Sun",
            "2025/03/23",
            "01/12/2018",
            "February 30th, 2025",
            "May 3xx, 2021",
            "May 18-24, 2019",
            "May 3",
            "Mayday",
            "Sunday",
            "Sun, 2025-03-23 Sun",
            "Day 12: May 3rd, 2021",
        ] {
            assert_eq!(link_date(not_a_day), None, "{not_a_day}");
        }
    }

    #[test]
    fn numeric_dates_follow_the_order() {
        let mdy = HeadingContext::default();
        let dmy = HeadingContext {
            order: DateOrder::DayFirst,
            period: None,
        };
        assert_reads(&[("01/12/2018 x", "2018-01-12 [01/12/2018] | x")], mdy);
        assert_reads(&[("01/12/2018 x", "2018-12-01 [01/12/2018] | x")], dmy);
        assert_reads(&[("12.01.2018", "2018-01-12 [12.01.2018] | ")], dmy);
        assert!(read("13/01/2018").starts_with(
            "invalid: `13/01/2018` is not a calendar date: there is no month 13 \
             (numeric dates are read month first"
        ));
        let mut seen = NumericDates::default();
        for h in ["13.01.2018", "01.02.2018", "Notes 14.01.2018"] {
            heading_date(h, Span::new(0, h.len()), &mdy, &mut seen);
        }
        assert_eq!(
            seen,
            NumericDates {
                count: 2,
                day_first: 1
            }
        );
    }

    #[test]
    fn day_headings_of_month_and_year_files() {
        let march = HeadingContext {
            order: DateOrder::MonthFirst,
            period: Some(Period::Month {
                year: 2024,
                month: 3,
            }),
        };
        assert_reads(
            &[
                ("05", "2024-03-05 [05] | "),
                ("5th", "2024-03-05 [5th] | "),
                ("Tue 05", "2024-03-05 [05] | "),
                ("05 Tue - Lifetimes", "2024-03-05 [05] | Lifetimes"),
                ("05 Lifetimes", "2024-03-05 [05] | Lifetimes"),
                ("5: Lifetimes", "2024-03-05 [5] | Lifetimes"),
                ("3 things I learned", "-"),
                (
                    "2024-03-07 Still a date",
                    "2024-03-07 [2024-03-07] | Still a date",
                ),
                (
                    "32",
                    "invalid: `32` is not a day of March 2024: March 2024 has 31 days",
                ),
                (
                    "00",
                    "invalid: `00` is not a day of March 2024: there is no day 0; March 2024 has 31 days",
                ),
            ],
            march,
        );
        let year = HeadingContext {
            order: DateOrder::MonthFirst,
            period: Some(Period::Year(2024)),
        };
        assert_reads(
            &[
                ("03-05", "2024-03-05 [03-05] | "),
                ("03-05 Tue: Lifetimes", "2024-03-05 [03-05] | Lifetimes"),
                ("March 5", "2024-03-05 [March 5] | "),
                (
                    "02-30",
                    "invalid: `02-30` is not a calendar date: February 2024 has 29 days (in the year file of 2024)",
                ),
                ("05", "-"),
            ],
            year,
        );
    }

    #[test]
    fn periods_from_names_and_first_headings() {
        assert_eq!(
            file_name_period("til/2024-03.md"),
            Some(Period::Month {
                year: 2024,
                month: 3
            })
        );
        assert_eq!(file_name_period("2024.md"), Some(Period::Year(2024)));
        assert_eq!(file_name_period("2024-13.md"), None);
        assert_eq!(file_name_period("2024-03-05.md"), None);
        assert_eq!(
            heading_period("March 2024"),
            Some(Period::Month {
                year: 2024,
                month: 3
            })
        );
        assert_eq!(heading_period("Mar, 2024"), heading_period("2024-03"));
        assert_eq!(heading_period("March 2024 plans"), None);
    }

    proptest::proptest! {
        /// No heading text makes the recognisers panic, and a valid date's
        /// span lies on character boundaries of the heading.
        #[test]
        fn never_panics(heading in "(Day |R1D|Sun|May |\\[\\[|[0-9]|[./,: -]|th|\\PC){0,16}") {
            for period in [None, Some(Period::Month { year: 2024, month: 2 }), Some(Period::Year(2024))] {
                let ctx = HeadingContext { order: DateOrder::DayFirst, period };
                let mut seen = NumericDates::default();
                if let HeadingDate::Valid { date_span, .. } =
                    heading_date(&heading, Span::new(0, heading.len()), &ctx, &mut seen)
                {
                    proptest::prop_assert!(heading.get(date_span.start()..date_span.end()).is_some());
                }
            }
        }
    }
}
