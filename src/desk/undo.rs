//! `undo`: reverse the latest change that has not been undone yet, as a change of its own (so the log
//! keeps both and the chain stays whole).

use std::collections::HashSet;

use super::{Desk, DeskError, Result};
use crate::domain::{Edition, EditionState};
use crate::store::{Change, Entry, Kind, Record, StoreError, same_record};

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
        if entry.action.starts_with(crate::store::CLEANING_ACTION) {
            return Err(DeskError::Refused(format!(
                "the latest change is #{} ({}): text cleaned of control characters when a backup was restored is not put back",
                entry.seq, entry.action
            )));
        }
        if let Some(edition) = freezes_or_thaws(&entry.changes) {
            return Err(DeskError::Refused(format!(
                "the latest change is #{} ({}); finalizing and reopening are not undone: use `jurydesk {} --edition {}`{}",
                entry.seq,
                entry.action,
                if edition.state == EditionState::Finalized {
                    "reopen"
                } else {
                    "finalize"
                },
                edition.code,
                if edition.state == EditionState::Finalized {
                    " --reason …"
                } else {
                    ""
                }
            )));
        }
        for change in &entry.changes {
            let current = self.store.get_raw(change.kind, change.id)?;
            // Compared as records: a migration may have rewritten the value in a newer format.
            if !same_record(change.kind, current.as_deref(), change.after.as_deref()) {
                return Err(DeskError::Refused(format!(
                    "cannot undo #{} ({}): {} {} has changed since; undo the later changes first",
                    entry.seq,
                    entry.action,
                    change.kind.name(),
                    change.id
                )));
            }
        }
        // Every change checked: each one's `before` moves into the transaction and its `after` goes,
        // so the entry undone is not held beside the undo's own (an import's is tens of megabytes).
        let Entry {
            seq,
            action,
            changes,
            ..
        } = entry;
        let mut tx = self.store.begin();
        for change in changes {
            tx.put_raw(change.kind, change.id, change.before)?;
        }
        let undo_seq = tx
            .commit_undo(format!("undo #{seq} {action}"), seq)?
            .unwrap_or_default();
        Ok(Some(Undone {
            seq,
            action,
            undo_seq,
        }))
    }
}

/// The edition (as the change left it) when a logged change finalized or reopened it. Those are
/// decisions with a logged reason, so undo leaves them to `finalize` and `reopen`.
fn freezes_or_thaws(changes: &[Change]) -> Option<Edition> {
    changes
        .iter()
        .filter(|c| c.kind == Kind::Edition)
        .find_map(|c| {
            let before = Edition::decode(c.before.as_deref()?).ok()?;
            let after = Edition::decode(c.after.as_deref()?).ok()?;
            (before.state != after.state).then_some(after)
        })
}
