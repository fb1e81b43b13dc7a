//! Store maintenance: compacting the store (`jurydesk compact`), and what the user hears after an
//! open that upgraded or had to compact it. The work is the store's (`store::compact`); here is what
//! the faces call and the words they print.

use super::{Desk, Result};
use crate::store::{CompactProgress, Compacted, in_units};

impl Desk {
    /// Rewrites the store into a fresh file and swaps it in atomically (docs/architecture.md, "The
    /// store"): the same records, log and backup, in a file without the free space an upgrade or a
    /// large undo left, which sled writes again at every open. Nothing stored changes, so nothing is
    /// logged. Consumes the desk (the store is closed and opened again) and gives the new one back.
    pub fn compact(self, progress: &mut dyn FnMut(CompactProgress)) -> Result<(Desk, Compacted)> {
        let (store, done) = self.store.compact(progress)?;
        Ok((Desk { store }, done))
    }

    /// What the open did about compacting the store, and what an unfinished compaction left beside
    /// it: one line each, for `open_note`.
    pub(super) fn upkeep_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(upgraded) = self.store.upgraded() {
            let path = self.path().display();
            notes.push(match &upgraded.compaction {
                Ok(done) => format!(
                    "the store at {path} was written by an older jurydesk (schema {}) and was upgraded, then compacted: {} -> {}",
                    upgraded.from,
                    in_units(done.before),
                    in_units(done.after)
                ),
                Err(why) => format!(
                    "the store at {path} was written by an older jurydesk (schema {}) and was upgraded, but not compacted: {why}. Until it is, every open of it is slower (sled writes again, at each start, the space the old layout freed): run `jurydesk compact` when there is room",
                    upgraded.from
                ),
            });
            if let Ok(Compacted {
                old_copy_left: Some(left),
                ..
            }) = &upgraded.compaction
            {
                notes.push(left.clone());
            }
        }
        for (leftover, what) in self.store.compaction_leftovers() {
            notes.push(format!(
                "{} is {what}; the store itself is whole. `jurydesk compact` removes it, or delete it yourself",
                leftover.display()
            ));
        }
        notes
    }
}
