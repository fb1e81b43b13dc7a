//! The read model of the lists (BENCHMARKS.md#budgets): a summary of every submission (`summary`),
//! kept in pages of 64 submission ids per edition under their own key range, so that an edition's
//! list is one contiguous scan of a few large values; and the number of submissions of each edition,
//! so that the editions pane does not count 1,000,000 keys.
//!
//! It is derived data, and never written by a use-case: every commit derives what its record changes
//! imply (`staged`), a backup restore derives it for what it writes (`of_store`), and a migration or
//! a change of the folding rules rebuilds it all (`rebuild`). So whichever path writes a submission or
//! a film, the read model follows, and `check` compares it with a rebuild (`sweep`; one reader's form:
//! `Store::read_model_problems`).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::audit::ChangeRef;
use super::boundary::AtStore;
use super::record_scan::{self, Held, RecordScan};
use super::records::{Kind, Record};
use super::summary::{
    PAGE_ROWS, Repeated, SubmissionSummary, SummaryRef, decode_page, decode_page_borrowed,
    derivation_fingerprint, encode_page, page_of,
};
use super::{Result, Store, StoreError, keys};
use crate::domain::{Film, Id, Submission};

/// The meta record holding the fingerprint of the rules the stored summaries were derived by. It is
/// written last by a rebuild, so a store without it has a read model to build.
pub(super) const FINGERPRINT_KEY: &str = "summaries";

/// A stored key and its value.
type KeyValue = (Vec<u8>, Vec<u8>);

/// An edition and a page of its summaries.
type PageKey = (Id, u64);

pub(super) fn page_entry((edition, page): PageKey, rows: &[SubmissionSummary]) -> Result<KeyValue> {
    let bytes = encode_page(rows).map_err(|source| StoreError::Encode {
        kind: "submission summaries",
        id: rows.first().map_or(0, SubmissionSummary::id),
        source,
    })?;
    Ok((keys::summary_page(edition, page), bytes))
}

pub(super) fn count_entry(edition: Id, count: u64) -> KeyValue {
    (
        keys::submission_count(edition),
        count.to_be_bytes().to_vec(),
    )
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

fn page_error(key: &[u8], source: super::CodecError) -> StoreError {
    StoreError::Record {
        kind: "page of submission summaries",
        id: keys::trailing_id(key).unwrap_or_default(),
        source,
    }
}

/// What a page or a count becomes: its new value, or `None` to remove the key.
pub(super) type Write = (Vec<u8>, Option<Vec<u8>>);

/// Hands the read-model changes a commit of `changes` implies to `each`, a page at a time, as soon as
/// each is made. A changed submission is summarised with its film as the commit leaves it; a changed
/// film re-summarises every stored submission of it; each page touched is read, changed and written
/// whole, once; each edition's count moves by the submissions it gained and lost.
///
/// The changed submissions are summarised in id order, a page number at a time (a page holds 64
/// consecutive ids, whatever the edition), so only one page number's summaries are held at once:
/// held together, an import's 100,000 summaries were 49 MB at the commit's peak. Only the stored
/// submissions of changed films (none in an import of new films) are gathered first.
pub(super) fn staged(
    store: &Store,
    changes: &[ChangeRef<'_>],
    each: &mut impl FnMut(Write) -> Result<()>,
) -> Result<()> {
    // The films this commit leaves, as bytes borrowed from the changes and decoded when a submission
    // needs one: decoded all at once, an import's 100,000 films (and their table) were its peak.
    let mut films: HashMap<Id, Option<&[u8]>> = HashMap::new();
    // Films that were stored before this commit: only they can have stored submissions to re-summarise
    // (an import or `generate` creates thousands of films that have none).
    let mut stored_films = Vec::new();
    for change in changes.iter().filter(|c| c.kind == Kind::Film) {
        films.insert(change.id, change.after);
        if change.before.is_some() {
            stored_films.push(change.id);
        }
    }
    let film_of = |id: Id| -> Result<Option<Film>> {
        match films.get(&id) {
            Some(&bytes) => decode_record::<Film>(bytes, id),
            None => store.get::<Film>(id),
        }
    };
    let mut submissions: Vec<&ChangeRef<'_>> = changes
        .iter()
        .filter(|c| c.kind == Kind::Submission)
        .collect();
    submissions.sort_by_key(|c| c.id);
    let changed = |id: Id| submissions.binary_search_by_key(&id, |c| c.id).is_ok();
    let mut repeated = Repeated::default();

    // The stored submissions of changed films that no change touches, by page number first.
    let mut resummarised: BTreeMap<(u64, Id), PageRows> = BTreeMap::new();
    for film_id in stored_films {
        let film = decode_record::<Film>(films.get(&film_id).copied().flatten(), film_id)?;
        let film = film.as_ref();
        for submission_id in store.child_ids(keys::SUBMISSIONS_OF_FILM, film_id)? {
            if changed(submission_id) {
                continue;
            }
            if let Some(submission) = store.get::<Submission>(submission_id)? {
                let summary = SubmissionSummary::sharing(&submission, film, &mut repeated);
                resummarised
                    .entry((page_of(submission.id), submission.edition_id))
                    .or_default()
                    .insert(submission.id, Some(summary));
            }
        }
    }

    let mut counts: BTreeMap<Id, i64> = BTreeMap::new();
    for group in submissions.chunk_by(|a, b| page_of(a.id) == page_of(b.id)) {
        let number = page_of(group[0].id);
        // Pages of earlier numbers that only re-summarised submissions touch come first.
        while let Some(entry) = resummarised.first_entry() {
            if entry.key().0 >= number {
                break;
            }
            let ((page, edition), rows) = entry.remove_entry();
            write_page(store, (edition, page), rows, each)?;
        }
        // Per page of this number, per submission: its new summary, or `None` when it leaves.
        let mut pages: BTreeMap<Id, PageRows> = BTreeMap::new();
        for change in group {
            if let Some(before) = decode_record::<Submission>(change.before, change.id)? {
                pages
                    .entry(before.edition_id)
                    .or_default()
                    .insert(before.id, None);
                *counts.entry(before.edition_id).or_default() -= 1;
            }
            if let Some(after) = decode_record::<Submission>(change.after, change.id)? {
                let film = film_of(after.film_id)?;
                pages.entry(after.edition_id).or_default().insert(
                    after.id,
                    Some(SubmissionSummary::sharing(
                        &after,
                        film.as_ref(),
                        &mut repeated,
                    )),
                );
                *counts.entry(after.edition_id).or_default() += 1;
            }
        }
        while let Some(entry) = resummarised.first_entry() {
            if entry.key().0 != number {
                break;
            }
            let ((_, edition), rows) = entry.remove_entry();
            pages.entry(edition).or_default().extend(rows);
        }
        for (edition, rows) in pages {
            write_page(store, (edition, number), rows, each)?;
        }
    }
    for ((page, edition), rows) in resummarised {
        write_page(store, (edition, page), rows, each)?;
    }

    for (edition, delta) in counts.into_iter().filter(|(_, d)| *d != 0) {
        let count = store.submission_count(edition)? as i64 + delta;
        match u64::try_from(count) {
            Ok(count) if count > 0 => {
                let (key, value) = count_entry(edition, count);
                each((key, Some(value)))?;
            }
            // Below zero only if the count was wrong already (`check` says so); none is no key.
            _ => each((keys::submission_count(edition), None))?,
        }
    }
    Ok(())
}

/// One page's changed submissions: each one's new summary, or `None` when it leaves the page.
type PageRows = BTreeMap<Id, Option<SubmissionSummary>>;

/// Reads the stored page `key`, applies `changed` to it and hands its new value to `each` (`None`
/// when no submission is left on it).
fn write_page(
    store: &Store,
    (edition, page): PageKey,
    changed: PageRows,
    each: &mut impl FnMut(Write) -> Result<()>,
) -> Result<()> {
    let key = keys::summary_page(edition, page);
    let mut kept: BTreeMap<Id, SubmissionSummary> = match store.db.get(&key).at(&store.path)? {
        Some(bytes) => decode_page(&bytes)
            .map_err(|source| page_error(&key, source))?
            .into_iter()
            .map(|row| (row.id(), row))
            .collect(),
        None => BTreeMap::new(),
    };
    for (id, row) in changed {
        match row {
            Some(row) => kept.insert(id, row),
            None => kept.remove(&id),
        };
    }
    if kept.is_empty() {
        return each((key, None));
    }
    let rows: Vec<SubmissionSummary> = kept.into_values().collect();
    let (key, value) = page_entry((edition, page), &rows)?;
    each((key, Some(value)))
}

/// Gathers summaries into pages and counts as they come in submission id order, handing each page
/// over as soon as no later submission can fall into it.
struct Pager {
    pages: BTreeMap<PageKey, Vec<SubmissionSummary>>,
    counts: BTreeMap<Id, u64>,
}

impl Pager {
    fn new() -> Self {
        Pager {
            pages: BTreeMap::new(),
            counts: BTreeMap::new(),
        }
    }

    /// Adds a summary (ids must come in increasing order), handing over the pages it completes.
    fn add(
        &mut self,
        summary: SubmissionSummary,
        each: &mut impl FnMut(Vec<u8>, Vec<u8>) -> Result<()>,
    ) -> Result<()> {
        let page = page_of(summary.id());
        let done: Vec<PageKey> = self
            .pages
            .keys()
            .filter(|(_, p)| *p < page)
            .copied()
            .collect();
        for key in done {
            if let Some(rows) = self.pages.remove(&key) {
                let (k, v) = page_entry(key, &rows)?;
                each(k, v)?;
            }
        }
        *self.counts.entry(summary.edition_id()).or_default() += 1;
        self.pages
            .entry((summary.edition_id(), page))
            .or_default()
            .push(summary);
        Ok(())
    }

    /// Hands over the pages left and the counts.
    fn finish(self, each: &mut impl FnMut(Vec<u8>, Vec<u8>) -> Result<()>) -> Result<()> {
        for (key, rows) in self.pages {
            let (k, v) = page_entry(key, &rows)?;
            each(k, v)?;
        }
        for (edition, count) in self.counts {
            let (k, v) = count_entry(edition, count);
            each(k, v)?;
        }
        Ok(())
    }
}

/// The read model of the records the store holds, a key at a time (a backup restore derives it from
/// the records it has just staged, inside the same commit, without holding them).
pub(super) fn of_store(
    store: &Store,
    each: impl FnMut(Vec<u8>, Vec<u8>) -> Result<()>,
) -> Result<()> {
    derive_all(store, Unreadable::Fail, each).map(|_| ())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unreadable {
    Fail,
    Skip,
}

/// The read model the store's records call for, handed to `each` a key at a time: the pages of
/// summaries as the submissions are read in id order (so a rebuild or a check at 1,000,000
/// submissions holds a page at a time, not the store), then the counts. An unreadable submission or
/// film stops a rebuild (`Unreadable::Fail`) or is passed over for `check`, which reports it on its
/// own; the pages that would hold the ones passed over are returned.
fn derive_all(
    store: &Store,
    unreadable: Unreadable,
    mut each: impl FnMut(Vec<u8>, Vec<u8>) -> Result<()>,
) -> Result<HashSet<u64>> {
    let mut skipped = HashSet::new();
    let mut pager = Pager::new();
    let mut repeated = Repeated::default();
    let scan = RecordScan::all(&store.db, &store.path, Kind::Submission);
    let records: Box<dyn Iterator<Item = Result<(Id, sled::IVec)>>> = match unreadable {
        Unreadable::Fail => Box::new(scan.records()),
        // What `check` reads (`sweep`): a submission whose bucket cannot be read, or kept out of its
        // place, is not there (`check` names the bucket).
        Unreadable::Skip => Box::new(scan.filter_map(|held| match held {
            Ok(Held::Record(id, value)) => Some(Ok((id, value))),
            Ok(Held::Flaw(_)) => None,
            Err(e) => Some(Err(e)),
        })),
    };
    for item in records {
        let (id, value) = item?;
        let submission = match Submission::decode(&value) {
            Ok(submission) => submission,
            Err(_) if unreadable == Unreadable::Skip => {
                skipped.insert(page_of(id));
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
        let film = match unreadable {
            Unreadable::Fail => store.get::<Film>(submission.film_id)?,
            // As `check` reads it: a film in its own bucket, whatever else that bucket holds; none
            // when its bucket cannot be read; the submission's page passed over when the film does
            // not decode.
            Unreadable::Skip => {
                match record_scan::find_own(&store.db, &store.path, Kind::Film, submission.film_id)
                {
                    Ok(Some(bytes)) => {
                        let Ok(film) = Film::decode(&bytes) else {
                            skipped.insert(page_of(id));
                            continue;
                        };
                        Some(film)
                    }
                    Ok(None) | Err(StoreError::Damaged { .. }) => None,
                    Err(e) => return Err(e),
                }
            }
        };
        pager.add(
            SubmissionSummary::sharing(&submission, film.as_ref(), &mut repeated),
            &mut each,
        )?;
    }
    pager.finish(&mut each)?;
    Ok(skipped)
}

/// Replaces the whole read model with one derived from the records, then records the fingerprint of
/// the rules used (a migration to schema 4, or an open that finds summaries derived by other rules).
///
/// The read model is derived data, so this need not be one transaction, and at 1,000,000 submissions
/// one would hold gigabytes: it writes in batches. The fingerprint goes first and comes back last, so a
/// rebuild cut short (a crash, a kill) leaves a store without one, which the next open rebuilds again.
pub(super) fn rebuild(store: &Store) -> Result<()> {
    store
        .db
        .remove(keys::meta(FINGERPRINT_KEY))
        .at(&store.path)?;
    let mut writes = Batches::new(store);
    for prefix in [keys::SUBMISSION_SUMMARIES, keys::SUBMISSION_COUNTS] {
        for key in store.db.scan_prefix([prefix]).keys() {
            writes.write(key.at(&store.path)?, None)?;
        }
    }
    writes.finish()?;
    derive_all(store, Unreadable::Fail, |key, value| {
        writes.write(key.into(), Some(value.into()))
    })?;
    writes.finish()?;
    store
        .db
        .insert(keys::meta(FINGERPRINT_KEY), &derivation_fingerprint())
        .at(&store.path)?;
    store.flush()
}

/// Writes applied a few hundred at a time (each batch atomic, the whole not).
struct Batches<'s> {
    store: &'s Store,
    batch: sled::Batch,
    pending: usize,
}

impl<'s> Batches<'s> {
    const SIZE: usize = 512;

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
            self.store
                .db
                .apply_batch(std::mem::take(&mut self.batch))
                .at(&self.store.path)?;
            self.pending = 0;
        }
        Ok(())
    }
}

/// Whether the stored read model is complete and was derived by today's rules.
pub(super) fn up_to_date(store: &Store) -> Result<bool> {
    Ok(store
        .db
        .get(keys::meta(FINGERPRINT_KEY))
        .at(&store.path)?
        .is_some_and(|stored| stored.as_ref() == derivation_fingerprint()))
}

impl Store {
    /// The summaries of an edition's submissions, in id order: one scan of one key range.
    pub fn summaries(&self, edition_id: Id) -> Result<Vec<SubmissionSummary>> {
        self.usable()?;
        self.summaries_after(edition_id, None).collect()
    }

    /// The summaries of an edition's submissions with ids above `after` (all of them for `None`), in id
    /// order, read a page at a time as the iterator is consumed: a reader can show the first ones
    /// before the rest are read.
    pub fn summaries_after(
        &self,
        edition_id: Id,
        after: Option<Id>,
    ) -> impl Iterator<Item = Result<SubmissionSummary>> + use<> {
        let first = after.map_or(0, |id| page_of(id.saturating_add(1)));
        let start = keys::summary_page(edition_id, first);
        // Past the last possible id there is nothing to read (and no end key to build).
        let pages = if after == Some(Id::MAX) || edition_id == Id::MAX {
            self.db.range(start.clone()..start)
        } else {
            let end = keys::children(keys::SUBMISSION_SUMMARIES, edition_id + 1);
            self.db.range(start..end)
        };
        let path = self.path.clone();
        pages
            .map(move |item| {
                let (key, value) = item.at(&path)?;
                decode_page(&value).map_err(|source| page_error(&key, source))
            })
            .flat_map(|page| match page {
                Ok(rows) => rows.into_iter().map(Ok).collect::<Vec<_>>(),
                Err(e) => vec![Err(e)],
            })
            .filter(move |row| match (row, after) {
                (Ok(row), Some(after)) => row.id() > after,
                _ => true,
            })
    }

    /// The summaries of an edition's submissions that `keep` accepts, in id order. Each stored page is
    /// looked at in place (`SummaryRef`) and only the rows kept are copied out, so a search over
    /// 100,000 submissions allocates for its hits alone.
    pub fn summaries_where(
        &self,
        edition_id: Id,
        mut keep: impl FnMut(&SummaryRef<'_>) -> bool,
    ) -> Result<Vec<SubmissionSummary>> {
        self.usable()?;
        let start = keys::summary_page(edition_id, 0);
        let pages = match edition_id.checked_add(1) {
            Some(next) => self
                .db
                .range(start..keys::children(keys::SUBMISSION_SUMMARIES, next)),
            // No edition can have this id; nor any page an end key could bound.
            None => self.db.range(start.clone()..start),
        };
        let mut kept = Vec::new();
        for item in pages {
            let (key, value) = item.at(&self.path)?;
            let rows = decode_page_borrowed(&value).map_err(|source| page_error(&key, source))?;
            kept.extend(
                rows.iter()
                    .filter(|row| keep(row))
                    .map(SummaryRef::to_owned),
            );
        }
        Ok(kept)
    }

    /// How many submissions an edition has (one read, whatever the size of the edition).
    pub fn submission_count(&self, edition_id: Id) -> Result<usize> {
        self.usable()?;
        let stored = self
            .db
            .get(keys::submission_count(edition_id))
            .at(&self.path)?;
        Ok(stored
            .and_then(|v| keys::trailing_id(&v))
            .map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX)))
    }

    /// Where the read model disagrees with the records (a page of summaries or a count missing,
    /// stale, or left over), found by one reader: the plain form of what `check`'s two-thread pass
    /// (`sweep::summaries`) finds, kept as the reference that pass is tested against and as the
    /// migrations' tests' yardstick.
    pub fn read_model_problems(&self) -> Result<Vec<String>> {
        compare_with_stored(self, |each| derive_all(self, Unreadable::Skip, each))
    }
}

/// What a derivation hands over, a key and its value at a time.
type Each<'e> = &'e mut dyn FnMut(Vec<u8>, Vec<u8>) -> Result<()>;

/// Compares the read model a derivation hands over (returning the pages it passed over) with the
/// stored one: a page or count missing, stale, or left over, and a fingerprint not today's. (`check`
/// itself compares the records it read in its one pass, `sweep::summaries`, by the same two steps.)
fn compare_with_stored(
    store: &Store,
    derive: impl FnOnce(Each<'_>) -> Result<HashSet<u64>>,
) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut expected = HashSet::new();
    let unreadable = derive(&mut |key, value| {
        problems.extend(stored_differs(store, &key, &value)?);
        expected.insert(key);
        Ok(())
    })?;
    problems.extend(left_over_and_outdated(store, &expected, &unreadable)?);
    Ok(problems)
}

/// Whether the stored value of a read-model key is not the derived `value`: the problem, in words.
pub(super) fn stored_differs(store: &Store, key: &[u8], value: &[u8]) -> Result<Option<String>> {
    Ok(match store.db.get(key).at(&store.path)? {
        None => Some("is missing"),
        Some(stored) if stored.as_ref() != value => Some("does not match the records"),
        Some(_) => None,
    }
    .map(|problem| format!("{} {problem}", describe(key))))
}

/// Every stored page or count not among the `expected` keys (a page numbered in `passed_over` holds a
/// submission, or a submission's film, that did not decode: `check` reports that record itself), then
/// whether the read model is complete and derived by today's rules.
pub(super) fn left_over_and_outdated(
    store: &Store,
    expected: &HashSet<Vec<u8>>,
    passed_over: &HashSet<u64>,
) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for prefix in [keys::SUBMISSION_SUMMARIES, keys::SUBMISSION_COUNTS] {
        for key in store.db.scan_prefix([prefix]).keys() {
            let key = key.at(&store.path)?;
            let page = keys::trailing_id(&key).unwrap_or_default();
            let skipped = prefix == keys::SUBMISSION_SUMMARIES && passed_over.contains(&page);
            if !expected.contains(key.as_ref()) && !skipped {
                problems.push(format!(
                    "{} is left over (no such submission)",
                    describe(&key)
                ));
            }
        }
    }
    if !up_to_date(store)? {
        problems.push(
            "the submission summaries are incomplete or were derived by other folding rules; \
             opening the store with this jurydesk rebuilds them"
                .into(),
        );
    }
    Ok(problems)
}

/// A read-model key in words, for `check`.
pub(super) fn describe(key: &[u8]) -> String {
    let id = keys::trailing_id(key).unwrap_or_default();
    let edition = key
        .get(1..9)
        .and_then(keys::trailing_id)
        .unwrap_or_default();
    if let Some(&keys::SUBMISSION_COUNTS) = key.first() {
        format!("the submission count of edition {id}")
    } else {
        let first = id.saturating_mul(PAGE_ROWS);
        let last = first.saturating_add(PAGE_ROWS - 1);
        format!("the summaries of submissions {first}–{last} in edition {edition}")
    }
}
