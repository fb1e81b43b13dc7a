//! Nominations: films, or people for their work on a film, numbered within their category; and the
//! labels by which jurors and scripts refer to them
//! (docs/domain.md#nominees-labels-and-references).

use super::error::Remedy;
use super::jury::refuse_if_finalized;
use super::{Desk, DeskError, Result, validate};
use crate::domain::{
    Category, CategoryKind, Edition, Film, Id, Nomination, Submission, SubmissionStatus,
};
use crate::store::Kind;
use crate::text::fold;

/// A nomination with what people call it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nominee {
    pub nomination: Nomination,
    /// The film title for a film category, `Person (Film)` for a person category.
    pub label: String,
    pub title: String,
}

impl Nominee {
    pub fn number(&self) -> u32 {
        self.nomination.number
    }
}

/// The label of docs/domain.md#nominees-labels-and-references. A person honoured for no film (an
/// imported honorary award) is entered under their own name, and labelled by it once, not as `Name
/// (Name)`.
pub fn label(person: Option<&str>, title: &str) -> String {
    match person {
        Some(person) if person != title => format!("{person} ({title})"),
        _ => title.to_string(),
    }
}

impl Desk {
    /// Nominates a submission (and, in a person category, a person) in a category. A submission that
    /// is withdrawn, disqualified, ineligible or not selected is refused: see `nominate_with`.
    pub fn nominate(
        &self,
        edition: &str,
        category: &str,
        submission: &str,
        person: Option<&str>,
    ) -> Result<Nominee> {
        self.nominate_with(edition, category, submission, person, false)
    }

    /// Like `nominate`; `force` nominates a submission whose status says it is out of the running
    /// (`nomination_caution`), which the desk asks about first and the command line takes as
    /// `--force`. Refused while the category has a recorded award
    /// (docs/counting.md#deciding-an-award).
    pub fn nominate_with(
        &self,
        edition: &str,
        category: &str,
        submission: &str,
        person: Option<&str>,
        force: bool,
    ) -> Result<Nominee> {
        let edition = self.edition(edition)?;
        refuse_if_finalized(&edition)?;
        let category = self.category(&edition, category)?;
        self.refuse_if_awarded(&edition, &category, "its nominees")?;
        let submission_id = self.submission_in(&edition, submission)?;
        if !force && let Some(status) = self.nomination_caution(submission_id)? {
            let title = self.film_of(submission_id)?.title;
            return Err(DeskError::blocked(
                format!(
                    "'{title}' (submission {submission_id}) is {status}: a nominee is normally in the running"
                ),
                Remedy::Force,
            ));
        }
        let person = match (
            category.kind,
            person.map(str::trim).filter(|p| !p.is_empty()),
        ) {
            (CategoryKind::Person, None) => {
                return Err(DeskError::invalid(
                    "person",
                    format!(
                        "'{}' awards a person: say who (e.g. --person \"Name\")",
                        category.name
                    ),
                ));
            }
            (CategoryKind::Film, Some(_)) => {
                return Err(DeskError::invalid(
                    "person",
                    format!("'{}' awards a film, not a person", category.name),
                ));
            }
            (_, p) => p.map(|p| validate::required("person", p)).transpose()?,
        };
        let nominees = self.nominees(&category)?;
        if nominees.iter().any(|n| {
            n.nomination.submission_id == submission_id
                && n.nomination.person.as_deref().map(fold) == person.as_deref().map(fold)
        }) {
            return Err(DeskError::Refused(format!(
                "already nominated in '{}'",
                category.name
            )));
        }
        let film = self.film_of(submission_id)?;
        let mut tx = self.store.begin();
        let nomination = Nomination {
            id: tx.new_id(Kind::Nomination)?,
            category_id: category.id,
            submission_id,
            person,
            number: nominees.iter().map(Nominee::number).max().unwrap_or(0) + 1,
        };
        tx.put(&nomination)?;
        let nominee = Nominee {
            label: label(nomination.person.as_deref(), &film.title),
            title: film.title.clone(),
            nomination,
        };
        tx.commit(format!(
            "nominate {} in \"{}\" ({})",
            nominee.label, category.name, edition.code
        ))?;
        Ok(nominee)
    }

    /// The status of a submission that is out of the running (withdrawn, disqualified, ineligible,
    /// not selected), which a nomination must not take in unnoticed
    /// (docs/domain.md#submission-status); `None` otherwise.
    pub fn nomination_caution(&self, submission_id: Id) -> Result<Option<SubmissionStatus>> {
        let status = self.submission(submission_id)?.status;
        Ok(out_of_the_running(status).then_some(status))
    }

    /// A category's nominees, by number.
    pub fn nominees(&self, category: &Category) -> Result<Vec<Nominee>> {
        self.nominations(category.id)?
            .into_iter()
            .map(|nomination| {
                let film = self.film_of(nomination.submission_id)?;
                Ok(Nominee {
                    label: label(nomination.person.as_deref(), &film.title),
                    title: film.title,
                    nomination,
                })
            })
            .collect()
    }

    fn film_of(&self, submission_id: Id) -> Result<Film> {
        let submission = self.submission(submission_id)?;
        self.film(submission.film_id)
    }

    /// The category and edition of a nomination.
    pub fn nomination_context(&self, nomination: &Nomination) -> Result<(Category, Edition)> {
        let category = self
            .store
            .get::<Category>(nomination.category_id)?
            .ok_or_else(|| {
                DeskError::Refused(format!("nomination {} has no category", nomination.id))
            })?;
        let edition = self
            .store
            .get::<Edition>(category.edition_id)?
            .ok_or_else(|| {
                DeskError::Refused(format!("category {} has no edition", category.id))
            })?;
        Ok((category, edition))
    }

    /// Submissions of the edition that hold a nomination, for recusal checks.
    pub fn nominated_submissions(&self, category: &Category) -> Result<Vec<Submission>> {
        let ids: Vec<Id> = self
            .nominations(category.id)?
            .iter()
            .map(|n| n.submission_id)
            .collect();
        self.store.many::<Submission>(&ids).map_err(Into::into)
    }
}

/// Whether a status takes a submission out of the running for a prize.
fn out_of_the_running(status: SubmissionStatus) -> bool {
    matches!(
        status,
        SubmissionStatus::Withdrawn
            | SubmissionStatus::Disqualified
            | SubmissionStatus::Ineligible
            | SubmissionStatus::NotSelected
    )
}

/// Resolves a nominee reference (docs/domain.md#nominees-labels-and-references): its number, its
/// label, its film title or its person's name. An ambiguous or unknown reference is an error
/// listing the candidates.
pub fn resolve_nominee<'a>(nominees: &'a [Nominee], reference: &str) -> Result<&'a Nominee> {
    // `۲` and `٢` are the number 2 (docs/text.md#digits), however the nominee is named: `--rank`,
    // `--vote`, CSV.
    let reference = crate::text::digits::to_ascii(reference.trim());
    let reference = reference.as_ref();
    if let Ok(number) = reference.trim_start_matches('#').parse::<u32>()
        && let Some(n) = nominees.iter().find(|n| n.number() == number)
    {
        return Ok(n);
    }
    let wanted = fold(reference);
    let by = |f: &dyn Fn(&Nominee) -> Option<String>| -> Vec<&'a Nominee> {
        nominees
            .iter()
            .filter(|n| f(n).is_some_and(|s| fold(&s) == wanted))
            .collect()
    };
    for matches in [
        by(&|n| Some(n.label.clone())),
        by(&|n| Some(n.title.clone())),
        by(&|n| n.nomination.person.clone()),
    ] {
        match matches.as_slice() {
            [one] => return Ok(one),
            [] => {}
            many => {
                return Err(DeskError::Refused(format!(
                    "'{reference}' could be any of: {}; use the number",
                    many.iter()
                        .map(|n| format!("{} {}", n.number(), n.label))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        }
    }
    Err(DeskError::NotFound {
        what: "nominee",
        reference: reference.to_string(),
        candidates: nominees
            .iter()
            .map(|n| format!("{} {}", n.number(), n.label))
            .collect(),
    })
}
