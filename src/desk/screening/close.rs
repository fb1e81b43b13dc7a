//! Closing a round (docs/screening.md#closing): the leaderboard's cut moves every film of the round
//! to the pass or the fail status in one logged, undoable change, each film's history saying where
//! it stood ("round 1: 7.4, rank 12 of 840"). Reopening (with a reason) puts back the statuses the
//! close gave.

use chrono::Utc;

use super::super::{Desk, DeskError, Result, validate};
use crate::domain::{
    Cut, Outcome, RoundEvent, RoundState, ScreeningRound, StatusChange, Submission,
    SubmissionStatus, tenths_text,
};

/// What a close did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    pub round: u32,
    pub passed: u32,
    pub failed: u32,
    /// Films nobody rated (they fail).
    pub unrated: u32,
    /// Films past the top N because they tie with the Nth.
    pub tied_in: u32,
    pub pass: SubmissionStatus,
    pub fail: SubmissionStatus,
}

/// The note a close leaves in a film's history; `reopen` recognises its own round's by the prefix.
fn note_prefix(round: u32) -> String {
    format!("round {round}: ")
}

impl Desk {
    /// `screening close`: see the module. Refused while the round is closed already.
    pub fn close_round(
        &self,
        edition: &str,
        number: u32,
        cut: Cut,
        pass: SubmissionStatus,
        fail: SubmissionStatus,
    ) -> Result<Closed> {
        let (edition, mut round) = self.round_for_change(edition, number)?;
        if round.state == RoundState::Closed {
            return Err(DeskError::Refused(format!(
                "round {number} of {} is closed already",
                edition.code
            )));
        }
        if pass == fail {
            return Err(DeskError::invalid(
                "pass",
                format!("the pass and fail statuses are both {pass}"),
            ));
        }
        let board = self
            .round_tally(&edition, number, false)?
            .board(round.normalisation);
        let mut submissions = self
            .store
            .many_sorted::<Submission>(&round.submission_ids)?;
        submissions.sort_by_key(|s| s.id);
        let now = Utc::now();
        let (mut passed, mut failed, mut unrated) = (0u32, 0u32, 0u32);
        let mut tx = self.store.begin();
        for row in &board.rows {
            let goes = super::cut::passes(cut, row);
            let Ok(at) = submissions.binary_search_by_key(&row.id, |s| s.id) else {
                continue;
            };
            let submission = &mut submissions[at];
            let to = if goes { pass } else { fail };
            let note = if let (Some(score), Some(rank)) = (row.score, row.rank) {
                format!(
                    "{}{score:.1}, rank {rank} of {}",
                    note_prefix(number),
                    board.ranked
                )
            } else {
                unrated += 1;
                format!("{}not rated", note_prefix(number))
            };
            if goes {
                passed += 1;
            } else {
                failed += 1;
            }
            submission.history.push(StatusChange {
                at: now,
                from: Some(submission.status),
                to,
                note,
            });
            submission.status = to;
            tx.put(&*submission)?;
        }
        let tied_in = u32::try_from(board.split(cut).tied_in).unwrap_or(u32::MAX);
        round.state = RoundState::Closed;
        round.outcome = Some(Outcome {
            cut,
            pass,
            fail,
            passed,
            failed,
        });
        round.events.push(RoundEvent {
            at: now,
            what: "closed".into(),
            reason: describe(cut),
        });
        tx.put(&round)?;
        tx.commit(format!(
            "screening close round {number} ({}, {}): {passed} to {pass}, {failed} to {fail}",
            edition.code,
            describe(cut)
        ))?;
        Ok(Closed {
            round: number,
            passed,
            failed,
            unrated,
            tied_in,
            pass,
            fail,
        })
    }

    /// `screening reopen`: the round takes ratings again, and each film the close moved goes back to
    /// the status it had (its history keeps both steps and the reason).
    pub fn reopen_round(&self, edition: &str, number: u32, reason: &str) -> Result<ScreeningRound> {
        let (edition, mut round) = self.round_for_change(edition, number)?;
        let reason = validate::required("reason", reason)?;
        if round.state == RoundState::Open {
            return Err(DeskError::Refused(format!(
                "round {number} of {} is open already",
                edition.code
            )));
        }
        if let Some(later) = self
            .screening_rounds(edition.id)?
            .iter()
            .find(|r| r.scope.after_round == Some(number))
        {
            return Err(DeskError::Refused(format!(
                "round {} of {} takes round {number}'s shortlist: reopening round {number} would change its films under it",
                later.number, edition.code
            )));
        }
        let now = Utc::now();
        let prefix = note_prefix(number);
        let mut tx = self.store.begin();
        for mut submission in self
            .store
            .many_sorted::<Submission>(&round.submission_ids)?
        {
            let Some(last) = submission.history.last() else {
                continue;
            };
            if !last.note.starts_with(&prefix) || last.to != submission.status {
                continue;
            }
            let Some(back) = last.from else { continue };
            let from = submission.status;
            submission.history.push(StatusChange {
                at: now,
                from: Some(from),
                to: back,
                note: format!("round {number} reopened: {reason}"),
            });
            submission.status = back;
            tx.put(&submission)?;
        }
        round.state = RoundState::Open;
        round.outcome = None;
        round.events.push(RoundEvent {
            at: now,
            what: "reopened".into(),
            reason: reason.clone(),
        });
        tx.put(&round)?;
        tx.commit(format!(
            "screening reopen round {number} ({}): {reason}",
            edition.code
        ))?;
        Ok(round)
    }
}

/// The cut in words: "top 20", "threshold 7.5".
pub fn describe(cut: Cut) -> String {
    match cut {
        Cut::Top(n) => format!("top {n}"),
        Cut::Threshold(t) => format!("threshold {}", tenths_text(t)),
    }
}
