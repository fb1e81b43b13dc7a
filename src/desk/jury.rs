//! Award categories and the jury: who sits, in which role, and from which films each juror stands aside.

use super::error::Remedy;
use super::names::Names;
use super::{Desk, DeskError, Result, validate};
use crate::domain::{
    Category, CategoryKind, Edition, EditionState, Id, Juror, JurorRole, Method, Recusal, TieBreak,
};
use crate::store::{Kind, keys};
use crate::text::{Matcher, clean_line, clean_text, fold};

/// What a secretary types to create a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryInput {
    pub edition: String,
    pub name: String,
    pub prize: String,
    pub kind: CategoryKind,
    pub method: Method,
    pub tie_breaks: Vec<TieBreak>,
    pub ex_aequo_allowed: bool,
    pub mandatory: bool,
    /// `None`: after every existing category.
    pub precedence: Option<u32>,
}

/// What a secretary types to seat a juror.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorInput {
    pub edition: String,
    pub name: String,
    /// The name in its own script (`مجید مجیدی` beside `Majid Majidi`); blank when none.
    pub original_name: String,
    pub role: JurorRole,
    pub notes: String,
}

/// A juror whose name appears in a film's credits: a probable conflict to confirm
/// (docs/domain.md#conflicts-of-interest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbableConflict {
    pub juror: Juror,
    pub submission_id: Id,
    pub title: String,
    /// How the juror is credited: director, writer, producer or cast.
    pub credit: &'static str,
}

impl Desk {
    pub fn add_category(&self, input: &CategoryInput) -> Result<Category> {
        let edition = self.open_edition(&input.edition)?;
        let name = validate::required("name", &input.name)?;
        let existing = self.categories(edition.id)?;
        if existing.iter().any(|c| fold(&c.name) == fold(&name)) {
            return Err(DeskError::Refused(format!(
                "{} already has a category named '{name}'",
                edition.code
            )));
        }
        if let Method::MajorityRounds { absolute_rounds: 0 } = input.method {
            return Err(DeskError::invalid(
                "method",
                "majority-rounds needs at least one absolute-majority round",
            ));
        }
        if let Some(place) = input.precedence {
            refuse_taken_precedence(&edition, &existing, place, None)?;
        }
        let precedence = input.precedence.unwrap_or_else(|| {
            existing
                .iter()
                .map(|c| c.precedence)
                .max()
                .map_or(1, |p| p + 1)
        });
        let mut tx = self.store.begin();
        let category = Category {
            id: tx.new_id(Kind::Category)?,
            edition_id: edition.id,
            name,
            prize: clean_line(&input.prize),
            kind: input.kind,
            method: input.method,
            tie_breaks: input.tie_breaks.clone(),
            ex_aequo_allowed: input.ex_aequo_allowed,
            mandatory: input.mandatory,
            precedence,
        };
        tx.put(&category)?;
        tx.commit(format!(
            "category add \"{}\" to {}",
            category.name, edition.code
        ))?;
        Ok(category)
    }

    /// Seats a juror (refused once the edition is finalized: its jury is part of the frozen count).
    pub fn add_juror(&self, input: &JurorInput) -> Result<Juror> {
        self.add_juror_with_pin(input, None)
    }

    /// Seats a juror with a jury-room PIN (issue 16), kept as a salted hash; the audit entry says
    /// "PIN set", never the PIN.
    pub fn add_juror_with_pin(&self, input: &JurorInput, pin: Option<&str>) -> Result<Juror> {
        // A PIN that cannot be one is refused before anything is written.
        let pin = pin.map(super::pin::hash_pin).transpose()?;
        let edition = self.open_edition(&input.edition)?;
        let name = validate::required("name", &input.name)?;
        let jurors = self.jurors(edition.id)?;
        if jurors.iter().any(|j| fold(&j.name) == fold(&name)) {
            return Err(DeskError::Refused(format!(
                "{name} already sits on the jury of {}",
                edition.code
            )));
        }
        if input.role == JurorRole::President
            && jurors.iter().any(|j| j.role == JurorRole::President)
        {
            return Err(DeskError::Refused(format!(
                "{} already has a president",
                edition.code
            )));
        }
        let original_name = original_name(&input.original_name, &name)?;
        let mut tx = self.store.begin();
        let juror = Juror {
            id: tx.new_id(Kind::Juror)?,
            edition_id: edition.id,
            name,
            role: input.role,
            recusals: Vec::new(),
            notes: clean_text(&input.notes),
            absence: None,
            cleared_conflicts: Vec::new(),
            pin,
            original_name,
        };
        tx.put(&juror)?;
        tx.commit(format!(
            "juror add {} ({}) to {}{}",
            juror.name,
            juror.role.as_str(),
            edition.code,
            if juror.pin.is_some() { "; PIN set" } else { "" }
        ))?;
        Ok(juror)
    }

    /// Records that a juror stands aside from a submission; their ballots in categories where it is
    /// nominated are then left out of the count.
    pub fn recuse(
        &self,
        edition: &str,
        juror: &str,
        submission: &str,
        reason: &str,
    ) -> Result<Juror> {
        let edition = self.open_edition(edition)?;
        let mut juror = self.juror(&edition, juror)?;
        let submission_id = self.submission_in(&edition, submission)?;
        let reason = validate::required("reason", reason)?;
        if juror
            .recusals
            .iter()
            .any(|r| r.submission_id == submission_id)
        {
            return Err(DeskError::Refused(format!(
                "{} is already recused from submission {submission_id}",
                juror.name
            )));
        }
        // A recusal leaves the juror's ballot out where the film is nominated: not under an award.
        for category in self.categories(edition.id)? {
            let nominated = self
                .nominations(category.id)?
                .iter()
                .any(|n| n.submission_id == submission_id);
            if nominated && self.ballot(category.id, juror.id)?.is_some() {
                self.refuse_if_awarded(
                    &edition,
                    &category,
                    &format!(
                        "its ballots, {}'s among them, which the recusal would leave out",
                        juror.name
                    ),
                )?;
            }
        }
        juror.recusals.push(Recusal {
            submission_id,
            reason,
        });
        let mut tx = self.store.begin();
        tx.put(&juror)?;
        tx.commit(format!(
            "juror recuse {} from submission {submission_id}",
            juror.name
        ))?;
        Ok(juror)
    }

    /// The jurors of an edition: president first, then members, then observers, by name.
    pub fn jurors(&self, edition_id: Id) -> Result<Vec<Juror>> {
        let ids = self.store.child_ids(keys::JURORS_OF_EDITION, edition_id)?;
        let mut jurors = self.store.many::<Juror>(&ids)?;
        jurors.sort_by_cached_key(|j| {
            (
                role_order(j.role),
                crate::text::collation::sort_key(&j.name),
                j.id,
            )
        });
        Ok(jurors)
    }

    /// Finds a juror by id or by whole name, equal after folding (`names`): never by a part of it,
    /// so that a ballot is never credited to another juror than the one meant.
    pub fn juror(&self, edition: &Edition, reference: &str) -> Result<Juror> {
        let jurors = self.jurors(edition.id)?;
        Ok(juror_names(edition, &jurors).find(reference)?.clone())
    }

    /// Finds a category of an edition by id or by whole name, equal after folding (`names`).
    pub fn category(&self, edition: &Edition, reference: &str) -> Result<Category> {
        let categories = self.categories(edition.id)?;
        Ok(category_names(edition, &categories)
            .find(reference)?
            .clone())
    }

    /// A submission of the edition by id or by film title (folded; a unique partial title will do).
    pub fn submission_in(&self, edition: &Edition, reference: &str) -> Result<Id> {
        if let Ok(id) = crate::text::digits::parse_number::<Id>(reference)
            && let Some(s) = self.store.get::<crate::domain::Submission>(id)?
            && s.edition_id == edition.id
        {
            return Ok(id);
        }
        let rows = self.submission_rows(edition.id)?;
        let row = pick(
            "submission",
            reference,
            &rows,
            |r| r.submission.id,
            |r| r.film.title.clone(),
        )?;
        Ok(row.submission.id)
    }

    /// Jurors credited on a film of the edition (director, writer, producer or cast).
    pub fn probable_conflicts(&self, edition_id: Id) -> Result<Vec<ProbableConflict>> {
        let jurors = self.jurors(edition_id)?;
        if jurors.is_empty() {
            return Ok(Vec::new());
        }
        let mut found = Vec::new();
        for row in self.submission_rows(edition_id)? {
            let film = &row.film;
            let credits = [
                ("director", &film.directors, &film.original_directors),
                ("writer", &film.writers, &film.original_writers),
                ("producer", &film.producers, &Vec::new()),
                ("cast", &film.cast, &film.original_cast),
            ];
            for juror in &jurors {
                // Either of the juror's names against either of each person's.
                let names: Vec<String> = [&juror.name, &juror.original_name]
                    .into_iter()
                    .filter(|n| !n.is_empty())
                    .map(|n| fold(n))
                    .collect();
                if let Some((credit, _, _)) = credits.iter().find(|(_, people, originals)| {
                    people
                        .iter()
                        .chain(originals.iter())
                        .filter(|p| !p.is_empty())
                        .any(|p| names.contains(&fold(p)))
                }) {
                    found.push(ProbableConflict {
                        juror: juror.clone(),
                        submission_id: row.submission.id,
                        title: film.title.clone(),
                        credit,
                    });
                }
            }
        }
        Ok(found)
    }

    /// The edition, refusing when its palmarès is finalized (docs/counting.md#palmares-rules).
    pub(super) fn open_edition(&self, code: &str) -> Result<Edition> {
        let edition = self.edition(code)?;
        refuse_if_finalized(&edition)?;
        Ok(edition)
    }
}

/// A juror's name in its own script as typed: cleaned, and dropped when it is the name itself.
pub(super) fn original_name(raw: &str, name: &str) -> Result<String> {
    let original = validate::line("original name", raw)?;
    Ok(if original == name {
        String::new()
    } else {
        original
    })
}

/// Precedence numbers are unique within an edition (docs/counting.md#palmares-rules): a number
/// another category holds is refused, naming that category, rather than shifting the others (which
/// could reorder prizes already awarded). `except` is the category being edited. Zero is no place
/// at all.
pub(super) fn refuse_taken_precedence(
    edition: &Edition,
    categories: &[Category],
    place: u32,
    except: Option<Id>,
) -> Result<()> {
    if place == 0 {
        return Err(DeskError::invalid(
            "precedence",
            "1 is the top prize; 0 is not a place",
        ));
    }
    let Some(holder) = categories
        .iter()
        .find(|c| c.precedence == place && Some(c.id) != except)
    else {
        return Ok(());
    };
    // Of the categories' places plus one, at least one is free: the search ends.
    let free = (1..=categories.len() as u32 + 1)
        .find(|p| {
            !categories
                .iter()
                .any(|c| c.precedence == *p && Some(c.id) != except)
        })
        .unwrap_or(place);
    Err(DeskError::invalid(
        "precedence",
        format!(
            "place {place} is taken by '{}' in {} (each prize has a place of its own; nothing is shifted): choose a free place such as {free}, or move '{}' first",
            holder.name, edition.code, holder.name
        ),
    ))
}

/// A finalized edition refuses changes to its categories, jury, nominations, ballots, awards and rules.
pub fn refuse_if_finalized(edition: &Edition) -> Result<()> {
    if edition.state == EditionState::Finalized {
        return Err(DeskError::blocked(
            format!("{} is finalized: its palmarès is frozen", edition.code),
            Remedy::Reopen {
                edition: edition.code.clone(),
            },
        ));
    }
    Ok(())
}

/// The jury of an edition, indexed for exact names.
pub(super) fn juror_names<'a>(edition: &Edition, jurors: &'a [Juror]) -> Names<'a, Juror> {
    Names::new(
        "juror",
        format!("on the jury of {}", edition.code),
        jurors,
        |j| j.id,
        |j| &j.name,
    )
}

/// The categories of an edition, indexed for exact names.
pub(super) fn category_names<'a>(
    edition: &Edition,
    categories: &'a [Category],
) -> Names<'a, Category> {
    Names::new(
        "category",
        format!("in {}", edition.code),
        categories,
        |c| c.id,
        |c| &c.name,
    )
}

fn role_order(role: JurorRole) -> u8 {
    match role {
        JurorRole::President => 0,
        JurorRole::Member => 1,
        JurorRole::Observer => 2,
    }
}

/// Resolves what a person typed to one item: its id, its exact (folded) name, or a unique part of it.
/// Anything else is an error that lists the candidates. Used for submissions (a film title is long
/// and a part of it is how people name it); jurors and categories take whole names only (`names`).
pub(super) fn pick<T: Clone>(
    what: &'static str,
    reference: &str,
    items: &[T],
    id: impl Fn(&T) -> Id,
    name: impl Fn(&T) -> String,
) -> Result<T> {
    let reference = reference.trim();
    if let Ok(wanted) = crate::text::digits::parse_number::<Id>(reference)
        && let Some(item) = items.iter().find(|i| id(i) == wanted)
    {
        return Ok(item.clone());
    }
    let folded = fold(reference);
    let exact: Vec<&T> = items.iter().filter(|i| fold(&name(i)) == folded).collect();
    if exact.len() == 1 {
        return Ok(exact[0].clone());
    }
    let matcher = Matcher::new(reference);
    let partial: Vec<&T> = if exact.is_empty() && !matcher.is_empty() {
        items.iter().filter(|i| matcher.matches(&name(i))).collect()
    } else {
        exact
    };
    match partial.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(DeskError::NotFound {
            what,
            reference: reference.to_string(),
            candidates: items
                .iter()
                .map(|i| format!("{} ({})", name(i), id(i)))
                .collect(),
        }),
        many => Err(DeskError::Refused(format!(
            "'{reference}' could be any of: {}; say which (by number or full name)",
            many.iter()
                .map(|i| format!("{} ({})", name(i), id(i)))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}
