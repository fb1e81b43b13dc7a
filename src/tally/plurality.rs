//! Plurality: most first choices. A ranked ballot counts for its first choice (a one-entry ranking is a
//! single vote); a round-vote ballot counts for its round-1 vote.

use super::ties::{TieContext, settle};
use super::{Count, Method, Outcome, Round, ScoreLine, TallyError, ballots, blank, names, plural};

pub(super) fn count(input: &Count<'_>) -> Result<Outcome, TallyError> {
    let n = input.nominees.len();
    let ballots::FirstChoices { firsts, rankings } =
        ballots::first_choices(input.nominees, input.ballots)?;
    let mut outcome = blank(Method::Plurality, n);
    if input.ballots.is_empty() {
        return Ok(outcome);
    }
    let mut votes = vec![0u64; n];
    for c in firsts.iter().flatten() {
        votes[*c] += 1;
    }
    let active: u64 = votes.iter().sum();
    let blank_ballots = firsts.len() as u64 - active;
    let ranking = super::tiers_desc(&votes);
    let top = ranking.first().cloned().unwrap_or_default();
    let note = format!(
        "{} {} the most first choices ({} of {}).",
        names(input.nominees, &top),
        if top.len() == 1 { "has" } else { "share" },
        votes[top.first().copied().unwrap_or(0)],
        active
    );
    outcome.rounds.push(Round {
        number: 1,
        counts: votes.iter().copied().enumerate().collect(),
        eliminated: Vec::new(),
        active,
        exhausted: blank_ballots,
        note: note.clone(),
        transfers: Vec::new(),
    });
    outcome
        .notes
        .push("Each ballot counts once, for its first choice.".to_string());
    if blank_ballots > 0 {
        outcome.notes.push(format!(
            "{} named no first choice and count for no one.",
            plural(blank_ballots, "ballot")
        ));
    }
    outcome.notes.push(note);
    let ctx = TieContext {
        nominees: input.nominees,
        chain: input.tie_breaks,
        casting_vote: input.casting_vote,
        rankings: rankings.as_deref(),
        earlier_rounds: &[],
    };
    let settled = settle(ranking, &ctx);
    outcome.scores = settled
        .ranking
        .iter()
        .flatten()
        .map(|&c| ScoreLine {
            nominee: c,
            numerator: i128::from(votes[c]),
            denominator: 1,
            display: votes[c].to_string(),
            detail: format!("{} as first choice", plural(votes[c], "ballot")),
        })
        .collect();
    outcome.winners = settled.winners;
    outcome.tie = settled.tie;
    outcome.ranking = settled.ranking;
    outcome.tie_breaks_applied = settled.applied;
    outcome.notes.extend(settled.notes);
    Ok(outcome)
}
