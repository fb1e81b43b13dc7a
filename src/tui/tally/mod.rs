//! The tally view (`t`): a category counted live from its stored ballots, with a chart and the full
//! explanation — the very text `tally --format text` prints (`desk::count_text`), wrapped to the
//! terminal and scrolled, never cut (README.md#the-desk). From there the award is decided
//! (`decide`): from the count (`a`), by the president's casting vote (`c`), by a seeded draw (`r`),
//! each after a confirmation; or by a re-vote (`v` opens ballot entry).

use crate::desk::{AwardChoice, CategoryCount, CategorySummary, Desk, DeskError};
use crate::domain::Edition;

mod app;
pub mod decide;
pub(in crate::tui) mod view;

pub use decide::Deciding;

#[derive(Debug, Clone, PartialEq)]
pub struct TallyView {
    pub edition: Edition,
    pub summary: CategorySummary,
    pub count: CategoryCount,
    /// The explanation, line by line, before wrapping.
    pub lines: Vec<String>,
    /// The first row shown, counted in rows after wrapping.
    pub scroll: usize,
    /// An award being decided: a casting vote's number or a draw's seed being typed, or the question
    /// before it is recorded.
    pub deciding: Option<Deciding>,
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
            deciding: None,
            message: None,
        };
        view.explain();
        Ok(view)
    }

    /// The award already recorded (if any), then the count's text as the command line prints it.
    pub(super) fn explain(&mut self) {
        let mut lines = Vec::new();
        let recorded = self.recorded_winners();
        if !recorded.is_empty() {
            lines.push(format!("Award recorded: {}", recorded.join(" and ")));
            lines.push(String::new());
        }
        lines.extend(
            crate::desk::count_text(&self.count)
                .lines()
                .map(str::to_string),
        );
        self.lines = lines;
    }

    /// The labels of the recorded award's winners.
    pub fn recorded_winners(&self) -> Vec<String> {
        self.summary
            .awards
            .iter()
            .flat_map(|a| a.winners.iter())
            .filter_map(|id| self.count.nominees.iter().find(|n| n.nomination.id == *id))
            .map(|n| n.label.clone())
            .collect()
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

    /// Records the award as chosen (after the secretary confirmed it); returns what to tell them.
    pub(super) fn award(&mut self, desk: &Desk, choice: &AwardChoice) -> Result<String, DeskError> {
        let award = desk.record_award(
            &self.edition.code,
            &self.summary.category.id.to_string(),
            choice,
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
}

/// A key the count understands (the deciding keys are read by `decide`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TallyKey {
    /// Record the award as counted (asks first).
    Award,
    /// Settle a standing tie by the president's casting vote (asks for the number, then confirms).
    Casting,
    /// Settle a standing tie by a seeded draw (shows the seed, then confirms).
    Draw,
    Digit(u8),
    Erase,
    /// Enter or y: go on to the question, or record.
    Confirm,
    /// Esc or n: leave without recording.
    Cancel,
}
