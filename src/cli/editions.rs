//! `jurydesk edition add|edit|delete`, and the dates they are given.

use std::io::Write;

use super::args::*;
use super::say::say;
use crate::desk::{Desk, EditionInput};
use crate::domain::Calendar;
use crate::failure::Failure;

pub(super) fn optional_date(
    field: &'static str,
    raw: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, Failure> {
    optional_date_in(Calendar::Gregorian, field, raw)
}

/// A date typed in `calendar` (`1403-11-12` in a Persian edition), when one was given.
fn optional_date_in(
    calendar: Calendar,
    field: &'static str,
    raw: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, Failure> {
    raw.map(|s| crate::desk::parse_date_in(calendar, field, s))
        .transpose()
        .map_err(Failure::from)
}

pub(super) fn edition(
    desk: &Desk,
    cmd: &EditionCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let input = |f: &EditionFields, calendar: Calendar| -> Result<EditionInput, Failure> {
        Ok(EditionInput {
            festival: f.festival.clone(),
            number: f.number,
            year: f.year,
            calendar,
            start: optional_date_in(calendar, "start", f.start.as_deref())?,
            end: optional_date_in(calendar, "end", f.end.as_deref())?,
            place: f.place.clone(),
            venues: f.venues.clone(),
            sections: f.sections.clone(),
            events: Vec::new(),
            notes: f.notes.clone(),
        })
    };
    match cmd {
        EditionCommand::Add(f) => {
            let edition = desk.add_edition(&input(f, f.calendar.unwrap_or_default())?)?;
            say!(
                out,
                "added edition {} ({} edition, {})",
                edition.code,
                edition.ordinal(),
                edition.year
            )?;
        }
        EditionCommand::Edit(f) => {
            let code = crate::domain::Edition::code_for(&f.festival, f.number);
            let stored = desk.edition(&code)?;
            // The dates are read in the calendar the edition will have: the one given, or its own.
            let mut fields = input(f, f.calendar.unwrap_or(stored.calendar))?;
            // Keep what the command line cannot express (side events).
            fields.events = stored.events;
            let edition = desk.edit_edition(&code, &fields)?;
            say!(out, "changed edition {}", edition.code)?;
        }
        EditionCommand::Delete { code } => {
            let edition = desk.delete_edition(code)?;
            say!(out, "deleted edition {}", edition.code)?;
        }
    }
    Ok(())
}
