//! Property tests for the parser: it never panics, on arbitrary bytes or on
//! generated markdown-ish journals, and every span it returns lies on
//! character boundaries inside the text.

use proptest::prelude::*;
use studylog::fuzzing::parse_checked;

/// One line of a journal-like file.
fn line() -> impl Strategy<Value = String> {
    let date = (1990u16..2100, 0u8..14, 0u8..33, any::<bool>()).prop_map(|(y, m, d, pad)| {
        if pad {
            format!("{y:04}-{m:02}-{d:02}")
        } else {
            format!("{y}-{m}-{d}")
        }
    });
    let word = prop_oneof![
        Just("load".to_string()),
        Just("Balancing".to_string()),
        Just("é中😀".to_string()),
        Just("k8s".to_string()),
        "[a-zA-Z0-9_/-]{0,6}",
    ];
    prop_oneof![
        (1usize..8, date.clone(), word.clone())
            .prop_map(|(n, d, w)| format!("{} {d} – {w}", "#".repeat(n))),
        (date.clone(), word.clone()).prop_map(|(d, w)| format!("## [[{d}]] {w}")),
        (date.clone(), word.clone()).prop_map(|(d, w)| format!("## {d}T10:30{w}")),
        word.clone()
            .prop_map(|w| format!("#{w} (#{w}) C#{w} `#{w}`")),
        (word.clone(), word.clone()).prop_map(|(k, v)| format!("- **{k}**:: {v}, #{v}, [[{v}]]")),
        word.clone()
            .prop_map(|w| format!("topics:: {w}, #{w} #x, [[{w}|a]],")),
        word.clone().prop_map(|w| format!("time:: 1h{w}")),
        word.clone()
            .prop_map(|w| format!("[{w}]({w}.md#{w}) [[{w}#{w}|{w}]] ![[{w}.png]]")),
        Just("```".to_string()),
        Just("~~~".to_string()),
        Just("    #indented".to_string()),
        Just("<div>".to_string()),
        Just("---".to_string()),
        Just("===".to_string()),
        Just("...".to_string()),
        date.prop_map(|d| format!("date: {d}")),
        Just("tags: [a, b".to_string()),
        Just("topics: x, y".to_string()),
        Just("- item".to_string()),
        Just(String::new()),
        "\\PC{0,12}",
    ]
}

/// One line of YAML-ish frontmatter.
fn yaml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("date: 2026-11-20".to_string()),
        Just("date: 2026-11-2".to_string()),
        Just("tags: [LoadBalancing, \"#k8s\", é中]".to_string()),
        Just("topics: a b, c".to_string()),
        Just("tags:\n  - x\n  - 😀y".to_string()),
        Just("time: 1h 30m".to_string()),
        Just("confidence: 4".to_string()),
        Just("source: [a, {b: c}]".to_string()),
        Just("time: !!str 5m".to_string()),
        Just("bad: [".to_string()),
        Just("x: \"unterminated".to_string()),
        Just("- a list".to_string()),
        "[a-z:#\\[\\]{}, -]{0,12}",
    ]
}

fn journal() -> impl Strategy<Value = String> {
    let ending = prop_oneof![Just("\n"), Just("\r\n"), Just("\r")];
    (
        any::<bool>(),
        prop::option::of(prop::collection::vec(yaml_line(), 0..6)),
        prop::collection::vec((line(), ending), 0..24),
    )
        .prop_map(|(bom, frontmatter, lines)| {
            let mut text = if bom {
                "\u{feff}".to_string()
            } else {
                String::new()
            };
            if let Some(yaml) = frontmatter {
                text.push_str("---\n");
                for line in yaml {
                    text.push_str(&line);
                    text.push('\n');
                }
                text.push_str("---\n");
            }
            for (line, end) in lines {
                text.push_str(&line);
                text.push_str(end);
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        parse_checked("2026-11-20.md", &text);
        parse_checked("notes/x.md", &text);
    }

    #[test]
    fn never_panics_on_journal_like_text(text in journal()) {
        let file = parse_checked("journal/2026-11-20.md", &text);
        // A date-named file always has at least one entry.
        prop_assert!(!file.entries.is_empty());
        parse_checked("notes/weekly.md", &text);
    }
}
