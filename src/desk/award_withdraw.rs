//! A recorded award freezes its category (docs/counting.md#deciding-an-award): its nominees, its
//! ballots, its method, tie-breaks, ex-aequo and kind change only after the award is withdrawn, with
//! a reason that the log keeps. The award was decided from exactly those; a change under it would
//! leave a palmarès that no longer says how it was reached. `undo` only reverses the latest change,
//! so it is no way out: the one way to unfreeze a category is `withdraw_award`, and every refusal
//! says so (with the command on the command line, the key on the desk: see `Remedy`).

use super::error::Remedy;
use super::jury::refuse_if_finalized;
use super::nominations::label;
use super::{Desk, DeskError, Result, validate};
use crate::domain::{Award, Category, Edition, Nomination};
use crate::store::keys;

/// What `withdraw_award` removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithdrawnAward {
    pub category: String,
    /// The labels of the winners the award named.
    pub winners: Vec<String>,
    /// The audit log's sequence number of the withdrawal.
    pub log_seq: u64,
}

impl Desk {
    /// Removes a category's recorded award, so that its nominees, ballots and counting rules may change
    /// again. Logged with the reason; refused in a finalized edition; `undo` puts the award back.
    pub fn withdraw_award(
        &self,
        edition: &str,
        category: &str,
        reason: &str,
    ) -> Result<WithdrawnAward> {
        let edition = self.edition(edition)?;
        refuse_if_finalized(&edition)?;
        let category = self.category(&edition, category)?;
        let reason = validate::required("reason", reason)?;
        let awards = self.awards(category.id)?;
        if awards.is_empty() {
            return Err(DeskError::Refused(format!(
                "'{}' has no recorded award to withdraw",
                category.name
            )));
        }
        let winners = self.winner_labels(&awards)?;
        let mut tx = self.store.begin();
        for id in self
            .store
            .child_ids(keys::AWARDS_OF_CATEGORY, category.id)?
        {
            tx.delete::<Award>(id)?;
        }
        let log_seq = tx
            .commit(format!(
                "award withdraw \"{}\" ({}) from {} because: {reason}",
                category.name,
                edition.code,
                winners.join(" and ")
            ))?
            .unwrap_or_default();
        Ok(WithdrawnAward {
            category: category.name,
            winners,
            log_seq,
        })
    }

    /// Refuses a change to `what` of a category while it has a recorded award (see the module's
    /// rules), naming the award and the way out.
    pub(super) fn refuse_if_awarded(
        &self,
        edition: &Edition,
        category: &Category,
        what: &str,
    ) -> Result<()> {
        let awards = self.awards(category.id)?;
        if awards.is_empty() {
            return Ok(());
        }
        Err(award_freezes(
            edition,
            category,
            &self.winner_labels(&awards)?,
            what,
        ))
    }

    /// The labels of the nominees the awards name, in the awards' order.
    fn winner_labels(&self, awards: &[Award]) -> Result<Vec<String>> {
        let mut labels = Vec::new();
        for id in awards.iter().flat_map(|a| a.winners.iter().copied()) {
            let Some(nomination) = self.store.get::<Nomination>(id)? else {
                labels.push(format!("nomination {id}"));
                continue;
            };
            let submission = self.submission(nomination.submission_id)?;
            let film = self.film(submission.film_id)?;
            labels.push(label(nomination.person.as_deref(), &film.title));
        }
        Ok(labels)
    }
}

/// The refusal of a change under a recorded award.
pub(super) fn award_freezes(
    edition: &Edition,
    category: &Category,
    winners: &[String],
    what: &str,
) -> DeskError {
    let to = if winners.is_empty() {
        String::new()
    } else {
        format!(" (to {})", winners.join(" and "))
    };
    DeskError::blocked(
        format!(
            "'{}' has a recorded award{to}, which freezes {what}",
            category.name
        ),
        Remedy::WithdrawAward {
            edition: edition.code.clone(),
            category: category.name.clone(),
        },
    )
}
