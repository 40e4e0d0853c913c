//! Topic names: canonical forms (`LoadBalancing` -> `load-balancing`) and the
//! segment nested tags are matched on.

/// The canonical form of a topic as written (without `#`): lower case, spaces
/// and `_` become `-`, camelCase split, runs of `-` collapsed and trimmed;
/// nested tags keep their `/` segments, each canonicalised (empty segments
/// are dropped).
///
/// camelCase splits before an upper-case letter that follows a lower-case
/// one (`loadBalancing`) and before the last capital of a run that is
/// followed by a lower-case letter (`HTTPServer` -> `http-server`). Digits
/// never split (`k8s`, `Http2Server` -> `http2server`, `3DPrinting` ->
/// `3d-printing`).
pub fn canonicalize(written: &str) -> String {
    if is_plain_canonical(written) {
        // Most tags are written canonically already: copy instead of
        // rebuilding character by character.
        return written.to_string();
    }
    let mut out = String::with_capacity(written.len() + 4);
    for segment in written.split('/') {
        let start = out.len();
        if start > 0 {
            out.push('/');
        }
        let body_start = out.len();
        push_segment(segment, &mut out);
        if out.len() == body_start {
            // Empty segment (`a//b`, trailing `/`): drop it and its separator.
            out.truncate(start);
        }
    }
    out
}

/// True when `written` is already canonical in the simplest way: ASCII lower
/// case letters and digits in `-`-separated runs, no `/`.
fn is_plain_canonical(written: &str) -> bool {
    let b = written.as_bytes();
    let word = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    b.first().is_some_and(word)
        && b.last().is_some_and(word)
        && b.iter().all(|c| word(c) || *c == b'-')
        && !b.windows(2).any(|w| w == b"--")
}

/// Appends the canonical form of one `/`-free segment to `out`.
fn push_segment(segment: &str, out: &mut String) {
    let start = out.len();
    let mut prev: Option<char> = None;
    let mut chars = segment.chars().peekable();
    // True when the last thing pushed was a `-` (or nothing yet): collapses runs
    // and trims leading dashes.
    let mut at_dash = true;
    while let Some(c) = chars.next() {
        if c == '_' || c == '-' || c.is_whitespace() {
            if !at_dash {
                out.push('-');
                at_dash = true;
            }
            prev = Some(c);
            continue;
        }
        if c.is_uppercase() {
            let boundary = match prev {
                Some(p) if p.is_lowercase() => true,
                Some(p) if p.is_uppercase() => chars.peek().is_some_and(|n| n.is_lowercase()),
                _ => false,
            };
            if boundary && !at_dash {
                out.push('-');
            }
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
        at_dash = false;
        prev = Some(c);
    }
    while out.len() > start && out.ends_with('-') {
        out.pop();
    }
}

/// The part of a canonical topic that names it: the last `/` segment.
pub fn match_key(canonical: &str) -> &str {
    canonical.rsplit('/').next().unwrap_or(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        let table = [
            ("load-balancing", "load-balancing"),
            ("LoadBalancing", "load-balancing"),
            ("loadBalancing", "load-balancing"),
            ("load_balancing", "load-balancing"),
            ("Load Balancing", "load-balancing"),
            ("load__balancing", "load-balancing"),
            ("load - balancing", "load-balancing"),
            ("--load--balancing--", "load-balancing"),
            ("HTTPServer", "http-server"),
            ("HTTP", "http"),
            ("k8s", "k8s"),
            ("K8s", "k8s"),
            ("Http2Server", "http2server"),
            ("3DPrinting", "3d-printing"),
            ("CI/CD", "ci/cd"),
            ("Backend/LoadBalancing", "backend/load-balancing"),
            ("a//b/", "a/b"),
            ("Über_Größe", "über-größe"),
            ("", ""),
            ("_", ""),
        ];
        for (written, want) in table {
            assert_eq!(canonicalize(written), want, "canonicalize({written:?})");
        }
    }

    #[test]
    fn match_key_is_last_segment() {
        assert_eq!(match_key("backend/load-balancing"), "load-balancing");
        assert_eq!(match_key("load-balancing"), "load-balancing");
        assert_eq!(match_key(""), "");
    }
}
