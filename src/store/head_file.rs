//! `jurydesk.head`: a small file beside sled's that names the latest change committed to the store
//! (its audit sequence number and chain hash). It is written after every commit has been flushed, so
//! it can only ever be behind the database, never ahead of it.
//!
//! Why: when sled's `db` file loses its end (a truncated copy, a damaged disk), sled opens what is
//! left as a perfectly consistent older store, and changes the user was told were saved would be gone
//! without a word. Comparing the database's log head with this file on open turns that into a clear
//! "damaged" error. The file is a witness, not a source of truth: when it is missing or unreadable
//! (an older store, a crash while it was written) it is simply written again.

use std::fs;
use std::path::Path;

use super::audit::GENESIS;
use super::{Result, Store, StoreError};

pub(super) const HEAD_FILE: &str = "jurydesk.head";
const MAGIC: &str = "jurydesk store head 1";

/// A change as the head file records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Recorded {
    pub seq: u64,
    pub hash: [u8; 32],
}

/// The head file's record, or `None` when it is missing or not a complete record.
pub(super) fn read(store_dir: &Path) -> Option<Recorded> {
    let text = fs::read_to_string(store_dir.join(HEAD_FILE)).ok()?;
    let mut lines = text.lines();
    if lines.next()? != MAGIC {
        return None;
    }
    let seq = lines.next()?.strip_prefix("seq ")?.parse().ok()?;
    let hash = hex::decode(lines.next()?.strip_prefix("hash ")?).ok()?;
    // The last line tells a whole record from one cut short by a crash.
    if lines.next()? != "end" {
        return None;
    }
    Some(Recorded {
        seq,
        hash: hash.try_into().ok()?,
    })
}

/// Records the store's latest change. Best effort by design: the change itself is already on disk,
/// and a head file that is missing or behind is refreshed on the next open.
pub(super) fn write(store_dir: &Path, seq: u64, hash: &[u8; 32]) {
    let text = format!(
        "{MAGIC}\nseq {seq}\nhash {}\nend\n\
         # The latest change committed to this jurydesk store, checked against the database on open.\n",
        hex::encode(hash)
    );
    let _ = fs::write(store_dir.join(HEAD_FILE), text);
}

/// Compares the database's log head with the head file, reading only. A database behind the file lost
/// committed changes; one at the same number with another hash is not the database those changes
/// went into.
pub(super) fn verify(store: &Store) -> Result<()> {
    let Some(recorded) = read(store.path()) else {
        return Ok(());
    };
    let (seq, hash) = store.log_head()?.unwrap_or((0, GENESIS));
    let damaged = |reason: String| StoreError::Damaged {
        path: store.path().to_path_buf(),
        reason: format!(
            "{reason} (if you put an older copy of its database back on purpose, delete the file \
             {HEAD_FILE} in it to accept that copy)"
        ),
    };
    if recorded.seq > seq {
        return Err(damaged(format!(
            "change #{} was committed to it, but its database file ends at change #{seq}: the \
             database lost its latest changes",
            recorded.seq
        )));
    }
    if recorded.seq == seq && recorded.hash != hash {
        return Err(damaged(format!(
            "its latest change #{seq} is not the change #{seq} that was committed to it"
        )));
    }
    Ok(())
}

/// Brings the head file up to the database after `verify` passed: writes it when it is missing, cut
/// short, or behind (a crash between a commit's flush and the file's update leaves it behind).
pub(super) fn refresh(store: &Store) -> Result<()> {
    let (seq, hash) = store.log_head()?.unwrap_or((0, GENESIS));
    if read(store.path()).is_none_or(|recorded| recorded.seq < seq) {
        write(store.path(), seq, &hash);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_head_reads_back_and_a_cut_one_reads_as_missing() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), 42, &[7; 32]);
        assert_eq!(
            read(dir.path()),
            Some(Recorded {
                seq: 42,
                hash: [7; 32]
            })
        );
        let full = fs::read_to_string(dir.path().join(HEAD_FILE)).unwrap();
        for cut in 0..full.find("end").unwrap() {
            fs::write(dir.path().join(HEAD_FILE), &full[..cut]).unwrap();
            assert_eq!(read(dir.path()), None, "cut at {cut}");
        }
    }
}
