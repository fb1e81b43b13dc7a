//! Text in a backup being restored is cleaned as every other import cleans it
//! (docs/formats.md#bad-input: control characters are never stored in single-line fields). A backup
//! that jurydesk wrote holds only text that was cleaned on its way into the store, so nothing here
//! changes it and the round trip of docs/formats.md#backups stays byte for byte; a backup edited by
//! hand, or written by a jurydesk that let a raw title in, is cleaned field by field, each change
//! said in a warning that names the record and the field.
//!
//! Why clean rather than refuse: the other importers clean (escape sequences removed whole, other
//! controls removed, bidi controls removed) and say so; and a backup is often the only copy left,
//! so one stray control character must not make it impossible to restore.
//!
//! Only the records are cleaned. The audit log keeps the bytes its hash chain was computed over
//! (altering them would make `log --verify` fail), and is shown only through the CLI's and the
//! desk's terminal-safe output.

use serde_json::Value;

use crate::text::{clean_line, clean_text, is_bidi_control, strip_escape_sequences};

/// Fields whose text keeps its line breaks and tabs (cleaned by `clean_text`); every other text field
/// of a record is one line (cleaned by `clean_line`). These are the fields the desk itself stores
/// through `clean_text`.
const MULTI_LINE_FIELDS: &[&str] = &["notes", "synopsis"];

/// Cleans every text value inside `record` (one record as the backup's JSON holds it). `place` names
/// the record (`backup.json: records.film[3]`); one warning is returned per value changed.
pub fn clean_record(record: &mut Value, place: &str) -> Vec<String> {
    let mut warnings = Vec::new();
    clean_value(record, place, false, &mut warnings);
    warnings
}

fn clean_value(value: &mut Value, path: &str, multi_line: bool, warnings: &mut Vec<String>) {
    match value {
        Value::String(text) => {
            if let Some(cleaned) = cleaned(text, multi_line) {
                warnings.push(format!("{path}: {}", what_was_removed(text)));
                *text = cleaned;
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                clean_value(item, &format!("{path}[{i}]"), multi_line, warnings);
            }
        }
        Value::Object(fields) => {
            for (name, field) in fields.iter_mut() {
                let multi_line = MULTI_LINE_FIELDS.contains(&name.as_str());
                clean_value(field, &format!("{path}.{name}"), multi_line, warnings);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The text as it is stored, or `None` when it holds nothing to clean. Text without a control
/// character or a bidi control is left exactly as it is (not even re-normalised), so that a backup
/// jurydesk wrote comes back byte for byte.
fn cleaned(text: &str, multi_line: bool) -> Option<String> {
    let kept_as_is = |c: char| multi_line && matches!(c, '\n' | '\t');
    let dirty = text
        .chars()
        .any(|c| (c.is_control() && !kept_as_is(c)) || is_bidi_control(c));
    if !dirty {
        return None;
    }
    Some(if multi_line {
        clean_text(text)
    } else {
        clean_line(text)
    })
}

/// What cleaning takes out of `raw`, in the words the other importers' warnings use.
fn what_was_removed(raw: &str) -> String {
    let (unescaped, escapes) = strip_escape_sequences(raw);
    let mut removed = Vec::new();
    if escapes > 0 {
        removed.push(format!("{escapes} terminal escape sequence(s)"));
    }
    if unescaped.chars().any(char::is_control) {
        removed.push("control characters".to_string());
    }
    if unescaped.chars().any(is_bidi_control) {
        removed.push("bidi control characters".to_string());
    }
    let said = match removed.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => return "cleaned".to_string(),
    };
    format!("removed {said}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_text_field_of_a_record_is_cleaned_and_each_change_named() {
        let mut film = json!({
            "id": 3,
            "title": "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J Film\u{202E}",
            "directors": ["Plain", "Dir\u{9b}31m\u{0}ector"],
            "synopsis": "line one\nline\ttwo\u{1b}[31m\r\n",
            "year": 2025,
        });
        let warnings = clean_record(&mut film, "b.json: records.film[0]");
        assert_eq!(film["title"], "Evil Film");
        assert_eq!(film["directors"], json!(["Plain", "Director"]));
        assert_eq!(film["synopsis"], "line one\nline\ttwo");
        assert_eq!(film["year"], 2025);
        assert_eq!(
            warnings,
            [
                "b.json: records.film[0].title: removed 2 terminal escape sequence(s) and bidi control characters",
                "b.json: records.film[0].directors[1]: removed 1 terminal escape sequence(s) and control characters",
                "b.json: records.film[0].synopsis: removed 1 terminal escape sequence(s) and control characters",
            ]
        );
    }

    #[test]
    fn nested_values_are_cleaned_too() {
        let mut award = json!({"decision": {"Manual": {"reason": "tie\u{8}\u{8}\u{8}won"}}});
        let warnings = clean_record(&mut award, "b.json: records.award[0]");
        assert_eq!(award["decision"]["Manual"]["reason"], "tiewon");
        assert_eq!(
            warnings,
            ["b.json: records.award[0].decision.Manual.reason: removed control characters"]
        );
    }

    #[test]
    fn clean_text_is_left_exactly_as_it_is() {
        // Not NFC and not trimmed, but holding no control: a backup is not re-normalised.
        let mut film = json!({
            "title": " Cafe\u{301} ",
            "notes": "one\n\ttwo\n",
            "original_title": "بچه\u{200C}های",
        });
        let before = film.clone();
        assert!(clean_record(&mut film, "b.json").is_empty());
        assert_eq!(film, before);
    }

    #[test]
    fn a_line_break_in_a_one_line_field_becomes_a_space() {
        let mut juror = json!({"name": "Juror\nZed", "notes": "kept\nbreak"});
        let warnings = clean_record(&mut juror, "b.json");
        assert_eq!(juror, json!({"name": "Juror Zed", "notes": "kept\nbreak"}));
        assert_eq!(warnings, ["b.json.name: removed control characters"]);
    }
}
