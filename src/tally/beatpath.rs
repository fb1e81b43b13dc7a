//! What a Schulze count rests on (docs/counting.md#explanations): whether a Condorcet winner exists, a
//! majority cycle when none does, and the strongest path behind each of the winner's wins. Pure
//! functions over the pairwise counts `d` and the strongest paths `p` of `schulze.rs`.

use serde::{Deserialize, Serialize};

/// One win by beat-path: the strongest path from the winner to a nominee, against the path back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeatPath {
    /// The path, winner first, each step a pairwise win by `margin > 0`.
    pub path: Vec<usize>,
    /// Its strength: its weakest margin, `p[from][to]`.
    pub strength: i64,
    /// The strongest path back, `p[to][from]` (0: none).
    pub back: i64,
}

fn margin(d: &[Vec<u64>], i: usize, j: usize) -> i64 {
    d[i][j] as i64 - d[j][i] as i64
}

/// The nominee preferred to every other by more ballots than prefer the other, if any.
pub fn condorcet_winner(d: &[Vec<u64>]) -> Option<usize> {
    let n = d.len();
    (0..n).find(|&w| (0..n).all(|j| j == w || margin(d, w, j) > 0))
}

/// A shortest majority cycle (each nominee beats the next, the last beats the first), preferring one
/// through a nominee of `around`; empty when the pairwise wins have no cycle.
pub fn cycle(d: &[Vec<u64>], around: &[usize]) -> Vec<usize> {
    let n = d.len();
    let starts = around.iter().copied().chain(0..n);
    let mut best: Vec<usize> = Vec::new();
    for start in starts {
        if let Some(c) = path_where(d, start, start, 1) {
            if best.is_empty() || c.len() < best.len() {
                best = c;
            }
            if around.contains(&start) {
                return best;
            }
        }
    }
    best
}

/// The shortest path from `from` to `to` over links with margin ≥ `at_least` (breadth-first, lowest
/// index first); `from == to` looks for a cycle. The path lists `from` once, without repeating it at
/// the end of a cycle.
fn path_where(d: &[Vec<u64>], from: usize, to: usize, at_least: i64) -> Option<Vec<usize>> {
    let n = d.len();
    let mut before = vec![usize::MAX; n];
    let mut seen = vec![false; n];
    let mut queue = std::collections::VecDeque::from([from]);
    seen[from] = from != to;
    while let Some(i) = queue.pop_front() {
        for j in 0..n {
            if j == i || margin(d, i, j) < at_least {
                continue;
            }
            if j == to {
                let mut path = vec![i];
                let mut k = i;
                while k != from {
                    k = before[k];
                    path.push(k);
                }
                path.reverse();
                if from != to {
                    path.push(to);
                }
                return Some(path);
            }
            if !seen[j] {
                seen[j] = true;
                before[j] = i;
                queue.push_back(j);
            }
        }
    }
    None
}

/// The strongest path from `winner` to each other nominee it beats by beat-path, by nominee index.
pub fn wins(d: &[Vec<u64>], p: &[Vec<i64>], winner: usize) -> Vec<BeatPath> {
    (0..d.len())
        .filter(|&j| j != winner && p[winner][j] > p[j][winner])
        .filter_map(|j| {
            path_where(d, winner, j, p[winner][j]).map(|path| BeatPath {
                path,
                strength: p[winner][j],
                back: p[j][winner],
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A beats B by 3, B beats C by 1, C beats A by 5 (9 ballots: 4 ABC, 3 CAB, 2 BCA).
    fn rock_paper_scissors() -> Vec<Vec<u64>> {
        // A>B: 4+3 = 7 vs 2; B>C: 4+2 = 6 vs 3; C>A: 3+2 = 5 vs 4.
        vec![vec![0, 7, 4], vec![2, 0, 6], vec![5, 3, 0]]
    }

    #[test]
    fn a_cycle_has_no_condorcet_winner_and_is_found() {
        let d = rock_paper_scissors();
        assert_eq!(condorcet_winner(&d), None);
        assert_eq!(cycle(&d, &[0]), vec![0, 1, 2]);
        // Strongest paths: A→B 5, B→C 3, C→A 1; A→C via B = min(5, 3) = 3 against C→A 1.
        let p = super::super::schulze::strongest_paths(&d);
        let w = wins(&d, &p, 0);
        assert_eq!(w.len(), 2);
        assert_eq!(
            (w[0].path.clone(), w[0].strength, w[0].back),
            (vec![0, 1], 5, 1)
        );
        assert_eq!(
            (w[1].path.clone(), w[1].strength, w[1].back),
            (vec![0, 1, 2], 3, 1)
        );
    }

    #[test]
    fn a_condorcet_winner_has_no_cycle_through_it() {
        let d = vec![vec![0, 5, 5], vec![1, 0, 4], vec![1, 2, 0]];
        assert_eq!(condorcet_winner(&d), Some(0));
        assert!(cycle(&d, &[0]).is_empty());
    }
}
