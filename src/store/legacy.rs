//! Readers for older format versions, so that a store written by an earlier jurydesk still opens.
//! Each legacy struct is frozen exactly as it was written; never edit one, add a new version instead.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codec::{self, CodecError};
use crate::domain::{
    Absence, Calendar, ClearedConflict, Edition, EditionEvent, EditionRules, EditionState, Film,
    Id, Juror, JurorRole, PinHash, Recusal, Submission, SubmissionStatus,
};

/// `Submission` as format version 1 wrote it: no status history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionV1 {
    pub id: Id,
    pub edition_id: Id,
    pub film_id: Id,
    pub section: String,
    pub status: SubmissionStatus,
    pub original_status: String,
    pub submitted: Option<NaiveDate>,
    pub external_id: String,
    pub notes: String,
}

impl From<SubmissionV1> for Submission {
    fn from(v1: SubmissionV1) -> Self {
        Submission {
            id: v1.id,
            edition_id: v1.edition_id,
            film_id: v1.film_id,
            section: v1.section,
            status: v1.status,
            original_status: v1.original_status,
            submitted: v1.submitted,
            external_id: v1.external_id,
            notes: v1.notes,
            // Version 1 kept no history: the record starts its history at the current status.
            history: Vec::new(),
        }
    }
}

pub fn submission_v1(body: &[u8]) -> Result<Submission, CodecError> {
    codec::decode_body::<SubmissionV1>(body).map(Submission::from)
}

/// `Juror` as format version 1 wrote it: no absence, no cleared conflicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorV1 {
    pub id: Id,
    pub edition_id: Id,
    pub name: String,
    pub role: JurorRole,
    pub recusals: Vec<Recusal>,
    pub notes: String,
}

impl From<JurorV1> for Juror {
    fn from(v1: JurorV1) -> Self {
        Juror {
            id: v1.id,
            edition_id: v1.edition_id,
            name: v1.name,
            role: v1.role,
            recusals: v1.recusals,
            notes: v1.notes,
            // Version 1 knew neither: every juror was present and no conflict had been cleared.
            absence: None,
            cleared_conflicts: Vec::new(),
            pin: None,
            original_name: String::new(),
        }
    }
}

pub fn juror_v1(body: &[u8]) -> Result<Juror, CodecError> {
    codec::decode_body::<JurorV1>(body).map(Juror::from)
}

/// `Juror` as format version 2 wrote it: absence and cleared conflicts, no jury-room PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorV2 {
    pub id: Id,
    pub edition_id: Id,
    pub name: String,
    pub role: JurorRole,
    pub recusals: Vec<Recusal>,
    pub notes: String,
    pub absence: Option<Absence>,
    pub cleared_conflicts: Vec<ClearedConflict>,
}

impl From<JurorV2> for Juror {
    fn from(v2: JurorV2) -> Self {
        Juror {
            id: v2.id,
            edition_id: v2.edition_id,
            name: v2.name,
            role: v2.role,
            recusals: v2.recusals,
            notes: v2.notes,
            absence: v2.absence,
            cleared_conflicts: v2.cleared_conflicts,
            // Version 2 had no jury room: no juror had a PIN.
            pin: None,
            original_name: String::new(),
        }
    }
}

pub fn juror_v2(body: &[u8]) -> Result<Juror, CodecError> {
    codec::decode_body::<JurorV2>(body).map(Juror::from)
}

/// `Edition` as format version 1 wrote it: no calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionV1 {
    pub id: Id,
    pub festival_id: Id,
    pub code: String,
    pub number: u32,
    pub year: i32,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub place: String,
    pub venues: Vec<String>,
    pub sections: Vec<String>,
    pub events: Vec<EditionEvent>,
    pub rules: EditionRules,
    pub state: EditionState,
    pub notes: String,
}

impl From<EditionV1> for Edition {
    fn from(v1: EditionV1) -> Self {
        Edition {
            id: v1.id,
            festival_id: v1.festival_id,
            code: v1.code,
            number: v1.number,
            year: v1.year,
            start: v1.start,
            end: v1.end,
            place: v1.place,
            venues: v1.venues,
            sections: v1.sections,
            events: v1.events,
            rules: v1.rules,
            state: v1.state,
            notes: v1.notes,
            // Version 1 knew only the Gregorian calendar.
            calendar: Calendar::Gregorian,
        }
    }
}

pub fn edition_v1(body: &[u8]) -> Result<Edition, CodecError> {
    codec::decode_body::<EditionV1>(body).map(Edition::from)
}

/// `Juror` as format version 3 wrote it: no name in the original script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorV3 {
    pub id: Id,
    pub edition_id: Id,
    pub name: String,
    pub role: JurorRole,
    pub recusals: Vec<Recusal>,
    pub notes: String,
    pub absence: Option<Absence>,
    pub cleared_conflicts: Vec<ClearedConflict>,
    pub pin: Option<PinHash>,
}

impl From<JurorV3> for Juror {
    fn from(v3: JurorV3) -> Self {
        Juror {
            id: v3.id,
            edition_id: v3.edition_id,
            name: v3.name,
            role: v3.role,
            recusals: v3.recusals,
            notes: v3.notes,
            absence: v3.absence,
            cleared_conflicts: v3.cleared_conflicts,
            pin: v3.pin,
            // Version 3 kept one name, as typed.
            original_name: String::new(),
        }
    }
}

pub fn juror_v3(body: &[u8]) -> Result<Juror, CodecError> {
    codec::decode_body::<JurorV3>(body).map(Juror::from)
}

/// `Film` as format version 1 wrote it: no original-script names, no aliases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FilmV1 {
    pub id: Id,
    pub title: String,
    pub original_title: String,
    pub directors: Vec<String>,
    pub writers: Vec<String>,
    pub producers: Vec<String>,
    pub cast: Vec<String>,
    pub countries: Vec<String>,
    pub languages: Vec<String>,
    pub year: Option<i32>,
    pub runtime_minutes: Option<u32>,
    pub synopsis: String,
}

impl From<FilmV1> for Film {
    fn from(v1: FilmV1) -> Self {
        Film {
            id: v1.id,
            title: v1.title,
            original_title: v1.original_title,
            directors: v1.directors,
            writers: v1.writers,
            producers: v1.producers,
            cast: v1.cast,
            countries: v1.countries,
            languages: v1.languages,
            year: v1.year,
            runtime_minutes: v1.runtime_minutes,
            synopsis: v1.synopsis,
            // Version 1 kept the Latin names only, and no other titles.
            original_directors: Vec::new(),
            original_writers: Vec::new(),
            original_cast: Vec::new(),
            aliases: Vec::new(),
        }
    }
}

pub fn film_v1(body: &[u8]) -> Result<Film, CodecError> {
    codec::decode_body::<FilmV1>(body).map(Film::from)
}
