//! An .xls (Excel 97–2003) workbook's sheets measured before calamine reads it.
//!
//! calamine reads every sheet of an .xls when it opens it and makes each one grid from its first
//! cell to its last: a 5 KB file with two cells, A1 and the cell at row 65,536, column 65,536, asked
//! for 137 GB and stopped the process ("memory allocation … failed"); one with A1 and IV65536 (the
//! last cell Excel 97 has) took 1 GB. So the workbook stream is walked here, record by record (the
//! compound file read by the `cfb` crate), and each sheet's span of cells (the records calamine
//! turns into cells) is measured; a sheet spanning more than `MAX_XLS_GRID` cells is refused.

use std::io::{Cursor, Read};

/// Cells one sheet's grid, and all sheets' grids together, may span (calamine holds each as a value
/// of about 32 bytes). A sheet of 5,000 submissions and 60 columns spans 300,000.
pub const MAX_XLS_GRID: u64 = 2_000_000;

/// The workbook stream's records that calamine reads as cells at (row, column) (MS-XLS 2.4): FORMULA,
/// NUMBER, LABEL, BOOLERR, RK, LABELSST, RSTRING; MULRK is handled apart (a run of columns).
const CELL_RECORDS: [u16; 7] = [0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6];
const MULRK: u16 = 0x00BD;
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;

/// Refuses an .xls whose sheets together span more than `MAX_XLS_GRID` cells (calamine reads them
/// all when it opens the file). A compound file this reader cannot open or measure is refused as
/// damaged rather than handed to calamine unmeasured: calamine's own reader is more lenient, and
/// an unmeasured file is exactly the one that asked for 137 GB.
pub fn check_xls(bytes: &[u8]) -> Result<(), String> {
    let damaged = || super::workbook::DAMAGED.to_string();
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| damaged())?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| file.is_stream(name))
        .ok_or_else(damaged)?;
    let stream = file.open_stream(name).map_err(|_| damaged())?;
    let mut data = Vec::new();
    // The stream can be no longer than the file it is in; `take` holds to that whatever it claims.
    stream
        .take(bytes.len() as u64)
        .read_to_end(&mut data)
        .map_err(|_| damaged())?;
    check_records(&data)
}

/// The span of one sheet's cells.
#[derive(Default)]
struct Span {
    rows: Option<(u16, u16)>,
    columns: Option<(u16, u16)>,
}

impl Span {
    fn add(&mut self, row: u16, first: u16, last: u16) {
        let widen = |span: &mut Option<(u16, u16)>, low: u16, high: u16| {
            *span = Some(span.map_or((low, high), |(l, h)| (l.min(low), h.max(high))));
        };
        widen(&mut self.rows, row, row);
        widen(&mut self.columns, first.min(last), first.max(last));
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.columns) {
            (Some((r0, r1)), Some((c0, c1))) => (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1),
            _ => 0,
        }
    }
}

fn check_records(data: &[u8]) -> Result<(), String> {
    let u16_at = |bytes: &[u8], at: usize| -> Option<u16> {
        Some(u16::from_le_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]))
    };
    // Substreams nest (a chart inside a sheet): one span per open BOF. Every sheet's span counts
    // towards the workbook's.
    let mut spans: Vec<Span> = vec![Span::default()];
    let mut workbook_cells: u64 = 0;
    let mut at = 0usize;
    while let (Some(kind), Some(len)) = (u16_at(data, at), u16_at(data, at + 2)) {
        let body = &data[(at + 4).min(data.len())..(at + 4 + usize::from(len)).min(data.len())];
        at += 4 + usize::from(len);
        let span = spans.last_mut();
        match (kind, span) {
            (BOF, _) => spans.push(Span::default()),
            (EOF, _) => {
                if let Some(span) = spans.pop() {
                    refuse_large(&span)?;
                    workbook_cells = workbook_cells.saturating_add(span.cells());
                    if workbook_cells > MAX_XLS_GRID {
                        return Err(format!(
                            "has sheets whose cells span more than {MAX_XLS_GRID} cells together \
                             (each is read whole): more than jurydesk reads; keep the sheet to \
                             import and delete the others"
                        ));
                    }
                }
                if spans.is_empty() {
                    spans.push(Span::default());
                }
            }
            (MULRK, Some(span)) => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(body, 0),
                    u16_at(body, 2),
                    body.len().checked_sub(2).and_then(|end| u16_at(body, end)),
                ) {
                    span.add(row, first, last);
                }
            }
            (kind, Some(span)) if CELL_RECORDS.contains(&kind) => {
                if let (Some(row), Some(column)) = (u16_at(body, 0), u16_at(body, 2)) {
                    span.add(row, column, column);
                }
            }
            _ => {}
        }
    }
    spans.iter().try_for_each(refuse_large)
}

fn refuse_large(span: &Span) -> Result<(), String> {
    let cells = span.cells();
    if cells > MAX_XLS_GRID {
        Err(format!(
            "has a sheet whose cells span {cells} cells (from its first to its last): more than \
             any sheet jurydesk reads ({MAX_XLS_GRID})"
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u16, body: &[u8]) -> Vec<u8> {
        let mut r = kind.to_le_bytes().to_vec();
        r.extend((body.len() as u16).to_le_bytes());
        r.extend(body);
        r
    }

    fn cell(row: u16, column: u16) -> Vec<u8> {
        let mut body = row.to_le_bytes().to_vec();
        body.extend(column.to_le_bytes());
        body.extend([0; 6]);
        record(0x00FD, &body)
    }

    #[test]
    fn a_sheet_whose_cells_lie_far_apart_is_refused() {
        let mut small = record(BOF, &[0; 16]);
        small.extend(cell(0, 0));
        small.extend(cell(4999, 59));
        small.extend(record(EOF, &[]));
        assert!(check_records(&small).is_ok());
        let mut far = record(BOF, &[0; 16]);
        far.extend(cell(0, 0));
        far.extend(cell(65_535, 65_535));
        far.extend(record(EOF, &[]));
        let e = check_records(&far).unwrap_err();
        assert!(e.contains("4294967296 cells"), "{e}");
        // A truncated stream and nonsense are no error of this check's.
        assert!(check_records(&far[..far.len() - 7]).is_err());
        assert!(check_records(b"\x01").is_ok());
    }

    #[test]
    fn the_limit_is_on_all_sheets_together() {
        // 1,500,000 cells each (1,500 rows × 1,000 columns): one passes; calamine reads every sheet,
        // so two are over the limit.
        let sheet = || {
            let mut s = record(BOF, &[0; 16]);
            s.extend(cell(0, 0));
            s.extend(cell(1_499, 999));
            s.extend(record(EOF, &[]));
            s
        };
        assert!(check_records(&sheet()).is_ok());
        let e = check_records(&[sheet(), sheet()].concat()).unwrap_err();
        assert!(e.contains("together"), "{e}");
    }

    #[test]
    fn a_compound_file_it_cannot_measure_is_refused_not_passed_on() {
        // Before, a file the compound-file reader could not open went to calamine unmeasured.
        let magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0];
        let e = check_xls(&magic).unwrap_err();
        assert!(e.contains("damaged"), "{e}");
    }
}
