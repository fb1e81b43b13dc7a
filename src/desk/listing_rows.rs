//! Many submissions with their films, handed to a printer chunk by chunk as they are read: what
//! `list submissions` prints. The rows are as stored (`StoredRow`, viewed by the printer without a
//! copy). Two threads read ahead, one the submissions and one their films, so sled reads the two
//! ranges at once while the printer prints the chunk before; no more than a few chunks are ever in
//! memory (a listing of 100,000 rows held whole was 330 MB).

use std::sync::mpsc::sync_channel;

use super::{Desk, DeskError, Result};
use crate::domain::Id;
use crate::store::{StoredRow, StoredSubmission};

/// Chunks of stored submissions, from the `n`th row of the listing on.
type Chunks<'a> = Box<dyn Iterator<Item = Result<Vec<StoredSubmission>>> + Send + 'a>;

impl Desk {
    /// The rows of these submissions in the same order, handed to `each` `chunk` at a time. Stops at
    /// the first error, `each`'s or the store's.
    pub fn stored_rows_in_chunks<E: From<DeskError>>(
        &self,
        ids: &[Id],
        chunk: usize,
        each: impl FnMut(Vec<StoredRow>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let chunk = chunk.max(1);
        let from = |n: usize| -> Result<Chunks<'_>> {
            Ok(Box::new(
                ids.get(n..)
                    .unwrap_or_default()
                    .chunks(chunk)
                    .map(|ids| Ok(self.store.stored_submissions(ids)?)),
            ))
        };
        self.read_ahead(ids.len() <= chunk, from, each)
    }

    /// The first `limit` submissions of an edition in id order (what `list submissions` prints
    /// without a search or another order), with their films, `chunk` at a time: read with one scan
    /// of the submission records when the edition's lie close together, by id otherwise.
    pub fn edition_rows_in_chunks<E: From<DeskError>>(
        &self,
        edition_id: Id,
        limit: usize,
        chunk: usize,
        each: impl FnMut(Vec<StoredRow>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let chunk = chunk.max(1);
        if self
            .store
            .edition_submissions(edition_id)
            .map_err(DeskError::from)?
            .is_none()
        {
            let mut ids = self.submission_ids(edition_id)?;
            ids.truncate(limit);
            return self.stored_rows_in_chunks(&ids, chunk, each);
        }
        let from = |n: usize| -> Result<Chunks<'_>> {
            let mut scan = self
                .store
                .edition_submissions(edition_id)?
                .into_iter()
                .flatten()
                .take(limit)
                .skip(n);
            Ok(Box::new(std::iter::from_fn(move || {
                let next: Result<Vec<StoredSubmission>> =
                    scan.by_ref().take(chunk).map(|s| Ok(s?)).collect();
                match next {
                    Ok(rows) if rows.is_empty() => None,
                    next => Some(next),
                }
            })))
        };
        self.read_ahead(limit <= chunk, from, each)
    }

    /// Reads the chunks `from(0)` gives with their films and hands them to `each`: on this thread
    /// when `small`, else on two reader threads. A reader that died (a panic in sled) leaves rows
    /// unprinted: they are read here instead, from `from(printed)`.
    fn read_ahead<'a, E: From<DeskError>>(
        &'a self,
        small: bool,
        from: impl Fn(usize) -> Result<Chunks<'a>> + Sync,
        mut each: impl FnMut(Vec<StoredRow>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        if small {
            for read in from(0)? {
                each(self.with_films(read?)?)?;
            }
            return Ok(());
        }
        std::thread::scope(|scope| {
            // Two chunks ahead at most at each step: a reader waits for the next one beyond that.
            let (to_films, submissions) = sync_channel::<Result<Vec<StoredSubmission>>>(2);
            let (to_printer, rows) = sync_channel::<Result<Vec<StoredRow>>>(2);
            let from = &from;
            let submission_reader = scope.spawn(move || {
                let chunks = match from(0) {
                    Ok(chunks) => chunks,
                    Err(e) => {
                        let _ = to_films.send(Err(e));
                        return;
                    }
                };
                for read in chunks {
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
            if died && outcome.is_ok() {
                for read in from(printed)? {
                    each(self.with_films(read?)?)?;
                }
            }
            outcome
        })
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
