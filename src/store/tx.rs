//! A unit of change: reads see the transaction's own writes; `commit` applies every record, index,
//! read-model page and the audit entry all or nothing, then flushes, so that success means "on disk".
//! A small commit is one sled batch; a larger one (an import, the undo of one) is written in slices
//! under a marker that the next open rolls back (`staging`), because one huge batch keeps all of
//! sled's intermediate nodes in memory until it ends. Either way it is one audit entry. What a commit
//! writes is handed to sled as it is derived, never all held at once (`write_derived`).

use std::collections::btree_map::Entry as Slot;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, PoisonError};

use chrono::Utc;

use serde::ser::{Serialize, SerializeSeq, Serializer};

use super::audit::{self, ChangeRef, EntryRef, GENESIS, SealedRef};
use super::boundary::AtStore;
use super::codec::CodecError;
use super::records::{Kind, Record, index_entries_of};
use super::staging::Streamed;
use super::{Result, Store, StoreError, buckets, head_file, keys, read_model};
use crate::domain::Id;

pub struct Tx<'s> {
    store: &'s Store,
    /// First `before` and latest `after` of every record touched, in a stable order.
    changes: BTreeMap<(Kind, Id), Pending>,
    next_ids: BTreeMap<Kind, Id>,
}

/// A record's bytes as the transaction found them and as it leaves it (`None`: absent). Boxed slices
/// rather than vectors: an import holds 200,000 of these, and each vector's capacity word made the
/// map's nodes a third larger (30 MB at 100k rows).
struct Pending {
    before: Option<Box<[u8]>>,
    after: Option<Box<[u8]>>,
}

impl Pending {
    fn changes(&self) -> bool {
        self.before != self.after
    }
}

impl<'s> Tx<'s> {
    pub(super) fn new(store: &'s Store) -> Self {
        Tx {
            store,
            changes: BTreeMap::new(),
            next_ids: BTreeMap::new(),
        }
    }

    pub fn store(&self) -> &'s Store {
        self.store
    }

    /// Reads a record as this transaction would leave it.
    pub fn get<T: Record>(&self, id: Id) -> Result<Option<T>> {
        match self.changes.get(&(T::KIND, id)) {
            Some(change) => match &change.after {
                Some(bytes) => T::decode(bytes)
                    .map(Some)
                    .map_err(|source| StoreError::Record {
                        kind: T::KIND.name(),
                        id,
                        source,
                    }),
                None => Ok(None),
            },
            None => self.store.get(id),
        }
    }

    /// A fresh id for a new record of `kind`.
    pub fn new_id(&mut self, kind: Kind) -> Result<Id> {
        let next = match self.next_ids.get(&kind) {
            Some(&next) => next,
            None => self.store.meta_u64(&counter_name(kind))?.unwrap_or(1),
        };
        self.next_ids.insert(kind, next + 1);
        Ok(next)
    }

    /// Creates or replaces a record.
    pub fn put<T: Record>(&mut self, record: &T) -> Result<()> {
        let bytes = record.encode().map_err(|source| StoreError::Encode {
            kind: T::KIND.name(),
            id: record.id(),
            source,
        })?;
        self.put_raw(T::KIND, record.id(), Some(bytes))
    }

    /// Removes a record; returns what it was.
    pub fn delete<T: Record>(&mut self, id: Id) -> Result<Option<T>> {
        let existing = self.get::<T>(id)?;
        if existing.is_some() {
            self.put_raw(T::KIND, id, None)?;
        }
        Ok(existing)
    }

    /// Sets a record's stored bytes directly (`None` removes it): for undo and restores, which replay
    /// bytes the log or a backup holds.
    pub fn put_raw(&mut self, kind: Kind, id: Id, after: Option<Vec<u8>>) -> Result<()> {
        // One search of each map per put: an import puts 200,000 records.
        match self.changes.entry((kind, id)) {
            Slot::Occupied(mut change) => change.get_mut().after = after.map(Vec::into_boxed_slice),
            Slot::Vacant(slot) => {
                let before = self.store.get_raw(kind, id)?;
                slot.insert(Pending {
                    before: before.map(Vec::into_boxed_slice),
                    after: after.map(Vec::into_boxed_slice),
                });
            }
        }
        // Keep later ids above any id written by hand (restores, undo of a delete).
        // The stored counter is read once per kind.
        let next = match self.next_ids.entry(kind) {
            Slot::Occupied(next) => next.into_mut(),
            Slot::Vacant(slot) => {
                slot.insert(self.store.meta_u64(&counter_name(kind))?.unwrap_or(1))
            }
        };
        *next = (*next).max(id.saturating_add(1));
        Ok(())
    }

    /// Applies everything atomically, appends the audit entry and flushes. Returns the entry's sequence
    /// number, or `None` when there was nothing to change (nothing is logged then).
    pub fn commit(self, action: impl Into<String>) -> Result<Option<u64>> {
        self.commit_entry(action.into(), None)
    }

    /// Like `commit`, for an undo of entry `undoes`.
    pub fn commit_undo(self, action: impl Into<String>, undoes: u64) -> Result<Option<u64>> {
        self.commit_entry(action.into(), Some(undoes))
    }

    fn commit_entry(self, action: String, undoes: Option<u64>) -> Result<Option<u64>> {
        let Tx {
            store,
            changes,
            next_ids,
        } = self;
        store.usable()?;
        let count = changes.values().filter(|c| c.changes()).count();
        if count == 0 {
            return Ok(None);
        }

        let (last_seq, prev_hash) = store.log_head()?.unwrap_or((0, GENESIS));
        let seq = last_seq + 1;
        let user = audit::current_user();
        let entry = EntryRef {
            seq,
            at: Utc::now(),
            user: &user,
            action: &action,
            changes: Changed {
                changes: &changes,
                count,
            },
            undoes,
            prev_hash,
        };
        // Sealed first, and the transaction's records are then let go: everything else is derived
        // from the sealed bytes, the one copy of the records the commit holds from here on. At 100k
        // rows, the 29 MB entry held beside the 46 MB of records it was sealed from, until the
        // commit ended, was the commit's peak (issue 17).
        let (hash, sealed) = seal(&entry)?;
        drop(changes);
        let large = sealed.len() > LARGE_ENTRY;
        if large {
            // Given back before the derivation takes as much again.
            crate::memory::release();
        }
        let sealed = sled::IVec::from(sealed);
        let read = read_back(&sealed, seq, hash)?;
        let mut commit = Streamed::lazy(store, &action);
        if let Err(e) = write_derived(store, &read.entry.changes.0, &mut commit) {
            // What was staged before the failure is put back (or, when the failure was a write,
            // the store is given up and the next open rolls it back).
            let _ = commit.roll_back();
            return Err(e);
        }
        // The changes read in place go before the entry is handed over: sled copies a value this
        // large whole into a file of its own as it takes it (29 MB more for a moment at 100k rows).
        // Handed over first instead, at 100k rows it took 40-60 MB more and 0.7 s more of system
        // time: its node was copied again and again as the journal's keys beside it changed.
        drop(read);
        if large {
            crate::memory::release();
        }
        // The log entry, then the batch that makes the commit: the counters and the log head.
        commit.set(keys::log(seq), Some(sealed))?;
        let mut last = sled::Batch::default();
        for (kind, next) in next_ids {
            last.insert(keys::meta(&counter_name(kind)), &next.to_be_bytes());
        }
        let mut head = seq.to_be_bytes().to_vec();
        head.extend_from_slice(&hash);
        last.insert(keys::meta("log_head"), head);
        commit.commit(last)?;
        head_file::write(&store.path, seq, &hash);
        Ok(Some(seq))
    }
}

/// Above this many bytes a commit's entry is large, and the memory the commit lets go of is given
/// back at once (`memory::release`): not after each ballot or edit, where it would only cost time.
const LARGE_ENTRY: usize = 1 << 20;

/// The chain hash of `entry` and its sealed bytes, in a vector of their exact size.
fn seal(entry: &EntryRef<'_, Changed<'_>>) -> Result<([u8; 32], Vec<u8>)> {
    entry
        .sealed_into(|size| vec![0; size])
        .map_err(|source| StoreError::Encode {
            kind: "log entry",
            id: entry.seq,
            source,
        })
}

/// The entry sealed as `sealed` read back in place, as the log will hold it, so that what is derived
/// from it is what the log holds.
fn read_back(sealed: &[u8], seq: u64, hash: [u8; 32]) -> Result<SealedRef<'_>> {
    SealedRef::decode(sealed)
        .and_then(|read| {
            if read.hash == hash && read.entry.seq == seq {
                Ok(read)
            } else {
                Err(CodecError::Encode(
                    "the sealed entry read back is not the one sealed".into(),
                ))
            }
        })
        .map_err(|source| StoreError::Encode {
            kind: "log entry",
            id: seq,
            source,
        })
}

/// A transaction's changes as its entry holds them: the records it leaves as they were are not in it.
struct Changed<'t> {
    changes: &'t BTreeMap<(Kind, Id), Pending>,
    /// How many there are (serde is told before they are written).
    count: usize,
}

impl Serialize for Changed<'_> {
    fn serialize<S: Serializer>(&self, out: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = out.serialize_seq(Some(self.count))?;
        for (&(kind, id), change) in self.changes {
            if change.changes() {
                seq.serialize_element(&ChangeRef {
                    kind,
                    id,
                    before: change.before.as_deref(),
                    after: change.after.as_deref(),
                })?;
            }
        }
        seq.end()
    }
}

/// Derives everything an entry's `changes` write besides the entry itself, the counters and the log
/// head, and gives it to `commit` as it is made: the record buckets, the index entries and the read
/// model. The changes are read in place from the sealed entry, the one copy of the records the commit
/// holds; each part is let go once written (held together, an import's were 130 MB at 100k rows).
///
/// The read model is derived on a thread of its own meanwhile (the longest piece of work before
/// sled's, issue 17), writing its pages through the same commit. It reads the store while this
/// thread writes to it, which is sound: it reads only what the commit leaves as it was (a film no
/// change touches, the submissions of a changed film that no change touches) and its own pages and
/// counts, which nothing else writes; everything else it takes from the changes.
fn write_derived<'s>(
    store: &'s Store,
    changes: &[ChangeRef<'_>],
    commit: &mut Streamed<'s>,
) -> Result<()> {
    commit.set_releases(false);
    let commit = Shared {
        store,
        commit: Mutex::new(commit),
    };
    let derived = std::thread::scope(|scope| {
        let read_model = scope.spawn(|| {
            read_model::staged(store, changes, &mut |(key, value)| commit.set(key, value))
        });
        let written = write_records(store, changes, &commit)
            .and_then(|()| write_index(store, changes, &commit));
        let read_model = read_model
            .join()
            .unwrap_or_else(|panicked| std::panic::resume_unwind(panicked));
        written.and(read_model)
    });
    let commit = commit
        .commit
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    commit.set_releases(true);
    derived
}

/// The commit's writer, shared by the thread deriving the read model and the one deriving the rest.
/// A slice then holds keys of both, which the journal does not mind (`staging`).
struct Shared<'c, 's> {
    store: &'s Store,
    commit: Mutex<&'c mut Streamed<'s>>,
}

impl Shared<'_, '_> {
    fn set(&self, key: Vec<u8>, value: Option<Vec<u8>>) -> Result<()> {
        // Once a write failed (on either thread) the store is given up: the other thread stops at
        // its next write rather than staging more for the next open to roll back.
        self.store.usable()?;
        // A thread that panicked holding the lock is resumed by `write_derived`: the writer itself is
        // whole between two calls.
        let mut commit = self.commit.lock().unwrap_or_else(PoisonError::into_inner);
        let slices = commit.slices();
        commit.set(key, value.map(sled::IVec::from))?;
        let sliced = commit.slices() != slices;
        drop(commit);
        // A slice was written: what it let go of is given back without holding up the other thread
        // (about a millisecond each, 50 times at 100k rows).
        if sliced {
            crate::memory::release();
        }
        Ok(())
    }
}

/// Writes the index entries the records of `changes` give up and take (derived from the records
/// alone, `records`): the entries kept a key each, and the new values of the buckets that keep the
/// rest.
///
/// A large commit gathers its buckets' entries in parts, a pass over the records each
/// (`index_parts`): gathered at once, a 100k import's were 19 MB at the commit's peak. The passes
/// cost the thread deriving them time it has to spare: it ends well before the read model's.
fn write_index(store: &Store, changes: &[ChangeRef<'_>], commit: &Shared<'_, '_>) -> Result<()> {
    let parts = index_parts(changes.len());
    for part in 0..parts {
        let mut bucketed = buckets::Changes::part(part, parts);
        // The entries kept a key each are taken in the first pass.
        let mut removed = BTreeSet::new();
        let mut added = BTreeMap::new();
        for change in changes {
            let entries = |bytes: Option<&[u8]>| -> Result<Vec<_>> {
                match bytes {
                    Some(b) => {
                        index_entries_of(change.kind, b).map_err(|source| StoreError::Record {
                            kind: change.kind.name(),
                            id: change.id,
                            source,
                        })
                    }
                    None => Ok(Vec::new()),
                }
            };
            // Kept in buckets, or a key each: the keys a key each are removed first and then added,
            // as the buckets' entries are when they settle.
            for (key, _) in entries(change.before)? {
                if !bucketed.remove(&key) && part == 0 {
                    removed.insert(key);
                }
            }
            for (key, value) in entries(change.after)? {
                if let Some((key, value)) = bucketed.add(key, value)
                    && part == 0
                {
                    added.insert(key, value);
                }
            }
        }
        // A key one record gives up may be the key another takes in the same change: it is only
        // written with its new value.
        for key in removed {
            if !added.contains_key(&key) {
                commit.set(key, None)?;
            }
        }
        for (key, value) in added {
            commit.set(key, Some(value))?;
        }
        let path = &store.path;
        bucketed.settle_into(
            |bucket| Ok(store.db.get(bucket).at(path)?.map(|v| v.to_vec())),
            |bucket, e| store.bad_bucket(bucket, &e),
            |(bucket, value)| commit.set(bucket, value),
        )?;
    }
    Ok(())
}

/// In how many parts `write_index` gathers the buckets of a commit of `changes` changes: one for
/// every 100,000 changes begun, at most four. At 100k rows (200,000 changes), two parts took the
/// commit's peak from 158 to 141 MB and added 0.2 s to the thread deriving them, which still ended
/// before the read model's; a third part saved 4 MB more for 0.25 s more, past the read model's end.
fn index_parts(changes: usize) -> u8 {
    u8::try_from(changes.div_ceil(100_000).clamp(1, 4)).unwrap_or(4)
}

/// Writes the new values of the record buckets (`buckets::record_bucket`) that the records of
/// `changes` are kept in: each bucket read once, its records replaced, added or removed.
///
/// A bucket's changes are taken together as a run: changes in (kind, id) order, as a transaction's
/// are, hold each bucket's records side by side (they are put in that order first otherwise). No
/// map of every record is built: gathering 200,000 records by hash held 14 MB of keys.
fn write_records(store: &Store, changes: &[ChangeRef<'_>], commit: &Shared<'_, '_>) -> Result<()> {
    let mut ordered: Vec<&ChangeRef<'_>> = changes.iter().collect();
    if !ordered.is_sorted_by_key(|c| (c.kind, c.id)) {
        ordered.sort_by_key(|c| (c.kind, c.id));
    }
    let same_bucket = |a: &&ChangeRef<'_>, b: &&ChangeRef<'_>| {
        a.kind == b.kind
            && buckets::record_bucket_number(a.id) == buckets::record_bucket_number(b.id)
    };
    for run in ordered.chunk_by(same_bucket) {
        let tag = run[0].kind.tag();
        let bucket = buckets::record_bucket(tag, run[0].id);
        let stored = store.db.get(&bucket).at(&store.path)?;
        let keys: Vec<Vec<u8>> = run.iter().map(|c| keys::record(tag, c.id)).collect();
        let removed = run
            .iter()
            .zip(&keys)
            .filter(|(c, _)| c.after.is_none())
            .map(|(_, key)| key.as_slice());
        let added = run
            .iter()
            .zip(&keys)
            .filter_map(|(c, key)| Some((key.as_slice(), c.after?)));
        let value = buckets::merged(stored.as_deref(), removed, added)
            .map_err(|e| store.bad_bucket(&bucket, &e))?;
        if value.as_deref() != stored.as_deref() {
            commit.set(bucket, value)?;
        }
    }
    Ok(())
}

pub(super) fn counter_name(kind: Kind) -> String {
    format!("next_id/{}", kind.name())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::contents;

    /// The record buckets are written before the index entries are derived: a record that cannot be
    /// read fails the commit after slices of it are on disk, and they are put back.
    #[test]
    fn a_commit_that_fails_after_slices_were_written_leaves_the_store_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("store")).unwrap();
        let before = contents(&store);
        let mut tx = store.begin();
        // 20,000 films are 1,250 record buckets: more than one slice.
        for id in 1..=20_000 {
            tx.put_raw(Kind::Film, id, Some(vec![0xFF; 8])).unwrap();
        }
        let error = tx.commit("films no one can read").unwrap_err();
        assert!(
            matches!(error, StoreError::Record { kind: "film", .. }),
            "{error}"
        );
        assert_eq!(contents(&store), before, "every key is as it was");
        // Not given up: the store is still used.
        assert!(store.usable().is_ok());
    }
}
