//! The tally view (`t`): a category counted live from its stored ballots, with a chart, the full
//! explanation, who has not voted and who was left out; and from there the award: from the count (`a`),
//! by the president's casting vote (`c` then the nominee's number), by a seeded draw (`r`), or by a
//! re-vote (`v` opens ballot entry).

use crate::desk::{AwardChoice, CategoryCount, CategorySummary, Desk, DeskError};
use crate::domain::Edition;
use crate::tally::report;

#[derive(Debug, Clone, PartialEq)]
pub struct TallyView {
    pub edition: Edition,
    pub summary: CategorySummary,
    pub count: CategoryCount,
    /// The explanation, line by line.
    pub lines: Vec<String>,
    pub scroll: usize,
    /// Waiting for the nominee number of the president's casting vote.
    pub casting: bool,
    pub message: Option<String>,
}

/// One bar of the chart: label and value (in hundredths, so means keep their decimals) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    pub text: String,
}

impl TallyView {
    pub fn open(
        desk: &Desk,
        edition: Edition,
        summary: CategorySummary,
    ) -> Result<TallyView, DeskError> {
        let count = desk.count_category(&edition, &summary.category, None, None)?;
        let mut view = TallyView {
            edition,
            summary,
            lines: Vec::new(),
            count,
            scroll: 0,
            casting: false,
            message: None,
        };
        view.explain();
        Ok(view)
    }

    fn explain(&mut self) {
        let count = &self.count;
        let mut lines = vec![format!(
            "{} ballot(s) of {} juror(s) who may vote",
            count.outcome.ballots_used, count.eligible
        )];
        if !count.missing.is_empty() {
            lines.push(format!("Not voted yet: {}", count.missing.join(", ")));
        }
        for passed in &count.passed_over {
            lines.push(format!(
                "Passed over: {}, whose film took {} (one prize per film)",
                passed.nominee.label, passed.took
            ));
        }
        if !self.summary.awards.is_empty() {
            let winners: Vec<String> = self
                .summary
                .awards
                .iter()
                .flat_map(|a| a.winners.iter())
                .filter_map(|id| self.count.nominees.iter().find(|n| n.nomination.id == *id))
                .map(|n| n.label.clone())
                .collect();
            lines.push(format!("Award recorded: {}", winners.join(" and ")));
        }
        lines.push(String::new());
        lines.extend(
            report::text(&count.outcome, &count.labels)
                .lines()
                .map(str::to_string),
        );
        self.lines = lines;
    }

    /// The chart: values per nominee from the method's own numbers (points, means, first choices,
    /// the last round's votes), or pairwise wins for Schulze.
    pub fn bars(&self) -> Vec<Bar> {
        let o = &self.count.outcome;
        let label = |i: usize| {
            self.count
                .nominees
                .get(i)
                .map_or(String::new(), |n| n.number().to_string())
        };
        if !o.scores.is_empty() {
            return o
                .scores
                .iter()
                .map(|s| Bar {
                    label: label(s.nominee),
                    value: s.value().map_or(0, |v| (v.max(0.0) * 100.0).round() as u64),
                    text: s.display.clone(),
                })
                .collect();
        }
        if let Some(round) = o.rounds.last() {
            return round
                .counts
                .iter()
                .map(|&(n, votes)| Bar {
                    label: label(n),
                    value: votes * 100,
                    text: votes.to_string(),
                })
                .collect();
        }
        if let Some(pairwise) = &o.pairwise {
            let n = pairwise.d.len();
            return (0..n)
                .map(|i| {
                    let wins = (0..n)
                        .filter(|&j| j != i && pairwise.d[i][j] > pairwise.d[j][i])
                        .count() as u64;
                    Bar {
                        label: label(i),
                        value: wins * 100,
                        text: format!("{wins} won"),
                    }
                })
                .collect();
        }
        Vec::new()
    }

    /// Records the award as chosen; returns what to tell the secretary.
    pub fn award(&mut self, desk: &Desk, choice: AwardChoice) -> Result<String, DeskError> {
        let award = desk.record_award(
            &self.edition.code,
            &self.summary.category.id.to_string(),
            &choice,
        )?;
        let winners: Vec<String> = award
            .winners
            .iter()
            .filter_map(|id| self.count.nominees.iter().find(|n| n.nomination.id == *id))
            .map(|n| n.label.clone())
            .collect();
        self.summary.awards = desk.awards(self.summary.category.id)?;
        self.explain();
        Ok(format!(
            "{}: awarded to {}",
            self.summary.category.name,
            winners.join(" and ")
        ))
    }

    /// Keys while the view is open.
    pub fn handle(&mut self, desk: &Desk, key: TallyKey) -> Result<(), DeskError> {
        self.message = None;
        let result = match key {
            TallyKey::Award => self.award(desk, AwardChoice::FromCount).map(Some),
            TallyKey::Casting => {
                if !self.count.outcome.tie {
                    Ok(Some("there is no tie to settle".to_string()))
                } else {
                    self.casting = true;
                    Ok(Some(
                        "the president's casting vote: type the nominee's number".to_string(),
                    ))
                }
            }
            TallyKey::Digit(d) if self.casting => {
                self.casting = false;
                self.award(desk, AwardChoice::CastingVote(d.to_string()))
                    .map(Some)
            }
            TallyKey::Digit(_) => Ok(None),
            TallyKey::Draw => {
                // A seed anyone can note down and replay: the current time in seconds.
                let seed = chrono::Utc::now().timestamp().unsigned_abs();
                self.award(desk, AwardChoice::Draw(seed))
                    .map(|m| Some(format!("{m} (draw seed {seed})")))
            }
        };
        match result {
            Ok(message) => self.message = message,
            Err(e) => self.message = Some(e.to_string()),
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TallyKey {
    Award,
    Casting,
    Digit(u8),
    Draw,
}
