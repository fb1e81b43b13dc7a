//! The copy of a store (`compact`): every tree, key and value written into a fresh sled in key order
//! and in small batches, then read back whole and compared, by count and hash, before it may take the
//! store's place.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::disk::{create_new_private_dir, remove_dir, sync_tree, wait_until_closed};
use super::stop::{Step, Stop};
use super::{NotCompacted, Progress, Refused};
use crate::store::boundary::{self, AtStore};
use crate::store::directory::{self, io_error};
use crate::store::head_file::HEAD_FILE;
use crate::store::{Result, Store};

/// A batch of the copy holds at most this many keys, or `BATCH_BYTES`. Smaller batches leave sled less
/// garbage to hold at once: 128 keys peaked at 184 MB copying a 100k store, 1,024 at 199 MB (and
/// took 0.72 s instead of 0.87 s).
const BATCH_KEYS: usize = 128;
const BATCH_BYTES: usize = 1 << 20;

/// The copy at `<store>.compacting` while it is made and checked: removed when dropped, unless it
/// was put in the store's place (`keep`).
pub(super) struct Copy {
    pub(super) path: PathBuf,
    /// The copy's own lock, taken before the exchange and held by the store opened after it.
    pub(super) lock: Option<File>,
    /// What was written into it, once it is whole.
    pub(super) written: Option<Tally>,
    pub(super) keep: bool,
}

impl Copy {
    pub(super) fn make(
        store: &Store,
        path: &Path,
        progress: &mut dyn FnMut(Progress),
        stop: Stop,
    ) -> std::result::Result<Copy, Refused> {
        create_new_private_dir(path)?;
        let mut copy = Copy {
            path: path.to_path_buf(),
            lock: None,
            written: None,
            keep: false,
        };
        copy.lock = Some(directory::take_lock(path)?);
        let written = fill(store, path, progress, stop);
        let written = match written {
            Ok(written) => written,
            Err(e) => {
                if matches!(stop, Stop::At(_)) {
                    copy.keep = true;
                }
                return Err(e.into());
            }
        };
        if let Ok(head) = fs::read(store.path.join(HEAD_FILE)) {
            fs::write(path.join(HEAD_FILE), head)
                .map_err(|e| io_error(&path.join(HEAD_FILE), "write", e))?;
        }
        wait_until_closed(path)?;
        if let Err(e) = stop.here(Step::Copied) {
            copy.keep = true;
            return Err(e.into());
        }
        copy.written = Some(written);
        Ok(copy)
    }

    /// Opens the copy again and reads it back whole: it must be what was written. Then makes it
    /// durable. Run with the store's sled closed, so that the two are not in memory together.
    pub(super) fn verify(
        &mut self,
        progress: &mut dyn FnMut(Progress),
    ) -> std::result::Result<(), Refused> {
        let path = self.path.clone();
        let Some(written) = self.written.clone() else {
            return Err(Refused::Not(NotCompacted::Mismatch { copied: 0, read: 0 }));
        };
        let read = read_back(&path, written.keys, progress)?;
        wait_until_closed(&path)?;
        if read != written {
            return Err(Refused::Not(NotCompacted::Mismatch {
                copied: written.keys,
                read: read.keys,
            }));
        }
        directory::make_files_private(&path)?;
        sync_tree(&path).map_err(|e| io_error(&path, "write", e))?;
        Ok(())
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        if !self.keep {
            // Best effort: a copy that could not be removed is removed by the next compaction.
            let _ = remove_dir(&self.path);
        }
    }
}

/// How many keys, and the hash of every tree name, key and value in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tally {
    pub(super) keys: u64,
    hash: [u8; 32],
}

/// Builds a `Tally` as the keys go by.
#[derive(Default)]
pub(super) struct Tallying {
    keys: u64,
    bytes: u64,
    hasher: Sha256,
}

impl Tallying {
    pub(super) fn tree(&mut self, name: &[u8]) {
        self.field(b"tree", name);
    }

    pub(super) fn key(&mut self, key: &[u8], value: &[u8]) {
        self.field(b"key", key);
        self.field(b"value", value);
        self.keys += 1;
        self.bytes += (key.len() + value.len()) as u64;
    }

    /// Each field with its length, so that no two different runs of fields hash alike.
    fn field(&mut self, what: &[u8], bytes: &[u8]) {
        self.hasher.update(what);
        self.hasher.update((bytes.len() as u64).to_be_bytes());
        self.hasher.update(bytes);
    }

    pub(super) fn done(self) -> Tally {
        Tally {
            keys: self.keys,
            hash: self.hasher.finalize().into(),
        }
    }
}

/// Every tree's name, sorted, so both sides are walked in the same order.
pub(super) fn tree_names(db: &sled::Db) -> Vec<sled::IVec> {
    let mut names = db.tree_names();
    names.sort();
    names
}

/// Copies every tree of the store into a fresh sled at `path`, flushes it and closes it.
fn fill(
    store: &Store,
    path: &Path,
    progress: &mut dyn FnMut(Progress),
    stop: Stop,
) -> Result<Tally> {
    let new = boundary::open_sled(path)?;
    let mut tally = Tallying::default();
    let mut first = true;
    let copied = (|| {
        for name in tree_names(&store.db) {
            tally.tree(&name);
            let from = store.db.open_tree(&name).at(&store.path)?;
            let into = new.open_tree(&name).at(path)?;
            let mut batch = sled::Batch::default();
            let (mut keys, mut bytes) = (0, 0);
            let mut apply = |batch: sled::Batch, tally: &Tallying| -> Result<()> {
                into.apply_batch(batch).at(path)?;
                progress(Progress::Copying {
                    keys: tally.keys,
                    bytes: tally.bytes,
                });
                if std::mem::take(&mut first) {
                    new.flush().at(path)?;
                    stop.here(Step::Copying)?;
                }
                Ok(())
            };
            for item in &from {
                let (key, value) = item.at(&store.path)?;
                tally.key(&key, &value);
                keys += 1;
                bytes += key.len() + value.len();
                batch.insert(key, value);
                if keys >= BATCH_KEYS || bytes >= BATCH_BYTES {
                    apply(std::mem::take(&mut batch), &tally)?;
                    (keys, bytes) = (0, 0);
                }
            }
            apply(batch, &tally)?;
        }
        super::super::flush_within_deadline(&new, path)
    })();
    match copied {
        Ok(()) => {
            drop(new);
            Ok(tally.done())
        }
        Err(error) => {
            // After a failed write sled's flush on drop can wait for ever (see `Store::abandon`).
            std::mem::forget(new);
            Err(error)
        }
    }
}

/// Opens the copy again and reads it back whole.
fn read_back(path: &Path, of: u64, progress: &mut dyn FnMut(Progress)) -> Result<Tally> {
    let db = boundary::open_sled(path)?;
    let mut tally = Tallying::default();
    for name in tree_names(&db) {
        tally.tree(&name);
        for item in &db.open_tree(&name).at(path)? {
            let (key, value) = item.at(path)?;
            tally.key(&key, &value);
            if tally.keys % BATCH_KEYS as u64 == 0 {
                progress(Progress::Verifying {
                    keys: tally.keys,
                    of,
                });
            }
        }
    }
    Ok(tally.done())
}
