//! The yes/no question before a deletion (`d`), or before nominating a film that is out of the running.
//! What the question is about, how the desk asks it and what yes does are here; how it is drawn,
//! `view`.

pub mod view;

use crate::desk::DeskError;
use crate::tui::app::{App, Pane, Popup};
use crate::tui::nominate::NominatePicker;

/// What a confirmed deletion removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteTarget {
    Submission(u64),
    Edition(String),
    /// A category of the edition (code), by id.
    Category {
        edition: String,
        category: u64,
    },
    /// A nominee of a category, by the category's id and the nominee's number.
    Nominee {
        edition: String,
        category: u64,
        number: u32,
    },
    /// A juror of the edition, by id.
    Juror {
        edition: String,
        juror: u64,
    },
    /// Not a deletion: nominating a submission that is out of the running (withdrawn…), asked
    /// first; yes opens the category picker, which then nominates it anyway.
    NominateAnyway(Box<NominatePicker>),
}

impl App {
    /// Asks before deleting what is selected in the focused pane (naming what goes with it).
    pub(in crate::tui) fn ask_delete(&mut self) {
        let (question, target) = match self.focus {
            Pane::Submissions => match self.selected_submission() {
                Some(row) => (
                    format!(
                        "Delete submission {} \"{}\"? (undo brings it back)",
                        row.id(),
                        row.title()
                    ),
                    DeleteTarget::Submission(row.id()),
                ),
                None => return,
            },
            Pane::Editions => match self.selected_edition() {
                Some(view) => (
                    format!(
                        "Delete edition {}? Only an empty edition can go.",
                        view.edition.code
                    ),
                    DeleteTarget::Edition(view.edition.code.clone()),
                ),
                None => return,
            },
            Pane::Nominations => match self.nominations_delete_question() {
                Some(asked) => asked,
                None => return,
            },
        };
        self.popup = Some(Popup::Confirm { question, target });
    }

    /// Yes to the question: the deletion (or the nomination asked about) is done.
    pub(in crate::tui) fn confirm_delete(&mut self) -> Result<(), DeskError> {
        let Some(Popup::Confirm { target, .. }) = self.popup.take() else {
            return Ok(());
        };
        if let DeleteTarget::NominateAnyway(mut picker) = target {
            picker.force = true;
            self.popup = Some(Popup::Nominate(picker));
            return Ok(());
        }
        self.message = Some(match target {
            DeleteTarget::NominateAnyway(_) => return Ok(()),
            DeleteTarget::Submission(id) => {
                self.desk.delete_submission(id)?;
                format!("deleted submission {id} (u undoes)")
            }
            DeleteTarget::Edition(code) => {
                self.desk.delete_edition(&code)?;
                format!("deleted edition {code} (u undoes)")
            }
            DeleteTarget::Category { edition, category } => {
                let removal = self.desk.delete_category(&edition, &category.to_string())?;
                format!("deleted {} (u undoes)", removal.summary)
            }
            DeleteTarget::Nominee {
                edition,
                category,
                number,
            } => {
                let removal = self.desk.delete_nomination(
                    &edition,
                    &category.to_string(),
                    &number.to_string(),
                )?;
                format!("deleted {} (u undoes)", removal.summary)
            }
            DeleteTarget::Juror { edition, juror } => {
                let removal = self.desk.delete_juror(&edition, &juror.to_string())?;
                format!("deleted {} (u undoes)", removal.summary)
            }
        });
        let keep = self.submissions_pos;
        let keep_row = self.categories_pos.selected;
        self.reload_editions()?;
        self.restore_submissions_position(keep);
        if self.focus == Pane::Nominations {
            // Stay where the removed row was (on the row that took its place).
            self.categories_pos.selected =
                keep_row.min(self.nomination_rows.len().saturating_sub(1));
            self.keep_selections_in_view();
        }
        Ok(())
    }
}
