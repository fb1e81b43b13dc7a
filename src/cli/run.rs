//! Carrying out one command, and turning every outcome into an exit code (SPEC §4):
//! 0 success, 1 the operation failed, 2 wrong usage, 3 the store is unavailable.

use std::io::{self, Write};
use std::path::Path;

use serde_json::json;

use super::args::*;
use super::say::{say, tell};
use super::{jury, jury_delete, jury_edit, list, palmares, stats, tally};
use crate::desk::{Desk, DeskError, EditionInput, FestivalInput, FilmInput, SubmissionInput};
use crate::domain::SubmissionStatus;

/// A command that did not succeed: the exit code and the message for stderr.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn failed(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

/// Wrong usage of the command line (exit 2).
pub fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: 2,
        message: message.into(),
    }
}

impl From<DeskError> for Failure {
    fn from(e: DeskError) -> Self {
        Failure {
            code: if e.is_store_unavailable() { 3 } else { 1 },
            message: e.to_string(),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            // The reader went away (`| head`): not our failure.
            return Failure {
                code: 0,
                message: String::new(),
            };
        }
        Failure::failed(format!("cannot write output: {e}"))
    }
}

/// Runs one command against the store at `db`.
pub fn run(db: &Path, command: &Command) -> Result<(), Failure> {
    if let Command::Config = command {
        // No store needed: this is about the desk's settings.
        let path = crate::tui::settings::default_path();
        let state = if path.exists() {
            "exists"
        } else {
            "not created yet; these are the defaults"
        };
        tell!("settings file: {} ({state})", path.display());
        print!("{}", crate::tui::settings::defaults_toml());
        return Ok(());
    }
    if let Command::Check = command {
        return super::check::check(db);
    }
    let desk = if command.may_create_store() {
        Desk::open(db)?
    } else {
        Desk::open_existing(db)?
    };
    if let Some(note) = desk.open_note() {
        eprintln!("{note}");
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match command {
        Command::Demo => {
            let report = desk.load_demo()?;
            if report.added_nothing() {
                say!(out, "the demo festivals are already loaded")?;
            } else {
                say!(
                    out,
                    "demo loaded: {} festival(s), {} edition(s), {} submission(s); try `jurydesk list editions`",
                    report.festivals,
                    report.editions,
                    report.submissions
                )?;
            }
        }
        Command::Generate {
            submissions,
            editions,
            seed,
        } => {
            let made = desk.generate(*submissions, *editions, *seed)?;
            say!(
                out,
                "generated festival {} with {} submission(s) in {}",
                made.festival,
                made.submissions,
                made.editions.join(", ")
            )?;
        }
        // Both are answered before the store is opened (`check` also describes a store that cannot be).
        Command::Config | Command::Check => {}
        Command::Festival(cmd) => festival(&desk, cmd, &mut out)?,
        Command::Edition(cmd) => edition(&desk, cmd, &mut out)?,
        Command::Submission(cmd) => submission(&desk, cmd, &mut out)?,
        Command::Category(CategoryCommand::Add(a)) => jury::category_add(&desk, a, &mut out)?,
        Command::Category(CategoryCommand::Edit(a)) => {
            jury_edit::category_edit(&desk, a, &mut out)?;
        }
        Command::Juror(JurorCommand::Add(a)) => jury::juror_add(&desk, a, &mut out)?,
        Command::Juror(JurorCommand::Edit(a)) => jury_edit::juror_edit(&desk, a, &mut out)?,
        Command::Nomination(NominationCommand::Edit(a)) => {
            jury_edit::nomination_edit(&desk, a, &mut out)?;
        }
        Command::Category(CategoryCommand::Delete(a)) => {
            jury_delete::category_delete(&desk, a, &mut out)?;
        }
        Command::Juror(JurorCommand::Delete(a)) => jury_delete::juror_delete(&desk, a, &mut out)?,
        Command::Nomination(NominationCommand::Delete(a)) => {
            jury_delete::nomination_delete(&desk, a, &mut out)?;
        }
        Command::Juror(JurorCommand::Recuse(a)) => jury::juror_recuse(&desk, a, &mut out)?,
        Command::Juror(JurorCommand::ClearConflict(a)) => {
            jury::juror_clear_conflict(&desk, a, &mut out)?;
        }
        Command::Juror(JurorCommand::Absent(a)) => super::absence::absent(&desk, a, &mut out)?,
        Command::Juror(JurorCommand::Present(a)) => super::absence::present(&desk, a, &mut out)?,
        Command::Nominate(a) => jury::nominate(&desk, a, &mut out)?,
        Command::Ballot(BallotCommand::Set(a)) => jury::ballot_set(&desk, a, &mut out)?,
        Command::Import(ImportCommand::Ballots { file, edition }) => {
            jury::import_ballots(&desk, file, edition, &mut out)?;
        }
        Command::Import(cmd) => super::imports::import(&desk, cmd, &mut out)?,
        Command::Export(cmd) => super::imports::export(&desk, cmd, &mut out)?,
        Command::Tally(a) => tally::tally(&desk, a, &mut out)?,
        Command::Award(AwardCli {
            action: Some(AwardCommand::Withdraw(a)),
            ..
        }) => jury::award_withdraw(&desk, a, &mut out)?,
        Command::Award(AwardCli {
            record: Some(a), ..
        }) => tally::award(&desk, a, &mut out)?,
        Command::Award(_) => {
            return Err(usage(
                "say which award: jurydesk award --edition E --category C, or jurydesk award withdraw --edition E --category C --reason R",
            ));
        }
        Command::Palmares(a) => palmares::palmares(&desk, a, &mut out)?,
        Command::Finalize(a) => palmares::finalize(&desk, a, &mut out)?,
        Command::Reopen(a) => palmares::reopen(&desk, a, &mut out)?,
        Command::Rules(cmd) => palmares::rules(&desk, cmd, &mut out)?,
        Command::Stats(StatsCommand::Awards(a)) => stats::awards(&desk, a, &mut out)?,
        Command::List(args) => list::listing(&desk, args)?.print(args.format, &mut out)?,
        Command::Log(args) => log(&desk, args, &mut out)?,
        Command::Undo => match desk.undo()? {
            Some(undone) => say!(out, "undid #{}: {}", undone.seq, undone.action)?,
            None => say!(out, "nothing to undo")?,
        },
    }
    Ok(())
}

fn festival(desk: &Desk, cmd: &FestivalCommand, out: &mut impl Write) -> Result<(), Failure> {
    let input = |f: &FestivalFields| FestivalInput {
        code: f.code.clone(),
        name: f.name.clone(),
        organisers: f.organisers.clone(),
        notes: f.notes.clone(),
    };
    match cmd {
        FestivalCommand::Add(f) => {
            let festival = desk.add_festival(&input(f))?;
            say!(out, "added festival {}: {}", festival.code, festival.name)?;
        }
        FestivalCommand::Edit(f) => {
            let festival = desk.edit_festival(&f.code, &input(f))?;
            say!(out, "changed festival {}", festival.code)?;
        }
        FestivalCommand::Delete { code } => {
            let festival = desk.delete_festival(code)?;
            say!(out, "deleted festival {}", festival.code)?;
        }
    }
    Ok(())
}

fn optional_date(
    field: &'static str,
    raw: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, Failure> {
    raw.map(|s| crate::desk::parse_date(field, s))
        .transpose()
        .map_err(Failure::from)
}

fn edition(desk: &Desk, cmd: &EditionCommand, out: &mut impl Write) -> Result<(), Failure> {
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

fn submission(desk: &Desk, cmd: &SubmissionCommand, out: &mut impl Write) -> Result<(), Failure> {
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

fn log(desk: &Desk, args: &LogArgs, out: &mut impl Write) -> Result<(), Failure> {
    if args.verify {
        return match desk.store().verify_log().map_err(DeskError::from)? {
            Ok(n) => {
                say!(out, "audit log intact: {n} entries, hash chain verified")?;
                Ok(())
            }
            Err(e) => Err(Failure::failed(format!(
                "audit log verification failed: {e}"
            ))),
        };
    }
    let limit = args.limit.unwrap_or(usize::MAX);
    let mut rows = Vec::new();
    for (seq, sealed) in desk.store().log_newest_first().take(limit) {
        let row = match sealed {
            Ok(sealed) => {
                let e = sealed.entry;
                vec![
                    json!(e.seq),
                    json!(e.at.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
                    json!(e.user),
                    json!(e.action),
                    json!(e.keys()),
                    json!(e.undoes),
                    json!(hex::encode(sealed.hash)),
                ]
            }
            Err(err) => vec![
                json!(seq),
                json!(null),
                json!(null),
                json!(format!("(unreadable: {err})")),
                json!(""),
                json!(null),
                json!(null),
            ],
        };
        rows.push(row);
    }
    super::output::Listing {
        fields: vec!["seq", "at", "user", "action", "records", "undoes", "hash"],
        table: vec!["seq", "at", "user", "action", "records"],
        rows,
    }
    .print(args.format, out)?;
    Ok(())
}
