//! Sets of byte ranges where tags, fields and links are not read (code, HTML,
//! link destinations), with fast overlap queries.

use crate::text::Span;

/// Sorted, non-overlapping spans.
#[derive(Clone, Debug, Default)]
pub(crate) struct Regions {
    spans: Vec<Span>,
}

impl Regions {
    /// Builds the set from spans in any order; overlapping or touching spans merge.
    pub(crate) fn new(mut spans: Vec<Span>) -> Self {
        spans.retain(|s| !s.is_empty());
        spans.sort_unstable();
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start() <= last.end() => {
                    *last = Span::new(last.start(), last.end().max(span.end()));
                }
                _ => merged.push(span),
            }
        }
        Regions { spans: merged }
    }

    /// True when `span` shares at least one byte with a region (an empty span:
    /// when it lies strictly inside one).
    pub(crate) fn overlaps(&self, span: Span) -> bool {
        // The first region ending after span.start is the only candidate.
        let i = self.spans.partition_point(|r| r.end() <= span.start());
        match self.spans.get(i) {
            Some(r) if span.is_empty() => r.start() < span.start(),
            Some(r) => r.start() < span.end(),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_queries() {
        let r = Regions::new(vec![Span::new(10, 20), Span::new(5, 12), Span::new(30, 31)]);
        assert!(!r.overlaps(Span::new(0, 5)));
        assert!(r.overlaps(Span::new(0, 6)));
        assert!(r.overlaps(Span::new(19, 25)));
        assert!(!r.overlaps(Span::new(20, 30)));
        assert!(r.overlaps(Span::new(30, 30 + 1)));
        assert!(r.overlaps(Span::empty(15)));
        assert!(!r.overlaps(Span::empty(5)));
        assert!(!r.overlaps(Span::new(40, 50)));
    }
}
