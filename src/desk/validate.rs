//! Field rules shared by every use-case, so the command line and the forms refuse the same things.

use chrono::NaiveDate;

use super::{DeskError, Result};
use crate::domain::{Calendar, MAX_LINE_CHARS};
use crate::text::clean_line;

/// A short identifier such as a festival code: lowercase ASCII letters, digits and dashes.
pub fn code(field: &'static str, raw: &str) -> Result<String> {
    let code = raw.trim().to_string();
    if code.is_empty() {
        return Err(DeskError::invalid(field, "must not be empty"));
    }
    if code.len() > 32 {
        return Err(DeskError::invalid(field, "at most 32 characters"));
    }
    if !code
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        || code.starts_with('-')
    {
        return Err(DeskError::invalid(
            field,
            format!("'{code}' may hold only lowercase letters a-z, digits and dashes (e.g. fajr)"),
        ));
    }
    Ok(code)
}

/// A required single-line text: cleaned, then refused when nothing is left or when it is longer
/// than any import would store (`MAX_LINE_CHARS`).
pub fn required(field: &'static str, raw: &str) -> Result<String> {
    let cleaned = line(field, raw)?;
    if cleaned.is_empty() {
        return Err(DeskError::invalid(field, "must not be empty"));
    }
    Ok(cleaned)
}

/// A single-line text that may be empty: cleaned, then refused when longer than any import would
/// store (`MAX_LINE_CHARS`). The message gives the length, never the text: it may be enormous.
pub fn line(field: &'static str, raw: &str) -> Result<String> {
    let cleaned = clean_line(raw);
    let length = cleaned.chars().count();
    if length > MAX_LINE_CHARS {
        return Err(DeskError::invalid(
            field,
            format!("is {length} characters long; at most {MAX_LINE_CHARS} fit a one-line field"),
        ));
    }
    Ok(cleaned)
}

/// A multi-line text (a synopsis): cleaned, then refused when longer than any import would store
/// (`MAX_TEXT_CHARS`), so that `check` never finds one that jurydesk let in.
pub fn text(field: &'static str, raw: &str) -> Result<String> {
    let cleaned = crate::text::clean_text(raw);
    let length = cleaned.chars().count();
    if length > crate::domain::MAX_TEXT_CHARS {
        return Err(DeskError::invalid(
            field,
            format!(
                "is {length} characters long; at most {} fit a text field",
                crate::domain::MAX_TEXT_CHARS
            ),
        ));
    }
    Ok(cleaned)
}

/// A list of names: each cleaned, empty ones dropped, duplicates kept once in their first place.
pub fn names(raw: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in raw.iter().map(|n| clean_line(n)).filter(|n| !n.is_empty()) {
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// A credit list and its names in the original script, paired by place (`domain::names`): cleaned
/// like `names` (a blank name is dropped, a repeated one kept once) with each original following its
/// name; an original equal to its name says nothing and is dropped. More originals than names is
/// refused: which name each belongs to would be a guess.
pub fn paired_names(
    what: &'static str,
    original_field: &'static str,
    raw: &[String],
    raw_originals: &[String],
) -> Result<(Vec<String>, Vec<String>)> {
    let given = raw_originals
        .iter()
        .filter(|o| !o.trim().is_empty())
        .count();
    if raw.is_empty() && given > 0 {
        // A row that gives originals but leaves the names empty (a re-import keeps stored names
        // only when it gives no originals either): say what is missing, not "3 given for 0".
        return Err(DeskError::invalid(
            original_field,
            format!(
                "given, but no {what}: give the {what} too (each original pairs with the name at its place), or leave the originals empty"
            ),
        ));
    }
    if raw_originals.len() > raw.len() && given > 0 {
        return Err(DeskError::invalid(
            original_field,
            format!(
                "{} given for {} {what}: give them in the order of the {what}, one for each, and leave a blank one for a name whose original you do not know",
                raw_originals.len(),
                raw.len()
            ),
        ));
    }
    let mut names: Vec<String> = Vec::new();
    let mut originals: Vec<String> = Vec::new();
    for (i, name) in raw.iter().enumerate() {
        let name = clean_line(name);
        if name.is_empty() || names.contains(&name) {
            continue;
        }
        let original = line(
            original_field,
            raw_originals.get(i).map_or("", String::as_str),
        )?;
        originals.push(if original == name {
            String::new()
        } else {
            original
        });
        names.push(name);
    }
    Ok((
        names,
        crate::domain::names::without_trailing_blanks(originals),
    ))
}

/// A year a film or an edition could plausibly have.
pub fn year(field: &'static str, year: i32) -> Result<i32> {
    if (1850..=2200).contains(&year) {
        Ok(year)
    } else {
        Err(DeskError::invalid(
            field,
            format!("{year} is not a plausible year (1850–2200)"),
        ))
    }
}

/// A Gregorian date typed as `YYYY-MM-DD`, in any digits (`۲۰۲۵-۰۵-۱۷`).
pub fn date(field: &'static str, raw: &str) -> Result<NaiveDate> {
    date_in(Calendar::Gregorian, field, raw)
}

/// A date typed as `YYYY-MM-DD` in an edition's calendar (`1403-11-12` in a Persian one), in any
/// digits; a Gregorian date with a year from 1900 on is taken as one in any calendar (see
/// `Calendar::parse_date`).
pub fn date_in(calendar: Calendar, field: &'static str, raw: &str) -> Result<NaiveDate> {
    calendar
        .parse_date(raw)
        .map_err(|error| DeskError::invalid(field, error.to_string()))
}

/// Start and end of a period, in order.
pub fn period(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<()> {
    match (start, end) {
        (Some(s), Some(e)) if e < s => Err(DeskError::invalid(
            "end",
            format!("{e} is before the start {s}"),
        )),
        _ => Ok(()),
    }
}

/// An edition's dates lie within a year of the edition's own year (issue 13: `0001-01-01` and
/// `+10000-01-01` were taken): a typo in the year of a date is caught where it is typed. A festival
/// held across the turn of a year (Fajr runs in Bahman, which straddles January and February; a
/// winter festival may open in late December) keeps its dates.
pub fn within_year(field: &'static str, date: Option<NaiveDate>, year: i32) -> Result<()> {
    use chrono::Datelike;
    match date {
        Some(d) if (d.year() - year).abs() > 1 => Err(DeskError::invalid(
            field,
            format!(
                "{d} is not near the edition's year {year}: an edition's dates lie between {} and {}",
                year - 1,
                year + 1
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edition_date_lies_within_a_year_of_its_year() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert!(within_year("start", day(2025, 2, 1), 2025).is_ok());
        assert!(within_year("start", day(2024, 12, 28), 2025).is_ok());
        assert!(within_year("end", day(2026, 1, 3), 2025).is_ok());
        assert!(within_year("start", None, 2025).is_ok());
        let far = within_year("start", day(1, 1, 1), 2025).unwrap_err();
        assert!(far.to_string().contains("between 2024 and 2026"), "{far}");
        assert!(within_year("end", day(10_000, 1, 1), 2025).is_err());
    }

    #[test]
    fn codes_are_slugs() {
        assert_eq!(code("code", " fajr ").unwrap(), "fajr");
        assert!(code("code", "Fajr").is_err());
        assert!(code("code", "").is_err());
        assert!(code("code", "-x").is_err());
        assert!(code("code", "a b").is_err());
    }

    #[test]
    fn dates_must_exist_and_be_in_order() {
        assert!(date("start", "2025-02-30").is_err());
        assert!(date("start", "17/05/2025").is_err());
        let s = date("start", "2025-05-17").unwrap();
        let e = date("end", "2025-05-24").unwrap();
        assert!(period(Some(s), Some(e)).is_ok());
        assert!(period(Some(e), Some(s)).is_err());
    }

    #[test]
    fn a_line_as_long_as_an_import_takes_is_kept_and_one_more_character_refused() {
        let longest = "T".repeat(MAX_LINE_CHARS);
        assert_eq!(required("title", &longest).unwrap(), longest);
        let refused = required("title", &format!("{longest}T")).unwrap_err();
        assert_eq!(
            refused.to_string(),
            format!(
                "title: is {} characters long; at most {MAX_LINE_CHARS} fit a one-line field",
                MAX_LINE_CHARS + 1
            )
        );
        assert!(line("original title", &format!("{longest}x")).is_err());
        assert_eq!(
            line("title", &format!("  {longest}\u{1b}[2J ")).unwrap(),
            longest,
            "counted after cleaning, as the importers count"
        );
    }

    #[test]
    fn names_are_cleaned_and_deduplicated() {
        let raw = vec![
            " Hamid Zargarnejad".to_string(),
            String::new(),
            "Hamid Zargarnejad".into(),
        ];
        assert_eq!(names(&raw), vec!["Hamid Zargarnejad"]);
    }
}

#[cfg(test)]
mod paired_tests {
    use super::*;

    fn list(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_string()).collect()
    }

    #[test]
    fn originals_follow_their_names_through_cleaning() {
        // A blank name and a repeated one go, each with its original; an original that is the name
        // itself says nothing.
        let (names, originals) = paired_names(
            "directors",
            "original directors",
            &list(&["A", " ", "B", "A", "پریسا"]),
            &list(&["الف", "x", "", "y", "پریسا"]),
        )
        .unwrap();
        assert_eq!(names, ["A", "B", "پریسا"]);
        assert_eq!(originals, ["الف"]);
    }

    #[test]
    fn more_originals_than_names_is_refused_but_blank_extras_are_not() {
        let err = paired_names(
            "directors",
            "original directors",
            &list(&["A"]),
            &list(&["الف", "ب"]),
        )
        .unwrap_err();
        assert!(err.to_string().contains("2 given for 1 directors"), "{err}");
        assert!(paired_names("cast", "original cast", &[], &list(&[""])).is_ok());
    }
}
