//! Removing the jury's records: a category (with its nominees and ballots), a nominee, a juror (with
//! their ballots and recusals). Each removal is one transaction and one audit entry, so `undo` (`u`,
//! `jurydesk undo`) puts back every record it took, byte for byte, with its indexes.
//!
//! The rules, and why:
//! - Nothing goes while the edition is finalized (docs/counting.md#palmares-rules): the palmarès is
//!   frozen.
//! - A recorded award (however decided) freezes its category (docs/counting.md#deciding-an-award,
//!   see `award_withdraw`): the category, its nominees and its ballots stay until the award is
//!   withdrawn (`jurydesk award withdraw`, `W` in the count). The palmarès names the category, the
//!   award was decided among the nominees (and may name the one to remove), and counted from the
//!   ballots.
//! - A category takes its nominations and its ballots with it: they mean nothing without it.
//! - A nominee that stored ballots name is taken off those ballots rather than refused: a nominee is
//!   withdrawn when its film is (README.md#the-desk), often after voting began, and jurydesk has no
//!   command that removes one name from a ballot (`ballot set` replaces a ranking, but a round vote
//!   can only be changed to another nominee). The juror's order of the others, their other scores and
//!   their other round votes stay exactly as cast, so only the withdrawn nominee's votes go; a ballot
//!   left naming nobody is removed. The preview names the ballots, so the secretary knows before
//!   saying yes, and the audit entry holds every ballot as it was, so `undo` restores them exactly.
//! - The other nominees keep their numbers: jurors type them, and renumbering under a session in
//!   progress would make "2" mean another film. A later nomination takes the next free number.
//! - A juror takes their ballots and recusals (kept in the juror's record) with them: a ballot whose
//!   juror is gone has no one to count for. Refused where one of their ballots is in a category with
//!   a recorded award, or the award names them as the president who gave the casting vote: removing
//!   them would change a decided count (the same rule as a change of role, see `jury_edit`).

use super::jury::refuse_if_finalized;
use super::nominations::resolve_nominee;
use super::{Desk, Result};
use crate::domain::{Award, Ballot, BallotContent, Category, Decision, Edition, Id, Juror};
use crate::store::Kind;

/// What a removal takes, in words, for the confirm question and the command line's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// e.g. `Best Director and its 4 nominees, with 12 ballots`.
    pub summary: String,
    /// What it means beyond the records removed (ballots taken off a withdrawn nominee).
    pub notes: Vec<String>,
}

/// Everything one removal writes, worked out before anything is written.
struct Plan {
    removal: Removal,
    /// The audit entry's action.
    action: String,
    removed: Vec<(Kind, Id)>,
    rewritten: Vec<Ballot>,
}

impl Desk {
    /// What `delete_category` would remove, or why it is refused; writes nothing.
    pub fn category_removal(&self, edition: &str, category: &str) -> Result<Removal> {
        Ok(self.plan_category_delete(edition, category)?.removal)
    }

    /// Removes a category with its nominations and ballots (see the module's rules).
    pub fn delete_category(&self, edition: &str, category: &str) -> Result<Removal> {
        self.apply(self.plan_category_delete(edition, category)?)
    }

    /// What `delete_nomination` would remove, or why it is refused; writes nothing.
    pub fn nomination_removal(
        &self,
        edition: &str,
        category: &str,
        nominee: &str,
    ) -> Result<Removal> {
        Ok(self
            .plan_nomination_delete(edition, category, nominee)?
            .removal)
    }

    /// Removes a nominee, taking it off the ballots that name it. `nominee` is a reference as
    /// docs/domain.md#nominees-labels-and-references describes: the number, the label, the film
    /// title or the person's name.
    pub fn delete_nomination(
        &self,
        edition: &str,
        category: &str,
        nominee: &str,
    ) -> Result<Removal> {
        self.apply(self.plan_nomination_delete(edition, category, nominee)?)
    }

    /// What `delete_juror` would remove, or why it is refused; writes nothing.
    pub fn juror_removal(&self, edition: &str, juror: &str) -> Result<Removal> {
        Ok(self.plan_juror_delete(edition, juror)?.removal)
    }

    /// Removes a juror with their ballots and recusals (see the module's rules).
    pub fn delete_juror(&self, edition: &str, juror: &str) -> Result<Removal> {
        self.apply(self.plan_juror_delete(edition, juror)?)
    }

    fn plan_category_delete(&self, edition: &str, category: &str) -> Result<Plan> {
        let edition = self.edition(edition)?;
        refuse_if_finalized(&edition)?;
        let category = self.category(&edition, category)?;
        self.refuse_if_awarded(&edition, &category, "the category (the palmarès names it)")?;
        let nominations = self.nominations(category.id)?;
        let ballots = self.ballots_of_category(&edition, &category)?;
        let mut removed = vec![(Kind::Category, category.id)];
        removed.extend(nominations.iter().map(|n| (Kind::Nomination, n.id)));
        removed.extend(ballots.iter().map(|b| (Kind::Ballot, b.id)));
        let mut summary = format!("category {}", category.name);
        if !nominations.is_empty() {
            summary.push_str(&format!(
                " and its {}",
                count(nominations.len(), "nominee", "nominees")
            ));
        }
        if !ballots.is_empty() {
            summary.push_str(&format!(
                ", with {}",
                count(ballots.len(), "ballot", "ballots")
            ));
        }
        Ok(Plan {
            action: format!(
                "category delete \"{}\" in {} ({}, {})",
                category.name,
                edition.code,
                count(nominations.len(), "nomination", "nominations"),
                count(ballots.len(), "ballot", "ballots")
            ),
            removal: Removal {
                summary,
                notes: Vec::new(),
            },
            removed,
            rewritten: Vec::new(),
        })
    }

    fn plan_nomination_delete(&self, edition: &str, category: &str, nominee: &str) -> Result<Plan> {
        let edition = self.edition(edition)?;
        refuse_if_finalized(&edition)?;
        let category = self.category(&edition, category)?;
        let nominees = self.nominees(&category)?;
        let nominee = resolve_nominee(&nominees, nominee)?;
        self.refuse_if_awarded(&edition, &category, "its nominees")?;
        let id = nominee.nomination.id;
        let mut removed = vec![(Kind::Nomination, id)];
        let mut rewritten = Vec::new();
        let (mut kept, mut emptied) = (Vec::new(), Vec::new());
        for (juror, ballot) in self.ballots_with_jurors(&edition, &category)? {
            let Some(content) = without(&ballot.content, id) else {
                continue;
            };
            if is_empty(&content) {
                emptied.push(juror.name);
                removed.push((Kind::Ballot, ballot.id));
            } else {
                kept.push(juror.name);
                rewritten.push(Ballot { content, ..ballot });
            }
        }
        let mut notes = Vec::new();
        if !kept.is_empty() {
            notes.push(format!(
                "it is taken off {} ({}); the rest of each stays as cast",
                count(kept.len(), "ballot", "ballots"),
                kept.join(", ")
            ));
        }
        if !emptied.is_empty() {
            notes.push(format!(
                "{} named only it and {} ({})",
                count(emptied.len(), "ballot", "ballots"),
                if emptied.len() == 1 { "goes" } else { "go" },
                emptied.join(", ")
            ));
        }
        let voters = kept.len() + emptied.len();
        Ok(Plan {
            action: format!(
                "nomination delete {} {} in \"{}\" ({}){}",
                nominee.number(),
                nominee.label,
                category.name,
                edition.code,
                if voters == 0 {
                    String::new()
                } else {
                    format!(", taken off {}", count(voters, "ballot", "ballots"))
                }
            ),
            removal: Removal {
                summary: format!(
                    "nominee {} {} from {}",
                    nominee.number(),
                    nominee.label,
                    category.name
                ),
                notes,
            },
            removed,
            rewritten,
        })
    }

    fn plan_juror_delete(&self, edition: &str, juror: &str) -> Result<Plan> {
        let edition = self.edition(edition)?;
        refuse_if_finalized(&edition)?;
        let juror = self.juror(&edition, juror)?;
        let mut removed = vec![(Kind::Juror, juror.id)];
        let mut voted_in = Vec::new();
        for category in self.categories(edition.id)? {
            let awards = self.awards(category.id)?;
            if awards.iter().any(|a| casting_vote_of(a, juror.id)) {
                self.refuse_if_awarded(
                    &edition,
                    &category,
                    &format!("its decision, {}'s casting vote among it", juror.name),
                )?;
            }
            let Some(ballot) = self.ballot(category.id, juror.id)? else {
                continue;
            };
            self.refuse_if_awarded(
                &edition,
                &category,
                &format!("its ballots, {}'s among them", juror.name),
            )?;
            removed.push((Kind::Ballot, ballot.id));
            voted_in.push(category.name);
        }
        let mut summary = format!("juror {}", juror.name);
        let mut with = Vec::new();
        if !voted_in.is_empty() {
            with.push(format!(
                "their {} ({})",
                count(voted_in.len(), "ballot", "ballots"),
                voted_in.join(", ")
            ));
        }
        if !juror.recusals.is_empty() {
            with.push(count(juror.recusals.len(), "recusal", "recusals"));
        }
        if !with.is_empty() {
            summary.push_str(&format!(", with {}", with.join(" and ")));
        }
        Ok(Plan {
            action: format!(
                "juror delete {} ({}) in {} ({}, {})",
                juror.name,
                juror.role.as_str(),
                edition.code,
                count(voted_in.len(), "ballot", "ballots"),
                count(juror.recusals.len(), "recusal", "recusals")
            ),
            removal: Removal {
                summary,
                notes: Vec::new(),
            },
            removed,
            rewritten: Vec::new(),
        })
    }

    /// Writes a plan as one transaction and one audit entry.
    fn apply(&self, plan: Plan) -> Result<Removal> {
        let mut tx = self.store.begin();
        for ballot in &plan.rewritten {
            tx.put(ballot)?;
        }
        for &(kind, id) in &plan.removed {
            tx.put_raw(kind, id, None)?;
        }
        tx.commit(plan.action)?;
        Ok(plan.removal)
    }

    fn ballots_of_category(&self, edition: &Edition, category: &Category) -> Result<Vec<Ballot>> {
        Ok(self
            .ballots_with_jurors(edition, category)?
            .into_iter()
            .map(|(_, ballot)| ballot)
            .collect())
    }

    /// The ballots entered in a category, each with its juror, in the jury's order.
    fn ballots_with_jurors(
        &self,
        edition: &Edition,
        category: &Category,
    ) -> Result<Vec<(Juror, Ballot)>> {
        let mut found = Vec::new();
        for juror in self.jurors(edition.id)? {
            if let Some(ballot) = self.ballot(category.id, juror.id)? {
                found.push((juror, ballot));
            }
        }
        Ok(found)
    }
}

fn casting_vote_of(award: &Award, juror: Id) -> bool {
    matches!(award.decision, Decision::CastingVote { juror_id } if juror_id == juror)
}

/// The ballot without `nomination`, or `None` when it does not name it.
fn without(content: &BallotContent, nomination: Id) -> Option<BallotContent> {
    let rewritten = match content {
        BallotContent::Ranked(order) => {
            BallotContent::Ranked(order.iter().copied().filter(|&n| n != nomination).collect())
        }
        BallotContent::Scored(scores) => BallotContent::Scored(
            scores
                .iter()
                .copied()
                .filter(|&(n, _)| n != nomination)
                .collect(),
        ),
        BallotContent::Rounds(votes) => BallotContent::Rounds(
            votes
                .iter()
                .copied()
                .filter(|&(_, n)| n != nomination)
                .collect(),
        ),
    };
    (&rewritten != content).then_some(rewritten)
}

fn is_empty(content: &BallotContent) -> bool {
    match content {
        BallotContent::Ranked(order) => order.is_empty(),
        BallotContent::Scored(scores) => scores.is_empty(),
        BallotContent::Rounds(votes) => votes.is_empty(),
    }
}

/// `1 nominee`, `4 nominees`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taking_a_nominee_off_a_ballot_keeps_the_rest_in_order() {
        let ranked = BallotContent::Ranked(vec![3, 1, 2]);
        assert_eq!(without(&ranked, 1), Some(BallotContent::Ranked(vec![3, 2])));
        assert_eq!(without(&ranked, 9), None);
        let scored = BallotContent::Scored(vec![(1, 8), (2, 6)]);
        assert_eq!(
            without(&scored, 2),
            Some(BallotContent::Scored(vec![(1, 8)]))
        );
        let rounds = BallotContent::Rounds(vec![(1, 4), (2, 5)]);
        let only_round_two = without(&rounds, 4);
        assert_eq!(only_round_two, Some(BallotContent::Rounds(vec![(2, 5)])));
        assert!(!is_empty(&BallotContent::Rounds(vec![(2, 5)])));
        assert!(is_empty(
            &without(&BallotContent::Ranked(vec![7]), 7).unwrap_or(ranked)
        ));
    }
}
