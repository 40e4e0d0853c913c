//! Topic names: the topic key that tells whether two spellings name one topic
//! (`LoadBalancing`, `load_balancing`, `load-balancing` -> `loadbalancing`),
//! the kebab-case form a name is shown in when nothing better is known, and
//! the segments of nested tags (`emotion/happy`, whose parent `emotion` is a
//! topic too).

use std::borrow::Cow;

use compact_str::CompactString;

/// True for the characters a topic key leaves out: `-`, `_` and white space.
fn is_separator(c: char) -> bool {
    c == '-' || c == '_' || c.is_whitespace()
}

/// The key two spellings of one topic share (without `#`): lower case, with
/// `-`, `_` and white space left out, so `#LoadBalancing`, `#load_balancing`,
/// `#load-balancing` and `#loadbalancing` are one topic, and `#JavaScript`
/// is `#javascript`. Nested tags keep their `/` segments, each keyed; empty
/// segments are dropped (`a//b/` -> `a/b`).
pub fn topic_key(written: &str) -> String {
    topic_key_cow(written).into_owned()
}

/// [`topic_key`] into a [`CompactString`], the form the parsed model keeps:
/// names up to 24 bytes are stored inline, without an allocation of their own.
pub fn topic_key_compact(written: &str) -> CompactString {
    match topic_key_cow(written) {
        Cow::Borrowed(key) => CompactString::from(key),
        Cow::Owned(key) => CompactString::from(key),
    }
}

/// [`topic_key`], borrowing when `written` is a key already (most lookups
/// are of keys).
pub fn topic_key_cow(written: &str) -> Cow<'_, str> {
    if is_plain_key(written) {
        return Cow::Borrowed(written);
    }
    let mut out = String::with_capacity(written.len());
    for segment in written.split('/') {
        let start = out.len();
        if start > 0 {
            out.push('/');
        }
        let body = out.len();
        for c in segment.chars().filter(|c| !is_separator(*c)) {
            out.extend(c.to_lowercase());
        }
        if out.len() == body {
            out.truncate(start);
        }
    }
    Cow::Owned(out)
}

/// True when `written` is its own key in the simplest way: ASCII lower-case
/// letters and digits in non-empty `/` segments.
fn is_plain_key(written: &str) -> bool {
    let b = written.as_bytes();
    let word = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    b.first().is_some_and(word)
        && b.last().is_some_and(word)
        && b.iter().all(|c| word(c) || *c == b'/')
        && !b.windows(2).any(|w| w == b"//")
}

/// The kebab-case form of a written name: lower case, each run of `-`, `_`
/// and white space one `-`, none at either end of a segment; nested
/// segments kept, empty ones dropped. Word breaks are only those written:
/// `Load Balancing` -> `load-balancing`, `JavaScript` -> `javascript`.
pub fn kebab(written: &str) -> String {
    kebab_cow(written).into_owned()
}

/// [`kebab`], borrowing when `written` is in kebab-case already (most names).
pub fn kebab_cow(written: &str) -> Cow<'_, str> {
    let b = written.as_bytes();
    let word = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    let plain = b.first().is_some_and(word)
        && b.last().is_some_and(word)
        && b.iter().all(|c| word(c) || *c == b'-' || *c == b'/')
        && !b.windows(2).any(|w| !(word(&w[0]) || word(&w[1])));
    if plain {
        return Cow::Borrowed(written);
    }
    let mut out = String::with_capacity(written.len());
    for segment in written.split('/') {
        let start = out.len();
        if start > 0 {
            out.push('/');
        }
        let body = out.len();
        let mut dash = false;
        for c in segment.chars() {
            if is_separator(c) {
                dash = out.len() > body;
            } else {
                if dash {
                    out.push('-');
                    dash = false;
                }
                out.extend(c.to_lowercase());
            }
        }
        if out.len() == body {
            out.truncate(start);
        }
    }
    Cow::Owned(out)
}

/// A name as a tag can write it, case and separators kept: no `#` before
/// it, each run of white space one `-` (a tag holds no space), no `-` or
/// `/` at either end, no empty segment (`Chaos Engineering` ->
/// `Chaos-Engineering`, `JavaScript` stays `JavaScript`). Catalog names
/// from topic notes and the config are written so.
pub fn as_tag(written: &str) -> String {
    let words: Vec<&str> = written
        .trim()
        .trim_start_matches('#')
        .split_whitespace()
        .collect();
    let joined = words.join("-");
    trim_segments(joined.trim_matches(|c| c == '-' || c == '/')).into_owned()
}

/// A written name with its empty segments dropped (`backend/` -> `backend`,
/// `a//b` -> `a/b`), so that its segments line up with its key's.
pub fn trim_segments(written: &str) -> Cow<'_, str> {
    let empty = |s: &str| s.chars().all(is_separator);
    if !written.split('/').any(empty) {
        return Cow::Borrowed(written);
    }
    let kept: Vec<&str> = written.split('/').filter(|s| !empty(s)).collect();
    Cow::Owned(kept.join("/"))
}

/// The last `/` segment of a name: what a nested tag is matched on in the
/// catalog for its description.
pub fn last_segment(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// The parent of a nested name (`emotion/happy` -> `emotion`), if it has one.
pub fn parent(name: &str) -> Option<&str> {
    name.rsplit_once('/').map(|(parent, _)| parent)
}

/// The ancestors of a nested name, nearest first (`a/b/c` -> `a/b`, `a`).
pub fn ancestors(name: &str) -> impl Iterator<Item = &str> {
    let mut rest = name;
    std::iter::from_fn(move || {
        let (parent, _) = rest.rsplit_once('/')?;
        rest = parent;
        Some(parent)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_and_separators() {
        let table = [
            ("load-balancing", "loadbalancing"),
            ("LoadBalancing", "loadbalancing"),
            ("loadBalancing", "loadbalancing"),
            ("load_balancing", "loadbalancing"),
            ("Load Balancing", "loadbalancing"),
            ("loadbalancing", "loadbalancing"),
            ("--load--balancing--", "loadbalancing"),
            ("JavaScript", "javascript"),
            ("GitHub", "github"),
            ("iOS", "ios"),
            ("k8s", "k8s"),
            ("Http2Server", "http2server"),
            ("CI/CD", "ci/cd"),
            ("Emotion/Happy", "emotion/happy"),
            ("a//b/", "a/b"),
            ("a/-/b", "a/b"),
            ("Über_Größe", "übergröße"),
            ("", ""),
            ("_", ""),
        ];
        for (written, want) in table {
            assert_eq!(topic_key(written), want, "topic_key({written:?})");
            assert_eq!(topic_key_compact(written), want);
        }
    }

    #[test]
    fn kebab_keeps_the_written_word_breaks() {
        let table = [
            ("load-balancing", "load-balancing"),
            ("Load Balancing", "load-balancing"),
            ("load__balancing", "load-balancing"),
            ("--load--balancing--", "load-balancing"),
            ("LoadBalancing", "loadbalancing"),
            ("JavaScript", "javascript"),
            ("Emotion/Happy_Days", "emotion/happy-days"),
            ("a//b/", "a/b"),
            ("a/-b", "a/b"),
            ("a-/b", "a/b"),
            ("_", ""),
        ];
        for (written, want) in table {
            assert_eq!(kebab(written), want, "kebab({written:?})");
            assert_eq!(kebab_cow(written), want, "kebab_cow({written:?})");
            assert_eq!(topic_key(&kebab(written)), topic_key(written));
        }
    }

    #[test]
    fn names_as_tags_keep_their_case() {
        assert_eq!(as_tag("Chaos Engineering"), "Chaos-Engineering");
        assert_eq!(as_tag("  #JavaScript "), "JavaScript");
        assert_eq!(as_tag("load_balancing"), "load_balancing");
        assert_eq!(as_tag("-/Rust//Ownership/-"), "Rust/Ownership");
        assert_eq!(as_tag(" - "), "");
    }

    #[test]
    fn segments_parents_and_ancestors() {
        assert_eq!(last_segment("backend/load-balancing"), "load-balancing");
        assert_eq!(last_segment("caching"), "caching");
        assert_eq!(parent("emotion/happy"), Some("emotion"));
        assert_eq!(parent("emotion"), None);
        assert_eq!(ancestors("a/b/c").collect::<Vec<_>>(), ["a/b", "a"]);
        assert_eq!(ancestors("a").count(), 0);
        assert_eq!(trim_segments("backend/"), "backend");
        assert_eq!(trim_segments("a/_/b"), "a/b");
        assert_eq!(trim_segments("Emotion/Happy"), "Emotion/Happy");
    }
}
