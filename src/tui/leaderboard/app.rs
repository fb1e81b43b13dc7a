//! How the desk opens the leaderboard and passes it its keys. The leaderboard reads every key itself
//! (its search takes any text), through the keymap's leaderboard context.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Leaderboard;
use super::close::CloseQuestion;
use crate::tui::actions::{Action, Context};
use crate::tui::app::{App, Popup};
use crate::tui::search_line::SearchEdit;

impl App {
    /// `l`: the open round's leaderboard, from the tally the desk holds (no read of the store). The
    /// submissions pane's rows are read to the end first: the search and the sort columns are theirs.
    pub(in crate::tui) fn open_leaderboard(&mut self) {
        self.submissions.finish();
        let Some(round) = self.submissions.round.as_ref() else {
            self.message = Some(self.no_open_round());
            return;
        };
        let board = Leaderboard::new(
            &round.edition.code,
            &round.tally,
            self.submissions.rows(),
            self.submissions.search_index(),
        );
        self.popup = Some(Popup::Board(Box::new(board)));
    }

    /// A key while the leaderboard is open.
    pub(in crate::tui) fn leaderboard_key(&mut self, key: KeyEvent) {
        let height = super::view::body_height(self.size);
        let Some(Popup::Board(board)) = &mut self.popup else {
            return;
        };
        let rows = self.submissions.rows();
        let index = self.submissions.search_index();
        board.message = None;
        // While a search is typed, every printable key is text.
        if board.search.typing {
            let edit = match key.code {
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.quit = true;
                    return;
                }
                KeyCode::Enter => SearchEdit::Done,
                KeyCode::Esc => SearchEdit::Clear,
                KeyCode::Backspace => SearchEdit::Erase,
                KeyCode::Char(c) => SearchEdit::Type(c),
                _ => return,
            };
            board.edit_search(edit, rows, index);
            return;
        }
        let key = crate::tui::keymap::with_ascii_digits(key);
        let Some(action) = self.keymap.action_for(key, Context::Board) else {
            return;
        };
        if !matches!(action, Action::Digit | Action::DecimalPoint | Action::Erase) {
            board.end_typing();
        }
        let len = board.view.len();
        let page = height.max(1).cast_signed();
        match action {
            Action::Quit => self.quit = true,
            Action::Back if board.search.is_shown() => {
                board.edit_search(SearchEdit::Clear, rows, index);
            }
            Action::Back => self.popup = None,
            Action::Search => board.edit_search(SearchEdit::Start, rows, index),
            Action::SortNext => board.next_sort(rows, index),
            Action::SortReverse => board.reverse(rows, index),
            Action::Normalise => {
                if let Some(round) = &self.submissions.round {
                    board.switch_normalisation(&round.tally, rows, index);
                }
            }
            Action::CutMore => board.cut_more(),
            Action::CutFewer => board.cut_fewer(),
            Action::CutMode => board.switch_cut(),
            Action::Digit | Action::DecimalPoint => {
                if let KeyCode::Char(c) = key.code {
                    board.type_cut(c);
                }
            }
            Action::Erase => board.erase_cut(),
            Action::Up => board.pos.step(-1, len, height),
            Action::Down => board.pos.step(1, len, height),
            Action::PageUp => board.pos.step(-page, len, height),
            Action::PageDown => board.pos.step(page, len, height),
            Action::HalfPageUp => board.pos.step(-(page / 2).max(1), len, height),
            Action::HalfPageDown => board.pos.step((page / 2).max(1), len, height),
            Action::Top => board.pos.to_top(),
            Action::Bottom => board.pos.to_bottom(len, height),
            Action::CloseRound => self.ask_close_round(),
            _ => {}
        }
    }

    /// `C`: the question before the round is closed at the cut on screen. The cut is drawn on the
    /// scores shown; the round closes on its own normalisation, so the two must agree first.
    fn ask_close_round(&mut self) {
        let Some(Popup::Board(board)) = self.popup.take() else {
            return;
        };
        if board.normalise != board.closes_with {
            let key = self.keymap.first_key_label("board-normalise");
            let mut board = board;
            board.message = Some(format!(
                "round {} closes on {} scores (its setting), and the board shows {}: {key} shows them before closing",
                board.round,
                normalisation_word(board.closes_with),
                normalisation_word(board.normalise),
            ));
            self.popup = Some(Popup::Board(board));
            return;
        }
        self.popup = Some(Popup::CloseRound(Box::new(CloseQuestion::new(*board))));
    }
}

/// "raw" or "z-normalised".
pub(super) fn normalisation_word(n: crate::domain::Normalisation) -> &'static str {
    match n {
        crate::domain::Normalisation::None => "raw",
        crate::domain::Normalisation::Z => "z-normalised",
    }
}
