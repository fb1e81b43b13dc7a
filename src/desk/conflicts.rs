//! Conflicts of interest (docs/domain.md#conflicts-of-interest, README.md#the-desk "Jury and
//! conflicts"): a juror whose name appears in a film's credits is a probable conflict until the
//! secretary either recuses the juror from that film or records that there is no conflict, with a
//! reason; both are logged and undoable. The juror's record gathers what the desk shows of one juror:
//! role, absence, open and cleared conflicts, recusals and, per category, whether their ballot is
//! entered, missing or left out of the count, and why.

use super::jury::{ProbableConflict, refuse_if_finalized};
use super::nominations::Nominee;
use super::summary::recusal_here;
use super::{Desk, DeskError, Result, validate};
use crate::domain::{Category, ClearedConflict, Edition, Id, Juror, JurorRole};

/// Everything the desk's juror record shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorRecord {
    pub edition: Edition,
    pub juror: Juror,
    /// Probable conflicts neither recused nor cleared: where the juror's name appears.
    pub open_conflicts: Vec<ProbableConflict>,
    /// Films the juror stands aside from, with the reason.
    pub recusals: Vec<FilmNote>,
    /// Probable conflicts examined and found to be none, with the reason.
    pub cleared: Vec<FilmNote>,
    /// Each category of the edition, highest prize first, with the state of the juror's ballot.
    pub ballots: Vec<(String, BallotState)>,
}

/// A film of the edition and what was said about it (a recusal's or a clearance's reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilmNote {
    pub submission_id: Id,
    pub title: String,
    pub reason: String,
}

/// Where a juror's ballot in one category stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotState {
    /// Entered, and counted.
    Entered,
    /// Not entered yet, though the juror may vote here.
    Missing,
    /// Left out of the count (observer, recused, absent); `entered` says whether one is stored.
    Excluded { reason: String, entered: bool },
}

impl BallotState {
    /// The state in a few words, for the record and the command line.
    pub fn describe(&self) -> String {
        match self {
            BallotState::Entered => "entered".into(),
            BallotState::Missing => "missing".into(),
            BallotState::Excluded {
                reason,
                entered: true,
            } => format!("entered, not counted: {reason}"),
            BallotState::Excluded {
                reason,
                entered: false,
            } => format!("excluded: {reason}"),
        }
    }
}

impl Desk {
    /// Records that a probable conflict (the juror's name in a film's credits) is none, with the
    /// reason; `list jurors`, the desk's ⚠ and the juror's record stop flagging it. Logged and undoable.
    pub fn clear_conflict(
        &self,
        edition: &str,
        juror: &str,
        submission: &str,
        reason: &str,
    ) -> Result<Juror> {
        let edition = self.edition(edition)?;
        refuse_if_finalized(&edition)?;
        let mut juror = self.juror(&edition, juror)?;
        let submission_id = self.submission_in(&edition, submission)?;
        let reason = validate::required("reason", reason)?;
        let title = self.film(self.submission(submission_id)?.film_id)?.title;
        if juror
            .recusals
            .iter()
            .any(|r| r.submission_id == submission_id)
        {
            return Err(DeskError::Refused(format!(
                "{} is recused from '{title}' (submission {submission_id}): a recusal already settles it",
                juror.name
            )));
        }
        if juror
            .cleared_conflicts
            .iter()
            .any(|c| c.submission_id == submission_id)
        {
            return Err(DeskError::Refused(format!(
                "a conflict of {} with '{title}' (submission {submission_id}) is already cleared",
                juror.name
            )));
        }
        let credited = self
            .probable_conflicts(edition.id)?
            .into_iter()
            .find(|c| c.juror.id == juror.id && c.submission_id == submission_id);
        let Some(conflict) = credited else {
            return Err(DeskError::Refused(format!(
                "{} is not in the credits of '{title}' (submission {submission_id}): there is no probable conflict to clear",
                juror.name
            )));
        };
        juror.cleared_conflicts.push(ClearedConflict {
            submission_id,
            reason: reason.clone(),
        });
        let mut tx = self.store.begin();
        tx.put(&juror)?;
        tx.commit(format!(
            "juror clear-conflict {} with \"{title}\" ({}, submission {submission_id}) in {} because: {reason}",
            juror.name, conflict.credit, edition.code
        ))?;
        Ok(juror)
    }

    /// Probable conflicts of an edition that are still open: neither recused nor cleared.
    pub fn open_conflicts(&self, edition_id: Id) -> Result<Vec<ProbableConflict>> {
        Ok(self
            .probable_conflicts(edition_id)?
            .into_iter()
            .filter(|c| is_open(&c.juror, c.submission_id))
            .collect())
    }

    /// Why a juror's ballot in a category is left out of its count (observer, recused from one of
    /// its nominees, declared absent); `None` when it counts. Said when such a ballot is saved.
    pub fn ballot_exclusion(&self, category: &Category, juror: &Juror) -> Result<Option<String>> {
        Ok(exclusion(juror, &self.nominees(category)?))
    }

    /// The desk's record of one juror (see `JurorRecord`).
    pub fn juror_record(&self, edition: &str, juror: &str) -> Result<JurorRecord> {
        let edition = self.edition(edition)?;
        let juror = self.juror(&edition, juror)?;
        let open_conflicts = self
            .open_conflicts(edition.id)?
            .into_iter()
            .filter(|c| c.juror.id == juror.id)
            .collect();
        let note = |submission_id: Id, reason: &str| -> Result<FilmNote> {
            Ok(FilmNote {
                submission_id,
                title: self.film(self.submission(submission_id)?.film_id)?.title,
                reason: reason.to_string(),
            })
        };
        let recusals = juror
            .recusals
            .iter()
            .map(|r| note(r.submission_id, &r.reason))
            .collect::<Result<_>>()?;
        let cleared = juror
            .cleared_conflicts
            .iter()
            .map(|c| note(c.submission_id, &c.reason))
            .collect::<Result<_>>()?;
        let mut ballots = Vec::new();
        for category in self.categories(edition.id)? {
            let nominees = self.nominees(&category)?;
            let entered = self.ballot(category.id, juror.id)?.is_some();
            let state = match exclusion(&juror, &nominees) {
                Some(reason) => BallotState::Excluded { reason, entered },
                None if entered => BallotState::Entered,
                None => BallotState::Missing,
            };
            ballots.push((category.name, state));
        }
        Ok(JurorRecord {
            edition,
            juror,
            open_conflicts,
            recusals,
            cleared,
            ballots,
        })
    }
}

/// Whether a credit of `juror` on `submission_id` still waits for the secretary's decision.
fn is_open(juror: &Juror, submission_id: Id) -> bool {
    !juror
        .recusals
        .iter()
        .any(|r| r.submission_id == submission_id)
        && !juror
            .cleared_conflicts
            .iter()
            .any(|c| c.submission_id == submission_id)
}

/// Why a juror's ballot in a category with these nominees is left out of the count, if it is.
fn exclusion(juror: &Juror, nominees: &[Nominee]) -> Option<String> {
    if juror.role == JurorRole::Observer {
        return Some("observer: observers never vote".into());
    }
    if let Some(recused) = recusal_here(juror, nominees) {
        return Some(recused);
    }
    juror
        .absence
        .as_ref()
        .map(|a| format!("declared absent: {}", a.reason))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Absence, Recusal};

    fn juror(role: JurorRole) -> Juror {
        Juror {
            id: 1,
            edition_id: 1,
            name: "Ada".into(),
            role,
            recusals: Vec::new(),
            notes: String::new(),
            absence: None,
            cleared_conflicts: Vec::new(),
            pin: None,
            original_name: String::new(),
        }
    }

    #[test]
    fn a_ballot_is_left_out_for_an_observer_a_recusal_or_an_absence_and_says_why() {
        assert_eq!(exclusion(&juror(JurorRole::Member), &[]), None);
        assert!(
            exclusion(&juror(JurorRole::Observer), &[])
                .is_some_and(|why| why.starts_with("observer"))
        );
        let mut absent = juror(JurorRole::Member);
        absent.absence = Some(Absence {
            reason: "ill".into(),
            since: chrono::Utc::now(),
        });
        assert_eq!(
            exclusion(&absent, &[]).as_deref(),
            Some("declared absent: ill")
        );
        let mut recused = juror(JurorRole::Member);
        recused.recusals.push(Recusal {
            submission_id: 7,
            reason: "his film".into(),
        });
        assert!(!is_open(&recused, 7) && is_open(&recused, 8));
        assert_eq!(BallotState::Entered.describe(), "entered");
        assert_eq!(BallotState::Missing.describe(), "missing");
        let left_out = |entered| BallotState::Excluded {
            reason: "observer".into(),
            entered,
        };
        assert_eq!(left_out(true).describe(), "entered, not counted: observer");
        assert_eq!(left_out(false).describe(), "excluded: observer");
    }
}
