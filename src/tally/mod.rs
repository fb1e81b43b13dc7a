//! Counting votes (docs/counting.md#methods): every method, the tie-break chain and the explanation
//! of a count.
//!
//! This module is pure: it sees nominees as labels and ballots as indices into them, and knows nothing
//! of the store, the terminal or files. The desk decides which ballots count (recusals, observers…) and
//! passes the others as [`Exclusion`]s so that the outcome can say why they were left out.
//!
//! Every count is deterministic and independent of the order of the ballots and of the nominees' labels:
//! ties are reported, never hidden, and settled only by the category's tie-break chain (`ties.rs`).
//! Arithmetic is exact (integers and fractions) except for `score-z`, which needs square roots (see
//! `score.rs`).

mod ballots;
mod beatpath;
mod borda;
mod error;
mod fraction;
mod irv;
mod plurality;
pub mod report;
mod restrict;
mod rounds;
mod schulze;
mod score;
mod ties;

use serde::{Deserialize, Serialize};

pub use crate::domain::{Method, TieBreak};
pub use beatpath::BeatPath;
pub use error::TallyError;
pub use restrict::without_nominees;
pub use ties::{draw_order, tie_break_label};

/// One juror's ballot; nominees are indices into [`Count::nominees`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    /// Who cast it: named in errors and explanations.
    pub voter: String,
    pub content: Content,
}

/// What a ballot says, in the shape its method needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Content {
    /// Nominees in order of preference, best first; nominees left out rank below all ranked ones,
    /// tied among themselves. A one-entry ranking is a single vote.
    Ranked(Vec<usize>),
    /// Nominee → score from 0 to 10; a nominee left out was not scored by this juror.
    Scored(Vec<(usize, u8)>),
    /// Deliberation rounds: round number (from 1) → the one nominee voted for.
    Rounds(Vec<(u32, usize)>),
}

/// A ballot left out of the count, and why (recused, observer, missing…): reported, never counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    pub voter: String,
    pub reason: String,
}

/// Everything a count needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count<'a> {
    /// Labels; the index is the nominee.
    pub nominees: &'a [String],
    /// Only the ballots to count.
    pub ballots: &'a [Ballot],
    /// Passed through to the outcome, so the explanation can list them.
    pub excluded: &'a [Exclusion],
    /// The chain, applied in order (docs/counting.md#ties); empty behaves as `none`.
    pub tie_breaks: &'a [TieBreak],
    /// The president's recorded choice, if any: used only by the `casting-vote` tie-break.
    pub casting_vote: Option<usize>,
    /// Everyone entitled to vote in this count, by name, whether or not their ballot is in `ballots`
    /// (docs/counting.md#provisional-counts). With it, `majority-rounds` counts a round only once
    /// each of them has voted in it, and never a later round while an earlier one is incomplete, so
    /// votes entered one juror at a time never decide early. The other methods ignore it (the desk
    /// says when a ballot is missing). `None` counts every round as recorded, for callers that hold
    /// only finished ballots.
    pub electorate: Option<&'a [String]>,
    /// Votes cast in a round for a nominee no longer in this count (the cascade of
    /// docs/counting.md#palmares-rules took its film), as (voter, round): counted for no one, but
    /// the voter has voted in that round, so it is complete without them voting again.
    pub void_votes: &'a [(String, u32)],
}

/// The result of a count and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub method: Method,
    pub ballots_used: usize,
    /// More than one = a tie the chain did not resolve; empty = undecided (majority-rounds needs
    /// another round) or no ballots. Sorted by nominee index.
    pub winners: Vec<usize>,
    /// The count itself ended in a tie for first (whether or not a tie-break then resolved it).
    pub tie: bool,
    /// The count reached a result: `!winners.is_empty()`. A tie the chain left standing is decided
    /// (as a tie); a majority-rounds count that needs another round, or a count without ballots, is not.
    pub decided: bool,
    /// Tiers, best first, covering every nominee; within a tier by nominee index. When a tie-break
    /// settled a tie for first, the winners come first and the nominees it set aside follow in tiers
    /// (those set aside by a later step of the chain above those set aside by an earlier one).
    /// Empty when the count is not decided (no ballots, a majority-rounds count that needs another
    /// round, an irv elimination tie left to the jury): there is no first tier to show, and a
    /// first tier of everyone would read as a tie.
    pub ranking: Vec<Vec<usize>>,
    /// irv and majority-rounds (and plurality as one round).
    pub rounds: Vec<Round>,
    /// schulze: preference counts and strongest paths.
    pub pairwise: Option<Pairwise>,
    /// Borda points, score means, first-choice counts; in ranking order.
    pub scores: Vec<ScoreLine>,
    pub excluded: Vec<Exclusion>,
    /// Every tie-break tried, in order.
    pub tie_breaks_applied: Vec<AppliedTieBreak>,
    /// Plain sentences explaining the count.
    pub notes: Vec<String>,
    /// majority-rounds with an electorate: the round the jury is voting in, when it has votes but is
    /// not complete yet. It is not counted, nor any round after it.
    #[serde(default)]
    pub pending_round: Option<PendingRound>,
    /// A tie-break of the chain decided an elimination (irv) or the result: the result rests on it,
    /// and a note says which.
    #[serde(default)]
    pub rested_on_tie: bool,
    /// irv: nominees tied for fewest whose order of elimination can change the outcome, and that the
    /// chain did not separate. The count stops there: no winner, `tie` set, the jury decides whom to
    /// eliminate.
    #[serde(default)]
    pub elimination_tie: Option<EliminationTie>,
    /// score-z: each juror's scale (mean, spread and the z-score of each nominee they scored), in
    /// ballot order.
    #[serde(default)]
    pub juror_scales: Vec<JurorScale>,
}

/// How one juror's scores were standardised (score-z).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorScale {
    pub voter: String,
    /// The mean of the scores they gave, as read (`6.5`).
    pub mean: String,
    /// Their population standard deviation over the nominees they scored, to three decimals; `0` for
    /// a juror with no spread (every score the same: all their z-scores are 0).
    pub spread: String,
    pub flat: bool,
    /// Nominee → score given and its z-score (`+1.225`), by nominee index.
    pub z: Vec<(usize, u8, String)>,
}

/// An elimination tie the chain left standing (irv).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EliminationTie {
    /// The round at whose end one of them is to be eliminated.
    pub round: u32,
    /// The nominees tied for fewest, by index.
    pub among: Vec<usize>,
}

/// A deliberation round still being voted: how far it has got, and who has not voted in it yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRound {
    pub number: u32,
    /// Votes cast in it so far by those entitled to vote.
    pub cast: u64,
    /// How many are entitled to vote in it.
    pub electorate: u64,
    /// Those entitled to vote who have not voted in it, in the electorate's order.
    pub waiting: Vec<String>,
}

/// One round of a round-based count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub number: u32,
    /// Votes per nominee still in the count (irv: continuing nominees; otherwise every nominee), by index.
    pub counts: Vec<(usize, u64)>,
    /// Nominees eliminated at the end of this round (irv).
    pub eliminated: Vec<usize>,
    /// Ballots that counted for someone in this round (majority-rounds: votes cast in the round).
    pub active: u64,
    /// Ballots that counted for no one (irv: exhausted; majority-rounds: jurors who did not vote in it).
    /// A running total: irv's ballots exhausted in this round are the difference from the round before.
    pub exhausted: u64,
    pub note: String,
    /// irv: where the ballots of the nominees eliminated at the end of this round went.
    #[serde(default)]
    pub transfers: Vec<Transfer>,
}

/// The ballots of one eliminated nominee, moved to the next nominee still in the count on each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub from: usize,
    /// Nominee → ballots received, by votes received (most first, then by index).
    pub to: Vec<(usize, u64)>,
    /// Ballots that rank no one still in the count: exhausted at this step.
    pub exhausted: u64,
}

/// The Schulze pairwise data, indexed by nominee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pairwise {
    /// `d[i][j]`: ballots preferring i to j (a ranked nominee is preferred to every unranked one).
    pub d: Vec<Vec<u64>>,
    /// `p[i][j]`: strength of the strongest path from i to j over margins; 0 when there is none.
    pub p: Vec<Vec<i64>>,
    /// The nominee preferred to each other one by more ballots than prefer that one, if any.
    #[serde(default)]
    pub condorcet_winner: Option<usize>,
    /// Without a Condorcet winner: a majority cycle (each beats the next, the last beats the first).
    #[serde(default)]
    pub cycle: Vec<usize>,
    /// The strongest path behind each win of the (first) winner.
    #[serde(default)]
    pub beat_paths: Vec<BeatPath>,
}

/// A nominee's number in a scoring count.
///
/// The value is `numerator / denominator` exactly (reduced, denominator > 0), except for `score-z`,
/// where it is the float mean rounded to nine decimals (denominator 10⁹). A denominator of 0 means the
/// nominee has no value (no juror scored it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreLine {
    pub nominee: usize,
    pub numerator: i128,
    pub denominator: i128,
    /// The value as people read it (`194`, `12.5`, `7.667`, `+0.426`, `—`).
    pub display: String,
    /// How the value was made (scores given, dropped, exact fraction…).
    pub detail: String,
}

impl ScoreLine {
    /// The value as a float, for charts; `None` when the nominee has none.
    pub fn value(&self) -> Option<f64> {
        (self.denominator != 0).then(|| self.numerator as f64 / self.denominator as f64)
    }
}

/// One step of the tie-break chain as it was applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedTieBreak {
    pub rule: TieBreak,
    /// The tied nominees it was applied to.
    pub among: Vec<usize>,
    /// Those still in after it (the same as `among` when the rule could not separate them).
    pub result: Vec<usize>,
    /// What it did: the casting vote, the Borda points, the round consulted, the seed and drawn order…
    pub detail: String,
    /// irv: the round whose elimination it decided (it looked for whom to eliminate, not for a winner);
    /// `None` for a tie for first.
    #[serde(default)]
    pub elimination: Option<u32>,
}

/// Counts `input` by `method`.
///
/// Errors when a ballot does not fit the method (wrong kind, a nominee out of range or twice, a score
/// above 10, a round numbered 0 or twice) or the casting vote names no nominee; each error names the voter.
pub fn count(method: Method, input: &Count<'_>) -> Result<Outcome, TallyError> {
    let n = input.nominees.len();
    if n == 0 {
        return Err(TallyError::NoNominees);
    }
    if let Some(c) = input.casting_vote
        && c >= n
    {
        return Err(TallyError::CastingVoteOutOfRange {
            nominee: c,
            count: n,
        });
    }
    let mut outcome = match method {
        Method::Plurality => plurality::count(input)?,
        Method::MajorityRounds { absolute_rounds } => rounds::count(input, absolute_rounds)?,
        Method::Borda => borda::count(input)?,
        Method::Irv => irv::count(input)?,
        Method::Schulze => schulze::count(input)?,
        Method::ScoreMean => score::count(input, score::Kind::Mean)?,
        Method::ScoreTrimmed => score::count(input, score::Kind::Trimmed)?,
        Method::ScoreZ => score::count(input, score::Kind::Z)?,
    };
    outcome.method = method;
    outcome.ballots_used = input.ballots.len();
    outcome.excluded = input.excluded.to_vec();
    outcome.decided = !outcome.winners.is_empty();
    if !outcome.decided {
        outcome.ranking.clear();
    }
    if outcome.tie && outcome.winners.len() == 1 {
        outcome.rested_on_tie = true;
        if let Some(step) = outcome
            .tie_breaks_applied
            .iter()
            .rev()
            .find(|t| t.elimination.is_none() && t.result.len() < t.among.len())
        {
            outcome.notes.push(format!(
                "The result rests on a tie-break: {} settled the tie for first.",
                tie_break_label(step.rule)
            ));
        }
    }
    if input.ballots.is_empty() {
        outcome
            .notes
            .insert(0, "There are no ballots to count.".to_string());
    }
    if !input.excluded.is_empty() {
        outcome.notes.push(exclusions_note(input.excluded));
    }
    Ok(outcome)
}

/// An outcome with nothing decided yet: the methods fill in what they found.
fn blank(method: Method, n: usize) -> Outcome {
    Outcome {
        method,
        ballots_used: 0,
        winners: Vec::new(),
        tie: false,
        decided: false,
        ranking: vec![(0..n).collect()],
        rounds: Vec::new(),
        pairwise: None,
        scores: Vec::new(),
        excluded: Vec::new(),
        tie_breaks_applied: Vec::new(),
        notes: Vec::new(),
        pending_round: None,
        rested_on_tie: false,
        elimination_tie: None,
        juror_scales: Vec::new(),
    }
}

fn exclusions_note(excluded: &[Exclusion]) -> String {
    let mut parts: Vec<String> = excluded
        .iter()
        .map(|e| format!("{} ({})", e.voter, e.reason))
        .collect();
    parts.sort();
    format!(
        "{} ballot{} left out of the count: {}.",
        excluded.len(),
        if excluded.len() == 1 {
            " was"
        } else {
            "s were"
        },
        parts.join("; ")
    )
}

/// Tiers from per-nominee keys, highest key first; equal keys share a tier, ordered by index.
fn tiers_desc<K: Ord + Copy>(keys: &[K]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[b].cmp(&keys[a]).then(a.cmp(&b)));
    let mut tiers: Vec<Vec<usize>> = Vec::new();
    for i in order {
        match tiers.last_mut() {
            Some(tier) if tier.first().is_some_and(|&f| keys[f] == keys[i]) => tier.push(i),
            _ => tiers.push(vec![i]),
        }
    }
    tiers
}

/// `A`, `A and B`, `A, B and C`: nominees named in a sentence.
fn names(nominees: &[String], set: &[usize]) -> String {
    let labels: Vec<&str> = set
        .iter()
        .map(|&i| nominees.get(i).map_or("?", String::as_str))
        .collect();
    match labels.as_slice() {
        [] => "no one".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// `1 ballot`, `3 ballots`.
fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod explain_tests;
