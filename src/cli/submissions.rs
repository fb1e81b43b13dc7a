//! `jurydesk submission add|edit|status|delete`.

use std::io::Write;

use super::args::*;
use super::editions::optional_date;
use super::say::say;
use crate::desk::{Desk, FilmInput, SubmissionInput};
use crate::domain::SubmissionStatus;
use crate::failure::Failure;

fn submission_input(
    edition: &str,
    f: &SubmissionFields,
    status: SubmissionStatus,
) -> Result<SubmissionInput, Failure> {
    Ok(SubmissionInput {
        edition: edition.to_string(),
        film: FilmInput {
            title: f.title.clone(),
            original_title: f.original_title.clone(),
            directors: f.directors.clone(),
            writers: f.writers.clone(),
            producers: f.producers.clone(),
            cast: f.cast.clone(),
            countries: f.countries.clone(),
            languages: f.languages.clone(),
            year: f.year,
            runtime_minutes: f.runtime,
            synopsis: f.synopsis.clone(),
            original_directors: f.names.original_directors.clone(),
            original_writers: f.names.original_writers.clone(),
            original_cast: f.names.original_cast.clone(),
            aliases: f.names.aliases.clone(),
        },
        section: f.section.clone(),
        status,
        submitted: optional_date("submitted", f.submitted.as_deref())?,
        external_id: f.external_id.clone(),
        notes: f.notes.clone(),
    })
}

/// The submission as it is, with the fields the command names replaced.
fn merged_edit(desk: &Desk, e: &SubmissionEdit) -> Result<SubmissionInput, Failure> {
    let submission = desk.submission(e.id)?;
    let film = desk.film(submission.film_id)?;
    let text = |given: &Option<String>, current: &str| {
        given.clone().unwrap_or_else(|| current.to_string())
    };
    let list = |given: &Vec<String>, current: &Vec<String>| {
        if given.is_empty() {
            current.clone()
        } else {
            given.clone()
        }
    };
    Ok(SubmissionInput {
        edition: String::new(),
        film: FilmInput {
            title: text(&e.title, &film.title),
            original_title: text(&e.original_title, &film.original_title),
            directors: list(&e.directors, &film.directors),
            writers: list(&e.writers, &film.writers),
            producers: list(&e.producers, &film.producers),
            cast: list(&e.cast, &film.cast),
            countries: list(&e.countries, &film.countries),
            languages: list(&e.languages, &film.languages),
            year: e.year.or(film.year),
            runtime_minutes: e.runtime.or(film.runtime_minutes),
            synopsis: text(&e.synopsis, &film.synopsis),
            original_directors: list(&e.names.original_directors, &film.original_directors),
            original_writers: list(&e.names.original_writers, &film.original_writers),
            original_cast: list(&e.names.original_cast, &film.original_cast),
            aliases: list(&e.names.aliases, &film.aliases),
        },
        section: text(&e.section, &submission.section),
        status: submission.status,
        submitted: match &e.submitted {
            Some(_) => optional_date("submitted", e.submitted.as_deref())?,
            None => submission.submitted,
        },
        external_id: text(&e.external_id, &submission.external_id),
        notes: text(&e.notes, &submission.notes),
    })
}

fn parse_status(raw: &str) -> Result<SubmissionStatus, Failure> {
    raw.parse::<SubmissionStatus>()
        .map_err(|e| Failure::failed(format!("status: {e}")))
}

pub(super) fn submission(
    desk: &Desk,
    cmd: &SubmissionCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match cmd {
        SubmissionCommand::Add(a) => {
            let input = submission_input(&a.edition, &a.fields, parse_status(&a.status)?)?;
            let (submission, film) = desk.add_submission(&input)?;
            say!(
                out,
                "added submission {}: {} ({})",
                submission.id,
                film.title,
                a.edition
            )?;
        }
        SubmissionCommand::Edit(e) => {
            let input = merged_edit(desk, e)?;
            let (submission, film) = desk.edit_submission(e.id, &input)?;
            say!(out, "changed submission {}: {}", submission.id, film.title)?;
        }
        SubmissionCommand::Status(s) => {
            let status = parse_status(&s.status)?;
            let submission = desk.set_status(s.id, status, &s.note, s.force)?;
            say!(
                out,
                "submission {} is now {}",
                submission.id,
                submission.status
            )?;
        }
        SubmissionCommand::Delete { id } => {
            let submission = desk.delete_submission(*id)?;
            say!(out, "deleted submission {}", submission.id)?;
        }
    }
    Ok(())
}
