//! Backups (SPEC §5.4): the whole store out as a snapshot, and a snapshot back into an empty store.
//! The JSON shape is `interchange::backup_json`'s; the raw restore is the store's own (`Store::restore`),
//! because a restore must put back the log as it was rather than log a change of its own.

use super::{Desk, DeskError, Result};
use crate::store::{RestoreError, Snapshot};

impl Desk {
    /// Everything in the store, for `export backup`.
    pub fn backup(&self) -> Result<Snapshot> {
        Ok(self.store.snapshot()?)
    }

    /// Restores a backup into this store, which must hold nothing yet; all or nothing.
    pub fn restore_backup(&self, snapshot: &Snapshot) -> Result<()> {
        self.store.restore(snapshot).map_err(|e| match e {
            RestoreError::Store(e) => DeskError::Store(e),
            RestoreError::NotEmpty { .. } => DeskError::Refused(e.to_string()),
            RestoreError::Chain(_) | RestoreError::Invalid(_) => {
                DeskError::BadInput(vec![e.to_string()])
            }
        })
    }
}
