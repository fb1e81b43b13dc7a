//! Screening rounds (docs/screening.md): rounds, screeners and their recusals here; assignment,
//! ratings, the leaderboard, packets and closing in the submodules. Every change goes through a
//! `Tx` (one audit entry, undoable); a finalized edition refuses all of them, a closed round refuses
//! rating changes.

mod assign;
mod balance;
mod board;
mod close;
mod cut;
mod hand;
mod packet;
mod rate;
mod release;
mod sample;

pub use assign::{AssignReport, Plan, PlanInput, Uncovered, plan};
pub use board::{
    Board, BoardRow, Explained, Progress, RoundTally, ScreenerProgress, SubmissionProgress,
};
pub use close::{Closed, describe as describe_cut};
pub use cut::{CutSplit, passes};
pub use packet::{PacketRow, packet_header};
pub use rate::{RatingInput, parse_marks};
pub use sample::GeneratedRound;
pub(super) use sample::stage_demo_round;

use super::jury::refuse_if_finalized;
use super::names::Names;
use super::{Desk, DeskError, Result, validate};
use crate::domain::{
    Criterion, Edition, Form, Id, Marks, Normalisation, Recusal, RoundScope, RoundState, Screener,
    ScreeningRound, SubmissionStatus, Tenths, parse_tenths,
};
use crate::store::{Kind, keys};

/// What `screening round add` asks for.
#[derive(Debug, Clone)]
pub struct RoundInput {
    pub name: String,
    pub form: Form,
    pub coverage: u32,
    pub scope: RoundScope,
    pub normalisation: Normalisation,
    pub due: Option<chrono::NaiveDate>,
    pub sample: bool,
}

/// The statuses a round never takes unless asked (docs/screening.md, issue 15).
const OUT_BY_DEFAULT: [SubmissionStatus; 3] = [
    SubmissionStatus::Withdrawn,
    SubmissionStatus::Disqualified,
    SubmissionStatus::Ineligible,
];

/// Parses `Story:1-10:2, Craft:1-10/0.5:1, Sound:1-10:1:na`: NAME:MIN-MAX[/STEP]:WEIGHT[:na].
pub fn parse_criteria(text: &str) -> Result<Vec<Criterion>> {
    let bad = |part: &str, why: &str| {
        DeskError::invalid(
            "criteria",
            format!(
                "'{}' {why}: write NAME:MIN-MAX:WEIGHT[:na], e.g. \"Story:1-10:2, Sound:1-10/0.5:1:na\"",
                part.trim()
            ),
        )
    };
    let mut criteria: Vec<Criterion> = Vec::new();
    for part in text.split(',').filter(|p| !p.trim().is_empty()) {
        let fields: Vec<&str> = part.split(':').map(str::trim).collect();
        if !(3..=4).contains(&fields.len()) {
            return Err(bad(part, "does not have 3 or 4 fields"));
        }
        let name = validate::required("criterion name", fields[0])?;
        let (range, step) = match fields[1].split_once('/') {
            Some((r, s)) => (r, parse_tenths(s).filter(|s| *s > 0)),
            None => (fields[1], Some(10)),
        };
        let step = step.ok_or_else(|| bad(part, "has a step that is not a positive number"))?;
        let (min, max) = range
            .split_once('-')
            .and_then(|(a, b)| Some((parse_tenths(a)?, parse_tenths(b)?)))
            .filter(|(a, b)| a < b && (b - a) % step == 0)
            .ok_or_else(|| bad(part, "has no scale MIN-MAX with MIN below MAX on the step"))?;
        let weight = crate::text::digits::to_ascii(fields[2])
            .parse::<u32>()
            .ok()
            .filter(|w| (1..=100).contains(w))
            .ok_or_else(|| {
                bad(
                    part,
                    "has a weight that is not a whole number from 1 to 100",
                )
            })?;
        let allows_na = match fields.get(3).map(|f| f.to_lowercase()) {
            None => false,
            Some(f) if f == "na" || f == "n/a" => true,
            Some(_) => return Err(bad(part, "ends in something other than :na")),
        };
        if criteria
            .iter()
            .any(|c| crate::text::fold(&c.name) == crate::text::fold(&name))
        {
            return Err(bad(part, "names a criterion twice"));
        }
        criteria.push(Criterion {
            name,
            min,
            max,
            step,
            weight,
            allows_na,
        });
    }
    if criteria.is_empty() {
        return Err(DeskError::invalid(
            "criteria",
            "name at least one criterion, e.g. \"Story:1-10:2\"",
        ));
    }
    Ok(criteria)
}

/// Whether `marks` fit `form`: the right kind, one mark per criterion, each on its scale and step,
/// N/A only where allowed, and at least one criterion marked.
pub fn marks_fit(form: &Form, marks: &Marks) -> std::result::Result<(), String> {
    if !matches!(
        (form, marks),
        (Form::Verdicts, Marks::Verdict(_)) | (Form::Criteria(_), Marks::Scores(_))
    ) {
        return Err(match form {
            Form::Verdicts => "the round's form is a verdict (yes, maybe or no), not scores".into(),
            Form::Criteria(_) => "the round's form is scored by criteria, not a verdict".into(),
        });
    }
    if let (Form::Criteria(criteria), Marks::Scores(scores)) = (form, marks) {
        if scores.len() != criteria.len() {
            return Err(format!(
                "{} mark(s) for the form's {} criteria",
                scores.len(),
                criteria.len()
            ));
        }
        for (c, s) in criteria.iter().zip(scores) {
            match s {
                None if !c.allows_na => {
                    return Err(format!("'{}' must be scored (it allows no n/a)", c.name));
                }
                Some(v) if !c.accepts(*v) => {
                    return Err(format!(
                        "{} is off the scale of '{}' ({})",
                        crate::domain::tenths_text(*v),
                        c.name,
                        c.scale_text()
                    ));
                }
                _ => {}
            }
        }
        if scores.iter().all(Option::is_none) {
            return Err("every criterion is n/a: score at least one".into());
        }
    }
    Ok(())
}

/// The weighted mean of one rating, in points (tenths / 10): an N/A criterion gives its weight to the
/// others in proportion (so the mean is over the criteria marked); a verdict is yes=2, maybe=1, no=0.
pub fn rating_score(form: &Form, marks: &Marks) -> Option<f64> {
    match marks {
        Marks::Verdict(v) => Some(f64::from(v.points())),
        Marks::Scores(scores) => {
            let Form::Criteria(criteria) = form else {
                return None;
            };
            let (mut sum, mut weights) = (0.0, 0.0);
            for (c, s) in criteria.iter().zip(scores) {
                if let Some(v) = s {
                    sum += f64::from(c.weight) * f64::from(*v) / 10.0;
                    weights += f64::from(c.weight);
                }
            }
            (weights > 0.0).then(|| sum / weights)
        }
    }
}

/// The tenths of a score in points, rounded (for a threshold).
pub fn points_to_tenths(points: f64) -> Option<Tenths> {
    let t = (points * 10.0).round();
    (t.is_finite() && t >= 0.0 && t <= f64::from(u32::MAX)).then(|| {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let t = t as u32;
        t
    })
}

impl Desk {
    /// Adds round `n + 1` to an edition, its scope fixed now (docs/screening.md: the submissions in
    /// the given statuses and sections "when it opens"; `after_round` takes what that round
    /// passed).
    pub fn add_screening_round(&self, edition: &str, input: &RoundInput) -> Result<ScreeningRound> {
        let edition = self.open_edition(edition)?;
        let name = validate::line("name", &input.name)?;
        if input.coverage == 0 {
            return Err(DeskError::invalid(
                "coverage",
                "each film needs at least 1 screener",
            ));
        }
        let rounds = self.screening_rounds(edition.id)?;
        let number = rounds.iter().map(|r| r.number).max().unwrap_or(0) + 1;
        let submission_ids = self.round_scope(&edition, &rounds, &input.scope)?;
        let round = ScreeningRound {
            id: 0,
            edition_id: edition.id,
            number,
            name: if name.is_empty() {
                format!("Round {number}")
            } else {
                name
            },
            scope: input.scope.clone(),
            submission_ids,
            form: input.form.clone(),
            coverage: input.coverage,
            normalisation: input.normalisation,
            due: input.due,
            state: RoundState::Open,
            outcome: None,
            sample: input.sample,
            events: Vec::new(),
        };
        let mut tx = self.store.begin();
        let round = ScreeningRound {
            id: tx.new_id(Kind::ScreeningRound)?,
            ..round
        };
        tx.put(&round)?;
        tx.commit(format!(
            "screening round add {} \"{}\" ({}, {} submission(s))",
            round.number,
            round.name,
            edition.code,
            round.submission_ids.len()
        ))?;
        Ok(round)
    }

    /// The submissions a new round takes, in id order.
    fn round_scope(
        &self,
        edition: &Edition,
        rounds: &[ScreeningRound],
        scope: &RoundScope,
    ) -> Result<Vec<Id>> {
        let after = match scope.after_round {
            None => None,
            Some(n) => {
                let round = rounds.iter().find(|r| r.number == n).ok_or_else(|| {
                    DeskError::invalid("scope-round", format!("{} has no round {n}", edition.code))
                })?;
                let Some(outcome) = &round.outcome else {
                    return Err(DeskError::Refused(format!(
                        "round {n} of {} is not closed: close it first (screening close --round {n})",
                        edition.code
                    )));
                };
                Some((round.submission_ids.clone(), outcome.pass))
            }
        };
        let sections: Vec<String> = scope
            .sections
            .iter()
            .map(|s| crate::text::fold(s))
            .collect();
        let mut ids: Vec<Id> = self
            .summaries(edition.id)?
            .into_iter()
            .filter(|s| {
                let status_ok = if scope.statuses.is_empty() {
                    !OUT_BY_DEFAULT.contains(&s.status())
                } else {
                    scope.statuses.contains(&s.status())
                };
                let section_ok =
                    sections.is_empty() || sections.contains(&crate::text::fold(s.section()));
                let round_ok = after.as_ref().is_none_or(|(ids, pass)| {
                    s.status() == *pass && ids.binary_search(&s.id()).is_ok()
                });
                status_ok && section_ok && round_ok
            })
            .map(|s| s.id())
            .collect();
        ids.sort_unstable();
        Ok(ids)
    }

    /// An edition's screening rounds, by number.
    pub fn screening_rounds(&self, edition_id: Id) -> Result<Vec<ScreeningRound>> {
        // The index's keys end in the round number, not an id: its values are the ids.
        let ids = self
            .store
            .ids_valued_under(&keys::children(keys::ROUND_BY_NUMBER, edition_id))?;
        Ok(self.store.many(&ids)?)
    }

    /// Round `number` of an edition.
    pub fn screening_round(&self, edition: &Edition, number: u32) -> Result<ScreeningRound> {
        let id = self.store.id_at(&keys::round_number(edition.id, number))?;
        match id {
            Some(id) => self.store.get::<ScreeningRound>(id)?,
            None => None,
        }
        .ok_or_else(|| DeskError::NotFound {
            what: "screening round",
            reference: format!("{number} of {}", edition.code),
            candidates: self
                .screening_rounds(edition.id)
                .unwrap_or_default()
                .iter()
                .map(|r| r.number.to_string())
                .collect(),
        })
    }

    /// The edition and its round, for a change: refused once the edition is finalized.
    pub(super) fn round_for_change(
        &self,
        edition: &str,
        number: u32,
    ) -> Result<(Edition, ScreeningRound)> {
        let edition = self.edition(edition)?;
        refuse_if_finalized(&edition)?;
        let round = self.screening_round(&edition, number)?;
        Ok((edition, round))
    }

    /// The selection committee of an edition, in the order they were seated.
    pub fn screeners(&self, edition_id: Id) -> Result<Vec<Screener>> {
        let ids = self
            .store
            .child_ids(keys::SCREENERS_OF_EDITION, edition_id)?;
        Ok(self.store.many(&ids)?)
    }

    /// A screener by name (whole, after folding) or id.
    pub fn screener(&self, edition: &Edition, reference: &str) -> Result<Screener> {
        let screeners = self.screeners(edition.id)?;
        Ok(screener_names(edition, &screeners).find(reference)?.clone())
    }

    /// Seats a screener on an edition's selection committee.
    pub fn add_screener(&self, edition: &str, name: &str) -> Result<Screener> {
        self.seat_screener(edition, name, false)
    }

    pub(super) fn seat_screener(
        &self,
        edition: &str,
        name: &str,
        sample: bool,
    ) -> Result<Screener> {
        let edition = self.open_edition(edition)?;
        let name = validate::required("name", name)?;
        let screeners = self.screeners(edition.id)?;
        if screeners
            .iter()
            .any(|s| crate::text::fold(&s.name) == crate::text::fold(&name))
        {
            return Err(DeskError::Refused(format!(
                "{name} already sits on the selection committee of {}",
                edition.code
            )));
        }
        let mut tx = self.store.begin();
        let screener = Screener {
            id: tx.new_id(Kind::Screener)?,
            edition_id: edition.id,
            name,
            recusals: Vec::new(),
            sample,
        };
        tx.put(&screener)?;
        tx.commit(format!(
            "screener add \"{}\" ({})",
            screener.name, edition.code
        ))?;
        Ok(screener)
    }

    /// Recuses a screener from a submission (docs/domain.md#conflicts-of-interest). Refused while an
    /// open round assigns them the film: unassign it (or release the screener) first, so no rating
    /// is dropped unseen.
    pub fn recuse_screener(
        &self,
        edition: &str,
        screener: &str,
        submission: &str,
        reason: &str,
    ) -> Result<Screener> {
        let edition = self.open_edition(edition)?;
        let mut screener = self.screener(&edition, screener)?;
        let submission_id = self.submission_in(&edition, submission)?;
        let reason = validate::required("reason", reason)?;
        if screener
            .recusals
            .iter()
            .any(|r| r.submission_id == submission_id)
        {
            return Err(DeskError::Refused(format!(
                "{} is already recused from submission {submission_id}",
                screener.name
            )));
        }
        for round in self.screening_rounds(edition.id)? {
            if round.state == RoundState::Open
                && self
                    .assignments_of(round.id, screener.id)?
                    .is_some_and(|a| a.submission_ids.binary_search(&submission_id).is_ok())
            {
                return Err(DeskError::Refused(format!(
                    "{} is assigned submission {submission_id} in round {}: unassign it first (screening unassign --round {} --screener … --submission {submission_id})",
                    screener.name, round.number, round.number
                )));
            }
        }
        screener.recusals.push(Recusal {
            submission_id,
            reason,
        });
        let mut tx = self.store.begin();
        tx.put(&screener)?;
        tx.commit(format!(
            "screener recuse \"{}\" from submission {submission_id} ({})",
            screener.name, edition.code
        ))?;
        Ok(screener)
    }
}

/// The screeners of an edition, indexed for exact names.
pub(super) fn screener_names<'a>(
    edition: &Edition,
    screeners: &'a [Screener],
) -> Names<'a, Screener> {
    Names::new(
        "screener",
        format!("on the selection committee of {}", edition.code),
        screeners,
        |s| s.id,
        |s| &s.name,
    )
}
