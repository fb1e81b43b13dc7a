//! `check`: read every record, follow every reference, compare every index and the submission
//! summaries with the records, walk the audit chain. A part of the store that cannot be read at all
//! (a corrupted page) is one more problem to report, not a reason to stop looking at the rest. A store
//! that cannot even be opened is described by `survey_store` instead.

use std::collections::BTreeMap;
use std::path::Path;

use super::invariants;
use super::{Desk, Result};
use crate::store::FileNote;

/// What `check` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub records: BTreeMap<&'static str, usize>,
    pub log_entries: u64,
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Desk {
    /// One pass over the store on two threads (`store::Store::sweep`): the log, every kind of record,
    /// each value compared with the log and decoded once, the indexes and the summaries compared with
    /// what the records call for; and the invariants over the records.
    pub fn check(&self) -> Result<CheckReport> {
        let swept = self.store.sweep(&invariants::problems)?;
        Ok(CheckReport {
            records: swept.records,
            log_entries: swept.log_entries,
            problems: swept.problems,
        })
    }
}

/// What a store's directory holds, file by file: for `check` to show when the store cannot be opened.
pub fn survey_store(path: &Path) -> Vec<FileNote> {
    crate::store::survey(path)
}
