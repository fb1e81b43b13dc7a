//! `jurydesk edition add|edit|delete`, and the dates they are given.

use std::io::Write;

use super::args::*;
use super::say::say;
use crate::desk::{Desk, EditionInput};
use crate::failure::Failure;

pub(super) fn optional_date(
    field: &'static str,
    raw: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, Failure> {
    raw.map(|s| crate::desk::parse_date(field, s))
        .transpose()
        .map_err(Failure::from)
}

pub(super) fn edition(
    desk: &Desk,
    cmd: &EditionCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let input = |f: &EditionFields| -> Result<EditionInput, Failure> {
        Ok(EditionInput {
            festival: f.festival.clone(),
            number: f.number,
            year: f.year,
            start: optional_date("start", f.start.as_deref())?,
            end: optional_date("end", f.end.as_deref())?,
            place: f.place.clone(),
            venues: f.venues.clone(),
            sections: f.sections.clone(),
            events: Vec::new(),
            notes: f.notes.clone(),
        })
    };
    match cmd {
        EditionCommand::Add(f) => {
            let edition = desk.add_edition(&input(f)?)?;
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
            let mut fields = input(f)?;
            // Keep what the command line cannot express (side events).
            fields.events = desk.edition(&code)?.events;
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
