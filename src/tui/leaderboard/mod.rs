//! The open round's leaderboard on the desk (issue 15 item 7, docs/screening.md#leaderboard): best
//! first, ranks shared by ties (marked `=`), the cut line drawn where `screening close` would cut
//! (top N or a threshold, set with `+`/`-` or typed), raw or z-normalised scores, and the
//! submissions pane's `/` search and sort columns over it.
//!
//! The board is computed once from the `RoundTally` the desk holds (when the view opens and when the
//! normalisation changes), never from the store; a search keystroke or a sort only reorders indices
//! into it. Search and sort are the submissions pane's own: the same `SubmissionQuery` matched over
//! the same `SearchIndex`, the same sort keys and collation, read through each film's row in the pane.

pub(in crate::tui) mod app;
pub(in crate::tui) mod close;
pub(in crate::tui) mod view;

use std::collections::HashMap;

use crate::desk::screening::{Board, CutSplit, RoundTally};
use crate::desk::{SearchIndex, SortKey, SubmissionSummary};
use crate::domain::{Cut, Normalisation, Tenths, parse_tenths};

use super::list::ListPosition;
use super::search_line::{SearchEdit, SearchLine};

/// What the leaderboard is ordered by: its rank, or one of the submissions pane's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardSort {
    Rank,
    Column(SortKey),
}

/// The order `s` cycles through: the rank, then the pane's columns in the pane's order.
const SORTS: [BoardSort; 9] = [
    BoardSort::Rank,
    BoardSort::Column(SortKey::Title),
    BoardSort::Column(SortKey::Director),
    BoardSort::Column(SortKey::Country),
    BoardSort::Column(SortKey::Year),
    BoardSort::Column(SortKey::Section),
    BoardSort::Column(SortKey::Status),
    BoardSort::Column(SortKey::Submitted),
    BoardSort::Column(SortKey::Id),
];

/// The leaderboard as the desk shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaderboard {
    pub edition: String,
    pub round: u32,
    pub round_name: String,
    /// The normalisation the round closes with (its own setting).
    pub closes_with: Normalisation,
    /// The normalisation on screen (`z` switches).
    pub normalise: Normalisation,
    pub board: Board,
    /// Each board row's position in the submissions pane's rows (`None`: not there).
    at: Vec<Option<usize>>,
    /// A pane position → its board row.
    board_of: HashMap<usize, usize>,
    /// Board rows whose rank another row shares.
    tied: Vec<bool>,
    /// Board rows on view, in order.
    pub view: Vec<usize>,
    pub search: SearchLine,
    pub problem: Option<String>,
    pub sort: BoardSort,
    pub descending: bool,
    pub cut: Cut,
    /// The cut being typed (digits, and a point for a threshold).
    typed: Option<String>,
    pub split: CutSplit,
    pub pos: ListPosition,
    /// What the last key did wrong or changed.
    pub message: Option<String>,
}

impl Leaderboard {
    /// The board of `tally` under the round's own normalisation, every film on view, best first,
    /// cut at the top tenth of the round's films (at least one) until the secretary moves it.
    pub fn new(
        edition: &str,
        tally: &RoundTally,
        rows: &[SubmissionSummary],
        index: &SearchIndex,
    ) -> Leaderboard {
        let films = tally.round.submission_ids.len();
        let top = u32::try_from(films.div_ceil(10).max(1)).unwrap_or(u32::MAX);
        let mut board = Leaderboard {
            edition: edition.to_string(),
            round: tally.round.number,
            round_name: tally.round.name.clone(),
            closes_with: tally.round.normalisation,
            normalise: tally.round.normalisation,
            board: Board {
                rows: Vec::new(),
                ranked: 0,
            },
            at: Vec::new(),
            board_of: HashMap::new(),
            tied: Vec::new(),
            view: Vec::new(),
            search: SearchLine::default(),
            problem: None,
            sort: BoardSort::Rank,
            descending: false,
            cut: Cut::Top(top),
            typed: None,
            split: CutSplit::default(),
            pos: ListPosition::default(),
            message: None,
        };
        board.compute(tally, rows, index);
        board
    }

    /// (Re)computes the board under `self.normalise` and everything that hangs on it.
    fn compute(&mut self, tally: &RoundTally, rows: &[SubmissionSummary], index: &SearchIndex) {
        self.board = tally.board(self.normalise);
        // The pane's rows are in id order: a binary search finds each film's row.
        self.at = self
            .board
            .rows
            .iter()
            .map(|r| rows.binary_search_by_key(&r.id, SubmissionSummary::id).ok())
            .collect();
        self.board_of = self
            .at
            .iter()
            .enumerate()
            .filter_map(|(b, at)| at.map(|p| (p, b)))
            .collect();
        let rank = |i: usize| self.board.rows.get(i).and_then(|r| r.rank);
        self.tied = (0..self.board.rows.len())
            .map(|i| {
                rank(i).is_some()
                    && (rank(i) == rank(i + 1)
                        || i.checked_sub(1).is_some_and(|p| rank(p) == rank(i)))
            })
            .collect();
        self.split = self.board.split(self.cut);
        self.refilter(rows, index);
    }

    /// `z`: raw scores ↔ z-normalised ones.
    pub fn switch_normalisation(
        &mut self,
        tally: &RoundTally,
        rows: &[SubmissionSummary],
        index: &SearchIndex,
    ) {
        self.normalise = match self.normalise {
            Normalisation::None => Normalisation::Z,
            Normalisation::Z => Normalisation::None,
        };
        self.compute(tally, rows, index);
    }

    /// Whether board row `b` passes the cut.
    pub fn passes(&self, b: usize) -> bool {
        b < self.split.passed
    }

    /// Whether board row `b` shares its rank.
    pub fn is_tied(&self, b: usize) -> bool {
        self.tied.get(b).copied().unwrap_or(false)
    }

    /// Board row `b`'s row in the submissions pane.
    pub fn pane_row(&self, b: usize) -> Option<usize> {
        self.at.get(b).copied().flatten()
    }

    /// Applies an edit of the search line and recomputes the view.
    pub fn edit_search(
        &mut self,
        edit: SearchEdit,
        rows: &[SubmissionSummary],
        index: &SearchIndex,
    ) {
        self.search.apply(edit);
        if !matches!(edit, SearchEdit::Start | SearchEdit::Done) {
            self.refilter(rows, index);
            self.pos = ListPosition::default();
        }
    }

    /// `s` and `S`: the next order, or the other direction.
    pub fn next_sort(&mut self, rows: &[SubmissionSummary], index: &SearchIndex) {
        let at = SORTS.iter().position(|&k| k == self.sort).unwrap_or(0);
        self.sort = SORTS[(at + 1) % SORTS.len()];
        self.refilter(rows, index);
    }

    pub fn reverse(&mut self, rows: &[SubmissionSummary], index: &SearchIndex) {
        self.descending = !self.descending;
        self.refilter(rows, index);
    }

    /// The rows on view: the board's rows that the pane's query keeps, in the chosen order. The
    /// query and the order are the pane's (`SubmissionQuery`), read through each film's pane row.
    fn refilter(&mut self, rows: &[SubmissionSummary], index: &SearchIndex) {
        let Some(mut query) = self.search.submission_query(&mut self.problem) else {
            return;
        };
        let mut view: Vec<usize> = (0..self.board.rows.len())
            .filter(|&b| {
                !query.filters()
                    || self
                        .pane_row(b)
                        .is_some_and(|p| query.keeps_at(index, rows, p))
            })
            .collect();
        match self.sort {
            BoardSort::Rank => {}
            BoardSort::Column(key) => {
                query.sort = key;
                query.descending = false;
                // Films not in the pane (none, once the pane has read the edition) go last.
                let mut positions: Vec<usize> =
                    view.iter().filter_map(|&b| self.pane_row(b)).collect();
                query.sort(rows, &mut positions);
                let mut sorted: Vec<usize> = positions
                    .iter()
                    .filter_map(|p| self.board_of.get(p).copied())
                    .collect();
                sorted.extend(view.iter().copied().filter(|&b| self.pane_row(b).is_none()));
                view = sorted;
            }
        }
        if self.descending {
            view.reverse();
        }
        self.view = view;
    }

    /// `+`: one more film passes (a top N one larger; a threshold a tenth lower).
    pub fn cut_more(&mut self) {
        self.typed = None;
        self.set_cut(match self.cut {
            Cut::Top(n) => Cut::Top(n.saturating_add(1)),
            Cut::Threshold(t) => Cut::Threshold(t.saturating_sub(1)),
        });
    }

    /// `-`: one film fewer (a top N one smaller; a threshold a tenth higher).
    pub fn cut_fewer(&mut self) {
        self.typed = None;
        self.set_cut(match self.cut {
            Cut::Top(n) => Cut::Top(n.saturating_sub(1)),
            Cut::Threshold(t) => Cut::Threshold(t.saturating_add(1)),
        });
    }

    /// `c`: a top N ↔ a threshold, starting where the line is now (the threshold is the last
    /// passing film's score, the top N how many pass).
    pub fn switch_cut(&mut self) {
        self.typed = None;
        let cut = match self.cut {
            Cut::Top(_) => {
                let last = self.split.passed.checked_sub(1);
                let score = last
                    .and_then(|b| self.board.rows.get(b))
                    .and_then(|r| r.score)
                    .unwrap_or(0.0);
                Cut::Threshold(tenths_at_or_below(score))
            }
            Cut::Threshold(_) => Cut::Top(u32::try_from(self.split.passed).unwrap_or(u32::MAX)),
        };
        self.set_cut(cut);
    }

    /// A digit or a point typed: the cut is the number typed so far (`20` is the top 20; `7.5` a
    /// threshold of 7.5). Another key ends the number; the next digit starts a new one.
    pub fn type_cut(&mut self, c: char) {
        let mut typed = self.typed.take().unwrap_or_default();
        typed.push(c);
        let cut = match self.cut {
            Cut::Top(_) => crate::text::digits::parse_number::<u32>(&typed)
                .ok()
                .map(Cut::Top),
            Cut::Threshold(_) => parse_tenths(&typed).map(Cut::Threshold),
        };
        match cut {
            Some(cut) => {
                self.set_cut(cut);
                self.typed = Some(typed);
            }
            None if typed.ends_with('.') && matches!(self.cut, Cut::Threshold(_)) => {
                self.typed = Some(typed);
            }
            None => {
                self.message = Some(format!(
                    "'{typed}' is not a cut: type how many films pass (top N), or c for a threshold such as 7.5"
                ));
            }
        }
    }

    /// Backspace while a cut is typed: its last character.
    pub fn erase_cut(&mut self) {
        let Some(mut typed) = self.typed.take() else {
            return;
        };
        typed.pop();
        if typed.is_empty() {
            return;
        }
        let cut = match self.cut {
            Cut::Top(_) => crate::text::digits::parse_number::<u32>(&typed)
                .ok()
                .map(Cut::Top),
            Cut::Threshold(_) => parse_tenths(typed.trim_end_matches('.')).map(Cut::Threshold),
        };
        if let Some(cut) = cut {
            self.set_cut(cut);
        }
        self.typed = Some(typed);
    }

    /// A key other than the cut's: the number typed is done.
    pub fn end_typing(&mut self) {
        self.typed = None;
    }

    /// The number being typed, if one is.
    pub fn typed(&self) -> Option<&str> {
        self.typed.as_deref()
    }

    fn set_cut(&mut self, cut: Cut) {
        self.cut = cut;
        self.split = self.board.split(cut);
    }

    /// Where the cut line stands among the rows on view: the line goes before view row `i` when the
    /// rows on either side of it fall on different sides of the cut (in the rank order only).
    pub fn line_before(&self) -> Option<usize> {
        if self.sort != BoardSort::Rank {
            return None;
        }
        let side = |i: usize| self.passes(self.view[i]);
        (1..self.view.len())
            .find(|&i| side(i) != side(i - 1))
            .or_else(|| {
                // Every row on view on one side: the line is at the end the cut is at.
                match self.view.first().map(|&b| self.passes(b)) {
                    Some(true) if !self.descending => Some(self.view.len()),
                    Some(false) if self.descending => Some(self.view.len()),
                    Some(_) => Some(0),
                    None => None,
                }
            })
    }

    /// The cut in words, with what it does: "top 20: 22 pass (2 tied at the cut), 1851 fail (12
    /// not rated)".
    pub fn cut_text(&self) -> String {
        let s = self.split;
        let tied = if s.tied_in > 0 {
            format!(" ({} tied at the cut)", s.tied_in)
        } else {
            String::new()
        };
        let unrated = if s.unrated > 0 {
            format!(" ({} not rated)", s.unrated)
        } else {
            String::new()
        };
        format!(
            "{}: {} pass{tied}, {} fail{unrated}",
            crate::desk::screening::describe_cut(self.cut),
            s.passed,
            s.failed
        )
    }
}

/// A score in tenths, rounded down (so the film with that score still passes the threshold).
fn tenths_at_or_below(score: f64) -> Tenths {
    let tenths = (score * 10.0 + 1e-9).floor().max(0.0);
    // A score is at most the scale's top (a few hundred tenths at most).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let tenths = tenths.min(f64::from(u32::MAX)) as Tenths;
    tenths
}
