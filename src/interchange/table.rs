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
    let (header, mut rows) = csv_rows(file, bytes, problems)?;
    let rows = std::iter::from_fn(|| rows.next_row(problems)).collect();
    Some(Table { header, rows })
}

/// The rows of a table, handed out one at a time: a CSV file's read from its bytes as they are asked
/// for, a workbook sheet's from the rows read already. An import stages each row as it comes: a
/// 100,000-row file's cells all held at once were 120 MB, its peak before the commit.
pub enum Rows<B> {
    Read(std::vec::IntoIter<Row>),
    Csv(Box<CsvRows<B>>),
}

impl<B: AsRef<[u8]>> Rows<B> {
    /// The next readable row; the problems of the rows passed over on the way go to `problems`.
    pub fn next_row(&mut self, problems: &mut Vec<Problem>) -> Option<Row> {
        match self {
            Rows::Read(rows) => rows.next(),
            Rows::Csv(rows) => rows.next_row(problems),
        }
    }

    /// At most how many rows are still to come (exactly, unless a CSV cell spans lines).
    pub fn expected(&self) -> usize {
        match self {
            Rows::Read(rows) => rows.len(),
            Rows::Csv(rows) => rows.expected(),
        }
    }
}

/// A CSV file's rows after its header, read as they are asked for. It owns (or borrows) the file's
/// bytes: an import hands it the file, which then goes when the last row is read.
pub struct CsvRows<B> {
    file: String,
    header: Vec<String>,
    reader: csv::Reader<std::io::Cursor<B>>,
    lines: Lines,
    /// One record read into again and again: a new one for each of 100,000 rows was two allocations
    /// a row.
    record: csv::ByteRecord,
}

/// Opens `bytes` as a CSV table: its header, and its rows to read. Returns `None` when there is no
/// table at all (the problem says why).
pub fn csv_rows<B: AsRef<[u8]>>(
    file: &str,
    bytes: B,
    problems: &mut Vec<Problem>,
) -> Option<(Vec<String>, CsvRows<B>)> {
    let whole = |problems: &mut Vec<Problem>, message: String| {
        problems.push(Problem::new(
            0,
            for_terminal(&format!("{file}: {message}")).into_owned(),
        ));
    };
    let all = bytes.as_ref();
    if all.len() > MAX_FILE_BYTES {
        whole(
            problems,
            format!(
                "is {} bytes: larger than any sheet jurydesk reads ({MAX_FILE_BYTES})",
                all.len()
            ),
        );
        return None;
    }
    if all.starts_with(&[0xFF, 0xFE]) || all.starts_with(&[0xFE, 0xFF]) {
        whole(
            problems,
            "is UTF-16 text (as Excel saves \"Unicode text\"): save it as CSV UTF-8 and import again".into(),
        );
        return None;
    }
    let bom = "\u{FEFF}".as_bytes();
    let start = if all.starts_with(bom) { bom.len() } else { 0 };
    let lines = Lines::new(all, start);
    let mut cursor = std::io::Cursor::new(bytes);
    cursor.set_position(start as u64);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(cursor);
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
    let header_line = lines.of(
        reader.get_ref().get_ref().as_ref(),
        header_record.position(),
    );
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
    let rows = CsvRows {
        file: file.to_string(),
        header: header.clone(),
        reader,
        lines,
        record,
    };
    Some((header, rows))
}

impl<B: AsRef<[u8]>> CsvRows<B> {
    /// At most how many rows are still to come: the lines not yet read.
    fn expected(&self) -> usize {
        let read = usize::try_from(self.reader.position().byte()).unwrap_or(usize::MAX);
        let bytes = self.reader.get_ref().get_ref().as_ref();
        self.lines
            .after(bytes, self.lines.start.saturating_add(read))
    }

    /// The next readable row; a row that cannot be read is reported and passed over.
    fn next_row(&mut self, problems: &mut Vec<Problem>) -> Option<Row> {
        let file = self.file.as_str();
        let header = &self.header;
        loop {
            let record = &mut self.record;
            match self.reader.read_byte_record(record) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => {
                    let line = self
                        .lines
                        .of(self.reader.get_ref().get_ref().as_ref(), e.position());
                    problems.push(Problem::new(
                        line,
                        at_line(file, line, format!("cannot be read as CSV: {e}")),
                    ));
                    continue;
                }
            }
            let line = self
                .lines
                .of(self.reader.get_ref().get_ref().as_ref(), record.position());
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
            if let Some(cells) = row_cells(file, header, line, record, problems) {
                return Some(Row { line, cells });
            }
        }
    }
}

/// A record's cells as text, or `None` (with the problems) when one is too large or not UTF-8.
fn row_cells(
    file: &str,
    header: &[String],
    line: u64,
    record: &csv::ByteRecord,
    problems: &mut Vec<Problem>,
) -> Option<Vec<String>> {
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
    readable.then_some(cells)
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
struct Lines {
    /// Where the reader starts in the bytes (after a byte-order mark): its positions count from there.
    start: usize,
    feeds: Vec<usize>,
    /// Where the last line starts when it has no line feed of its own (a last row no feed counts).
    unterminated: Option<usize>,
}

impl Lines {
    fn new(bytes: &[u8], start: usize) -> Self {
        let feeds: Vec<usize> = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i)
            .collect();
        let last_feed = feeds.last().map_or(start, |feed| feed + 1);
        let unterminated = (bytes.len() > last_feed).then_some(last_feed);
        Lines {
            start,
            feeds,
            unterminated,
        }
    }

    /// The line where the record that starts at `position` begins (its first byte that is not a line
    /// ending left over from the record before).
    fn of(&self, bytes: &[u8], position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else { return 1 };
        let mut offset = usize::try_from(position.byte())
            .unwrap_or(usize::MAX)
            .saturating_add(self.start);
        while let Some(b'\r' | b'\n') = bytes.get(offset) {
            offset += 1;
        }
        self.feeds.partition_point(|&feed| feed < offset) as u64 + 1
    }

    /// How many lines end at or after `offset` (past the line ending a reader may leave there).
    fn after(&self, bytes: &[u8], mut offset: usize) -> usize {
        while let Some(b'\r' | b'\n') = bytes.get(offset) {
            offset += 1;
        }
        self.feeds.len() - self.feeds.partition_point(|&feed| feed < offset)
            + usize::from(self.unterminated.is_some_and(|last| offset <= last))
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
    fn rows_are_read_as_asked_for_and_counted_ahead_by_their_lines() {
        for (bytes, rows) in [
            (&b"a,b\n1,2\n3,4\n"[..], 2),
            (b"a,b\n1,2\n3,4", 2),
            (b"\xEF\xBB\xBFa,b\r\n1,2\r\n", 1),
        ] {
            let mut problems = Vec::new();
            let (header, mut read) = csv_rows("f.csv", bytes, &mut problems).unwrap();
            assert_eq!(header, ["a", "b"]);
            assert_eq!(read.expected(), rows, "{bytes:?}");
            let mut left = rows;
            while let Some(row) = read.next_row(&mut problems) {
                left -= 1;
                assert_eq!(read.expected(), left, "{bytes:?} after line {}", row.line);
            }
            assert_eq!(left, 0);
            assert!(problems.is_empty(), "{problems:?}");
        }
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
