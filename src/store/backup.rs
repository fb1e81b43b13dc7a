//! Whole-store copies (SPEC §5.4): a snapshot of every record, the id counters and the audit log, and
//! its restore into an empty store.
//!
//! A restore is not a change made by a user, it is the store coming back: it is written raw, all or
//! nothing (staged in slices when it is large, see `staging`), not through `Tx`, so that no log entry
//! is added and the restored log is the backed-up log,
//! entry for entry, with its hashes. That is what lets `log --verify` pass on a restored store and an
//! export of it be byte-identical to the backup it came from.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::audit::{self, ChainError, Sealed};
use super::boundary::AtStore;
use super::records::{Kind, index_entries_of};
use super::tx::counter_name;
use super::{Result, Store, StoreError, head_file, keys, read_model, staging};
use crate::domain::Id;

/// Everything a store holds that matters, as stored bytes, in a stable order: kinds in `Kind::ALL`
/// order, records by id, log entries by sequence number.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot {
    /// The next id each kind will hand out (only kinds that ever handed one out).
    pub counters: Vec<(Kind, Id)>,
    pub records: Vec<(Kind, Id, Vec<u8>)>,
    pub log: Vec<Sealed>,
    /// Records as a backup held them before their text was cleaned on the way in (only those the
    /// cleaning changed; `records` holds them cleaned). The audit log wrote these, so they are what it
    /// is checked against, and the restore logs the cleaning as one more entry.
    pub as_written: Vec<(Kind, Id, Vec<u8>)>,
}

/// Why a snapshot was not restored. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error(
        "the store at {} is not empty ({records} record(s), {entries} log entr(y/ies)): a backup is restored only into an empty store; name a new one with --db PATH", .path.display()
    )]
    NotEmpty {
        path: std::path::PathBuf,
        records: usize,
        entries: usize,
    },
    #[error("the backup's audit log does not verify: {0}; the backup was altered or damaged")]
    Chain(#[from] ChainError),
    #[error("the backup is inconsistent: {0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// Reads everything into a snapshot. An unreadable record or log entry is an error: a backup that
    /// silently skipped one would not be a backup.
    pub fn snapshot(&self) -> Result<Snapshot> {
        let mut snapshot = Snapshot::default();
        for kind in Kind::ALL {
            if let Some(next) = self.meta_u64(&counter_name(kind))? {
                snapshot.counters.push((kind, next));
            }
            for item in self.db.scan_prefix([kind.tag()]) {
                let (key, value) = item.at(&self.path)?;
                let id = keys::trailing_id(&key).unwrap_or_default();
                snapshot.records.push((kind, id, value.to_vec()));
            }
        }
        for item in self.db.scan_prefix([keys::LOG]) {
            let (key, value) = item.at(&self.path)?;
            let seq = keys::trailing_id(&key).unwrap_or_default();
            let sealed = Sealed::decode(&value).map_err(|source| StoreError::Record {
                kind: "log entry",
                id: seq,
                source,
            })?;
            snapshot.log.push(sealed);
        }
        Ok(snapshot)
    }

    /// Writes a snapshot into this store, which must be empty, all or nothing, then flushes.
    /// Checks first that the log chain verifies, that every record decodes, that no two records claim
    /// the same unique index key and that the counters are above every id.
    pub fn restore(&self, snapshot: &Snapshot) -> std::result::Result<(), RestoreError> {
        let records = Kind::ALL.iter().map(|&k| self.count(k)).sum::<usize>();
        let entries = self.db.scan_prefix([keys::LOG]).keys().count();
        if records > 0 || entries > 0 || self.log_head()?.is_some() {
            return Err(RestoreError::NotEmpty {
                path: self.path.clone(),
                records,
                entries,
            });
        }
        let head = snapshot.log.last().map(|s| (s.entry.seq, s.hash));
        audit::verify_chain(
            snapshot.log.iter().map(|s| (s.entry.seq, Ok(s.clone()))),
            head,
        )?;
        // The records must be what the log last wrote (SPEC §7.4): a backup edited by hand, or one
        // whose last log entries were cut off, is refused before anything is written. Text cleaned
        // on the way in is compared as the backup held it.
        let raw: BTreeMap<(Kind, Id), &[u8]> = snapshot
            .as_written
            .iter()
            .map(|(kind, id, bytes)| ((*kind, *id), bytes.as_slice()))
            .collect();
        let disagreements = super::integrity::Latest::of(snapshot.log.iter()).compare(
            snapshot.records.iter().map(|(kind, id, bytes)| {
                let held = raw.get(&(*kind, *id)).copied().unwrap_or(bytes.as_slice());
                (*kind, *id, held)
            }),
        );
        if !disagreements.is_empty() {
            return Err(RestoreError::Invalid(format!(
                "its records are not what its audit log says ({} problem(s)): {}",
                disagreements.len(),
                disagreements
                    .iter()
                    .take(10)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ")
            )));
        }

        let mut batch = staging::Writes::new();
        let mut seen = BTreeSet::new();
        let mut index: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
        let mut highest: BTreeMap<Kind, Id> = BTreeMap::new();
        for (kind, id, bytes) in &snapshot.records {
            if !seen.insert((*kind, *id)) {
                return Err(RestoreError::Invalid(format!(
                    "{} {id} appears twice",
                    kind.name()
                )));
            }
            let entries = index_entries_of(*kind, bytes).map_err(|e| {
                RestoreError::Invalid(format!("{} {id} cannot be read: {e}", kind.name()))
            })?;
            for (key, value) in entries {
                if let Some(other) = index.insert(key, value.clone())
                    && other != value
                {
                    return Err(RestoreError::Invalid(format!(
                        "{} {id} claims a code or outside id another record already has",
                        kind.name()
                    )));
                }
            }
            let top = highest.entry(*kind).or_default();
            *top = (*top).max(*id);
            batch.insert(
                keys::record(kind.tag(), *id),
                Some(Cow::Borrowed(bytes.as_slice())),
            );
        }
        for (key, value) in index {
            batch.insert(key, Some(Cow::Owned(value)));
        }
        let records = snapshot
            .records
            .iter()
            .map(|(kind, id, bytes)| (*kind, *id, bytes.as_slice()));
        for (key, value) in read_model::of_records(records)? {
            batch.insert(key, Some(Cow::Owned(value)));
        }
        for (kind, next) in &snapshot.counters {
            if highest.get(kind).is_some_and(|top| next <= top) {
                return Err(RestoreError::Invalid(format!(
                    "the {} counter ({next}) is not above the highest {} id",
                    kind.name(),
                    kind.name()
                )));
            }
            batch.insert(
                keys::meta(&counter_name(*kind)),
                Some(Cow::Owned(next.to_be_bytes().to_vec())),
            );
        }
        for (kind, top) in &highest {
            if !snapshot.counters.iter().any(|(k, _)| k == kind) {
                return Err(RestoreError::Invalid(format!(
                    "there are {} records but no {} counter (top id {top})",
                    kind.name(),
                    kind.name()
                )));
            }
        }
        for sealed in &snapshot.log {
            let bytes = sealed.encode().map_err(|source| StoreError::Encode {
                kind: "log entry",
                id: sealed.entry.seq,
                source,
            })?;
            batch.insert(keys::log(sealed.entry.seq), Some(Cow::Owned(bytes)));
        }
        // Text cleaned on the way in is a change to what the log says: logged as one more entry.
        let head = match cleaning_entry(snapshot, head)? {
            Some(sealed) => {
                let bytes = sealed.encode().map_err(|source| StoreError::Encode {
                    kind: "log entry",
                    id: sealed.entry.seq,
                    source,
                })?;
                batch.insert(keys::log(sealed.entry.seq), Some(Cow::Owned(bytes)));
                Some((sealed.entry.seq, sealed.hash))
            }
            None => head,
        };
        // The log head goes last: with it, the restore has happened.
        let mut last = sled::Batch::default();
        if let Some((seq, hash)) = head {
            let mut value = seq.to_be_bytes().to_vec();
            value.extend_from_slice(&hash);
            last.insert(keys::meta("log_head"), value);
        }
        staging::apply(self, "import backup", batch, last)?;
        head_file::refresh(self)?;
        Ok(())
    }
}

/// How the log names the entry for text a restore cleaned (`undo` does not put such text back).
pub const CLEANING_ACTION: &str =
    "import backup: control characters and escape sequences removed from the text of";

/// The log entry for the text a restore cleaned: one change per record, from the value the backup
/// held to the value restored. `None` when nothing was cleaned.
fn cleaning_entry(
    snapshot: &Snapshot,
    head: Option<(u64, [u8; 32])>,
) -> std::result::Result<Option<Sealed>, RestoreError> {
    if snapshot.as_written.is_empty() {
        return Ok(None);
    }
    let cleaned: BTreeMap<(Kind, Id), &Vec<u8>> = snapshot
        .records
        .iter()
        .map(|(kind, id, bytes)| ((*kind, *id), bytes))
        .collect();
    let changes = snapshot
        .as_written
        .iter()
        .filter_map(|(kind, id, raw)| {
            Some(audit::Change {
                kind: *kind,
                id: *id,
                before: Some(raw.clone()),
                after: Some((*cleaned.get(&(*kind, *id))?).clone()),
            })
        })
        .collect();
    let (last, prev_hash) = head.unwrap_or((0, audit::GENESIS));
    let entry = audit::Entry {
        seq: last + 1,
        at: chrono::Utc::now(),
        user: audit::current_user(),
        action: format!("{CLEANING_ACTION} {} record(s)", snapshot.as_written.len()),
        changes,
        undoes: None,
        prev_hash,
    };
    let seq = entry.seq;
    Ok(Some(entry.seal().map_err(|source| StoreError::Encode {
        kind: "log entry",
        id: seq,
        source,
    })?))
}
