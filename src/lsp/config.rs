//! Editor settings (`initializationOptions`, `workspace/configuration` section
//! `studylog`, `didChangeConfiguration`) layered under `studylog.toml`: the
//! settings have the TOML's structure (`journal`, `topics`, `severity`,
//! `editor`); where both set a key, the file wins.

use serde_json::Value;

use crate::config::{Config, resolve_config_over};
use crate::diagnostic::Diagnostic;
use crate::scan::Detection;

/// The settings section clients send the server's settings under.
pub const SETTINGS_SECTION: &str = "studylog";

/// The effective config of a journal: `settings` (JSON, possibly empty or
/// null) under the file's text, both over what the vault's tool settings say
/// (`detection`), layered by [`crate::config::resolve_config`]. Problems are
/// the tool files' and the file's `config-error`s (positions in those
/// files); problems in the settings go to the log, since they have no line
/// to sit on.
pub fn resolve(
    file_text: Option<&str>,
    settings: &Value,
    detection: &Detection,
) -> (Config, Vec<Diagnostic>) {
    let table = settings_to_toml(settings);
    let settings = (!table.is_empty()).then_some(&table);
    let base = Config::for_vault(detection.vault.clone());
    let (config, problems, warnings) = resolve_config_over(base, file_text, settings);
    for warning in warnings {
        tracing::warn!("{warning}");
    }
    let mut all = detection.problems.clone();
    all.extend(problems);
    (config, all)
}

/// Picks the `studylog` section out of a settings object when it is wrapped
/// in one (`{"studylog": {...}}`, as `didChangeConfiguration` often sends),
/// else takes the object as the section itself.
pub fn section(value: &Value) -> Value {
    match value.get(SETTINGS_SECTION) {
        Some(inner) => inner.clone(),
        None => value.clone(),
    }
}

/// JSON settings as a TOML table. Keys of the sections and their settings
/// may be camelCase (`minUses`, as VS Code settings are written) or
/// kebab-case; names the user chose (custom topics, aliases) are kept.
/// Nulls are dropped: they mean "not set".
pub fn settings_to_toml(value: &Value) -> toml::Table {
    let mut table = toml::Table::new();
    let Value::Object(sections) = value else {
        return table;
    };
    for (section, body) in sections {
        let Value::Object(keys) = body else {
            continue;
        };
        let mut section_table = toml::Table::new();
        for (key, v) in keys {
            if let Some(v) = json_to_toml(v) {
                section_table.insert(kebab_case(key), v);
            }
        }
        table.insert(kebab_case(section), toml::Value::Table(section_table));
    }
    table
}

fn json_to_toml(value: &Value) -> Option<toml::Value> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(items) => toml::Value::Array(items.iter().filter_map(json_to_toml).collect()),
        Value::Object(map) => toml::Value::Table(
            map.iter()
                .filter_map(|(k, v)| Some((k.clone(), json_to_toml(v)?)))
                .collect(),
        ),
    })
}

/// `minUses` -> `min-uses`; kebab-case stays as it is.
fn kebab_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for ch in key.chars() {
        if ch.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push('-');
            }
            out.push(ch.to_ascii_lowercase());
        } else if ch == '_' {
            out.push('-');
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn settings_become_toml_with_kebab_keys_and_user_names_kept() {
        let table = settings_to_toml(&json!({
            "journal": { "minUses": 3, "cadence": "weekdays", "start": null },
            "topics": { "custom": { "myTopic": "mine" } },
            "editor": { "inlayHints": false }
        }));
        expect_test::expect![[r#"
            [editor]
            inlay-hints = false

            [journal]
            cadence = "weekdays"
            min-uses = 3

            [topics.custom]
            myTopic = "mine"
        "#]]
        .assert_eq(&toml::to_string(&table).expect("serializes"));
    }

    #[test]
    fn the_file_wins_over_the_settings() {
        let settings = json!({ "journal": { "cadence": "weekdays", "minUses": 5 } });
        let (config, problems) = resolve(
            Some("[journal]\ncadence = \"daily\"\n"),
            &settings,
            &Detection::default(),
        );
        assert_eq!(config.cadence, crate::config::Cadence::Daily);
        assert_eq!(config.min_uses, 5);
        assert!(problems.is_empty());
        let (config, _) = resolve(None, &Value::Null, &Detection::default());
        assert_eq!(config, Config::default());
    }

    #[test]
    fn section_unwraps_the_studylog_key() {
        let inner = json!({ "journal": {} });
        assert_eq!(section(&json!({ "studylog": inner.clone() })), inner);
        assert_eq!(section(&inner), inner);
    }
}
