//! What the printed documents of docs/printing.md hold, gathered from the store as plain data: ballot
//! sheets, the jury's minutes (procès-verbal) and the press palmarès.
//!
//! These are read methods only: nothing here writes. The models are serialisable so that `print`
//! renders them with templates (HTML and Markdown) and knows nothing of the store. Nominees carry
//! the number they have on the desk, and counts come from the same `count_category` the desk and
//! `tally` use, so paper and screen never disagree. Dates stay dates here: `print` formats them in
//! the edition's calendar.

mod ballots;
mod minutes;
mod press;
mod tables;

use chrono::NaiveDate;
use serde::Serialize;

use super::nominations::Nominee;
use super::{Desk, Result};
use crate::domain::{Edition, EditionState, Festival};

pub use ballots::{BallotSheet, BallotSheets, SheetForm, SheetScope, Unprinted};
pub use minutes::{
    AwardMinute, CategoryMinutes, JuryMember, LogSeal, Minutes, Override, verify_command,
};
pub use press::{PressLine, PressSheet};
pub use tables::{CountTables, Matrix, MatrixRow, RoundsRow, RoundsTable, ScoreRow};

/// The top of every document: which festival and edition, and the day it was printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    pub festival: String,
    pub code: String,
    /// `43rd`.
    pub ordinal: String,
    pub year: i32,
    pub place: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub finalized: bool,
    /// The day the document is printed: passed in by the face (its clock), so output can be tested.
    pub printed_on: NaiveDate,
}

impl Heading {
    fn of(festival: &Festival, edition: &Edition, printed_on: NaiveDate) -> Heading {
        Heading {
            festival: festival.name.clone(),
            code: edition.code.clone(),
            ordinal: edition.ordinal(),
            year: edition.year,
            place: edition.place.clone(),
            start: edition.start,
            end: edition.end,
            finalized: edition.state == EditionState::Finalized,
            printed_on,
        }
    }
}

/// A nominee as printed: the number it has on the desk, its label, and the film's titles (the
/// original in its own script, which the browser shapes and orders).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NomineeLine {
    pub number: u32,
    /// docs/domain.md#nominees-labels-and-references: the film title, or `Person (Film)`.
    pub label: String,
    pub title: String,
    /// The title in its original language and script; empty when unknown or the same as `title`.
    pub original_title: String,
    /// The person honoured, in a person category.
    pub person: Option<String>,
    /// What the documents print beside the label, in the original script: the person's name as the
    /// film's credits write it, with the original title in brackets, in a person category
    /// (`مجید مجیدی (باران)`); the original title otherwise. Empty when there is neither.
    pub original_label: String,
}

impl Desk {
    fn nominee_line(&self, nominee: &Nominee) -> Result<NomineeLine> {
        let submission = self.submission(nominee.nomination.submission_id)?;
        let film = self.film(submission.film_id)?;
        let original_title = if film.original_title == film.title {
            String::new()
        } else {
            film.original_title.clone()
        };
        let person_original = nominee
            .nomination
            .person
            .as_deref()
            .and_then(|person| film.original_name_of(person))
            .unwrap_or_default();
        let original_label = match (person_original, original_title.as_str()) {
            ("", title) => title.to_string(),
            (person, "") => person.to_string(),
            (person, title) => format!("{person} ({title})"),
        };
        Ok(NomineeLine {
            number: nominee.number(),
            label: nominee.label.clone(),
            title: nominee.title.clone(),
            original_title,
            person: nominee.nomination.person.clone(),
            original_label,
        })
    }

    fn nominee_lines(&self, nominees: &[Nominee]) -> Result<Vec<NomineeLine>> {
        nominees.iter().map(|n| self.nominee_line(n)).collect()
    }

    fn heading(&self, edition: &Edition, printed_on: NaiveDate) -> Result<Heading> {
        let festival = self.festival_of(edition)?;
        Ok(Heading::of(&festival, edition, printed_on))
    }
}

#[cfg(test)]
mod tests;
