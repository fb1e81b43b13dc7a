//! A submission summary: one submission as the lists see it (BENCHMARKS.md#budgets), derived from the
//! submission and its film alone — what a list shows, sorts, filters and searches on, with the search
//! fields already folded. `read_model` keeps one per submission, stored a page of 64 at a time
//! (`page_of`), always in step with the records.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::codec::{self, CodecError};
use crate::domain::{Film, Id, Submission, SubmissionStatus};
use crate::text::collation::sort_key;
use crate::text::{fold, prepare};

mod in_place;
pub use in_place::SummaryRef;
pub(super) use in_place::decode_page_borrowed;

/// The format version of a stored summary. Version 2 added the original title and the sort keys; a
/// store of version 1 summaries rebuilds them on open (`DERIVATION` changed with it).
const VERSION: u8 = 2;

/// Bump when `SubmissionSummary::of` derives something else from the same records (another field,
/// another searchable credit): stores then rebuild their summaries on open. Changes to the folding
/// rules themselves are noticed without a bump (see `derivation_fingerprint`). Version 3 (schema 10)
/// searches the names in their original script, the writers and the film's aliases.
const DERIVATION: u32 = 3;

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
    /// What free-text search matches (title, original title, aliases, directors, writers and cast in
    /// both scripts, countries), folded and prepared (`text::prepare`): one line per name, so a match
    /// never spans two.
    Search,
    /// The directors in both scripts, folded and prepared, for `director:`.
    SearchDirectors,
    /// The countries, folded and prepared, for `country:`.
    SearchCountries,
    /// The section, folded and prepared, for `section:`.
    SearchSection,
    /// The film's original title, as typed.
    OriginalTitle,
}

const FIELD_COUNT: usize = 9;

/// The columns sorted by collation (`text::collation`), in the order their keys are laid out in
/// `SubmissionSummary::keys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collated {
    Title,
    /// The first director credited.
    Director,
    /// The first country credited.
    Country,
    Section,
}

const KEY_COUNT: usize = 4;

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
    /// The collation keys of the `Collated` columns, one after the other: kept so that sorting 100,000
    /// rows compares bytes instead of calling the collator (BENCHMARKS.md#budgets).
    keys: Box<[u8]>,
    /// Where each `Collated` key ends in `keys`.
    key_ends: [u32; KEY_COUNT],
}

/// The folded forms and collation keys of the values many summaries share (a section, a country),
/// each made once for a run of summaries rather than once for each: at 100k rows, making them took
/// a third of the summaries' time, for a handful of sections and a few hundred countries. Titles and
/// names, nearly all distinct, are not kept.
#[derive(Default)]
pub struct Repeated {
    folds: HashMap<String, String>,
    keys: HashMap<String, Vec<u8>>,
}

impl Repeated {
    fn fold(&mut self, text: &str) -> &str {
        if !self.folds.contains_key(text) {
            self.folds.insert(text.to_string(), fold(text));
        }
        self.folds.get(text).map_or("", String::as_str)
    }

    fn sort_key(&mut self, text: &str) -> &[u8] {
        if !self.keys.contains_key(text) {
            self.keys.insert(text.to_string(), sort_key(text));
        }
        self.keys.get(text).map_or(&[], Vec::as_slice)
    }
}

impl SubmissionSummary {
    /// The summary of `submission`, whose film is `film` (`None` when it is missing: the row still lists,
    /// with an empty title, and `check` reports the missing film).
    pub fn of(submission: &Submission, film: Option<&Film>) -> SubmissionSummary {
        SubmissionSummary::sharing(submission, film, &mut Repeated::default())
    }

    /// `of`, taking what many summaries share from `shared` (and keeping there what it makes).
    pub fn sharing(
        submission: &Submission,
        film: Option<&Film>,
        shared: &mut Repeated,
    ) -> SubmissionSummary {
        let empty = Film::default();
        let film = film.unwrap_or(&empty);
        let folded_lines = |names: &[String], fold: &mut dyn FnMut(&str) -> String| {
            prepare(&names.iter().map(|n| fold(n)).collect::<Vec<_>>().join("\n"))
        };
        let mut search = String::new();
        let directors: Vec<String> = film
            .directors
            .iter()
            .chain(&film.original_directors)
            .filter(|name| !name.is_empty())
            .cloned()
            .collect();
        for part in [&film.title, &film.original_title]
            .into_iter()
            .chain(&film.aliases)
            .chain(&directors)
            .chain(&film.writers)
            .chain(&film.original_writers)
            .chain(&film.cast)
            .chain(&film.original_cast)
        {
            if part.is_empty() {
                continue;
            }
            search.push_str(&fold(part));
            search.push('\n');
        }
        for country in film.countries.iter().filter(|c| !c.is_empty()) {
            search.push_str(shared.fold(country));
            search.push('\n');
        }
        let fields: [String; FIELD_COUNT] = [
            film.title.clone(),
            film.directors.join("\n"),
            film.countries.join("\n"),
            submission.section.clone(),
            prepare(&search),
            folded_lines(&directors, &mut |n| fold(n)),
            folded_lines(&film.countries, &mut |n| shared.fold(n).to_string()),
            prepare(shared.fold(&submission.section)),
            film.original_title.clone(),
        ];
        let mut text = String::with_capacity(fields.iter().map(String::len).sum());
        let mut ends = [0; FIELD_COUNT];
        for (end, field) in ends.iter_mut().zip(&fields) {
            text.push_str(field);
            *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        }
        let mut keys = Vec::new();
        let mut key_ends = [0; KEY_COUNT];
        for (index, (end, text)) in key_ends
            .iter_mut()
            .zip([
                film.title.as_str(),
                first(&film.directors),
                first(&film.countries),
                submission.section.as_str(),
            ])
            .enumerate()
        {
            // The first two are nearly all distinct; the country and the section are shared.
            if index < 2 {
                keys.extend_from_slice(&sort_key(text));
            } else {
                keys.extend_from_slice(shared.sort_key(text));
            }
            *end = u32::try_from(keys.len()).unwrap_or(u32::MAX);
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
            keys: keys.into_boxed_slice(),
            key_ends,
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

    /// The original title as typed (empty when the film has none of its own).
    pub fn original_title(&self) -> &str {
        self.field(Field::OriginalTitle)
    }

    /// The collation key of a column (`text::collation::sort_key`): compare as bytes.
    pub fn sort_key(&self, column: Collated) -> &[u8] {
        let at = column as usize;
        let start = if at == 0 { 0 } else { self.key_ends[at - 1] };
        self.keys
            .get(start as usize..self.key_ends[at] as usize)
            .unwrap_or_default()
    }

    /// The directors as typed, in credit order.
    pub fn directors(&self) -> impl Iterator<Item = &str> {
        lines(self.field(Field::Directors))
    }

    /// The countries as typed, in credit order.
    pub fn countries(&self) -> impl Iterator<Item = &str> {
        lines(self.field(Field::Countries))
    }

    /// Title, original title, aliases, directors, writers and cast in both scripts, and countries,
    /// folded and prepared for `Matcher::matches_prepared`.
    pub fn search_text(&self) -> &str {
        self.field(Field::Search)
    }

    /// The directors in both scripts, folded and prepared.
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
        cut(&self.text, &self.ends, field)
    }

    /// Whether the field boundaries cut the text cleanly (a damaged value could say otherwise).
    fn fits(&self) -> bool {
        fits(&self.text, &self.ends, &self.keys, &self.key_ends)
    }
}

/// A field of a summary's text (see `SubmissionSummary::text`).
fn cut<'t>(text: &'t str, ends: &[u32; FIELD_COUNT], field: Field) -> &'t str {
    let at = field as usize;
    let start = if at == 0 { 0 } else { ends[at - 1] };
    // `decode_page` and `of` guarantee in-bounds ends on character boundaries; `get` keeps a slip
    // quiet.
    text.get(start as usize..ends[at] as usize)
        .unwrap_or_default()
}

/// Whether field and key boundaries cut a summary's text and keys cleanly.
fn fits(text: &str, ends: &[u32; FIELD_COUNT], keys: &[u8], key_ends: &[u32; KEY_COUNT]) -> bool {
    let mut previous = 0;
    for &end in ends {
        if end < previous || !text.is_char_boundary(end as usize) {
            return false;
        }
        previous = end;
    }
    if previous as usize != text.len() {
        return false;
    }
    let mut previous = 0;
    for &end in key_ends {
        if end < previous {
            return false;
        }
        previous = end;
    }
    previous as usize == keys.len()
}

/// How many submission ids share one stored page of summaries (see `page_of`).
pub(super) const PAGE_ROWS: u64 = 64;

/// The page a submission's summary is stored in: summaries are kept a page of 64 ids at a time, per
/// edition, because reading a stored value costs the same whether it is small or not, and an edition
/// of 100,000 is then 1,600 values to read instead of 100,000.
pub(super) fn page_of(submission_id: Id) -> u64 {
    submission_id / PAGE_ROWS
}

/// Encodes a page: summaries of one edition and page, in id order.
pub(super) fn encode_page(rows: &[SubmissionSummary]) -> Result<Vec<u8>, CodecError> {
    codec::encode(VERSION, &rows)
}

/// Reads a stored page, refusing one whose rows are out of order or do not cut their text cleanly.
pub(super) fn decode_page(bytes: &[u8]) -> Result<Vec<SubmissionSummary>, CodecError> {
    let rows: Vec<SubmissionSummary> = codec::decode(VERSION, bytes)?;
    check_page(&rows, |row| (row.id, row.fits()))?;
    Ok(rows)
}

/// Refuses a page whose rows (each its id and whether it fits) do not cut their text cleanly, are out
/// of order, or straddle two pages.
fn check_page<R>(rows: &[R], id_fits: impl Fn(&R) -> (Id, bool)) -> Result<(), CodecError> {
    if let Some((id, _)) = rows.iter().map(&id_fits).find(|(_, fits)| !fits) {
        return Err(CodecError::Damaged(format!(
            "the summary of submission {id} has fields that do not fit its text"
        )));
    }
    let mut previous: Option<Id> = None;
    for (id, _) in rows.iter().map(&id_fits) {
        if previous.is_some_and(|p| p >= id || page_of(p) != page_of(id)) {
            return Err(CodecError::Damaged(
                "a page of submission summaries is out of order".into(),
            ));
        }
        previous = Some(id);
    }
    Ok(())
}

/// The first of a list of names, or nothing.
fn first(names: &[String]) -> &str {
    names.first().map_or("", String::as_str)
}

fn lines(field: &str) -> impl Iterator<Item = &str> {
    field.split('\n').filter(|line| !line.is_empty())
}

/// A fingerprint of how summaries are derived: `DERIVATION` and what today's folding and collation
/// make of a sample of every rule in docs/text.md. A store whose summaries carry another fingerprint was written under
/// other folding rules, and its summaries are rebuilt on open (so a search never misses what it should
/// find).
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
        // The collation data is ICU4X's: a newer one may order the same titles otherwise.
        hash.update(sort_key(sample));
        hash.update([0]);
    }
    hash.finalize().into()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(super) fn film() -> Film {
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

    pub(super) fn submission() -> Submission {
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

    /// What summaries share is kept between them (`Repeated`), never mixed up: each summary made with
    /// one `Repeated` across many films is the summary made alone.
    #[test]
    fn summaries_made_sharing_are_the_summaries_made_alone() {
        let mut shared = Repeated::default();
        let countries: [&[&str]; 5] = [
            &["France", "Iran"],
            &["Iran"],
            &[],
            &["Côte d'Ivoire", "", "France"],
            &["ایران"],
        ];
        for (n, countries) in countries.iter().enumerate() {
            for section in ["Short Films", "Shorts", "", "Court métrage", "Short Films"] {
                let film = Film {
                    id: 3 + n as u64,
                    countries: countries.iter().map(ToString::to_string).collect(),
                    ..film()
                };
                let submission = Submission {
                    section: section.into(),
                    ..submission()
                };
                let alone = SubmissionSummary::of(&submission, Some(&film));
                let sharing = SubmissionSummary::sharing(&submission, Some(&film), &mut shared);
                assert_eq!(
                    encode_page(std::slice::from_ref(&sharing)).unwrap(),
                    encode_page(std::slice::from_ref(&alone)).unwrap(),
                    "{countries:?} {section:?}"
                );
            }
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
    fn a_page_round_trips_and_a_damaged_one_is_refused() {
        let summary = SubmissionSummary::of(&submission(), Some(&film()));
        let mut next = submission();
        next.id = 8;
        let page = vec![summary.clone(), SubmissionSummary::of(&next, None)];
        let bytes = encode_page(&page).unwrap();
        assert_eq!(decode_page(&bytes).unwrap(), page);

        let mut bent = summary.clone();
        bent.ends[0] = 4; // inside the two bytes of "é"
        assert!(decode_page(&encode_page(&[bent]).unwrap()).is_err());
        let mut short = summary.clone();
        short.ends[FIELD_COUNT - 1] -= 1;
        assert!(decode_page(&encode_page(&[short]).unwrap()).is_err());
        let mut backwards = summary.clone();
        backwards.ends.swap(0, 1);
        assert!(decode_page(&encode_page(&[backwards]).unwrap()).is_err());
        let reversed = [page[1].clone(), page[0].clone()];
        assert!(decode_page(&encode_page(&reversed).unwrap()).is_err());
        let mut far = submission();
        far.id = 7 + PAGE_ROWS;
        let straddling = [summary, SubmissionSummary::of(&far, None)];
        assert!(decode_page(&encode_page(&straddling).unwrap()).is_err());
    }

    #[test]
    fn a_submission_without_its_film_still_has_a_summary() {
        let summary = SubmissionSummary::of(&submission(), None);
        assert_eq!(summary.title(), "");
        assert_eq!(summary.directors().count(), 0);
        assert_eq!(summary.section(), "Short Films");
    }
}
