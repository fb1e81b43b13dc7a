//! Closing the open round from the leaderboard: the question says how many films go each way, the
//! statuses they go to (the command line's defaults, `p` and `f` change them), and `y` closes through
//! `Desk::close_round`, the call `screening close` makes: one logged change, which the desk's undo
//! takes back. `n` or Esc goes back to the leaderboard with nothing changed; a refusal (a closed
//! round, a finalized edition) is shown in the question.

use super::Leaderboard;
use crate::desk::DeskError;
use crate::domain::SubmissionStatus;
use crate::tui::app::{App, Popup};

/// The question before a close, with the leaderboard to go back to.
#[derive(Debug, Clone, PartialEq)]
pub struct CloseQuestion {
    pub board: Leaderboard,
    pub pass: SubmissionStatus,
    pub fail: SubmissionStatus,
    /// Why the close was refused, when it was.
    pub message: Option<String>,
}

impl CloseQuestion {
    /// `screening close`'s defaults: shortlisted and not-selected.
    pub fn new(board: Leaderboard) -> CloseQuestion {
        CloseQuestion {
            board,
            pass: SubmissionStatus::Shortlisted,
            fail: SubmissionStatus::NotSelected,
            message: None,
        }
    }

    /// The question's lines.
    pub fn lines(&self) -> Vec<String> {
        let b = &self.board;
        let s = b.split;
        let mut lines = vec![
            format!(
                "Close round {} \"{}\" of {} at the {}?",
                b.round,
                b.round_name,
                b.edition,
                crate::desk::screening::describe_cut(b.cut)
            ),
            String::new(),
            format!("  {:>6} pass → {}", s.passed, self.pass),
            format!("  {:>6} fail → {}", s.failed, self.fail),
        ];
        if s.tied_in > 0 {
            lines.push(format!("  {} tied at the cut pass together", s.tied_in));
        }
        if s.unrated > 0 {
            lines.push(format!("  {} not rated fail", s.unrated));
        }
        lines.push(String::new());
        lines.push(format!(
            "Scores: {}. One logged change: u undoes it.",
            super::app::normalisation_word(b.closes_with)
        ));
        lines.push("p: pass status   f: fail status".into());
        if let Some(m) = &self.message {
            lines.push(String::new());
            lines.push(m.clone());
        }
        lines
    }
}

/// The status after `status` in the list, skipping `other` (pass and fail must differ).
fn next_status(status: SubmissionStatus, other: SubmissionStatus) -> SubmissionStatus {
    let all = SubmissionStatus::ALL;
    let at = all.iter().position(|&s| s == status).unwrap_or(0);
    (1..=all.len())
        .map(|k| all[(at + k) % all.len()])
        .find(|&s| s != other)
        .unwrap_or(status)
}

impl App {
    /// `p` / `f`: the next pass or fail status.
    pub(in crate::tui) fn close_round_status(&mut self, pass: bool) {
        if let Some(Popup::CloseRound(q)) = &mut self.popup {
            if pass {
                q.pass = next_status(q.pass, q.fail);
            } else {
                q.fail = next_status(q.fail, q.pass);
            }
            q.message = None;
        }
    }

    /// `n` / Esc: back to the leaderboard, nothing changed.
    pub(in crate::tui) fn close_round_cancelled(&mut self) {
        if let Some(Popup::CloseRound(q)) = self.popup.take() {
            self.popup = Some(Popup::Board(Box::new(q.board)));
        }
    }

    /// `y`: closes the round through the desk, then reads the edition again (statuses changed, the
    /// round is no longer open).
    pub(in crate::tui) fn close_round_confirmed(&mut self) -> Result<(), DeskError> {
        let Some(Popup::CloseRound(q)) = &mut self.popup else {
            return Ok(());
        };
        let b = &q.board;
        let closed = match self
            .desk
            .close_round(&b.edition, b.round, b.cut, q.pass, q.fail)
        {
            Ok(closed) => closed,
            Err(e) => {
                q.message = Some(e.desk_text());
                return Ok(());
            }
        };
        let tied = if closed.tied_in > 0 {
            format!("; {} tied at the cut passed together", closed.tied_in)
        } else {
            String::new()
        };
        let undo = self.keymap.first_key_label("undo");
        let said = format!(
            "closed round {} of {}: {} film(s) to {}, {} to {}{tied} ({undo} undoes)",
            closed.round, b.edition, closed.passed, closed.pass, closed.failed, closed.fail
        );
        self.popup = None;
        let keep = self.submissions_pos;
        self.reload_editions()?;
        self.restore_submissions_position(keep);
        self.message = Some(said);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_status_skips_the_other_side() {
        use SubmissionStatus::*;
        assert_eq!(next_status(Shortlisted, NotSelected), Selected);
        assert_eq!(next_status(Selected, NotSelected), Withdrawn);
        assert_eq!(next_status(Disqualified, Received), Eligible);
        assert_eq!(next_status(Received, Eligible), Ineligible);
    }
}
