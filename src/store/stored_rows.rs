//! Submissions and their films read as stored, for a listing that prints many of them.
//!
//! The values are kept as sled hands them out (shared, not copied) and viewed with their text
//! borrowed (`row_view`), so a row of a 100,000-row listing costs one allocation instead of about
//! thirty, and nothing read on one thread is freed piecemeal on another. Submissions and films are
//! read apart (`stored_submissions`, then `stored_films` of their film ids) so that two threads can
//! read the two ranges at once.

use sled::IVec;

use super::codec::{self, CodecError};
use super::record_scan::{self, RecordScan};
use super::row_view::{FilmView, SubmissionHead, SubmissionView};
use super::{Kind, Record, Result, Store, StoreError, keys};
use crate::domain::{Edition, Film, Id, Submission};

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
                    record_scan::find(&self.db, &self.path, kind, id)?.ok_or_else(|| missing(id))
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
        for item in RecordScan::new(&self.db, &self.path, kind, lo..=hi).records() {
            let (id, value) = item?;
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
    records: Option<RecordScan<'s>>,
    edition: Id,
    expected: usize,
    found: usize,
}

impl Store {
    /// The edition's submissions by one scan (`EditionSubmissions`), or `None` when they are spread
    /// too thinly among other editions' for a scan to pay (then read them by id).
    pub fn edition_submissions(&self, edition: Id) -> Result<Option<EditionSubmissions<'_>>> {
        self.usable()?;
        let bounds = self.child_id_bounds(keys::SUBMISSIONS_OF_EDITION, edition)?;
        let expected = self.submission_count(edition)?;
        let records = match bounds {
            // Up to twice as many records read as kept (and 64 to spare), or ask by id.
            Some((lo, hi)) if hi.saturating_sub(lo) / 2 > expected as u64 + 32 => return Ok(None),
            Some((lo, hi)) => Some(RecordScan::new(
                &self.db,
                &self.path,
                Kind::Submission,
                lo..=hi,
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
        loop {
            let Some(item) = self.records.as_mut().and_then(RecordScan::next_record) else {
                self.records = None;
                if self.found == self.expected {
                    return None;
                }
                let damage = self.mismatch();
                self.found = self.expected;
                return Some(Err(damage));
            };
            let (id, bytes) = match item {
                Ok(item) => item,
                Err(e) => {
                    self.records = None;
                    self.found = self.expected;
                    return Some(Err(e));
                }
            };
            let read = (|| {
                let bytes = current::<Submission>(id, bytes)?;
                let head = submission_head(id, &bytes)?;
                Ok(
                    (head.edition_id == self.edition).then_some(StoredSubmission {
                        id,
                        film_id: head.film_id,
                        bytes,
                    }),
                )
            })();
            match read {
                Ok(None) => {}
                Ok(Some(submission)) => {
                    self.found += 1;
                    return Some(Ok(submission));
                }
                // A record that cannot be read stops the listing only if it is one of this edition's
                // (by its index): another edition's damaged record between this edition's ids is
                // that edition's problem, which `check` reports, not a reason to list nothing here.
                Err(e) if !self.indexed(id) => drop(e),
                Err(e) => {
                    self.records = None;
                    self.found = self.expected;
                    return Some(Err(e));
                }
            }
        }
    }
}

impl EditionSubmissions<'_> {
    /// Whether the edition's index lists submission `id` (asked only of a record that cannot be
    /// read; a failed lookup counts as listed, so the record's own error is what the user hears).
    fn indexed(&self, id: Id) -> bool {
        let key = keys::pair(keys::SUBMISSIONS_OF_EDITION, self.edition, id);
        self.store
            .index_value(&key)
            .map_or(true, |value| value.is_some())
    }

    /// The damage when the scan found another number of the edition's submissions than the store
    /// counts: named by the edition's code and, where the index lists one, the first submission whose
    /// record is missing or names another edition (the scan's own path; `check` lists them all).
    fn mismatch(&self) -> StoreError {
        let store = self.store;
        let edition = match store.get::<Edition>(self.edition) {
            Ok(Some(edition)) => format!("edition {}", edition.code),
            _ => format!("edition #{}", self.edition),
        };
        let stray = store
            .child_ids(keys::SUBMISSIONS_OF_EDITION, self.edition)
            .unwrap_or_default()
            .into_iter()
            .find(|&id| match store.get::<Submission>(id) {
                Ok(Some(submission)) => submission.edition_id != self.edition,
                Ok(None) => true,
                Err(_) => false,
            });
        let reason = match stray {
            Some(id) => format!(
                "{edition} counts {} submission(s), its records {}: its index lists submission {id}, whose record is missing or names another edition",
                self.expected, self.found
            ),
            None => format!(
                "{edition} counts {} submission(s), its records {}",
                self.expected, self.found
            ),
        };
        StoreError::Damaged {
            path: store.path.clone(),
            reason,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SubmissionStatus;
    use crate::store::testing::set_record;
    use crate::store::{FilmV1, SubmissionV1};

    fn submission(id: Id, edition_id: Id, film_id: Id) -> Submission {
        Submission {
            id,
            edition_id,
            film_id,
            section: format!("section {id}"),
            status: SubmissionStatus::Eligible,
            original_status: String::new(),
            submitted: None,
            external_id: String::new(),
            notes: String::new(),
            history: Vec::new(),
        }
    }

    fn film(id: Id) -> Film {
        Film {
            id,
            title: format!("film {id}"),
            directors: vec![format!("director {id}")],
            ..Film::default()
        }
    }

    /// Records and index keys written as they are (no read model, no log), and each edition's
    /// count as given: so that a test can make them disagree.
    fn stored(path: &std::path::Path, submissions: &[Submission], counts: &[(Id, u64)]) -> Store {
        let store = Store::open(path).unwrap();
        for s in submissions {
            let db = &store.db;
            let film = film(s.film_id).encode().unwrap();
            set_record(db, Kind::Submission.tag(), s.id, Some(&s.encode().unwrap())).unwrap();
            set_record(db, Kind::Film.tag(), s.film_id, Some(&film)).unwrap();
        }
        let listed = submissions.iter().map(|s| {
            (
                keys::pair(keys::SUBMISSIONS_OF_EDITION, s.edition_id, s.id),
                Vec::new(),
            )
        });
        for (bucket, value) in crate::store::buckets::fill(listed) {
            store.db.insert(bucket, value).unwrap();
        }
        for &(edition, count) in counts {
            store
                .db
                .insert(keys::submission_count(edition), keys::id_value(count))
                .unwrap();
        }
        store
    }

    fn scanned(store: &Store, edition: Id) -> Option<Result<Vec<Id>>> {
        let scan = store.edition_submissions(edition).unwrap()?;
        Some(scan.map(|s| s.map(|s| s.id)).collect())
    }

    #[test]
    fn an_edition_is_scanned_in_id_order_past_other_editions_records() {
        let dir = tempfile::tempdir().unwrap();
        let mut submissions: Vec<Submission> = (1..=100).map(|id| submission(id, 1, id)).collect();
        submissions.push(submission(50, 2, 500));
        submissions.extend((101..=110).map(|id| submission(id, 2, id)));
        let store = stored(&dir.path().join("s"), &submissions, &[(1, 99), (2, 11)]);
        let one: Vec<Id> = (1..=100).filter(|&id| id != 50).collect();
        assert_eq!(scanned(&store, 1).unwrap().unwrap(), one);
        let mut two = vec![50];
        two.extend(101..=110);
        assert_eq!(scanned(&store, 2).unwrap().unwrap(), two);
        // An edition with no submissions at all.
        assert_eq!(scanned(&store, 3).unwrap().unwrap(), Vec::<Id>::new());
    }

    #[test]
    fn an_edition_spread_thinly_is_left_to_reads_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let submissions: Vec<Submission> = (0..5).map(|i| submission(1 + i * 100, 7, i)).collect();
        let store = stored(&dir.path().join("s"), &submissions, &[(7, 5)]);
        assert!(store.edition_submissions(7).unwrap().is_none());
    }

    /// Index, count and records that disagree end the scan with an error, not a short list.
    #[test]
    fn a_scan_that_finds_another_number_than_the_count_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let submissions: Vec<Submission> = (1..=10).map(|id| submission(id, 1, id)).collect();
        let store = stored(&dir.path().join("s"), &submissions, &[(1, 11)]);
        let scan = scanned(&store, 1).unwrap();
        assert!(
            matches!(scan, Err(StoreError::Damaged { ref reason, .. }) if reason.contains("counts 11 submission(s), its records 10")),
            "{scan:?}"
        );
    }

    /// Another edition's damaged record between this edition's ids is that edition's problem: this
    /// edition still lists. One of its own stops the scan, and a missing one is named.
    #[test]
    fn only_the_editions_own_damaged_records_stop_its_scan() {
        let dir = tempfile::tempdir().unwrap();
        // Even ids are edition 1's, odd ids edition 2's: each edition's range holds the other's.
        let submissions: Vec<Submission> =
            (1..=20).map(|id| submission(id, 1 + id % 2, id)).collect();
        let store = stored(&dir.path().join("s"), &submissions, &[(1, 10), (2, 10)]);
        // Cut before its ids end: the scan cannot tell whose it is without the index.
        let mut cut = submission(5, 2, 5).encode().unwrap();
        cut.truncate(3);
        set_record(&store.db, Kind::Submission.tag(), 5, Some(&cut)).unwrap();
        let evens: Vec<Id> = (1..=10).map(|i| i * 2).collect();
        assert_eq!(scanned(&store, 1).unwrap().unwrap(), evens);
        let odd = scanned(&store, 2).unwrap();
        assert!(
            matches!(odd, Err(StoreError::Record { id: 5, .. })),
            "{odd:?}"
        );
        set_record(&store.db, Kind::Submission.tag(), 8, None).unwrap();
        let missing = scanned(&store, 1).unwrap();
        assert!(
            matches!(missing, Err(StoreError::Damaged { ref reason, .. })
                if reason.contains("edition #1 counts 10 submission(s), its records 9: its index lists submission 8")),
            "{missing:?}"
        );
    }

    /// Records written in an older format are brought up to today's and view as they decode.
    #[test]
    fn older_formats_view_as_they_decode() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s")).unwrap();
        let film = FilmV1 {
            id: 4,
            title: "Old".into(),
            original_title: "قدیمی".into(),
            directors: vec!["A".into(), "B".into()],
            writers: vec![],
            producers: vec!["P".into()],
            cast: vec![],
            countries: vec!["Iran".into()],
            languages: vec![],
            year: Some(1999),
            runtime_minutes: Some(90),
            synopsis: "…".into(),
        };
        let submission = SubmissionV1 {
            id: 9,
            edition_id: 2,
            film_id: 4,
            section: "Shorts".into(),
            status: SubmissionStatus::Selected,
            original_status: "Selected".into(),
            submitted: chrono::NaiveDate::from_ymd_opt(1999, 1, 2),
            external_id: "X".into(),
            notes: "n".into(),
        };
        let db = &store.db;
        let film_v1 = codec::encode(1, &film).unwrap();
        set_record(db, Kind::Film.tag(), 4, Some(&film_v1)).unwrap();
        let submission_v1 = codec::encode(1, &submission).unwrap();
        set_record(db, Kind::Submission.tag(), 9, Some(&submission_v1)).unwrap();
        let (film, submission) = (Film::from(film), Submission::from(submission));
        let submissions = store.stored_submissions(&[9]).unwrap();
        assert_eq!(submissions[0].film_id(), 4);
        let films = store.stored_films(&[4]).unwrap();
        let row = StoredRow::new(submissions[0].clone(), films[0].clone());
        let view = row.view().unwrap();
        assert_eq!(
            (
                view.film.title,
                view.film.original_title,
                view.film.directors()
            ),
            (
                film.title.as_str(),
                film.original_title.as_str(),
                &["A", "B"][..]
            )
        );
        assert_eq!(
            (view.film.year, view.film.runtime_minutes),
            (Some(1999), Some(90))
        );
        assert_eq!(view.film.aliases(), &[] as &[&str]);
        assert_eq!(
            (
                view.submission.section,
                view.submission.submitted,
                view.submission.notes
            ),
            ("Shorts", submission.submitted, "n")
        );
    }

    /// Raw reads give every id asked, in the order asked (twice when asked twice), whichever way
    /// they read (lookups, a scan); a missing record is damage.
    #[test]
    fn raw_reads_follow_the_ids_asked() {
        let dir = tempfile::tempdir().unwrap();
        let submissions: Vec<Submission> = (1..=600).map(|id| submission(id, 1, id)).collect();
        let store = stored(&dir.path().join("s"), &submissions, &[(1, 600)]);
        let mut ids: Vec<Id> = (1..=600).rev().collect();
        ids.push(17);
        for ids in [&ids[..], &ids[..10], &[600, 1, 300][..]] {
            let got: Vec<Id> = store
                .stored_submissions(ids)
                .unwrap()
                .iter()
                .map(StoredSubmission::film_id)
                .collect();
            assert_eq!(got, ids);
            assert_eq!(
                store.many_sorted::<Submission>(ids).unwrap().len(),
                ids.len()
            );
        }
        let mut with_missing = ids.clone();
        with_missing.push(601);
        for ids in [&with_missing[..], &[601][..]] {
            assert!(matches!(
                store.stored_films(ids),
                Err(StoreError::Damaged { ref reason, .. }) if reason.contains("film 601")
            ));
        }
    }
}
