//! Counting a category without some of its nominees (the palmarès cascade of
//! docs/counting.md#palmares-rules: once a film takes a higher prize, later categories are counted
//! without it).

use super::{Ballot, Content};

/// The nominees and ballots with `removed` taken out and the rest renumbered in their old order.
///
/// Rankings close up around a removed nominee (`A > X > B` becomes `A > B`), scores for it are dropped,
/// and a round vote for it is dropped (that juror cast no vote for the remaining nominees in that round).
/// Also returns, for each new index, the old one, so results can be mapped back. Indices in `removed`
/// that are out of range are ignored; out-of-range indices on ballots are kept as out of range, so that
/// [`super::count`] still reports them.
pub fn without_nominees(
    nominees: &[String],
    ballots: &[Ballot],
    removed: &[usize],
) -> (Vec<String>, Vec<Ballot>, Vec<usize>) {
    let n = nominees.len();
    let keep: Vec<bool> = (0..n).map(|c| !removed.contains(&c)).collect();
    let old_of_new: Vec<usize> = (0..n).filter(|&c| keep[c]).collect();
    let mut new_of_old: Vec<Option<usize>> = vec![None; n];
    for (new, &old) in old_of_new.iter().enumerate() {
        new_of_old[old] = Some(new);
    }
    let kept = old_of_new.len();
    // Out-of-range stays out of range (shifted past the new end) so validation still names it.
    let map = |c: usize| -> Option<usize> {
        if c >= n {
            Some(c - n + kept)
        } else {
            new_of_old[c]
        }
    };
    let labels = old_of_new.iter().map(|&c| nominees[c].clone()).collect();
    let ballots = ballots
        .iter()
        .map(|b| Ballot {
            voter: b.voter.clone(),
            content: match &b.content {
                Content::Ranked(r) => Content::Ranked(r.iter().filter_map(|&c| map(c)).collect()),
                Content::Scored(s) => Content::Scored(
                    s.iter()
                        .filter_map(|&(c, score)| map(c).map(|c| (c, score)))
                        .collect(),
                ),
                Content::Rounds(v) => Content::Rounds(
                    v.iter()
                        .filter_map(|&(round, c)| map(c).map(|c| (round, c)))
                        .collect(),
                ),
            },
        })
        .collect();
    (labels, ballots, old_of_new)
}
