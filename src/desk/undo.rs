//! `undo`: reverse the latest change that has not been undone yet, as a change of its own (so the log
//! keeps both and the chain stays whole).

use std::collections::HashSet;

use super::{Desk, DeskError, Result};
use crate::store::StoreError;

/// What an undo reversed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// The log entry that was reversed and what it did.
    pub seq: u64,
    pub action: String,
    /// The new log entry that records the undo.
    pub undo_seq: u64,
}

impl Desk {
    /// Reverses the latest change still in effect. `Ok(None)` when there is nothing to undo.
    pub fn undo(&self) -> Result<Option<Undone>> {
        let mut undone = HashSet::new();
        let mut target = None;
        for (seq, sealed) in self.store.log_newest_first() {
            let sealed = sealed.map_err(|source| StoreError::Record {
                kind: "log entry",
                id: seq,
                source,
            })?;
            let entry = sealed.entry;
            if let Some(reversed) = entry.undoes {
                undone.insert(reversed);
            } else if !undone.contains(&entry.seq) {
                target = Some(entry);
                break;
            }
        }
        let Some(entry) = target else {
            return Ok(None);
        };
        let mut tx = self.store.begin();
        for change in &entry.changes {
            let current = self.store.get_raw(change.kind, change.id)?;
            if current != change.after {
                return Err(DeskError::Refused(format!(
                    "cannot undo #{} ({}): {} {} has changed since; undo the later changes first",
                    entry.seq,
                    entry.action,
                    change.kind.name(),
                    change.id
                )));
            }
            tx.put_raw(change.kind, change.id, change.before.clone())?;
        }
        let undo_seq = tx
            .commit_undo(format!("undo #{} {}", entry.seq, entry.action), entry.seq)?
            .unwrap_or_default();
        Ok(Some(Undone {
            seq: entry.seq,
            action: entry.action,
            undo_seq,
        }))
    }
}
