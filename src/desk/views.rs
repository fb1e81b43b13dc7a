//! Read models: what the panes and `list` show, gathered through the indexes (never a scan of
//! everything to find a few).

use std::collections::HashMap;

use std::sync::mpsc::sync_channel;

use super::{Desk, DeskError, Result};
use crate::domain::{Award, Category, Edition, Festival, Film, Id, Nomination, Submission};
use crate::store::{StoredRow, StoredSubmission, SubmissionSummary, keys};

/// An edition with its festival, for the editions pane and `list editions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionView {
    pub edition: Edition,
    pub festival: Festival,
    pub submissions: usize,
}

/// A submission with its film: one row of the submissions pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionRow {
    pub submission: Submission,
    pub film: Film,
}

/// Everything known about one film across editions: its record popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilmRecord {
    pub film: Film,
    /// Each edition the film was entered in, oldest first, with the nominations it received there.
    pub appearances: Vec<Appearance>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appearance {
    pub edition: Edition,
    pub festival: Festival,
    pub submission: Submission,
    pub nominations: Vec<(Category, Nomination)>,
    /// The categories among `nominations` where this film's nomination is among an award's winners.
    pub wins: Vec<Category>,
}

impl Desk {
    /// Every edition, newest first.
    pub fn editions(&self) -> Result<Vec<EditionView>> {
        let festivals: HashMap<Id, Festival> = self
            .store
            .all::<Festival>()?
            .into_iter()
            .map(|f| (f.id, f))
            .collect();
        let mut views = Vec::new();
        for edition in self.store.all::<Edition>()? {
            let Some(festival) = festivals.get(&edition.festival_id).cloned() else {
                continue;
            };
            let submissions = self.store.submission_count(edition.id)?;
            views.push(EditionView {
                edition,
                festival,
                submissions,
            });
        }
        views.sort_by(|a, b| {
            (
                b.edition.year,
                b.edition.start,
                &a.festival.code,
                b.edition.number,
            )
                .cmp(&(
                    a.edition.year,
                    a.edition.start,
                    &b.festival.code,
                    a.edition.number,
                ))
        });
        Ok(views)
    }

    /// The submissions of an edition with their films, in id order.
    pub fn submission_rows(&self, edition_id: Id) -> Result<Vec<SubmissionRow>> {
        let ids = self.submission_ids(edition_id)?;
        self.rows_of(&ids)
    }

    /// The summaries of an edition's submissions, in id order: what the lists show and search, read as
    /// one range of small values (see `store::SubmissionSummary`).
    pub fn summaries(&self, edition_id: Id) -> Result<Vec<SubmissionSummary>> {
        Ok(self.store.summaries(edition_id)?)
    }

    /// The first `count` summaries of an edition (in id order), for a first frame that cannot wait for
    /// all of a large one.
    pub fn first_summaries(&self, edition_id: Id, count: usize) -> Result<Vec<SubmissionSummary>> {
        Ok(self
            .store
            .summaries_after(edition_id, None)
            .take(count)
            .collect::<Result<_, _>>()?)
    }

    /// The summaries of an edition after submission `after` (from the start for `None`), handed to
    /// `each` `chunk` at a time as they are read, so that a reader can use the first ones while the
    /// rest are read. Stops early when `each` returns false (nobody wants the rest).
    pub fn summaries_in_chunks(
        &self,
        edition_id: Id,
        after: Option<Id>,
        chunk: usize,
        mut each: impl FnMut(Vec<SubmissionSummary>) -> bool,
    ) -> Result<()> {
        let mut summaries = self.store.summaries_after(edition_id, after);
        loop {
            let next: Vec<SubmissionSummary> = summaries
                .by_ref()
                .take(chunk.max(1))
                .collect::<Result<_, _>>()?;
            if next.is_empty() || !each(next) {
                return Ok(());
            }
        }
    }

    /// The ids of an edition's submissions, in id order (a scan of index keys only).
    pub fn submission_ids(&self, edition_id: Id) -> Result<Vec<Id>> {
        Ok(self
            .store
            .child_ids(keys::SUBMISSIONS_OF_EDITION, edition_id)?)
    }

    /// The rows of these submissions, in the same order. A long list is read in two halves at once:
    /// decoding is most of the cost, and the machines festivals have still have two cores.
    pub fn rows_of(&self, ids: &[Id]) -> Result<Vec<SubmissionRow>> {
        if ids.len() < 20_000 {
            return self.rows_of_serial(ids);
        }
        let (front, back) = ids.split_at(ids.len() / 2);
        let (front, back) = std::thread::scope(|scope| {
            let back = scope.spawn(|| self.rows_of_serial(back));
            let front = self.rows_of_serial(front);
            (front, back.join())
        });
        let mut rows = front?;
        match back {
            Ok(back) => rows.extend(back?),
            Err(_) => rows.extend(self.rows_of_serial(&ids[rows.len()..])?),
        }
        Ok(rows)
    }

    /// The rows of these submissions in the same order, as stored (`StoredRow`: viewed, not decoded
    /// into owned records), handed to `each` `chunk` at a time. Two threads read ahead, one the
    /// submissions and one their films (sled's two ranges at once), while `each` (a printer) prints
    /// the chunk before; no more than a few chunks are ever in memory (a listing of 100,000 rows
    /// held whole was 330 MB). Stops at the first error, `each`'s or the store's.
    pub fn stored_rows_in_chunks<E: From<DeskError>>(
        &self,
        ids: &[Id],
        chunk: usize,
        mut each: impl FnMut(Vec<StoredRow>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let chunk = chunk.max(1);
        if ids.len() <= chunk {
            return each(self.stored_rows(ids)?);
        }
        std::thread::scope(|scope| {
            // Two chunks ahead at most at each step: a reader waits for the next one beyond that.
            let (to_films, submissions) = sync_channel::<Result<Vec<StoredSubmission>>>(2);
            let (to_printer, rows) = sync_channel::<Result<Vec<StoredRow>>>(2);
            let submission_reader = scope.spawn(move || {
                for ids in ids.chunks(chunk) {
                    let read = self.store.stored_submissions(ids).map_err(DeskError::from);
                    let failed = read.is_err();
                    // Nobody wants more (the printer's own error, or a reader gone): stop.
                    if to_films.send(read).is_err() || failed {
                        return;
                    }
                }
            });
            let film_reader = scope.spawn(move || {
                for read in &submissions {
                    let read = read.and_then(|submissions| self.with_films(submissions));
                    let failed = read.is_err();
                    if to_printer.send(read).is_err() || failed {
                        return;
                    }
                }
            });
            let mut printed = 0;
            let mut outcome = Ok(());
            for read in &rows {
                match read {
                    Ok(read) => {
                        printed += read.len();
                        if let Err(e) = each(read) {
                            outcome = Err(e);
                            break;
                        }
                    }
                    Err(e) => {
                        outcome = Err(E::from(e));
                        break;
                    }
                }
            }
            drop(rows);
            let died = submission_reader.join().is_err() | film_reader.join().is_err();
            // A reader that died (a panic in sled) leaves rows unprinted: they are read here instead.
            if died && outcome.is_ok() && printed < ids.len() {
                for ids in ids[printed..].chunks(chunk) {
                    each(self.stored_rows(ids)?)?;
                }
            }
            outcome
        })
    }

    /// The rows of these submissions as stored, in the same order, read on this thread.
    fn stored_rows(&self, ids: &[Id]) -> Result<Vec<StoredRow>> {
        self.with_films(self.store.stored_submissions(ids)?)
    }

    /// Stored submissions with their stored films.
    fn with_films(&self, submissions: Vec<StoredSubmission>) -> Result<Vec<StoredRow>> {
        let film_ids: Vec<Id> = submissions.iter().map(StoredSubmission::film_id).collect();
        let films = self.store.stored_films(&film_ids)?;
        Ok(submissions
            .into_iter()
            .zip(films)
            .map(|(submission, film)| StoredRow::new(submission, film))
            .collect())
    }

    fn rows_of_serial(&self, ids: &[Id]) -> Result<Vec<SubmissionRow>> {
        let submissions = self.store.many_sorted::<Submission>(ids)?;
        let film_ids: Vec<Id> = submissions.iter().map(|s| s.film_id).collect();
        let films = self.store.many_sorted::<Film>(&film_ids)?;
        Ok(submissions
            .into_iter()
            .zip(films)
            .map(|(submission, film)| SubmissionRow { submission, film })
            .collect())
    }

    /// The categories of an edition, highest prize first.
    pub fn categories(&self, edition_id: Id) -> Result<Vec<Category>> {
        let ids = self
            .store
            .child_ids(keys::CATEGORIES_OF_EDITION, edition_id)?;
        let mut categories = self.store.many::<Category>(&ids)?;
        categories.sort_by_key(|c| (c.precedence, c.id));
        Ok(categories)
    }

    /// The nominations of a category, by their number.
    pub fn nominations(&self, category_id: Id) -> Result<Vec<Nomination>> {
        let ids = self
            .store
            .child_ids(keys::NOMINATIONS_OF_CATEGORY, category_id)?;
        let mut nominations = self.store.many::<Nomination>(&ids)?;
        nominations.sort_by_key(|n| (n.number, n.id));
        Ok(nominations)
    }

    /// The awards of a category (normally one).
    pub fn awards(&self, category_id: Id) -> Result<Vec<Award>> {
        let ids = self
            .store
            .child_ids(keys::AWARDS_OF_CATEGORY, category_id)?;
        Ok(self.store.many::<Award>(&ids)?)
    }

    /// A film with every edition it was entered in.
    pub fn film_record(&self, film_id: Id) -> Result<FilmRecord> {
        let film = self.film(film_id)?;
        let ids = self.store.child_ids(keys::SUBMISSIONS_OF_FILM, film_id)?;
        let mut appearances = Vec::new();
        for submission in self.store.many::<Submission>(&ids)? {
            let Some(edition) = self.store.get::<Edition>(submission.edition_id)? else {
                continue;
            };
            let Some(festival) = self.store.get::<Festival>(edition.festival_id)? else {
                continue;
            };
            let nomination_ids = self
                .store
                .child_ids(keys::NOMINATIONS_OF_SUBMISSION, submission.id)?;
            let mut nominations = Vec::new();
            for nomination in self.store.many::<Nomination>(&nomination_ids)? {
                if let Some(category) = self.store.get::<Category>(nomination.category_id)? {
                    nominations.push((category, nomination));
                }
            }
            nominations.sort_by_key(|(c, _)| (c.precedence, c.id));
            let mut wins = Vec::new();
            for (category, nomination) in &nominations {
                let award_ids = self
                    .store
                    .child_ids(keys::AWARDS_OF_CATEGORY, category.id)?;
                let awards = self.store.many::<Award>(&award_ids)?;
                if awards.iter().any(|a| a.winners.contains(&nomination.id)) {
                    wins.push(category.clone());
                }
            }
            appearances.push(Appearance {
                edition,
                festival,
                submission,
                nominations,
                wins,
            });
        }
        appearances.sort_by_key(|a| (a.edition.year, a.edition.start, a.edition.id));
        Ok(FilmRecord { film, appearances })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::DeskError;

    /// Chunked stored rows view as the rows `rows_of` gives, in the asked order (not id order),
    /// whatever the chunk size (one chunk is read on this thread, more on the two readers); an error
    /// of the printer stops the reading and is what comes back.
    #[test]
    fn stored_rows_in_chunks_are_rows_of_in_order_and_stop_at_the_printers_error() {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::open(&dir.path().join("store")).unwrap();
        let generated = desk.generate(300, 1, 3).unwrap();
        let edition = desk.edition(&generated.editions[0]).unwrap();
        let mut ids = desk.submission_ids(edition.id).unwrap();
        ids.reverse();
        ids.swap(0, 150);
        // An id asked twice is given twice.
        ids.push(ids[7]);
        let whole = desk.rows_of(&ids).unwrap();
        for chunk in [1, 7, 64, 300, 301, 1000] {
            let mut seen = Vec::new();
            desk.stored_rows_in_chunks::<DeskError>(&ids, chunk, |rows| {
                assert!(rows.len() <= chunk);
                for row in &rows {
                    let view = row.view()?;
                    seen.push((
                        view.submission.id,
                        view.film.id,
                        view.film.title.to_owned(),
                        view.submission.section.to_owned(),
                    ));
                }
                Ok(())
            })
            .unwrap();
            let expected: Vec<_> = whole
                .iter()
                .map(|r| {
                    (
                        r.submission.id,
                        r.film.id,
                        r.film.title.clone(),
                        r.submission.section.clone(),
                    )
                })
                .collect();
            assert_eq!(seen, expected, "chunk {chunk}");
        }
        let mut seen = 0;
        let stopped = desk.stored_rows_in_chunks(&ids, 10, |rows| {
            seen += rows.len();
            if seen >= 30 {
                return Err(DeskError::Refused("printer full".into()));
            }
            Ok(())
        });
        assert!(matches!(stopped, Err(DeskError::Refused(_))));
        assert_eq!(seen, 30, "nothing handed over after the error");
    }
}
