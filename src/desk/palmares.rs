//! An edition's palmarès: every category in precedence order with who holds its prize, how it was decided,
//! whom the cascade passed over, every rule it breaks and everything still missing
//! (docs/counting.md#palmares-rules).
//!
//! The sheet never fails to show: a category that cannot be counted (the cascade emptied it, it has no
//! nominees) is reported on it as a problem, because the sheet is where the secretary finds out.

use super::nominations::Nominee;
use super::tallying::PassedOver;
use super::{Desk, Result};
use crate::domain::palmares::{self, Incomplete, Prize, PrizeWinner, Violation};
use crate::domain::{
    Award, Category, Decision, Edition, EditionState, Festival, Id, SubmissionStatus,
};

mod assess;
mod emptied;

/// The results sheet of an edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Palmares {
    pub edition: Edition,
    pub festival: Festival,
    /// Top prize first.
    pub lines: Vec<PalmaresLine>,
    /// The rules the palmarès breaks ("rules broken").
    pub violations: Vec<Violation>,
    /// What it still lacks: awards, ballots, awards the ballots no longer give, winners no longer in
    /// competition ("incomplete").
    pub incomplete: Vec<Incomplete>,
}

impl Palmares {
    /// Nothing stands in the way of `finalize`: every rule kept, nothing missing.
    pub fn finalizable(&self) -> bool {
        self.violations.is_empty() && self.incomplete.is_empty()
    }

    /// Where the palmarès stands, in one sentence for the sheet, the desk and `--check`. A finalized
    /// edition says so, never that it "may be finalized".
    pub fn verdict(&self) -> String {
        let problems = self.problems();
        if self.edition.state == EditionState::Finalized {
            return if problems.is_empty() {
                "Finalized: the palmarès is frozen.".into()
            } else {
                format!("Finalized, overriding {problems}.")
            };
        }
        if problems.is_empty() {
            "Every rule is kept and nothing is missing: the palmarès may be finalized.".into()
        } else {
            format!("Not ready to finalize: {problems}.")
        }
    }

    /// "1 rule broken and 3 items incomplete", or empty when there is neither.
    pub fn problems(&self) -> String {
        let mut parts = Vec::new();
        match self.violations.len() {
            0 => {}
            1 => parts.push("1 rule broken".to_string()),
            n => parts.push(format!("{n} rules broken")),
        }
        match self.incomplete.len() {
            0 => {}
            1 => parts.push("1 item incomplete".to_string()),
            n => parts.push(format!("{n} items incomplete")),
        }
        parts.join(" and ")
    }
}

/// One category of the palmarès.
#[derive(Debug, Clone, PartialEq)]
pub struct PalmaresLine {
    pub category: Category,
    /// `None`: not awarded yet.
    pub award: Option<Award>,
    /// The award's winners; more than one is an ex-aequo.
    pub winners: Vec<Nominee>,
    /// Nominees this category is counted without, because their film took a higher prize. Never one
    /// of the category's own winners: a film that holds two prizes is a broken rule, reported as such.
    pub passed_over: Vec<PassedOver>,
}

impl PalmaresLine {
    /// How the prize was decided, in words for the results sheet.
    pub fn how_decided(&self) -> String {
        let Some(award) = &self.award else {
            return "not awarded yet".into();
        };
        match &award.decision {
            Decision::Counted { method } => format!("counted by {}", method.name()),
            Decision::CastingVote { .. } => "the president's casting vote".into(),
            Decision::Draw { seed } => format!("a draw (seed {seed})"),
            Decision::Manual { reason } => format!("the jury ({reason})"),
            Decision::Imported { source } => format!("imported from {source}"),
        }
    }

    /// The winners' labels.
    pub fn winner_labels(&self) -> Vec<String> {
        self.winners.iter().map(|n| n.label.clone()).collect()
    }
}

impl Desk {
    /// The palmarès of an edition with the rules it breaks and what it still lacks, as the ballots and
    /// awards stand now.
    pub fn palmares(&self, edition: &str) -> Result<Palmares> {
        let edition = self.edition(edition)?;
        let festival = self.festival_of(&edition)?;
        let mut lines = Vec::new();
        let mut all_nominees = Vec::new();
        for category in self.categories(edition.id)? {
            let award = self.awards(category.id)?.into_iter().next();
            let nominees = self.nominees(&category)?;
            let winners = award.as_ref().map_or_else(Vec::new, |a| {
                a.winners
                    .iter()
                    .filter_map(|id| nominees.iter().find(|n| n.nomination.id == *id))
                    .cloned()
                    .collect()
            });
            lines.push(PalmaresLine {
                category,
                award,
                winners,
                passed_over: Vec::new(),
            });
            all_nominees.push(nominees);
        }
        let prizes_now = prizes(&lines);
        let mut violations = palmares::check(&edition.rules, &prizes_now);
        let taken: Vec<Vec<(Id, String)>> = lines
            .iter()
            .map(|line| palmares::passed_over(&edition.rules, &prizes_now, &line.category))
            .collect();
        let held = |submission: Id| palmares::prizes_held(&prizes_now, submission);
        let mut incomplete = Vec::new();
        let jurors = self.jurors(edition.id)?;
        for ((line, taken), nominees) in lines.iter().zip(&taken).zip(&all_nominees) {
            let found = self.assess(&edition, &jurors, line, nominees, taken, &held)?;
            violations.extend(found.violations);
            incomplete.extend(found.incomplete);
        }
        incomplete.extend(self.nominee_statuses(&lines, &all_nominees)?);
        for ((line, taken), nominees) in lines.iter_mut().zip(taken).zip(all_nominees) {
            line.passed_over = passed_over(line, nominees, &taken);
        }
        Ok(Palmares {
            edition,
            festival,
            lines,
            violations,
            incomplete,
        })
    }

    /// The films that took the prize of a category counted before `category`, when the edition gives
    /// a film one prize; the count of `category` leaves them out.
    pub(super) fn taken_before(
        &self,
        edition: &Edition,
        category: &Category,
    ) -> Result<Vec<(Id, String)>> {
        if !edition.rules.one_prize_per_film || palmares::is_combinable(&edition.rules, category) {
            return Ok(Vec::new());
        }
        let mut higher = Vec::new();
        for other in self.categories(edition.id)? {
            if !palmares::precedes(&other, category) {
                continue;
            }
            let winners = self.prize_winners(&other)?;
            higher.push((other, winners));
        }
        let prizes: Vec<Prize<'_>> = higher
            .iter()
            .map(|(category, winners)| Prize {
                category,
                winners: winners.clone(),
            })
            .collect();
        Ok(palmares::passed_over(&edition.rules, &prizes, category))
    }

    /// Who holds a category's prize, as the palmarès rules see them.
    fn prize_winners(&self, category: &Category) -> Result<Vec<PrizeWinner>> {
        let Some(award) = self.awards(category.id)?.into_iter().next() else {
            return Ok(Vec::new());
        };
        let nominees = self.nominees(category)?;
        Ok(award
            .winners
            .iter()
            .filter_map(|id| nominees.iter().find(|n| n.nomination.id == *id))
            .map(prize_winner)
            .collect())
    }

    /// Winners withdrawn or disqualified, one line per prize; then every other nominee not in
    /// competition, one line per film with the categories it is nominated in.
    fn nominee_statuses(
        &self,
        lines: &[PalmaresLine],
        nominees: &[Vec<Nominee>],
    ) -> Result<Vec<Incomplete>> {
        let mut found = Vec::new();
        let mut ineligible_winners = Vec::new();
        for line in lines {
            for winner in &line.winners {
                let status = self.submission(winner.nomination.submission_id)?.status;
                if matches!(
                    status,
                    SubmissionStatus::Withdrawn | SubmissionStatus::Disqualified
                ) {
                    ineligible_winners.push(winner.nomination.submission_id);
                    found.push(Incomplete::WinnerIneligible {
                        category: line.category.name.clone(),
                        winner: winner.label.clone(),
                        status: status.as_str().into(),
                    });
                }
            }
        }
        let mut not_selected: Vec<(Id, Incomplete)> = Vec::new();
        for (line, nominees) in lines.iter().zip(nominees) {
            for nominee in nominees {
                let submission = nominee.nomination.submission_id;
                if ineligible_winners.contains(&submission) {
                    continue;
                }
                if let Some((_, Incomplete::NomineeNotSelected { categories, .. })) =
                    not_selected.iter_mut().find(|(id, _)| *id == submission)
                {
                    if !categories.contains(&line.category.name) {
                        categories.push(line.category.name.clone());
                    }
                    continue;
                }
                let status = self.submission(submission)?.status;
                if status != SubmissionStatus::Selected {
                    not_selected.push((
                        submission,
                        Incomplete::NomineeNotSelected {
                            film: nominee.title.clone(),
                            status: status.as_str().into(),
                            categories: vec![line.category.name.clone()],
                        },
                    ));
                }
            }
        }
        found.extend(not_selected.into_iter().map(|(_, item)| item));
        Ok(found)
    }

    pub(super) fn festival_of(&self, edition: &Edition) -> Result<Festival> {
        self.store
            .get::<Festival>(edition.festival_id)?
            .ok_or_else(|| {
                super::DeskError::Refused(format!(
                    "edition {} names a festival that is not in the store; run `jurydesk check`",
                    edition.code
                ))
            })
    }
}

/// The nominees of a line whose film took a higher prize, except the line's own winners.
fn passed_over(
    line: &PalmaresLine,
    nominees: Vec<Nominee>,
    taken: &[(Id, String)],
) -> Vec<PassedOver> {
    nominees
        .into_iter()
        .filter(|n| {
            !line
                .winners
                .iter()
                .any(|w| w.nomination.id == n.nomination.id)
        })
        .filter_map(|nominee| {
            let (_, took) = taken
                .iter()
                .find(|(s, _)| *s == nominee.nomination.submission_id)?;
            Some(PassedOver {
                took: took.clone(),
                nominee,
            })
        })
        .collect()
}

fn prize_winner(nominee: &Nominee) -> PrizeWinner {
    PrizeWinner {
        submission_id: nominee.nomination.submission_id,
        label: nominee.label.clone(),
        film: nominee.title.clone(),
    }
}

/// The palmarès as the pure rules see it.
fn prizes(lines: &[PalmaresLine]) -> Vec<Prize<'_>> {
    lines
        .iter()
        .map(|line| Prize {
            category: &line.category,
            winners: line.winners.iter().map(prize_winner).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
