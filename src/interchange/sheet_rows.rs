//! A sheet's rows as submissions, read and mapped one at a time: an import stages each as it comes
//! (`desk::RowSource`), so neither the file's cells nor its submissions are ever all in memory. Each
//! format (`import csv`'s mapped columns, FilmFreeway's) says only how one row maps (`MapRow`).

use super::table::{Row, Rows};
use crate::desk::{Found, IncomingSubmission, RowSource};

/// How one row of a sheet becomes a submission, for one format.
pub trait MapRow {
    /// The row as a submission, or `None` with its problems in `found`.
    fn incoming(&mut self, row: &Row, found: &mut Found) -> Option<IncomingSubmission>;
}

/// The rows of a sheet, mapped by `M` as they are read.
pub struct SheetRows<B, M> {
    rows: Rows<B>,
    mapper: M,
}

impl<B, M> SheetRows<B, M> {
    pub(super) fn new(rows: Rows<B>, mapper: M) -> Self {
        SheetRows { rows, mapper }
    }
}

impl<B: AsRef<[u8]>, M: MapRow> RowSource<IncomingSubmission> for SheetRows<B, M> {
    fn next_row(&mut self, found: &mut Found) -> Option<IncomingSubmission> {
        loop {
            let row = self.rows.next_row(&mut found.problems)?;
            if let Some(incoming) = self.mapper.incoming(&row, found) {
                return Some(incoming);
            }
        }
    }

    fn expected(&self) -> usize {
        self.rows.expected()
    }
}

/// Reads the rows of a sheet refused whole (its header), only for their own problems: all of them
/// are worth naming in the same run.
pub(super) fn name_problems_of<B: AsRef<[u8]>>(mut rows: Rows<B>, found: &mut Found) {
    while rows.next_row(&mut found.problems).is_some() {}
}
