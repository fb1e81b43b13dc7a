//! Every date of a printed document is formatted here, through one function that takes the edition,
//! so that the edition's calendar (SPEC §8: Solar Hijri or Islamic beside the Gregorian) is applied
//! everywhere at once.

use chrono::NaiveDate;

use crate::domain::Edition;

/// A date of `edition` as printed: `24 May 2025`.
///
/// Gregorian for now. The edition's calendar plugs in here: when an edition keeps its dates in the
/// Solar Hijri or Islamic calendar (the edition-calendar work of SPEC §8), this returns that date
/// beside the Gregorian one (`۳ خرداد ۱۴۰۴ · 24 May 2025`), and every document follows.
pub fn format_date(edition: &Edition, date: NaiveDate) -> String {
    let _ = edition;
    date.format("%-d %B %Y").to_string()
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
