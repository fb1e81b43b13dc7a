//! `check`: read every record, follow every reference, compare every index and the submission
//! summaries with the records, walk the audit chain. A part of the store that cannot be read at all
//! (a corrupted page) is one more problem to report, not a reason to stop looking at the rest. A store
//! that cannot even be opened is described by `survey_store` instead.

use std::collections::BTreeMap;
use std::path::Path;

use super::invariants::{self, Records};
use super::{Desk, Result};
use crate::domain::{
    Award, Ballot, Category, Edition, Festival, Film, Juror, Nomination, Submission,
};
use crate::store::{FileNote, Record, StoreError};

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
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        let mut problems = Vec::new();
        let p = &mut problems;
        let records = Records {
            festivals: load::<Festival>(self, &mut report, p),
            editions: load::<Edition>(self, &mut report, p),
            films: load::<Film>(self, &mut report, p),
            submissions: load::<Submission>(self, &mut report, p),
            categories: load::<Category>(self, &mut report, p),
            jurors: load::<Juror>(self, &mut report, p),
            nominations: load::<Nomination>(self, &mut report, p),
            ballots: load::<Ballot>(self, &mut report, p),
            awards: load::<Award>(self, &mut report, p),
        };
        problems.extend(invariants::problems(&records));
        drop(records);

        match self.store.index_problems() {
            Ok(found) => problems.extend(found),
            Err(e) => problems.push(format!("indexes: {}", unreadable(e))),
        }
        // The lists read the submission summaries, not the records: they must say what the records say.
        match self.store.read_model_problems() {
            Ok(found) => problems.extend(found),
            Err(e) => problems.push(format!("submission summaries: {}", unreadable(e))),
        }
        match self.store.log_record_problems() {
            Ok(found) => problems.extend(found),
            Err(e) => problems.push(format!("records against the audit log: {}", unreadable(e))),
        }
        match self.store.verify_log() {
            Ok(Ok(n)) => report.log_entries = n,
            Ok(Err(e)) => problems.push(format!("audit log: {e}")),
            Err(e) => problems.push(format!("audit log: {}", unreadable(e))),
        }
        report.problems = problems;
        Ok(report)
    }
}

/// Reads every record of a kind; an unreadable one is a problem to report, not a reason to stop.
fn load<T: Record>(desk: &Desk, report: &mut CheckReport, problems: &mut Vec<String>) -> Vec<T> {
    let records = match desk.store.all::<T>() {
        Ok(records) => records,
        Err(StoreError::Record { kind, id, source }) => {
            problems.push(format!("{kind} {id} cannot be read: {source}"));
            Vec::new()
        }
        Err(other) => {
            problems.push(format!("{}s: {}", T::KIND.name(), unreadable(other)));
            Vec::new()
        }
    };
    report.records.insert(T::KIND.name(), records.len());
    records
}

/// Why a part of the store could not be read, without the advice on recovering that the caller gives
/// once for all problems.
fn unreadable(error: StoreError) -> String {
    match error {
        StoreError::Damaged { reason, .. } => format!("cannot be read: {reason}"),
        other => other.to_string(),
    }
}

/// What a store's directory holds, file by file: for `check` to show when the store cannot be opened.
pub fn survey_store(path: &Path) -> Vec<FileNote> {
    crate::store::survey(path)
}
