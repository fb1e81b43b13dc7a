//! Files in and out. Parsers here read bytes into plain rows and report every problem with its file,
//! line and column; they never touch the store (writes go through `desk`).

mod ballots_csv;
mod cells;
mod countries;
mod filmfreeway;
mod input;
mod oscars;
mod questions;
mod sheet_rows;
mod sheet_value;
mod submissions_csv;
pub mod table;
mod workbook;
mod xls_guard;
mod zip_guard;

pub use ballots_csv::parse_ballots;
pub use countries::is_country;
pub use filmfreeway::{FilmFreewayRows, FilmFreewaySheet, parse_filmfreeway, read_filmfreeway};
pub use input::read_input;
pub use oscars::parse_award_history;
pub use sheet_rows::{MapRow, SheetRows};
pub use submissions_csv::{
    MappedRows, MappedSheet, field_names, parse_mapped_csv, read_mapped_csv, write_submissions,
};
