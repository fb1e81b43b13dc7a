//! The embedded store (docs/architecture.md#the-store): sled, one directory per store, values through
//! the versioned codec, keys laid out by hand, every commit applied atomically and flushed before the
//! caller hears it succeeded (as one sled batch, or for a large one in slices that the next open
//! rolls back if it is cut short: `staging`).
//!
//! This is the only module that names sled or bincode.

mod audit;
mod backup;
pub mod backup_file;
mod boundary;
pub mod buckets;
pub mod codec;
mod compact;
mod directory;
mod head_file;
mod index_read;
mod integrity;
pub use integrity::same_record;
pub mod keys;
mod legacy;
mod migrate;
mod read_model;
mod record_scan;
mod records;
mod restore;
mod row_view;
mod staging;
mod stored_rows;
mod summary;
mod sweep;
pub mod testing;
mod tx;

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

pub use audit::{ChainError, Change, Entry, Sealed};
pub(crate) use backup::Snapshot;
pub use backup::{BackupItem, BackupSource, Part, RestoreError};
pub use boundary::capturing_panics;
pub use codec::CodecError;
pub use compact::{
    Compacted, NotCompacted, Progress as CompactProgress, TEST_STOP_VAR, Upgraded, in_units,
};
pub use directory::{FileNote, survey};
pub use legacy::{EditionV1, FilmV1, JurorV1, JurorV2, JurorV3, SubmissionV1};
pub use records::{IndexEntry, Kind, Record, film_identity, index_entries_of};
pub use restore::{CLEANING_ACTION, Checked};
pub use row_view::{FilmView, SubmissionView};
pub use staging::Recovery;
pub use stored_rows::{EditionSubmissions, RowView, StoredFilm, StoredRow, StoredSubmission};
pub use summary::{Collated, SubmissionSummary, SummaryRef};
pub use sweep::{Invariants, Records, Swept};
pub(crate) use tx::Tx;

use boundary::AtStore;

use crate::domain::Id;

/// The schema this jurydesk writes. Bump it with a step in `migrate` whenever the layout changes.
pub const SCHEMA_VERSION: u32 = 12;

/// sled's page cache. The desk keeps the rows it shows in memory itself, so sled needs little more than the
/// hot index pages; a bigger cache only adds to the resident size (BENCHMARKS.md#budgets: 200 MB at
/// 100k).
const CACHE_BYTES: u64 = 16 * 1024 * 1024;

/// What to do with a damaged store, said wherever jurydesk reports one (and in the README's "Where the
/// store lives").
pub const RECOVERY: &str = "keep the damaged directory as it is (move it aside, do not delete it) \
and restore your latest backup into a new store: `jurydesk --db NEW_STORE import backup BACKUP.json`, \
or put back your latest copy of the whole directory";

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("open in another jurydesk: {}", .path.display())]
    Locked { path: PathBuf },
    /// Nothing to open: a command that only reads, or only changes what exists, never creates a store,
    /// so a mistyped `--db` or `JURYDESK_DB` is an error instead of an empty store that passes `check`.
    #[error("there is no jurydesk store at {} (is --db or JURYDESK_DB mistyped?); nothing was created. `jurydesk --db {} demo`, `festival add`, `import backup` or the desk create one", .path.display(), .path.display())]
    Missing { path: PathBuf },
    /// The path names something that is not a store and must not become one: a file, or a directory
    /// holding other files.
    #[error("{} {why}: give --db a new or empty directory for a store", .path.display())]
    NotAStore { path: PathBuf, why: &'static str },
    #[error("the store at {} was written by a newer jurydesk (schema {found}; this one knows up to {SCHEMA_VERSION}); it was left untouched: use a newer jurydesk", .path.display())]
    NewerSchema { path: PathBuf, found: u32 },
    #[error("the store at {} is damaged: {reason}.\n`jurydesk --db {} check` shows what is wrong. To recover: {RECOVERY}", .path.display(), .path.display())]
    Damaged { path: PathBuf, reason: String },
    #[error("jurydesk may not read or write {}: permission denied. Give your user read and write access to the store directory and everything in it (e.g. `chmod -R u+rwX` on the directory, as its owner), or run jurydesk as the user who owns it", .path.display())]
    Permission { path: PathBuf },
    /// A write failed because the disk is full or read-only (docs/architecture.md#faults). The
    /// change is not in the store, and this process stops using the store (`Store::abandon`).
    #[error("{}: this change was not saved (the store keeps everything saved before it; a large change such as an import is rolled back whole; `jurydesk log` shows the latest change kept). {}", fault.words(.path), fault.fix())]
    WriteRefused { path: PathBuf, fault: WriteFault },
    /// Like `WriteRefused`, for the upgrade of a store written by an older jurydesk (`migrate`): the
    /// user changed nothing, so "this change" would mislead.
    #[error("{}: the store was written by an older jurydesk (schema {from}) and must be brought up to schema {SCHEMA_VERSION} before it is used, which writes to it; nothing was changed, and the older jurydesk can still open it. {}, then open the store again", fault.words(.path), fault.fix_alone())]
    UpgradeRefused {
        path: PathBuf,
        fault: WriteFault,
        from: u32,
    },
    /// An earlier write of this process failed; the store is not read or written again until
    /// jurydesk is started anew, so that nothing half-written in memory is shown or saved.
    /// The disk did not confirm a write in time (see `Store::flush`).
    #[error("the disk holding the store at {} did not confirm a write within {} seconds, so jurydesk stopped waiting and stopped using the store: quit and start jurydesk again (everything saved before is kept; `jurydesk log` shows the latest change kept)", .path.display(), .waited.as_secs())]
    Stalled {
        path: PathBuf,
        waited: std::time::Duration,
    },
    #[error("jurydesk stopped using the store at {} after a write to it failed: quit and start jurydesk again (the store on disk holds everything saved before the failure)", .path.display())]
    Abandoned { path: PathBuf },
    /// `Store::compact` left the store as it was (`compact`): why.
    #[error("the store at {} was not compacted and is as it was: {reason}{}", .path.display(), .reason.fix())]
    NotCompacted { path: PathBuf, reason: NotCompacted },
    /// A compaction put its copy in the store's place, and the store could not be opened after it.
    #[error("the store at {} was compacted, but could not be opened after it: {source}\nThe store as it was before compacting is kept at {}: if the store cannot be opened, move the compacted one aside and put that one back in its place", .path.display(), .old_copy.display())]
    AfterCompaction {
        path: PathBuf,
        old_copy: PathBuf,
        source: Box<StoreError>,
    },
    #[error("cannot {what} {}: {source}", .path.display())]
    Io {
        what: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("{kind} {id} cannot be read: {source}")]
    Record {
        kind: &'static str,
        id: Id,
        source: CodecError,
    },
    #[error("cannot encode {kind} {id}: {source}")]
    Encode {
        kind: &'static str,
        id: Id,
        source: CodecError,
    },
}

impl StoreError {
    /// Whether the store itself is unusable (exit code 3) rather than one operation failing.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            StoreError::Locked { .. }
                | StoreError::Missing { .. }
                | StoreError::NotAStore { .. }
                | StoreError::NewerSchema { .. }
                | StoreError::Damaged { .. }
                | StoreError::Permission { .. }
                | StoreError::Io { .. }
                | StoreError::WriteRefused { .. }
                | StoreError::UpgradeRefused { .. }
                | StoreError::Abandoned { .. }
                | StoreError::Stalled { .. }
                | StoreError::Record { .. }
                | StoreError::AfterCompaction { .. }
        )
    }
}

/// Why the disk refused a write, in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteFault {
    /// ENOSPC, or a quota.
    DiskFull,
    /// EROFS: the filesystem was remounted read-only (often after a disk error).
    ReadOnly,
}

impl WriteFault {
    /// The fault for an I/O error, when it is one of these.
    pub fn of(error: &io::Error) -> Option<WriteFault> {
        match error.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => Some(WriteFault::DiskFull),
            io::ErrorKind::ReadOnlyFilesystem => Some(WriteFault::ReadOnly),
            _ => None,
        }
    }

    fn words(self, path: &Path) -> String {
        match self {
            WriteFault::DiskFull => {
                format!("the disk holding the store at {} is full", path.display())
            }
            WriteFault::ReadOnly => format!(
                "the disk holding the store at {} is read-only (it may have been remounted so after a disk error)",
                path.display()
            ),
        }
    }

    /// The fix without "then do it again" (the caller says what to do again).
    fn fix_alone(self) -> &'static str {
        match self {
            WriteFault::DiskFull => "Free some space on it",
            WriteFault::ReadOnly => {
                "Make the disk writable again (or copy the store to one that is)"
            }
        }
    }

    fn fix(self) -> &'static str {
        match self {
            WriteFault::DiskFull => "Free some space on it, then do it again",
            WriteFault::ReadOnly => {
                "Make the disk writable again (or copy the store to one that is), then do it again"
            }
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How long a flush may take before the store is given up (see `Store::flush`): far beyond any fsync
/// of a healthy disk, short enough that nobody waits for ever.
const FLUSH_DEADLINE: std::time::Duration = std::time::Duration::from_secs(60);

/// An open store. Only one process holds it at a time. A clone shares the same database, for reading
/// on another thread (the desk loads a large edition in the background); all writes stay on the
/// thread that owns the desk.
#[derive(Clone)]
pub struct Store {
    db: boundary::Sled,
    path: PathBuf,
    /// What opening the store had to roll back (a large import cut short), for the user to hear.
    recovery: Option<Recovery>,
    /// What the open that upgraded the store did about compacting it (`compact::after_upgrade`).
    upgraded: Option<compact::Upgraded>,
    /// Set (for every clone) once a write failed; see `abandon`.
    abandoned: std::sync::Arc<std::sync::atomic::AtomicBool>,
    // Held for the life of the store (and of every clone): the advisory lock that keeps a second
    // jurydesk out.
    _lock: std::sync::Arc<File>,
}

// The path says which store; the handles and flags say nothing to a reader of a debug print.
#[allow(clippy::missing_fields_in_debug)]
impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (or creates, owner-only) the store at `path`, migrating an older schema in one step and
    /// refusing a newer one. A directory that is damaged (a file missing, corrupted or unreadable, or
    /// a database that lost changes it was told to keep) is refused with `StoreError::Damaged` or
    /// `Permission`, never opened as if it were whole. A large commit that was cut short (killed
    /// while its slices were being written, see `staging`) is rolled back here, before anything
    /// reads; `recovery` says so.
    pub fn open(path: &Path) -> Result<Store> {
        directory::refuse_not_a_store(path)?;
        directory::create_private_dir(path)?;
        if !directory::holds_a_store(path) {
            directory::make_private(path)?;
        }
        // The lock first: a second jurydesk that is opening or writing the store may be creating and
        // renaming sled's files while this one would be looking at them.
        let lock = directory::take_lock(path)?;
        match Store::open_locked(path, std::sync::Arc::new(lock))? {
            // The upgrade moved most keys, leaving their old place free in sled's file, which every
            // later open would write again: compacted once, now (`compact`).
            (store, Some(from)) => compact::after_upgrade(store, from),
            (store, None) => Ok(store),
        }
    }

    /// `open` once jurydesk's lock is held (a compaction holds it across its reopen); with the
    /// schema the store was upgraded from when the upgrade moved its layout.
    fn open_locked(path: &Path, lock: std::sync::Arc<File>) -> Result<(Store, Option<u32>)> {
        directory::remove_unfinished_snapshots(path)?;
        directory::inspect(path)?;
        let db = boundary::open_sled(path)?;
        let mut store = Store {
            db,
            path: path.to_path_buf(),
            recovery: None,
            upgraded: None,
            abandoned: std::sync::Arc::default(),
            _lock: lock,
        };
        let mut moved = None;
        let opened = (|| {
            head_file::verify(&store)?;
            // Before anything reads, and never in a store this jurydesk may not write.
            migrate::refuse_newer(&store)?;
            store.recovery = staging::recover(&store)?;
            moved = migrate::bring_up_to_date(&store)?;
            // A migration cut short was rolled back and has just been done again whole: nothing
            // for the user to redo.
            if matches!(&store.recovery, Some(Recovery::RolledBack { action }) if action == migrate::ACTION)
            {
                store.recovery = None;
            }
            head_file::refresh(&store)?;
            directory::make_files_private(path)
        })();
        match opened {
            Ok(()) => Ok((store, moved)),
            Err(error) => {
                // After a failed write, never wait on sled's flush-on-drop (see `abandon`). Other
                // refusals (a newer schema, lost changes) close the store as usual, releasing it.
                if matches!(
                    error,
                    StoreError::Io { .. }
                        | StoreError::WriteRefused { .. }
                        | StoreError::UpgradeRefused { .. }
                        | StoreError::Stalled { .. }
                        | StoreError::Abandoned { .. }
                ) {
                    store.abandon();
                }
                Err(error)
            }
        }
    }

    /// Stops using the store after a write to it failed. sled may have applied part of the failed
    /// batch in memory (the disk has none of it, or all of it: its log recovers whole batches), so
    /// nothing more is read or written through this handle: the next open reads the disk afresh (and
    /// rolls back a sliced commit cut short). And sled, which flushes when its last handle is dropped,
    /// can wait forever inside that flush after an I/O error: one handle is leaked on purpose so the
    /// drop never comes, and the process ends without waiting.
    pub(crate) fn abandon(&self) {
        use std::sync::atomic::Ordering;
        if !self.abandoned.swap(true, Ordering::SeqCst) {
            std::mem::forget(self.db.clone());
        }
    }

    /// Lets go of the store when the process is about to end: what sled still holds unwritten is
    /// flushed (nothing, after a commit, which flushes itself), and sled's last handle is then left
    /// undropped. Its drop would flush again, fsync the file once more and walk sled's whole page table
    /// for a debugging event log (13 % of the CPU of `list editions` at 100k, and 10–40 ms of wall time
    /// with the fsync): the exit frees the memory, and jurydesk's lock and sled's go with the process.
    /// Never for a store this process opens again (sled's lock would still be held).
    pub fn close_for_exit(self) -> Result<()> {
        if !self.given_up() {
            self.flush()?;
        }
        std::mem::forget(self);
        Ok(())
    }

    /// Whether this store was given up after a failed write (see `abandon`): nothing more can be read
    /// or written through it.
    pub fn given_up(&self) -> bool {
        self.abandoned.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Refuses to go on once the store was abandoned (see `abandon`).
    fn usable(&self) -> Result<()> {
        if self.abandoned.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(StoreError::Abandoned {
                path: self.path.clone(),
            });
        }
        Ok(())
    }

    /// Opens the store at `path` only if there is one: `StoreError::Missing` otherwise, and nothing is
    /// created. For everything that reads, or changes records that must already exist.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !Store::exists(path) {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        Store::open(path)
    }

    /// Whether `path` holds a store (sled's database file is there). A directory without one, or no
    /// directory at all, holds none.
    pub fn exists(path: &Path) -> bool {
        directory::holds_a_store(path)
    }

    /// What the open had to repair before anything could read: a large commit that was cut short
    /// (killed, power lost) and has been rolled back, leaving the store as it was before it.
    pub fn recovery(&self) -> Option<&Recovery> {
        self.recovery.as_ref()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts a change; nothing is written until `Tx::commit`. Crate-private: only `desk/` writes (and
    /// `testing`, for tests that need a state no way in makes).
    pub(crate) fn begin(&self) -> Tx<'_> {
        Tx::new(self)
    }

    pub fn get<T: Record>(&self, id: Id) -> Result<Option<T>> {
        match self.get_raw(T::KIND, id)? {
            Some(bytes) => T::decode(&bytes)
                .map(Some)
                .map_err(|source| StoreError::Record {
                    kind: T::KIND.name(),
                    id,
                    source,
                }),
            None => Ok(None),
        }
    }

    pub fn get_raw(&self, kind: Kind, id: Id) -> Result<Option<Vec<u8>>> {
        self.usable()?;
        Ok(record_scan::find(&self.db, &self.path, kind, id)?.map(|v| v.to_vec()))
    }

    /// Every record of one kind, in id order.
    pub fn all<T: Record>(&self) -> Result<Vec<T>> {
        self.usable()?;
        self.records_of(T::KIND)
            .map(|item| {
                let (id, value) = item?;
                T::decode(&value).map_err(|source| StoreError::Record {
                    kind: T::KIND.name(),
                    id,
                    source,
                })
            })
            .collect()
    }

    /// The records of one kind with the given ids, skipping none: a missing one is damage.
    pub fn many<T: Record>(&self, ids: &[Id]) -> Result<Vec<T>> {
        ids.iter()
            .map(|&id| {
                self.get::<T>(id)?.ok_or_else(|| StoreError::Damaged {
                    path: self.path.clone(),
                    reason: format!(
                        "an index names {} {id}, which does not exist",
                        T::KIND.name()
                    ),
                })
            })
            .collect()
    }

    /// Like `many`, for long lists: reads the records in key order with one range scan instead of one
    /// lookup each, which is several times faster on large editions, unless the ids are few and far
    /// apart (then one lookup each; see `raw_many_sorted`).
    pub fn many_sorted<T: Record>(&self, ids: &[Id]) -> Result<Vec<T>> {
        self.raw_many_sorted(T::KIND, ids)?
            .iter()
            .zip(ids)
            .map(|(bytes, &id)| {
                T::decode(bytes).map_err(|source| StoreError::Record {
                    kind: T::KIND.name(),
                    id,
                    source,
                })
            })
            .collect()
    }

    /// How many records of a kind can be read (for tests and tools: a scan of every one).
    pub fn count(&self, kind: Kind) -> usize {
        self.records_of(kind).flatten().count()
    }

    pub fn is_empty_of_records(&self) -> bool {
        Kind::ALL
            .iter()
            .all(|kind| self.db.scan_prefix([kind.tag()]).next().is_none())
    }

    fn meta_u64(&self, name: &str) -> Result<Option<u64>> {
        Ok(self
            .db
            .get(keys::meta(name))
            .at(&self.path)?
            .and_then(|v| keys::trailing_id(&v)))
    }

    /// The last audit entry's sequence number and hash, as recorded at its commit.
    pub fn log_head(&self) -> Result<Option<(u64, [u8; 32])>> {
        self.usable()?;
        let Some(raw) = self.db.get(keys::meta("log_head")).at(&self.path)? else {
            return Ok(None);
        };
        if raw.len() != 40 {
            return Err(self.damaged("the log head record has the wrong size"));
        }
        let seq = keys::trailing_id(&raw[..8]).unwrap_or_default();
        let mut hash = [0; 32];
        hash.copy_from_slice(&raw[8..]);
        Ok(Some((seq, hash)))
    }

    /// Audit entries, newest first, as read (an unreadable one yields its error).
    pub fn log_newest_first(
        &self,
    ) -> impl Iterator<Item = (u64, std::result::Result<Sealed, CodecError>)> + '_ {
        self.db
            .scan_prefix([keys::LOG])
            .rev()
            .filter_map(Result::ok)
            .map(|(key, value)| {
                (
                    keys::trailing_id(&key).unwrap_or_default(),
                    Sealed::decode(&value),
                )
            })
    }

    /// Checks the whole hash chain of the audit log; returns the number of entries.
    pub fn verify_log(&self) -> Result<std::result::Result<u64, ChainError>> {
        let head = self.log_head()?;
        let mut read_error = None;
        let entries = self
            .db
            .scan_prefix([keys::LOG])
            .map_while(|item| match item {
                Ok((key, value)) => Some((
                    keys::trailing_id(&key).unwrap_or_default(),
                    Sealed::decode(&value),
                )),
                Err(e) => {
                    read_error = Some(e);
                    None
                }
            });
        let verdict = audit::verify_chain(entries, head);
        if let Some(e) = read_error {
            return Err(boundary::sled_error(&self.path, e));
        }
        Ok(verdict)
    }

    /// Index entries that disagree with the records, found by one reader walking the store: the
    /// plain form of what `check`'s two-thread pass (`sweep`) finds. `check` no longer calls it; it
    /// stays as the reference that pass is tested against (tests/check_sweep.rs, the same problems in
    /// the same order) and as the migrations' tests' yardstick.
    pub fn index_problems(&self) -> Result<Vec<String>> {
        let mut expected = std::collections::BTreeMap::new();
        for kind in Kind::ALL {
            for item in record_scan::RecordScan::all(&self.db, &self.path, kind) {
                // A bucket that cannot be read, or an entry out of its place: not there, as for
                // `check` (which names them).
                let record_scan::Held::Record(_, value) = item? else {
                    continue;
                };
                // An unreadable record is reported by `check` itself; its index entries cannot be judged.
                if let Ok(entries) = index_entries_of(kind, &value) {
                    expected.extend(entries);
                }
            }
        }
        self.index_problems_against(expected)
    }

    /// Index entries that disagree with `expected`, every entry the records call for.
    fn index_problems_against(
        &self,
        mut expected: std::collections::BTreeMap<Vec<u8>, Vec<u8>>,
    ) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        for prefix in keys::INDEX_PREFIXES {
            let stored = self.stored_index_entries(prefix)?;
            problems.extend(stored.flaws);
            for (key, value) in stored.entries {
                match expected.remove(key.as_slice()) {
                    Some(v) if v == value => {}
                    Some(_) => problems.push(format!(
                        "index entry {} points elsewhere",
                        hex::encode(&key)
                    )),
                    None => {
                        problems.push(format!("index entry {} names no record", hex::encode(&key)));
                    }
                }
            }
        }
        problems.extend(
            expected
                .keys()
                .map(|key| format!("index entry {} is missing", hex::encode(key))),
        );
        Ok(problems)
    }

    fn damaged(&self, reason: &str) -> StoreError {
        StoreError::Damaged {
            path: self.path.clone(),
            reason: reason.to_string(),
        }
    }

    /// The underlying sled database, for tests that damage a store on purpose and for repair tools.
    #[doc(hidden)]
    pub fn raw(&self) -> &sled::Db {
        &self.db
    }

    /// Makes every write so far durable. sled's flush waits, without a limit, for its writer to report
    /// the log stable; after some I/O errors that report never comes (issue 13: imports on a full disk
    /// hung). So the flush runs on a thread of its own and is given `FLUSH_DEADLINE`: past it the store
    /// is abandoned and the user told, instead of waiting forever.
    fn flush(&self) -> Result<()> {
        self.usable()?;
        let outcome = flush_within_deadline(&self.db, &self.path);
        if outcome.is_err() {
            self.abandon();
        }
        outcome
    }
}

/// Flushes `db` on a thread of its own, giving up after `FLUSH_DEADLINE` (see `Store::flush`).
fn flush_within_deadline(db: &boundary::Sled, path: &Path) -> Result<()> {
    let db = db.clone();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("jurydesk-flush".into())
        .spawn(move || {
            let flushed = db.flush();
            // Let go of the database before answering: a store closed right after its last
            // commit must not still be held open by this thread (a reopen would find it locked).
            drop(db);
            let _ = sender.send(flushed);
        })
        .map_err(|e| directory::io_error(path, "start writing to", e))?;
    match receiver.recv_timeout(FLUSH_DEADLINE) {
        Ok(flushed) => flushed.map(|_| ()).at(path),
        Err(_) => Err(StoreError::Stalled {
            path: path.to_path_buf(),
            waited: FLUSH_DEADLINE,
        }),
    }
}
