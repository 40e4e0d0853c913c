//! Checks on one file's entry dates: `future-date`, `duplicate-date` and
//! `date-order`.

use std::collections::HashMap;

use jiff::civil::Date;

use super::calendar::{day_label, day_num};
use crate::diagnostic::{Code, Diagnostic, Related};
use crate::syntax::JournalFile;

pub(super) fn check(file: &JournalFile, today: Date, out: &mut Vec<Diagnostic>) {
    future_date(file, today, out);
    duplicate_date(file, out);
    date_order(file, out);
}

fn future_date(file: &JournalFile, today: Date, out: &mut Vec<Diagnostic>) {
    for entry in file.entries.iter().filter(|e| e.date > today) {
        out.push(Diagnostic::new(
            Code::FutureDate,
            file.path.clone(),
            entry.date_span,
            format!(
                "Entry dated {} is in the future (today is {}); correct the date, or write this entry on that day",
                day_label(entry.date),
                day_label(today)
            ),
        ));
    }
}

fn duplicate_date(file: &JournalFile, out: &mut Vec<Diagnostic>) {
    if file.entries.len() < 2 {
        return;
    }
    // Sized up front: a single-file journal has thousands of entries.
    let mut first_of: HashMap<Date, usize> = HashMap::with_capacity(file.entries.len());
    for (i, entry) in file.entries.iter().enumerate() {
        let Some(&first) = first_of.get(&entry.date) else {
            first_of.insert(entry.date, i);
            continue;
        };
        let Some(first_entry) = file.entries.get(first) else {
            continue;
        };
        let first_line = file.line_index.line_of(first_entry.anchor.start()) + 1;
        out.push(
            Diagnostic::new(
                Code::DuplicateDate,
                file.path.clone(),
                entry.date_span,
                format!(
                    "Another entry for {} in this file (the first is on line {first_line}); merge the two, or correct this date",
                    day_label(entry.date)
                ),
            )
            .with_related(Related {
                path: file.path.clone(),
                span: first_entry.anchor,
                message: format!("first entry for {}", entry.date),
            }),
        );
    }
}

fn date_order(file: &JournalFile, out: &mut Vec<Diagnostic>) {
    let days: Vec<i64> = file.entries.iter().map(|e| day_num(e.date)).collect();
    let (kept, ascending) = ordered_subsequence(&days);
    let order = if ascending {
        "oldest first"
    } else {
        "newest first"
    };
    // The nearest kept entry before and after each position, found in two
    // passes: searching from each flagged entry would be quadratic in a file
    // with many of them.
    let mut kept_before: Vec<Option<usize>> = Vec::with_capacity(days.len());
    let mut last_kept = None;
    for i in 0..days.len() {
        kept_before.push(last_kept);
        if kept.get(i) == Some(&true) {
            last_kept = Some(i);
        }
    }
    let mut kept_after: Vec<Option<usize>> = vec![None; days.len()];
    let mut next_kept = None;
    for i in (0..days.len()).rev() {
        if let Some(slot) = kept_after.get_mut(i) {
            *slot = next_kept;
        }
        if kept.get(i) == Some(&true) {
            next_kept = Some(i);
        }
    }
    for (i, entry) in file.entries.iter().enumerate() {
        if kept.get(i).copied().unwrap_or(true) {
            continue;
        }
        // Some kept neighbour contradicts this entry's place (else the
        // subsequence would not be longest); name it.
        let before = kept_before.get(i).copied().flatten();
        let after = kept_after.get(i).copied().flatten();
        let out_of_place_after = |j: usize| {
            let other = days.get(j).copied().unwrap_or_default();
            if ascending {
                other > days[i]
            } else {
                other < days[i]
            }
        };
        let neighbour = match (before, after) {
            (Some(j), _) if out_of_place_after(j) => Some(("after", j)),
            (_, Some(j)) => Some(("before", j)),
            (Some(j), None) => Some(("after", j)),
            (None, None) => None,
        };
        let place = neighbour
            .and_then(|(side, j)| {
                let other = file.entries.get(j)?;
                let line = file.line_index.line_of(other.anchor.start()) + 1;
                Some(format!(", but it sits {side} {} (line {line})", other.date))
            })
            .unwrap_or_default();
        out.push(Diagnostic::new(
            Code::DateOrder,
            file.path.clone(),
            entry.date_span,
            format!(
                "Entry {} is out of order: this file runs {order}{place}; move the entry to its place",
                entry.date
            ),
        ));
    }
}

/// Which entries keep the file in order, and whether that order is ascending.
/// The order is the one with the longer ordered subsequence (ascending on a
/// tie); equal dates never break it. Among longest subsequences the one
/// keeping the earliest entries wins, so a late insertion is what gets flagged.
pub(crate) fn ordered_subsequence(days: &[i64]) -> (Vec<bool>, bool) {
    let asc = longest_non_decreasing(days);
    let negated: Vec<i64> = days.iter().map(|d| -d).collect();
    let desc = longest_non_decreasing(&negated);
    let count = |v: &[bool]| v.iter().filter(|&&k| k).count();
    if count(&asc) >= count(&desc) {
        (asc, true)
    } else {
        (desc, false)
    }
}

/// Marks a longest non-decreasing subsequence of `keys`, the lexicographically
/// smallest by position. O(n log n).
fn longest_non_decreasing(keys: &[i64]) -> Vec<bool> {
    let n = keys.len();
    // from_here[i]: length of the longest non-decreasing subsequence starting at i.
    let mut from_here = vec![0usize; n];
    // tails[k]: the largest possible first key of such a subsequence of length
    // k + 1 among positions seen so far (scanning right to left); decreasing.
    let mut tails: Vec<i64> = Vec::new();
    for i in (0..n).rev() {
        let key = keys[i];
        // First tail smaller than key: subsequences it heads can take key in front.
        let at = tails.partition_point(|&t| t >= key);
        if at == tails.len() {
            tails.push(key);
        } else {
            tails[at] = key;
        }
        from_here[i] = at + 1;
    }
    let mut kept = vec![false; n];
    let mut need = from_here.iter().copied().max().unwrap_or(0);
    let mut last = i64::MIN;
    for i in 0..n {
        if need > 0 && from_here[i] == need && keys[i] >= last {
            kept[i] = true;
            last = keys[i];
            need -= 1;
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out_of_place(days: &[i64]) -> (Vec<usize>, bool) {
        let (kept, asc) = ordered_subsequence(days);
        let flagged = kept
            .iter()
            .enumerate()
            .filter(|(_, k)| !**k)
            .map(|(i, _)| i)
            .collect();
        (flagged, asc)
    }

    #[test]
    fn ascending_with_one_late_insertion() {
        assert_eq!(out_of_place(&[1, 2, 9, 3, 4, 5]), (vec![2], true));
        assert_eq!(out_of_place(&[1, 5, 2, 3, 4]), (vec![1], true));
    }

    #[test]
    fn ambiguous_swap_keeps_the_earlier_entry() {
        assert_eq!(out_of_place(&[1, 3, 2, 4]), (vec![2], true));
    }

    #[test]
    fn descending_when_longer() {
        assert_eq!(out_of_place(&[9, 8, 7, 10, 6]), (vec![3], false));
        assert_eq!(out_of_place(&[5, 4, 3, 2, 1]), (vec![], false));
    }

    #[test]
    fn tie_prefers_ascending() {
        assert_eq!(out_of_place(&[2, 1, 3]), (vec![1], true));
        assert_eq!(out_of_place(&[2, 1]), (vec![], false));
        assert_eq!(out_of_place(&[1, 3, 2]), (vec![2], true));
    }

    #[test]
    fn equal_dates_never_break_order() {
        assert_eq!(out_of_place(&[1, 1, 2, 2, 3]), (vec![], true));
        assert_eq!(out_of_place(&[3, 3, 2, 2, 1]), (vec![], false));
        assert_eq!(out_of_place(&[4, 4, 4]), (vec![], true));
        assert_eq!(out_of_place(&[]), (vec![], true));
    }
}
