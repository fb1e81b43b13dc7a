//! Films and their submissions to an edition: add, edit, delete, move through the selection process.

use chrono::{NaiveDate, Utc};

use super::{Desk, DeskError, Result, validate};
use crate::domain::{Edition, Film, Id, StatusChange, Submission, SubmissionStatus};
use crate::store::{Kind, Tx, keys};
use crate::text::{clean_line, clean_text};

/// A film's fields as a secretary types them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilmInput {
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
    /// The directors' names in their own script, in the directors' order (blank: not known). Left
    /// as the film has them while the directors change, each name keeps its original (see
    /// `domain::names::repaired`).
    pub original_directors: Vec<String>,
    pub original_writers: Vec<String>,
    pub original_cast: Vec<String>,
    /// Other titles the film is known by.
    pub aliases: Vec<String>,
}

/// A submission's fields as a secretary types them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionInput {
    /// The edition's code.
    pub edition: String,
    pub film: FilmInput,
    pub section: String,
    pub status: SubmissionStatus,
    pub submitted: Option<NaiveDate>,
    pub external_id: String,
    pub notes: String,
}

impl Default for SubmissionInput {
    fn default() -> Self {
        SubmissionInput {
            edition: String::new(),
            film: FilmInput::default(),
            section: String::new(),
            status: SubmissionStatus::Received,
            submitted: None,
            external_id: String::new(),
            notes: String::new(),
        }
    }
}

impl Desk {
    /// Enters a new film in an edition.
    pub fn add_submission(&self, input: &SubmissionInput) -> Result<(Submission, Film)> {
        let edition = self.edition(&input.edition)?;
        self.refuse_duplicate_external_id(&edition, &clean_line(&input.external_id), None)?;
        let mut tx = self.store.begin();
        let (submission, film) = stage_submission(&mut tx, &edition, input)?;
        tx.commit(format!(
            "submission add \"{}\" to {}",
            film.title, edition.code
        ))?;
        Ok((submission, film))
    }

    /// Changes a submission's film details, section, date, outside id and notes. The status changes
    /// only through `set_status`, so that its history stays true.
    pub fn edit_submission(&self, id: Id, input: &SubmissionInput) -> Result<(Submission, Film)> {
        let mut submission = self.submission(id)?;
        let edition = self.store.get::<Edition>(submission.edition_id)?;
        let mut film = self.film(submission.film_id)?;
        apply_film_input(&mut film, &input.film)?;
        let external_id = clean_line(&input.external_id);
        if let Some(edition) = &edition {
            self.refuse_duplicate_external_id(edition, &external_id, Some(id))?;
        }
        submission.section = clean_line(&input.section);
        submission.submitted = input.submitted;
        submission.external_id = external_id;
        submission.notes = clean_text(&input.notes);
        let mut tx = self.store.begin();
        tx.put(&film)?;
        tx.put(&submission)?;
        tx.commit(format!("submission edit {id} \"{}\"", film.title))?;
        Ok((submission, film))
    }

    /// Removes a submission; its film goes too when no other edition holds it, and so do the
    /// recusals that name it (a juror cannot stand aside from a film the edition no longer holds, and
    /// a recusal left behind would name nothing). `undo` brings all of them back.
    pub fn delete_submission(&self, id: Id) -> Result<Submission> {
        let submission = self.submission(id)?;
        let nominations = self.store.child_ids(keys::NOMINATIONS_OF_SUBMISSION, id)?;
        if !nominations.is_empty() {
            return Err(DeskError::Refused(format!(
                "submission {id} has {} nomination(s): remove them first",
                nominations.len()
            )));
        }
        let film = self.film(submission.film_id)?;
        let mut tx = self.store.begin();
        tx.delete::<Submission>(id)?;
        remove_film_if_orphan(&mut tx, &film, id)?;
        for mut juror in self.jurors(submission.edition_id)? {
            let recusals = juror.recusals.len();
            juror.recusals.retain(|r| r.submission_id != id);
            if juror.recusals.len() != recusals {
                tx.put(&juror)?;
            }
        }
        tx.commit(format!("submission delete {id} \"{}\"", film.title))?;
        Ok(submission)
    }

    /// Moves a submission to `to`. Going backwards (or out of withdrawn/disqualified) needs `force`,
    /// because it undoes a decision; the history keeps both.
    pub fn set_status(
        &self,
        id: Id,
        to: SubmissionStatus,
        note: &str,
        force: bool,
    ) -> Result<Submission> {
        let mut submission = self.submission(id)?;
        let from = submission.status;
        if from == to {
            return Err(DeskError::Refused(format!(
                "submission {id} is already {to}"
            )));
        }
        if !force && !from.can_move_to(to) {
            return Err(DeskError::Refused(format!(
                "submission {id} cannot go from {from} to {to} in the selection process; \
                 pass --force (or confirm in the desk) to correct a mistake"
            )));
        }
        submission.status = to;
        submission.history.push(StatusChange {
            at: Utc::now(),
            from: Some(from),
            to,
            note: clean_line(note),
        });
        let mut tx = self.store.begin();
        tx.put(&submission)?;
        tx.commit(format!("submission status {id} {from} -> {to}"))?;
        Ok(submission)
    }

    pub fn submission(&self, id: Id) -> Result<Submission> {
        self.store
            .get::<Submission>(id)?
            .ok_or_else(|| DeskError::NotFound {
                what: "submission",
                reference: id.to_string(),
                candidates: Vec::new(),
            })
    }

    pub fn film(&self, id: Id) -> Result<Film> {
        self.store
            .get::<Film>(id)?
            .ok_or_else(|| DeskError::NotFound {
                what: "film",
                reference: id.to_string(),
                candidates: Vec::new(),
            })
    }

    fn refuse_duplicate_external_id(
        &self,
        edition: &Edition,
        external_id: &str,
        except: Option<Id>,
    ) -> Result<()> {
        if external_id.is_empty() {
            return Ok(());
        }
        let key = keys::scoped_code(keys::SUBMISSION_BY_EXTERNAL_ID, edition.id, external_id);
        match self.store.id_at(&key)? {
            Some(other) if Some(other) != except => Err(DeskError::invalid(
                "external id",
                format!(
                    "'{external_id}' is already used by submission {other} in {}",
                    edition.code
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// Writes a new film and its submission to `edition` into `tx`; the caller has checked the outside id.
pub(super) fn stage_submission(
    tx: &mut Tx<'_>,
    edition: &Edition,
    input: &SubmissionInput,
) -> Result<(Submission, Film)> {
    let mut film = Film {
        id: tx.new_id(Kind::Film)?,
        ..Film::default()
    };
    apply_film_input(&mut film, &input.film)?;
    tx.put(&film)?;
    let submission = stage_entry_of_film(tx, edition, &film, input)?;
    Ok((submission, film))
}

/// Enters an existing film in another edition (a film keeps its identity across festivals).
pub(super) fn stage_entry_of_film(
    tx: &mut Tx<'_>,
    edition: &Edition,
    film: &Film,
    input: &SubmissionInput,
) -> Result<Submission> {
    let submission = Submission {
        id: tx.new_id(Kind::Submission)?,
        edition_id: edition.id,
        film_id: film.id,
        section: clean_line(&input.section),
        status: input.status,
        original_status: String::new(),
        submitted: input.submitted,
        external_id: clean_line(&input.external_id),
        notes: clean_text(&input.notes),
        history: vec![StatusChange {
            at: Utc::now(),
            from: None,
            to: input.status,
            note: "entered".into(),
        }],
    };
    tx.put(&submission)?;
    Ok(submission)
}

fn remove_film_if_orphan(tx: &mut Tx<'_>, film: &Film, leaving: Id) -> Result<()> {
    let others = tx
        .store()
        .child_ids(keys::SUBMISSIONS_OF_FILM, film.id)?
        .into_iter()
        .filter(|&s| s != leaving)
        .count();
    if others == 0 {
        tx.delete::<Film>(film.id)?;
    }
    Ok(())
}

/// A credit list and its originals as the input gives them. When the input leaves the originals as
/// the film has them but changes the names (an edit of the names alone), each name keeps its own
/// original instead of taking whatever now stands at its place.
fn credits(
    what: &'static str,
    original_field: &'static str,
    (stored, stored_originals): (&[String], &[String]),
    (names, originals): (&[String], &[String]),
) -> Result<(Vec<String>, Vec<String>)> {
    if originals == stored_originals && names != stored {
        let (names, _) = validate::paired_names(what, original_field, names, &[])?;
        let repaired = crate::domain::names::repaired(stored, stored_originals, &names);
        return Ok((names, repaired));
    }
    validate::paired_names(what, original_field, names, originals)
}

pub(super) fn apply_film_input(film: &mut Film, input: &FilmInput) -> Result<()> {
    film.title = validate::required("title", &input.title)?;
    film.original_title = validate::line("original title", &input.original_title)?;
    if film.original_title == film.title {
        film.original_title.clear();
    }
    (film.directors, film.original_directors) = credits(
        "directors",
        "original directors",
        (&film.directors, &film.original_directors),
        (&input.directors, &input.original_directors),
    )?;
    (film.writers, film.original_writers) = credits(
        "writers",
        "original writers",
        (&film.writers, &film.original_writers),
        (&input.writers, &input.original_writers),
    )?;
    film.producers = validate::names(&input.producers);
    (film.cast, film.original_cast) = credits(
        "cast",
        "original cast",
        (&film.cast, &film.original_cast),
        (&input.cast, &input.original_cast),
    )?;
    film.aliases = validate::names(&input.aliases)
        .into_iter()
        .filter(|alias| *alias != film.title && *alias != film.original_title)
        .collect();
    film.countries = validate::names(&input.countries);
    film.languages = validate::names(&input.languages);
    film.year = input.year.map(|y| validate::year("year", y)).transpose()?;
    film.runtime_minutes = match input.runtime_minutes {
        Some(0) => return Err(DeskError::invalid("runtime", "must be at least 1 minute")),
        Some(m) if m > 24 * 60 * 7 => {
            return Err(DeskError::invalid(
                "runtime",
                format!("{m} minutes is more than a week"),
            ));
        }
        other => other,
    };
    film.synopsis = validate::text("synopsis", &input.synopsis)?;
    Ok(())
}
