//! The tie-break chain (docs/counting.md#ties): a tie for first is reported, then the category's rules
//! are tried in order until one nominee remains, and every attempt is recorded with what it found.
//!
//! A rule that cannot separate the tied (no casting vote recorded, Borda without rankings, count-back
//! without earlier rounds, or equal results) leaves them all in and the chain moves on; `none` stops it.

use super::fraction::Frac;
use super::{AppliedTieBreak, Round, TieBreak, names};

/// What the tie-breaks may consult.
pub(super) struct TieContext<'a> {
    pub nominees: &'a [String],
    pub chain: &'a [TieBreak],
    pub casting_vote: Option<usize>,
    /// The ballots as rankings, when the method counted rankings (for the Borda tie-break).
    pub rankings: Option<&'a [&'a [usize]]>,
    /// The rounds before the one that ended in the tie (for count-back), oldest first.
    pub earlier_rounds: &'a [Round],
}

/// A count's first tier after the chain.
pub(super) struct Settled {
    pub winners: Vec<usize>,
    /// The count ended in a tie for first.
    pub tie: bool,
    pub ranking: Vec<Vec<usize>>,
    pub applied: Vec<AppliedTieBreak>,
    pub notes: Vec<String>,
}

/// The name of a rule as docs/counting.md#ties writes it: `casting-vote`, `borda`, `count-back`,
/// `draw:SEED`, `none`.
pub fn tie_break_label(rule: TieBreak) -> String {
    match rule {
        TieBreak::CastingVote => "casting-vote".to_string(),
        TieBreak::Borda => "borda".to_string(),
        TieBreak::CountBack => "count-back".to_string(),
        TieBreak::Draw { seed } => format!("draw:{seed}"),
        TieBreak::None => "none".to_string(),
    }
}

/// Settles the first tier of `ranking` (the nominees tied for first) with the chain, and rebuilds the
/// ranking so that the winners come first.
pub(super) fn settle(ranking: Vec<Vec<usize>>, ctx: &TieContext<'_>) -> Settled {
    let mut tiers = ranking.into_iter();
    let tied = tiers.next().unwrap_or_default();
    let rest: Vec<Vec<usize>> = tiers.collect();
    if tied.len() <= 1 {
        let mut ranking = vec![tied.clone()];
        ranking.extend(rest);
        return Settled {
            winners: tied,
            tie: false,
            ranking,
            applied: Vec::new(),
            notes: Vec::new(),
        };
    }
    let mut notes = vec![format!("{} tie for first.", names(ctx.nominees, &tied))];
    let (current, applied) = run_chain(&tied, ctx, Aim::Keep);
    if ctx.chain.is_empty() {
        notes.push("No tie-break is set for this category.".to_string());
    }
    if current.len() == 1 {
        notes.push(format!(
            "The tie-break chain settles the tie for {}.",
            names(ctx.nominees, &current)
        ));
    } else {
        notes.push(format!(
            "The tie between {} stands: the jury decides.",
            names(ctx.nominees, &current)
        ));
    }
    let mut ranking = vec![current.clone()];
    for step in applied.iter().rev() {
        ranking.extend(set_aside_tiers(step, ctx));
    }
    ranking.extend(rest);
    Settled {
        winners: current,
        tie: true,
        ranking,
        applied,
        notes,
    }
}

/// Which end of the tie a rule looks for: the nominee to keep (a tie for first) or the one to
/// eliminate (an irv elimination tie).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Aim {
    Keep,
    Eliminate,
}

/// An elimination tie after the chain: whom to eliminate, if the chain found one.
pub(super) struct Elimination {
    /// The one nominee the chain picked for elimination; `None` when it left several (the jury decides).
    pub eliminated: Option<usize>,
    /// Those still tied for elimination after the chain (one when it decided).
    pub standing: Vec<usize>,
    pub applied: Vec<AppliedTieBreak>,
}

/// Settles an irv elimination tie among `tied` with the chain, each rule looking for whom to eliminate:
/// `casting-vote` spares the president's choice, `borda` and `count-back` keep the fewest in the running
/// for elimination, `draw:SEED` eliminates the last of the drawn order; `none` stops.
pub(super) fn settle_elimination(tied: &[usize], ctx: &TieContext<'_>) -> Elimination {
    let (current, applied) = run_chain(tied, ctx, Aim::Eliminate);
    Elimination {
        eliminated: (current.len() == 1).then(|| current[0]),
        standing: current,
        applied,
    }
}

/// Applies the chain's rules in order to `tied` while more than one is left (`none` stops it), and
/// records each step.
fn run_chain(tied: &[usize], ctx: &TieContext<'_>, aim: Aim) -> (Vec<usize>, Vec<AppliedTieBreak>) {
    let mut current = tied.to_vec();
    let mut applied = Vec::new();
    for &rule in ctx.chain {
        if current.len() <= 1 {
            break;
        }
        let (result, detail) = apply(rule, &current, ctx, aim);
        applied.push(AppliedTieBreak {
            rule,
            among: current.clone(),
            result: result.clone(),
            detail,
            elimination: None,
        });
        current = result;
        if rule == TieBreak::None {
            break;
        }
    }
    (current, applied)
}

fn apply(rule: TieBreak, among: &[usize], ctx: &TieContext<'_>, aim: Aim) -> (Vec<usize>, String) {
    match rule {
        TieBreak::CastingVote => casting_vote(among, ctx, aim),
        TieBreak::Borda => borda(among, ctx, aim),
        TieBreak::CountBack => count_back(among, ctx, aim),
        TieBreak::Draw { seed } => {
            let order = draw_order(seed, among);
            let picked = match aim {
                Aim::Keep => order.first(),
                Aim::Eliminate => order.last(),
            };
            (
                picked.map(|&c| vec![c]).unwrap_or_default(),
                format!(
                    "seed {seed}; drawn order: {}{}",
                    label_list(ctx.nominees, &order),
                    match aim {
                        Aim::Keep => "",
                        Aim::Eliminate => " (the last drawn is eliminated)",
                    }
                ),
            )
        }
        TieBreak::None => (
            among.to_vec(),
            match aim {
                Aim::Keep => "the tie stands for the jury to decide",
                Aim::Eliminate => "the jury decides whom to eliminate",
            }
            .to_string(),
        ),
    }
}

fn label_list(nominees: &[String], set: &[usize]) -> String {
    set.iter()
        .map(|&c| nominees.get(c).map_or("?", String::as_str))
        .collect::<Vec<_>>()
        .join(", ")
}

fn casting_vote(among: &[usize], ctx: &TieContext<'_>, aim: Aim) -> (Vec<usize>, String) {
    match ctx.casting_vote {
        Some(c) if among.contains(&c) && aim == Aim::Eliminate => (
            among.iter().copied().filter(|&x| x != c).collect(),
            format!(
                "the president's casting vote goes to {}, who stays in the count",
                ctx.nominees[c]
            ),
        ),
        Some(c) if among.contains(&c) => (
            vec![c],
            format!("the president's casting vote goes to {}", ctx.nominees[c]),
        ),
        Some(c) => (
            among.to_vec(),
            format!(
                "the president's casting vote ({}) is not among the tied",
                ctx.nominees[c]
            ),
        ),
        None => (among.to_vec(), "no casting vote is recorded".to_string()),
    }
}

/// Borda on the same rankings restricted to the tied: m−1 points for the first of them on a ballot …
/// 0 for the last, unranked ones sharing the average of the rest (counted in half-points to stay exact).
fn borda(among: &[usize], ctx: &TieContext<'_>, aim: Aim) -> (Vec<usize>, String) {
    let Some(rankings) = ctx.rankings else {
        return (
            among.to_vec(),
            "Borda needs ranked ballots; this count has none".to_string(),
        );
    };
    let half = borda_half_points(among, rankings);
    let best = match aim {
        Aim::Keep => half.iter().copied().max(),
        Aim::Eliminate => half.iter().copied().min(),
    }
    .unwrap_or(0);
    let result: Vec<usize> = among
        .iter()
        .zip(&half)
        .filter(|&(_, &h)| h == best)
        .map(|(&c, _)| c)
        .collect();
    let mut by_points: Vec<(usize, i128)> = among.iter().copied().zip(half).collect();
    by_points.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let points: Vec<String> = by_points
        .iter()
        .map(|&(c, h)| format!("{} {}", ctx.nominees[c], Frac::new(h, 2).display()))
        .collect();
    (
        result,
        format!("Borda points among the tied: {}", points.join(", ")),
    )
}

/// Each of `among`'s Borda points restricted to them, doubled (half-points keep it exact).
fn borda_half_points(among: &[usize], rankings: &[&[usize]]) -> Vec<i128> {
    let m = among.len() as i128;
    let mut half = vec![0i128; among.len()];
    let mut ranked = vec![false; among.len()];
    for ranking in rankings {
        ranked.fill(false);
        let mut k = 0i128;
        for &c in *ranking {
            if let Some(pos) = among.iter().position(|&a| a == c) {
                half[pos] += 2 * (m - 1 - k);
                ranked[pos] = true;
                k += 1;
            }
        }
        for (pos, r) in ranked.iter().enumerate() {
            if !r {
                half[pos] += m - k - 1;
            }
        }
    }
    half
}

/// The nominees a step of the chain set aside, in tiers: by their Borda points (among those the step
/// compared) when the step was Borda, so that nominees with different points never show as tied;
/// one tier otherwise.
fn set_aside_tiers(step: &AppliedTieBreak, ctx: &TieContext<'_>) -> Vec<Vec<usize>> {
    let dropped: Vec<usize> = step
        .among
        .iter()
        .copied()
        .filter(|c| !step.result.contains(c))
        .collect();
    if dropped.is_empty() {
        return Vec::new();
    }
    match (step.rule, ctx.rankings) {
        (TieBreak::Borda, Some(rankings)) => {
            let half = borda_half_points(&step.among, rankings);
            let keys: Vec<i128> = dropped
                .iter()
                .map(|c| half[step.among.iter().position(|a| a == c).unwrap_or(0)])
                .collect();
            super::tiers_desc(&keys)
                .into_iter()
                .map(|tier| tier.into_iter().map(|i| dropped[i]).collect())
                .collect()
        }
        _ => vec![dropped],
    }
}

/// Count-back: going back from the round that tied, the most recent round in which the tied nominees'
/// votes differed keeps those with the most (for an elimination: leaves those with the fewest to be
/// eliminated); if several still tie, earlier rounds are consulted in turn.
fn count_back(among: &[usize], ctx: &TieContext<'_>, aim: Aim) -> (Vec<usize>, String) {
    if ctx.earlier_rounds.is_empty() {
        return (
            among.to_vec(),
            "there is no earlier round to count back to".to_string(),
        );
    }
    let mut current = among.to_vec();
    let mut consulted = Vec::new();
    for round in ctx.earlier_rounds.iter().rev() {
        let votes = |c: usize| {
            round
                .counts
                .iter()
                .find(|&&(x, _)| x == c)
                .map_or(0, |&(_, v)| v)
        };
        let best = match aim {
            Aim::Keep => current.iter().map(|&c| votes(c)).max(),
            Aim::Eliminate => current.iter().map(|&c| votes(c)).min(),
        }
        .unwrap_or(0);
        let top: Vec<usize> = current
            .iter()
            .copied()
            .filter(|&c| votes(c) == best)
            .collect();
        if top.len() < current.len() {
            let counts: Vec<String> = current
                .iter()
                .map(|&c| format!("{} {}", ctx.nominees[c], votes(c)))
                .collect();
            consulted.push(format!("round {}: {}", round.number, counts.join(", ")));
            current = top;
            if current.len() == 1 {
                break;
            }
        }
    }
    if consulted.is_empty() {
        (
            current,
            "they had equal votes in every earlier round".to_string(),
        )
    } else {
        (current, consulted.join("; "))
    }
}

/// splitmix64 (Steele, Lea & Flood 2014): tiny, fully specified, identical on every platform.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (bound > 0), without modulo bias: outputs below `2^64 mod bound` are
    /// redrawn, as OpenBSD's `arc4random_uniform` does.
    fn below(&mut self, bound: u64) -> u64 {
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let r = self.next();
            if r >= threshold {
                return r % bound;
            }
        }
    }
}

/// The seeded draw, reproducible by anyone: the tied nominees sorted by index, shuffled by Fisher–Yates
/// from the last position down (position i swaps with `below(i + 1)`) with splitmix64 seeded by `seed`;
/// the first of the shuffled order wins. The draw depends only on the seed and the tied nominees, never
/// on the ballots' order or the labels.
pub fn draw_order(seed: u64, among: &[usize]) -> Vec<usize> {
    let mut order = among.to_vec();
    order.sort_unstable();
    let mut rng = SplitMix64(seed);
    for i in (1..order.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("N{i}")).collect()
    }

    fn ctx<'a>(
        nominees: &'a [String],
        chain: &'a [TieBreak],
        casting_vote: Option<usize>,
        rankings: Option<&'a [&'a [usize]]>,
        earlier_rounds: &'a [Round],
    ) -> TieContext<'a> {
        TieContext {
            nominees,
            chain,
            casting_vote,
            rankings,
            earlier_rounds,
        }
    }

    fn round(number: u32, counts: &[(usize, u64)]) -> Round {
        Round {
            number,
            counts: counts.to_vec(),
            eliminated: Vec::new(),
            active: 0,
            exhausted: 0,
            note: String::new(),
            transfers: Vec::new(),
        }
    }

    #[test]
    fn splitmix64_matches_the_reference_outputs() {
        // Reference values of splitmix64 seeded with 0 (as in Vigna's splitmix64.c).
        let mut rng = SplitMix64(0);
        assert_eq!(rng.next(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn draw_is_reproducible_and_ignores_input_order() {
        let a = draw_order(42, &[3, 1, 2]);
        assert_eq!(a, draw_order(42, &[2, 3, 1]));
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![1, 2, 3]);
        // Different seeds give different draws somewhere.
        let orders: std::collections::BTreeSet<Vec<usize>> =
            (0..50).map(|s| draw_order(s, &[0, 1, 2, 3])).collect();
        assert!(orders.len() > 10);
        // Pinned: a change to the algorithm would silently change stored draws.
        assert_eq!(draw_order(0, &[0, 1]), {
            let mut rng = SplitMix64(0);
            let j = rng.below(2) as usize;
            if j == 0 { vec![1, 0] } else { vec![0, 1] }
        });
    }

    #[test]
    fn draw_is_roughly_uniform() {
        let mut wins = [0u32; 3];
        for seed in 0..3000 {
            wins[draw_order(seed, &[0, 1, 2])[0]] += 1;
        }
        for w in wins {
            assert!((850..1150).contains(&w), "{wins:?}");
        }
    }

    #[test]
    fn casting_vote_among_the_tied_decides() {
        let n = labels(3);
        let c = ctx(&n, &[TieBreak::CastingVote], Some(2), None, &[]);
        let s = settle(vec![vec![0, 2], vec![1]], &c);
        assert_eq!(s.winners, vec![2]);
        assert!(s.tie);
        assert_eq!(s.ranking, vec![vec![2], vec![0], vec![1]]);
        assert_eq!(s.applied.len(), 1);
        assert_eq!(s.applied[0].among, vec![0, 2]);
        assert_eq!(s.applied[0].result, vec![2]);
    }

    #[test]
    fn casting_vote_outside_the_tie_or_missing_moves_on() {
        let n = labels(3);
        let chain = [TieBreak::CastingVote, TieBreak::Draw { seed: 7 }];
        let c = ctx(&n, &chain, Some(1), None, &[]);
        let s = settle(vec![vec![0, 2], vec![1]], &c);
        assert_eq!(s.applied.len(), 2);
        assert_eq!(s.applied[0].result, vec![0, 2]);
        assert!(s.applied[0].detail.contains("not among"));
        assert_eq!(s.winners, vec![draw_order(7, &[0, 2])[0]]);
        assert!(s.applied[1].detail.contains("seed 7"));

        let c = ctx(&n, &[TieBreak::CastingVote], None, None, &[]);
        let s = settle(vec![vec![0, 2], vec![1]], &c);
        assert_eq!(s.winners, vec![0, 2]);
        assert!(s.applied[0].detail.contains("no casting vote"));
    }

    #[test]
    fn borda_among_the_tied_uses_only_their_order() {
        let n = labels(4);
        // 0 and 1 tie; restricted to {0, 1}: two ballots put 1 first, one puts 0 first, one ranks neither.
        let r1: &[usize] = &[3, 1, 0];
        let r2: &[usize] = &[1, 2];
        let r3: &[usize] = &[0, 3];
        let r4: &[usize] = &[2];
        let rankings = [r1, r2, r3, r4];
        let c = ctx(&n, &[TieBreak::Borda], None, Some(&rankings), &[]);
        let s = settle(vec![vec![0, 1], vec![2, 3]], &c);
        // Points (m = 2): r1: 1→1, 0→0; r2: 1→1, 0 unranked → 0; r3: 0→1, 1→0; r4: both share 0.5.
        assert_eq!(s.winners, vec![1]);
        assert!(
            s.applied[0].detail.contains("N1 2.5"),
            "{}",
            s.applied[0].detail
        );
        assert!(
            s.applied[0].detail.contains("N0 1.5"),
            "{}",
            s.applied[0].detail
        );
    }

    #[test]
    fn borda_without_rankings_is_not_applicable() {
        let n = labels(2);
        let c = ctx(&n, &[TieBreak::Borda], None, None, &[]);
        let s = settle(vec![vec![0, 1]], &c);
        assert_eq!(s.winners, vec![0, 1]);
        assert!(s.applied[0].detail.contains("needs ranked ballots"));
    }

    #[test]
    fn count_back_uses_the_most_recent_round_where_they_differed() {
        let n = labels(3);
        let rounds = [
            round(1, &[(0, 10), (1, 5), (2, 9)]),
            round(2, &[(0, 12), (1, 3), (2, 12)]),
            round(3, &[(0, 14), (2, 14)]),
        ];
        let c = ctx(&n, &[TieBreak::CountBack], None, None, &rounds);
        // Tied in round 4; round 3 and 2 equal; round 1 decides for 0.
        let s = settle(vec![vec![0, 2], vec![1]], &c);
        assert_eq!(s.winners, vec![0]);
        assert!(s.applied[0].detail.contains("round 1"));

        let c = ctx(&n, &[TieBreak::CountBack], None, None, &rounds[2..]);
        let s = settle(vec![vec![0, 2], vec![1]], &c);
        assert_eq!(s.winners, vec![0, 2]);
        assert!(s.applied[0].detail.contains("equal votes"));

        let c = ctx(&n, &[TieBreak::CountBack], None, None, &[]);
        let s = settle(vec![vec![0, 2], vec![1]], &c);
        assert_eq!(s.winners, vec![0, 2]);
        assert!(s.applied[0].detail.contains("no earlier round"));
    }

    #[test]
    fn none_stops_the_chain() {
        let n = labels(2);
        let chain = [TieBreak::None, TieBreak::Draw { seed: 1 }];
        let c = ctx(&n, &chain, Some(0), None, &[]);
        let s = settle(vec![vec![0, 1]], &c);
        assert_eq!(s.winners, vec![0, 1]);
        assert_eq!(s.applied.len(), 1);
        assert_eq!(s.ranking, vec![vec![0, 1]]);
        assert!(s.notes.iter().any(|n| n.contains("stands")));
    }

    #[test]
    fn empty_chain_reports_the_tie() {
        let n = labels(2);
        let c = ctx(&n, &[], None, None, &[]);
        let s = settle(vec![vec![0, 1]], &c);
        assert_eq!(s.winners, vec![0, 1]);
        assert!(s.tie);
        assert!(s.applied.is_empty());
    }

    #[test]
    fn later_rules_run_only_while_a_tie_remains() {
        let n = labels(3);
        let chain = [TieBreak::CastingVote, TieBreak::Draw { seed: 3 }];
        let c = ctx(&n, &chain, Some(1), None, &[]);
        let s = settle(vec![vec![0, 1, 2]], &c);
        assert_eq!(s.winners, vec![1]);
        assert_eq!(s.applied.len(), 1);
    }

    #[test]
    fn dropped_nominees_are_tiered_by_the_step_that_dropped_them() {
        let n = labels(4);
        let r: &[usize] = &[0, 1, 2];
        let rankings = [r];
        let chain = [TieBreak::Borda, TieBreak::Draw { seed: 9 }];
        let c = ctx(&n, &chain, None, Some(&rankings), &[]);
        // Borda among {0,1,2} with rankings [0,1,2]: 0 wins outright (2 points); 1 (1) and 2 (0) are
        // set aside in the order of their points.
        let s = settle(vec![vec![0, 1, 2], vec![3]], &c);
        assert_eq!(s.ranking, vec![vec![0], vec![1], vec![2], vec![3]]);
        assert_eq!(tie_break_label(TieBreak::Draw { seed: 9 }), "draw:9");
    }
}
