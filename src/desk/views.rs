//! Read models: what the panes and `list` show, gathered through the indexes (never a scan of
//! everything to find a few).

use std::collections::HashMap;

use super::{Desk, Result};
use crate::domain::{Award, Category, Edition, Festival, Film, Id, Nomination, Submission};
use crate::store::{SubmissionSummary, keys};

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
