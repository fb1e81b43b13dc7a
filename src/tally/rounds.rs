//! Majority rounds (Cannes / Berlinale style): each round is counted in order over the votes cast in
//! it. Rounds 1..=k need an absolute majority (more than half of the votes cast in the round), later
//! rounds a relative majority (the most votes). The first round that produces a winner decides; a tie
//! in a relative-majority round goes to the tie-break chain, and a tie the chain leaves standing is
//! broken by the next round when the jury holds one. When the last round decides nothing the count is
//! undecided and says which round the jury must hold next.
//!
//! Given the electorate (docs/counting.md#provisional-counts), a round is counted only once every
//! juror entitled to vote has voted in it, and rounds are consecutive: the first incomplete round
//! stops the count, is reported as pending (how many votes, who is still to vote) and nothing after
//! it is counted. A partial round never decides, so entering votes one juror at a time never shows
//! an early winner.

use std::collections::BTreeSet;

use super::ties::{TieContext, settle};
use super::{
    Count, Method, Outcome, PendingRound, Round, TallyError, ballots, blank, names, plural,
};

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
    let last_void = input.void_votes.iter().map(|&(_, r)| r).max().unwrap_or(0);
    let last_recorded = recorded.last().copied().unwrap_or(0).max(last_void);
    // With an electorate every round from 1 is visited in turn (a gap is an incomplete round);
    // without one, the rounds as recorded.
    let visit: Vec<u32> = match input.electorate {
        Some(_) => (1..=last_recorded).collect(),
        None => recorded.iter().copied().collect(),
    };
    let ballots_total = input.ballots.len() as u64;
    let mut standing_tie = None;
    for (i, &number) in visit.iter().enumerate() {
        if u32::try_from(i + 1) != Ok(number) {
            outcome.notes.push(format!(
                "Round {number} is counted as recorded, though round {} has no votes.",
                i + 1
            ));
        }
        let vote_in = |ballot: &[(u32, usize)]| ballot.iter().find(|&&(r, _)| r == number).copied();
        if let Some(electorate) = input.electorate {
            let void_here = |name: &str| {
                input
                    .void_votes
                    .iter()
                    .any(|(voter, round)| voter == name && *round == number)
            };
            let waiting: Vec<String> = electorate
                .iter()
                .filter(|name| {
                    !void_here(name)
                        && !input
                            .ballots
                            .iter()
                            .zip(&votes)
                            .any(|(b, v)| &b.voter == *name && vote_in(v).is_some())
                })
                .cloned()
                .collect();
            if !waiting.is_empty() {
                let cast = (electorate.len() - waiting.len()) as u64;
                let of = electorate.len() as u64;
                outcome.notes.push(format!(
                    "Round {number} is not complete: {cast} of {of} votes cast; still to vote: {}. It is counted once every juror who may vote has voted in it.",
                    waiting.join(", ")
                ));
                let later = recorded.iter().filter(|&&r| r > number).count() as u64;
                if later > 0 {
                    outcome.notes.push(format!(
                        "Votes recorded in {} after it are not counted until round {number} is complete.",
                        plural(later, "later round")
                    ));
                }
                outcome.pending_round = Some(PendingRound {
                    number,
                    cast,
                    electorate: of,
                    waiting,
                });
                return Ok(outcome);
            }
        }
        let mut counts = vec![0u64; n];
        for ballot in &votes {
            if let Some((_, c)) = vote_in(ballot) {
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
            transfers: Vec::new(),
        });
        outcome.notes.push(note);
        outcome.ranking.clone_from(&ranking);
        standing_tie = None;
        if decides {
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
            if unresolved && number < last_recorded {
                // The jury held another round to break the tie: it decides in its turn.
                outcome.notes.push(format!(
                    "The tie stands; round {} was held to break it.",
                    number.saturating_add(1)
                ));
                standing_tie = Some(number);
                continue;
            }
            let later = recorded.iter().filter(|&&r| r > number).count() as u64;
            if later > 0 {
                outcome.notes.push(format!(
                    "{} recorded after round {number} {} not counted: round {number} decided.",
                    plural(later, "round"),
                    if later == 1 { "is" } else { "are" }
                ));
            }
            if unresolved {
                outcome.notes.push(format!(
                    "The jury may hold round {} to break the tie.",
                    number.saturating_add(1)
                ));
            }
            return Ok(outcome);
        }
        // A round that decides nothing after a standing tie clears the tie's result.
        outcome.winners.clear();
        outcome.tie = false;
        outcome.tie_breaks_applied.clear();
    }
    if let Some(number) = standing_tie {
        outcome.notes.push(format!(
            "The jury may hold round {} to break the tie.",
            number.saturating_add(1)
        ));
        return Ok(outcome);
    }
    let next = last_recorded.saturating_add(1);
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

#[cfg(test)]
mod tests {
    use super::super::{Ballot, Content, Count, Method, Outcome, TieBreak, count};

    const M: Method = Method::MajorityRounds { absolute_rounds: 2 };

    fn labels() -> Vec<String> {
        ["A", "B", "C"].iter().map(ToString::to_string).collect()
    }

    fn jury(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("J{i}")).collect()
    }

    fn ballot(voter: &str, votes: &[(u32, usize)]) -> Ballot {
        Ballot {
            voter: voter.to_string(),
            content: Content::Rounds(votes.to_vec()),
        }
    }

    fn run(ballots: &[Ballot], electorate: Option<&[String]>, chain: &[TieBreak]) -> Outcome {
        let nominees = labels();
        count(
            M,
            &Count {
                nominees: &nominees,
                ballots,
                excluded: &[],
                tie_breaks: chain,
                casting_vote: None,
                electorate,
                void_votes: &[],
            },
        )
        .expect("counts")
    }

    /// Issue 12 finding 1: one juror's vote in round 3 made "the most votes (1 of 1)".
    #[test]
    fn a_round_with_one_vote_of_five_is_pending_and_decides_nothing() {
        let five = jury(5);
        let mut ballots: Vec<Ballot> = five
            .iter()
            .zip([0, 0, 1, 1, 2])
            .map(|(j, c)| ballot(j, &[(1, c), (2, c)]))
            .collect();
        ballots[0] = ballot("J1", &[(1, 0), (2, 0), (3, 2)]);
        let o = run(&ballots, Some(&five), &[]);
        assert!(o.winners.is_empty() && !o.decided, "{o:?}");
        assert_eq!(o.rounds.len(), 2, "rounds 1 and 2 are counted");
        let pending = o.pending_round.expect("round 3 is pending");
        assert_eq!(
            (pending.number, pending.cast, pending.electorate),
            (3, 1, 5)
        );
        assert_eq!(pending.waiting, ["J2", "J3", "J4", "J5"]);
        // The same ballots without an electorate count round 3 as recorded (the engine's old rule).
        let as_recorded = run(&ballots, None, &[]);
        assert_eq!(as_recorded.winners, [2]);
        assert!(as_recorded.pending_round.is_none());
    }

    #[test]
    fn a_juror_without_a_ballot_keeps_round_one_pending() {
        let three = jury(3);
        let ballots = [ballot("J1", &[(1, 0)]), ballot("J2", &[(1, 0)])];
        let o = run(&ballots, Some(&three), &[]);
        assert!(o.winners.is_empty());
        assert!(o.rounds.is_empty());
        let pending = o.pending_round.expect("pending");
        assert_eq!((pending.number, pending.cast), (1, 2));
        assert_eq!(pending.waiting, ["J3"]);
        let o = run(
            &[
                ballots[0].clone(),
                ballots[1].clone(),
                ballot("J3", &[(1, 1)]),
            ],
            Some(&three),
            &[],
        );
        assert_eq!(
            o.winners,
            [0],
            "2 of 3 is an absolute majority once all have voted"
        );
        assert!(o.pending_round.is_none());
    }

    #[test]
    fn a_skipped_round_stops_the_count_there() {
        let two = jury(2);
        let ballots = [
            ballot("J1", &[(1, 0), (3, 0)]),
            ballot("J2", &[(1, 1), (3, 0)]),
        ];
        let o = run(&ballots, Some(&two), &[]);
        assert_eq!(o.rounds.len(), 1);
        let pending = o.pending_round.expect("round 2 has no votes");
        assert_eq!((pending.number, pending.cast), (2, 0));
        assert!(
            o.winners.is_empty(),
            "round 3 is never counted past the gap"
        );
    }

    #[test]
    fn a_standing_tie_is_broken_by_the_next_round() {
        let four = jury(4);
        let m1 = Method::MajorityRounds { absolute_rounds: 1 };
        let nominees = labels();
        let tied: Vec<Ballot> = four
            .iter()
            .zip([0, 0, 1, 1])
            .map(|(j, c)| ballot(j, &[(1, c), (2, c)]))
            .collect();
        let counted = |ballots: &[Ballot]| {
            count(
                m1,
                &Count {
                    nominees: &nominees,
                    ballots,
                    excluded: &[],
                    tie_breaks: &[],
                    casting_vote: None,
                    electorate: Some(&four),
                    void_votes: &[],
                },
            )
            .expect("counts")
        };
        let o = counted(&tied);
        assert_eq!(o.winners, [0, 1], "round 2 (relative) ties");
        assert!(o.notes.iter().any(|n| n.contains("may hold round 3")));
        // Round 3 under way: the tie is shown, round 3 is pending.
        let mut third = tied.clone();
        third[0] = ballot("J1", &[(1, 0), (2, 0), (3, 1)]);
        let o = counted(&third);
        assert_eq!(o.pending_round.as_ref().map(|p| p.number), Some(3));
        assert_eq!(o.winners, [0, 1]);
        // Round 3 complete: B wins it.
        let done: Vec<Ballot> = four
            .iter()
            .zip([(0, 1), (0, 1), (1, 1), (1, 0)])
            .map(|(j, (c, d))| ballot(j, &[(1, c), (2, c), (3, d)]))
            .collect();
        let o = counted(&done);
        assert_eq!(o.winners, [1]);
        assert_eq!(o.rounds.len(), 3);
        assert!(o.pending_round.is_none());
    }
}
