//! A backup put back into an empty store (docs/formats.md#backups, docs/architecture.md#integrity),
//! read as a stream in three passes so that a backup of any size is restored holding an item at a
//! time plus a fingerprint per record:
//!
//! 1. the log alone: its hash chain is walked and the fingerprint of each record's latest after-value
//!    kept (`integrity::Latest`);
//! 2. the records: each compared with what the log last wrote, its index keys checked against every
//!    other record's, and handed to the caller (the desk checks its invariants); nothing is written
//!    by these two passes, and a backup that fails is refused with the records named;
//! 3. everything written, as one staged commit (`staging::Streamed`): all or nothing, even on a full
//!    disk. The file is read once more, so this pass checks that it reads what passes 1 and 2 read
//!    (the records' digest and the log's last hash) before the commit's last batch.
//!
//! A restore is not a change made by a user, it is the store coming back: it is written raw, not
//! through `Tx`, so that no log entry is added and the restored log is the backed-up log, entry for
//! entry, with its hashes. That is what lets `log --verify` pass on a restored store and an export of
//! it be byte-identical to the backup it came from. Text cleaned on the way in is the one exception,
//! logged as one more entry (`CLEANING_ACTION`).

use std::collections::{BTreeMap, HashMap, HashSet};

use sha2::{Digest, Sha256};

use super::audit::{self, ChainWalk, Sealed};
use super::backup::{BackupItem, BackupSource, Part, RestoreError};
use super::buckets;
use super::integrity::Latest;
use super::records::{Kind, index_entries_of};
use super::tx::counter_name;
use super::{Store, StoreError, head_file, keys, read_model, staging};
use crate::domain::Id;

type Outcome<T> = std::result::Result<T, RestoreError>;

/// How the log names the entry for text a restore cleaned (`undo` does not put such text back).
pub const CLEANING_ACTION: &str =
    "import backup: control characters and escape sequences removed from the text of";

/// At most this many disagreements with the log are named in the refusal; the rest are counted.
const NAMED: usize = 10;

/// A backup read through by `Store::check_backup`: what it holds, and why it must be refused if it
/// must. Only `Store::write_backup` uses it.
#[derive(Debug)]
pub struct Checked {
    /// How many records and log entries the backup holds.
    pub records: usize,
    pub entries: usize,
    head: Option<(u64, [u8; 32])>,
    digest: [u8; 32],
    refusal: Option<RestoreError>,
}

/// A digest of the counters and records as read, in order: what pass 3 must read again.
#[derive(Default)]
struct Digest256(Sha256);

impl Digest256 {
    fn item(&mut self, item: &BackupItem<'_>) {
        let hasher = &mut self.0;
        match item {
            BackupItem::Counter(kind, next) => {
                hasher.update([0, kind.tag()]);
                hasher.update(next.to_be_bytes());
            }
            BackupItem::Record {
                kind,
                id,
                bytes,
                as_written,
            } => {
                hasher.update([1, kind.tag()]);
                hasher.update(id.to_be_bytes());
                for value in [Some(*bytes), *as_written] {
                    let length = value.map_or(u64::MAX, |v| v.len() as u64);
                    hasher.update(length.to_be_bytes());
                    hasher.update(value.unwrap_or_default());
                }
            }
            BackupItem::Entry(_) => {}
        }
    }

    fn finish(self) -> [u8; 32] {
        self.0.finalize().into()
    }
}

impl Store {
    /// Restores a snapshot held in memory (see `check_backup` and `write_backup`).
    #[cfg(test)]
    pub(crate) fn restore(&self, snapshot: &super::Snapshot) -> Outcome<()> {
        let mut source = snapshot;
        let checked = self.check_backup(&mut source, &mut |_, _, _| {})?;
        self.write_backup(checked, &mut source)
    }

    /// Passes 1 and 2 of the module: refuses at once a store that is not empty and a backup file
    /// that cannot be read (`RestoreError::File`), and otherwise says what the backup holds and why
    /// it cannot be restored, if it cannot (`write_backup` returns that reason). `each_record` sees
    /// every record as it will be stored. Writes nothing.
    pub fn check_backup(
        &self,
        source: &mut dyn BackupSource,
        each_record: &mut dyn FnMut(Kind, Id, &[u8]),
    ) -> Outcome<Checked> {
        self.refuse_unless_empty()?;

        let mut walk = ChainWalk::default();
        let mut broken = None;
        let mut latest = Latest::default();
        let mut entries = 0;
        source.read(Part::Log, &mut |item| {
            if let BackupItem::Entry(sealed) = item {
                entries += 1;
                if broken.is_none() {
                    match walk.step(sealed.entry.seq, sealed) {
                        Ok(()) => latest.add(sealed),
                        Err(e) => broken = Some(e),
                    }
                }
            }
            Ok(())
        })?;

        let mut records = RecordChecks::default();
        let mut counters = Vec::new();
        let mut digest = Digest256::default();
        source.read(Part::Records, &mut |item| {
            digest.item(&item);
            match item {
                BackupItem::Counter(kind, next) => counters.push((kind, next)),
                BackupItem::Record {
                    kind,
                    id,
                    bytes,
                    as_written,
                } => {
                    records.add(&mut latest, kind, id, bytes, as_written);
                    each_record(kind, id, bytes);
                }
                BackupItem::Entry(_) => {}
            }
            Ok(())
        })?;

        let count = records.count;
        let refusal = match broken {
            Some(e) => Some(RestoreError::Chain(e)),
            None => records.refusal(latest, &counters),
        };
        Ok(Checked {
            records: count,
            entries,
            head: (entries > 0).then(|| walk.last()),
            digest: digest.finish(),
            refusal,
        })
    }

    /// Pass 3 of the module: writes the backup `check_backup` checked, all or nothing, then flushes;
    /// or returns why it was refused, writing nothing.
    pub fn write_backup(&self, checked: Checked, source: &mut dyn BackupSource) -> Outcome<()> {
        if let Some(refusal) = checked.refusal {
            return Err(refusal);
        }
        let mut commit = staging::Streamed::begin(self, "import backup")?;
        let mut walk = ChainWalk::default();
        let mut digest = Digest256::default();
        let mut cleaned = Vec::new();
        // The entries kept many to a bucket (`buckets`) are gathered, then written bucket by bucket;
        // the records, in id order (pass 2 made sure), a bucket at a time as they come.
        let mut bucketed = Vec::new();
        let mut records = buckets::RecordFilling::default();
        let read = source.read(Part::All, &mut |item| {
            digest.item(&item);
            match item {
                BackupItem::Counter(kind, next) => {
                    commit.write(keys::meta(&counter_name(kind)), next.to_be_bytes().to_vec())?;
                }
                BackupItem::Record {
                    kind,
                    id,
                    bytes,
                    as_written,
                } => {
                    if let Some((bucket, value)) = records.add(kind.tag(), id, bytes.to_vec()) {
                        commit.write(bucket, value)?;
                    }
                    for (key, value) in index_entries_of(kind, bytes).map_err(|e| {
                        RestoreError::Invalid(format!("{} {id} cannot be read: {e}", kind.name()))
                    })? {
                        if key.first().copied().is_some_and(buckets::is_bucketed) {
                            bucketed.push((key, value));
                        } else {
                            commit.write(key, value)?;
                        }
                    }
                    if let Some(raw) = as_written {
                        cleaned.push(audit::Change {
                            kind,
                            id,
                            before: Some(raw.to_vec()),
                            after: Some(bytes.to_vec()),
                        });
                    }
                }
                BackupItem::Entry(sealed) => {
                    walk.step(sealed.entry.seq, sealed)?;
                    commit.write(keys::log(sealed.entry.seq), encoded(sealed)?)?;
                }
            }
            Ok(())
        });
        let same = read.is_ok()
            && digest.finish() == checked.digest
            && checked.head.unwrap_or((0, audit::GENESIS)) == walk.last();
        if !same {
            if self.usable().is_err() {
                // A write failed: the marker on disk makes the next open roll back.
                return Err(read.err().unwrap_or_else(changed_file));
            }
            commit.roll_back()?;
            return Err(match read {
                Err(RestoreError::File(problems)) => RestoreError::File(problems),
                _ => changed_file(),
            });
        }

        for (bucket, value) in records.finish().into_iter().chain(buckets::fill(bucketed)) {
            commit.write(bucket, value)?;
        }
        // The read model of the records just staged, derived inside the same commit.
        commit.settle()?;
        read_model::of_store(self, |key, value| commit.write(key, value))?;
        // Text cleaned on the way in is a change to what the log says: logged as one more entry.
        let head = match cleaning_entry(cleaned, checked.head)? {
            Some(sealed) => {
                commit.write(keys::log(sealed.entry.seq), encoded(&sealed)?)?;
                Some((sealed.entry.seq, sealed.hash))
            }
            None => checked.head,
        };
        // The log head goes last: with it, the restore has happened.
        let mut last = sled::Batch::default();
        if let Some((seq, hash)) = head {
            let mut value = seq.to_be_bytes().to_vec();
            value.extend_from_slice(&hash);
            last.insert(keys::meta("log_head"), value);
        }
        commit.commit(last)?;
        head_file::refresh(self)?;
        Ok(())
    }

    fn refuse_unless_empty(&self) -> Outcome<()> {
        let records = Kind::ALL.iter().map(|&k| self.count(k)).sum::<usize>();
        let entries = self.db.scan_prefix([keys::LOG]).keys().count();
        if records > 0 || entries > 0 || self.log_head()?.is_some() {
            return Err(RestoreError::NotEmpty {
                path: self.path.clone(),
                records,
                entries,
            });
        }
        Ok(())
    }
}

fn changed_file() -> RestoreError {
    RestoreError::Invalid(
        "the backup file changed while it was being restored (it no longer reads as it did when it was checked); nothing was restored".into(),
    )
}

fn encoded(sealed: &Sealed) -> Outcome<Vec<u8>> {
    sealed.encode().map_err(|source| {
        RestoreError::Store(StoreError::Encode {
            kind: "log entry",
            id: sealed.entry.seq,
            source,
        })
    })
}

/// Pass 2's checks of the records, a record at a time.
#[derive(Default)]
struct RecordChecks {
    count: usize,
    /// Records that are not what the log last wrote.
    disagreements: Vec<String>,
    /// The first record that cannot be stored beside the others (twice, unreadable, a code taken).
    clash: Option<String>,
    seen: HashSet<(Kind, Id)>,
    /// Index keys that name something (a code's id): two records may not claim one differently.
    /// Keys without a value (a parent's list of children, a film's identity) end in the record's own
    /// id, so they cannot clash and are not kept.
    claimed: HashMap<Vec<u8>, Vec<u8>>,
    highest: BTreeMap<Kind, Id>,
}

impl RecordChecks {
    fn add(
        &mut self,
        latest: &mut Latest,
        kind: Kind,
        id: Id,
        bytes: &[u8],
        as_written: Option<&[u8]>,
    ) {
        self.count += 1;
        // The records must be what the log last wrote (docs/architecture.md#integrity); text
        // cleaned on the way in is compared as the backup held it.
        if let Some(problem) = latest.take(kind, id, as_written.unwrap_or(bytes)) {
            self.disagreements.push(problem);
        }
        let top = self.highest.entry(kind).or_default();
        let after = std::mem::replace(top, (*top).max(id));
        if self.clash.is_some() {
            return;
        }
        if !self.seen.insert((kind, id)) {
            self.clash = Some(format!("{} {id} appears twice", kind.name()));
            return;
        }
        // Records are written a bucket of consecutive ids at a time (`buckets::RecordFilling`).
        if id < after {
            self.clash = Some(format!(
                "{} {id} is listed after {} {after}: a backup lists each kind's records by id",
                kind.name(),
                kind.name()
            ));
            return;
        }
        let entries = match index_entries_of(kind, bytes) {
            Ok(entries) => entries,
            Err(e) => {
                self.clash = Some(format!("{} {id} cannot be read: {e}", kind.name()));
                return;
            }
        };
        for (key, value) in entries.into_iter().filter(|(_, v)| !v.is_empty()) {
            if let Some(other) = self.claimed.insert(key, value.clone())
                && other != value
            {
                self.clash = Some(format!(
                    "{} {id} claims a code or outside id another record already has",
                    kind.name()
                ));
                return;
            }
        }
    }

    /// Why the records cannot be restored, once every one was added.
    fn refusal(mut self, latest: Latest, counters: &[(Kind, Id)]) -> Option<RestoreError> {
        self.disagreements.extend(latest.missing());
        if !self.disagreements.is_empty() {
            let total = self.disagreements.len();
            self.disagreements.truncate(NAMED);
            return Some(RestoreError::Invalid(format!(
                "its records are not what its audit log says ({total} problem(s)): {}",
                self.disagreements.join("; ")
            )));
        }
        if let Some(clash) = self.clash {
            return Some(RestoreError::Invalid(clash));
        }
        for (kind, next) in counters {
            if self.highest.get(kind).is_some_and(|top| next <= top) {
                return Some(RestoreError::Invalid(format!(
                    "the {} counter ({next}) is not above the highest {} id",
                    kind.name(),
                    kind.name()
                )));
            }
        }
        for (kind, top) in &self.highest {
            if !counters.iter().any(|(k, _)| k == kind) {
                return Some(RestoreError::Invalid(format!(
                    "there are {} records but no {} counter (top id {top})",
                    kind.name(),
                    kind.name()
                )));
            }
        }
        None
    }
}

/// The log entry for the text a restore cleaned: one change per record, from the value the backup
/// held to the value restored. `None` when nothing was cleaned.
fn cleaning_entry(
    changes: Vec<audit::Change>,
    head: Option<(u64, [u8; 32])>,
) -> Outcome<Option<Sealed>> {
    if changes.is_empty() {
        return Ok(None);
    }
    let (last, prev_hash) = head.unwrap_or((0, audit::GENESIS));
    let entry = audit::Entry {
        seq: last + 1,
        at: chrono::Utc::now(),
        user: audit::current_user(),
        action: format!("{CLEANING_ACTION} {} record(s)", changes.len()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Festival;
    use crate::store::Snapshot;

    /// A store holding `n` festivals, each added by an entry of its own.
    fn festivals(path: &std::path::Path, n: u64) -> Store {
        let store = Store::open(path).unwrap();
        for i in 0..n {
            let mut tx = store.begin();
            let id = tx.new_id(Kind::Festival).unwrap();
            tx.put(&Festival {
                id,
                code: format!("f{i}"),
                name: format!("Festival {i}"),
                organisers: Vec::new(),
                notes: String::new(),
            })
            .unwrap();
            tx.commit(format!("add festival {i}")).unwrap();
        }
        store
    }

    /// Reads as `first` for the checking passes and as `then` afterwards: a file changed between.
    struct Changing {
        first: Snapshot,
        then: Snapshot,
        reads: usize,
    }

    impl BackupSource for Changing {
        fn read(
            &mut self,
            part: Part,
            visit: &mut dyn FnMut(BackupItem<'_>) -> Outcome<()>,
        ) -> Outcome<()> {
            self.reads += 1;
            let mut which = if self.reads <= 2 {
                &self.first
            } else {
                &self.then
            };
            which.read(part, visit)
        }
    }

    #[test]
    fn a_backup_restores_whole_and_its_log_verifies() {
        let dir = tempfile::tempdir().unwrap();
        let snapshot = festivals(&dir.path().join("a"), 3).snapshot().unwrap();
        let other = Store::open(&dir.path().join("b")).unwrap();
        other.restore(&snapshot).unwrap();
        assert_eq!(other.snapshot().unwrap(), snapshot);
        assert_eq!(other.verify_log().unwrap(), Ok(3));
        assert!(matches!(
            other.restore(&snapshot),
            Err(RestoreError::NotEmpty { records: 3, .. })
        ));
    }

    #[test]
    fn a_backup_that_reads_otherwise_when_written_is_rolled_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        // Enough keys for several slices, so that some were on disk when the change shows.
        let first = festivals(&dir.path().join("a"), 5000).snapshot().unwrap();
        let mut then = first.clone();
        then.records.last_mut().unwrap().2 = first.records[0].2.clone();
        let other = Store::open(&dir.path().join("b")).unwrap();
        let mut source = Changing {
            first,
            then,
            reads: 0,
        };
        let checked = other.check_backup(&mut source, &mut |_, _, _| {}).unwrap();
        let refused = other.write_backup(checked, &mut source).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("changed while it was being restored"),
            "{refused}"
        );
        assert_eq!(other.count(Kind::Festival), 0, "every slice was put back");
        assert_eq!(other.log_head().unwrap(), None);
        // And the store takes the backup as it was checked.
        other.restore(&source.first).unwrap();
        assert_eq!(other.count(Kind::Festival), 5000);
    }

    #[test]
    fn a_record_the_log_did_not_write_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut snapshot = festivals(&dir.path().join("a"), 2).snapshot().unwrap();
        snapshot.records[1].2 = snapshot.records[0].2.clone();
        let other = Store::open(&dir.path().join("b")).unwrap();
        let refused = other.restore(&snapshot).unwrap_err().to_string();
        assert!(
            refused.contains("festival 2 differs from what the audit log's entry #2 wrote"),
            "{refused}"
        );
        assert_eq!(other.count(Kind::Festival), 0);
    }
}
