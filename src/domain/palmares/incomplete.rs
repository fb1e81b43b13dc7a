//! What a palmarès still lacks before it can be frozen (docs/counting.md#palmares-rules): kept apart
//! from the rules it breaks, because a secretary mends the two differently. A broken rule needs a
//! decision changed; an incomplete palmarès needs work finished (a ballot entered, a category
//! awarded, an award recorded again).

use std::fmt;

use serde::Serialize;

/// A film and the prizes it holds, where the cascade has left a category nobody to count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldPrizes {
    pub film: String,
    pub prizes: Vec<String>,
}

/// One thing that stands between the palmarès and `finalize`, short of a broken rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "item", rename_all = "kebab-case")]
pub enum Incomplete {
    /// A category without an award (a mandatory one is a broken rule instead).
    NotAwarded { category: String },
    /// Jurors who may vote in a category still to be decided from its count, or decided from it, and
    /// have not voted.
    BallotsMissing {
        category: String,
        jurors: Vec<String>,
    },
    /// An award from the count (or a casting vote or draw over it) that today's ballots no longer give.
    AwardOutOfDate {
        category: String,
        recorded: Vec<String>,
        count_now: String,
    },
    /// Every nominee's film already took a higher prize, so the cascade leaves nobody to count.
    CategoryEmptied {
        category: String,
        films: Vec<HeldPrizes>,
    },
    /// A winner whose submission was withdrawn or disqualified after (or despite) the award.
    WinnerIneligible {
        category: String,
        winner: String,
        status: String,
    },
    /// A nominee whose submission is not in competition (its status is not `selected`).
    NomineeNotSelected {
        film: String,
        status: String,
        categories: Vec<String>,
    },
    /// The category could not be counted; the reason says why.
    CountFailed { category: String, reason: String },
}

impl Incomplete {
    /// The item's short name, as `palmares --check` and the JSON `item` field print it.
    pub fn item(&self) -> &'static str {
        match self {
            Incomplete::NotAwarded { .. } => "not-awarded",
            Incomplete::BallotsMissing { .. } => "ballots-missing",
            Incomplete::AwardOutOfDate { .. } => "award-out-of-date",
            Incomplete::CategoryEmptied { .. } => "category-emptied",
            Incomplete::WinnerIneligible { .. } => "winner-ineligible",
            Incomplete::NomineeNotSelected { .. } => "nominee-not-selected",
            Incomplete::CountFailed { .. } => "count-failed",
        }
    }
}

impl fmt::Display for Incomplete {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Incomplete::NotAwarded { category } => write!(f, "{category} has no award yet"),
            Incomplete::BallotsMissing { category, jurors } => write!(
                f,
                "{category}: {} ballot(s) missing ({})",
                jurors.len(),
                jurors.join(", ")
            ),
            Incomplete::AwardOutOfDate {
                category,
                recorded,
                count_now,
            } => write!(
                f,
                "{category} was awarded to {} but the ballots now give {count_now}: record the award again",
                recorded.join(" and ")
            ),
            Incomplete::CategoryEmptied { category, films } => {
                let held: Vec<String> = films
                    .iter()
                    .map(|h| format!("{} holds {}", h.film, h.prizes.join(" and ")))
                    .collect();
                write!(
                    f,
                    "{category} has no nominee left to count: {} (one prize per film); change an award, or make {category} combinable",
                    held.join("; ")
                )
            }
            Incomplete::WinnerIneligible {
                category,
                winner,
                status,
            } => write!(
                f,
                "{category} was awarded to {winner}, whose submission is now {status}: decide the award again"
            ),
            Incomplete::NomineeNotSelected {
                film,
                status,
                categories,
            } => write!(
                f,
                "{film} is nominated in {} but its submission is {status}, not selected for competition",
                categories.join(", ")
            ),
            Incomplete::CountFailed { category, reason } => {
                write!(f, "{category} cannot be counted: {reason}")
            }
        }
    }
}
