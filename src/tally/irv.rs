//! Instant run-off (docs/counting.md#methods, `irv`): each ballot counts for its highest-ranked
//! nominee still in the count. A nominee with more than half of the continuing ballots (those that
//! still rank someone in the count) is elected: with 98 continuing ballots, 50 are needed.
//! Otherwise the nominee with the fewest votes is eliminated and their ballots go to the next nominee
//! still in the count on each, or are exhausted when they rank no one left.
//!
//! **Ties for fewest.** Nominees tied for fewest are eliminated together only when that cannot change
//! the outcome: when their votes together are fewer than the next nominee's. Then whichever of them
//! went first, the others would still have fewer votes than anyone else and go next, so one at a time
//! ends where all at once does. Otherwise the order matters (A×6, B>D×4, C>B×4, D>C×5: eliminating B
//! first elects D, C first elects B) and it is an **elimination tie**: the category's tie-break chain
//! picks whom to eliminate (`count-back`: the fewest votes in the most recent earlier round where the
//! tied differed; `borda`: the fewest Borda points among them; `draw:SEED`: the last of the drawn
//! order; `casting-vote`: the president's choice stays in), the elimination is marked as resting on a
//! tie-break and the count goes on. When the chain cannot separate them (or is `none`), the count
//! stops there: no winner, `tie` is set and the tied nominees are named; the jury decides whom to
//! eliminate. When everyone left is tied and only two remain (or no ballot is continuing), it is a tie
//! for first, settled by the chain as in every method.

use super::ties::{TieContext, settle, settle_elimination};
use super::{
    AppliedTieBreak, Count, EliminationTie, Method, Outcome, Round, TallyError, Transfer, ballots,
    blank, names, tie_break_label,
};

/// How a round ends.
enum End {
    /// Tiers of the nominees left, by final votes: a winner or a tie for first.
    Final(Vec<Vec<usize>>),
    /// An elimination tie the chain left standing.
    Undecided,
}

pub(super) fn count(input: &Count<'_>) -> Result<Outcome, TallyError> {
    let n = input.nominees.len();
    let rankings = ballots::ranked("irv", input.nominees, input.ballots)?;
    let mut outcome = blank(Method::Irv, n);
    if input.ballots.is_empty() {
        return Ok(outcome);
    }
    outcome.notes.push(
        "Each ballot counts for its highest-ranked nominee still in the count; more than half of the continuing ballots (those that still rank a nominee in the count) elects."
            .to_string(),
    );
    let mut continuing = vec![true; n];
    // Each ballot's position in its ranking: the first nominee not yet eliminated.
    let mut cursor = vec![0usize; rankings.len()];
    for (ranking, pos) in rankings.iter().zip(cursor.iter_mut()) {
        advance(ranking, pos, &continuing);
    }
    // Eliminated groups, in order, for the ranking.
    let mut eliminated_groups: Vec<Vec<usize>> = Vec::new();
    let mut elimination_breaks: Vec<AppliedTieBreak> = Vec::new();
    let mut rested = Vec::new();
    let mut number = 0u32;
    let end = loop {
        number += 1;
        let mut votes = vec![0u64; n];
        let mut active = 0u64;
        for (ranking, &pos) in rankings.iter().zip(&cursor) {
            if let Some(&c) = ranking.get(pos) {
                votes[c] += 1;
                active += 1;
            }
        }
        let exhausted = rankings.len() as u64 - active;
        let left: Vec<usize> = (0..n).filter(|&c| continuing[c]).collect();
        let counts: Vec<(usize, u64)> = left.iter().map(|&c| (c, votes[c])).collect();
        let most = left.iter().map(|&c| votes[c]).max().unwrap_or(0);
        let fewest = left.iter().map(|&c| votes[c]).min().unwrap_or(0);
        let leader: Vec<usize> = left.iter().copied().filter(|&c| votes[c] == most).collect();
        let needed = active / 2 + 1;
        let mut round = Round {
            number,
            counts,
            eliminated: Vec::new(),
            active,
            exhausted,
            note: String::new(),
            transfers: Vec::new(),
        };
        if 2 * most > active {
            round.note = format!(
                "{} has {most} of {active} continuing ballots ({needed} needed): elected.",
                names(input.nominees, &leader),
            );
            outcome.rounds.push(round);
            break End::Final(tiers_of(&left, &votes));
        }
        let lowest: Vec<usize> = left
            .iter()
            .copied()
            .filter(|&c| votes[c] == fewest)
            .collect();
        if left.len() == 1 {
            round.note = format!("{} is the only nominee left.", names(input.nominees, &left));
            outcome.rounds.push(round);
            break End::Final(vec![left]);
        }
        if lowest.len() == left.len() && (left.len() == 2 || active == 0) {
            round.note = format!(
                "{} are tied with {fewest} of {active} continuing ballots each: a tie for first.",
                names(input.nominees, &left)
            );
            outcome.rounds.push(round);
            break End::Final(vec![left]);
        }
        let next = left.iter().map(|&c| votes[c]).filter(|&v| v > fewest).min();
        let together = fewest * lowest.len() as u64;
        let head =
            format!("No one has more than half of {active} continuing ballots ({needed} needed)");
        let out: Vec<usize> = if lowest.len() == 1 {
            round.note = format!(
                "{head}; {} has the fewest ({fewest}) and is eliminated.",
                names(input.nominees, &lowest)
            );
            lowest
        } else if next.is_some_and(|next| together < next) {
            round.note = format!(
                "{head}; {} share the fewest ({fewest} each, {together} together, fewer than the next nominee's {}) and are eliminated together: the order among them cannot change the outcome.",
                names(input.nominees, &lowest),
                next.unwrap_or(0)
            );
            lowest
        } else {
            let why = match next {
                Some(next) => format!(
                    "{together} together, not fewer than the next nominee's {next}, so the order of their elimination can change the outcome"
                ),
                None => "everyone left is tied".to_string(),
            };
            let picked = settle_elimination(&lowest, &context(input, &rankings, &outcome.rounds));
            elimination_breaks.extend(picked.applied.into_iter().map(|mut t| {
                t.elimination = Some(number);
                t
            }));
            if let Some(c) = picked.eliminated {
                let rule = elimination_breaks
                    .iter()
                    .rev()
                    .find(|t| t.elimination == Some(number) && t.result.len() < t.among.len())
                    .map_or_else(|| "the chain".to_string(), |t| tie_break_label(t.rule));
                round.note = format!(
                    "{head}; {} are tied for fewest ({fewest} each; {why}): an elimination tie. The tie-break ({rule}) eliminates {}.",
                    names(input.nominees, &lowest),
                    names(input.nominees, &[c])
                );
                rested.push(format!(
                    "The result rests on a tie-break: {rule} decided to eliminate {} in round {number}.",
                    names(input.nominees, &[c])
                ));
                vec![c]
            } else {
                round.note = format!(
                    "{head}; {} are tied for fewest ({fewest} each; {why}): an elimination tie. The jury decides whom to eliminate.",
                    names(input.nominees, &picked.standing)
                );
                outcome.elimination_tie = Some(EliminationTie {
                    round: number,
                    among: picked.standing,
                });
                outcome.rounds.push(round);
                break End::Undecided;
            }
        };
        for &c in &out {
            continuing[c] = false;
        }
        round.transfers = transfer(&rankings, &mut cursor, &continuing, &out, n);
        round.eliminated.clone_from(&out);
        outcome.rounds.push(round);
        eliminated_groups.push(out);
    };
    outcome.notes.extend(
        outcome
            .rounds
            .iter()
            .map(|r| format!("Round {}: {}", r.number, r.note)),
    );
    outcome.tie_breaks_applied = elimination_breaks;
    outcome.rested_on_tie = !rested.is_empty();
    let final_tiers = match end {
        End::Final(tiers) => tiers,
        End::Undecided => {
            let tied = outcome
                .elimination_tie
                .as_ref()
                .map(|t| t.among.clone())
                .unwrap_or_default();
            outcome.tie = true;
            outcome.notes.extend(rested);
            outcome.notes.push(format!(
                "Elimination tie between {}: the jury decides whom to eliminate. No winner until then.",
                names(input.nominees, &tied)
            ));
            return Ok(outcome);
        }
    };
    let mut ranking = final_tiers;
    ranking.extend(eliminated_groups.into_iter().rev());
    let (earlier, _) = outcome
        .rounds
        .split_at(outcome.rounds.len().saturating_sub(1));
    let settled = settle(ranking, &context(input, &rankings, earlier));
    outcome.winners = settled.winners;
    outcome.tie = settled.tie;
    outcome.ranking = settled.ranking;
    outcome.tie_breaks_applied.extend(settled.applied);
    outcome.notes.extend(settled.notes);
    outcome.notes.extend(rested);
    Ok(outcome)
}

/// What the tie-breaks may consult: the rankings, and the rounds before the one that tied.
fn context<'a>(
    input: &'a Count<'_>,
    rankings: &'a [&'a [usize]],
    earlier_rounds: &'a [Round],
) -> TieContext<'a> {
    TieContext {
        nominees: input.nominees,
        chain: input.tie_breaks,
        casting_vote: input.casting_vote,
        rankings: Some(rankings),
        earlier_rounds,
    }
}

/// Moves `pos` to the first nominee of `ranking` still in the count (or past the end: exhausted).
fn advance(ranking: &[usize], pos: &mut usize, continuing: &[bool]) {
    while *pos < ranking.len() && !continuing[ranking[*pos]] {
        *pos += 1;
    }
}

/// Moves the ballots of the nominees just eliminated (`out`, already marked as not continuing) on to
/// their next nominee still in the count, and says where each eliminated nominee's ballots went.
fn transfer(
    rankings: &[&[usize]],
    cursor: &mut [usize],
    continuing: &[bool],
    out: &[usize],
    n: usize,
) -> Vec<Transfer> {
    let mut to = vec![vec![0u64; n]; out.len()];
    let mut exhausted = vec![0u64; out.len()];
    for (ranking, pos) in rankings.iter().zip(cursor.iter_mut()) {
        let Some(from) = ranking
            .get(*pos)
            .and_then(|c| out.iter().position(|o| o == c))
        else {
            continue;
        };
        advance(ranking, pos, continuing);
        match ranking.get(*pos) {
            Some(&c) => to[from][c] += 1,
            None => exhausted[from] += 1,
        }
    }
    out.iter()
        .enumerate()
        .map(|(i, &from)| {
            let mut received: Vec<(usize, u64)> = to[i]
                .iter()
                .copied()
                .enumerate()
                .filter(|&(_, v)| v > 0)
                .collect();
            received.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            Transfer {
                from,
                to: received,
                exhausted: exhausted[i],
            }
        })
        .collect()
}

/// The nominees left in the final round, in tiers by their final votes.
fn tiers_of(left: &[usize], votes: &[u64]) -> Vec<Vec<usize>> {
    let keys: Vec<u64> = left.iter().map(|&c| votes[c]).collect();
    super::tiers_desc(&keys)
        .into_iter()
        .map(|tier| tier.into_iter().map(|i| left[i]).collect())
        .collect()
}

#[cfg(test)]
mod tests;
