//! The palmarès rules of docs/counting.md#palmares-rules, checked over an edition's decided prizes.
//!
//! Pure: `desk/` gathers the edition's categories (in precedence order) and who took each prize, and asks
//! here which rules the palmarès breaks and which films a category must be counted without (the cascade).
//! Keeping the rules here means the command line, the desk and `finalize` cannot disagree about them.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::{Category, EditionRules, Id};

mod incomplete;
pub use incomplete::{HeldPrizes, Incomplete};

/// One category of the palmarès and who holds its prize (empty: not awarded yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prize<'a> {
    pub category: &'a Category,
    pub winners: Vec<PrizeWinner>,
}

/// A winner of a prize: the submission (the film, whose prizes the one-prize rule counts) and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrizeWinner {
    pub submission_id: Id,
    /// The nominee's label (`Person (Film)` in a person category).
    pub label: String,
    /// The film's title, which names the film in a one-prize-per-film violation.
    pub film: String,
}

/// A way a palmarès breaks its edition's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum Violation {
    /// A mandatory category has no award.
    MandatoryMissing { category: String },
    /// A shared prize in a category that does not allow ex-aequo.
    SharedNotAllowed {
        category: String,
        winners: Vec<String>,
    },
    /// The top prize is shared though the rules say it never may be.
    TopPrizeShared {
        category: String,
        winners: Vec<String>,
    },
    /// More shared prizes than the edition allows.
    TooManyShared { limit: u32, categories: Vec<String> },
    /// A film holds more than one prize outside the combinable categories.
    MoreThanOnePrize {
        film: String,
        categories: Vec<String>,
    },
    /// Categories that share a precedence number: the cascade and the top prize would follow the order
    /// they were created in, which nobody chose.
    DuplicatePrecedence {
        precedence: u32,
        categories: Vec<String>,
    },
    /// An award taken from the count (or a casting vote or draw over it) for a winner that no counted
    /// ballot voted for: a count gives no prize without a vote, only the jury by hand
    /// (docs/counting.md#deciding-an-award).
    WinnerWithoutVotes {
        category: String,
        winners: Vec<String>,
    },
}

impl Violation {
    /// The rule's short name, as `palmares --check` and the JSON `rule` field print it.
    pub fn rule(&self) -> &'static str {
        match self {
            Violation::MandatoryMissing { .. } => "mandatory-missing",
            Violation::SharedNotAllowed { .. } => "shared-not-allowed",
            Violation::TopPrizeShared { .. } => "top-prize-shared",
            Violation::TooManyShared { .. } => "too-many-shared",
            Violation::MoreThanOnePrize { .. } => "more-than-one-prize",
            Violation::DuplicatePrecedence { .. } => "duplicate-precedence",
            Violation::WinnerWithoutVotes { .. } => "winner-without-votes",
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::MandatoryMissing { category } => {
                write!(f, "{category} is mandatory and has no award yet")
            }
            Violation::SharedNotAllowed { category, winners } => write!(
                f,
                "{category} is shared by {} but does not allow ex-aequo",
                winners.join(" and ")
            ),
            Violation::TopPrizeShared { category, winners } => write!(
                f,
                "{category} is the top prize and may never be shared, but is shared by {}",
                winners.join(" and ")
            ),
            Violation::TooManyShared { limit, categories } => write!(
                f,
                "{} shared prizes ({}) where the edition allows at most {limit}",
                categories.len(),
                categories.join(", ")
            ),
            Violation::MoreThanOnePrize { film, categories } => write!(
                f,
                "{film} holds {} prizes ({}) but a film may take only one outside the combinable categories",
                categories.len(),
                categories.join(", ")
            ),
            Violation::DuplicatePrecedence {
                precedence,
                categories,
            } => write!(
                f,
                "{} share precedence {precedence}: each prize needs a place of its own, or the cascade follows the order they were created in",
                categories.join(" and ")
            ),
            Violation::WinnerWithoutVotes { category, winners } => write!(
                f,
                "{category} went to {} without a single vote on a counted ballot: only the jury may give such a prize, by hand with its reason",
                winners.join(" and ")
            ),
        }
    }
}

/// Whether the one-prize rule leaves this category out (its prize may be combined with another).
pub fn is_combinable(rules: &EditionRules, category: &Category) -> bool {
    rules.combinable_categories.contains(&category.id)
}

/// The films a category must be counted without (the cascade, docs/counting.md#palmares-rules):
/// those that took the prize of a category counted before it, when a film may take only one prize.
/// `prizes` is the whole palmarès in precedence order; returns each such submission with the
/// category whose prize it took.
pub fn passed_over(
    rules: &EditionRules,
    prizes: &[Prize<'_>],
    category: &Category,
) -> Vec<(Id, String)> {
    if !rules.one_prize_per_film || is_combinable(rules, category) {
        return Vec::new();
    }
    let mut taken = Vec::new();
    for prize in prizes
        .iter()
        .take_while(|p| precedes(p.category, category))
        .filter(|p| !is_combinable(rules, p.category))
    {
        for winner in &prize.winners {
            if !taken.iter().any(|(id, _)| *id == winner.submission_id) {
                taken.push((winner.submission_id, prize.category.name.clone()));
            }
        }
    }
    taken
}

/// Whether `a` is counted before `b`: a smaller precedence number, then the older category.
pub fn precedes(a: &Category, b: &Category) -> bool {
    (a.precedence, a.id) < (b.precedence, b.id)
}

/// Sorts categories into palmarès order: the top prize first.
pub fn sort_by_precedence(categories: &mut [Category]) {
    categories.sort_by_key(|c| (c.precedence, c.id));
}

/// Every way the palmarès breaks the rules, in the order a secretary would mend them: per category in
/// precedence order, then the rules across the edition. `prizes` must be in precedence order.
pub fn check(rules: &EditionRules, prizes: &[Prize<'_>]) -> Vec<Violation> {
    let categories: Vec<&Category> = prizes.iter().map(|p| p.category).collect();
    let mut violations = duplicate_precedences(&categories);
    let labels = |p: &Prize<'_>| p.winners.iter().map(|w| w.label.clone()).collect();
    for (i, prize) in prizes.iter().enumerate() {
        let category = prize.category;
        if prize.winners.is_empty() {
            if category.mandatory {
                violations.push(Violation::MandatoryMissing {
                    category: category.name.clone(),
                });
            }
            continue;
        }
        if prize.winners.len() > 1 {
            if i == 0 && rules.top_prize_never_shared {
                violations.push(Violation::TopPrizeShared {
                    category: category.name.clone(),
                    winners: labels(prize),
                });
            } else if !category.ex_aequo_allowed {
                violations.push(Violation::SharedNotAllowed {
                    category: category.name.clone(),
                    winners: labels(prize),
                });
            }
        }
    }
    let shared: Vec<String> = prizes
        .iter()
        .filter(|p| p.winners.len() > 1)
        .map(|p| p.category.name.clone())
        .collect();
    if let Some(limit) = rules.max_shared_prizes
        && shared.len() > limit as usize
    {
        violations.push(Violation::TooManyShared {
            limit,
            categories: shared,
        });
    }
    if rules.one_prize_per_film {
        let mut held: BTreeMap<Id, (String, Vec<String>)> = BTreeMap::new();
        for prize in prizes.iter().filter(|p| !is_combinable(rules, p.category)) {
            for winner in &prize.winners {
                let entry = held
                    .entry(winner.submission_id)
                    .or_insert_with(|| (winner.film.clone(), Vec::new()));
                if !entry.1.contains(&prize.category.name) {
                    entry.1.push(prize.category.name.clone());
                }
            }
        }
        for (film, categories) in held.into_values() {
            if categories.len() > 1 {
                violations.push(Violation::MoreThanOnePrize { film, categories });
            }
        }
    }
    violations
}

/// Every precedence number held by more than one category, with those categories
/// (docs/counting.md#palmares-rules: precedence numbers are unique within an edition). Stores written
/// before that rule may hold such pairs.
pub fn duplicate_precedences(categories: &[&Category]) -> Vec<Violation> {
    let mut by_place: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for category in categories {
        by_place
            .entry(category.precedence)
            .or_default()
            .push(category.name.clone());
    }
    by_place
        .into_iter()
        .filter(|(_, names)| names.len() > 1)
        .map(|(precedence, categories)| Violation::DuplicatePrecedence {
            precedence,
            categories,
        })
        .collect()
}

/// The prizes (category names, in the order given) whose winners include this submission: what a film
/// already holds, to name it where the cascade has emptied a category.
pub fn prizes_held(prizes: &[Prize<'_>], submission: Id) -> Vec<String> {
    prizes
        .iter()
        .filter(|p| p.winners.iter().any(|w| w.submission_id == submission))
        .map(|p| p.category.name.clone())
        .collect()
}

#[cfg(test)]
mod tests;
