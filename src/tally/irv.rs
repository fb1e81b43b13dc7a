//! Instant run-off: each ballot counts for its highest-ranked nominee still in the count. A nominee with
//! more than half of the ballots still active wins; otherwise the nominee(s) with the fewest votes are
//! eliminated, all of those tied for fewest together (eliminating one of them would need an arbitrary
//! choice), unless that would eliminate everyone left: then those left are tied and the tie-break chain
//! takes over. Ballots whose ranked nominees are all eliminated are exhausted and drop out.

use super::ties::{TieContext, settle};
use super::{Count, Method, Outcome, Round, TallyError, ballots, blank, names, plural};

pub(super) fn count(input: &Count<'_>) -> Result<Outcome, TallyError> {
    let n = input.nominees.len();
    let rankings = ballots::ranked("irv", input.nominees, input.ballots)?;
    let mut outcome = blank(Method::Irv, n);
    if input.ballots.is_empty() {
        return Ok(outcome);
    }
    outcome.notes.push(
        "Each ballot counts for its highest-ranked nominee still in the count; more than half of the active ballots wins."
            .to_string(),
    );
    let mut continuing = vec![true; n];
    // Each ballot's position in its ranking: the first nominee not yet eliminated.
    let mut cursor = vec![0usize; rankings.len()];
    // Eliminated groups, in order, for the ranking.
    let mut eliminated_groups: Vec<Vec<usize>> = Vec::new();
    let mut number = 0u32;
    let final_tiers = loop {
        number += 1;
        let mut votes = vec![0u64; n];
        let mut active = 0u64;
        for (ranking, pos) in rankings.iter().zip(cursor.iter_mut()) {
            while *pos < ranking.len() && !continuing[ranking[*pos]] {
                *pos += 1;
            }
            if let Some(&c) = ranking.get(*pos) {
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
        let mut round = Round {
            number,
            counts,
            eliminated: Vec::new(),
            active,
            exhausted,
            note: String::new(),
        };
        if 2 * most > active {
            round.note = format!(
                "{} has {most} of {} active ballots, more than half: elected.",
                names(input.nominees, &leader),
                active
            );
            outcome.rounds.push(round);
            break tiers_of(&left, &votes);
        }
        let lowest: Vec<usize> = left
            .iter()
            .copied()
            .filter(|&c| votes[c] == fewest)
            .collect();
        if lowest.len() == left.len() {
            round.note = if left.len() == 1 {
                format!("{} is the only nominee left.", names(input.nominees, &left))
            } else {
                format!(
                    "{} are tied with {fewest} of {active} active ballots each: eliminating the fewest would eliminate everyone left.",
                    names(input.nominees, &left)
                )
            };
            outcome.rounds.push(round);
            break vec![left];
        }
        round.note = format!(
            "No one has more than half of {active} active ballots; {} {} the fewest ({fewest}) and {} eliminated.",
            names(input.nominees, &lowest),
            if lowest.len() == 1 { "has" } else { "share" },
            if lowest.len() == 1 { "is" } else { "are" },
        );
        if exhausted > 0 {
            round.note.push_str(&format!(
                " {} {} exhausted.",
                plural(exhausted, "ballot"),
                if exhausted == 1 { "is" } else { "are" }
            ));
        }
        for &c in &lowest {
            continuing[c] = false;
        }
        round.eliminated = lowest.clone();
        outcome.rounds.push(round);
        eliminated_groups.push(lowest);
    };
    outcome.notes.extend(
        outcome
            .rounds
            .iter()
            .map(|r| format!("Round {}: {}", r.number, r.note)),
    );
    let mut ranking = final_tiers;
    ranking.extend(eliminated_groups.into_iter().rev());
    let (earlier, _) = outcome
        .rounds
        .split_at(outcome.rounds.len().saturating_sub(1));
    let ctx = TieContext {
        nominees: input.nominees,
        chain: input.tie_breaks,
        casting_vote: input.casting_vote,
        rankings: Some(&rankings),
        earlier_rounds: earlier,
    };
    let settled = settle(ranking, &ctx);
    outcome.winners = settled.winners;
    outcome.tie = settled.tie;
    outcome.ranking = settled.ranking;
    outcome.tie_breaks_applied = settled.applied;
    outcome.notes.extend(settled.notes);
    Ok(outcome)
}

/// The nominees left in the final round, in tiers by their final votes.
fn tiers_of(left: &[usize], votes: &[u64]) -> Vec<Vec<usize>> {
    let keys: Vec<u64> = left.iter().map(|&c| votes[c]).collect();
    super::tiers_desc(&keys)
        .into_iter()
        .map(|tier| tier.into_iter().map(|i| left[i]).collect())
        .collect()
}
