//! Borda: n−1 points for a ballot's first choice … 0 for its last. Nominees a ballot leaves unranked
//! share the average of the points left (so a truncated ballot neither rewards nor punishes them
//! relative to each other). The average can be a half, so points are kept in half-points: exact, and
//! comparable as integers.

use super::fraction::Frac;
use super::ties::{TieContext, settle};
use super::{Count, Method, Outcome, ScoreLine, TallyError, ballots, blank, names};

/// Each nominee's Borda points, in half-points, over `rankings` of `n` nominees.
pub(super) fn half_points(n: usize, rankings: &[&[usize]]) -> Vec<i128> {
    let mut half = vec![0i128; n];
    // Unranked nominees get the same share on a ballot: add it to everyone once per ballot length, then
    // correct the ranked ones, instead of touching every unranked nominee on every ballot.
    let mut shared_by_len = vec![0i128; n + 1];
    let n = n as i128;
    for ranking in rankings {
        let k = ranking.len() as i128;
        shared_by_len[ranking.len()] += 1;
        for (p, &c) in ranking.iter().enumerate() {
            // Ranked: 2·(n−1−p) half-points; minus the share it received with everyone below.
            half[c] += 2 * (n - 1 - p as i128) - (n - k - 1);
        }
    }
    let shared: i128 = shared_by_len
        .iter()
        .enumerate()
        .map(|(k, &count)| count * (n - k as i128 - 1))
        .sum();
    for h in &mut half {
        *h += shared;
    }
    half
}

pub(super) fn count(input: &Count<'_>) -> Result<Outcome, TallyError> {
    let n = input.nominees.len();
    let rankings = ballots::ranked("borda", input.nominees, input.ballots)?;
    let mut outcome = blank(Method::Borda, n);
    if input.ballots.is_empty() {
        return Ok(outcome);
    }
    let half = half_points(n, &rankings);
    let truncated = rankings.iter().filter(|r| r.len() < n).count();
    outcome.notes.push(format!(
        "Each ballot gives {} point{} to its first choice, one fewer to each next, 0 to its last.",
        n - 1,
        if n == 2 { "" } else { "s" }
    ));
    if truncated > 0 {
        outcome.notes.push(format!(
            "{truncated} ballot{} rank only some nominees; the unranked share the average of the points left.",
            if truncated == 1 { "" } else { "s" }
        ));
    }
    let ranking = super::tiers_desc(&half);
    let top = ranking.first().cloned().unwrap_or_default();
    outcome.notes.push(format!(
        "{} {} the most points ({}).",
        names(input.nominees, &top),
        if top.len() == 1 { "has" } else { "share" },
        Frac::new(top.first().map_or(0, |&c| half[c]), 2).display()
    ));
    let ctx = TieContext {
        nominees: input.nominees,
        chain: input.tie_breaks,
        casting_vote: input.casting_vote,
        rankings: Some(&rankings),
        earlier_rounds: &[],
    };
    let settled = settle(ranking, &ctx);
    outcome.scores = settled
        .ranking
        .iter()
        .flatten()
        .map(|&c| {
            let points = Frac::new(half[c], 2);
            ScoreLine {
                nominee: c,
                numerator: points.num,
                denominator: points.den,
                display: points.display(),
                detail: format!("{} Borda points", points.display()),
            }
        })
        .collect();
    outcome.winners = settled.winners;
    outcome.tie = settled.tie;
    outcome.ranking = settled.ranking;
    outcome.tie_breaks_applied = settled.applied;
    outcome.notes.extend(settled.notes);
    Ok(outcome)
}
