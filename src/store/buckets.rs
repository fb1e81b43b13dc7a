//! Index entries and records kept many to a sled value: "buckets" (schema 11 for four indexes,
//! schema 12 for the records; issue 17).
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
//! 0x01..=0x0D id (a record)    -> bucket tag (id / 16)                    16 records of one kind
//! ```
//!
//! Records (schema 12) are kept the same way, their record key (`keys::record`) as the entry's key
//! and their encoded bytes as its value: the records were 1.76 s of the 2.28 s sled spent on a 100k
//! import as a key each, 0.32 s sixteen to a value (`benches/import_floor`). Sixteen keeps a bucket
//! at a few kilobytes, so a vote or an edit rewrites little; `record_scan` reads them.
//!
//! A bucket's value is written by hand here (it is a layout, like the keys, not a record): a format
//! byte, the number of entries, then each entry's key and value, each with its length, in key order.
//! It is read in place, without copying, because an import looks up two buckets per row.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use super::keys;
use super::records::Kind;
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

/// How many consecutive ids of one kind share a record bucket: 16 (schema 12).
const RECORD_SHIFT: u32 = 4;

/// The index prefixes whose entries are kept in buckets.
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

/// Whether entries under `prefix` are kept in buckets (otherwise one sled key each): the records of
/// every kind and the four indexes of `BUCKETED`.
pub fn is_bucketed(prefix: u8) -> bool {
    BUCKETED.contains(&prefix) || Kind::from_tag(prefix).is_some()
}

/// The bucket that keeps record `id` of the kind tagged `tag` (`Kind::tag`): 16 consecutive ids, so
/// a kind's buckets in key order hold its records in id order.
pub fn record_bucket(tag: u8, id: Id) -> Vec<u8> {
    keys::record(tag, record_bucket_number(id))
}

/// The number of the bucket that keeps record `id` (the last eight bytes of its key).
pub fn record_bucket_number(id: Id) -> Id {
    id >> RECORD_SHIFT
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
        tag if Kind::from_tag(tag).is_some() => Some(record_bucket(tag, id_at(rest, 0))),
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
///
/// The value is given exactly the room it takes (a first pass over `entries` measures it): a record
/// bucket of sixteen records grown by doubling kept a third of its size again unused, 14 MB over the
/// buckets of a 100k import.
pub fn encode<'e>(entries: impl ExactSizeIterator<Item = Entry<'e>> + Clone) -> Option<Vec<u8>> {
    let count = entries.len();
    if count == 0 {
        return None;
    }
    let size = entries
        .clone()
        .map(|(key, value)| 8 + key.len() + value.len())
        .sum::<usize>();
    let mut value = Vec::with_capacity(5 + size);
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
/// Grouped by hash and merged per bucket at the end (`settle`): a 100k import adds 400,000 entries
/// to 30,000 buckets, and ordered maps made each addition cost twenty key comparisons.
///
/// A commit may gather its buckets in parts (`Changes::part`), a pass over its records each: the
/// entries a 100k import adds were 19 MB gathered, beside everything else the commit holds.
#[derive(Default)]
pub struct Changes {
    by_bucket: HashMap<Vec<u8>, BucketChange>,
    /// Which buckets these are (`part` of `parts`, by the last byte of the bucket's key); `None`:
    /// every one.
    part: Option<(u8, u8)>,
}

/// One bucket's removals and additions, in the order they were made (a later addition of a key wins).
#[derive(Default)]
struct BucketChange {
    /// The keys of the entries removed, packed as `added` packs them (each behind its length): an
    /// undo of an import removes 400,000 entries.
    removed: Vec<u8>,
    /// The entries added, packed one after the other as a bucket's value packs them (each key and
    /// value behind its length): a pair of vectors each, an import's 400,000 entries held 45 MB.
    added: Vec<u8>,
}

impl Changes {
    /// The changes of the buckets in part `part` of `parts` (the others' entries are passed over,
    /// though still not handed back: they are some other part's).
    pub fn part(part: u8, parts: u8) -> Self {
        Changes {
            by_bucket: HashMap::new(),
            part: Some((part, parts.max(1))),
        }
    }

    /// Whether `bucket` is one of these changes' buckets: each bucket is in exactly one part (a key
    /// with no last byte, which `bucket_of` never makes, in the first).
    fn holds(&self, bucket: &[u8]) -> bool {
        self.part.is_none_or(|(part, parts)| {
            bucket.last().map_or(0, |last| last % parts) == part % parts
        })
    }

    /// Takes a removed entry if it is kept in a bucket (then `true`: the caller leaves it alone).
    pub fn remove(&mut self, key: &[u8]) -> bool {
        match bucket_of(key) {
            Some(bucket) if !self.holds(&bucket) => true,
            Some(bucket) => {
                let removed = &mut self.by_bucket.entry(bucket).or_default().removed;
                push_len(removed, key.len());
                removed.extend_from_slice(key);
                true
            }
            None => false,
        }
    }

    /// Takes an added entry if it is kept in a bucket (then `None`), or hands it back.
    pub fn add(&mut self, key: Vec<u8>, value: Vec<u8>) -> Option<(Vec<u8>, Vec<u8>)> {
        match bucket_of(&key) {
            Some(bucket) if !self.holds(&bucket) => None,
            Some(bucket) => {
                let added = &mut self.by_bucket.entry(bucket).or_default().added;
                push_len(added, key.len());
                added.extend_from_slice(&key);
                push_len(added, value.len());
                added.extend_from_slice(&value);
                None
            }
            None => Some((key, value)),
        }
    }

    /// The new value of every bucket changed (`None`: removed), in bucket order, given `current` to
    /// read a bucket's stored value. Removals apply first, as for plain keys: an entry one record
    /// gives up may be the one another takes in the same commit.
    pub fn settle<E>(
        self,
        current: impl FnMut(&[u8]) -> Result<Option<Vec<u8>>, E>,
        damaged: impl FnMut(&[u8], BucketError) -> E,
    ) -> Result<Vec<BucketWrite>, E> {
        let mut out = Vec::with_capacity(self.by_bucket.len());
        self.settle_into(current, damaged, |write| {
            out.push(write);
            Ok(())
        })?;
        Ok(out)
    }

    /// `settle`, handing each bucket's new value to `emit` as soon as it is made, so that a commit
    /// never holds them all.
    pub fn settle_into<E>(
        self,
        mut current: impl FnMut(&[u8]) -> Result<Option<Vec<u8>>, E>,
        mut damaged: impl FnMut(&[u8], BucketError) -> E,
        mut emit: impl FnMut(BucketWrite) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut by_bucket: Vec<_> = self.by_bucket.into_iter().collect();
        by_bucket.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (bucket, change) in by_bucket {
            let stored = current(&bucket)?;
            // Packed by `remove` and `add` themselves: they cannot be cut short.
            let removed = packed_keys(&change.removed).map_err(|e| damaged(&bucket, e))?;
            let added = packed(&change.added).map_err(|e| damaged(&bucket, e))?;
            let value = merged(stored.as_deref(), removed.into_iter(), added.into_iter())
                .map_err(|e| damaged(&bucket, e))?;
            if value != stored {
                emit((bucket, value))?;
            }
        }
        Ok(())
    }
}

/// The keys `Changes::remove` packed, in the order they were removed.
fn packed_keys(mut bytes: &[u8]) -> Result<Vec<&[u8]>, BucketError> {
    let mut keys = Vec::new();
    while !bytes.is_empty() {
        let (key, rest) = take_bytes(bytes)?;
        keys.push(key);
        bytes = rest;
    }
    Ok(keys)
}

/// The entries `Changes::add` packed, in the order they were added.
fn packed(mut bytes: &[u8]) -> Result<Vec<Entry<'_>>, BucketError> {
    let mut entries = Vec::new();
    while !bytes.is_empty() {
        let (key, rest) = take_bytes(bytes)?;
        let (value, rest) = take_bytes(rest)?;
        entries.push((key, value));
        bytes = rest;
    }
    Ok(entries)
}

/// The new value of a bucket stored as `stored`, with the entries `removed` taken out first and then
/// `added` put in (a later addition of a key wins); `None` when no entry is left.
pub fn merged<'e>(
    stored: Option<&'e [u8]>,
    removed: impl Iterator<Item = &'e [u8]>,
    added: impl Iterator<Item = Entry<'e>>,
) -> Result<Option<Vec<u8>>, BucketError> {
    let mut merged: BTreeMap<&[u8], &[u8]> = match stored {
        Some(value) => entries(value)?.into_iter().collect(),
        None => BTreeMap::new(),
    };
    for key in removed {
        merged.remove(key);
    }
    merged.extend(added);
    Ok(encode(merged.iter().map(|(k, v)| (*k, *v))))
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

/// Record buckets filled from records that arrive in id order within each kind (a backup's), the
/// kinds one after the other or interleaved: a kind's bucket is handed out whole when a record of a
/// later bucket of that kind arrives, the rest by `finish`. Records out of order are still kept in
/// key order within a bucket, but a bucket already handed out would be handed out again, not merged:
/// the caller makes sure of the order (`import backup` refuses a backup listing a kind out of order).
#[derive(Default)]
pub struct RecordFilling {
    /// Each kind's bucket being filled, by tag.
    open: BTreeMap<u8, Filling>,
}

/// A bucket's key and the entries it holds so far.
type Filling = (Vec<u8>, BTreeMap<Vec<u8>, Vec<u8>>);

impl RecordFilling {
    /// Takes record `id` of the kind tagged `tag`; the bucket this closes, if it closes one.
    pub fn add(&mut self, tag: u8, id: Id, bytes: Vec<u8>) -> Option<(Vec<u8>, Vec<u8>)> {
        let bucket = record_bucket(tag, id);
        let key = keys::record(tag, id);
        let (open, held) = self.open.entry(tag).or_default();
        let closed = if *open != bucket && !held.is_empty() {
            let held = std::mem::take(held);
            let closed = std::mem::replace(open, bucket);
            encode(held.iter().map(|(k, v)| (k.as_slice(), v.as_slice()))).map(|v| (closed, v))
        } else {
            *open = bucket;
            None
        };
        held.insert(key, bytes);
        closed
    }

    /// The buckets still open.
    pub fn finish(self) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.open
            .into_values()
            .filter_map(|(bucket, held)| {
                encode(held.iter().map(|(k, v)| (k.as_slice(), v.as_slice()))).map(|v| (bucket, v))
            })
            .collect()
    }
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
#[path = "buckets_tests.rs"]
mod tests;
