//! Majority rounds (Cannes / Berlinale style): each recorded round is counted in order over the votes
//! cast in it. Rounds 1..=k need an absolute majority (more than half of the votes cast in the round),
//! later rounds a relative majority (the most votes). The first round that produces a winner decides;
//! a tie in a relative-majority round goes to the tie-break chain. When the last recorded round decides
//! nothing the count is undecided and says which round the jury must hold next.

use std::collections::BTreeSet;

use super::ties::{TieContext, settle};
use super::{Count, Method, Outcome, Round, TallyError, ballots, blank, names, plural};

pub(super) fn count(input: &Count<'_>, absolute_rounds: u32) -> Result<Outcome, TallyError> {
    let n = input.nominees.len();
    let method = Method::MajorityRounds { absolute_rounds };
    let votes = ballots::rounds("majority-rounds", n, input.ballots)?;
    let mut outcome = blank(method, n);
    if input.ballots.is_empty() {
        return Ok(outcome);
    }
    outcome.notes.push(match absolute_rounds {
        0 => "Every round is won by a relative majority (the most votes).".to_string(),
        1 => "Round 1 needs an absolute majority (more than half of the votes cast); later rounds a relative majority.".to_string(),
        k => format!(
            "Rounds 1 to {k} need an absolute majority (more than half of the votes cast); later rounds a relative majority."
        ),
    });
    let recorded: BTreeSet<u32> = votes
        .iter()
        .flat_map(|v| v.iter().map(|&(r, _)| r))
        .collect();
    let ballots_total = input.ballots.len() as u64;
    for (i, &number) in recorded.iter().enumerate() {
        if u32::try_from(i + 1) != Ok(number) {
            outcome.notes.push(format!(
                "Round {number} is counted as recorded, though round {} has no votes.",
                i + 1
            ));
        }
        let mut counts = vec![0u64; n];
        for ballot in &votes {
            if let Some(&(_, c)) = ballot.iter().find(|&&(r, _)| r == number) {
                counts[c] += 1;
            }
        }
        let cast: u64 = counts.iter().sum();
        let ranking = super::tiers_desc(&counts);
        let top = ranking.first().cloned().unwrap_or_default();
        let best = top.first().map_or(0, |&c| counts[c]);
        let absolute = number <= absolute_rounds;
        let (decides, note) = if cast == 0 {
            (false, format!("Round {number}: no votes were cast."))
        } else if absolute {
            if 2 * best > cast {
                (
                    true,
                    format!(
                        "Round {number}: {} has {best} of {cast} votes, an absolute majority.",
                        names(input.nominees, &top)
                    ),
                )
            } else {
                (
                    false,
                    format!(
                        "Round {number}: no absolute majority (more than {} of {cast} votes needed; the most is {best}).",
                        cast / 2
                    ),
                )
            }
        } else if top.len() == 1 {
            (
                true,
                format!(
                    "Round {number}: {} has the most votes ({best} of {cast}), a relative majority.",
                    names(input.nominees, &top)
                ),
            )
        } else {
            (
                true,
                format!(
                    "Round {number}: {} tie with {best} of {cast} votes each.",
                    names(input.nominees, &top)
                ),
            )
        };
        outcome.rounds.push(Round {
            number,
            counts: counts.iter().copied().enumerate().collect(),
            eliminated: Vec::new(),
            active: cast,
            exhausted: ballots_total - cast,
            note: note.clone(),
        });
        outcome.notes.push(note);
        outcome.ranking = ranking.clone();
        if decides {
            let later = recorded.iter().filter(|&&r| r > number).count() as u64;
            if later > 0 {
                outcome.notes.push(format!(
                    "{} recorded after round {number} {} not counted: round {number} decided.",
                    plural(later, "round"),
                    if later == 1 { "is" } else { "are" }
                ));
            }
            let (earlier, _) = outcome.rounds.split_at(outcome.rounds.len() - 1);
            let ctx = TieContext {
                nominees: input.nominees,
                chain: input.tie_breaks,
                casting_vote: input.casting_vote,
                rankings: None,
                earlier_rounds: earlier,
            };
            let settled = settle(ranking, &ctx);
            let unresolved = settled.winners.len() > 1;
            outcome.winners = settled.winners;
            outcome.tie = settled.tie;
            outcome.ranking = settled.ranking;
            outcome.tie_breaks_applied = settled.applied;
            outcome.notes.extend(settled.notes);
            if unresolved {
                outcome.notes.push(format!(
                    "The jury may hold round {} to break the tie.",
                    number.saturating_add(1)
                ));
            }
            return Ok(outcome);
        }
    }
    let next = recorded.last().map_or(1, |&r| r.saturating_add(1));
    outcome.notes.push(format!(
        "No round has decided yet: round {next} is needed ({}).",
        if next <= absolute_rounds {
            "absolute majority"
        } else {
            "relative majority"
        }
    ));
    Ok(outcome)
}
