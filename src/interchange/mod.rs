//! Files in and out. Parsers here read bytes into plain rows and report every problem with its file,
//! line and column; they never touch the store (writes go through `desk`).

mod ballots_csv;

pub use ballots_csv::parse_ballots;

/// A problem at a place in an input file.
pub fn at(file: &str, line: u64, column: Option<&str>, message: impl std::fmt::Display) -> String {
    match column {
        Some(column) => format!("{file}:{line}: column '{column}': {message}"),
        None => format!("{file}:{line}: {message}"),
    }
}
