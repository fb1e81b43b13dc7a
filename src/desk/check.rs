//! `check`: read every record, follow every reference, compare every index and the submission
//! summaries with the records, walk the audit chain. A part of the store that cannot be read at all
//! (a corrupted page) is one more problem to report, not a reason to stop looking at the rest. A store
//! that cannot even be opened is described by `survey_store` instead.

use std::collections::BTreeMap;
use std::path::Path;

use super::invariants::{self, Records};
use super::{Desk, Result};
use crate::domain::{
    Assignments, Award, Ballot, Category, Edition, Festival, Film, Juror, Nomination, Rating,
    Screener, ScreeningRound, Submission,
};
use crate::store::{FileNote, Record, Sweep};

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
    /// One pass over the store (`store::Sweep`): the log, then each kind of record, each value
    /// compared with the log, decoded once, its index entries and summaries derived from the decoded
    /// records; then the invariants over them.
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        let mut sweep = self.store.sweep()?;
        let records = Records {
            festivals: load::<Festival>(&mut sweep, &mut report),
            editions: load::<Edition>(&mut sweep, &mut report),
            films: load::<Film>(&mut sweep, &mut report),
            submissions: load::<Submission>(&mut sweep, &mut report),
            categories: load::<Category>(&mut sweep, &mut report),
            jurors: load::<Juror>(&mut sweep, &mut report),
            nominations: load::<Nomination>(&mut sweep, &mut report),
            ballots: load::<Ballot>(&mut sweep, &mut report),
            awards: load::<Award>(&mut sweep, &mut report),
            screening_rounds: load::<ScreeningRound>(&mut sweep, &mut report),
            screeners: load::<Screener>(&mut sweep, &mut report),
            assignments: load::<Assignments>(&mut sweep, &mut report),
            ratings: load::<Rating>(&mut sweep, &mut report),
        };
        sweep.found(invariants::problems(&records));
        // The lists read the submission summaries, not the records: they must say what the records say.
        sweep.read_model(&records.films, &records.submissions);
        drop(records);
        let (problems, log_entries) = sweep.finish();
        report.log_entries = log_entries;
        report.problems = problems;
        Ok(report)
    }
}

/// Reads every record of a kind that decodes (one that does not is among the sweep's problems).
fn load<T: Record>(sweep: &mut Sweep<'_>, report: &mut CheckReport) -> Vec<T> {
    let records = sweep.records::<T>();
    report.records.insert(T::KIND.name(), records.len());
    records
}

/// What a store's directory holds, file by file: for `check` to show when the store cannot be opened.
pub fn survey_store(path: &Path) -> Vec<FileNote> {
    crate::store::survey(path)
}
