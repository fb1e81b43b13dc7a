//! What the nominations pane shows of each category: its nominees, how many of the jurors who may vote
//! have voted, and the award if one is recorded.

use super::nominations::Nominee;
use super::{Desk, Result};
use crate::domain::{Award, Category, Id, Juror, JurorRole};

/// One category of an edition, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategorySummary {
    pub category: Category,
    pub nominees: Vec<Nominee>,
    /// Jurors who may vote here: not observers, not recused from a nominee, not absent.
    pub voters: Vec<Juror>,
    /// How many of `voters` have a ballot.
    pub ballots: usize,
    /// Jurors recused from a nominee here, with the film and reason: shown, never counted.
    pub recused: Vec<(String, String)>,
    pub awards: Vec<Award>,
}

impl CategorySummary {
    /// Whether a nomination is among the recorded winners.
    pub fn has_won(&self, nomination: Id) -> bool {
        self.awards.iter().any(|a| a.winners.contains(&nomination))
    }
}

impl Desk {
    /// Every category of an edition, highest prize first, with nominees, ballots and awards.
    pub fn category_summaries(&self, edition_id: Id) -> Result<Vec<CategorySummary>> {
        let jurors = self.jurors(edition_id)?;
        self.categories(edition_id)?
            .into_iter()
            .map(|category| {
                let nominees = self.nominees(&category)?;
                let voters = eligible_voters(&jurors, &nominees);
                let mut ballots = 0;
                for juror in &voters {
                    if self.ballot(category.id, juror.id)?.is_some() {
                        ballots += 1;
                    }
                }
                let recused = jurors
                    .iter()
                    .filter(|j| j.role != JurorRole::Observer)
                    .filter_map(|j| Some((j.name.clone(), recusal_here(j, &nominees)?)))
                    .collect();
                Ok(CategorySummary {
                    recused,
                    awards: self.awards(category.id)?,
                    category,
                    nominees,
                    voters,
                    ballots,
                })
            })
            .collect()
    }
}

/// Why a juror stands aside in a category with these nominees
/// (docs/domain.md#conflicts-of-interest): recused from one of its films. The one rule the pane,
/// the ballot form and the count all use.
pub fn recusal_here(juror: &Juror, nominees: &[Nominee]) -> Option<String> {
    juror.recusals.iter().find_map(|r| {
        let nominee = nominees
            .iter()
            .find(|n| n.nomination.submission_id == r.submission_id)?;
        Some(format!("recused from {}: {}", nominee.title, r.reason))
    })
}

/// Jurors who may vote in a category with these nominees (docs/domain.md#conflicts-of-interest,
/// docs/counting.md#provisional-counts): not observers, not recused from a nominee, not declared
/// absent.
pub fn eligible_voters(jurors: &[Juror], nominees: &[Nominee]) -> Vec<Juror> {
    jurors
        .iter()
        .filter(|j| {
            j.role != JurorRole::Observer
                && recusal_here(j, nominees).is_none()
                && j.absence.is_none()
        })
        .cloned()
        .collect()
}
