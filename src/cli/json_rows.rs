//! A streamed listing's JSON, written by hand: the bytes serde_json's pretty printer with the
//! terminal-safe escapes (`output::TerminalSafe`) writes for the same rows, at a fraction of the
//! cost. serde_json writes a pretty document a few bytes at a time (each indent, each separator,
//! each quote a call), which was a fifth of a 100,000-row listing; here each field's key and
//! separators are one copy made once, and a string with nothing to escape (nearly all of them) is
//! copied whole. Anything else (a string with a character to escape) is written by serde_json
//! itself, so the rules of escaping live in one place. The tests hold the two equal byte for byte.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serializer as _;
use serde_json::ser::PrettyFormatter;

use super::output::{Cell, TerminalSafe};

/// Written out when this much has gathered.
const FLUSH_AT: usize = 1 << 20;

/// An array of JSON objects with the same fields, written row by row.
pub struct JsonRows<W: Write> {
    out: W,
    /// Each field's `,\n    "name": ` (without the comma for the first).
    keys: Vec<Vec<u8>>,
    rows: usize,
    buffer: Vec<u8>,
    date: String,
}

impl<W: Write> JsonRows<W> {
    pub fn new(out: W, fields: &[&str]) -> JsonRows<W> {
        let mut buffer = Vec::with_capacity(FLUSH_AT + (FLUSH_AT >> 2));
        buffer.push(b'[');
        let keys = fields
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut key = Vec::new();
                key.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
                escaped(&mut key, name);
                key.extend_from_slice(b": ");
                key
            })
            .collect();
        JsonRows {
            out,
            keys,
            rows: 0,
            buffer,
            date: String::new(),
        }
    }

    /// One object: the row's cells under the fields' names, in order.
    pub fn row(&mut self, row: &[Cell<'_>]) -> io::Result<()> {
        let buffer = &mut self.buffer;
        buffer.extend_from_slice(if self.rows == 0 { b"\n  {" } else { b",\n  {" });
        for (key, cell) in self.keys.iter().zip(row) {
            buffer.extend_from_slice(key);
            match *cell {
                Cell::Text(text) => string(buffer, text),
                Cell::List([]) => buffer.extend_from_slice(b"[]"),
                Cell::List(items) => {
                    buffer.push(b'[');
                    for (i, item) in items.iter().enumerate() {
                        buffer.extend_from_slice(if i == 0 { b"\n      " } else { b",\n      " });
                        string(buffer, item);
                    }
                    buffer.extend_from_slice(b"\n    ]");
                }
                Cell::Unsigned(n) => serde_json::to_writer(&mut *buffer, &n)?,
                Cell::Signed(n) => serde_json::to_writer(&mut *buffer, &n)?,
                Cell::Date(date) => {
                    self.date.clear();
                    let _ = write!(self.date, "{date}");
                    string(buffer, &self.date);
                }
                Cell::Null => buffer.extend_from_slice(b"null"),
            }
        }
        buffer.extend_from_slice(if row.is_empty() { b"}" } else { b"\n  }" });
        self.rows += 1;
        if self.buffer.len() >= FLUSH_AT {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }

    /// Closes the array (and the line) and writes what is left.
    pub fn end(mut self) -> io::Result<W> {
        self.buffer
            .extend_from_slice(if self.rows == 0 { b"]\n" } else { b"\n]\n" });
        self.out.write_all(&self.buffer)?;
        Ok(self.out)
    }
}

/// A JSON string: copied whole between quotes when nothing in it is escaped, else by serde_json.
fn string(buffer: &mut Vec<u8>, text: &str) {
    if plain(text.as_bytes()) {
        buffer.push(b'"');
        buffer.extend_from_slice(text.as_bytes());
        buffer.push(b'"');
    } else {
        escaped(buffer, text);
    }
}

/// A string as serde_json writes it with the terminal-safe escapes.
fn escaped(buffer: &mut Vec<u8>, text: &str) {
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut *buffer, TerminalSafe(PrettyFormatter::new()));
    // Writing into a vector cannot fail.
    let _ = serializer.serialize_str(text);
}

/// Whether UTF-8 `bytes` hold nothing that JSON or `TerminalSafe` escapes: no C0 control, `"` or
/// `\`, no DEL, no C1 control (`C2 80`..`C2 9F`), no bidi control (ALM `D8 9C`; LRM, RLM and
/// LRE..RLO `E2 80 8E`, `8F`, `AA`..`AE`; LRI..PDI `E2 81 A6`..`A9`).
fn plain(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            0x20..=0x7e if b != b'"' && b != b'\\' => {}
            0x80..=0xff => {
                let next = bytes.get(i + 1).copied().unwrap_or(0);
                let third = bytes.get(i + 2).copied().unwrap_or(0);
                let escaped = match (b, next) {
                    (0xc2, 0x80..=0x9f) | (0xd8, 0x9c) => true,
                    (0xe2, 0x80) => matches!(third, 0x8e | 0x8f | 0xaa..=0xae),
                    (0xe2, 0x81) => matches!(third, 0xa6..=0xa9),
                    _ => false,
                };
                if escaped {
                    return false;
                }
            }
            _ => return false,
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::Format;
    use crate::cli::output::print_streamed;
    use proptest::prelude::*;

    /// What serde_json writes for these rows (the listing's own path before this writer).
    fn by_serde(fields: &[&'static str], rows: &[Vec<Cell<'_>>]) -> Vec<u8> {
        let mut out = Vec::new();
        crate::cli::output::print_json_rows(fields, rows, &mut out).unwrap();
        out
    }

    fn by_hand(fields: &[&'static str], rows: &[Vec<Cell<'_>>]) -> Vec<u8> {
        let mut out = Vec::new();
        print_streamed::<io::Error>(fields, &[], Format::Json, &mut out, |printer| {
            rows.iter().try_for_each(|row| printer(row))
        })
        .unwrap();
        out
    }

    const FIELDS: &[&str] = &["id", "title", "names", "year", "submitted", "none"];

    fn cells<'a>(id: u64, title: &'a str, names: &'a [&'a str], year: i64) -> Vec<Cell<'a>> {
        vec![
            Cell::Unsigned(id),
            Cell::Text(title),
            Cell::List(names),
            Cell::Signed(year),
            Cell::Date(chrono::NaiveDate::from_ymd_opt(2025, 2, 9).unwrap()),
            Cell::Null,
        ]
    }

    #[test]
    fn every_escaped_character_is_seen() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let mut by_json = Vec::new();
            escaped(&mut by_json, &text);
            let copied = format!("\"{text}\"").into_bytes();
            assert_eq!(
                plain(text.as_bytes()),
                by_json == copied,
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn no_rows_and_empty_lists_print_as_serde_json_prints_them() {
        assert_eq!(by_hand(FIELDS, &[]), by_serde(FIELDS, &[]));
        let rows = vec![cells(1, "", &[], -3), cells(2, "x", &["only"], 0)];
        assert_eq!(by_hand(FIELDS, &rows), by_serde(FIELDS, &rows));
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 ,.'-]{0,12}",
            "\\PC{0,8}",
            any::<String>(),
            prop::collection::vec(
                prop::sample::select(vec![
                    "\u{1b}",
                    "\"",
                    "\\",
                    "\u{7f}",
                    "\u{9b}",
                    "\u{85}",
                    "\u{a0}",
                    "\u{61c}",
                    "\u{200e}",
                    "\u{200f}",
                    "\u{202a}",
                    "\u{202e}",
                    "\u{2066}",
                    "\u{2069}",
                    "\u{2026}",
                    "کیارستمی",
                    "\n",
                    "\t",
                    "é",
                    "🎞",
                ]),
                0..6
            )
            .prop_map(|parts| parts.concat()),
        ]
    }

    proptest! {
        #[test]
        fn rows_print_as_serde_json_prints_them(
            rows in prop::collection::vec(
                (any::<u64>(), text(), prop::collection::vec(text(), 0..4), any::<i64>()),
                0..6,
            )
        ) {
            let names: Vec<Vec<&str>> = rows
                .iter()
                .map(|(_, _, names, _)| names.iter().map(String::as_str).collect())
                .collect();
            let rows: Vec<Vec<Cell<'_>>> = rows
                .iter()
                .zip(&names)
                .map(|((id, title, _, year), names)| cells(*id, title, names, *year))
                .collect();
            prop_assert_eq!(
                String::from_utf8(by_hand(FIELDS, &rows)).unwrap(),
                String::from_utf8(by_serde(FIELDS, &rows)).unwrap()
            );
        }
    }
}
