//! Submissions and their films read as stored, for a listing that prints many of them.
//!
//! The values are kept as sled hands them out (shared, not copied) and viewed with their text
//! borrowed (`row_view`), so a row of a 100,000-row listing costs one allocation instead of about
//! thirty, and nothing read on one thread is freed piecemeal on another. Submissions and films are
//! read apart (`stored_submissions`, then `stored_films` of their film ids) so that two threads can
//! read the two ranges at once.

use sled::IVec;

use super::boundary::AtStore;
use super::codec::{self, CodecError};
use super::row_view::{FilmView, SubmissionHead, SubmissionView};
use super::{Kind, Record, Result, Store, StoreError, keys};
use crate::domain::{Film, Id, Submission};

/// A stored submission in today's format, and the film it names.
#[derive(Debug, Clone)]
pub struct StoredSubmission {
    id: Id,
    film_id: Id,
    bytes: IVec,
}

impl StoredSubmission {
    pub fn film_id(&self) -> Id {
        self.film_id
    }
}

/// A stored film in today's format.
#[derive(Debug, Clone)]
pub struct StoredFilm {
    id: Id,
    bytes: IVec,
}

/// A submission with its film, as stored.
#[derive(Debug, Clone)]
pub struct StoredRow {
    submission: StoredSubmission,
    film: StoredFilm,
}

/// A submission and its film, their text pointing into a `StoredRow`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowView<'a> {
    pub submission: SubmissionView<'a>,
    pub film: FilmView<'a>,
}

impl StoredRow {
    pub fn new(submission: StoredSubmission, film: StoredFilm) -> StoredRow {
        StoredRow { submission, film }
    }

    /// The row's fields, checked as strictly as `Record::decode` checks a whole record (a value
    /// that does not decode is an error naming it), without copying its text.
    pub fn view(&self) -> Result<RowView<'_>> {
        Ok(RowView {
            submission: view::<Submission, _>(self.submission.id, &self.submission.bytes)?,
            film: view::<Film, _>(self.film.id, &self.film.bytes)?,
        })
    }
}

/// A value in `T`'s current format, viewed as `V`.
fn view<'a, T: Record, V: serde::Deserialize<'a>>(id: Id, bytes: &'a [u8]) -> Result<V> {
    let record_error = |source| StoreError::Record {
        kind: T::KIND.name(),
        id,
        source,
    };
    let (version, body) = codec::split_version(bytes).map_err(record_error)?;
    if version != T::VERSION {
        // `current` brought every value up to date: another version here is not one we stored.
        return Err(record_error(CodecError::UnknownVersion {
            found: version,
            known: T::VERSION.to_string(),
        }));
    }
    codec::decode_borrowed_body(body).map_err(record_error)
}

/// A stored value in `T`'s current format: as it is, or an older one decoded (`decode_older`) and
/// encoded again, so that views only ever meet today's format.
fn current<T: Record>(id: Id, bytes: IVec) -> Result<IVec> {
    if bytes.first() == Some(&T::VERSION) {
        return Ok(bytes);
    }
    let record_error = |source| StoreError::Record {
        kind: T::KIND.name(),
        id,
        source,
    };
    let record = T::decode(&bytes).map_err(record_error)?;
    Ok(IVec::from(record.encode().map_err(record_error)?))
}

impl Store {
    /// The submissions `ids` as stored, in the order asked, each with its film's id.
    pub fn stored_submissions(&self, ids: &[Id]) -> Result<Vec<StoredSubmission>> {
        self.raw_many_sorted(Kind::Submission, ids)?
            .into_iter()
            .zip(ids)
            .map(|(bytes, &id)| {
                let bytes = current::<Submission>(id, bytes)?;
                let head = submission_head(id, &bytes)?;
                Ok(StoredSubmission {
                    id,
                    film_id: head.film_id,
                    bytes,
                })
            })
            .collect()
    }

    /// The films `ids` as stored, in the order asked.
    pub fn stored_films(&self, ids: &[Id]) -> Result<Vec<StoredFilm>> {
        self.raw_many_sorted(Kind::Film, ids)?
            .into_iter()
            .zip(ids)
            .map(|(bytes, &id)| {
                Ok(StoredFilm {
                    id,
                    bytes: current::<Film>(id, bytes)?,
                })
            })
            .collect()
    }

    /// The stored values of records `ids` of one kind, in the order asked (an id asked twice is
    /// given twice). Read with one range scan in key order, unless the ids are few or far apart
    /// (then one lookup each: a scan reads every record between the lowest and the highest id).
    /// A missing record is damage: the ids come from an index or a summary.
    pub(super) fn raw_many_sorted(&self, kind: Kind, ids: &[Id]) -> Result<Vec<IVec>> {
        self.usable()?;
        let missing = |id: Id| StoreError::Damaged {
            path: self.path.clone(),
            reason: format!("an index names {} {id}, which does not exist", kind.name()),
        };
        let lookups = || {
            ids.iter()
                .map(|&id| {
                    self.db
                        .get(keys::record(kind.tag(), id))
                        .at(&self.path)?
                        .ok_or_else(|| missing(id))
                })
                .collect()
        };
        if ids.len() < 256 {
            return lookups();
        }
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_by_key(|&i| ids[i]);
        let (Some(&lo), Some(&hi)) = (
            order.first().map(|&i| &ids[i]),
            order.last().map(|&i| &ids[i]),
        ) else {
            return Ok(Vec::new());
        };
        if hi.saturating_sub(lo) / 4 > ids.len() as u64 {
            return lookups();
        }
        let mut found: Vec<Option<IVec>> = vec![None; ids.len()];
        let mut next = 0;
        let range = keys::record(kind.tag(), lo)..=keys::record(kind.tag(), hi);
        for item in self.db.range(range) {
            let (key, value) = item.at(&self.path)?;
            let id = keys::trailing_id(&key).unwrap_or_default();
            while next < order.len() && ids[order[next]] < id {
                next += 1;
            }
            while next < order.len() && ids[order[next]] == id {
                found[order[next]] = Some(value.clone());
                next += 1;
            }
            if next >= order.len() {
                break;
            }
        }
        found
            .into_iter()
            .zip(ids)
            .map(|(value, &id)| value.ok_or_else(|| missing(id)))
            .collect()
    }
}

/// The submissions of one edition as stored, in id order: one scan of the submission records from
/// the edition's lowest id to its highest, keeping those whose record names the edition. Cheaper
/// than reading its ids first (100,000 index keys) and then the records by id. Ends with an error if
/// it found another number of submissions than the store counts for the edition (index and records
/// disagree: `check` says where).
pub struct EditionSubmissions<'s> {
    store: &'s Store,
    records: Option<sled::Iter>,
    edition: Id,
    expected: usize,
    found: usize,
}

impl Store {
    /// The edition's submissions by one scan (`EditionSubmissions`), or `None` when they are spread
    /// too thinly among other editions' for a scan to pay (then read them by id).
    pub fn edition_submissions(&self, edition: Id) -> Result<Option<EditionSubmissions<'_>>> {
        self.usable()?;
        let prefix = keys::children(keys::SUBMISSIONS_OF_EDITION, edition);
        let mut index = self.db.scan_prefix(&prefix).keys();
        let first = index.next().transpose().at(&self.path)?;
        let last = index.next_back().transpose().at(&self.path)?.or(first.clone());
        let expected = self.submission_count(edition)?;
        let bounds = first
            .zip(last)
            .and_then(|(first, last)| keys::trailing_id(&first).zip(keys::trailing_id(&last)));
        let records = match bounds {
            // Up to twice as many records read as kept (and 64 to spare), or ask by id.
            Some((lo, hi)) if hi.saturating_sub(lo) / 2 > expected as u64 + 32 => return Ok(None),
            Some((lo, hi)) => Some(self.db.range(
                keys::record(Kind::Submission.tag(), lo)..=keys::record(Kind::Submission.tag(), hi),
            )),
            None => None,
        };
        Ok(Some(EditionSubmissions {
            store: self,
            records,
            edition,
            expected,
            found: 0,
        }))
    }
}

impl Iterator for EditionSubmissions<'_> {
    type Item = Result<StoredSubmission>;

    fn next(&mut self) -> Option<Self::Item> {
        let store = self.store;
        loop {
            let Some(item) = self.records.as_mut().and_then(Iterator::next) else {
                self.records = None;
                if self.found == self.expected {
                    return None;
                }
                let reason = format!(
                    "edition {} counts {} submission(s), its records {}",
                    self.edition, self.expected, self.found
                );
                self.found = self.expected;
                return Some(Err(StoreError::Damaged {
                    path: store.path.clone(),
                    reason,
                }));
            };
            let read = item.at(&store.path).and_then(|(key, bytes)| {
                let id = keys::trailing_id(&key).unwrap_or_default();
                let bytes = current::<Submission>(id, bytes)?;
                let head = submission_head(id, &bytes)?;
                Ok((head.edition_id == self.edition).then_some(StoredSubmission {
                    id,
                    film_id: head.film_id,
                    bytes,
                }))
            });
            match read {
                Ok(None) => {}
                Ok(Some(submission)) => {
                    self.found += 1;
                    return Some(Ok(submission));
                }
                Err(e) => {
                    self.records = None;
                    self.found = self.expected;
                    return Some(Err(e));
                }
            }
        }
    }
}

/// The ids at the start of a stored submission in today's format.
fn submission_head(id: Id, bytes: &[u8]) -> Result<SubmissionHead> {
    codec::decode_head(bytes.get(1..).unwrap_or_default()).map_err(|source| StoreError::Record {
        kind: Kind::Submission.name(),
        id,
        source,
    })
}
