//! The read model compared with the records `check` read (docs/architecture.md#the-read-model):
//! every page of summaries derived again from the submissions and their films and compared with the
//! stored page, every count, and every stored page or count that no submission calls for.
//!
//! Deriving 100,000 summaries (folding every name, collation keys) is the largest part of `check`'s
//! own work, so it is cut into chunks of whole pages that either thread takes as it comes free
//! (`Jobs`); the problems are put back in the order one reader would find them: pages in id order
//! (within a page number, by edition), then the counts, then what is left over.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use crate::domain::{Film, Id, Submission};
use crate::store::read_model::{count_entry, left_over_and_outdated, page_entry, stored_differs};
use crate::store::summary::{Repeated, SubmissionSummary, page_of};
use crate::store::{Result, Store, keys};

/// How many submissions a chunk holds, about: 32 pages.
const CHUNK: usize = 2048;

/// What the records say, for the comparison.
pub(super) struct Derivation<'r> {
    /// Every film that decoded, in id order.
    pub films: &'r [Film],
    /// The ids of the films that did not decode, sorted: their submissions' pages cannot be judged.
    pub bad_films: &'r [Id],
    /// Every submission that decoded, in id order.
    pub submissions: &'r [Submission],
    /// The ids of the submissions that did not decode.
    pub bad_submissions: &'r [Id],
}

impl Derivation<'_> {
    /// The submissions cut into runs of whole pages (a page is never split between two chunks).
    pub fn chunks(&self) -> Vec<Range<usize>> {
        let mut chunks = Vec::new();
        let mut start = 0;
        for (at, pair) in self.submissions.windows(2).enumerate() {
            let end = at + 1;
            if end - start >= CHUNK && page_of(pair[0].id) != page_of(pair[1].id) {
                chunks.push(start..end);
                start = end;
            }
        }
        if start < self.submissions.len() {
            chunks.push(start..self.submissions.len());
        }
        chunks
    }

    fn film_unreadable(&self, id: Id) -> bool {
        self.bad_films.binary_search(&id).is_ok()
    }

    /// The submissions whose summaries are derived: those whose film decoded (or is missing).
    fn summarised(&self) -> impl Iterator<Item = &Submission> {
        self.submissions
            .iter()
            .filter(|s| !self.film_unreadable(s.film_id))
    }

    /// Derives the pages of one chunk and compares each with the stored one.
    pub fn check_chunk(&self, store: &Store, chunk: Range<usize>) -> Result<Vec<String>> {
        let mut pages: BTreeMap<(u64, Id), Vec<SubmissionSummary>> = BTreeMap::new();
        let mut repeated = Repeated::default();
        for submission in self.submissions.get(chunk).unwrap_or_default() {
            if self.film_unreadable(submission.film_id) {
                continue;
            }
            let film = self
                .films
                .binary_search_by_key(&submission.film_id, |f| f.id)
                .ok()
                .and_then(|at| self.films.get(at));
            pages
                .entry((page_of(submission.id), submission.edition_id))
                .or_default()
                .push(SubmissionSummary::sharing(submission, film, &mut repeated));
        }
        let mut problems = Vec::new();
        for ((page, edition), rows) in pages {
            let (key, value) = page_entry((edition, page), &rows)?;
            compare(store, &key, &value, &mut problems)?;
        }
        Ok(problems)
    }

    /// The counts, then every stored page or count no submission calls for, then whether the read
    /// model was derived by today's rules (`read_model::left_over_and_outdated`).
    pub fn check_rest(&self, store: &Store) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut expected: HashSet<Vec<u8>> = HashSet::new();
        let mut counts: BTreeMap<Id, u64> = BTreeMap::new();
        for submission in self.summarised() {
            expected.insert(keys::summary_page(
                submission.edition_id,
                page_of(submission.id),
            ));
            *counts.entry(submission.edition_id).or_default() += 1;
        }
        for (edition, count) in counts {
            let (key, value) = count_entry(edition, count);
            compare(store, &key, &value, &mut problems)?;
            expected.insert(key);
        }
        // Pages that would hold a submission (or a submission's film) that did not decode.
        let passed_over: HashSet<u64> = self
            .bad_submissions
            .iter()
            .map(|&id| page_of(id))
            .chain(
                self.submissions
                    .iter()
                    .filter(|s| self.film_unreadable(s.film_id))
                    .map(|s| page_of(s.id)),
            )
            .collect();
        problems.extend(left_over_and_outdated(store, &expected, &passed_over)?);
        Ok(problems)
    }
}

/// Compares one derived key with the stored one.
fn compare(store: &Store, key: &[u8], value: &[u8], problems: &mut Vec<String>) -> Result<()> {
    problems.extend(stored_differs(store, key, value)?);
    Ok(())
}
