//! Dates in file names, headings and frontmatter: `YYYY-MM-DD`, strictly
//! zero-padded, a real calendar date (jiff decides).

use jiff::civil::Date;

use crate::text::Span;

/// A strict `YYYY-MM-DD`.
pub(crate) fn parse_strict(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| {
        s.get(r)
            .filter(|d| d.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|d| d.parse::<i16>().ok())
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
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
        /// The date's digits (inside `[[ ]]` for the link form).
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

/// Separators between a heading's date (or time) and its title.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '·' | '|')
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

/// Classifies a heading's text; `text_span` is where it sits in `text`.
pub(crate) fn heading_date(text: &str, text_span: Span) -> HeadingDate {
    let s = text_span.slice(text);
    let link = s.starts_with("[[");
    let y0 = if link { 2 } else { 0 };
    let Some(after_year) = s.get(y0..) else {
        return HeadingDate::NotDated;
    };
    if digit_run(after_year) != 4 || after_year.as_bytes().get(4) != Some(&b'-') {
        return HeadingDate::NotDated;
    }
    let m0 = y0 + 5;
    let month_len = digit_run(s.get(m0..).unwrap_or(""));
    if !(1..=2).contains(&month_len) || s.as_bytes().get(m0 + month_len) != Some(&b'-') {
        return HeadingDate::NotDated;
    }
    let d0 = m0 + month_len + 1;
    let day_len = digit_run(s.get(d0..).unwrap_or(""));
    if day_len == 0 {
        return HeadingDate::NotDated;
    }
    // From here on the heading is date-like: an entry or an `invalid-date`.
    let date_end = d0 + day_len;
    let written = s.get(y0..date_end).unwrap_or("");
    let date_span = Span::new(text_span.start() + y0, text_span.start() + date_end);
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|d| d.parse::<i16>().ok());
    let (year, month, day) = (
        num(y0..y0 + 4).unwrap_or(0),
        num(m0..m0 + month_len).unwrap_or(0),
        num(d0..date_end).unwrap_or(0),
    );
    let real = (day_len <= 2)
        .then(|| Date::new(year, month as i8, day as i8).ok())
        .flatten();

    let mut rest = s.get(date_end..).unwrap_or("");
    if link {
        // `[[2026-11-20]]` or `[[2026-11-20|alias]]`.
        let close = if rest.starts_with('|') {
            rest.find("]]")
        } else {
            rest.starts_with("]]").then_some(0)
        };
        match close {
            Some(i) => rest = rest.get(i + 2..).unwrap_or(""),
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
    if !rest.is_empty() && !rest.starts_with(is_separator) {
        let time = rest
            .strip_prefix(['T', 't'])
            .and_then(time_len)
            .map(|len| len + 1);
        match time {
            Some(len) => rest = rest.get(len..).unwrap_or(""),
            None if day_len > 2 => {
                return invalid_shape(written);
            }
            None => {
                let glued: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
                let fix = real.map(|_| {
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
    let padded = month_len == 2 && day_len == 2;
    let Some(date) = real else {
        return not_a_calendar_date(written, year, month, day, day_len);
    };
    if !padded {
        let fixed = date.strftime("%Y-%m-%d").to_string();
        return HeadingDate::Invalid {
            message: format!(
                "`{written}` is not a valid date: dates are written zero-padded, as `{fixed}`"
            ),
            fix: Some((date_span, fixed)),
        };
    }
    // An optional time after separators (`2026-11-20 10:30 Title`), then the title.
    let mut rest = rest.trim_start_matches(is_separator);
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
    HeadingDate::Valid {
        date,
        date_span,
        title: rest.trim_end().to_string(),
    }
}

fn invalid_shape(written: &str) -> HeadingDate {
    HeadingDate::Invalid {
        message: format!("`{written}` is not a valid date: write dates as YYYY-MM-DD"),
        fix: None,
    }
}

/// The message for a date-like heading that names no calendar day.
fn not_a_calendar_date(
    written: &str,
    year: i16,
    month: i16,
    day: i16,
    day_len: usize,
) -> HeadingDate {
    if day_len > 2 {
        return invalid_shape(written);
    }
    let why = match i8::try_from(month)
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
    };
    HeadingDate::Invalid {
        message: format!("`{written}` is not a calendar date: {why}"),
        fix: None,
    }
}
