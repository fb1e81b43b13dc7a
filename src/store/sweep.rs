//! `check` in one pass over the store (docs/architecture.md#integrity as strict as before, the 1 s
//! at 100k of BENCHMARKS.md#budgets).
//!
//! Why: `check` used to read every record four times (to decode them for the invariants, to derive
//! the index entries, to derive the submission summaries — looking each film up again — and to
//! compare them with the audit log) and the log twice. sled's cache is 16 MB, so every pass read the
//! store's pages from disk again: 4.5 s at 100,000 submissions. A `Sweep` reads the log once (walking
//! the hash chain and noting each record's latest after-value as it goes, an entry at a time), then
//! each kind of record once: every value is compared with the log, decoded once, and its index entries
//! noted; the caller keeps the decoded records (for the invariants) and hands back the films and
//! submissions to derive the summaries from. Nothing is judged more leniently than before.

use std::collections::{BTreeMap, HashSet};

use super::audit::{ChainError, ChainWalk, Sealed};
use super::boundary::AtStore;
use super::integrity::Latest;
use super::records::{Kind, Record};
use super::{Result, Store, keys, read_model};
use crate::domain::{Film, Id, Submission};

/// One pass of `check`; see the module.
pub struct Sweep<'s> {
    store: &'s Store,
    /// What the log says each record holds; `None` when an entry could not be read (then records
    /// cannot be judged against it, and that is the problem reported).
    latest: Option<Latest>,
    /// The verdict on the hash chain: the number of entries, or the first break; `None` when the
    /// log could not be read at all (already among the problems).
    chain: Option<std::result::Result<u64, ChainError>>,
    /// Every index entry the records read so far call for.
    expected_index: BTreeMap<Vec<u8>, Vec<u8>>,
    /// Records that did not decode: their index entries and summaries cannot be judged.
    unreadable: HashSet<(Kind, Id)>,
    problems: Vec<String>,
}

impl Store {
    /// Starts a `check`: reads the audit log once (see the module).
    pub fn sweep(&self) -> Result<Sweep<'_>> {
        self.usable()?;
        let head = self.log_head()?;
        let mut walk = ChainWalk::default();
        let mut chain = None;
        let mut latest = Some(Latest::default());
        let mut problems = Vec::new();
        for item in self.db.scan_prefix([keys::LOG]) {
            let (key, value) = match item.at(&self.path) {
                Ok(item) => item,
                Err(e) => {
                    let why = unreadable(e);
                    problems.push(format!("audit log: {why}"));
                    problems.push(format!("records against the audit log: {why}"));
                    return Ok(self.start(None, None, problems));
                }
            };
            let seq = keys::trailing_id(&key).unwrap_or_default();
            let sealed = Sealed::decode(&value);
            if chain.is_none()
                && let Err(e) = walk.step_read(seq, sealed.as_ref())
            {
                chain = Some(Err(e));
            }
            match (&sealed, &mut latest) {
                (Ok(sealed), Some(latest)) => latest.add(sealed),
                (Err(e), Some(_)) => {
                    problems.push(format!(
                        "records against the audit log: log entry {seq} cannot be read: {e}"
                    ));
                    latest = None;
                }
                (_, None) => {}
            }
        }
        let chain = chain.unwrap_or_else(|| walk.end(head));
        Ok(self.start(latest, Some(chain), problems))
    }

    fn start(
        &self,
        latest: Option<Latest>,
        chain: Option<std::result::Result<u64, ChainError>>,
        problems: Vec<String>,
    ) -> Sweep<'_> {
        Sweep {
            store: self,
            latest,
            chain,
            expected_index: BTreeMap::new(),
            unreadable: HashSet::new(),
            problems,
        }
    }
}

impl Sweep<'_> {
    /// Every record of `T` that decodes, in id order, each compared with the log and its index
    /// entries noted; one that does not decode is a problem (and left out), as is a part of the
    /// store that cannot be read at all.
    pub fn records<T: Record>(&mut self) -> Vec<T> {
        let store = self.store;
        let mut records = Vec::new();
        for item in store.db.scan_prefix([T::KIND.tag()]) {
            let (key, value) = match item.at(&store.path) {
                Ok(item) => item,
                Err(e) => {
                    self.problems
                        .push(format!("{}s: {}", T::KIND.name(), unreadable(e)));
                    break;
                }
            };
            let id = keys::trailing_id(&key).unwrap_or_default();
            if let Some(latest) = &mut self.latest
                && let Some(problem) = latest.take(T::KIND, id, &value)
            {
                self.problems.push(problem);
            }
            match T::decode(&value) {
                Ok(record) => {
                    self.expected_index.extend(record.index_entries());
                    records.push(record);
                }
                Err(source) => {
                    self.problems
                        .push(format!("{} {id} cannot be read: {source}", T::KIND.name()));
                    self.unreadable.insert((T::KIND, id));
                }
            }
        }
        records
    }

    /// Adds problems the caller found in the records (the invariants), in order.
    pub fn found(&mut self, problems: Vec<String>) {
        self.problems.extend(problems);
    }

    /// Compares the stored submission summaries and counts with the ones `films` and `submissions`
    /// (as `records` returned them) call for.
    pub fn read_model(&mut self, films: &[Film], submissions: &[Submission]) {
        match read_model::problems_of_records(self.store, films, submissions, &self.unreadable) {
            Ok(found) => self.problems.extend(found),
            Err(e) => self
                .problems
                .push(format!("submission summaries: {}", unreadable(e))),
        }
    }

    /// Once every kind of record was read: the indexes compared with what the records call for, the
    /// records the log says exist but the store lacks, and then every problem found (in the order
    /// found) and the number of log entries (0 when the chain is broken, which is among the problems).
    pub fn finish(mut self) -> (Vec<String>, u64) {
        match self
            .store
            .index_problems_against(std::mem::take(&mut self.expected_index))
        {
            Ok(found) => self.problems.extend(found),
            Err(e) => self.problems.push(format!("indexes: {}", unreadable(e))),
        }
        if let Some(latest) = self.latest.take() {
            self.problems.extend(latest.missing());
        }
        let entries = match self.chain {
            Some(Ok(n)) => n,
            Some(Err(e)) => {
                self.problems.push(format!("audit log: {e}"));
                0
            }
            None => 0,
        };
        (self.problems, entries)
    }
}

/// Why a part of the store could not be read, without the advice on recovering that `check` gives
/// once for all problems.
pub fn unreadable(error: super::StoreError) -> String {
    match error {
        super::StoreError::Damaged { reason, .. } => format!("cannot be read: {reason}"),
        other => other.to_string(),
    }
}
