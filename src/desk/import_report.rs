//! What every import shares (docs/formats.md#bad-input): problems tied to a line, the options
//! `--dry-run` and `--skip-bad`, the all-or-nothing decision, and the report of what changed.

use super::{DeskError, Result};
use crate::text::for_terminal;

/// A problem or a warning at a place in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line where the row starts; 0 for the file as a whole (its encoding, its header), which no
    /// `--skip-bad` can skip.
    pub line: u64,
    /// The whole message, already naming the file, the line and the column.
    pub text: String,
}

impl Problem {
    pub fn new(line: u64, text: impl Into<String>) -> Self {
        Problem {
            line,
            text: text.into(),
        }
    }

    /// A problem with a whole row: `file:line: message`, safe for the terminal.
    pub fn at_line(file: &str, line: u64, message: impl std::fmt::Display) -> Self {
        Problem::new(
            line,
            for_terminal(&format!("{file}:{line}: {message}")).into_owned(),
        )
    }

    /// A problem in one cell: `file:line:column: column 'name': message`, the form every importer
    /// uses (`interchange::table::at_cell`), safe for the terminal.
    pub fn at_cell(file: &str, line: u64, column: Column, message: impl std::fmt::Display) -> Self {
        Problem::new(
            line,
            for_terminal(&format!(
                "{file}:{line}:{}: column '{}': {message}",
                column.number, column.name
            ))
            .into_owned(),
        )
    }
}

/// A column of an input file, for messages: its number counted from 1 (as spreadsheets count) and
/// its header name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Column {
    pub number: usize,
    pub name: &'static str,
}

/// What reading a file found besides its rows: what is wrong (problems: a row's, or the whole file's
/// at line 0) and what was cleaned or looks odd (warnings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// Rows read from a file one at a time. An import stages each row as it comes and lets it go: a
/// whole file's rows and cells held at once were its peak (issue 17).
pub trait RowSource<T> {
    /// The next good row, or `None` after the last; the problems and warnings of the rows read on the
    /// way (including rows passed over as bad) go to `found`.
    fn next_row(&mut self, found: &mut Found) -> Option<T>;

    /// At most how many rows are still to come (for a progress bar, and to size maps): exact for
    /// most files.
    fn expected(&self) -> usize;
}

/// No rows (a file refused whole), or the rows of `S`.
impl<T, S: RowSource<T>> RowSource<T> for Option<S> {
    fn next_row(&mut self, found: &mut Found) -> Option<T> {
        self.as_mut()?.next_row(found)
    }

    fn expected(&self) -> usize {
        self.as_ref().map_or(0, RowSource::expected)
    }
}

/// Rows read already.
impl<T> RowSource<T> for std::vec::IntoIter<T> {
    fn next_row(&mut self, _: &mut Found) -> Option<T> {
        self.next()
    }

    fn expected(&self) -> usize {
        self.len()
    }
}

/// A file being read for an import: what was found before its rows (a problem with the whole file,
/// the header's), and the rows still to come.
pub struct Reading<'r, T> {
    pub found: Found,
    pub rows: Box<dyn RowSource<T> + Send + 'r>,
}

/// Rows read already, with what reading them found.
impl<T: Send + 'static> From<Parsed<T>> for Reading<'static, T> {
    fn from(parsed: Parsed<T>) -> Self {
        Reading {
            found: Found {
                problems: parsed.problems,
                warnings: parsed.warnings,
            },
            rows: Box::new(parsed.rows.into_iter()),
        }
    }
}

/// How far an import is: rows checked (and staged when good), then the one write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportProgress {
    /// This many rows checked; about `expected` in all.
    Checked { done: usize, expected: usize },
    /// Every row checked: the change is being written.
    Writing,
}

/// Rows read from a file, with everything the reader found wrong (problems) or cleaned (warnings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<T> {
    pub rows: Vec<T>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl<T> Parsed<T> {
    /// Every row of `rows`, with what reading them found (`found` holds what was found before).
    pub fn read_all(mut found: Found, rows: &mut impl RowSource<T>) -> Parsed<T> {
        let rows = std::iter::from_fn(|| rows.next_row(&mut found)).collect();
        Parsed {
            rows,
            problems: found.problems,
            warnings: found.warnings,
        }
    }
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed {
            rows: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// How an import runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Work out and report every change, write none.
    pub dry_run: bool,
    /// Leave bad rows out (and list them) instead of refusing the whole file.
    pub skip_bad: bool,
}

/// How many records of one kind an import added, changed or found as they were, with the first few
/// for the secretary to eyeball.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: &'static str,
    pub count: usize,
    pub first: Vec<String>,
}

/// The rows a report shows per group: enough to see what an import does, short enough to read.
pub const SHOWN_PER_GROUP: usize = 5;

/// What an import did (or, on a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// The file as the secretary named it.
    pub source: String,
    /// The edition or festival it went into.
    pub target: String,
    pub dry_run: bool,
    pub groups: Vec<Group>,
    /// Rows left out by `--skip-bad`, and why.
    pub skipped: Vec<Problem>,
    /// Cells that were cleaned (control characters, escape sequences) or values that look odd.
    pub warnings: Vec<Problem>,
    /// The audit log entry of the change; `None` on a dry run or when nothing changed.
    pub log_seq: Option<u64>,
}

impl ImportReport {
    pub(super) fn new(source: &str, target: &str, names: &[&'static str], dry_run: bool) -> Self {
        ImportReport {
            source: source.to_string(),
            target: target.to_string(),
            dry_run,
            groups: names
                .iter()
                .map(|&name| Group {
                    name,
                    count: 0,
                    first: Vec::new(),
                })
                .collect(),
            ..ImportReport::default()
        }
    }

    /// Counts one record in group `name`, keeping its description if it is among the first.
    pub(super) fn note(&mut self, name: &'static str, describe: impl FnOnce() -> String) {
        if let Some(group) = self.groups.iter_mut().find(|g| g.name == name) {
            group.count += 1;
            if group.first.len() < SHOWN_PER_GROUP {
                group.first.push(describe());
            }
        }
    }

    pub fn count(&self, name: &str) -> usize {
        self.groups
            .iter()
            .find(|g| g.name == name)
            .map_or(0, |g| g.count)
    }

    /// "3 added, 1 updated, 2 unchanged": the groups in order.
    pub fn summary(&self) -> String {
        self.groups
            .iter()
            .map(|g| format!("{} {}", g.count, g.name))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The all-or-nothing rule: file-level problems always refuse the import; row problems refuse it
/// unless `--skip-bad`, in which case they come back as the rows to skip. Problems are reported in
/// file order, all at once, so a secretary fixes the file in one pass.
pub(super) fn decide(mut problems: Vec<Problem>, options: ImportOptions) -> Result<Vec<Problem>> {
    problems.sort_by_key(|p| p.line);
    let whole_file = problems.iter().any(|p| p.line == 0);
    if whole_file || (!problems.is_empty() && !options.skip_bad) {
        return Err(DeskError::BadInput(
            problems.into_iter().map(|p| p.text).collect(),
        ));
    }
    Ok(problems)
}
