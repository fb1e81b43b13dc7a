//! Festivals and their editions: create, edit, delete, and find them by the codes people type.

use chrono::NaiveDate;

use super::{Desk, DeskError, Result, validate};
use crate::domain::{Calendar, Edition, EditionEvent, EditionRules, EditionState, Festival, Id};
use crate::store::{Kind, Tx, keys};
use crate::text::{clean_line, clean_text};

/// What a secretary types to create or edit a festival.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FestivalInput {
    pub code: String,
    pub name: String,
    pub organisers: Vec<String>,
    pub notes: String,
}

/// What a secretary types to create or edit an edition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditionInput {
    /// The festival's code.
    pub festival: String,
    pub number: u32,
    pub year: i32,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub place: String,
    pub venues: Vec<String>,
    pub sections: Vec<String>,
    pub events: Vec<EditionEvent>,
    pub notes: String,
    /// The calendar the edition's dates are shown in beside the Gregorian (the dates above are
    /// Gregorian already: the faces read what is typed with [`Calendar::parse_date`]).
    pub calendar: Calendar,
}

impl Desk {
    pub fn add_festival(&self, input: &FestivalInput) -> Result<Festival> {
        let code = validate::code("code", &input.code)?;
        if self.festival_id(&code)?.is_some() {
            return Err(DeskError::Refused(format!(
                "a festival with code '{code}' already exists"
            )));
        }
        let mut tx = self.store.begin();
        let festival = stage_festival(&mut tx, code, input)?;
        tx.commit(format!("festival add {}", festival.code))?;
        Ok(festival)
    }

    /// Changes a festival's name, organisers and notes (its code is fixed: edition codes derive from it).
    pub fn edit_festival(&self, code: &str, input: &FestivalInput) -> Result<Festival> {
        let mut festival = self.festival(code)?;
        if !input.code.trim().is_empty() && input.code.trim() != festival.code {
            return Err(DeskError::invalid(
                "code",
                "a festival's code cannot change: its editions are named after it",
            ));
        }
        festival.name = validate::required("name", &input.name)?;
        festival.organisers = validate::names(&input.organisers);
        festival.notes = clean_text(&input.notes);
        let mut tx = self.store.begin();
        tx.put(&festival)?;
        tx.commit(format!("festival edit {}", festival.code))?;
        Ok(festival)
    }

    /// Deletes a festival that has no editions left.
    pub fn delete_festival(&self, code: &str) -> Result<Festival> {
        let festival = self.festival(code)?;
        let editions = self
            .store
            .child_ids(keys::EDITIONS_OF_FESTIVAL, festival.id)?;
        if !editions.is_empty() {
            return Err(DeskError::Refused(format!(
                "festival '{}' still has {} edition(s): delete them first",
                festival.code,
                editions.len()
            )));
        }
        let mut tx = self.store.begin();
        tx.delete::<Festival>(festival.id)?;
        tx.commit(format!("festival delete {}", festival.code))?;
        Ok(festival)
    }

    pub fn add_edition(&self, input: &EditionInput) -> Result<Edition> {
        let festival = self.festival(&input.festival)?;
        if input.number == 0 {
            return Err(DeskError::invalid("number", "editions are numbered from 1"));
        }
        let code = Edition::code_for(&festival.code, input.number);
        if self.edition_id(&code)?.is_some() {
            return Err(DeskError::Refused(format!(
                "edition '{code}' already exists"
            )));
        }
        let mut tx = self.store.begin();
        let edition = stage_edition(&mut tx, &festival, input)?;
        tx.commit(format!("edition add {}", edition.code))?;
        Ok(edition)
    }

    /// Changes an edition's year, dates, place, venues, sections, events and notes.
    pub fn edit_edition(&self, code: &str, input: &EditionInput) -> Result<Edition> {
        let mut edition = self.edition(code)?;
        apply_edition_input(&mut edition, input)?;
        let mut tx = self.store.begin();
        tx.put(&edition)?;
        tx.commit(format!("edition edit {}", edition.code))?;
        Ok(edition)
    }

    /// Deletes an edition that holds no submissions, categories or jurors.
    pub fn delete_edition(&self, code: &str) -> Result<Edition> {
        let edition = self.edition(code)?;
        for (prefix, what) in [
            (keys::SUBMISSIONS_OF_EDITION, "submission"),
            (keys::CATEGORIES_OF_EDITION, "categor(y/ies)"),
            (keys::JURORS_OF_EDITION, "juror"),
        ] {
            let n = self.store.child_ids(prefix, edition.id)?.len();
            if n > 0 {
                return Err(DeskError::Refused(format!(
                    "edition '{}' still has {n} {what}: delete them first",
                    edition.code
                )));
            }
        }
        let mut tx = self.store.begin();
        tx.delete::<Edition>(edition.id)?;
        tx.commit(format!("edition delete {}", edition.code))?;
        Ok(edition)
    }

    /// The festival with this code, or an error listing the known codes.
    pub fn festival(&self, code: &str) -> Result<Festival> {
        let code = code.trim();
        if let Some(id) = self.festival_id(code)?
            && let Some(festival) = self.store.get::<Festival>(id)?
        {
            return Ok(festival);
        }
        Err(DeskError::NotFound {
            what: "festival",
            reference: code.to_string(),
            candidates: self
                .store
                .all::<Festival>()?
                .into_iter()
                .map(|f| f.code)
                .collect(),
        })
    }

    /// The edition with this code (`fajr-43`), or an error listing the known codes.
    pub fn edition(&self, code: &str) -> Result<Edition> {
        let code = code.trim();
        if let Some(id) = self.edition_id(code)?
            && let Some(edition) = self.store.get::<Edition>(id)?
        {
            return Ok(edition);
        }
        Err(DeskError::NotFound {
            what: "edition",
            reference: code.to_string(),
            candidates: self
                .editions()?
                .into_iter()
                .map(|e| e.edition.code)
                .collect(),
        })
    }

    pub(super) fn festival_id(&self, code: &str) -> Result<Option<Id>> {
        Ok(self.store.id_at(&keys::code(keys::FESTIVAL_CODE, code))?)
    }

    pub(super) fn edition_id(&self, code: &str) -> Result<Option<Id>> {
        Ok(self.store.id_at(&keys::code(keys::EDITION_CODE, code))?)
    }
}

/// Writes a new festival into `tx`; the caller has checked that `code` is free.
pub(super) fn stage_festival(
    tx: &mut Tx<'_>,
    code: String,
    input: &FestivalInput,
) -> Result<Festival> {
    let festival = Festival {
        id: tx.new_id(Kind::Festival)?,
        code,
        name: validate::required("name", &input.name)?,
        organisers: validate::names(&input.organisers),
        notes: clean_text(&input.notes),
    };
    tx.put(&festival)?;
    Ok(festival)
}

/// Writes a new edition of `festival` into `tx`; the caller has checked that its code is free.
pub(super) fn stage_edition(
    tx: &mut Tx<'_>,
    festival: &Festival,
    input: &EditionInput,
) -> Result<Edition> {
    let mut edition = Edition {
        id: tx.new_id(Kind::Edition)?,
        festival_id: festival.id,
        code: Edition::code_for(&festival.code, input.number),
        number: input.number,
        year: 0,
        start: None,
        end: None,
        place: String::new(),
        venues: Vec::new(),
        sections: Vec::new(),
        events: Vec::new(),
        rules: EditionRules::default(),
        state: EditionState::Open,
        notes: String::new(),
        calendar: input.calendar,
    };
    apply_edition_input(&mut edition, input)?;
    tx.put(&edition)?;
    Ok(edition)
}

fn apply_edition_input(edition: &mut Edition, input: &EditionInput) -> Result<()> {
    if !input.festival.trim().is_empty()
        && !edition
            .code
            .starts_with(&format!("{}-", input.festival.trim()))
    {
        return Err(DeskError::invalid(
            "festival",
            "an edition cannot move to another festival",
        ));
    }
    if input.number != 0 && input.number != edition.number {
        return Err(DeskError::invalid(
            "number",
            "an edition's number cannot change: its code is made from it",
        ));
    }
    edition.year = validate::year("year", input.year)?;
    validate::period(input.start, input.end)?;
    validate::within_year("start", input.start, edition.year)?;
    validate::within_year("end", input.end, edition.year)?;
    for event in &input.events {
        validate::period(event.start, event.end)?;
        validate::within_year("start", event.start, edition.year)?;
        validate::within_year("end", event.end, edition.year)?;
    }
    edition.start = input.start;
    edition.end = input.end;
    edition.place = clean_line(&input.place);
    edition.venues = validate::names(&input.venues);
    edition.sections = validate::names(&input.sections);
    edition.events = input
        .events
        .iter()
        .map(|event| EditionEvent {
            name: clean_line(&event.name),
            place: clean_line(&event.place),
            start: event.start,
            end: event.end,
            partners: validate::names(&event.partners),
            venues: validate::names(&event.venues),
        })
        .collect();
    edition.notes = clean_text(&input.notes);
    edition.calendar = input.calendar;
    Ok(())
}
