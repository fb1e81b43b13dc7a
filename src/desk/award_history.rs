//! Importing an award history (docs/formats.md#award-history, `import oscars`): each ceremony an
//! edition, each category of a ceremony a category, each row a nomination of a film (entered in
//! that edition), the winners an award decided by `Decision::Imported`. One transaction for the
//! whole file.
//!
//! Running it again adds only what is missing: editions are found by code, categories by name, films by
//! identity, and nominations by (film, person) counted with their multiplicity, because the same people
//! can really be nominated twice for one film in one category (two songs of one film).

use std::collections::{BTreeMap, HashMap};

use chrono::Utc;

use super::editions::{stage_edition, stage_festival};
use super::import_report::{Column, ImportOptions, ImportReport, Parsed, Problem, decide};
use super::jury::refuse_if_finalized;
use super::{Desk, DeskError, EditionInput, FestivalInput, Result, validate};
use crate::domain::{
    Award, Category, CategoryKind, Decision, Edition, Festival, Film, Id, Method, Nomination,
    StatusChange, Submission, SubmissionStatus,
};
use crate::store::{Kind, Tx, film_identity, keys};
use crate::text::fold;

/// One row of an award history, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardRow {
    pub line: u64,
    pub ceremony: u32,
    pub ceremony_year: i32,
    /// The `year_ceremony` column (counted from 1), for a problem found across rows.
    pub ceremony_year_column: usize,
    pub film_year: Option<i32>,
    pub category: String,
    /// Who was nominated, as written: people (several joined by `/`), a company, or a country.
    pub name: String,
    /// Whether `name` is a country (the foreign-language film category names the submitting country).
    pub name_is_country: bool,
    /// Empty for awards to a person with no film (honorary awards).
    pub film: String,
    pub winner: bool,
}

pub const EDITIONS: &str = "editions added";
pub const CATEGORIES: &str = "categories added";
pub const FILMS: &str = "films added";
pub const SUBMISSIONS: &str = "entries added";
pub const NOMINATIONS: &str = "nominations added";
pub const AWARDS: &str = "awards added";
pub const ALREADY: &str = "rows already in the store";

/// The award history's festival: its code and, when it has to be created, its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryTarget {
    pub festival: String,
    pub name: String,
}

/// The records of one edition this import has found or made, by the keys rows refer to them with.
struct EditionWork {
    edition: Edition,
    categories: HashMap<String, (Category, Vec<Nomination>)>,
    next_precedence: u32,
}

impl Desk {
    pub fn import_award_history(
        &self,
        target: &HistoryTarget,
        source: &str,
        parsed: Parsed<AwardRow>,
        options: ImportOptions,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportReport> {
        let code = validate::code("festival", &target.festival)?;
        let Parsed {
            rows,
            mut problems,
            warnings,
        } = parsed;
        let mut ceremonies: BTreeMap<u32, Vec<AwardRow>> = BTreeMap::new();
        for row in rows {
            let rows = ceremonies.entry(row.ceremony).or_default();
            if let Some(first) = rows.first()
                && first.ceremony_year != row.ceremony_year
            {
                let column = Column {
                    number: row.ceremony_year_column,
                    name: "year_ceremony",
                };
                problems.push(Problem::at_cell(
                    source,
                    row.line,
                    column,
                    format_args!(
                        "ceremony {} is dated {} here but {} on line {}: one ceremony, one year",
                        row.ceremony, row.ceremony_year, first.ceremony_year, first.line
                    ),
                ));
                continue;
            }
            rows.push(row);
        }
        let skipped = decide(problems, options)?;
        let bad: std::collections::HashSet<u64> = skipped.iter().map(|p| p.line).collect();

        let mut report = ImportReport::new(
            source,
            &code,
            &[
                EDITIONS,
                CATEGORIES,
                FILMS,
                SUBMISSIONS,
                NOMINATIONS,
                AWARDS,
                ALREADY,
            ],
            options.dry_run,
        );
        report.skipped = skipped;
        report.warnings = warnings;
        let decided = Decision::Imported {
            source: std::path::Path::new(source)
                .file_name()
                .map_or_else(|| source.to_string(), |n| n.to_string_lossy().into_owned()),
        };

        let mut tx = self.store.begin();
        let festival = match self.festival_id(&code)? {
            Some(_) => self.festival(&code)?,
            None => stage_festival(
                &mut tx,
                code.clone(),
                &FestivalInput {
                    code: code.clone(),
                    name: target.name.clone(),
                    ..FestivalInput::default()
                },
            )?,
        };
        let mut films: HashMap<Vec<u8>, Id> = HashMap::new();
        let mut entries: HashMap<(Id, Id), Id> = HashMap::new();
        let mut done = 0;
        for (number, rows) in &ceremonies {
            let rows: Vec<&AwardRow> = rows.iter().filter(|r| !bad.contains(&r.line)).collect();
            let Some(first) = rows.first() else { continue };
            let mut work = self.edition_work(
                &mut tx,
                &festival,
                *number,
                first.ceremony_year,
                &mut report,
            )?;
            // Categories in the order the file lists them (the ceremony's own order).
            let mut order: Vec<&str> = Vec::new();
            for row in &rows {
                if !order.contains(&row.category.as_str()) {
                    order.push(&row.category);
                }
            }
            for name in order {
                let in_category: Vec<&AwardRow> = rows
                    .iter()
                    .copied()
                    .filter(|r| r.category == name)
                    .collect();
                let changed = self.stage_category(
                    &mut tx,
                    &mut work,
                    name,
                    &in_category,
                    &mut films,
                    &mut entries,
                    &decided,
                    &mut report,
                )?;
                if changed {
                    refuse_if_finalized(&work.edition)?;
                }
                done += in_category.len();
                progress(done);
            }
        }
        if !options.dry_run {
            report.log_seq = tx.commit(format!(
                "import award history {source} into {code}: {}",
                report.summary()
            ))?;
        }
        Ok(report)
    }

    /// The edition for ceremony `number`, found or staged, with its categories and nominations.
    fn edition_work(
        &self,
        tx: &mut Tx<'_>,
        festival: &Festival,
        number: u32,
        year: i32,
        report: &mut ImportReport,
    ) -> Result<EditionWork> {
        let code = Edition::code_for(&festival.code, number);
        let mut work = if self.edition_id(&code)?.is_some() {
            EditionWork {
                edition: self.edition(&code)?,
                categories: HashMap::new(),
                next_precedence: 1,
            }
        } else {
            let edition = stage_edition(
                tx,
                festival,
                &EditionInput {
                    festival: festival.code.clone(),
                    number,
                    year,
                    ..EditionInput::default()
                },
            )?;
            report.note(EDITIONS, || {
                format!("{} ({} edition, {year})", edition.code, edition.ordinal())
            });
            return Ok(EditionWork {
                edition,
                categories: HashMap::new(),
                next_precedence: 1,
            });
        };
        for category in self.categories(work.edition.id)? {
            let nominations = self.nominations(category.id)?;
            work.next_precedence = work.next_precedence.max(category.precedence + 1);
            work.categories
                .insert(fold(&category.name), (category, nominations));
        }
        Ok(work)
    }

    /// Stages one category of one ceremony. Returns whether anything was added to it.
    #[allow(clippy::too_many_arguments)]
    fn stage_category(
        &self,
        tx: &mut Tx<'_>,
        work: &mut EditionWork,
        name: &str,
        rows: &[&AwardRow],
        films: &mut HashMap<Vec<u8>, Id>,
        entries: &mut HashMap<(Id, Id), Id>,
        decided: &Decision,
        report: &mut ImportReport,
    ) -> Result<bool> {
        // A film category when no row names a person: every name is empty or a country.
        let kind = if rows.iter().all(|r| r.name.is_empty() || r.name_is_country) {
            CategoryKind::Film
        } else {
            CategoryKind::Person
        };
        let winners_expected = rows.iter().filter(|r| r.winner).count();
        let edition = work.edition.clone();
        let key = fold(name);
        if !work.categories.contains_key(&key) {
            let category = Category {
                id: tx.new_id(Kind::Category)?,
                edition_id: edition.id,
                name: name.to_string(),
                prize: String::new(),
                kind,
                method: Method::Plurality,
                tie_breaks: Vec::new(),
                ex_aequo_allowed: winners_expected > 1,
                mandatory: false,
                precedence: work.next_precedence,
            };
            work.next_precedence += 1;
            tx.put(&category)?;
            report.note(CATEGORIES, || {
                format!("{}: {}", edition.code, category.name)
            });
            work.categories.insert(key.clone(), (category, Vec::new()));
        }
        let Some((category, existing)) = work.categories.get_mut(&key) else {
            return Ok(false);
        };
        let mut unclaimed: Vec<Nomination> = existing.clone();
        let mut winners = Vec::new();
        let mut changed = false;
        for row in rows {
            let film_id = self.stage_film(tx, row, category.kind, films, report)?;
            let submission_id = self.stage_entry(tx, &edition, film_id, row, entries, report)?;
            let person = match category.kind {
                CategoryKind::Person if !row.name.is_empty() => Some(row.name.clone()),
                _ => None,
            };
            let found = unclaimed
                .iter()
                .position(|n| n.submission_id == submission_id && n.person == person);
            let nomination = if let Some(i) = found {
                report.note(ALREADY, || format!("line {}", row.line));
                unclaimed.swap_remove(i)
            } else {
                let nomination = Nomination {
                    id: tx.new_id(Kind::Nomination)?,
                    category_id: category.id,
                    submission_id,
                    person,
                    number: existing.iter().map(|n| n.number).max().unwrap_or(0) + 1,
                };
                tx.put(&nomination)?;
                existing.push(nomination.clone());
                changed = true;
                report.note(NOMINATIONS, || {
                    format!(
                        "line {}: {} in {} ({})",
                        row.line,
                        nominee(row),
                        category.name,
                        edition.code
                    )
                });
                nomination
            };
            if row.winner {
                winners.push(nomination.id);
            }
        }
        if !winners.is_empty()
            && self
                .store
                .child_ids(keys::AWARDS_OF_CATEGORY, category.id)?
                .is_empty()
        {
            let award = Award {
                id: tx.new_id(Kind::Award)?,
                category_id: category.id,
                winners,
                decision: decided.clone(),
                decided_at: Utc::now(),
                note: String::new(),
            };
            tx.put(&award)?;
            changed = true;
            report.note(AWARDS, || {
                format!(
                    "{}: {} ({} winner(s))",
                    edition.code,
                    category.name,
                    award.winners.len()
                )
            });
        }
        Ok(changed)
    }

    /// The film a row names, found by identity (title, no directors, film year) or staged. A row with
    /// no film (an honorary award) is entered under the honoree's name, so the nominee's label is the
    /// name. A country named in a film category joins the film's countries.
    fn stage_film(
        &self,
        tx: &mut Tx<'_>,
        row: &AwardRow,
        kind: CategoryKind,
        films: &mut HashMap<Vec<u8>, Id>,
        report: &mut ImportReport,
    ) -> Result<Id> {
        let title = if row.film.is_empty() {
            &row.name
        } else {
            &row.film
        };
        let mut film = Film {
            title: title.clone(),
            year: row.film_year,
            ..Film::default()
        };
        let country = (kind == CategoryKind::Film && row.name_is_country).then(|| row.name.clone());
        let identity = film_identity(&film);
        let known = match films.get(&identity) {
            Some(&id) => Some(id),
            None => self.store.films_with_identity(&identity)?.first().copied(),
        };
        if let Some(id) = known
            && let Some(mut stored) = tx.get::<Film>(id)?
        {
            films.insert(identity, id);
            if let Some(country) = country
                && !stored.countries.contains(&country)
            {
                stored.countries.push(country);
                tx.put(&stored)?;
            }
            return Ok(id);
        }
        if title.is_empty() {
            return Err(DeskError::Refused(format!(
                "line {}: names neither a film nor a nominee",
                row.line
            )));
        }
        film.id = tx.new_id(Kind::Film)?;
        film.countries = country.into_iter().collect();
        tx.put(&film)?;
        films.insert(identity, film.id);
        report.note(FILMS, || format!("line {}: {}", row.line, film.title));
        Ok(film.id)
    }

    /// The film's entry in the edition (a nominated film is `selected`), found or staged.
    fn stage_entry(
        &self,
        tx: &mut Tx<'_>,
        edition: &Edition,
        film_id: Id,
        row: &AwardRow,
        entries: &mut HashMap<(Id, Id), Id>,
        report: &mut ImportReport,
    ) -> Result<Id> {
        if let Some(&id) = entries.get(&(edition.id, film_id)) {
            return Ok(id);
        }
        for id in self.store.child_ids(keys::SUBMISSIONS_OF_FILM, film_id)? {
            if let Some(s) = self.store.get::<Submission>(id)?
                && s.edition_id == edition.id
            {
                entries.insert((edition.id, film_id), id);
                return Ok(id);
            }
        }
        let submission = Submission {
            id: tx.new_id(Kind::Submission)?,
            edition_id: edition.id,
            film_id,
            section: String::new(),
            status: SubmissionStatus::Selected,
            original_status: "nominated".into(),
            submitted: None,
            external_id: String::new(),
            notes: String::new(),
            history: vec![StatusChange {
                at: Utc::now(),
                from: None,
                to: SubmissionStatus::Selected,
                note: "imported from an award history".into(),
            }],
        };
        tx.put(&submission)?;
        entries.insert((edition.id, film_id), submission.id);
        report.note(SUBMISSIONS, || {
            let title = if row.film.is_empty() {
                &row.name
            } else {
                &row.film
            };
            format!("line {}: {title} in {}", row.line, edition.code)
        });
        Ok(submission.id)
    }
}

/// How a row's nominee reads in a report.
fn nominee(row: &AwardRow) -> String {
    match (row.name.is_empty(), row.film.is_empty()) {
        (false, false) => format!("{} ({})", row.name, row.film),
        (true, _) => row.film.clone(),
        (false, true) => row.name.clone(),
    }
}
