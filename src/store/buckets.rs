//! Index entries kept many to a sled value: "buckets" (schema 11, issue 17).
//!
//! Why: sled's cost is per key, not per byte (`benches/import_floor`: the 600,000 keys a 100k import
//! wrote cost 5.9 s of sled's CPU; the 200,000 records alone 1.8 s). Four indexes had one key per
//! submission or film: the submissions of an edition (0x43) and of a film (0x44), the outside ids
//! (0x4B) and the films by identity (0x4C). Each is now kept in buckets: one sled value holds the
//! entries of many, so a 100k import writes about 23,000 index values instead of 400,000 keys.
//!
//! What an index holds does not change: records still call for the same entries (`Record::
//! index_entries`, a key and a value each, the "logical" entries), `check` still compares them with
//! what is stored, one for one, and reports them by the same keys. Only where they are kept changes
//! (`bucket_of`):
//!
//! ```text
//! 0x43 edition submission      -> bucket 0x43 edition (submission / 64)   an edition's list stays one range
//! 0x44 film submission         -> bucket 0x44 (film / 64)                 64 films' submissions
//! 0x4B edition outside-id      -> bucket 0x4B edition hash(outside-id)    4,096 buckets per edition at most
//! 0x4C identity film           -> bucket 0x4C hash(identity)              16,384 buckets in all
//! ```
//!
//! A bucket's value is written by hand here (it is a layout, like the keys, not a record): a format
//! byte, the number of entries, then each entry's key and value, each with its length, in key order.
//! It is read in place, without copying, because an import looks up two buckets per row.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::keys;
use crate::domain::Id;

/// The format byte every bucket value starts with.
pub const FORMAT: u8 = 1;

/// How many ids share a bucket of the id-keyed indexes: 64 consecutive submission ids of one edition
/// (0x43), or the submissions of 64 consecutive films (0x44). Imports allocate ids in runs, so an
/// import's entries fill whole buckets.
const ID_SHIFT: u32 = 6;

/// How many buckets an edition's outside ids are spread over: about 25 entries, a kilobyte, per bucket
/// in an edition of 100,000.
const OUTSIDE_ID_BUCKETS: u64 = 4096;

/// How many buckets the film identities of the whole store are spread over: about 60 entries, three
/// kilobytes, per bucket at a million films. A commit of many rows rewrites nearly every bucket it
/// touches whole, so fewer, bigger buckets would write more (a million rows generated 5,000 at a time
/// wrote a store of 6 GB with 4,096), and more, smaller ones would bring back a key per film.
const IDENTITY_BUCKETS: u64 = 16_384;

/// The prefixes whose entries are kept in buckets.
pub const BUCKETED: [u8; 4] = [
    keys::SUBMISSIONS_OF_EDITION,
    keys::SUBMISSIONS_OF_FILM,
    keys::SUBMISSION_BY_EXTERNAL_ID,
    keys::FILMS_BY_IDENTITY,
];

/// Whether the buckets of `prefix`, read in key order, hold its entries in key order too: true of the
/// buckets of consecutive ids (an entry's bucket grows with its key), not of the hashed ones.
pub fn in_key_order(prefix: u8) -> bool {
    !matches!(
        prefix,
        keys::SUBMISSION_BY_EXTERNAL_ID | keys::FILMS_BY_IDENTITY
    )
}

/// Whether entries under `prefix` are kept in buckets (otherwise one sled key each).
pub fn is_bucketed(prefix: u8) -> bool {
    BUCKETED.contains(&prefix)
}

/// The key of the bucket that keeps the logical index entry `key`, or `None` when its prefix keeps one
/// sled key per entry. Keys the records build always have every part; a part that is missing reads as
/// zeros, so that any key has one place.
pub fn bucket_of(key: &[u8]) -> Option<Vec<u8>> {
    let (&prefix, rest) = key.split_first()?;
    match prefix {
        keys::SUBMISSIONS_OF_EDITION => {
            let (edition, submission) = (id_at(rest, 0), id_at(rest, 8));
            Some(keys::pair(prefix, edition, submission >> ID_SHIFT))
        }
        keys::SUBMISSIONS_OF_FILM => Some(keys::children(prefix, id_at(rest, 0) >> ID_SHIFT)),
        keys::SUBMISSION_BY_EXTERNAL_ID => {
            let mut bucket = keys::children(prefix, id_at(rest, 0));
            bucket.extend_from_slice(&hashed(
                rest.get(8..).unwrap_or_default(),
                OUTSIDE_ID_BUCKETS,
            ));
            Some(bucket)
        }
        keys::FILMS_BY_IDENTITY => {
            let identity = &key[..key.len().saturating_sub(8).max(1)];
            Some(identity_bucket(identity))
        }
        _ => None,
    }
}

/// The bucket of every film with this identity (`keys::film_identity`, without a film id).
pub fn identity_bucket(identity: &[u8]) -> Vec<u8> {
    let mut bucket = vec![keys::FILMS_BY_IDENTITY];
    bucket.extend_from_slice(&hashed(
        identity.get(1..).unwrap_or_default(),
        IDENTITY_BUCKETS,
    ));
    bucket
}

/// Where the entries `prefix parent *` of a one-to-many index are kept: a range of buckets to scan
/// (0x43: an edition's buckets are one range) or the one bucket to read (0x44).
pub enum Children {
    Scan(Vec<u8>),
    One(Vec<u8>),
}

/// Where the children of `parent` under the bucketed one-to-many index `prefix` are kept.
pub fn children_of(prefix: u8, parent: Id) -> Children {
    if prefix == keys::SUBMISSIONS_OF_FILM {
        Children::One(keys::children(prefix, parent >> ID_SHIFT))
    } else {
        Children::Scan(keys::children(prefix, parent))
    }
}

fn id_at(bytes: &[u8], at: usize) -> Id {
    let mut id = [0u8; 8];
    for (to, from) in id.iter_mut().zip(bytes.iter().skip(at)) {
        *to = *from;
    }
    Id::from_be_bytes(id)
}

/// Two bytes naming one of `buckets` buckets (at most 65,536): 64-bit FNV-1a, folded. It is part of
/// the layout: changing it misplaces every stored entry (a test pins it).
fn hashed(bytes: &[u8], buckets: u64) -> [u8; 2] {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let folded = (hash ^ (hash >> 32)) % buckets.min(1 << 16);
    // Below 65,536: fits two bytes.
    [(folded >> 8) as u8, (folded & 0xff) as u8]
}

/// Why a bucket's value cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BucketError {
    Format(Option<u8>),
    Truncated,
    Trailing,
    OutOfOrder,
    Empty,
}

impl fmt::Display for BucketError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BucketError::Format(Some(found)) => {
                write!(f, "its format byte is {found}, not {FORMAT}")
            }
            BucketError::Format(None) => write!(f, "it is empty"),
            BucketError::Truncated => write!(f, "it ends in the middle of an entry"),
            BucketError::Trailing => write!(f, "bytes follow its last entry"),
            BucketError::OutOfOrder => write!(f, "its entries are out of order or repeated"),
            BucketError::Empty => write!(f, "it holds no entry"),
        }
    }
}

/// One entry of a bucket, borrowed from the stored value.
pub type Entry<'b> = (&'b [u8], &'b [u8]);

/// A bucket's entries, read in place, in key order; any flaw of the value is an error (a stored bucket
/// is never empty: the last entry's removal removes it).
pub fn entries(value: &[u8]) -> Result<Vec<Entry<'_>>, BucketError> {
    let (&format, rest) = value.split_first().ok_or(BucketError::Format(None))?;
    if format != FORMAT {
        return Err(BucketError::Format(Some(format)));
    }
    let (count, mut rest) = take_len(rest)?;
    if count == 0 {
        return Err(BucketError::Empty);
    }
    // Each entry takes at least 8 bytes: never trust the count for the allocation.
    let mut out = Vec::with_capacity(count.min(rest.len() / 8));
    for _ in 0..count {
        let (key, after) = take_bytes(rest)?;
        let (value, after) = take_bytes(after)?;
        if out.last().is_some_and(|(last, _): &Entry<'_>| *last >= key) {
            return Err(BucketError::OutOfOrder);
        }
        out.push((key, value));
        rest = after;
    }
    if rest.is_empty() {
        Ok(out)
    } else {
        Err(BucketError::Trailing)
    }
}

fn take_len(bytes: &[u8]) -> Result<(usize, &[u8]), BucketError> {
    let (len, rest) = bytes
        .split_first_chunk::<4>()
        .ok_or(BucketError::Truncated)?;
    let len = usize::try_from(u32::from_be_bytes(*len)).map_err(|_| BucketError::Truncated)?;
    Ok((len, rest))
}

fn take_bytes(bytes: &[u8]) -> Result<(&[u8], &[u8]), BucketError> {
    let (len, rest) = take_len(bytes)?;
    if rest.len() < len {
        return Err(BucketError::Truncated);
    }
    Ok(rest.split_at(len))
}

/// The value of a bucket holding `entries` (in key order, each key once), or `None` for no entry:
/// an empty bucket is removed.
pub fn encode<'e>(entries: impl ExactSizeIterator<Item = Entry<'e>>) -> Option<Vec<u8>> {
    let count = entries.len();
    if count == 0 {
        return None;
    }
    let mut value = Vec::with_capacity(5 + count * 32);
    value.push(FORMAT);
    push_len(&mut value, count);
    for (key, entry_value) in entries {
        push_len(&mut value, key.len());
        value.extend_from_slice(key);
        push_len(&mut value, entry_value.len());
        value.extend_from_slice(entry_value);
    }
    Some(value)
}

fn push_len(value: &mut Vec<u8>, len: usize) {
    // Index keys and values are a few hundred bytes at most: a longer one is not built by any record.
    let len = u32::try_from(len).unwrap_or(u32::MAX);
    value.extend_from_slice(&len.to_be_bytes());
}

/// A bucket's key and its new value (`None`: the bucket is removed).
pub type BucketWrite = (Vec<u8>, Option<Vec<u8>>);

/// What a commit does to the buckets: the logical entries it removes and adds, grouped by bucket.
#[derive(Default)]
pub struct Changes {
    by_bucket: BTreeMap<Vec<u8>, BucketChange>,
}

#[derive(Default)]
struct BucketChange {
    removed: BTreeSet<Vec<u8>>,
    added: BTreeMap<Vec<u8>, Vec<u8>>,
}

impl Changes {
    /// Takes a removed entry if it is kept in a bucket (then `true`: the caller leaves it alone).
    pub fn remove(&mut self, key: &[u8]) -> bool {
        match bucket_of(key) {
            Some(bucket) => {
                let change = self.by_bucket.entry(bucket).or_default();
                change.removed.insert(key.to_vec());
                true
            }
            None => false,
        }
    }

    /// Takes an added entry if it is kept in a bucket (then `None`), or hands it back.
    pub fn add(&mut self, key: Vec<u8>, value: Vec<u8>) -> Option<(Vec<u8>, Vec<u8>)> {
        match bucket_of(&key) {
            Some(bucket) => {
                let change = self.by_bucket.entry(bucket).or_default();
                change.added.insert(key, value);
                None
            }
            None => Some((key, value)),
        }
    }

    /// The new value of every bucket changed (`None`: removed), given `current` to read a bucket's
    /// stored value. Removals apply first, as for plain keys: an entry one record gives up may be the
    /// one another takes in the same commit.
    pub fn settle<E>(
        self,
        mut current: impl FnMut(&[u8]) -> Result<Option<Vec<u8>>, E>,
        mut damaged: impl FnMut(&[u8], BucketError) -> E,
    ) -> Result<Vec<BucketWrite>, E> {
        let mut out = Vec::with_capacity(self.by_bucket.len());
        for (bucket, change) in self.by_bucket {
            let stored = current(&bucket)?;
            let mut merged: BTreeMap<&[u8], &[u8]> = match &stored {
                Some(value) => entries(value)
                    .map_err(|e| damaged(&bucket, e))?
                    .into_iter()
                    .collect(),
                None => BTreeMap::new(),
            };
            for key in &change.removed {
                merged.remove(key.as_slice());
            }
            for (key, value) in &change.added {
                merged.insert(key, value);
            }
            let value = encode(merged.into_iter());
            if value != stored {
                out.push((bucket, value));
            }
        }
        Ok(out)
    }
}

/// Every logical entry a set of records calls for under the bucketed prefixes, as the buckets that
/// keep them (for rebuilding them whole: the schema 11 migration).
pub fn fill(entries: impl IntoIterator<Item = (Vec<u8>, Vec<u8>)>) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut by_bucket: BTreeMap<Vec<u8>, BTreeMap<Vec<u8>, Vec<u8>>> = BTreeMap::new();
    for (key, value) in entries {
        if let Some(bucket) = bucket_of(&key) {
            by_bucket.entry(bucket).or_default().insert(key, value);
        }
    }
    by_bucket
        .into_iter()
        .filter_map(|(bucket, held)| {
            let value = encode(held.iter().map(|(k, v)| (k.as_slice(), v.as_slice())))?;
            Some((bucket, value))
        })
        .collect()
}

/// What one stored bucket holds, judged: its entries, or why it cannot be read; entries kept in the
/// wrong bucket are set apart (`check` reports them by their own keys).
pub struct Judged<'b> {
    pub entries: Vec<Entry<'b>>,
    pub misplaced: Vec<Entry<'b>>,
}

/// Reads a stored bucket for `check`: every entry must belong to `bucket`.
pub fn judge<'b>(bucket: &[u8], value: &'b [u8]) -> Result<Judged<'b>, BucketError> {
    let (entries, misplaced) = entries(value)?
        .into_iter()
        .partition(|(key, _)| bucket_of(key).as_deref() == Some(bucket));
    Ok(Judged { entries, misplaced })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_editions_submissions_share_a_bucket_per_64_ids_and_keep_their_order() {
        let a = bucket_of(&keys::pair(keys::SUBMISSIONS_OF_EDITION, 2, 63)).unwrap();
        let b = bucket_of(&keys::pair(keys::SUBMISSIONS_OF_EDITION, 2, 0)).unwrap();
        let c = bucket_of(&keys::pair(keys::SUBMISSIONS_OF_EDITION, 2, 64)).unwrap();
        let d = bucket_of(&keys::pair(keys::SUBMISSIONS_OF_EDITION, 3, 0)).unwrap();
        assert_eq!(a, b);
        assert!(b < c && c < d);
        assert!(c.starts_with(&keys::children(keys::SUBMISSIONS_OF_EDITION, 2)));
    }

    #[test]
    fn a_films_submissions_are_in_the_bucket_children_of_names() {
        for film in [0, 1, 63, 64, 1 << 40] {
            let key = keys::pair(keys::SUBMISSIONS_OF_FILM, film, 9);
            let Children::One(bucket) = children_of(keys::SUBMISSIONS_OF_FILM, film) else {
                panic!("a film's submissions are in one bucket");
            };
            assert_eq!(bucket_of(&key), Some(bucket));
        }
    }

    #[test]
    fn the_hash_is_pinned_because_stored_buckets_depend_on_it() {
        assert_eq!(hashed(b"", 4096), [0x0f, 0xc1]);
        assert_eq!(hashed(b"", 16_384), [0x3f, 0xc1]);
        assert_eq!(
            bucket_of(&keys::scoped_code(
                keys::SUBMISSION_BY_EXTERNAL_ID,
                7,
                "FF-1"
            )),
            Some(
                [
                    vec![0x4b, 0, 0, 0, 0, 0, 0, 0, 7],
                    hashed(b"FF-1", 4096).to_vec()
                ]
                .concat()
            )
        );
        let identity = keys::film_identity("night", &[], None);
        assert_eq!(
            identity_bucket(&identity),
            [vec![0x4c], hashed(&identity[1..], 16_384).to_vec()].concat()
        );
    }

    #[test]
    fn films_of_one_identity_share_its_bucket() {
        let identity = keys::film_identity("night", &["a b".into()], Some(2020));
        for film in [1u64, 99, u64::MAX] {
            let mut key = identity.clone();
            key.extend_from_slice(&film.to_be_bytes());
            assert_eq!(bucket_of(&key), Some(identity_bucket(&identity)));
        }
    }

    #[test]
    fn other_prefixes_keep_a_key_per_entry() {
        assert_eq!(
            bucket_of(&keys::pair(keys::NOMINATIONS_OF_CATEGORY, 1, 2)),
            None
        );
        assert_eq!(bucket_of(&[]), None);
    }

    #[test]
    fn every_flaw_of_a_value_is_named() {
        let good = encode([(&b"\x43a"[..], &b""[..]), (b"\x43b", b"1")].into_iter()).unwrap();
        assert_eq!(entries(&good).unwrap().len(), 2);
        assert_eq!(entries(&[]), Err(BucketError::Format(None)));
        assert_eq!(entries(&[9]), Err(BucketError::Format(Some(9))));
        assert_eq!(
            entries(&good[..good.len() - 1]),
            Err(BucketError::Truncated)
        );
        assert_eq!(
            entries(&[good.as_slice(), &[0]].concat()),
            Err(BucketError::Trailing)
        );
        assert_eq!(entries(&[FORMAT, 0, 0, 0, 0]), Err(BucketError::Empty));
        let swapped = encode([(&b"\x43b"[..], &b""[..]), (b"\x43a", b"")].into_iter()).unwrap();
        assert_eq!(entries(&swapped), Err(BucketError::OutOfOrder));
        // A count far beyond the bytes does not allocate for it.
        assert_eq!(
            entries(&[FORMAT, 0xff, 0xff, 0xff, 0xff]),
            Err(BucketError::Truncated)
        );
    }

    #[test]
    fn settling_removes_before_it_adds_and_drops_an_emptied_bucket() {
        let key = keys::pair(keys::SUBMISSIONS_OF_EDITION, 1, 5);
        let bucket = bucket_of(&key).unwrap();
        let stored = fill([(key.clone(), Vec::new())]);
        let read = |b: &[u8]| -> Result<Option<Vec<u8>>, ()> {
            Ok(stored.iter().find(|(k, _)| k == b).map(|(_, v)| v.clone()))
        };
        // Given up and taken again in one commit: unchanged, so not written.
        let mut changes = Changes::default();
        assert!(changes.remove(&key));
        assert!(changes.add(key.clone(), Vec::new()).is_none());
        assert!(changes.settle(read, |_, _| ()).unwrap().is_empty());
        // Given up: the bucket goes.
        let mut changes = Changes::default();
        changes.remove(&key);
        assert_eq!(changes.settle(read, |_, _| ()).unwrap(), [(bucket, None)]);
        // A plain prefix is handed back.
        let mut changes = Changes::default();
        let plain = keys::pair(keys::AWARDS_OF_CATEGORY, 1, 2);
        assert!(!changes.remove(&plain));
        assert!(changes.add(plain.clone(), Vec::new()).is_some());
    }

    #[test]
    fn an_entry_in_another_bucket_is_set_apart() {
        let here = keys::pair(keys::SUBMISSIONS_OF_EDITION, 1, 5);
        let there = keys::pair(keys::SUBMISSIONS_OF_EDITION, 1, 500);
        let value =
            encode([(here.as_slice(), &b""[..]), (there.as_slice(), b"")].into_iter()).unwrap();
        let judged = judge(&bucket_of(&here).unwrap(), &value).unwrap();
        assert_eq!(judged.entries.len(), 1);
        assert_eq!(judged.misplaced, [(there.as_slice(), &b""[..])]);
    }

    proptest! {
        #[test]
        fn what_is_encoded_reads_back(
            held in proptest::collection::btree_map(
                proptest::collection::vec(any::<u8>(), 0..40),
                proptest::collection::vec(any::<u8>(), 0..12),
                1..30,
            )
        ) {
            let value = encode(held.iter().map(|(k, v)| (k.as_slice(), v.as_slice()))).unwrap();
            let read = entries(&value).unwrap();
            let expected: Vec<Entry<'_>> =
                held.iter().map(|(k, v)| (k.as_slice(), v.as_slice())).collect();
            prop_assert_eq!(read, expected);
        }

        /// What `in_key_order` promises, and `check` relies on to compare those buckets as it reads
        /// them: of two entries, the smaller key is never in the later bucket.
        #[test]
        fn buckets_of_consecutive_ids_keep_key_order(
            prefix in prop::sample::select(vec![keys::SUBMISSIONS_OF_EDITION, keys::SUBMISSIONS_OF_FILM]),
            a in (0u64..300, 0u64..300),
            b in (0u64..300, 0u64..300),
        ) {
            prop_assert!(in_key_order(prefix));
            let (ka, kb) = (keys::pair(prefix, a.0, a.1), keys::pair(prefix, b.0, b.1));
            let (ba, bb) = (bucket_of(&ka).unwrap(), bucket_of(&kb).unwrap());
            if ka < kb {
                prop_assert!(ba <= bb);
            }
        }

        #[test]
        fn no_value_makes_reading_panic(value in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = entries(&value);
        }
    }
}
