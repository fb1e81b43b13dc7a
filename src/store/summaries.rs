//! The submission summaries: the read model that the submissions list, `list submissions` and the
//! edition overview read (SPEC §9).
//!
//! A summary is one small value per submission holding what a list shows, sorts, filters and searches
//! on — the film's title, directors and countries, the section, status, dates — with the search fields
//! already folded. Summaries live under their own key range, ordered by edition and then submission
//! (`keys::summary`), so an edition's list is one contiguous scan of small values instead of a lookup
//! and decode of two whole records (submission and film) per row.
//!
//! A summary is derived from its submission and that submission's film alone. It is never written by
//! a use-case: every commit derives the summaries of what it changed (`staged`), a backup restore
//! derives them for what it writes (`of_records`), and a migration or a change of the folding rules
//! rebuilds them all (`rebuild_into`). So whichever path writes a submission or a film, the summaries
//! follow, and `check` compares them with a rebuild from the records (`Store::summary_problems`).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::audit::Change;
use super::codec::{self, CodecError};
use super::records::{Kind, Record};
use super::{Result, Store, StoreError, keys};
use crate::domain::{Film, Id, Submission, SubmissionStatus};
use crate::text::{fold, prepare};

/// The format version of a stored summary.
const VERSION: u8 = 1;

/// Bump when `SubmissionSummary::of` derives something else from the same records (another field,
/// another searchable credit): stores then rebuild their summaries on open. Changes to the folding
/// rules themselves are noticed without a bump (see `derivation_fingerprint`).
const DERIVATION: u32 = 1;

/// The meta record holding the fingerprint of the rules the stored summaries were derived by.
pub(super) const FINGERPRINT_KEY: &str = "summaries";

/// The text fields of a summary, in the order they are laid out in `SubmissionSummary::text`.
#[derive(Debug, Clone, Copy)]
enum Field {
    /// The film's title, as typed.
    Title,
    /// The directors as typed, one per line.
    Directors,
    /// The countries as typed, one per line.
    Countries,
    /// The section as typed.
    Section,
    /// What free-text search matches (title, original title, directors, cast, countries), folded and
    /// prepared (`text::prepare`): one line per name, so a match never spans two.
    Search,
    /// The directors, folded and prepared, for `director:`.
    SearchDirectors,
    /// The countries, folded and prepared, for `country:`.
    SearchCountries,
    /// The section, folded and prepared, for `section:`.
    SearchSection,
}

const FIELD_COUNT: usize = 8;

/// One submission as the lists see it. All its text lives in one string (one allocation per row, which
/// is what keeps an edition of 100,000 quick to read and small to hold); the accessors cut it up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionSummary {
    id: Id,
    edition_id: Id,
    film_id: Id,
    status: SubmissionStatus,
    year: Option<i32>,
    runtime_minutes: Option<u32>,
    /// The submission date as days from the common era (a number decodes faster than a date string).
    submitted: Option<i32>,
    text: Box<str>,
    /// Where each `Field` ends in `text`.
    ends: [u32; FIELD_COUNT],
}

impl SubmissionSummary {
    /// The summary of `submission`, whose film is `film` (`None` when it is missing: the row still lists,
    /// with an empty title, and `check` reports the missing film).
    pub fn of(submission: &Submission, film: Option<&Film>) -> SubmissionSummary {
        let empty = Film::default();
        let film = film.unwrap_or(&empty);
        let folded_lines = |names: &[String]| {
            prepare(&names.iter().map(|n| fold(n)).collect::<Vec<_>>().join("\n"))
        };
        let mut search = String::new();
        for part in [&film.title, &film.original_title]
            .into_iter()
            .chain(&film.directors)
            .chain(&film.cast)
            .chain(&film.countries)
        {
            search.push_str(&fold(part));
            search.push('\n');
        }
        let fields: [String; FIELD_COUNT] = [
            film.title.clone(),
            film.directors.join("\n"),
            film.countries.join("\n"),
            submission.section.clone(),
            prepare(&search),
            folded_lines(&film.directors),
            folded_lines(&film.countries),
            prepare(&fold(&submission.section)),
        ];
        let mut text = String::with_capacity(fields.iter().map(String::len).sum());
        let mut ends = [0; FIELD_COUNT];
        for (end, field) in ends.iter_mut().zip(&fields) {
            text.push_str(field);
            *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        }
        SubmissionSummary {
            id: submission.id,
            edition_id: submission.edition_id,
            film_id: submission.film_id,
            status: submission.status,
            year: film.year,
            runtime_minutes: film.runtime_minutes,
            submitted: submission.submitted.map(|d| d.num_days_from_ce()),
            text: text.into_boxed_str(),
            ends,
        }
    }

    /// The submission's id.
    pub fn id(&self) -> Id {
        self.id
    }

    pub fn edition_id(&self) -> Id {
        self.edition_id
    }

    pub fn film_id(&self) -> Id {
        self.film_id
    }

    pub fn status(&self) -> SubmissionStatus {
        self.status
    }

    pub fn year(&self) -> Option<i32> {
        self.year
    }

    pub fn runtime_minutes(&self) -> Option<u32> {
        self.runtime_minutes
    }

    pub fn submitted(&self) -> Option<NaiveDate> {
        self.submitted
            .and_then(NaiveDate::from_num_days_from_ce_opt)
    }

    pub fn title(&self) -> &str {
        self.field(Field::Title)
    }

    pub fn section(&self) -> &str {
        self.field(Field::Section)
    }

    /// The directors as typed, in credit order.
    pub fn directors(&self) -> impl Iterator<Item = &str> {
        lines(self.field(Field::Directors))
    }

    /// The countries as typed, in credit order.
    pub fn countries(&self) -> impl Iterator<Item = &str> {
        lines(self.field(Field::Countries))
    }

    /// Title, original title, directors, cast and countries, folded and prepared for
    /// `Matcher::matches_prepared`.
    pub fn search_text(&self) -> &str {
        self.field(Field::Search)
    }

    /// The directors, folded and prepared.
    pub fn search_directors(&self) -> &str {
        self.field(Field::SearchDirectors)
    }

    /// The countries, folded and prepared.
    pub fn search_countries(&self) -> &str {
        self.field(Field::SearchCountries)
    }

    /// The section, folded and prepared.
    pub fn search_section(&self) -> &str {
        self.field(Field::SearchSection)
    }

    fn field(&self, field: Field) -> &str {
        let at = field as usize;
        let start = if at == 0 { 0 } else { self.ends[at - 1] };
        // `decode` and `of` guarantee in-bounds ends on character boundaries; `get` keeps a slip quiet.
        self.text
            .get(start as usize..self.ends[at] as usize)
            .unwrap_or_default()
    }

    pub(super) fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(VERSION, self)
    }

    /// Reads a stored summary, refusing one whose field boundaries do not cut its text cleanly.
    pub(super) fn decode(bytes: &[u8]) -> Result<SubmissionSummary, CodecError> {
        let summary: SubmissionSummary = codec::decode(VERSION, bytes)?;
        let mut previous = 0;
        for &end in &summary.ends {
            if end < previous || !summary.text.is_char_boundary(end as usize) {
                return Err(CodecError::Damaged(
                    "a submission summary's fields do not fit its text".into(),
                ));
            }
            previous = end;
        }
        if previous as usize != summary.text.len() {
            return Err(CodecError::Damaged(
                "a submission summary's text is longer than its fields".into(),
            ));
        }
        Ok(summary)
    }
}

fn lines(field: &str) -> impl Iterator<Item = &str> {
    field.split('\n').filter(|line| !line.is_empty())
}

/// A stored key and its value.
type KeyValue = (Vec<u8>, Vec<u8>);

/// The key and stored bytes of a submission's summary.
fn entry(submission: &Submission, film: Option<&Film>) -> Result<KeyValue> {
    let bytes = SubmissionSummary::of(submission, film)
        .encode()
        .map_err(|source| StoreError::Encode {
            kind: "submission summary",
            id: submission.id,
            source,
        })?;
    Ok((keys::summary(submission.edition_id, submission.id), bytes))
}

/// A fingerprint of how summaries are derived: `DERIVATION` and what today's folding makes of a sample
/// of every rule in SPEC §8. A store whose summaries carry another fingerprint was written under other
/// folding rules, and its summaries are rebuilt on open (so a search never misses what it should find).
pub(super) fn derivation_fingerprint() -> [u8; 32] {
    const SAMPLES: [&str; 12] = [
        "Café ÉCLIPSE naïve",
        "كيارستمي ي ى ك ة أ إ آ ۀ",
        "بچه\u{200C}های آسمان",
        "مُحَمَّد ـــ",
        "۱۲۳ ٤٥٦ 789",
        "ＦＵＬＬ ｗｉｄｔｈ ﬁ",
        "Straße İstanbul ΣΟΦΊΑ",
        "紙灯籠 夜 🎬",
        "  spaced\tout  ",
        "a\u{200D}b",
        "Ǆemal ǅ",
        "Ålborg Øre",
    ];
    let mut hash = Sha256::new();
    hash.update(DERIVATION.to_be_bytes());
    for sample in SAMPLES {
        hash.update(fold(sample).as_bytes());
        hash.update([0]);
        hash.update(prepare(&fold(sample)).as_bytes());
        hash.update([0]);
    }
    hash.finalize().into()
}

fn decode_record<T: Record>(bytes: &Option<Vec<u8>>, id: Id) -> Result<Option<T>> {
    bytes
        .as_deref()
        .map(T::decode)
        .transpose()
        .map_err(|source| StoreError::Record {
            kind: T::KIND.name(),
            id,
            source,
        })
}

/// The summary keys a commit of `changes` removes and the summaries it writes (removals go first: a
/// key given up by one change may be written by another). A changed submission is summarised with its
/// film as the commit leaves it; a changed film re-summarises every stored submission of it.
pub(super) fn staged(store: &Store, changes: &[Change]) -> Result<(Vec<Vec<u8>>, Vec<KeyValue>)> {
    let mut films: HashMap<Id, Option<Film>> = HashMap::new();
    for change in changes.iter().filter(|c| c.kind == Kind::Film) {
        films.insert(change.id, decode_record(&change.after, change.id)?);
    }
    let mut removed = Vec::new();
    let mut written = BTreeMap::new();
    let mut summarised = HashSet::new();
    for change in changes.iter().filter(|c| c.kind == Kind::Submission) {
        summarised.insert(change.id);
        if let Some(before) = decode_record::<Submission>(&change.before, change.id)? {
            removed.push(keys::summary(before.edition_id, before.id));
        }
        if let Some(after) = decode_record::<Submission>(&change.after, change.id)? {
            let stored;
            let film = match films.get(&after.film_id) {
                Some(film) => film.as_ref(),
                None => {
                    stored = store.get::<Film>(after.film_id)?;
                    stored.as_ref()
                }
            };
            let (key, value) = entry(&after, film)?;
            written.insert(key, value);
        }
    }
    for (&film_id, film) in &films {
        for submission_id in store.child_ids(keys::SUBMISSIONS_OF_FILM, film_id)? {
            if summarised.contains(&submission_id) {
                continue;
            }
            if let Some(submission) = store.get::<Submission>(submission_id)? {
                let (key, value) = entry(&submission, film.as_ref())?;
                written.insert(key, value);
            }
        }
    }
    Ok((removed, written.into_iter().collect()))
}

/// The summaries of a set of records (a backup being restored): every submission with its film.
pub(super) fn of_records<'a>(
    records: impl Iterator<Item = (Kind, Id, &'a [u8])> + Clone,
) -> Result<Vec<KeyValue>> {
    let mut films = HashMap::new();
    for (_, id, bytes) in records.clone().filter(|(kind, ..)| *kind == Kind::Film) {
        let film = decode_record::<Film>(&Some(bytes.to_vec()), id)?;
        films.insert(id, film);
    }
    let mut entries = Vec::new();
    for (_, id, bytes) in records.filter(|(kind, ..)| *kind == Kind::Submission) {
        if let Some(submission) = decode_record::<Submission>(&Some(bytes.to_vec()), id)? {
            let film = films.get(&submission.film_id).and_then(Option::as_ref);
            entries.push(entry(&submission, film)?);
        }
    }
    Ok(entries)
}

/// Every summary the store's records call for, in submission id order (so a rebuild or a check at
/// 1,000,000 submissions holds one record at a time, not the store). An unreadable submission stops a
/// rebuild (`Unreadable::Fail`) or is passed over for `check`, which reports it on its own.
fn derive_all(
    store: &Store,
    unreadable: Unreadable,
    mut each: impl FnMut(Vec<u8>, Vec<u8>) -> Result<()>,
) -> Result<Vec<Id>> {
    let mut skipped = Vec::new();
    for item in store.db.scan_prefix([Kind::Submission.tag()]) {
        let (key, value) = item?;
        let id = keys::trailing_id(&key).unwrap_or_default();
        let submission = match Submission::decode(&value) {
            Ok(submission) => submission,
            Err(_) if unreadable == Unreadable::Skip => {
                skipped.push(id);
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
        let film = match store.get::<Film>(submission.film_id) {
            Ok(film) => film,
            Err(StoreError::Record { .. }) if unreadable == Unreadable::Skip => {
                skipped.push(id);
                continue;
            }
            Err(e) => return Err(e),
        };
        let (key, value) = entry(&submission, film.as_ref())?;
        each(key, value)?;
    }
    Ok(skipped)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unreadable {
    Fail,
    Skip,
}

/// Replaces every stored summary with one derived from the records, then records the fingerprint of
/// the rules used (a migration to schema 4, or an open that finds summaries derived by other rules).
///
/// Summaries are derived data, so this need not be one transaction, and at 1,000,000 submissions one
/// would hold gigabytes: it writes in batches. The fingerprint goes first and comes back last, so a
/// rebuild cut short (a crash, a kill) leaves a store without one, which the next open rebuilds again.
pub(super) fn rebuild(store: &Store) -> Result<()> {
    store.db.remove(keys::meta(FINGERPRINT_KEY))?;
    let mut writes = Batches::new(store);
    for key in store.db.scan_prefix([keys::SUBMISSION_SUMMARIES]).keys() {
        writes.write(key?, None)?;
    }
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

/// Whether the stored summaries were derived by today's rules.
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
        // A past-the-last submission id under `after = Id::MAX` must read nothing, not wrap around.
        let exhausted = after == Some(Id::MAX);
        let end = keys::children(keys::SUBMISSION_SUMMARIES, edition_id.saturating_add(1));
        let range = if exhausted || edition_id == Id::MAX {
            self.db.range(start.clone()..start)
        } else {
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

    /// Summaries that disagree with the records, for `check`: missing, stale, or naming no submission.
    pub fn summary_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut expected = HashSet::new();
        let unreadable = derive_all(self, Unreadable::Skip, |key, value| {
            let id = keys::trailing_id(&key).unwrap_or_default();
            match self.db.get(&key)? {
                None => problems.push(format!("the summary of submission {id} is missing")),
                Some(stored) if stored.as_ref() != value.as_slice() => problems.push(format!(
                    "the summary of submission {id} does not match its submission and film"
                )),
                Some(_) => {}
            }
            expected.insert(key);
            Ok(())
        })?;
        for key in self.db.scan_prefix([keys::SUBMISSION_SUMMARIES]).keys() {
            let key = key?;
            let id = keys::trailing_id(&key).unwrap_or_default();
            // An unreadable submission (or film) is reported by `check` itself.
            if !expected.contains(key.as_ref()) && !unreadable.contains(&id) {
                problems.push(format!(
                    "the summary {} names no submission of its edition",
                    hex::encode(&key)
                ));
            }
        }
        if !up_to_date(self)? {
            problems.push(
                "the submission summaries were derived by other folding rules; opening the store \
                 with this jurydesk rebuilds them"
                    .into(),
            );
        }
        Ok(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn film() -> Film {
        Film {
            id: 3,
            title: "Café Noir".into(),
            original_title: "بچه\u{200C}های آسمان".into(),
            directors: vec!["Élodie Morel".into(), "Reza Tabesh".into()],
            cast: vec!["Noor Haddad".into()],
            countries: vec!["France".into(), "Iran".into()],
            year: Some(2024),
            runtime_minutes: Some(92),
            ..Film::default()
        }
    }

    fn submission() -> Submission {
        Submission {
            id: 7,
            edition_id: 2,
            film_id: 3,
            section: "Short Films".into(),
            status: SubmissionStatus::Shortlisted,
            original_status: String::new(),
            submitted: NaiveDate::from_ymd_opt(2025, 4, 16),
            external_id: String::new(),
            notes: String::new(),
            history: Vec::new(),
        }
    }

    #[test]
    fn a_summary_keeps_what_the_lists_show_and_search() {
        let summary = SubmissionSummary::of(&submission(), Some(&film()));
        assert_eq!(
            (summary.id(), summary.edition_id(), summary.film_id()),
            (7, 2, 3)
        );
        assert_eq!(summary.title(), "Café Noir");
        assert_eq!(
            summary.directors().collect::<Vec<_>>(),
            ["Élodie Morel", "Reza Tabesh"]
        );
        assert_eq!(summary.countries().collect::<Vec<_>>(), ["France", "Iran"]);
        assert_eq!(summary.section(), "Short Films");
        assert_eq!(summary.status(), SubmissionStatus::Shortlisted);
        assert_eq!(summary.submitted(), NaiveDate::from_ymd_opt(2025, 4, 16));
        assert_eq!(
            (summary.year(), summary.runtime_minutes()),
            (Some(2024), Some(92))
        );
        assert!(summary.search_text().contains("cafenoir"));
        assert!(
            summary.search_text().contains("noorhaddad"),
            "cast is searched"
        );
        assert_eq!(summary.search_directors(), "elodiemorel\nrezatabesh");
        assert_eq!(summary.search_countries(), "france\niran");
        assert_eq!(summary.search_section(), "shortfilms");
    }

    #[test]
    fn a_summary_round_trips_and_a_damaged_one_is_refused() {
        let summary = SubmissionSummary::of(&submission(), Some(&film()));
        let bytes = summary.encode().unwrap();
        assert_eq!(SubmissionSummary::decode(&bytes).unwrap(), summary);

        let mut bent = summary.clone();
        bent.ends[0] = 4; // inside the two bytes of "é"
        assert!(SubmissionSummary::decode(&bent.encode().unwrap()).is_err());
        let mut short = summary.clone();
        short.ends[FIELD_COUNT - 1] -= 1;
        assert!(SubmissionSummary::decode(&short.encode().unwrap()).is_err());
        let mut backwards = summary;
        backwards.ends.swap(0, 1);
        assert!(SubmissionSummary::decode(&backwards.encode().unwrap()).is_err());
    }

    #[test]
    fn a_submission_without_its_film_still_has_a_summary() {
        let summary = SubmissionSummary::of(&submission(), None);
        assert_eq!(summary.title(), "");
        assert_eq!(summary.directors().count(), 0);
        assert_eq!(summary.section(), "Short Films");
    }
}
