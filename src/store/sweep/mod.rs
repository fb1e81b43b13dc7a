//! `check` in one pass over the store, on two threads (docs/architecture.md#integrity as strict as
//! before, the 1 s at 100k of BENCHMARKS.md#budgets).
//!
//! Why: `check` once read every record four times; then once, on one thread, which still took 2 s at
//! 100,000 submissions: reading every key of the store from sled alone is 0.6–0.7 s of CPU, and
//! deriving every summary again another 0.4 s. The machine has two cores, and most of the parts are
//! independent, so two threads share them:
//!
//! - the *log side* (a spawned thread) reads every kind of record but the films, then the log
//!   (walking the hash chain and noting each record's latest after-value, `log`), then compares every
//!   record read on either side with the log;
//! - the *film side* (the calling thread) reads the films;
//! - then both take jobs as they come free (`Jobs`): each index prefix compared with what the records
//!   call for, the invariants, and the summaries derived again page by page and compared with the
//!   stored ones (`summaries`).
//!
//! Every record is read once and decoded once, every value is compared with the log, every index
//! entry both ways (a merge of two sorted streams, `index`), every page and count of the read model,
//! the chain, the invariants. The problems are put back in the order a single reader finds them.

mod index;
mod log;
mod scan;
mod summaries;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, OnceLock, PoisonError};

use self::index::IndexVerdict;
use self::scan::{Expected, Group, KindReport, scan, settle};
use self::summaries::Derivation;
use super::records::Kind;
use super::{Result, Store, buckets, keys};
use crate::domain::{
    Assignments, Award, Ballot, Category, Edition, Festival, Film, Id, Juror, Nomination, Rating,
    Screener, ScreeningRound, Submission,
};

/// Every record of a store (or of a backup), decoded.
#[derive(Debug, Default)]
pub struct Records {
    pub festivals: Vec<Festival>,
    pub editions: Vec<Edition>,
    pub films: Vec<Film>,
    pub submissions: Vec<Submission>,
    pub categories: Vec<Category>,
    pub jurors: Vec<Juror>,
    pub nominations: Vec<Nomination>,
    pub ballots: Vec<Ballot>,
    pub awards: Vec<Award>,
    pub screening_rounds: Vec<ScreeningRound>,
    pub screeners: Vec<Screener>,
    pub assignments: Vec<Assignments>,
    pub ratings: Vec<Rating>,
}

impl Records {
    /// How many records of each kind decoded, by kind name.
    fn counts(&self) -> BTreeMap<&'static str, usize> {
        [
            (Kind::Festival, self.festivals.len()),
            (Kind::Edition, self.editions.len()),
            (Kind::Film, self.films.len()),
            (Kind::Submission, self.submissions.len()),
            (Kind::Category, self.categories.len()),
            (Kind::Juror, self.jurors.len()),
            (Kind::Nomination, self.nominations.len()),
            (Kind::Ballot, self.ballots.len()),
            (Kind::Award, self.awards.len()),
            (Kind::ScreeningRound, self.screening_rounds.len()),
            (Kind::Screener, self.screeners.len()),
            (Kind::Assignments, self.assignments.len()),
            (Kind::Rating, self.ratings.len()),
        ]
        .into_iter()
        .map(|(kind, n)| (kind.name(), n))
        .collect()
    }
}

/// What `check` found in the store.
#[derive(Debug)]
pub struct Swept {
    /// How many records of each kind decoded, by kind name.
    pub records: BTreeMap<&'static str, usize>,
    /// The number of log entries (0 when the chain is broken, which is among the problems).
    pub log_entries: u64,
    /// Every problem, in the order a single reader finds them (see `Swept::assemble`).
    pub problems: Vec<String>,
}

/// The rules between records (`desk::invariants`), which the store does not know.
pub type Invariants<'f> = &'f (dyn Fn(&Records) -> Vec<String> + Sync);

impl Store {
    /// Reads the whole store once and says what is wrong with it (see the module); `invariants` are
    /// checked over the records read.
    pub fn sweep(&self, invariants: Invariants<'_>) -> Result<Swept> {
        self.usable()?;
        let head = self.log_head()?;
        let shared = OnceLock::new();
        let jobs = Jobs::default();
        let (to_films, from_log) = channel();
        let (to_log, from_films) = channel();
        let (log, films) = std::thread::scope(|scope| {
            let (shared, jobs) = (&shared, &jobs);
            let log = std::thread::Builder::new()
                .name("jurydesk-check".into())
                .spawn_scoped(scope, move || {
                    log_side(self, head, &to_films, &from_films, shared, jobs, invariants)
                });
            let films = film_side(self, &to_log, &from_log, shared, jobs, invariants);
            // Let the log side go on if it is waiting for a message that will not come.
            drop((to_log, from_log));
            (log.map(std::thread::ScopedJoinHandle::join), films)
        });
        let log = match log {
            Ok(Ok(log)) => log,
            // A panic on the log side is the process's, as it was when `check` had one thread.
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(e) => {
                return Err(super::directory::io_error(&self.path, "start checking", e));
            }
        };
        let shared = shared.into_inner();
        let counts = shared
            .as_ref()
            .map(|s| s.records.counts())
            .unwrap_or_default();
        let prefixes = shared.as_ref().map(Shared::prefixes).unwrap_or_default();
        free_beside(shared);
        Ok(Swept::assemble(log, films, counts, &prefixes))
    }
}

/// Frees `value` on a thread of its own: the decoded records of 100,000 submissions take a tenth
/// of a second to free, which the command need not wait for (when the thread cannot be started, it
/// is freed here).
fn free_beside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("jurydesk-free".into())
        .spawn(move || drop(value));
}

/// What the log side sends once it has read its kinds.
struct LogSideRecords {
    records: Records,
    expected: Expected,
    bad_submissions: Vec<Id>,
}

/// What both sides hand over for the jobs: every record, the index entries they call for, and how
/// the summaries are cut up.
struct Shared {
    records: Records,
    /// Each index prefix and what the records call for under it, taken by the job comparing it.
    index: Vec<(u8, Mutex<Vec<Group>>)>,
    chunks: Vec<Range<usize>>,
    bad_films: Vec<Id>,
    bad_submissions: Vec<Id>,
}

impl Shared {
    fn derivation(&self) -> Derivation<'_> {
        Derivation {
            films: &self.records.films,
            bad_films: &self.bad_films,
            submissions: &self.records.submissions,
            bad_submissions: &self.bad_submissions,
        }
    }

    fn prefixes(&self) -> Vec<u8> {
        self.index.iter().map(|(prefix, _)| *prefix).collect()
    }
}

/// The log side's findings.
#[derive(Default)]
struct LogSide {
    log_problems: Vec<String>,
    chain: Option<std::result::Result<u64, super::audit::ChainError>>,
    /// Each kind's problems, in kind order, with the records compared with the log.
    kinds: Vec<(Kind, Vec<String>)>,
    /// Records the log says exist but the store lacks.
    missing: Vec<String>,
    done: Vec<(usize, Outcome)>,
    /// Set when the other side went away before the work was shared out.
    stopped: bool,
}

/// The film side's findings.
#[derive(Default)]
struct FilmSide {
    done: Vec<(usize, Outcome)>,
    stopped: bool,
}

fn log_side(
    store: &Store,
    head: Option<(u64, [u8; 32])>,
    to_films: &Sender<LogSideRecords>,
    from_films: &Receiver<KindReport>,
    shared: &OnceLock<Shared>,
    jobs: &Jobs,
    invariants: Invariants<'_>,
) -> LogSide {
    let mut expected = Expected::default();
    let mut reports = Vec::new();
    let mut records = Records::default();
    macro_rules! kind {
        ($field:ident, $T:ty) => {{
            let (found, report) = scan::<$T>(store, &mut expected);
            records.$field = found;
            reports.push(report);
        }};
    }
    kind!(festivals, Festival);
    kind!(editions, Edition);
    kind!(submissions, Submission);
    kind!(categories, Category);
    kind!(jurors, Juror);
    kind!(nominations, Nomination);
    kind!(ballots, Ballot);
    kind!(awards, Award);
    kind!(screening_rounds, ScreeningRound);
    kind!(screeners, Screener);
    kind!(assignments, Assignments);
    kind!(ratings, Rating);
    let mut bad_submissions: Vec<Id> = reports
        .iter()
        .filter(|r| r.kind == Kind::Submission)
        .flat_map(KindReport::undecoded_ids)
        .collect();
    bad_submissions.sort_unstable();
    let sent = to_films.send(LogSideRecords {
        records,
        expected,
        bad_submissions,
    });
    let walked = log::walk(store, head);
    let mut side = LogSide {
        log_problems: walked.problems,
        chain: walked.chain,
        ..LogSide::default()
    };
    let Some(films) = sent.ok().and_then(|()| from_films.recv().ok()) else {
        side.stopped = true;
        return side;
    };
    reports.push(films);
    reports.sort_by_key(|r| r.kind);
    let mut latest = walked.latest;
    side.kinds = reports
        .iter()
        .map(|r| (r.kind, r.problems(latest.as_mut())))
        .collect();
    side.missing = latest
        .map(super::integrity::Latest::missing)
        .unwrap_or_default();
    if let Some(shared) = shared.get() {
        side.done = jobs.run(store, shared, invariants);
    }
    side
}

fn film_side(
    store: &Store,
    to_log: &Sender<KindReport>,
    from_log: &Receiver<LogSideRecords>,
    shared: &OnceLock<Shared>,
    jobs: &Jobs,
    invariants: Invariants<'_>,
) -> FilmSide {
    let mut expected = Expected::default();
    let (films, report) = scan::<Film>(store, &mut expected);
    let Ok(theirs) = from_log.recv() else {
        return FilmSide {
            stopped: true,
            ..FilmSide::default()
        };
    };
    let mut bad_films: Vec<Id> = report.undecoded_ids().collect();
    bad_films.sort_unstable();
    let mut records = theirs.records;
    records.films = films;
    let mut ready = Shared {
        records,
        index: theirs
            .expected
            .together(expected)
            .into_iter()
            .map(|(prefix, groups)| (prefix, Mutex::new(groups)))
            .collect(),
        chunks: Vec::new(),
        bad_films,
        bad_submissions: theirs.bad_submissions,
    };
    ready.chunks = ready.derivation().chunks();
    let _ = shared.set(ready);
    let mut side = FilmSide::default();
    if to_log.send(report).is_err() {
        side.stopped = true;
        return side;
    }
    if let Some(shared) = shared.get() {
        side.done = jobs.run(store, shared, invariants);
    }
    side
}

/// Compares one prefix's stored entries with the entries the records call for.
fn compare_prefix(store: &Store, prefix: u8, groups: Vec<Group>) -> Result<IndexVerdict> {
    let expected = settle(groups);
    if !keys::INDEX_PREFIXES.contains(&prefix) {
        return Ok(index::all_missing(&expected));
    }
    if !buckets::is_bucketed(prefix) {
        let path = &store.path;
        return index::compare(
            store
                .db
                .scan_prefix([prefix])
                .map(|item| super::boundary::AtStore::at(item, path)),
            expected,
        );
    }
    // How the entries are kept (a bucket that cannot be read, an entry in another bucket) is named
    // before what they say.
    let (mut verdict, flaws) = if buckets::in_key_order(prefix) {
        let mut stream = store.stored_index_stream(prefix);
        (index::compare(stream.by_ref(), expected)?, stream.flaws)
    } else {
        let stored = store.stored_index_entries(prefix)?;
        let entries = stored.entries.into_iter().map(Ok);
        (index::compare(entries, expected)?, stored.flaws)
    };
    verdict.found.splice(0..0, flaws);
    Ok(verdict)
}

/// What a job found.
enum Outcome {
    Problems(Result<Vec<String>>),
    Index(Result<IndexVerdict>),
}

/// The work both sides share once every record is read, taken a job at a time by whichever side
/// is free: the index prefixes (the largest jobs, first), the invariants, the counts and what is
/// left over of the read model, then the chunks of summaries.
#[derive(Default)]
struct Jobs {
    next: AtomicUsize,
}

/// The jobs after the index prefixes.
const INVARIANTS_JOB: usize = 0;
const READ_MODEL_REST_JOB: usize = 1;
const FIRST_CHUNK_JOB: usize = 2;

impl Jobs {
    fn run(
        &self,
        store: &Store,
        shared: &Shared,
        invariants: Invariants<'_>,
    ) -> Vec<(usize, Outcome)> {
        let derivation = shared.derivation();
        let prefixes = shared.index.len();
        let mut done = Vec::new();
        loop {
            let job = self.next.fetch_add(1, Ordering::Relaxed);
            let outcome = if let Some((prefix, groups)) = shared.index.get(job) {
                let groups =
                    std::mem::take(&mut *groups.lock().unwrap_or_else(PoisonError::into_inner));
                Outcome::Index(compare_prefix(store, *prefix, groups))
            } else {
                Outcome::Problems(match job - prefixes {
                    INVARIANTS_JOB => Ok(invariants(&shared.records)),
                    READ_MODEL_REST_JOB => derivation.check_rest(store),
                    chunk => match shared.chunks.get(chunk - FIRST_CHUNK_JOB) {
                        Some(range) => derivation.check_chunk(store, range.clone()),
                        None => break,
                    },
                })
            };
            done.push((job, outcome));
        }
        done
    }
}

impl Swept {
    /// Puts every problem in the order one reader finds them: the log's reading, each kind's records
    /// against the log and their decoding, the invariants, the read model, the indexes, the records the
    /// log says exist but the store lacks, the chain.
    fn assemble(
        log: LogSide,
        films: FilmSide,
        records: BTreeMap<&'static str, usize>,
        prefixes: &[u8],
    ) -> Swept {
        let mut problems = log.log_problems;
        for (_, found) in log.kinds {
            problems.extend(found);
        }
        let mut done: Vec<(usize, Outcome)> = log.done.into_iter().chain(films.done).collect();
        done.sort_by_key(|(job, _)| *job);
        let mut index = BTreeMap::new();
        let mut invariants = Vec::new();
        let mut read_model = Ok(Vec::new());
        let mut rest = Ok(Vec::new());
        for (job, outcome) in done {
            match outcome {
                Outcome::Index(verdict) => {
                    index.insert(prefixes.get(job).copied().unwrap_or_default(), verdict);
                }
                Outcome::Problems(found) => match job - prefixes.len() {
                    INVARIANTS_JOB => invariants = found.unwrap_or_default(),
                    READ_MODEL_REST_JOB => rest = found,
                    _ => {
                        if let Ok(so_far) = &mut read_model {
                            match found {
                                Ok(more) => so_far.extend(more),
                                Err(e) => read_model = Err(e),
                            }
                        }
                    }
                },
            }
        }
        problems.extend(invariants);
        match read_model.and_then(|mut found| {
            found.extend(rest?);
            Ok(found)
        }) {
            Ok(found) => problems.extend(found),
            Err(e) => problems.push(format!("submission summaries: {}", unreadable(e))),
        }
        problems.extend(index_problems(index));
        problems.extend(log.missing);
        let log_entries = match log.chain {
            Some(Ok(n)) => n,
            Some(Err(e)) => {
                problems.push(format!("audit log: {e}"));
                0
            }
            None => 0,
        };
        if log.stopped || films.stopped {
            problems.push("check stopped before it had read the whole store".into());
        }
        Swept {
            records,
            log_entries,
            problems,
        }
    }
}

/// The indexes' problems: the stored entries that point elsewhere or name no record, prefix by
/// prefix, then every missing entry in key order; or, when a prefix could not be read, only that.
fn index_problems(verdicts: BTreeMap<u8, Result<IndexVerdict>>) -> Vec<String> {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for (_, verdict) in verdicts {
        match verdict {
            Ok(verdict) => {
                found.extend(verdict.found);
                missing.extend(verdict.missing);
            }
            Err(e) => return vec![format!("indexes: {}", unreadable(e))],
        }
    }
    found.extend(missing);
    found
}

/// Why a part of the store could not be read, without the advice on recovering that `check` gives
/// once for all problems.
pub fn unreadable(error: super::StoreError) -> String {
    match error {
        super::StoreError::Damaged { reason, .. } => format!("cannot be read: {reason}"),
        other => other.to_string(),
    }
}
