//! A workbook cell as the text a CSV file would hold for it, so that every importer reads a sheet
//! with the same rules (`cells`) as a CSV file. Spreadsheets type their cells; the text is chosen so
//! that the importers read what the secretary sees: an id stored as the float 1234567.0 is "1234567",
//! a running time of 90.0 is "90", a date cell is "2024-10-07", a time cell (a duration formatted
//! h:mm:ss, as FilmFreeway's Duration often is once opened in Excel) is "1:32:05". A cell holding an
//! error (#N/A, #REF!…) is no value at all: the caller reports it at its cell.

use calamine::{CellErrorType, DataRef, ExcelDateTime};
use chrono::{NaiveTime, Timelike};

/// A cell's text, or why the cell has none.
pub fn cell_text(value: &DataRef<'_>) -> Result<String, String> {
    Ok(match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(dt) => date_time_text(dt),
        DataRef::DurationIso(s) => iso_duration_text(s).unwrap_or_else(|| s.clone()),
        DataRef::Error(e) => return Err(error_text(e)),
    })
}

/// The same for an owned cell (.ods and .xls are read whole).
pub fn data_text(value: &calamine::Data) -> Result<String, String> {
    use calamine::Data;
    let borrowed = match value {
        Data::Int(n) => DataRef::Int(*n),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    };
    cell_text(&borrowed)
}

fn error_text(error: &CellErrorType) -> String {
    format!(
        "holds the error {error} (a formula that failed): correct it in the sheet, or type the value"
    )
}

/// A number as people write it: whole numbers without ".0" (ids, years, minutes), others in the
/// shortest form that reads back as the same number (4.5, 0.1).
fn number_text(f: f64) -> String {
    // Below 2^53 every whole number is exact; beyond it the digits would be invented.
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// A date cell as `YYYY-MM-DD` (with the time when it has one); a time of day or a duration as
/// `H:MM:SS`, which is how running times are written.
fn date_time_text(dt: &ExcelDateTime) -> String {
    let serial = dt.as_f64();
    if dt.is_duration() || (0.0..1.0).contains(&serial) {
        let seconds = (serial * 86_400.0).round() as i64;
        return clock(seconds);
    }
    match dt.as_datetime() {
        Some(at) if at.time() == NaiveTime::MIN => at.date().format("%Y-%m-%d").to_string(),
        Some(at) => {
            // Excel keeps fractions of a second that nobody typed; whole seconds are what was meant.
            let at = at.with_nanosecond(0).unwrap_or(at);
            at.format("%Y-%m-%d %H:%M:%S").to_string()
        }
        None => number_text(serial),
    }
}

/// `H:MM:SS` for a number of seconds (negative ones keep their sign for the importer to refuse).
fn clock(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    format!("{sign}{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// OpenDocument's durations (`PT01H32M05S`, `P1DT2H`) as `H:MM:SS`; `None` for anything else.
fn iso_duration_text(text: &str) -> Option<String> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let rest = rest.strip_prefix('P')?;
    let (days, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut seconds = 0f64;
    if !days.is_empty() {
        seconds += days.strip_suffix('D')?.parse::<f64>().ok()? * 86_400.0;
    }
    let mut number = String::new();
    for c in time.chars() {
        match c {
            '0'..='9' | '.' => number.push(c),
            'H' | 'M' | 'S' => {
                let n: f64 = number.parse().ok()?;
                number.clear();
                seconds += n * match c {
                    'H' => 3600.0,
                    'M' => 60.0,
                    _ => 1.0,
                };
            }
            _ => return None,
        }
    }
    if !number.is_empty() || !seconds.is_finite() || seconds > 1e12 {
        return None;
    }
    let seconds = seconds.round() as i64;
    Some(clock(if negative { -seconds } else { seconds }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn whole_numbers_lose_their_point_and_others_keep_their_digits() {
        assert_eq!(number_text(1_234_567.0), "1234567");
        assert_eq!(number_text(90.0), "90");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(4.5), "4.5");
        assert_eq!(number_text(0.1), "0.1");
        assert_eq!(number_text(1e300), format!("{}", 1e300));
        assert_eq!(number_text(f64::NAN), "NaN");
    }

    #[test]
    fn dates_times_and_durations() {
        let at = |v: f64, t| date_time_text(&ExcelDateTime::new(v, t, false));
        assert_eq!(at(45_572.0, ExcelDateTimeType::DateTime), "2024-10-07");
        assert_eq!(
            at(45_572.585_671_296, ExcelDateTimeType::DateTime),
            "2024-10-07 14:03:22"
        );
        // 1:32:05 as a fraction of a day, formatted as a time.
        assert_eq!(
            at(5525.0 / 86_400.0, ExcelDateTimeType::DateTime),
            "1:32:05"
        );
        assert_eq!(at(1.5, ExcelDateTimeType::TimeDelta), "36:00:00");
        assert_eq!(iso_duration_text("PT01H32M05S").as_deref(), Some("1:32:05"));
        assert_eq!(iso_duration_text("P1DT2H").as_deref(), Some("26:00:00"));
        assert_eq!(iso_duration_text("PT90M").as_deref(), Some("1:30:00"));
        assert_eq!(iso_duration_text("nonsense"), None);
        assert_eq!(iso_duration_text("PT9999999999999999999H"), None);
    }

    #[test]
    fn an_error_cell_has_no_text_and_says_which_error() {
        let e = cell_text(&DataRef::Error(CellErrorType::NA)).unwrap_err();
        assert!(e.starts_with("holds the error #N/A"), "{e}");
    }
}
