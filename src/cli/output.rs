//! One listing, three faces: a table for people, JSON and CSV for scripts. All three are made from the
//! same rows, so they never disagree.
//!
//! Whichever face, nothing a record holds reaches the terminal raw (docs/formats.md#bad-input): the
//! table shows text made safe by `text::fit`, cut to `MAX_COLUMN_WIDTH` cells so one enormous title
//! cannot push every other column off the screen; JSON keeps every character but writes the ones
//! that could drive a terminal or reorder its line as `\uXXXX` escapes; CSV shows control characters
//! as their pictures.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serializer as _;
use serde_json::Value;
use serde_json::ser::{Formatter, PrettyFormatter};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use super::args::Format;
use super::json_rows::JsonRows;
use crate::text::{control_picture, fit, is_bidi_control, width};

/// The widest a table column grows, in cells. Longer values end in `…`; JSON and CSV carry them whole.
pub const MAX_COLUMN_WIDTH: usize = 48;

/// Rows of named fields. `table` names the fields shown in a table (the narrow human view); JSON and CSV
/// carry every field.
pub struct Listing {
    pub fields: Vec<&'static str>,
    pub table: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

impl Listing {
    pub fn print(&self, format: Format, out: &mut impl Write) -> io::Result<()> {
        // Buffered here: standard output flushes at every line break, and a listing of 100,000
        // submissions is millions of lines.
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        match format {
            Format::Json => self.print_json(&mut out),
            Format::Csv => self.print_csv(&mut out),
            Format::Table => self.print_table(&mut out),
        }?;
        out.flush()
    }

    fn print_json(&self, out: &mut impl Write) -> io::Result<()> {
        print_json_rows(&self.fields, &self.rows, out)
    }

    fn print_csv(&self, out: &mut impl Write) -> io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&self.fields).map_err(csv_io)?;
        for row in &self.rows {
            csv_row(&mut writer, row)?;
        }
        writer.flush()
    }

    fn print_table(&self, out: &mut impl Write) -> io::Result<()> {
        let mut table = Table::new(&self.fields, &self.table);
        for row in &self.rows {
            table.push(row);
        }
        table.print(out)
    }
}

/// A table being filled: the cells of its columns, made safe and cut, kept until every row is in
/// (the widths depend on all of them).
struct Table {
    /// Which fields of a row are columns.
    columns: Vec<usize>,
    headers: Vec<String>,
    cells: Vec<Vec<String>>,
}

impl Table {
    fn new(fields: &[&'static str], table: &[&'static str]) -> Table {
        let columns: Vec<usize> = table
            .iter()
            .filter_map(|name| fields.iter().position(|f| f == name))
            .collect();
        let headers = columns
            .iter()
            .map(|&c| fields[c].to_uppercase().replace('_', " "))
            .collect();
        Table {
            columns,
            headers,
            cells: Vec::new(),
        }
    }

    fn push(&mut self, row: &[impl Field]) {
        self.cells.push(
            self.columns
                .iter()
                .map(|&c| fit(&row[c].plain(), MAX_COLUMN_WIDTH))
                .collect(),
        );
    }

    fn print(&self, out: &mut impl Write) -> io::Result<()> {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for row in &self.cells {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        let mut line = |row: &[String]| -> io::Result<()> {
            let mut text = String::new();
            for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
                text.push_str(cell);
                if i + 1 < row.len() {
                    text.push_str(&" ".repeat(w - width(cell) + 2));
                }
            }
            writeln!(out, "{}", text.trim_end())
        };
        line(&self.headers)?;
        for row in &self.cells {
            line(row)?;
        }
        Ok(())
    }
}

/// One field of a streamed row, borrowed from wherever the row was read: what `Value` is to a
/// `Listing`, without a copy of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell<'a> {
    Text(&'a str),
    List(&'a [&'a str]),
    Unsigned(u64),
    Signed(i64),
    Date(NaiveDate),
    Null,
}

impl serde::Serialize for Cell<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Cell::Text(text) => serializer.serialize_str(text),
            Cell::List(items) => serializer.collect_seq(items),
            Cell::Unsigned(n) => serializer.serialize_u64(n),
            Cell::Signed(n) => serializer.serialize_i64(n),
            // As its text (`to_string`), escaped like any string.
            Cell::Date(date) => serializer.collect_str(&date),
            Cell::Null => serializer.serialize_unit(),
        }
    }
}

impl<T: Into<i64>> From<Option<T>> for Cell<'_> {
    fn from(number: Option<T>) -> Self {
        number.map_or(Cell::Null, |n| Cell::Signed(n.into()))
    }
}

/// A field as each face prints it: JSON through `Serialize`, CSV and tables as `plain` text
/// (arrays joined with ", ", null as empty).
pub trait Field: serde::Serialize {
    fn plain(&self) -> Cow<'_, str>;
}

impl Field for Value {
    fn plain(&self) -> Cow<'_, str> {
        match self {
            Value::Null => Cow::Borrowed(""),
            Value::String(s) => Cow::Borrowed(s),
            Value::Array(items) => Cow::Owned(
                items
                    .iter()
                    .map(Field::plain)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            other => Cow::Owned(other.to_string()),
        }
    }
}

impl Field for Cell<'_> {
    fn plain(&self) -> Cow<'_, str> {
        match *self {
            Cell::Text(text) => Cow::Borrowed(text),
            Cell::List(items) => Cow::Owned(items.join(", ")),
            Cell::Unsigned(n) => Cow::Owned(n.to_string()),
            Cell::Signed(n) => Cow::Owned(n.to_string()),
            Cell::Date(date) => Cow::Owned(date.to_string()),
            Cell::Null => Cow::Borrowed(""),
        }
    }
}

/// Prints one row of cells: what `print_streamed` hands its caller.
pub type Printer<'p> = dyn FnMut(&[Cell<'_>]) -> io::Result<()> + 'p;

/// Prints rows as they are read, as `Listing::print` prints them all (the same bytes), without
/// holding them: `fill` hands each row to the printer it is given. A table needs every row for its
/// column widths, so it keeps the cells of its columns (not the rows) until the end.
pub fn print_streamed<E: From<io::Error>>(
    fields: &[&'static str],
    table: &[&'static str],
    format: Format,
    out: &mut impl Write,
    fill: impl FnOnce(&mut Printer<'_>) -> Result<(), E>,
) -> Result<(), E> {
    // A large buffer: a listing of 100,000 submissions is 68 MB of JSON, a write(2) per 64 KiB
    // was a thousand calls.
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    match format {
        Format::Table => {
            let mut cells = Table::new(fields, table);
            fill(&mut |row| {
                cells.push(row);
                Ok(())
            })?;
            cells.print(&mut out)?;
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(&mut out);
            writer.write_record(fields).map_err(csv_io)?;
            fill(&mut |row| csv_row(&mut writer, row))?;
            writer.flush()?;
        }
        Format::Json => {
            let mut rows = JsonRows::new(&mut out, fields);
            fill(&mut |row| rows.row(row))?;
            rows.end()?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Rows of fields as one JSON document, through serde_json: a `Listing`'s JSON, and what
/// `JsonRows` (a streamed listing's) is held equal to.
pub(super) fn print_json_rows<F: serde::Serialize>(
    fields: &[&'static str],
    rows: &[Vec<F>],
    out: &mut impl Write,
) -> io::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut *out, TerminalSafe(PrettyFormatter::new()));
    serializer.collect_seq(rows.iter().map(|row| JsonRow { fields, row }))?;
    writeln!(out)
}

/// One row of a CSV listing.
fn csv_row(writer: &mut csv::Writer<impl Write>, row: &[impl Field]) -> io::Result<()> {
    writer
        .write_record(
            row.iter()
                .map(|value| Bytes(control_pictures(value.plain()))),
        )
        .map_err(csv_io)
}

/// Text as the bytes the CSV writer takes.
struct Bytes<'a>(Cow<'a, str>);

impl AsRef<[u8]> for Bytes<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// The I/O error inside a CSV writer's error, kind and all. The csv crate's own conversion makes
/// every write error `Other`, so a reader that went away (`| head`, a broken pipe, not a failure)
/// would read as "cannot write output" and exit 1.
pub fn csv_io(e: csv::Error) -> io::Error {
    if !e.is_io_error() {
        return io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(inner) => inner,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// One row as a JSON object, written straight from the listing: no copy of its values, no map.
struct JsonRow<'a, F> {
    fields: &'a [&'static str],
    row: &'a [F],
}

impl<F: serde::Serialize> serde::Serialize for JsonRow<'_, F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.fields.iter().zip(self.row))
    }
}

/// A CSV cell with its control characters (other than line breaks and tabs, which CSV quotes) shown
/// as their pictures, as the desk shows them; every other character as stored. The store holds no
/// control in a conforming record; JSON is the face that gives back any it has.
fn control_pictures(cell: Cow<'_, str>) -> Cow<'_, str> {
    let shown = |c: char| c.is_control() && !matches!(c, '\n' | '\t');
    if !cell.chars().any(shown) {
        return cell;
    }
    Cow::Owned(
        cell.chars()
            .map(|c| if shown(c) { control_picture(c) } else { c })
            .collect(),
    )
}

/// Whether a character in a JSON string is written as a `\uXXXX` escape: serde_json escapes the C0
/// controls itself; DEL, the C1 controls (U+009B is a one-byte ESC [) and the bidi controls it writes
/// raw.
fn escaped_in_json(c: char) -> bool {
    c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) || is_bidi_control(c)
}

/// serde_json's pretty layout, with the strings' dangerous characters escaped (`escaped_in_json`).
/// The document means exactly what it meant: a JSON reader gets every character back.
/// Prints one JSON document (an object a listing cannot express), with the same escapes as a listing.
pub fn print_json_value(value: &Value, out: &mut impl Write) -> io::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut *out, TerminalSafe(PrettyFormatter::new()));
    serde::Serialize::serialize(value, &mut serializer)?;
    writeln!(out)
}

pub(super) struct TerminalSafe(pub(super) PrettyFormatter<'static>);

impl Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if fragment.bytes().all(|b| b < 0x7f) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if escaped_in_json(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// A moment as every CSV and JSON output writes it: RFC 3339, whole seconds, UTC (`Z`), e.g.
/// `2025-02-10T18:30:00Z`. One form everywhere, so a script reading two outputs compares them as
/// text. (Backups keep sub-second precision: they must restore the stored value exactly.)
pub fn timestamp(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn listing(titles: &[&str]) -> Listing {
        Listing {
            fields: vec!["id", "title", "status"],
            table: vec!["id", "title", "status"],
            rows: titles
                .iter()
                .enumerate()
                .map(|(i, t)| vec![json!(i + 1), json!(t), json!("received")])
                .collect(),
        }
    }

    fn printed(listing: &Listing, format: Format) -> String {
        let mut out = Vec::new();
        listing.print(format, &mut out).expect("printed");
        String::from_utf8(out).expect("UTF-8")
    }

    /// Rows of cells printed as they arrive are the same bytes as the same fields held as values
    /// in a listing printed whole, in every format: text, lists (empty, one, several, hostile),
    /// numbers of both signs, dates and nulls.
    #[test]
    fn streamed_cells_print_what_the_whole_listing_prints() {
        let date = NaiveDate::from_ymd_opt(2025, 2, 9).expect("a date");
        for titles in [&[][..], HOSTILE] {
            let lists: Vec<Vec<&str>> = (0..titles.len()).map(|i| HOSTILE[..i].to_vec()).collect();
            let cells: Vec<Vec<Cell<'_>>> = titles
                .iter()
                .zip(&lists)
                .enumerate()
                .map(|(i, (title, list))| {
                    vec![
                        Cell::Unsigned(i as u64 + 1),
                        Cell::Text(title),
                        Cell::List(list),
                        Some(i as i32 - 2).into(),
                        if i % 2 == 0 {
                            Cell::Date(date)
                        } else {
                            Cell::Null
                        },
                        None::<u32>.into(),
                    ]
                })
                .collect();
            let whole = Listing {
                fields: vec!["id", "title", "names", "year", "submitted", "runtime"],
                table: vec!["id", "title", "names", "year", "submitted"],
                rows: titles
                    .iter()
                    .zip(&lists)
                    .enumerate()
                    .map(|(i, (title, list))| {
                        vec![
                            json!(i + 1),
                            json!(title),
                            json!(list),
                            json!(i as i32 - 2),
                            if i % 2 == 0 {
                                json!(date.to_string())
                            } else {
                                Value::Null
                            },
                            Value::Null,
                        ]
                    })
                    .collect(),
            };
            for format in [Format::Json, Format::Csv, Format::Table] {
                let mut out = Vec::new();
                print_streamed::<io::Error>(
                    &whole.fields,
                    &whole.table,
                    format,
                    &mut out,
                    |printer| cells.iter().try_for_each(|row| printer(row)),
                )
                .expect("printed");
                assert_eq!(
                    String::from_utf8(out).expect("UTF-8"),
                    printed(&whole, format),
                    "{format:?}, {} rows",
                    titles.len()
                );
            }
        }
    }

    const HOSTILE: &[&str] = &[
        "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J",
        "\u{9b}31mRed\u{202E}desrever",
        "لالا Persian",
        "紙灯籠 🎞 👨\u{200D}👩\u{200D}👧",
    ];

    #[test]
    fn a_table_holds_no_control_and_its_columns_line_up() {
        let mut titles = HOSTILE.to_vec();
        let long = "x".repeat(10_000);
        titles.push(&long);
        let table = printed(&listing(&titles), Format::Table);
        assert!(
            !table.chars().any(|c| c.is_control() && c != '\n'),
            "{table:?}"
        );
        assert!(!table.chars().any(is_bidi_control));
        let lines: Vec<&str> = table.lines().collect();
        let status_at = width(&lines[0][..lines[0].find("STATUS").expect("a header")]);
        for line in &lines[1..] {
            let before = line
                .strip_suffix("received")
                .expect("the status ends the row");
            assert_eq!(width(before), status_at, "{line}");
        }
        assert_eq!(
            status_at,
            "ID".len() + 2 + MAX_COLUMN_WIDTH + 2,
            "a 10,000-character title is cut to the widest column"
        );
    }

    #[test]
    fn json_keeps_every_character_and_escapes_the_dangerous_ones() {
        let text = printed(&listing(HOSTILE), Format::Json);
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && c != '\n') || is_bidi_control(c))
        );
        assert!(text.contains("\\u001b]0;pwned\\u0007"), "{text}");
        assert!(text.contains("\\u009b31mRed\\u202edesrever"), "{text}");
        let back: Vec<Value> = serde_json::from_str(&text).expect("one JSON document");
        let titles: Vec<&str> = back.iter().filter_map(|r| r["title"].as_str()).collect();
        assert_eq!(titles, HOSTILE);
    }

    #[test]
    fn csv_shows_controls_as_pictures_and_keeps_line_breaks() {
        let text = printed(
            &listing(&["Evil\u{1b}[2J", "two\nlines\tand tab"]),
            Format::Csv,
        );
        assert!(text.contains("Evil␛[2J"), "{text}");
        assert!(text.contains("\"two\nlines\tand tab\""), "{text}");
        assert!(!text.contains('\u{1b}'));
    }
}
