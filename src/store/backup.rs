//! Whole-store copies (docs/formats.md#backups): every record, the id counters and the audit log,
//! read out a record and an entry at a time for `export backup`, and put back into an empty store
//! by `restore` (see `restore.rs`).
//!
//! A backup of 100,000 submissions is a 170 MB file. Neither way holds it whole
//! (BENCHMARKS.md#budgets: 200 MB resident to export, 300 MB to import): an export reads a record,
//! turns it into JSON and writes it out before it reads the next; a restore reads the file again
//! for each pass (`BackupSource`). `Snapshot` is the same content held in memory, for small stores
//! and tests.

use std::collections::BTreeMap;

use super::audit::{ChainError, Sealed};
use super::boundary::AtStore;
use super::record_scan::RecordScan;
use super::records::Kind;
use super::tx::counter_name;
use super::{Result, Store, StoreError, keys};
use crate::domain::Id;

/// Everything a store holds that matters, as stored bytes, in a stable order: kinds in `Kind::ALL`
/// order, records by id, log entries by sequence number.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Snapshot {
    /// The next id each kind will hand out (only kinds that ever handed one out).
    pub counters: Vec<(Kind, Id)>,
    pub records: Vec<(Kind, Id, Vec<u8>)>,
    pub log: Vec<Sealed>,
    /// Records as a backup held them before their text was cleaned on the way in (only those the
    /// cleaning changed; `records` holds them cleaned). The audit log wrote these, so they are what it
    /// is checked against, and the restore logs the cleaning as one more entry.
    pub as_written: Vec<(Kind, Id, Vec<u8>)>,
}

/// One thing a backup holds, as it is read.
#[derive(Debug, Clone, Copy)]
pub enum BackupItem<'a> {
    /// The next id a kind hands out.
    Counter(Kind, Id),
    /// A record as it is to be stored (text cleaned), and as the backup held it when the cleaning
    /// changed it (what the audit log wrote).
    Record {
        kind: Kind,
        id: Id,
        bytes: &'a [u8],
        as_written: Option<&'a [u8]>,
    },
    /// An audit log entry, in the backup's order.
    Entry(&'a Sealed),
}

/// Which parts of a backup a pass reads (the counters always).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The audit log, not the records.
    Log,
    /// The records, not the log.
    Records,
    /// Everything.
    All,
}

impl Part {
    pub fn records(self) -> bool {
        self != Part::Log
    }

    pub fn log(self) -> bool {
        self != Part::Records
    }
}

/// A backup that can be read more than once: a restore checks it whole before it writes anything,
/// then reads it again to write it, so that no pass holds more than an item at a time.
pub trait BackupSource {
    /// Hands every item of `part` to `visit`, in the backup's order. Problems of the backup itself
    /// are `RestoreError::File`, all of them, each naming its place (a pass that finds one in the
    /// part it reads reads the rest too, to name them all); an error from `visit` stops the reading
    /// and is returned.
    fn read(
        &mut self,
        part: Part,
        visit: &mut dyn FnMut(BackupItem<'_>) -> std::result::Result<(), RestoreError>,
    ) -> std::result::Result<(), RestoreError>;
}

/// Why a backup was not restored. Nothing was written in any case.
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
    /// The backup file itself is not a readable backup: every problem, each naming its place.
    #[error("{}", .0.join("; "))]
    File(Vec<String>),
    #[error("the backup's audit log does not verify: {0}; the backup was altered or damaged")]
    Chain(#[from] ChainError),
    #[error("the backup is inconsistent: {0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// The next id of each kind that ever handed one out, in `Kind::ALL` order.
    pub fn counters(&self) -> Result<Vec<(Kind, Id)>> {
        let mut counters = Vec::new();
        for kind in Kind::ALL {
            if let Some(next) = self.meta_u64(&counter_name(kind))? {
                counters.push((kind, next));
            }
        }
        Ok(counters)
    }

    /// The stored records of `kind` by id, read one at a time (`record_scan`: a bucket that cannot
    /// be read is an error, a record kept out of its place is not read).
    pub fn records_of(&self, kind: Kind) -> impl Iterator<Item = Result<(Id, sled::IVec)>> + '_ {
        RecordScan::all(&self.db, &self.path, kind).records()
    }

    /// The audit log by sequence number, an entry at a time. An unreadable entry is an error: a
    /// backup that silently skipped one would not be a backup.
    pub fn log_entries(&self) -> impl Iterator<Item = Result<Sealed>> + '_ {
        self.db.scan_prefix([keys::LOG]).map(|item| {
            let (key, value) = item.at(&self.path)?;
            let seq = keys::trailing_id(&key).unwrap_or_default();
            Sealed::decode(&value).map_err(|source| StoreError::Record {
                kind: "log entry",
                id: seq,
                source,
            })
        })
    }

    /// Reads everything into a snapshot (a small store's backup held in memory).
    pub(crate) fn snapshot(&self) -> Result<Snapshot> {
        let mut snapshot = Snapshot {
            counters: self.counters()?,
            ..Snapshot::default()
        };
        for kind in Kind::ALL {
            for record in self.records_of(kind) {
                let (id, bytes) = record?;
                snapshot.records.push((kind, id, bytes.to_vec()));
            }
        }
        snapshot.log = self.log_entries().collect::<Result<_>>()?;
        Ok(snapshot)
    }
}

impl BackupSource for &Snapshot {
    fn read(
        &mut self,
        part: Part,
        visit: &mut dyn FnMut(BackupItem<'_>) -> std::result::Result<(), RestoreError>,
    ) -> std::result::Result<(), RestoreError> {
        for (kind, next) in &self.counters {
            visit(BackupItem::Counter(*kind, *next))?;
        }
        if part.records() {
            let raw: BTreeMap<(Kind, Id), &[u8]> = self
                .as_written
                .iter()
                .map(|(kind, id, bytes)| ((*kind, *id), bytes.as_slice()))
                .collect();
            for (kind, id, bytes) in &self.records {
                visit(BackupItem::Record {
                    kind: *kind,
                    id: *id,
                    bytes,
                    as_written: raw.get(&(*kind, *id)).copied(),
                })?;
            }
        }
        for sealed in self.log.iter().filter(|_| part.log()) {
            visit(BackupItem::Entry(sealed))?;
        }
        Ok(())
    }
}
