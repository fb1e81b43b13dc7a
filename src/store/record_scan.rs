//! Reading records where schema 12 keeps them: sixteen consecutive ids of one kind to a sled value
//! (`buckets::record_bucket`). Every read of a record goes through here: one record by id (`find`),
//! or a kind's records in id order, whole or between two ids (`RecordScan`).
//!
//! A record is handed out as a slice of sled's copy of its bucket (`IVec::subslice`), not copied:
//! a listing of 100,000 rows reads 6,250 buckets and copies nothing it does not print.
//!
//! What a bucket can hold that no commit writes is told apart (`Held::Flaw`): a bucket that cannot be
//! read, and an entry kept in another record's bucket. `check` names both; every other reader stops
//! at the first (the store is damaged) and passes over the second, so that a record kept out of its
//! place is missing everywhere alike (as an index entry out of its bucket is, `index_read`).

use std::ops::RangeInclusive;
use std::path::Path;

use sled::IVec;

use super::boundary::AtStore;
use super::buckets::{self, BucketError};
use super::index_read::bucket_damage;
use super::records::Kind;
use super::{Result, keys};
use crate::domain::Id;

/// What a record bucket holds, one entry at a time.
pub(crate) enum Held {
    /// A record kept in its own bucket: its id and stored bytes.
    Record(Id, IVec),
    /// Something no commit writes (`Flaw::describe` says what).
    Flaw(Flaw),
}

pub(crate) enum Flaw {
    /// A bucket whose value cannot be read: none of its records can.
    Unreadable { bucket: IVec, error: BucketError },
    /// An entry kept in a bucket that is not its record's: no read by id finds it.
    Misplaced { entry: Vec<u8>, bucket: IVec },
    /// An entry whose key is not a record key of the bucket's kind (no commit makes one).
    Stray { entry: Vec<u8>, bucket: IVec },
}

impl Flaw {
    /// The flaw in `check`'s words, by the keys a user can look for (hex).
    pub fn describe(&self, kind: Kind) -> String {
        match self {
            Flaw::Unreadable { bucket, error } => format!(
                "{} bucket {} cannot be read: {error}",
                kind.name(),
                hex::encode(bucket)
            ),
            Flaw::Misplaced { entry, bucket } => format!(
                "{} entry {} is kept in bucket {}, not in its own",
                kind.name(),
                hex::encode(entry),
                hex::encode(bucket)
            ),
            Flaw::Stray { entry, bucket } => format!(
                "{} bucket {} holds {}, which is not the key of a {}",
                kind.name(),
                hex::encode(bucket),
                hex::encode(entry),
                kind.name()
            ),
        }
    }
}

/// The stored bytes of record `id` of `kind`, or `None`. A bucket that cannot be read is damage.
pub(crate) fn find(db: &sled::Db, path: &Path, kind: Kind, id: Id) -> Result<Option<IVec>> {
    let bucket = buckets::record_bucket(kind.tag(), id);
    let Some(value) = db.get(&bucket).at(path)? else {
        return Ok(None);
    };
    let key = keys::record(kind.tag(), id);
    let held = buckets::entries(&value).map_err(|error| bucket_damage(path, &bucket, &error))?;
    Ok(held
        .into_iter()
        .find(|(k, _)| *k == key.as_slice())
        .map(|(_, record)| slice_of(&value, record)))
}

/// A kind's records in id order, bucket by bucket, with what cannot be read among them (`Held`).
pub(crate) struct RecordScan<'s> {
    kind: Kind,
    path: &'s Path,
    ids: RangeInclusive<Id>,
    buckets: sled::Iter,
    held: std::vec::IntoIter<Held>,
}

impl<'s> RecordScan<'s> {
    /// The records of `kind` whose ids are in `ids`.
    pub fn new(db: &sled::Db, path: &'s Path, kind: Kind, ids: RangeInclusive<Id>) -> Self {
        let (lo, hi) = (*ids.start(), *ids.end());
        let range = buckets::record_bucket(kind.tag(), lo)..=buckets::record_bucket(kind.tag(), hi);
        RecordScan {
            kind,
            path,
            ids,
            buckets: db.range(range),
            held: Vec::new().into_iter(),
        }
    }

    /// Every record of `kind`.
    pub fn all(db: &sled::Db, path: &'s Path, kind: Kind) -> Self {
        Self::new(db, path, kind, 0..=Id::MAX)
    }

    /// The records only, in id order: a bucket that cannot be read is an error naming it (in its
    /// place; the scan goes on past it), and an entry out of its place is passed over (see the
    /// module).
    pub fn records(mut self) -> impl Iterator<Item = Result<(Id, IVec)>> + 's {
        std::iter::from_fn(move || self.next_record())
    }

    /// The next record (see `records`).
    pub fn next_record(&mut self) -> Option<Result<(Id, IVec)>> {
        loop {
            return match self.next()? {
                Ok(Held::Record(id, bytes)) => Some(Ok((id, bytes))),
                Ok(Held::Flaw(Flaw::Misplaced { .. } | Flaw::Stray { .. })) => continue,
                Ok(Held::Flaw(Flaw::Unreadable { bucket, error })) => {
                    Some(Err(bucket_damage(self.path, &bucket, &error)))
                }
                Err(e) => Some(Err(e)),
            };
        }
    }

    /// What one bucket holds, in id order.
    fn read(&self, bucket: IVec, value: &IVec) -> Vec<Held> {
        let entries = match buckets::entries(value) {
            Ok(entries) => entries,
            Err(error) => return vec![Held::Flaw(Flaw::Unreadable { bucket, error })],
        };
        entries
            .into_iter()
            .filter_map(|(key, record)| {
                if key.len() != 9 || key.first() != Some(&self.kind.tag()) {
                    return Some(Held::Flaw(Flaw::Stray {
                        entry: key.to_vec(),
                        bucket: bucket.clone(),
                    }));
                }
                if buckets::bucket_of(key).as_deref() != Some(bucket.as_ref()) {
                    return Some(Held::Flaw(Flaw::Misplaced {
                        entry: key.to_vec(),
                        bucket: bucket.clone(),
                    }));
                }
                let id = keys::trailing_id(key).unwrap_or_default();
                self.ids
                    .contains(&id)
                    .then(|| Held::Record(id, slice_of(value, record)))
            })
            .collect()
    }
}

impl Iterator for RecordScan<'_> {
    type Item = Result<Held>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(held) = self.held.next() {
                return Some(Ok(held));
            }
            let (bucket, value) = match self.buckets.next()?.at(self.path) {
                Ok(item) => item,
                Err(e) => return Some(Err(e)),
            };
            self.held = self.read(bucket, &value).into_iter();
        }
    }
}

/// `part` (a slice of `value`) as a slice of sled's value, sharing its memory.
fn slice_of(value: &IVec, part: &[u8]) -> IVec {
    let offset = (part.as_ptr() as usize).saturating_sub(value.as_ptr() as usize);
    value.subslice(offset, part.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::set_record;
    use crate::store::{Store, StoreError};

    /// A store whose films 1..=40 hold their id as text, written straight into their buckets.
    fn store_of_films(dir: &tempfile::TempDir) -> Store {
        let store = Store::open(&dir.path().join("s")).unwrap();
        for id in 1..=40u64 {
            set_record(
                &store.db,
                Kind::Film.tag(),
                id,
                Some(id.to_string().as_bytes()),
            )
            .unwrap();
        }
        store
    }

    fn ids(scan: RecordScan<'_>) -> Vec<Id> {
        scan.records().map(|item| item.unwrap().0).collect()
    }

    #[test]
    fn a_record_is_found_among_its_buckets_sixteen() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_of_films(&dir);
        let found = find(&store.db, &store.path, Kind::Film, 17)
            .unwrap()
            .unwrap();
        assert_eq!(found.as_ref(), b"17");
        assert_eq!(find(&store.db, &store.path, Kind::Film, 41).unwrap(), None);
        assert_eq!(
            find(&store.db, &store.path, Kind::Edition, 17).unwrap(),
            None
        );
    }

    #[test]
    fn a_slice_of_a_large_value_shares_its_memory() {
        let value = IVec::from((0..100u8).collect::<Vec<u8>>());
        let part = slice_of(&value, &value[10..20]);
        assert_eq!(part.as_ref(), &value[10..20]);
        assert_eq!(part.as_ptr(), value[10..].as_ptr(), "not a copy");
    }

    #[test]
    fn a_scan_gives_the_ids_asked_in_order_across_buckets() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_of_films(&dir);
        let (db, path) = (&store.db, store.path.as_path());
        assert_eq!(
            ids(RecordScan::all(db, path, Kind::Film)),
            (1..=40).collect::<Vec<_>>()
        );
        assert_eq!(
            ids(RecordScan::new(db, path, Kind::Film, 15..=33)),
            (15..=33).collect::<Vec<_>>()
        );
        assert_eq!(
            ids(RecordScan::new(db, path, Kind::Film, 41..=99)),
            Vec::<Id>::new()
        );
        assert_eq!(
            ids(RecordScan::all(db, path, Kind::Submission)),
            Vec::<Id>::new()
        );
    }

    #[test]
    fn a_misplaced_entry_is_a_flaw_that_reads_pass_over() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_of_films(&dir);
        // Film 3's entry put into the bucket of films 16..=31, beside them.
        let bucket = buckets::record_bucket(Kind::Film.tag(), 20);
        let value = store.db.get(&bucket).unwrap().unwrap();
        let mut held: Vec<(Vec<u8>, Vec<u8>)> = buckets::entries(&value)
            .unwrap()
            .into_iter()
            .map(|(k, v)| (k.to_vec(), v.to_vec()))
            .collect();
        held.insert(0, (keys::record(Kind::Film.tag(), 3), b"stray".to_vec()));
        let value =
            buckets::encode(held.iter().map(|(k, v)| (k.as_slice(), v.as_slice()))).unwrap();
        store.db.insert(&bucket, value).unwrap();
        let (db, path) = (&store.db, store.path.as_path());
        assert_eq!(
            ids(RecordScan::all(db, path, Kind::Film)),
            (1..=40).collect::<Vec<_>>()
        );
        assert_eq!(
            find(db, path, Kind::Film, 3).unwrap().unwrap().as_ref(),
            b"3"
        );
        let flaws: Vec<String> = RecordScan::all(db, path, Kind::Film)
            .filter_map(|held| match held.unwrap() {
                Held::Flaw(flaw) => Some(flaw.describe(Kind::Film)),
                Held::Record(..) => None,
            })
            .collect();
        assert_eq!(
            flaws,
            vec![
                "film entry 030000000000000003 is kept in bucket 030000000000000001, not in its own"
                    .to_string()
            ]
        );
    }

    #[test]
    fn an_unreadable_bucket_is_damage_named_by_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_of_films(&dir);
        let bucket = buckets::record_bucket(Kind::Film.tag(), 20);
        store.db.insert(&bucket, vec![1, 0, 0, 0, 9]).unwrap();
        let (db, path) = (&store.db, store.path.as_path());
        let expected = "the film bucket 030000000000000001 cannot be read (it ends in the middle of an \
                        entry); `jurydesk check` lists every problem";
        let damage = |result: Result<Option<IVec>>| match result {
            Err(StoreError::Damaged { reason, .. }) => reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(damage(find(db, path, Kind::Film, 20)), expected);
        let read: Vec<Result<(Id, IVec)>> =
            RecordScan::all(db, path, Kind::Film).records().collect();
        assert_eq!(read.len(), 25, "films 1..=15, the damage, films 32..=40");
        assert!(matches!(&read[15], Err(StoreError::Damaged { reason, .. }) if reason == expected));
        assert!(matches!(&read[16], Ok((32, _))));
        // Films in other buckets are still found by id.
        assert_eq!(
            find(db, path, Kind::Film, 33).unwrap().unwrap().as_ref(),
            b"33"
        );
    }
}
