//! The read model of the lists (SPEC §9): a summary of every submission (`summary`), grouped by edition
//! under its own key range so that an edition's list is one contiguous scan of small values, and the
//! number of submissions of each edition, so that the editions pane does not count 1,000,000 keys.
//!
//! It is derived data, and never written by a use-case: every commit derives what its record changes
//! imply (`staged`), a backup restore derives it for what it writes (`of_records`), and a migration or
//! a change of the folding rules rebuilds it all (`rebuild`). So whichever path writes a submission or
//! a film, the read model follows, and `check` compares it with a rebuild (`Store::read_model_problems`).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::audit::Change;
use super::records::{Kind, Record};
use super::summary::{SubmissionSummary, derivation_fingerprint};
use super::{Result, Store, StoreError, keys};
use crate::domain::{Film, Id, Submission};

/// The meta record holding the fingerprint of the rules the stored summaries were derived by. It is
/// written last by a rebuild, so a store without it has a read model to build.
pub(super) const FINGERPRINT_KEY: &str = "summaries";

/// A stored key and its value.
type KeyValue = (Vec<u8>, Vec<u8>);

/// What a commit does to the read model: keys to remove (applied first: a key given up by one change
/// may be written by another) and keys to write.
#[derive(Debug, Default)]
pub(super) struct Staged {
    pub removed: Vec<Vec<u8>>,
    pub written: Vec<KeyValue>,
}

/// The key and stored bytes of a submission's summary.
fn summary_entry(submission: &Submission, film: Option<&Film>) -> Result<KeyValue> {
    let bytes = SubmissionSummary::of(submission, film)
        .encode()
        .map_err(|source| StoreError::Encode {
            kind: "submission summary",
            id: submission.id,
            source,
        })?;
    Ok((keys::summary(submission.edition_id, submission.id), bytes))
}

fn count_value(count: u64) -> Vec<u8> {
    count.to_be_bytes().to_vec()
}

fn decode_record<T: Record>(bytes: Option<&[u8]>, id: Id) -> Result<Option<T>> {
    bytes
        .map(T::decode)
        .transpose()
        .map_err(|source| StoreError::Record {
            kind: T::KIND.name(),
            id,
            source,
        })
}

/// The read-model changes a commit of `changes` implies. A changed submission is summarised with its
/// film as the commit leaves it; a changed film re-summarises every stored submission of it; each
/// edition's count moves by the submissions it gained and lost.
pub(super) fn staged(store: &Store, changes: &[Change]) -> Result<Staged> {
    let mut films: HashMap<Id, Option<Film>> = HashMap::new();
    for change in changes.iter().filter(|c| c.kind == Kind::Film) {
        films.insert(
            change.id,
            decode_record(change.after.as_deref(), change.id)?,
        );
    }
    let mut staged = Staged::default();
    let mut written = BTreeMap::new();
    let mut summarised = HashSet::new();
    let mut counts: BTreeMap<Id, i64> = BTreeMap::new();
    for change in changes.iter().filter(|c| c.kind == Kind::Submission) {
        summarised.insert(change.id);
        if let Some(before) = decode_record::<Submission>(change.before.as_deref(), change.id)? {
            staged
                .removed
                .push(keys::summary(before.edition_id, before.id));
            *counts.entry(before.edition_id).or_default() -= 1;
        }
        if let Some(after) = decode_record::<Submission>(change.after.as_deref(), change.id)? {
            let stored;
            let film = match films.get(&after.film_id) {
                Some(film) => film.as_ref(),
                None => {
                    stored = store.get::<Film>(after.film_id)?;
                    stored.as_ref()
                }
            };
            let (key, value) = summary_entry(&after, film)?;
            written.insert(key, value);
            *counts.entry(after.edition_id).or_default() += 1;
        }
    }
    for (&film_id, film) in &films {
        for submission_id in store.child_ids(keys::SUBMISSIONS_OF_FILM, film_id)? {
            if summarised.contains(&submission_id) {
                continue;
            }
            if let Some(submission) = store.get::<Submission>(submission_id)? {
                let (key, value) = summary_entry(&submission, film.as_ref())?;
                written.insert(key, value);
            }
        }
    }
    for (edition_id, delta) in counts.into_iter().filter(|(_, d)| *d != 0) {
        let count = store.submission_count(edition_id)? as i64 + delta;
        let key = keys::submission_count(edition_id);
        match u64::try_from(count) {
            Ok(count) if count > 0 => {
                written.insert(key, count_value(count));
            }
            // Below zero only if the count was wrong already (`check` says so); none is no key.
            _ => staged.removed.push(key),
        }
    }
    staged.written = written.into_iter().collect();
    Ok(staged)
}

/// The read model of a set of records (a backup being restored into an empty store).
pub(super) fn of_records<'a>(
    records: impl Iterator<Item = (Kind, Id, &'a [u8])> + Clone,
) -> Result<Vec<KeyValue>> {
    let mut films = HashMap::new();
    for (_, id, bytes) in records.clone().filter(|(kind, ..)| *kind == Kind::Film) {
        films.insert(id, decode_record::<Film>(Some(bytes), id)?);
    }
    let mut entries = Vec::new();
    let mut counts: BTreeMap<Id, u64> = BTreeMap::new();
    for (_, id, bytes) in records.filter(|(kind, ..)| *kind == Kind::Submission) {
        if let Some(submission) = decode_record::<Submission>(Some(bytes), id)? {
            let film = films.get(&submission.film_id).and_then(Option::as_ref);
            entries.push(summary_entry(&submission, film)?);
            *counts.entry(submission.edition_id).or_default() += 1;
        }
    }
    entries.extend(
        counts
            .into_iter()
            .map(|(edition, count)| (keys::submission_count(edition), count_value(count))),
    );
    Ok(entries)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unreadable {
    Fail,
    Skip,
}

/// The read model the store's records call for, handed to `each` a key at a time: the summaries in
/// submission id order (so a rebuild or a check at 1,000,000 submissions holds one record at a time,
/// not the store), then the counts. An unreadable submission or film stops a rebuild
/// (`Unreadable::Fail`) or is passed over for `check`, which reports it on its own; the ids passed over
/// are returned.
fn derive_all(
    store: &Store,
    unreadable: Unreadable,
    mut each: impl FnMut(Vec<u8>, Vec<u8>) -> Result<()>,
) -> Result<HashSet<Id>> {
    let mut skipped = HashSet::new();
    let mut counts: BTreeMap<Id, u64> = BTreeMap::new();
    for item in store.db.scan_prefix([Kind::Submission.tag()]) {
        let (key, value) = item?;
        let id = keys::trailing_id(&key).unwrap_or_default();
        let submission = match Submission::decode(&value) {
            Ok(submission) => submission,
            Err(_) if unreadable == Unreadable::Skip => {
                skipped.insert(id);
                continue;
            }
            Err(source) => {
                return Err(StoreError::Record {
                    kind: Kind::Submission.name(),
                    id,
                    source,
                });
            }
        };
        *counts.entry(submission.edition_id).or_default() += 1;
        let film = match store.get::<Film>(submission.film_id) {
            Ok(film) => film,
            Err(StoreError::Record { .. }) if unreadable == Unreadable::Skip => {
                skipped.insert(id);
                continue;
            }
            Err(e) => return Err(e),
        };
        let (key, value) = summary_entry(&submission, film.as_ref())?;
        each(key, value)?;
    }
    for (edition, count) in counts {
        each(keys::submission_count(edition), count_value(count))?;
    }
    Ok(skipped)
}

/// Replaces the whole read model with one derived from the records, then records the fingerprint of
/// the rules used (a migration to schema 4, or an open that finds summaries derived by other rules).
///
/// The read model is derived data, so this need not be one transaction, and at 1,000,000 submissions
/// one would hold gigabytes: it writes in batches. The fingerprint goes first and comes back last, so a
/// rebuild cut short (a crash, a kill) leaves a store without one, which the next open rebuilds again.
pub(super) fn rebuild(store: &Store) -> Result<()> {
    store.db.remove(keys::meta(FINGERPRINT_KEY))?;
    let mut writes = Batches::new(store);
    for prefix in [keys::SUBMISSION_SUMMARIES, keys::SUBMISSION_COUNTS] {
        for key in store.db.scan_prefix([prefix]).keys() {
            writes.write(key?, None)?;
        }
    }
    writes.finish()?;
    derive_all(store, Unreadable::Fail, |key, value| {
        writes.write(key.into(), Some(value.into()))
    })?;
    writes.finish()?;
    store
        .db
        .insert(keys::meta(FINGERPRINT_KEY), &derivation_fingerprint())?;
    store.flush()
}

/// Writes applied a few thousand at a time (each batch atomic, the whole not).
struct Batches<'s> {
    store: &'s Store,
    batch: sled::Batch,
    pending: usize,
}

impl<'s> Batches<'s> {
    const SIZE: usize = 8192;

    fn new(store: &'s Store) -> Self {
        Batches {
            store,
            batch: sled::Batch::default(),
            pending: 0,
        }
    }

    /// Sets `key` to `value` (`None` removes it).
    fn write(&mut self, key: sled::IVec, value: Option<sled::IVec>) -> Result<()> {
        match value {
            Some(value) => self.batch.insert(key, value),
            None => self.batch.remove(key),
        }
        self.pending += 1;
        if self.pending >= Self::SIZE {
            self.finish()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        if self.pending > 0 {
            self.store.db.apply_batch(std::mem::take(&mut self.batch))?;
            self.pending = 0;
        }
        Ok(())
    }
}

/// Whether the stored read model is complete and was derived by today's rules.
pub(super) fn up_to_date(store: &Store) -> Result<bool> {
    Ok(store
        .db
        .get(keys::meta(FINGERPRINT_KEY))?
        .is_some_and(|stored| stored.as_ref() == derivation_fingerprint()))
}

impl Store {
    /// The summaries of an edition's submissions, in id order: one scan of one key range.
    pub fn summaries(&self, edition_id: Id) -> Result<Vec<SubmissionSummary>> {
        self.summaries_after(edition_id, None).collect()
    }

    /// The summaries of an edition's submissions with ids above `after` (all of them for `None`), in id
    /// order, read as the iterator is consumed: a reader can show the first ones before the rest.
    pub fn summaries_after(
        &self,
        edition_id: Id,
        after: Option<Id>,
    ) -> impl Iterator<Item = Result<SubmissionSummary>> + use<> {
        let start = match after {
            Some(id) => keys::summary(edition_id, id.saturating_add(1)),
            None => keys::children(keys::SUBMISSION_SUMMARIES, edition_id),
        };
        // Past the last possible id there is nothing to read (and no end key to build).
        let range = if after == Some(Id::MAX) || edition_id == Id::MAX {
            self.db.range(start.clone()..start)
        } else {
            let end = keys::children(keys::SUBMISSION_SUMMARIES, edition_id + 1);
            self.db.range(start..end)
        };
        range.map(|item| {
            let (key, value) = item?;
            SubmissionSummary::decode(&value).map_err(|source| StoreError::Record {
                kind: "submission summary",
                id: keys::trailing_id(&key).unwrap_or_default(),
                source,
            })
        })
    }

    /// How many submissions an edition has (one read, whatever the size of the edition).
    pub fn submission_count(&self, edition_id: Id) -> Result<usize> {
        let stored = self.db.get(keys::submission_count(edition_id))?;
        Ok(stored
            .and_then(|v| keys::trailing_id(&v))
            .map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX)))
    }

    /// Where the read model disagrees with the records, for `check`: a summary or a count missing,
    /// stale, or left over.
    pub fn read_model_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut expected = HashSet::new();
        let unreadable = derive_all(self, Unreadable::Skip, |key, value| {
            let what = describe(&key);
            match self.db.get(&key)? {
                None => problems.push(format!("{what} is missing")),
                Some(stored) if stored.as_ref() != value.as_slice() => {
                    problems.push(format!("{what} does not match the records"))
                }
                Some(_) => {}
            }
            expected.insert(key);
            Ok(())
        })?;
        for prefix in [keys::SUBMISSION_SUMMARIES, keys::SUBMISSION_COUNTS] {
            for key in self.db.scan_prefix([prefix]).keys() {
                let key = key?;
                let id = keys::trailing_id(&key).unwrap_or_default();
                // An unreadable submission (or film) is reported by `check` itself.
                let passed_over = prefix == keys::SUBMISSION_SUMMARIES && unreadable.contains(&id);
                if !expected.contains(key.as_ref()) && !passed_over {
                    problems.push(format!(
                        "{} is left over (no such submission)",
                        describe(&key)
                    ));
                }
            }
        }
        if !up_to_date(self)? {
            problems.push(
                "the submission summaries are incomplete or were derived by other folding rules; \
                 opening the store with this jurydesk rebuilds them"
                    .into(),
            );
        }
        Ok(problems)
    }
}

/// A read-model key in words, for `check`.
fn describe(key: &[u8]) -> String {
    let id = keys::trailing_id(key).unwrap_or_default();
    match key.first() {
        Some(&keys::SUBMISSION_COUNTS) => format!("the submission count of edition {id}"),
        _ => format!("the summary of submission {id}"),
    }
}
