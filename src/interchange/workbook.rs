//! A sheet of a workbook (.xlsx, .ods, .xls, read by calamine) as the same `Table` a CSV file
//! becomes, so that every importer reads spreadsheets with no change of its own. The table's rows are
//! numbered as the spreadsheet numbers them and its columns start at A, so `file:sheet:row:column`
//! points at the cell the secretary sees; the caller names the source `file:sheet`.
//!
//! Which sheet: the one `--sheet` names, or the first worksheet. A first sheet that is empty while
//! another has data is refused with the name to give (`--sheet Films`), rather than guessed: the
//! secretary may have put the ballots on the second sheet and notes on the third.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Dimensions, Ods, Reader, SheetType, Xls, Xlsx, open_workbook_from_rs};

use super::sheet_value::{cell_text, data_text};
use super::table::{MAX_CELL_BYTES, Row, Table, at_cell, at_line, refuse_repeated_names};
use crate::desk::Problem;
use crate::text::suggest::did_you_mean;

/// Cells holding something that one sheet may have. A FilmFreeway export of 5,000 submissions with
/// 60 columns has 300,000.
pub const MAX_SHEET_CELLS: usize = 1_000_000;

/// The cells of the table made from a sheet (rows with something in them × the header's width): the
/// limit on what a sheet whose few cells lie far apart (A1 and XFD1048576) may make jurydesk hold.
pub const MAX_TABLE_CELLS: usize = 5_000_000;

/// Merged areas whose value is copied into every cell they cover (a category merged down its rows).
const MAX_MERGED_FILLS: usize = 1_000_000;

/// The workbook formats calamine reads for us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Ods,
    Xls,
}

/// A cell's text, or why it has none (an error cell).
type Value = Result<String, String>;

/// The cells of one sheet that hold something, by row then column (both from 0).
type Sparse = BTreeMap<u32, Vec<(u32, Value)>>;

enum Book<'a> {
    Xlsx(Xlsx<Cursor<&'a [u8]>>),
    Ods(Ods<Cursor<&'a [u8]>>),
    Xls(Xls<Cursor<&'a [u8]>>),
}

/// What a workbook that cannot be read is told.
pub const DAMAGED: &str = "cannot be read: it is damaged (the workbook reader gave up on it); open \
                           it in Excel or LibreOffice, save it again and import the saved file";

/// Reads one sheet of a workbook. `Err` is a problem with the file as a whole (to be prefixed with the
/// file's name); otherwise the sheet's name and its table, or `None` with the problems pushed.
///
/// calamine is run behind `catch_unwind`: its compound-file reader (.xls) indexes past the end of
/// its buffer on a truncated file (calamine 0.38.0, cfb.rs `Sectors::get`, found by
/// tests/sheets.rs's damaged-workbook property), and a damaged file must be a clear error, never a
/// panic. The panic hook is silenced meanwhile so that no panic message reaches the terminal; the
/// command line reads files on one thread, so no other thread's message is lost.
pub fn read_workbook(
    file: &str,
    bytes: &[u8],
    format: Format,
    sheet: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Result<Option<(String, Table)>, String> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_sheet(file, bytes, format, sheet, problems)
    }));
    std::panic::set_hook(hook);
    read.unwrap_or_else(|_| Err(DAMAGED.into()))
}

fn read_sheet(
    file: &str,
    bytes: &[u8],
    format: Format,
    sheet: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Result<Option<(String, Table)>, String> {
    let mut book = open(bytes, format)?;
    let names = book.worksheet_names();
    if names.is_empty() {
        return Err("has no worksheet".into());
    }
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| *n == wanted)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            })
            .cloned()
            .ok_or_else(|| {
                format!(
                    "has no sheet '{wanted}'{}; its sheets: {}",
                    did_you_mean(wanted, names.iter().map(String::as_str)),
                    quoted(&names)
                )
            })?,
        None => names[0].clone(),
    };
    let sparse = book.sparse(&name)?;
    if sparse.is_empty() {
        if sheet.is_none() {
            for other in &names[1..] {
                if !book.sparse(other)?.is_empty() {
                    return Err(format!(
                        "its first sheet '{name}' is empty, and sheet '{other}' has data: import \
                         with --sheet '{other}' (sheets: {})",
                        quoted(&names)
                    ));
                }
            }
            if names.len() > 1 {
                return Err(format!("every sheet is empty ({})", quoted(&names)));
            }
        }
        return Err(format!(
            "sheet '{name}' is empty: expected a header row naming the columns"
        ));
    }
    let merged = book.merged(&name);
    let label = format!("{file}:{name}");
    Ok(table(&label, sparse, &merged, problems).map(|t| (name, t)))
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn open(bytes: &[u8], format: Format) -> Result<Book<'_>, String> {
    let cursor = Cursor::new(bytes);
    let damaged = |what: &str, e: &dyn std::fmt::Display| {
        format!(
            "cannot be read as {what} ({e}): it may be damaged; open it in Excel or LibreOffice, \
             save it again and import the saved file"
        )
    };
    match format {
        Format::Xlsx => open_workbook_from_rs(cursor)
            .map(Book::Xlsx)
            .map_err(|e: calamine::XlsxError| damaged("an Excel workbook (.xlsx)", &e)),
        Format::Ods => open_workbook_from_rs(cursor)
            .map(Book::Ods)
            .map_err(|e: calamine::OdsError| damaged("an OpenDocument spreadsheet (.ods)", &e)),
        Format::Xls => open_workbook_from_rs(cursor)
            .map(Book::Xls)
            .map_err(|e| match e {
                calamine::XlsError::Password => {
                    "is password-protected: open it in Excel, remove the \
                password (File > Info > Protect Workbook), save it and import again"
                        .to_string()
                }
                e => damaged("an Excel 97-2003 workbook (.xls)", &e),
            }),
    }
}

impl Book<'_> {
    /// The worksheets in the workbook's order (chart sheets and macro sheets left out).
    fn worksheet_names(&self) -> Vec<String> {
        let metadata = match self {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Ods(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
        };
        metadata
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect()
    }

    /// The cells of sheet `name` that hold something. An .xlsx sheet is read cell by cell (calamine's
    /// whole-sheet reader makes one grid from A1 to the last cell, however far apart the cells are);
    /// .ods and .xls are already in memory, read whole by calamine, within `zip_guard`'s limits.
    fn sparse(&mut self, name: &str) -> Result<Sparse, String> {
        let mut sparse = Sparse::new();
        let mut count = 0usize;
        let mut add = |row: u32, col: u32, value: Value| -> Result<(), String> {
            if matches!(&value, Ok(text) if text.is_empty()) {
                return Ok(());
            }
            count += 1;
            if count > MAX_SHEET_CELLS {
                return Err(format!(
                    "sheet '{name}' holds more than {MAX_SHEET_CELLS} cells: more than any sheet \
                     jurydesk reads"
                ));
            }
            sparse.entry(row).or_default().push((col, value));
            Ok(())
        };
        let unreadable = |e: &dyn std::fmt::Display| {
            format!(
                "sheet '{name}' cannot be read ({e}): it may be damaged; open it and save it again"
            )
        };
        match self {
            Book::Xlsx(book) => {
                let mut cells = book
                    .worksheet_cells_reader(name)
                    .map_err(|e| unreadable(&e))?;
                while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
                    let (row, col) = cell.get_position();
                    add(row, col, cell_text(cell.get_value()))?;
                }
            }
            Book::Ods(book) => {
                let range = book.worksheet_range(name).map_err(|e| unreadable(&e))?;
                dense(&range, &mut add)?;
            }
            Book::Xls(book) => {
                let range = book.worksheet_range(name).map_err(|e| unreadable(&e))?;
                dense(&range, &mut add)?;
            }
        }
        for cells in sparse.values_mut() {
            cells.sort_by_key(|(col, _)| *col);
        }
        Ok(sparse)
    }

    /// The merged areas of sheet `name` (none known for .ods, whose covered cells read as empty).
    fn merged(&mut self, name: &str) -> Vec<Dimensions> {
        match self {
            Book::Xlsx(book) => book.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Book::Xls(book) => book.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Book::Ods(_) => Vec::new(),
        }
    }
}

fn dense(
    range: &calamine::Range<Data>,
    add: &mut impl FnMut(u32, u32, Value) -> Result<(), String>,
) -> Result<(), String> {
    let (top, left) = range.start().unwrap_or((0, 0));
    for (r, c, value) in range.used_cells() {
        add(top + r as u32, left + c as u32, data_text(value))?;
    }
    Ok(())
}

/// The sheet as a table: its first row holding something is the header; the rows after it keep the
/// spreadsheet's numbers (row 1 is the first) and every column from A, so messages point at the
/// cell. A cell with an error, a value right of the header's last column, or an oversized cell is a
/// problem at its place, and its row is left out, as `read_table` does with a CSV row.
fn table(
    label: &str,
    mut sparse: Sparse,
    merged: &[Dimensions],
    problems: &mut Vec<Problem>,
) -> Option<Table> {
    let whole = |problems: &mut Vec<Problem>, message: String| {
        problems.push(Problem::new(0, at_line_free(label, &message)));
    };
    let (&header_row, header_cells) = sparse.iter().next()?;
    let width = header_cells.last().map_or(0, |(c, _)| *c as usize + 1);
    let mut header = vec![String::new(); width];
    for (c, value) in header_cells {
        match value {
            Ok(text) => {
                header[*c as usize] = text.trim_start_matches('\u{FEFF}').trim().to_string();
            }
            Err(e) => whole(
                problems,
                format!(
                    "row {}, column {}: the header cell {e}",
                    header_row + 1,
                    c + 1
                ),
            ),
        }
    }
    refuse_repeated_names(label, &header, problems);
    let data_rows = sparse.len() - 1;
    if data_rows.saturating_mul(width) > MAX_TABLE_CELLS {
        whole(
            problems,
            format!(
                "has {data_rows} rows of {width} columns: more than any sheet jurydesk reads \
                 ({MAX_TABLE_CELLS} cells)"
            ),
        );
        return None;
    }
    if problems.iter().any(|p| p.line == 0) {
        return None;
    }
    fill_merged(&mut sparse, merged, header_row, width);

    let mut rows = Vec::with_capacity(data_rows);
    for (&r, cells) in sparse.range(header_row + 1..) {
        let line = u64::from(r) + 1;
        let mut row = vec![String::new(); width];
        let mut readable = true;
        for (c, value) in cells {
            let c = *c as usize;
            let Some(name) = header.get(c) else {
                problems.push(Problem::new(
                    line,
                    at_line(
                        label,
                        line,
                        format!(
                            "has a value in column {}, right of the header's last column ({width}): \
                             name the column in the header row or delete the value",
                            c + 1
                        ),
                    ),
                ));
                readable = false;
                break;
            };
            match value {
                Err(e) => {
                    problems.push(Problem::new(line, at_cell(label, line, c, name, e)));
                    readable = false;
                }
                Ok(text) if text.len() > MAX_CELL_BYTES => {
                    problems.push(Problem::new(
                        line,
                        at_cell(
                            label,
                            line,
                            c,
                            name,
                            format!(
                                "holds {} bytes; a cell may hold at most {MAX_CELL_BYTES}",
                                text.len()
                            ),
                        ),
                    ));
                    readable = false;
                }
                Ok(text) => row[c].clone_from(text),
            }
        }
        if readable && row.iter().any(|c| !c.trim().is_empty()) {
            rows.push(Row { line, cells: row });
        }
    }
    Some(Table { header, rows })
}

/// `label: message`, safe for the terminal.
fn at_line_free(label: &str, message: &str) -> String {
    crate::text::for_terminal(&format!("{label}: {message}")).into_owned()
}

/// Copies each merged area's value into the cells it covers below the header (a secretary merges a
/// category's cell down the rows of its ballots; the sheet stores the value in the top cell only).
/// Only rows that hold something else are filled, and only within the header's width.
fn fill_merged(sparse: &mut Sparse, merged: &[Dimensions], header_row: u32, width: usize) {
    let mut fills = 0usize;
    for area in merged {
        // A file may name a merged area by any two opposite corners (`B5:B2`): order them, or the
        // row range below is empty-ended and panics. (calamine 0.38 itself subtracts the corners
        // unchecked: a debug build stops there, caught as "damaged"; a release build gets here.)
        let ((row_a, col_a), (row_b, col_b)) = (area.start, area.end);
        let (top, bottom) = (row_a.min(row_b), row_a.max(row_b));
        let (left, right) = (col_a.min(col_b), col_a.max(col_b));
        if top <= header_row || left as usize >= width {
            continue;
        }
        let Some(value) = sparse.get(&top).and_then(|cells| {
            cells
                .iter()
                .find(|(c, _)| *c == left)
                .map(|(_, v)| v.clone())
        }) else {
            continue;
        };
        let right = right.min(width.saturating_sub(1) as u32);
        for (&r, cells) in sparse.range_mut(top..=bottom) {
            for c in left..=right {
                if (r, c) == (top, left) || cells.iter().any(|(col, _)| *col == c) {
                    continue;
                }
                fills += 1;
                if fills > MAX_MERGED_FILLS {
                    return;
                }
                let at = cells.partition_point(|(col, _)| *col < c);
                cells.insert(at, (c, value.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sparse(cells: &[(u32, u32, &str)]) -> Sparse {
        let mut s = Sparse::new();
        for (r, c, v) in cells {
            let value = if let Some(e) = v.strip_prefix('!') {
                Err(e.to_string())
            } else {
                Ok((*v).to_string())
            };
            s.entry(*r).or_default().push((*c, value));
        }
        s
    }

    #[test]
    fn rows_and_columns_keep_the_sheets_numbers() {
        let mut problems = Vec::new();
        let s = sparse(&[
            (2, 1, "title"),
            (2, 2, "year"),
            (4, 1, "A"),
            (4, 2, "1997"),
            (5, 2, "!holds the error #N/A"),
            (6, 5, "far"),
        ]);
        let t = table("f.xlsx:Films", s, &[], &mut problems).unwrap();
        assert_eq!(t.header, ["", "title", "year"]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 5);
        assert_eq!(t.rows[0].cells, ["", "A", "1997"]);
        let texts: Vec<&str> = problems.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "f.xlsx:Films:6:3: column 'year': holds the error #N/A",
                "f.xlsx:Films:7: has a value in column 6, right of the header's last column (3): name the column in the header row or delete the value",
            ]
        );
    }

    #[test]
    fn a_merged_cell_fills_the_rows_it_covers() {
        let mut s = sparse(&[
            (0, 0, "category"),
            (0, 1, "juror"),
            (1, 0, "Best Film"),
            (1, 1, "Ana"),
            (2, 1, "Ben"),
            (3, 1, "Chloé"),
        ]);
        fill_merged(&mut s, &[Dimensions::new((1, 0), (3, 0))], 0, 2);
        let mut problems = Vec::new();
        let t = table("b.xlsx:Ballots", s, &[], &mut problems).unwrap();
        let firsts: Vec<&str> = t.rows.iter().map(|r| r.cells[0].as_str()).collect();
        assert_eq!(firsts, ["Best Film"; 3]);
    }

    #[test]
    fn far_apart_cells_make_no_huge_table() {
        let mut problems = Vec::new();
        let mut s = Sparse::new();
        s.insert(0, (0..16_384).map(|c| (c, Ok(format!("c{c}")))).collect());
        for r in 1..400 {
            s.insert(r, vec![(0, Ok("x".into()))]);
        }
        assert!(table("f.xlsx:S", s, &[], &mut problems).is_none());
        assert!(
            problems[0].text.contains("more than any sheet"),
            "{problems:?}"
        );
    }
}
