//! Readers for older format versions, so that a store written by an earlier jurydesk still opens.
//! Each legacy struct is frozen exactly as it was written; never edit one, add a new version instead.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codec::{self, CodecError};
use crate::domain::{
    Absence, Calendar, ClearedConflict, Edition, EditionEvent, EditionRules, EditionState, Id,
    Juror, JurorRole, Recusal, Submission, SubmissionStatus,
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
