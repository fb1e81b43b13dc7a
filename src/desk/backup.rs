//! Backups (SPEC §5.4): the whole store out as a snapshot, and a snapshot back into an empty store.
//! The JSON shape is `interchange::backup_json`'s; the raw restore is the store's own (`Store::restore`),
//! because a restore must put back the log as it was rather than log a change of its own.

use super::invariants::{self, Records};
use super::{Desk, DeskError, Result};
use crate::store::{Kind, Record, RestoreError, Snapshot};

impl Desk {
    /// Everything in the store, for `export backup`.
    pub fn backup(&self) -> Result<Snapshot> {
        Ok(self.store.snapshot()?)
    }

    /// Restores a backup into this store, which must hold nothing yet; all or nothing. Before
    /// anything is written, its records must keep every invariant `check` checks (`invariants`) and
    /// be what its audit log last wrote (`Store::restore`): a backup edited by hand is refused with
    /// the records named.
    pub fn restore_backup(&self, snapshot: &Snapshot) -> Result<()> {
        let problems = invariants::problems(&decoded(snapshot)?);
        if !problems.is_empty() {
            return Err(DeskError::BadInput(problems));
        }
        self.store.restore(snapshot).map_err(|e| match e {
            RestoreError::Store(e) => DeskError::Store(e),
            RestoreError::NotEmpty { .. } => DeskError::Refused(e.to_string()),
            RestoreError::Chain(_) | RestoreError::Invalid(_) => {
                DeskError::BadInput(vec![e.to_string()])
            }
        })
    }
}

/// The snapshot's records decoded, for the invariants; one that does not decode is bad input.
fn decoded(snapshot: &Snapshot) -> Result<Records> {
    fn push<T: Record>(into: &mut Vec<T>, id: u64, bytes: &[u8]) -> Result<()> {
        let record = T::decode(bytes).map_err(|e| {
            DeskError::BadInput(vec![format!("{} {id} cannot be read: {e}", T::KIND.name())])
        })?;
        into.push(record);
        Ok(())
    }
    let mut r = Records::default();
    for (kind, id, bytes) in &snapshot.records {
        match kind {
            Kind::Festival => push(&mut r.festivals, *id, bytes)?,
            Kind::Edition => push(&mut r.editions, *id, bytes)?,
            Kind::Film => push(&mut r.films, *id, bytes)?,
            Kind::Submission => push(&mut r.submissions, *id, bytes)?,
            Kind::Category => push(&mut r.categories, *id, bytes)?,
            Kind::Juror => push(&mut r.jurors, *id, bytes)?,
            Kind::Nomination => push(&mut r.nominations, *id, bytes)?,
            Kind::Ballot => push(&mut r.ballots, *id, bytes)?,
            Kind::Award => push(&mut r.awards, *id, bytes)?,
        }
    }
    Ok(r)
}
