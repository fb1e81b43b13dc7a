//! An edition's palmarès: every category in precedence order with who holds its prize, how it was decided,
//! whom the cascade passed over, and every way it breaks the edition's rules (SPEC §6.3).

use super::nominations::Nominee;
use super::tallying::PassedOver;
use super::{Desk, Result};
use crate::domain::palmares::{self, Prize, PrizeWinner, Violation};
use crate::domain::{Award, Category, Decision, Edition, Festival, Id, TieBreak};

/// The results sheet of an edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Palmares {
    pub edition: Edition,
    pub festival: Festival,
    /// Top prize first.
    pub lines: Vec<PalmaresLine>,
    /// Empty when the palmarès keeps every rule (and so may be finalized).
    pub violations: Vec<Violation>,
}

/// One category of the palmarès.
#[derive(Debug, Clone, PartialEq)]
pub struct PalmaresLine {
    pub category: Category,
    /// `None`: not awarded yet.
    pub award: Option<Award>,
    /// The award's winners; more than one is an ex-aequo.
    pub winners: Vec<Nominee>,
    /// Nominees this category is counted without, because their film took a higher prize.
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
    /// The palmarès of an edition with its rule violations, as the ballots and awards stand now.
    pub fn palmares(&self, edition: &str) -> Result<Palmares> {
        let edition = self.edition(edition)?;
        let festival = self.festival_of(&edition)?;
        let mut lines = Vec::new();
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
        }
        let (mut violations, taken): (Vec<Violation>, Vec<Vec<(Id, String)>>) = {
            let prizes = prizes(&lines);
            let taken = lines
                .iter()
                .map(|line| palmares::passed_over(&edition.rules, &prizes, &line.category))
                .collect();
            (palmares::check(&edition.rules, &prizes), taken)
        };
        for (line, taken) in lines.iter_mut().zip(taken) {
            line.passed_over = self
                .nominees(&line.category)?
                .into_iter()
                .filter_map(|nominee| {
                    let (_, took) = taken
                        .iter()
                        .find(|(s, _)| *s == nominee.nomination.submission_id)?;
                    Some(PassedOver {
                        took: took.clone(),
                        nominee,
                    })
                })
                .collect();
        }
        for line in &lines {
            if let Some(stale) = self.out_of_date(&edition, line)? {
                violations.push(stale);
            }
        }
        Ok(Palmares {
            edition,
            festival,
            lines,
            violations,
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

    /// A counted award that today's ballots no longer give: the ballots (or a higher prize, through the
    /// cascade) changed after it was recorded. Awards given by hand or imported are the jury's word.
    fn out_of_date(&self, edition: &Edition, line: &PalmaresLine) -> Result<Option<Violation>> {
        let Some(award) = &line.award else {
            return Ok(None);
        };
        let chain = match award.decision {
            Decision::Counted { .. } | Decision::CastingVote { .. } => None,
            Decision::Draw { seed } => Some(vec![TieBreak::Draw { seed }]),
            Decision::Manual { .. } | Decision::Imported { .. } => return Ok(None),
        };
        let count = self.count_category(edition, &line.category, None, chain.as_deref())?;
        let counted: Vec<Id> = count
            .outcome
            .winners
            .iter()
            .map(|&i| count.nominees[i].nomination.id)
            .collect();
        let mut recorded = award.winners.clone();
        recorded.sort_unstable();
        let mut now = counted.clone();
        now.sort_unstable();
        let agrees = count.outcome.decided && now == recorded;
        // A casting vote recorded by hand chose one of the tied: it stands while that tie does.
        let tied: Vec<Id> = count
            .outcome
            .tie_breaks_applied
            .first()
            .map(|t| t.among.clone())
            .unwrap_or_default()
            .into_iter()
            .map(|i| count.nominees[i].nomination.id)
            .collect();
        let casting_stands = matches!(award.decision, Decision::CastingVote { .. })
            && count.outcome.tie
            && recorded.iter().all(|id| tied.contains(id));
        if agrees || casting_stands {
            return Ok(None);
        }
        let count_now = if count.outcome.decided && !counted.is_empty() {
            count
                .outcome
                .winners
                .iter()
                .map(|&i| count.labels[i].clone())
                .collect::<Vec<_>>()
                .join(" and ")
        } else {
            "no result yet".into()
        };
        Ok(Some(Violation::AwardOutOfDate {
            category: line.category.name.clone(),
            recorded: line.winner_labels(),
            count_now,
        }))
    }

    fn festival_of(&self, edition: &Edition) -> Result<Festival> {
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
