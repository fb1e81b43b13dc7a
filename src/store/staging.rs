//! Large commits written in slices, still all or nothing (docs/formats.md#bad-input,
//! BENCHMARKS.md#budgets).
//!
//! Why: sled 0.34 keeps every node version a batch writes alive until the batch ends, so a commit of
//! 100,000 imported rows as one `apply_batch` peaked at about 4 GB. A commit with more than
//! `SLICE_KEYS` writes (or `SLICE_BYTES` of values) is therefore applied as a run of small batches,
//! and made all or nothing by hand:
//!
//! 1. a marker (`meta/staged_commit`, naming the action) is written and flushed: "a staged commit is
//!    under way, roll it back if you find me";
//! 2. the writes go in slices of at most `SLICE_KEYS` keys, in the order they are given (a `Tx`
//!    gives each part of its commit as it derives it: `Streamed`); before each slice's batch, a
//!    journal entry (numbered, in a sled tree of its own: `JOURNAL_TREE`) with the value every key of
//!    the slice had before it, so no part of a slice is on disk without its undo (see `write_slice`);
//! 3. the last batch holds the commit's own final writes (the audit entry and log head) and removes
//!    the marker: that batch is the moment the commit happens;
//! 4. the journal entries, now useless, are removed.
//!
//! `recover`, run by `Store::open` before anything reads, finishes the job after a crash or a failed
//! write (a full disk: the process that failed does not try, see `Store::abandon`): with the marker
//! present it puts back every journaled value (newest slice first), then removes the marker, then the
//! journal, so a rollback cut short is done again whole; without the marker, leftover journal entries
//! belong to a commit that happened and are simply removed.
//!
//! A commit of at most `SLICE_KEYS` keys and `SLICE_BYTES` (every ballot, every edit) stays one
//! batch with no marker: the marker is written only when the first slice is (`Streamed::lazy`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::boundary::AtStore;
use super::{Result, Store, StoreError, codec, keys};

/// How many keys one slice writes. A 2,000-row import writes about 4,000 keys (the buckets of its
/// records, of its index entries and its summary pages: most of them the outside-id and identity
/// buckets its rows hash into), and a re-import that retitles every film about as many (each film's
/// identity moves from one bucket to another), so both are staged in several slices (which the crash
/// tests rely on). Since records are kept in buckets (schema 12) a key is a bucket of up to a few
/// kilobytes, so a slice's batch holds up to a few megabytes; sled's garbage from it is freed before
/// the next one.
pub(super) const SLICE_KEYS: usize = 1024;

/// How many bytes of values one slice writes at most (a slice ends at `SLICE_KEYS` keys or here,
/// whichever comes first). Both the slice waiting and sled's batch hold them: a slice of 1,024
/// summary pages was 17 MB, twice over, at an import's peak.
const SLICE_BYTES: usize = 2 * 1024 * 1024;

/// The marker's meta name.
const MARKER: &str = "staged_commit";

/// The sled tree the journal is kept in, apart from the store's own keys. Why: kept in the store's
/// tree (under `keys::STAGED`, as jurydesk did before), the journal's last entries shared sled's leaf
/// with the audit entry the commit had just written, and removing them made sled write that leaf
/// again, whole: a 100k import's 29 MB entry a second time, 0.1-0.2 s of the import
/// (BENCHMARKS.md, "Eighth session").
const JOURNAL_TREE: &[u8] = b"staged_commit_journal";

/// Format version of the marker. Version 2: its journal is in `JOURNAL_TREE`. Version 1: under
/// `keys::STAGED` in the store's tree, where a jurydesk before it kept the journal; still rolled back.
/// A jurydesk that knows only version 1 cannot read a version 2 marker, and so refuses the store as
/// damaged rather than roll back without the journal.
const MARKER_VERSION: u8 = 2;
const MARKER_IN_STORE_TREE: u8 = 1;

/// Format version of journal entries (the same wherever they are kept).
const JOURNAL_VERSION: u8 = 1;

/// What a key is set to: a value, or `None` to remove it.
pub(super) type Writes<'v> = BTreeMap<Vec<u8>, Option<Cow<'v, [u8]>>>;

/// A key and what it is set to, as sled will hold it: a value handed over as sled's own type is
/// not copied again into the batch, and the caller's copy is let go as soon as it is handed over.
type Write = (Vec<u8>, Option<sled::IVec>);

/// The marker's content: what the commit was, for the message after a rollback.
#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    action: String,
}

/// One slice's journal entry: every key the slice wrote, with the value it had before (`None`: the
/// key did not exist).
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    before: Vec<(Vec<u8>, Option<Vec<u8>>)>,
}

/// Applies `writes` and then `last` (the batch that makes the commit: the audit entry), as one batch
/// when they are few, or staged as the module says; flushes before returning. `action` names the commit
/// in the marker.
pub(super) fn apply(
    store: &Store,
    action: &str,
    writes: Writes<'_>,
    last: sled::Batch,
) -> Result<()> {
    apply_sliced(store, action, writes, last, SLICE_KEYS, None)
}

/// `apply`, stopped after `slices` slices as a crash would stop it: for tests of what the next open
/// makes of a staged commit cut short.
#[cfg(test)]
pub(super) fn apply_cut_short(
    store: &Store,
    action: &str,
    writes: Writes<'_>,
    last: sled::Batch,
    slices: usize,
) -> Result<()> {
    apply_sliced(store, action, writes, last, SLICE_KEYS, Some(slices))
}

/// `apply` with the slice size given, and for tests a point to stop at (after that many slices,
/// as a crash would).
fn apply_sliced(
    store: &Store,
    action: &str,
    writes: Writes<'_>,
    last: sled::Batch,
    slice_keys: usize,
    stop_after: Option<usize>,
) -> Result<()> {
    let mut commit = Streamed::new(store, action, slice_keys, stop_after);
    for (key, value) in writes {
        commit.set(key, value.map(|v| sled::IVec::from(v.as_ref())))?;
    }
    commit.commit(last)
}

/// Step 1 of the module: the marker, on disk.
fn mark(store: &Store, action: &str) -> Result<()> {
    // A marker left by an earlier failure in this process must be dealt with before a new one.
    recover(store)?;
    let marker = encode(
        MARKER_VERSION,
        &Marker {
            action: action.to_string(),
        },
    )?;
    store
        .db
        .insert(keys::meta(MARKER), marker)
        .at(&store.path)?;
    store.flush()
}

/// Steps 3 and 4 of the module, once every slice is written.
fn finish(store: &Store, mut last: sled::Batch) -> Result<()> {
    // Every slice on disk before the batch that makes them count. sled recovers its log in order,
    // so this is a second guard, not the first; it costs one fsync per large commit.
    store.flush()?;
    last.remove(keys::meta(MARKER));
    store.db.apply_batch(last).at(&store.path)?;
    store.flush()?;
    // Committed: the journal is garbage now. Failing to remove it must not report a commit that
    // happened as failed; the next open removes whatever is left (`recover`). But a journal left
    // behind must never meet the next sliced commit of this process (whose numbers start at 0 again
    // and whose rollback would put back this one's before-values): the store is given up.
    if remove_journal(store).is_err() {
        store.abandon();
    }
    Ok(())
}

/// A commit whose writes arrive one at a time and are never all in memory: a backup restore, whose
/// records come from a file read as a stream, and every `Tx` commit, which writes each part of what
/// it derives (record buckets, index buckets, read-model pages) as it is made and lets it go (an
/// import's parts held together were 130 MB at 100k rows).
///
/// A commit that turns out to have at most `SLICE_KEYS` writes and `SLICE_BYTES` of values is one
/// batch with its last writes and no marker; past that it is staged as the module says (the marker
/// written when the first slice is). Any failed write gives the store up, as the module says, and the
/// marker makes the next open roll back.
///
/// The writes are applied in the order given, so a key written twice ends as the later write made
/// it; the rollback puts the slices back newest first, so it ends as it began.
pub(super) struct Streamed<'s> {
    store: &'s Store,
    action: String,
    /// The writes not yet in a slice (at most `slice_keys`).
    waiting: Vec<Write>,
    /// The bytes of their values.
    waiting_bytes: usize,
    slice_keys: usize,
    /// Slices written so far (the marker is on disk once there is one).
    slices: u64,
    marked: bool,
    /// Whether the memory a slice lets go of is given back as soon as it is written
    /// (`memory::release`); a writer shared by threads leaves that to its caller, who does it
    /// without holding the writer (`tx::Shared`).
    releases: bool,
    /// For tests: stop, as a crash would, once this many slices are written.
    stop_after: Option<usize>,
}

impl<'s> Streamed<'s> {
    /// A commit staged from its first key, whatever its size (a restore, which reads back what it
    /// has written as it goes: `settle`).
    pub(super) fn begin(store: &'s Store, action: &str) -> Result<Streamed<'s>> {
        let mut commit = Streamed::new(store, action, SLICE_KEYS, None);
        given_up_on_error(store, mark(store, action))?;
        commit.marked = true;
        Ok(commit)
    }

    /// A commit that stays one batch if it is small, and is staged once it is not.
    pub(super) fn lazy(store: &'s Store, action: &str) -> Streamed<'s> {
        Streamed::new(store, action, SLICE_KEYS, None)
    }

    fn new(
        store: &'s Store,
        action: &str,
        slice_keys: usize,
        stop_after: Option<usize>,
    ) -> Streamed<'s> {
        Streamed {
            store,
            action: action.to_string(),
            waiting: Vec::with_capacity(slice_keys),
            waiting_bytes: 0,
            slice_keys,
            slices: 0,
            marked: false,
            releases: true,
            stop_after,
        }
    }

    /// How many slices are written so far.
    pub(super) fn slices(&self) -> u64 {
        self.slices
    }

    /// Says whether each slice gives back the memory it lets go of itself (the default).
    pub(super) fn set_releases(&mut self, releases: bool) {
        self.releases = releases;
    }

    /// Step 2, a key at a time (`None` removes it): a slice is written whenever a key arrives with
    /// `SLICE_KEYS` keys or `SLICE_BYTES` bytes already waiting.
    pub(super) fn set(&mut self, key: Vec<u8>, value: Option<sled::IVec>) -> Result<()> {
        if self.waiting.len() >= self.slice_keys || self.waiting_bytes >= SLICE_BYTES {
            self.settle()?;
        }
        self.waiting_bytes += value.as_ref().map_or(0, |v| v.len());
        self.waiting.push((key, value));
        Ok(())
    }

    /// `set` to a value.
    pub(super) fn write(&mut self, key: Vec<u8>, value: Vec<u8>) -> Result<()> {
        self.set(key, Some(value.into()))
    }

    /// Writes the keys waiting now, as a slice (the commit is staged from here on), so that reading
    /// the store sees every key written so far (a restore derives its read model from the records
    /// it wrote).
    pub(super) fn settle(&mut self) -> Result<()> {
        if self.waiting.is_empty() || self.stopped() {
            return Ok(());
        }
        if !self.marked {
            given_up_on_error(self.store, mark(self.store, &self.action))?;
            self.marked = true;
        }
        let slice = std::mem::replace(&mut self.waiting, Vec::with_capacity(self.slice_keys));
        self.waiting_bytes = 0;
        let written = write_slice(self.store, self.slices, slice);
        self.slices += 1;
        // What the slice and sled's garbage from it held is given back now rather than a second
        // later: a large commit lets go of as much as it takes, slice after slice, and at an import's
        // peak the memory let go and not yet given back was 30-60 MB (issue 17).
        if self.releases {
            crate::memory::release();
        }
        given_up_on_error(self.store, written)
    }

    /// Whether a test's crash point is reached: nothing more is written.
    fn stopped(&self) -> bool {
        self.stop_after
            .is_some_and(|stop| usize::try_from(self.slices).is_ok_and(|done| done >= stop))
    }

    /// Gives the commit up before its last batch, for a reason of the caller's (not a failed write):
    /// every slice written is put back as `recover` does at an open.
    pub(super) fn roll_back(self) -> Result<()> {
        // Nothing staged; or a write failed and the store was given up, and then (as for `apply`) the
        // next open rolls back from the disk, not this process from a memory that may hold half a
        // batch.
        if !self.marked || self.store.usable().is_err() {
            return Ok(());
        }
        given_up_on_error(self.store, recover(self.store).map(|_| ()))
    }

    /// Steps 3 and 4: the last slice, then `last`, the batch that makes the commit; flushed before
    /// it returns. A commit never staged is one batch: what is waiting and `last` together.
    pub(super) fn commit(mut self, last: sled::Batch) -> Result<()> {
        if !self.marked {
            let mut batch = last;
            for (key, value) in self.waiting {
                match value {
                    Some(value) => batch.insert(key, value),
                    None => batch.remove(key),
                }
            }
            let store = self.store;
            return given_up_on_error(
                store,
                store
                    .db
                    .apply_batch(batch)
                    .at(&store.path)
                    .and_then(|()| store.flush()),
            );
        }
        self.settle()?;
        if self.stopped() {
            return Ok(());
        }
        given_up_on_error(self.store, finish(self.store, last))
    }
}

/// `outcome`, after giving the store up if it is a failure (as `apply` does, and for its reason).
fn given_up_on_error<T>(store: &Store, outcome: Result<T>) -> Result<T> {
    if outcome.is_err() {
        store.abandon();
    }
    outcome
}

/// Writes one slice: its journal entry first, then the slice's batch. Not in one batch: on a full disk
/// sled can leave part of a failed batch in its log (issue 13: an import cut short by ENOSPC left
/// hundreds of index entries naming no record), and the journal key, which sorts after every record
/// key, was the part missing. Written before, the journal is in the log (which sled recovers in order)
/// whenever any of the slice is, and putting back its before-values is harmless when none of it is.
fn write_slice(store: &Store, number: u64, slice: Vec<Write>) -> Result<()> {
    let mut batch = sled::Batch::default();
    let mut before = Vec::with_capacity(slice.len());
    for (key, value) in slice {
        let old = store.db.get(&key).at(&store.path)?.map(|v| v.to_vec());
        match value {
            Some(value) => batch.insert(key.as_slice(), value),
            None => batch.remove(key.as_slice()),
        }
        before.push((key, old));
    }
    journal_tree(store)?
        .insert(
            number.to_be_bytes(),
            encode(JOURNAL_VERSION, &Journal { before })?,
        )
        .at(&store.path)?;
    store.db.apply_batch(batch).at(&store.path)
}

/// The journal's tree, made when a commit is first staged in the store.
fn journal_tree(store: &Store) -> Result<sled::Tree> {
    store.db.open_tree(JOURNAL_TREE).at(&store.path)
}

/// Where the journal entries are: the journal's tree (`None` when no commit was ever staged in the
/// store), and the store's own tree, under `keys::STAGED`, for a journal a jurydesk before it left.
fn journals(store: &Store) -> Result<[(Option<sled::Tree>, &'static [u8]); 2]> {
    let has_tree = store
        .db
        .tree_names()
        .iter()
        .any(|name| name == JOURNAL_TREE);
    let tree = if has_tree {
        Some(journal_tree(store)?)
    } else {
        None
    };
    Ok([
        (tree, &[]),
        (Some(sled::Tree::clone(&store.db)), &[keys::STAGED]),
    ])
}

/// What `recover` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// A staged commit was cut short and has been rolled back; it was this action.
    RolledBack { action: String },
}

/// Rolls back a staged commit that was cut short, or clears the journal of one that completed (see the
/// module). Returns what was rolled back, if anything.
pub(super) fn recover(store: &Store) -> Result<Option<Recovery>> {
    let Some(raw) = store.db.get(keys::meta(MARKER)).at(&store.path)? else {
        remove_journal(store)?;
        return Ok(None);
    };
    // The marker's version says where its journal is (`MARKER_VERSION`).
    let in_store_tree = raw.first() == Some(&MARKER_IN_STORE_TREE);
    let version = if in_store_tree {
        MARKER_IN_STORE_TREE
    } else {
        MARKER_VERSION
    };
    let marker: Marker = decode(store, version, &raw, "the marker of an unfinished import")?;
    let [(own_tree, _), (store_tree, legacy_prefix)] = journals(store)?;
    let (tree, prefix) = if in_store_tree {
        (store_tree, legacy_prefix)
    } else {
        (own_tree, &[][..])
    };
    // No journal's tree: no slice was written (each writes its journal entry first, and the tree is
    // made before that), so there is nothing to put back, as with a tree that holds no entry.
    if let Some(tree) = tree {
        put_back(store, &tree, prefix)?;
    }
    store.flush()?;
    store.db.remove(keys::meta(MARKER)).at(&store.path)?;
    store.flush()?;
    remove_journal(store)?;
    Ok(Some(Recovery::RolledBack {
        action: marker.action,
    }))
}

/// Puts back the value every key had before the slices of the journal under `prefix` in `tree`.
fn put_back(store: &Store, tree: &sled::Tree, prefix: &[u8]) -> Result<()> {
    // Newest slice first: each key is in one slice only, so the order is for tidiness, not need.
    let journal: Vec<_> = tree
        .scan_prefix(prefix)
        .keys()
        .collect::<std::result::Result<Vec<_>, _>>()
        .at(&store.path)?;
    // Putting a before-value back twice does no harm, so the journal goes only once everything is
    // back and the marker is gone: a rollback cut short (killed, or the disk still full) is simply
    // done again, whole, by the next open.
    for key in journal.into_iter().rev() {
        let Some(raw) = tree.get(&key).at(&store.path)? else {
            continue;
        };
        let entry: Journal = decode(
            store,
            JOURNAL_VERSION,
            &raw,
            "the journal of an unfinished import",
        )?;
        let mut batch = sled::Batch::default();
        for (key, value) in entry.before {
            match value {
                Some(value) => batch.insert(key, value),
                None => batch.remove(key),
            }
        }
        store.db.apply_batch(batch).at(&store.path)?;
    }
    Ok(())
}

/// Removes every journal entry, wherever it is kept (a batch per tree: there is one per slice, a few
/// hundred at most).
fn remove_journal(store: &Store) -> Result<()> {
    let mut any = false;
    for (tree, prefix) in journals(store)? {
        let Some(tree) = tree else {
            continue;
        };
        let mut batch = sled::Batch::default();
        let mut in_tree = false;
        for key in tree.scan_prefix(prefix).keys() {
            batch.remove(key.at(&store.path)?);
            in_tree = true;
        }
        if in_tree {
            tree.apply_batch(batch).at(&store.path)?;
            any = true;
        }
    }
    if any {
        store.flush()?;
    }
    Ok(())
}

fn encode<T: Serialize>(version: u8, value: &T) -> Result<Vec<u8>> {
    codec::encode(version, value).map_err(|source| StoreError::Encode {
        kind: "staged commit journal",
        id: 0,
        source,
    })
}

fn decode<T: serde::de::DeserializeOwned>(
    store: &Store,
    version: u8,
    raw: &[u8],
    what: &str,
) -> Result<T> {
    codec::decode(version, raw).map_err(|e| StoreError::Damaged {
        path: store.path.clone(),
        reason: format!("{what} cannot be read ({e}), so it cannot be rolled back"),
    })
}

#[cfg(test)]
#[path = "staging_tests.rs"]
mod tests;
