//! Every date of a printed document is formatted here, through one function that takes the edition,
//! so that the edition's calendar (docs/text.md#calendars: Solar Hijri or Islamic beside the
//! Gregorian) is applied everywhere at once.

use chrono::NaiveDate;

use crate::domain::Edition;

/// A date of `edition` as printed: `24 May 2025` in a Gregorian edition; in a Solar Hijri or
/// Islamic one the same day in its calendar beside it (`31 January 2025 (12 Bahman 1403 SH)`), as
/// the edition's calendar (`domain::calendar`) writes it everywhere.
pub fn format_date(edition: &Edition, date: NaiveDate) -> String {
    crate::domain::calendar::format_date_long(edition.calendar, date)
}

/// An edition's dates as printed: `17 May 2025 – 24 May 2025`, one date, or nothing.
pub fn format_span(edition: &Edition, start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    match (start, end) {
        (Some(s), Some(e)) if s != e => {
            format!("{} – {}", format_date(edition, s), format_date(edition, e))
        }
        (Some(d), _) | (None, Some(d)) => format_date(edition, d),
        (None, None) => String::new(),
    }
}
