//! Backups (docs/formats.md#backups): the whole store out a record and an entry at a time, and a
//! backup back into an empty store. The JSON shape is `store::backup_file::json`'s; the raw restore
//! is the store's own (`Store::check_backup`, `Store::write_backup`), because a restore must put
//! back the log as it was rather than log a change of its own. Neither way holds the whole store
//! (BENCHMARKS.md#budgets).

use super::invariants::Checker;
use super::{Desk, DeskError, Result};
use crate::domain::Id;
use crate::store::backup_file::Items;
use crate::store::{BackupSource, Kind, Record, RestoreError, Sealed};

/// What a restore put back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restored {
    pub records: usize,
    pub entries: usize,
}

impl Desk {
    /// The backup file of the whole store, held in memory (a small store's; `export backup` streams
    /// it to a file instead, see `backup_records` and `backup_log`).
    pub fn backup(&self) -> Result<Vec<u8>> {
        let snapshot = self.store.snapshot()?;
        crate::store::backup_file::write_backup(&snapshot)
            .map_err(|e| DeskError::Refused(format!("the backup could not be written: {e}")))
    }

    /// The next id of each kind, for a backup.
    pub fn backup_counters(&self) -> Result<Vec<(Kind, Id)>> {
        Ok(self.store.counters()?)
    }

    /// The stored records of `kind` by id, as stored bytes, one at a time: what a backup streams
    /// (`backup_file::Items`).
    pub fn backup_records(&self, kind: Kind) -> Items<'_, (Id, Vec<u8>)> {
        Box::new(
            self.store
                .records_of(kind)
                .map(|record| record.map(|(id, bytes)| (id, bytes.to_vec()))),
        )
    }

    /// The audit log by sequence number, one entry at a time.
    pub fn backup_log(&self) -> Items<'_, Sealed> {
        Box::new(self.store.log_entries())
    }

    /// Restores a backup file held in memory, named `name` in messages (see `restore_from`).
    pub fn restore_backup(&self, name: &str, backup: Vec<u8>) -> Result<Restored> {
        self.restore_from(&mut crate::store::backup_file::BackupReader::bytes(
            name, backup,
        ))
    }

    /// Restores a backup into this store, which must hold nothing yet; all or nothing. Before
    /// anything is written, its records must keep every invariant `check` checks (`invariants`) and
    /// be what its audit log last wrote (`Store::check_backup`): a backup edited by hand is refused
    /// with the records named. The backup is read as a stream, more than once.
    pub fn restore_from(&self, source: &mut dyn BackupSource) -> Result<Restored> {
        let mut checker = Checker::default();
        let mut unreadable = None;
        let checked = self
            .store
            .check_backup(source, &mut |kind, id, bytes| {
                if unreadable.is_none()
                    && let Err(problem) = check(&mut checker, kind, id, bytes)
                {
                    unreadable = Some(problem);
                }
            })
            .map_err(refused)?;
        if let Some(problem) = unreadable {
            return Err(DeskError::BadInput(vec![problem.to_string()]));
        }
        let problems = checker.finish();
        if !problems.is_empty() {
            return Err(DeskError::BadInput(problems));
        }
        let restored = Restored {
            records: checked.records,
            entries: checked.entries,
        };
        self.store.write_backup(checked, source).map_err(refused)?;
        Ok(restored)
    }
}

/// What a failed `write_backup_to` met: damage in the store, as the desk's error (a face reports it
/// as it reports damage anywhere: exit 3 on the CLI), or the output's own error, handed back.
pub fn backup_damage(error: std::io::Error) -> std::result::Result<DeskError, std::io::Error> {
    crate::store::backup_file::store_error_in(error).map(DeskError::from)
}

fn refused(e: RestoreError) -> DeskError {
    match e {
        RestoreError::Store(e) => DeskError::Store(e),
        RestoreError::NotEmpty { .. } => DeskError::Refused(e.to_string()),
        RestoreError::File(problems) => DeskError::BadInput(problems),
        RestoreError::Chain(_) | RestoreError::Invalid(_) => {
            DeskError::BadInput(vec![e.to_string()])
        }
    }
}

/// Hands one record, decoded, to the invariants; one that does not decode is bad input.
fn check(
    checker: &mut Checker,
    kind: Kind,
    id: Id,
    bytes: &[u8],
) -> std::result::Result<(), Unreadable> {
    fn decode<T: Record>(id: Id, bytes: &[u8]) -> std::result::Result<T, Unreadable> {
        T::decode(bytes).map_err(|source| Unreadable {
            kind: T::KIND.name(),
            id,
            source,
        })
    }
    match kind {
        Kind::Festival => checker.festival(&decode(id, bytes)?),
        Kind::Edition => checker.edition(&decode(id, bytes)?),
        Kind::Film => checker.film(&decode(id, bytes)?),
        Kind::Submission => checker.submission(&decode(id, bytes)?),
        Kind::Category => checker.category(&decode(id, bytes)?),
        Kind::Juror => checker.juror(&decode(id, bytes)?),
        Kind::Nomination => checker.nomination(&decode(id, bytes)?),
        Kind::Ballot => checker.ballot(&decode(id, bytes)?),
        Kind::Award => checker.award(&decode(id, bytes)?),
        Kind::ScreeningRound => checker.screening_round(&decode(id, bytes)?),
        Kind::Screener => checker.screener(&decode(id, bytes)?),
        Kind::Assignments => checker.assignments(&decode(id, bytes)?),
        Kind::Rating => checker.rating(&decode(id, bytes)?),
    }
    Ok(())
}

/// A record of a backup that does not decode as its kind.
#[derive(Debug, thiserror::Error)]
#[error("{kind} {id} cannot be read: {source}")]
struct Unreadable {
    kind: &'static str,
    id: Id,
    source: crate::store::CodecError,
}
