//! Ratings: one per screener, film and round, replaced when entered again, refused once the round is
//! closed (docs/screening.md). Only a film assigned to the screener can be rated.

use chrono::{NaiveDate, Utc};

use super::super::{Desk, DeskError, Result, validate};
use super::assign::refuse_closed;
use super::marks_fit;
use crate::domain::{Form, Id, Marks, Rating, Verdict, parse_tenths};
use crate::store::{Kind, Tx, keys};

/// A rating as entered: the marks, and the free text around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingInput {
    pub marks: Marks,
    pub comment: String,
    pub private_note: String,
    pub watched: Option<NaiveDate>,
}

/// Parses `Story=8, Craft=7.5, Sound=n/a` against a criteria form (every criterion named once, in any
/// order; one left out is refused, so a typo never passes as "not applicable"), or a verdict word.
pub fn parse_marks(form: &Form, scores: Option<&str>, verdict: Option<&str>) -> Result<Marks> {
    match (form, scores, verdict) {
        (Form::Verdicts, None, Some(v)) => Verdict::parse(v)
            .map(Marks::Verdict)
            .ok_or_else(|| DeskError::invalid("verdict", format!("'{v}' is not yes, maybe or no"))),
        (Form::Criteria(criteria), Some(text), None) => {
            let mut marks: Vec<Option<Option<u32>>> = vec![None; criteria.len()];
            for part in text.split(',').filter(|p| !p.trim().is_empty()) {
                let (name, value) = part.rsplit_once('=').ok_or_else(|| {
                    DeskError::invalid(
                        "score",
                        format!(
                            "'{}' needs the form Criterion=score, e.g. Story=8",
                            part.trim()
                        ),
                    )
                })?;
                let folded = crate::text::fold(name.trim());
                let at = criteria
                    .iter()
                    .position(|c| crate::text::fold(&c.name) == folded)
                    .ok_or_else(|| {
                        DeskError::invalid(
                            "score",
                            format!(
                                "no criterion '{}' in the form ({})",
                                name.trim(),
                                form.describe()
                            ),
                        )
                    })?;
                if marks[at].is_some() {
                    return Err(DeskError::invalid(
                        "score",
                        format!("'{}' is scored twice", criteria[at].name),
                    ));
                }
                marks[at] = Some(parse_mark(value)?);
            }
            let mut out = Vec::with_capacity(criteria.len());
            for (c, m) in criteria.iter().zip(marks) {
                out.push(m.ok_or_else(|| {
                    DeskError::invalid(
                        "score",
                        format!(
                            "'{}' is not scored (write {}=n/a if it does not apply)",
                            c.name, c.name
                        ),
                    )
                })?);
            }
            let marks = Marks::Scores(out);
            marks_fit(form, &marks).map_err(|e| DeskError::invalid("score", e))?;
            Ok(marks)
        }
        (Form::Verdicts, _, _) => Err(DeskError::invalid(
            "verdict",
            "this round's form is a verdict: give --verdict yes|maybe|no",
        )),
        (Form::Criteria(_), _, _) => Err(DeskError::invalid(
            "score",
            format!(
                "this round's form is scored: give --score \"{}\"",
                example(form)
            ),
        )),
    }
}

/// One mark: a score, or `n/a` (`None`).
pub(super) fn parse_mark(text: &str) -> Result<Option<u32>> {
    let t = text.trim().to_lowercase();
    if t == "n/a" || t == "na" {
        return Ok(None);
    }
    parse_tenths(&t)
        .map(Some)
        .ok_or_else(|| DeskError::invalid("score", format!("'{}' is not a score", text.trim())))
}

fn example(form: &Form) -> String {
    match form {
        Form::Verdicts => "yes".into(),
        Form::Criteria(c) => c
            .iter()
            .map(|c| format!("{}={}", c.name, crate::domain::tenths_text(c.max)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

impl Desk {
    /// `screening rate`: records (or replaces) a screener's rating of an assigned film.
    pub fn rate(
        &self,
        edition: &str,
        number: u32,
        screener: &str,
        submission: &str,
        input: &RatingInput,
    ) -> Result<Rating> {
        let (edition, round) = self.round_for_change(edition, number)?;
        refuse_closed(&edition, &round, "its ratings")?;
        let screener = self.screener(&edition, screener)?;
        let submission = self.submission_in(&edition, submission)?;
        let assigned = self
            .assignments_of(round.id, screener.id)?
            .is_some_and(|l| l.submission_ids.binary_search(&submission).is_ok());
        if !assigned {
            return Err(DeskError::Refused(format!(
                "submission {submission} is not assigned to {} in round {}",
                screener.name, round.number
            )));
        }
        marks_fit(&round.form, &input.marks).map_err(|e| DeskError::invalid("score", e))?;
        let mut tx = self.store.begin();
        let rating = self.stage_rating(&mut tx, round.id, submission, screener.id, input)?;
        tx.commit(format!(
            "screening rate \"{}\" submission {submission} round {} ({})",
            screener.name, round.number, edition.code
        ))?;
        Ok(rating)
    }

    /// Writes a checked rating into `tx`, replacing the screener's earlier one for the film.
    pub(super) fn stage_rating(
        &self,
        tx: &mut Tx<'_>,
        round: Id,
        submission: Id,
        screener: Id,
        input: &RatingInput,
    ) -> Result<Rating> {
        let previous = self.rating_of(round, submission, screener)?;
        let comment = validate::text("comment", &input.comment)?;
        let private_note = validate::text("private note", &input.private_note)?;
        // The same rating entered again (a packet read twice) changes nothing, not even its time.
        if let Some(p) = &previous
            && p.marks == input.marks
            && p.comment == comment
            && p.private_note == private_note
            && p.watched == input.watched
        {
            return Ok(p.clone());
        }
        let rating = Rating {
            id: match previous {
                Some(r) => r.id,
                None => tx.new_id(Kind::Rating)?,
            },
            round_id: round,
            submission_id: submission,
            screener_id: screener,
            watched: input.watched,
            marks: input.marks.clone(),
            comment,
            private_note,
            updated_at: Utc::now(),
        };
        tx.put(&rating)?;
        Ok(rating)
    }

    /// One screener's rating of one film in a round.
    pub fn rating_of(&self, round: Id, submission: Id, screener: Id) -> Result<Option<Rating>> {
        match self
            .store
            .id_at(&keys::rating(round, submission, screener))?
        {
            Some(id) => Ok(self.store.get::<Rating>(id)?),
            None => Ok(None),
        }
    }

    /// Every rating of a round (one range of the index).
    pub fn round_ratings(&self, round: Id) -> Result<Vec<Rating>> {
        let ids = self
            .store
            .ids_valued_under(&keys::children(keys::RATINGS_OF_ROUND, round))?;
        Ok(self.store.many_sorted(&ids)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Criterion;

    fn form() -> Form {
        let c = |name: &str, na| Criterion {
            name: name.into(),
            min: 10,
            max: 100,
            step: 5,
            weight: 1,
            allows_na: na,
        };
        Form::Criteria(vec![c("Story", false), c("Sound", true)])
    }

    #[test]
    fn scores_parse_by_name_in_any_order() {
        assert_eq!(
            parse_marks(&form(), Some("sound=n/a, Story=7.5"), None).unwrap(),
            Marks::Scores(vec![Some(75), None])
        );
        for bad in [
            "Story=8",
            "Story=8, Sound=8, Story=7",
            "Story=11, Sound=1",
            "Story=7.2, Sound=1",
            "Story=n/a, Sound=2",
            "Plot=3, Story=1, Sound=1",
            "Story 8",
        ] {
            assert!(parse_marks(&form(), Some(bad), None).is_err(), "{bad}");
        }
        assert!(parse_marks(&form(), None, Some("yes")).is_err());
        assert_eq!(
            parse_marks(&Form::Verdicts, None, Some("Maybe")).unwrap(),
            Marks::Verdict(Verdict::Maybe)
        );
    }
}
