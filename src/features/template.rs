//! Entry templates: the fields a new entry starts with, as plain text for
//! edits and as LSP snippets (with tab stops) for completions.

use crate::config::Config;
use crate::syntax::FieldKind;

/// The fields a new entry starts with: the required ones in config order,
/// then `practiced` (what was done), each once.
pub(crate) fn template_fields(config: &Config) -> Vec<FieldKind> {
    let mut fields: Vec<FieldKind> = Vec::new();
    for kind in config
        .required
        .iter()
        .copied()
        .chain([FieldKind::Practiced])
    {
        if kind != FieldKind::Other && !fields.contains(&kind) {
            fields.push(kind);
        }
    }
    fields
}

/// The placeholder a field's snippet suggests.
pub(crate) fn placeholder(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Time => "30m",
        FieldKind::Topics => "topic",
        FieldKind::Confidence => "3",
        _ => "",
    }
}

/// The snippet body of one field line: `time:: ${1:30m}`.
pub(crate) fn field_snippet(kind: FieldKind, tab_stop: usize) -> String {
    let name = kind.name();
    match (kind, placeholder(kind)) {
        (FieldKind::Confidence, _) => format!("{name}:: ${{{tab_stop}|1,2,3,4,5|}}"),
        (_, "") => format!("{name}:: ${tab_stop}"),
        (_, p) => format!("{name}:: ${{{tab_stop}:{p}}}"),
    }
}

/// The field lines of a new entry as plain text, each ending in a newline.
pub(crate) fn body_text(config: &Config) -> String {
    template_fields(config)
        .into_iter()
        .map(|k| format!("{}:: \n", k.name()))
        .collect()
}

/// The field lines of a new entry as a snippet, tab stops from `first_stop`.
pub(crate) fn body_snippet(config: &Config, first_stop: usize) -> String {
    template_fields(config)
        .into_iter()
        .enumerate()
        .map(|(i, k)| format!("{}\n", field_snippet(k, first_stop + i)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_follow_the_required_fields() {
        let config = Config::default();
        assert_eq!(body_text(&config), "topic:: \ntime:: \npracticed:: \n");
        assert_eq!(
            body_snippet(&config, 2),
            "topic:: ${2:topic}\ntime:: ${3:30m}\npracticed:: $4\n"
        );
        assert_eq!(
            field_snippet(FieldKind::Confidence, 1),
            "confidence:: ${1|1,2,3,4,5|}"
        );
    }
}
