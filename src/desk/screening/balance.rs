//! Even loads under recusals (issue 15 item 3): after `plan` has given each film its screeners, chains
//! of moves even the loads out as far as the recusals and credits allow, and when they cannot be
//! within one, `uneven` says which screeners and which films stand in the way.

use super::assign::{Plan, PlanInput};

/// Evens the loads out by chains of moves: a new assignment of a screener with too many films goes to
/// a second screener, one of theirs to a third, … until a screener with two fewer films than the first
/// takes one (each screener on the way keeps their load). One move at a time is not enough under
/// overlapping recusals: the least-loaded screener may be kept off every film of the most-loaded one
/// while a third screener could pass one on. The search stops when no chain joins any two screeners
/// whose loads differ by two or more; then no assignment of these films has loads closer together (a
/// chain is the augmenting path of the flow problem, and a flow without such paths is balanced at
/// both ends), so "loads within one" holds whenever it can. Only assignments made by this plan move,
/// never ones that were there before.
pub(super) fn repair(
    input: &PlanInput,
    screeners_of: &mut [Vec<usize>],
    load: &mut [usize],
    added: &mut [(usize, usize)],
) {
    let m = load.len();
    // Each screener's entries in `added`, kept up to date as films move.
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); m];
    for (a, &(_, s)) in added.iter().enumerate() {
        held[s].push(a);
    }
    loop {
        let mut from: Vec<usize> = (0..m).collect();
        from.sort_by_key(|&s| std::cmp::Reverse(load[s]));
        let lowest = load.iter().copied().min().unwrap_or(0);
        let chain = from
            .into_iter()
            .take_while(|&s| load[s] >= lowest + 2)
            .find_map(|s| chain_from(input, screeners_of, load, added, &held, s));
        let Some(chain) = chain else {
            return;
        };
        // Along the chain: entry `a` moves from screener `s` to `t`.
        for &(a, s, t) in &chain {
            let i = added[a].0;
            added[a].1 = t;
            if let Some(slot) = screeners_of[i].iter_mut().find(|x| **x == s) {
                *slot = t;
            }
            held[s].retain(|&x| x != a);
            held[t].push(a);
        }
        // The first screener of the chain gives one, the last takes one; the others keep theirs.
        if let (Some(&(_, first, _)), Some(&(_, _, last))) = (chain.first(), chain.last()) {
            load[first] -= 1;
            load[last] += 1;
        }
    }
}

/// A chain of moves (breadth first, so the shortest) from screener `start` to one with at least two
/// fewer films: each step is (entry in `added`, from, to).
fn chain_from(
    input: &PlanInput,
    screeners_of: &[Vec<usize>],
    load: &[usize],
    added: &[(usize, usize)],
    held: &[Vec<usize>],
    start: usize,
) -> Option<Vec<(usize, usize, usize)>> {
    let m = load.len();
    let mut came: Vec<Option<(usize, usize)>> = vec![None; m];
    let mut seen = vec![false; m];
    seen[start] = true;
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(s) = queue.pop_front() {
        for &a in &held[s] {
            let i = added[a].0;
            for t in 0..m {
                if seen[t] || screeners_of[i].contains(&t) || input.blocked.contains(&(t, i)) {
                    continue;
                }
                seen[t] = true;
                came[t] = Some((a, s));
                if load[t] + 2 <= load[start] {
                    let mut chain = Vec::new();
                    let mut at = t;
                    while let Some((a, s)) = came[at] {
                        chain.push((a, s, at));
                        at = s;
                    }
                    chain.reverse();
                    return Some(chain);
                }
                queue.push_back(t);
            }
        }
    }
    None
}

/// When two loads stay two or more apart: the most-loaded screener, the least-loaded one, and the
/// films that keep them apart: every film held by the most-loaded screener, or by a screener one of
/// its films could go to (and so on), that the least-loaded screener may not take (blocked) — the
/// films a chain would have to pass through. `None` when the loads are within one.
pub fn uneven(input: &PlanInput, plan: &Plan) -> Option<(usize, usize, Vec<usize>)> {
    let m = input.screeners;
    let mut load = vec![0usize; m];
    for list in &plan.screeners_of {
        for &s in list {
            load[s] += 1;
        }
    }
    let hi = (0..m).max_by_key(|&s| (load[s], std::cmp::Reverse(s)))?;
    let lo = (0..m).min_by_key(|&s| (load[s], s))?;
    if load[hi] < load[lo] + 2 {
        return None;
    }
    // The screeners the most-loaded one's films can reach by moves.
    let mut reach = vec![false; m];
    reach[hi] = true;
    let mut stack = vec![hi];
    while let Some(s) = stack.pop() {
        for (i, list) in plan.screeners_of.iter().enumerate() {
            if !list.contains(&s) {
                continue;
            }
            for (t, reached) in reach.iter_mut().enumerate() {
                if !*reached && !list.contains(&t) && !input.blocked.contains(&(t, i)) {
                    *reached = true;
                    stack.push(t);
                }
            }
        }
    }
    let films = plan
        .screeners_of
        .iter()
        .enumerate()
        .filter(|(i, list)| {
            list.iter().any(|&s| reach[s] && s != lo) && input.blocked.contains(&(lo, *i))
        })
        .map(|(i, _)| i)
        .collect();
    Some((hi, lo, films))
}

#[cfg(test)]
#[path = "balance_tests.rs"]
mod tests;
