//! `check`: read every record, follow every reference, compare every index and the submission
//! summaries with the records, walk the audit chain. A part of the store that cannot be read at all
//! (a corrupted page) is one more problem to report, not a reason to stop looking at the rest. A store
//! that cannot even be opened is described by `survey_store` instead.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::{Desk, Result};
use crate::domain::{
    Award, Ballot, BallotContent, Category, Edition, Festival, Film, Id, Juror, Nomination,
    Submission,
};
use crate::store::{FileNote, Kind, Record, StoreError};

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

struct Ids(HashSet<(Kind, Id)>);

impl Ids {
    fn require(&self, problems: &mut Vec<String>, owner: String, kind: Kind, id: Id) {
        if !self.0.contains(&(kind, id)) {
            problems.push(format!(
                "{owner} refers to {} {id}, which does not exist",
                kind.name()
            ));
        }
    }
}

impl Desk {
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        let mut problems = Vec::new();
        let mut ids = Ids(HashSet::new());

        let festivals = load::<Festival>(self, &mut report, &mut problems, &mut ids);
        let editions = load::<Edition>(self, &mut report, &mut problems, &mut ids);
        let _films = load::<Film>(self, &mut report, &mut problems, &mut ids);
        let submissions = load::<Submission>(self, &mut report, &mut problems, &mut ids);
        let categories = load::<Category>(self, &mut report, &mut problems, &mut ids);
        let jurors = load::<Juror>(self, &mut report, &mut problems, &mut ids);
        let nominations = load::<Nomination>(self, &mut report, &mut problems, &mut ids);
        let ballots = load::<Ballot>(self, &mut report, &mut problems, &mut ids);
        let awards = load::<Award>(self, &mut report, &mut problems, &mut ids);
        drop(festivals);

        let p = &mut problems;
        for e in &editions {
            ids.require(
                p,
                format!("edition {}", e.code),
                Kind::Festival,
                e.festival_id,
            );
        }
        for s in &submissions {
            let owner = || format!("submission {}", s.id);
            ids.require(p, owner(), Kind::Edition, s.edition_id);
            ids.require(p, owner(), Kind::Film, s.film_id);
        }
        for c in &categories {
            ids.require(p, format!("category {}", c.id), Kind::Edition, c.edition_id);
        }
        for j in &jurors {
            ids.require(p, format!("juror {}", j.id), Kind::Edition, j.edition_id);
            for r in &j.recusals {
                ids.require(
                    p,
                    format!("juror {}", j.id),
                    Kind::Submission,
                    r.submission_id,
                );
            }
        }
        for n in &nominations {
            ids.require(
                p,
                format!("nomination {}", n.id),
                Kind::Category,
                n.category_id,
            );
            ids.require(
                p,
                format!("nomination {}", n.id),
                Kind::Submission,
                n.submission_id,
            );
        }
        for b in &ballots {
            let owner = || format!("ballot {}", b.id);
            ids.require(p, owner(), Kind::Category, b.category_id);
            ids.require(p, owner(), Kind::Juror, b.juror_id);
            let named: Vec<Id> = match &b.content {
                BallotContent::Ranked(order) => order.clone(),
                BallotContent::Scored(scores) => scores.iter().map(|(n, _)| *n).collect(),
                BallotContent::Rounds(votes) => votes.iter().map(|(_, n)| *n).collect(),
            };
            for n in named {
                ids.require(p, owner(), Kind::Nomination, n);
            }
        }
        for a in &awards {
            ids.require(p, format!("award {}", a.id), Kind::Category, a.category_id);
            for &w in &a.winners {
                ids.require(p, format!("award {}", a.id), Kind::Nomination, w);
            }
        }

        match self.store.index_problems() {
            Ok(found) => problems.extend(found),
            Err(e) => problems.push(format!("indexes: {}", unreadable(e))),
        }
        // The lists read the submission summaries, not the records: they must say what the records say.
        match self.store.read_model_problems() {
            Ok(found) => problems.extend(found),
            Err(e) => problems.push(format!("submission summaries: {}", unreadable(e))),
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
fn load<T: Record>(
    desk: &Desk,
    report: &mut CheckReport,
    problems: &mut Vec<String>,
    ids: &mut Ids,
) -> Vec<T> {
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
    ids.0.extend(records.iter().map(|r| (T::KIND, r.id())));
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
