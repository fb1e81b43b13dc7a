//! The status menu drawn: the statuses in a small box, the cursor's reversed.

use ratatui::Frame;
use ratatui::style::{Modifier, Stylize};
use ratatui::text::Line;

use super::StatusMenu;
use crate::domain::SubmissionStatus;
use crate::tui::view::popups::small_box;

pub fn render(frame: &mut Frame, menu: &StatusMenu) {
    let lines = SubmissionStatus::ALL
        .iter()
        .enumerate()
        .map(|(i, status)| {
            let line = Line::from(format!("  {:<14}", status.as_str()));
            if i == menu.cursor {
                line.add_modifier(Modifier::REVERSED)
            } else {
                line
            }
        })
        .collect();
    small_box(
        frame,
        &format!("Status of {}", menu.title),
        lines,
        " Enter:choose  Esc:close ",
    );
}
