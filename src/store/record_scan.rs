//! Reading records where schema 12 keeps them: sixteen consecutive ids of one kind to a sled value
//! (`buckets::record_bucket`). Every read of a record goes through here: one record by id (`find`),
//! or a kind's records in id order, whole or between two ids (`RecordScan`).
//!
//! A record is handed out as a slice of sled's copy of its bucket (`IVec::subslice`), not copied:
//! a listing of 100,000 rows reads 6,250 buckets and copies nothing it does not print.
//!
//! What the records' keys can hold that no commit writes is told apart (`Held::Flaw`): a bucket that
//! cannot be read, an entry kept in another record's bucket, an entry that is no record's, a key that
//! is no bucket's. `check` names each and reads on (and so does its single-reader reference, through
//! `find_own`); every other reader stops at the first, saying the store is damaged: a record out of
//! its place must not be left out quietly (a backup that left it out would be refused when restored,
//! or restore less than the store held).

use std::ops::RangeInclusive;
use std::path::Path;

use sled::IVec;

use super::boundary::AtStore;
use super::buckets::{self, BucketError};
use super::index_read::bucket_damage;
use super::records::Kind;
use super::{Result, StoreError, keys};
use crate::domain::Id;

/// What the keys of a kind of record hold, one entry at a time.
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
    /// A key under the kind's tag that is not a bucket's (no commit makes one): not read.
    NotABucket { key: IVec },
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
            Flaw::NotABucket { key } => format!(
                "the {} records hold a key {} that is not a bucket's",
                kind.name(),
                hex::encode(key)
            ),
        }
    }

    /// The flaw as the damage a command that meets it reports.
    fn damage(&self, path: &Path, kind: Kind) -> StoreError {
        match self {
            Flaw::Unreadable { bucket, error } => bucket_damage(path, bucket, error),
            _ => StoreError::Damaged {
                path: path.to_path_buf(),
                reason: format!(
                    "{}; `jurydesk check` lists every problem",
                    self.describe(kind)
                ),
            },
        }
    }
}

/// The stored bytes of record `id` of `kind`, or `None`. A bucket that cannot be read, or that holds
/// an entry no commit would put there, is damage.
pub(crate) fn find(db: &sled::Db, path: &Path, kind: Kind, id: Id) -> Result<Option<IVec>> {
    look_up(db, path, kind, id, Strict::Yes)
}

/// Like `find`, as `check` reads (its single-reader reference, `read_model`'s `Skip`): the record if
/// its own bucket holds it, whatever else the bucket holds; a bucket that cannot be read is damage.
pub(crate) fn find_own(db: &sled::Db, path: &Path, kind: Kind, id: Id) -> Result<Option<IVec>> {
    look_up(db, path, kind, id, Strict::No)
}

/// Whether a read by id refuses a bucket that holds an entry out of its place.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strict {
    Yes,
    No,
}

fn look_up(db: &sled::Db, path: &Path, kind: Kind, id: Id, strict: Strict) -> Result<Option<IVec>> {
    let bucket = buckets::record_bucket(kind.tag(), id);
    let Some(value) = db.get(&bucket).at(path)? else {
        return Ok(None);
    };
    let key = keys::record(kind.tag(), id);
    let held = buckets::entries(&value).map_err(|error| bucket_damage(path, &bucket, &error))?;
    let bucket = IVec::from(bucket);
    let mut found = None;
    for (entry, record) in held {
        if strict == Strict::Yes
            && let Some(flaw) = misfiled(kind, &bucket, entry)
        {
            return Err(flaw.damage(path, kind));
        }
        if entry == key.as_slice() {
            found = Some(slice_of(&value, record));
        }
    }
    Ok(found)
}

/// Why the entry `entry` does not belong in record bucket `bucket` of `kind`, if it does not. Its
/// place is worked out from the ids alone (a bucket's number is its records' ids over 16), so a read
/// by id checks its bucket's sixteen entries without building their buckets' keys.
fn misfiled(kind: Kind, bucket: &IVec, entry: &[u8]) -> Option<Flaw> {
    if entry.len() != 9 || entry.first() != Some(&kind.tag()) {
        return Some(Flaw::Stray {
            entry: entry.to_vec(),
            bucket: bucket.clone(),
        });
    }
    let (id, number) = (keys::trailing_id(entry)?, keys::trailing_id(bucket)?);
    (buckets::record_bucket_number(id) != number).then(|| Flaw::Misplaced {
        entry: entry.to_vec(),
        bucket: bucket.clone(),
    })
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
        Self::over(db.range(range), path, kind, ids)
    }

    /// Every record of `kind`, and every key under its tag: one that is no bucket's is a flaw too.
    pub fn all(db: &sled::Db, path: &'s Path, kind: Kind) -> Self {
        Self::over(db.scan_prefix([kind.tag()]), path, kind, 0..=Id::MAX)
    }

    fn over(buckets: sled::Iter, path: &'s Path, kind: Kind, ids: RangeInclusive<Id>) -> Self {
        RecordScan {
            kind,
            path,
            ids,
            buckets,
            held: Vec::new().into_iter(),
        }
    }

    /// The records only, in id order: any flaw is an error naming it (in its place; the scan goes on
    /// past it), as the module says.
    pub fn records(mut self) -> impl Iterator<Item = Result<(Id, IVec)>> + 's {
        std::iter::from_fn(move || self.next_record())
    }

    /// The next record (see `records`).
    pub fn next_record(&mut self) -> Option<Result<(Id, IVec)>> {
        Some(match self.next()? {
            Ok(Held::Record(id, bytes)) => Ok((id, bytes)),
            Ok(Held::Flaw(flaw)) => Err(flaw.damage(self.path, self.kind)),
            Err(e) => Err(e),
        })
    }

    /// What one key under the kind's tag holds, in id order.
    fn read(&self, bucket: IVec, value: &IVec) -> Vec<Held> {
        // A bucket's key is the tag and a bucket number, no higher than the last id's.
        let number = keys::trailing_id(&bucket).unwrap_or(Id::MAX);
        if bucket.len() != 9 || number > buckets::record_bucket_number(Id::MAX) {
            return vec![Held::Flaw(Flaw::NotABucket { key: bucket })];
        }
        let entries = match buckets::entries(value) {
            Ok(entries) => entries,
            Err(error) => return vec![Held::Flaw(Flaw::Unreadable { bucket, error })],
        };
        entries
            .into_iter()
            .filter_map(|(key, record)| {
                if let Some(flaw) = misfiled(self.kind, &bucket, key) {
                    return Some(Held::Flaw(flaw));
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
    fn a_misplaced_entry_is_a_flaw_that_stops_every_read_but_checks() {
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
        let flaw =
            "film entry 030000000000000003 is kept in bucket 030000000000000001, not in its own";
        let damage = |error: StoreError| match error {
            StoreError::Damaged { reason, .. } => reason,
            other => panic!("{other:?}"),
        };
        // A scan (a listing, a backup) stops there instead of leaving the entry out.
        let read: Vec<Result<(Id, IVec)>> =
            RecordScan::all(db, path, Kind::Film).records().collect();
        let errors: Vec<String> = read
            .into_iter()
            .filter_map(|item| item.err().map(damage))
            .collect();
        assert_eq!(
            errors,
            vec![format!("{flaw}; `jurydesk check` lists every problem")]
        );
        // So does a read by id of the bucket that holds it; film 3's own bucket is sound.
        assert!(
            find(db, path, Kind::Film, 20)
                .map(|_| ())
                .map_err(damage)
                .unwrap_err()
                .starts_with(flaw)
        );
        assert_eq!(
            find(db, path, Kind::Film, 3).unwrap().unwrap().as_ref(),
            b"3"
        );
        // `check` reads on, naming it once.
        let flaws: Vec<String> = RecordScan::all(db, path, Kind::Film)
            .filter_map(|held| match held.unwrap() {
                Held::Flaw(flaw) => Some(flaw.describe(Kind::Film)),
                Held::Record(..) => None,
            })
            .collect();
        assert_eq!(flaws, vec![flaw.to_string()]);
    }

    /// Keys under a kind's tag that no bucket has (too short, too long, a bucket number past the
    /// last): `check` names each, in key order, and reads the buckets around them.
    #[test]
    fn a_key_that_is_no_buckets_is_a_flaw() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_of_films(&dir);
        let tag = Kind::Film.tag();
        for key in [
            vec![tag],
            vec![tag, 0xaa],
            vec![tag, 0, 0, 0, 0, 0, 0, 0, 1, 7],
            vec![tag, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        ] {
            store.db.insert(key, vec![1]).unwrap();
        }
        let (db, path) = (&store.db, store.path.as_path());
        let mut records = 0;
        let mut flaws = Vec::new();
        for held in RecordScan::all(db, path, Kind::Film) {
            match held.unwrap() {
                Held::Record(..) => records += 1,
                Held::Flaw(flaw) => flaws.push(flaw.describe(Kind::Film)),
            }
        }
        assert_eq!(records, 40);
        assert_eq!(
            flaws,
            ["03", "03000000000000000107", "03aa", "03ffffffffffffffff"]
                .map(|key| format!("the film records hold a key {key} that is not a bucket's"))
        );
        assert!(
            RecordScan::all(db, path, Kind::Film)
                .records()
                .any(|item| item.is_err())
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
