//! Counting a category that has nobody left to count: no nominees yet, or every nominee's film already
//! took a higher prize (the cascade). The tally engine refuses an empty count; a whole edition's count
//! (`tally --edition`) must not stop there, so such a category gets an empty count that says why.

use super::super::tallying::{CategoryCount, PassedOver};
use super::super::{Desk, Result};
use crate::domain::{Category, Edition, Method, TieBreak};
use crate::tally::Outcome;

impl Desk {
    /// Counts a category like [`Desk::count_category`], except that a category without nominees, or one
    /// the cascade has emptied, gives an undecided count whose notes say why (naming each film and the
    /// prize it took) instead of an error.
    pub fn count_or_explain(
        &self,
        edition: &Edition,
        category: &Category,
        method: Option<Method>,
        tie_breaks: Option<&[TieBreak]>,
    ) -> Result<CategoryCount> {
        let nominees = self.nominees(category)?;
        let taken = self.taken_before(edition, category)?;
        let passed_over: Vec<PassedOver> = nominees
            .iter()
            .filter_map(|nominee| {
                let (_, took) = taken
                    .iter()
                    .find(|(s, _)| *s == nominee.nomination.submission_id)?;
                Some(PassedOver {
                    nominee: nominee.clone(),
                    took: took.clone(),
                })
            })
            .collect();
        if !nominees.is_empty() && passed_over.len() < nominees.len() {
            return self.count_category(edition, category, method, tie_breaks);
        }
        let mut notes: Vec<String> = passed_over
            .iter()
            .map(|p| {
                format!(
                    "Counted without {}: the film already took {} (one prize per film).",
                    p.nominee.label, p.took
                )
            })
            .collect();
        notes.push(if nominees.is_empty() {
            format!("{} has no nominees yet: there is nothing to count.", category.name)
        } else {
            format!(
                "{} has no nominee left to count: every nominee's film already took a higher prize.",
                category.name
            )
        });
        let method = method.unwrap_or(category.method);
        Ok(CategoryCount {
            category: category.clone(),
            nominees: Vec::new(),
            labels: Vec::new(),
            method,
            outcome: Outcome {
                method,
                ballots_used: 0,
                winners: Vec::new(),
                tie: false,
                decided: false,
                ranking: Vec::new(),
                rounds: Vec::new(),
                pairwise: None,
                scores: Vec::new(),
                excluded: Vec::new(),
                tie_breaks_applied: Vec::new(),
                notes,
                pending_round: None,
                rested_on_tie: false,
                elimination_tie: None,
                juror_scales: Vec::new(),
            },
            missing: Vec::new(),
            eligible: 0,
            // Nothing to count is nothing to wait for: the sheet reports the emptied category itself.
            provisional: false,
            absent: Vec::new(),
            without_votes: Vec::new(),
            passed_over,
        })
    }
}
