//! A CSV file as rows of text cells, read the way spreadsheets and web platforms really write them:
//! UTF-8 with or without a byte-order mark, quoted cells over several lines, blank lines. Everything
//! the file gets wrong is a `Problem` naming the file, line and column; reading never stops at the
//! first one, so the secretary can fix the whole file in one pass.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::desk::Problem;
use crate::text::for_terminal;

/// No cell may be larger than this. The fields that are stored have tighter limits of their own
/// (`cells`); this one keeps a runaway cell (an unclosed quote, a pasted video) from being carried
/// around at all.
pub const MAX_CELL_BYTES: usize = 1024 * 1024;

/// A file larger than this is not a submissions sheet.
pub const MAX_FILE_BYTES: usize = 512 * 1024 * 1024;

/// The header and the readable rows of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The column names, trimmed.
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// One record of the file: the line it starts on and one cell per header column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

/// A problem at a line: `file:line: message`.
pub fn at_line(file: &str, line: u64, message: impl std::fmt::Display) -> String {
    for_terminal(&format!("{file}:{line}: {message}")).into_owned()
}

/// A problem in a cell: `file:line:column: column 'Name': message`. The column is counted from 1, as
/// spreadsheets count them; every piece is made safe for the terminal.
pub fn at_cell(
    file: &str,
    line: u64,
    column: usize,
    name: &str,
    message: impl std::fmt::Display,
) -> String {
    for_terminal(&format!(
        "{file}:{line}:{}: column '{name}': {message}",
        column + 1
    ))
    .into_owned()
}

/// Reads `bytes` as a CSV table. Returns `None` when there is no table at all (the problem says why);
/// rows with problems are left out of the table and reported.
pub fn read_table(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Option<Table> {
    let whole = |problems: &mut Vec<Problem>, message: String| {
        problems.push(Problem::new(
            0,
            for_terminal(&format!("{file}: {message}")).into_owned(),
        ));
    };
    if bytes.len() > MAX_FILE_BYTES {
        whole(
            problems,
            format!(
                "is {} bytes: larger than any sheet jurydesk reads ({MAX_FILE_BYTES})",
                bytes.len()
            ),
        );
        return None;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        whole(
            problems,
            "is UTF-16 text (as Excel saves \"Unicode text\"): save it as CSV UTF-8 and import again".into(),
        );
        return None;
    }
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    let lines = Lines::new(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    // One record read into again and again: a new one for each of 100,000 rows was two allocations
    // a row.
    let mut record = csv::ByteRecord::new();

    let header_record = loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) => {}
            Ok(true) => break record.clone(),
            Err(e) => {
                whole(problems, format!("cannot read the header row: {e}"));
                return None;
            }
            Ok(false) => {
                whole(
                    problems,
                    "is empty: expected a header row naming the columns".into(),
                );
                return None;
            }
        }
    };
    let header_line = lines.of(header_record.position());
    let mut header = Vec::with_capacity(header_record.len());
    for (i, raw) in header_record.iter().enumerate() {
        if let Ok(name) = std::str::from_utf8(raw) {
            header.push(name.trim_start_matches('\u{FEFF}').trim().to_string());
        } else {
            whole(
                problems,
                format!(
                    "line {header_line}, column {}: the header is not UTF-8 text: save the file as CSV UTF-8",
                    i + 1
                ),
            );
            return None;
        }
    }
    refuse_repeated_names(file, &header, problems);

    let mut rows = Vec::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = lines.of(e.position());
                problems.push(Problem::new(
                    line,
                    at_line(file, line, format!("cannot be read as CSV: {e}")),
                ));
                continue;
            }
        }
        let line = lines.of(record.position());
        if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        if record.len() != header.len() {
            let hint = if record.iter().any(|c| c.contains(&b'\n')) {
                " (a quote left open in a cell swallows the lines after it)"
            } else {
                ""
            };
            problems.push(Problem::new(
                line,
                at_line(
                    file,
                    line,
                    format!(
                        "has {} column(s), the header has {}{hint}",
                        record.len(),
                        header.len()
                    ),
                ),
            ));
            continue;
        }
        let mut cells = Vec::with_capacity(header.len());
        let mut readable = true;
        for (i, raw) in record.iter().enumerate() {
            if raw.len() > MAX_CELL_BYTES {
                problems.push(Problem::new(
                    line,
                    at_cell(
                        file,
                        line,
                        i,
                        &header[i],
                        format!(
                            "holds {} bytes; a cell may hold at most {MAX_CELL_BYTES} (is a quote left open?)",
                            raw.len()
                        ),
                    ),
                ));
                readable = false;
                continue;
            }
            match std::str::from_utf8(raw) {
                Ok(text) => cells.push(text.to_string()),
                Err(e) => {
                    problems.push(Problem::new(
                        line,
                        at_cell(
                            file,
                            line,
                            i,
                            &header[i],
                            format!(
                                "is not UTF-8 text (byte {} of the cell): save the file as CSV UTF-8",
                                e.valid_up_to() + 1
                            ),
                        ),
                    ));
                    readable = false;
                }
            }
        }
        if readable {
            rows.push(Row { line, cells });
        }
    }
    Some(Table { header, rows })
}

/// A problem for each header name used twice (case aside), naming both columns.
pub fn refuse_repeated_names(file: &str, header: &[String], problems: &mut Vec<Problem>) {
    let whole = |problems: &mut Vec<Problem>, message: String| {
        problems.push(Problem::new(
            0,
            for_terminal(&format!("{file}: {message}")).into_owned(),
        ));
    };
    // One pass with a map: comparing each name with every earlier one took minutes for a header of
    // 100,000 columns (a file of under 1 MB).
    let mut first_column_of: HashMap<String, usize> = HashMap::with_capacity(header.len());
    for (i, name) in header
        .iter()
        .enumerate()
        .filter(|(_, name)| !name.is_empty())
    {
        match first_column_of.entry(name.to_ascii_lowercase()) {
            Entry::Occupied(first) => whole(
                problems,
                format!(
                    "the header names column '{name}' twice (columns {} and {}): rename one",
                    first.get() + 1,
                    i + 1
                ),
            ),
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
}

/// Line numbers from byte offsets. The CSV reader's own line count lags behind when a line ending is
/// consumed with the next record, and skips blank lines; counting line feeds before the record's first
/// byte is always right, including for records that span several lines.
struct Lines<'a> {
    bytes: &'a [u8],
    feeds: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        let feeds = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i)
            .collect();
        Lines { bytes, feeds }
    }

    /// The line where the record that starts at `position` begins (its first byte that is not a line
    /// ending left over from the record before).
    fn of(&self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else { return 1 };
        let mut offset = usize::try_from(position.byte()).unwrap_or(usize::MAX);
        while let Some(b'\r' | b'\n') = self.bytes.get(offset) {
            offset += 1;
        }
        self.feeds.partition_point(|&feed| feed < offset) as u64 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> (Option<Table>, Vec<Problem>) {
        let mut problems = Vec::new();
        let table = read_table("f.csv", bytes, &mut problems);
        (table, problems)
    }

    #[test]
    fn reads_bom_quotes_and_multi_line_cells_with_their_starting_line() {
        let (table, problems) =
            read("\u{FEFF}a,b\n1,\"two\nlines\"\n\n3,\"say \"\"hi\"\"\"\n".as_bytes());
        let table = table.unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(table.header, ["a", "b"]);
        assert_eq!(table.rows[0].cells, ["1", "two\nlines"]);
        assert_eq!(table.rows[1].line, 5);
        assert_eq!(table.rows[1].cells[1], "say \"hi\"");
    }

    #[test]
    fn bad_rows_are_named_and_left_out() {
        let (table, problems) = read(b"a,b\n1\n2,\xff\n3,4\n");
        assert_eq!(table.unwrap().rows.len(), 1);
        assert_eq!(problems.len(), 2);
        assert_eq!(
            problems[0].text,
            "f.csv:2: has 1 column(s), the header has 2"
        );
        assert!(
            problems[1]
                .text
                .starts_with("f.csv:3:2: column 'b': is not UTF-8"),
            "{}",
            problems[1].text
        );
    }

    #[test]
    fn a_file_that_is_no_table_says_why() {
        assert!(read(b"").1[0].text.contains("is empty"));
        assert!(read(&[0xFF, 0xFE, b'a', 0]).1[0].text.contains("UTF-16"));
        assert!(read(b"a,A\n").1[0].text.contains("twice"));
    }

    #[test]
    fn every_repeated_header_name_is_named_with_its_first_column() {
        let problems = read(b"a,b,A,c,B,a\n1,2,3,4,5,6\n").1;
        let texts: Vec<&str> = problems.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "f.csv: the header names column 'A' twice (columns 1 and 3): rename one",
                "f.csv: the header names column 'B' twice (columns 2 and 5): rename one",
                "f.csv: the header names column 'a' twice (columns 1 and 6): rename one",
            ]
        );
    }
}
