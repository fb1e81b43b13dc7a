//! One category of the palmarès against its count: what the sheet must say about it besides the rules
//! across categories (docs/counting.md#palmares-rules, docs/counting.md#deciding-an-award). An award is
//! checked against the count *together with* how it was decided: a casting vote stands while the tie it
//! settled stands, a draw while the same seed draws the same winner; a hand decision or an imported
//! award is the jury's word and is not recounted.

use super::super::nominations::Nominee;
use super::super::summary::eligible_voters;
use super::super::tallying::CategoryCount;
use super::super::{Desk, DeskError, Result};
use super::PalmaresLine;
use crate::domain::palmares::{HeldPrizes, Incomplete, Violation};
use crate::domain::{Award, BallotContent, Decision, Edition, Id, Juror, TieBreak};

/// What one category adds to the sheet's two lists.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub violations: Vec<Violation>,
    pub incomplete: Vec<Incomplete>,
}

impl Desk {
    /// Checks one line of the palmarès. `taken` holds the films the cascade leaves out of this
    /// category (with the prize each took); `held` names every prize a film holds.
    pub(super) fn assess(
        &self,
        edition: &Edition,
        jurors: &[Juror],
        line: &PalmaresLine,
        nominees: &[Nominee],
        taken: &[(Id, String)],
        held: &dyn Fn(Id) -> Vec<String>,
    ) -> Result<Found> {
        let mut found = Found::default();
        let category = &line.category;
        let name = || category.name.clone();
        // A mandatory category without an award is a broken rule, listed there instead; an emptied
        // one is said to be emptied, which is why it has no award.
        let not_awarded = line.award.is_none() && !category.mandatory;
        if nominees.is_empty() {
            if not_awarded {
                found
                    .incomplete
                    .push(Incomplete::NotAwarded { category: name() });
            }
            return Ok(found);
        }
        if nominees
            .iter()
            .all(|n| taken.iter().any(|(s, _)| *s == n.nomination.submission_id))
        {
            let mut films: Vec<HeldPrizes> = Vec::new();
            for nominee in nominees {
                if !films.iter().any(|f| f.film == nominee.title) {
                    films.push(HeldPrizes {
                        film: nominee.title.clone(),
                        prizes: held(nominee.nomination.submission_id),
                    });
                }
            }
            found.incomplete.push(Incomplete::CategoryEmptied {
                category: name(),
                films,
            });
            return Ok(found);
        }
        let count = match self.count_category(edition, category, None, None) {
            Ok(count) => count,
            Err(DeskError::Refused(reason)) => {
                found.incomplete.push(Incomplete::CountFailed {
                    category: name(),
                    reason,
                });
                return Ok(found);
            }
            Err(other) => return Err(other),
        };
        if not_awarded {
            found
                .incomplete
                .push(Incomplete::NotAwarded { category: name() });
        }
        let from_count = line.award.as_ref().is_none_or(|a| {
            matches!(
                a.decision,
                Decision::Counted { .. } | Decision::CastingVote { .. } | Decision::Draw { .. }
            )
        });
        if from_count && !count.missing.is_empty() {
            found.incomplete.push(Incomplete::BallotsMissing {
                category: name(),
                jurors: count.missing.clone(),
            });
        }
        let Some(award) = line.award.as_ref().filter(|_| from_count) else {
            return Ok(found);
        };
        if !self.award_stands(edition, line, award, &count) {
            found.incomplete.push(Incomplete::AwardOutOfDate {
                category: name(),
                recorded: line.winner_labels(),
                count_now: count_now(&count),
            });
        }
        let voted = self.voted_for(line, jurors, &count.nominees)?;
        let unvoted: Vec<String> = line
            .winners
            .iter()
            .filter(|w| !voted.contains(&w.nomination.id))
            .map(|w| w.label.clone())
            .collect();
        if !unvoted.is_empty() {
            found.violations.push(Violation::WinnerWithoutVotes {
                category: name(),
                winners: unvoted,
            });
        }
        Ok(found)
    }

    /// Whether a recorded award is what the count gives, with the decision it recorded: a casting vote
    /// stands while its winner is still among those tied for first; a draw while the same seed draws
    /// the same winner.
    fn award_stands(
        &self,
        edition: &Edition,
        line: &PalmaresLine,
        award: &Award,
        count: &CategoryCount,
    ) -> bool {
        let mut recorded = award.winners.clone();
        recorded.sort_unstable();
        let gives = |count: &CategoryCount| {
            let mut now: Vec<Id> = count
                .outcome
                .winners
                .iter()
                .map(|&i| count.nominees[i].nomination.id)
                .collect();
            now.sort_unstable();
            count.outcome.decided && now == recorded
        };
        if gives(count) {
            return true;
        }
        match award.decision {
            Decision::CastingVote { .. } => {
                let tied = tied_for_first(count);
                count.outcome.tie && recorded.len() == 1 && tied.contains(&recorded[0])
            }
            Decision::Draw { seed } => {
                count.outcome.tie
                    && self
                        .count_category(
                            edition,
                            &line.category,
                            None,
                            Some(&[TieBreak::Draw { seed }]),
                        )
                        .is_ok_and(|drawn| gives(&drawn))
            }
            _ => false,
        }
    }

    /// The nominations that at least one counted ballot of the category names (ranks, scores or votes
    /// for in any round): the ballots of jurors who may vote among the nominees still counted.
    fn voted_for(
        &self,
        line: &PalmaresLine,
        jurors: &[Juror],
        counted: &[Nominee],
    ) -> Result<Vec<Id>> {
        let mut voted = Vec::new();
        for juror in eligible_voters(jurors, counted) {
            let Some(ballot) = self.ballot(line.category.id, juror.id)? else {
                continue;
            };
            match ballot.content {
                BallotContent::Ranked(order) => voted.extend(order),
                BallotContent::Scored(scores) => voted.extend(scores.into_iter().map(|(id, _)| id)),
                BallotContent::Rounds(votes) => voted.extend(votes.into_iter().map(|(_, id)| id)),
            }
        }
        Ok(voted)
    }
}

/// The nominations tied for first before any tie-break settled it, as the award's casting vote saw
/// them when it was accepted.
fn tied_for_first(count: &CategoryCount) -> Vec<Id> {
    count
        .outcome
        .tie_breaks_applied
        .iter()
        .find(|t| t.elimination.is_none())
        .map(|t| t.among.clone())
        .or_else(|| count.outcome.ranking.first().cloned())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| count.nominees.get(i).map(|n| n.nomination.id))
        .collect()
}

/// What the count gives now, in words: its winner(s), a standing tie, or no result.
fn count_now(count: &CategoryCount) -> String {
    let labels: Vec<String> = count
        .outcome
        .winners
        .iter()
        .filter_map(|&i| count.labels.get(i).cloned())
        .collect();
    match labels.len() {
        _ if count.outcome.elimination_tie.is_some() => format!(
            "an elimination tie between {} (the jury decides whom to eliminate)",
            count
                .outcome
                .elimination_tie
                .iter()
                .flat_map(|t| t.among.iter())
                .filter_map(|&i| count.labels.get(i).cloned())
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        _ if !count.outcome.decided => "no result yet".into(),
        0 => "no result yet".into(),
        1 => labels[0].clone(),
        _ if count.outcome.tie => format!("a tie between {}", labels.join(" and ")),
        _ => labels.join(" and "),
    }
}
