//! An .xls (Excel 97–2003) workbook's sheets measured before calamine reads it.
//!
//! calamine reads every sheet of an .xls when it opens it and makes each one grid from its first
//! cell to its last: a 5 KB file with two cells, A1 and the cell at row 65,536, column 65,536, asked
//! for 137 GB and stopped the process ("memory allocation … failed"); one with A1 and IV65536 (the
//! last cell Excel 97 has) took 1 GB. So the workbook stream is walked here, record by record (the
//! compound file read by the `cfb` crate), and each sheet's span of cells (the records calamine
//! turns into cells) is measured; a sheet spanning more than `MAX_XLS_GRID` cells is refused.

use std::io::{Cursor, Read};

/// Cells one sheet's grid may span (calamine holds each as a value of about 32 bytes). A sheet of
/// 5,000 submissions and 60 columns spans 300,000.
pub const MAX_XLS_GRID: u64 = 2_000_000;

/// The workbook stream's records that calamine reads as cells at (row, column) (MS-XLS 2.4): FORMULA,
/// NUMBER, LABEL, BOOLERR, RK, LABELSST, RSTRING; MULRK is handled apart (a run of columns).
const CELL_RECORDS: [u16; 7] = [0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6];
const MULRK: u16 = 0x00BD;
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;

/// Refuses an .xls a sheet of which spans more than `MAX_XLS_GRID` cells. A file that is no
/// compound file, or has no workbook stream, passes: calamine then says what is wrong with it.
pub fn check_xls(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut file) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Some(name) = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| file.is_stream(name))
    else {
        return Ok(());
    };
    let Ok(stream) = file.open_stream(name) else {
        return Ok(());
    };
    let mut data = Vec::new();
    // The stream can be no longer than the file it is in; `take` holds to that whatever it claims.
    if stream
        .take(bytes.len() as u64)
        .read_to_end(&mut data)
        .is_err()
    {
        return Ok(());
    }
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
    // Substreams nest (a chart inside a sheet): one span per open BOF.
    let mut spans: Vec<Span> = vec![Span::default()];
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
}
