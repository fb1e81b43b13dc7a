//! The status menu of a submission (`x`): the statuses of docs/domain.md#submission-status, the
//! current one first under the cursor; Enter sets the chosen one. How the desk opens it and answers
//! its keys is here; how it is drawn, `view`.

pub mod view;

use crate::desk::DeskError;
use crate::domain::SubmissionStatus;
use crate::tui::actions::Action;
use crate::tui::app::{App, Pane, Popup};

/// The menu's state: which submission, and the status under the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMenu {
    pub submission_id: u64,
    pub title: String,
    pub cursor: usize,
}

impl App {
    /// Opens the menu on the selected submission, its current status under the cursor.
    pub(in crate::tui) fn open_status_menu(&mut self) {
        if self.focus != Pane::Submissions {
            return;
        }
        if let Some(row) = self.selected_submission() {
            let current = row.status();
            self.popup = Some(Popup::Status(StatusMenu {
                submission_id: row.id(),
                title: row.title().to_string(),
                cursor: SubmissionStatus::ALL
                    .iter()
                    .position(|&s| s == current)
                    .unwrap_or(0),
            }));
        }
    }

    /// Up and Down move the cursor; Enter sets the status and closes the menu.
    pub(in crate::tui) fn status_menu_key(&mut self, action: Action) -> Result<(), DeskError> {
        let Some(Popup::Status(menu)) = &mut self.popup else {
            return Ok(());
        };
        let last = SubmissionStatus::ALL.len() - 1;
        match action {
            Action::Up => menu.cursor = menu.cursor.saturating_sub(1),
            Action::Down => menu.cursor = (menu.cursor + 1).min(last),
            Action::Choose => {
                let (id, to) = (
                    menu.submission_id,
                    SubmissionStatus::ALL[menu.cursor.min(last)],
                );
                self.popup = None;
                let submission = self.desk.set_status(id, to, "", false)?;
                self.message = Some(format!(
                    "submission {} is now {}",
                    submission.id, submission.status
                ));
                let keep = self.submissions_pos;
                self.load_edition_contents()?;
                self.restore_submissions_position(keep);
            }
            _ => {}
        }
        Ok(())
    }
}
