//! Properties every count must have, over random profiles with many ties (few nominees, few ballots,
//! truncated rankings, missing scores, abstentions in rounds).
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use jurydesk::tally::{self, Ballot, Content, Count, Exclusion, Method, Outcome, TieBreak};
use proptest::prelude::*;

const METHODS: [Method; 9] = [
    Method::Plurality,
    Method::MajorityRounds { absolute_rounds: 0 },
    Method::MajorityRounds { absolute_rounds: 2 },
    Method::Borda,
    Method::Irv,
    Method::Schulze,
    Method::ScoreMean,
    Method::ScoreTrimmed,
    Method::ScoreZ,
];

/// One random profile holding every kind of ballot, so each method can take the kind it counts.
#[derive(Debug, Clone)]
struct Profile {
    n: usize,
    ranked: Vec<Vec<usize>>,
    scored: Vec<Vec<(usize, u8)>>,
    rounds: Vec<Vec<(u32, usize)>>,
    chain: Vec<TieBreak>,
    casting_vote: Option<usize>,
}

impl Profile {
    fn ballots(&self, method: Method) -> Vec<Ballot> {
        let voter = |i: usize| format!("juror {i}");
        match method {
            Method::Plurality | Method::Borda | Method::Irv | Method::Schulze => self
                .ranked
                .iter()
                .enumerate()
                .map(|(i, r)| Ballot {
                    voter: voter(i),
                    content: Content::Ranked(r.clone()),
                })
                .collect(),
            Method::MajorityRounds { .. } => self
                .rounds
                .iter()
                .enumerate()
                .map(|(i, r)| Ballot {
                    voter: voter(i),
                    content: Content::Rounds(r.clone()),
                })
                .collect(),
            Method::ScoreMean | Method::ScoreTrimmed | Method::ScoreZ => self
                .scored
                .iter()
                .enumerate()
                .map(|(i, s)| Ballot {
                    voter: voter(i),
                    content: Content::Scored(s.clone()),
                })
                .collect(),
        }
    }
}

fn tie_break() -> impl Strategy<Value = TieBreak> {
    prop_oneof![
        Just(TieBreak::CastingVote),
        Just(TieBreak::Borda),
        Just(TieBreak::CountBack),
        any::<u64>().prop_map(|seed| TieBreak::Draw { seed }),
        Just(TieBreak::None),
    ]
}

fn profile() -> impl Strategy<Value = Profile> {
    (2usize..=6, 0usize..=25, 1u32..=4).prop_flat_map(|(n, voters, round_count)| {
        let all: Vec<usize> = (0..n).collect();
        let ranking = (Just(all).prop_shuffle(), prop_oneof![Just(n), 0..=n])
            .prop_map(|(order, k)| order[..k].to_vec());
        let sheet =
            prop::collection::vec(prop::option::weighted(0.85, 0u8..=10), n).prop_map(|scores| {
                scores
                    .into_iter()
                    .enumerate()
                    .filter_map(|(c, s)| s.map(|s| (c, s)))
                    .collect::<Vec<_>>()
            });
        let votes = prop::collection::vec(prop::option::weighted(0.85, 0..n), round_count as usize)
            .prop_map(|votes| {
                votes
                    .into_iter()
                    .enumerate()
                    .filter_map(|(r, v)| v.map(|c| (r as u32 + 1, c)))
                    .collect::<Vec<_>>()
            });
        (
            prop::collection::vec(ranking, voters),
            prop::collection::vec(sheet, voters),
            prop::collection::vec(votes, voters),
            prop::collection::vec(tie_break(), 0..=3),
            prop::option::of(0..n),
        )
            .prop_map(
                move |(ranked, scored, rounds, chain, casting_vote)| Profile {
                    n,
                    ranked,
                    scored,
                    rounds,
                    chain,
                    casting_vote,
                },
            )
    })
}

fn labels(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("Film {i}")).collect()
}

fn run(method: Method, p: &Profile, nominees: &[String], ballots: &[Ballot]) -> Outcome {
    run_excluding(method, p, nominees, ballots, &[])
}

fn run_excluding(
    method: Method,
    p: &Profile,
    nominees: &[String],
    ballots: &[Ballot],
    excluded: &[Exclusion],
) -> Outcome {
    tally::count(
        method,
        &Count {
            nominees,
            ballots,
            excluded,
            tie_breaks: &p.chain,
            casting_vote: p.casting_vote,
            electorate: None,
            void_votes: &[],
        },
    )
    .expect("a generated profile is valid")
}

/// Reorders `items` by a seeded Fisher–Yates (splitmix64), so a failing case can be replayed.
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut out = items.to_vec();
    for i in (1..out.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        out.swap(i, j);
    }
    out
}

/// What a count decided: the outcome without its sentences (which name nominees by label) and without
/// the exclusions it passes through.
fn core(o: &Outcome) -> Outcome {
    let mut o = o.clone();
    o.notes.clear();
    o.excluded.clear();
    o.rounds.iter_mut().for_each(|r| r.note.clear());
    o.scores.iter_mut().for_each(|s| s.detail.clear());
    o.tie_breaks_applied
        .iter_mut()
        .for_each(|t| t.detail.clear());
    o
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_condorcet_winner_always_wins_schulze(p in profile()) {
        let nominees = labels(p.n);
        let ballots = p.ballots(Method::Schulze);
        let o = run(Method::Schulze, &p, &nominees, &ballots);
        let Some(pw) = &o.pairwise else {
            prop_assert!(ballots.is_empty());
            return Ok(());
        };
        let d = &pw.d;
        if let Some(w) = (0..p.n).find(|&w| (0..p.n).all(|x| x == w || d[w][x] > d[x][w])) {
            prop_assert_eq!(&o.winners, &vec![w]);
            prop_assert!(!o.tie);
        }
    }

    #[test]
    fn the_irv_winner_holds_a_majority_of_active_ballots_in_its_final_round(p in profile()) {
        let nominees = labels(p.n);
        let ballots = p.ballots(Method::Irv);
        let o = run(Method::Irv, &p, &nominees, &ballots);
        if o.winners.len() == 1 && !o.tie {
            let last = o.rounds.last().expect("a decided irv count has rounds");
            let w = o.winners[0];
            let votes = last.counts.iter().find(|&&(c, _)| c == w).map(|&(_, v)| v);
            prop_assert!(votes.is_some_and(|v| 2 * v > last.active), "{:?}", last);
        }
        // Every round accounts for every ballot.
        for r in &o.rounds {
            prop_assert_eq!(r.active + r.exhausted, ballots.len() as u64);
            prop_assert_eq!(r.counts.iter().map(|&(_, v)| v).sum::<u64>(), r.active);
        }
    }

    #[test]
    fn permuting_ballots_never_changes_a_result(p in profile(), seed in any::<u64>()) {
        let nominees = labels(p.n);
        for method in METHODS {
            let ballots = p.ballots(method);
            let a = run(method, &p, &nominees, &ballots);
            let b = run(method, &p, &nominees, &shuffled(&ballots, seed));
            prop_assert_eq!(a, b, "{:?}", method);
        }
    }

    #[test]
    fn renaming_nominees_never_changes_a_result(
        p in profile(),
        names in prop::collection::vec(".{0,8}", 6),
    ) {
        let nominees = labels(p.n);
        let renamed: Vec<String> = names[..p.n].to_vec();
        for method in METHODS {
            let ballots = p.ballots(method);
            let a = run(method, &p, &nominees, &ballots);
            let b = run(method, &p, &renamed, &ballots);
            prop_assert_eq!(core(&a), core(&b), "{:?}", method);
            let _ = tally::report::text(&b, &renamed);
            let _ = tally::report::json(&b, &renamed);
        }
    }

    #[test]
    fn renumbering_nominees_maps_the_result(p in profile(), seed in any::<u64>()) {
        // Neutrality: give the nominees new indices; the winners and the tiers follow them. The draw
        // orders the tied by index before shuffling, so chains with a draw are left out here.
        let p = Profile { chain: p.chain.iter().copied().filter(|t| !matches!(t, TieBreak::Draw { .. })).collect(), ..p };
        let perm = shuffled(&(0..p.n).collect::<Vec<_>>(), seed);
        let renumbered = Profile {
            n: p.n,
            ranked: p.ranked.iter().map(|r| r.iter().map(|&c| perm[c]).collect()).collect(),
            scored: p.scored.iter().map(|s| s.iter().map(|&(c, v)| (perm[c], v)).collect()).collect(),
            rounds: p.rounds.iter().map(|r| r.iter().map(|&(k, c)| (k, perm[c])).collect()).collect(),
            chain: p.chain.clone(),
            casting_vote: p.casting_vote.map(|c| perm[c]),
        };
        let nominees = labels(p.n);
        let sorted = |mut v: Vec<usize>| { v.sort_unstable(); v };
        for method in METHODS {
            let a = run(method, &p, &nominees, &p.ballots(method));
            let b = run(method, &renumbered, &nominees, &renumbered.ballots(method));
            let mapped: Vec<Vec<usize>> = a.ranking.iter().map(|t| sorted(t.iter().map(|&c| perm[c]).collect())).collect();
            prop_assert_eq!(&mapped, &b.ranking, "{:?}", method);
            prop_assert_eq!(sorted(a.winners.iter().map(|&c| perm[c]).collect()), b.winners.clone());
            prop_assert_eq!(a.tie, b.tie);
        }
    }

    #[test]
    fn every_method_is_deterministic(p in profile()) {
        let nominees = labels(p.n);
        for method in METHODS {
            let ballots = p.ballots(method);
            prop_assert_eq!(
                run(method, &p, &nominees, &ballots),
                run(method, &p, &nominees, &ballots)
            );
        }
    }

    #[test]
    fn exclusions_never_change_a_count(
        p in profile(),
        extra in prop::collection::vec(("[a-z]{1,6}", ".{0,12}"), 1..4),
    ) {
        let nominees = labels(p.n);
        let excluded: Vec<Exclusion> = extra
            .into_iter()
            .map(|(voter, reason)| Exclusion { voter, reason })
            .collect();
        for method in METHODS {
            let ballots = p.ballots(method);
            let without = run(method, &p, &nominees, &ballots);
            let with = run_excluding(method, &p, &nominees, &ballots, &excluded);
            let fewer = run_excluding(method, &p, &nominees, &ballots, &excluded[1..]);
            prop_assert_eq!(core(&without), core(&with));
            prop_assert_eq!(core(&with), core(&fewer));
            prop_assert_eq!(&with.excluded, &excluded);
            let counted = |o: &Outcome| o.notes.iter().filter(|n| !n.contains("left out of the count")).cloned().collect::<Vec<_>>();
            prop_assert_eq!(counted(&without), counted(&with));
        }
    }

    #[test]
    fn every_nominee_is_ranked_once_and_winners_lead(p in profile()) {
        let nominees = labels(p.n);
        for method in METHODS {
            let o = run(method, &p, &nominees, &p.ballots(method));
            prop_assert_eq!(o.decided, !o.winners.is_empty());
            // An undecided count has no ranking: no first tier that would read as a tie.
            if !o.decided {
                prop_assert!(o.ranking.is_empty());
            }
            if let Some(t) = &o.elimination_tie {
                prop_assert!(o.tie && !o.decided && t.among.len() > 1);
            }
            if !o.ranking.is_empty() {
                let mut all: Vec<usize> = o.ranking.iter().flatten().copied().collect();
                all.sort_unstable();
                prop_assert_eq!(all, (0..p.n).collect::<Vec<_>>());
            }
            prop_assert!(o.ranking.iter().all(|t| !t.is_empty()));
            if o.decided {
                prop_assert_eq!(&o.ranking[0], &o.winners);
            }
            if o.winners.len() > 1 {
                prop_assert!(o.tie);
            }
        }
    }
}
