//! Compaction: the store rewritten into a fresh sled beside it, then swapped in atomically.
//!
//! Why: sled 0.34.7 zeroes every free segment of its `db` file each time it starts
//! (`SegmentAccountant::initialize_from_snapshot`), and can only give space back at the end of the
//! file. An upgrade that rewrites every key (schema 10 -> 11 -> 12) leaves the old layout's space free
//! in the middle of the file, so every later open wrote it all again: 1.52 GB per open of an upgraded
//! 1M store, 0.8-1.1 s instead of 0.1 s (BENCHMARKS.md, "Compaction"). A copy made key by key in key
//! order has no such holes.
//!
//! The steps, each safe to be killed after (`Step`):
//! 1. leftovers of an earlier compaction cut short are removed (`<store>.compacting`,
//!    `<store>.before-compaction`): the store at the path is whole whichever step that one reached;
//! 2. every tree, key and value is copied verbatim, in key order and in batches of `copy::BATCH_KEYS` (sled
//!    keeps what a batch writes alive until it ends, see `staging`), into a fresh sled at
//!    `<store>.compacting`, which is flushed and closed; `jurydesk.head` is carried over;
//! 3. the store's sled is closed (its lock still held: the two sleds are never in memory together,
//!    and sled finds its files by path), and the copy is opened again and read back whole: the same
//!    number of keys and the same hash of every tree name, key and value as the store, or it is
//!    removed and the store opened again as it was;
//! 4. the two directories are exchanged with `renameat2(RENAME_EXCHANGE)`: the path always holds a
//!    whole store, never nothing (an open of a missing path would create an empty one);
//! 5. the old directory is renamed `<store>.before-compaction`, the store is opened again and the old
//!    one removed. A failure there leaves the old copy under that name, and says so.
//!
//! The store's lock is held throughout, and the copy's own lock is taken before the exchange, so at
//! the path there is a locked lock file at every moment (a jurydesk that opened the old lock file
//! before the exchange finds it is no longer the one at the path: `directory::take_lock`).
//! Nothing stored changes: no audit entry, the same backup, the same `check`.
//!
//! Here: the steps and what the user hears. `copy`: the copy and its check; `disk`: the exchange,
//! free space, fsync and the rest of the filesystem; `stop`: where tests stop a compaction.

mod copy;
mod disk;
mod stop;

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::directory::io_error;
use super::head_file::HEAD_FILE;
use super::{Result, Store, StoreError, WriteFault};
use copy::Copy;
#[cfg(test)]
use copy::{Tallying, tree_names};
pub use disk::in_units;
use disk::{exchange, free_space, remove_dir, size_of, sync_dir, wait_until_closed};
pub use stop::TEST_STOP_VAR;
use stop::{STOPPED, Step, Stop};

/// The copy being made, beside the store.
const COPY_SUFFIX: &str = ".compacting";
/// The store as it was, once the copy has taken its place, until it is removed.
const OLD_SUFFIX: &str = ".before-compaction";

/// The files a store directory may hold (`directory`): a leftover holding anything else is not ours
/// to remove.
const STORE_FILES: [&str; 5] = ["conf", "db", "blobs", "jurydesk.lock", HEAD_FILE];

/// What a compaction did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compacted {
    /// The store's size on disk before and after (every file of its directory), in bytes.
    pub before: u64,
    pub after: u64,
    /// How many keys were copied (every tree).
    pub keys: u64,
    /// The store as it was, when it could not be removed: where it is and why it is there.
    pub old_copy_left: Option<String>,
}

/// How far a compaction has got, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Keys and bytes copied so far (the total is not known before the end).
    Copying { keys: u64, bytes: u64 },
    /// Keys of the copy read back so far, of how many.
    Verifying { keys: u64, of: u64 },
    /// The copy is being put in the store's place.
    Swapping,
}

/// Why a store was not compacted; in every case it was left as it was.
#[derive(Debug, Clone, thiserror::Error)]
pub enum NotCompacted {
    #[error(
        "the disk holding it has {} free and the compacted copy needs up to {} (the store's size){}",
        in_units(*free),
        in_units(*needed),
        if *copy_removed { "; the partial copy was removed" } else { "" }
    )]
    NoRoom {
        needed: u64,
        free: u64,
        /// Whether a copy was begun (and removed), or the space was found missing before.
        copy_removed: bool,
    },
    #[error(
        "the compacted copy was made and checked, but the disk ({} free before it) had no room left to open it beside the store as it was; the copy was removed",
        in_units(*free)
    )]
    NoRoomToOpen { free: u64 },
    #[error(
        "this filesystem cannot swap two directories in one step (renameat2 RENAME_EXCHANGE: {why}), which compaction needs so that the store is never missing; the copy was removed. `jurydesk export backup` and then `import backup` into a new store give a compact store by hand"
    )]
    NoExchange { why: String },
    #[error(
        "the copy read back differs from the store ({copied} keys written, {read} read back, or their contents differ), so it was removed"
    )]
    Mismatch { copied: u64, read: u64 },
    #[error(
        "{} is in the way and is not a copy a compaction left ({why}): move it elsewhere, then run `jurydesk compact` again",
        .path.display()
    )]
    InTheWay { path: PathBuf, why: &'static str },
    #[error("the store is still open elsewhere in this jurydesk")]
    StillOpen,
    #[error("{0}; the partial copy was removed")]
    Failed(String),
}

impl NotCompacted {
    /// What to do about it, for `jurydesk compact`'s error (the open that upgraded a store says it its
    /// own way): a sentence, or nothing when the reason says it already.
    pub fn fix(&self) -> &'static str {
        match self {
            NotCompacted::NoRoom { .. } | NotCompacted::NoRoomToOpen { .. } => {
                ". Free some space, then run `jurydesk compact` again"
            }
            _ => "",
        }
    }
}

/// What the open that upgraded a store did about compacting it (`after_upgrade`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgraded {
    /// The schema the store was upgraded from.
    pub from: u32,
    /// The compaction, or why there was none (the store is upgraded either way).
    pub compaction: std::result::Result<Compacted, String>,
}

/// How a compaction ended that did not fail after the exchange.
pub(super) enum Outcome {
    Compacted(Store, Compacted),
    /// Nothing changed: the store (open again) and why.
    Untouched(Store, NotCompacted),
}

impl Store {
    /// Rewrites the store into a fresh sled and swaps it in (the module says how); returns the store
    /// opened again. On a refusal the store is left as it was and `StoreError::NotCompacted` says why.
    /// The store must be this process's only handle on it.
    pub fn compact(self, progress: &mut dyn FnMut(Progress)) -> Result<(Store, Compacted)> {
        let path = self.path.clone();
        match compact(self, progress, Stop::Never)? {
            Outcome::Compacted(store, done) => Ok((store, done)),
            Outcome::Untouched(_, reason) => Err(StoreError::NotCompacted { path, reason }),
        }
    }

    /// What the open that upgraded this store did about compacting it.
    pub fn upgraded(&self) -> Option<&Upgraded> {
        self.upgraded.as_ref()
    }

    /// What a compaction that did not finish left beside the store (see `leftovers`).
    pub fn compaction_leftovers(&self) -> Vec<(PathBuf, &'static str)> {
        leftovers(&self.path)
    }
}

/// Run by the open that upgraded a store from schema `from` (its layout moved: `migrate`): compacts
/// it when the disk has room for a copy, and says what happened in `Store::upgraded`. Only a failure
/// after the exchange fails the open; otherwise the store is open, upgraded, compacted or not.
pub(super) fn after_upgrade(store: Store, from: u32) -> Result<Store> {
    let needed = size_of(&store.path);
    let free = free_space(&store.path).unwrap_or(u64::MAX);
    let (mut store, compaction) = if free < needed {
        let reason = NotCompacted::NoRoom {
            needed,
            free,
            copy_removed: false,
        };
        (store, Err(reason.to_string()))
    } else {
        match compact(store, &mut |_| {}, Stop::Never)? {
            Outcome::Compacted(store, done) => (store, Ok(done)),
            Outcome::Untouched(store, reason) => (store, Err(reason.to_string())),
        }
    };
    store.upgraded = Some(Upgraded { from, compaction });
    Ok(store)
}

/// Leftovers of a compaction that did not finish, beside the store at `path`: each with what it is.
pub(super) fn leftovers(path: &Path) -> Vec<(PathBuf, &'static str)> {
    let Ok(siblings) = Siblings::of(path) else {
        return Vec::new();
    };
    [
        (
            siblings.copy,
            "left by a compaction that did not finish (a partial copy, or the store as it was before it)",
        ),
        (
            siblings.old,
            "the store as it was before a compaction, which its removal did not finish",
        ),
    ]
    .into_iter()
    .filter(|(leftover, _)| fs::symlink_metadata(leftover).is_ok())
    .collect()
}

/// The two names beside the store, made from its real path: the exchange must swap the directory
/// itself, never a symbolic link to it.
struct Siblings {
    real: PathBuf,
    copy: PathBuf,
    old: PathBuf,
}

impl Siblings {
    fn of(path: &Path) -> io::Result<Siblings> {
        let real = fs::canonicalize(path)?;
        let name = real
            .file_name()
            .ok_or_else(|| io::Error::other("the store has no name of its own"))?
            .to_os_string();
        let beside = |suffix: &str| {
            let mut sibling = name.clone();
            sibling.push(suffix);
            real.with_file_name(sibling)
        };
        Ok(Siblings {
            copy: beside(COPY_SUFFIX),
            old: beside(OLD_SUFFIX),
            real,
        })
    }
}

fn compact(store: Store, progress: &mut dyn FnMut(Progress), stop: Stop) -> Result<Outcome> {
    store.usable()?;
    let siblings = match Siblings::of(&store.path) {
        Ok(siblings) => siblings,
        Err(e) => {
            let reason = NotCompacted::Failed(io_error(&store.path, "find", e).to_string());
            return Ok(Outcome::Untouched(store, reason));
        }
    };
    let before = size_of(&siblings.real);
    // The room there was for the copy, told if the disk fills: measured once the copy has gone, the
    // space its files still held made it look smaller than it was.
    let mut free = None;
    let copied = clear_leftovers(&siblings).and_then(|()| {
        free = free_space(&siblings.real);
        Copy::make(&store, &siblings.copy, progress, stop)
    });
    let copy = match copied {
        Ok(copy) => copy,
        Err(Refused::Not(reason)) => return Ok(Outcome::Untouched(store, reason)),
        Err(Refused::Store(StoreError::Io { source, .. })) if source.to_string() == STOPPED => {
            return Err(StoreError::Io {
                what: "compact",
                path: store.path.clone(),
                source,
            });
        }
        Err(Refused::Store(error)) => {
            let reason = failed(error, before, free);
            return Ok(Outcome::Untouched(store, reason));
        }
    };
    swap(store, copy, &siblings, (before, free), progress, stop)
}

/// Why the copy could not be made or checked, in words: a full disk names the space needed.
fn failed(error: StoreError, needed: u64, free: Option<u64>) -> NotCompacted {
    match error {
        StoreError::WriteRefused {
            fault: WriteFault::DiskFull,
            ..
        } => NotCompacted::NoRoom {
            needed,
            free: free.unwrap_or(0),
            copy_removed: true,
        },
        other => NotCompacted::Failed(other.to_string()),
    }
}

/// Why the copy was not made: a refusal to tell the user, or an error of the store itself.
enum Refused {
    Not(NotCompacted),
    Store(StoreError),
}

impl From<StoreError> for Refused {
    fn from(error: StoreError) -> Refused {
        Refused::Store(error)
    }
}

/// Removes what an earlier compaction cut short left beside the store. Only this process can be
/// compacting the store (it holds its lock), so a leftover is never in use; one that holds anything
/// but a store's files is someone else's and stops the compaction.
fn clear_leftovers(siblings: &Siblings) -> std::result::Result<(), Refused> {
    for leftover in [&siblings.copy, &siblings.old] {
        let Ok(meta) = fs::symlink_metadata(leftover) else {
            continue;
        };
        let in_the_way = |why| {
            Refused::Not(NotCompacted::InTheWay {
                path: leftover.clone(),
                why,
            })
        };
        if !meta.is_dir() {
            return Err(in_the_way("it is not a directory"));
        }
        let entries =
            fs::read_dir(leftover).map_err(|e| Refused::Store(io_error(leftover, "read", e)))?;
        for entry in entries {
            let entry = entry.map_err(|e| Refused::Store(io_error(leftover, "read", e)))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !(STORE_FILES.contains(&name.as_ref()) || name.starts_with("snap.")) {
                return Err(in_the_way("it holds files a store does not"));
            }
        }
        remove_dir(leftover)
            .map_err(|e| Refused::Store(io_error(leftover, "remove what a compaction left", e)))?;
    }
    Ok(())
}

/// Puts the checked copy in the store's place and opens it. `before` is the store's size and `free`
/// the room there was for the copy, for the words of a failure.
fn swap(
    store: Store,
    mut copy: Copy,
    siblings: &Siblings,
    (before, free): (u64, Option<u64>),
    progress: &mut dyn FnMut(Progress),
    stop: Stop,
) -> Result<Outcome> {
    let Store {
        db,
        path,
        recovery,
        upgraded,
        _lock: old_lock,
        ..
    } = store;
    drop(db);
    let reopen_old = |reason: NotCompacted, old_lock: std::sync::Arc<File>| {
        let mut store = Store::open_locked(&path, old_lock)?.0;
        store.recovery.clone_from(&recovery);
        store.upgraded.clone_from(&upgraded);
        Ok(Outcome::Untouched(store, reason))
    };
    if wait_until_closed(&siblings.real).is_err() {
        return reopen_old(NotCompacted::StillOpen, old_lock);
    }
    // A copy that fails its check is removed (`Copy`'s drop) before the store is opened again: on a
    // nearly full disk the open needs the room the copy holds, and failed for lack of it (exit 3).
    match copy.verify(progress) {
        Ok(()) => {}
        Err(Refused::Not(reason)) => {
            drop(copy);
            return reopen_old(reason, old_lock);
        }
        Err(Refused::Store(error)) => {
            drop(copy);
            return reopen_old(failed(error, before, free), old_lock);
        }
    }
    progress(Progress::Swapping);
    if let Err(e) = stop.here(Step::Verified) {
        copy.keep = true;
        return Err(e);
    }
    if let Err(e) = exchange(&siblings.copy, &siblings.real) {
        let why = e.to_string();
        return reopen_old(NotCompacted::NoExchange { why }, old_lock);
    }
    // From here the copy is the store: nothing removes it.
    copy.keep = true;
    let _ = sync_dir(siblings.real.parent().unwrap_or(Path::new("/")));
    stop.here(Step::Exchanged)?;
    let (old_at, mut left) = match fs::rename(&siblings.copy, &siblings.old) {
        Ok(()) => (siblings.old.clone(), None),
        Err(e) => (siblings.copy.clone(), Some(e.to_string())),
    };
    stop.here(Step::Renamed)?;
    let new_lock = std::sync::Arc::new(copy.lock.take().ok_or_else(|| StoreError::Io {
        what: "lock",
        path: siblings.copy.clone(),
        source: io::Error::other("the copy's lock was not taken"),
    })?);
    let opened = if stop.disk_full_at_reopen() {
        Err(StoreError::WriteRefused {
            path: path.clone(),
            fault: WriteFault::DiskFull,
        })
    } else {
        Store::open_locked(&path, std::sync::Arc::clone(&new_lock))
    };
    let mut reopened = match opened {
        Ok((store, _)) => store,
        Err(source) => {
            // The copy fitted, but the disk, holding both stores, had no room left for the open's own
            // writes: the store as it was goes back in its place, as if the copy had not fitted.
            if is_disk_full(&source) && put_back(&siblings.real, &old_at).is_ok() {
                drop(new_lock);
                let reason = NotCompacted::NoRoomToOpen {
                    free: free.unwrap_or(0),
                };
                return reopen_old(reason, old_lock);
            }
            return Err(StoreError::AfterCompaction {
                path: path.clone(),
                old_copy: old_at,
                source: Box::new(source),
            });
        }
    };
    reopened.recovery = recovery;
    reopened.upgraded = upgraded;
    if stop.reaches(Step::Removing) {
        // Part of the old store gone, as a kill during its removal leaves it.
        let _ = fs::remove_file(old_at.join("db"));
    }
    stop.here(Step::Removing)?;
    if let Err(e) = remove_dir(&old_at) {
        left = Some(e.to_string());
    }
    drop(old_lock);
    let old_copy_left = left.filter(|_| fs::symlink_metadata(&old_at).is_ok()).map(|why| {
        format!(
            "the store as it was before compacting is left at {} ({why}); it is no longer needed: delete it",
            old_at.display()
        )
    });
    Ok(Outcome::Compacted(
        reopened,
        Compacted {
            before,
            after: size_of(&siblings.real),
            keys: copy.written.as_ref().map_or(0, |w| w.keys),
            old_copy_left,
        },
    ))
}

fn is_disk_full(error: &StoreError) -> bool {
    matches!(
        error,
        StoreError::WriteRefused {
            fault: WriteFault::DiskFull,
            ..
        }
    )
}

/// Puts the store as it was (at `old_at`) back at `real` once the compacted copy there could not be
/// opened, and removes the copy. Every step leaves a whole store at the path: the exchange swaps the
/// two whole stores. An error: the two were not exchanged, so the compacted copy is still the store.
fn put_back(real: &Path, old_at: &Path) -> Result<()> {
    wait_until_closed(real)?;
    exchange(old_at, real).map_err(|e| io_error(real, "put back", e))?;
    let _ = sync_dir(real.parent().unwrap_or(Path::new("/")));
    // The store as it was is back: a copy that cannot be removed is a leftover the next open names
    // and the next compaction removes, and no reason to fail.
    let _ = remove_dir(old_at);
    Ok(())
}

#[cfg(test)]
#[path = "compact_tests.rs"]
mod tests;
