//! Importing submissions from a file (docs/formats.md#filmfreeway-export, `import filmfreeway` and
//! `import csv`): every row is checked first, then the whole file is written in one transaction, or
//! nothing is (a large one is staged in slices that the next open rolls back if the import is cut
//! short: see `store::staging`).
//!
//! A row updates the submission it already is (same outside id in the edition, e.g. FilmFreeway's
//! Submission ID) instead of adding a second one, so a newer export can be imported over an older one.
//! A new row whose film is already in the store (same title, directors and year, folded) is entered as
//! that film, so a film keeps one record across editions and festivals.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};

use super::import_report::{
    Found, ImportOptions, ImportProgress, ImportReport, Problem, Reading, decide,
};
use super::read_ahead::reading_ahead;
use super::submissions::apply_film_input;
use super::{Desk, FilmInput, Result};
use crate::domain::{Edition, Film, Id, StatusChange, Submission, SubmissionStatus};
use crate::store::{Kind, Tx, film_identity, keys};
use crate::text::{clean_line, clean_text};

/// One submission as an import file gives it. Empty values mean "the file does not say".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IncomingSubmission {
    /// The line the row starts on, for messages.
    pub line: u64,
    pub film: FilmInput,
    pub section: String,
    /// `None`: the file says nothing about status (new submissions enter as received).
    pub status: Option<SubmissionStatus>,
    /// The source system's own words for the status.
    pub original_status: String,
    pub submitted: Option<NaiveDate>,
    pub external_id: String,
    pub notes: String,
}

pub const ADDED: &str = "added";
pub const UPDATED: &str = "updated";
pub const UNCHANGED: &str = "unchanged";
pub const FILMS_LINKED: &str = "linked to films already in the store";

/// Where the films and submissions of this import are, as they are staged.
#[derive(Default)]
struct Staging {
    /// Films created by this import, by identity (the store's index does not see them before commit).
    films: HashMap<Vec<u8>, Id>,
    /// Submissions this import already updated: two rows never update the same one.
    matched: HashSet<Id>,
    /// The edition had no submission when the import began (an edition created for it), so no row
    /// can be one already there: the per-row lookups of `existing_submission` are skipped.
    edition_was_empty: bool,
}

impl Desk {
    /// Imports submissions into `edition`. `what` names the format for the log (`filmfreeway`, `csv`);
    /// `progress` hears how many rows have been checked (and, if good, staged), then that the change
    /// is being written. The rows are read one at a time, each staged as soon as it is checked and
    /// then let go: nothing of the file but what the transaction holds is kept.
    pub fn import_submissions(
        &self,
        edition: &str,
        what: &str,
        source: &str,
        reading: Reading<'_, IncomingSubmission>,
        options: ImportOptions,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport> {
        let edition = self.edition(edition)?;
        let Reading { mut found, rows } = reading;

        let mut report = ImportReport::new(
            source,
            &edition.code,
            &[ADDED, UPDATED, UNCHANGED, FILMS_LINKED],
            options.dry_run,
        );
        // A problem with the file as a whole (line 0, found before any row) refuses the import even
        // with `--skip-bad`.
        let whole_file = found.problems.iter().any(|p| p.line == 0);
        // The lines the reader found wrong so far (they grow as rows are read): skipped with
        // `--skip-bad`, or the import is refused.
        let mut refused_lines: HashSet<u64> = found.problems.iter().map(|p| p.line).collect();
        let mut reader_problems = found.problems.len();
        // What no reader can check alone (below), after the reader's problems in the report.
        let mut problems: Vec<Problem> = Vec::new();
        let mut tx = self.store.begin();
        // Sized for the file: grown row by row, the maps were rehashed a dozen times at 100k rows.
        let expected = rows.expected();
        let mut staging = Staging {
            films: HashMap::with_capacity(expected),
            matched: HashSet::with_capacity(expected),
            edition_was_empty: self.edition_is_empty(edition.id)?,
        };
        // What no reader can check alone: the film fields by the desk's rules, and rows that are the
        // same film with nothing (no outside id) to tell them apart. Each good row is staged as soon as
        // it is checked and then dropped: holding every row and its film until all were checked was
        // the import's peak (BENCHMARKS.md, "Third session"). Nothing is written before `decide`, and
        // once the import is sure to be refused (a problem, no `--skip-bad`) nothing more is staged.
        let mut identities: HashMap<Vec<u8>, u64> = HashMap::new();
        let mut done = 0;
        // The rows are read on a thread of their own as these are checked and staged
        // (`read_ahead`); it has ended, and the file's bytes are gone, before the commit's own peak.
        reading_ahead(rows, |rows| -> Result<()> {
            while let Some(row) = rows.next_row(&mut found) {
                done += 1;
                progress(ImportProgress::Checked {
                    done,
                    expected: done + rows.expected(),
                });
                refused_lines.extend(found.problems[reader_problems..].iter().map(|p| p.line));
                reader_problems = found.problems.len();
                let mut film = Film::default();
                if let Err(e) = apply_film_input(&mut film, &row.film) {
                    problems.push(Problem::new(
                        row.line,
                        format!("{source}:{}: {e}", row.line),
                    ));
                    continue;
                }
                if row.external_id.is_empty() {
                    let identity = film_identity(&film);
                    if let Some(first) = identities.insert(identity, row.line) {
                        problems.push(Problem::new(
                            row.line,
                            format!(
                                "{source}:{}: the same film as line {first} (title, directors and year) with no outside id to tell them apart: remove one, or give each an external_id",
                                row.line
                            ),
                        ));
                        continue;
                    }
                }
                let any_problem = !found.problems.is_empty() || !problems.is_empty();
                let refused = whole_file || (any_problem && !options.skip_bad);
                if refused || refused_lines.contains(&row.line) {
                    continue;
                }
                self.stage_incoming(
                    &mut tx,
                    &edition,
                    source,
                    &row,
                    film,
                    &mut staging,
                    &mut report,
                )?;
            }
            Ok(())
        })?;
        progress(ImportProgress::Writing);
        let Found {
            problems: mut all_problems,
            warnings,
        } = found;
        all_problems.append(&mut problems);
        report.skipped = decide(all_problems, options)?;
        report.warnings = warnings;
        drop((staging, identities, refused_lines));
        if !options.dry_run {
            report.log_seq = tx.commit(format!(
                "import {what} {source} into {}: {}",
                edition.code,
                report.summary()
            ))?;
        }
        Ok(report)
    }

    #[allow(clippy::too_many_arguments)]
    fn stage_incoming(
        &self,
        tx: &mut Tx<'_>,
        edition: &Edition,
        source: &str,
        row: &IncomingSubmission,
        film: Film,
        staging: &mut Staging,
        report: &mut ImportReport,
    ) -> Result<()> {
        let describe =
            |title: &str, id: Id| format!("line {}: {title} (submission {id})", row.line);
        if let Some(existing) = self.existing_submission(tx, edition, row, &film, staging)? {
            staging.matched.insert(existing.id);
            // Through the transaction: an earlier row of this file may have changed the same film.
            let stored_film = match tx.get::<Film>(existing.film_id)? {
                Some(film) => film,
                None => self.film(existing.film_id)?,
            };
            let new_film = merged_film(&stored_film, &film);
            let new_submission = updated_submission(&existing, row, source);
            let film_changed = new_film != stored_film;
            let submission_changed = new_submission != existing;
            if film_changed {
                tx.put(&new_film)?;
            }
            if submission_changed {
                tx.put(&new_submission)?;
            }
            if film_changed || submission_changed {
                report.note(UPDATED, || describe(&film.title, existing.id));
            } else {
                report.note(UNCHANGED, || describe(&film.title, existing.id));
            }
            return Ok(());
        }

        let identity = film_identity(&film);
        let known = match staging.films.get(&identity) {
            Some(&id) => Some(id),
            None => self.store.films_with_identity(&identity)?.first().copied(),
        };
        // The incoming film itself becomes the new record (moved, not copied): its title, the same
        // either way, names the row in the report.
        let (film_id, film) =
            if let Some(stored) = known.map(|id| tx.get::<Film>(id)).transpose()?.flatten() {
                let merged = merged_film(&stored, &film);
                if merged != stored {
                    tx.put(&merged)?;
                }
                if !staging.films.contains_key(&identity) {
                    report.note(FILMS_LINKED, || {
                        format!("line {}: {} (film {})", row.line, stored.title, stored.id)
                    });
                }
                (stored.id, film)
            } else {
                let new = Film {
                    id: tx.new_id(Kind::Film)?,
                    ..film
                };
                tx.put(&new)?;
                staging.films.insert(identity, new.id);
                (new.id, new)
            };
        let status = row.status.unwrap_or(SubmissionStatus::Received);
        let submission = Submission {
            id: tx.new_id(Kind::Submission)?,
            edition_id: edition.id,
            film_id,
            section: clean_line(&row.section),
            status,
            original_status: clean_line(&row.original_status),
            submitted: row.submitted,
            external_id: clean_line(&row.external_id),
            notes: clean_text(&row.notes),
            history: vec![StatusChange {
                at: Utc::now(),
                from: None,
                to: status,
                note: format!("imported from {source}"),
            }],
        };
        tx.put(&submission)?;
        staging.matched.insert(submission.id);
        report.note(ADDED, || describe(&film.title, submission.id));
        Ok(())
    }

    /// Whether `edition` has no submission at all. The read model's count answers in one read; a
    /// count of 0 is then confirmed by the edition's index (an empty scan when it is empty), so a count
    /// that is missing or stale can only cost the lookups, never skip one that could find something.
    fn edition_is_empty(&self, edition: Id) -> Result<bool> {
        Ok(self.store.submission_count(edition)? == 0
            && self
                .store
                .child_ids(keys::SUBMISSIONS_OF_EDITION, edition)?
                .is_empty())
    }

    /// The submission a row is: the one with its outside id in the edition, or else the one entry of
    /// its film in the edition that no other row of this file took. In an edition that had none when
    /// the import began there is none to find (the rows of this import are not in the store's
    /// indexes before the commit, and `matched` would exclude them anyway), so nothing is looked up.
    fn existing_submission(
        &self,
        tx: &Tx<'_>,
        edition: &Edition,
        row: &IncomingSubmission,
        film: &Film,
        staging: &Staging,
    ) -> Result<Option<Submission>> {
        if staging.edition_was_empty {
            return Ok(None);
        }
        let external_id = clean_line(&row.external_id);
        if !external_id.is_empty() {
            let key = keys::scoped_code(keys::SUBMISSION_BY_EXTERNAL_ID, edition.id, &external_id);
            return match self.store.id_at(&key)? {
                Some(id) if !staging.matched.contains(&id) => Ok(tx.get::<Submission>(id)?),
                _ => Ok(None),
            };
        }
        let mut found = Vec::new();
        for film_id in self.store.films_with_identity(&film_identity(film))? {
            for id in self.store.child_ids(keys::SUBMISSIONS_OF_FILM, film_id)? {
                if staging.matched.contains(&id) {
                    continue;
                }
                if let Some(s) = tx.get::<Submission>(id)?
                    && s.edition_id == edition.id
                {
                    found.push(s);
                }
            }
        }
        Ok(if found.len() == 1 { found.pop() } else { None })
    }
}

/// A stored film with an incoming one laid over it: every value the file gives replaces the stored
/// one (the newest source wins, so importing the same file twice changes nothing the second time), and
/// a value the file leaves empty never erases one the store has (a column the export lacks, a field
/// the secretary filled in by hand).
fn merged_film(stored: &Film, incoming: &Film) -> Film {
    fn pick<T: Clone + PartialEq + Default>(stored: &T, incoming: &T) -> T {
        if *incoming == T::default() {
            stored.clone()
        } else {
            incoming.clone()
        }
    }
    let mut film = Film {
        id: stored.id,
        title: pick(&stored.title, &incoming.title),
        original_title: pick(&stored.original_title, &incoming.original_title),
        directors: pick(&stored.directors, &incoming.directors),
        writers: pick(&stored.writers, &incoming.writers),
        producers: pick(&stored.producers, &incoming.producers),
        cast: pick(&stored.cast, &incoming.cast),
        countries: pick(&stored.countries, &incoming.countries),
        languages: pick(&stored.languages, &incoming.languages),
        year: pick(&stored.year, &incoming.year),
        runtime_minutes: pick(&stored.runtime_minutes, &incoming.runtime_minutes),
        synopsis: pick(&stored.synopsis, &incoming.synopsis),
        original_directors: Vec::new(),
        original_writers: Vec::new(),
        original_cast: Vec::new(),
        aliases: pick(&stored.aliases, &incoming.aliases),
    };
    film.original_directors = merged_originals(
        (&stored.directors, &stored.original_directors),
        &incoming.original_directors,
        &film.directors,
    );
    film.original_writers = merged_originals(
        (&stored.writers, &stored.original_writers),
        &incoming.original_writers,
        &film.writers,
    );
    film.original_cast = merged_originals(
        (&stored.cast, &stored.original_cast),
        &incoming.original_cast,
        &film.cast,
    );
    if film.original_title == film.title {
        film.original_title.clear();
    }
    film
}

/// The originals of a merged credit list: the file's, when it gives any (they pair with the file's
/// names, which then replaced the stored ones); otherwise the stored ones, each kept by the name it
/// belongs to.
fn merged_originals(
    (stored_names, stored_originals): (&[String], &[String]),
    incoming: &[String],
    names: &[String],
) -> Vec<String> {
    if incoming.is_empty() {
        crate::domain::names::repaired(stored_names, stored_originals, names)
    } else {
        incoming.to_vec()
    }
}

/// A stored submission updated from a newer row; a status change goes into its history.
fn updated_submission(stored: &Submission, row: &IncomingSubmission, source: &str) -> Submission {
    let mut s = stored.clone();
    let text = |incoming: String, current: &str| {
        if incoming.is_empty() {
            current.to_string()
        } else {
            incoming
        }
    };
    s.section = text(clean_line(&row.section), &s.section);
    s.original_status = text(clean_line(&row.original_status), &s.original_status);
    s.notes = text(clean_text(&row.notes), &s.notes);
    s.submitted = row.submitted.or(s.submitted);
    if let Some(status) = row.status
        && status != s.status
    {
        s.history.push(StatusChange {
            at: Utc::now(),
            from: Some(s.status),
            to: status,
            note: format!("imported from {source}"),
        });
        s.status = status;
    }
    s
}
