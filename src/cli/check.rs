//! `jurydesk check`: verify a store that opens, and explain one that does not (which file is missing,
//! unreadable or damaged, and how to recover). Either way a store with problems exits with code 3.

use std::io;
use std::path::Path;

use super::say::say;
use crate::desk::{Desk, DeskError, RECOVERY, StoreError, survey_store};
use crate::failure::Failure;

pub fn check(db: &Path) -> Result<(), Failure> {
    let desk = match Desk::open_existing(db) {
        Ok(desk) => desk,
        Err(DeskError::Store(error)) if explains_itself(&error) => {
            return Err(DeskError::Store(error).into());
        }
        Err(DeskError::Store(error)) => {
            return Err(Failure {
                code: 3,
                message: unopenable(db, &error),
            });
        }
        Err(other) => return Err(other.into()),
    };
    if let Some(note) = desk.open_note() {
        eprintln!("{note}");
    }
    let report = desk.check()?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let counts: Vec<String> = report
        .records
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect();
    say!(out, "records: {}", counts.join(", "))?;
    say!(out, "audit log: {} entries", report.log_entries)?;
    if !report.is_ok() {
        return Err(Failure {
            code: 3,
            message: format!(
                "the store at {} has {} problem(s):\n  {}\nif these cannot be explained, {RECOVERY}",
                db.display(),
                report.problems.len(),
                report.problems.join("\n  ")
            ),
        });
    }
    // The report is out; the process ends next: sled's own closing work (freeing the page table a
    // whole-store read filled, 0.19 s at 100k) is left to the exit.
    desk.close_for_exit()?;
    say!(out, "store is sound")?;
    Ok(())
}

/// Errors whose own message is the whole story and whose fix is not a backup: the store is fine,
/// just busy, too new, on a disk that is full or read-only (opening writes a little), or there is
/// none. Showing these with the directory's survey and "restore your latest backup" would make a full
/// disk look like a damaged store.
fn explains_itself(error: &StoreError) -> bool {
    matches!(
        error,
        StoreError::Locked { .. }
            | StoreError::NewerSchema { .. }
            | StoreError::Missing { .. }
            | StoreError::NotAStore { .. }
            | StoreError::WriteRefused { .. }
            | StoreError::UpgradeRefused { .. }
    )
}

/// Why the store at `db` cannot be opened, what its directory holds, and how to recover.
fn unopenable(db: &Path, error: &StoreError) -> String {
    let why = match error {
        StoreError::Damaged { reason, .. } => format!("it is damaged: {reason}"),
        other => other.to_string(),
    };
    let notes = survey_store(db);
    let name_width = notes.iter().map(|n| n.name.len()).max().unwrap_or(0);
    let state_width = notes.iter().map(|n| n.state.len()).max().unwrap_or(0);
    let files: Vec<String> = notes
        .iter()
        .map(|n| {
            format!(
                "  {:name_width$}  {:state_width$}  {}",
                n.name, n.state, n.role
            )
        })
        .collect();
    // A permission problem is fixed by giving access back (its message says how), not by a backup.
    let recover = if matches!(error, StoreError::Permission { .. }) {
        String::new()
    } else {
        format!("\nto recover: {RECOVERY}")
    };
    format!(
        "the store at {} cannot be opened: {why}\nwhat its directory holds:\n{}{recover}",
        db.display(),
        files.join("\n")
    )
}
