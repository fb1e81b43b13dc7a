//! Balance under many overlapping recusals: exhaustively on tiny committees, and by the absence of
//! any improving chain (checked by the test's own search) on larger ones.

use std::collections::HashSet;

use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::super::assign::{Plan, PlanInput, plan};
use super::uneven;

fn loads(p: &Plan, m: usize) -> Vec<usize> {
    let mut l = vec![0; m];
    for list in &p.screeners_of {
        for &s in list {
            l[s] += 1;
        }
    }
    l
}

/// Blocks each (screener, film) pair with probability `percent` %, drawn from `seed`: many
/// recusals per screener, overlapping on the same films.
fn dense_blocks(n: usize, m: usize, percent: u32, seed: u64) -> HashSet<(usize, usize)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut blocked = HashSet::new();
    for s in 0..m {
        for i in 0..n {
            if rng.random_range(0..100) < percent {
                blocked.insert((s, i));
            }
        }
    }
    blocked
}

fn spread(l: &[usize]) -> usize {
    l.iter().max().copied().unwrap_or(0) - l.iter().min().copied().unwrap_or(0)
}

fn subsets(items: &[usize], k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for (at, &x) in items.iter().enumerate() {
        for mut rest in subsets(&items[at + 1..], k - 1) {
            rest.insert(0, x);
            out.push(rest);
        }
    }
    out
}

fn walk(i: usize, choices: &[Vec<Vec<usize>>], load: &mut Vec<usize>, best: &mut usize) {
    if i == choices.len() {
        *best = (*best).min(spread(load));
        return;
    }
    for c in &choices[i] {
        for &s in c {
            load[s] += 1;
        }
        walk(i + 1, choices, load, best);
        for &s in c {
            load[s] -= 1;
        }
    }
}

/// The least spread of loads any assignment of every film to k allowed screeners can have, by
/// trying them all (tiny cases only); `None` when some film cannot be covered.
fn best_spread(n: usize, m: usize, k: usize, blocked: &HashSet<(usize, usize)>) -> Option<usize> {
    let choices: Vec<Vec<Vec<usize>>> = (0..n)
        .map(|i| {
            let allowed: Vec<usize> = (0..m).filter(|&s| !blocked.contains(&(s, i))).collect();
            subsets(&allowed, k)
        })
        .collect();
    if choices.iter().any(Vec::is_empty) {
        return None;
    }
    let mut best = usize::MAX;
    walk(0, &choices, &mut vec![0; m], &mut best);
    Some(best)
}

/// Whether some chain of moves (the test's own search: a film of `s` that `t` may take, through
/// any screeners) joins two screeners whose loads differ by two or more.
fn an_improving_chain_exists(p: &Plan, m: usize, blocked: &HashSet<(usize, usize)>) -> bool {
    let l = loads(p, m);
    let step = |s: usize, t: usize| {
        p.screeners_of
            .iter()
            .enumerate()
            .any(|(i, list)| list.contains(&s) && !list.contains(&t) && !blocked.contains(&(t, i)))
    };
    (0..m).any(|start| {
        let mut seen = vec![false; m];
        seen[start] = true;
        let mut stack = vec![start];
        while let Some(s) = stack.pop() {
            for t in 0..m {
                if !seen[t] && step(s, t) {
                    if l[t] + 2 <= l[start] {
                        return true;
                    }
                    seen[t] = true;
                    stack.push(t);
                }
            }
        }
        false
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Tiny committees with many overlapping recusals: the plan's loads are as close as any
    /// assignment's can be (within one whenever that is possible), found by trying them all.
    #[test]
    fn loads_are_as_even_as_the_recusals_allow(
        n in 1usize..6,
        m in 2usize..5,
        k in 1usize..3,
        percent in 0u32..60,
        blocks in any::<u64>(),
        seed in any::<u64>(),
    ) {
        let blocked = dense_blocks(n, m, percent, blocks);
        let input = PlanInput { submissions: n, screeners: m, coverage: k, blocked: blocked.clone(), existing: vec![] };
        let p = plan(&input, seed);
        match best_spread(n, m, k, &blocked) {
            Some(best) => {
                prop_assert!(p.short.is_empty());
                prop_assert_eq!(spread(&loads(&p, m)), best, "loads {:?}, blocked {:?}", loads(&p, m), blocked);
            }
            None => prop_assert!(!p.short.is_empty()),
        }
    }

    /// Larger committees, up to half of every screener's films recused, overlapping: never a
    /// blocked screener, coverage exact or reported, and no chain of moves left that would bring
    /// two loads closer (so the loads are within one wherever any assignment's can be).
    #[test]
    fn no_improving_chain_is_left_under_dense_conflicts(
        n in 1usize..150,
        m in 2usize..12,
        k in 1usize..4,
        percent in 0u32..50,
        blocks in any::<u64>(),
        seed in any::<u64>(),
    ) {
        let blocked = dense_blocks(n, m, percent, blocks);
        let input = PlanInput { submissions: n, screeners: m, coverage: k, blocked: blocked.clone(), existing: vec![] };
        let p = plan(&input, seed);
        prop_assert_eq!(&p, &plan(&input, seed));
        for (i, list) in p.screeners_of.iter().enumerate() {
            let distinct: HashSet<_> = list.iter().collect();
            prop_assert_eq!(distinct.len(), list.len());
            prop_assert!(list.iter().all(|&s| !blocked.contains(&(s, i))));
            let may = (0..m).filter(|&s| !blocked.contains(&(s, i))).count();
            prop_assert_eq!(list.len(), k.min(may));
        }
        prop_assert!(!an_improving_chain_exists(&p, m, &blocked), "loads {:?}", loads(&p, m));
    }
}

#[test]
fn a_chain_evens_what_one_move_cannot_and_uneven_names_the_films() {
    // Screener 2 is kept off films 0-3 (all but 4 and 5); films 0-3 go to 0 and 1 first in some
    // order. A balance needs moves through a third screener; where none exists `uneven` says so.
    let blocked: HashSet<(usize, usize)> = (0..4).map(|i| (2, i)).collect();
    let input = PlanInput {
        submissions: 6,
        screeners: 3,
        coverage: 1,
        blocked: blocked.clone(),
        existing: vec![],
    };
    let p = plan(&input, 1);
    assert_eq!(loads(&p, 3), vec![2, 2, 2], "{p:?}");
    assert_eq!(uneven(&input, &p), None);
    // Kept off five of six: screener 2 can only have film 5, so the loads cannot be within one.
    let blocked: HashSet<(usize, usize)> = (0..5).map(|i| (2, i)).collect();
    let input = PlanInput { blocked, ..input };
    let p = plan(&input, 1);
    let mut l = loads(&p, 3);
    l.sort_unstable();
    assert_eq!(l, vec![1, 2, 3]);
    let (hi, lo, films) = uneven(&input, &p).unwrap();
    assert_eq!(lo, 2);
    assert_eq!(loads(&p, 3)[hi], 3);
    // The films that keep screener 2 light: those held by the others that 2 may not take.
    assert_eq!(films, vec![0, 1, 2, 3, 4]);
}
