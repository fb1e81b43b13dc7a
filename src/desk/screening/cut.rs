//! Where a cut falls on a leaderboard: the one rule `screening close` applies and the desk's
//! leaderboard draws, so the line on the screen is where a close would cut. The passing films are
//! always the board's first rows (the board is best first, unrated films last), so a cut is a count.

use super::board::{Board, BoardRow};
use crate::domain::Cut;

/// Scores this close to a threshold count as on it (floating-point rounding of a weighted mean).
const ON_THE_LINE: f64 = 1e-9;

/// How a cut splits a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CutSplit {
    /// Films that pass: the board's first `passed` rows.
    pub passed: usize,
    /// Films that fail, the unrated ones included.
    pub failed: usize,
    /// Films nobody rated (they fail).
    pub unrated: usize,
    /// Films past the top N that pass because they tie with the Nth.
    pub tied_in: usize,
}

/// Whether a row passes `cut`: a rank within the top N (ties share a rank, so a tie at the Nth
/// passes whole), or a score at or above the threshold; a film nobody rated never passes.
pub fn passes(cut: Cut, row: &BoardRow) -> bool {
    match (cut, row.score, row.rank) {
        (_, None, _) | (_, _, None) => false,
        (Cut::Top(n), _, Some(rank)) => rank <= n,
        (Cut::Threshold(t), Some(score), _) => score * 10.0 + ON_THE_LINE >= f64::from(t),
    }
}

impl Board {
    /// How `cut` splits this board (see `passes`).
    pub fn split(&self, cut: Cut) -> CutSplit {
        let passed = self.rows.partition_point(|row| passes(cut, row));
        let unrated = self.rows.len() - self.ranked;
        let tied_in = match cut {
            Cut::Top(n) => passed.saturating_sub(usize::try_from(n).unwrap_or(usize::MAX)),
            Cut::Threshold(_) => 0,
        };
        CutSplit {
            passed,
            failed: self.rows.len() - passed,
            unrated,
            tied_in,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: u64, rank: Option<u32>, score: Option<f64>) -> BoardRow {
        BoardRow {
            rank,
            id,
            title: format!("film {id}"),
            score,
            ratings: usize::from(score.is_some()),
            coverage: 2,
        }
    }

    fn board() -> Board {
        // 8.0, 7.5, 7.5 (tied 2nd), 6.0, then one unrated.
        Board {
            rows: vec![
                row(1, Some(1), Some(8.0)),
                row(2, Some(2), Some(7.5)),
                row(3, Some(2), Some(7.5)),
                row(4, Some(4), Some(6.0)),
                row(5, None, None),
            ],
            ranked: 4,
        }
    }

    #[test]
    fn a_tie_at_the_top_n_passes_whole() {
        let split = board().split(Cut::Top(2));
        assert_eq!(
            split,
            CutSplit {
                passed: 3,
                failed: 2,
                unrated: 1,
                tied_in: 1
            }
        );
        assert_eq!(board().split(Cut::Top(1)).passed, 1);
        assert_eq!(board().split(Cut::Top(0)).passed, 0);
        // More than the board: every rated film, never the unrated one.
        assert_eq!(board().split(Cut::Top(100)).passed, 4);
        assert_eq!(board().split(Cut::Top(100)).tied_in, 0);
    }

    #[test]
    fn a_threshold_takes_scores_on_the_line() {
        assert_eq!(board().split(Cut::Threshold(75)).passed, 3);
        assert_eq!(board().split(Cut::Threshold(76)).passed, 1);
        assert_eq!(board().split(Cut::Threshold(0)).passed, 4);
        // 7.499999999 is 7.5 for a cut (a weighted mean's rounding).
        let mut b = board();
        b.rows[2].score = Some(7.5 - 1e-12);
        assert_eq!(b.split(Cut::Threshold(75)).passed, 3);
    }
}
