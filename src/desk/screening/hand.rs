//! Assignments changed by hand (docs/screening.md#screeners-and-assignment): one film given to, or
//! taken from, one screener.

use super::super::{Desk, DeskError, Result};
use super::assign::refuse_closed;
use crate::domain::{Assignments, Edition, Id, Screener, ScreeningRound};
use crate::store::Kind;

impl Desk {
    /// The round (open, in an edition not finalized), screener and submission a change by hand names.
    fn hand_target(
        &self,
        edition: &str,
        number: u32,
        screener: &str,
        submission: &str,
    ) -> Result<(Edition, ScreeningRound, Screener, Id)> {
        let (edition, round) = self.round_for_change(edition, number)?;
        refuse_closed(&edition, &round, "its assignments")?;
        let screener = self.screener(&edition, screener)?;
        let submission = self.submission_in(&edition, submission)?;
        Ok((edition, round, screener, submission))
    }

    /// Assigns one film to one screener by hand.
    pub fn assign_by_hand(
        &self,
        edition: &str,
        number: u32,
        screener: &str,
        submission: &str,
    ) -> Result<Assignments> {
        let (edition, round, screener, submission) =
            self.hand_target(edition, number, screener, submission)?;
        if round.submission_ids.binary_search(&submission).is_err() {
            return Err(DeskError::Refused(format!(
                "submission {submission} is not in round {}'s scope",
                round.number
            )));
        }
        let screeners = [screener.clone()];
        let round_one = ScreeningRound {
            submission_ids: vec![submission],
            ..round.clone()
        };
        if let Some(why) = self
            .blocked(&round_one, &screeners)?
            .get(&(screener.id, submission))
        {
            return Err(DeskError::Refused(format!(
                "{why}: submission {submission} cannot be assigned to them"
            )));
        }
        let mut tx = self.store.begin();
        let mut list = match self.assignments_of(round.id, screener.id)? {
            Some(list) => list,
            None => Assignments {
                id: tx.new_id(Kind::Assignments)?,
                round_id: round.id,
                screener_id: screener.id,
                submission_ids: Vec::new(),
            },
        };
        match list.submission_ids.binary_search(&submission) {
            Ok(_) => {
                return Err(DeskError::Refused(format!(
                    "{} is already assigned submission {submission} in round {}",
                    screener.name, round.number
                )));
            }
            Err(at) => list.submission_ids.insert(at, submission),
        }
        tx.put(&list)?;
        tx.commit(format!(
            "screening assign \"{}\" submission {submission} round {} ({})",
            screener.name, round.number, edition.code
        ))?;
        Ok(list)
    }

    /// Takes one film from one screener by hand; refused once they rated it.
    pub fn unassign_by_hand(
        &self,
        edition: &str,
        number: u32,
        screener: &str,
        submission: &str,
    ) -> Result<Assignments> {
        let (edition, round, screener, submission) =
            self.hand_target(edition, number, screener, submission)?;
        let mut list = self
            .assignments_of(round.id, screener.id)?
            .filter(|l| l.submission_ids.binary_search(&submission).is_ok())
            .ok_or_else(|| {
                DeskError::Refused(format!(
                    "{} is not assigned submission {submission} in round {}",
                    screener.name, round.number
                ))
            })?;
        if self.rating_of(round.id, submission, screener.id)?.is_some() {
            return Err(DeskError::Refused(format!(
                "{} has rated submission {submission} in round {}: a rating is not thrown away by unassigning",
                screener.name, round.number
            )));
        }
        list.submission_ids.retain(|&s| s != submission);
        let mut tx = self.store.begin();
        tx.put(&list)?;
        tx.commit(format!(
            "screening unassign \"{}\" submission {submission} round {} ({})",
            screener.name, round.number, edition.code
        ))?;
        Ok(list)
    }
}
