//! Turning one row's cells into values, the same way for every import: text cleaned of control
//! characters and terminal escape sequences (with a warning, never silently), lists split, dates,
//! years, running times and numbers checked, each problem naming its file, line and column and saying
//! what was expected.

use chrono::Datelike;
use chrono::NaiveDate;

use super::table::{Row, at_cell};
use crate::desk::Problem;
use crate::text::{
    clean_line, clean_text, is_bidi_override, is_clean_line, is_clean_text, strip_escape_sequences,
};

pub use crate::domain::{MAX_LINE_CHARS, MAX_TEXT_CHARS};

/// The cells of one row, with the problems and warnings found while reading them.
pub struct Cells<'a> {
    file: &'a str,
    header: &'a [String],
    row: &'a Row,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl<'a> Cells<'a> {
    /// Notes for a row: `first` (the sheet's own notes), then one `Column: value` line for each column
    /// no field took that says something (festivals add their own questions to exports). FilmFreeway
    /// writes the questions a festival adds to its form as numbered pairs of columns, `Submission
    /// Custom Field N` (the question) and `Submission Custom Answer N`; each pair is one
    /// `question: answer` line, where the question's column was. `pairs` are the header's
    /// (`questions::question_pairs`), found once per sheet rather than once per row.
    pub fn notes_with_other_columns(
        &mut self,
        first: Vec<String>,
        pairs: &[(usize, usize)],
        taken: impl Fn(usize) -> bool,
    ) -> String {
        let mut notes = first;
        for (c, name) in self.header.iter().enumerate() {
            if taken(c) {
                continue;
            }
            if let Some(&(_, answer)) = pairs.iter().find(|(q, _)| *q == c) {
                let question = self.line(Some(c));
                let value = self.text(Some(answer));
                if !value.is_empty() {
                    let label = if question.is_empty() {
                        crate::text::clean_line(&self.header[answer])
                    } else {
                        question
                    };
                    notes.push(format!("{label}: {value}"));
                }
                continue;
            }
            if pairs.iter().any(|(_, a)| *a == c) {
                continue;
            }
            let value = self.text(Some(c));
            if !value.is_empty() {
                notes.push(format!("{}: {value}", crate::text::clean_line(name)));
            }
        }
        notes
            .into_iter()
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Ends a row: its warnings go to `warnings`, and its problems to `problems`, or else (every
    /// cell was good) the row is handed back.
    pub fn settle<T>(
        mut self,
        problems: &mut Vec<Problem>,
        warnings: &mut Vec<Problem>,
        row: T,
    ) -> Option<T> {
        warnings.append(&mut self.warnings);
        if self.problems.is_empty() {
            Some(row)
        } else {
            problems.append(&mut self.problems);
            None
        }
    }

    pub fn new(file: &'a str, header: &'a [String], row: &'a Row) -> Self {
        Cells {
            file,
            header,
            row,
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The cell as written ("" for a column the file does not have).
    pub fn raw(&self, column: Option<usize>) -> &'a str {
        column
            .and_then(|c| self.row.cells.get(c))
            .map_or("", String::as_str)
    }

    pub fn problem(&mut self, column: usize, message: impl std::fmt::Display) {
        let text = self.place(column, message);
        self.problems.push(Problem::new(self.row.line, text));
    }

    pub fn warn(&mut self, column: usize, message: impl std::fmt::Display) {
        let text = self.place(column, message);
        self.warnings.push(Problem::new(self.row.line, text));
    }

    fn place(&self, column: usize, message: impl std::fmt::Display) -> String {
        let name = self.header.get(column).map_or("", String::as_str);
        at_cell(self.file, self.row.line, column, name, message)
    }

    /// A single-line value: escape sequences and control characters removed (with a warning), line
    /// breaks made spaces, white space trimmed, at most `MAX_LINE_CHARS`.
    pub fn line(&mut self, column: Option<usize>) -> String {
        self.line_of_at_most(column, MAX_LINE_CHARS, "a one-line field")
    }

    fn line_of_at_most(&mut self, column: Option<usize>, most: usize, what: &str) -> String {
        let Some(c) = column else {
            return String::new();
        };
        let raw = self.raw(column);
        // Text with nothing to remove (most cells) is only trimmed, and warns of nothing.
        let cleaned = if is_clean_line(raw) {
            raw.trim().to_string()
        } else {
            let (unescaped, escapes) = strip_escape_sequences(raw);
            self.warn_cleaned(c, &unescaped, escapes, |ch| ch.is_control() && ch != '\t');
            clean_line(&unescaped)
        };
        if cleaned.chars().count() > most {
            self.problem(
                c,
                format!(
                    "is {} characters long; at most {most} fit {what}",
                    cleaned.chars().count()
                ),
            );
        }
        // Returned even when too long: the row is refused for the problem above, and an empty
        // value would add a second, wrong one ("is empty").
        cleaned
    }

    /// A multi-line value: line breaks kept, every other control character and escape sequence removed
    /// (with a warning), at most `MAX_TEXT_CHARS`.
    pub fn text(&mut self, column: Option<usize>) -> String {
        let Some(c) = column else {
            return String::new();
        };
        let raw = self.raw(column);
        let cleaned = if is_clean_text(raw) {
            raw.trim().to_string()
        } else {
            let (unescaped, escapes) = strip_escape_sequences(raw);
            self.warn_cleaned(c, &unescaped, escapes, |ch| {
                ch.is_control() && !matches!(ch, '\n' | '\r' | '\t')
            });
            clean_text(&unescaped).trim_start().to_string()
        };
        if cleaned.chars().count() > MAX_TEXT_CHARS {
            self.problem(
                c,
                format!(
                    "is {} characters long; at most {MAX_TEXT_CHARS} fit a text field",
                    cleaned.chars().count()
                ),
            );
            return String::new();
        }
        cleaned
    }

    /// Warns of what cleaning `unescaped` (a cell with its `escapes` escape sequences already taken
    /// out) removes.
    fn warn_cleaned(
        &mut self,
        column: usize,
        unescaped: &str,
        escapes: usize,
        removed: impl Fn(char) -> bool,
    ) {
        let controls = unescaped.chars().any(removed);
        match (escapes, controls) {
            (0, false) => {}
            (0, true) => self.warn(column, "removed control characters"),
            (n, false) => self.warn(column, format!("removed {n} terminal escape sequence(s)")),
            (n, true) => self.warn(
                column,
                format!("removed {n} terminal escape sequence(s) and control characters"),
            ),
        }
        if unescaped.chars().any(is_bidi_override) {
            self.warn(
                column,
                "removed bidi override or isolate characters (U+202A–U+202E, U+2066–U+2069): \
                 they would reverse the text shown after this field",
            );
        }
    }

    /// A multi-value cell split on `separator`, each value cleaned as a line, empty ones dropped.
    /// A long cast list may pass the one-line limit as a whole; each name may not.
    pub fn list(&mut self, column: Option<usize>, separator: char) -> Vec<String> {
        let mut items = self.items(column, separator);
        items.retain(|item| !item.is_empty());
        items
    }

    /// A list whose places matter (names in the original script, paired by place with a credit
    /// list): like `list`, but a blank between two separators keeps its place; blanks at the end go.
    pub fn places(&mut self, column: Option<usize>, separator: char) -> Vec<String> {
        let items = self.items(column, separator);
        crate::domain::names::without_trailing_blanks(items)
    }

    /// The cell split on `separator`, each value trimmed, blanks kept; nothing (and a problem) when
    /// a value is too long for a name.
    fn items(&mut self, column: Option<usize>, separator: char) -> Vec<String> {
        let raw = self.raw(column);
        // A clean cell short enough for a list is what `line_of_at_most` would make of it (trimmed,
        // no warning, no problem): split where it lies instead of from a cleaned copy.
        let cleaned;
        let joined = if raw.len() <= MAX_TEXT_CHARS && is_clean_line(raw) {
            raw.trim()
        } else {
            cleaned = self.line_of_at_most(column, MAX_TEXT_CHARS, "a list");
            cleaned.as_str()
        };
        let parts: Vec<&str> = joined.split(separator).map(str::trim).collect();
        if let (Some(c), Some(long)) = (
            column,
            parts.iter().find(|i| i.chars().count() > MAX_LINE_CHARS),
        ) {
            let message = format!(
                "holds a value of {} characters; at most {MAX_LINE_CHARS} fit a name",
                long.chars().count()
            );
            self.problem(c, message);
            return Vec::new();
        }
        parts.into_iter().map(str::to_string).collect()
    }

    /// A year (four digits, Persian or Arabic-Indic digits allowed); `None` when empty.
    pub fn year(&mut self, column: Option<usize>) -> Option<i32> {
        let c = column?;
        let text = ascii_digits(self.raw(column).trim());
        if text.is_empty() {
            return None;
        }
        match text.parse::<i32>() {
            Ok(y) if (1850..=2200).contains(&y) => Some(y),
            Ok(y) if y < 0 => {
                self.problem(
                    c,
                    format!("'{text}' is negative: expected a year such as 2024"),
                );
                None
            }
            _ => {
                self.problem(
                    c,
                    format!("'{text}' is not a plausible year: expected 1850–2200, e.g. 2024"),
                );
                None
            }
        }
    }

    /// A date; `None` when empty. Accepts `YYYY-MM-DD` (with a time after it, as platforms export),
    /// `MM/DD/YYYY` (FilmFreeway's US order) and `Month D, YYYY`.
    pub fn date(&mut self, column: Option<usize>) -> Option<NaiveDate> {
        let c = column?;
        let text = ascii_digits(self.raw(column).trim());
        if text.is_empty() {
            return None;
        }
        match parse_date(&text) {
            Ok(date) => Some(date),
            Err(problem) => {
                self.problem(c, problem.to_string());
                None
            }
        }
    }

    /// A year written as a year or as a full date (FilmFreeway's Completion Date).
    pub fn year_or_date(&mut self, column: Option<usize>) -> Option<i32> {
        let text = self.raw(column).trim();
        if text.chars().count() <= 4 {
            return self.year(column);
        }
        let date = self.date(column)?;
        match date.year() {
            y if (1850..=2200).contains(&y) => Some(y),
            y => {
                self.problem(
                    column.unwrap_or(0),
                    format!("{y} is not a plausible year (1850–2200)"),
                );
                None
            }
        }
    }

    /// A running time in minutes; `None` when empty. Accepts `H:MM:SS` (FilmFreeway), `1h 30m`,
    /// `2h`, `45m`, `90 min` and plain minutes `90`.
    pub fn runtime(&mut self, column: Option<usize>) -> Option<u32> {
        let c = column?;
        let text = ascii_digits(self.raw(column).trim());
        if text.is_empty() {
            return None;
        }
        match parse_runtime(&text) {
            Ok(Some(minutes)) => Some(minutes),
            Ok(None) => {
                self.warn(c, format!("'{text}' is a running time of zero: left empty"));
                None
            }
            Err(problem) => {
                self.problem(c, problem.to_string());
                None
            }
        }
    }

    /// A number that cannot be negative (a rating); `None` when empty.
    pub fn non_negative(&mut self, column: Option<usize>) -> Option<f64> {
        let c = column?;
        let text = ascii_digits(self.raw(column).trim());
        if text.is_empty() {
            return None;
        }
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 => Some(n),
            Ok(n) if n < 0.0 => {
                self.problem(
                    c,
                    format!("'{text}' is negative: expected a number of 0 or more"),
                );
                None
            }
            _ => {
                self.problem(
                    c,
                    format!("'{text}' is not a number: expected e.g. 4 or 4.5"),
                );
                None
            }
        }
    }
}

/// Persian (۰–۹) and Arabic-Indic (٠–٩) digits as ASCII, so `۱۳۹۷` reads as a number.
pub use crate::text::digits::to_ascii as ascii_digits;

const DATE_EXPECTED: &str = "expected YYYY-MM-DD (e.g. 2024-10-07), MM/DD/YYYY, 'October 7, 2024' or a spreadsheet's date number (45572)";

fn parse_date(text: &str) -> Result<NaiveDate, CellError> {
    // ISO, possibly followed by a time ("2024-10-07 14:03:22 UTC", "2024-10-07T14:03:22Z").
    let iso: String = text.chars().take(10).collect();
    let bytes = iso.as_bytes();
    if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
        let number = |s: &str| s.parse::<u32>().ok();
        if let (Some(y), Some(m), Some(d)) =
            (number(&iso[..4]), number(&iso[5..7]), number(&iso[8..10]))
        {
            return NaiveDate::from_ymd_opt(y as i32, m, d)
                .filter(|_| text.len() == 10 || matches!(text.as_bytes()[10], b' ' | b'T'))
                .ok_or_else(|| impossible(text, y as i32, m, d));
        }
    }
    if let Some((m, rest)) = text.split_once('/')
        && let Some((d, y)) = rest.split_once('/')
        && let (Ok(m), Ok(d), Ok(y)) = (m.parse::<u32>(), d.parse::<u32>(), y.trim().parse::<i32>())
        && y >= 1000
    {
        return NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| impossible(text, y, m, d));
    }
    if let Some(date) = excel_serial(text) {
        return Ok(date);
    }
    for format in ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            return Ok(date);
        }
    }
    Err(CellError::NotADate(text.to_string()))
}

/// A spreadsheet's date serial, as a date cell reads once its date format is lost (a sheet saved as
/// CSV from a General column, a date pasted as a value): days since 1899-12-30 (Excel's and
/// LibreOffice's day 0), a time of day after the point ignored. Only five digits are taken
/// (1927–2173), so a year or a day number is never read as one.
fn excel_serial(text: &str) -> Option<NaiveDate> {
    let (days, fraction) = text.split_once('.').unwrap_or((text, ""));
    if days.len() != 5 || !days.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days: u64 = days.parse().ok()?;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(days))
}

fn impossible(text: &str, y: i32, m: u32, d: u32) -> CellError {
    let text = text.to_string();
    if (1..=12).contains(&m) {
        CellError::NoSuchDay { text, y, m, d }
    } else {
        CellError::NoSuchMonth { text, m }
    }
}

/// Minutes from a running time; `Ok(None)` for a time of zero.
fn parse_runtime(text: &str) -> Result<Option<u32>, CellError> {
    let not_a_running_time = || CellError::NotARunningTime(text.to_string());
    if text.starts_with('-') {
        return Err(CellError::NegativeRunningTime(text.to_string()));
    }
    let seconds: u64 = if text.contains(':') {
        let parts: Vec<&str> = text.split(':').collect();
        let [h, m, s] = parts.as_slice() else {
            return Err(not_a_running_time());
        };
        let s = s.split('.').next().unwrap_or(s);
        let number = |p: &str| {
            p.trim()
                .parse::<u64>()
                .ok()
                .filter(|_| !p.is_empty() && p.len() <= 6)
        };
        let (Some(h), Some(m), Some(s)) = (number(h), number(m), number(s)) else {
            return Err(not_a_running_time());
        };
        if m >= 60 || s >= 60 {
            return Err(CellError::ImpossibleDuration(text.to_string()));
        }
        h * 3600 + m * 60 + s
    } else if let Ok(minutes) = text
        .trim_end_matches("min")
        .trim_end_matches("minutes")
        .trim()
        .parse::<u64>()
    {
        minutes.saturating_mul(60)
    } else {
        let mut total = 0u64;
        let mut digits = String::new();
        let mut any = false;
        for c in text.chars() {
            match c {
                '0'..='9' => digits.push(c),
                'h' | 'm' if !digits.is_empty() => {
                    let n: u64 = digits.parse().map_err(|_| not_a_running_time())?;
                    let unit = if c == 'h' { 3600 } else { 60 };
                    total = total.saturating_add(n.saturating_mul(unit));
                    digits.clear();
                    any = true;
                }
                ' ' => {}
                _ => return Err(not_a_running_time()),
            }
        }
        if !any || !digits.is_empty() {
            return Err(not_a_running_time());
        }
        total
    };
    if seconds == 0 {
        return Ok(None);
    }
    let minutes = seconds.saturating_add(30) / 60;
    if minutes > 7 * 24 * 60 {
        return Err(CellError::LongerThanAWeek(text.to_string()));
    }
    Ok(Some(minutes.max(1) as u32))
}

/// Why a cell is not the date or running time its column holds. The words name the text and what
/// was expected, for the import's problem list (file:line:column is added by `Cells::problem`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CellError {
    #[error("'{0}' is not a date: {DATE_EXPECTED}")]
    NotADate(String),
    #[error("'{text}' is an impossible date: month {m} of {y} has no day {d}")]
    NoSuchDay {
        text: String,
        y: i32,
        m: u32,
        d: u32,
    },
    #[error("'{text}' is an impossible date: there is no month {m}")]
    NoSuchMonth { text: String, m: u32 },
    #[error("'{0}' is negative: {RUNTIME_EXPECTED}")]
    NegativeRunningTime(String),
    #[error("'{0}' is not a running time: {RUNTIME_EXPECTED}")]
    NotARunningTime(String),
    #[error("'{0}' is an impossible duration: minutes and seconds go up to 59; {RUNTIME_EXPECTED}")]
    ImpossibleDuration(String),
    #[error("'{0}' is more than a week long: {RUNTIME_EXPECTED}")]
    LongerThanAWeek(String),
}

const RUNTIME_EXPECTED: &str = "expected H:MM:SS (e.g. 1:32:05), 1h 32m, or minutes (92)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_times_in_every_shape() {
        assert_eq!(parse_runtime("1:32:05"), Ok(Some(92)));
        assert_eq!(parse_runtime("0:00:20"), Ok(Some(1)));
        assert_eq!(parse_runtime("2h 8m"), Ok(Some(128)));
        assert_eq!(parse_runtime("1h"), Ok(Some(60)));
        assert_eq!(parse_runtime("90"), Ok(Some(90)));
        assert_eq!(parse_runtime("90 min"), Ok(Some(90)));
        assert_eq!(parse_runtime("0:00:00"), Ok(None));
        assert!(
            parse_runtime("1:75:00")
                .unwrap_err()
                .to_string()
                .contains("impossible duration")
        );
        assert!(
            parse_runtime("-1:30:00")
                .unwrap_err()
                .to_string()
                .contains("negative")
        );
        assert!(parse_runtime("1:30").is_err());
        assert!(parse_runtime("long").is_err());
        assert!(
            parse_runtime("999999:00:00")
                .unwrap_err()
                .to_string()
                .contains("week")
        );
    }

    #[test]
    fn running_times_too_large_for_any_integer_are_refused_not_overflowed() {
        // Each of these overflowed u64 (a panic in a debug build, a wrapped number in release).
        for text in [
            "9999999999999999h",
            "18446744073709551615h 1m",
            "999999999999999999",
            "18446744073709551615",
            "18446744073709551615 min",
        ] {
            let err = parse_runtime(text).unwrap_err();
            assert_eq!(
                err,
                CellError::LongerThanAWeek(text.to_string()),
                "{text}: {err}"
            );
        }
    }

    #[test]
    fn dates_and_impossible_dates() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_date("2024-10-07"), Ok(d(2024, 10, 7)));
        assert_eq!(parse_date("2024-10-07 14:03:22 UTC"), Ok(d(2024, 10, 7)));
        assert_eq!(parse_date("10/07/2024"), Ok(d(2024, 10, 7)));
        assert_eq!(parse_date("October 7, 2024"), Ok(d(2024, 10, 7)));
        // Spreadsheet serials: 45572 is 2024-10-07 in Excel and LibreOffice.
        assert_eq!(parse_date("45572"), Ok(d(2024, 10, 7)));
        assert_eq!(parse_date("45572.58567"), Ok(d(2024, 10, 7)));
        assert!(parse_date("2024").is_err());
        assert!(parse_date("455721").is_err());
        assert!(
            parse_date("2025-02-30")
                .unwrap_err()
                .to_string()
                .contains("has no day 30")
        );
        assert!(
            parse_date("2025-13-01")
                .unwrap_err()
                .to_string()
                .contains("no month 13")
        );
        assert!(
            parse_date("yesterday")
                .unwrap_err()
                .to_string()
                .contains("expected YYYY-MM-DD")
        );
    }

    #[test]
    fn a_long_list_is_fine_but_not_a_long_name() {
        let header = vec!["Key Cast".to_string()];
        let cast = vec!["A Name"; 300].join(", ");
        let row = Row {
            line: 2,
            cells: vec![cast],
        };
        let mut cells = Cells::new("f.csv", &header, &row);
        assert_eq!(cells.list(Some(0), ',').len(), 300);
        let row = Row {
            line: 3,
            cells: vec!["x".repeat(1_001)],
        };
        let mut cells = Cells::new("f.csv", &header, &row);
        assert!(cells.list(Some(0), ',').is_empty());
        assert!(
            cells.problems[0]
                .text
                .starts_with("f.csv:3:1: column 'Key Cast': holds a value of 1001 characters")
        );
    }

    #[test]
    fn persian_digits_read_as_numbers() {
        assert_eq!(ascii_digits("۱۳۹۷"), "1397");
        assert_eq!(ascii_digits("٢٠٢٤"), "2024");
    }
}
