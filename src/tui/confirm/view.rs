//! The question drawn in a small box, with its two answers.

use ratatui::Frame;
use ratatui::text::Line;

use crate::text::for_terminal;
use crate::tui::view::popups::small_box;

pub fn confirm(frame: &mut Frame, question: &str) {
    small_box(
        frame,
        "Confirm",
        question
            .lines()
            .map(|line| Line::from(format!(" {} ", for_terminal(line))))
            .collect(),
        " y:yes  n:no ",
    );
}
