//! Submitting a form: the typed text becomes the desk's input and goes to the use-case. Parsing
//! happens here (numbers, dates, words such as a status), and every failure is put on its field; the
//! rules themselves stay in the desk's use-cases, so the command line and the desk refuse alike.

use chrono::{Datelike, NaiveDate};

use super::{Form, FormTarget};
use crate::desk::{
    CategoryInput, Desk, DeskError, Edited, EditionInput, FestivalInput, FilmInput, JurorInput,
    NominationInput, SubmissionInput, parse_date_in,
};
use crate::domain::{Calendar, CategoryKind, JurorRole, Method, SubmissionStatus, TieBreak};
use crate::text::digits::parse_number;
use crate::text::fold;
use crate::tui::form::FieldKey;

impl Form {
    /// Parses the fields, calls the desk's use-case and says what was done ("added submission 25:
    /// Title"). On a refusal the reasons are on the fields (or in `message`) and nothing was written.
    // The reasons of an `Err` are on the form itself, where the view shows them: the caller has
    // nothing more to learn from the error value.
    #[allow(clippy::result_unit_err)]
    pub fn submit(&mut self, desk: &Desk) -> Result<String, ()> {
        self.clear_errors();
        let outcome = self.try_submit(desk);
        let result = match outcome {
            Ok(Some(done)) => Ok(done),
            Ok(None) => Err(()),
            Err(error) => {
                self.refused(error);
                Err(())
            }
        };
        self.focus_first_error();
        result
    }

    /// `Ok(None)`: the form's own parsing refused a field.
    fn try_submit(&mut self, desk: &Desk) -> Result<Option<String>, DeskError> {
        let target = self.target.clone();
        match target {
            FormTarget::Finalize { .. } | FormTarget::Reopen { .. } | FormTarget::Rules { .. } => {
                self.submit_palmares(desk, &target)
            }
            FormTarget::Recuse { .. }
            | FormTarget::ClearConflict { .. }
            | FormTarget::WithdrawAward { .. } => self.submit_conflicts(desk, &target),
            FormTarget::AddFestival => {
                let input = self.festival_input(self.value(FieldKey::Code));
                let f = desk.add_festival(&input)?;
                Ok(Some(format!("added festival {}: {}", f.code, f.name)))
            }
            FormTarget::EditFestival { code } => {
                let input = self.festival_input("");
                let f = desk.edit_festival(&code, &input)?;
                Ok(Some(format!("saved festival {}: {}", f.code, f.name)))
            }
            FormTarget::AddEdition => {
                let festival = self.value(FieldKey::Festival).trim().to_string();
                if festival.is_empty() {
                    self.fail(
                        FieldKey::Festival,
                        "must not be empty: the festival's code, e.g. fajr",
                    );
                }
                let number = self.number::<u32>(FieldKey::Number, true, "1, 2, …");
                let input = self.edition_input(&festival, number.unwrap_or(0), Vec::new());
                if self.has_errors() {
                    return Ok(None);
                }
                match desk.add_edition(&input) {
                    Ok(e) => Ok(Some(format!("added edition {} ({})", e.code, e.year))),
                    // An unknown festival is this field's fault; its message lists the codes.
                    Err(
                        e @ DeskError::NotFound {
                            what: "festival", ..
                        },
                    ) => {
                        self.fail(FieldKey::Festival, e.to_string());
                        Ok(None)
                    }
                    Err(e) => Err(e),
                }
            }
            FormTarget::EditEdition { code } => {
                // The form does not show side events; they are kept as they are.
                let events = desk.edition(&code)?.events;
                let input = self.edition_input("", 0, events);
                if self.has_errors() {
                    return Ok(None);
                }
                let e = desk.edit_edition(&code, &input)?;
                Ok(Some(format!("saved edition {} ({})", e.code, e.year)))
            }
            FormTarget::AddSubmission { edition } => {
                let status = self.status();
                let input = self.submission_input(&edition, status);
                if self.has_errors() {
                    return Ok(None);
                }
                let (s, film) = desk.add_submission(&input)?;
                self.added = Some(s.id);
                Ok(Some(format!("added submission {}: {}", s.id, film.title)))
            }
            FormTarget::EditSubmission { id } => {
                let input = self.submission_input("", SubmissionStatus::Received);
                if self.has_errors() {
                    return Ok(None);
                }
                let (s, film) = desk.edit_submission(id, &input)?;
                Ok(Some(format!("saved submission {}: {}", s.id, film.title)))
            }
            FormTarget::AddCategory { edition } => {
                let Some(input) = self.category_input(&edition) else {
                    return Ok(None);
                };
                let c = desk.add_category(&input)?;
                self.added = Some(c.id);
                Ok(Some(format!(
                    "added category {}: {} ({}, counted by {})",
                    c.id,
                    c.name,
                    c.kind.as_str(),
                    c.method.name()
                )))
            }
            FormTarget::EditCategory { edition, id } => {
                let Some(input) = self.category_input("") else {
                    return Ok(None);
                };
                let edited = desk.edit_category(&edition, &id.to_string(), &input)?;
                let c = &edited.record;
                Ok(Some(said(
                    &edited,
                    &format!("category {} (counted by {})", c.name, c.method.name()),
                )))
            }
            FormTarget::AddJuror { edition } => {
                let Some(input) = self.juror_input(&edition) else {
                    return Ok(None);
                };
                let pin = Some(self.value(FieldKey::Pin)).filter(|p| !p.trim().is_empty());
                let j = desk.add_juror_with_pin(&input, pin)?;
                self.added = Some(j.id);
                Ok(Some(format!(
                    "added juror {}: {} ({}){}",
                    j.id,
                    j.name,
                    j.role.as_str(),
                    if j.pin.is_some() {
                        "; jury-room PIN set"
                    } else {
                        ""
                    }
                )))
            }
            FormTarget::EditJuror { edition, id } => {
                let Some(input) = self.juror_input("") else {
                    return Ok(None);
                };
                let edited = desk.edit_juror(&edition, &id.to_string(), &input)?;
                let j = &edited.record;
                Ok(Some(said(
                    &edited,
                    &format!("juror {} ({})", j.name, j.role.as_str()),
                )))
            }
            FormTarget::EditNomination {
                edition,
                category,
                id,
            } => {
                let number = self.number::<u32>(FieldKey::Number, true, "1, 2, …");
                let Some(number) = number else {
                    return Ok(None);
                };
                // The nominee is named by its number as stored, so a typed number cannot mislead.
                let stored = desk
                    .nominations(category)?
                    .into_iter()
                    .find(|n| n.id == id)
                    .ok_or_else(|| DeskError::NotFound {
                        what: "nomination",
                        reference: id.to_string(),
                        candidates: Vec::new(),
                    })?;
                let person = self.value(FieldKey::Person);
                let input = NominationInput {
                    person: (!person.trim().is_empty()).then(|| person.to_string()),
                    number,
                };
                let edited = desk.edit_nomination(
                    &edition,
                    &category.to_string(),
                    &stored.number.to_string(),
                    &input,
                )?;
                let n = &edited.record;
                Ok(Some(said(
                    &edited,
                    &format!("nominee {} {}", n.number(), n.label),
                )))
            }
        }
    }

    fn juror_input(&mut self, edition: &str) -> Option<JurorInput> {
        let role = self.parsed::<JurorRole>(FieldKey::Role)?;
        Some(JurorInput {
            edition: edition.to_string(),
            name: self.value(FieldKey::Name).to_string(),
            original_name: self.value(FieldKey::OriginalName).to_string(),
            role,
            notes: self.value(FieldKey::Notes).to_string(),
        })
    }

    /// Puts a desk refusal where it belongs: `Invalid { field }` on the field of that name.
    fn refused(&mut self, error: DeskError) {
        match error {
            DeskError::Invalid { field, message } => match FieldKey::for_desk_field(field) {
                Some(key) if self.fields.iter().any(|f| f.key == key) => self.fail(key, message),
                _ => self.message = Some(format!("{field}: {message}")),
            },
            other => self.message = Some(other.desk_text()),
        }
    }

    fn festival_input(&self, code: &str) -> FestivalInput {
        FestivalInput {
            code: code.to_string(),
            name: self.value(FieldKey::Name).to_string(),
            organisers: self.items(FieldKey::Organisers, list),
            notes: self.value(FieldKey::Notes).to_string(),
        }
    }

    fn edition_input(
        &mut self,
        festival: &str,
        number: u32,
        events: Vec<crate::domain::EditionEvent>,
    ) -> EditionInput {
        let calendar = self.calendar();
        let start = self.date_in(calendar, FieldKey::Start);
        let end = self.date_in(calendar, FieldKey::End);
        // A blank year is the year the edition starts in, when that is known.
        let year = match self.value(FieldKey::Year).trim() {
            "" => {
                if let Some(start) = start {
                    Some(start.year())
                } else {
                    self.fail(FieldKey::Year, "must not be empty, e.g. 2025");
                    None
                }
            }
            _ => self.number::<i32>(FieldKey::Year, true, "e.g. 2025"),
        };
        EditionInput {
            festival: festival.to_string(),
            number,
            year: year.unwrap_or(0),
            calendar,
            start,
            end,
            place: self.value(FieldKey::Place).to_string(),
            venues: self.items(FieldKey::Venues, list),
            sections: self.items(FieldKey::Sections, list),
            events,
            notes: self.value(FieldKey::Notes).to_string(),
        }
    }

    fn submission_input(&mut self, edition: &str, status: SubmissionStatus) -> SubmissionInput {
        let year = self.number::<i32>(FieldKey::Year, false, "e.g. 2024");
        let runtime = self.runtime();
        let submitted = self.date(FieldKey::Submitted);
        SubmissionInput {
            edition: edition.to_string(),
            film: FilmInput {
                title: self.value(FieldKey::Title).to_string(),
                original_title: self.value(FieldKey::OriginalTitle).to_string(),
                directors: self.items(FieldKey::Directors, list),
                writers: self.items(FieldKey::Writers, list),
                producers: self.items(FieldKey::Producers, list),
                cast: self.items(FieldKey::Cast, list),
                countries: self.items(FieldKey::Countries, list),
                languages: self.items(FieldKey::Languages, list),
                year,
                runtime_minutes: runtime,
                synopsis: self.value(FieldKey::Synopsis).to_string(),
                original_directors: self.items(FieldKey::OriginalDirectors, places),
                original_writers: self.items(FieldKey::OriginalWriters, places),
                original_cast: self.items(FieldKey::OriginalCast, places),
                aliases: self.items(FieldKey::Aliases, list),
            },
            section: self.value(FieldKey::Section).to_string(),
            status,
            submitted,
            external_id: self.value(FieldKey::ExternalId).to_string(),
            notes: self.value(FieldKey::Notes).to_string(),
        }
    }

    fn category_input(&mut self, edition: &str) -> Option<CategoryInput> {
        let kind = self.parsed::<CategoryKind>(FieldKey::Kind);
        let method = self.parsed::<Method>(FieldKey::Method);
        let mut tie_breaks = Vec::new();
        for rule in self.items(FieldKey::TieBreaks, list) {
            match rule.parse::<TieBreak>() {
                Ok(rule) => tie_breaks.push(rule),
                Err(message) => {
                    self.fail(FieldKey::TieBreaks, message);
                    break;
                }
            }
        }
        let ex_aequo = self.yes_no(FieldKey::ExAequo);
        let mandatory = self.yes_no(FieldKey::Mandatory);
        let precedence = self.number::<u32>(FieldKey::Precedence, false, "1 for the top prize");
        if self.has_errors() {
            return None;
        }
        Some(CategoryInput {
            edition: edition.to_string(),
            name: self.value(FieldKey::Name).to_string(),
            prize: self.value(FieldKey::Prize).to_string(),
            kind: kind?,
            method: method?,
            tie_breaks,
            ex_aequo_allowed: ex_aequo?,
            mandatory: mandatory?,
            precedence,
        })
    }

    fn status(&mut self) -> SubmissionStatus {
        match self.value(FieldKey::Status).parse::<SubmissionStatus>() {
            Ok(status) => status,
            Err(e) => {
                self.fail(FieldKey::Status, e.to_string());
                SubmissionStatus::Received
            }
        }
    }

    /// A word parsed by the domain's own parser (method, role); its refusal goes on the field.
    fn parsed<T: std::str::FromStr<Err = String>>(&mut self, key: FieldKey) -> Option<T> {
        match self.value(key).parse::<T>() {
            Ok(value) => Some(value),
            Err(message) => {
                self.fail(key, message);
                None
            }
        }
    }

    /// A whole number; Persian and Arabic-Indic digits count as digits. Blank is `None`, or an error
    /// when the field is required.
    fn number<T: std::str::FromStr>(
        &mut self,
        key: FieldKey,
        required: bool,
        example: &str,
    ) -> Option<T> {
        let raw = fold(self.value(key));
        let raw = raw.trim();
        if raw.is_empty() {
            if required {
                self.fail(key, format!("must not be empty ({example})"));
            }
            return None;
        }
        if let Ok(n) = parse_number::<T>(raw) {
            Some(n)
        } else {
            self.fail(key, format!("'{raw}' is not a whole number ({example})"));
            None
        }
    }

    /// Minutes (`95`, `95 min`) or hours and minutes (`1:35`, `1:35:00`), as festivals write them.
    fn runtime(&mut self) -> Option<u32> {
        let raw = fold(self.value(FieldKey::Runtime));
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let minutes = raw
            .trim_end_matches("minutes")
            .trim_end_matches("min")
            .trim_end_matches('m')
            .trim();
        let parts: Vec<&str> = minutes.split(':').collect();
        let parsed = match parts.as_slice() {
            [m] => parse_number::<u32>(m).ok(),
            [h, m] | [h, m, _] => match (parse_number::<u32>(h), parse_number::<u32>(m)) {
                (Ok(h), Ok(m)) if m < 60 => h.checked_mul(60).and_then(|h| h.checked_add(m)),
                _ => None,
            },
            _ => None,
        };
        if parsed.is_none() {
            self.fail(
                FieldKey::Runtime,
                format!("'{raw}' is not a runtime: minutes (95) or hours:minutes (1:35)"),
            );
        }
        parsed
    }

    /// The calendar field of an edition's form; Gregorian when it says nothing it knows (and the
    /// field is marked).
    fn calendar(&mut self) -> Calendar {
        let raw = self.value(FieldKey::Calendar).trim().to_string();
        if raw.is_empty() {
            return Calendar::Gregorian;
        }
        match raw.parse::<Calendar>() {
            Ok(calendar) => calendar,
            Err(error) => {
                self.fail(FieldKey::Calendar, error.to_string());
                Calendar::Gregorian
            }
        }
    }

    fn date(&mut self, key: FieldKey) -> Option<NaiveDate> {
        self.date_in(Calendar::Gregorian, key)
    }

    /// A date typed in `calendar`, in any digits.
    fn date_in(&mut self, calendar: Calendar, key: FieldKey) -> Option<NaiveDate> {
        let raw = fold(self.value(key));
        if raw.trim().is_empty() {
            return None;
        }
        match parse_date_in(calendar, key.label(), &raw) {
            Ok(date) => Some(date),
            Err(DeskError::Invalid { message, .. }) => {
                self.fail(key, message);
                None
            }
            Err(other) => {
                self.fail(key, other.to_string());
                None
            }
        }
    }

    fn yes_no(&mut self, key: FieldKey) -> Option<bool> {
        match fold(self.value(key)).trim() {
            "yes" | "y" | "true" | "1" => Some(true),
            "no" | "n" | "false" | "0" | "" => Some(false),
            other => {
                self.fail(key, format!("'{other}': write yes or no"));
                None
            }
        }
    }
}

/// `saved …` with what the edit means beyond the record, or `no change to …` when nothing was written
/// (so that the secretary does not take a following `u` for undoing this).
fn said<T>(edited: &Edited<T>, what: &str) -> String {
    if !edited.changed {
        return format!("no change to {what}");
    }
    let mut message = format!("saved {what}");
    for note in &edited.notes {
        message.push_str("; ");
        message.push_str(note);
    }
    message
}

/// A comma-separated list as typed; the Arabic comma (`،`) that Persian keyboards type counts too.
/// Names paired by place with a list (`domain::names`): a blank between commas keeps its place.
fn places(raw: &str) -> Vec<String> {
    crate::domain::names::without_trailing_blanks(
        raw.split([',', '،'])
            .map(|s| s.trim().to_string())
            .collect(),
    )
}

pub(super) fn list(raw: &str) -> Vec<String> {
    raw.split([',', '،'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}
