//! One listing, three faces: a table for people, JSON and CSV for scripts. All three are made from the
//! same rows, so they never disagree.

use std::io::{self, Write};

use serde_json::{Map, Value};
use unicode_width::UnicodeWidthStr;

use super::args::Format;
use crate::text::for_terminal;

/// Rows of named fields. `table` names the fields shown in a table (the narrow human view); JSON and CSV
/// carry every field.
pub struct Listing {
    pub fields: Vec<&'static str>,
    pub table: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

impl Listing {
    pub fn print(&self, format: Format, out: &mut impl Write) -> io::Result<()> {
        match format {
            Format::Json => self.print_json(out),
            Format::Csv => self.print_csv(out),
            Format::Table => self.print_table(out),
        }
    }

    fn print_json(&self, out: &mut impl Write) -> io::Result<()> {
        let array: Vec<Value> = self
            .rows
            .iter()
            .map(|row| {
                let object: Map<String, Value> = self
                    .fields
                    .iter()
                    .map(|f| f.to_string())
                    .zip(row.iter().cloned())
                    .collect();
                Value::Object(object)
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &array)?;
        writeln!(out)
    }

    fn print_csv(&self, out: &mut impl Write) -> io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&self.fields)?;
        for row in &self.rows {
            writer.write_record(row.iter().map(plain))?;
        }
        writer.flush()
    }

    fn print_table(&self, out: &mut impl Write) -> io::Result<()> {
        let columns: Vec<usize> = self
            .table
            .iter()
            .filter_map(|name| self.fields.iter().position(|f| f == name))
            .collect();
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| {
                columns
                    .iter()
                    .map(|&c| for_terminal(&plain(&row[c])).into_owned())
                    .collect()
            })
            .collect();
        let headers: Vec<String> = columns
            .iter()
            .map(|&c| self.fields[c].to_uppercase().replace('_', " "))
            .collect();
        let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
        for row in &cells {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        let mut line = |row: &[String]| -> io::Result<()> {
            let mut text = String::new();
            for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
                text.push_str(cell);
                if i + 1 < row.len() {
                    text.push_str(&" ".repeat(w - cell.width() + 2));
                }
            }
            writeln!(out, "{}", text.trim_end())
        };
        line(&headers)?;
        for row in &cells {
            line(row)?;
        }
        Ok(())
    }
}

/// A field as plain text: arrays joined with ", ", null as empty.
fn plain(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}
