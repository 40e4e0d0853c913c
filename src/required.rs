//! Which fields every entry must have: the config's `required` list when the
//! journal sets one, else the defaults adjusted to the journal's own habit.
//!
//! A journal of at least [`HABIT_MIN_ENTRIES`] entries without an explicit
//! `required` drops a default field (topic, time) that fewer than half of its
//! entries have (it gets one `field-habit` finding instead of a
//! `missing-field` per entry), and requires any known field that at least
//! [`HABIT_ADOPT_PERCENT`]% of its entries have, so the few gaps in a habit
//! are flagged. Smaller journals keep the configured (or default) list: a
//! handful of entries says little about a habit.

use crate::config::Config;
use crate::syntax::{Entry, FieldKind};

/// Below this many entries the journal's habit is not judged.
pub const HABIT_MIN_ENTRIES: usize = 20;

/// A default field that fewer than this share of entries have (in percent)
/// is not required: the owner does not record it.
pub const HABIT_DROP_PERCENT: usize = 50;

/// A known field that at least this share of entries have (in percent) is
/// required: the entries without it are gaps in a habit.
pub const HABIT_ADOPT_PERCENT: usize = 80;

/// How many entries have each known field, kept by the workspace as entries
/// come and go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldCounts {
    pub entries: usize,
    /// Per [`FieldKind::KNOWN`] index: the entries that have that field.
    pub with: [usize; FieldKind::KNOWN.len()],
}

impl FieldCounts {
    pub fn add(&mut self, entry: &Entry) {
        self.entries += 1;
        let mask = field_mask(entry);
        for (i, n) in self.with.iter_mut().enumerate() {
            if mask & (1 << i) != 0 {
                *n += 1;
            }
        }
    }

    pub fn remove(&mut self, entry: &Entry) {
        self.entries = self.entries.saturating_sub(1);
        let mask = field_mask(entry);
        for (i, n) in self.with.iter_mut().enumerate() {
            if mask & (1 << i) != 0 {
                *n = n.saturating_sub(1);
            }
        }
    }

    /// The entries that have `kind`.
    pub fn with(&self, kind: FieldKind) -> usize {
        known_index(kind).map_or(0, |i| self.with[i])
    }
}

/// Which known fields `entry` has, one bit per [`FieldKind::KNOWN`] index. A
/// topic counts when the entry names one anywhere (a tag, a field,
/// frontmatter); a field present with an invalid value counts as present.
pub fn field_mask(entry: &Entry) -> u8 {
    let mut mask = 0u8;
    for (i, kind) in FieldKind::KNOWN.iter().enumerate() {
        if has_known_field(entry, *kind) {
            mask |= 1 << i;
        }
    }
    mask
}

/// Whether `entry` has the field `kind` in the sense of `missing-field`.
pub fn has_known_field(entry: &Entry, kind: FieldKind) -> bool {
    match kind {
        FieldKind::Topics => !entry.topics.is_empty() || entry.has_field(kind),
        _ => entry.has_field(kind),
    }
}

fn known_index(kind: FieldKind) -> Option<usize> {
    FieldKind::KNOWN.iter().position(|k| *k == kind)
}

/// Why a field is, or is not, required.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// `required` in the config lists it.
    Config,
    /// A default field in a journal too small to judge its habit.
    Default,
    /// A default field that at least half the entries have.
    DefaultKept,
    /// A default field that fewer than half the entries have: not required.
    Rare,
    /// A field most entries have (at least [`HABIT_ADOPT_PERCENT`]%).
    Habit,
}

impl Why {
    /// A stable name for programs (`stats --format json`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Why::Config => "config",
            Why::Default => "default",
            Why::DefaultKept => "default",
            Why::Rare => "rare",
            Why::Habit => "habit",
        }
    }
}

/// The rule for one field in one journal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldRule {
    pub kind: FieldKind,
    pub required: bool,
    pub why: Why,
    /// Entries that have the field, and all entries.
    pub with: usize,
    pub entries: usize,
}

impl FieldRule {
    /// One line for people: why the field is (or is not) required.
    pub fn explain(&self) -> String {
        let name = self.kind.name();
        let share = format!(
            "{} of {} entr{} {} it",
            self.with,
            self.entries,
            if self.entries == 1 { "y" } else { "ies" },
            if self.with == 1 { "has" } else { "have" },
        );
        match self.why {
            Why::Config => format!("`{name}`: required by `required` in studylog.toml"),
            Why::Default => format!(
                "`{name}`: required by default (the journal has {} entr{}; from {HABIT_MIN_ENTRIES} on, its habit decides)",
                self.entries,
                if self.entries == 1 { "y" } else { "ies" },
            ),
            Why::DefaultKept => format!("`{name}`: required by default ({share})"),
            Why::Habit => format!("`{name}`: required by habit ({share})"),
            Why::Rare => format!(
                "`{name}`: not required, the journal rarely records it ({share}); set `required` in studylog.toml to check it"
            ),
        }
    }
}

/// The rules of `config` for a journal whose entries have `counts`: every
/// required field, and every default field left out because it is rare; the
/// configured (or default) fields first, in their order.
pub fn field_rules(config: &Config, counts: &FieldCounts) -> Vec<FieldRule> {
    let rule = |kind: FieldKind, required: bool, why: Why| FieldRule {
        kind,
        required,
        why,
        with: counts.with(kind),
        entries: counts.entries,
    };
    let listed = |kind: FieldKind| config.required.contains(&kind);
    // The configured (or default) list first, in its order, then the other
    // known fields.
    let mut order: Vec<FieldKind> = Vec::new();
    for kind in config.required.iter().chain(FieldKind::KNOWN.iter()) {
        if *kind != FieldKind::Other && !order.contains(kind) {
            order.push(*kind);
        }
    }
    if config.required_explicit {
        return order
            .into_iter()
            .filter(|k| listed(*k))
            .map(|k| rule(k, true, Why::Config))
            .collect();
    }
    if counts.entries < HABIT_MIN_ENTRIES {
        return order
            .into_iter()
            .filter(|k| listed(*k))
            .map(|k| rule(k, true, Why::Default))
            .collect();
    }
    let percent = |kind: FieldKind| counts.with(kind) * 100;
    let all = counts.entries;
    order
        .into_iter()
        .filter_map(|kind| {
            if listed(kind) {
                if percent(kind) >= HABIT_DROP_PERCENT * all {
                    Some(rule(kind, true, Why::DefaultKept))
                } else {
                    Some(rule(kind, false, Why::Rare))
                }
            } else if percent(kind) >= HABIT_ADOPT_PERCENT * all {
                Some(rule(kind, true, Why::Habit))
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(entries: usize, with: &[(FieldKind, usize)]) -> FieldCounts {
        let mut c = FieldCounts {
            entries,
            ..FieldCounts::default()
        };
        for (kind, n) in with {
            c.with[known_index(*kind).unwrap()] = *n;
        }
        c
    }

    fn summary(config: &Config, counts: &FieldCounts) -> Vec<(&'static str, bool, Why)> {
        field_rules(config, counts)
            .into_iter()
            .map(|r| (r.kind.name(), r.required, r.why))
            .collect()
    }

    #[test]
    fn a_small_journal_keeps_the_defaults() {
        let c = counts(19, &[(FieldKind::Time, 0), (FieldKind::Learned, 19)]);
        assert_eq!(
            summary(&Config::default(), &c),
            [("topic", true, Why::Default), ("time", true, Why::Default)]
        );
    }

    #[test]
    fn the_habit_drops_rare_defaults_and_adopts_common_fields() {
        let c = counts(
            420,
            &[
                (FieldKind::Time, 8),
                (FieldKind::Topics, 210),
                (FieldKind::Learned, 336),
                (FieldKind::Next, 335),
            ],
        );
        assert_eq!(
            summary(&Config::default(), &c),
            [
                ("topic", true, Why::DefaultKept),
                ("time", false, Why::Rare),
                ("learned", true, Why::Habit),
            ]
        );
        let rules = field_rules(&Config::default(), &c);
        assert_eq!(
            rules[1].explain(),
            "`time`: not required, the journal rarely records it (8 of 420 entries have it); set `required` in studylog.toml to check it"
        );
        assert_eq!(
            rules[2].explain(),
            "`learned`: required by habit (336 of 420 entries have it)"
        );
    }

    #[test]
    fn an_explicit_list_is_the_rule() {
        let config = Config {
            required: vec![FieldKind::Time, FieldKind::Time],
            required_explicit: true,
            ..Config::default()
        };
        let c = counts(420, &[(FieldKind::Time, 8), (FieldKind::Learned, 420)]);
        assert_eq!(summary(&config, &c), [("time", true, Why::Config)]);
    }
}
