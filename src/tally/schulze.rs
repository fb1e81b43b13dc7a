//! Schulze (beat-path) on margins: the link i→j has strength d[i][j] − d[j][i] when positive; a path is
//! as strong as its weakest link; i beats j when the strongest path from i to j is stronger than the one
//! back. Nominees a ballot leaves unranked rank below all the nominees it ranks, tied among themselves.
//!
//! The order is built in layers: the nominees no remaining nominee beats, then the same among the rest.
//! The beat-path relation is transitive, so each layer is non-empty; nominees within a layer do not
//! beat each other (a tie when it is the first layer).

use super::ties::{TieContext, settle};
use super::{Count, Method, Outcome, Pairwise, TallyError, ballots, blank, names};

/// `d[i][j]`: ballots that prefer i to j, a ranked nominee being preferred to every unranked one.
pub(super) fn preferences(n: usize, rankings: &[&[usize]]) -> Vec<Vec<u64>> {
    // A nominee at position i of a ballot is preferred to every nominee except those ranked at or above
    // it. So add 1 to its whole row and take 1 back for each of those: k²/2 steps per ballot of k
    // ranked nominees, however many nominees are left unranked.
    let mut whole_row = vec![0i64; n];
    let mut back = vec![0i64; n * n];
    for ranking in rankings {
        for (i, &a) in ranking.iter().enumerate() {
            whole_row[a] += 1;
            let row = &mut back[a * n..(a + 1) * n];
            for &b in &ranking[..=i] {
                row[b] -= 1;
            }
        }
    }
    (0..n)
        .map(|a| {
            (0..n)
                .map(|b| {
                    if a == b {
                        0
                    } else {
                        // Never negative: every take-back had a matching whole-row add.
                        u64::try_from(whole_row[a] + back[a * n + b]).unwrap_or(0)
                    }
                })
                .collect()
        })
        .collect()
}

/// Strongest paths over margins (Floyd–Warshall with max-min); 0 where there is no path.
pub(super) fn strongest_paths(d: &[Vec<u64>]) -> Vec<Vec<i64>> {
    let n = d.len();
    let mut p: Vec<Vec<i64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let margin = d[i][j] as i64 - d[j][i] as i64;
                    if i != j && margin > 0 { margin } else { 0 }
                })
                .collect()
        })
        .collect();
    for k in 0..n {
        // Row k does not change while k is the intermediate (its own row is skipped below).
        let from_k = p[k].clone();
        for (i, row) in p.iter_mut().enumerate() {
            let via = row[k];
            if i == k || via == 0 {
                continue;
            }
            for (j, cell) in row.iter_mut().enumerate() {
                if j != i && j != k {
                    *cell = (*cell).max(via.min(from_k[j]));
                }
            }
        }
    }
    p
}

/// The Schulze order in layers, best first.
pub(super) fn layers(p: &[Vec<i64>]) -> Vec<Vec<usize>> {
    let n = p.len();
    let mut left: Vec<usize> = (0..n).collect();
    let mut tiers = Vec::new();
    while !left.is_empty() {
        let (top, rest): (Vec<usize>, Vec<usize>) = left
            .iter()
            .partition(|&&i| !left.iter().any(|&j| p[j][i] > p[i][j]));
        if top.is_empty() {
            // Unreachable for a transitive relation; kept so a bug cannot loop forever.
            tiers.push(rest);
            break;
        }
        tiers.push(top);
        left = rest;
    }
    tiers
}

pub(super) fn count(input: &Count<'_>) -> Result<Outcome, TallyError> {
    let n = input.nominees.len();
    let rankings = ballots::ranked("schulze", input.nominees, input.ballots)?;
    let mut outcome = blank(Method::Schulze, n);
    if input.ballots.is_empty() {
        return Ok(outcome);
    }
    let d = preferences(n, &rankings);
    let p = strongest_paths(&d);
    let ranking = layers(&p);
    outcome.notes.push(
        "d[i][j] counts the ballots that prefer i to j (ranked nominees above unranked ones); a link i→j is as strong as its margin d[i][j] − d[j][i]; p[i][j] is the strongest path from i to j, as strong as its weakest link."
            .to_string(),
    );
    let top = ranking.first().cloned().unwrap_or_default();
    if top.len() == 1 {
        outcome.notes.push(format!(
            "{} beats every other nominee by beat-path: its strongest path to each is stronger than the path back.",
            names(input.nominees, &top)
        ));
        if top
            .iter()
            .all(|&w| (0..n).all(|j| j == w || d[w][j] > d[j][w]))
        {
            outcome.notes.push(format!(
                "{} is also the Condorcet winner: preferred to each other nominee by more ballots than prefer that one.",
                names(input.nominees, &top)
            ));
        }
    } else {
        outcome.notes.push(format!(
            "No nominee beats {} by beat-path, and they do not beat each other.",
            names(input.nominees, &top)
        ));
    }
    let ctx = TieContext {
        nominees: input.nominees,
        chain: input.tie_breaks,
        casting_vote: input.casting_vote,
        rankings: Some(&rankings),
        earlier_rounds: &[],
    };
    let settled = settle(ranking, &ctx);
    let condorcet_winner = super::beatpath::condorcet_winner(&d);
    let cycle = if condorcet_winner.is_some() {
        Vec::new()
    } else {
        super::beatpath::cycle(&d, &settled.winners)
    };
    if condorcet_winner.is_none() {
        outcome.notes.push(if cycle.is_empty() {
            "There is no Condorcet winner: no nominee is preferred to every other one by a majority of the ballots that compare them (some pairs are even).".to_string()
        } else {
            let mut order = cycle.clone();
            order.push(cycle[0]);
            format!(
                "There is no Condorcet winner: the pairwise majorities form a cycle, {}.",
                order
                    .windows(2)
                    .map(|w| format!(
                        "{} beats {} by {}",
                        input.nominees[w[0]],
                        input.nominees[w[1]],
                        d[w[0]][w[1]] as i64 - d[w[1]][w[0]] as i64
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
    }
    let beat_paths = match settled.winners.as_slice() {
        [w] => super::beatpath::wins(&d, &p, *w),
        _ => Vec::new(),
    };
    for b in &beat_paths {
        let (from, to) = (b.path[0], b.path[b.path.len() - 1]);
        outcome.notes.push(format!(
            "{} beats {} by beat-path: {} (strength {}); {}.",
            input.nominees[from],
            input.nominees[to],
            b.path
                .iter()
                .map(|&c| input.nominees[c].as_str())
                .collect::<Vec<_>>()
                .join(" → "),
            b.strength,
            if b.back == 0 {
                "there is no path back".to_string()
            } else {
                format!("the strongest path back has strength {}", b.back)
            }
        ));
    }
    outcome.pairwise = Some(Pairwise {
        d,
        p,
        condorcet_winner,
        cycle,
        beat_paths,
    });
    outcome.winners = settled.winners;
    outcome.tie = settled.tie;
    outcome.ranking = settled.ranking;
    outcome.tie_breaks_applied = settled.applied;
    outcome.notes.extend(settled.notes);
    Ok(outcome)
}
